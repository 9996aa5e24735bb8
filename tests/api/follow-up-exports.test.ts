// Follow-up exports: Uppföljning Finsam, the annual-report figures and the participant list
// for requests for public documents, as CSV (UTF-8 with BOM, ";") and XLSX. The files must
// hold the same figures as the JSON, worked out by hand below; and only the office gets them.
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, createTestContext, staffApi, staffToken, type Answer, type TestContext } from "../helpers/test-db.ts";

// ---------------------------------------------------------------- helpers (black box only)

type Gender = "kvinna" | "man" | "annat" | "vill-ej-ange" | null;
interface Who {
  name: string;
  email: string;
  party: string;
  workplace: { name: string; municipality: string; orgNumber?: string };
  gender?: Gender;
  dietary?: string;
}
interface Occ {
  id: number;
  dayIds: number[];
}

let t: TestContext;
let office: string;
let leader: string;

const call = (method: string, path: string, body?: unknown) => staffApi(t, office, method, path, body);
async function ok(res: Promise<Answer> | Answer, status: number, what: string): Promise<any> {
  const r = await res;
  expect(r.status, `${what}: ${r.text.slice(0, 400)}`).toBe(status);
  return r.json;
}
const day = (date: string): [string, string] => [`${date}T09:00`, `${date}T16:00`];

async function course(title: string, courseType: string): Promise<number> {
  return (await ok(call("POST", "/api/office/courses", { title, courseType }), 201, title)).course.id;
}
async function occasion(courseId: number, days: [string, string][], capacity: number): Promise<Occ> {
  const json = await ok(
    call("POST", "/api/office/occasions", {
      courseId,
      days: days.map(([start, end]) => ({ start, end })),
      online: false,
      venue: "Folkets Hus Halmstad",
      address: "Storgatan 1, Halmstad",
      capacity,
      status: "published",
    }),
    201,
    "tillfälle",
  );
  const list = await ok(call("GET", `/api/leader/occasions/${json.occasion.id}/participants`), 200, "deltagarlista");
  return { id: json.occasion.id, dayIds: list.occasion.days.map((d: { id: number }) => d.id) };
}
async function register(occ: Occ, who: Who, expected: "confirmed" | "waitlisted" = "confirmed"): Promise<number> {
  const json = await ok(
    api(t.app, "POST", `/api/occasions/${occ.id}/registrations`, {
      name: who.name,
      email: who.email,
      party: who.party,
      workplace: who.workplace,
      role: "Handledare",
      gender: who.gender ?? null,
      dietary: who.dietary ?? null,
      acceptPrivacy: true,
    }),
    201,
    who.email,
  );
  expect(json.registration.status, who.email).toBe(expected);
  return json.registration.id;
}
async function mark(
  occ: Occ,
  dayIndex: number,
  registrationId: number,
  status: "present" | "late" | "excused" | "absent",
) {
  await ok(
    call("PUT", `/api/leader/occasions/${occ.id}/days/${occ.dayIds[dayIndex]}/attendance/${registrationId}`, {
      status,
    }),
    200,
    "närvaro",
  );
}

/** The raw answer (bytes intact: Response.text() would swallow the BOM). */
function raw(path: string, token: string | null = office): Promise<Response> {
  return Promise.resolve(t.app.request(path, { headers: token ? { authorization: `Bearer ${token}` } : {} }));
}

/**
 * A CSV export: checks BOM, type and attachment, and gives the rows. `sections`: the file may
 * hold several tables one after the other (the annual report), so rows may differ in width.
 */
