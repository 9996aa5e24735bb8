// The office plans occasions; people's calendars follow through the outbox.
import { eq, sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditLog, courses, occasionDays, occasions, registrations } from "../../db/schema.ts";
import type { Mailer } from "../../server/mail/mailer.ts";
import { smtpMailer } from "../../server/mail/smtp.ts";
import { readCalendar } from "../helpers/ical.ts";
import { parseIcs } from "../helpers/ics.ts";
import { startSmtp, type TestSmtp } from "../helpers/smtp.ts";
import { api, createTestContext, person, staffApi, staffToken, type TestContext } from "../helpers/test-db.ts";

let t: TestContext;
let office: string;
let courseId: number;
let smtp: TestSmtp;
let mailer: Mailer;
beforeAll(async () => {
  // "Today" is early March 2026, so the last week of March is ahead.
  t = await createTestContext({ now: new Date("2026-03-02T08:00:00Z") });
  office = (await staffToken(t, "office")).token;
  const [c] = await t.handle.db.select().from(courses).where(eq(courses.organiserId, t.organiserId));
  courseId = c!.id;
  smtp = await startSmtp();
  mailer = smtpMailer(smtp.url);
});
afterAll(async () => {
  mailer.close?.();
  await smtp.close();
  await t.close();
});
beforeEach(() => {
  smtp.messages.length = 0;
});

const baseOccasion = (over: Record<string, unknown> = {}) => ({
  courseId,
  days: [{ start: "2026-03-27T09:00", end: "2026-03-27T16:00" }],
  online: false,
  venue: "Folkets Hus Varberg",
  address: "Västra Vallgatan 9, Varberg",
  capacity: 3,
  status: "published",
  ...over,
});
const create = (body: unknown) => staffApi(t, office, "POST", "/api/office/occasions", body);
const mailsTo = (email: string) => smtp.messages.filter((m) => (m.parsed.to as { text: string }).text === email);
const icsOf = (m: { parsed: { attachments: { contentType: string; content: Buffer }[] } }) =>
  parseIcs(m.parsed.attachments.find((a) => a.contentType === "text/calendar")!.content.toString("utf8"));

describe("creating occasions", () => {
  it("takes Stockholm wall-clock times, right on both sides of the daylight-saving change", async () => {
    const res = await create(
      baseOccasion({
        days: [
          { start: "2026-03-27T09:00", end: "2026-03-27T16:00" }, // Friday, winter time (UTC+1)
          { start: "2026-03-30T09:00", end: "2026-03-30T16:00" }, // Monday, summer time (UTC+2)
        ],
      }),
    );
    expect(res.status).toBe(201);
    expect(res.json.occasion.days.map(({ id: _id, ...d }: { id: number }) => d)).toEqual([
      { startsAt: "2026-03-27T08:00:00.000Z", endsAt: "2026-03-27T15:00:00.000Z", breakMinutes: 0 },
      { startsAt: "2026-03-30T07:00:00.000Z", endsAt: "2026-03-30T14:00:00.000Z", breakMinutes: 0 },
    ]);
    // A registrant's invitation says 09.00 local on both days, i.e. these UTC times.
    const reg = await api(
      t.app,
      "POST",
      `/api/occasions/${res.json.occasion.id}/registrations`,
      person({ email: "dst@example.se" }),
    );
    await t.drain(mailer);
    await smtp.waitFor(2);
    // One calendar message per day (decision 013): each mail holds its own day.
    const ics = mailsTo("dst@example.se").map(icsOf);
    expect(ics.map((c) => c.events.length)).toEqual([1, 1]);
    expect(ics.flatMap((c) => c.events.map((e) => e.get("DTSTART")))).toEqual(["20260327T080000Z", "20260330T070000Z"]);
    expect(reg.status).toBe(201);
  });

  it("answers each broken rule at its field in Swedish and writes nothing", async () => {
    const before = (await t.handle.db.select().from(occasions)).length;
    const cases: [Record<string, unknown>, string][] = [
      [{ days: [{ start: "2026-03-27T16:00", end: "2026-03-27T09:00" }] }, "days.0.end"],
      [{ capacity: 0 }, "capacity"],
      [{ capacity: -5 }, "capacity"],
      [{ days: [{ start: "2062-03-27T09:00", end: "2062-03-27T16:00" }] }, "days.0.start"],
      [{ days: [{ start: "2026-02-30T09:00", end: "2026-02-30T16:00" }] }, "days.0.start"],
      [{ registrationClosesAt: "2026-03-28T12:00" }, "registrationClosesAt"],
      [{ registrationOpensAt: "2026-03-20T12:00", registrationClosesAt: "2026-03-10T12:00" }, "registrationOpensAt"],
      [{ leaderIds: [987654] }, "leaderIds"],
      [{ courseId: 987654 }, "courseId"],
      [{ online: true, venue: null }, "meetingUrl"],
      [{ days: [] }, "days"],
      // Found by the office form: an empty or date-only time crashed the check (500).
      [{ days: [{ start: "", end: "2026-03-27T16:00" }] }, "days.0.start"],
      [{ days: [{ start: "2026-03-27", end: "2026-03-27T16:00" }] }, "days.0.start"],
      [{ registrationClosesAt: "" }, "registrationClosesAt"],
    ];
    for (const [over, field] of cases) {
      const res = await create(baseOccasion(over));
      expect(res.status, JSON.stringify(over)).toBe(400);
      expect(
        res.json.error.fields?.[field],
        `${JSON.stringify(over)} → ${JSON.stringify(res.json.error.fields)}`,
      ).toMatch(/[a-zåäö]/i);
    }
    expect((await t.handle.db.select().from(occasions)).length).toBe(before);
  });
});

