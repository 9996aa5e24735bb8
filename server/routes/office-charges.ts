// The office's needs counts for the caterer and the venue, and the late cancellations and
// no-shows it invoices (issue 11). Mounted under /api/office, behind the same guards as the
// office's other routes (tests/api/role-matrix.test.ts walks these too). The rules are in
// server/domain/needs.ts and server/domain/charges.ts; the files are written the way the
// follow-up's are (routes/follow-up.ts, domain/spreadsheet.ts).
import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../context.ts";
import { CHARGES, chargeList, chargesOverview, chargesSheet, setCharge } from "../domain/charges.ts";
import { needsSummary } from "../domain/needs.ts";
import { occasionForStaff } from "../domain/planning.ts";
import { file, fileParam, thisYear, yearQuery } from "./follow-up.ts";
import { requireRole, requireStaff } from "./staff-auth.ts";
import { idParam, validate } from "./validate.ts";

const chargeBody = z.object({
  charge: z.enum(CHARGES, "Välj sen avbokning eller utebliven, eller null för att ta bort markeringen.").nullable(),
});

export const officeChargesRoutes = new Hono<AppEnv>()
  .use("*", requireStaff, requireRole("office"))
  .get("/occasions/:id/needs", validate("param", idParam), async (c) => {
    const { db } = c.var.deps;
    const id = c.req.valid("param").id;
    await occasionForStaff(db, c.var.staff.user, id);
    return c.json(await needsSummary(db, id));
  })
  .post("/registrations/:id/charge", validate("param", idParam), validate("json", chargeBody), async (c) => {
    const { db, clock } = c.var.deps;
    const registration = await setCharge(
      db,
      c.var.staff.user,
      clock(),
      c.req.valid("param").id,
      c.req.valid("json").charge,
    );
    return c.json({ registration });
  })
  .get("/charges", validate("query", yearQuery), async (c) => {
    const { db, clock } = c.var.deps;
    const now = clock();
    const year = c.req.valid("query").year ?? thisYear(now);
    return c.json(await chargesOverview(db, c.var.staff.user.organiserId, year, now));
  })
  .get(
    "/:file{charges\\.(?:csv|xlsx)}",
    validate("param", fileParam("charges")),
    validate("query", yearQuery),
    async (c) => {
      const { db, clock } = c.var.deps;
      const year = c.req.valid("query").year ?? thisYear(clock());
      const groups = await chargeList(db, c.var.staff.user.organiserId, year);
      return file([chargesSheet(groups, year)], c.req.valid("param").format, `avgifter-${year}`);
    },
  );
