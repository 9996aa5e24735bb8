// The office plans the year: courses and occasions created, changed, copied and cancelled.
// Every change, the invitations and mails it causes, and its audit row go to the database
// as one batch, as registration does (docs/decisions/002 and 006).
import { and, asc, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import {
  auditLog,
  courses,
  occasionLeaders,
  occasions,
  parties,
  registrations,
  users,
  workplaces,
  type Occasion,
  type OccasionDay,
  type EvaluationQuestion,
} from "../../db/schema.ts";
import { audit, auditStatement } from "./audit.ts";
import { unknownCourseTypes } from "./course-types.ts";

export { audit };
import { AppError, notFound, type FieldErrors } from "./errors.ts";
import { formatIsoDate, formatSpan, formatTime, stockholmToUtc } from "./format-time.ts";
import { loadOccasion, occasionLocation, occasionTitle, type OccasionBundle } from "./occasions.ts";
import { newChangeId, newToken, outboxForChangeStatements, promoteStatement } from "./registration.ts";
import type { StaffUser } from "./staff.ts";

/** "2026-03-12T09:00" in Europe/Stockholm → UTC instant. */
export function localToUtc(local: string): Date {
  const [date, time] = local.split("T") as [string, string];
  return stockholmToUtc(date, time);
}

/** UTC instant → "2026-03-12T09:00" in Europe/Stockholm (the inverse of localToUtc). */
export function utcToLocal(d: Date): string {
  return `${formatIsoDate(d)}T${formatTime(d).replace(".", ":")}`;
}

function invalid(fields: FieldErrors): AppError {
  return new AppError(400, "invalid_input", "Uppgifterna är inte giltiga. Rätta de markerade fälten.", fields);
}

// ---------------------------------------------------------------- courses

export interface CourseInput {
  title: string;
  description?: string;
  courseType: string;
  responsiblePartyCode?: string | null;
  asksDietary?: boolean;
  reminderDaysBefore?: number;
  defaultLeaderIds?: number[];
  evaluated?: boolean;
  evaluationQuestions?: EvaluationQuestion[];
}

/** Staff of the organiser who can lead occasions (leaders and office staff). */
export async function listStaff(db: Db, organiserId: number) {
  return db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role })
    .from(users)
    .where(and(eq(users.organiserId, organiserId), isNull(users.disabledAt)))
    .orderBy(asc(users.name));
}

async function unknownStaff(db: Db, organiserId: number, ids: number[] | undefined): Promise<number[]> {
  if (!ids?.length) return [];
  const found = await db
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.id, ids), eq(users.organiserId, organiserId)));
  const known = new Set(found.map((u) => u.id));
  return ids.filter((id) => !known.has(id));
}

async function checkCourse(db: Db, staff: StaffUser, input: Partial<CourseInput>) {
  const fields: FieldErrors = {};
  if (input.responsiblePartyCode) {
    const [p] = await db
      .select()
      .from(parties)
      .where(and(eq(parties.organiserId, staff.organiserId), eq(parties.code, input.responsiblePartyCode)));
    if (!p) fields.responsiblePartyCode = "Välj en part i listan.";
  }
  if (input.courseType !== undefined && (await unknownCourseTypes(db, staff.organiserId, [input.courseType])).length) {
    fields.courseType = "Välj en kurstyp i listan.";
  }
  const unknown = await unknownStaff(db, staff.organiserId, input.defaultLeaderIds);
  if (unknown.length) fields.defaultLeaderIds = `Okänd kursledare (${unknown.join(", ")}).`;
  if (Object.keys(fields).length) throw invalid(fields);
}

