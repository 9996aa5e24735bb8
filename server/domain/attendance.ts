// Attendance on the day: per registration and day, marked by the course leader at the door,
// by the participant scanning the projector's code, or set for the rest when the day closes.
// Present and late count as attended; no mark is "unmarked", not absent.
import { and, asc, eq, gte, inArray, isNull, ne, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import {
  attendance,
  courses,
  occasionDays,
  occasionLeaders,
  occasions,
  registrations,
  workplaces,
  type OccasionDay,
} from "../../db/schema.ts";
import { AppError, notFound } from "./errors.ts";
import { contentHours } from "./format-time.ts";
import {
  countColumns,
  loadOccasion,
  occasionLocation,
  occasionTitle,
  toCountMap,
  type OccasionBundle,
} from "./occasions.ts";
import { unknownPartyError } from "./parties.ts";
import { emailKey, firstInviteSequenceSql, newToken, type RegistrationInput } from "./registration.ts";
import type { StaffUser } from "./staff.ts";
import { upsertWorkplaceStatement, workplaceIdSql } from "./workplaces.ts";

export const MARKS = ["present", "late", "excused", "absent"] as const;
export type Mark = (typeof MARKS)[number];
const ATTENDED = new Set<string>(["present", "late"]);

/** The occasion if this staff member may take its attendance: its leaders, or its organiser's office. */
export async function occasionForLeader(db: Db, staff: StaffUser, occasionId: number): Promise<OccasionBundle> {
  const bundle = await loadOccasion(db, occasionId);
  if (!bundle) throw notFound("Tillfället", "occasion_not_found");
  const forbidden = new AppError(403, "forbidden", "Du leder inte det här tillfället.");
  if (bundle.occasion.organiserId !== staff.organiserId) throw forbidden;
  if (staff.role !== "office") {
    const [lead] = await db
      .select()
      .from(occasionLeaders)
      .where(and(eq(occasionLeaders.occasionId, occasionId), eq(occasionLeaders.userId, staff.id)));
    if (!lead) throw forbidden;
  }
  return bundle;
}

function dayOf(bundle: OccasionBundle, dayId: number): OccasionDay {
  const day = bundle.days.find((d) => d.id === dayId);
  if (!day) throw notFound("Dagen", "day_not_found");
  return day;
}

/** Leaders may change a day's marks until `lockDays` after it ended; the office always. */
export function isLocked(staff: StaffUser, day: OccasionDay, lockDays: number, now: Date): boolean {
  return staff.role !== "office" && now.getTime() > day.endsAt.getTime() + lockDays * 86_400_000;
}

/**
 * The occasions this person leads (all of the organiser's for the office), in time order,
 * with where (`location`: venue and address, or "Digitalt") and how many: `confirmed` and `waitlisted`.
 */
export async function leaderOccasions(db: Db, staff: StaffUser, from?: Date) {
  const mine =
    staff.role === "office"
      ? eq(occasions.organiserId, staff.organiserId)
      : inArray(
          occasions.id,
          db
            .select({ id: occasionLeaders.occasionId })
            .from(occasionLeaders)
            .where(eq(occasionLeaders.userId, staff.id)),
        );
  const where = and(mine, ne(occasions.status, "draft"), from ? gte(occasions.endsAt, from) : undefined);
  const [rows, days, counts] = await Promise.all([
    db
      .select({ occasion: occasions, course: courses })
      .from(occasions)
      .innerJoin(courses, eq(courses.id, occasions.courseId))
      .where(where)
      .orderBy(asc(occasions.startsAt)),
    db
      .select({ day: occasionDays })
      .from(occasionDays)
      .innerJoin(occasions, eq(occasions.id, occasionDays.occasionId))
      .where(and(where, isNull(occasionDays.cancelledAt)))
      .orderBy(asc(occasionDays.startsAt)),
    db
      .select(countColumns)
      .from(registrations)
      .innerJoin(occasions, eq(occasions.id, registrations.occasionId))
      .where(where)
      .groupBy(registrations.occasionId),
  ]);
  const countMap = toCountMap(counts);
  return rows.map(({ occasion, course }) => ({
    id: occasion.id,
    title: occasionTitle(course, occasion),
    status: occasion.status,
    location: occasionLocation(occasion),
    online: occasion.online,
    confirmed: countMap.get(occasion.id)?.confirmed ?? 0,
    waitlisted: countMap.get(occasion.id)?.waitlisted ?? 0,
    startsAt: occasion.startsAt.toISOString(),
    endsAt: occasion.endsAt.toISOString(),
    days: days
      .filter((d) => d.day.occasionId === occasion.id)
      .map(({ day: d }) => ({ id: d.id, startsAt: d.startsAt.toISOString(), endsAt: d.endsAt.toISOString() })),
  }));
}

/** The list at the door: confirmed people with their marks per day, and the waiting list. */
export async function participantList(db: Db, staff: StaffUser, occasionId: number, now: Date) {
  const bundle = await occasionForLeader(db, staff, occasionId);
  const rows = await db
    .select({ r: registrations, workplace: workplaces })
    .from(registrations)
    .leftJoin(workplaces, eq(workplaces.id, registrations.workplaceId))
    .where(and(eq(registrations.occasionId, occasionId), inArray(registrations.status, ["confirmed", "waitlisted"])))
    .orderBy(asc(registrations.name));
  const marks = await db
    .select()
    .from(attendance)
    .innerJoin(occasionDays, eq(occasionDays.id, attendance.dayId))
    .where(and(eq(occasionDays.occasionId, occasionId), isNull(occasionDays.cancelledAt)));
  const marksBy = new Map<number, Record<number, Mark>>();
  for (const { attendance: a } of marks)
    marksBy.set(a.registrationId, { ...(marksBy.get(a.registrationId) ?? {}), [a.dayId]: a.status as Mark });
  const person = ({ r, workplace }: (typeof rows)[number]) => ({
    registrationId: r.id,
    name: r.name,
    email: r.email,
    party: r.partyCode,
    workplace: workplace ? { name: workplace.name, municipality: workplace.municipality } : null,
    role: r.role,
    // Sensitive: only leaders and the office see these, and they are deleted after the course.
    dietary: r.dietary,
    accessibilityNeeds: r.accessibilityNeeds,
    source: r.source,
    marks: marksBy.get(r.id) ?? {},
  });
  const lockDays = bundle.organiser.attendanceLockDays;
  const waiting = rows.filter((x) => x.r.status === "waitlisted").sort((a, b) => a.r.id - b.r.id);
  return {
    occasion: {
      id: bundle.occasion.id,
      title: occasionTitle(bundle.course, bundle.occasion),
      status: bundle.occasion.status,
      /** Leaders may change a day's marks until this many days after it. */
      attendanceLockDays: lockDays,
      location: bundle.occasion.online
        ? "Digitalt"
        : [bundle.occasion.venue, bundle.occasion.address].filter(Boolean).join(", "),
      days: bundle.days.map((d) => ({
        id: d.id,
        startsAt: d.startsAt.toISOString(),
        endsAt: d.endsAt.toISOString(),
        locked: isLocked(staff, d, lockDays, now),
        locksAt: new Date(d.endsAt.getTime() + lockDays * 86_400_000).toISOString(),
      })),
    },
    participants: rows.filter((x) => x.r.status === "confirmed").map(person),
    waitlist: waiting.map((x, i) => ({ ...person(x), waitlistPosition: i + 1 })),
  };
}

function auditMark(
  staff: StaffUser | null,
  organiserId: number,
  now: Date,
  registrationId: number | SQL,
  dayId: number,
  status: string | null,
  via: string,
) {
  // The state before is read inside the same batch, just before the change.
  return sql`INSERT INTO audit_log (organiser_id, user_id, action, entity, entity_id, before, after, at)
    SELECT ${organiserId}, ${staff?.id ?? null}, 'attendance.mark', 'registration', ${registrationId},
      (SELECT json_object('dayId', day_id, 'status', status) FROM attendance WHERE registration_id = ${registrationId} AND day_id = ${dayId}),
      json_object('dayId', ${dayId}, 'status', ${status}, 'via', ${via},
        'dayStartsAt', (SELECT strftime('%Y-%m-%dT%H:%M:%fZ', starts_at / 1000.0, 'unixepoch') FROM occasion_days WHERE id = ${dayId}),
        'name', (SELECT name FROM registrations WHERE id = ${registrationId})), ${now.getTime()}`;
}

function upsertMark(
  registrationId: number | SQL,
  dayId: number,
  status: Mark,
  via: string,
  by: number | null,
  now: Date,
) {
  return sql`INSERT INTO attendance (registration_id, day_id, status, via, marked_by, marked_at)
    SELECT ${registrationId}, ${dayId}, ${status}, ${via}, ${by}, ${now.getTime()} WHERE ${registrationId} IS NOT NULL
    ON CONFLICT (registration_id, day_id) DO UPDATE SET status = excluded.status, via = excluded.via,
      marked_by = excluded.marked_by, marked_at = excluded.marked_at`;
}

/** Sets (or with null clears) one person's mark for one day. Marking twice leaves one mark, the last. */
export async function setMark(
  db: Db,
  staff: StaffUser,
  now: Date,
  occasionId: number,
  dayId: number,
  registrationId: number,
  status: Mark | null,
) {
  const bundle = await occasionForLeader(db, staff, occasionId);
  const day = dayOf(bundle, dayId);
  if (isLocked(staff, day, bundle.organiser.attendanceLockDays, now)) {
    throw new AppError(
      403,
      "attendance_locked",
      `Närvaron för dagen är låst (${bundle.organiser.attendanceLockDays} dagar efter). Kontakta kansliet för ändringar.`,
    );
  }
  const [r] = await db.select().from(registrations).where(eq(registrations.id, registrationId));
  if (!r || r.occasionId !== occasionId) throw notFound("Deltagaren", "participant_not_found");
  if (r.status !== "confirmed")
    throw new AppError(
      409,
      "not_confirmed",
      "Personen har ingen plats på tillfället. Lägg till hen som deltagare på plats i stället.",
    );
  await db.batchSql([
    auditMark(staff, bundle.occasion.organiserId, now, registrationId, dayId, status, staff.role),
    status === null
      ? sql`DELETE FROM attendance WHERE registration_id = ${registrationId} AND day_id = ${dayId}`
      : upsertMark(registrationId, dayId, status, staff.role, staff.id, now),
  ]);
  return { registrationId, dayId, status };
}

/** "Markera övriga som frånvarande": every confirmed person without a mark that day becomes absent. */
export async function closeDay(db: Db, staff: StaffUser, now: Date, occasionId: number, dayId: number) {
  const bundle = await occasionForLeader(db, staff, occasionId);
  const day = dayOf(bundle, dayId);
  if (isLocked(staff, day, bundle.organiser.attendanceLockDays, now))
    throw new AppError(403, "attendance_locked", "Närvaron för dagen är låst. Kontakta kansliet.");
  const unmarked = sql`FROM registrations r WHERE r.occasion_id = ${occasionId} AND r.status = 'confirmed'
    AND NOT EXISTS (SELECT 1 FROM attendance a WHERE a.registration_id = r.id AND a.day_id = ${dayId})`;
  // Count, log and mark in one write, so the count is exactly who was marked.
  const results = await db.batchSql([
    sql`SELECT count(*) AS n ${unmarked}`,
    sql`INSERT INTO audit_log (organiser_id, user_id, action, entity, entity_id, before, after, at)
        SELECT ${bundle.occasion.organiserId}, ${staff.id}, 'attendance.close-day', 'occasion', ${occasionId}, NULL,
               json_object('dayId', ${dayId}, 'markedAbsent', (SELECT count(*) ${unmarked})), ${now.getTime()}`,
    sql`INSERT INTO attendance (registration_id, day_id, status, via, marked_by, marked_at)
        SELECT r.id, ${dayId}, 'absent', ${staff.role}, ${staff.id}, ${now.getTime()} ${unmarked}`,
  ]);
  const n = Number(results[0]?.[0]?.n ?? 0);
  return { markedAbsent: n };
}

/**
 * Someone who never registered turns up: they become a confirmed registration (source
 * walk-in, whatever the capacity: they are in the room) and are marked present for the day.
 * Someone already registered, or waiting, is simply confirmed and marked present.
 */
export async function addWalkIn(
  db: Db,
  staff: StaffUser,
  now: Date,
  occasionId: number,
  dayId: number,
  input: RegistrationInput,
) {
  const bundle = await occasionForLeader(db, staff, occasionId);
  const day = dayOf(bundle, dayId);
  if (isLocked(staff, day, bundle.organiser.attendanceLockDays, now))
    throw new AppError(403, "attendance_locked", "Närvaron för dagen är låst. Kontakta kansliet.");
  const organiserId = bundle.occasion.organiserId;
  // The party is counted in every figure: only one of the organiser's (issue 10).
  const partyError = await unknownPartyError(db, organiserId, input.party);
  if (partyError) throw partyError;
  const key = emailKey(input.email);
  const t = now.getTime();
  const active = sql`(SELECT id FROM registrations WHERE occasion_id = ${occasionId} AND email_key = ${key} AND status <> 'cancelled')`;
  const results = await db.batchSql([
    upsertWorkplaceStatement(organiserId, input.workplace, now),
    sql`INSERT INTO registrations (organiser_id, occasion_id, manage_token, name, email, email_key, party_code, workplace_id,
          role, gender, dietary, accessibility_needs, status, source, invite_sequence, last_change, created_at, confirmed_at)
        SELECT ${organiserId}, ${occasionId}, ${newToken()}, ${input.name}, ${input.email.trim()}, ${key}, ${input.party},
          ${workplaceIdSql(organiserId, input.workplace)}, ${input.role ?? null}, ${input.gender ?? null}, ${input.dietary ?? null},
          ${input.accessibilityNeeds ?? null}, 'confirmed', 'walk-in',
          ${firstInviteSequenceSql({ organiserId: sql`${organiserId}`, occasionId: sql`${occasionId}`, emailKey: sql`${key}`, occasionSequence: sql`(SELECT sequence FROM occasions WHERE id = ${occasionId})` })},
          'registered', ${t}, ${t}
        WHERE true
        ON CONFLICT DO NOTHING`,
    sql`UPDATE registrations SET status = 'confirmed', confirmed_at = ${t} WHERE id = ${active} AND status = 'waitlisted'`,
    auditMark(staff, organiserId, now, active, dayId, "present", "walk-in"),
    upsertMark(active, dayId, "present", "walk-in", staff.id, now),
    sql`SELECT id, source, name, status FROM registrations WHERE id = ${active}`,
  ]);
  const row = results[5]?.[0];
  return {
    registrationId: Number(row?.id),
    walkIn: row?.source === "walk-in",
    name: String(row?.name),
    status: String(row?.status),
  };
}

// ---------------------------------------------------------------- QR self check-in

export const CHECKIN_WINDOW_MS = 60_000;
/** The code works from half an hour before the day starts until it ends. */
export const CHECKIN_EARLY_MS = 30 * 60_000;

async function hmacCode(secret: string, message: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(message)));
  // Eight characters a person could type if the camera fails: no 0/O, 1/I/L.
  const alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
  return Array.from(mac.slice(0, 8), (b) => alphabet[b % alphabet.length]).join("");
}

