// Course evaluations (issue 12): who gets the mail (through a real SMTP server on loopback),
// answering once, the anonymity of the stored answers, the threshold of 3, and averages and
// distributions against a set worked out by hand.
import { getTableConfig } from "drizzle-orm/sqlite-core";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluationAnswers, registrations } from "../../db/schema.ts";
import { evaluationSendsAt, MIN_ANSWERS, queueEvaluations } from "../../server/domain/evaluations.ts";
import type { Mailer } from "../../server/mail/mailer.ts";
import { smtpMailer } from "../../server/mail/smtp.ts";
import { startSmtp, type TestSmtp } from "../helpers/smtp.ts";
import { api, createTestContext, person, staffApi, staffToken, type TestContext } from "../helpers/test-db.ts";

const DAY = 86_400_000;
let t: TestContext;
let smtp: TestSmtp;
let mailer: Mailer;
let office: string;

beforeAll(async () => {
  t = await createTestContext({ now: new Date("2026-03-02T08:00:00Z") });
  smtp = await startSmtp();
  mailer = smtpMailer(smtp.url);
  office = (await staffToken(t, "office")).token;
});
afterAll(async () => {
  mailer.close?.();
  await smtp.close();
  await t.close();
});

async function sql<T = Record<string, unknown>>(query: string, args: (string | number | null)[] = []): Promise<T[]> {
  const rs = await t.handle.client.execute({ sql: query, args });
  return rs.rows as unknown as T[];
}

async function daysOf(occasionId: number) {
  return sql<{ id: number; ends_at: number }>(
    "SELECT id, ends_at FROM occasion_days WHERE occasion_id = ? ORDER BY starts_at",
    [occasionId],
  );
}

async function mark(registrationId: number, dayId: number, status: string) {
  await sql("INSERT INTO attendance (registration_id, day_id, status, via, marked_at) VALUES (?, ?, ?, 'leader', ?)", [
    registrationId,
    dayId,
    status,
    t.now.value.getTime(),
  ]);
}

async function tokenOf(registrationId: number) {
  const [row] = await sql<{ token: string }>("SELECT token FROM evaluation_invites WHERE registration_id = ?", [
    registrationId,
  ]);
  return row?.token;
}

async function deliveredTo(address: string, subject: RegExp) {
  return smtp.messages.filter((m) => m.to.includes(address) && subject.test(m.parsed.subject ?? "")).length;
}

