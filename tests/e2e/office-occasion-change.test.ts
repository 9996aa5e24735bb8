// Issue 13 in a real browser (Debian's Chromium via playwright-core) against the real Node
// server, a fresh libSQL file and a real SMTP server on loopback: saving a change that mails
// people asks first (how many, and what changes), and Avbryt saves and mails nothing; a change
// that mails nobody is saved at once; the move dialog of someone on the waiting list says
// that no place is freed; the cancelled list says who ended each place and when; a leader
// whose name ends with her role is not given it twice. On a 360 px phone viewport, with
// axe-core scans of the dialog and of the opened list.
//
// Needs the built web app (dist/web): `npm test` builds it first.
import { eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { courses, occasions, registrations } from "../../db/schema.ts";
import { seedOrganiser } from "../../db/seed.ts";
import { formatIsoDate } from "../../server/domain/format-time.ts";
import { cancelByOffice } from "../../server/domain/personal-data.ts";
import { createOccasion } from "../../server/domain/planning.ts";
import { createUser, issueSignInToken, signInUrl, type StaffUser } from "../../server/domain/staff.ts";
import type { RunningServer } from "../../server/entry.node.ts";
import { expectNoAxeViolations, expectNoHorizontalScroll, newPhonePage, startE2e, type E2e } from "./harness.ts";

const COURSE_TITLE = "Försäkringsmedicin för handläggare";
const TITLE_A = `${COURSE_TITLE} (Falkenberg)`;
const TITLE_B = `${COURSE_TITLE} (Laholm)`;
const stamp = Date.now();
const karin = { name: "Karin Kansli", email: `karin.kansli.${stamp}@halland.example.se` };
const johan = { name: "Johan Prov (kursledare)", email: `johan.prov.${stamp}@halland.example.se` };
const person = (name: string) => ({
  name,
  email: `${name.toLowerCase().replace(/[^a-z]+/g, ".")}.${stamp}@falkenberg.example.se`,
});
const anna = person("Anna Strand");
const bo = person("Bo Vik");
const cleo = person("Cleo Sand");
const dan = person("Dan Holm");
const eva = person("Eva Lund");

let e2e: E2e;
let page: Page;
let running: RunningServer;
let base: string;
let staff: StaffUser;
let occasionA: number;
let occasionB: number;

const DAY = 86_400_000;
const dateA = formatIsoDate(new Date(Date.now() + 21 * DAY));
const dateB = formatIsoDate(new Date(Date.now() + 42 * DAY));

async function registerPublicly(occasionId: number, who: { name: string; email: string }) {
  const res = await fetch(`${base}/api/occasions/${occasionId}/registrations`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      ...who,
      party: "falkenberg",
      workplace: { name: "Socialtjänsten", municipality: "Falkenberg" },
      acceptPrivacy: true,
    }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { registration: { status: string; manageToken: string } }).registration;
}

const focusedText = () => page.evaluate(() => document.activeElement?.textContent ?? "");
const venueOf = async (id: number) =>
  (await running.handle.db.select().from(occasions).where(eq(occasions.id, id)))[0]!.venue;

async function openOccasion(id: number, title: string) {
  await page.goto(`${base}/kansliet/tillfallen/${id}`);
  await page.getByRole("heading", { level: 1, name: title }).waitFor();
  await page.getByRole("button", { name: "Spara ändringar" }).waitFor();
}

beforeAll(async () => {
  e2e = await startE2e("kurser-office-change-");
  ({ server: running, baseUrl: base } = e2e);
  const db = running.handle.db;
  const now = new Date();
  const org = await seedOrganiser(db, now);
  const user = await createUser(db, now, { organiserId: org.id, ...karin, role: "office" });
  await createUser(db, now, { organiserId: org.id, ...johan, role: "leader" });
  staff = {
    id: user.id,
    organiserId: org.id,
    organiserSlug: org.slug,
    name: karin.name,
    email: karin.email,
    role: "office",
  };
  const [course] = await db
    .insert(courses)
    .values({ organiserId: org.id, title: COURSE_TITLE, courseType: "forsakringsmedicin", createdAt: now })
    .returning();
  const occasion = (label: string, date: string, capacity: number) =>
    createOccasion(db, now, staff, {
      courseId: course!.id,
      label,
      days: [{ start: `${date}T09:00`, end: `${date}T16:00` }],
      online: false,
      venue: `Stadsbiblioteket ${label}`,
      capacity,
      status: "published",
    });
  occasionA = await occasion("Falkenberg", dateA, 2);
  occasionB = await occasion("Laholm", dateB, 10);
  expect((await registerPublicly(occasionA, anna)).status).toBe("confirmed");
  expect((await registerPublicly(occasionA, bo)).status).toBe("confirmed");
  expect((await registerPublicly(occasionA, cleo)).status).toBe("waitlisted");

  page = await newPhonePage(e2e.browser);
  page.setDefaultTimeout(15_000);
  await e2e.followSignInLink(page, signInUrl(base, await issueSignInToken(db, now, user.id)));
  await page.waitForURL(`${base}/kansliet`);
}, 60_000);

afterAll(async () => {
  await e2e?.close();
});