async function csv(path: string, sections = false): Promise<{ rows: string[][]; text: string }> {
  const res = await raw(path);
  const buf = Buffer.from(await res.arrayBuffer());
  expect(res.status, `${path}: ${buf.toString("utf8").slice(0, 300)}`).toBe(200);
  expect([...buf.subarray(0, 3)], `${path} börjar med BOM`).toEqual([0xef, 0xbb, 0xbf]);
  expect(res.headers.get("content-type")?.toLowerCase().replace(/\s+/g, "")).toBe("text/csv;charset=utf-8");
  expect(res.headers.get("content-disposition") ?? "").toMatch(/^attachment;.*filename.*\.csv/i);
  const text = buf.toString("utf8");
  const rows: string[][] = parse(text, { delimiter: ";", bom: true, relax_column_count: sections });
  return { rows, text: text.slice(1) };
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return v.toISOString();
  if (typeof v === "object") {
    if ("richText" in v) return v.richText.map((p) => p.text).join("");
    if ("result" in v)
      return v.result === undefined || v.result === null ? "" : cellText(v.result as ExcelJS.CellValue);
    if ("text" in v) return String(v.text);
    if ("error" in v) return String(v.error);
    return JSON.stringify(v);
  }
  return String(v);
}

/** An XLSX export: checks type and attachment, and gives every sheet's rows as text cells. */
async function xlsx(path: string): Promise<string[][][]> {
  const res = await raw(path);
  const buf = Buffer.from(await res.arrayBuffer());
  expect(res.status, `${path}: ${buf.toString("utf8").slice(0, 300)}`).toBe(200);
  expect(res.headers.get("content-type")).toMatch(
    /^application\/vnd\.openxmlformats-officedocument\.spreadsheetml\.sheet/,
  );
  expect(res.headers.get("content-disposition") ?? "").toMatch(/^attachment;.*filename.*\.xlsx/i);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  const sheets: string[][][] = [];
  wb.eachSheet((ws) => {
    const rows: string[][] = [];
    for (let n = 1; n <= ws.rowCount; n++) {
      const row = ws.getRow(n);
      const cells: string[] = [];
      for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value));
      while (cells.length && cells[cells.length - 1] === "") cells.pop();
      if (cells.length) rows.push(cells);
    }
    sheets.push(rows);
  });
  expect(sheets.length).toBeGreaterThan(0);
  return sheets;
}

/** Does `row` hold `seq` as consecutive cells (numbers compared as text)? */
const holdsInOrder = (row: string[], seq: (string | number)[]) =>
  row.some((_, i) => seq.every((s, j) => (row[i + j] ?? "").trim() === String(s)));

// ---------------------------------------------------------------- the world
//
// Clock 2025-06-01 while planning and registering, then 2026-10-01 to mark attendance.
// Courses: HU "Handledarutbildning, export" (handledarutbildning), TD "Temadag, export" (temadag).
//   X0  HU 2025-09-09            Gösta (Bageriet) present, Hilda (FK Halmstad) present, Alma present
//   X1  HU 2026-02-03            Alma (FK Halmstad, "Vegetarisk") present, Bertil (Bageriet,
//                                 org no. 556123-4567) ABSENT, Cissi (vill-ej-ange, sjukhuset) present
//   X3  HU 2026-06-29 + 07-06    Dan (Dans Bygg, Laholm) absent day 1, present day 2
//   X2  TD 2026-08-18, 2 places  Alma present, Elin (no gender) LATE, Fia WAITLISTED
const BAGERIET = { name: "Bageriet i Halmstad", municipality: "Halmstad", orgNumber: "556123-4567" };
const FK = { name: "Försäkringskassan Halmstad", municipality: "Halmstad" };
const P = {
  alma: {
    name: "Alma Ahl",
    email: "alma.ahl@example.se",
    party: "fk",
    workplace: FK,
    gender: "kvinna",
    dietary: "Vegetarisk",
  },
  bertil: {
    name: "Bertil Bagare",
    email: "bertil.bagare@example.se",
    party: "annan",
    workplace: BAGERIET,
    gender: "man",
  },
  cissi: {
    name: "Cissi Cedergren",
    email: "cissi.cedergren@example.se",
    party: "region-halland",
    workplace: { name: "Hallands sjukhus Halmstad", municipality: "Halmstad" },
    gender: "vill-ej-ange",
  },
  dan: {
    name: "Dan Dahlberg",
    email: "dan.dahlberg@example.se",
    party: "annan",
    workplace: { name: "Dans Bygg", municipality: "Laholm" },
    gender: "man",
  },
  elin: {
    name: "Elin Ekdahl",
    email: "elin.ekdahl@example.se",
    party: "varberg",
    workplace: { name: "Varbergs kommun, AME", municipality: "Varberg" },
    gender: null,
  },
  fia: {
    name: "Fia Forsberg",
    email: "fia.forsberg@example.se",
    party: "kungsbacka",
    workplace: { name: "Kungsbacka kommun, IFO", municipality: "Kungsbacka" },
    gender: "kvinna",
  },
  gosta: { name: "Gösta Gran", email: "gosta.gran@example.se", party: "annan", workplace: BAGERIET, gender: "man" },
  hilda: { name: "Hilda Hed", email: "hilda.hed@example.se", party: "fk", workplace: FK, gender: "kvinna" },
} satisfies Record<string, Who>;
let cHU: number, cTD: number;
let goalId: number;
const WP_LABEL = "Arbetsplatser i handledarutbildningen";
const STAFF_LABEL = "Medarbetare som deltagit";

