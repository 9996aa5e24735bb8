// The export files, read back by parsers that did not write them: csv-parse for the CSV,
// ExcelJS for the .xlsx. And the module's promise to run on Workers: it bundles for a
// platform without Node built-ins, and the bundle makes a workbook inside real workerd.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { parse } from "csv-parse/sync";
import { build } from "esbuild";
import ExcelJS from "exceljs";
import { Miniflare } from "miniflare";
import { describe, expect, it } from "vitest";
import {
  attachment,
  CSV_TYPE,
  toCsv,
  toCsvSections,
  toXlsx,
  XLSX_TYPE,
  type Sheet,
} from "../../server/domain/spreadsheet.ts";

const MODULE = resolve(import.meta.dirname, "../../server/domain/spreadsheet.ts");

// 2026-03-12T08:00Z is 09:00 in Stockholm (winter time, UTC+1); 2026-07-01T08:00Z is 10:00
// (summer time, UTC+2). Both, so a fixed offset cannot pass.
const WINTER = new Date("2026-03-12T08:00:00Z");
const SUMMER = new Date("2026-07-01T08:00:00Z");

const participants: Sheet = {
  name: "Deltagare",
  columns: ["Namn", "Arbetsplats", "Timmar", "Antal", "Start", "Närvarade", "Notering"],
  rows: [
    ["Åsa Öberg", "Försäkringskassan; Halmstad", 3.5, 12, WINTER, true, 'Sa "hej" & <b>gick</b>'],
    ["Erik Ärlig", "Arbetsförmedlingen", 0.25, -4, SUMMER, false, "rad ett\nrad två"],
    ["=1+1", "+46 70 123 45 67", -3.5, 0, null, undefined, "-3,5"],
    ["@SUM(A1)", "-1", null, null, null, null, "\tflik"],
  ],
};

function parseCsv(text: string, extra: Record<string, unknown> = {}): string[][] {
  return parse(text, { delimiter: ";", bom: true, record_delimiter: "\r\n", ...extra }) as string[][];
}

describe("toCsv", () => {
  const csv = toCsv(participants);

  it("starts with a UTF-8 BOM and uses ';' and CRLF", () => {
    const bytes = new TextEncoder().encode(csv);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.startsWith("\uFEFFNamn;Arbetsplats;Timmar;Antal;Start;Närvarade;Notering\r\n")).toBe(true);
    expect(csv.endsWith("\r\n")).toBe(true);
    // The only bare LF is the one inside the quoted note.
    expect(csv.replace(/\r\n/g, "").split("\n")).toHaveLength(2);
    expect(CSV_TYPE).toBe("text/csv; charset=utf-8");
  });

  it("round-trips separators, quotes and line breaks through csv-parse", () => {
    const records = parseCsv(csv);
    expect(records).toHaveLength(5);
    expect(records[0]).toEqual(participants.columns);
    expect(records[1]?.[1]).toBe("Försäkringskassan; Halmstad");
    expect(records[1]?.[6]).toBe('Sa "hej" & <b>gick</b>');
    expect(records[2]?.[6]).toBe("rad ett\nrad två");
    expect(records[1]?.[0]).toBe("Åsa Öberg");
  });

  it("writes numbers with a decimal comma, booleans as ja/nej and empty cells empty", () => {
    const [, first, second, third] = parseCsv(csv);
    expect(first?.slice(2, 6)).toEqual(["3,5", "12", "2026-03-12 09.00", "ja"]);
    expect(second?.slice(2, 6)).toEqual(["0,25", "-4", "2026-07-01 10.00", "nej"]);
    expect(third?.slice(2, 6)).toEqual(["-3,5", "0", "", ""]);
  });

  it("guards text that a spreadsheet would run as a formula, but not plain negative numbers", () => {
    const [, , , third, fourth] = parseCsv(csv);
    expect(third?.[0]).toBe("'=1+1");
    expect(third?.[1]).toBe("'+46 70 123 45 67");
    expect(third?.[6]).toBe("-3,5");
    expect(fourth?.[0]).toBe("'@SUM(A1)");
    expect(fourth?.[1]).toBe("-1");
    expect(fourth?.[6]).toBe("'\tflik");
  });

  it("pads short rows to the header's width", () => {
    const records = parseCsv(toCsv({ name: "x", columns: ["a", "b", "c"], rows: [["1"]] }));
    expect(records).toEqual([
      ["a", "b", "c"],
      ["1", "", ""],
    ]);
  });
});

describe("toCsvSections", () => {
  it("puts each sheet's name on its own line, then its table, with a blank line between", () => {
    const text = toCsvSections([
      { name: "Mål 2026", columns: ["Mål", "Utfall"], rows: [["Arbetsplatser", 41]] },
      { name: "Per part; kommun", columns: ["Part", "Deltagare", "Andel"], rows: [["Halmstad", 17, 0.4]] },
    ]);
    expect(text.startsWith("\uFEFFMål 2026\r\nMål;Utfall\r\nArbetsplatser;41\r\n\r\n")).toBe(true);
    expect(text.match(/\uFEFF/g)).toHaveLength(1);
    const records = parseCsv(text, { relax_column_count: true, skip_empty_lines: true });
    expect(records).toEqual([
      ["Mål 2026"],
      ["Mål", "Utfall"],
      ["Arbetsplatser", "41"],
      ["Per part; kommun"],
      ["Part", "Deltagare", "Andel"],
      ["Halmstad", "17", "0,4"],
    ]);
  });
});