export async function updateCourse(db: Db, now: Date, staff: StaffUser, id: number, patch: Partial<CourseInput>) {
  const [before] = await db.select().from(courses).where(eq(courses.id, id));
  if (!before) throw notFound("Utbildningen", "course_not_found");
  if (before.organiserId !== staff.organiserId)
    throw new AppError(403, "forbidden", "Du har inte behörighet till den här utbildningen.");
  await checkCourse(db, staff, patch);
  const changes = {
    ...(patch.title !== undefined ? { title: patch.title } : {}),
    ...(patch.description !== undefined ? { description: patch.description } : {}),
    ...(patch.courseType !== undefined ? { courseType: patch.courseType } : {}),
    ...(patch.responsiblePartyCode !== undefined ? { responsiblePartyCode: patch.responsiblePartyCode } : {}),
    ...(patch.asksDietary !== undefined ? { asksDietary: patch.asksDietary } : {}),
    ...(patch.reminderDaysBefore !== undefined ? { reminderDaysBefore: patch.reminderDaysBefore } : {}),
    ...(patch.defaultLeaderIds !== undefined ? { defaultLeaderIds: patch.defaultLeaderIds } : {}),
    ...(patch.evaluated !== undefined ? { evaluated: patch.evaluated } : {}),
    ...(patch.evaluationQuestions !== undefined ? { evaluationQuestions: patch.evaluationQuestions } : {}),
  };
  // Nothing to change (an empty PATCH): the course as it is, nothing written, nothing audited.
  if (Object.keys(changes).length === 0) return before;
  const after = { ...before, ...changes };
  // The change and its audit row in one batch: both or neither.
  await db.batchSql([
    db.update(courses).set(changes).where(eq(courses.id, id)).getSQL(),
    auditStatement(staff, now, "course.update", "course", id, before, after),
  ]);
  return after;
}

export async function listCourses(db: Db, organiserId: number) {
  return db.select().from(courses).where(eq(courses.organiserId, organiserId)).orderBy(asc(courses.title));
}

export async function createCourse(db: Db, now: Date, staff: StaffUser, input: CourseInput) {
  await checkCourse(db, staff, input);
  const values = {
    organiserId: staff.organiserId,
    title: input.title,
    description: input.description ?? "",
    courseType: input.courseType,
    responsiblePartyCode: input.responsiblePartyCode ?? null,
    asksDietary: input.asksDietary ?? true,
    reminderDaysBefore: input.reminderDaysBefore ?? 2,
    defaultLeaderIds: [...new Set(input.defaultLeaderIds ?? [])],
    evaluated: input.evaluated ?? true,
    evaluationQuestions: input.evaluationQuestions ?? [],
    createdAt: now,
  };
  // The course and its audit row in one batch (the newest course id is this one inside it).
  const newId = sql`(SELECT max(id) FROM courses)`;
  await db.batchSql([
    db.insert(courses).values(values).getSQL(),
    auditStatement(staff, now, "course.create", "course", newId, null, values),
  ]);
  const [row] = await db
    .select()
    .from(courses)
    .where(eq(courses.organiserId, staff.organiserId))
    .orderBy(sql`${courses.id} DESC`)
    .limit(1);
  return row!;
}

// ---------------------------------------------------------------- occasions

export interface OccasionInput {
  courseId: number;
  label?: string | null;
  /** `id`: an existing day of the occasion (a PATCH); without it the day is new. */
  /** `breakMinutes`: breaks within the day (default 0; a PATCH keeps a day's own when left out). */
  days: { id?: number; start: string; end: string; breakMinutes?: number }[];
  online: boolean;
  venue?: string | null;
  address?: string | null;
  meetingUrl?: string | null;
  capacity: number;
  registrationOpensAt?: string | null;
  registrationClosesAt?: string | null;
  cancelUntil?: string | null;
  status: "draft" | "published";
  leaderIds?: number[];
}

interface CheckedOccasion {
  days: { id?: number; startsAt: Date; endsAt: Date; breakMinutes: number }[];
  opensAt: Date | null;
  closesAt: Date | null;
  cancelUntil: Date | null;
}

