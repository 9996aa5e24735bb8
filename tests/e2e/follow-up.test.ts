// The follow-up in a real browser (Debian's Chromium via playwright-core) against the real
// Node server with a fresh libSQL file: a kansli worker signs in with a mailed link and lands
// on the follow-up of this year. The dashboard shows each goal with the same value and
// target as GET /api/office/goals, its bar's accessible text and whether it is on track; the
// breakdown tables and the totals carry the JSON's numbers; the list behind a goal (reached
// by keyboard) has as many rows as the figure; the board summary hides the navigation in
// print and fits one A4 page; the year plan's table view and filters live in the address and
// count only published occasions in its places figure. axe-core scans every new page, and no
// page scrolls sideways at 1366 px or 390 px.
//
// The data is made here, written straight to the database, so the figures are known by hand:
// this year (Stockholm) has two published occasions that are over (attendance marked), one
// coming, one draft and one cancelled (those two count nowhere); the year before has one.
//
// Needs the built web app (dist/web): `npm test` builds it first.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client.ts";
import { attendance, courses, goals, occasionDays, occasions, registrations, workplaces } from "../../db/schema.ts";
import { seedOrganiser } from "../../db/seed.ts";
import { formatDay, formatIsoDate, stockholmToUtc } from "../../server/domain/format-time.ts";
import { createGoal } from "../../server/domain/goals.ts";
import { newToken } from "../../server/domain/registration.ts";
import { createUser, type StaffUser } from "../../server/domain/staff.ts";
import { workplaceMatchKey } from "../../server/domain/workplaces.ts";
import { expectNoAxeViolations, expectNoHorizontalScroll, SITE, startE2e, type E2e } from "./harness.ts";

const DESKTOP = { width: 1366, height: 900 };
const PHONE_390 = { width: 390, height: 844 };
const HU = "Handledarutbildning för öppna arbetsplatser";
const BIP = "Nätverksträff BIP/SKAPA";

const stamp = Date.now();
const karin = { name: "Karin Kansli", email: `karin.kansli.${stamp}@halland.example.se` };

let e2e: E2e;
let page: Page;
let base: string;

const HOUR = 3_600_000;
const now = new Date();
const year = Number(formatIsoDate(now).slice(0, 4));
const yearStart = stockholmToUtc(`${year}-01-01`, "00:00").getTime();
const yearEnd = stockholmToUtc(`${year + 1}-01-01`, "00:00").getTime();
/** An instant this year that is over: a share of the time from New Year to now. */
const past = (share: number) => new Date(yearStart + Math.floor((now.getTime() - 2 * HOUR - yearStart) * share));
/** An instant this year still to come. */
const coming = (share: number) =>
  new Date(now.getTime() + HOUR + Math.floor((yearEnd - now.getTime() - 3 * HOUR) * share));

const ids = { goals: {} as Record<string, number>, occasions: {} as Record<string, number> };

/** An occasion of one hour, written straight to the database. */
async function occasion(
  db: Db,
  organiserId: number,
  courseId: number,
  label: string,
  startsAt: Date,
  status: "published" | "draft" | "cancelled",
) {
  const endsAt = new Date(startsAt.getTime() + HOUR);
  const [o] = await db
    .insert(occasions)
    .values({
      organiserId,
      courseId,
      label,
      online: false,
      venue: `Folkets Hus ${label}`,
      address: `Storgatan 1, ${label}`,
      capacity: 10,
      status,
      startsAt,
      endsAt,
      createdAt: now,
    })
    .returning({ id: occasions.id });
  const [d] = await db
    .insert(occasionDays)
    .values({ occasionId: o!.id, startsAt, endsAt, uid: `${newToken()}@kurser.test` })
    .returning({ id: occasionDays.id });
  return { id: o!.id, dayId: d!.id };
}