function dayRunning(day: OccasionDay, now: Date): boolean {
  return now.getTime() >= day.startsAt.getTime() - CHECKIN_EARLY_MS && now < day.endsAt;
}

/** The code to show on the projector now; it changes every minute. */
export async function checkinCode(
  db: Db,
  staff: StaffUser,
  now: Date,
  occasionId: number,
  dayId: number,
  publicUrl: string,
) {
  const bundle = await occasionForLeader(db, staff, occasionId);
  const day = dayOf(bundle, dayId);
  if (!dayRunning(day, now))
    throw new AppError(
      409,
      "day_not_running",
      "Självincheckning går bara medan dagen pågår (från en halvtimme före start).",
    );
  await db.batchSql([
    sql`UPDATE occasion_days SET checkin_secret = coalesce(checkin_secret, ${newToken()}) WHERE id = ${dayId}`,
  ]);
  const [fresh] = await db.select().from(occasionDays).where(eq(occasionDays.id, dayId));
  const window = Math.floor(now.getTime() / CHECKIN_WINDOW_MS);
  const code = await hmacCode(fresh!.checkinSecret!, `${dayId}:${window}`);
  return {
    code,
    url: `${publicUrl}/incheckning/${dayId}?kod=${code}`,
    validUntil: new Date((window + 2) * CHECKIN_WINDOW_MS).toISOString(),
  };
}