beforeAll(async () => {
  t = await createTestContext({ now: new Date("2025-06-01T08:00:00Z") });
  office = (await staffToken(t, "office")).token;
  leader = (await staffToken(t, "leader")).token;
  cHU = await course("Handledarutbildning, export", "handledarutbildning");
  cTD = await course("Temadag, export", "temadag");
  const X0 = await occasion(cHU, [day("2025-09-09")], 10);
  const X1 = await occasion(cHU, [day("2026-02-03")], 10);
  const X3 = await occasion(cHU, [day("2026-06-29"), day("2026-07-06")], 10);
  const X2 = await occasion(cTD, [day("2026-08-18")], 2);
  const r = {
    x0Gosta: await register(X0, P.gosta),
    x0Hilda: await register(X0, P.hilda),
    x0Alma: await register(X0, P.alma),
    x1Alma: await register(X1, P.alma),
    x1Bertil: await register(X1, P.bertil),
    x1Cissi: await register(X1, P.cissi),
    x3Dan: await register(X3, P.dan),
    x2Alma: await register(X2, P.alma),
    x2Elin: await register(X2, P.elin),
  };
  await register(X2, P.fia, "waitlisted");

  t.now.value = new Date("2026-10-01T10:00:00Z");
  await mark(X0, 0, r.x0Gosta, "present");
  await mark(X0, 0, r.x0Hilda, "present");
  await mark(X0, 0, r.x0Alma, "present");
  await mark(X1, 0, r.x1Alma, "present");
  await mark(X1, 0, r.x1Bertil, "absent");
  await mark(X1, 0, r.x1Cissi, "present");
  await mark(X3, 0, r.x3Dan, "absent");
  await mark(X3, 1, r.x3Dan, "present");
  await mark(X2, 0, r.x2Alma, "present");
  await mark(X2, 0, r.x2Elin, "late");

  // Goals, this year and the year before, with targets (50, 40, 90, 80) that are not any figure.
  //   2026 workplaces on HU, attended: X1 FK (Alma), sjukhuset (Cissi); X3 Dans Bygg = 3
  //        (Bertil's Bageriet does not count: absent)
  //   2025 workplaces on HU, attended: X0 Bageriet (Gösta), FK (Hilda, Alma) = 2
  //   2026 staff attended: Alma, Cissi, Dan, Elin = 4;  2025: Gösta, Hilda, Alma = 3
  goalId = (
    await ok(
      call("POST", "/api/office/goals", {
        year: 2026,
        kind: "workplaces",
        basis: "attended",
        courseTypes: ["handledarutbildning"],
        target: 50,
        label: WP_LABEL,
      }),
      201,
      "mål",
    )
  ).goal.id;
  await ok(
    call("POST", "/api/office/goals", {
      year: 2025,
      kind: "workplaces",
      basis: "attended",
      courseTypes: ["handledarutbildning"],
      target: 40,
      label: WP_LABEL,
    }),
    201,
    "mål",
  );
  await ok(
    call("POST", "/api/office/goals", {
      year: 2026,
      kind: "staff",
      basis: "attended",
      courseTypes: [],
      target: 90,
      label: STAFF_LABEL,
    }),
    201,
    "mål",
  );
  await ok(
    call("POST", "/api/office/goals", {
      year: 2025,
      kind: "staff",
      basis: "attended",
      courseTypes: [],
      target: 80,
      label: STAFF_LABEL,
    }),
    201,
    "mål",
  );
}, 120_000);
afterAll(() => t?.close());

