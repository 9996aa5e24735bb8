// SEQUENCE never falls for a UID and a recipient (issue 9, decision 012). Calendars ignore an
// iTIP message whose SEQUENCE is below one they have already seen for the UID, so a REQUEST
// after a CANCEL must carry a higher one, whatever happened in between: cancel and register
// again, promotion, office changes of time, moves out of an occasion and back, a cancelled
// occasion. The mails are read as the recipient reads them, one calendar part at a time.
import { and, asc, eq, isNull, ne } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { occasionDays, occasions, registrations } from "../../db/schema.ts";
import { utcToLocal } from "../../server/domain/planning.ts";
import type { MailMessage } from "../../server/mail/mailer.ts";
import { readCalendar } from "../helpers/ical.ts";
import { parseIcs } from "../helpers/ics.ts";
import { api, createTestContext, person, staffApi, staffToken, type TestContext } from "../helpers/test-db.ts";

let t: TestContext;
let office: string;
beforeAll(async () => {
  t = await createTestContext();
  office = (await staffToken(t, "office")).token;
});
afterAll(() => t.close());

const DAY = 86_400_000;

interface Seen {
  method: string;
  sequence: number;
  subject: string;
}

/** Every calendar message each recipient got, per UID, in the order they were sent. */
class Calendars {
  readonly byRecipientAndUid = new Map<string, Seen[]>();
  private read = 0;

  /** Takes the mails sent since the last call; checks that no SEQUENCE falls. */
  take(sent: MailMessage[]) {
    for (const m of sent.slice(this.read)) {
      if (!m.calendar) continue;
      const ics = parseIcs(m.calendar.content);
      expect(ics.method).toBe(m.calendar.method);
      // One iTIP message, one UID (RFC 5546 3.2.2, decision 013): exactly one VEVENT, read
      // the same by an independent parser.
      expect(ics.events, m.subject).toHaveLength(1);
      const independent = readCalendar(m.calendar.content);
      expect(independent.method).toBe(m.calendar.method);
      expect(independent.events.map((e) => e.uid)).toEqual(ics.events.map((e) => e.get("UID")));
      for (const ev of ics.events) {
        const uid = ev.get("UID")!;
        const sequence = Number(ev.get("SEQUENCE"));
        expect(Number.isInteger(sequence)).toBe(true);
        const key = `${m.to.toLowerCase()} ${uid}`;
        const earlier = this.byRecipientAndUid.get(key) ?? [];
        for (const e of earlier) {
          expect(sequence, `${key}: ${m.subject} after ${e.subject}`).toBeGreaterThan(e.sequence);
        }
        this.byRecipientAndUid.set(key, [...earlier, { method: ics.method!, sequence, subject: m.subject }]);
      }
    }
    this.read = sent.length;
  }

  last(email: string, uid: string): Seen | undefined {
    return this.byRecipientAndUid.get(`${email.toLowerCase()} ${uid}`)?.at(-1);
  }

  all(email: string, uid: string): Seen[] {
    return this.byRecipientAndUid.get(`${email.toLowerCase()} ${uid}`) ?? [];
  }
}

async function uidsOf(occasionId: number) {
  const days = await t.handle.db
    .select()
    .from(occasionDays)
    .where(eq(occasionDays.occasionId, occasionId))
    .orderBy(asc(occasionDays.startsAt));
  return days.map((d) => d.uid);
}

async function activeRow(occasionId: number, email: string) {
  const [row] = await t.handle.db
    .select()
    .from(registrations)
    .where(
      and(
        eq(registrations.occasionId, occasionId),
        eq(registrations.emailKey, email.toLowerCase()),
        ne(registrations.status, "cancelled"),
      ),
    );
  return row ?? null;
}

async function rowsOf(occasionId: number, email: string) {
  return t.handle.db
    .select()
    .from(registrations)
    .where(and(eq(registrations.occasionId, occasionId), eq(registrations.emailKey, email.toLowerCase())))
    .orderBy(asc(registrations.id));
}

/** The days the occasion still has (not cancelled by the office), in order. */
async function activeDays(occasionId: number) {
  return t.handle.db
    .select()
    .from(occasionDays)
    .where(and(eq(occasionDays.occasionId, occasionId), isNull(occasionDays.cancelledAt)))
    .orderBy(asc(occasionDays.startsAt));
}