/**
 * A participant checks in with the code on the projector and their e-mail. The code of this
 * minute or the one before works, only while the day runs. Someone not registered is refused
 * and sent to the leader, who can add them as a walk-in (a registration needs their details).
 */
export async function selfCheckIn(db: Db, now: Date, dayId: number, code: string, email: string) {
  const [day] = await db
    .select()
    .from(occasionDays)
    .where(and(eq(occasionDays.id, dayId), isNull(occasionDays.cancelledAt)));
  const invalid = new AppError(
    400,
    "checkin_code_invalid",
    "Koden stämmer inte eller är för gammal. Skanna koden på skärmen igen.",
  );
  if (!day?.checkinSecret) throw invalid;
  if (!dayRunning(day, now)) throw new AppError(409, "day_not_running", "Incheckningen är inte öppen just nu.");
  const window = Math.floor(now.getTime() / CHECKIN_WINDOW_MS);
  const valid = [
    await hmacCode(day.checkinSecret, `${dayId}:${window}`),
    await hmacCode(day.checkinSecret, `${dayId}:${window - 1}`),
  ];
  if (!valid.includes(code.trim().toUpperCase())) throw invalid;
  const [r] = await db
    .select()
    .from(registrations)
    .where(
      and(
        eq(registrations.occasionId, day.occasionId),
        eq(registrations.emailKey, emailKey(email)),
        eq(registrations.status, "confirmed"),
      ),
    );
  if (!r) {
    throw new AppError(
      404,
      "not_registered",
      "Vi hittar ingen plats med den e-postadressen på det här tillfället. Prata med kursledaren, så lägger hen till dig.",
    );
  }
  // A mark the leader already set stays; the scan only fills in "present" where none is.
  await db.batchSql([
    sql`INSERT INTO attendance (registration_id, day_id, status, via, marked_by, marked_at)
        VALUES (${r.id}, ${dayId}, 'present', 'self', NULL, ${now.getTime()})
        ON CONFLICT (registration_id, day_id) DO NOTHING`,
  ]);
  const [mark] = await db
    .select()
    .from(attendance)
    .where(and(eq(attendance.registrationId, r.id), eq(attendance.dayId, dayId)));
  return { name: r.name, status: mark!.status };
}