describe("courses", () => {
  it("are of one of the organiser's course types and have default leaders; new occasions get those leaders", async () => {
    const leader = await staffToken(t, "leader");
    const staff = await staffApi(t, office, "GET", "/api/office/staff");
    expect(staff.json.staff.map((u: { id: number }) => u.id)).toContain(leader.user.id);
    const created = await staffApi(t, office, "POST", "/api/office/courses", {
      title: "Handledarutbildning, Laholm",
      courseType: "handledarutbildning",
      responsiblePartyCode: "af",
      defaultLeaderIds: [leader.user.id],
      reminderDaysBefore: 3,
    });
    expect(created.status).toBe(201);
    expect(created.json.course).toMatchObject({
      courseType: "handledarutbildning",
      defaultLeaderIds: [leader.user.id],
      reminderDaysBefore: 3,
    });
    // The old per-course goals setting is gone: goals are the year's (GET /api/office/goals).
    expect(created.json.course.goals).toBeUndefined();
    const occ = await create(baseOccasion({ courseId: created.json.course.id }));
    expect(occ.json.occasion.leaderIds).toEqual([leader.user.id]);
    const none = await create(baseOccasion({ courseId: created.json.course.id, leaderIds: [] }));
    expect(none.json.occasion.leaderIds).toEqual([]);

    const patched = await staffApi(t, office, "PATCH", `/api/office/courses/${created.json.course.id}`, {
      reminderDaysBefore: 0,
    });
    expect(patched.json.course).toMatchObject({ reminderDaysBefore: 0, title: "Handledarutbildning, Laholm" });
    // A type the organiser does not have is refused, with nothing written.
    const bad = await staffApi(t, office, "PATCH", `/api/office/courses/${created.json.course.id}`, {
      courseType: "vinst",
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.fields.courseType).toBe("Välj en kurstyp i listan.");
    // The office adds a type of its own, and a course can then be of it.
    const type = await staffApi(t, office, "POST", "/api/office/course-types", { name: "Samverkansutbildning" });
    expect(type.status).toBe(201);
    expect(type.json.courseType).toEqual({ code: "samverkansutbildning", name: "Samverkansutbildning" });
    const retyped = await staffApi(t, office, "PATCH", `/api/office/courses/${created.json.course.id}`, {
      courseType: "samverkansutbildning",
    });
    expect(retyped.json.course.courseType).toBe("samverkansutbildning");
    const renamed = await staffApi(t, office, "PATCH", "/api/office/course-types/samverkansutbildning", {
      name: "Samverkansutbildning för chefer",
    });
    expect(renamed.json.courseType).toEqual({ code: "samverkansutbildning", name: "Samverkansutbildning för chefer" });
    const types = await api(t.app, "GET", "/api/course-types");
    expect(types.json.courseTypes.map((x: { code: string }) => x.code)).toEqual([
      "forsakringsmedicin",
      "handledarutbildning",
      "fordjupning",
      "bip-skapa",
      "sgi0",
      "parterna-berattar",
      "temadag",
      "samverkansutbildning",
    ]);
    expect(types.json.courseTypes.at(-1).name).toBe("Samverkansutbildning för chefer");
    const again = await staffApi(t, office, "POST", "/api/office/course-types", {
      name: "samverkansutbildning för chefer",
    });
    expect(again.status).toBe(409);
    const unknownLeader = await staffApi(t, office, "PATCH", `/api/office/courses/${created.json.course.id}`, {
      defaultLeaderIds: [987654],
    });
    expect(unknownLeader.json.error.fields.defaultLeaderIds).toContain("Okänd kursledare");
    const log = await staffApi(t, office, "GET", "/api/office/audit");
    expect(log.json.entries.some((e: { action: string }) => e.action === "course.update")).toBe(true);
  });
});

describe("whatever the office form sends", () => {
  it("never gets a 5xx and never half a write", async () => {
    const before = (await t.handle.db.select().from(occasions)).length;
    let created = 0;
    const text = fc.oneof(
      fc.string(),
      fc.constantFrom("", "2026-03-12", "2026-03-12T09:00", "2026-13-40T25:61", "T", "2026-03-12T"),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            courseId: fc.oneof(fc.constant(courseId), fc.integer(), fc.string()),
            days: fc.oneof(
              fc.array(fc.record({ start: text, end: text }), { maxLength: 3 }),
              fc.string(),
              fc.constant(null),
            ),
            online: fc.oneof(fc.boolean(), fc.string()),
            venue: fc.oneof(fc.string(), fc.constant(null)),
            meetingUrl: fc.oneof(fc.string(), fc.constant("https://teams.example.se/x")),
            capacity: fc.oneof(fc.integer({ min: -5, max: 50 }), fc.string(), fc.double()),
            registrationClosesAt: fc.oneof(text, fc.constant(null)),
            cancelUntil: fc.oneof(text, fc.constant(null)),
            status: fc.constantFrom("draft", "published", "x"),
          },
          { requiredKeys: [] },
        ),
        async (body) => {
          const res = await create(body);
          expect(res.status, JSON.stringify(body)).toBeLessThan(500);
          if (res.status === 201) created++;
        },
      ),
      { numRuns: 150 },
    );
    expect((await t.handle.db.select().from(occasions)).length).toBe(before + created);
  });
});