/** The rules a person can break in the form, each answered at its field, in Swedish. */
async function checkOccasion(db: Db, staff: StaffUser, now: Date, input: OccasionInput): Promise<CheckedOccasion> {
  const fields: FieldErrors = {};
  const [course] = await db.select().from(courses).where(eq(courses.id, input.courseId));
  if (!course || course.organiserId !== staff.organiserId) fields.courseId = "Välj en utbildning i listan.";

  const thisYear = Number(now.toISOString().slice(0, 4));
  const days = input.days.map((d, i) => {
    const startsAt = localToUtc(d.start);
    const endsAt = localToUtc(d.end);
    const year = Number(d.start.slice(0, 4));
    if (year < thisYear - 1 || year > thisYear + 2) {
      fields[`days.${i}.start`] = `Datumet ligger utanför planeringsperioden (${thisYear - 1}–${thisYear + 2}).`;
    } else if (endsAt <= startsAt) {
      fields[`days.${i}.end`] = "Sluttiden måste vara efter starttiden.";
    } else if (d.start.slice(0, 10) !== d.end.slice(0, 10)) {
      fields[`days.${i}.end`] = "Ett pass slutar samma dag som det börjar. Lägg till en dag för nästa dag.";
    }
    const breakMinutes = d.breakMinutes ?? 0;
    if (endsAt > startsAt && breakMinutes * 60_000 >= endsAt.getTime() - startsAt.getTime())
      fields[`days.${i}.breakMinutes`] = "Rasten måste vara kortare än dagen.";
    return { ...(d.id !== undefined ? { id: d.id } : {}), startsAt, endsAt, breakMinutes };
  });
  const sorted = [...days].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.startsAt < sorted[i - 1]!.endsAt)
      fields[`days.${days.indexOf(sorted[i]!)}.start`] = "Dagarna överlappar varandra.";
  }
  const first = sorted[0]?.startsAt;
  const opensAt = input.registrationOpensAt ? localToUtc(input.registrationOpensAt) : null;
  const closesAt = input.registrationClosesAt ? localToUtc(input.registrationClosesAt) : null;
  if (first && closesAt && closesAt > first)
    fields.registrationClosesAt = "Anmälan måste stänga innan första dagen börjar.";
  if (opensAt && (closesAt ?? first) && opensAt >= (closesAt ?? first)!)
    fields.registrationOpensAt = "Anmälan måste öppna innan den stänger.";
  const cancelUntil = input.cancelUntil ? localToUtc(input.cancelUntil) : null;
  if (first && cancelUntil && cancelUntil > first)
    fields.cancelUntil = "Sista dag att avboka måste vara före första dagen.";
  if (input.online && !input.meetingUrl) fields.meetingUrl = "Ange länken till mötet för ett digitalt tillfälle.";
  if (!input.online && !input.venue) fields.venue = "Ange plats för ett fysiskt tillfälle.";

  const unknownLeaders = await unknownStaff(db, staff.organiserId, input.leaderIds);
  if (unknownLeaders.length) fields.leaderIds = `Okänd kursledare (${unknownLeaders.join(", ")}).`;
  if (Object.keys(fields).length) throw invalid(fields);
  return { days: sorted, opensAt, closesAt, cancelUntil };
}

/** The occasion of this organiser, or 404 / 403. */
export async function occasionForStaff(db: Db, staff: StaffUser, id: number): Promise<OccasionBundle> {
  const bundle = await loadOccasion(db, id);
  if (!bundle) throw notFound("Tillfället", "occasion_not_found");
  if (bundle.occasion.organiserId !== staff.organiserId)
    throw new AppError(403, "forbidden", "Du har inte behörighet till det här tillfället.");
  return bundle;
}

function snapshot(o: Occasion, days: { startsAt: Date; endsAt: Date }[], leaderIds?: number[]) {
  return {
    ...(leaderIds ? { leaderIds } : {}),
    label: o.label,
    online: o.online,
    venue: o.venue,
    address: o.address,
    meetingUrl: o.meetingUrl,
    capacity: o.capacity,
    status: o.status,
    registrationOpensAt: o.registrationOpensAt?.toISOString() ?? null,
    registrationClosesAt: o.registrationClosesAt?.toISOString() ?? null,
    cancelUntil: o.cancelUntil?.toISOString() ?? null,
    days: days.map((d) => ({ startsAt: d.startsAt.toISOString(), endsAt: d.endsAt.toISOString() })),
  };
}

/** The occasion's columns from the checked input (place or link by the online flag), for a new row and a changed one alike. */
function occasionColumns(input: OccasionInput, checked: CheckedOccasion) {
  return {
    courseId: input.courseId,
    label: input.label ?? null,
    online: input.online,
    venue: input.online ? null : (input.venue ?? null),
    address: input.online ? null : (input.address ?? null),
    meetingUrl: input.online ? (input.meetingUrl ?? null) : null,
    capacity: input.capacity,
    registrationOpensAt: checked.opensAt,
    registrationClosesAt: checked.closesAt,
    cancelUntil: checked.cancelUntil,
    status: input.status,
    startsAt: checked.days[0]!.startsAt,
    endsAt: checked.days[checked.days.length - 1]!.endsAt,
  };
}

function dayUid(): string {
  return `${newToken()}@kurser`;
}