const shifted = (d: { id: number; startsAt: Date; endsAt: Date }, by: number) => ({
  start: utcToLocal(new Date(d.startsAt.getTime() + by)),
  end: utcToLocal(new Date(d.endsAt.getTime() + by)),
});

/** The office's PATCH of the days, with their ids as the form sends them; it tells everyone confirmed. */
const patchDays = (occasionId: number, days: { id?: number; start: string; end: string }[]) =>
  staffApi(t, office, "PATCH", `/api/office/occasions/${occasionId}`, { days });

/** Moves every day of the occasion one day later. */
async function moveADay(occasionId: number) {
  return patchDays(
    occasionId,
    (await activeDays(occasionId)).map((d) => ({ id: d.id, ...shifted(d, DAY) })),
  );
}

/** Cancels one day (the index-th, of those left), when more than one is left. */
async function cancelADay(occasionId: number, index: number) {
  const days = await activeDays(occasionId);
  if (days.length < 2) return null;
  return patchDays(
    occasionId,
    days.filter((_, i) => i !== index % days.length).map((d) => ({ id: d.id, ...shifted(d, 0) })),
  );
}

/** Adds a day a week after the last, up to three days. */
async function addADay(occasionId: number) {
  const days = await activeDays(occasionId);
  if (days.length >= 3) return null;
  return patchDays(occasionId, [...days.map((d) => ({ id: d.id, ...shifted(d, 0) })), shifted(days.at(-1)!, 7 * DAY)]);
}

/** For every person and occasion: the last calendar message for each day matches her state. */
async function checkStates(cal: Calendars, occasionIds: number[], emails: string[]) {
  for (const occasionId of occasionIds) {
    const [occasion] = await t.handle.db.select().from(occasions).where(eq(occasions.id, occasionId));
    // Every day ever: a day the office cancelled must have left her calendar too.
    const uids = await uidsOf(occasionId);
    const live = new Set((await activeDays(occasionId)).map((d) => d.uid));
    for (const email of emails) {
      const active = await activeRow(occasionId, email);
      const hasPlace = active?.status === "confirmed" && occasion!.status !== "cancelled";
      const rows = await rowsOf(occasionId, email);
      for (const uid of uids) {
        const last = cal.last(email, uid);
        if (hasPlace && live.has(uid)) {
          expect(last?.method, `${email} has a place on ${occasionId}`).toBe("REQUEST");
          // The personal page's invite.ics carries at least what she was last sent for the day
          // (a change that touched only other days raised her sequence without a mail for this one).
          expect(active!.inviteSequence).toBeGreaterThanOrEqual(last!.sequence);
        } else if (last) {
          expect(last.method, `${email} has no place on ${occasionId} day ${uid}`).toBe("CANCEL");
        }
        // The stored sequence of her newest registration is never below what she was sent.
        const newest = rows.at(-1);
        for (const seen of cal.all(email, uid)) expect(newest!.inviteSequence).toBeGreaterThanOrEqual(seen.sequence);
      }
    }
  }
}