describe("writes that are one or nothing", () => {
  it("takes a leader ticked twice as one leader, and every occasion it creates has its days", async () => {
    const leader = (await staffToken(t, "leader")).user;
    const res = await create(baseOccasion({ leaderIds: [leader.id, leader.id] }));
    expect(res.status).toBe(201);
    expect(res.json.occasion.leaderIds).toEqual([leader.id]);
    const orphans = await t.handle.db.all(
      sql`SELECT o.id FROM occasions o WHERE NOT EXISTS (SELECT 1 FROM occasion_days d WHERE d.occasion_id = o.id)`,
    );
    expect(orphans).toEqual([]);
  });

  it("an empty change of a course answers with the course as it is and writes nothing", async () => {
    const audits = (await t.handle.db.select().from(auditLog)).length;
    const [before] = await t.handle.db.select().from(courses).where(eq(courses.id, courseId));
    const res = await staffApi(t, office, "PATCH", `/api/office/courses/${courseId}`, {});
    expect(res.status).toBe(200);
    expect(res.json.course.title).toBe(before!.title);
    expect((await t.handle.db.select().from(auditLog)).length).toBe(audits);
    const notJson = await staffApi(t, office, "PATCH", `/api/office/courses/${courseId}`, "inte json");
    expect(notJson.status).toBe(400);
    expect(notJson.json.error.code).toBe("malformed_json");
  });
});

describe("an occasion that has begun or is over", () => {
  it("cannot be cancelled once over, nor have a day that has begun changed or cancelled; the days ahead can", async () => {
    const saved = t.now.value;
    try {
      const days = [
        { start: "2026-05-04T09:00", end: "2026-05-04T16:00" },
        { start: "2026-05-11T09:00", end: "2026-05-11T16:00" },
      ];
      const id = (await create(baseOccasion({ days }))).json.occasion.id;
      const shown = (await staffApi(t, office, "GET", `/api/office/occasions/${id}`)).json.occasion.days as {
        id: number;
      }[];
      // Day 1 is over, day 2 ahead.
      t.now.value = new Date("2026-05-06T10:00:00Z");
      const moveDay1 = await staffApi(t, office, "PATCH", `/api/office/occasions/${id}`, {
        days: [
          { id: shown[0]!.id, start: "2026-05-05T09:00", end: "2026-05-05T16:00" },
          { id: shown[1]!.id, ...days[1] },
        ],
      });
      expect(moveDay1.status).toBe(409);
      expect(moveDay1.json.error).toMatchObject({
        code: "day_started",
        message:
          "Dag 1 (mån 4 maj 2026, 09.00–16.00) har redan börjat och kan inte ändras eller ställas in. Närvaron rättar du i närvarolistan.",
      });
      const dropDay1 = await staffApi(t, office, "PATCH", `/api/office/occasions/${id}`, {
        days: [{ id: shown[1]!.id, ...days[1] }],
      });
      expect(dropDay1.json.error.code).toBe("day_started");
      const moveDay2 = await staffApi(t, office, "PATCH", `/api/office/occasions/${id}`, {
        days: [
          { id: shown[0]!.id, ...days[0] },
          { id: shown[1]!.id, start: "2026-05-12T09:00", end: "2026-05-12T16:00" },
        ],
      });
      expect(moveDay2.status).toBe(200);
      // Over: no cancelling (and no mail to everyone) twelve days later.
      t.now.value = new Date("2026-05-24T10:00:00Z");
      const cancel = await staffApi(t, office, "POST", `/api/office/occasions/${id}/cancel`, { message: null });
      expect(cancel.status).toBe(409);
      expect(cancel.json.error.code).toBe("occasion_over");
      const [row] = await t.handle.db.select().from(occasions).where(eq(occasions.id, id));
      expect(row!.status).toBe("published");
    } finally {
      t.now.value = saved;
    }
  });
});