async function readXlsx(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  // ExcelJS wants a Node Buffer; the module itself hands out a plain Uint8Array.
  await wb.xlsx.load(Buffer.from(bytes) as never);
  return wb;
}

describe("toXlsx", () => {
  const sheets: Sheet[] = [
    { ...participants, widths: [24, 30] },
    { name: "Uppföljning 2026/2027", columns: ["Kurs", "Kvinnor", "Män"], rows: [["Samverkan i praktiken", 8, 3]] },
    { name: "deltagare", columns: ["Dubblett"], rows: [] },
    { name: "En väldigt lång rubrik på ett blad om [alla]: parter*?", columns: ["a"], rows: [] },
    { name: "  ", columns: ["a"], rows: [] },
  ];
  const bytes = toXlsx(sheets);

  it("is a zip that ExcelJS opens, with sheet names mended to Excel's rules", async () => {
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect([...bytes.slice(0, 2)]).toEqual([0x50, 0x4b]); // "PK"
    expect(XLSX_TYPE).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const wb = await readXlsx(bytes);
    const names = wb.worksheets.map((w) => w.name);
    expect(names).toEqual([
      "Deltagare",
      "Uppföljning 2026-2027",
      "deltagare (2)",
      "En väldigt lång rubrik på ett b",
      "Blad5",
    ]);
    for (const n of names) {
      expect(n.length).toBeLessThanOrEqual(31);
      expect(n).not.toMatch(/[[\]:*?/\\]/);
    }
  });

  it("has a bold, frozen header row", async () => {
    const ws = (await readXlsx(bytes)).getWorksheet("Deltagare")!;
    expect(ws.getRow(1).values).toEqual([undefined, ...participants.columns]);
    expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(ws.getRow(1).getCell(7).font?.bold).toBe(true);
    expect(ws.getRow(2).getCell(1).font?.bold).toBeFalsy();
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(ws.getColumn(1).width).toBe(24);
    expect(ws.getColumn(2).width).toBe(30);
  });

  it("keeps numbers as numbers and text intact, Swedish letters, quotes and tags included", async () => {
    const ws = (await readXlsx(bytes)).getWorksheet("Deltagare")!;
    const row = ws.getRow(2);
    expect(row.getCell(3).type).toBe(ExcelJS.ValueType.Number);
    expect(row.getCell(3).value).toBe(3.5);
    expect(row.getCell(4).value).toBe(12);
    expect(ws.getRow(3).getCell(4).value).toBe(-4);
    expect(row.getCell(1).value).toBe("Åsa Öberg");
    expect(row.getCell(2).value).toBe("Försäkringskassan; Halmstad");
    expect(row.getCell(7).value).toBe('Sa "hej" & <b>gick</b>');
    expect(ws.getRow(3).getCell(7).value).toBe("rad ett\nrad två");
    expect(row.getCell(6).value).toBe("ja");
    expect(ws.getRow(3).getCell(6).value).toBe("nej");
    // No CSV-style guard in the workbook: the text is a string value, never a formula.
    const formulaLike = ws.getRow(4).getCell(1);
    expect(formulaLike.type).toBe(ExcelJS.ValueType.String);
    expect(formulaLike.value).toBe("=1+1");
    // Empty cells stay empty.
    expect(ws.getRow(4).getCell(5).type).toBe(ExcelJS.ValueType.Null);
  });

  it("writes dates as Excel dates of the Stockholm wall-clock time", async () => {
    const ws = (await readXlsx(bytes)).getWorksheet("Deltagare")!;
    const winter = ws.getRow(2).getCell(5);
    const summer = ws.getRow(3).getCell(5);
    expect(winter.type).toBe(ExcelJS.ValueType.Date);
    expect(winter.numFmt).toMatch(/yyyy.*hh:mm/);
    // ExcelJS reads the serial number as if it were UTC, so its UTC fields are the wall clock.
    expect((winter.value as Date).toISOString()).toBe("2026-03-12T09:00:00.000Z");
    expect((summer.value as Date).toISOString()).toBe("2026-07-01T10:00:00.000Z");
  });

  it("drops characters that XML 1.0 forbids and keeps a literal _xHHHH_", async () => {
    const wb = await readXlsx(
      toXlsx([{ name: "X", columns: ["Text"], rows: [["a\u0001b\u000Bc\uFFFFd\uD800e"], ["kod_x0041_kvar"]] }]),
    );
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(2).getCell(1).value).toBe("abcde");
    expect(ws.getRow(3).getCell(1).value).toBe("kod_x0041_kvar");
  });

  it("gives the same bytes for the same tables, and refuses a workbook without sheets", () => {
    expect(toXlsx(sheets)).toEqual(bytes);
    expect(() => toXlsx([])).toThrow(RangeError);
  });
});

