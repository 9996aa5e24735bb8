// The chancellery's actions on an occasion, in a real browser (Debian's Chromium via
// playwright-core) against the real Node server, a fresh libSQL file and a real SMTP server
// on loopback: register someone by hand, move a participant to another occasion of the
// course (mails with METHOD:CANCEL and METHOD:REQUEST), write to the participants (one mail
// each), change the places and read it in the audit log, set a course's goals and default
// leaders and see a new occasion get them. On a 360 px phone viewport, with axe-core scans
// of the log and of the occasion page with its forms and the move dialog open.
//
// Needs the built web app (dist/web): `npm test` builds it first.
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import axe from "axe-core";
import type { AddressObject } from "mailparser";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { courses } from "../../db/schema.ts";
import { seedOrganiser } from "../../db/seed.ts";
import { formatIsoDate } from "../../server/domain/format-time.ts";
import { createOccasion } from "../../server/domain/planning.ts";
import { createUser, issueSignInToken, signInUrl, type StaffUser } from "../../server/domain/staff.ts";
import { startServer, type RunningServer } from "../../server/entry.node.ts";
import { loadEnv } from "../../server/env.ts";
import { parseIcs } from "../helpers/ics.ts";
import { startSmtp, type TestSmtp } from "../helpers/smtp.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const CHROMIUM = "/usr/bin/chromium";
const PHONE = { width: 360, height: 740 };
const COURSE_TITLE = "Handledarutbildning för öppna arbetsplatser";
const TITLE_A = `${COURSE_TITLE} (Varberg)`;
const TITLE_B = `${COURSE_TITLE} (Halmstad)`;
const OTHER_COURSE = "Nätverksträff BIP/SKAPA";

const stamp = Date.now();
const karin = { name: "Karin Kansli", email: `karin.kansli.${stamp}@halland.example.se` };
const lars = { name: "Lars Ledare", email: `lars.ledare.${stamp}@halland.example.se` };
const person = (name: string, domain = "varberg.example.se") => ({
  name,
  email: `${name.toLowerCase().replace(/[^a-z]+/g, ".")}.${stamp}@${domain}`,
});
const anna = person("Anna Lindqvist");
const bo = person("Bo Ek");
const dave = person("David Holm", "halmstad.example.se");
const fia = person("Fia Berg");
const gus = person("Gustav Nord");

let browser: Browser;
let page: Page;
let smtp: TestSmtp;
let running: RunningServer;
let dir: string;
let base: string;
let occasionA: number;
let occasionB: number;
let courseId: number;

const DAY = 86_400_000;
const dateIn = (days: number) => formatIsoDate(new Date(Date.now() + days * DAY));
const dateA = dateIn(14);
const dateB = dateIn(35);
const dateC = dateIn(20);
const dateNew = dateIn(50);

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((ok) => probe.listen(0, "127.0.0.1", () => ok()));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((ok) => probe.close(() => ok()));
  return port;
}

/** Fails when web/src changed after the last build: the test would check yesterday's app. */
function assertFreshBuild() {
  const index = resolve(ROOT, "dist/web/index.html");
  if (!existsSync(index)) throw new Error("dist/web finns inte: kör `npx vite build` först (`npm test` gör det).");
  const built = statSync(index).mtimeMs;
  const newest = (d: string): number =>
    Math.max(...readdirSync(d, { withFileTypes: true }).map((e) => (e.isDirectory() ? newest(join(d, e.name)) : statSync(join(d, e.name)).mtimeMs)));
  if (newest(resolve(ROOT, "web")) > built) throw new Error("web/ är ändrad efter senaste bygget: kör `npx vite build` först.");
}

async function expectNoAxeViolations(p: Page, what: string) {
  if (!(await p.evaluate(() => "axe" in window))) await p.addScriptTag({ content: axe.source });
  const violations = await p.evaluate(async () => {
    const result = await (window as unknown as { axe: typeof axe }).axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    });
    return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} – ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  });
  expect(violations, `axe-core på ${what}`).toEqual([]);
}

async function expectNoHorizontalScroll(p: Page, what: string) {
  const { scrollWidth, clientWidth } = await p.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth, `sidled på ${what} vid ${PHONE.width} px`).toBeLessThanOrEqual(clientWidth);
}

const recipients = (to: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(to) ? to : to ? [to] : []).flatMap((a) => a.value.map((v) => v.address?.toLowerCase()));
type Mail = TestSmtp["messages"][number];
const mailsTo = (address: string) => smtp.messages.filter((m) => recipients(m.parsed.to).includes(address.toLowerCase()));

