// The demo data (db/seed.ts, issue 8): seeded on a fresh database for a few different
// "todays", it must tell a true story on the dashboard whatever the day: goals for this year
// and the year before, a year plan on weekdays with no course in July, attendance for what
// is over, workplaces on every registration (with spellings the office merges), addresses a
// mail server takes, today's occasion for the demo leader and a full one with a waiting list.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateLibsql, openLibsql, type LibsqlHandle } from "../../db/libsql.ts";
import { DEMO_STAFF, seedDemo } from "../../db/seed.ts";
import { createApp } from "../../server/app.ts";
import { formatIsoDate } from "../../server/domain/format-time.ts";
import { normaliseOrgNumber } from "../../server/domain/org-number.ts";
import { createApiToken, createUser } from "../../server/domain/staff.ts";
import { readAnswer, type Answer } from "../helpers/test-db.ts";

interface Seeded {
  dir: string;
  handle: LibsqlHandle;
  app: ReturnType<typeof createApp>;
  organiserId: number;
  officeToken: string;
  leaderToken: string;
  seedMs: number;
}

async function seeded(now: Date): Promise<Seeded> {
  const dir = mkdtempSync(join(tmpdir(), "kurser-demo-"));
  const handle = await openLibsql(`file:${join(dir, "demo.db")}`);
  await migrateLibsql(handle);
  const started = performance.now();
  const { organiserId } = await seedDemo(handle.db, now);
  const seedMs = performance.now() - started;
  const app = createApp({
    db: handle.db,
    clock: () => now,
    publicUrl: "http://kurser.test",
    mailFrom: "Kurser <kurser@halland.example.se>",
  });
  const office = await createUser(handle.db, now, {
    organiserId,
    email: "kontroll@halland.example.se",
    name: "Kontroll",
    role: "office",
  });
  const leader = await rows<{ id: number }>(handle, `SELECT id FROM users WHERE email = '${DEMO_STAFF[1].email}'`);
  return {
    dir,
    handle,
    app,
    organiserId,
    officeToken: await createApiToken(handle.db, now, office.id, "test"),
    leaderToken: await createApiToken(handle.db, now, leader[0]!.id, "test"),
    seedMs,
  };
}

async function rows<T>(handle: LibsqlHandle, query: string): Promise<T[]> {
  const rs = await handle.client.execute(query);
  return rs.rows.map((r) =>
    Object.fromEntries(rs.columns.map((c) => [c, typeof r[c] === "bigint" ? Number(r[c]) : r[c]])),
  ) as T[];
}

async function get(s: Seeded, token: string, path: string): Promise<Answer> {
  const res = await readAnswer(await s.app.request(path, { headers: { authorization: `Bearer ${token}` } }));
  expect(res.status, `${path}: ${res.text.slice(0, 300)}`).toBe(200);
  return res;
}

