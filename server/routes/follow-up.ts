// The office's follow-up: the year's goals and their figures, the lists behind them, the
// workplace register and merges of workplaces and people, course types, and the exports.
// Mounted under /api/office, behind the same guards as the office's other routes
// (tests/api/role-matrix.test.ts walks these too).
import { Hono, type Context } from "hono";
import { z } from "zod";
import { evaluationSheet, yearEvaluations } from "../domain/evaluations.ts";
import type { AppEnv } from "../context.ts";
import {
  COURSE_TYPE_CODE,
  createCourseType,
  listCourseTypes,
  listCourseTypesWithUse,
  renameCourseType,
} from "../domain/course-types.ts";
import { saveEffortYear } from "../domain/effort-years.ts";
import { finsamReport, followUp, GOAL_BASES, GOAL_KINDS, goalWithMembers, stockholmYear } from "../domain/follow-up.ts";
import { copyGoals, createGoal, deleteGoal, findGoal, goalView, updateGoal } from "../domain/goals.ts";
import { listPeople, mergePeople, undoPersonMerge } from "../domain/people.ts";
import {
  EXPORT_COLUMN_KEYS,
  finsamSheet,
  registrationsSheet,
  yearSheets,
  type ExportColumn,
} from "../domain/reports.ts";
import { attachment, CSV_TYPE, toCsv, toCsvSections, toXlsx, XLSX_TYPE, type Sheet } from "../domain/spreadsheet.ts";
import { listWorkplaceRegister, mergeWorkplaces, undoWorkplaceMerge } from "../domain/workplaces.ts";
import { requireRole, requireStaff } from "./staff-auth.ts";
import { emailAddress, idParam, validate } from "./validate.ts";

const year = z.coerce
  .number("Ange ett år.")
  .int("Ange ett år, t.ex. 2026.")
  .min(2000, "Ange ett år mellan 2000 och 2100.")
  .max(2100, "Ange ett år mellan 2000 och 2100.");
export const yearQuery = z.object({ year: year.optional() });
const goalBody = z.object({
  year: z
    .number("Ange ett år.")
    .int("Ange ett år, t.ex. 2026.")
    .min(2000, "Ange ett år mellan 2000 och 2100.")
    .max(2100, "Ange ett år mellan 2000 och 2100."),
  label: z.string("Skriv vad målet heter.").trim().min(2, "Skriv vad målet heter.").max(120, "Högst 120 tecken."),
  kind: z.enum(
    GOAL_KINDS,
    "Välj vad målet räknar: arbetsplatser, medarbetare, deltagartillfällen eller genomförda tillfällen.",
  ),
  basis: z.enum(GOAL_BASES, "Välj om målet räknar deltagit eller anmälda."),
  courseTypes: z
    .array(z.string().regex(COURSE_TYPE_CODE, "Okänd kurstyp."), "Välj kurstyper (ingen vald = alla).")
    .max(50),
  target: z
    .number("Ange ett målvärde.")
    .int("Målvärdet ska vara ett heltal.")
    .min(1, "Målvärdet ska vara minst 1.")
    .max(1_000_000, "Högst 1 000 000."),
});
/** Whole kronor or persons, null for "not entered" (an empty field), left out to keep it. */
const amount = (what: string, negative: string, max: number, maxText: string) =>
  z
    .number(`Ange ${what} som ett heltal, eller lämna fältet tomt.`)
    .int(`Ange ${what} i hela tal, utan decimaler.`)
    .min(0, negative)
    .max(max, `Högst ${maxText}.`)
    .nullable()
    .optional();
const effortYearBody = z.object({
  budgetKr: amount("budgeten", "Budgeten kan inte vara negativ.", 1_000_000_000, "1 000 000 000 kronor"),
  outcomeKr: amount("utfallet", "Utfallet kan inte vara negativt.", 1_000_000_000, "1 000 000 000 kronor"),
  plannedParticipants: amount(
    "planerat antal deltagare",
    "Planerat antal deltagare kan inte vara negativt.",
    1_000_000,
    "1 000 000 deltagare",
  ),
});
const effortYearParam = z.object({
  courseId: z.coerce.number("Okänd utbildning.").int("Okänd utbildning.").min(1, "Okänd utbildning."),
  year,
});
const emailList = emailAddress.toLowerCase();
const searchQuery = z.object({ q: z.string().max(100, "Högst 100 tecken.").optional() });
const isoDate = (what: string) => z.iso.date(`Ange ${what} som ÅÅÅÅ-MM-DD.`);
const exportQuery = z
  .object({
    from: isoDate("första dagen"),
    to: isoDate("sista dagen"),
    omit: z
      .string()
      .max(400)
      .optional()
      .transform((v) =>
        v
          ? v
              .split(",")
              .map((s) => s.trim())
              .filter(Boolean)
          : [],
      )
      .pipe(z.array(z.enum(EXPORT_COLUMN_KEYS, `Okänd kolumn. Välj bland ${EXPORT_COLUMN_KEYS.join(", ")}.`))),
  })
  .refine((q) => q.from <= q.to, { message: "Perioden slutar före den börjar.", path: ["to"] })
  .refine((q) => Number(q.to.slice(0, 4)) - Number(q.from.slice(0, 4)) <= 20, {
    message: "Välj en period på högst 20 år.",
    path: ["to"],
  });

