// Needs counts and late-cancellation charges (issue 11) in a real browser (Debian's Chromium
// via playwright-core) against the real Node server on a fresh libSQL file: the office marks
// a suggested late cancellation on /kansliet/avgifter and finds it in the list per employer;
// then it opens the occasion's needs page from the occasion and reads the counts, with no
// name of anyone on it. At 1366 px and 390 px: axe-core finds nothing, nothing scrolls sideways.
//
// Needs the built web app (dist/web): `npm test` builds it first.
import { eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { organisers } from "../../db/schema.ts";
import { seedOrganiser } from "../../db/seed.ts";
import { formatIsoDate } from "../../server/domain/format-time.ts";
import { createApiToken, createUser } from "../../server/domain/staff.ts";
import { expectNoAxeViolations, startE2e, type E2e } from "./harness.ts";

const DESKTOP = { width: 1366, height: 900 };
const PHONE_390 = { width: 390, height: 844 };
const DAY = 86_400_000;
const stamp = Date.now();
const karin = { name: "Karin Kansli", email: `karin.kansli.${stamp}@halland.example.se` };
// Three days ahead: within the organiser's 7 days, so a cancellation now is late. The year
// of the page is that day's, so the test holds around New Year too.
const DATE = formatIsoDate(new Date(Date.now() + 3 * DAY));
const YEAR = Number(DATE.slice(0, 4));
const COURSE = "Grundkurs i försäkringsmedicin";

const person = (name: string, dietary: string | null, accessibilityNeeds: string | null = null) => ({
  name,
  email: `${name.toLowerCase().replace(/ /g, ".")}.${stamp}@varberg.example.se`,
  party: "varberg",
  workplace: { name: "Arbetsmarknadsenheten", municipality: "Varberg" },
  dietary,
  accessibilityNeeds,
  acceptPrivacy: true,
});
const PEOPLE = [
  person("Sofia Strand", "Vegetarisk"),
  person("Tomas Tall", " vegetarisk"),
  person("Ulla Urberg", "Glutenfri", "Hörslinga"),
  person("Viktor Vinge", null),
];
const wilma = person("Wilma Wall", "Laktosfri");

let e2e: E2e;
let page: Page;
let base: string;
let token: string;
let occasionId: number;

async function call(method: string, path: string, body?: unknown, auth = true) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...(auth ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json().catch(() => null);
  return { status: res.status, json };
}

async function checkPage(what: string) {
  for (const size of [DESKTOP, PHONE_390]) {
    await page.setViewportSize(size);
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }));
    expect(scrollWidth, `sidled på ${what} vid ${size.width} px`).toBeLessThanOrEqual(clientWidth);
    await expectNoAxeViolations(page, `${what} (${size.width} px)`);
  }
  await page.setViewportSize(DESKTOP);
}

beforeAll(async () => {
  e2e = await startE2e("kurser-needs-charges-");
  base = e2e.baseUrl;
  const db = e2e.server.handle.db;
  const now = new Date();
  const org = await seedOrganiser(db, now);
  // The organiser charges for cancelling less than 7 days before the start.
  await db.update(organisers).set({ lateCancelDays: 7 }).where(eq(organisers.id, org.id));
  const user = await createUser(db, now, { organiserId: org.id, ...karin, role: "office" });
  token = await createApiToken(db, now, user.id, "e2e");

  const course = await call("POST", "/api/office/courses", { title: COURSE, courseType: "forsakringsmedicin" });
  expect(course.status).toBe(201);
  const occasion = await call("POST", "/api/office/occasions", {
    courseId: course.json.course.id,
    label: "Varberg",
    days: [{ start: `${DATE}T09:00`, end: `${DATE}T16:00` }],
    online: false,
    venue: "Folkets Hus Varberg",
    address: "Västra Vallgatan 9, Varberg",
    capacity: 10,
    status: "published",
  });
  expect(occasion.status).toBe(201);
  occasionId = occasion.json.occasion.id;
  for (const p of [...PEOPLE, wilma]) {
    const r = await call("POST", `/api/occasions/${occasionId}/registrations`, p, false);
    expect(r.status, p.name).toBe(201);
    if (p === wilma) {
      const cancelled = await call("DELETE", `/api/registrations/${r.json.registration.manageToken}`, undefined, false);
      expect(cancelled.status).toBe(200);
    }
  }

  page = await (await e2e.browser.newContext({ viewport: DESKTOP, locale: "sv-SE" })).newPage();
  page.setDefaultTimeout(15_000);
  await e2e.followSignInLink(page, await e2e.signInByMail(page, karin.email));
  await page.waitForURL(`${base}/kansliet`);
}, 90_000);

