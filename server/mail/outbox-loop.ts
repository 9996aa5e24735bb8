// The in-process drainer for Node: wakes every `intervalMs`, and at once when a request
// says there is new mail (kick). One drain at a time per process; several processes may
// run it against one database, since rows are claimed atomically (domain/outbox.ts).
import type { Db } from "../../db/client.ts";
import type { Clock } from "../domain/clock.ts";
import { drainOutbox, LEASE_MS } from "../domain/outbox.ts";
import { queueEvaluations } from "../domain/evaluations.ts";
import { runRetention } from "../domain/personal-data.ts";
import { queueReminders } from "../domain/registration.ts";
import type { Mailer } from "./mailer.ts";
import type { MailContext } from "./templates.ts";

const KICK_DELAY_MS = 25;
/** Retention (needs erased, people anonymised) runs at the first tick and then hourly. */
export const RETENTION_EVERY_MS = 60 * 60_000;

export interface OutboxLoop {
  kick(): void;
  stop(): Promise<void>;
  /** Resolves when nothing is due any more (for tests and scripts). */
  idle(): Promise<void>;
}

export function startOutboxLoop(
  db: Db,
  mailer: Mailer,
  clock: Clock,
  ctx: MailContext,
  intervalMs: number,
  workerId: string,
  leaseMs = LEASE_MS,
): OutboxLoop {
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  let kicked: ReturnType<typeof setTimeout> | null = null;

  const run = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          const r = await drainOutbox(db, mailer, clock, ctx, { workerId, leaseMs });
          if (r.sent + r.failed > 0) again = true;
        } while (again && !stopped);
      } catch (err) {
        console.error("utkorgen:", err);
      } finally {
        running = null;
      }
    })();
    return running;
  };

  // Reminders are queued on the timer (not on every kick): a cheap UPDATE when nothing is due.
  let retainedAt = Number.NEGATIVE_INFINITY;
  const tick = async () => {
    try {
      await queueReminders(db, clock());
      await queueEvaluations(db, clock());
    } catch (err) {
      console.error("påminnelser:", err);
    }
    if (clock().getTime() - retainedAt >= RETENTION_EVERY_MS) {
      retainedAt = clock().getTime();
      try {
        const r = await runRetention(db, clock());
        if (r.addresses.length) mailer.forget?.(r.addresses);
      } catch (err) {
        console.error("gallring:", err);
      }
    }
    await run();
  };
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref?.();
  return {
    // A burst of registrations kicks many times; wait a moment so one drain takes them together.
    kick: () => {
      if (stopped || kicked) return;
      kicked = setTimeout(() => {
        kicked = null;
        void run();
      }, KICK_DELAY_MS);
    },
    stop: async () => {
      stopped = true;
      if (kicked) clearTimeout(kicked);
      clearInterval(timer);
      await running;
    },
    idle: async () => {
      while (running) await running;
      await run();
    },
  };
}
