// Tables into files: the one place that writes the office's exports (annual-report figures,
// Uppföljning Finsam rows, participant lists) as CSV for Swedish Excel and as .xlsx.
//
// It runs unchanged on Node and in Cloudflare Workers, so it uses only what both have:
// strings, Uint8Array, TextEncoder, Intl. No fs, stream or Buffer. The zip container of the
// .xlsx comes from fflate (pure JS, no Node built-ins in the build Workers and bundlers pick);
// the few SpreadsheetML parts inside it are written here, because they are small and because
// we need control over exactly the parts a generic writer gets wrong for us: Stockholm
// wall-clock dates and Excel's sheet-name rules. See docs/decisions/009-spreadsheets.md.
import { zipSync } from "fflate";
import { stockholmOffsetMinutes } from "./format-time.ts";

export type Cell = string | number | boolean | Date | null | undefined;
export interface Sheet {
  name: string;
  columns: string[];
  rows: Cell[][];
  /** optional column widths in characters */
  widths?: number[];
}

export const CSV_TYPE = "text/csv; charset=utf-8";
export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const CRLF = "\r\n";
const DAY_MS = 86_400_000;

// ---------------------------------------------------------------------------------------
// Time: every date in a file is the Stockholm wall-clock time of the instant (DESIGN.md,
// invariant 7). Neither CSV nor Excel has time zones, so the office would otherwise read
// UTC times an hour or two off.

/**
 * The Stockholm wall-clock time of an instant, as a Date whose UTC fields carry it.
 * The offset comes from Intl with timeZone Europe/Stockholm (format-time.ts), so daylight
 * saving follows the tz database of the runtime rather than a rule of our own.
 */
function stockholmWallClock(instant: Date): Date {
  return new Date(instant.getTime() + stockholmOffsetMinutes(instant) * 60_000);
}

const pad2 = (n: number) => String(n).padStart(2, "0");

/** "2026-03-12 09.00": Swedish style puts a dot between hours and minutes (Språkrådet). */
function csvDate(instant: Date): string {
  const w = stockholmWallClock(instant);
  return `${w.getUTCFullYear()}-${pad2(w.getUTCMonth() + 1)}-${pad2(w.getUTCDate())} ${pad2(w.getUTCHours())}.${pad2(w.getUTCMinutes())}`;
}

const isValidDate = (d: Date) => !Number.isNaN(d.getTime());

// ---------------------------------------------------------------------------------------
// CSV for Swedish Excel.
//
// Excel in a Swedish locale opens a double-clicked .csv with ';' as the list separator and
// ',' as the decimal sign, and it only reads the file as UTF-8 when it starts with a BOM;
// without one, å ä ö come out as mojibake.