export const thisYear = (now: Date) => stockholmYear(now);

/** The file answer, with a name the office recognises ("uppfoljning-finsam-2026.xlsx"). */
export function file(sheets: Sheet[], format: "csv" | "xlsx", name: string): Response {
  const headers = { "content-disposition": attachment(`${name}.${format}`), "cache-control": "no-store" };
  if (format === "csv") {
    const text = sheets.length === 1 ? toCsv(sheets[0]!) : toCsvSections(sheets);
    return new Response(text, { headers: { ...headers, "content-type": CSV_TYPE } });
  }
  return new Response(toXlsx(sheets) as Uint8Array<ArrayBuffer>, {
    headers: { ...headers, "content-type": XLSX_TYPE },
  });
}

/** The follow-up of a year (this year when none is given): the dashboard's JSON. */
const dashboard = async (
  c: Context<AppEnv, string, { in: { query: z.input<typeof yearQuery> }; out: { query: z.output<typeof yearQuery> } }>,
) => {
  const { db, clock } = c.var.deps;
  const now = clock();
  return c.json(await followUp(db, c.var.staff.user.organiserId, c.req.valid("query").year ?? thisYear(now), now));
};

/** `finsam.csv` or `finsam.xlsx` (Hono matches the whole segment; the format is its ending). */
export const fileParam = (base: string) =>
  z
    .object({ file: z.string().transform((f) => (f.endsWith(".xlsx") ? "xlsx" : "csv") as "csv" | "xlsx") })
    .transform((p) => ({ format: p.file, base }));