export async function createOccasion(db: Db, now: Date, staff: StaffUser, input: OccasionInput): Promise<number> {
  const checked = await checkOccasion(db, staff, now, input);
  if (input.leaderIds === undefined) {
    // No leaders chosen: the course's default leaders lead it.
    const [course] = await db
      .select({ defaultLeaderIds: courses.defaultLeaderIds })
      .from(courses)
      .where(eq(courses.id, input.courseId));
    input = { ...input, leaderIds: course?.defaultLeaderIds ?? [] };
  }
  // A leader ticked twice is one leader (a repeated id would break the batch below).
  const leaderIds = [...new Set(input.leaderIds ?? [])];
  const values = { organiserId: staff.organiserId, ...occasionColumns(input, checked), createdAt: now };
  // The occasion, its days, its leaders and the audit row in one batch (one transaction):
  // all or nothing, so a refused part never leaves an occasion without days. Inside the
  // transaction no other writer runs, so the newest occasion id is this one.
  const newId = sql`(SELECT max(id) FROM occasions)`;
  const results = await db.batchSql([
    db.insert(occasions).values(values).getSQL(),
    ...checked.days.map(
      (d) =>
        sql`INSERT INTO occasion_days (occasion_id, uid, starts_at, ends_at, break_minutes) VALUES (${newId}, ${dayUid()}, ${d.startsAt.getTime()}, ${d.endsAt.getTime()}, ${d.breakMinutes})`,
    ),
    ...leaderIds.map((u) => sql`INSERT INTO occasion_leaders (occasion_id, user_id) VALUES (${newId}, ${u})`),
    auditStatement(
      staff,
      now,
      "occasion.create",
      "occasion",
      newId,
      null,
      snapshot({ ...values, id: 0, sequence: 0 } as Occasion, checked.days, leaderIds),
    ),
    sql`SELECT max(id) AS id FROM occasions`,
  ]);
  return Number(results[results.length - 1]![0]!.id);
}

type Span = { startsAt: Date; endsAt: Date };
const sameTimes = (a: Span, b: Span) =>
  a.startsAt.getTime() === b.startsAt.getTime() && a.endsAt.getTime() === b.endsAt.getTime();

/**
 * Which existing day each new day is (it keeps its id and UID, so calendars move that meeting
 * rather than add one). The office's form sends the ids of the days it shows, so a day left
 * out is cancelled and a day without id is added. A client that sends no ids: the same number
 * of days pair by position; otherwise days with the same times pair first, then the closest
 * starts (a day removed and another moved in the same change pair the way a person means).
 */
function pairDays(before: OccasionDay[], after: (Span & { id?: number })[]): (OccasionDay | undefined)[] {
  if (after.some((d) => d.id !== undefined)) return after.map((d) => before.find((b) => b.id === d.id));
  if (after.length === before.length) return after.map((_, i) => before[i]);
  const paired: (OccasionDay | undefined)[] = after.map(() => undefined);
  const used = new Set<number>();
  after.forEach((d, i) => {
    const m = before.find((b) => !used.has(b.id) && sameTimes(b, d));
    if (m) {
      paired[i] = m;
      used.add(m.id);
    }
  });
  const candidates = after
    .flatMap((d, i) =>
      paired[i]
        ? []
        : before
            .filter((b) => !used.has(b.id))
            .map((b) => ({ i, b, gap: Math.abs(b.startsAt.getTime() - d.startsAt.getTime()) })),
    )
    .sort((x, y) => x.gap - y.gap);
  for (const { i, b } of candidates) {
    if (paired[i] || used.has(b.id)) continue;
    paired[i] = b;
    used.add(b.id);
  }
  return paired;
}

/** The "what changed" lines of the update mail, in Swedish: each day by name, then the place. */
function describeChange(
  before: OccasionBundle,
  after: { occasion: Occasion; days: Span[] },
  paired: (OccasionDay | undefined)[],
  cancelledDays: OccasionDay[],
): string | null {
  const lines: string[] = [];
  const span = (d: Span) => formatSpan(d.startsAt, d.endsAt);
  if (before.days.length === 1 && after.days.length === 1 && paired[0]) {
    if (!sameTimes(paired[0], after.days[0]!))
      lines.push(`Ny tid: ${span(after.days[0]!)} (tidigare ${span(paired[0])}).`);
  } else {
    after.days.forEach((d, i) => {
      const was = paired[i];
      if (!was) lines.push(`Ny dag ${i + 1}: ${span(d)}.`);
      else if (!sameTimes(was, d)) lines.push(`Dag ${i + 1} har ny tid: ${span(d)} (tidigare ${span(was)}).`);
    });
    for (const d of cancelledDays) lines.push(`Inställd dag: ${span(d)}.`);
  }
  const placeBefore = before.occasion.online
    ? `digitalt ${before.occasion.meetingUrl ?? ""}`
    : occasionLocation(before.occasion);
  const placeAfter = after.occasion.online
    ? `digitalt ${after.occasion.meetingUrl ?? ""}`
    : occasionLocation(after.occasion);
  if (placeBefore !== placeAfter)
    lines.push(
      `Ny plats: ${after.occasion.online ? "digitalt" : occasionLocation(after.occasion)} (tidigare ${before.occasion.online ? "digitalt" : occasionLocation(before.occasion)}).`,
    );
  return lines.length ? lines.join("\n") : null;
}

