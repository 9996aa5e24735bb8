// The personal page (/anmalan/:token) in a real browser: each of its states once, made the way
// they happen (occasions created and cancelled through the office API with an API token,
// registrations and cancellations through the public API), with time moved by writing the
// occasion's and its days' times straight into the server's libSQL database. Each page must
// show exactly its own state's heading and none of the others' texts, pass axe-core, and not
// scroll sideways on a phone. Screenshots of two states at 390×844 and 1366×900 go to
// /tmp/shots-personal/.
//
// Needs the built web app (dist/web): `npm test` builds it first.
import { mkdirSync } from "node:fs";
import { eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attendance, occasionDays, occasions } from "../../db/schema.ts";
import { seedOrganiser } from "../../db/seed.ts";
import { formatIsoDate } from "../../server/domain/format-time.ts";
import { createApiToken, createUser } from "../../server/domain/staff.ts";
import type { RunningServer } from "../../server/entry.node.ts";
import { courseIdsFor } from "../helpers/fixtures.ts";
import { expectNoAxeViolations, expectNoHorizontalScroll, newPhonePage, startE2e, type E2e } from "./harness.ts";

const SHOTS = "/tmp/shots-personal";
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const stamp = Date.now();

/** Every state's status heading; a page must show its own and none of the others. */
const HEADINGS = {
  coming: "Du har fått en plats",
  running: "Tillfället pågår",
  waiting: "Du står på väntelistan",
  "cancelled-by-her": "Du har avbokat din plats",
  "occasion-cancelled": "Tillfället är inställt",
  over: "Tillfället är avslutat",
} as const;
type State = keyof typeof HEADINGS;

const INVITE = "Ladda ner kalenderinbjudan";

let e2e: E2e;
let page: Page;
let running: RunningServer;
let base: string;
let apiToken: string;
let courseId: number;
let organiserEmail: string;

const person = (name: string) => ({
  name,
  email: `${name.toLowerCase().replace(/[^a-z]+/g, ".")}.${stamp}@halmstad.example.se`,
});

/** A call to the office API as a script would make it: `Authorization: Bearer <API token>`. */
async function office<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${base}/api/office${path}`, {
    method,
    headers: { authorization: `Bearer ${apiToken}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json()) as T;
  expect(res.ok, `${method} ${path}: ${JSON.stringify(json)}`).toBe(true);
  return json;
}

/** A published occasion `inDays` from now, one day 09.00–16.00 per entry of `dayOffsets`, through the office API. */
async function createOccasion(
  label: string,
  capacity: number,
  opts: { online?: boolean; dayOffsets?: number[] } = {},
): Promise<number> {
  const days = (opts.dayOffsets ?? [20]).map((d) => {
    const date = formatIsoDate(new Date(Date.now() + d * DAY));
    return { start: `${date}T09:00`, end: `${date}T16:00` };
  });
  const { occasion } = await office<{ occasion: { id: number } }>("POST", "/occasions", {
    courseId,
    label,
    days,
    online: opts.online ?? false,
    venue: opts.online ? null : "Folkets Hus Varberg",
    address: opts.online ? null : "Västra Vallgatan 9, Varberg",
    meetingUrl: opts.online ? "https://teams.example.se/meet/personal-page" : null,
    capacity,
    status: "published",
  });
  return occasion.id;
}

/** A registration through the public API, as a person makes it: the status, id and personal token. */
async function register(occasionId: number, who: { name: string; email: string }) {
  const res = await fetch(`${base}/api/occasions/${occasionId}/registrations`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      ...who,
      party: "halmstad",
      workplace: { name: "Arbetsmarknadsenheten", municipality: "Halmstad" },
      acceptPrivacy: true,
    }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { registration: { id: number; status: string; manageToken: string } }).registration;
}

async function cancelRegistration(token: string) {
  const res = await fetch(`${base}/api/registrations/${token}`, { method: "DELETE" });
  expect(res.status).toBe(200);
}

/** Moves the occasion in time: its days start at `starts` (ms from now each), 7 hours long. */
async function moveDays(occasionId: number, starts: number[]) {
  const db = running.handle.db;
  const rows = await db
    .select()
    .from(occasionDays)
    .where(eq(occasionDays.occasionId, occasionId))
    .orderBy(occasionDays.startsAt);
  expect(rows.length).toBe(starts.length);
  const now = Date.now();
  const spans = starts.map((s) => ({ startsAt: new Date(now + s), endsAt: new Date(now + s + 7 * HOUR) }));
  for (const [i, row] of rows.entries())
    await db.update(occasionDays).set(spans[i]!).where(eq(occasionDays.id, row.id));
  await db
    .update(occasions)
    .set({ startsAt: spans[0]!.startsAt, endsAt: spans[spans.length - 1]!.endsAt })
    .where(eq(occasions.id, occasionId));
  return rows.map((r) => r.id);
}