// ---------------------------------------------------------------- Finsam

describe("Uppföljning Finsam export", () => {
  // 2026 per course, distinct persons who attended:
  //   HU (X1, X3): Alma, Cissi, Dan = 3; women Alma 1; men Dan 1; other/not given Cissi 1
  //                (Bertil was absent)
  //   TD (X2):     Alma, Elin = 2; women Alma 1; men 0; other/not given Elin (none given) 1
  //                (Fia is only waiting)
  const expected2026 = [
    { courseId: 0, course: "Handledarutbildning, export", year: 2026, persons: 3, women: 1, men: 1, otherOrUnknown: 1 },
    { courseId: 0, course: "Temadag, export", year: 2026, persons: 2, women: 1, men: 0, otherOrUnknown: 1 },
  ];
  const figures = (r: { persons: number; women: number; men: number; otherOrUnknown: number }) => [
    r.persons,
    r.women,
    r.men,
    r.otherOrUnknown,
  ];

  it("has the hand-worked figures in the JSON", async () => {
    const rows = (await ok(call("GET", "/api/office/reports/finsam?year=2026"), 200, "finsam")).rows;
    expect(rows.sort((a: { courseId: number }, b: { courseId: number }) => a.courseId - b.courseId)).toEqual([
      expect.objectContaining({ ...expected2026[0], courseId: cHU }),
      expect.objectContaining({ ...expected2026[1], courseId: cTD }),
    ]);
    // 2025: HU Gösta, Hilda, Alma = 3; women Hilda, Alma 2; men Gösta 1.
    expect((await ok(call("GET", "/api/office/reports/finsam?year=2025"), 200, "finsam")).rows).toEqual([
      expect.objectContaining({ courseId: cHU, year: 2025, persons: 3, women: 2, men: 1, otherOrUnknown: 0 }),
    ]);
  });

  it("names the course type by its code, as `courseType` is everywhere in the API", async () => {
    const rows = (await ok(call("GET", "/api/office/reports/finsam?year=2026"), 200, "finsam")).rows;
    rows.sort((a: { courseId: number }, b: { courseId: number }) => a.courseId - b.courseId);
    expect(rows.map((r: { courseType: string }) => r.courseType)).toEqual(["handledarutbildning", "temadag"]);
  });

  it("has the same rows in the CSV: one per course, persons, women, men, other in that order", async () => {
    const { rows } = await csv("/api/office/reports/finsam.csv?year=2026");
    const dataRows = rows.filter((r) => r.some((c) => c.includes(", export")));
    expect(dataRows).toHaveLength(2);
    for (const e of expected2026) {
      const row = dataRows.find((r) => r.some((c) => c.trim() === e.course));
      expect(row, e.course).toBeTruthy();
      expect(holdsInOrder(row!, figures(e)), `${e.course}: ${JSON.stringify(row)}`).toBe(true);
    }
    // One table: a header row, then exactly the two efforts of 2026 (not the fixture's course
    // without occasions).
    expect(rows).toHaveLength(1 + 2);
    expect(rows.indexOf(dataRows[0]!)).toBeGreaterThan(0);
  });

  it("has the same rows in the XLSX", async () => {
    const rows = (await xlsx("/api/office/reports/finsam.xlsx?year=2026")).flat();
    for (const e of expected2026) {
      const row = rows.find((r) => r.some((c) => c.trim() === e.course));
      expect(row, e.course).toBeTruthy();
      expect(holdsInOrder(row!, figures(e)), `${e.course}: ${JSON.stringify(row)}`).toBe(true);
    }
    expect(rows.filter((r) => r.some((c) => c.includes(", export")))).toHaveLength(2);
  });
});

