// An effort's plan and money per calendar year: what Uppföljning Finsam asks of a structural
// effort besides its participants (budget and outcome in kronor, the planned number of
// participants), and what the annual report sets against each other. The office enters them
// on the exports page; the Finsam rows and both exports read them from here.
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { courses, effortYears } from "../../db/schema.ts";
import { auditStatement } from "./audit.ts";
import { AppError, notFound } from "./errors.ts";
import type { StaffUser } from "./staff.ts";

/** Null is "not entered yet" (an empty cell in the export), never zero. */
export interface EffortYearInput {
  budgetKr: number | null;
  outcomeKr: number | null;
  plannedParticipants: number | null;
}
export interface EffortYear extends EffortYearInput {
  courseId: number;
  year: number;
}

const EMPTY: EffortYearInput = { budgetKr: null, outcomeKr: null, plannedParticipants: null };
const valuesOf = (r: EffortYearInput): EffortYearInput => ({
  budgetKr: r.budgetKr,
  outcomeKr: r.outcomeKr,
  plannedParticipants: r.plannedParticipants,
});

/** The year's entries of the organiser, by course id, with the course's title and type. */
export async function effortYearsOf(
  db: Db,
  organiserId: number,
  year: number,
): Promise<Map<number, EffortYear & { course: string; courseType: string }>> {
  const rows = await db
    .select({
      courseId: effortYears.courseId,
      year: effortYears.year,
      budgetKr: effortYears.budgetKr,
      outcomeKr: effortYears.outcomeKr,
      plannedParticipants: effortYears.plannedParticipants,
      course: courses.title,
      courseType: courses.courseType,
    })
    .from(effortYears)
    .innerJoin(courses, eq(courses.id, effortYears.courseId))
    .where(and(eq(effortYears.organiserId, organiserId), eq(effortYears.year, year)));
  return new Map(rows.map((r) => [r.courseId, r]));
}

/**
 * Sets a course's figures for a year: a value given replaces the stored one (null empties it),
 * one left out stays. The row and its audit entry are one batch; an unchanged save writes nothing.
 */
export async function saveEffortYear(
  db: Db,
  staff: StaffUser,
  now: Date,
  courseId: number,
  year: number,
  input: Partial<EffortYearInput>,
): Promise<EffortYear> {
  const [course] = await db
    .select({ organiserId: courses.organiserId, title: courses.title })
    .from(courses)
    .where(eq(courses.id, courseId));
  if (!course) throw notFound("Utbildningen", "course_not_found");
  if (course.organiserId !== staff.organiserId)
    throw new AppError(403, "forbidden", "Du har inte behörighet till det här.");
  const before = (await effortYearsOf(db, staff.organiserId, year)).get(courseId);
  const old = before ? valuesOf(before) : EMPTY;
  const after: EffortYearInput = {
    budgetKr: input.budgetKr === undefined ? old.budgetKr : input.budgetKr,
    outcomeKr: input.outcomeKr === undefined ? old.outcomeKr : input.outcomeKr,
    plannedParticipants: input.plannedParticipants === undefined ? old.plannedParticipants : input.plannedParticipants,
  };
  if (JSON.stringify(old) === JSON.stringify(after)) return { courseId, year, ...after };
  await db.batchSql([
    sql`INSERT INTO effort_years (organiser_id, course_id, year, budget_kr, outcome_kr, planned_participants, updated_at)
        VALUES (${staff.organiserId}, ${courseId}, ${year}, ${after.budgetKr}, ${after.outcomeKr}, ${after.plannedParticipants}, ${now.getTime()})
        ON CONFLICT (course_id, year) DO UPDATE SET
          budget_kr = excluded.budget_kr, outcome_kr = excluded.outcome_kr,
          planned_participants = excluded.planned_participants, updated_at = excluded.updated_at`,
    // The title and year in both: the log names the course and the year, and shows what changed.
    auditStatement(
      staff,
      now,
      "effort.update",
      "course",
      courseId,
      { title: course.title, year, ...old },
      { title: course.title, year, ...after },
    ),
  ]);
  return { courseId, year, ...after };
}
