// The pages under their Content-Security-Policy in a real browser: the public catalogue, an
// occasion with its registration form, the personal page, sign-in, the mailed link's page
// (whose button signs in), the office start, the leader's attendance list and the QR page
// all load and work with no CSP violation. A control shows the listener would see one.
//
// Needs the built web app (dist/web): `npm test` builds it first.
import { eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { occasionDays, occasionLeaders } from "../../db/schema.ts";
import { seedOrganiser } from "../../db/seed.ts";
import { createUser } from "../../server/domain/staff.ts";
import { createTestOccasion } from "../helpers/fixtures.ts";
import { person } from "../helpers/test-db.ts";
import { expectNoAxeViolations, newPhonePage, startE2e, type E2e } from "./harness.ts";

const stamp = Date.now();
const office = { name: "Olga Kansli", email: `olga.kansli.${stamp}@halland.example.se` };
const leader = { name: "Leif Ledare", email: `leif.ledare.${stamp}@halland.example.se` };

let e2e: E2e;
let base: string;
let occasionId: number;
let futureId: number;
let dayId: number;
let manageToken: string;

/** Records every CSP violation of the page: the DOM event (from a script DevTools adds, exempt from CSP) and the console line. */
async function watchCsp(p: Page): Promise<string[]> {
  const seen: string[] = [];
  p.on("console", (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) seen.push(`console: ${m.text()}`);
  });
  await p.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      const w = window as unknown as { __csp?: string[] };
      w.__csp ??= [];
      const list = w.__csp;
      list.push(`${e.violatedDirective} ${e.blockedURI || "inline"} ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  return seen;
}

async function violations(p: Page, console: string[]): Promise<string[]> {
  // A moment for late chunks and styles to load and report.
  await p.waitForLoadState("networkidle");
  const events = await p.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
  return [...events, ...console];
}

async function visit(p: Page, console: string[], path: string, heading: string | RegExp) {
  await p.goto(`${base}${path}`);
  await p.getByRole("heading", { level: 1, name: heading }).waitFor();
  expect(await violations(p, console), `CSP på ${path}`).toEqual([]);
}

beforeAll(async () => {
  e2e = await startE2e("kurser-csp-e2e-");
  base = e2e.baseUrl;
  const db = e2e.server.handle.db;
  const now = new Date();
  const org = await seedOrganiser(db, now);
  await createUser(db, now, { organiserId: org.id, ...office, role: "office" });
  const lead = await createUser(db, now, { organiserId: org.id, ...leader, role: "leader" });
  // Running now, so the QR page shows its code.
  occasionId = await createTestOccasion(db, org.id, new Date(now.getTime() - 3_600_000), { inDays: 0, capacity: 20 });
  await db.insert(occasionLeaders).values({ occasionId, userId: lead.id });
  dayId = (await db.select().from(occasionDays).where(eq(occasionDays.occasionId, occasionId)))[0]!.id;
  const future = await createTestOccasion(db, org.id, now, { inDays: 20, capacity: 20 });
  const res = await fetch(`${base}/api/occasions/${future}/registrations`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(person()),
  });
  manageToken = ((await res.json()) as { registration: { manageToken: string } }).registration.manageToken;
  futureId = future;
}, 90_000);

afterAll(async () => {
  await e2e?.close();
});

describe("the pages under their CSP", () => {
  it("the public pages: catalogue, occasion with its form, personal page", async () => {
    const page = await newPhonePage(e2e.browser);
    const console = await watchCsp(page);
    await visit(page, console, "/", /.+/);
    await visit(page, console, `/tillfallen/${futureId}`, /Handledarutbildning/);
    await page.getByRole("textbox", { name: /Namn/ }).first().waitFor();
    expect(await violations(page, console), "formuläret").toEqual([]);
    await visit(page, console, `/anmalan/${manageToken}`, /.+/);
    await page
      .getByText(/Handledarutbildning/)
      .first()
      .waitFor();
    expect(await violations(page, console), "personliga sidan").toEqual([]);
    await page.context().close();
  });

  it("sign-in by the button of the mailed link, then the office start, without a violation", async () => {
    const page = await newPhonePage(e2e.browser);
    const console = await watchCsp(page);
    const link = await e2e.signInByMail(page, office.email);
    expect(await violations(page, console), "inloggningen").toEqual([]);
    await page.goto(link);
    await page.getByRole("heading", { level: 1, name: `Logga in som ${office.name}?` }).waitFor();
    expect(await violations(page, console), "länkens sida").toEqual([]);
    await expectNoAxeViolations(page, "inloggningslänkens sida");
    await page.getByRole("button", { name: "Logga in", exact: true }).click();
    await page.waitForURL(`${base}/kansliet`);
    await page.getByRole("heading", { level: 1, name: /^Uppföljning \d{4}$/ }).waitFor();
    expect(await violations(page, console), "kansliets start").toEqual([]);
    await visit(page, console, "/kansliet/arshjul", /^Årshjul \d{4}$/);
    await page.context().close();
  });

  it("the leader's attendance list and the QR page", async () => {
    const page = await newPhonePage(e2e.browser);
    const console = await watchCsp(page);
    await e2e.followSignInLink(page, await e2e.signInByMail(page, leader.email));
    await page.waitForURL(`${base}/kursledare`);
    await visit(page, console, `/kursledare/tillfallen/${occasionId}`, /Handledarutbildning/);
    await visit(page, console, `/kursledare/tillfallen/${occasionId}/dagar/${dayId}/qr`, /.+/);
    await page.locator(".qr-image svg").waitFor();
    expect(await violations(page, console), "QR-sidan").toEqual([]);

    // The control: a style attribute put in as markup is refused, and the listener sees it.
    await page.evaluate(() => document.body.insertAdjacentHTML("beforeend", '<p style="color: red">x</p>'));
    await expect.poll(async () => (await violations(page, console)).length).toBeGreaterThan(0);
    await page.context().close();
  });
});