const main = () => page.locator("main");
const mainText = async () => (await main().textContent()) ?? "";

/** Opens the personal page and checks that exactly one state shows: its heading, none of the others'. */
async function openInState(token: string, state: State, what: string): Promise<string> {
  await page.goto(`${base}/anmalan/${token}`);
  const status = page.locator("h2.panel-title");
  await status.waitFor();
  expect(await page.getByRole("heading", { level: 1 }).count(), "one h1").toBe(1);
  expect(await status.textContent(), what).toMatch(new RegExp(`^${HEADINGS[state]}`));
  expect(await page.locator("[data-state]").getAttribute("data-state")).toBe(state);
  const text = await mainText();
  for (const [other, heading] of Object.entries(HEADINGS)) {
    if (other !== state) expect(text, `${what}: no "${heading}"`).not.toContain(heading);
  }
  // Every state keeps her details, and the file of everything about her (issue 11).
  expect(text).toContain("Dina uppgifter");
  expect(text).toContain("Ladda ner mina uppgifter (JSON)");
  await expectNoHorizontalScroll(page, what);
  await expectNoAxeViolations(page, what);
  return text;
}

async function shoot(token: string, name: string) {
  for (const viewport of [
    { width: 390, height: 844 },
    { width: 1366, height: 900 },
  ]) {
    const context = await e2e.browser.newContext({ viewport });
    const p = await context.newPage();
    await p.goto(`${base}/anmalan/${token}`);
    await p.locator("h2.panel-title").waitFor();
    // The certificate answer comes after the page: wait until nothing is loading.
    await p.waitForFunction(() => !document.querySelector(".loading"));
    await p.screenshot({ path: `${SHOTS}/${name}-${viewport.width}x${viewport.height}.png`, fullPage: true });
    await context.close();
  }
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  e2e = await startE2e("kurser-personal-");
  ({ server: running, baseUrl: base } = e2e);
  const db = running.handle.db;
  const now = new Date();
  const org = await seedOrganiser(db, now);
  const karin = await createUser(db, now, {
    organiserId: org.id,
    name: "Karin Kansli",
    email: `karin.${stamp}@halland.example.se`,
    role: "office",
  });
  apiToken = await createApiToken(db, now, karin.id, "e2e personal page");
  courseId = await courseIdsFor(db, org.id, now);
  organiserEmail = org.email;
  page = await newPhonePage(e2e.browser);
  page.setDefaultTimeout(15_000);
}, 60_000);

afterAll(async () => {
  await e2e?.close();
});

