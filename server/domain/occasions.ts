// Reading occasions for the public catalogue and for the rules that need one occasion whole.
import { and, asc, eq, gte, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import {
  courses,
  courseTypes,
  occasionDays,
  occasions,
  organisers,
  registrations,
  type Course,
  type Occasion,
  type OccasionDay,
  type Organiser,
} from "../../db/schema.ts";
import { courseTypeJoin } from "./course-types.ts";

export interface OccasionBundle {
  occasion: Occasion;
  course: Course;
  organiser: Organiser;
  /** The name of the course's type (the organiser's course_types), null if it has none. */
  courseTypeName: string | null;
  days: OccasionDay[];
  /** Days the office cancelled (occasion_days.cancelled_at set); only to render their CANCEL. */
  cancelledDays?: OccasionDay[];
}

/** The columns a bundle is read with; join courses, organisers and course types (courseTypeJoin). */
export const bundleColumns = {
  occasion: occasions,
  course: courses,
  organiser: organisers,
  courseTypeName: courseTypes.name,
};

export function occasionTitle(course: Course, occasion: Occasion): string {
  return occasion.label ? `${course.title} (${occasion.label})` : course.title;
}

/** Where it happens, as a person reads it: "Folkets Hus Varberg, Västra vallgatan 9" or "Digitalt". */
export function occasionLocation(occasion: Occasion): string {
  if (occasion.online) return "Digitalt";
  return [occasion.venue, occasion.address].filter(Boolean).join(", ");
}

/** When registration closes: the set time, or when the first day starts. */
export function registrationClosesAt(occasion: Occasion): Date {
  return occasion.registrationClosesAt ?? occasion.startsAt;
}

export type RegistrationWindowState = "open" | "not-yet-open" | "closed" | "cancelled" | "draft";

export function registrationWindow(occasion: Occasion, now: Date): RegistrationWindowState {
  if (occasion.status === "cancelled") return "cancelled";
  if (occasion.status !== "published") return "draft";
  if (occasion.registrationOpensAt && now < occasion.registrationOpensAt) return "not-yet-open";
  if (now >= registrationClosesAt(occasion)) return "closed";
  return "open";
}

export async function loadOccasion(db: Db, id: number): Promise<OccasionBundle | null> {
  const [row] = await db
    .select(bundleColumns)
    .from(occasions)
    .innerJoin(courses, eq(courses.id, occasions.courseId))
    .innerJoin(organisers, eq(organisers.id, occasions.organiserId))
    .leftJoin(courseTypes, courseTypeJoin)
    .where(eq(occasions.id, id));
  if (!row) return null;
  const all = await db
    .select()
    .from(occasionDays)
    .where(eq(occasionDays.occasionId, id))
    // The first day (by start, then id) is the one the main mail invites to (decision 013).
    .orderBy(asc(occasionDays.startsAt), asc(occasionDays.id));
  return {
    ...row,
    days: all.filter((d) => d.cancelledAt === null),
    cancelledDays: all.filter((d) => d.cancelledAt !== null),
  };
}

export interface Counts {
  confirmed: number;
  waitlisted: number;
}

export const countColumns = {
  occasionId: registrations.occasionId,
  confirmed: sql<number>`sum(case when ${registrations.status} = 'confirmed' then 1 else 0 end)`,
  waitlisted: sql<number>`sum(case when ${registrations.status} = 'waitlisted' then 1 else 0 end)`,
};

export function toCountMap(rows: { occasionId: number; confirmed: number; waitlisted: number }[]): Map<number, Counts> {
  const result = new Map<number, Counts>();
  for (const r of rows) result.set(r.occasionId, { confirmed: Number(r.confirmed), waitlisted: Number(r.waitlisted) });
  return result;
}

export async function countRegistrations(db: Db, occasionId: number): Promise<Counts> {
  const rows = await db
    .select(countColumns)
    .from(registrations)
    .where(eq(registrations.occasionId, occasionId))
    .groupBy(registrations.occasionId);
  return toCountMap(rows).get(occasionId) ?? { confirmed: 0, waitlisted: 0 };
}

/** The public shape of an occasion: no personal data, no meeting link. */
export function publicOccasion(b: OccasionBundle, counts: Counts | undefined, now: Date) {
  const { occasion, course, organiser, days } = b;
  const confirmed = counts?.confirmed ?? 0;
  const window = registrationWindow(occasion, now);
  return {
    id: occasion.id,
    title: occasionTitle(course, occasion),
    courseTitle: course.title,
    label: occasion.label,
    description: course.description,
    courseType: course.courseType,
    courseTypeName: b.courseTypeName ?? course.courseType,
    responsibleParty: course.responsiblePartyCode,
    organiser: { slug: organiser.slug, name: organiser.name },
    startsAt: occasion.startsAt.toISOString(),
    endsAt: occasion.endsAt.toISOString(),
    days: days.map((d) => ({
      id: d.id,
      startsAt: d.startsAt.toISOString(),
      endsAt: d.endsAt.toISOString(),
      breakMinutes: d.breakMinutes,
    })),
    location: occasionLocation(occasion),
    venue: occasion.online ? null : occasion.venue,
    address: occasion.online ? null : occasion.address,
    online: occasion.online,
    capacity: occasion.capacity,
    spotsLeft: Math.max(0, occasion.capacity - confirmed),
    waitlistLength: counts?.waitlisted ?? 0,
    asksDietary: course.asksDietary,
    cancelled: occasion.status === "cancelled",
    registrationOpen: window === "open",
    registrationState: window,
    registrationOpensAt: occasion.registrationOpensAt?.toISOString() ?? null,
    registrationClosesAt: registrationClosesAt(occasion).toISOString(),
    cancelUntil: occasion.cancelUntil?.toISOString() ?? null,
  };
}

export type PublicOccasion = ReturnType<typeof publicOccasion>;

export interface CatalogueFilter {
  organiser?: string;
  courseType?: string;
  /** include occasions that have ended (default: only those not yet over) */
  includePast?: boolean;
}

/** Published (and cancelled, so people see it) occasions, soonest first, with their days and counts. */
export async function listPublicBundles(
  db: Db,
  now: Date,
  filter: CatalogueFilter = {},
): Promise<{ bundles: OccasionBundle[]; counts: Map<number, Counts> }> {
  const conditions = [inArray(occasions.status, ["published", "cancelled"])];
  if (!filter.includePast) conditions.push(gte(occasions.endsAt, now));
  if (filter.courseType) conditions.push(eq(courses.courseType, filter.courseType));
  if (filter.organiser) conditions.push(eq(organisers.slug, filter.organiser));
  const rows = await db
    .select(bundleColumns)
    .from(occasions)
    .innerJoin(courses, eq(courses.id, occasions.courseId))
    .innerJoin(organisers, eq(organisers.id, occasions.organiserId))
    .leftJoin(courseTypes, courseTypeJoin)
    .where(and(...conditions))
    .orderBy(asc(occasions.startsAt), asc(occasions.id));
  if (rows.length === 0) return { bundles: [], counts: new Map() };
  // Days and counts by joining on the same conditions rather than an IN list of ids:
  // D1 allows only 100 bound parameters per statement.
  const where = and(...conditions);
  const [dayRows, countRows] = await Promise.all([
    db
      .select({ day: occasionDays })
      .from(occasionDays)
      .innerJoin(occasions, eq(occasions.id, occasionDays.occasionId))
      .innerJoin(courses, eq(courses.id, occasions.courseId))
      .innerJoin(organisers, eq(organisers.id, occasions.organiserId))
      .where(and(where, isNull(occasionDays.cancelledAt)))
      .orderBy(asc(occasionDays.startsAt))
      .then((r) => r.map((x) => x.day)),
    db
      .select(countColumns)
      .from(registrations)
      .innerJoin(occasions, eq(occasions.id, registrations.occasionId))
      .innerJoin(courses, eq(courses.id, occasions.courseId))
      .innerJoin(organisers, eq(organisers.id, occasions.organiserId))
      .where(where)
      .groupBy(registrations.occasionId),
  ]);
  const counts = toCountMap(countRows);
  const daysBy = new Map<number, OccasionDay[]>();
  for (const d of dayRows) {
    const list = daysBy.get(d.occasionId) ?? [];
    list.push(d);
    daysBy.set(d.occasionId, list);
  }
  return { bundles: rows.map((r) => ({ ...r, days: daysBy.get(r.occasion.id) ?? [] })), counts };
}

export async function listPublicOccasions(db: Db, now: Date, filter: CatalogueFilter = {}): Promise<PublicOccasion[]> {
  const { bundles, counts } = await listPublicBundles(db, now, filter);
  return bundles.map((b) => publicOccasion(b, counts.get(b.occasion.id), now));
}

/** Is this occasion visible to the public at all? Drafts are not. */
export function isPublic(occasion: Occasion): boolean {
  return occasion.status === "published" || occasion.status === "cancelled";
}

/**
 * What the check-in page (/incheckning/:dayId) shows about the day: the course, the time and
 * the place, for a day of a published occasion; null otherwise. No personal data.
 */
export async function checkinDay(db: Db, dayId: number) {
  const [day] = await db
    .select()
    .from(occasionDays)
    .where(and(eq(occasionDays.id, dayId), isNull(occasionDays.cancelledAt)));
  if (!day) return null;
  const bundle = await loadOccasion(db, day.occasionId);
  if (bundle?.occasion.status !== "published") return null;
  return {
    courseTitle: occasionTitle(bundle.course, bundle.occasion),
    dayNumber: bundle.days.findIndex((d) => d.id === day.id) + 1,
    dayCount: bundle.days.length,
    startsAt: day.startsAt.toISOString(),
    endsAt: day.endsAt.toISOString(),
    location: bundle.occasion.online ? "Digitalt" : occasionLocation(bundle.occasion),
  };
}