describe("attachment", () => {
  it("gives an ASCII filename and a UTF-8 filename* that decodes to the Swedish name", () => {
    const value = attachment('Närvaro "Halmstad" (vår).xlsx');
    const m = /^attachment; filename="([^"]*)"; filename\*=UTF-8''(\S+)$/.exec(value);
    expect(m).not.toBeNull();
    expect(m![1]).toBe("Narvaro _Halmstad_ (var).xlsx");
    expect(m![1]).toMatch(/^[\x20-\x7E]+$/);
    // RFC 5987 attr-char: no quotes, parentheses, spaces or non-ASCII left unencoded.
    expect(m![2]).toMatch(/^[A-Za-z0-9!#$&+\-.^_`|~%]+$/);
    expect(decodeURIComponent(m![2]!)).toBe("Närvaro _Halmstad_ (vår).xlsx");
  });

  it("takes line breaks and path separators out of the header", () => {
    const value = attachment("../ut\r\nSet-Cookie: x=1/rapport.csv");
    expect(value).not.toMatch(/[\r\n]/);
    expect(value).toContain('filename=".._ut__Set-Cookie: x=1_rapport.csv"');
  });
});

describe("runs on Workers", () => {
  // The options wrangler uses for a Worker: no Node platform, Workers' export conditions.
  const workerBuild = (entry: { stdin: string } | { file: string }) =>
    build({
      ...("file" in entry
        ? { entryPoints: [entry.file] }
        : { stdin: { contents: entry.stdin, resolveDir: resolve(import.meta.dirname), loader: "ts" as const } }),
      bundle: true,
      write: false,
      format: "esm",
      platform: "neutral",
      conditions: ["workerd", "worker", "browser"],
      mainFields: ["module", "main"],
      minify: true,
      metafile: true,
      logLevel: "silent",
    });

  it("imports nothing from Node in its source", () => {
    const source = readFileSync(MODULE, "utf8");
    const imports = [...source.matchAll(/^\s*import\b[^;]*?from\s+["']([^"']+)["']/gm)].map((m) => m[1]);
    expect(imports.length).toBeGreaterThan(0);
    for (const spec of imports)
      expect(spec).not.toMatch(/^(node:|fs$|path$|stream$|buffer$|zlib$|crypto$|module$|worker_threads$)/);
    // The code, not the comments (which say why there is no Buffer).
    const code = source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
    expect(code).not.toMatch(/\bBuffer\b|\bprocess\.|\brequire\(/);
  });

  it("bundles for a platform without Node built-ins", async () => {
    const result = await workerBuild({ file: MODULE });
    const output = Object.values(result.metafile.outputs)[0]!;
    expect(output.imports.filter((i) => i.external)).toEqual([]);
    const code = result.outputFiles[0]!.text;
    expect(code).not.toMatch(/\brequire\(/);
    // The size the module adds to the Worker, fflate included (docs/decisions/009).
    const gz = gzipSync(result.outputFiles[0]!.contents).length;
    expect(gz).toBeLessThan(20_000);
  });

  it("would notice a Node built-in (the check above can fail)", async () => {
    await expect(
      workerBuild({ stdin: 'import { readFileSync } from "node:fs"; export const x = readFileSync;' }),
    ).rejects.toThrow(/node:fs/);
  });

  it("makes a workbook and a CSV inside workerd", async () => {
    const bundle = await workerBuild({
      stdin: `
        import { toXlsx, toCsv } from ${JSON.stringify(MODULE)};
        const sheet = { name: "Närvaro 2026/27", columns: ["Namn", "Start", "Timmar"], rows: [["Åsa Öberg", new Date("2026-03-12T08:00:00Z"), 3.5]] };
        export default {
          fetch(request) {
            const csv = new URL(request.url).pathname === "/csv";
            return new Response(csv ? toCsv(sheet) : toXlsx([sheet]));
          },
        };`,
    });
    const mf = new Miniflare({ modules: true, script: bundle.outputFiles[0]!.text, compatibilityDate: "2026-03-01" });
    try {
      const xlsx = new Uint8Array(await (await mf.dispatchFetch("http://x.test/xlsx")).arrayBuffer());
      const ws = (await readXlsx(xlsx)).worksheets[0]!;
      expect(ws.name).toBe("Närvaro 2026-27");
      expect(ws.getRow(2).getCell(1).value).toBe("Åsa Öberg");
      // workerd's own Intl time-zone data gives the same Stockholm time as Node's.
      expect((ws.getRow(2).getCell(2).value as Date).toISOString()).toBe("2026-03-12T09:00:00.000Z");
      expect(ws.getRow(2).getCell(3).value).toBe(3.5);
      const csv = await (await mf.dispatchFetch("http://x.test/csv")).text();
      expect(parseCsv(csv)).toEqual([
        ["Namn", "Start", "Timmar"],
        ["Åsa Öberg", "2026-03-12 09.00", "3,5"],
      ]);
    } finally {
      await mf.dispose();
    }
  });
});
