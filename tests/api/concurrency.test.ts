// capacity + 50 people press "Anmäl" at the same moment, over real HTTP to the real server:
// exactly capacity get a place, the rest wait in line, and everyone gets an answer.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { registrations } from "../../db/schema.ts";
import { seedOrganiser } from "../../db/seed.ts";
import { startServer, type RunningServer } from "../../server/entry.node.ts";
import { loadEnv } from "../../server/env.ts";
import type { Mailer } from "../../server/mail/mailer.ts";
import { createTestOccasion } from "../helpers/fixtures.ts";
import { person } from "../helpers/test-db.ts";

const CAPACITY = 40;
let dir: string;
let server: RunningServer;
const sent: string[] = [];
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "kurser-conc-"));
  const mailer: Mailer = { send: async (m) => void sent.push(m.to) };
  server = await startServer(
    // RATE_LIMITS=off: a load test, every request from one address (the limits have their own tests).
    loadEnv({
      PORT: "0",
      HOST: "127.0.0.1",
      DATABASE_URL: `file:${join(dir, "c.db")}`,
      SEED_DEMO: "false",
      OUTBOX_INTERVAL_MS: "100",
      RATE_LIMITS: "off",
    }),
    { quiet: true, mailer },
  );
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

it(`fires ${CAPACITY} + 50 simultaneous registrations and confirms exactly ${CAPACITY}`, async () => {
  const org = await seedOrganiser(server.handle.db, new Date());
  const id = await createTestOccasion(server.handle.db, org.id, new Date(), { capacity: CAPACITY });
  const bodies = Array.from({ length: CAPACITY + 50 }, () => person());
  const answers = await Promise.all(
    bodies.map(async (b) => {
      const res = await fetch(`${server.url}/api/occasions/${id}/registrations`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(b),
      });
      return {
        status: res.status,
        body: (await res.json()) as { registration: { status: string; waitlistPosition?: number } },
      };
    }),
  );
  expect(answers.map((a) => a.status).filter((s) => s !== 201)).toEqual([]);
  expect(answers.filter((a) => a.body.registration.status === "confirmed")).toHaveLength(CAPACITY);
  const positions = answers.flatMap((a) =>
    a.body.registration.status === "waitlisted" ? [a.body.registration.waitlistPosition] : [],
  );
  expect(positions.sort((x, y) => x! - y!)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));

  const rows = await server.handle.db.select().from(registrations).where(eq(registrations.occasionId, id));
  expect(rows.filter((r) => r.status === "confirmed")).toHaveLength(CAPACITY);
  expect(rows.filter((r) => r.status === "waitlisted")).toHaveLength(50);
  // The same burst again (everyone retries) creates nothing new.
  const retry = await Promise.all(
    bodies.map((b) =>
      fetch(`${server.url}/api/occasions/${id}/registrations`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(b),
      }).then((r) => r.status),
    ),
  );
  expect(new Set(retry)).toEqual(new Set([200]));
  expect(await server.handle.db.select().from(registrations).where(eq(registrations.occasionId, id))).toHaveLength(
    CAPACITY + 50,
  );
  // Every one of them gets exactly one mail, sent by the outbox loop after the answers.
  await server.outbox.idle();
  expect(sent.sort()).toEqual(bodies.map((b) => b.email).sort());
});
