// The course leader's day, in a real browser (Debian's Chromium via playwright-core) against
// the real Node server, a fresh libSQL file and a real SMTP server on loopback. On a 360 px
// phone: the leader signs in with the mailed link and lands on her occasions, today's first;
// opens today's occasion (two days, the first running now, 140 people and a waiting list),
// finds "Lind" with the search, marks three people (one late through "Fler val"), adds a
// walk-in and one from the waiting list, reloads and finds the marks kept; the second day has
// marks of its own. Offline she marks two more: the rows say "Inte sparad än", the marks stay
// on the phone through a reload, and reach the database when the connection is back. The
// projector's QR page shows an SVG and a code; the public check-in page with that code
// welcomes a registered address and refuses an unknown one. The signing list prints alone,
// the day closes with a confirmation, a past day is locked, and the certificate behind a
// participant's personal link prints (or says why there is none). axe-core scans the pages.
//
// Needs the built web app (dist/web): `npm test` builds it first.
import { eq } from "drizzle-orm";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  attendance,
  courses,
  occasionDays,
  occasionLeaders,
  occasions,
  registrations,
  workplaces,
} from "../../db/schema.ts";
import { seedOrganiser } from "../../db/seed.ts";
import { newToken } from "../../server/domain/registration.ts";
import { createUser } from "../../server/domain/staff.ts";
import type { RunningServer } from "../../server/entry.node.ts";
import {
  expectNoAxeViolations,
  expectNoHorizontalScroll,
  newPhonePage,
  PHONE,
  SITE,
  startE2e,
  type E2e,
} from "./harness.ts";

const COURSE_TITLE = "Temadag: Psykisk ohälsa och arbete";
const PAST_TITLE = "Grundkurs i försäkringsmedicin och samordnad rehabilitering";
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const stamp = Date.now();
const leader = { name: "Lars Ledare", email: `lars.ledare.${stamp}@halland.example.se` };
const mail = (name: string) =>
  `${name
    .toLowerCase()
    .replace(/[åä]/g, "a")
    .replace(/ö/g, "o")
    .replace(/[^a-z]+/g, ".")}.${stamp}@varberg.example.se`;

// 140 people: three whose names contain "Lind", none of the others do.
const FIRST = [
  "Ali",
  "Bo",
  "Cecilia",
  "Dan",
  "Elin",
  "Filip",
  "Greta",
  "Hassan",
  "Ida",
  "Jonas",
  "Klara",
  "Leo",
  "Maja",
  "Nils",
];
const LAST = ["Ek", "Berg", "Dahl", "Holm", "Nord", "Sund", "Strand", "Åkesson", "Björk", "Falk"];
const names = FIRST.flatMap((f) => LAST.map((l) => `${f} ${l}`));
names.splice(0, 3, "Karin Lind", "Per Lindberg", "Anna Lindqvist");
const [karin, per, anna] = ["Karin Lind", "Per Lindberg", "Anna Lindqvist"];
const offlineA = names[40]!;
const offlineB = names[41]!;
const selfCheckin = names[60]!;
const walkIn = { name: "Wilma Gäst", email: `wilma.gast.${stamp}@falkenberg.example.se` };
const waiting = { name: "Vera Väntesson", email: mail("Vera Väntesson") };

let browser: Browser;
let context: BrowserContext;
let page: Page;
let e2e: E2e;
let running: RunningServer;
let base: string;
let todayId: number;
let day1: number;
let day2: number;
let pastId: number;
let tokens: Record<string, string> = {};

const row = (name: string) =>
  page
    .locator("li.attendee")
    .filter({ has: page.locator(".attendee-name", { hasText: new RegExp(`^${name}( \\(på plats\\))?$`) }) });
const statusOf = (name: string) => row(name).locator(".mark-text").textContent();
const unsavedOf = (name: string) => row(name).locator(".tag--unsaved").count();
const count = (kind: string) => page.locator(`.mark-count--${kind} .mark-count-n`).textContent();

/** The marks in the database for a day, by name. */
async function marksInDb(dayId: number): Promise<Record<string, string>> {
  const rows = await running.handle.db
    .select({ name: registrations.name, status: attendance.status })
    .from(attendance)
    .innerJoin(registrations, eq(registrations.id, attendance.registrationId))
    .where(eq(attendance.dayId, dayId));
  return Object.fromEntries(rows.map((r) => [r.name, r.status]));
}