describe("who is asked", () => {
  it("mails everyone who attended (present, late, walk-in) once after the last day, and nobody else", async () => {
    const id = await t.occasion({ capacity: 5, dayCount: 2 });
    const [day1, day2] = await daysOf(id);
    const reg = async (email: string) =>
      (await api(t.app, "POST", `/api/occasions/${id}/registrations`, person({ email }))).json.registration
        .id as number;
    const present = await reg("narvarande@example.se");
    const late = await reg("sen@example.se");
    const excused = await reg("franvaro.anmald@example.se");
    const absent = await reg("franvarande@example.se");
    const unmarked = await reg("omarkerad@example.se");
    const cancelled = await reg("avbokad@example.se");
    const waitlisted = await reg("vantar@example.se");
    await api(t.app, "POST", `/api/occasions/${id}/registrations`, person({ email: "vantar2@example.se" }));
    await sql("UPDATE registrations SET status = 'cancelled', cancelled_from = 'confirmed' WHERE id = ?", [cancelled]);
    await mark(cancelled, day1!.id, "present");
    const [wl] = await sql<{ status: string }>("SELECT status FROM registrations WHERE id = ?", [waitlisted]);
    expect(wl!.status).toBe("waitlisted");
    await mark(present, day1!.id, "present");
    await mark(present, day2!.id, "absent");
    await mark(late, day2!.id, "late");
    await mark(excused, day1!.id, "excused");
    await mark(absent, day1!.id, "absent");
    await mark(absent, day2!.id, "absent");
    const walkIn = await t.handle.db
      .insert(registrations)
      .values({
        organiserId: t.organiserId,
        occasionId: id,
        manageToken: "walk-in-evaluation-test-token",
        name: "Vera Walkin",
        email: "walkin@example.se",
        emailKey: "walkin@example.se",
        partyCode: "fk",
        status: "confirmed",
        source: "walk-in",
      })
      .returning();
    await mark(walkIn[0]!.id, day1!.id, "present");
    void unmarked;

    // Before the last day ends: nobody. Nor that evening (the leader may still put a wrong mark
    // right): the evaluation goes at 08.00 the morning after.
    expect((await queueEvaluations(t.handle.db, new Date(day2!.ends_at - 60_000))).invited).toBe(0);
    expect((await queueEvaluations(t.handle.db, new Date(day2!.ends_at + 60_000))).invited).toBe(0);
    const sendsAt = evaluationSendsAt(new Date(day2!.ends_at));
    expect((await queueEvaluations(t.handle.db, new Date(sendsAt.getTime() - 60_000))).invited).toBe(0);
    const after = new Date(sendsAt.getTime() + 60_000);
    const first = await queueEvaluations(t.handle.db, after);
    expect(first.invited).toBe(3);
    // Again (a second drainer, the next tick): nobody twice.
    expect((await queueEvaluations(t.handle.db, new Date(after.getTime() + 60_000))).invited).toBe(0);
    t.now.value = after;
    await t.drain(mailer);
    await smtp.waitFor(3);
    const asked = ["narvarande@example.se", "sen@example.se", "walkin@example.se"];
    for (const a of asked) expect(await deliveredTo(a, /^Vad tyckte du om/), a).toBe(1);
    const notAsked = [
      "franvaro.anmald@example.se",
      "franvarande@example.se",
      "omarkerad@example.se",
      "avbokad@example.se",
      "vantar@example.se",
    ];
    for (const a of notAsked) expect(await deliveredTo(a, /Vad tyckte du/), a).toBe(0);
    const mail = smtp.messages.find(
      (m) => m.to.includes("sen@example.se") && /^Vad tyckte/.test(m.parsed.subject ?? ""),
    )!;
    const token = await tokenOf(late);
    expect(mail.parsed.text).toContain(`http://kurser.test/utvardering/${token}`);
    expect(mail.parsed.text).toContain("anonyma");

    // One reminder after 4 days (the organiser's default) to those who have not answered, never two.
    await api(t.app, "POST", `/api/evaluations/${await tokenOf(present)}`, {
      overall: 5,
      usefulness: 4,
      recommend: "ja",
    });
    const later = new Date(after.getTime() + 4 * DAY + 120_000);
    expect((await queueEvaluations(t.handle.db, later)).reminded).toBe(2);
    expect((await queueEvaluations(t.handle.db, new Date(later.getTime() + 5 * DAY))).reminded).toBe(0);
    t.now.value = later;
    await t.drain(mailer);
    await smtp.waitFor(5);
    expect(await deliveredTo("sen@example.se", /^Påminnelse: Vad tyckte/)).toBe(1);
    expect(await deliveredTo("walkin@example.se", /^Påminnelse: Vad tyckte/)).toBe(1);
    expect(await deliveredTo("narvarande@example.se", /^Påminnelse/)).toBe(0);
    t.now.value = new Date("2026-03-02T08:00:00Z");
  });

  it("sends nothing for a course that is not evaluated", async () => {
    const id = await t.occasion({ capacity: 5 });
    const [occ] = await sql<{ course_id: number }>("SELECT course_id FROM occasions WHERE id = ?", [id]);
    const off = await staffApi(t, office, "PATCH", `/api/office/courses/${occ!.course_id}`, { evaluated: false });
    expect(off.status).toBe(200);
    const [day] = await daysOf(id);
    const r = await api(t.app, "POST", `/api/occasions/${id}/registrations`, person());
    await mark(r.json.registration.id, day!.id, "present");
    expect(
      (await queueEvaluations(t.handle.db, new Date(evaluationSendsAt(new Date(day!.ends_at)).getTime() + 60_000)))
        .invited,
    ).toBe(0);
    await staffApi(t, office, "PATCH", `/api/office/courses/${occ!.course_id}`, { evaluated: true });
  });
});

/** An occasion that is over, with `n` attendees who have each been sent an evaluation. */
async function heldWithInvites(n: number, questions: unknown[] = []) {
  const id = await t.occasion({ capacity: 50 });
  const [occ] = await sql<{ course_id: number }>("SELECT course_id FROM occasions WHERE id = ?", [id]);
  await staffApi(t, office, "PATCH", `/api/office/courses/${occ!.course_id}`, { evaluationQuestions: questions });
  const [day] = await daysOf(id);
  const tokens: string[] = [];
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = await api(t.app, "POST", `/api/occasions/${id}/registrations`, person());
    await mark(r.json.registration.id, day!.id, "present");
    ids.push(r.json.registration.id);
  }
  await queueEvaluations(t.handle.db, new Date(evaluationSendsAt(new Date(day!.ends_at)).getTime() + 60_000));
  for (const rid of ids) tokens.push((await tokenOf(rid))!);
  await staffApi(t, office, "PATCH", `/api/office/courses/${occ!.course_id}`, { evaluationQuestions: [] });
  return { id, tokens };
}