/**
 * Everything a change of an occasion decides, checked as the change itself is, with nothing
 * written: the write (updateOccasion) and the office's "who gets mail" question before it
 * (previewOccasionUpdate) both start here.
 */
async function planOccasionUpdate(db: Db, now: Date, staff: StaffUser, id: number, patch: Partial<OccasionInput>) {
  const before = await occasionForStaff(db, staff, id);
  if (before.occasion.status === "cancelled")
    throw new AppError(409, "occasion_cancelled", "Tillfället är inställt och kan inte ändras.");
  const o = before.occasion;
  // Back to Stockholm wall-clock text, so unchanged fields go through the same checks.
  const local = utcToLocal;
  const merged: OccasionInput = {
    courseId: patch.courseId ?? o.courseId,
    label: patch.label !== undefined ? patch.label : o.label,
    // A day named by id keeps its breaks unless the patch gives new ones.
    days:
      patch.days?.map((d) => ({
        ...d,
        breakMinutes: d.breakMinutes ?? before.days.find((b) => d.id !== undefined && b.id === d.id)?.breakMinutes ?? 0,
      })) ??
      before.days.map((d) => ({
        id: d.id,
        start: local(d.startsAt),
        end: local(d.endsAt),
        breakMinutes: d.breakMinutes,
      })),
    online: patch.online ?? o.online,
    venue: patch.venue !== undefined ? patch.venue : o.venue,
    address: patch.address !== undefined ? patch.address : o.address,
    meetingUrl: patch.meetingUrl !== undefined ? patch.meetingUrl : o.meetingUrl,
    capacity: patch.capacity ?? o.capacity,
    registrationOpensAt:
      patch.registrationOpensAt !== undefined
        ? patch.registrationOpensAt
        : o.registrationOpensAt
          ? local(o.registrationOpensAt)
          : null,
    registrationClosesAt:
      patch.registrationClosesAt !== undefined
        ? patch.registrationClosesAt
        : o.registrationClosesAt
          ? local(o.registrationClosesAt)
          : null,
    cancelUntil: patch.cancelUntil !== undefined ? patch.cancelUntil : o.cancelUntil ? local(o.cancelUntil) : null,
    status: patch.status ?? (o.status as "draft" | "published"),
    // A leader ticked twice is one leader.
    leaderIds: patch.leaderIds ? [...new Set(patch.leaderIds)] : undefined,
  };
  // A day id must be one of this occasion's days, and name one row only.
  const dayIdErrors: FieldErrors = {};
  const seen = new Set<number>();
  merged.days.forEach((d, i) => {
    if (d.id === undefined) return;
    if (!before.days.some((b) => b.id === d.id) || seen.has(d.id))
      dayIdErrors[`days.${i}`] = "Dagen finns inte (längre) i tillfället. Ladda om sidan och försök igen.";
    seen.add(d.id);
  });
  if (Object.keys(dayIdErrors).length) throw invalid(dayIdErrors);
  const checked = await checkOccasion(db, staff, now, merged);
  const leadersBefore = (
    await db.select({ userId: occasionLeaders.userId }).from(occasionLeaders).where(eq(occasionLeaders.occasionId, id))
  )
    .map((l) => l.userId)
    .sort((a, b) => a - b);
  const [counts] = await db
    .select({ confirmed: sql<number>`count(*)` })
    .from(registrations)
    .where(and(eq(registrations.occasionId, id), eq(registrations.status, "confirmed")));
  const confirmed = Number(counts?.confirmed ?? 0);
  if (merged.capacity < confirmed) {
    throw new AppError(
      409,
      "capacity_below_confirmed",
      `Det finns redan ${confirmed} bekräftade deltagare. Antalet platser kan inte bli färre än så; ingen tas bort automatiskt.`,
      {
        capacity: `Minst ${confirmed} (antalet bekräftade).`,
      },
    );
  }
  const afterOccasion: Occasion = { ...o, ...occasionColumns(merged, checked) };
  const paired = pairDays(before.days, checked.days);
  // A day that has begun happened as it was: it keeps its times and cannot be cancelled
  // (attendance on it is corrected in the attendance list instead).
  const begun = before.days.filter((b) => b.startsAt <= now);
  for (const b of begun) {
    const at = paired.findIndex((p) => p?.id === b.id);
    if (at < 0 || !sameTimes(b, checked.days[at]!)) {
      const n = before.days.indexOf(b) + 1;
      throw new AppError(
        409,
        "day_started",
        `Dag ${n} (${formatSpan(b.startsAt, b.endsAt)}) har redan börjat och kan inte ändras eller ställas in. Närvaron rättar du i närvarolistan.`,
      );
    }
  }
  const pairedIds = new Set(paired.filter((d) => d).map((d) => d!.id));
  const cancelledDays = before.days.filter((d) => !pairedIds.has(d.id));
  const change = describeChange(before, { occasion: afterOccasion, days: checked.days }, paired, cancelledDays);
  const notify = change !== null && o.status === "published";
  const [waiting] = await db
    .select({ n: sql<number>`count(*)` })
    .from(registrations)
    .where(and(eq(registrations.occasionId, id), eq(registrations.status, "waitlisted")));
  // As promoteStatement decides it: free places of a published occasion not yet over.
  const freePlaces =
    afterOccasion.status === "published" && afterOccasion.endsAt > now ? Math.max(0, merged.capacity - confirmed) : 0;
  const promoted = Math.min(Number(waiting?.n ?? 0), freePlaces);
  return {
    before,
    merged,
    checked,
    confirmed,
    promoted,
    leadersBefore,
    afterOccasion,
    paired,
    cancelledDays,
    change,
    notify,
  };
}