export const followUpRoutes = new Hono<AppEnv>()
  .use("*", requireStaff, requireRole("office"))
  .get("/goals", validate("query", yearQuery), dashboard)
  .post("/goals", validate("json", goalBody), async (c) => {
    const { db, clock } = c.var.deps;
    return c.json({ goal: await createGoal(db, c.var.staff.user, clock(), c.req.valid("json")) }, 201);
  })
  .post("/goals/copy", validate("json", z.object({ from: year, to: year })), async (c) => {
    const { db, clock } = c.var.deps;
    const { from, to } = c.req.valid("json");
    return c.json({ goals: await copyGoals(db, c.var.staff.user, clock(), from, to) }, 201);
  })
  .get("/goals/:id", validate("param", idParam), async (c) => {
    const { db } = c.var.deps;
    return c.json({ goal: goalView(await findGoal(db, c.var.staff.user, c.req.valid("param").id)) });
  })
  .patch("/goals/:id", validate("param", idParam), validate("json", goalBody.partial()), async (c) => {
    const { db, clock } = c.var.deps;
    return c.json({
      goal: await updateGoal(db, c.var.staff.user, clock(), c.req.valid("param").id, c.req.valid("json")),
    });
  })
  .delete("/goals/:id", validate("param", idParam), async (c) => {
    const { db, clock } = c.var.deps;
    await deleteGoal(db, c.var.staff.user, clock(), c.req.valid("param").id);
    return c.body(null, 204);
  })
  .get("/goals/:id/members", validate("param", idParam), async (c) => {
    const { db, clock } = c.var.deps;
    const goal = await findGoal(db, c.var.staff.user, c.req.valid("param").id);
    return c.json(await goalWithMembers(db, goal, clock()));
  })
  .get("/workplaces", validate("query", searchQuery), async (c) => {
    const { db } = c.var.deps;
    return c.json(await listWorkplaceRegister(db, c.var.staff.user.organiserId, c.req.valid("query").q));
  })
  .post(
    "/workplaces/merge",
    validate(
      "json",
      z.object({
        into: z.number("Välj arbetsplatsen de ska räknas som.").int().positive(),
        from: z
          .array(z.number().int().positive(), "Välj minst en arbetsplats att slå ihop.")
          .min(1, "Välj minst en arbetsplats att slå ihop.")
          .max(100),
      }),
    ),
    async (c) => {
      const { db, clock } = c.var.deps;
      const { into, from } = c.req.valid("json");
      return c.json({ merge: await mergeWorkplaces(db, c.var.staff.user, clock(), into, from) }, 201);
    },
  )
  .delete("/workplace-merges/:id", validate("param", idParam), async (c) => {
    const { db, clock } = c.var.deps;
    await undoWorkplaceMerge(db, c.var.staff.user, clock(), c.req.valid("param").id);
    return c.body(null, 204);
  })
  .get("/people", validate("query", searchQuery), async (c) => {
    const { db } = c.var.deps;
    return c.json(await listPeople(db, c.var.staff.user.organiserId, c.req.valid("query").q));
  })
  .post(
    "/people/merge",
    validate(
      "json",
      z.object({
        into: emailList,
        from: z
          .array(emailList, "Ange minst en adress att slå ihop.")
          .min(1, "Ange minst en adress att slå ihop.")
          .max(20),
      }),
    ),
    async (c) => {
      const { db, clock } = c.var.deps;
      const { into, from } = c.req.valid("json");
      return c.json({ merge: await mergePeople(db, c.var.staff.user, clock(), into, from) }, 201);
    },
  )
  .delete("/people-merges/:id", validate("param", idParam), async (c) => {
    const { db, clock } = c.var.deps;
    await undoPersonMerge(db, c.var.staff.user, clock(), c.req.valid("param").id);
    return c.body(null, 204);
  })
  .get("/course-types", async (c) => {
    const { db } = c.var.deps;
    return c.json({ courseTypes: await listCourseTypesWithUse(db, c.var.staff.user.organiserId) });
  })
  .post(
    "/course-types",
    validate(
      "json",
      z.object({
        name: z
          .string("Skriv kurstypens namn.")
          .trim()
          .min(3, "Skriv kurstypens namn (minst 3 tecken).")
          .max(120, "Högst 120 tecken."),
        code: z
          .string()
          .regex(COURSE_TYPE_CODE, "Koden får bara ha små bokstäver a–z, siffror och bindestreck.")
          .optional(),
      }),
    ),
    async (c) => {
      const { db, clock } = c.var.deps;
      return c.json(
        { courseType: await createCourseType(db, c.var.staff.user.organiserId, clock(), c.req.valid("json")) },
        201,
      );
    },
  )
  .patch(
    "/course-types/:code",
    validate("param", z.object({ code: z.string().regex(COURSE_TYPE_CODE) })),
    validate(
      "json",
      z.object({
        name: z
          .string("Skriv kurstypens namn.")
          .trim()
          .min(3, "Skriv kurstypens namn (minst 3 tecken).")
          .max(120, "Högst 120 tecken."),
      }),
    ),
    async (c) => {
      const { db } = c.var.deps;
      return c.json({
        courseType: await renameCourseType(
          db,
          c.var.staff.user.organiserId,
          c.req.valid("param").code,
          c.req.valid("json").name,
        ),
      });
    },
  )
  .get("/reports/finsam", validate("query", yearQuery), async (c) => {
    const { db, clock } = c.var.deps;
    const now = clock();
    return c.json({
      rows: await finsamReport(db, c.var.staff.user.organiserId, c.req.valid("query").year ?? thisYear(now), now),
    });
  })
  // Budget, outcome and planned participants of one effort (course) and year, for Finsam.
  .patch(
    "/efforts/:courseId/years/:year",
    validate("param", effortYearParam),
    validate("json", effortYearBody),
    async (c) => {
      const { db, clock } = c.var.deps;
      const { courseId, year: y } = c.req.valid("param");
      return c.json({ effort: await saveEffortYear(db, c.var.staff.user, clock(), courseId, y, c.req.valid("json")) });
    },
  )
  .get(
    "/reports/:file{finsam\\.(?:csv|xlsx)}",
    validate("param", fileParam("finsam")),
    validate("query", yearQuery),
    async (c) => {
      const { db, clock } = c.var.deps;
      const now = clock();
      const y = c.req.valid("query").year ?? thisYear(now);
      const rows = await finsamReport(db, c.var.staff.user.organiserId, y, now);
      return file([finsamSheet(rows, y)], c.req.valid("param").format, `uppfoljning-finsam-${y}`);
    },
  )
  // The annual report's figures as JSON are the dashboard's.
  .get("/reports/year", validate("query", yearQuery), dashboard)
  .get(
    "/reports/:file{year\\.(?:csv|xlsx)}",
    validate("param", fileParam("year")),
    validate("query", yearQuery),
    async (c) => {
      const { db, clock } = c.var.deps;
      const now = clock();
      const organiserId = c.var.staff.user.organiserId;
      const y = c.req.valid("query").year ?? thisYear(now);
      const [f, types, evaluated, efforts] = await Promise.all([
        followUp(db, organiserId, y, now),
        listCourseTypes(db, organiserId),
        yearEvaluations(db, organiserId, y),
        finsamReport(db, organiserId, y, now),
      ]);
      const typeName = (code: string) => types.find((t) => t.code === code)?.name ?? code;
      // Per effort: participants by gender next to budget and outcome, as the annual report sets them.
      return file(
        [...yearSheets(f, typeName), { ...finsamSheet(efforts, y), name: "Per insats" }, evaluationSheet(evaluated)],
        c.req.valid("param").format,
        `arsredovisning-${y}`,
      );
    },
  )
  .get(
    "/registrations/:file{export\\.(?:csv|xlsx)}",
    validate("param", fileParam("export")),
    validate("query", exportQuery),
    async (c) => {
      const { db } = c.var.deps;
      const q = c.req.valid("query");
      const sheet = await registrationsSheet(db, c.var.staff.user.organiserId, q.from, q.to, q.omit as ExportColumn[]);
      return file([sheet], c.req.valid("param").format, `anmalningar-${q.from}-${q.to}`);
    },
  );
