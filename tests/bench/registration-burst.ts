// Registration burst through HTTP: the real server (server/entry.node.ts) in a child
// process on a fresh libSQL file, autocannon sending POST /api/occasions/:id/registrations
// from this process, every request with an e-mail of its own.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { resolve } from "node:path";
import { performance } from "node:perf_hooks";
import autocannon from "autocannon";
import { openLibsql } from "../../db/libsql.ts";
import { person } from "../helpers/test-db.ts";
import { benchEmail, createBenchDb, occasionCounts, outboxBacklog, rateAt, type OccasionCounts } from "./bench-db.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const HOST = "127.0.0.1";

export interface BurstOptions {
  requests: number;
  connections: number;
  capacity: number;
  warmup: number;
  /** Stop the load after this long (ms), whatever is left; the warm-up gets its own. */
  deadlineMs: number;
  warmupDeadlineMs: number;
  /** Extra node flags for the server, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" (BENCH_SERVER_NODE_ARGS). */
  serverNodeArgs?: string[];
}

export interface BurstResult {
  sent: number;
  ok2xx: number;
  non2xx: number;
  errors: number;
  statusCodes: Record<string, number>;
  seconds: number;
  registrationsPerSecond: number;
  /** The rate up to the 90th percent response: less swayed by the few starved connections at the end. */
  ratePer90: number;
  p50: number;
  p99: number;
  counts: OccasionCounts;
  /** CPU the server used from the start of the burst until its outbox had sent the burst's mail, per 2xx (ms); NaN off Linux. */
  serverCpuMsPerRegistration: number;
  /** How long after the last response the outbox was empty (s); NaN if not within the bound. */
  mailDrainedAfter: number;
}

/** User + system CPU of a process so far (ms), from /proc; NaN where there is none. */
function processCpuMs(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
    return (ticks * 1000) / clockTicks();
  } catch {
    return NaN;
  }
}

/** Seconds until the outbox has nothing left to send (read from a second connection), NaN past `boundMs`. */
async function outboxEmptyAfter(url: string, boundMs: number): Promise<number> {
  const start = performance.now();
  const watcher = await openLibsql(url);
  try {
    while (performance.now() - start < boundMs) {
      if ((await outboxBacklog(watcher.db)) === 0) return (performance.now() - start) / 1000;
      await new Promise((r) => setTimeout(r, 50));
    }
    return NaN;
  } finally {
    watcher.client.close();
  }
}

let ticksPerSecond: number | null = null;
function clockTicks(): number {
  if (ticksPerSecond === null) {
    try {
      ticksPerSecond = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once("error", fail);
    s.listen(0, HOST, () => {
      const a = s.address();
      const port = typeof a === "object" && a ? a.port : 0;
      s.close(() => ok(port));
    });
  });
}

