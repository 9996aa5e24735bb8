// Course evaluations in a real browser (issue 12), on one server for the whole file: an
// occasion of an evaluated course (with a question of the office's own) was held two days ago and
// four people attended; queueEvaluations invites them. On a 390 px phone one answers by
// keyboard (the empty form first, to see the error summary), sees the thanks, and on reload
// "Du har redan svarat"; an unknown link gets a page of its own. The office's results page
// shows "För få svar för att visa" with one answer and the figures and free texts after three.
// The form, its error state, the thanks and the results page pass axe-core.
//
// Needs the built web app (dist/web): `npm run build` first.
import { eq } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attendance, evaluationInvites, occasionDays, occasions, registrations } from "../../db/schema.ts";
import { seedOrganiser } from "../../db/seed.ts";
import { evaluationSendsAt, queueEvaluations } from "../../server/domain/evaluations.ts";
import { formatDay, formatIsoDate } from "../../server/domain/format-time.ts";
import { createApiToken, createUser } from "../../server/domain/staff.ts";
import type { RunningServer } from "../../server/entry.node.ts";
import { courseIdsFor } from "../helpers/fixtures.ts";
import { expectNoAxeViolations, startE2e, type E2e } from "./harness.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const stamp = Date.now();
const PHONE_390 = { width: 390, height: 844 };

let e2e: E2e;
let phone: Page;
let desk: Page;
let running: RunningServer;
let base: string;
let apiToken: string;
let courseId: number;
let occasionId: number;
let ownQuestionId: string;
/** email → the evaluation token */
const tokens = new Map<string, string>();

const karin = { name: "Karin Kansli", email: `karin.kansli.${stamp}@halland.example.se` };
const people = ["Ada Svarar", "Bea Svarar", "Cilla Svarar", "Doris Svarar"].map((name) => ({
  name,
  email: `${name.toLowerCase().replace(/[^a-z]+/g, ".")}.${stamp}@halmstad.example.se`,
}));

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

async function register(who: { name: string; email: string }) {
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
  return ((await res.json()) as { registration: { id: number } }).registration.id;
}