async function openToday() {
  await page.goto(`${base}/kursledare/tillfallen/${todayId}`);
  await page.getByRole("heading", { level: 1, name: COURSE_TITLE }).waitFor();
  await row(karin).waitFor();
}

beforeAll(async () => {
  e2e = await startE2e("kurser-leader-e2e-");
  ({ browser, server: running, baseUrl: base } = e2e);

  const db = running.handle.db;
  const now = new Date();
  const org = await seedOrganiser(db, now);
  const user = await createUser(db, now, { organiserId: org.id, ...leader, role: "leader" });
  const [theme, basic] = await db
    .insert(courses)
    .values([
      {
        organiserId: org.id,
        title: COURSE_TITLE,
        courseType: "temadag",
        responsiblePartyCode: "region-halland",
        createdAt: now,
      },
      {
        organiserId: org.id,
        title: PAST_TITLE,
        description: "Två dagar om sjukförsäkringen och samordnad rehabilitering.",
        courseType: "forsakringsmedicin",
        responsiblePartyCode: "fk",
        createdAt: now,
      },
    ])
    .returning();
  const [wp] = await db
    .insert(workplaces)
    .values({
      organiserId: org.id,
      name: "Arbetsmarknadsenheten",
      municipality: "Varberg",
      matchKey: `arbetsmarknadsenheten|varberg|${stamp}`,
      createdAt: now,
    })
    .returning();

  /** An occasion with its days (start, end in ms), led by the leader. */
  async function occasion(courseId: number, days: [number, number][], venue: string, breakMinutes: number[] = []) {
    const [occ] = await db
      .insert(occasions)
      .values({
        organiserId: org.id,
        courseId,
        venue,
        address: "Stenalyckevägen 2, Halmstad",
        capacity: 150,
        status: "published",
        startsAt: new Date(days[0]![0]),
        endsAt: new Date(days[days.length - 1]![1]),
        createdAt: new Date(now.getTime() - 60 * DAY),
      })
      .returning();
    const dayRows = await db
      .insert(occasionDays)
      .values(
        days.map(([s, e], i) => ({
          occasionId: occ!.id,
          uid: `${newToken()}@kurser.test`,
          startsAt: new Date(s),
          endsAt: new Date(e),
          breakMinutes: breakMinutes[i] ?? 0,
        })),
      )
      .returning();
    await db.insert(occasionLeaders).values({ occasionId: occ!.id, userId: user.id });
    return { id: occ!.id, days: dayRows.map((d) => d.id) };
  }

  const person = (occasionId: number, name: string, status: "confirmed" | "waitlisted", i: number) => ({
    organiserId: org.id,
    occasionId,
    manageToken: newToken(),
    name,
    email: name === waiting.name ? waiting.email : mail(name),
    emailKey: name === waiting.name ? waiting.email : mail(name),
    partyCode: ["varberg", "fk", "af", "region-halland"][i % 4]!,
    workplaceId: i % 2 === 0 || name === waiting.name ? wp!.id : null,
    dietary: name === karin ? "Vegetarisk" : null,
    accessibilityNeeds: name === per ? "Hörslinga" : null,
    status,
    source: "web",
    createdAt: new Date(now.getTime() - 30 * DAY + i * 1000),
    confirmedAt: status === "confirmed" ? now : null,
  });

  // Today: the first day runs now, the second is tomorrow.
  const t = now.getTime();
  const today = await occasion(
    theme!.id,
    [
      [t - HOUR, t + 5 * HOUR],
      [t + DAY - HOUR, t + DAY + 5 * HOUR],
    ],
    "Halmstad Arena",
  );
  todayId = today.id;
  [day1, day2] = today.days as [number, number];
  const people = names.map((n, i) => person(todayId, n, "confirmed", i));
  for (let i = 0; i < people.length; i += 50) await db.insert(registrations).values(people.slice(i, i + 50));
  await db
    .insert(registrations)
    .values([person(todayId, waiting.name, "waitlisted", 200), person(todayId, "Walter Kö", "waitlisted", 201)]);

  // Three weeks ago, two days of seven hours, the first with an hour of breaks: past the lock
  // (14 days), with marks.
  const past = await occasion(
    basic!.id,
    [
      [t - 21 * DAY, t - 21 * DAY + 7 * HOUR],
      [t - 20 * DAY, t - 20 * DAY + 7 * HOUR],
    ],
    "Storgatan 6",
    [60, 0],
  );
  pastId = past.id;
  const pastPeople = await db
    .insert(registrations)
    .values([person(pastId, "Eva Ek", "confirmed", 0), person(pastId, "Olle Ros", "confirmed", 1)])
    .returning();
  tokens = Object.fromEntries(pastPeople.map((r) => [r.name, r.manageToken]));
  const marked = (registrationId: number, dayId: number) => ({
    registrationId,
    dayId,
    status: "present",
    via: "leader",
    markedBy: user.id,
    markedAt: now,
  });
  await db
    .insert(attendance)
    .values([
      marked(pastPeople[0]!.id, past.days[0]!),
      marked(pastPeople[0]!.id, past.days[1]!),
      marked(pastPeople[1]!.id, past.days[0]!),
    ]);

  page = await newPhonePage(browser);
  context = page.context();
  page.setDefaultTimeout(15_000);
}, 60_000);

