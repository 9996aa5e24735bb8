// `npm run backup` while registrations pour in: the copy is one moment of the database, every
// registration in it whole (its workplace and its mail with it), capacity held, and the app
// runs on it once it is restored the way the README says.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createClient } from "@libsql/client";
import { afterAll, beforeAll, expect, it } from "vitest";
import { seedOrganiser } from "../../db/seed.ts";
import { backupDatabase, defaultBackupPath } from "../../server/backup.ts";
import { startServer, type RunningServer } from "../../server/entry.node.ts";
import { loadEnv } from "../../server/env.ts";
import type { Mailer } from "../../server/mail/mailer.ts";
import { createTestOccasion } from "../helpers/fixtures.ts";
import { person } from "../helpers/test-db.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const CAPACITY = 40;
const BURST = 200;
const mailer: Mailer = { send: async () => undefined };
const serverEnv = (dbFile: string) =>
  // RATE_LIMITS=off: the burst comes from one address.
  loadEnv({
    PORT: "0",
    HOST: "127.0.0.1",
    DATABASE_URL: `file:${dbFile}`,
    SEED_DEMO: "false",
    OUTBOX_INTERVAL_MS: "100",
    RATE_LIMITS: "off",
  });

let dir: string;
let live: RunningServer;
let occasionId: number;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "kurser-backup-"));
  live = await startServer(serverEnv(join(dir, "live.db")), { quiet: true, mailer });
  const org = await seedOrganiser(live.handle.db, new Date());
  occasionId = await createTestOccasion(live.handle.db, org.id, new Date(), { capacity: CAPACITY });
});
afterAll(async () => {
  await live.close();
  rmSync(dir, { recursive: true, force: true });
});

const post = (url: string, id: number, body: unknown) =>
  fetch(`${url}/api/occasions/${id}/registrations`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

it("takes a consistent backup in the middle of a burst, and the app runs on the restored copy", async () => {
  const backupFile = join(dir, "backups", "mid-burst.db");
  const answeredBeforeBackup: number[] = [];
  let answered = 0;
  let backup: ReturnType<typeof backupDatabase> | undefined;
  const answers = await Promise.all(
    Array.from({ length: BURST }, async () => {
      const res = await post(live.url, occasionId, person());
      const body = (await res.json()) as { registration: { id: number } };
      // Once a fifth have their answer, back up while the rest are still coming in.
      if (++answered <= BURST / 5) answeredBeforeBackup.push(body.registration.id);
      if (answered === BURST / 5) {
        backup = backupDatabase(`file:${join(dir, "live.db")}`, backupFile);
        backup.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile
      }
      return res.status;
    }),
  );
  expect(answers.filter((s) => s !== 201)).toEqual([]);
  const result = await backup!;
  expect(result.path).toBe(backupFile);
  expect(result.integrity).toBe("ok");
  // Mid-burst: everything answered before it started is in it, not everything after.
  expect(result.counts.registrations).toBeGreaterThanOrEqual(BURST / 5);
  expect(result.counts.registrations).toBeLessThan(BURST);

  // Restore as the README says: the file copied over DATABASE_URL's path, server started.
  const restoredFile = join(dir, "restored.db");
  copyFileSync(backupFile, restoredFile);
  const copy = createClient({ url: `file:${restoredFile}` });
  try {
    const ids = (await copy.execute("SELECT id FROM registrations")).rows.map((r) => Number(r.id));
    expect(ids).toEqual(expect.arrayContaining(answeredBeforeBackup));
    // Every registration is whole: its first mail (written in the same batch) and its workplace.
    const withoutMail = await copy.execute(`
      SELECT count(*) AS n FROM registrations r
      WHERE NOT EXISTS (SELECT 1 FROM outbox o WHERE o.registration_id = r.id
                        AND o.kind IN ('registration-confirmed', 'registration-waitlisted'))`);
    expect(Number(withoutMail.rows[0]!.n)).toBe(0);
    const mailWithoutRegistration = await copy.execute(
      "SELECT count(*) AS n FROM outbox o WHERE o.registration_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM registrations r WHERE r.id = o.registration_id)",
    );
    expect(Number(mailWithoutRegistration.rows[0]!.n)).toBe(0);
    expect((await copy.execute("PRAGMA foreign_key_check")).rows).toEqual([]);
    // Capacity holds, first come first served: the first CAPACITY confirmed, the rest waiting.
    const statuses = (
      await copy.execute({
        sql: "SELECT status FROM registrations WHERE occasion_id = ? ORDER BY id",
        args: [occasionId],
      })
    ).rows.map((r) => r.status);
    expect(statuses).toEqual(statuses.map((_, i) => (i < CAPACITY ? "confirmed" : "waitlisted")));
  } finally {
    copy.close();
  }

  const restored = await startServer(serverEnv(restoredFile), { quiet: true, mailer });
  try {
    const res = await fetch(`${restored.url}/api/occasions/${occasionId}`);
    expect(res.status).toBe(200);
    const { occasion } = (await res.json()) as { occasion: { spotsLeft: number; waitlistLength: number } };
    expect(occasion.spotsLeft).toBe(0);
    expect(occasion.waitlistLength).toBe(result.counts.registrations! - CAPACITY);
    const again = await post(restored.url, occasionId, person());
    expect(again.status).toBe(201);
    expect(((await again.json()) as { registration: { status: string } }).registration.status).toBe("waitlisted");
  } finally {
    await restored.close();
  }
});

const backupCli = (env: Record<string, string>, ...args: string[]) =>
  spawnSync(process.execPath, ["--import", "tsx", join(ROOT, "server/backup.ts"), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: "utf8",
  });

it("npm run backup prints the path and the rows, never overwrites, and says how to back up a remote server", () => {
  const out = join(dir, "backups", "cli.db");
  const first = backupCli({ DATABASE_URL: `file:${join(dir, "live.db")}` }, "--out", out);
  expect(first.stderr).toBe("");
  expect(first.status).toBe(0);
  expect(first.stdout).toContain(out);
  expect(first.stdout).toContain("integrity_check: ok");
  expect(first.stdout).toMatch(/registrations\s+\d+/);

  const again = backupCli({ DATABASE_URL: `file:${join(dir, "live.db")}` }, "--out", out);
  expect(again.status).toBe(2);
  expect(again.stderr).toContain("finns redan");

  const remote = backupCli({ DATABASE_URL: "libsql://kurser.example.turso.io" });
  expect(remote.status).toBe(2);
  expect(remote.stderr).toContain("turso db shell");

  const missing = backupCli({ DATABASE_URL: `file:${join(dir, "no-such.db")}` }, "--out", join(dir, "backups", "x.db"));
  expect(missing.status).toBe(2);
  expect(existsSync(join(dir, "no-such.db"))).toBe(false);
});

it("names a backup by the Stockholm time it was taken", () => {
  expect(defaultBackupPath(new Date("2026-12-02T13:04:05Z"))).toBe(resolve("backups", "app-20261202-140405.db"));
  expect(defaultBackupPath(new Date("2026-07-01T22:30:00Z"))).toBe(resolve("backups", "app-20260702-003000.db"));
});
