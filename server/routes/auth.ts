// Staff sign-in: ask for a link by e-mail, open it (a page that asks "Logga in som …?"),
// press its button (POST /sign-in) and get a session cookie; sign out.
import { Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { z } from "zod";
import type { AppEnv } from "../context.ts";
import {
  describeSignInLink,
  endSession,
  redeemSignInToken,
  requestSignInLink,
  SESSION_TTL_MS,
} from "../domain/staff.ts";
import { safeNextPath } from "../domain/next-path.ts";
import { requireSameOrigin, requireStaff, SESSION_COOKIE } from "./staff-auth.ts";
import { rateLimit } from "./rate-limit.ts";
import { emailAddress, validate } from "./validate.ts";

const linkToken = z.string().min(1).max(100);

export const authRoutes = new Hono<AppEnv>()
  .post(
    "/link",
    validate(
      "json",
      z.object({
        email: emailAddress,
        // The page to go to after signing in; anything but a same-site staff path is dropped.
        next: z.unknown().optional().transform(safeNextPath),
      }),
    ),
    // Per e-mail whether or not it has an account, so a 429 tells nothing about who has one.
    rateLimit("sign-in-email", "sign-in-address"),
    async (c) => {
      const { db, clock, publicUrl, kickOutbox } = c.var.deps;
      const { email, next } = c.req.valid("json");
      await requestSignInLink(db, clock(), email, publicUrl, next);
      kickOutbox?.(c);
      // The same answer whether or not the address has an account.
      return c.json({ message: "Om adressen har ett konto hos oss har vi skickat en inloggningslänk till den." }, 202);
    },
  )
  // Whose the link is; a GET never uses it up (mail scanners fetch links before people do).
  .get("/sign-in", validate("query", z.object({ token: linkToken })), async (c) => {
    const { db, clock } = c.var.deps;
    return c.json({ link: await describeSignInLink(db, clock(), c.req.valid("query").token) });
  })
  // The page's button. The token in the body is the secret; the origin check stops another
  // site from signing a browser into the other site's own account.
  .post("/sign-in", requireSameOrigin, validate("json", z.object({ token: linkToken })), async (c) => {
    const { db, clock, publicUrl } = c.var.deps;
    const { session, csrf, user } = await redeemSignInToken(
      db,
      clock(),
      c.req.valid("json").token,
      getCookie(c, SESSION_COOKIE),
    );
    setCookie(c, SESSION_COOKIE, session, {
      httpOnly: true,
      sameSite: "Lax",
      secure: publicUrl.startsWith("https:"),
      path: "/",
      maxAge: SESSION_TTL_MS / 1000,
    });
    return c.json({ user, csrfToken: csrf });
  })
  // Links mailed before the sign-in page existed: on to the page, without using them up.
  .get("/callback", validate("query", z.object({ token: linkToken.optional() })), (c) => {
    const { token } = c.req.valid("query");
    return c.redirect(token ? `/logga-in/lank?token=${encodeURIComponent(token)}` : "/logga-in?fel=lanken", 303);
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