describe("SEQUENCE per recipient and UID", () => {
  it("register → cancel → register again gives SEQUENCE 0, 1, 2 in the three mails, for the same UIDs", async () => {
    const id = await t.occasion({ capacity: 3, dayCount: 2 });
    const body = person({ email: "igen@example.se", name: "Ingrid Igen" });
    const first = await api(t.app, "POST", `/api/occasions/${id}/registrations`, body);
    expect(first.status).toBe(201);
    await api(t.app, "DELETE", `/api/registrations/${first.json.registration.manageToken}`);
    // Again, with the address written in another case: the same person.
    const again = await api(t.app, "POST", `/api/occasions/${id}/registrations`, { ...body, email: "Igen@Example.se" });
    expect(again.status).toBe(201);
    t.sent.length = 0;
    await t.drain();
    const mails = t.sent.filter((m) => m.to.toLowerCase() === "igen@example.se");
    // One calendar message per day: each change is its main mail (day 1) and a day-2 mail.
    expect(mails.map((m) => m.subject.split(":")[0])).toEqual([
      "Bekräftelse",
      "Kalenderinbjudan",
      "Avbokad",
      "Inställt i kalendern",
      "Bekräftelse",
      "Kalenderinbjudan",
    ]);
    const uids = await uidsOf(id);
    const calendars = mails.map((m) => readCalendar(m.calendar!.content));
    for (const c of calendars) expect(c.events).toHaveLength(1);
    expect(calendars.map((c) => c.method)).toEqual(["REQUEST", "REQUEST", "CANCEL", "CANCEL", "REQUEST", "REQUEST"]);
    expect(calendars.map((c) => c.events[0]!.uid)).toEqual([uids[0], uids[1], uids[0], uids[1], uids[0], uids[1]]);
    expect(calendars.map((c) => c.events[0]!.sequence)).toEqual([0, 0, 1, 1, 2, 2]);
    const invite = await api(t.app, "GET", `/api/registrations/${again.json.registration.manageToken}/invite.ics`);
    expect(parseIcs(invite.text).events.map((e) => e.get("SEQUENCE"))).toEqual(["2", "2"]);
  });

  it("moved out and back: the REQUEST on her return is above the CANCEL she got when she left", async () => {
    const a = await t.occasion({ capacity: 2 });
    const b = await t.occasion({ capacity: 2, inDays: 21 });
    const res = await api(
      t.app,
      "POST",
      `/api/occasions/${a}/registrations`,
      person({ email: "fram.och.tillbaka@example.se" }),
    );
    const there = await staffApi(t, office, "POST", `/api/office/registrations/${res.json.registration.id}/move`, {
      occasionId: b,
    });
    expect(there.status).toBe(200);
    // An office change of a while she is away: A's own sequence grows, hers waits.
    expect((await moveADay(a)).status).toBe(200);
    const back = await staffApi(t, office, "POST", `/api/office/registrations/${there.json.registration.id}/move`, {
      occasionId: a,
    });
    expect(back.status).toBe(200);
    t.sent.length = 0;
    await t.drain();
    const [uid] = await uidsOf(a);
    const onA = t.sent
      .filter((m) => m.to === "fram.och.tillbaka@example.se" && m.calendar?.content.includes(uid!))
      .map((m) => ({ method: m.calendar!.method, sequence: parseIcs(m.calendar!.content).events[0]!.get("SEQUENCE") }));
    // Confirmed at 0, moved out (CANCEL 1), back with max(A's sequence 1, 1 + 1) = 2.
    expect(onA).toEqual([
      { method: "REQUEST", sequence: "0" },
      { method: "CANCEL", sequence: "1" },
      { method: "REQUEST", sequence: "2" },
    ]);
  });

  it("never falls and always matches her state, over random registrations, cancellations, promotions, office changes, days cancelled and added, and moves", async () => {
    type Action =
      | { kind: "register"; who: number; on: number; upper: boolean }
      | { kind: "cancel"; who: number; on: number }
      | { kind: "cancel-first"; on: number }
      | { kind: "move-a-day"; on: number }
      | { kind: "cancel-a-day"; on: number; index: number }
      | { kind: "add-a-day"; on: number }
      | { kind: "move"; who: number; from: number }
      | { kind: "cancel-occasion"; on: number };
    const who = fc.nat(3);
    const on = fc.nat(1);
    const action: fc.Arbitrary<Action> = fc.oneof(
      { weight: 5, arbitrary: fc.record({ kind: fc.constant("register" as const), who, on, upper: fc.boolean() }) },
      { weight: 3, arbitrary: fc.record({ kind: fc.constant("cancel" as const), who, on }) },
      { weight: 2, arbitrary: fc.record({ kind: fc.constant("cancel-first" as const), on }) },
      { weight: 2, arbitrary: fc.record({ kind: fc.constant("move-a-day" as const), on }) },
      { weight: 2, arbitrary: fc.record({ kind: fc.constant("cancel-a-day" as const), on, index: fc.nat(2) }) },
      { weight: 2, arbitrary: fc.record({ kind: fc.constant("add-a-day" as const), on }) },
      { weight: 3, arbitrary: fc.record({ kind: fc.constant("move" as const), who, from: on }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant("cancel-occasion" as const), on }) },
    );
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 3, max: 4 }),
        fc.tuple(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 2 })),
        fc.array(action, { minLength: 1, maxLength: 16 }),
        async (people, [capA, capB], actions) => {
          run++;
          // Two occasions of the same course: one of one day, one of two.
          const ids = [
            await t.occasion({ capacity: capA }),
            await t.occasion({ capacity: capB, dayCount: 2, inDays: 20 }),
          ];
          const emails = Array.from({ length: people }, (_, i) => `sekvens.${run}.${i}@example.se`);
          const bodies = emails.map((email, i) => person({ email, name: `Person ${i} Sekvensdóttir` }));
          t.sent.length = 0;
          const cal = new Calendars();
          for (const a of actions) {
            const occasionId = ids["on" in a ? a.on : a.from]!;
            switch (a.kind) {
              case "register": {
                const body = bodies[a.who % people]!;
                const res = await api(t.app, "POST", `/api/occasions/${occasionId}/registrations`, {
                  ...body,
                  email: a.upper ? body.email.toUpperCase() : body.email,
                });
                expect([200, 201, 409]).toContain(res.status);
                break;
              }
              case "cancel": {
                const row = await activeRow(occasionId, emails[a.who % people]!);
                if (row) expect((await api(t.app, "DELETE", `/api/registrations/${row.manageToken}`)).status).toBe(200);
                break;
              }
              case "cancel-first": {
                // Someone ahead in line cancels: the first waiting is moved up.
                const [first] = await t.handle.db
                  .select()
                  .from(registrations)
                  .where(and(eq(registrations.occasionId, occasionId), eq(registrations.status, "confirmed")))
                  .orderBy(asc(registrations.id));
                if (first)
                  expect((await api(t.app, "DELETE", `/api/registrations/${first.manageToken}`)).status).toBe(200);
                break;
              }
              case "move-a-day":
                expect([200, 409]).toContain((await moveADay(occasionId)).status);
                break;
              case "cancel-a-day": {
                const res = await cancelADay(occasionId, a.index);
                if (res) expect([200, 409]).toContain(res.status);
                break;
              }
              case "add-a-day": {
                const res = await addADay(occasionId);
                if (res) expect([200, 409]).toContain(res.status);
                break;
              }
              case "move": {
                const row = await activeRow(occasionId, emails[a.who % people]!);
                const to = ids[1 - a.from]!;
                if (row)
                  expect([200, 409]).toContain(
                    (await staffApi(t, office, "POST", `/api/office/registrations/${row.id}/move`, { occasionId: to }))
                      .status,
                  );
                break;
              }
              case "cancel-occasion":
                expect(
                  (await staffApi(t, office, "POST", `/api/office/occasions/${occasionId}/cancel`, {})).status,
                ).toBe(200);
                break;
            }
            await t.drain();
            cal.take(t.sent);
            await checkStates(cal, ids, emails);
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe("a walk-in who had cancelled", () => {
  it("starts above the SEQUENCE of her cancelled place, so her later invitations are not ignored", async () => {
    const id = await t.occasion({ capacity: 3 });
    const email = "tillbaka.pa.plats@example.se";
    const reg = await api(t.app, "POST", `/api/occasions/${id}/registrations`, person({ email }));
    expect((await api(t.app, "DELETE", `/api/registrations/${reg.json.registration.manageToken}`)).status).toBe(200);
    const [day] = await t.handle.db.select().from(occasionDays).where(eq(occasionDays.occasionId, id));
    const walk = await staffApi(t, office, "POST", `/api/leader/occasions/${id}/days/${day!.id}/walk-ins`, {
      name: "Tillbaka På Plats",
      email,
      party: "fk",
      workplace: { name: "Försäkringskassan Halmstad", municipality: "Halmstad" },
    });
    expect(walk.status).toBe(201);
    const rows = await t.handle.db
      .select()
      .from(registrations)
      .where(eq(registrations.occasionId, id))
      .orderBy(asc(registrations.id));
    // Confirmed 0, cancelled 1 (the CANCEL she got), the walk-in starts at 2.
    expect(rows.map((r) => [r.status, r.inviteSequence])).toEqual([
      ["cancelled", 1],
      ["confirmed", 2],
    ]);
  });
});