// ---------------------------------------------------------------- certificate (intyg)

/** Whether this registration earned an attendance certificate, and what it says. */
export async function certificate(db: Db, now: Date, registrationId: number) {
  const [r] = await db.select().from(registrations).where(eq(registrations.id, registrationId));
  if (!r) throw notFound("Anmälan", "registration_not_found");
  const bundle = await loadOccasion(db, r.occasionId);
  if (!bundle) throw notFound("Tillfället", "occasion_not_found");
  const marks = await db.select().from(attendance).where(eq(attendance.registrationId, r.id));
  const attendedDays = bundle.days.filter((d) => marks.some((m) => m.dayId === d.id && ATTENDED.has(m.status)));
  const share = bundle.days.length ? attendedDays.length / bundle.days.length : 0;
  const required = bundle.course.certificateShare;
  let reason: string | null = null;
  if (r.status !== "confirmed") reason = "Intyg ges till den som haft en plats och deltagit.";
  else if (bundle.occasion.status === "cancelled") reason = "Tillfället ställdes in.";
  else if (now < bundle.occasion.endsAt) reason = "Intyget kan hämtas när utbildningen är avslutad.";
  else if (share + 1e-9 < required)
    reason = `Intyg ges vid närvaro på minst ${Math.round(required * 100)} % av dagarna.`;
  const hours = attendedDays.reduce((h, d) => h + contentHours(d), 0);
  return {
    eligible: reason === null,
    reason,
    name: r.name,
    course: occasionTitle(bundle.course, bundle.occasion),
    courseType: bundle.course.courseType,
    // No catalogue text (description, "Lunch ingår."): the certificate says what was attended.
    days: attendedDays.map((d) => ({
      startsAt: d.startsAt.toISOString(),
      endsAt: d.endsAt.toISOString(),
      hours: contentHours(d),
    })),
    totalDays: bundle.days.length,
    hours: Math.round(hours * 10) / 10,
    organiser: { name: bundle.organiser.name, email: bundle.organiser.email },
    issuedAt: now.toISOString(),
  };
}