afterAll(async () => {
  await e2e?.close();
});

describe("the course leader at the door", () => {
  it("signs in with the mailed link and lands on her occasions, today's first", async () => {
    await page.goto(`${base}/kursledare`);
    await page.waitForURL(`${base}/logga-in`);
    const link = await e2e.signInByMail(page, leader.email);
    // The link's button sends a course leader to her own pages.
    await e2e.followSignInLink(page, link);
    await page.waitForURL(`${base}/kursledare`);
    await page.getByRole("heading", { level: 1, name: "Mina tillfällen" }).waitFor();
    await expect.poll(() => page.title()).toBe(`Mina tillfällen – ${SITE}`);
    await expect(page.locator("header").textContent()).resolves.toContain(leader.name);

    const headings = await page.locator("main h2").allTextContents();
    expect(headings).toEqual(["I dag", "Tidigare"]);
    const todayCard = page.locator(".card--today");
    expect(await todayCard.getByRole("link").textContent()).toBe(COURSE_TITLE);
    expect(await todayCard.textContent()).toContain("I dag");
    await expectNoHorizontalScroll(page, "Mina tillfällen");
    await expectNoAxeViolations(page, "Mina tillfällen");
  });

  it("finds Lind among 140, marks three (one late by the second choice), adds walk-ins, and keeps it all after a reload", async () => {
    await page.getByRole("link", { name: COURSE_TITLE }).click();
    await page.waitForURL(`${base}/kursledare/tillfallen/${todayId}`);
    await page.getByRole("heading", { level: 1, name: COURSE_TITLE }).waitFor();
    // Today's day is chosen; the first of two.
    expect(
      await page.getByRole("navigation", { name: "Dagar" }).locator('a[aria-current="true"]').textContent(),
    ).toContain("Dag 1");
    expect(await count("total")).toBe("140");
    expect(await count("unmarked")).toBe("140");
    // For the leader's eyes: dietary and accessibility needs.
    expect(await row(karin).textContent()).toContain("Specialkost: Vegetarisk");
    expect(await row(per).textContent()).toContain("Anpassning: Hörslinga");
    await expectNoHorizontalScroll(page, "deltagarlistan");
    await expectNoAxeViolations(page, "deltagarlistan");

    await page.getByLabel("Sök deltagare").fill("Lind");
    await expect.poll(() => page.locator("#search-result").textContent()).toBe("Visar 3 av 140.");
    expect(await page.locator("li.attendee .attendee-name").allTextContents()).toEqual(
      [karin, anna, per].sort((a, b) => a.localeCompare(b, "sv")),
    );

    await page.getByRole("button", { name: `${karin}: närvarande` }).click();
    await page.getByRole("button", { name: `${per}: fler val` }).click();
    expect(await page.getByRole("button", { name: `${per}: fler val` }).getAttribute("aria-expanded")).toBe("true");
    await page.getByRole("button", { name: `${per}: sen` }).click();
    // The choice closes and focus returns to the button that opened it.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute("aria-label")))
      .toBe(`${per}: fler val`);
    await page.getByRole("button", { name: `${anna}: närvarande` }).click();

    await expect.poll(() => statusOf(karin)).toBe("Närvarande");
    await expect.poll(() => statusOf(per)).toBe("Sen");
    await expect.poll(() => statusOf(anna)).toBe("Närvarande");
    await expect.poll(() => page.locator(".tag--unsaved").count()).toBe(0);
    expect(await count("present")).toBe("2");
    expect(await count("late")).toBe("1");

    // Someone who never registered.
    await page.getByRole("button", { name: "Lägg till deltagare på plats" }).click();
    const form = page.locator("#walk-in-form");
    await form.getByRole("button", { name: "Lägg till och markera närvarande" }).click();
    await page.locator("#walk-in-errors").waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("walk-in-errors");
    await form.getByLabel("Namn", { exact: true }).fill(walkIn.name);
    await form.getByLabel("E-postadress till jobbet").fill(walkIn.email);
    await form.getByLabel("Arbetsgivare").selectOption({ label: "Falkenbergs kommun" });
    await form.getByLabel("Arbetsplatsens namn").fill("Jobbtorget");
    expect(await form.getByLabel("Kommun", { exact: true }).inputValue()).toBe("Falkenberg");
    await form.getByRole("button", { name: "Lägg till och markera närvarande" }).click();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent ?? ""))
      .toContain(`${walkIn.name} är tillagd och markerad som närvarande.`);

    // Someone from the waiting list turns up: the form is filled in from the list.
    await page.getByRole("button", { name: `${waiting.name}: lägg till på plats` }).click();
    expect(await form.getByLabel("E-postadress till jobbet").inputValue()).toBe(waiting.email);
    await form.getByRole("button", { name: "Lägg till och markera närvarande" }).click();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent ?? ""))
      .toContain("var redan anmäld");
    await expect.poll(() => page.locator("#waitlist-heading + p + ol li").count()).toBe(1);

    await page.reload();
    await row(walkIn.name).waitFor();
    expect(await statusOf(karin)).toBe("Närvarande");
    expect(await statusOf(per)).toBe("Sen");
    expect(await statusOf(anna)).toBe("Närvarande");
    expect(await statusOf(walkIn.name)).toBe("Närvarande");
    expect(await statusOf(waiting.name)).toBe("Närvarande");
    expect(await row(walkIn.name).textContent()).toContain("(på plats)");
    expect(await count("total")).toBe("142");
    expect(await count("present")).toBe("4");
    expect(await marksInDb(day1)).toEqual({
      [karin]: "present",
      [per]: "late",
      [anna]: "present",
      [walkIn.name]: "present",
      [waiting.name]: "present",
    });

    // The second day has marks of its own.
    await page.getByRole("navigation", { name: "Dagar" }).getByRole("link", { name: /Dag 2/ }).click();
    await page.waitForURL(`${base}/kursledare/tillfallen/${todayId}?dag=${day2}`);
    await expect.poll(() => statusOf(karin)).toBe("Ej markerad");
    expect(await count("unmarked")).toBe("142");
  });

  it("keeps marks made offline on the phone, says they are not saved, and sends them when the connection is back", async () => {
    await openToday();
    await context.setOffline(true);
    await page.getByRole("button", { name: `${offlineA}: närvarande` }).click();
    await page.getByRole("button", { name: `${offlineB}: fler val` }).click();
    await page.getByRole("button", { name: `${offlineB}: giltig frånvaro` }).click();
    await expect.poll(() => unsavedOf(offlineA)).toBe(1);
    await expect.poll(() => unsavedOf(offlineB)).toBe(1);
    expect(await row(offlineA).locator(".tag--unsaved").textContent()).toBe("Inte sparad än");
    await expect.poll(() => page.locator(".sync-status").textContent()).toContain("2 markeringar är inte sparade än.");
    expect(await statusOf(offlineB)).toBe("Giltig frånvaro");
    let db = await marksInDb(day1);
    expect(db[offlineA]).toBeUndefined();
    expect(db[offlineB]).toBeUndefined();
    await expectNoAxeViolations(page, "deltagarlistan med markeringar som inte är sparade");

    // Back on a network that still fails the marks: a reload keeps them, on the phone.
    await page.route("**/attendance/**", (route) => route.abort("connectionfailed"));
    await context.setOffline(false);
    await page.reload();
    await row(offlineA).waitFor();
    await expect.poll(() => row(offlineA).locator(".tag--unsaved").textContent()).toBe("Inte sparad än");
    expect(await statusOf(offlineB)).toBe("Giltig frånvaro");

    // The connection works again.
    await page.unroute("**/attendance/**");
    await page.evaluate(() => window.dispatchEvent(new Event("online")));
    await expect.poll(() => page.locator(".tag--unsaved").count()).toBe(0);
    await expect.poll(() => page.locator(".sync-status").textContent()).toBe("");
    db = await marksInDb(day1);
    expect(db[offlineA]).toBe("present");
    expect(db[offlineB]).toBe("excused");
    expect(await page.evaluate(() => localStorage.getItem("kurser.narvaro.ko.v1"))).toBeNull();
  });

  it("prints the signing list alone: name, workplace, employer, an e-mail column and a column to sign", async () => {
    await page.emulateMedia({ media: "print" });
    try {
      const table = page.locator(".signing-table");
      expect(await table.isVisible()).toBe(true);
      expect(await page.locator(".attendees").isVisible()).toBe(false);
      expect(await table.locator("thead th").allTextContents()).toEqual([
        "Nr",
        "Namn",
        "Arbetsplats",
        "Arbetsgivare",
        "E-post (om du inte står med)",
        "Underskrift",
      ]);
      // Everyone with a place, and five empty rows for those who turn up.
      expect(await table.locator("tbody tr").count()).toBe(142 + 5);
      const karinRow = await table.locator("tbody tr").filter({ hasText: karin }).textContent();
      expect(karinRow).toContain("Arbetsmarknadsenheten, Varberg");
      expect(karinRow).toContain("Varbergs kommun");
      // The paper goes round the room: no needs, no addresses.
      expect(await page.locator(".signing-list").textContent()).not.toContain("Vegetarisk");
      expect(await page.locator(".signing-list").textContent()).not.toContain("@");
    } finally {
      await page.emulateMedia({ media: "screen" });
    }
  });

  it("shows the projector's QR code; the public check-in welcomes a registered address and refuses an unknown one", async () => {
    await page.getByRole("link", { name: "Visa QR-kod" }).click();
    await page.waitForURL(`${base}/kursledare/tillfallen/${todayId}/dagar/${day1}/qr`);
    const image = page.getByRole("img", { name: "QR-kod som leder till incheckningen" });
    await image.locator("svg").waitFor();
    const code = (await page.locator(".qr-code").textContent())!.trim();
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    expect(await page.locator("main").textContent()).toContain(`localhost:${new URL(base).port}/incheckning/${day1}`);
    await expectNoAxeViolations(page, "QR-koden");

    const visitor = await browser.newContext({ viewport: PHONE });
    try {
      const p = await visitor.newPage();
      p.setDefaultTimeout(15_000);
      await p.goto(`${base}/incheckning/${day1}?kod=${code}`);
      await p.getByRole("heading", { level: 1, name: "Checka in" }).waitFor();
      // The page names what she checks in to: course, which day, and where.
      const facts = p.locator(".checkin-day");
      await facts.waitFor();
      const factsText = (await facts.textContent()) ?? "";
      expect(factsText).toContain(COURSE_TITLE);
      expect(factsText).toContain("Dag 1 av 2");
      expect(factsText).toContain("Halmstad Arena");
      // The code came with the link: only the e-mail is asked for.
      expect(await p.getByLabel("Koden på skärmen").count()).toBe(0);
      await expectNoHorizontalScroll(p, "incheckningen");
      await expectNoAxeViolations(p, "incheckningen");

      await p.getByLabel("E-postadress").fill(`okand.${stamp}@example.se`);
      await p.getByRole("button", { name: "Checka in" }).click();
      const refusal = p.getByRole("alert");
      await refusal.waitFor();
      expect(await refusal.textContent()).toContain("Vi hittar ingen plats med den e-postadressen");
      expect(await p.evaluate(() => document.activeElement?.getAttribute("role"))).toBe("alert");
      await expectNoAxeViolations(p, "incheckningen, nekad");

      await p.getByLabel("E-postadress").fill(mail(selfCheckin).toUpperCase());
      await p.getByRole("button", { name: "Checka in" }).click();
      const heading = p.getByRole("heading", { name: `Välkommen, ${selfCheckin.split(" ")[0]}!` });
      await heading.waitFor();
      expect(await p.locator("main").textContent()).toContain("Du är registrerad som närvarande.");
      await expectNoAxeViolations(p, "incheckningen, välkommen");
    } finally {
      await visitor.close();
    }
    expect((await marksInDb(day1))[selfCheckin]).toBe("present");
  });

  it("closes the day after asking: the others become absent", async () => {
    await openToday();
    const unmarked = Number(await count("unmarked"));
    expect(unmarked).toBe(142 - 8);
    await page.getByRole("button", { name: "Markera övriga som frånvarande" }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("close-day-question");
    expect(await page.locator("#close-day-question").textContent()).toContain(`de ${unmarked} som inte är markerade`);
    await page.getByRole("button", { name: "Ja, markera som frånvarande" }).click();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent ?? ""))
      .toContain(`${unmarked} personer markerades som frånvarande.`);
    expect(await count("absent")).toBe(String(unmarked));
    expect(await count("unmarked")).toBe("0");
    expect(await statusOf(karin)).toBe("Närvarande");
    expect(Object.keys(await marksInDb(day1))).toHaveLength(142);
  });

  it("shows a locked day read-only", async () => {
    await page.goto(`${base}/kursledare/tillfallen/${pastId}`);
    await page.getByRole("heading", { level: 1, name: PAST_TITLE }).waitFor();
    await expect.poll(() => page.locator(".locked-notice").textContent()).toContain("Närvaron för dagen är låst.");
    expect(await statusOf("Eva Ek")).toBe("Närvarande");
    expect(await page.getByRole("button", { name: /: närvarande$/ }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Markera övriga som frånvarande" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Lägg till deltagare på plats" }).count()).toBe(0);
  });
});