// ---------------------------------------------------------------- the annual report

describe("annual-report export (year.csv / year.xlsx)", () => {
  it("is the goals JSON at /reports/year, with this year's and last year's goal figures", async () => {
    const goals = await ok(call("GET", "/api/office/goals?year=2026"), 200, "mål");
    const year = await ok(call("GET", "/api/office/reports/year?year=2026"), 200, "år");
    expect(year).toEqual(goals);
    const byLabel = (block: any, label: string) => block.goals.find((x: { label: string }) => x.label === label).value;
    expect(byLabel(goals, WP_LABEL)).toBe(3);
    expect(byLabel(goals, STAFF_LABEL)).toBe(4);
    expect(goals.previousYear.year).toBe(2025);
    expect(byLabel(goals.previousYear, WP_LABEL)).toBe(2);
    expect(byLabel(goals.previousYear, STAFF_LABEL)).toBe(3);
  });

  /** The file's rows must show each goal's figure for 2026 and 2025, and every breakdown row. */
  async function checkYearRows(rows: string[][]) {
    const withLabel = (label: string) => rows.filter((r) => r.some((c) => c.trim() === label));
    const has = (label: string, n: number) => withLabel(label).some((r) => r.some((c) => c.trim() === String(n)));
    expect(withLabel(WP_LABEL).length, WP_LABEL).toBeGreaterThan(0);
    expect(has(WP_LABEL, 3), `${WP_LABEL} 2026 = 3`).toBe(true);
    expect(has(WP_LABEL, 2), `${WP_LABEL} 2025 = 2`).toBe(true);
    expect(has(STAFF_LABEL, 4), `${STAFF_LABEL} 2026 = 4`).toBe(true);
    expect(has(STAFF_LABEL, 3), `${STAFF_LABEL} 2025 = 3`).toBe(true);
    expect(rows.some((r) => r.some((c) => c.includes("2026")))).toBe(true);
    expect(rows.some((r) => r.some((c) => c.includes("2025")))).toBe(true);
    // Every breakdown row of 2026 with someone in it: a row with its label and its three figures.
    const json = await ok(call("GET", "/api/office/goals?year=2026"), 200, "mål");
    for (const [kind, list] of Object.entries(json.breakdowns as Record<string, any[]>)) {
      for (const b of list.filter((x) => x.registered > 0)) {
        const found = rows.some(
          (r) =>
            r.some((c) => c.trim() === b.label || c.trim() === b.key) &&
            [b.registered, b.attended, b.workplaces].every((n: number) => r.some((c) => c.trim() === String(n))),
        );
        expect(found, `${kind} ${b.key} (${b.label}) ${b.registered}/${b.attended}/${b.workplaces}`).toBe(true);
      }
    }
  }

  it("CSV: UTF-8 with BOM, ';', as an attachment, with the figures", async () => {
    await checkYearRows((await csv("/api/office/reports/year.csv?year=2026", true)).rows);
  });

  it("XLSX: the same figures", async () => {
    await checkYearRows((await xlsx("/api/office/reports/year.xlsx?year=2026")).flat());
  });
});

// ---------------------------------------------------------------- participant list

