// The chancellery's API: everything the office screens do, for office staff of the
// organiser (session or API token). Every route here is behind requireStaff + office role;
// tests/api/role-matrix.test.ts checks that for every route the app has.
import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../context.ts";
import { listAudit, listOfficeOccasions } from "../domain/office.ts";
import { requireRole, requireStaff } from "./staff-auth.ts";
import { validate } from "./validate.ts";

export const officeRoutes = new Hono<AppEnv>()
  .use("*", requireStaff, requireRole("office"))
  .get("/occasions", validate("query", z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() })), async (c) => {
    const { db, clock } = c.var.deps;
    const occasions = await listOfficeOccasions(db, c.var.staff.user.organiserId, clock(), c.req.valid("query").year);
    return c.json({ occasions });
  })
  .get("/audit", async (c) => {
    const { db } = c.var.deps;
    return c.json({ entries: await listAudit(db, c.var.staff.user.organiserId) });
  });