describe("the certificate behind the personal link", () => {
  it("is there to print for who attended every day, with name, course, dates, hours and organiser", async () => {
    await page.goto(`${base}/anmalan/${tokens["Eva Ek"]}`);
    await page.getByRole("link", { name: "Hämta intyg" }).click();
    await page.waitForURL(`${base}/anmalan/${tokens["Eva Ek"]}/intyg`);
    await page.getByRole("heading", { level: 1, name: "Intyg om deltagande" }).waitFor();
    const text = (await page.locator(".certificate").textContent())!;
    // 7 + 7 hours, less the first day's hour of breaks: the hours of content.
    for (const part of ["Eva Ek", PAST_TITLE, "13 timmar, 2 av 2 dagar", SITE, "Underskrift"])
      expect(text).toContain(part);
    const days = await page.locator(".certificate-facts li").allTextContents();
    expect(days).toHaveLength(2);
    expect(days[0]).toContain("(6 timmar)");
    expect(days[1]).toContain("(7 timmar)");
    // Nothing of the catalogue text.
    expect(text).not.toContain("Två dagar om sjukförsäkringen");
    await page.getByRole("button", { name: "Skriv ut intyget" }).waitFor();
    await expectNoHorizontalScroll(page, "intyget");
    await expectNoAxeViolations(page, "intyget");
  });

  it("says why there is none for who missed a day", async () => {
    await page.goto(`${base}/anmalan/${tokens["Olle Ros"]}`);
    await page.getByRole("heading", { name: "Intyg om deltagande" }).waitFor();
    expect(await page.getByRole("link", { name: "Hämta intyg" }).count()).toBe(0);
    expect(await page.locator(".certificate-box").textContent()).toContain(
      "Intyg ges vid närvaro på minst 100 % av dagarna.",
    );
    await page.goto(`${base}/anmalan/${tokens["Olle Ros"]}/intyg`);
    await expect.poll(() => page.locator("main").textContent()).toContain("Det finns inget intyg att hämta");
    expect(await page.locator(".certificate").count()).toBe(0);
  });
});