interface Person {
  name: string;
  email: string;
  party: string;
  gender: string | null;
}
const person = (name: string, party: string, gender: string | null): Person => ({
  name,
  email: `${name.toLowerCase().replace(/[^a-z]+/g, ".")}.${stamp}@example.se`,
  party,
  gender,
});
const P = [
  person("Anna Lind", "varberg", "kvinna"),
  person("Bo Ek", "halmstad", "man"),
  person("Cecilia Holm", "af", "kvinna"),
  person("David Strand", "annan", null),
  person("Eva Berg", "laholm", "kvinna"),
  person("Fredrik Dahl", "halmstad", "man"),
  person("Greta Falk", "fk", "annat"),
  person("Hanna Blom", "annan", "kvinna"),
  person("Ivar Nord", "af", "man"),
  person("Jonna Lund", "kungsbacka", "kvinna"),
  person("Karl Ström", "fk", "man"),
];

beforeAll(async () => {
  e2e = await startE2e("kurser-follow-up-e2e-");
  base = e2e.baseUrl;
  const db = e2e.server.handle.db;
  const org = await seedOrganiser(db, now);
  const user = await createUser(db, now, { organiserId: org.id, ...karin, role: "office" });
  const staff: StaffUser = {
    id: user.id,
    organiserId: org.id,
    organiserSlug: org.slug,
    name: karin.name,
    email: karin.email,
    role: "office",
  };
  const [hu, bip] = await db
    .insert(courses)
    .values([
      { organiserId: org.id, title: HU, courseType: "handledarutbildning", responsiblePartyCode: "af", createdAt: now },
      { organiserId: org.id, title: BIP, courseType: "bip-skapa", responsiblePartyCode: "halmstad", createdAt: now },
    ])
    .returning({ id: courses.id });
  const wp = await db
    .insert(workplaces)
    .values(
      [
        { name: "Café Solrosen", municipality: "Halmstad", orgNumber: "556677-8899" },
        { name: "Kustens Bygg", municipality: "Laholm", orgNumber: null },
        { name: "Ängslyckans förskola", municipality: "Varberg", orgNumber: null },
        { name: "Återbruket", municipality: "Falkenberg", orgNumber: null },
        { name: "Stadsbiblioteket", municipality: "Varberg", orgNumber: null },
      ].map((w) => ({
        ...w,
        organiserId: org.id,
        matchKey: workplaceMatchKey(w.name, w.municipality),
        createdAt: now,
      })),
    )
    .returning({ id: workplaces.id });
  const w = wp.map((x) => x.id);

  const A = await occasion(db, org.id, hu!.id, "Varberg", past(0.3), "published");
  const B = await occasion(db, org.id, bip!.id, "Halmstad", past(0.6), "published");
  const C = await occasion(db, org.id, hu!.id, "Laholm", coming(0.4), "published");
  const D = await occasion(db, org.id, hu!.id, "Hylte", coming(0.5), "draft");
  const E = await occasion(db, org.id, bip!.id, "Falkenberg", past(0.5), "cancelled");
  const Prev = await occasion(
    db,
    org.id,
    hu!.id,
    "Kungsbacka",
    stockholmToUtc(`${year - 1}-06-10`, "09:00"),
    "published",
  );
  Object.assign(ids.occasions, { A: A.id, B: B.id, C: C.id, D: D.id, E: E.id });

  const reg = async (
    occ: { id: number; dayId: number },
    p: Person,
    workplaceId: number | null,
    attended: boolean,
    status = "confirmed",
  ) => {
    const [r] = await db
      .insert(registrations)
      .values({
        organiserId: org.id,
        occasionId: occ.id,
        manageToken: newToken(),
        name: p.name,
        email: p.email,
        emailKey: p.email.toLowerCase(),
        partyCode: p.party,
        workplaceId,
        role: "Handledare",
        gender: p.gender,
        status,
        source: "web",
        createdAt: now,
        confirmedAt: status === "confirmed" ? now : null,
      })
      .returning({ id: registrations.id });
    if (attended)
      await db
        .insert(attendance)
        .values({ registrationId: r!.id, dayId: occ.dayId, status: "present", via: "leader", markedAt: now });
  };
  // A (over): five registered at four workplaces, four attended (Eva did not come).
  await reg(A, P[0]!, w[0]!, true);
  await reg(A, P[1]!, w[1]!, true);
  await reg(A, P[2]!, w[2]!, true);
  await reg(A, P[3]!, w[0]!, true);
  await reg(A, P[4]!, w[3]!, false);
  // B (over): three registered, Fredrik attended.
  await reg(B, P[1]!, null, false);
  await reg(B, P[5]!, null, true);
  await reg(B, P[6]!, null, false);
  // C (coming): two with a place, one waiting.
  await reg(C, P[7]!, w[4]!, false);
  await reg(C, P[0]!, w[0]!, false);
  await reg(C, P[8]!, w[4]!, false, "waitlisted");
  // The draft and the cancelled occasion count nowhere.
  await reg(D, P[9]!, w[1]!, false);
  await reg(E, P[10]!, null, true);
  // The year before.
  await reg(Prev, P[0]!, w[0]!, true);
  await reg(Prev, P[2]!, w[2]!, true);

  const goal = (
    label: string,
    kind: "workplaces" | "staff" | "occasions",
    basis: "attended" | "registered",
    courseTypes: string[],
    target: number,
  ) => createGoal(db, staff, now, { year, label, kind, basis, courseTypes, target });
  ids.goals.workplaces = (
    await goal("Arbetsplatser i handledarutbildningen", "workplaces", "attended", ["handledarutbildning"], 10)
  ).id;
  ids.goals.staff = (await goal("Medarbetare som deltagit", "staff", "attended", [], 20)).id;
  ids.goals.network = (await goal("Anmälda till nätverksträffar", "staff", "registered", ["bip-skapa"], 3)).id;
  ids.goals.held = (await goal("Genomförda tillfällen", "occasions", "attended", [], 4)).id;
  // A goal migrated from a course setting without a target (the API asks for at least 1).
  const [noTarget] = await db
    .insert(goals)
    .values({
      organiserId: org.id,
      year,
      label: "Nätverksträffar utan målvärde",
      kind: "occasions",
      basis: "attended",
      courseTypes: ["bip-skapa"],
      target: 0,
      sortOrder: 9,
      createdAt: now,
    })
    .returning({ id: goals.id });
  ids.goals.noTarget = noTarget!.id;

  const context = await e2e.browser.newContext({ viewport: DESKTOP });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
}, 60_000);

