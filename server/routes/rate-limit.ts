// The rate limits of server/domain/rate-limit.ts as Hono middleware: `rateLimit("sign-in-email",
// "sign-in-address")` in a route, after its validators (an e-mail or a day is read from the
// validated body, so malformed requests are refused before they count).
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../context.ts";
import { AppError } from "../domain/errors.ts";
import {
  addressKey,
  checkRateLimits,
  countFailure,
  RATE_LIMITS_ON,
  rateLimitedMessage,
  type KeyKind,
  type RateLimitHit,
  type RuleName,
} from "../domain/rate-limit.ts";
import { emailKey } from "../domain/registration.ts";

function keyValue(c: Context<AppEnv>, kind: KeyKind): string {
  const address = addressKey(c.var.deps.clientAddress?.(c));
  if (kind === "address") return address;
  // Only ever placed after validate("json", …) of a body with these fields.
  const body = c.req.valid("json" as never) as { email?: string; dayId?: number };
  if (kind === "email") return emailKey(String(body.email));
  return `${body.dayId}|${address}`;
}

export function rateLimit(...names: RuleName[]) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const { db, clock, rateLimits = RATE_LIMITS_ON } = c.var.deps;
    if (!rateLimits.enabled) return next();
    const now = clock();
    const hits: RateLimitHit[] = names.map((name) => ({
      name,
      rule: rateLimits.rules[name],
      value: keyValue(c, rateLimits.rules[name].key),
    }));
    const verdict = await checkRateLimits(db, now, hits);
    if (verdict.blocked) {
      return c.json({ error: { code: "rate_limited", message: rateLimitedMessage(verdict.retryAfterSeconds) } }, 429, {
        "Retry-After": String(verdict.retryAfterSeconds),
      });
    }
    await next();
    // Hono has turned a thrown error into the answer by now and keeps it in c.error.
    const code = c.error instanceof AppError ? c.error.code : null;
    if (code)
      await countFailure(
        db,
        now,
        hits.filter((h) => h.rule.countsOnly?.includes(code)),
      );
  });
}