describe("changing an occasion that mails people", () => {
  it("asks first with the number and the change; Avbryt saves and mails nothing; the yes saves", async () => {
    await openOccasion(occasionA, TITLE_A);
    const venue = page.getByLabel("Lokal", { exact: true });
    await venue.fill("Rådhuset Falkenberg");
    await page.getByRole("button", { name: "Spara ändringar" }).click();
    const dialog = page.getByRole("dialog", { name: "Spara och meddela deltagarna?" });
    await dialog.waitFor();
    await expect
      .poll(() => dialog.textContent())
      .toContain("2 deltagare får en uppdaterad kalenderinbjudan med ändringen:");
    expect(await dialog.getByRole("listitem").allTextContents()).toEqual([
      "Ny plats: Rådhuset Falkenberg (tidigare Stadsbiblioteket Falkenberg).",
    ]);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("save-change-heading");
    await expectNoHorizontalScroll(page, "dialogen före sparandet");
    await expectNoAxeViolations(page, "tillfället med dialogen före sparandet öppen");

    await dialog.getByRole("button", { name: "Avbryt" }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(focusedText).toBe("Spara ändringar");
    // Nothing saved, nothing mailed (the outbox runs every 200 ms).
    await new Promise((r) => setTimeout(r, 800));
    expect(await venueOf(occasionA)).toBe("Stadsbiblioteket Falkenberg");
    expect(e2e.mailsTo(anna.email).filter((m) => m.parsed.subject?.startsWith("Ändrat:"))).toEqual([]);
    // The form still holds the change; the second time the yes saves it.
    expect(await venue.inputValue()).toBe("Rådhuset Falkenberg");
    await page.getByRole("button", { name: "Spara ändringar" }).click();
    await dialog.waitFor();
    await dialog.getByRole("button", { name: "Spara och skicka" }).click();
    await expect
      .poll(focusedText)
      .toContain("Ändringarna är sparade. 2 deltagare har fått en uppdaterad kalenderinbjudan.");
    expect(await venueOf(occasionA)).toBe("Rådhuset Falkenberg");
    await e2e.mailTo(anna.email, `Ändrat: ${TITLE_A}`);
  });

  it("saves a change that mails nobody without asking", async () => {
    await openOccasion(occasionA, TITLE_A);
    await page.getByLabel("Tillägg till namnet").fill("Falkenberg, vår");
    await page.getByRole("button", { name: "Spara ändringar" }).click();
    await expect.poll(focusedText).toBe("Ändringarna är sparade.");
    expect(await page.getByRole("dialog").count()).toBe(0);
    const [row] = await running.handle.db.select().from(occasions).where(eq(occasions.id, occasionA));
    expect(row!.label).toBe("Falkenberg, vår");
  });

  it("shows a leader named with her role once", async () => {
    await openOccasion(occasionA, `${COURSE_TITLE} (Falkenberg, vår)`);
    const box = page.getByRole("checkbox", { name: johan.name });
    await expect(box.count()).resolves.toBe(1);
    const group = page.locator("#o-leaders");
    expect(await group.textContent()).not.toContain("(kursledare) (kursledare)");
    expect(await group.textContent()).toContain(`${karin.name} (kansliet)`);
  });
});

describe("moving and cancelling", () => {
  it("tells that someone on the waiting list only leaves it, and lists who ended each place and when", async () => {
    const title = `${COURSE_TITLE} (Falkenberg, vår)`;
    await openOccasion(occasionA, title);
    await page.getByRole("button", { name: `Flytta ${cleo.name}` }).click();
    const dialog = page.getByRole("dialog", { name: `Flytta ${cleo.name}` });
    await dialog.waitFor();
    const text = await dialog.textContent();
    expect(text).toContain(`${cleo.name} står på väntelistan här (plats 1) och lämnar den. Ingen plats blir ledig här`);
    expect(text).not.toContain("Platsen här går till");
    await dialog.getByRole("radio").first().check();
    await dialog.getByRole("button", { name: "Flytta", exact: true }).click();
    await expect.poll(focusedText).toContain(`${cleo.name} är flyttad till ${TITLE_B}`);

    // A confirmed person's dialog still says her place goes on.
    await page.getByRole("button", { name: `Flytta ${anna.name}` }).click();
    const annaDialog = page.getByRole("dialog", { name: `Flytta ${anna.name}` });
    expect(await annaDialog.textContent()).toContain("Platsen här går till den som står först på väntelistan.");
    await annaDialog.getByRole("button", { name: "Avbryt" }).click();

    // One cancels herself, the office cancels another.
    const db = running.handle.db;
    const dans = await registerPublicly(occasionA, dan);
    const evas = await registerPublicly(occasionA, eva);
    expect((await fetch(`${base}/api/registrations/${dans.manageToken}`, { method: "DELETE" })).status).toBe(200);
    const [evaRow] = await db.select().from(registrations).where(eq(registrations.manageToken, evas.manageToken));
    await cancelByOffice(db, new Date(), staff, evaRow!.id);

    await openOccasion(occasionA, title);
    await page.getByText("Avbokade och flyttade (3)").click();
    const item = (name: string) => page.locator(".cancelled-list li").filter({ hasText: name });
    const today = await page.evaluate(() =>
      new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm", day: "numeric", month: "long" }).format(
        new Date(),
      ),
    );
    expect(await item(dan.name).textContent()).toContain(`Avbokade själv`);
    expect(await item(dan.name).textContent()).toContain(today);
    expect(await item(eva.name).textContent()).toContain(`Avbokad av kansliet`);
    const moved = await item(cleo.name).textContent();
    expect(moved).toContain(`Flyttad av kansliet`);
    expect(moved).toContain(`${today} 20`);
    expect(moved).toContain(` till ${TITLE_B}, `);
    const link = item(cleo.name).getByRole("link", { name: TITLE_B });
    expect(await link.getAttribute("href")).toBe(`/kansliet/tillfallen/${occasionB}`);
    await expectNoHorizontalScroll(page, "listan över avbokade");
    await expectNoAxeViolations(page, "tillfället med listan över avbokade öppen");
  });
});