afterAll(async () => {
  await e2e?.close();
});

// ---------------------------------------------------------------- helpers

interface Row {
  key: string;
  label: string;
  registered: number;
  attended: number;
  workplaces: number;
}
interface GoalJson {
  id: number;
  label: string;
  kind: string;
  basis: string;
  target: number;
  value: number;
  expectedByToday: number;
  forecast: number;
  onTrack: boolean;
}
interface FollowUpJson {
  year: number;
  goals: GoalJson[];
  totals: Record<string, number>;
  breakdowns: Record<string, Row[]>;
  previousYear: { year: number; goals: GoalJson[]; totals: Record<string, number>; breakdowns: Record<string, Row[]> };
}

/** The JSON the dashboard is made from, fetched with the page's own session cookie. */
async function followUpJson(y: number): Promise<FollowUpJson> {
  const res = await page.request.get(`${base}/api/office/goals?year=${y}`);
  expect(res.status()).toBe(200);
  return (await res.json()) as FollowUpJson;
}

const NBSP = "\u00a0";
const UNIT: Record<string, string> = {
  workplaces: "arbetsplatser",
  staff: "personer",
  participants: "deltagartillfällen",
  occasions: "genomförda tillfällen",
};
const cellTexts = (row: ReturnType<Page["locator"]>) => row.locator("td").allTextContents();
const mainText = () => page.locator("main").textContent();

async function atWidths(what: string, check?: () => Promise<void>) {
  for (const vp of [DESKTOP, PHONE_390]) {
    await page.setViewportSize(vp);
    await expectNoHorizontalScroll(page, `${what} (${vp.width} px)`);
    if (check) await check();
  }
  await page.setViewportSize(DESKTOP);
}

// ---------------------------------------------------------------- the tests