function startChild(port: number, databaseUrl: string, nodeArgs: string[]): { child: ChildProcess; log: () => string } {
  // RATE_LIMITS=off: the burst is 1500 registrations from one address, far over its limit (decision 015).
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST,
    DATABASE_URL: databaseUrl,
    SEED_DEMO: "false",
    RATE_LIMITS: "off",
  };
  // Dev mailbox in memory, development defaults: no SMTP, no remote database.
  for (const k of ["SMTP_URL", "DATABASE_AUTH_TOKEN", "PUBLIC_URL", "NODE_ENV", "OUTBOX_INTERVAL_MS"]) delete env[k];
  const child = spawn(process.execPath, [...nodeArgs, "--import", "tsx", "server/entry.node.ts"], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  const keep = (b: Buffer) => {
    out = (out + b.toString()).slice(-8_000);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  return { child, log: () => out };
}

async function waitReady(child: ChildProcess, base: string, log: () => string, timeoutMs: number): Promise<void> {
  const until = performance.now() + timeoutMs;
  while (performance.now() < until) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the server exited before it answered (${child.exitCode ?? child.signalCode}):\n${log()}`);
    }
    try {
      const res = await fetch(`${base}/api/course-types`, { signal: AbortSignal.timeout(1_000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the server did not answer within ${timeoutMs} ms:\n${log()}`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((ok) => child.once("exit", () => ok()));
  child.kill("SIGTERM"); // the server closes cleanly (and writes a --cpu-prof, if asked)
  const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}

function load(base: string, occasionId: number, run: string, amount: number, connections: number, deadlineMs: number) {
  let i = 0;
  const done: number[] = [];
  return new Promise<{ result: autocannon.Result; seconds: number; doneAt: number[] }>((ok, fail) => {
    const start = performance.now();
    const instance = autocannon(
      {
        url: base,
        connections,
        // autocannon splits `amount` evenly over the connections (30 each for 1500 / 50).
        amount,
        timeout: 10,
        // autocannon notices the end only on a sample tick: keep it short, and time the run
        // up to the last response (not up to the tick).
        sampleInt: 50,
        requests: [
          {
            method: "POST",
            path: `/api/occasions/${occasionId}/registrations`,
            headers: { "content-type": "application/json" },
            setupRequest: (req) => ({ ...req, body: JSON.stringify(person({ email: benchEmail(run, i++) })) }),
            onResponse: () => {
              done.push((performance.now() - start) / 1000);
            },
          },
        ],
      },
      (err, result) => {
        clearTimeout(watchdog);
        if (err) fail(err);
        else ok({ result, seconds: done.at(-1) ?? (performance.now() - start) / 1000, doneAt: done });
      },
    );
    const watchdog = setTimeout(() => instance.stop(), deadlineMs);
  });
}

export async function registrationBurst(opts: BurstOptions): Promise<BurstResult> {
  const bench = await createBenchDb("http", new Date());
  let child: ChildProcess | null = null;
  let closed = false;
  const killOnExit = () => child?.kill("SIGKILL");
  process.once("exit", killOnExit);
  try {
    const warmOccasion = await bench.occasion(Math.max(1, Math.floor(opts.warmup / 5)), "warm-up");
    const occasionId = await bench.occasion(opts.capacity, "http");
    // The server gets the file to itself.
    bench.handle.client.close();
    closed = true;

    const port = await freePort();
    const base = `http://${HOST}:${port}`;
    const started = startChild(port, bench.url, opts.serverNodeArgs ?? []);
    child = started.child;
    await waitReady(child, base, started.log, 30_000);

    const warm = await load(base, warmOccasion, "http-warm", opts.warmup, opts.connections, opts.warmupDeadlineMs);
    if (warm.result.non2xx > 0 || warm.result["2xx"] === 0) {
      throw new Error(
        `warm-up got ${warm.result.non2xx} non-2xx responses and ${warm.result.errors} errors:\n${started.log()}`,
      );
    }
    // The warm-up's mail is not the burst's: let the outbox send it first.
    await outboxEmptyAfter(bench.url, 10_000);
    const cpuBefore = processCpuMs(child.pid);
    const { result, seconds, doneAt } = await load(
      base,
      occasionId,
      "http",
      opts.requests,
      opts.connections,
      opts.deadlineMs,
    );
    // The mail of the burst is part of its cost: wait (bounded) until the outbox is empty.
    const mailDrainedAfter = await outboxEmptyAfter(bench.url, 15_000);
    const cpuMs = processCpuMs(child.pid) - cpuBefore;

    const statusCodes: Record<string, number> = {};
    for (const [code, s] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = s.count ?? 0;
    const ok2xx = result["2xx"];

    await stopChild(child);
    const readBack = await openLibsql(bench.url);
    let counts: OccasionCounts;
    try {
      counts = await occasionCounts(readBack.db, occasionId);
    } finally {
      readBack.client.close();
    }
    return {
      sent: result.requests.sent,
      ok2xx,
      non2xx: result.non2xx,
      errors: result.errors,
      statusCodes,
      seconds,
      registrationsPerSecond: ok2xx / seconds,
      ratePer90: rateAt(doneAt, 0.9),
      p50: result.latency.p50,
      p99: result.latency.p99,
      counts,
      serverCpuMsPerRegistration: cpuMs / ok2xx,
      mailDrainedAfter,
    };
  } finally {
    if (child) await stopChild(child);
    process.removeListener("exit", killOnExit);
    if (!closed) bench.handle.client.close();
    bench.remove();
  }
}
