// What the entry files hand to the app: the database, the clock and the few settings the
// routes need. Nothing here knows whether it runs on Node or on Workers.
import type { Context } from "hono";
import type { Db } from "../db/client.ts";
import type { Clock } from "./domain/clock.ts";
import type { RateLimitSettings } from "./domain/rate-limit.ts";
import type { Authenticated } from "./domain/staff.ts";
import type { DevMailbox } from "./mail/dev-mailbox.ts";

export interface AppDeps {
  db: Db;
  clock: Clock;
  publicUrl: string;
  mailFrom: string;
  /**
   * Tells the outbox drainer that there is mail to send now; it never blocks the request.
   * Gets the request context so the Worker can hand the drain to `executionCtx.waitUntil`.
   */
  kickOutbox?: (c: Context<AppEnv>) => void;
  /** Present only in development without SMTP_URL: the mailbox shown at /dev/mail. */
  devMailbox?: DevMailbox;
  /** RATE_LIMITS (decision 015); unset: the default limits, on. */
  rateLimits?: RateLimitSettings;
  /**
   * The client's address as the runtime knows it (Node: the connection, or X-Forwarded-For
   * behind TRUST_PROXY proxies; Workers: CF-Connecting-IP), for the limits per address.
   * Without it every client shares one address's limits.
   */
  clientAddress?: (c: Context<AppEnv>) => string | undefined;
}

export type AppEnv = { Variables: { deps: AppDeps; staff: Authenticated } };
