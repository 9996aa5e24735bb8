// The public web app in a real browser (Debian's Chromium, driven by playwright-core), against
// the real Node server with a fresh libSQL file and a real SMTP server on loopback: a case
// officer finds a course, signs up, gets the mail with the calendar invitation, opens her
// personal link and cancels, and the first on the waiting list gets the place.
// Everything runs on a 360 px wide phone viewport, with axe-core scans on the way.
//
// Needs the built web app (dist/web): `npm test` builds it first.
import { eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { courses, occasionDays, occasions } from "../../db/schema.ts";
import { seedOrganiser } from "../../db/seed.ts";
import type { RunningServer } from "../../server/entry.node.ts";
import { formatMonth, formatSpan } from "../../server/domain/format-time.ts";
import { createTestOccasion } from "../helpers/fixtures.ts";
import { expectNoAxeViolations, expectNoHorizontalScroll, newPhonePage, SITE, startE2e, type E2e } from "./harness.ts";

const COURSE_TITLE = "Handledarutbildning för öppna arbetsplatser";
const TITLE = `${COURSE_TITLE} (Halmstad)`;
const OTHER_TITLE = "Nätverksträff BIP/SKAPA";

let e2e: E2e;
let page: Page;
let running: RunningServer;
let base: string;
let occasionId: number;
let day: { startsAt: Date; endsAt: Date };
const anna = { name: "Anna Lindqvist", email: `anna.lindqvist.${Date.now()}@halmstad.example.se` };
const johan = { name: "Johan Berg", email: `johan.berg.${Date.now()}@fk.example.se` };

/** The Content-Type header of the calendar part, with folded header lines joined. */
function calendarContentType(raw: string): string | null {
  return /Content-Type:\s*text\/calendar[^\r\n]*/i.exec(raw.replace(/\r?\n[ \t]+/g, " "))?.[0] ?? null;
}

const activeTag = () =>
  page.evaluate(() => `${document.activeElement?.tagName}:${document.activeElement?.textContent?.trim().slice(0, 60)}`);

beforeAll(async () => {
  e2e = await startE2e("kurser-e2e-");
  ({ server: running, baseUrl: base } = e2e);
  expect(running.url).toBe(base);

  const db = running.handle.db;
  const now = new Date();
  const org = await seedOrganiser(db, now);
  occasionId = await createTestOccasion(db, org.id, now, { capacity: 5, inDays: 20, label: "Halmstad" });
  const days = await db.select().from(occasionDays).where(eq(occasionDays.occasionId, occasionId));
  day = days[0]!;
  // A second course type, a month later, so the filter and the month grouping have something to do.
  const [bip] = await db
    .insert(courses)
    .values({
      organiserId: org.id,
      title: OTHER_TITLE,
      courseType: "bip-skapa",
      responsiblePartyCode: "halmstad",
      asksDietary: false,
      createdAt: now,
    })
    .returning({ id: courses.id });
  const other = await createTestOccasion(db, org.id, now, { inDays: 55 });
  await db.update(occasions).set({ courseId: bip!.id }).where(eq(occasions.id, other));

  page = await newPhonePage(e2e.browser);
}, 60_000);

afterAll(async () => {
  await e2e?.close();
});

describe("registration in the browser", () => {
  let manageLink: string;
  let johanToken: string;

  it("shows the coming occasions by month and filters them by course type", async () => {
    await page.goto(`${base}/`);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("sv");
    const month = page.getByRole("region", { name: formatMonth(day.startsAt) });
    await expect.poll(() => month.getByRole("link", { name: TITLE }).count()).toBe(1);
    await expect.poll(() => page.getByRole("link", { name: OTHER_TITLE }).count()).toBe(1);
    await expect.poll(() => page.title()).toBe(`Kommande utbildningar – ${SITE}`);
    await expect(page.getByRole("link", { name: "Tillgänglighetsredogörelse" }).getAttribute("href")).resolves.toBe(
      "/tillganglighet",
    );
    await expect(
      page.getByRole("link", { name: "Så behandlar vi personuppgifter" }).getAttribute("href"),
    ).resolves.toBe("/personuppgifter");
    await expectNoHorizontalScroll(page, "katalogen");
    await expectNoAxeViolations(page, "katalogen");

    // The first Tab stop is the skip link, and it leads to the main content.
    await page.keyboard.press("Tab");
    expect(await activeTag()).toBe("A:Till huvudinnehållet");
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("main");

    await page.getByLabel("Visa kurstyp").selectOption({ label: COURSE_TITLE });
    await expect.poll(() => page.getByRole("link", { name: OTHER_TITLE }).count()).toBe(0);
    expect(await page.getByRole("link", { name: TITLE }).count()).toBe(1);
    expect(new URL(page.url()).searchParams.get("kurstyp")).toBe("handledarutbildning");
    await expect.poll(() => page.locator(".result-count").textContent()).toContain("Visar 1 tillfälle av typen");
  });

  it("opens the occasion and shows dates, place and places left, with a form that explains its errors", async () => {
    await page.getByRole("link", { name: TITLE }).click();
    await page.waitForURL(`${base}/tillfallen/${occasionId}`);
    const heading = page.getByRole("heading", { level: 1, name: TITLE });
    await heading.waitFor();
    // After a navigation inside the app the new page's heading has focus (screen readers hear the change).
    await expect.poll(activeTag).toBe(`H1:${TITLE}`);
    await expect.poll(() => page.title()).toBe(`${TITLE} – ${SITE}`);
    const main = page.locator("main");
    await expect(main.textContent()).resolves.toContain(formatSpan(day.startsAt, day.endsAt));
    await expect(main.textContent()).resolves.toContain("Folkets Hus Varberg, Västra Vallgatan 9, Varberg");
    await expect(main.textContent()).resolves.toContain("5 platser kvar");
    await expectNoHorizontalScroll(page, "formuläret");
    await expectNoAxeViolations(page, "formuläret");

    // Submitting the empty form: the summary takes focus and links to each field.
    await page.getByRole("button", { name: "Skicka anmälan" }).click();
    const summary = page.locator(".error-summary");
    await summary.waitFor();
    expect(await page.evaluate(() => document.activeElement?.classList.contains("error-summary"))).toBe(true);
    await expect.poll(() => page.title()).toMatch(/^Fel: /);
    const name = page.getByLabel("Namn", { exact: true });
    await expect(name.getAttribute("aria-invalid")).resolves.toBe("true");
    const describedBy = (await name.getAttribute("aria-describedby")) ?? "";
    await expect(page.locator(`#${describedBy.split(" ").at(-1)}`).textContent()).resolves.toContain(
      "Skriv ditt namn.",
    );
    await summary.getByRole("link", { name: "Skriv ditt namn." }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("f-name");
    await expect(summary.textContent()).resolves.toContain("personuppgifter");
    await expectNoHorizontalScroll(page, "formuläret med fel");
    await expectNoAxeViolations(page, "formuläret med fel");
  });

  it("registers with the form, confirms on the page and by mail with a calendar invitation", async () => {
    await page.getByLabel("Namn", { exact: true }).fill(anna.name);
    await page.getByLabel("E-postadress till jobbet").fill(anna.email);
    await page.getByLabel("Arbetsgivare").selectOption({ label: "Halmstads kommun" });
    // A municipality party fills in the workplace's municipality.
    await expect(page.getByLabel("Kommun").inputValue()).resolves.toBe("Halmstad");
    await page.getByLabel("Arbetsplatsens namn").fill("Arbetsmarknadsenheten");
    await page.getByLabel("Organisationsnummer").fill("2120001355");
    await page.getByLabel("Roll eller yrke").fill("Arbetskonsulent");
    await page.getByRole("radio", { name: "Kvinna" }).check();
    await page.getByLabel("Specialkost").fill("Vegetarisk");
    await page.getByLabel("Jag har läst hur mina personuppgifter behandlas.").check();
    // Submitted from the keyboard.
    await page.getByRole("button", { name: "Skicka anmälan" }).focus();
    await page.keyboard.press("Enter");

    await page.waitForURL(`${base}/tillfallen/${occasionId}/klar`);
    await page.getByRole("heading", { level: 1, name: "Du har fått en plats" }).waitFor();
    await expect.poll(activeTag).toBe("H1:Du har fått en plats");
    await expect(page.locator("main").textContent()).resolves.toContain("kalenderinbjudan");
    const personal = await page.getByRole("link", { name: "Gå till din anmälan" }).getAttribute("href");
    expect(personal).toMatch(/^\/anmalan\/[A-Za-z0-9_-]{16,64}$/);

    const mail = await e2e.mailTo(anna.email, "Bekräftelse");
    expect(calendarContentType(mail.raw)).toMatch(/method=REQUEST/i);
    const link = new RegExp(`${base}/anmalan/[A-Za-z0-9_-]+`).exec(mail.parsed.text ?? "")?.[0];
    expect(link).toBe(`${base}${personal}`);
    manageLink = link!;
  });

  it("shows the personal page, cancels after a second, explicit step, and gives the place to the waiting list", async () => {
    // Make the occasion full with Anna in it, and put Johan on the waiting list through the API.
    await running.handle.db.update(occasions).set({ capacity: 1 }).where(eq(occasions.id, occasionId));
    const res = await fetch(`${base}/api/occasions/${occasionId}/registrations`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        ...johan,
        party: "fk",
        workplace: { name: "Försäkringskassan Halmstad", municipality: "Halmstad" },
        acceptPrivacy: true,
      }),
    });
    const johanReg = (
      (await res.json()) as { registration: { status: string; waitlistPosition: number; manageToken: string } }
    ).registration;
    expect(res.status).toBe(201);
    expect(johanReg).toMatchObject({ status: "waitlisted", waitlistPosition: 1 });
    johanToken = johanReg.manageToken;
    await e2e.mailTo(johan.email, "Väntelista");

    await page.goto(manageLink);
    await page.getByRole("heading", { level: 2, name: "Du har fått en plats" }).waitFor();
    await expect.poll(() => page.title()).toBe(`Din anmälan: ${TITLE} – ${SITE}`);
    const main = page.locator("main");
    await expect(main.textContent()).resolves.toContain(formatSpan(day.startsAt, day.endsAt));
    await expect(main.textContent()).resolves.toContain("Arbetsmarknadsenheten, Halmstad (212000-1355)");
    const invite = page.getByRole("link", { name: "Ladda ner kalenderinbjudan" });
    const token = manageLink.split("/").at(-1)!;
    await expect(invite.getAttribute("href")).resolves.toBe(`/api/registrations/${token}/invite.ics`);
    const ics = await fetch(`${base}/api/registrations/${token}/invite.ics`);
    expect(ics.headers.get("content-type")).toMatch(/^text\/calendar/);
    expect(await ics.text()).toContain("METHOD:PUBLISH");
    await expectNoHorizontalScroll(page, "sidan för anmälan");
    await expectNoAxeViolations(page, "sidan för anmälan");

    // The first press only asks; the second, explicit button cancels.
    await page.getByRole("button", { name: "Avboka" }).click();
    await expect.poll(activeTag).toMatch(/^P:Vill du avboka din plats\?/);
    await expectNoAxeViolations(page, "frågan om avbokning");
    await page.getByRole("button", { name: "Ja, avboka min plats" }).click();
    await page.getByRole("heading", { level: 2, name: "Du har avbokat din plats" }).waitFor();
    await expect.poll(activeTag).toBe("H2:Du har avbokat din plats");
    expect(await page.getByRole("button", { name: /Avboka/ }).count()).toBe(0);

    const cancelled = await e2e.mailTo(anna.email, "Avbokad");
    expect(calendarContentType(cancelled.raw)).toMatch(/method=CANCEL/i);
    const promoted = await e2e.mailTo(johan.email, "Du har fått en plats");
    expect(calendarContentType(promoted.raw)).toMatch(/method=REQUEST/i);

    await page.goto(`${base}/anmalan/${johanToken}`);
    await page.getByRole("heading", { level: 2, name: "Du har fått en plats" }).waitFor();
  });

  it("offers the waiting list on a full occasion", async () => {
    await page.goto(`${base}/tillfallen/${occasionId}`);
    await page.getByRole("heading", { level: 1, name: TITLE }).waitFor();
    // How long the queue is, and the place she would get (issue 13).
    await expect(page.locator("main").textContent()).resolves.toMatch(
      /Fullbokat\. (Ingen står på väntelistan än|\d+ står på väntelistan); anmäl dig så får du plats \d+\./,
    );
    await page.getByRole("button", { name: "Ställ mig på väntelistan" }).waitFor();
    // Said once, above the form; the facts say it short.
    const text = (await page.locator("main").textContent()) ?? "";
    expect(text.split("anmäl dig så får du plats").length - 1).toBe(1);
    expect(text).toMatch(/Fullbokat(, \d+ på väntelistan)?/);
  });

  it("says why when registration is not open, and shows no form", async () => {
    const db = running.handle.db;
    const now = new Date();
    const [org] = await db.select({ id: occasions.organiserId }).from(occasions).where(eq(occasions.id, occasionId));
    const cases = [
      { input: { opensAt: new Date(now.getTime() + 3 * 86_400_000) }, text: "Anmälan har inte öppnat än. Den öppnar " },
      { input: { closesAt: new Date(now.getTime() - 60_000) }, text: "Anmälan stängde " },
      { input: { status: "cancelled" as const }, text: "Tillfället är inställt, så det går inte att anmäla sig." },
    ];
    for (const c of cases) {
      const id = await createTestOccasion(db, org!.id, now, { inDays: 30, ...c.input });
      await page.goto(`${base}/tillfallen/${id}`);
      await page.getByRole("heading", { level: 1 }).waitFor();
      await expect.poll(() => page.locator("main").textContent()).toContain(c.text);
      expect(await page.locator("form.registration-form").count(), c.text).toBe(0);
      // Whom to ask: the organiser's e-mail (issue 13).
      await page.locator("#registration-state a[href^='mailto:']").waitFor();
      expect(await page.locator("main").textContent()).not.toContain("Anmälan är stängd.");
    }
  });
});
