// The chancellery's screens in a real browser (Debian's Chromium via playwright-core), against
// the real Node server with a fresh libSQL file and a real SMTP server on loopback: a
// kansli worker signs in with a mailed link, plans an occasion of two days, sees it in the
// year plan, moves the first day after someone has registered (that person's calendar gets
// the change: same UID, higher SEQUENCE), copies and cancels it; a course leader is sent on
// to her own pages. All on a 360 px phone viewport, with axe-core scans.
//
// Needs the built web app (dist/web): `npm test` builds it first.
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import axe from "axe-core";
import type { AddressObject } from "mailparser";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { courses } from "../../db/schema.ts";
import { seedOrganiser } from "../../db/seed.ts";
import { formatIsoDate, formatMonth, stockholmToUtc } from "../../server/domain/format-time.ts";
import { createUser } from "../../server/domain/staff.ts";
import { startServer, type RunningServer } from "../../server/entry.node.ts";
import { loadEnv } from "../../server/env.ts";
import { parseIcs } from "../helpers/ics.ts";
import { startSmtp, type TestSmtp } from "../helpers/smtp.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const CHROMIUM = "/usr/bin/chromium";
const PHONE = { width: 360, height: 740 };
const COURSE_TITLE = "Handledarutbildning för öppna arbetsplatser";
const LABEL = "Varberg";
const TITLE = `${COURSE_TITLE} (${LABEL})`;
const SITE = "Samordningsförbundet i Halland";

const stamp = Date.now();
const office = { name: "Karin Kansli", email: `karin.kansli.${stamp}@halland.example.se` };
const leader = { name: "Lars Ledare", email: `lars.ledare.${stamp}@halland.example.se` };
const anna = { name: "Anna Lindqvist", email: `anna.lindqvist.${stamp}@varberg.example.se` };

let browser: Browser;
let context: BrowserContext;
let page: Page;
let smtp: TestSmtp;
let running: RunningServer;
let dir: string;
let base: string;
let occasionId: number;

// The occasion's dates: three weeks ahead, in Stockholm, two days in a row.
const DAY = 86_400_000;
const firstDate = formatIsoDate(new Date(Date.now() + 21 * DAY));
const secondDate = formatIsoDate(new Date(stockholmToUtc(firstDate, "12:00").getTime() + DAY));
const copyDate = formatIsoDate(new Date(Date.now() + 60 * DAY));
const year = Number(firstDate.slice(0, 4));

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

/** "20261217T090000Z" for a Stockholm wall-clock time. */
const icsUtc = (date: string, time: string) => stockholmToUtc(date, time).toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");

/** Asks for a sign-in link on /logga-in and returns the link from the mail. */
async function requestLink(p: Page, email: string): Promise<string> {
  await p.goto(`${base}/logga-in`);
  await p.getByRole("heading", { level: 1, name: "Logga in" }).waitFor();
  await p.getByLabel("E-postadress").fill(email);
  await p.getByRole("button", { name: "Skicka inloggningslänk" }).click();
  await p.getByRole("heading", { name: "Kolla din e-post" }).waitFor();
  const mail = await mailTo(email, "Din inloggningslänk");
  const link = new RegExp(`${base}/api/auth/callback\\?token=[\\w%-]+`).exec(mail.parsed.text ?? "")?.[0];
  expect(link, "länken i mejlet").toBeTruthy();
  return link!;
}

const activeId = () => page.evaluate(() => document.activeElement?.id ?? "");
const mainText = () => page.locator("main").textContent();