describe("participant export for requests for public documents", () => {
  // Columns in the README's order; index of each when nothing is left out.
  const COLS = [
    "occasion",
    "date",
    "course",
    "name",
    "email",
    "party",
    "workplace",
    "municipality",
    "orgNumber",
    "role",
    "gender",
    "status",
    "source",
    "registeredAt",
    "attended",
    "dietary",
    "accessibility",
  ];
  const col = (name: string, omit: string[] = []) => COLS.filter((c) => !omit.includes(c)).indexOf(name);
  const H1 = "from=2026-01-01&to=2026-06-30";
  const H2 = "from=2026-07-01&to=2026-12-31";
  const dataOf = (rows: string[][]) => rows.filter((r) => Object.values(P).some((p) => r.includes(p.name)));

  it("lists every registration of the occasions whose first day is in the period, every column", async () => {
    // First half of 2026: X1 (3 February: Alma, Bertil, Cissi) and X3 (first day 29 June: Dan).
    // Not X0 (2025) nor X2 (August).
    const { rows, text } = await csv(`/api/office/registrations/export.csv?${H1}`);
    expect(rows[0]).toHaveLength(17); // the header
    const data = dataOf(rows);
    expect(data.map((r) => r[col("name")]).sort()).toEqual([
      "Alma Ahl",
      "Bertil Bagare",
      "Cissi Cedergren",
      "Dan Dahlberg",
    ]);
    expect(rows).toHaveLength(1 + 4);
    for (const r of data) expect(r).toHaveLength(17);
    const bertil = data.find((r) => r[col("name")] === "Bertil Bagare")!;
    expect(bertil[col("email")]).toBe("bertil.bagare@example.se");
    expect(bertil[col("workplace")]).toBe("Bageriet i Halmstad");
    expect(bertil[col("municipality")]).toBe("Halmstad");
    expect(bertil[col("orgNumber")]).toBe("556123-4567");
    expect(bertil[col("date")]).toContain("2026-02-03");
    const alma = data.find((r) => r[col("name")] === "Alma Ahl")!;
    expect(alma[col("dietary")]).toBe("Vegetarisk");
    // Alma was present, Bertil absent: the attended column tells them apart.
    expect(alma[col("attended")]).not.toBe(bertil[col("attended")]);
    expect(text).not.toContain("Gösta Gran");
    expect(text).not.toContain("Elin Ekdahl");
  });

  it("puts the course (utbildning, as DOMAIN.md's vocabulary has it) in the course column, not its course type", async () => {
    const data = dataOf((await csv(`/api/office/registrations/export.csv?${H1}`)).rows);
    const course = (n: string) => data.find((r) => r[col("name")] === n)![col("course")];
    // Bertil's occasion X1 and Dan's X3 are both of "Handledarutbildning, export".
    expect(course("Bertil Bagare")).toBe("Handledarutbildning, export");
    expect(course("Dan Dahlberg")).toBe("Handledarutbildning, export");
  });

  it("takes an occasion by its first day: X3 (29 June – 6 July) is not in the second half", async () => {
    // Second half: X2 only (18 August): Alma, Elin, and Fia on the waiting list.
    const { rows, text } = await csv(`/api/office/registrations/export.csv?${H2}`);
    const data = dataOf(rows);
    expect(data.map((r) => r[col("name")]).sort()).toEqual(["Alma Ahl", "Elin Ekdahl", "Fia Forsberg"]);
    expect(text).not.toContain("Dan Dahlberg");
    // Fia's status is not Elin's (waitlisted vs confirmed).
    const status = (n: string) => data.find((r) => r[col("name")] === n)![col("status")];
    expect(status("Fia Forsberg")).not.toBe(status("Elin Ekdahl"));
    expect(status("Alma Ahl")).toBe(status("Elin Ekdahl"));
  });

  it("leaves out the omitted columns: no e-mail column and no address anywhere with omit=email", async () => {
    const { rows, text } = await csv(`/api/office/registrations/export.csv?${H1}&omit=email`);
    expect(rows[0]).toHaveLength(16);
    expect(text).not.toContain("@");
    const data = dataOf(rows);
    expect(data).toHaveLength(4);
    // The column is gone, not blanked: after the name comes the party.
    const bertil = data.find((r) => r[col("name", ["email"])] === "Bertil Bagare")!;
    expect(bertil).toHaveLength(16);
    expect(bertil[col("workplace", ["email"])]).toBe("Bageriet i Halmstad");
    expect(bertil[col("orgNumber", ["email"])]).toBe("556123-4567");

    const two = await csv(`/api/office/registrations/export.csv?${H1}&omit=email,dietary`);
    expect(two.rows[0]).toHaveLength(15);
    expect(two.text).not.toContain("@");
    expect(two.text).not.toContain("Vegetarisk");
    expect(dataOf(two.rows)).toHaveLength(4);
  });

  it("XLSX: the same registrations, and omit=email leaves no address in any cell", async () => {
    const all = (await xlsx(`/api/office/registrations/export.xlsx?${H1}`)).flat();
    expect(
      dataOf(all)
        .map((r) => r[col("name")])
        .sort(),
    ).toEqual(["Alma Ahl", "Bertil Bagare", "Cissi Cedergren", "Dan Dahlberg"]);
    expect(all.some((r) => r.includes("alma.ahl@example.se"))).toBe(true);
    const omitted = (await xlsx(`/api/office/registrations/export.xlsx?${H1}&omit=email`)).flat();
    expect(dataOf(omitted)).toHaveLength(4);
    expect(omitted.some((r) => r.some((c) => c.includes("@")))).toBe(false);
    const header = omitted.find((r) => !Object.values(P).some((p) => r.includes(p.name)))!;
    expect(header).toHaveLength(16);
  });

  it("refuses a bad period or an unknown column with 400 invalid_input", async () => {
    for (const q of [
      "from=2026-13-01&to=2026-12-31",
      "from=2026-02-30&to=2026-12-31",
      "from=igår&to=2026-12-31",
      "from=2026-07-01&to=2026-01-01", // ends before it begins
      `${H1}&omit=email,personnummer`,
    ]) {
      for (const ext of ["csv", "xlsx"]) {
        const res = await staffApi(t, office, "GET", `/api/office/registrations/export.${ext}?${encodeURI(q)}`);
        expect(res.status, `${ext} ${q}`).toBe(400);
        expect(res.json?.error?.code, `${ext} ${q}`).toBe("invalid_input");
      }
    }
  });
});

