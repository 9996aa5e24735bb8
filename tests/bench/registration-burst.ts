// Registration burst through HTTP: the real server (server/entry.node.ts) in a child
// process on a fresh libSQL file, autocannon sending POST /api/occasions/:id/registrations
// from this process, every request with an e-mail of its own.
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { resolve } from "node:path";
import { performance } from "node:perf_hooks";
import autocannon from "autocannon";
import { openLibsql } from "../../db/libsql.ts";
import { person } from "../helpers/test-db.ts";
import { benchEmail, createBenchDb, occasionCounts, type OccasionCounts } from "./bench-db.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const HOST = "127.0.0.1";

export interface BurstOptions {
  requests: number;
  connections: number;
  capacity: number;
  warmup: number;
  /** Stop the load after this long (ms), whatever is left. */
  deadlineMs: number;
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
  p50: number;
  p99: number;
  counts: OccasionCounts;
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
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST, DATABASE_URL: databaseUrl, SEED_DEMO: "false" };
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
      throw new Error(`servern avslutades innan den svarade (kod ${child.exitCode ?? child.signalCode}):\n${log()}`);
    }
    try {
      const res = await fetch(`${base}/api/course-types`, { signal: AbortSignal.timeout(1_000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`servern svarade inte inom ${timeoutMs} ms:\n${log()}`);
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
  return new Promise<{ result: autocannon.Result; seconds: number }>((ok, fail) => {
    const start = performance.now();
    const instance = autocannon(
      {
        url: base,
        connections,
        amount,
        timeout: 10,
        requests: [
          {
            method: "POST",
            path: `/api/occasions/${occasionId}/registrations`,
            headers: { "content-type": "application/json" },
            setupRequest: (req) => ({ ...req, body: JSON.stringify(person({ email: benchEmail(run, i++) })) }),
          },
        ],
      },
      (err, result) => {
        clearTimeout(watchdog);
        if (err) fail(err);
        else ok({ result, seconds: (performance.now() - start) / 1000 });
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
    const warmOccasion = await bench.occasion(Math.max(1, Math.floor(opts.warmup / 5)), "uppvärmning");
    const occasionId = await bench.occasion(opts.capacity, "http");
    // The server gets the file to itself.
    bench.handle.client.close();
    closed = true;

    const port = await freePort();
    const base = `http://${HOST}:${port}`;
    const started = startChild(port, bench.url, opts.serverNodeArgs ?? []);
    child = started.child;
    await waitReady(child, base, started.log, 30_000);

    const warm = await load(base, warmOccasion, "http-warm", opts.warmup, opts.connections, opts.deadlineMs);
    if (warm.result.non2xx > 0 || warm.result.errors > 0) {
      throw new Error(`uppvärmningen fick ${warm.result.non2xx} svar utan 2xx och ${warm.result.errors} fel:\n${started.log()}`);
    }
    const { result, seconds } = await load(base, occasionId, "http", opts.requests, opts.connections, opts.deadlineMs);

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
      p50: result.latency.p50,
      p99: result.latency.p99,
      counts,
    };
  } finally {
    if (child) await stopChild(child);
    process.removeListener("exit", killOnExit);
    if (!closed) bench.handle.client.close();
    bench.remove();
  }
}
