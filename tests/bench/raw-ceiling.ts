// The raw ceiling: the very batch that registers a person, db.batchSql(registrationStatements(…))
// as register() runs it, straight against a fresh libSQL file opened as the server opens it
// (openLibsql), in this process, `concurrency` batches in flight: no HTTP, no validation, no
// reads around it, no outbox.
import { performance } from "node:perf_hooks";
import {
  emailKey,
  newChangeId,
  newToken,
  registrationStatements,
  type RegistrationInput,
} from "../../server/domain/registration.ts";
import { person } from "../helpers/test-db.ts";
import { benchEmail, createBenchDb, occasionCounts, percentile, rateAt, type OccasionCounts } from "./bench-db.ts";

export interface RawOptions {
  requests: number;
  concurrency: number;
  capacity: number;
  warmup: number;
  /** Stop starting new batches after this long (ms); the warm-up gets its own. */
  deadlineMs: number;
  warmupDeadlineMs: number;
}

export interface RawResult {
  done: number;
  failed: number;
  seconds: number;
  opsPerSecond: number;
  /** The rate up to the 90th percent completion (as for HTTP). */
  ratePer90: number;
  p50: number;
  p99: number;
  counts: OccasionCounts;
  /** CPU this process used per batch (ms), all of it the batches (the load generator is idle). */
  cpuMsPerOp: number;
}

function inputFor(email: string): RegistrationInput {
  // The same body the HTTP bench sends, less the consent flag the route strips.
  const { acceptPrivacy: _accepted, ...input } = person({ email });
  return input as RegistrationInput;
}

export async function rawCeiling(opts: RawOptions): Promise<RawResult> {
  const now = new Date();
  const bench = await createBenchDb("raw", now);
  try {
    const { db } = bench.handle;
    const warmOccasion = await bench.occasion(Math.max(1, Math.floor(opts.warmup / 5)), "warm-up");
    const occasionId = await bench.occasion(opts.capacity, "raw");

    const registerOne = async (occ: number, email: string): Promise<number> => {
      const input = inputFor(email);
      const t0 = performance.now();
      const [, inserted] = await db.batchSql(
        registrationStatements({
          occasionId: occ,
          input,
          key: emailKey(input.email),
          token: newToken(),
          changeId: newChangeId(),
          source: "web",
          now: new Date(),
        }),
      );
      if (inserted?.length !== 1) throw new Error(`no row inserted for ${email}`);
      return performance.now() - t0;
    };

    // A pool of `concurrency` workers pulling from one counter: bounded by count and time.
    const pool = async (occ: number, count: number, run: string, deadline: number) => {
      const latencies: number[] = [];
      const doneAt: number[] = [];
      const t0 = performance.now();
      let next = 0;
      let failed = 0;
      const worker = async () => {
        while (next < count && performance.now() < deadline) {
          const i = next++;
          try {
            latencies.push(await registerOne(occ, benchEmail(run, i)));
            doneAt.push((performance.now() - t0) / 1000);
          } catch (err) {
            failed++;
            if (failed === 1) console.error("raw batch failed:", err);
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(opts.concurrency, count) }, worker));
      return { latencies, failed, doneAt };
    };

    await pool(warmOccasion, opts.warmup, "raw-warm", performance.now() + opts.warmupDeadlineMs);

    const cpuBefore = process.cpuUsage();
    const start = performance.now();
    const { latencies, failed, doneAt } = await pool(occasionId, opts.requests, "raw", start + opts.deadlineMs);
    const seconds = (performance.now() - start) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const counts = await occasionCounts(db, occasionId);
    return {
      done: latencies.length,
      failed,
      seconds,
      opsPerSecond: latencies.length / seconds,
      ratePer90: rateAt(doneAt, 0.9),
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      counts,
      cpuMsPerOp: (cpu.user + cpu.system) / 1000 / latencies.length,
    };
  } finally {
    bench.handle.client.close();
    bench.remove();
  }
}