/**
 * What saving the change would mail, without saving it: `notify` confirmed people get an
 * updated invitation with the `changes` lines; `promoted` waitlisted people get a place.
 * The same checks and refusals as the change itself.
 */
export async function previewOccasionUpdate(
  db: Db,
  now: Date,
  staff: StaffUser,
  id: number,
  patch: Partial<OccasionInput>,
) {
  const plan = await planOccasionUpdate(db, now, staff, id, patch);
  return {
    notify: plan.notify ? plan.confirmed : 0,
    changes: plan.notify && plan.change ? plan.change.split("\n") : [],
    promoted: plan.promoted,
  };
}

export async function updateOccasion(db: Db, now: Date, staff: StaffUser, id: number, patch: Partial<OccasionInput>) {
  const { before, merged, checked, leadersBefore, afterOccasion, paired, cancelledDays, change, notify } =
    await planOccasionUpdate(db, now, staff, id, patch);
  const o = before.occasion;
  const changeId = newChangeId();
  const uids = checked.days.map((_, i) => paired[i]?.uid ?? dayUid());
  // Only the days that changed get a calendar message: REQUEST for a moved or added day,
  // CANCEL for a cancelled one; a new place, address, online flag or meeting link touches
  // every day (issue 9).
  const placeChanged =
    afterOccasion.online !== o.online ||
    afterOccasion.venue !== o.venue ||
    afterOccasion.address !== o.address ||
    afterOccasion.meetingUrl !== o.meetingUrl;
  const changedUids = [
    ...checked.days.flatMap((d, i) => (placeChanged || !paired[i] || !sameTimes(paired[i]!, d) ? [uids[i]!] : [])),
    ...cancelledDays.map((d) => d.uid),
  ];

  const dayStatements = checked.days.map((d, i) => {
    const existing = paired[i];
    return existing
      ? sql`UPDATE occasion_days SET starts_at = ${d.startsAt.getTime()}, ends_at = ${d.endsAt.getTime()}, break_minutes = ${d.breakMinutes} WHERE id = ${existing.id}`
      : sql`INSERT INTO occasion_days (occasion_id, uid, starts_at, ends_at, break_minutes) VALUES (${id}, ${uids[i]!}, ${d.startsAt.getTime()}, ${d.endsAt.getTime()}, ${d.breakMinutes})`;
  });
  const removed = cancelledDays.map(
    (d) => sql`UPDATE occasion_days SET cancelled_at = ${now.getTime()} WHERE id = ${d.id}`,
  );
  const leaderStatements =
    merged.leaderIds === undefined
      ? []
      : [
          sql`DELETE FROM occasion_leaders WHERE occasion_id = ${id}`,
          ...merged.leaderIds.map((u) => sql`INSERT INTO occasion_leaders (occasion_id, user_id) VALUES (${id}, ${u})`),
        ];

  const statements: SQL[] = [
    sql`UPDATE occasions SET course_id = ${afterOccasion.courseId}, label = ${afterOccasion.label}, online = ${afterOccasion.online ? 1 : 0},
          venue = ${afterOccasion.venue}, address = ${afterOccasion.address}, meeting_url = ${afterOccasion.meetingUrl},
          capacity = ${afterOccasion.capacity}, registration_opens_at = ${checked.opensAt?.getTime() ?? null},
          registration_closes_at = ${checked.closesAt?.getTime() ?? null}, cancel_until = ${checked.cancelUntil?.getTime() ?? null},
          status = ${afterOccasion.status},
          starts_at = ${afterOccasion.startsAt.getTime()}, ends_at = ${afterOccasion.endsAt.getTime()},
          sequence = sequence + ${notify ? 1 : 0}
        WHERE id = ${id}`,
    ...dayStatements,
    ...removed,
    ...leaderStatements,
  ];
  if (notify) {
    statements.push(sql`UPDATE registrations SET invite_sequence = invite_sequence + 1, change_id = ${changeId}, last_change = 'occasion-changed'
                        WHERE occasion_id = ${id} AND status = 'confirmed'`);
  }
  // More places: the waiting list moves up, in order, in the same write.
  if (afterOccasion.status === "published") statements.push(promoteStatement(id, changeId, now));
  statements.push(
    ...outboxForChangeStatements(
      changeId,
      now,
      notify ? { change, days: changedUids } : undefined,
      notify && changedUids.length ? changedUids : undefined,
    ),
  );
  const leadersAfter = merged.leaderIds ? [...merged.leaderIds].sort((a, b) => a - b) : leadersBefore;
  statements.push(
    auditStatement(
      staff,
      now,
      "occasion.update",
      "occasion",
      id,
      snapshot(o, before.days, leadersBefore),
      snapshot(afterOccasion, checked.days, leadersAfter),
    ),
  );
  statements.push(sql`SELECT count(*) AS n FROM registrations WHERE change_id = ${changeId}`);
  const results = await db.batchSql(statements);
  const notified = Number(results[results.length - 1]?.[0]?.n ?? 0);
  return { notified };
}

