// Cloudflare Workers entry: the same app on D1. Every request reaches this code first
// (run_worker_first): /api/* and /dev/* go to the app, everything else to the [assets]
// binding (single-page-application mode), with the same headers as on Node. Mail goes
// through the HTTP mailer; the outbox is drained right after each change (waitUntil) and
// by the Cron Trigger, which also catches anything that failed before.
import type {
  D1Database,
  ExecutionContext,
  Fetcher,
  ScheduledController,
} from "@cloudflare/workers-types/latest/index.ts";
import { Hono } from "hono";
import type { Db } from "../db/client.ts";
import { openD1 } from "../db/d1.ts";
import { createApp } from "./app.ts";
import { systemClock } from "./domain/clock.ts";
import { drainAll, drainOutbox } from "./domain/outbox.ts";
import { queueEvaluations } from "./domain/evaluations.ts";
import { runRetention } from "./domain/personal-data.ts";
import { queueReminders } from "./domain/registration.ts";
import { loadWorkerEnv, type WorkerEnv } from "./env.ts";
import { DevMailbox } from "./mail/dev-mailbox.ts";
import { httpMailer } from "./mail/http.ts";
import type { Mailer } from "./mail/mailer.ts";
import { securityHeaders } from "./security-headers.ts";

export interface Bindings {
  DB: D1Database;
  ASSETS: Fetcher;
  [key: string]: unknown;
}

interface Runtime {
  env: WorkerEnv;
  db: Db;
  mailer: Mailer;
  app: ReturnType<typeof createApp>;
  /** The built web app from the assets, with the pages' headers (CSP, no-store; /assets/* a year). */
  pages: Hono<{ Bindings: Bindings }>;
}

// One per isolate: bindings do not change while it lives. The dev mailbox, used only in
// development without MAIL_API_URL, lives as long as the isolate.
let runtime: Runtime | null = null;
const devMailbox = new DevMailbox();

function setup(bindings: Bindings): Runtime {
  if (runtime) return runtime;
  const env = loadWorkerEnv(bindings);
  const db = openD1(bindings.DB);
  const useDev = !env.MAIL_API_URL;
  const mailer: Mailer = useDev ? devMailbox : httpMailer(env.MAIL_API_URL!, env.MAIL_API_KEY);
  const ctx = { publicUrl: env.PUBLIC_URL, from: env.MAIL_FROM };
  const app = createApp({
    db,
    clock: systemClock,
    publicUrl: env.PUBLIC_URL,
    mailFrom: env.MAIL_FROM,
    devMailbox: useDev ? devMailbox : undefined,
    rateLimits: env.RATE_LIMITS,
    // Set by Cloudflare's edge for every request; a client cannot forge it.
    clientAddress: (c) => c.req.header("cf-connecting-ip"),
    kickOutbox: (c) =>
      c.executionCtx.waitUntil(
        drainOutbox(db, mailer, systemClock, ctx, { workerId: `worker:${crypto.randomUUID()}` }).catch((err) =>
          console.error("utkorgen:", err),
        ),
      ),
  });
  const pages = new Hono<{ Bindings: Bindings }>().use("*", securityHeaders(env.PUBLIC_URL)).all("*", async (c) => {
    const res = await c.env.ASSETS.fetch(c.req.raw as never);
    // A copy: the binding's answer has immutable headers.
    return new Response(res.body as BodyInit | null, res as unknown as ResponseInit);
  });
  runtime = { env, db, mailer, app, pages };
  return runtime;
}

export default {
  fetch(request: Request, bindings: Bindings, ctx: ExecutionContext) {
    const { app, pages } = setup(bindings);
    const path = new URL(request.url).pathname;
    // Every /api and /dev path is the app's, known or not (an unknown one gets its JSON 404).
    const api = path.startsWith("/api/") || path === "/api" || path.startsWith("/dev/");
    return (api ? app : pages).fetch(request, bindings, ctx);
  },
  async scheduled(event: ScheduledController, bindings: Bindings, ctx: ExecutionContext) {
    const { db, mailer, env } = setup(bindings);
    await queueReminders(db, systemClock());
    await queueEvaluations(db, systemClock());
    // Retention once an hour (the cron fires every minute), as the Node timer does.
    if (new Date(event.scheduledTime).getUTCMinutes() === 0) {
      const r = await runRetention(db, systemClock());
      if (r.addresses.length) mailer.forget?.(r.addresses);
    }
    ctx.waitUntil(
      drainAll(
        db,
        mailer,
        systemClock,
        { publicUrl: env.PUBLIC_URL, from: env.MAIL_FROM },
        `cron:${crypto.randomUUID()}`,
        20,
      ),
    );
  },
};