beforeAll(async () => {
  assertFreshBuild();
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium saknas (${CHROMIUM}): installera Debian-paketet chromium.`);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking"],
  });

  smtp = await startSmtp();
  dir = mkdtempSync(join(tmpdir(), "kurser-office-e2e-"));
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
  expect(running.url).toBe(base);

  const db = running.handle.db;
  const now = new Date();
  const org = await seedOrganiser(db, now);
  await createUser(db, now, { organiserId: org.id, ...office, role: "office" });
  await createUser(db, now, { organiserId: org.id, ...leader, role: "leader" });
  await db.insert(courses).values({
    organiserId: org.id,
    title: COURSE_TITLE,
    description: "För dig som tar emot personer som står långt från arbetsmarknaden på din arbetsplats.",
    courseType: "handledarutbildning",
    responsiblePartyCode: "af",
    createdAt: now,
  });

  context = await browser.newContext({ viewport: PHONE });
  page = await context.newPage();
}, 30_000);

afterAll(async () => {
  await browser?.close();
  await running?.close();
  await smtp?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("the chancellery in the browser", () => {
  it("sends nobody without a session into the office pages", async () => {
    await page.goto(`${base}/kansliet`);
    await page.waitForURL(`${base}/logga-in`);
    await page.getByRole("heading", { level: 1, name: "Logga in" }).waitFor();
    await expect.poll(() => page.title()).toBe(`Logga in – ${SITE}`);
    await expectNoHorizontalScroll(page, "inloggningen");
    await expectNoAxeViolations(page, "inloggningen");

    // An address that is not an e-mail address: the summary takes focus and links to the field.
    await page.getByLabel("E-postadress").fill("karin");
    await page.getByRole("button", { name: "Skicka inloggningslänk" }).click();
    const summary = page.locator(".error-summary");
    await summary.waitFor();
    expect(await page.evaluate(() => document.activeElement?.classList.contains("error-summary"))).toBe(true);
    await expect(page.getByLabel("E-postadress").getAttribute("aria-invalid")).resolves.toBe("true");
    await expectNoAxeViolations(page, "inloggningen med fel");
  });

  it("signs in with the mailed link and lands on the year plan with the user's name", async () => {
    const link = await requestLink(page, office.email);
    expect(await mainText()).toContain("Om adressen har ett konto hos oss");
    await expectNoAxeViolations(page, "Kolla din e-post");

    await page.goto(link);
    await page.waitForURL(`${base}/kansliet`);
    await page.getByRole("heading", { level: 1, name: /^Årshjul \d{4}$/ }).waitFor();
    await expect(page.locator("header").textContent()).resolves.toContain(office.name);
    await page.getByRole("button", { name: "Logga ut" }).waitFor();
    await expect.poll(() => page.title()).toMatch(/^Årshjul \d{4} – /);
    await expectNoHorizontalScroll(page, "årshjulet");
    await expectNoAxeViolations(page, "årshjulet");

    // The link works once: opened again it comes back to the sign-in page with a reason.
    await page.goto(link);
    await page.waitForURL(`${base}/logga-in?fel=lanken`);
    await expect.poll(mainText).toContain("Inloggningslänken fungerade inte");
    await expectNoAxeViolations(page, "inloggningen med fel länk");
  });

  it("creates a published occasion of two days through the form, with the errors explained first", async () => {
    await page.goto(`${base}/kansliet`);
    await page.getByRole("link", { name: "Nytt tillfälle", exact: true }).click();
    await page.waitForURL(`${base}/kansliet/tillfallen/ny`);
    await page.getByRole("heading", { level: 1, name: "Nytt tillfälle" }).waitFor();
    await page.getByLabel("Utbildning").waitFor();
    await expectNoHorizontalScroll(page, "formuläret för tillfälle");

    // The empty form: the server's messages, in a summary that takes focus, and at each field.
    await page.getByRole("button", { name: "Skapa tillfälle" }).click();
    const summary = page.locator(".error-summary");
    await summary.waitFor();
    expect(await page.evaluate(() => document.activeElement?.classList.contains("error-summary"))).toBe(true);
    await expect.poll(() => page.title()).toMatch(/^Fel: /);
    const course = page.getByLabel("Utbildning");
    await expect(course.getAttribute("aria-invalid")).resolves.toBe("true");
    const summaryText = (await summary.textContent()) ?? "";
    expect(summaryText).toContain("Välj en utbildning.");
    expect(summaryText).toContain("Ange antal platser.");
    // With several days a message alone would not say which: the summary names the day.
    expect(summaryText).toContain("Dag 1: Ange starttid.");
    await summary.getByRole("link", { name: "Ange antal platser." }).click();
    expect(await activeId()).toBe("o-capacity");
    await expectNoHorizontalScroll(page, "formuläret med fel");
    await expectNoAxeViolations(page, "formuläret för tillfälle med fel");

    await course.selectOption({ label: COURSE_TITLE });
    await page.getByLabel("Tillägg till namnet").fill(LABEL);
    const day1 = page.getByRole("group", { name: "Dag 1" });
    await day1.getByLabel("Börjar").fill(`${firstDate}T09:00`);
    await day1.getByLabel("Slutar").fill(`${firstDate}T16:00`);
    // A new day starts as a copy of the one before, a day later, and takes focus.
    await page.getByRole("button", { name: "Lägg till dag" }).click();
    const day2 = page.getByRole("group", { name: "Dag 2" });
    await expect.poll(activeId).toBe("o-day-1-start");
    await expect(day2.getByLabel("Börjar").inputValue()).resolves.toBe(`${secondDate}T09:00`);
    await day2.getByLabel("Slutar").fill(`${secondDate}T12:00`);
    await page.getByRole("radio", { name: "På plats" }).check();
    await page.getByLabel("Lokal").fill("Folkets Hus Varberg");
    await page.getByLabel("Adress").fill("Västra Vallgatan 9, Varberg");
    await page.getByLabel("Antal platser").fill("20");
    await page.getByRole("radio", { name: /^Publicerad/ }).check();
    await page.getByRole("button", { name: "Skapa tillfälle" }).click();

    await page.waitForURL(/\/kansliet\/tillfallen\/\d+$/);
    occasionId = Number(page.url().split("/").at(-1));
    await page.getByRole("heading", { level: 1, name: TITLE }).waitFor();
    await expect.poll(mainText).toContain("Tillfället är sparat.");
    expect(await mainText()).toContain("Publicerad");
    expect(await mainText()).toContain("0 av 20 (0\u00a0%)");
    await expectNoHorizontalScroll(page, "tillfällets sida");
    await expectNoAxeViolations(page, "tillfällets sida");
  });

  it("shows the occasion in the year plan under its month, with 0 of its places taken", async () => {
    await page.getByRole("link", { name: "Årshjulet" }).click();
    await page.waitForURL(`${base}/kansliet`);
    await page.getByLabel("Visa år").selectOption(String(year));
    await page.getByRole("heading", { level: 1, name: `Årshjul ${year}` }).waitFor();
    const month = page.getByRole("region", { name: formatMonth(stockholmToUtc(firstDate, "09:00")) });
    const card = month.getByRole("listitem").filter({ has: page.getByRole("link", { name: TITLE }) });
    await expect.poll(() => card.count()).toBe(1);
    const text = (await card.textContent()) ?? "";
    expect(text).toContain("0 av 20 (0\u00a0%)");
    expect(text).toContain("Publicerad");
    expect(text).toContain("Folkets Hus Varberg, Västra Vallgatan 9, Varberg");
    await expectNoHorizontalScroll(page, "årshjulet med tillfället");
    await expectNoAxeViolations(page, "årshjulet med tillfället");
  });

  it("moves the first day after someone registered: her calendar entry is updated, not doubled", async () => {
    const res = await fetch(`${base}/api/occasions/${occasionId}/registrations`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        ...anna,
        party: "varberg",
        workplace: { name: "Arbetsmarknadsenheten", municipality: "Varberg" },
        acceptPrivacy: true,
      }),
    });
    expect(res.status).toBe(201);
    const first = calendarOf(await mailTo(anna.email, "Bekräftelse"));
    expect(first.method).toBe("REQUEST");
    expect(first.events).toHaveLength(2);
    const uid = first.events[0]!.get("UID");
    const sequence = Number(first.events[0]!.get("SEQUENCE"));
    expect(first.events[0]!.get("DTSTART")).toBe(icsUtc(firstDate, "09:00"));

    await page.goto(`${base}/kansliet/tillfallen/${occasionId}`);
    await page.getByRole("heading", { level: 1, name: TITLE }).waitFor();
    const participants = page.getByRole("region", { name: "Deltagare", exact: true });
    await expect.poll(() => participants.textContent()).toContain(anna.name);
    const row = participants.getByRole("row").filter({ hasText: anna.name });
    expect(await row.textContent()).toContain("Arbetsmarknadsenheten, Varberg");
    expect(await row.textContent()).toContain("Varbergs kommun");
    expect(await row.textContent()).toContain("Plats");
    expect(await mainText()).toContain("1 av 20 (5\u00a0%)");
    // The participant table scrolls inside its own box, not the page.
    await expectNoHorizontalScroll(page, "tillfället med deltagare");
    await expectNoAxeViolations(page, "tillfället med deltagare");

    const day1 = page.getByRole("group", { name: "Dag 1" });
    await day1.getByLabel("Börjar").fill(`${firstDate}T10:00`);
    await page.getByRole("button", { name: "Spara ändringar" }).click();
    await expect.poll(mainText).toContain("Ändringarna är sparade. 1 deltagare har fått en uppdaterad kalenderinbjudan.");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain("Ändringarna är sparade.");

    const changed = await mailTo(anna.email, "Ändrat");
    expect(changed.raw).toMatch(/method=REQUEST/i);
    const ics = calendarOf(changed);
    expect(ics.method).toBe("REQUEST");
    const moved = ics.events.find((e) => e.get("UID") === uid);
    expect(moved, "samma UID som i första inbjudan").toBeDefined();
    expect(Number(moved!.get("SEQUENCE"))).toBeGreaterThan(sequence);
    expect(moved!.get("DTSTART")).toBe(icsUtc(firstDate, "10:00"));
    expect(moved!.get("DTEND")).toBe(icsUtc(firstDate, "16:00"));
    // The page shows the new time too.
    await expect.poll(mainText).toContain("10.00–16.00");
  });

  it("copies the occasion to a new date as a draft and cancels the original after a confirmation", async () => {
    await page.getByLabel("Första dagen för kopian").fill(copyDate);
    await page.getByRole("button", { name: "Kopiera", exact: true }).click();
    await page.waitForURL((url) => /\/kansliet\/tillfallen\/\d+$/.test(url.pathname) && !url.pathname.endsWith(`/${occasionId}`));
    await expect.poll(mainText).toContain("Kopian är sparad som utkast.");
    expect(await mainText()).toContain("Utkast");
    expect(await mainText()).toContain("0 av 20");
    const day1 = page.getByRole("group", { name: "Dag 1" });
    await expect(day1.getByLabel("Börjar").inputValue()).resolves.toBe(`${copyDate}T10:00`);

    await page.goto(`${base}/kansliet/tillfallen/${occasionId}`);
    await page.getByRole("heading", { level: 1, name: TITLE }).waitFor();
    await page.getByRole("button", { name: "Ställ in tillfället" }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? "")).toMatch(/^Vill du ställa in /);
    await expectNoAxeViolations(page, "frågan om att ställa in");
    await page.getByLabel("Meddelande till deltagarna").fill("Kursledaren är sjuk. Vi hör av oss om ett nytt datum.");
    await page.getByRole("button", { name: "Ja, ställ in tillfället" }).click();
    await expect.poll(mainText).toContain("Tillfället är inställt. 1 person har fått ett mejl om det.");
    expect(await page.getByRole("button", { name: "Spara ändringar" }).count()).toBe(0);
    expect(await mainText()).toContain("Inställd");

    await expect.poll(() => mailsTo(anna.email).some((m) => /method=CANCEL/i.test(m.raw)), { timeout: 8_000 }).toBe(true);
  });

  it("adds a new course and goes on to an occasion of it, the course already chosen", async () => {
    await page.goto(`${base}/kansliet`);
    await page.getByRole("link", { name: "Ny utbildning" }).click();
    await page.waitForURL(`${base}/kansliet/utbildningar/ny`);
    await page.getByRole("heading", { level: 1, name: "Ny utbildning" }).waitFor();
    await page.getByRole("button", { name: "Spara utbildningen" }).click();
    const summary = page.locator(".error-summary");
    await summary.waitFor();
    expect(await page.evaluate(() => document.activeElement?.classList.contains("error-summary"))).toBe(true);
    await expect(page.getByLabel("Namn på utbildningen").getAttribute("aria-invalid")).resolves.toBe("true");
    await expectNoHorizontalScroll(page, "formuläret för utbildning med fel");
    await expectNoAxeViolations(page, "formuläret för utbildning med fel");

    await page.getByLabel("Namn på utbildningen").fill("Nätverksträff BIP/SKAPA");
    await page.getByLabel("Kurstyp").selectOption({ label: "Nätverksträff BIP/SKAPA" });
    await page.getByLabel("Ansvarig part").selectOption({ label: "Halmstads kommun" });
    await page.getByRole("radio", { name: "Nej" }).check();
    await page.getByRole("button", { name: "Spara utbildningen" }).click();
    await page.waitForURL(/\/kansliet\/tillfallen\/ny\?utbildning=\d+$/);
    await expect.poll(mainText).toContain("Utbildningen ”Nätverksträff BIP/SKAPA” är sparad.");
    await expect.poll(() => page.getByLabel("Utbildning", { exact: true }).evaluate((el: HTMLSelectElement) => el.selectedOptions[0]?.textContent)).toBe(
      "Nätverksträff BIP/SKAPA",
    );
  });

  it("signs out", async () => {
    await page.getByRole("button", { name: "Logga ut" }).click();
    await page.waitForURL(`${base}/logga-in`);
    await expect.poll(mainText).toContain("Du är utloggad.");
    await page.goto(`${base}/kansliet`);
    await page.waitForURL(`${base}/logga-in`);
  });

  it("sends a course leader on from the office pages to her own", async () => {
    const leaderContext = await browser.newContext({ viewport: PHONE });
    const p = await leaderContext.newPage();
    try {
      const link = await requestLink(p, leader.email);
      await p.goto(link);
      await p.waitForURL(`${base}/kursledare`);
      await p.getByRole("heading", { level: 1, name: "Mina tillfällen" }).waitFor();
      await expect(p.locator("header").textContent()).resolves.toContain(leader.name);
      expect(await p.getByRole("link", { name: "Nytt tillfälle" }).count()).toBe(0);
      await p.goto(`${base}/kansliet/utbildningar`);
      await p.waitForURL(`${base}/kursledare`);
      await expectNoAxeViolations(p, "kursledarens tillfällen");
    } finally {
      await leaderContext.close();
    }
  });
});
