// The chancellery's actions on an occasion, in a real browser (Debian's Chromium via
// playwright-core) against the real Node server, a fresh libSQL file and a real SMTP server
// on loopback: register someone by hand, move a participant to another occasion of the
// course (mails with METHOD:CANCEL and METHOD:REQUEST), write to the participants (one mail
// each), change the places and read it in the audit log, set a course's goals and default
// leaders and see a new occasion get them. On a 360 px phone viewport, with axe-core scans
// of the log and of the occasion page with its forms and the move dialog open.
//
// Needs the built web app (dist/web): `npm test` builds it first.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { courses } from "../../db/schema.ts";
import { seedOrganiser } from "../../db/seed.ts";
import { formatIsoDate } from "../../server/domain/format-time.ts";
import { createOccasion } from "../../server/domain/planning.ts";
import { createUser, issueSignInToken, signInUrl, type StaffUser } from "../../server/domain/staff.ts";
import type { RunningServer } from "../../server/entry.node.ts";
import {
  calendarOf,
  expectNoAxeViolations,
  expectNoHorizontalScroll,
  newPhonePage,
  startE2e,
  type E2e,
} from "./harness.ts";

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

let e2e: E2e;
let page: Page;
let running: RunningServer;
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

/** A registration through the public API, as a person would make it. */
async function registerPublicly(occasionId: number, who: { name: string; email: string }) {
  const res = await fetch(`${base}/api/occasions/${occasionId}/registrations`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      ...who,
      party: "varberg",
      workplace: { name: "Arbetsmarknadsenheten", municipality: "Varberg" },
      acceptPrivacy: true,
    }),
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
  e2e = await startE2e("kurser-office-actions-");
  ({ server: running, baseUrl: base } = e2e);

  const db = running.handle.db;
  const now = new Date();
  const org = await seedOrganiser(db, now);
  const user = await createUser(db, now, { organiserId: org.id, ...karin, role: "office" });
  await createUser(db, now, { organiserId: org.id, ...lars, role: "leader" });
  const staff: StaffUser = {
    id: user.id,
    organiserId: org.id,
    organiserSlug: org.slug,
    name: karin.name,
    email: karin.email,
    role: "office",
  };
  const [course, other] = await db
    .insert(courses)
    .values([
      {
        organiserId: org.id,
        title: COURSE_TITLE,
        courseType: "handledarutbildning",
        responsiblePartyCode: "af",
        createdAt: now,
      },
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

  page = await newPhonePage(e2e.browser);
  // A step that waits says which one, well inside the test's own timeout.
  page.setDefaultTimeout(15_000);
  await e2e.followSignInLink(page, signInUrl(base, await issueSignInToken(db, now, user.id)));
  await page.waitForURL(`${base}/kansliet`);
}, 60_000);

afterAll(async () => {
  await e2e?.close();
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
    expect(calendarOf(await e2e.mailTo(dave.email, `Bekräftelse: ${TITLE_A}`)).method).toBe("REQUEST");

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

    const movedOut = await e2e.mailTo(anna.email, `Flyttad: ${TITLE_A}`);
    expect(movedOut.raw).toMatch(/method=CANCEL/i);
    expect(calendarOf(movedOut).method).toBe("CANCEL");
    const confirmed = await e2e.mailTo(anna.email, `Du har flyttats: ${TITLE_B}`);
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
    await expect
      .poll(() => boDialog.locator(".error-summary").textContent())
      .toContain("Personen är redan anmäld till det tillfället.");
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

    for (const who of [bo, dave, fia]) await e2e.mailTo(who.email, `${subject}: ${TITLE_A}`);
    // Give a stray second copy time to arrive before counting.
    await new Promise((r) => setTimeout(r, 600));
    for (const who of [bo, dave, fia]) {
      const got = e2e.mailsTo(who.email).filter((m) => m.parsed.subject === `${subject}: ${TITLE_A}`);
      expect(got, who.email).toHaveLength(1);
      expect(got[0]!.parsed.text).toContain("Ta med en egen dator.");
    }
    expect(e2e.mailsTo(gus.email).filter((m) => (m.parsed.subject ?? "").startsWith(subject))).toHaveLength(0);
    expect(e2e.mailsTo(anna.email).filter((m) => (m.parsed.subject ?? "").startsWith(subject))).toHaveLength(0);
  });

  it("changes the places and the leaders, and the log says who changed what, from → to", async () => {
    await openOccasion(occasionA, TITLE_A);
    await page.getByLabel("Antal platser").fill("5");
    await page
      .getByRole("group", { name: /^Kursledare/ })
      .getByLabel(lars.name)
      .check();
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
    // The move names the person who was moved (issue 9).
    expect(all).toMatch(new RegExp(`Flyttade anmälan: ${anna.name} till `));
    expect(all).toContain(`Anmälde för hand: ${dave.name} till ${TITLE_A}`);
    expect(all).toMatch(/I dag, \S+ \d+ \S+ \d{4}/);
    await expect(
      page
        .getByRole("navigation", { name: "Kansliet" })
        .getByRole("link", { name: "Händelselogg" })
        .getAttribute("aria-current"),
    ).resolves.toBe("page");
    await expectNoHorizontalScroll(page, "händelseloggen");
    await expectNoAxeViolations(page, "händelseloggen");

    await page.getByLabel("Visa").selectOption({ label: "Anmälningar" });
    await expect.poll(() => entries.first().textContent()).toContain("Flyttade anmälan");
    expect(await mainText()).not.toContain("Ändrade tillfälle");
  });

  it("sets a course's reminder and default leaders (goals are the year's); a new occasion without chosen leaders gets them", async () => {
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
    // Which courses count toward the year's goals is the goals' choice now (per course type).
    await expect.poll(() => page.locator("#c-goals-note").textContent()).toContain("bestäms av målen själva");
    await page
      .getByRole("group", { name: /^Förvalda kursledare/ })
      .getByLabel(lars.name)
      .check();
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
    await expect
      .poll(() =>
        page
          .getByRole("group", { name: /^Kursledare/ })
          .getByLabel(lars.name)
          .isChecked(),
      )
      .toBe(true);

    await page.getByRole("navigation", { name: "Kansliet" }).getByRole("link", { name: "Händelselogg" }).click();
    await page.getByRole("heading", { level: 1, name: "Händelselogg" }).waitFor();
    const courseEntry = page.locator(".log-entry").filter({ hasText: "Ändrade utbildning" }).first();
    const text = (await courseEntry.textContent()) ?? "";
    expect(text).toContain("Påminnelse dagar före: 2 dagar → ingen påminnelse");
    expect(text).toContain(`Förvalda kursledare: ingen → ${lars.name}`);
  });
});