async function answerByApi(token: string, body: unknown) {
  const res = await fetch(`${base}/api/evaluations/${token}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(res.status, JSON.stringify(await res.clone().json())).toBe(201);
}

const mainText = async (p: Page) => (await p.locator("main").textContent()) ?? "";

beforeAll(async () => {
  e2e = await startE2e("kurser-evaluations-");
  ({ server: running, baseUrl: base } = e2e);
  const db = running.handle.db;
  const now = new Date();
  const org = await seedOrganiser(db, now);
  const user = await createUser(db, now, { organiserId: org.id, ...karin, role: "office" });
  apiToken = await createApiToken(db, now, user.id, "e2e evaluations");
  courseId = await courseIdsFor(db, org.id, now);
  const { course } = await office<{ course: { evaluationQuestions: { id: string }[] } }>(
    "PATCH",
    `/courses/${courseId}`,
    { evaluated: true, evaluationQuestions: [{ kind: "text", text: "Vad tar du med dig till ditt arbete?" }] },
  );
  ownQuestionId = course.evaluationQuestions[0]!.id;

  // Planned ahead (the office cannot plan in the past), registered, then moved two days back.
  const date = formatIsoDate(new Date(Date.now() + 20 * DAY));
  ({
    occasion: { id: occasionId },
  } = await office<{ occasion: { id: number } }>("POST", "/occasions", {
    courseId,
    label: "Utvärderas",
    days: [{ start: `${date}T09:00`, end: `${date}T16:00` }],
    online: false,
    venue: "Folkets Hus Varberg",
    address: "Västra Vallgatan 9, Varberg",
    capacity: 10,
    status: "published",
  }));
  const ids = [];
  for (const p of people) ids.push(await register(p));
  // Two days ago: its send time (08.00 the morning after) has passed whatever the hour now.
  const startsAt = new Date(Date.now() - 2 * DAY - 8 * HOUR);
  const endsAt = new Date(startsAt.getTime() + 7 * HOUR);
  await db.update(occasionDays).set({ startsAt, endsAt }).where(eq(occasionDays.occasionId, occasionId));
  await db.update(occasions).set({ startsAt, endsAt }).where(eq(occasions.id, occasionId));
  const [day] = await db.select().from(occasionDays).where(eq(occasionDays.occasionId, occasionId));
  await db.insert(attendance).values(
    ids.map((registrationId) => ({
      registrationId,
      dayId: day!.id,
      status: "present",
      via: "leader",
      markedAt: endsAt,
    })),
  );

  expect((await queueEvaluations(db, new Date())).invited).toBe(people.length);
  const rows = await db
    .select({ token: evaluationInvites.token, email: registrations.email })
    .from(evaluationInvites)
    .innerJoin(registrations, eq(registrations.id, evaluationInvites.registrationId));
  for (const r of rows) tokens.set(r.email, r.token);
  expect(tokens.size).toBe(people.length);

  phone = await (await (e2e.browser as Browser).newContext({ viewport: PHONE_390 })).newPage();
  phone.setDefaultTimeout(15_000);
  desk = await (await (e2e.browser as Browser).newContext({ viewport: { width: 1366, height: 900 } })).newPage();
  desk.setDefaultTimeout(15_000);
}, 60_000);

afterAll(async () => {
  await e2e?.close();
});

describe("the participant's evaluation", () => {
  it("mails the link", async () => {
    const mail = await e2e.mailTo(people[0]!.email, "Vad tyckte du om");
    expect(mail.parsed.text).toContain(`${base}/utvardering/${tokens.get(people[0]!.email)}`);
  });

  it("answers on a phone by keyboard after a failed first try, sees the thanks, and once only", async () => {
    const token = tokens.get(people[0]!.email)!;
    await phone.goto(`${base}/utvardering/${token}`);
    await phone.getByRole("heading", { level: 1, name: /^Utvärdering: Handledarutbildning/ }).waitFor();
    expect(await mainText(phone)).toContain("anonyma");
    await expectNoAxeViolations(phone, "utvärderingen");
    const width = await phone.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(PHONE_390.width);

    // Nothing chosen: the summary takes focus and links to the three required questions.
    await phone.getByRole("button", { name: "Skicka svaren" }).click();
    const summary = phone.getByRole("group", { name: "Det finns fel i formuläret" });
    await summary.waitFor();
    await expect.poll(() => phone.evaluate(() => document.activeElement?.className)).toBe("error-summary");
    expect(await summary.getByRole("link").count()).toBe(3);
    expect(await phone.title()).toMatch(/^Fel: /);
    await expectNoAxeViolations(phone, "utvärderingen med fel");

    // The summary's first link goes to the first scale; arrows choose within a group.
    await summary.getByRole("link").first().press("Enter");
    await expect.poll(() => phone.evaluate(() => document.activeElement?.id)).toBe("ev-overall-1");
    await phone.keyboard.press("Space"); // 1
    for (let i = 0; i < 3; i++) await phone.keyboard.press("ArrowRight"); // 4
    expect(await phone.getByRole("radio", { name: "4" }).first().isChecked()).toBe(true);
    await phone.keyboard.press("Tab"); // the usefulness scale
    await phone.keyboard.press("Space");
    for (let i = 0; i < 4; i++) await phone.keyboard.press("ArrowRight"); // 5
    await phone.keyboard.press("Tab"); // recommend
    await phone.keyboard.press("Space"); // ja
    await phone.keyboard.press("Tab");
    await phone.keyboard.type("Bra övningar i grupp.");
    await phone.keyboard.press("Tab");
    await phone.keyboard.type("Mer tid för frågor.");
    await phone.keyboard.press("Tab");
    await phone.keyboard.type("Samtalsmetoden.");
    expect(
      await phone
        .getByRole("group", { name: /som helhet/ })
        .getByRole("radio", { name: "4" })
        .isChecked(),
    ).toBe(true);
    expect(
      await phone
        .getByRole("group", { name: /användbar/ })
        .getByRole("radio", { name: /^5/ })
        .isChecked(),
    ).toBe(true);
    expect(await phone.getByRole("radio", { name: "Ja" }).isChecked()).toBe(true);
    await phone.keyboard.press("Tab");
    await phone.keyboard.press("Enter");

    await phone.getByRole("heading", { name: "Tack för dina svar!" }).waitFor();
    await expectNoAxeViolations(phone, "tack-sidan");

    await phone.reload();
    await phone.getByRole("heading", { name: "Du har redan svarat. Tack!" }).waitFor();
    expect(await phone.getByRole("button", { name: "Skicka svaren" }).count()).toBe(0);
  });

  it("says so when the link does not work", async () => {
    await phone.goto(`${base}/utvardering/detFinnsIngenSadanLank123`);
    await phone.getByRole("heading", { name: "Länken till utvärderingen fungerar inte" }).waitFor();
    expect(await mainText(phone)).toContain("hela länken");
    await expectNoAxeViolations(phone, "trasig utvärderingslänk");
  });
});

describe("the office's results", () => {
  it("shows only the counts with one answer, and the figures and texts from three", async () => {
    await e2e.followSignInLink(desk, await e2e.signInByMail(desk, karin.email));
    const year = Number(formatIsoDate(new Date(Date.now() - 2 * DAY - 8 * HOUR)).slice(0, 4));
    const address = `${base}/kansliet/utvarderingar${year === new Date().getFullYear() ? "" : `?ar=${year}`}`;
    await desk.goto(address);
    await desk.getByRole("heading", { level: 1, name: "Utvärderingar" }).waitFor();
    const occasionsTable = desk.locator("#ev-occasions");
    await occasionsTable.waitFor();
    expect(await occasionsTable.textContent()).toContain("1 av 4");
    expect(await occasionsTable.textContent()).toContain("För få svar för att visa");
    await expectNoAxeViolations(desk, "utvärderingarna med ett svar");

    await answerByApi(tokens.get(people[1]!.email)!, {
      overall: 5,
      usefulness: 4,
      recommend: "ja",
      good: "Tydlig kursledare.",
      extra: { [ownQuestionId]: "Mallen för uppföljning." },
    });
    await answerByApi(tokens.get(people[2]!.email)!, { overall: 3, usefulness: 3, recommend: "vet-inte" });

    await desk.reload();
    await occasionsTable.waitFor();
    const row = await occasionsTable.locator("tbody tr").first().textContent();
    expect(row).toContain("3 av 4");
    expect(row).toContain("75\u00a0%");
    expect(row).toContain("4,0"); // (4 + 5 + 3) / 3
    expect(row).toContain("67\u00a0%"); // two of three would recommend it
    expect(row).not.toContain("För få svar");

    await occasionsTable.getByRole("link").first().click();
    const details = desk.locator(`#ev-occasion-${occasionId}`);
    expect(await details.getAttribute("open")).not.toBeNull();
    const text = (await details.textContent()) ?? "";
    for (const t of ["Bra övningar i grupp.", "Tydlig kursledare.", "Mer tid för frågor.", "Mallen för uppföljning."])
      expect(text).toContain(t);
    expect(text).toContain("Vad tar du med dig till ditt arbete?");
    expect(text).not.toContain(people[0]!.name);
    await expectNoAxeViolations(desk, "utvärderingarna med tre svar");
  });
});

