// The chancellery's screens in a real browser (Debian's Chromium via playwright-core), against
// the real Node server with a fresh libSQL file and a real SMTP server on loopback: a
// kansli worker signs in with a mailed link (landing on the follow-up, /kansliet), plans an
// occasion of two days, sees it in the year plan (/kansliet/arshjul), moves the first day
// after someone has registered (that person's calendar gets the change: same UID, higher
// SEQUENCE), copies and cancels it; a course leader is sent on to her own pages. All on a 360 px phone viewport, with axe-core scans.
//
// Needs the built web app (dist/web): `npm test` builds it first.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { courses } from "../../db/schema.ts";
import { seedOrganiser } from "../../db/seed.ts";
import { formatIsoDate, formatMonth, stockholmToUtc } from "../../server/domain/format-time.ts";
import { createUser } from "../../server/domain/staff.ts";
import type { RunningServer } from "../../server/entry.node.ts";
import {
  calendarOf,
  expectNoAxeViolations,
  expectNoHorizontalScroll,
  newPhonePage,
  PHONE,
  SITE,
  startE2e,
  type E2e,
} from "./harness.ts";

const COURSE_TITLE = "Handledarutbildning för öppna arbetsplatser";
const LABEL = "Varberg";
const TITLE = `${COURSE_TITLE} (${LABEL})`;

const stamp = Date.now();
const office = { name: "Karin Kansli", email: `karin.kansli.${stamp}@halland.example.se` };
const leader = { name: "Lars Ledare", email: `lars.ledare.${stamp}@halland.example.se` };
const anna = { name: "Anna Lindqvist", email: `anna.lindqvist.${stamp}@varberg.example.se` };

let browser: Browser;
let page: Page;
let e2e: E2e;
let running: RunningServer;
let base: string;
let occasionId: number;

// The occasion's dates: three weeks ahead, in Stockholm, two days in a row.
const DAY = 86_400_000;
const firstDate = formatIsoDate(new Date(Date.now() + 21 * DAY));
const secondDate = formatIsoDate(new Date(stockholmToUtc(firstDate, "12:00").getTime() + DAY));
const copyDate = formatIsoDate(new Date(Date.now() + 60 * DAY));
const year = Number(firstDate.slice(0, 4));

/** "20261217T090000Z" for a Stockholm wall-clock time. */
const icsUtc = (date: string, time: string) =>
  stockholmToUtc(date, time)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");

const activeId = () => page.evaluate(() => document.activeElement?.id ?? "");
const mainText = () => page.locator("main").textContent();

beforeAll(async () => {
  e2e = await startE2e("kurser-office-e2e-");
  ({ browser, server: running, baseUrl: base } = e2e);
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

  page = await newPhonePage(browser);
}, 60_000);

afterAll(async () => {
  await e2e?.close();
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

  it("signs in with the mailed link and lands on the follow-up with the user's name; the year plan is a click away", async () => {
    const link = await e2e.signInByMail(page, office.email);
    expect(await mainText()).toContain("Om adressen har ett konto hos oss");
    await expectNoAxeViolations(page, "Kolla din e-post");

    await e2e.followSignInLink(page, link);
    await page.waitForURL(`${base}/kansliet`);
    await page.getByRole("heading", { level: 1, name: /^Uppföljning \d{4}$/ }).waitFor();
    await expect(page.locator("header").textContent()).resolves.toContain(office.name);
    await page.getByRole("button", { name: "Logga ut" }).waitFor();
    await expect.poll(() => page.title()).toMatch(/^Uppföljning \d{4} – /);
    await expectNoHorizontalScroll(page, "uppföljningen");
    await expectNoAxeViolations(page, "uppföljningen");

    // The year plan moved to /kansliet/arshjul: the office's navigation leads there.
    await page.getByRole("navigation", { name: "Kansliet" }).getByRole("link", { name: "Årshjul" }).click();
    await page.waitForURL(`${base}/kansliet/arshjul`);
    await page.getByRole("heading", { level: 1, name: /^Årshjul \d{4}$/ }).waitFor();
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
    await page.goto(`${base}/kansliet/arshjul`);
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
    await page.waitForURL(`${base}/kansliet/arshjul`);
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
    const first = calendarOf(await e2e.mailTo(anna.email, "Bekräftelse"));
    expect(first.method).toBe("REQUEST");
    // One calendar message per day (one UID per iTIP message): day 1 here, day 2 in its own mail.
    expect(first.events).toHaveLength(1);
    const second = calendarOf(await e2e.mailTo(anna.email, "Kalenderinbjudan"));
    expect(second.method).toBe("REQUEST");
    expect(second.events).toHaveLength(1);
    expect(second.events[0]!.get("UID")).not.toBe(first.events[0]!.get("UID"));
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
    // A new time mails her: the office is asked first (issue 13).
    const ask = page.getByRole("dialog", { name: "Spara och meddela deltagarna?" });
    await ask.waitFor();
    expect(await ask.textContent()).toContain("1 deltagare får en uppdaterad kalenderinbjudan");
    await ask.getByRole("button", { name: "Spara och skicka" }).click();
    await expect
      .poll(mainText)
      .toContain("Ändringarna är sparade. 1 deltagare har fått en uppdaterad kalenderinbjudan.");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain("Ändringarna är sparade.");

    const changed = await e2e.mailTo(anna.email, "Ändrat");
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
    await page.waitForURL(
      (url) => /\/kansliet\/tillfallen\/\d+$/.test(url.pathname) && !url.pathname.endsWith(`/${occasionId}`),
    );
    await expect.poll(mainText).toContain("Kopian är sparad som utkast.");
    expect(await mainText()).toContain("Utkast");
    expect(await mainText()).toContain("0 av 20");
    const day1 = page.getByRole("group", { name: "Dag 1" });
    await expect(day1.getByLabel("Börjar").inputValue()).resolves.toBe(`${copyDate}T10:00`);

    await page.goto(`${base}/kansliet/tillfallen/${occasionId}`);
    await page.getByRole("heading", { level: 1, name: TITLE }).waitFor();
    await page.getByRole("button", { name: "Ställ in tillfället" }).click();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent ?? ""))
      .toMatch(/^Vill du ställa in /);
    await expectNoAxeViolations(page, "frågan om att ställa in");
    await page.getByLabel("Meddelande till deltagarna").fill("Kursledaren är sjuk. Vi hör av oss om ett nytt datum.");
    await page.getByRole("button", { name: "Ja, ställ in tillfället" }).click();
    await expect.poll(mainText).toContain("Tillfället är inställt. 1 person har fått ett mejl om det.");
    expect(await page.getByRole("button", { name: "Spara ändringar" }).count()).toBe(0);
    expect(await mainText()).toContain("Inställd");

    await expect
      .poll(() => e2e.mailsTo(anna.email).some((m) => /method=CANCEL/i.test(m.raw)), { timeout: 15_000 })
      .toBe(true);
  });

  it("adds a new course and goes on to an occasion of it, the course already chosen", async () => {
    await page.goto(`${base}/kansliet/arshjul`);
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
    await expect
      .poll(() =>
        page
          .getByLabel("Utbildning", { exact: true })
          .evaluate((el: HTMLSelectElement) => el.selectedOptions[0]?.textContent),
      )
      .toBe("Nätverksträff BIP/SKAPA");
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
      const link = await e2e.signInByMail(p, leader.email);
      await e2e.followSignInLink(p, link);
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