describe("the send time", () => {
  it("is 08.00 Stockholm time the morning after the last day, across the clock changes", () => {
    const at = (iso: string) => evaluationSendsAt(new Date(iso)).toISOString();
    expect(at("2026-03-12T15:00:00Z")).toBe("2026-03-13T07:00:00.000Z"); // winter: 16.00 → 08.00 CET
    expect(at("2026-06-10T14:00:00Z")).toBe("2026-06-11T06:00:00.000Z"); // summer: CEST
    expect(at("2026-03-28T15:00:00Z")).toBe("2026-03-29T06:00:00.000Z"); // the spring night
    expect(at("2026-10-24T14:00:00Z")).toBe("2026-10-25T07:00:00.000Z"); // the autumn night
    expect(at("2026-12-31T15:00:00Z")).toBe("2027-01-01T07:00:00.000Z"); // over New Year
    expect(at("2026-03-12T22:30:00Z")).toBe("2026-03-13T07:00:00.000Z"); // ends 23.30 on the 12th
    expect(at("2026-03-12T23:30:00Z")).toBe("2026-03-14T07:00:00.000Z"); // ends 00.30 on the 13th (Stockholm)
  });
});

describe("answering", () => {
  it("takes one answer per link, refuses a second, and says so on the link", async () => {
    const { tokens } = await heldWithInvites(1);
    const form = await api(t.app, "GET", `/api/evaluations/${tokens[0]}`);
    expect(form.json.evaluation).toMatchObject({ answered: false, questions: [] });
    const bad = await api(t.app, "POST", `/api/evaluations/${tokens[0]}`, {
      overall: 6,
      usefulness: 0,
      recommend: "kanske",
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.json.error.fields).sort()).toEqual(["overall", "recommend", "usefulness"]);
    const ok = await api(t.app, "POST", `/api/evaluations/${tokens[0]}`, {
      overall: 4,
      usefulness: 5,
      recommend: "ja",
      good: "Bra fall",
    });
    expect(ok.status).toBe(201);
    const again = await api(t.app, "POST", `/api/evaluations/${tokens[0]}`, {
      overall: 1,
      usefulness: 1,
      recommend: "nej",
    });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe("evaluation_answered");
    expect((await api(t.app, "GET", `/api/evaluations/${tokens[0]}`)).json.evaluation.answered).toBe(true);
    const unknown = await api(t.app, "GET", "/api/evaluations/finns-inte-alls-1234567");
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.code).toBe("evaluation_not_found");
  });

  it("answers at the same time from one link: one is stored", async () => {
    const { tokens } = await heldWithInvites(1);
    const before = (await sql<{ n: number }>("SELECT count(*) AS n FROM evaluation_answers"))[0]!.n;
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        api(t.app, "POST", `/api/evaluations/${tokens[0]}`, { overall: 3, usefulness: 3, recommend: "vet-inte" }),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(4);
    expect(Number((await sql<{ n: number }>("SELECT count(*) AS n FROM evaluation_answers"))[0]!.n)).toBe(
      Number(before) + 1,
    );
  });

  it("stores nothing that leads back to a person", async () => {
    // The table's columns: the evaluation and the answers; no registration, token, name, address or time.
    const columns = getTableConfig(evaluationAnswers)
      .columns.map((c) => c.name)
      .sort();
    expect(columns).toEqual(["better", "evaluation_id", "extra", "good", "id", "overall", "recommend", "usefulness"]);
    // And the invitations hold no time of answering, only a flag.
    const inviteColumns = (await sql<{ name: string }>("PRAGMA table_info(evaluation_invites)"))
      .map((c) => c.name)
      .sort();
    expect(inviteColumns).toEqual([
      "answered",
      "evaluation_id",
      "id",
      "invited_at",
      "registration_id",
      "reminded_at",
      "token",
    ]);
    const rows = await sql<Record<string, unknown>>("SELECT * FROM evaluation_answers");
    const names = (
      await sql<{ name: string; email: string; manage_token: string }>(
        "SELECT name, email, manage_token FROM registrations",
      )
    ).flatMap((r) => [r.email, r.manage_token]);
    const tokens = (await sql<{ token: string }>("SELECT token FROM evaluation_invites")).map((r) => r.token);
    const text = JSON.stringify(rows);
    for (const s of [...names, ...tokens]) expect(text.includes(s), s).toBe(false);
  });
});

