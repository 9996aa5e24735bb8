// Rate limits on Workers (decision 015): the built Worker (dist/worker, `npm run build:worker`)
// twice in real workerd, as two Workers, so two isolates with nothing in memory in common,
// on one local D1. Requests alternate between them, as Cloudflare spreads one client over
// isolates; the counts add up because they are rows in D1, and the address is CF-Connecting-IP.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { sql } from "drizzle-orm";
import { Miniflare } from "miniflare";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client.ts";
import { openD1 } from "../../db/d1.ts";
import { seedOrganiser } from "../../db/seed.ts";
import { DEFAULT_RULES } from "../../server/domain/rate-limit.ts";
import { createUser } from "../../server/domain/staff.ts";
import { jsonRequest, readAnswer } from "../helpers/test-db.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const SCRIPT = join(ROOT, "dist/worker/entry.worker.js");
const ISOLATES = ["kurser-a", "kurser-b"] as const;

let mf: Miniflare;
let db: Db;

beforeAll(async () => {
  if (!existsSync(SCRIPT)) throw new Error("dist/worker saknas: kör `npm run build:worker` (npm test gör det)");
  const worker = (name: string) => ({
    name,
    modules: true,
    scriptPath: SCRIPT,
    compatibilityDate: "2026-03-01",
    // The same database id: one D1 behind both Workers.
    d1Databases: { DB: "rate-limit-test" },
    // Limits on, as deployed (wrangler.toml); no mail API: the dev mailbox.
    bindings: { ENVIRONMENT: "development", PUBLIC_URL: "http://kurser.test", RATE_LIMITS: "on" },
  });
  mf = new Miniflare({ workers: ISOLATES.map(worker) });
  const d1 = await mf.getD1Database("DB", ISOLATES[0]);
  const dir = join(ROOT, "db/migrations");
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith(".sql"))
    .sort()) {
    for (const stmt of readFileSync(join(dir, file), "utf8").split("--> statement-breakpoint")) {
      if (stmt.trim()) await d1.prepare(stmt).run();
    }
  }
  db = openD1(d1 as never);
  const org = await seedOrganiser(db, new Date());
  await createUser(db, new Date(), {
    organiserId: org.id,
    email: "kansli.worker@halland.example.se",
    name: "Kim Kansli",
    role: "office",
  });
}, 60_000);

afterAll(async () => {
  await mf?.dispose();
});

/** A request to the i-th request's isolate (every other one), from `address` as Cloudflare names it. */
async function signIn(i: number, address: string, email: string) {
  const worker = await mf.getWorker(ISOLATES[i % ISOLATES.length]);
  const init = jsonRequest("POST", { email });
  const res = await worker.fetch("http://kurser.test/api/auth/link", {
    ...init,
    // X-Forwarded-For is the client's own word on Workers: it must change nothing.
    headers: {
      ...(init.headers as Record<string, string>),
      "cf-connecting-ip": address,
      "x-forwarded-for": `10.0.0.${i}`,
    },
  } as never);
  return readAnswer(res as unknown as Response);
}

const queuedTo = async (email: string) =>
  (await db.all<{ n: number }>(sql`SELECT count(*) AS n FROM outbox WHERE lower(to_address) = ${email}`))[0]!.n;

describe("rate limits in workerd with D1", () => {
  it("hold across isolates: per staff e-mail and per CF-Connecting-IP", async () => {
    // The Worker runs on the real clock: start clear of a 15-minute window's edge, where the counts begin again.
    const window = DEFAULT_RULES["sign-in-email"].windowMs;
    const toEdge = window - (Date.now() % window);
    if (toEdge < 15_000) await new Promise((r) => setTimeout(r, toEdge + 100));
    const email = "kansli.worker@halland.example.se";
    const perEmail = DEFAULT_RULES["sign-in-email"].limit;
    const answers = [];
    for (let i = 0; i < perEmail; i++) answers.push(await signIn(i, "198.51.100.80", email));
    expect(answers.map((a) => a.status)).toEqual(Array(perEmail).fill(202));
    expect(await queuedTo(email)).toBe(perEmail);

    // The next one, on either isolate, is over the limit and queues no mail.
    for (const i of [perEmail, perEmail + 1]) {
      const over = await signIn(i, "198.51.100.81", email);
      expect(over.status).toBe(429);
      expect(over.json.error.code).toBe("rate_limited");
      expect(over.json.error.message).toMatch(/Vänta (en minut|\d+ minuter) och försök sedan igen\./);
      expect(Number(over.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(Number(over.headers.get("retry-after"))).toBeLessThanOrEqual(15 * 60);
    }
    expect(await queuedTo(email)).toBe(perEmail);

    // One address, many e-mails: the per-address limit, also summed over both isolates.
    const perAddress = DEFAULT_RULES["sign-in-address"].limit;
    for (let i = 0; i < perAddress; i++)
      expect((await signIn(i, "203.0.113.80", `okand.${i}@halland.example.se`)).status).toBe(202);
    expect((await signIn(perAddress, "203.0.113.80", "okand.sista@halland.example.se")).status).toBe(429);
    expect((await signIn(perAddress + 1, "203.0.113.81", "okand.sista@halland.example.se")).status).toBe(202);
  });
});
