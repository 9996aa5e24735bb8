// Budget, outcome and planned participants per effort (course) and year: what Uppföljning
// Finsam asks of a structural effort besides its participants. The office enters them; the
// Finsam JSON, its CSV and XLSX, and the annual report's "Per insats" sheet carry them next to
// the participants counted by hand below; empty stays empty (never 0); the audit log says who.
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { organisers } from "../../db/schema.ts";
import { api, createTestContext, person, staffApi, staffToken, type TestContext } from "../helpers/test-db.ts";

let t: TestContext;
let office: string;
let otherOffice: string;
let held: number; // a course with an occasion in 2026, two attended
let planned: number; // a course with no occasion in 2026

const call = (method: string, path: string, body?: unknown) => staffApi(t, office, method, path, body);
const put = (courseId: number, year: number, body: unknown, token = office) =>
  staffApi(t, token, "PATCH", `/api/office/efforts/${courseId}/years/${year}`, body);
const finsam = async (year: number) =>
  (await call("GET", `/api/office/reports/finsam?year=${year}`)).json.rows as any[];
const bytes = async (path: string) => {
  const res = await t.app.request(path, { headers: { authorization: `Bearer ${office}` } });
  expect(res.status, path).toBe(200);
  return Buffer.from(await res.arrayBuffer());
};

beforeAll(async () => {
  t = await createTestContext({ now: new Date("2026-03-02T08:00:00Z") });
  office = (await staffToken(t, "office")).token;
  const [other] = await t.handle.db
    .insert(organisers)
    .values({ slug: "annat-forbund", name: "Samordningsförbundet Annat", email: "kansli@annat.example.se" })
    .returning();
  otherOffice = (await staffToken(t, "office", other!.id)).token;
  const course = async (title: string, courseType: string) =>
    (await call("POST", "/api/office/courses", { title, courseType })).json.course.id as number;
  held = await course("Nätverk BIP, budgettest", "bip-skapa");
  planned = await course("Temadag, planerad", "temadag");
  const occ = await call("POST", "/api/office/occasions", {
    courseId: held,
    days: [{ start: "2026-03-10T09:00", end: "2026-03-10T12:00" }],
    online: true,
    meetingUrl: "https://teams.example.se/meet/bip",
    capacity: 10,
    status: "published",
  });
  expect(occ.status, occ.text).toBe(201);
  const occasionId = occ.json.occasion.id as number;
  const dayId = occ.json.occasion.days[0].id as number;
  for (const gender of ["kvinna", "man"]) {
    const r = await api(t.app, "POST", `/api/occasions/${occasionId}/registrations`, person({ gender }));
    expect(r.status, r.text).toBe(201);
    const mark = await call(
      "PUT",
      `/api/leader/occasions/${occasionId}/days/${dayId}/attendance/${r.json.registration.id}`,
      { status: "present" },
    );
    expect(mark.status, mark.text).toBe(200);
  }
}, 60_000);
afterAll(() => t?.close());

