// The course leader's API: the list at the door, marks per day, walk-ins, the projector's
// check-in code. Leaders reach only the occasions they lead; the office all of its organiser's.
import { Hono } from "hono";
import { createMiddleware } from "hono/factory";
import { z } from "zod";
import type { AppEnv } from "../context.ts";
import {
  addWalkIn,
  checkinCode,
  closeDay,
  leaderOccasions,
  MARKS,
  occasionForLeader,
  participantList,
  setMark,
} from "../domain/attendance.ts";
import { occasionEvaluation } from "../domain/evaluations.ts";
import { needsSummary } from "../domain/needs.ts";
import { staffRegistrationBody } from "./public.ts";
import { requireRole, requireStaff } from "./staff-auth.ts";
import { idParam, validate } from "./validate.ts";

const dayParams = z.object({
  id: z
    .string()
    .regex(/^\d{1,15}$/)
    .transform(Number),
  dayId: z
    .string()
    .regex(/^\d{1,15}$/)
    .transform(Number),
});
const markParams = dayParams.extend({
  registrationId: z
    .string()
    .regex(/^\d{1,15}$/)
    .transform(Number),
});

/** The occasion in the path must be one this person leads (or their office's), before anything else. */
const leadsOccasion = createMiddleware<AppEnv>(async (c, next) => {
  const id = Number(c.req.param("id"));
  if (Number.isSafeInteger(id) && id > 0) await occasionForLeader(c.var.deps.db, c.var.staff.user, id);
  await next();
});

export const leaderRoutes = new Hono<AppEnv>()
  .use("*", requireStaff, requireRole("leader", "office"))
  .use("/occasions/:id/*", leadsOccasion)
  .get(
    "/occasions",
    validate("query", z.object({ from: z.iso.date("Ange datumet som ÅÅÅÅ-MM-DD.").optional() })),
    async (c) => {
      const from = c.req.valid("query").from;
      return c.json({
        occasions: await leaderOccasions(
          c.var.deps.db,
          c.var.staff.user,
          from ? new Date(`${from}T00:00:00Z`) : undefined,
        ),
      });
    },
  )
  .get("/occasions/:id/participants", validate("param", idParam), async (c) => {
    const { db, clock } = c.var.deps;
    return c.json(await participantList(db, c.var.staff.user, c.req.valid("param").id, clock()));
  })
  // Counts without names, for the caterer and the venue; access was checked by leadsOccasion.
  .get("/occasions/:id/needs", validate("param", idParam), async (c) => {
    return c.json(await needsSummary(c.var.deps.db, c.req.valid("param").id));
  })
  // The evaluation of an occasion she led (issue 12): the same results and threshold as the office's.
  .get("/occasions/:id/evaluation", validate("param", idParam), async (c) => {
    return c.json(await occasionEvaluation(c.var.deps.db, c.var.staff.user.organiserId, c.req.valid("param").id));
  })
  .put(
    "/occasions/:id/days/:dayId/attendance/:registrationId",
    validate("param", markParams),
    validate(
      "json",
      z.object({ status: z.enum(MARKS, "Välj närvarande, sen, giltig frånvaro eller frånvarande.").nullable() }),
    ),
    async (c) => {
      const { db, clock } = c.var.deps;
      const p = c.req.valid("param");
      return c.json({
        mark: await setMark(db, c.var.staff.user, clock(), p.id, p.dayId, p.registrationId, c.req.valid("json").status),
      });
    },
  )
  .post("/occasions/:id/days/:dayId/close", validate("param", dayParams), async (c) => {
    const { db, clock } = c.var.deps;
    const p = c.req.valid("param");
    return c.json(await closeDay(db, c.var.staff.user, clock(), p.id, p.dayId));
  })
  .post(
    "/occasions/:id/days/:dayId/walk-ins",
    validate("param", dayParams),
    validate("json", staffRegistrationBody),
    async (c) => {
      const { db, clock } = c.var.deps;
      const p = c.req.valid("param");
      return c.json(await addWalkIn(db, c.var.staff.user, clock(), p.id, p.dayId, c.req.valid("json")), 201);
    },
  )
  .get("/occasions/:id/days/:dayId/checkin-code", validate("param", dayParams), async (c) => {
    const { db, clock, publicUrl } = c.var.deps;
    const p = c.req.valid("param");
    return c.json(await checkinCode(db, c.var.staff.user, clock(), p.id, p.dayId, publicUrl));
  });
