// What the entry files hand to the app: the database, the clock and the few settings the
// routes need. Nothing here knows whether it runs on Node or on Workers.
import type { Context } from "hono";
import type { Db } from "../db/client.ts";
import type { Clock } from "./domain/clock.ts";
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
}

export type AppEnv = { Variables: { deps: AppDeps; staff: Authenticated } };