afterAll(async () => {
  await e2e?.close();
});

describe("needs counts and late cancellations", () => {
  it("marks a suggested late cancellation and shows it in the list per employer", async () => {
    await page.getByRole("navigation", { name: "Kansliet" }).getByRole("link", { name: "Avgifter" }).click();
    await page.getByRole("heading", { level: 1, name: "Avgifter: sena avbokningar och uteblivna" }).waitFor();
    if (YEAR !== new Date().getFullYear()) await page.getByLabel("År").selectOption(String(YEAR));
    await page.getByText("En avbokning mindre än 7 dagar före start räknas som sen.").waitFor();
    expect(await page.getByText(`Inga markerade för ${YEAR}.`).count()).toBe(1);
    await checkPage("avgifter med ett förslag");

    const mark = page.getByRole("button", { name: "Markera som sen avbokning: Wilma Wall" });
    await mark.click();
    const flash = page.locator(".flash");
    await flash.waitFor();
    expect(await flash.textContent()).toContain("Wilma Wall är markerad som sen avbokning");
    await expect.poll(() => mark.count()).toBe(0);
    expect(await page.getByText(`Inga förslag för ${YEAR}.`).count()).toBe(1);

    const employer = page.getByRole("region", { name: "Arbetsmarknadsenheten", exact: true });
    await employer.waitFor();
    const row = employer.getByRole("row", { name: /Wilma Wall/ });
    expect(await row.textContent()).toContain("Sen avbokning");
    expect(await row.textContent()).toContain(`${COURSE} (Varberg)`);
    expect(await page.locator(".employer-meta").first().textContent()).toContain("Varbergs kommun");
    await checkPage("avgifter med en markering");

    // The server has it too, as the invoicing file will.
    const overview = await call("GET", `/api/office/charges?year=${YEAR}`);
    expect(overview.json.charges[0].charges.map((c: { name: string }) => c.name)).toEqual(["Wilma Wall"]);
  });

  it("opens the needs page from the occasion and reads the counts, with no names", async () => {
    await page.goto(`${base}/kansliet/tillfallen/${occasionId}`);
    await page.getByRole("heading", { level: 1, name: `${COURSE} (Varberg)` }).waitFor();
    await page.getByRole("link", { name: "Specialkost och anpassning (antal)" }).click();
    await page.waitForURL(`${base}/kansliet/tillfallen/${occasionId}/behov`);
    await page.getByRole("heading", { level: 2, name: "Specialkost" }).waitFor();

    const dietary = page.getByRole("table", { name: /^Specialkost/ });
    expect(await dietary.getByRole("row").allTextContents()).toEqual(["AntalBehov", "2Vegetarisk", "1Glutenfri"]);
    const access = page.getByRole("table", { name: /^Tillgänglighet/ });
    expect(await access.getByRole("row").allTextContents()).toEqual(["AntalBehov", "1Hörslinga"]);
    const main = (await page.locator("main").textContent()) ?? "";
    expect(main).toContain("4 deltagare");
    expect(main).toContain("Utan specialkost: 1 deltagare.");
    expect(main).toContain("Folkets Hus Varberg, Västra Vallgatan 9, Varberg");
    // Wilma cancelled: her need is not counted. Nobody's name or address is on the page.
    expect(main).not.toContain("Laktosfri");
    for (const p of [...PEOPLE, wilma]) {
      for (const part of p.name.split(" ")) expect(main).not.toContain(part);
      expect(main).not.toContain(p.email);
    }
    expect(await page.getByRole("button", { name: "Skriv ut behoven" }).count()).toBe(1);
    await checkPage("behov för tillfället");

    // On paper: no navigation, no button, the counts stay.
    await page.emulateMedia({ media: "print" });
    expect(await page.locator(".office-nav").isVisible()).toBe(false);
    expect(await page.getByRole("button", { name: "Skriv ut behoven" }).isVisible()).toBe(false);
    expect(await dietary.isVisible()).toBe(true);
    await page.emulateMedia({ media: "screen" });
  });
});
