// Mail that did not get through, for the office (mounted under /api/office, behind the same
// guards as the office's other routes; tests/api/role-matrix.test.ts walks these too). The
// outbox never drops a mail silently: what it gave up, or keeps failing to send, is listed
// here with the reason, and the office can send it again (docs/decisions/016).
import { Hono } from "hono";
import type { AppEnv } from "../context.ts";
import { listUndelivered, resendMail } from "../domain/outbox.ts";
import { requireRole, requireStaff } from "./staff-auth.ts";
import { idParam, validate } from "./validate.ts";

export const officeMailRoutes = new Hono<AppEnv>()
  .use("*", requireStaff, requireRole("office"))
  .get("/mail/undelivered", async (c) => {
    const { db } = c.var.deps;
    return c.json({ mail: await listUndelivered(db, c.var.staff.user.organiserId) });
  })
  .post("/mail/:id/resend", validate("param", idParam), async (c) => {
    const { db, clock, kickOutbox } = c.var.deps;
    const mail = await resendMail(db, c.var.staff.user, clock(), c.req.valid("param").id);
    kickOutbox?.(c);
    return c.json({ mail });
  });
