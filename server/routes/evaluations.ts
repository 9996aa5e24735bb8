// Course evaluations (issue 12): the participant's anonymous answer from her link, and the
// results for the office (this file, under /api/office behind the office's guards). The
// leader's view of her own occasions is in leader.ts. Rules in server/domain/evaluations.ts.
import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../context.ts";
import { AppError } from "../domain/errors.ts";
import {
  answerEvaluation,
  evaluationForm,
  evaluationIdsOf,
  evaluationResults,
  occasionEvaluation,
  RECOMMEND,
  yearEvaluations,
} from "../domain/evaluations.ts";
import { courses, occasions } from "../../db/schema.ts";
import { ownedById } from "./office.ts";
import { rateLimit } from "./rate-limit.ts";
import { requireRole, requireStaff } from "./staff-auth.ts";
import { idParam, validate } from "./validate.ts";

const grade = (message: string) => z.number(message).int(message).min(1, message).max(5, message);
const freeText = z
  .string("Svaret ska vara text.")
  .trim()
  .max(2000, "Skriv högst 2000 tecken.")
  .nullish()
  .transform((v) => (v ? v : null));

export const answerBody = z.object({
  overall: grade("Välj ett betyg från 1 till 5."),
  usefulness: grade("Välj ett betyg från 1 till 5."),
  recommend: z.enum(RECOMMEND, "Välj ja, nej eller vet inte."),
  good: freeText,
  better: freeText,
  extra: z
    .record(z.string().max(40), z.union([z.number(), z.string().max(2000, "Skriv högst 2000 tecken.")]))
    .optional()
    .transform((v) => v ?? {}),
});

const tokenParam = z.object({ token: z.string().max(200) });

export const publicEvaluationRoutes = new Hono<AppEnv>()
  .use("/evaluations/:token", rateLimit("token-address", "token-unknown"))
  .get("/evaluations/:token", validate("param", tokenParam), async (c) => {
    const { db } = c.var.deps;
    return c.json({ evaluation: await evaluationForm(db, c.req.valid("param").token) });
  })
  .post(
    "/evaluations/:token",
    validate("param", tokenParam),
    rateLimit("registration-address"),
    validate("json", answerBody),
    async (c) => {
      const { db } = c.var.deps;
      await answerEvaluation(db, c.req.valid("param").token, c.req.valid("json"));
      return c.json({ answered: true, message: "Tack för dina svar!" }, 201);
    },
  );

const yearQuery = z.object({
  year: z
    .string()
    .regex(/^\d{4}$/, "Ange ett år, t.ex. 2026.")
    .transform(Number)
    .refine((y) => y >= 2000 && y <= 2100, "Ange ett år mellan 2000 och 2100."),
});

export const officeEvaluationRoutes = new Hono<AppEnv>()
  .use("*", requireStaff, requireRole("office"))
  .use("/evaluations/occasions/:id", ownedById(occasions, "Tillfället", "occasion_not_found"))
  .use("/evaluations/courses/:id", ownedById(courses, "Utbildningen", "course_not_found"))
  .get("/evaluations", validate("query", yearQuery), async (c) => {
    const { db } = c.var.deps;
    return c.json(await yearEvaluations(db, c.var.staff.user.organiserId, c.req.valid("query").year));
  })
  .get("/evaluations/occasions/:id", validate("param", idParam), async (c) => {
    const { db } = c.var.deps;
    return c.json(await occasionEvaluation(db, c.var.staff.user.organiserId, c.req.valid("param").id));
  })
  .get("/evaluations/courses/:id", validate("param", idParam), validate("query", yearQuery), async (c) => {
    const { db } = c.var.deps;
    const organiserId = c.var.staff.user.organiserId;
    const { year } = c.req.valid("query");
    const id = c.req.valid("param").id;
    const [now, before] = await Promise.all([
      evaluationIdsOf(db, organiserId, { courseId: id, year }),
      evaluationIdsOf(db, organiserId, { courseId: id, year: year - 1 }),
    ]);
    if (!now.length && !before.length) {
      throw new AppError(404, "evaluation_not_found", "Utbildningen har inga utvärderingar det året.");
    }
    return c.json({
      year,
      result: await evaluationResults(db, now),
      lastYear: await evaluationResults(db, before),
    });
  });
