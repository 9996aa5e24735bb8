// The year's goals are the office's settings, never code: what is counted (kind), on what
// (basis), over which course types, and the target. Their figures come from follow-up.ts.
import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { goals, type Goal } from "../../db/schema.ts";
import { auditStatement } from "./audit.ts";
import { unknownCourseTypes } from "./course-types.ts";
import { AppError, notFound } from "./errors.ts";
import { listGoals, type GoalBasis, type GoalKind } from "./follow-up.ts";
import type { StaffUser } from "./staff.ts";

export interface GoalInput {
  year: number;
  label: string;
  kind: GoalKind;
  basis: GoalBasis;
  courseTypes: string[];
  target: number;
}

/** The stored goal, as the API gives it. */
export function goalView(g: Goal) {
  return {
    id: g.id,
    year: g.year,
    label: g.label,
    kind: g.kind as GoalKind,
    basis: g.basis as GoalBasis,
    courseTypes: g.courseTypes,
    target: g.target,
  };
}

async function checkTypes(db: Db, organiserId: number, codes: string[] | undefined) {
  const unknown = await unknownCourseTypes(db, organiserId, codes ?? []);
  if (unknown.length) {
    throw new AppError(400, "invalid_input", "Uppgifterna är inte giltiga. Rätta de markerade fälten.", {
      courseTypes: `Okänd kurstyp: ${unknown.join(", ")}. Välj bland förbundets kurstyper.`,
    });
  }
}

export async function findGoal(db: Db, staff: StaffUser, id: number): Promise<Goal> {
  const [g] = await db.select().from(goals).where(eq(goals.id, id));
  if (!g) throw notFound("Målet", "goal_not_found");
  if (g.organiserId !== staff.organiserId) throw new AppError(403, "forbidden", "Du har inte behörighet till det här.");
  return g;
}

export async function createGoal(db: Db, staff: StaffUser, now: Date, input: GoalInput) {
  await checkTypes(db, staff.organiserId, input.courseTypes);
  const courseTypes = [...new Set(input.courseTypes)];
  const [row] = await db.batchSql([
    sql`INSERT INTO goals (organiser_id, year, label, kind, basis, course_types, target, sort_order, created_at)
        VALUES (${staff.organiserId}, ${input.year}, ${input.label}, ${input.kind}, ${input.basis}, ${JSON.stringify(courseTypes)}, ${input.target},
                (SELECT coalesce(max(sort_order) + 1, 0) FROM goals WHERE organiser_id = ${staff.organiserId} AND year = ${input.year}),
                ${now.getTime()})
        RETURNING id`,
    auditStatement(
      staff,
      now,
      "goal.create",
      "goal",
      sql`(SELECT max(id) FROM goals WHERE organiser_id = ${staff.organiserId})`,
      null,
      { ...input, courseTypes },
    ),
  ]);
  return goalView(await findGoal(db, staff, Number(row![0]!.id)));
}

export async function updateGoal(db: Db, staff: StaffUser, now: Date, id: number, patch: Partial<GoalInput>) {
  const before = await findGoal(db, staff, id);
  await checkTypes(db, staff.organiserId, patch.courseTypes);
  const set = {
    ...(patch.year !== undefined ? { year: patch.year } : {}),
    ...(patch.label !== undefined ? { label: patch.label } : {}),
    ...(patch.kind !== undefined ? { kind: patch.kind } : {}),
    ...(patch.basis !== undefined ? { basis: patch.basis } : {}),
    ...(patch.courseTypes !== undefined ? { courseTypes: [...new Set(patch.courseTypes)] } : {}),
    ...(patch.target !== undefined ? { target: patch.target } : {}),
  };
  if (Object.keys(set).length === 0) return goalView(before);
  const after = { ...before, ...set };
  // The change and its audit row in one batch: both or neither.
  await db.batchSql([
    db.update(goals).set(set).where(eq(goals.id, id)).getSQL(),
    auditStatement(staff, now, "goal.update", "goal", id, goalView(before), goalView(after)),
  ]);
  return goalView(after);
}

export async function deleteGoal(db: Db, staff: StaffUser, now: Date, id: number) {
  const before = await findGoal(db, staff, id);
  await db.batchSql([
    sql`DELETE FROM goals WHERE id = ${id}`,
    auditStatement(staff, now, "goal.delete", "goal", id, goalView(before), null),
  ]);
}

/** Last year's goals (or any year's) for a new year, in one batch. */
export async function copyGoals(db: Db, staff: StaffUser, now: Date, from: number, to: number) {
  if (from === to) {
    throw new AppError(400, "invalid_input", "Uppgifterna är inte giltiga. Rätta de markerade fälten.", {
      to: "Välj ett annat år än det du kopierar från.",
    });
  }
  const [source, existing] = await Promise.all([
    listGoals(db, staff.organiserId, from),
    listGoals(db, staff.organiserId, to),
  ]);
  if (source.length === 0) throw new AppError(404, "goals_not_found", `Det finns inga mål för ${from} att kopiera.`);
  if (existing.length > 0)
    throw new AppError(409, "goals_exist", `Det finns redan mål för ${to}. Ändra dem där, eller ta bort dem först.`);
  await db.batchSql([
    sql`INSERT INTO goals (organiser_id, year, label, kind, basis, course_types, target, sort_order, created_at)
        SELECT organiser_id, ${to}, label, kind, basis, course_types, target, sort_order, ${now.getTime()}
        FROM goals WHERE organiser_id = ${staff.organiserId} AND year = ${from}
          -- Two copies at once: the second finds the year taken and copies nothing.
          AND NOT EXISTS (SELECT 1 FROM goals g2 WHERE g2.organiser_id = ${staff.organiserId} AND g2.year = ${to})
        ORDER BY sort_order, id`,
    auditStatement(staff, now, "goal.copy", "goal", null, null, { from, to, goals: source.length }),
  ]);
  return (await listGoals(db, staff.organiserId, to)).map(goalView);
}
