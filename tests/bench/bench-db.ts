// A fresh libSQL file for one benchmark: migrated, one organiser (with its parties) and
// occasions made by the test fixtures. Also the small measuring helpers both benches share.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { migrateLibsql, openLibsql, type LibsqlHandle } from "../../db/libsql.ts";
import { seedOrganiser } from "../../db/seed.ts";
import { createTestOccasion } from "../helpers/fixtures.ts";

export interface BenchDb {
  dir: string;
  url: string;
  handle: LibsqlHandle;
  organiserId: number;
  /** A published occasion, registration open, with the given capacity. */
  occasion(capacity: number, label: string): Promise<number>;
  /** Removes the temp folder (close the handle first). */
  remove(): void;
}

export async function createBenchDb(prefix: string, now: Date): Promise<BenchDb> {
  const dir = mkdtempSync(join(tmpdir(), `kurser-bench-${prefix}-`));
  const url = `file:${join(dir, "bench.db")}`;
  const handle = await openLibsql(url);
  await migrateLibsql(handle);
  const org = await seedOrganiser(handle.db, now);
  return {
    dir,
    url,
    handle,
    organiserId: org.id,
    occasion: (capacity, label) => createTestOccasion(handle.db, org.id, now, { capacity, label, inDays: 30 }),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export interface OccasionCounts {
  confirmed: number;
  waitlisted: number;
  total: number;
}

export async function occasionCounts(db: Db, occasionId: number): Promise<OccasionCounts> {
  const [row] = await db.all<{ confirmed: number | null; waitlisted: number | null; total: number }>(sql`
    SELECT sum(status = 'confirmed') AS confirmed, sum(status = 'waitlisted') AS waitlisted, count(*) AS total
    FROM registrations WHERE occasion_id = ${occasionId}
  `);
  return {
    confirmed: Number(row?.confirmed ?? 0),
    waitlisted: Number(row?.waitlisted ?? 0),
    total: Number(row?.total ?? 0),
  };
}

/** Mail rows the outbox has not finished with yet. */
export async function outboxBacklog(db: Db): Promise<number> {
  const [row] = await db.all<{ n: number }>(
    sql`SELECT count(*) AS n FROM outbox WHERE status IN ('pending', 'sending')`,
  );
  return Number(row?.n ?? 0);
}

/** Nearest-rank percentile of unsorted samples (ms). */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/** Completions per second up to the moment `share` of them were done (times in s, ascending). */
export function rateAt(doneAt: number[], share: number): number {
  if (doneAt.length === 0) return NaN;
  const k = Math.max(1, Math.ceil(share * doneAt.length));
  return k / doneAt[k - 1]!;
}

/** A registration body e-mail nobody else in this run has. */
export function benchEmail(run: string, i: number): string {
  return `bench.${run}.${i}@example.se`;
}