/** Waits for the mail to `address` whose subject starts with `subject`. */
async function mailTo(address: string, subject: string, timeoutMs = 8_000): Promise<Mail> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = mailsTo(address).find((m) => (m.parsed.subject ?? "").startsWith(subject));
    if (found) return found;
    if (Date.now() > until) {
      const got = smtp.messages.map((m) => `${recipients(m.parsed.to).join(",")}: ${m.parsed.subject}`);
      throw new Error(`inget mejl "${subject}…" till ${address}; fick: ${JSON.stringify(got)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

function calendarOf(m: Mail) {
  const part = m.parsed.attachments.find((a) => a.contentType === "text/calendar");
  expect(part, `kalenderdel i "${m.parsed.subject}"`).toBeDefined();
  return parseIcs(part!.content.toString("utf8"));
}

/** A registration through the public API, as a person would make it. */
async function registerPublicly(occasionId: number, who: { name: string; email: string }) {
  const res = await fetch(`${base}/api/occasions/${occasionId}/registrations`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ ...who, party: "varberg", workplace: { name: "Arbetsmarknadsenheten", municipality: "Varberg" }, acceptPrivacy: true }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { registration: { status: string } }).registration;
}

const mainText = () => page.locator("main").textContent();
const focusedText = () => page.evaluate(() => document.activeElement?.textContent ?? "");
const participantsTable = () => page.getByRole("region", { name: /^Deltagare, / });

async function openOccasion(id: number, title: string) {
  await page.goto(`${base}/kansliet/tillfallen/${id}`);
  await page.getByRole("heading", { level: 1, name: title }).waitFor();
}

beforeAll(async () => {
  assertFreshBuild();
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium saknas (${CHROMIUM}): installera Debian-paketet chromium.`);
  const launching = chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking"],
  });

  smtp = await startSmtp();
  dir = mkdtempSync(join(tmpdir(), "kurser-office-actions-"));
  const port = await freePort();
  base = `http://localhost:${port}`;
  running = await startServer(
    loadEnv({
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: `file:${join(dir, "e2e.db")}`,
      SEED_DEMO: "false",
      SMTP_URL: smtp.url,
      PUBLIC_URL: base,
      OUTBOX_INTERVAL_MS: "200",
    }),
    { quiet: true },
  );

  const db = running.handle.db;
  const now = new Date();
  const org = await seedOrganiser(db, now);
  const user = await createUser(db, now, { organiserId: org.id, ...karin, role: "office" });
  await createUser(db, now, { organiserId: org.id, ...lars, role: "leader" });
  const staff: StaffUser = { id: user.id, organiserId: org.id, organiserSlug: org.slug, name: karin.name, email: karin.email, role: "office" };
  const [course, other] = await db
    .insert(courses)
    .values([
      { organiserId: org.id, title: COURSE_TITLE, courseType: "handledarutbildning", responsiblePartyCode: "af", createdAt: now },
      { organiserId: org.id, title: OTHER_COURSE, courseType: "bip-skapa", createdAt: now },
    ])
    .returning();
  courseId = course!.id;
  const occasion = (courseId: number, label: string, date: string, capacity: number) =>
    createOccasion(db, now, staff, {
      courseId,
      label,
      days: [{ start: `${date}T09:00`, end: `${date}T16:00` }],
      online: false,
      venue: `Folkets Hus ${label}`,
      capacity,
      status: "published",
    });
  occasionA = await occasion(courseId, "Varberg", dateA, 3);
  occasionB = await occasion(courseId, "Halmstad", dateB, 10);
  await occasion(other!.id, "Laholm", dateC, 10);

  expect((await registerPublicly(occasionA, anna)).status).toBe("confirmed");
  expect((await registerPublicly(occasionA, bo)).status).toBe("confirmed");

  browser = await launching;
  page = await (await browser.newContext({ viewport: PHONE })).newPage();
  // A step that waits says which one, well inside the test's own timeout.
  page.setDefaultTimeout(8_000);
  await page.goto(signInUrl(base, await issueSignInToken(db, now, user.id)));
  await page.waitForURL(`${base}/kansliet`);
}, 30_000);

