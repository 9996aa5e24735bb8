// Personal data in a real browser (issue 11), on one server for the whole file: the person
// corrects her name from her link and sees it, downloads the file of everything about her,
// and erases her data once her occasion is over; the office finds a person, changes her role,
// cancels her registration (the waiting list moves up) and erases her; the office's settings
// save a retention that the privacy notice and the form's short text then say. Every page
// touched passes axe-core; the public ones also on a phone without sideways scrolling.
//
// Needs the built web app (dist/web): `npm run build` first.
import { readFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { occasionDays, occasions } from "../../db/schema.ts";
import { seedOrganiser } from "../../db/seed.ts";
import { formatIsoDate } from "../../server/domain/format-time.ts";
import { createApiToken, createUser } from "../../server/domain/staff.ts";
import type { RunningServer } from "../../server/entry.node.ts";
import { courseIdsFor } from "../helpers/fixtures.ts";
import { expectNoAxeViolations, expectNoHorizontalScroll, newPhonePage, startE2e, type E2e } from "./harness.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const stamp = Date.now();

let e2e: E2e;
let phone: Page;
let desk: Page;
let running: RunningServer;
let base: string;
let apiToken: string;
let courseId: number;

const karin = { name: "Karin Kansli", email: `karin.kansli.${stamp}@halland.example.se` };
const person = (name: string) => ({
  name,
  email: `${name.toLowerCase().replace(/[^a-z]+/g, ".")}.${stamp}@halmstad.example.se`,
});
const anna = person("Anna Rattar");
const bo = person("Bo Raderar");
const cia = person("Cia Kansliet");
const dan = person("Dan Vantar");

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

async function createOccasion(label: string, capacity: number, inDays = 20): Promise<number> {
  const date = formatIsoDate(new Date(Date.now() + inDays * DAY));
  const { occasion } = await office<{ occasion: { id: number } }>("POST", "/occasions", {
    courseId,
    label,
    days: [{ start: `${date}T09:00`, end: `${date}T16:00` }],
    online: false,
    venue: "Folkets Hus Varberg",
    address: "Västra Vallgatan 9, Varberg",
    capacity,
    status: "published",
  });
  return occasion.id;
}

async function register(occasionId: number, who: { name: string; email: string }) {
  const res = await fetch(`${base}/api/occasions/${occasionId}/registrations`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      ...who,
      party: "halmstad",
      workplace: { name: "Arbetsmarknadsenheten", municipality: "Halmstad" },
      role: "Handläggare",
      acceptPrivacy: true,
    }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { registration: { id: number; status: string; manageToken: string } }).registration;
}

/** Moves the (one-day) occasion so that it ended `daysAgo` days ago. */
async function holdInThePast(occasionId: number, daysAgo: number) {
  const db = running.handle.db;
  const startsAt = new Date(Date.now() - daysAgo * DAY);
  const endsAt = new Date(startsAt.getTime() + 7 * HOUR);
  await db.update(occasionDays).set({ startsAt, endsAt }).where(eq(occasionDays.occasionId, occasionId));
  await db.update(occasions).set({ startsAt, endsAt }).where(eq(occasions.id, occasionId));
}

const focusedText = (p: Page) => p.evaluate(() => document.activeElement?.textContent ?? "");
const mainText = async (p: Page) => (await p.locator("main").textContent()) ?? "";

async function checkPublic(p: Page, what: string) {
  await expectNoHorizontalScroll(p, what);
  await expectNoAxeViolations(p, what);
}

beforeAll(async () => {
  e2e = await startE2e("kurser-personal-data-");
  ({ server: running, baseUrl: base } = e2e);
  const db = running.handle.db;
  const now = new Date();
  const org = await seedOrganiser(db, now);
  const user = await createUser(db, now, { organiserId: org.id, ...karin, role: "office" });
  apiToken = await createApiToken(db, now, user.id, "e2e personal data");
  courseId = await courseIdsFor(db, org.id, now);
  phone = await newPhonePage(e2e.browser);
  phone.setDefaultTimeout(15_000);
  desk = await (await (e2e.browser as Browser).newContext({ viewport: { width: 1366, height: 900 } })).newPage();
  desk.setDefaultTimeout(15_000);
}, 60_000);

afterAll(async () => {
  await e2e?.close();
});