describe("an effort's budget, outcome and planned participants", () => {
  it("start empty: null in the JSON, not zero", async () => {
    const rows = await finsam(2026);
    expect(rows.find((r) => r.courseId === held)).toMatchObject({
      persons: 2,
      women: 1,
      men: 1,
      budgetKr: null,
      outcomeKr: null,
      plannedParticipants: null,
    });
    // No occasion and nothing entered: not an effort of 2026.
    expect(rows.find((r) => r.courseId === planned)).toBeUndefined();
  });

  it("are stored for the year and shown in the Finsam rows; a planned course without occasions becomes a row", async () => {
    const saved = await put(held, 2026, { budgetKr: 45_000, outcomeKr: 38_250, plannedParticipants: 40 });
    expect(saved.status, saved.text).toBe(200);
    expect(saved.json.effort).toEqual({
      courseId: held,
      year: 2026,
      budgetKr: 45_000,
      outcomeKr: 38_250,
      plannedParticipants: 40,
    });
    expect((await put(planned, 2026, { budgetKr: 12_000, outcomeKr: null, plannedParticipants: 60 })).status).toBe(200);

    const rows = await finsam(2026);
    expect(rows.find((r) => r.courseId === held)).toMatchObject({
      persons: 2,
      budgetKr: 45_000,
      outcomeKr: 38_250,
      plannedParticipants: 40,
    });
    expect(rows.find((r) => r.courseId === planned)).toMatchObject({
      course: "Temadag, planerad",
      courseType: "temadag",
      persons: 0,
      women: 0,
      men: 0,
      otherOrUnknown: 0,
      budgetKr: 12_000,
      outcomeKr: null,
      plannedParticipants: 60,
    });
    // Another year is another row: 2025 has nothing of it.
    expect((await finsam(2025)).find((r) => r.courseId === planned)).toBeUndefined();
  });

  it("are in the Finsam CSV, in Finsam's order, with empty cells where nothing was entered", async () => {
    const rows: string[][] = parse((await bytes("/api/office/reports/finsam.csv?year=2026")).toString("utf8"), {
      delimiter: ";",
      bom: true,
    });
    expect(rows[0]).toEqual([
      "Insats (utbildning)",
      "Kurstyp",
      "Inriktning",
      "År",
      "Budget (kr)",
      "Utfall (kr)",
      "Planerat antal deltagare",
      "Deltagare",
      "Kvinnor",
      "Män",
      "Annat eller ej angivet",
    ]);
    const byCourse = new Map(rows.slice(1).map((r) => [r[0], r]));
    expect(byCourse.get("Nätverk BIP, budgettest")?.slice(2)).toEqual([
      "Strukturövergripande",
      "2026",
      "45000",
      "38250",
      "40",
      "2",
      "1",
      "1",
      "0",
    ]);
    expect(byCourse.get("Temadag, planerad")?.slice(4)).toEqual(["12000", "", "60", "0", "0", "0", "0"]);
  });

  it("are numbers in the Finsam workbook and in the annual report's sheet Per insats", async () => {
    for (const [path, sheetName] of [
      ["/api/office/reports/finsam.xlsx?year=2026", "Uppföljning Finsam 2026"],
      ["/api/office/reports/year.xlsx?year=2026", "Per insats"],
    ] as const) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await bytes(path)) as unknown as ArrayBuffer);
      const ws = wb.getWorksheet(sheetName);
      expect(ws, `${path}: ${wb.worksheets.map((w) => w.name).join(", ")}`).toBeTruthy();
      const values = ws!
        .getSheetValues()
        .slice(2)
        .map((r) => (r as unknown[]).slice(1));
      expect(values).toContainEqual([
        "Nätverk BIP, budgettest",
        expect.any(String),
        "Strukturövergripande",
        2026,
        45_000,
        38_250,
        40,
        2,
        1,
        1,
        0,
      ]);
      const plannedRow = values.find((r) => r[0] === "Temadag, planerad")!;
      expect(plannedRow[4]).toBe(12_000);
      expect(plannedRow[5] ?? null).toBeNull();
    }
  });

  it("can be emptied again, and each change is in the audit log with before and after", async () => {
    expect((await put(planned, 2026, { budgetKr: 12_000, outcomeKr: 11_500, plannedParticipants: null })).status).toBe(
      200,
    );
    const row = (await finsam(2026)).find((r) => r.courseId === planned);
    expect(row).toMatchObject({ budgetKr: 12_000, outcomeKr: 11_500, plannedParticipants: null });

    const log = await call("GET", "/api/office/audit");
    expect(log.status, log.text).toBe(200);
    const entries = (log.json.entries as any[]).filter((e) => e.action === "effort.update" && e.entityId === planned);
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({
      before: { title: "Temadag, planerad", year: 2026, budgetKr: 12_000, outcomeKr: null, plannedParticipants: 60 },
      after: { title: "Temadag, planerad", year: 2026, budgetKr: 12_000, outcomeKr: 11_500, plannedParticipants: null },
    });
    expect(entries[1].before).toEqual({
      title: "Temadag, planerad",
      year: 2026,
      budgetKr: null,
      outcomeKr: null,
      plannedParticipants: null,
    });
  });

  it("keeps what a change leaves out", async () => {
    expect((await put(held, 2026, { outcomeKr: 39_000 })).json.effort).toMatchObject({
      budgetKr: 45_000,
      outcomeKr: 39_000,
      plannedParticipants: 40,
    });
    expect((await put(held, 2026, { outcomeKr: 38_250 })).status).toBe(200);
  });

  it("an unchanged save writes nothing", async () => {
    const before = (await call("GET", "/api/office/audit")).json.entries.length;
    expect((await put(planned, 2026, { budgetKr: 12_000, outcomeKr: 11_500, plannedParticipants: null })).status).toBe(
      200,
    );
    expect((await call("GET", "/api/office/audit")).json.entries.length).toBe(before);
  });

  it("refuses what is not a whole, non-negative amount, in Swedish at the field, and changes nothing", async () => {
    const cases: [unknown, string, RegExp][] = [
      [{ budgetKr: -1, outcomeKr: null, plannedParticipants: null }, "budgetKr", /^Budgeten kan inte vara negativ\.$/],
      [{ budgetKr: 10.5, outcomeKr: null, plannedParticipants: null }, "budgetKr", /hela tal/],
      [{ budgetKr: "25 000", outcomeKr: null, plannedParticipants: null }, "budgetKr", /heltal/],
      [
        { budgetKr: null, outcomeKr: -5, plannedParticipants: null },
        "outcomeKr",
        /^Utfallet kan inte vara negativt\.$/,
      ],
      [{ budgetKr: null, outcomeKr: null, plannedParticipants: 2_000_000 }, "plannedParticipants", /Högst 1 000 000/],
      [{ outcomeKr: "mycket" }, "outcomeKr", /^Ange utfallet som ett heltal, eller lämna fältet tomt\.$/],
    ];
    for (const [body, field, message] of cases) {
      const res = await put(planned, 2026, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.error.fields[field], JSON.stringify(res.json)).toMatch(message);
    }
    expect((await finsam(2026)).find((r) => r.courseId === planned)).toMatchObject({
      budgetKr: 12_000,
      outcomeKr: 11_500,
    });
  });

  it("answers 404 for a course that does not exist, 403 for another organiser's office, 400 for a bad year", async () => {
    const body = { budgetKr: 1, outcomeKr: 1, plannedParticipants: 1 };
    const missing = await put(999_999, 2026, body);
    expect(missing.status).toBe(404);
    expect(missing.json.error.message).toBe("Utbildningen finns inte.");
    const foreign = await put(held, 2026, body, otherOffice);
    expect(foreign.status).toBe(403);
    const badYear = await staffApi(t, office, "PATCH", `/api/office/efforts/${held}/years/1850`, body);
    expect(badYear.status).toBe(400);
    expect((await finsam(2026)).find((r) => r.courseId === held)).toMatchObject({ budgetKr: 45_000 });
  });
});
