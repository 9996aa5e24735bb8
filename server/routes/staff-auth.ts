// Guards for staff routes. A request is a staff member's when it carries a session cookie
// (the browser) or `Authorization: Bearer <API token>` (scripts). Cookie-borne requests
// that change something must also echo the session's CSRF token in `X-CSRF-Token`.
import { getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../context.ts";
import { AppError } from "../domain/errors.ts";
import { authenticate, type Role } from "../domain/staff.ts";

export const SESSION_COOKIE = "kurser_session";
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Who is asking: sets c.var.staff, or answers 401. */
export const requireStaff = createMiddleware<AppEnv>(async (c, next) => {
  // Two routers share /api/office; the first one's guard has already asked.
  if (c.get("staff")) return next();
  const { db, clock } = c.var.deps;
  const header = c.req.header("authorization");
  const bearer = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
  const cookie = getCookie(c, SESSION_COOKIE);
  const auth = bearer
    ? await authenticate(db, clock(), bearer, "api")
    : cookie
      ? await authenticate(db, clock(), cookie, "session")
      : null;
  if (!auth) throw new AppError(401, "unauthenticated", "Du behöver logga in.");
  if (auth.via === "session" && !SAFE_METHODS.has(c.req.method) && c.req.header("x-csrf-token") !== auth.csrf) {
    throw new AppError(403, "csrf_failed", "Begäran saknar giltig CSRF-token. Ladda om sidan och försök igen.");
  }
  c.set("staff", auth);
  await next();
});

/**
 * A change that must come from one of our own pages, for requests without a session to
 * carry a CSRF token (signing in). Browsers send Origin with every POST made by a page,
 * and Sec-Fetch-Site; a client that sends neither is not a browser, so it cannot be
 * another site's page acting with someone's browser.
 */
export const requireSameOrigin = createMiddleware<AppEnv>(async (c, next) => {
  const site = c.req.header("sec-fetch-site");
  const origin = c.req.header("origin");
  // Our origin as people reach it (PUBLIC_URL, also behind a proxy), or as this request names it.
  const own = [new URL(c.var.deps.publicUrl).origin, new URL(c.req.url).origin];
  if ((site && site !== "same-origin") || (origin !== undefined && !own.includes(origin))) {
    throw new AppError(
      403,
      "cross_site",
      "Inloggningen måste göras på vår egen webbplats. Öppna länken i mejlet igen.",
    );
  }
  await next();
});

/** Only these roles may pass (after requireStaff). */
export const requireRole = (...roles: Role[]) =>
  createMiddleware<AppEnv>(async (c, next) => {
    if (!roles.includes(c.var.staff.user.role))
      throw new AppError(403, "forbidden", "Du har inte behörighet till det här.");
    await next();
  });
