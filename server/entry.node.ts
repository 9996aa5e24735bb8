// Node entry: `npm start`. Opens the libSQL database (migrating it), seeds demo data into
// an empty one, serves the API and the built web app, and runs the outbox loop.
import { existsSync, readFileSync } from "node:fs";
import { hostname } from "node:os";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { serve, type ServerType } from "@hono/node-server";
import { getConnInfo } from "@hono/node-server/conninfo";
import { serveStatic } from "@hono/node-server/serve-static";
import { Hono } from "hono";
import { migrateLibsql, openLibsql, type LibsqlHandle } from "../db/libsql.ts";
import { DEMO_STAFF, isEmpty, seedDemo } from "../db/seed.ts";
import { findUserByEmail, issueSignInToken, signInUrl } from "./domain/staff.ts";
import { createApp, notFoundAnswer } from "./app.ts";
import { systemClock, type Clock } from "./domain/clock.ts";
import { forwardedAddress } from "./domain/rate-limit.ts";
import { loadEnv, type Env } from "./env.ts";
import { securityHeaders } from "./security-headers.ts";
import { DevMailbox } from "./mail/dev-mailbox.ts";
import type { Mailer } from "./mail/mailer.ts";
import { startOutboxLoop, type OutboxLoop } from "./mail/outbox-loop.ts";
import { smtpMailer } from "./mail/smtp.ts";

export const WEB_ROOT = resolve(import.meta.dirname, "../dist/web");

export interface RunningServer {
  url: string;
  port: number;
  handle: LibsqlHandle;
  outbox: OutboxLoop;
  devMailbox?: DevMailbox;
  close(): Promise<void>;
}

export async function startServer(
  env: Env,
  opts: { clock?: Clock; mailer?: Mailer; quiet?: boolean } = {},
): Promise<RunningServer> {
  const clock = opts.clock ?? systemClock;
  const handle = await openLibsql(env.DATABASE_URL, env.DATABASE_AUTH_TOKEN);
  await migrateLibsql(handle);
  if (env.SEED_DEMO && (await isEmpty(handle.db))) {
    await seedDemo(handle.db, clock());
    if (!opts.quiet) console.log("Demodata för Samordningsförbundet i Halland är inlagd.");
  }

  // Never in production (env.ts also requires SMTP_URL there); it answers only loopback (routes/dev.ts).
  const devMailbox = !opts.mailer && !env.SMTP_URL && env.NODE_ENV !== "production" ? new DevMailbox() : undefined;
  const mailer: Mailer = opts.mailer ?? (env.SMTP_URL ? smtpMailer(env.SMTP_URL) : devMailbox!);
  const ctx = { publicUrl: env.PUBLIC_URL, from: env.MAIL_FROM };
  const outbox = startOutboxLoop(
    handle.db,
    mailer,
    clock,
    ctx,
    env.OUTBOX_INTERVAL_MS,
    `${hostname()}:${process.pid}`,
    env.OUTBOX_LEASE_MS,
  );

  const indexHtml = existsSync(resolve(WEB_ROOT, "index.html"))
    ? readFileSync(resolve(WEB_ROOT, "index.html"), "utf8")
    : null;
  const api = createApp({
    db: handle.db,
    clock,
    publicUrl: env.PUBLIC_URL,
    mailFrom: env.MAIL_FROM,
    kickOutbox: () => outbox.kick(),
    devMailbox,
    rateLimits: env.RATE_LIMITS,
    // X-Forwarded-For only behind proxies we were told of: otherwise any client could write one.
    clientAddress: (c) =>
      forwardedAddress(c.req.header("x-forwarded-for"), env.TRUST_PROXY) ?? getConnInfo(c).remote.address,
  });
  const root = new Hono();
  // The pages and files get the same headers as the API (CSP, no-store, the year-long cache of /assets/*).
  root.use("*", securityHeaders(env.PUBLIC_URL));
  root.use("*", serveStatic({ root: WEB_ROOT }));
  root.get("*", async (c, next) => {
    // The web app routes in the browser: any page path gets index.html (a missing hashed file is a 404).
    const path = c.req.path;
    if (path.startsWith("/api/") || path.startsWith("/dev/") || path.startsWith("/assets/") || !indexHtml)
      return next();
    return c.html(indexHtml);
  });
  root.route("/", api);
  // Unknown /api and /dev paths outside the routers: the API's JSON 404, not Hono's text one.
  root.notFound(notFoundAnswer);

  const server: ServerType = await new Promise((ok) => {
    const s = serve({ fetch: root.fetch, port: env.PORT, hostname: env.HOST }, () => ok(s));
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : env.PORT;
  return {
    url: `http://localhost:${port}`,
    port,
    handle,
    outbox,
    devMailbox,
    async close() {
      await outbox.stop();
      mailer.close?.();
      await new Promise<void>((ok) => server.close(() => ok()));
      handle.client.close();
    },
  };
}

/** Sign-in links for the demo staff (one-time, 20 minutes), so a newcomer can look around. */
async function printDemoSignIn(handle: LibsqlHandle, publicUrl: string) {
  for (const demo of DEMO_STAFF) {
    const user = await findUserByEmail(handle.db, demo.email);
    if (!user) continue;
    const link = signInUrl(publicUrl, await issueSignInToken(handle.db, new Date(), user.id));
    console.log(`Logga in som ${demo.role === "office" ? "kansliet" : "kursledare"} (${demo.email}): ${link}`);
  }
}

async function main() {
  let env: Env;
  try {
    env = loadEnv(process.env);
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
  const running = await startServer(env);
  if (!existsSync(resolve(WEB_ROOT, "index.html"))) console.warn("Webbappen är inte byggd: kör `npm run build`.");
  console.log(`Kursanmälan körs på ${env.PUBLIC_URL} (databas ${env.DATABASE_URL})`);
  if (running.devMailbox)
    console.log(`Ingen SMTP_URL: mejlen hamnar i utvecklingsbrevlådan ${env.PUBLIC_URL}/dev/mail`);
  if (env.SEED_DEMO && env.NODE_ENV !== "production") await printDemoSignIn(running.handle, env.PUBLIC_URL);
  const shutdown = () => void running.close().then(() => process.exit(0));
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) void main();