export async function cancelOccasion(db: Db, now: Date, staff: StaffUser, id: number, message: string | null) {
  const before = await occasionForStaff(db, staff, id);
  if (before.occasion.status === "cancelled") return { notified: 0 };
  // Held is held: cancelling afterwards would mail everyone and drop it from the follow-up.
  if (before.occasion.endsAt <= now) {
    throw new AppError(
      409,
      "occasion_over",
      "Tillfället är redan genomfört och kan inte ställas in. Närvaron kan fortfarande rättas i närvarolistan.",
    );
  }
  const changeId = newChangeId();
  const results = await db.batchSql([
    sql`UPDATE occasions SET status = 'cancelled', sequence = sequence + 1 WHERE id = ${id}`,
    sql`UPDATE registrations SET invite_sequence = invite_sequence + 1, change_id = ${changeId}, last_change = 'occasion-cancelled'
        WHERE occasion_id = ${id} AND status IN ('confirmed', 'waitlisted')`,
    ...outboxForChangeStatements(changeId, now, { message }),
    auditStatement(
      staff,
      now,
      "occasion.cancel",
      "occasion",
      id,
      { status: before.occasion.status },
      { status: "cancelled", message },
    ),
    sql`SELECT count(*) AS n FROM registrations WHERE change_id = ${changeId}`,
  ]);
  return { notified: Number(results[results.length - 1]?.[0]?.n ?? 0) };
}

/** A draft copy with every day moved so that the first falls on `firstDay`, same times. */
export async function copyOccasion(db: Db, now: Date, staff: StaffUser, id: number, firstDay: string): Promise<number> {
  const source = await occasionForStaff(db, staff, id);
  const dayNumber = (isoDate: string) => {
    const [y, m, d] = isoDate.split("-").map(Number) as [number, number, number];
    return Date.UTC(y, m - 1, d) / 86_400_000;
  };
  const shift = dayNumber(firstDay) - dayNumber(formatIsoDate(source.days[0]!.startsAt));
  // Same wall-clock times on the moved dates (so 09.00 stays 09.00 across a DST change).
  const moved = (dt: Date) => {
    const day = new Date((dayNumber(formatIsoDate(dt)) + shift) * 86_400_000).toISOString().slice(0, 10);
    return `${day}T${utcToLocal(dt).slice(11)}`;
  };
  const leaders = await db
    .select({ userId: occasionLeaders.userId })
    .from(occasionLeaders)
    .where(eq(occasionLeaders.occasionId, id));
  return createOccasion(db, now, staff, {
    courseId: source.occasion.courseId,
    label: source.occasion.label,
    days: source.days.map((dd) => ({
      start: moved(dd.startsAt),
      end: moved(dd.endsAt),
      breakMinutes: dd.breakMinutes,
    })),
    online: source.occasion.online,
    venue: source.occasion.venue,
    address: source.occasion.address,
    meetingUrl: source.occasion.meetingUrl,
    capacity: source.occasion.capacity,
    registrationOpensAt: null,
    registrationClosesAt: null,
    cancelUntil: null,
    status: "draft",
    leaderIds: leaders.map((l) => l.userId),
  });
}

