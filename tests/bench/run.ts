// `npm run bench`: the registration burst through HTTP next to its raw ceiling, in one run,
// on the default setup (Node + local libSQL file). See DESIGN.md, "Performance".
//
// Columns: ops/s is completions per second over the whole burst, ops/s@90% up to the 90th
// percent completion; p50/p99 are per-request latency (HTTP: autocannon, as the client sees
// it); CPU ms/op is CPU per registration: for HTTP the server process's, from the start of the
// burst until its outbox has sent the burst's mail, for raw this process's during the batches.
// Only correctness fails the run (confirmed must equal capacity); the ratio is reported.
//
// Knobs (environment): BENCH_REQUESTS (1500), BENCH_CONNECTIONS (50), BENCH_CAPACITY (300),
// BENCH_WARMUP (300), BENCH_SERVER_NODE_ARGS (extra node flags for the server child, e.g.
// "--cpu-prof --cpu-prof-dir=/tmp/kurser-prof").
import { availableParallelism, cpus } from "node:os";
import { rawCeiling, type RawResult } from "./raw-ceiling.ts";
import { registrationBurst, type BurstResult } from "./registration-burst.ts";

const TARGET_RATIO = 0.5;
// Bounds on each load phase, so a slow machine ends in about a minute whatever happens.
const HTTP_WARMUP_MS = 8_000;
const HTTP_BURST_MS = 25_000;
const RAW_WARMUP_MS = 4_000;
const RAW_MS = 12_000;

function intEnv(name: string, fallback: number, max: number): number {
  const raw = process.env[name];
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new Error(`${name} must be an integer 1–${max}, not "${raw}"`);
  return n;
}

const requests = intEnv("BENCH_REQUESTS", 1500, 20_000);
const connections = intEnv("BENCH_CONNECTIONS", 50, 500);
const capacity = intEnv("BENCH_CAPACITY", 300, requests);
const warmup = intEnv("BENCH_WARMUP", 300, 5_000);
const serverNodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? "").split(/\s+/).filter(Boolean);

const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : "–");

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const line = (r: string[]) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join("  ");
  return [line(rows[0]!), widths.map((w) => "-".repeat(w)).join("  "), ...rows.slice(1).map(line)].join("\n");
}

async function main(): Promise<number> {
  const cpu = cpus()[0]?.model?.trim() ?? "unknown cpu";
  console.log(`node ${process.version}, ${availableParallelism()} cores (${cpu}), ${process.platform}/${process.arch}`);
  console.log(
    `${requests} registrations, ${connections} concurrent, capacity ${capacity}, warm-up ${warmup}; local libSQL file (WAL), server in a child process\n`,
  );

  const http: BurstResult = await registrationBurst({
    requests,
    connections,
    capacity,
    warmup,
    deadlineMs: HTTP_BURST_MS,
    warmupDeadlineMs: HTTP_WARMUP_MS,
    serverNodeArgs,
  });
  const raw: RawResult = await rawCeiling({
    requests,
    concurrency: connections,
    capacity,
    warmup,
    deadlineMs: RAW_MS,
    warmupDeadlineMs: RAW_WARMUP_MS,
  });

  // The invariant: exactly `capacity` confirmed, never more (and no place left empty).
  const httpOk = http.counts.confirmed === capacity;
  const rawOk = raw.counts.confirmed === capacity;
  const ratio = http.registrationsPerSecond / raw.opsPerSecond;
  const ratio90 = http.ratePer90 / raw.ratePer90;

  console.log(
    table([
      ["", "ops/s", "ops/s@90%", "p50 ms", "p99 ms", "CPU ms/op", "done", "non-2xx/err", "confirmed", "waitlisted", "check"],
      [
        "HTTP POST /api/occasions/:id/registrations",
        fmt(http.registrationsPerSecond),
        fmt(http.ratePer90),
        fmt(http.p50, 1),
        fmt(http.p99, 1),
        fmt(http.serverCpuMsPerRegistration, 2),
        `${http.ok2xx}/${requests}`,
        `${http.non2xx}/${http.errors}`,
        `${http.counts.confirmed}/${capacity}`,
        String(http.counts.waitlisted),
        httpOk ? "OK" : "FAIL",
      ],
      [
        "raw: db.batchSql(registrationStatements(…))",
        fmt(raw.opsPerSecond),
        fmt(raw.ratePer90),
        fmt(raw.p50, 2),
        fmt(raw.p99, 2),
        fmt(raw.cpuMsPerOp, 2),
        `${raw.done}/${requests}`,
        `–/${raw.failed}`,
        `${raw.counts.confirmed}/${capacity}`,
        String(raw.counts.waitlisted),
        rawOk ? "OK" : "FAIL",
      ],
    ]),
  );
  if (Object.keys(http.statusCodes).some((c) => !c.startsWith("2"))) console.log(`HTTP status codes: ${JSON.stringify(http.statusCodes)}`);
  if (http.ok2xx < requests || http.errors > 0) {
    console.log(
      `note: HTTP burst incomplete: ${http.ok2xx}/${requests} got 2xx, ${http.errors} errors/timeouts (>10 s), ` +
        `${http.counts.total} rows written; the figures above are not comparable with a full run.`,
    );
  }
  if (raw.done < requests) console.log(`note: raw run incomplete: ${raw.done}/${requests} (${raw.failed} failed, or the time bound hit).`);
  console.log(
    `\nHTTP/raw = ${fmt(ratio, 2)} (target ≥ ${TARGET_RATIO}): ${ratio >= TARGET_RATIO ? "meets the target" : "BELOW the target"}` +
      `  [HTTP ${fmt(http.seconds, 2)} s, raw ${fmt(raw.seconds, 2)} s]`,
  );
  console.log(`HTTP/raw up to 90% of completions = ${fmt(ratio90, 2)} (less swayed by the slowest connections)`);
  console.log(
    `CPU per op raw/HTTP = ${fmt(raw.cpuMsPerOp / http.serverCpuMsPerRegistration, 2)}: HTTP is the server process's CPU per ` +
      `registration, sending its mail included (outbox empty ${fmt(http.mailDrainedAfter, 1)} s after the last response).`,
  );
  // Correctness fails the run; the ratio is reported, not enforced (it depends on the machine).
  return httpOk && rawOk ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