afterAll(async () => {
  await browser?.close();
  await running?.close();
  await smtp?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("the chancellery's actions on an occasion", () => {
  it("registers someone by hand: errors first, then the person in the list, and 'redan anmäld' the second time", async () => {
    await openOccasion(occasionA, TITLE_A);
    const opener = page.getByRole("button", { name: "Anmäl någon" });
    expect(await opener.getAttribute("aria-expanded")).toBe("false");
    await opener.click();
    expect(await page.getByRole("button", { name: "Stäng formuläret" }).getAttribute("aria-expanded")).toBe("true");
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("r-name");

    const form = page.locator("#register-form");
    await form.getByRole("button", { name: "Anmäl", exact: true }).click();
    const summary = page.locator("#register-errors");
    await summary.waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("register-errors");
    expect(await summary.textContent()).toContain("Välj arbetsgivare.");
    await expect(form.getByLabel("Namn", { exact: true }).getAttribute("aria-invalid")).resolves.toBe("true");
    await expectNoHorizontalScroll(page, "Anmäl någon med fel");
    await expectNoAxeViolations(page, "tillfället med formuläret Anmäl någon öppet, med fel");

    const fill = async (who: { name: string; email: string }) => {
      await form.getByLabel("Namn", { exact: true }).fill(who.name);
      await form.getByLabel("E-postadress till jobbet").fill(who.email);
      await form.getByLabel("Arbetsgivare").selectOption({ label: "Halmstads kommun" });
      await form.getByLabel("Arbetsplatsens namn").fill("Jobbcentrum");
      // The municipality comes from the employer.
      await expect(form.getByLabel("Kommun", { exact: true }).inputValue()).resolves.toBe("Halmstad");
      await form.getByRole("button", { name: "Anmäl", exact: true }).click();
    };
    await fill(dave);
    await expect.poll(focusedText).toContain(`${dave.name} är anmäld och har fått en plats.`);
    const row = participantsTable().getByRole("row").filter({ hasText: dave.name });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain("anmäld av kansliet");
    expect(await row.textContent()).toContain("Jobbcentrum, Halmstad");
    await expect.poll(mainText).toContain("3 av 3 (100\u00a0%)");
    expect(calendarOf(await mailTo(dave.email, `Bekräftelse: ${TITLE_A}`)).method).toBe("REQUEST");

    // The same e-mail again: nothing new, and the page says so.
    await fill(dave);
    await expect.poll(focusedText).toContain(`${dave.email} är redan anmäld till tillfället`);
    expect(await participantsTable().getByRole("row").filter({ hasText: dave.name }).count()).toBe(1);
  });

  it("moves a participant to another occasion of the course: she leaves the list, and her mails say so", async () => {
    await openOccasion(occasionA, TITLE_A);
    const opener = page.getByRole("button", { name: `Flytta ${anna.name}` });
    await opener.click();
    const dialog = page.getByRole("dialog", { name: `Flytta ${anna.name}` });
    await dialog.waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("move-heading");
    const options = dialog.getByRole("radio");
    await expect.poll(() => options.count()).toBe(1); // B only: not this one, not the other course's
    const optionB = dialog.getByRole("radio", { name: /Folkets Hus Halmstad – 10 platser kvar/ });
    await expect(optionB.count()).resolves.toBe(1);
    await expectNoHorizontalScroll(page, "flyttdialogen");
    await expectNoAxeViolations(page, "tillfället med flyttdialogen öppen");

    // Nothing chosen: said in the dialog, which keeps focus.
    await dialog.getByRole("button", { name: "Flytta", exact: true }).click();
    await expect.poll(() => dialog.locator(".error-summary").textContent()).toContain("Välj ett tillfälle.");
    // Avbryt (and Esc) close it and give focus back to the button that opened it.
    await dialog.getByRole("button", { name: "Avbryt" }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(focusedText).toBe(`Flytta ${anna.name}`);

    await opener.click();
    await optionB.check();
    await dialog.getByRole("button", { name: "Flytta", exact: true }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(focusedText).toContain(`${anna.name} är flyttad till ${TITLE_B}`);
    expect(await focusedText()).toContain("och har fått en plats där.");
    await expect.poll(() => participantsTable().getByRole("row").filter({ hasText: anna.name }).count()).toBe(0);
    expect(await page.locator(".cancelled-list").textContent()).toContain(anna.name);
    await expect.poll(mainText).toContain("2 av 3");

    const movedOut = await mailTo(anna.email, `Flyttad: ${TITLE_A}`);
    expect(movedOut.raw).toMatch(/method=CANCEL/i);
    expect(calendarOf(movedOut).method).toBe("CANCEL");
    const confirmed = await mailTo(anna.email, `Bekräftelse: ${TITLE_B}`);
    expect(calendarOf(confirmed).method).toBe("REQUEST");

    // On the other occasion's page, there she is.
    await page.getByRole("link", { name: "Till det tillfället" }).click();
    await page.getByRole("heading", { level: 1, name: TITLE_B }).waitFor();
    await expect.poll(() => participantsTable().getByRole("row").filter({ hasText: anna.name }).count()).toBe(1);

    // Someone already on the other occasion cannot be moved there: the server's 409, in the dialog.
    await registerPublicly(occasionB, bo);
    await openOccasion(occasionA, TITLE_A);
    await page.getByRole("button", { name: `Flytta ${bo.name}` }).click();
    const boDialog = page.getByRole("dialog", { name: `Flytta ${bo.name}` });
    await boDialog.getByRole("radio").first().check();
    await boDialog.getByRole("button", { name: "Flytta", exact: true }).click();
    await expect.poll(() => boDialog.locator(".error-summary").textContent()).toContain("Personen är redan anmäld till det tillfället.");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("move-errors");
    await page.keyboard.press("Escape");
    await expect.poll(() => boDialog.count()).toBe(0);
    expect(await participantsTable().getByRole("row").filter({ hasText: bo.name }).count()).toBe(1);
  });

  it("writes to the participants: each one with a place gets exactly one mail, the waiting list none", async () => {
    expect((await registerPublicly(occasionA, fia)).status).toBe("confirmed");
    expect((await registerPublicly(occasionA, gus)).status).toBe("waitlisted");
    await openOccasion(occasionA, TITLE_A);
    const form = page.locator("#message-form");
    await form.getByRole("button", { name: "Skicka meddelandet" }).click();
    await expect.poll(() => page.locator("#message-errors").textContent()).toContain("Skriv en rubrik.");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("message-errors");
    await expectNoAxeViolations(page, "Skriv till deltagarna med fel");

    const subject = `Material inför dagen ${stamp}`;
    await form.getByLabel("Rubrik").fill(subject);
    await form.getByLabel("Meddelande").fill("Ta med en egen dator. Vi börjar med kaffe 08.30.");
    expect(await form.textContent()).toContain("Meddelandet går till 3 personer.");
    await form.getByRole("button", { name: "Skicka meddelandet" }).click();
    await expect.poll(focusedText).toBe("Skickat till 3 personer.");

    for (const who of [bo, dave, fia]) await mailTo(who.email, `${subject}: ${TITLE_A}`);
    // Give a stray second copy time to arrive before counting.
    await new Promise((r) => setTimeout(r, 600));
    for (const who of [bo, dave, fia]) {
      const got = mailsTo(who.email).filter((m) => m.parsed.subject === `${subject}: ${TITLE_A}`);
      expect(got, who.email).toHaveLength(1);
      expect(got[0]!.parsed.text).toContain("Ta med en egen dator.");
    }
    expect(mailsTo(gus.email).filter((m) => (m.parsed.subject ?? "").startsWith(subject))).toHaveLength(0);
    expect(mailsTo(anna.email).filter((m) => (m.parsed.subject ?? "").startsWith(subject))).toHaveLength(0);
  });

  it("changes the places and the leaders, and the log says who changed what, from → to", async () => {
    await openOccasion(occasionA, TITLE_A);
    await page.getByLabel("Antal platser").fill("5");
    await page.getByRole("group", { name: /^Kursledare/ }).getByLabel(lars.name).check();
    await page.getByRole("button", { name: "Spara ändringar" }).click();
    await expect.poll(mainText).toContain("Ändringarna är sparade.");
    // More places: the waiting list moved up.
    await expect.poll(mainText).toContain("4 av 5");

    await page.getByRole("navigation", { name: "Kansliet" }).getByRole("link", { name: "Händelselogg" }).click();
    await page.waitForURL(`${base}/kansliet/logg`);
    await page.getByRole("heading", { level: 1, name: "Händelselogg" }).waitFor();
    const entries = page.locator(".log-entry");
    await expect.poll(() => entries.count()).toBeGreaterThanOrEqual(4);
    const newest = entries.first();
    const text = (await newest.textContent()) ?? "";
    expect(text).toContain("Ändrade tillfälle");
    expect(text).toContain(TITLE_A);
    expect(text).toContain("Platser: 3 → 5");
    expect(text).toContain(karin.name);
    const all = (await mainText()) ?? "";
    expect(all).toContain("Skrev till deltagarna");
    expect(all).toContain("Flyttade anmälan");
    expect(all).toContain(`Anmälde för hand: ${dave.name} till ${TITLE_A}`);
    expect(all).toMatch(/I dag, \S+ \d+ \S+ \d{4}/);
    await expect(
      page.getByRole("navigation", { name: "Kansliet" }).getByRole("link", { name: "Händelselogg" }).getAttribute("aria-current"),
    ).resolves.toBe("page");
    await expectNoHorizontalScroll(page, "händelseloggen");
    await expectNoAxeViolations(page, "händelseloggen");

    await page.getByLabel("Visa").selectOption({ label: "Anmälningar" });
    await expect.poll(() => entries.first().textContent()).toContain("Flyttade anmälan");
    expect(await mainText()).not.toContain("Ändrade tillfälle");
  });

  it("sets a course's goals, reminder and default leaders; a new occasion without chosen leaders gets them", async () => {
    await page.getByRole("navigation", { name: "Kansliet" }).getByRole("link", { name: "Utbildningar" }).click();
    await page.getByRole("heading", { level: 1, name: "Utbildningar" }).waitFor();
    await page.getByRole("link", { name: COURSE_TITLE, exact: true }).click();
    await page.waitForURL(`${base}/kansliet/utbildningar/${courseId}`);
    await page.getByRole("heading", { level: 1, name: COURSE_TITLE }).waitFor();

    // A reminder out of range: the server's message at the field.
    await page.getByLabel("Påminnelse dagar före").fill("45");
    await page.getByRole("button", { name: "Spara utbildningen" }).click();
    await expect.poll(() => page.locator(".error-summary").textContent()).toContain("0–30 dagar.");
    await expectNoAxeViolations(page, "utbildningens sida med fel");

    await page.getByLabel("Påminnelse dagar före").fill("0");
    await page.getByRole("group", { name: /^Räknas mot årets mål/ }).getByLabel("Arbetsplatser (handledarutbildning)").check();
    await page.getByRole("group", { name: /^Förvalda kursledare/ }).getByLabel(lars.name).check();
    await page.getByRole("button", { name: "Spara utbildningen" }).click();
    await expect.poll(focusedText).toBe("Ändringarna är sparade.");
    await expectNoHorizontalScroll(page, "utbildningens sida");
    await expectNoAxeViolations(page, "utbildningens sida");

    await page.getByRole("link", { name: "Nytt tillfälle av utbildningen" }).click();
    await page.waitForURL(new RegExp(`/kansliet/tillfallen/ny\\?utbildning=${courseId}$`));
    const leaders = page.getByRole("group", { name: /^Kursledare/ });
    await expect.poll(() => leaders.textContent()).toContain(`förvalda kursledare: ${lars.name}`);
    expect(await leaders.getByLabel(lars.name).isChecked()).toBe(false);
    const day1 = page.getByRole("group", { name: "Dag 1" });
    await day1.getByLabel("Börjar").fill(`${dateNew}T09:00`);
    await day1.getByLabel("Slutar").fill(`${dateNew}T12:00`);
    await page.getByLabel("Lokal").fill("Stadsbiblioteket Halmstad");
    await page.getByLabel("Antal platser").fill("12");
    await page.getByRole("button", { name: "Skapa tillfälle" }).click();
    await page.waitForURL(/\/kansliet\/tillfallen\/\d+$/);
    await expect.poll(() => page.getByRole("group", { name: /^Kursledare/ }).getByLabel(lars.name).isChecked()).toBe(true);

    await page.getByRole("navigation", { name: "Kansliet" }).getByRole("link", { name: "Händelselogg" }).click();
    await page.getByRole("heading", { level: 1, name: "Händelselogg" }).waitFor();
    const courseEntry = page.locator(".log-entry").filter({ hasText: "Ändrade utbildning" }).first();
    const text = (await courseEntry.textContent()) ?? "";
    expect(text).toContain("Påminnelse dagar före: 2 dagar → ingen påminnelse");
    expect(text).toContain("Räknas mot årets mål: inga → Arbetsplatser (handledarutbildning)");
    expect(text).toContain(`Förvalda kursledare: ingen → ${lars.name}`);
  });
});