describe("the follow-up in the browser", () => {
  it("signs in with the mailed link and lands on the follow-up of this year", async () => {
    const link = await e2e.signInByMail(page, karin.email);
    await e2e.followSignInLink(page, link);
    await page.waitForURL(`${base}/kansliet`);
    await page.getByRole("heading", { level: 1, name: `Uppföljning ${year}` }).waitFor();
    await expect.poll(() => page.title()).toBe(`Uppföljning ${year} – ${SITE}`);
    await page.getByRole("heading", { level: 2, name: `Mål ${year}` }).waitFor();
  });

  it("shows each goal with the JSON's value and target, its bar's text and whether it is on track", async () => {
    const json = await followUpJson(year);
    // The figures worked out by hand from the data above (decision 008).
    const value = (id: number) => json.goals.find((g) => g.id === id)?.value;
    expect(value(ids.goals.workplaces!), "arbetsplatser på A som deltagit: Solrosen, Kustens, Ängslyckan").toBe(3);
    expect(value(ids.goals.staff!), "Anna, Bo, Cecilia, David, Fredrik").toBe(5);
    expect(value(ids.goals.network!), "Bo, Fredrik, Greta anmälda till B; inställda E räknas inte").toBe(3);
    expect(value(ids.goals.held!), "A och B är genomförda").toBe(2);
    expect(json.goals).toHaveLength(5);

    for (const g of json.goals) {
      const card = page.locator(`li[data-goal="${g.id}"]`);
      await card.getByRole("heading", { level: 3, name: g.label }).waitFor();
      const text = (await card.textContent()) ?? "";
      const link = card.getByRole("link", { name: new RegExp(`^${g.value}\\b`) });
      await expect(link.getAttribute("href")).resolves.toBe(`/kansliet/mal/${g.id}`);
      if (g.target > 0) {
        expect(text).toContain(`${g.value} av ${g.target}`);
        const share = `${Math.round((g.value / g.target) * 100)}${NBSP}%`;
        const bar = card.getByRole("img", {
          name: `${g.value} av ${g.target} ${UNIT[g.kind]} (${share}). Förväntat i dag: ${g.expectedByToday}.`,
        });
        await expect(bar.count(), `stapeln för ${g.label}`).resolves.toBe(1);
        expect(text).toContain(g.onTrack ? "I fas" : `Efter plan: ${g.expectedByToday - g.value} under`);
        expect(text).toContain(`Prognos: ${g.forecast}`);
      } else {
        expect(text).toContain("Målvärde saknas – ange det under Mål");
        await expect(card.getByRole("img").count()).resolves.toBe(0);
      }
    }
    // What a goal counts, in words.
    expect(await page.locator(`li[data-goal="${ids.goals.workplaces}"]`).textContent()).toContain(
      "räknar arbetsplatser · deltagit · Handledarutbildning för öppna arbetsplatser",
    );
    expect(await page.locator(`li[data-goal="${ids.goals.network}"]`).textContent()).toContain(
      "räknar personer · anmälda · Nätverksträff BIP/SKAPA",
    );
    expect(await page.locator(`li[data-goal="${ids.goals.staff}"]`).textContent()).toContain("alla kurstyper");
  });

  it("shows the totals and every breakdown with the JSON's numbers, this year next to the year before", async () => {
    const json = await followUpJson(year);
    expect(json.totals.occasionsPlanned, "A, B och C; utkast och inställt räknas inte").toBe(3);
    expect(json.previousYear.totals.attended).toBe(2);
    for (const key of Object.keys(json.totals)) {
      const cells = await cellTexts(page.locator(`#totals tr[data-key="${key}"]`));
      expect(cells.slice(0, 2), `totalsiffran ${key}`).toEqual([
        String(json.totals[key]),
        String(json.previousYear.totals[key]),
      ]);
    }
    for (const [name, rows] of Object.entries(json.breakdowns)) {
      const before = new Map(json.previousYear.breakdowns[name]!.map((r) => [r.key, r]));
      expect(rows.length, `raderna i ${name}`).toBeGreaterThan(0);
      for (const r of rows) {
        const row = page.locator(`#breakdown-${name} tbody tr[data-key="${r.key}"]`);
        const p = before.get(r.key);
        const expected = [
          r.registered,
          r.attended,
          r.workplaces,
          p?.registered ?? 0,
          p?.attended ?? 0,
          p?.workplaces ?? 0,
        ].map(String);
        // The seventh cell is the chart (aria-hidden), with no text.
        expect(await cellTexts(row), `${name} ${r.key}`).toEqual([...expected, ""]);
        expect((await row.locator("th").textContent())?.toLocaleLowerCase("sv-SE")).toBe(
          r.label.toLocaleLowerCase("sv-SE"),
        );
      }
    }
    // A table a screen reader can read: a caption and headers with scope.
    const party = page.locator("#breakdown-party");
    expect(await party.locator("caption").textContent()).toContain("Per part");
    expect(await party.locator('thead th[scope="colgroup"]').allTextContents()).toEqual([
      String(year),
      String(year - 1),
    ]);
    // The chart is decoration: hidden from assistive technology, the numbers say it all.
    expect(await party.locator(".chart-cell").first().getAttribute("aria-hidden")).toBe("true");

    // The ways on: the board summary, the files, the exports page.
    await expect(
      page.getByRole("link", { name: `Sammanfattning för styrelsen ${year}` }).getAttribute("href"),
    ).resolves.toBe(`/kansliet/styrelse?ar=${year}`);
    await expect(page.getByRole("link", { name: `Excel, årets siffror ${year}` }).getAttribute("href")).resolves.toBe(
      `/api/office/reports/year.xlsx?year=${year}`,
    );
    await expect(
      page.getByRole("link", { name: `CSV, Uppföljning Finsam ${year}` }).getAttribute("href"),
    ).resolves.toBe(`/api/office/reports/finsam.csv?year=${year}`);
    await expect(page.getByRole("link", { name: "Fler exporter" }).getAttribute("href")).resolves.toBe(
      "/kansliet/export",
    );
    const file = await page.request.get(`${base}/api/office/reports/finsam.csv?year=${year}`);
    expect(file.status()).toBe(200);

    await expectNoAxeViolations(page, "uppföljningen");
    await atWidths("uppföljningen", () => expectNoAxeViolations(page, "uppföljningen"));
  });

  it("opens the list behind a goal by keyboard; its rows are as many as the figure, and a search narrows it", async () => {
    await page.goto(`${base}/kansliet`);
    await page.getByRole("heading", { level: 2, name: `Mål ${year}` }).waitFor();
    const href = `/kansliet/mal/${ids.goals.workplaces}`;
    let reached = false;
    for (let i = 0; i < 40 && !reached; i++) {
      await page.keyboard.press("Tab");
      reached = await page.evaluate((h) => document.activeElement?.getAttribute("href") === h, href);
    }
    expect(reached, "Tab når målets länk").toBe(true);
    // Focus is visible: the link gets the yellow focus background.
    const bg = await page.evaluate(() => getComputedStyle(document.activeElement!).backgroundColor);
    expect(bg).toBe("rgb(255, 204, 0)");
    await page.keyboard.press("Enter");
    await page.waitForURL(`${base}${href}`);

    const json = await followUpJson(year);
    const g = json.goals.find((x) => x.id === ids.goals.workplaces)!;
    await page.getByRole("heading", { level: 1, name: g.label }).waitFor();
    const rows = page.locator("table.table--members tbody tr");
    await expect.poll(() => rows.count()).toBe(g.value);
    expect(await page.locator("#members-count").textContent()).toBe(`${g.value} arbetsplatser räknas för målet.`);
    expect(await mainText()).toContain(`${g.value} av ${g.target} arbetsplatser`);
    // Each workplace with its municipality (and org number), its occasion linked, the date in Swedish, attended.
    const cafe = rows.filter({ hasText: "Café Solrosen" });
    const cafeText = (await cafe.textContent()) ?? "";
    expect(cafeText).toContain("Halmstad, 556677-8899");
    expect(cafeText).toContain(`${formatDay(past(0.3))}: deltog`);
    await expect(cafe.getByRole("link", { name: `${HU} (Varberg)` }).getAttribute("href")).resolves.toBe(
      `/kansliet/tillfallen/${ids.occasions.A}`,
    );
    // Eva did not attend: Återbruket is not in the list; the coming occasion's workplace neither.
    expect(await rows.filter({ hasText: "Återbruket" }).count()).toBe(0);
    expect(await rows.filter({ hasText: "Stadsbiblioteket" }).count()).toBe(0);
    await expectNoAxeViolations(page, "målets underlag");

    await page.getByLabel("Sök i listan").fill("laholm");
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain("Kustens Bygg");
    await expect
      .poll(() => page.locator("#members-count").textContent())
      .toBe(`1 av ${g.value} arbetsplatser stämmer med ”laholm”.`);
    await page.getByLabel("Sök i listan").fill("");
    await expect.poll(() => rows.count()).toBe(g.value);
    await atWidths("målets underlag", () => expectNoAxeViolations(page, "målets underlag"));

    // The list of a people goal counts persons, with their occasions.
    const staffGoal = json.goals.find((x) => x.id === ids.goals.staff)!;
    await page.goto(`${base}/kansliet/mal/${staffGoal.id}`);
    await page.getByRole("heading", { level: 1, name: staffGoal.label }).waitFor();
    await expect.poll(() => rows.count()).toBe(staffGoal.value);
    expect(await rows.filter({ hasText: "Eva Berg" }).count()).toBe(0);

    await page.getByRole("link", { name: `Uppföljning ${year}` }).click();
    await page.waitForURL(`${base}/kansliet?ar=${year}`);
    await page.getByRole("heading", { level: 1, name: `Uppföljning ${year}` }).waitFor();
  });

  it("prints the board summary on one A4 page without the navigation", async () => {
    await page.goto(`${base}/kansliet/styrelse?ar=${year}`);
    await page.getByRole("heading", { level: 1, name: `Uppföljning ${year} – sammanfattning för styrelsen` }).waitFor();
    await expect.poll(mainText).toContain(SITE);
    expect(await mainText()).toContain(`Utskrivet ${formatDay(new Date())}`);
    const json = await followUpJson(year);
    const table = page.locator("#board-goals-table");
    await table.waitFor();
    for (const g of json.goals) {
      const cells = await cellTexts(table.locator(`tr[data-goal="${g.id}"]`));
      expect(cells[0], g.label).toBe(String(g.value));
      expect(cells[1]).toBe(g.target > 0 ? String(g.target) : "saknas");
      expect(cells[5]).toBe(String(g.forecast));
    }
    for (const [key, name] of [
      ["party", "party"],
      ["courseType", "type"],
      ["gender", "gender"],
    ] as const) {
      for (const r of json.breakdowns[key]!.filter((x) => x.registered > 0)) {
        const cells = await cellTexts(page.locator(`#board-${name}-table tr[data-key="${r.key}"]`));
        expect(cells.slice(0, 3), `${key} ${r.key}`).toEqual([r.registered, r.attended, r.workplaces].map(String));
      }
    }
    await expect(page.locator("#board-totals-table tr[data-key='attended'] td").first().textContent()).resolves.toBe(
      String(json.totals.attended),
    );
    const print = page.getByRole("button", { name: "Skriv ut" });
    expect(await print.isVisible()).toBe(true);
    expect(await page.locator(".office-nav").isVisible()).toBe(true);
    await expectNoAxeViolations(page, "styrelsesammanfattningen");
    await atWidths("styrelsesammanfattningen");

    await page.emulateMedia({ media: "print" });
    try {
      expect(await page.locator(".office-nav").isVisible(), "navigeringen på papper").toBe(false);
      expect(await page.locator(".site-header").isVisible(), "sidhuvudet på papper").toBe(false);
      expect(await print.isVisible(), "utskriftsknappen på papper").toBe(false);
      expect(await page.getByRole("heading", { level: 1 }).isVisible()).toBe(true);
      const pdf = await page.pdf({ format: "A4", preferCSSPageSize: true, printBackground: true });
      const pages = pdf.toString("latin1").match(/\/Type\s*\/Page(?![s\w])/g) ?? [];
      expect(pages.length, "sidor i PDF:en").toBe(1);
    } finally {
      await page.emulateMedia({ media: "screen" });
    }
  });

  it("shows the year plan as a table, filtered by course and status in the address, counting only published places", async () => {
    await page.goto(`${base}/kansliet/arshjul?ar=${year}`);
    await page.getByRole("heading", { level: 1, name: `Årshjul ${year}` }).waitFor();
    const summary = page.locator(".plan-summary");
    // A, B and C have ten places each: 5 + 3 + 2 booked; the draft and the cancelled one apart.
    await expect
      .poll(() => summary.textContent())
      .toBe(
        `3 publicerade tillfällen ${year}, 10 av 30 platser bokade (33${NBSP}%). Dessutom 1 utkast och 1 inställt, som inte räknas in.`,
      );
    await expect(page.getByRole("link", { name: "Lista per månad" }).getAttribute("aria-current")).resolves.toBe(
      "true",
    );

    await page.getByRole("link", { name: "Tabell" }).click();
    await page.waitForURL((url) => url.searchParams.get("vy") === "tabell");
    await expect(page.getByRole("link", { name: "Tabell" }).getAttribute("aria-current")).resolves.toBe("true");
    const rows = page.locator("#plan-table tbody tr");
    await expect.poll(() => rows.count()).toBe(5);
    expect(await page.locator("#plan-table thead th").allTextContents()).toEqual([
      "Datum",
      "Utbildning och tillfälle",
      "Status",
      "Plats",
      "Bokade av platser",
      "Väntelista",
    ]);
    const c = rows.filter({ has: page.getByRole("link", { name: `${HU} (Laholm)` }) });
    expect(await cellTexts(c)).toEqual([
      expect.stringContaining(formatDay(coming(0.4))),
      "Publicerad",
      "Folkets Hus Laholm, Storgatan 1, Laholm",
      "2 av 10",
      "1",
    ]);
    await expectNoAxeViolations(page, "årshjulet som tabell");
    await atWidths("årshjulet som tabell");

    await page.getByLabel("Status").selectOption({ label: "Utkast" });
    await page.waitForURL(
      (url) => url.searchParams.get("status") === "draft" && url.searchParams.get("vy") === "tabell",
    );
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain(`${HU} (Hylte)`);
    expect(await rows.first().textContent()).toContain("Utkast");

    await page.getByLabel("Status").selectOption({ label: "Alla" });
    await page.getByLabel("Utbildning", { exact: true }).selectOption({ label: BIP });
    await page.waitForURL((url) => !url.searchParams.has("status") && url.searchParams.has("utbildning"));
    await expect.poll(() => rows.count()).toBe(2);
    // In date order: the cancelled one in Falkenberg came before the one in Halmstad.
    expect(await rows.allTextContents()).toEqual([
      expect.stringContaining("(Falkenberg)"),
      expect.stringContaining("(Halmstad)"),
    ]);
    await expect
      .poll(() => summary.textContent())
      .toContain(`1 publicerat tillfälle ${year} av ${BIP}, 3 av 10 platser bokade`);

    // The address alone gives the same view (a bookmark, a link in a mail).
    const address = page.url();
    await page.goto(`${base}/kansliet`);
    await page.goto(address);
    await expect.poll(() => rows.count()).toBe(2);
    await expect(
      page
        .getByLabel("Utbildning", { exact: true })
        .evaluate((el: HTMLSelectElement) => el.selectedOptions[0]?.textContent),
    ).resolves.toBe(BIP);

    await page.getByRole("link", { name: "Lista per månad" }).click();
    await page.waitForURL((url) => !url.searchParams.has("vy"));
    await expect.poll(() => page.locator("main .cards > li").count()).toBe(2);
    await expectNoAxeViolations(page, "årshjulet filtrerat");
    await atWidths("årshjulet per månad");
  });

  it("says so when a year has no goals, and leads to where they are set", async () => {
    await page.goto(`${base}/kansliet?ar=${year + 1}`);
    await page.getByRole("heading", { level: 1, name: `Uppföljning ${year + 1}` }).waitFor();
    await expect.poll(mainText).toContain(`Det finns inga mål för ${year + 1} än.`);
    expect(await mainText()).toContain(`kopiera förra årets mål (${year} hade 5 mål)`);
    await expect(page.getByRole("link", { name: "Sätt årets mål under Mål" }).getAttribute("href")).resolves.toBe(
      `/kansliet/mal?ar=${year + 1}`,
    );
    await expectNoAxeViolations(page, "uppföljningen utan mål");
  });
});