describe("results", () => {
  it("shows only counts below 3 answers, then averages, distributions and free texts as computed by hand", async () => {
    const { id, tokens } = await heldWithInvites(5, [
      { kind: "grade", text: "Hur var lokalen?" },
      { kind: "yesno", text: "Vill du ha en fortsättning?" },
      { kind: "text", text: "Något mer?" },
    ]);
    const form = (await api(t.app, "GET", `/api/evaluations/${tokens[0]}`)).json.evaluation;
    expect(form.questions.map((q: { kind: string }) => q.kind)).toEqual(["grade", "yesno", "text"]);
    const [room, more, other] = form.questions.map((q: { id: string }) => q.id);
    const answers = [
      {
        overall: 5,
        usefulness: 4,
        recommend: "ja",
        good: "Tydliga exempel",
        extra: { [room]: 4, [more]: "ja", [other]: "Tack" },
      },
      { overall: 4, usefulness: 4, recommend: "ja", better: "Längre pauser", extra: { [room]: 2, [more]: "nej" } },
    ];
    for (const [i, a] of answers.entries())
      expect((await api(t.app, "POST", `/api/evaluations/${tokens[i]}`, a)).status).toBe(201);
    const few = (await staffApi(t, office, "GET", `/api/office/evaluations/occasions/${id}`)).json.result;
    expect(few).toMatchObject({ invited: 5, answered: 2, shown: false });
    expect(
      few.questions.every((q: { average: unknown; texts: unknown }) => q.average === null && q.texts === null),
    ).toBe(true);
    expect(MIN_ANSWERS).toBe(3);

    const third = { overall: 2, usefulness: 3, recommend: "vet-inte", good: "Bra lärare", extra: { [room]: 3 } };
    const wrongExtra = await api(t.app, "POST", `/api/evaluations/${tokens[2]}`, {
      ...third,
      extra: { [room]: 9, okänd: "x" },
    });
    expect(wrongExtra.status).toBe(400);
    expect(Object.keys(wrongExtra.json.error.fields).sort()).toEqual([`extra.okänd`, `extra.${room}`].sort());
    expect((await api(t.app, "POST", `/api/evaluations/${tokens[2]}`, third)).status).toBe(201);

    const r = (await staffApi(t, office, "GET", `/api/office/evaluations/occasions/${id}`)).json.result;
    // By hand: overall 5, 4, 2 → 3.7; usefulness 4, 4, 3 → 3.7; recommend ja 2, nej 0, vet-inte 1;
    // the room 4, 2, 3 → 3.0; a follow-up ja 1, nej 1; response rate 3/5.
    expect(r).toMatchObject({ invited: 5, answered: 3, responseRate: 0.6, shown: true });
    const q = (qid: string) => r.questions.find((x: { id: string }) => x.id === qid);
    expect(q("overall")).toMatchObject({ average: 3.7, distribution: { 1: 0, 2: 1, 3: 0, 4: 1, 5: 1 }, answers: 3 });
    expect(q("usefulness")).toMatchObject({ average: 3.7, distribution: { 1: 0, 2: 0, 3: 1, 4: 2, 5: 0 } });
    expect(q("recommend").distribution).toEqual({ ja: 2, nej: 0, "vet-inte": 1 });
    expect(q("good").texts).toEqual(["Bra lärare", "Tydliga exempel"]);
    expect(q("better").texts).toEqual(["Längre pauser"]);
    expect(q(room)).toMatchObject({ text: "Hur var lokalen?", average: 3, answers: 3 });
    expect(q(more).distribution).toEqual({ ja: 1, nej: 1 });
    expect(q(other).texts).toEqual(["Tack"]);

    const year = (await staffApi(t, office, "GET", "/api/office/evaluations?year=2026")).json;
    expect(year.occasions.find((o: { occasionId: number }) => o.occasionId === id).result.answered).toBe(3);
    expect(year.total.answered).toBeGreaterThanOrEqual(3);
    expect(year.lastYear).toMatchObject({ invited: 0, answered: 0, responseRate: null });
    const leader = await staffToken(t, "leader");
    const refused = await staffApi(t, leader.token, "GET", `/api/leader/occasions/${id}/evaluation`);
    expect(refused.status).toBe(403);
    await sql("INSERT INTO occasion_leaders (occasion_id, user_id) VALUES (?, ?)", [id, leader.user.id]);
    const led = await staffApi(t, leader.token, "GET", `/api/leader/occasions/${id}/evaluation`);
    expect(led.json.result).toEqual(r);

    // The year export carries the same figures, read back with exceljs.
    const res = await t.app.request("/api/office/reports/year.xlsx?year=2026", {
      headers: { authorization: `Bearer ${office}` },
    });
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    const sheet = book.getWorksheet("Utvärderingar")!;
    const rows = sheet
      .getSheetValues()
      .filter(Boolean)
      .map((v) => (v as unknown[]).slice(1));
    expect(rows[0]).toEqual([
      "Utbildning eller tillfälle",
      "Datum",
      "Tillfrågade",
      "Svar",
      "Svarsfrekvens %",
      "Helhet (1–5)",
      "Nytta i arbetet (1–5)",
      "Rekommenderar, % ja",
    ]);
    const title = year.occasions.find((o: { occasionId: number }) => o.occasionId === id).title;
    expect(rows.find((row) => row[0] === title && row[3] === 3)).toEqual([
      title,
      expect.any(String),
      5,
      3,
      60,
      3.7,
      3.7,
      67,
    ]);
    // An occasion with fewer than three answers shows no figures in the export either.
    expect(rows.some((row) => row[5] === "för få svar")).toBe(true);
  });
});
