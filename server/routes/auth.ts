// Staff sign-in: ask for a link by e-mail, follow it, get a session cookie; sign out.
import { Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { z } from "zod";
import type { AppEnv } from "../context.ts";
import { AppError } from "../domain/errors.ts";
import { endSession, redeemSignInToken, requestSignInLink, SESSION_TTL_MS } from "../domain/staff.ts";
import { requireStaff, SESSION_COOKIE } from "./staff-auth.ts";
import { validate } from "./validate.ts";

export const authRoutes = new Hono<AppEnv>()
  .post(
    "/link",
    validate("json", z.object({ email: z.string().trim().max(254).pipe(z.email("Skriv en giltig e-postadress.")) })),
    async (c) => {
      const { db, clock, publicUrl, kickOutbox } = c.var.deps;
      await requestSignInLink(db, clock(), c.req.valid("json").email, publicUrl);
      kickOutbox?.(c);
      // The same answer whether or not the address has an account.
      return c.json({ message: "Om adressen har ett konto hos oss har vi skickat en inloggningslänk till den." }, 202);
    },
  )
  .get("/callback", validate("query", z.object({ token: z.string().max(100) })), async (c) => {
    const { db, clock, publicUrl } = c.var.deps;
    try {
      const { session } = await redeemSignInToken(db, clock(), c.req.valid("query").token);
      setCookie(c, SESSION_COOKIE, session, {
        httpOnly: true,
        sameSite: "Lax",
        secure: publicUrl.startsWith("https:"),
        path: "/",
        maxAge: SESSION_TTL_MS / 1000,
      });
      return c.redirect("/kansliet", 303);
    } catch (err) {
      if (err instanceof AppError) return c.redirect("/logga-in?fel=lanken", 303);
      throw err;
    }
  })
  .get("/me", requireStaff, (c) => {
    const { user, csrf } = c.var.staff;
    return c.json({ user, csrfToken: csrf });
  })
  .post("/sign-out", requireStaff, async (c) => {
    const { db, clock } = c.var.deps;
    const session = getCookie(c, SESSION_COOKIE);
    if (session) await endSession(db, clock(), session);
    deleteCookie(c, SESSION_COOKIE, { path: "/" });
    return c.body(null, 204);
  });