/** The occasion with everyone registered, for the office (no dietary data: see leader view). */
export async function occasionRegistrations(db: Db, occasionId: number) {
  const rows = await db
    .select({ r: registrations, workplace: workplaces })
    .from(registrations)
    .leftJoin(workplaces, eq(workplaces.id, registrations.workplaceId))
    .where(eq(registrations.occasionId, occasionId))
    .orderBy(asc(registrations.id));
  const cancelledBy = await whoCancelled(
    db,
    rows.filter(({ r }) => r.status === "cancelled").map(({ r }) => r.id),
  );
  const result = [];
  let waitPos = 0;
  for (const { r, workplace } of rows) {
    if (r.status === "waitlisted") waitPos++;
    const cancel = r.status === "cancelled" ? cancelledBy.get(r.id) : undefined;
    result.push({
      id: r.id,
      name: r.name,
      email: r.email,
      party: r.partyCode,
      workplace: workplace ? { name: workplace.name, municipality: workplace.municipality } : null,
      role: r.role,
      status: r.status,
      waitlistPosition: r.status === "waitlisted" ? waitPos : null,
      source: r.source,
      // "moved-out" tells a move from a cancellation.
      lastChange: r.lastChange,
      createdAt: r.createdAt.toISOString(),
      cancelledAt: r.status === "cancelled" ? (r.cancelledAt?.toISOString() ?? null) : null,
      // Who ended the place: she herself (her link), the office, or the office's move.
      cancelledBy:
        r.status !== "cancelled"
          ? null
          : r.lastChange === "moved-out"
            ? ("moved" as const)
            : cancel?.action === "registration.cancel"
              ? ("office" as const)
              : ("self" as const),
      movedTo: r.status === "cancelled" && r.lastChange === "moved-out" ? (cancel?.movedTo ?? null) : null,
    });
  }
  return result;
}

/**
 * The office's own cancellations and moves of these registrations, from the audit log
 * (`registration.cancel`, `registration.move`), and where a move went.
 */
async function whoCancelled(db: Db, ids: number[]) {
  const byId = new Map<number, { action: string; movedTo: { id: number; title: string; startsAt: string } | null }>();
  if (!ids.length) return byId;
  const entries = await db
    .select({ action: auditLog.action, entityId: auditLog.entityId, after: auditLog.after })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.entity, "registration"),
        inArray(auditLog.action, ["registration.cancel", "registration.move"]),
        inArray(auditLog.entityId, ids),
      ),
    )
    .orderBy(asc(auditLog.id));
  const targetOf = (after: string | null) => {
    try {
      const id = Number((JSON.parse(after ?? "null") as { occasionId?: unknown } | null)?.occasionId);
      return Number.isSafeInteger(id) && id > 0 ? id : null;
    } catch {
      return null;
    }
  };
  const targets = [...new Set(entries.map((e) => targetOf(e.after)).filter((x): x is number => x !== null))];
  const titles = targets.length
    ? await db
        .select({ occasion: occasions, course: courses })
        .from(occasions)
        .innerJoin(courses, eq(courses.id, occasions.courseId))
        .where(inArray(occasions.id, targets))
    : [];
  // The latest entry of each registration decides (a move is the last thing a row goes through).
  for (const e of entries) {
    const target = e.action === "registration.move" ? targetOf(e.after) : null;
    const t = titles.find((x) => x.occasion.id === target);
    byId.set(Number(e.entityId), {
      action: e.action,
      movedTo: t
        ? { id: t.occasion.id, title: occasionTitle(t.course, t.occasion), startsAt: t.occasion.startsAt.toISOString() }
        : null,
    });
  }
  return byId;
}
