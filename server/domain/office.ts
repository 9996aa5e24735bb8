// What the chancellery sees: every occasion of its own organiser, drafts included.
import { and, asc, desc, eq, gte, isNull, lt } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import {
  auditLog,
  courses,
  courseTypes,
  occasionDays,
  occasionLeaders,
  occasions,
  organisers,
  registrations,
  users,
  type OccasionDay,
} from "../../db/schema.ts";
import { stockholmToUtc } from "./format-time.ts";
import { courseTypeJoin } from "./course-types.ts";
import { bundleColumns, countColumns, publicOccasion, toCountMap } from "./occasions.ts";

export async function listOfficeOccasions(
  db: Db,
  organiserId: number,
  now: Date,
  filter: { year?: number; occasionId?: number; courseId?: number; upcoming?: boolean } = {},
) {
  const { year, occasionId, courseId, upcoming } = filter;
  const conditions = [eq(occasions.organiserId, organiserId)];
  if (occasionId) conditions.push(eq(occasions.id, occasionId));
  if (courseId) conditions.push(eq(occasions.courseId, courseId));
  if (upcoming) conditions.push(gte(occasions.endsAt, now));
  if (year) {
    conditions.push(gte(occasions.startsAt, stockholmToUtc(`${year}-01-01`, "00:00")));
    conditions.push(lt(occasions.startsAt, stockholmToUtc(`${year + 1}-01-01`, "00:00")));
  }
  const where = and(...conditions);
  const [rows, days, counts] = await Promise.all([
    db
      .select(bundleColumns)
      .from(occasions)
      .innerJoin(courses, eq(courses.id, occasions.courseId))
      .innerJoin(organisers, eq(organisers.id, occasions.organiserId))
      .leftJoin(courseTypes, courseTypeJoin)
      .where(where)
      .orderBy(asc(occasions.startsAt), asc(occasions.id)),
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
  const leaderRows = await db
    .select({ occasionId: occasionLeaders.occasionId, userId: occasionLeaders.userId })
    .from(occasionLeaders)
    .innerJoin(occasions, eq(occasions.id, occasionLeaders.occasionId))
    .where(where);
  const leadersBy = new Map<number, number[]>();
  for (const l of leaderRows) leadersBy.set(l.occasionId, [...(leadersBy.get(l.occasionId) ?? []), l.userId]);
  const daysBy = new Map<number, OccasionDay[]>();
  for (const { day } of days) daysBy.set(day.occasionId, [...(daysBy.get(day.occasionId) ?? []), day]);
  const countMap = toCountMap(counts);
  return rows.map((r) => {
    const counts = countMap.get(r.occasion.id) ?? { confirmed: 0, waitlisted: 0 };
    return {
      ...publicOccasion({ ...r, days: daysBy.get(r.occasion.id) ?? [] }, counts, now),
      status: r.occasion.status,
      courseId: r.course.id,
      meetingUrl: r.occasion.meetingUrl,
      confirmed: counts.confirmed,
      waitlisted: counts.waitlisted,
      fillRate: r.occasion.capacity > 0 ? counts.confirmed / r.occasion.capacity : 0,
      leaderIds: leadersBy.get(r.occasion.id) ?? [],
      // What the office set, unlike the public fields, which fill in defaults.
      settings: {
        registrationOpensAt: r.occasion.registrationOpensAt?.toISOString() ?? null,
        registrationClosesAt: r.occasion.registrationClosesAt?.toISOString() ?? null,
        cancelUntil: r.occasion.cancelUntil?.toISOString() ?? null,
      },
    };
  });
}

export async function listAudit(db: Db, organiserId: number, limit = 200) {
  const rows = await db
    .select({ entry: auditLog, userName: users.name })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.userId))
    .where(eq(auditLog.organiserId, organiserId))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit);
  return rows.map(({ entry: r, userName }) => ({
    ...r,
    userName,
    at: r.at.toISOString(),
    before: r.before ? JSON.parse(r.before) : null,
    after: r.after ? JSON.parse(r.after) : null,
  }));
}