/**
 * Spreadsheet programs run a cell that starts with = + - @ (or tab/CR, which some of them
 * skip before looking) as a formula; a registrant could type `=HYPERLINK(...)` as their name.
 * OWASP's advice: prefix such text with an apostrophe. A text that is just a negative number
 * ("-3" or "-3,5") is left as it is: it is no formula and the office wants to see the number.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NEGATIVE = /^-\d+(?:[.,]\d+)?$/;

function guardFormula(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NEGATIVE.test(text) ? `'${text}` : text;
}

function csvValue(cell: Cell): string {
  if (cell === null || cell === undefined) return "";
  if (typeof cell === "boolean") return cell ? "ja" : "nej";
  if (typeof cell === "number") {
    // NaN and Infinity mean a bug upstream, but an export must not print "NaN" to the office.
    if (!Number.isFinite(cell)) return "";
    // String() gives the shortest text that reads back as the same number; Swedish Excel
    // reads only a decimal comma as a number. Only the decimal point is replaced, so an
    // exponent form (1e-7) stays as it is.
    return Number.isInteger(cell) ? String(cell) : String(cell).replace(".", ",");
  }
  if (cell instanceof Date) return isValidDate(cell) ? csvDate(cell) : "";
  return guardFormula(cell);
}

/** Quote a field when it holds the separator, a quote or a line break; quotes are doubled. */
function csvField(cell: Cell): string {
  const text = csvValue(cell);
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvLine(cells: readonly Cell[]): string {
  return cells.map(csvField).join(";") + CRLF;
}

/** The table without the BOM, so sections can share one. */
function csvTable(sheet: Sheet): string {
  const width = sheet.columns.length;
  let out = csvLine(sheet.columns);
  for (const row of sheet.rows) {
    // A short row gets its empty fields, so every line has as many fields as the header
    // (strict CSV readers refuse ragged lines). A long row keeps its extra cells: dropping
    // data silently would be worse than a ragged line.
    const cells = row.length < width ? [...row, ...Array<Cell>(width - row.length).fill(null)] : row;
    out += csvLine(cells);
  }
  return out;
}

/** CSV for Swedish Excel: BOM, ';', CRLF, decimal comma, Stockholm dates, "ja"/"nej". */
export function toCsv(sheet: Sheet): string {
  return `\uFEFF${csvTable(sheet)}`;
}

/** Several sheets as one CSV: each sheet's name on its own line, its table, a blank line between. */
export function toCsvSections(sheets: Sheet[]): string {
  return `\uFEFF${sheets.map((s) => csvLine([s.name]) + csvTable(s)).join(CRLF)}`;
}

// ---------------------------------------------------------------------------------------
// XLSX: a zip of SpreadsheetML parts (ECMA-376). Only what the exports need: one worksheet
// per sheet, shared strings, and three cell styles (default, bold header, date-time).

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships";

// Excel's own limits; past them it "repairs" the file, dropping data.
const MAX_ROWS = 1_048_576;
const MAX_COLUMNS = 16_384;
const MAX_CELL_TEXT = 32_767;
const MAX_SHEET_NAME = 31;

// Style indexes into cellXfs in styles.xml below.
const STYLE_HEADER = 1;
const STYLE_DATE = 2;

/**
 * Characters XML 1.0 does not allow at all (most C0 controls, lone surrogates, U+FFFE/FFFF):
 * not even as &#x..; references. A pasted text can hold them, and one would make Excel
 * refuse the whole file, so they are dropped.
 */
const XML_ILLEGAL = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

function xmlText(text: string): string {
  return text
    .replace(XML_ILLEGAL, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/** Cut to at most `max` UTF-16 units without splitting a surrogate pair. */
function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = /[\uD800-\uDBFF]/.test(text.charAt(max - 1)) ? max - 1 : max;
  return text.slice(0, end);
}

/**
 * The text of a string cell as Excel will show it. Excel reads `_xHHHH_` in cell text as an
 * escaped character (ST_Xstring), so a literal one gets its underscore escaped as `_x005F_`.
 * Line breaks become LF, the one Excel uses inside cells; an XML reader would turn a bare
 * CR into LF anyway.
 */
function cellText(text: string): string {
  const clean = text.replace(XML_ILLEGAL, "").replace(/\r\n?/g, "\n");
  return cutText(clean, MAX_CELL_TEXT).replace(/_(x[0-9A-Fa-f]{4}_)/g, "_x005F_$1");
}

/** 0 → "A", 25 → "Z", 26 → "AA". */
function columnName(index: number): string {
  let name = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/**
 * Excel's serial date (days since 1899-12-30, the 1900 date system) of the Stockholm
 * wall-clock time. Before 1900-03-01 the serial numbers are skewed by Excel's fake
 * 1900-02-29, so such dates (none in our data) go in as text rather than as a wrong date.
 */
function excelSerial(instant: Date): number | null {
  const wall = stockholmWallClock(instant).getTime();
  if (wall < Date.UTC(1900, 2, 1)) return null;
  return wall / DAY_MS + 25_569; // 25569 = serial of 1970-01-01
}

/** Collects the workbook's strings once each, so a party name in 5 000 rows is stored once. */
class SharedStrings {
  private readonly index = new Map<string, number>();
  private readonly list: string[] = [];
  count = 0;

  add(text: string): number {
    this.count += 1;
    let i = this.index.get(text);
    if (i === undefined) {
      i = this.list.length;
      this.index.set(text, i);
      this.list.push(text);
    }
    return i;
  }

  xml(): string {
    const items = this.list.map((t) => {
      // Leading/trailing spaces and line breaks survive only with xml:space="preserve".
      const space = /^\s|\s$|\n/.test(t) ? ' xml:space="preserve"' : "";
      return `<si><t${space}>${xmlText(t)}</t></si>`;
    });
    return `${XML_HEAD}<sst xmlns="${NS_MAIN}" count="${this.count}" uniqueCount="${this.list.length}">${items.join("")}</sst>`;
  }
}

function cellXml(ref: string, cell: Cell, strings: SharedStrings, style: number): string {
  const s = style ? ` s="${style}"` : "";
  const text = (t: string) => {
    const clean = cellText(t);
    return clean === "" ? "" : `<c r="${ref}"${s} t="s"><v>${strings.add(clean)}</v></c>`;
  };
  if (cell === null || cell === undefined) return "";
  if (typeof cell === "boolean") return text(cell ? "ja" : "nej");
  if (typeof cell === "number") return Number.isFinite(cell) ? `<c r="${ref}"${s}><v>${cell}</v></c>` : "";
  if (cell instanceof Date) {
    if (!isValidDate(cell)) return "";
    const serial = excelSerial(cell);
    return serial === null ? text(cell.toISOString()) : `<c r="${ref}" s="${style || STYLE_DATE}"><v>${serial}</v></c>`;
  }
  // Text goes in as a string value, never as a formula, so the CSV's apostrophe guard is not
  // needed here: Excel does not evaluate a shared string that starts with "=".
  return text(cell);
}

/** Widths given, or a guess from the longest value in each column (capped: notes can be long). */
function columnWidths(sheet: Sheet, columnCount: number): number[] {
  return Array.from({ length: columnCount }, (_, c) => {
    const given = sheet.widths?.[c];
    if (given !== undefined && Number.isFinite(given) && given > 0) return Math.min(given, 255);
    let longest = (sheet.columns[c] ?? "").length;
    for (const row of sheet.rows) {
      const v = row[c];
      const len =
        v instanceof Date
          ? 16
          : v === null || v === undefined
            ? 0
            : String(v)
                .split("\n")
                .reduce((m, l) => Math.max(m, l.length), 0);
      if (len > longest) longest = len;
    }
    return Math.min(Math.max(longest + 2, 8), 60);
  });
}

function worksheetXml(sheet: Sheet, strings: SharedStrings): string {
  const rowCount = sheet.rows.length + 1;
  // A loop, not Math.max(...rows): spreading 100 000 rows would overflow the call stack.
  let columnCount = Math.max(sheet.columns.length, 1);
  for (const row of sheet.rows) if (row.length > columnCount) columnCount = row.length;
  if (rowCount > MAX_ROWS)
    throw new RangeError(`Bladet "${sheet.name}" har fler rader än Excel kan visa (${MAX_ROWS}).`);
  if (columnCount > MAX_COLUMNS)
    throw new RangeError(`Bladet "${sheet.name}" har fler kolumner än Excel kan visa (${MAX_COLUMNS}).`);

  const rows: string[] = [];
  const rowXml = (r: number, cells: readonly Cell[], style: number) =>
    `<row r="${r}">${cells.map((cell, c) => cellXml(`${columnName(c)}${r}`, cell, strings, style)).join("")}</row>`;
  rows.push(rowXml(1, sheet.columns, STYLE_HEADER));
  sheet.rows.forEach((row, i) => {
    rows.push(rowXml(i + 2, row, 0));
  });

  const cols = columnWidths(sheet, columnCount)
    .map((w, c) => `<col min="${c + 1}" max="${c + 1}" width="${w}" customWidth="1"/>`)
    .join("");
  // The frozen pane keeps the header in view while scrolling a long participant list.
  const views =
    '<sheetViews><sheetView workbookViewId="0">' +
    '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' +
    '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>' +
    "</sheetView></sheetViews>";
  // Element order is fixed by the schema (dimension, sheetViews, sheetFormatPr, cols, sheetData).
  return (
    `${XML_HEAD}<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
    `<dimension ref="A1:${columnName(columnCount - 1)}${rowCount}"/>` +
    views +
    '<sheetFormatPr defaultRowHeight="15"/>' +
    `<cols>${cols}</cols>` +
    `<sheetData>${rows.join("")}</sheetData>` +
    "</worksheet>"
  );
}

/**
 * Excel's rules for sheet names: 1–31 characters, none of [ ] : * ? / \, not starting or
 * ending with an apostrophe, unique without regard to case, and not "History" (reserved).
 * A name that breaks them makes Excel refuse the file, and names come from course titles
 * and years ("Uppföljning 2026/2027"), so they are mended rather than rejected.
 */
function sheetNames(names: readonly string[]): string[] {
  const taken = new Set<string>(["history"]);
  return names.map((raw, i) => {
    const base =
      raw
        .replace(XML_ILLEGAL, "")
        // Controls are legal XML (tab, LF) but not legal in a sheet name.
        // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is replaced
        .replace(/[\u0000-\u001F\u007F]/g, " ")
        .replace(/[[\]:*?/\\]/g, "-")
        .replace(/\s+/g, " ")
        .trim()
        .replace(/^'+|'+$/g, "") || `Blad${i + 1}`;
    for (let n = 1; ; n += 1) {
      const suffix = n === 1 ? "" : ` (${n})`;
      const name =
        cutText(base, MAX_SHEET_NAME - suffix.length)
          .replace(/'+$/, "")
          .trimEnd() + suffix;
      const key = name.toLowerCase();
      if (name !== "" && !taken.has(key)) {
        taken.add(key);
        return name;
      }
    }
  });
}

// 1980-01-01 is the earliest time a zip (DOS) time stamp can hold. fflate reads the local
// fields of the Date, so it is built from local fields too.
const FIXED_MTIME = new Date(1980, 0, 1, 12, 0, 0);

const STYLES_XML =
  `${XML_HEAD}<styleSheet xmlns="${NS_MAIN}">` +
  // 164 is the first id free for custom formats. Format codes in the file are always in
  // the English form; Swedish Excel shows them in its own way.
  '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd hh:mm"/></numFmts>' +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>' +
  '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  // Excel requires these two fills first, whatever the workbook uses.
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="3">' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
  '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  "</cellXfs>" +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  "</styleSheet>";

/** An .xlsx workbook with one worksheet per sheet. */
export function toXlsx(sheets: Sheet[]): Uint8Array {
  // Excel refuses a workbook without sheets; an export with none is a bug upstream.
  if (sheets.length === 0) throw new RangeError("En arbetsbok behöver minst ett blad.");
  const names = sheetNames(sheets.map((s) => s.name));
  const strings = new SharedStrings();
  const worksheets = sheets.map((s) => worksheetXml(s, strings));
  const n = sheets.length;
  const each = <T>(f: (i: number) => T) => Array.from({ length: n }, (_, i) => f(i));

  const contentTypes =
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    each(
      (i) =>
        `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
    ).join("") +
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
    "</Types>";
  const rootRels =
    `${XML_HEAD}<Relationships xmlns="${NS_PKG_REL}">` +
    `<Relationship Id="rId1" Type="${NS_REL}/officeDocument" Target="xl/workbook.xml"/>` +
    "</Relationships>";
  const workbook =
    `${XML_HEAD}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
    '<bookViews><workbookView activeTab="0"/></bookViews>' +
    `<sheets>${each((i) => `<sheet name="${xmlText(names[i] as string)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("")}</sheets>` +
    "</workbook>";
  const workbookRels =
    `${XML_HEAD}<Relationships xmlns="${NS_PKG_REL}">` +
    each(
      (i) => `<Relationship Id="rId${i + 1}" Type="${NS_REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
    ).join("") +
    `<Relationship Id="rId${n + 1}" Type="${NS_REL}/styles" Target="styles.xml"/>` +
    `<Relationship Id="rId${n + 2}" Type="${NS_REL}/sharedStrings" Target="sharedStrings.xml"/>` +
    "</Relationships>";

  const enc = new TextEncoder();
  const files: Record<string, Uint8Array> = {
    // [Content_Types].xml first: some readers look for it at the start of the archive.
    "[Content_Types].xml": enc.encode(contentTypes),
    "_rels/.rels": enc.encode(rootRels),
    "xl/workbook.xml": enc.encode(workbook),
    "xl/_rels/workbook.xml.rels": enc.encode(workbookRels),
    "xl/styles.xml": enc.encode(STYLES_XML),
    "xl/sharedStrings.xml": enc.encode(strings.xml()),
  };
  worksheets.forEach((xml, i) => {
    files[`xl/worksheets/sheet${i + 1}.xml`] = enc.encode(xml);
  });
  // A fixed time stamp on the zip entries: the same table gives the same bytes, on any
  // server and in any time zone, which makes files comparable and cacheable.
  return zipSync(files, { level: 6, mtime: FIXED_MTIME });
}

// ---------------------------------------------------------------------------------------
// Download header.

/**
 * Content-Disposition for a download: `filename` in plain ASCII for old clients, and
 * `filename*` (RFC 5987/6266) in UTF-8 so browsers save "Närvaro_Halmstad.xlsx" with its
 * Swedish letters. Quotes, backslashes, path separators and control characters are taken
 * out first: a filename built from a course title must not break the header or pick a folder.
 */
export function attachment(filename: string): string {
  const name =
    filename
      .normalize("NFC")
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is replaced
      .replace(/[\u0000-\u001F\u007F"\\/]/g, "_")
      .trim() || "export";
  const ascii =
    name
      // å → a, é → e: the letter without its marks reads better than "_".
      .normalize("NFD")
      .replace(/[\u0300-\u036F]/g, "")
      .replace(/[^\x20-\x7E]/g, "_") || "export";
  // encodeURIComponent leaves ' ( ) * as they are, but RFC 5987's attr-char does not allow them.
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