describe("the personal page shows one true state", () => {
  let overToken: string;
  let cancelledOccasionToken: string;

  it("coming: a place, the days and place, the invitation and cancelling with its last moment", async () => {
    const id = await createOccasion("Kommande", 1);
    const anna = await register(id, person("Anna Kommande"));
    expect(anna.status).toBe("confirmed");
    const text = await openInState(anna.manageToken, "coming", "kommande");
    expect(text).not.toContain("inställt");
    expect(text).toContain("Folkets Hus Varberg, Västra Vallgatan 9, Varberg");
    expect(text).toMatch(/Du kan göra det här fram till \S+ \d+ \S+ \d{4} kl\. 09\.00\./);
    await page.getByRole("link", { name: INVITE }).waitFor();
    await page.getByRole("button", { name: "Avboka" }).waitFor();

    // The next one is on the waiting list of the same (full) occasion.
    const bo = await register(id, person("Bo Vantar"));
    expect(bo.status).toBe("waitlisted");
    const waiting = await openInState(bo.manageToken, "waiting", "väntelistan");
    expect(waiting).toContain("Du står på väntelistan, plats 1");
    expect(waiting).toContain("Du får ett mejl om en plats blir ledig");
    expect(waiting).not.toContain(INVITE);
    await page.getByRole("button", { name: "Lämna väntelistan" }).waitFor();
    expect(await page.getByRole("button", { name: "Avboka" }).count()).toBe(0);
  });

  it("running: the day going on, the meeting link, no cancelling", async () => {
    const id = await createOccasion("Pågår", 5, { online: true, dayOffsets: [20, 27] });
    const gus = await register(id, person("Gustav Pagar"));
    expect(gus.status).toBe("confirmed");
    await moveDays(id, [-HOUR, 7 * DAY - HOUR]);
    const text = await openInState(gus.manageToken, "running", "pågår");
    expect(text).toContain("Dag 1 av 2 pågår nu");
    expect(text).toContain("kan inte avbokas här");
    expect(text).not.toContain(INVITE);
    await expect(page.getByRole("link", { name: "Gå till mötet" }).getAttribute("href")).resolves.toBe(
      "https://teams.example.se/meet/personal-page",
    );
    expect(await page.getByRole("button", { name: /Avboka|Lämna/ }).count()).toBe(0);
  });

  it("cancelled by her: the date, no invitation, and the way back while registration is open", async () => {
    const id = await createOccasion("Avbokad", 5);
    const cia = await register(id, person("Cecilia Avbokar"));
    await cancelRegistration(cia.manageToken);
    const text = await openInState(cia.manageToken, "cancelled-by-her", "avbokad");
    expect(text).toMatch(/Avbokad \S+ \d+ \S+ \d{4} kl\. \d\d\.\d\d\./);
    expect(text).not.toContain(INVITE);
    await expect(page.getByRole("link", { name: "sidan för tillfället" }).getAttribute("href")).resolves.toBe(
      `/tillfallen/${id}`,
    );
    expect(await page.getByRole("button", { name: /Avboka|Lämna/ }).count()).toBe(0);
  });

  it("occasion cancelled: the same one state for a confirmed, a waitlisted and a cancelled registration", async () => {
    const id = await createOccasion("Inställt", 1);
    const dora = await register(id, person("Dora Plats"));
    const erik = await register(id, person("Erik Kon"));
    const fia = await register(id, person("Fia Avbokat"));
    expect([dora.status, erik.status, fia.status]).toEqual(["confirmed", "waitlisted", "waitlisted"]);
    await cancelRegistration(fia.manageToken);
    await office("POST", `/occasions/${id}/cancel`, { message: "Kursledaren är sjuk." });
    cancelledOccasionToken = dora.manageToken;

    for (const [who, token] of [
      ["bekräftad", dora.manageToken],
      ["väntelista", erik.manageToken],
      ["avbokad", fia.manageToken],
    ] as const) {
      const text = await openInState(token, "occasion-cancelled", `inställt (${who})`);
      expect(text).not.toContain("Du har fått en plats");
      expect(text).not.toContain(INVITE);
      expect(text).not.toContain("Folkets Hus Varberg");
      expect(text).toContain("Du behöver inte göra något mer");
      // Whom to ask: the organiser's address, as a mail link in the status panel.
      await expect(
        page.locator(".panel").getByRole("link", { name: organiserEmail }).getAttribute("href"),
      ).resolves.toBe(`mailto:${organiserEmail}`);
      expect(await page.getByRole("button", { name: /Avboka|Lämna/ }).count(), who).toBe(0);
    }
  });

  it("over: the certificate for who attended, the reason for who did not, and no place for the waiting list", async () => {
    const id = await createOccasion("Avslutat", 2);
    const helga = await register(id, person("Helga Deltog"));
    const ivar = await register(id, person("Ivar Borta"));
    const jon = await register(id, person("Jon Kon"));
    expect([helga.status, ivar.status, jon.status]).toEqual(["confirmed", "confirmed", "waitlisted"]);
    const [dayId] = await moveDays(id, [-60 * DAY]);
    await running.handle.db
      .insert(attendance)
      .values({ registrationId: helga.id, dayId: dayId!, status: "present", via: "office", markedAt: new Date() });
    overToken = helga.manageToken;

    const attended = await openInState(helga.manageToken, "over", "avslutat (deltog)");
    expect(attended).not.toContain(INVITE);
    await expect(page.getByRole("link", { name: "Hämta intyg" }).getAttribute("href")).resolves.toBe(
      `/anmalan/${helga.manageToken}/intyg`,
    );
    expect(await page.getByRole("button", { name: /Avboka|Lämna/ }).count()).toBe(0);

    await openInState(ivar.manageToken, "over", "avslutat (frånvarande)");
    await expect.poll(mainText).toContain("vi har ingen närvaro registrerad för dig");
    const absent = await mainText();
    expect(absent).toContain("Intyg ges vid närvaro på minst 100 % av dagarna.");
    expect(absent).not.toContain(INVITE);
    expect(await page.getByRole("link", { name: "Hämta intyg" }).count()).toBe(0);

    const waited = await openInState(jon.manageToken, "over", "avslutat (väntelista)");
    expect(waited).toContain("Du fick ingen plats.");
    expect(waited).not.toContain(INVITE);
    expect(waited).not.toContain("Intyg om deltagande");
  });

  it("takes screenshots of two states on a phone and a desktop", async () => {
    await shoot(cancelledOccasionToken, "occasion-cancelled");
    await shoot(overToken, "over");
  });
});