// ---------------------------------------------------------------- who may

describe("only the office gets the figures and the files", () => {
  const paths = () => [
    "/api/office/goals?year=2026",
    `/api/office/goals/${goalId}/members`,
    "/api/office/reports/finsam?year=2026",
    "/api/office/reports/finsam.csv?year=2026",
    "/api/office/reports/finsam.xlsx?year=2026",
    "/api/office/reports/year?year=2026",
    "/api/office/reports/year.csv?year=2026",
    "/api/office/reports/year.xlsx?year=2026",
    "/api/office/registrations/export.csv?from=2026-01-01&to=2026-12-31",
    "/api/office/registrations/export.xlsx?from=2026-01-01&to=2026-12-31",
  ];

  it("answers a course leader 403 and an anonymous caller 401, and gives neither any data", async () => {
    for (const path of paths()) {
      const asLeader = await raw(path, leader);
      const leaderText = await asLeader.text();
      expect(asLeader.status, `leader ${path}`).toBe(403);
      expect(leaderText, path).not.toContain("Alma");
      const anonymous = await raw(path, null);
      const anonText = await anonymous.text();
      expect(anonymous.status, `anonym ${path}`).toBe(401);
      expect(JSON.parse(anonText).error.code).toBe("unauthenticated");
      expect((await raw(path)).status, `kansliet ${path}`).toBe(200);
    }
    // Writing goals is the office's too.
    const body = { year: 2026, kind: "staff", basis: "attended", courseTypes: [], target: 5, label: "Otillåtet mål" };
    expect((await staffApi(t, leader, "POST", "/api/office/goals", body)).status).toBe(403);
    expect((await api(t.app, "POST", "/api/office/goals", body)).status).toBe(401);
    expect((await staffApi(t, leader, "POST", "/api/office/goals/copy", { from: 2025, to: 2027 })).status).toBe(403);
    expect((await staffApi(t, leader, "DELETE", `/api/office/goals/${goalId}`)).status).toBe(403);
    const goals = await ok(call("GET", "/api/office/goals?year=2026"), 200, "mål");
    expect(goals.goals.map((x: { label: string }) => x.label)).not.toContain("Otillåtet mål");
    expect(goals.goals.map((x: { id: number }) => x.id)).toContain(goalId);
  });
});