describe("changing occasions", () => {
  it("moves every confirmed person's meeting: same UID, higher SEQUENCE, new time, a 'what changed' line", async () => {
    const created = await create(baseOccasion({ capacity: 2 }));
    const id = created.json.occasion.id;
    await api(t.app, "POST", `/api/occasions/${id}/registrations`, person({ email: "flytt.a@example.se" }));
    await api(t.app, "POST", `/api/occasions/${id}/registrations`, person({ email: "flytt.b@example.se" }));
    await api(t.app, "POST", `/api/occasions/${id}/registrations`, person({ email: "flytt.vantar@example.se" }));
    await t.drain(mailer);
    await smtp.waitFor(3);
    const first = icsOf(mailsTo("flytt.a@example.se")[0]!);
    smtp.messages.length = 0;

    const moved = await staffApi(t, office, "PATCH", `/api/office/occasions/${id}`, {
      days: [{ start: "2026-03-31T10:00", end: "2026-03-31T15:00" }],
      venue: "Storgatan 6",
      address: "Storgatan 6, Halmstad",
    });
    expect(moved.status).toBe(200);
    expect(moved.json.notified).toBe(2);
    await t.drain(mailer);
    await smtp.waitFor(2);
    expect(mailsTo("flytt.vantar@example.se")).toHaveLength(0);
    const m = mailsTo("flytt.a@example.se")[0]!;
    expect(m.parsed.subject).toMatch(/^Ändrat: /);
    expect(m.parsed.text).toContain("Ny tid: tis 31 mars 2026, 10.00–15.00 (tidigare fre 27 mars 2026, 09.00–16.00).");
    expect(m.parsed.text).toContain("Ny plats: Storgatan 6, Storgatan 6, Halmstad");
    expect(m.raw).toMatch(/text\/calendar;[^\r\n]*method=REQUEST/i);
    const after = icsOf(m);
    expect(after.method).toBe("REQUEST");
    expect(after.events[0]!.get("UID")).toBe(first.events[0]!.get("UID"));
    expect(Number(after.events[0]!.get("SEQUENCE"))).toBeGreaterThan(Number(first.events[0]!.get("SEQUENCE")));
    expect(after.events[0]!.get("DTSTART")).toBe("20260331T080000Z");
  });

  it("a two-day occasion: one calendar message per day on confirmation; a move of day 2 sends day 2 only, a new venue every day; cancellation every day", async () => {
    const days = [
      { start: "2026-03-24T09:00", end: "2026-03-24T16:00" },
      { start: "2026-03-25T09:00", end: "2026-03-25T12:00" },
    ];
    const id = (await create(baseOccasion({ capacity: 1, days }))).json.occasion.id;
    await api(t.app, "POST", `/api/occasions/${id}/registrations`, person({ email: "tva.dagar@example.se" }));
    await api(t.app, "POST", `/api/occasions/${id}/registrations`, person({ email: "tva.vantar@example.se" }));
    await t.drain(mailer);
    await smtp.waitFor(3);
    const uids = (await t.handle.db.select().from(occasionDays).where(eq(occasionDays.occasionId, id)))
      .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
      .map((d) => d.uid);
    const calendars = (email: string) =>
      mailsTo(email).map((m) => {
        const part = m.parsed.attachments.find((a) => a.contentType === "text/calendar");
        return part ? readCalendar(part.content.toString("utf8")) : null;
      });
    const confirmed = calendars("tva.dagar@example.se");
    expect(mailsTo("tva.dagar@example.se").map((m) => m.parsed.subject!.split(":")[0])).toEqual([
      "Bekräftelse",
      "Kalenderinbjudan",
    ]);
    expect(confirmed.map((c) => c!.events.map((e) => e.uid))).toEqual([[uids[0]], [uids[1]]]);
    expect(confirmed.map((c) => c!.method)).toEqual(["REQUEST", "REQUEST"]);
    expect(calendars("tva.vantar@example.se")).toEqual([null]);
    smtp.messages.length = 0;

    // The office moves day 2. Only day 2 is sent again: one message, a REQUEST for day 2's
    // UID, with the new time and a higher SEQUENCE; day 1 is left alone.
    const moved = await staffApi(t, office, "PATCH", `/api/office/occasions/${id}`, {
      days: [days[0], { start: "2026-03-26T13:00", end: "2026-03-26T16:00" }],
    });
    expect(moved.status).toBe(200);
    expect((await t.drain(mailer)).sent).toBe(1);
    await smtp.waitFor(1);
    expect(mailsTo("tva.vantar@example.se")).toHaveLength(0);
    const movedMails = mailsTo("tva.dagar@example.se");
    expect(movedMails.map((m) => m.parsed.subject!.split(":")[0])).toEqual(["Ändrat"]);
    expect(movedMails[0]!.parsed.text).toContain(
      "Det här mejlet uppdaterar dag 2 i din kalender. Övriga dagar är oförändrade.",
    );
    expect(movedMails[0]!.raw).toMatch(/text\/calendar;[^\r\n]*method=REQUEST/i);
    const changed = calendars("tva.dagar@example.se");
    expect(changed.map((c) => c!.method)).toEqual(["REQUEST"]);
    expect(changed.map((c) => c!.events.map((e) => e.uid))).toEqual([[uids[1]]]);
    expect(changed[0]!.events[0]!.start).toBe("2026-03-26T12:00:00.000Z");
    expect(changed[0]!.events[0]!.sequence).toBeGreaterThan(confirmed[1]!.events[0]!.sequence);
    expect(changed[0]!.events[0]!.sequence).toBe(1);
    smtp.messages.length = 0;

    // The office changes the venue: that touches every day, so both are sent, each in its
    // own message, with the next SEQUENCE.
    const venue = await staffApi(t, office, "PATCH", `/api/office/occasions/${id}`, {
      venue: "Komedianten",
      address: "Kungsgatan 18, Varberg",
    });
    expect(venue.status).toBe(200);
    expect((await t.drain(mailer)).sent).toBe(2);
    await smtp.waitFor(2);
    expect(mailsTo("tva.vantar@example.se")).toHaveLength(0);
    expect(mailsTo("tva.dagar@example.se").map((m) => m.parsed.subject!.split(":")[0])).toEqual([
      "Ändrat",
      "Kalenderinbjudan",
    ]);
    const placed = calendars("tva.dagar@example.se");
    expect(placed.map((c) => c!.method)).toEqual(["REQUEST", "REQUEST"]);
    expect(placed.map((c) => c!.events.map((e) => e.uid))).toEqual([[uids[0]], [uids[1]]]);
    expect(placed.map((c) => c!.events[0]!.start)).toEqual(["2026-03-24T08:00:00.000Z", "2026-03-26T12:00:00.000Z"]);
    expect(placed.map((c) => c!.events[0]!.sequence)).toEqual([2, 2]);
    smtp.messages.length = 0;

    // Cancelled: two CANCELs to the confirmed person, one plain mail to the waiting one.
    const cancelled = await staffApi(t, office, "POST", `/api/office/occasions/${id}/cancel`, { message: null });
    expect(cancelled.status).toBe(200);
    expect(cancelled.json.notified).toBe(2);
    await t.drain(mailer);
    await smtp.waitFor(3);
    expect(mailsTo("tva.dagar@example.se").map((m) => m.parsed.subject!.split(":")[0])).toEqual([
      "Inställt",
      "Inställt i kalendern",
    ]);
    const gone = calendars("tva.dagar@example.se");
    expect(gone.map((c) => c!.method)).toEqual(["CANCEL", "CANCEL"]);
    expect(gone.map((c) => c!.events.map((e) => e.uid))).toEqual([[uids[0]], [uids[1]]]);
    expect(gone.map((c) => c!.events[0]!.status)).toEqual(["CANCELLED", "CANCELLED"]);
    expect(gone.map((c) => c!.events[0]!.sequence)).toEqual([3, 3]);
    expect(calendars("tva.vantar@example.se")).toEqual([null]);
  });

  it("cancelling one day of an occasion with confirmed people sends a CANCEL for that day only; adding one a REQUEST for the new day only", async () => {
    const days = [
      { start: "2026-03-24T09:00", end: "2026-03-24T16:00" },
      { start: "2026-03-25T09:00", end: "2026-03-25T12:00" },
      { start: "2026-03-26T09:00", end: "2026-03-26T12:00" },
    ];
    const id = (await create(baseOccasion({ capacity: 2, days }))).json.occasion.id;
    await api(t.app, "POST", `/api/occasions/${id}/registrations`, person({ email: "dag.av@example.se" }));
    expect((await t.drain(mailer)).sent).toBe(3);
    await smtp.waitFor(3);
    const dayRows = async () =>
      (await t.handle.db.select().from(occasionDays).where(eq(occasionDays.occasionId, id))).sort(
        (a, b) => a.startsAt.getTime() - b.startsAt.getTime(),
      );
    const uids = (await dayRows()).map((d) => d.uid);
    const calendars = () =>
      mailsTo("dag.av@example.se").map((m) =>
        readCalendar(m.parsed.attachments.find((a) => a.contentType === "text/calendar")!.content.toString("utf8")),
      );
    const lastSequence = Math.max(...calendars().flatMap((c) => c.events.map((e) => e.sequence)));
    smtp.messages.length = 0;

    // Day 2 is cancelled: one message, a CANCEL for day 2's UID, SEQUENCE above her last.
    const cut = await staffApi(t, office, "PATCH", `/api/office/occasions/${id}`, { days: [days[0], days[2]] });
    expect(cut.status).toBe(200);
    expect(cut.json.notified).toBe(1);
    expect((await t.drain(mailer)).sent).toBe(1);
    await smtp.waitFor(1);
    const cancelMail = mailsTo("dag.av@example.se")[0]!;
    expect(cancelMail.raw).toMatch(/text\/calendar;[^\r\n]*method=CANCEL/i);
    expect(cancelMail.parsed.subject).toMatch(/^Ändrat: /);
    expect(cancelMail.parsed.text).toContain(
      "Det här mejlet tar bort den inställda dagen ons 25 mars 2026, 09.00–12.00 från din kalender. Övriga dagar är oförändrade.",
    );
    const [gone] = calendars();
    expect(gone!.method).toBe("CANCEL");
    expect(gone!.events.map((e) => e.uid)).toEqual([uids[1]]);
    expect(gone!.events[0]!.status).toBe("CANCELLED");
    expect(gone!.events[0]!.sequence).toBeGreaterThan(lastSequence);
    // The occasion now has two days, the same two UIDs as before.
    const occasion = await staffApi(t, office, "GET", `/api/office/occasions/${id}`);
    expect(occasion.status).toBe(200);
    const rows = await dayRows();
    expect(rows.filter((d) => d.cancelledAt === null).map((d) => d.uid)).toEqual([uids[0], uids[2]]);
    const download = await api(
      t.app,
      "GET",
      `/api/registrations/${(await t.handle.db.select().from(registrations).where(eq(registrations.occasionId, id)))[0]!.manageToken}/invite.ics`,
    );
    expect(readCalendar(download.text).events.map((e) => e.uid)).toEqual([uids[0], uids[2]]);
    smtp.messages.length = 0;

    // A day is added: one message, a REQUEST for the new day only, SEQUENCE higher again.
    const added = { start: "2026-03-27T09:00", end: "2026-03-27T12:00" };
    const more = await staffApi(t, office, "PATCH", `/api/office/occasions/${id}`, { days: [days[0], days[2], added] });
    expect(more.status).toBe(200);
    expect((await t.drain(mailer)).sent).toBe(1);
    await smtp.waitFor(1);
    const [request] = calendars();
    const newUid = (await dayRows()).find(
      (d) => d.cancelledAt === null && d.startsAt.toISOString() === "2026-03-27T08:00:00.000Z",
    )!.uid;
    expect(uids).not.toContain(newUid);
    expect(request!.method).toBe("REQUEST");
    expect(request!.events.map((e) => e.uid)).toEqual([newUid]);
    expect(request!.events[0]!.start).toBe("2026-03-27T08:00:00.000Z");
    expect(request!.events[0]!.sequence).toBeGreaterThan(gone!.events[0]!.sequence);
  });

  it("one change that cancels day 2 and moves day 3 cancels day 2's meeting and moves day 3's, and the mail names each day; with the form's day ids or without ids", async () => {
    for (const withIds of [true, false]) {
      const days = [
        { start: "2026-04-14T09:00", end: "2026-04-14T16:00" },
        { start: "2026-04-15T09:00", end: "2026-04-15T12:00" },
        { start: "2026-04-22T09:00", end: "2026-04-22T12:00" },
      ];
      const id = (await create(baseOccasion({ capacity: 2, days }))).json.occasion.id;
      const email = withIds ? "flytt.med.id@example.se" : "flytt.utan.id@example.se";
      await api(t.app, "POST", `/api/occasions/${id}/registrations`, person({ email }));
      await t.drain(mailer);
      await smtp.waitFor(3);
      const shown = (await staffApi(t, office, "GET", `/api/office/occasions/${id}`)).json.occasion.days as {
        id: number;
      }[];
      const rows = (await t.handle.db.select().from(occasionDays).where(eq(occasionDays.occasionId, id))).sort(
        (a, b) => a.startsAt.getTime() - b.startsAt.getTime(),
      );
      expect(shown.map((d) => d.id)).toEqual(rows.map((r) => r.id));
      smtp.messages.length = 0;

      // Day 2 out, day 3 a day later (23 April, 13–16).
      const moved = { start: "2026-04-23T13:00", end: "2026-04-23T16:00" };
      const body = withIds
        ? [
            { id: rows[0]!.id, ...days[0] },
            { id: rows[2]!.id, ...moved },
          ]
        : [days[0], moved];
      const res = await staffApi(t, office, "PATCH", `/api/office/occasions/${id}`, { days: body });
      expect(res.status).toBe(200);
      expect((await t.drain(mailer)).sent).toBe(2);
      await smtp.waitFor(2);
      const mails = mailsTo(email);
      const cals = mails.map((m) =>
        readCalendar(m.parsed.attachments.find((a) => a.contentType === "text/calendar")!.content.toString("utf8")),
      );
      // Day 1 is untouched; day 2's UID gets a CANCEL, day 3's UID a REQUEST at the new time.
      expect(cals.map((c) => [c.method, c.events[0]!.uid]).sort()).toEqual(
        [
          ["CANCEL", rows[1]!.uid],
          ["REQUEST", rows[2]!.uid],
        ].sort(),
      );
      expect(cals.find((c) => c.method === "REQUEST")!.events[0]!.start).toBe("2026-04-23T11:00:00.000Z");
      const main = mails.find((m) => /^Ändrat: /.test(m.parsed.subject!))!;
      expect(main.parsed.text).toContain(
        "Dag 2 har ny tid: tors 23 april 2026, 13.00–16.00 (tidigare ons 22 april 2026, 09.00–12.00).",
      );
      expect(main.parsed.text).toContain("Inställd dag: ons 15 april 2026, 09.00–12.00.");
    }
  });

  it("refuses a day id that is not one of the occasion's days, and writes nothing", async () => {
    const id = (await create(baseOccasion({ capacity: 2 }))).json.occasion.id;
    const other = (await create(baseOccasion({ capacity: 2 }))).json.occasion;
    const before = await t.handle.db.select().from(occasionDays).where(eq(occasionDays.occasionId, id));
    const res = await staffApi(t, office, "PATCH", `/api/office/occasions/${id}`, {
      days: [{ id: other.days[0].id, start: "2026-04-14T09:00", end: "2026-04-14T12:00" }],
    });
    expect(res.status).toBe(400);
    expect(res.json.error.fields["days.0"]).toBe(
      "Dagen finns inte (längre) i tillfället. Ladda om sidan och försök igen.",
    );
    expect(await t.handle.db.select().from(occasionDays).where(eq(occasionDays.occasionId, id))).toEqual(before);
  });

  it("raising capacity moves the waiting list up at once; lowering below the confirmed count is refused", async () => {
    const id = (await create(baseOccasion({ capacity: 1 }))).json.occasion.id;
    const regs = [];
    for (const e of ["cap.1@example.se", "cap.2@example.se", "cap.3@example.se"]) {
      regs.push(
        (await api(t.app, "POST", `/api/occasions/${id}/registrations`, person({ email: e }))).json.registration,
      );
    }
    await t.drain(mailer);
    smtp.messages.length = 0;
    const raised = await staffApi(t, office, "PATCH", `/api/office/occasions/${id}`, { capacity: 2 });
    expect(raised.status).toBe(200);
    expect(raised.json.occasion).toMatchObject({ confirmed: 2, waitlisted: 1, capacity: 2 });
    expect((await api(t.app, "GET", `/api/registrations/${regs[1].manageToken}`)).json.registration.status).toBe(
      "confirmed",
    );
    await t.drain(mailer);
    await smtp.waitFor(1);
    expect(mailsTo("cap.2@example.se")[0]!.parsed.subject).toMatch(/^Du har fått en plats/);

    const lowered = await staffApi(t, office, "PATCH", `/api/office/occasions/${id}`, { capacity: 1 });
    expect(lowered.status).toBe(409);
    expect(lowered.json.error.code).toBe("capacity_below_confirmed");
    expect(lowered.json.error.message).toContain("2 bekräftade");
    const [occ] = await t.handle.db.select().from(occasions).where(eq(occasions.id, id));
    expect(occ!.capacity).toBe(2);
  });

  it("cancelling sends METHOD:CANCEL to the confirmed and a mail to the waiting, with the office's message", async () => {
    const id = (
      await create(baseOccasion({ capacity: 1, days: [{ start: "2026-03-26T09:00", end: "2026-03-26T12:00" }] }))
    ).json.occasion.id;
    await api(t.app, "POST", `/api/occasions/${id}/registrations`, person({ email: "inst.a@example.se" }));
    await api(t.app, "POST", `/api/occasions/${id}/registrations`, person({ email: "inst.b@example.se" }));
    await t.drain(mailer);
    await smtp.waitFor(2);
    const uid = icsOf(mailsTo("inst.a@example.se")[0]!).events[0]!.get("UID");
    smtp.messages.length = 0;
    const res = await staffApi(t, office, "POST", `/api/office/occasions/${id}/cancel`, {
      message: "Föreläsaren är sjuk.",
    });
    expect(res.status).toBe(200);
    expect(res.json.notified).toBe(2);
    expect(res.json.occasion.status).toBe("cancelled");
    await t.drain(mailer);
    await smtp.waitFor(2);
    const a = mailsTo("inst.a@example.se")[0]!;
    expect(a.parsed.subject).toMatch(/^Inställt: /);
    expect(a.parsed.text).toContain("Föreläsaren är sjuk.");
    const cancel = icsOf(a);
    expect(cancel.method).toBe("CANCEL");
    expect(cancel.events[0]!.get("UID")).toBe(uid);
    const b = mailsTo("inst.b@example.se")[0]!;
    expect(b.parsed.text).toContain("väntelistan");
    expect(b.raw).not.toMatch(/text\/calendar/i);
    // Public page says so, and registering is refused.
    expect((await api(t.app, "GET", `/api/occasions/${id}`)).json.occasion.cancelled).toBe(true);
    expect((await api(t.app, "POST", `/api/occasions/${id}/registrations`, person())).json.error.code).toBe(
      "occasion_cancelled",
    );
  });

  it("copies an occasion to a new date as a draft with the same wall-clock times and new UIDs", async () => {
    const id = (
      await create(
        baseOccasion({
          days: [
            { start: "2026-03-19T09:00", end: "2026-03-19T16:00" },
            { start: "2026-03-26T09:00", end: "2026-03-26T12:00" },
          ],
        }),
      )
    ).json.occasion.id;
    const copy = await staffApi(t, office, "POST", `/api/office/occasions/${id}/copy`, { firstDay: "2026-09-17" });
    expect(copy.status).toBe(201);
    expect(copy.json.occasion.status).toBe("draft");
    // September is summer time: 09.00 local is 07.00 UTC.
    expect(copy.json.occasion.days.map(({ id: _id, ...d }: { id: number }) => d)).toEqual([
      { startsAt: "2026-09-17T07:00:00.000Z", endsAt: "2026-09-17T14:00:00.000Z", breakMinutes: 0 },
      { startsAt: "2026-09-24T07:00:00.000Z", endsAt: "2026-09-24T10:00:00.000Z", breakMinutes: 0 },
    ]);
    const uids = async (occ: number) =>
      (await t.handle.db.select().from(occasionDays).where(eq(occasionDays.occasionId, occ))).map((d) => d.uid);
    const [a, b] = [await uids(id), await uids(copy.json.occasion.id)];
    expect(a.filter((u) => b.includes(u))).toEqual([]);
    expect((await api(t.app, "GET", `/api/occasions/${copy.json.occasion.id}`)).status).toBe(404);
  });

  it("writes who changed what, before and after, to the audit log the office can read", async () => {
    const id = (await create(baseOccasion({ capacity: 4 }))).json.occasion.id;
    await staffApi(t, office, "PATCH", `/api/office/occasions/${id}`, { capacity: 6 });
    const log = await staffApi(t, office, "GET", "/api/office/audit");
    const entry = log.json.entries.find(
      (e: { action: string; entityId: number }) => e.action === "occasion.update" && e.entityId === id,
    );
    expect(entry.before.capacity).toBe(4);
    expect(entry.after.capacity).toBe(6);
    expect(entry.userId).toBeTypeOf("number");
    const rows = await t.handle.db.select().from(auditLog).where(eq(auditLog.entityId, id));
    expect(rows.map((r) => r.action).sort()).toEqual(["occasion.create", "occasion.update"]);
  });

  it("lists the participants of an occasion for the office", async () => {
    const id = (await create(baseOccasion({ capacity: 1 }))).json.occasion.id;
    await api(
      t.app,
      "POST",
      `/api/occasions/${id}/registrations`,
      person({ name: "Ida Holm", email: "ida.holm@example.se" }),
    );
    await api(
      t.app,
      "POST",
      `/api/occasions/${id}/registrations`,
      person({ name: "Per Lund", email: "per.lund@example.se" }),
    );
    const res = await staffApi(t, office, "GET", `/api/office/occasions/${id}`);
    expect(
      res.json.registrations.map((r: { name: string; status: string; waitlistPosition: number | null }) => [
        r.name,
        r.status,
        r.waitlistPosition,
      ]),
    ).toEqual([
      ["Ida Holm", "confirmed", null],
      ["Per Lund", "waitlisted", 1],
    ]);
    const rows = await t.handle.db.select().from(registrations).where(eq(registrations.occasionId, id));
    expect(rows).toHaveLength(2);
  });

  it("enforces the last day to cancel for people with a place, not for the waiting list", async () => {
    const id = (await create(baseOccasion({ capacity: 1, cancelUntil: "2026-03-20T23:59" }))).json.occasion.id;
    const a = await api(t.app, "POST", `/api/occasions/${id}/registrations`, person());
    const b = await api(t.app, "POST", `/api/occasions/${id}/registrations`, person());
    expect((await api(t.app, "GET", `/api/occasions/${id}`)).json.occasion.cancelUntil).toBe(
      "2026-03-20T22:59:00.000Z",
    );
    const saved = t.now.value;
    t.now.value = new Date("2026-03-21T08:00:00Z");
    try {
      const view = await api(t.app, "GET", `/api/registrations/${a.json.registration.manageToken}`);
      expect(view.json.registration.canCancel).toBe(false);
      const refused = await api(t.app, "DELETE", `/api/registrations/${a.json.registration.manageToken}`);
      expect(refused.status).toBe(409);
      expect(refused.json.error.code).toBe("cancel_deadline_passed");
      const left = await api(t.app, "DELETE", `/api/registrations/${b.json.registration.manageToken}`);
      expect(left.json.registration.status).toBe("cancelled");
    } finally {
      t.now.value = saved;
    }
    const late = await create(baseOccasion({ cancelUntil: "2026-03-28T10:00" }));
    expect(late.json.error.fields.cancelUntil).toContain("före första dagen");
  });
});