describe("the leader's list and the course form", () => {
  it("shows the occasion's results in the list at the door once it is over", async () => {
    // The office may open the leader's pages for any of its occasions.
    await desk.goto(`${base}/kursledare/tillfallen/${occasionId}`);
    const section = desk.getByRole("region", { name: "Utvärdering" });
    await section.waitFor();
    await expect.poll(async () => (await section.textContent()) ?? "").toContain("3 av 4");
    const text = (await section.textContent()) ?? "";
    expect(text).toContain("Vad tycker du om utbildningen som helhet?");
    expect(text).toContain("Tydlig kursledare.");
    await expectNoAxeViolations(desk, "kursledarens lista med utvärdering");
  });

  it("before the morning after, says when the evaluation goes and that the marks decide who gets it", async () => {
    // Another occasion of the course, ended an hour ago, one person marked present.
    const date = formatIsoDate(new Date(Date.now() + 21 * DAY));
    const {
      occasion: { id: justOver },
    } = await office<{ occasion: { id: number } }>("POST", "/occasions", {
      courseId,
      label: "Nyss slut",
      days: [{ start: `${date}T09:00`, end: `${date}T16:00` }],
      online: false,
      venue: "Folkets Hus Varberg",
      capacity: 10,
      status: "published",
    });
    const db = e2e.server.handle.db;
    const endsAt = new Date(Date.now() - HOUR);
    const startsAt = new Date(endsAt.getTime() - 7 * HOUR);
    await db.update(occasionDays).set({ startsAt, endsAt }).where(eq(occasionDays.occasionId, justOver));
    await db.update(occasions).set({ startsAt, endsAt }).where(eq(occasions.id, justOver));
    expect((await queueEvaluations(db, new Date())).invited).toBe(0);

    await desk.goto(`${base}/kursledare/tillfallen/${justOver}`);
    const section = desk.getByRole("region", { name: "Utvärdering" });
    await section.waitFor();
    const sendsAt = evaluationSendsAt(endsAt);
    await expect
      .poll(async () => (await section.textContent()) ?? "")
      .toContain(`Utvärderingen mejlas ${formatDay(sendsAt)} kl. 08.00`);
    expect(await section.textContent()).toContain("Rätta markeringarna före dess");
    await expectNoAxeViolations(desk, "kursledarens lista före utskicket");
  });

  it("keeps the own question's id when its text changes, and adds and removes questions", async () => {
    await desk.goto(`${base}/kansliet/utbildningar/${courseId}`);
    const group = desk.getByRole("group", { name: "Utvärdering" });
    await group.waitFor();
    const box = desk.getByLabel("Skicka en utvärdering till dem som deltog, efter sista dagen");
    expect(await box.isChecked()).toBe(true);
    const first = desk.locator("#c-evq-0-text");
    expect(await first.inputValue()).toBe("Vad tar du med dig till ditt arbete?");
    await first.fill("Vad tar du med dig till jobbet?");
    await desk.getByRole("button", { name: "Lägg till en egen fråga" }).click();
    await expect.poll(() => desk.evaluate(() => document.activeElement?.id)).toBe("c-evq-1-text");
    await desk.keyboard.type("Var lokalen bra?");
    await desk.locator("#c-evq-1-kind").selectOption("yesno");
    await desk.getByRole("button", { name: "Lägg till en egen fråga" }).click();
    // An empty third question: the server's message at its field, linked from the summary.
    await desk.getByRole("button", { name: "Spara utbildningen" }).click();
    const summary = desk.getByRole("group", { name: "Det finns fel i formuläret" });
    await summary.waitFor();
    expect(await summary.textContent()).toContain("Skriv frågan.");
    await expectNoAxeViolations(desk, "kursformuläret med fel i en egen fråga");
    await desk.getByRole("button", { name: "Ta bort fråga 3" }).click();
    await desk.getByRole("button", { name: "Spara utbildningen" }).click();
    await desk.getByText("Ändringarna är sparade.").waitFor();

    const { courses } = await office<{
      courses: { id: number; evaluated: boolean; evaluationQuestions: { id: string; kind: string; text: string }[] }[];
    }>("GET", "/courses");
    const saved = courses.find((c) => c.id === courseId)!;
    expect(saved.evaluated).toBe(true);
    expect(saved.evaluationQuestions).toHaveLength(2);
    expect(saved.evaluationQuestions[0]).toEqual({
      id: ownQuestionId,
      kind: "text",
      text: "Vad tar du med dig till jobbet?",
    });
    expect(saved.evaluationQuestions[1]).toMatchObject({ kind: "yesno", text: "Var lokalen bra?" });
    await expectNoAxeViolations(desk, "kursformuläret");

    // Switched off: no more evaluations for the course.
    await box.uncheck();
    expect(await desk.getByRole("button", { name: "Lägg till en egen fråga" }).count()).toBe(0);
    await desk.getByRole("button", { name: "Spara utbildningen" }).click();
    await desk.getByText("Ändringarna är sparade.").waitFor();
    const after = await office<{ courses: { id: number; evaluated: boolean }[] }>("GET", "/courses");
    expect(after.courses.find((c) => c.id === courseId)!.evaluated).toBe(false);
  });
});
