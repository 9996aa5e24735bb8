// `npm run bench`: the registration burst through HTTP next to its raw ceiling, then the
// follow-up at national scale, in one run, on the default setup (Node + local libSQL file).
// See DESIGN.md, "Performance". `npm run bench -- follow-up` (or BENCH_ONLY=follow-up) runs
// only the follow-up part, `npm run bench -- registration` only the burst.
//
// Registration burst. Columns: ops/s is completions per second over the whole burst, ops/s@90% up to the 90th
// percent completion; p50/p99 are per-request latency (HTTP: autocannon, as the client sees
// it); CPU ms/op is CPU per registration: for HTTP the server process's, from the start of the
// burst until its outbox has sent the burst's mail, for raw this process's during the batches.
// Only correctness fails the run (confirmed must equal capacity); the ratio is reported.
//
// Knobs (environment): BENCH_REQUESTS (1500), BENCH_CONNECTIONS (50), BENCH_CAPACITY (300),
// BENCH_WARMUP (300), BENCH_SERVER_NODE_ARGS (extra node flags for the server child, e.g.
// "--cpu-prof --cpu-prof-dir=/tmp/kurser-prof").
//
// Follow-up (follow-up.ts, national-data.ts): p50/p95/max per call over interleaved rounds,
// "first" is the first call in this process, × baseline is p50 over the p50 of the baseline of
// the same kind (in-process calls over the indexed count, HTTP over GET /api/course-types).
// Only correctness fails the run (every answer 200, the HTTP dashboard equal to followUp's);
// the 100 ms target is reported. Knobs: BENCH_FOLLOW_UP_ITERATIONS (50), BENCH_FOLLOW_UP_WARMUP
// (5), BENCH_FOLLOW_UP_ORGANISERS (5), BENCH_FOLLOW_UP_REPEATS (2), BENCH_EXPLAIN=1 (query
// plans), BENCH_REGENERATE=1 (rebuild the data set), BENCH_NATIONAL_DB (its path).
import { availableParallelism, cpus, loadavg } from "node:os";
import { followUpBench, TARGET_MS as FOLLOW_UP_TARGET_MS, type FollowUpResult, type Series } from "./follow-up.ts";
import { FIRST_YEAR, LAST_YEAR } from "./national-data.ts";
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
  const line = (r: string[]) =>
    r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join("  ");
  return [line(rows[0]!), widths.map((w) => "-".repeat(w)).join("  "), ...rows.slice(1).map(line)].join("\n");
}

async function registrationPart(): Promise<boolean> {
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
      [
        "",
        "ops/s",
        "ops/s@90%",
        "p50 ms",
        "p99 ms",
        "CPU ms/op",
        "done",
        "non-2xx/err",
        "confirmed",
        "waitlisted",
        "check",
      ],
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
  if (Object.keys(http.statusCodes).some((c) => !c.startsWith("2")))
    console.log(`HTTP status codes: ${JSON.stringify(http.statusCodes)}`);
  if (http.ok2xx < requests || http.errors > 0) {
    console.log(
      `note: HTTP burst incomplete: ${http.ok2xx}/${requests} got 2xx, ${http.errors} errors/timeouts (>10 s), ` +
        `${http.counts.total} rows written; the figures above are not comparable with a full run.`,
    );
  }
  if (raw.done < requests)
    console.log(`note: raw run incomplete: ${raw.done}/${requests} (${raw.failed} failed, or the time bound hit).`);
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
  return httpOk && rawOk;
}

const load = () =>
  loadavg()
    .map((n) => n.toFixed(1))
    .join(" / ");