const weekday = (date: string) => new Date(`${date}T12:00:00Z`).getUTCDay();
const nextDate = (date: string) => new Date(Date.parse(`${date}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
/** The first Monday–Friday on or after the date (the demo data also skip public holidays). */
function firstWeekday(date: string): string {
  let d = date;
  while (weekday(d) === 0 || weekday(d) === 6) d = nextDate(d);
  return d;
}

const RUNS = [
  { what: "a Monday in November", now: new Date("2026-11-16T09:00:00Z") },
  { what: "early February", now: new Date("2026-02-03T08:30:00Z") },
  { what: "a Saturday in September", now: new Date("2026-09-12T09:00:00Z") },
];

describe.each(RUNS)("demo data seeded on $what", ({ now }) => {
  let s: Seeded;
  const today = formatIsoDate(now);
  const year = Number(today.slice(0, 4));
  const t = now.getTime();

  beforeAll(async () => {
    s = await seeded(now);
  });
  afterAll(() => {
    s.handle.client.close();
    rmSync(s.dir, { recursive: true, force: true });
  });

  it("seeds quickly", () => {
    console.log(`seedDemo (${today}): ${s.seedMs.toFixed(0)} ms`);
    // Well under 2 s on an idle machine; the bound is generous for shared 2-core CI machines.
    expect(s.seedMs).toBeLessThan(6_000);
  });

  it("places every occasion on weekdays, each day on its own date, consecutive for multi-day ones, none in July", async () => {
    const days = await rows<{ occasionId: number; startsAt: number; endsAt: number; occStart: number; occEnd: number }>(
      s.handle,
      `SELECT d.occasion_id AS occasionId, d.starts_at AS startsAt, d.ends_at AS endsAt, o.starts_at AS occStart, o.ends_at AS occEnd
       FROM occasion_days d JOIN occasions o ON o.id = d.occasion_id ORDER BY d.occasion_id, d.starts_at`,
    );
    expect(days.length).toBeGreaterThan(30);
    const byOccasion = new Map<number, typeof days>();
    for (const d of days) byOccasion.set(d.occasionId, [...(byOccasion.get(d.occasionId) ?? []), d]);
    for (const [id, list] of byOccasion) {
      const dates = list.map((d) => formatIsoDate(new Date(d.startsAt)));
      expect(new Set(dates).size, `occasion ${id}: ${dates.join(", ")}`).toBe(dates.length);
      for (const [i, date] of dates.entries()) {
        expect([1, 2, 3, 4, 5], `occasion ${id} on ${date}`).toContain(weekday(date));
        expect(formatIsoDate(new Date(list[i]!.endsAt)), `occasion ${id}: a day ends on its own date`).toBe(date);
        expect(date.slice(5, 7), `occasion ${id} in July`).not.toBe("07");
        if (i > 0) expect(date, `occasion ${id}: days follow each other`).toBe(firstWeekday(nextDate(dates[i - 1]!)));
      }
      expect(list[0]!.occStart).toBe(list[0]!.startsAt);
      expect(list[list.length - 1]!.occEnd).toBe(list[list.length - 1]!.endsAt);
    }
  });

  it("plans this year with supervisor trainings spread over the year, and last year too", async () => {
    const perYear = await rows<{ y: string; type: string; n: number }>(
      s.handle,
      `SELECT strftime('%Y', o.starts_at / 1000, 'unixepoch') AS y, c.course_type AS type, count(*) AS n
       FROM occasions o JOIN courses c ON c.id = o.course_id GROUP BY 1, 2`,
    );
    const count = (y: number, type?: string) =>
      perYear.filter((r) => Number(r.y) === y && (!type || r.type === type)).reduce((n, r) => n + r.n, 0);
    expect(count(year, "handledarutbildning")).toBeGreaterThanOrEqual(6);
    expect(count(year, "handledarutbildning")).toBeLessThanOrEqual(8);
    expect(count(year)).toBeGreaterThanOrEqual(20);
    expect(count(year - 1)).toBeGreaterThanOrEqual(12);
    expect(count(year - 1)).toBeLessThanOrEqual(16);
    // Spread: supervisor trainings in at least five different months of this year.
    const months = await rows<{ m: string }>(
      s.handle,
      `SELECT DISTINCT strftime('%m', o.starts_at / 1000, 'unixepoch') AS m FROM occasions o JOIN courses c ON c.id = o.course_id
       WHERE c.course_type = 'handledarutbildning' AND strftime('%Y', o.starts_at / 1000, 'unixepoch') = '${year}'`,
    );
    expect(months.length).toBeGreaterThanOrEqual(5);
  });

  it("gives every registration a workplace and an address a mail server takes", async () => {
    const regs = await rows<{ email: string; emailKey: string; workplaceId: number | null; status: string }>(
      s.handle,
      `SELECT email, email_key AS emailKey, workplace_id AS workplaceId, status FROM registrations`,
    );
    expect(regs.length).toBeGreaterThan(500);
    for (const r of regs) {
      expect(r.workplaceId, r.email).not.toBeNull();
      expect(r.email).toMatch(/^[a-z0-9._-]+@[a-z0-9.-]+\.example\.se$/);
      expect(r.emailKey).toBe(r.email.trim().toLowerCase());
    }
    // People come back: fewer people than participations; and one person under two addresses.
    const people = new Set(regs.filter((r) => r.status === "confirmed").map((r) => r.emailKey));
    expect(people.size).toBeLessThan(regs.filter((r) => r.status === "confirmed").length * 0.6);
    expect(people).toContain("anna.lind@halmstad.example.se");
    expect(people).toContain("a.lind@halmstad.example.se");
    // Party staff write from their party's domain.
    const domains = new Set(regs.map((r) => r.email.split("@")[1]));
    for (const d of [
      "af.example.se",
      "fk.example.se",
      "regionhalland.example.se",
      "halmstad.example.se",
      "cafesolrosen.example.se",
    ])
      expect(domains).toContain(d);
  });

  it("has workplaces with valid organisation numbers and the pairs the office merges", async () => {
    const withOrg = await rows<{ orgNumber: string }>(
      s.handle,
      `SELECT org_number AS orgNumber FROM workplaces WHERE org_number IS NOT NULL`,
    );
    expect(withOrg.length).toBeGreaterThanOrEqual(5);
    for (const w of withOrg) expect(normaliseOrgNumber(w.orgNumber)).toBe(w.orgNumber);

    const { json } = await get(s, s.officeToken, "/api/office/workplaces");
    const list = json.workplaces as { id: number; name: string; municipality: string; suggestedDuplicates: number[] }[];
    expect(list.length).toBeGreaterThanOrEqual(40);
    const suggested = list.filter((w) => w.suggestedDuplicates.length > 0);
    expect(suggested.length).toBeGreaterThanOrEqual(3);
    const name = (id: number) => list.find((w) => w.id === id)!.name;
    const pairs = new Set(
      suggested.flatMap((w) => w.suggestedDuplicates.map((id) => [w.name, name(id)].sort().join(" / "))),
    );
    // Only the pairs meant for the office: nothing else looks alike.
    expect([...pairs].sort()).toEqual(
      [
        "Cafe Solrosen / Café Solrosen",
        "Kustens Bygg & Montage AB / Kustens Bygg och Montage AB",
        "Matmästarn Maxi Halmstad / Matmästarn Maxi Stormarknad Halmstad",
        "Varbergs Kustlogistik / Varbergs Kustlogistik AB",
      ].sort(),
    );
  });

  it("marks every day that is over, with most people there, and has walk-ins", async () => {
    const regs = await rows<{ id: number; source: string; days: number; marks: number; attended: number }>(
      s.handle,
      `SELECT r.id, r.source,
         (SELECT count(*) FROM occasion_days d WHERE d.occasion_id = r.occasion_id AND d.ends_at <= ${t}) AS days,
         (SELECT count(*) FROM attendance a WHERE a.registration_id = r.id) AS marks,
         EXISTS (SELECT 1 FROM attendance a WHERE a.registration_id = r.id AND a.status IN ('present', 'late')) AS attended
       FROM registrations r JOIN occasions o ON o.id = r.occasion_id
       WHERE r.status = 'confirmed' AND o.ends_at <= ${t}`,
    );
    expect(regs.length).toBeGreaterThan(200);
    for (const r of regs) expect(r.marks, `registration ${r.id}`).toBe(r.days);
    const share = regs.filter((r) => r.attended).length / regs.length;
    expect(share).toBeGreaterThan(0.82);
    expect(share).toBeLessThan(0.93);
    const statuses = await rows<{ status: string }>(s.handle, `SELECT DISTINCT status FROM attendance`);
    expect(statuses.map((x) => x.status).sort()).toEqual(["absent", "excused", "late", "present"]);
    const walkIns = regs.filter((r) => r.source === "walk-in");
    expect(walkIns.length).toBeGreaterThanOrEqual(1);
    for (const w of walkIns) expect(w.attended).toBe(1);
    // Nothing is marked before it happened.
    const early = await rows<{ n: number }>(s.handle, `SELECT count(*) AS n FROM attendance WHERE marked_at > ${t}`);
    expect(early[0]!.n).toBe(0);
    const future = await rows<{ n: number }>(
      s.handle,
      `SELECT count(*) AS n FROM registrations WHERE created_at > ${t}`,
    );
    expect(future[0]!.n).toBe(0);
  });

  it("has today's occasion for the demo leader: 17 registered, not yet marked", async () => {
    const day = firstWeekday(today);
    const { json } = await get(s, s.leaderToken, "/api/leader/occasions");
    const mine = (json.occasions as { id: number; days: { id: number; startsAt: string }[] }[]).filter((o) =>
      o.days.some((d) => formatIsoDate(new Date(d.startsAt)) === day),
    );
    expect(mine.length, `the leader's occasions on ${day}`).toBe(1);
    const { json: list } = await get(s, s.leaderToken, `/api/leader/occasions/${mine[0]!.id}/participants`);
    expect(list.participants).toHaveLength(17);
    for (const p of list.participants) expect(Object.keys(p.marks)).toHaveLength(0);
  });

  it("has evaluations of the occasions that are over, about two in three answered, with figures shown", async () => {
    const y = Number(formatIsoDate(now).slice(0, 4));
    const e = (await get(s, s.officeToken, `/api/office/evaluations?year=${y}`)).json;
    expect(e.total.invited).toBeGreaterThan(20);
    expect(e.total.responseRate).toBeGreaterThan(0.5);
    expect(e.total.responseRate).toBeLessThan(0.8);
    const overall = e.total.questions.find((q: { id: string }) => q.id === "overall");
    expect(overall.average).toBeGreaterThan(3.5);
    expect(e.occasions.some((o: { result: { shown: boolean } }) => o.result.shown)).toBe(true);
    // Nothing is due a reminder or a second mail at start: every seeded invitation was reminded.
    const [due] = await rows<{ n: number }>(
      s.handle,
      "SELECT count(*) AS n FROM evaluation_invites WHERE reminded_at IS NULL",
    );
    expect(due!.n).toBe(0);
  });

  it("gives full days an hour of breaks, which the certificate does not count", async () => {
    const [d] = await rows<{ full: number; wrong: number }>(
      s.handle,
      "SELECT sum(ends_at - starts_at >= 21600000) AS full, sum((ends_at - starts_at >= 21600000) <> (break_minutes = 60)) AS wrong FROM occasion_days",
    );
    expect(Number(d!.full)).toBeGreaterThan(10);
    expect(Number(d!.wrong)).toBe(0);
  });

  it("has a coming occasion that is full, with 3 on the waiting list", async () => {
    const full = await rows<{ id: number }>(
      s.handle,
      `SELECT o.id FROM occasions o WHERE o.starts_at > ${t}
         AND (SELECT count(*) FROM registrations r WHERE r.occasion_id = o.id AND r.status = 'confirmed') = o.capacity
         AND (SELECT count(*) FROM registrations r WHERE r.occasion_id = o.id AND r.status = 'waitlisted') = 3`,
    );
    expect(full.length).toBe(1);
  });

  it("has this year's and last year's goals, and figures that mean something", async () => {
    const goalRows = await rows<{ year: number; n: number }>(
      s.handle,
      `SELECT year, count(*) AS n FROM goals GROUP BY year`,
    );
    expect(goalRows.find((g) => g.year === year)?.n).toBe(3);
    expect(goalRows.find((g) => g.year === year - 1)?.n).toBeGreaterThanOrEqual(3);

    const { json } = await get(s, s.officeToken, `/api/office/goals?year=${year}`);
    const goal = (kind: string) => json.goals.find((g: { kind: string }) => g.kind === kind);
    expect(goal("workplaces")).toMatchObject({
      label: "Arbetsplatser i handledarutbildning",
      target: 100,
      courseTypes: ["handledarutbildning", "fordjupning"],
    });
    expect(goal("workplaces").value).toBeGreaterThan(0);
    expect(goal("workplaces").value).toBeLessThan(100);
    expect(goal("staff")).toMatchObject({ target: 200, courseTypes: [] });
    expect(goal("staff").value).toBeGreaterThan(0);
    expect(goal("occasions")).toMatchObject({ target: 8, courseTypes: ["handledarutbildning"] });
    expect(goal("occasions").forecast).toBeGreaterThanOrEqual(6);
    expect(json.previousYear.goals.length).toBeGreaterThanOrEqual(3);
    expect(json.previousYear.totals.attended).toBeGreaterThan(0);
    expect(json.previousYear.totals.workplaces).toBeGreaterThan(0);
    expect(json.previousYear.totals.occasionsHeld).toBeGreaterThanOrEqual(12);
    if (now.getUTCMonth() >= 8) {
      // Late in the year, this year has already grown past the year before.
      expect(json.totals.attended).toBeGreaterThan(json.previousYear.totals.attended);
      expect(json.totals.workplaces).toBeGreaterThan(json.previousYear.totals.workplaces);
      expect(goal("workplaces").value).toBeGreaterThanOrEqual(45);
    }
  });

  it("has budget, outcome and planned participants for some of this year's efforts, and one left empty", async () => {
    const { json } = await get(s, s.officeToken, `/api/office/reports/finsam?year=${year}`);
    const rows = json.rows as {
      courseType: string;
      budgetKr: number | null;
      outcomeKr: number | null;
      persons: number;
    }[];
    const hu = rows.find((r) => r.courseType === "handledarutbildning");
    expect(hu).toMatchObject({ budgetKr: 180_000, outcomeKr: 142_500 });
    expect(hu!.persons).toBeGreaterThan(0);
    expect(rows.find((r) => r.courseType === "bip-skapa")).toMatchObject({ budgetKr: 25_000, outcomeKr: null });
    expect(rows.some((r) => r.budgetKr === null)).toBe(true);
  });
});