describe("her own data from the personal link", () => {
  let annaToken: string;

  it("corrects her name (errors at the field first) and sees it, with the mail we sent listed", async () => {
    const id = await createOccasion("Rätta", 5);
    annaToken = (await register(id, anna)).manageToken;
    await e2e.mailTo(anna.email, "Bekräftelse");
    await phone.goto(`${base}/anmalan/${annaToken}`);
    const details = phone.getByRole("region", { name: "Dina uppgifter" });
    await details.waitFor();
    expect(await mainText(phone)).not.toContain("Vill du ändra något? Skriv till");
    expect(await details.textContent()).toContain(anna.email);
    expect(await details.textContent()).toContain("Handläggare");
    // The confirmation is in the list once it has gone out.
    const mails = phone.getByRole("region", { name: "Mejl vi har skickat till dig" });
    await expect
      .poll(async () => {
        await phone.reload();
        return (await mails.textContent()) ?? "";
      })
      .toMatch(/Bekräftelse: .*Skickat \S+ \d+ \S+ \d{4} kl\. \d\d\.\d\d/);
    // Not over and not cancelled: no erasure yet, and the page says when.
    expect(await phone.getByRole("button", { name: "Radera mina uppgifter" }).count()).toBe(0);
    expect(await mainText(phone)).toContain("När tillfället är slut kan du be om att få dina uppgifter raderade här.");
    await checkPublic(phone, "personliga sidan, kommande");

    await phone.getByRole("button", { name: "Ändra dina uppgifter" }).click();
    const name = phone.getByRole("textbox", { name: "Namn", exact: true });
    await expect.poll(() => phone.evaluate(() => document.activeElement?.id)).toBe("me-name");
    // Neither address nor employer is hers to change here.
    expect(await phone.getByRole("textbox", { name: "E-postadress till jobbet" }).count()).toBe(0);
    expect(await phone.getByRole("combobox", { name: "Arbetsgivare" }).count()).toBe(0);
    await name.fill("A");
    await phone.getByRole("button", { name: "Spara ändringarna" }).click();
    const summary = phone.getByRole("group", { name: "Det finns fel i formuläret" });
    await summary.waitFor();
    expect(await summary.textContent()).toContain("Namnet behöver vara minst 2 tecken.");
    expect(await name.getAttribute("aria-invalid")).toBe("true");
    await checkPublic(phone, "personliga sidan, ändra med fel");

    await name.fill("Anna Rättad-Lind");
    await phone.getByRole("button", { name: "Spara ändringarna" }).click();
    await expect
      .poll(() => focusedText(phone))
      .toContain("Dina uppgifter är sparade. Det nya namnet står i nästa mejl och kalenderinbjudan från oss.");
    expect(await details.textContent()).toContain("Anna Rättad-Lind");
    await phone.reload();
    await details.waitFor();
    expect(await details.textContent()).toContain("Anna Rättad-Lind");
    const api = (await (await fetch(`${base}/api/registrations/${annaToken}`)).json()) as {
      registration: { name: string; role: string };
    };
    expect(api.registration).toMatchObject({ name: "Anna Rättad-Lind", role: "Handläggare" });
  });

  it("downloads the JSON of everything about her", async () => {
    await phone.goto(`${base}/anmalan/${annaToken}`);
    const link = phone.getByRole("link", { name: "Ladda ner mina uppgifter (JSON)" });
    expect(await link.getAttribute("href")).toBe(`/api/registrations/${annaToken}/data`);
    const [download] = await Promise.all([phone.waitForEvent("download"), link.click()]);
    const file = JSON.parse(readFileSync((await download.path())!, "utf8")) as {
      person: { name: string; email: string };
    };
    expect(file.person).toMatchObject({ name: "Anna Rättad-Lind", email: anna.email });
  });

  it("erases her data once the occasion is over, and sees that it is done", async () => {
    // Before it is over the server refuses, with a sentence to show.
    const refused = await fetch(`${base}/api/registrations/${annaToken}/erase`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(refused.status).toBe(409);

    const id = await createOccasion("Hållet", 5);
    const token = (await register(id, bo)).manageToken;
    await holdInThePast(id, 30);
    await phone.goto(`${base}/anmalan/${token}`);
    await phone.locator("[data-state=over]").waitFor();
    await phone.getByRole("button", { name: "Radera mina uppgifter" }).click();
    const confirm = phone.getByRole("group", { name: /^Vill du radera dina uppgifter\?/ });
    await confirm.waitFor();
    expect(await focusedText(phone)).toContain("Vill du radera dina uppgifter?");
    const text = (await confirm.textContent()) ?? "";
    for (const goes of [
      "ditt namn och din e-postadress",
      "din roll eller ditt yrke",
      "specialkost och behov av anpassning",
    ])
      expect(text).toContain(goes);
    expect(text).toMatch(/finns kvar.*arbetsgivare \(part\), din arbetsplats, kön .* och om du deltog/);
    await checkPublic(phone, "personliga sidan, radera");

    await phone.getByRole("button", { name: "Ja, radera mina uppgifter" }).click();
    await phone.getByRole("heading", { name: "Dina uppgifter är raderade" }).waitFor();
    await expect.poll(() => focusedText(phone)).toBe("Dina uppgifter är raderade");
    expect(await phone.getByRole("alert").count()).toBe(0);
    await checkPublic(phone, "personliga sidan, raderad");
    expect((await fetch(`${base}/api/registrations/${token}`)).status).toBe(404);
    // The link is dead now; opened again it says why it might be.
    await phone.reload();
    await expect.poll(() => mainText(phone)).toContain("Har du raderat dina uppgifter fungerar länken inte längre.");
  });
});

describe("the office", () => {
  let ciaOccasion: number;

  it("finds a person, changes her role and cancels her registration; the waiting list moves up", async () => {
    ciaOccasion = await createOccasion("Kansliet ändrar", 1);
    expect((await register(ciaOccasion, cia)).status).toBe("confirmed");
    expect((await register(ciaOccasion, dan)).status).toBe("waitlisted");
    await e2e.followSignInLink(desk, await e2e.signInByMail(desk, karin.email));

    // The occasion's participant list leads to the person.
    await desk.goto(`${base}/kansliet/tillfallen/${ciaOccasion}`);
    const participants = desk.getByRole("region", { name: /^Deltagare, / });
    await expect(participants.getByRole("link", { name: cia.name }).getAttribute("href")).resolves.toBe(
      `/kansliet/personer/${encodeURIComponent(cia.email)}`,
    );
    await expectNoAxeViolations(desk, "tillfället med deltagarlänkar");

    await desk.getByRole("navigation", { name: "Kansliet" }).getByRole("link", { name: "Personer" }).click();
    await desk.getByRole("searchbox", { name: "Sök person" }).fill("Cia Kansliet");
    await desk.getByRole("search", { name: "Sök person" }).getByRole("button", { name: "Sök" }).click();
    await desk.getByRole("link", { name: cia.email }).click();
    await desk.getByRole("heading", { level: 1, name: cia.name }).waitFor();
    const table = desk.getByRole("region", { name: /^Anmälningar för / });
    await expect.poll(() => table.textContent()).toContain("Handläggare");
    await expectNoAxeViolations(desk, "personens sida");

    await table.getByRole("button", { name: /^Ändra uppgifter/ }).click();
    const dialog = desk.getByRole("dialog", { name: `Ändra uppgifter för ${cia.name}` });
    await dialog.waitFor();
    await expectNoAxeViolations(desk, "personens sida, ändra");
    await dialog.getByRole("textbox", { name: /^Roll eller yrke/ }).fill("Enhetschef");
    await dialog.getByRole("button", { name: "Spara ändringarna" }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => focusedText(desk)).toContain(`Uppgifterna för ${cia.name}`);
    await expect.poll(() => table.textContent()).toContain("Enhetschef");
    const { registrations } = await office<{ registrations: { role: string; status: string }[] }>(
      "GET",
      `/people/registrations?email=${encodeURIComponent(cia.email)}`,
    );
    expect(registrations[0]!.role).toBe("Enhetschef");

    await table.getByRole("button", { name: /^Avboka/ }).click();
    const cancel = desk.getByRole("dialog", { name: `Avboka ${cia.name}?` });
    await cancel.waitFor();
    expect(await cancel.textContent()).toContain("Hon får ett mejl och den första på väntelistan får platsen.");
    await expectNoAxeViolations(desk, "personens sida, avboka");
    await cancel.getByRole("button", { name: "Avboka", exact: true }).click();
    await expect.poll(() => cancel.count()).toBe(0);
    await expect.poll(() => focusedText(desk)).toContain(`${cia.name} är avbokad`);
    await expect.poll(() => table.textContent()).toContain("Avbokad");
    expect(await table.getByRole("button", { name: /^Avboka/ }).count()).toBe(0);
    await e2e.mailTo(cia.email, "Avbokad");
    await e2e.mailTo(dan.email, "Du har fått en plats");
  });

  it("erases the person; the page says so and the log has it", async () => {
    await desk.getByRole("button", { name: "Radera personen…" }).click();
    const dialog = desk.getByRole("dialog", { name: `Radera ${cia.name}?` });
    await dialog.waitFor();
    const text = (await dialog.textContent()) ?? "";
    expect(text).toContain("namn, e-postadress, roll eller yrke, specialkost och behov av anpassning");
    expect(text).toContain("Alla mål och siffror i uppföljningen är desamma som förut");
    await expectNoAxeViolations(desk, "personens sida, radera");
    await dialog.getByRole("button", { name: "Radera personen", exact: true }).click();
    await desk.getByRole("heading", { level: 1, name: "Personen är raderad" }).waitFor();
    await expectNoAxeViolations(desk, "personens sida, raderad");
    const res = await fetch(`${base}/api/office/people/registrations?email=${encodeURIComponent(cia.email)}`, {
      headers: { authorization: `Bearer ${apiToken}` },
    });
    expect(res.status).toBe(404);
  });

  it("saves a retention in the settings, and the privacy notice and the form say it", async () => {
    await desk.getByRole("navigation", { name: "Kansliet" }).getByRole("link", { name: "Inställningar" }).click();
    await desk.getByRole("heading", { level: 1, name: "Inställningar" }).waitFor();
    const needs = desk.getByRole("textbox", { name: "Kost- och tillgänglighetsbehov raderas" });
    await expect.poll(() => needs.inputValue()).toMatch(/^\d+$/);
    await expectNoAxeViolations(desk, "inställningar");

    // The log: the person's own erasure and the office's, newest first, naming no one.
    const log = desk.getByRole("region", { name: "Gallringslogg", exact: true });
    const rows = log.locator("tbody tr[data-rule=erasure]");
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.nth(0).textContent()).toContain(karin.name);
    expect(await rows.nth(1).textContent()).toContain("Personen själv, via sin länk");
    expect(await log.textContent()).not.toContain(cia.name);

    await needs.fill("tre");
    await desk.getByRole("button", { name: "Spara inställningarna" }).click();
    const summary = desk.getByRole("group", { name: "Det finns fel i formuläret" });
    await summary.waitFor();
    expect(await needs.getAttribute("aria-invalid")).toBe("true");
    await expectNoAxeViolations(desk, "inställningar med fel");

    await needs.fill("21");
    await desk.getByRole("textbox", { name: "Personuppgifter anonymiseras" }).fill("24");
    await desk.getByRole("textbox", { name: "Dataskyddsombudets e-post" }).fill("dataskydd@halland.example.se");
    await desk.getByRole("button", { name: "Spara inställningarna" }).click();
    await expect.poll(() => focusedText(desk)).toContain("Inställningarna är sparade.");
    expect(await summary.count()).toBe(0);

    await phone.goto(`${base}/personuppgifter`);
    const needsLine = phone.locator("[data-retention=needs]");
    await expect.poll(() => needsLine.textContent()).toContain("raderas 21 dagar efter tillfällets sista dag");
    expect(await phone.locator("[data-retention=people]").textContent()).toContain(
      "24 månader efter ditt senaste tillfälle",
    );
    expect(await phone.getByRole("link", { name: "dataskydd@halland.example.se" }).count()).toBeGreaterThan(0);
    const privacy = await mainText(phone);
    for (const what of ["uppgift av allmänt intresse", "inte samtycke", "Integritetsskyddsmyndigheten", "antal"])
      expect(privacy).toContain(what);
    await checkPublic(phone, "personuppgifter");

    // The short text at the registration form says the same.
    const id = await createOccasion("Formuläret", 5);
    await phone.goto(`${base}/tillfallen/${id}`);
    const box = phone.getByRole("region", { name: "Så behandlar vi dina personuppgifter" });
    await expect.poll(() => box.textContent()).toContain("raderas 21 dagar efter tillfällets sista dag");
    expect(await box.textContent()).toContain("24 månader efter ditt senaste tillfälle");
    await checkPublic(phone, "anmälningsformuläret");
  });
});