async function followUpPart(): Promise<boolean> {
  const loadBefore = load();
  const r: FollowUpResult = await followUpBench({
    iterations: intEnv("BENCH_FOLLOW_UP_ITERATIONS", 50, 10_000),
    warmup: intEnv("BENCH_FOLLOW_UP_WARMUP", 5, 1_000),
    rangeOrganisers: intEnv("BENCH_FOLLOW_UP_ORGANISERS", 5, 75),
    rangeRepeats: intEnv("BENCH_FOLLOW_UP_REPEATS", 2, 100),
    explain: ["1", "true", "yes"].includes(process.env.BENCH_EXPLAIN ?? ""),
  });
  const c = r.data.counts;
  const mb = (r.data.sizeBytes / 1e6).toFixed(0);
  console.log(
    `\nFollow-up at national scale: ${c.organisers} organisers, ${FIRST_YEAR}–${LAST_YEAR}, ${c.occasions} occasions (${c.occasionDays} days), ` +
      `${c.registrations} registrations (${c.confirmed} confirmed, ${c.waitlisted} waitlisted, ${c.cancelled} cancelled), ` +
      `${c.attendance} attendance marks, ${c.workplaces} workplaces, ${c.distinctPeople} people, ${c.goals} goals, ` +
      `${c.workplaceMerges} workplace and ${c.personMerges} person merges; ${mb} MB, ` +
      `${r.data.generated ? "generated" : "cached, generated"} in ${fmt(r.data.generationMs / 1000, 1)} s.`,
  );
  console.log(
    `Organiser ${r.organiserId}, year ${r.year}, now ${r.now.toISOString()}: ${r.yearRegistrations} registrations in the year, ` +
      `${r.facts} confirmed of counted occasions (the dashboard reads this year and the last).`,
  );
  console.log(`Goals: ${r.goalsSummary}`);
  console.log(
    `Load average (1 / 5 / 15 min) before the timing: ${loadBefore}, after: ${load()} (on ${availableParallelism()} cores)\n`,
  );
  const row = (s: Series) => {
    const base = s.baseline === "sql" ? r.sqlBaseline : s.baseline === "http" ? r.httpBaseline : null;
    const met =
      s.label.includes("goals?year") || s.label.startsWith("followUp")
        ? s.p50 < FOLLOW_UP_TARGET_MS && s.p95 < FOLLOW_UP_TARGET_MS
          ? "OK"
          : "SLOW"
        : "";
    return [
      s.label,
      String(s.samples.length),
      fmt(s.p50, 1),
      fmt(s.p95, 1),
      fmt(s.max, 1),
      fmt(s.first, 1),
      base ? fmt(s.p50 / base.p50, 1) : "–",
      s.size,
      met,
    ];
  };
  console.log(
    table([
      [
        "follow-up call",
        "n",
        "p50 ms",
        "p95 ms",
        "max ms",
        "first ms",
        "× baseline",
        "answer",
        `< ${FOLLOW_UP_TARGET_MS} ms`,
      ],
      row(r.sqlBaseline),
      row(r.httpBaseline),
      ...r.series.map(row),
      row(r.range.inProcess),
      row(r.range.http),
    ]),
  );
  const dashboard = r.series[0]!;
  const httpDashboard = r.series.find((s) => s.label.includes("goals?year"))!;
  const slow = [dashboard, httpDashboard, r.range.inProcess, r.range.http].filter(
    (s) => !(s.p50 < FOLLOW_UP_TARGET_MS && s.p95 < FOLLOW_UP_TARGET_MS),
  );
  console.log(
    `\ndashboard/baseline = ${fmt(dashboard.p50 / r.sqlBaseline.p50, 1)} (followUp over the indexed count), ` +
      `${fmt(httpDashboard.p50 / r.httpBaseline.p50, 1)} (GET /api/office/goals over GET /api/course-types)`,
  );
  console.log(
    `whole range (organisers ${r.range.organisers.join(", ")}): slowest followUp ${fmt(r.range.worst.ms, 1)} ms ` +
      `(organiser ${r.range.worst.organiserId}, ${r.range.worst.year})`,
  );
  console.log(
    `target: dashboard p50 and p95 < ${FOLLOW_UP_TARGET_MS} ms: ${slow.length === 0 ? "met" : `NOT met (${slow.map((s) => s.label).join("; ")})`}`,
  );
  console.log("\nThe queries of one followUp call, each run alone (p50 of 20):");
  console.log(
    table([
      ["query", "rows", "p50 ms"],
      ...r.queries.map((q) => [q.sql.length > 110 ? `${q.sql.slice(0, 107)}…` : q.sql, String(q.rows), fmt(q.p50, 2)]),
    ]),
  );
  if (r.explain || slow.length > 0) {
    console.log("\nEXPLAIN QUERY PLAN:");
    for (const q of r.queries)
      console.log(`- ${q.sql.slice(0, 140)}${q.sql.length > 140 ? "…" : ""}\n    ${q.plan.join("\n    ")}`);
  }
  return r.consistent;
}

async function main(): Promise<number> {
  const cpu = cpus()[0]?.model?.trim() ?? "unknown cpu";
  console.log(`node ${process.version}, ${availableParallelism()} cores (${cpu}), ${process.platform}/${process.arch}`);
  const only = (process.argv[2] ?? process.env.BENCH_ONLY ?? "").trim();
  if (only && !["registration", "follow-up"].includes(only))
    throw new Error(`unknown part "${only}": registration | follow-up`);
  let ok = true;
  if (!only || only === "registration") ok = (await registrationPart()) && ok;
  if (!only || only === "follow-up") ok = (await followUpPart()) && ok;
  return ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
