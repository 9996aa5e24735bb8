// Follow-up at national scale: the dashboard's figures for one organiser and year on the
// national data set (national-data.ts), on the default Node + libSQL file opened as the server
// opens it (openLibsql). Times in this process: the domain calls the routes make (followUp,
// goalWithMembers, finsamReport) and the same through the app (createApp + app.request, with an
// office API token: auth, validation, JSON/XLSX included, no socket). Then the dashboard for
// every year 2017–2026 of several organisers. Target (DESIGN.md): under 100 ms per dashboard
// load. Baselines of the same run, for ratios (machines are shared and noisy): one indexed
// count of the organiser-year's registrations, and a trivial request (GET /api/course-types).
//
// The calls are timed in interleaved rounds (each round calls every target once), so a slow
// spell of the machine hits the baselines and the calls alike.
import { performance } from "node:perf_hooks";
import type { InStatement } from "@libsql/client";
import { and, eq, sql } from "drizzle-orm";
import { openLibsql, type LibsqlHandle } from "../../db/libsql.ts";
import { occasions } from "../../db/schema.ts";
import { createApp } from "../../server/app.ts";
import { finsamReport, followUp, goalWithMembers, listGoals, yearBounds } from "../../server/domain/follow-up.ts";
import { createApiToken, createUser } from "../../server/domain/staff.ts";
import { percentile } from "./bench-db.ts";
import {
  ensureNationalData,
  FIRST_YEAR,
  GENERATION_NOW,
  LAST_YEAR,
  ORGANISERS,
  type NationalData,
} from "./national-data.ts";

export const TARGET_MS = 100;
const BENCH_LABEL = "bench follow-up";

export interface FollowUpOptions {
  iterations: number;
  warmup: number;
  /** How many organisers the whole-range run covers (spread over 1…75). */
  rangeOrganisers: number;
  /** Rounds over (organiser × year) in the whole-range run. */
  rangeRepeats: number;
  /** Print EXPLAIN QUERY PLAN of every query of one dashboard load (also printed when the target is missed). */
  explain: boolean;
}

export interface Series {
  label: string;
  /** The baseline this row is a multiple of ("sql" | "http"), if one. */
  baseline?: "sql" | "http";
  samples: number[];
  p50: number;
  p95: number;
  max: number;
  /** The first call in this process (cold caches, code not yet optimised), ms. */
  first: number;
  /** What one answer held, for the reader (rows, bytes). */
  size: string;
}

export interface QueryTiming {
  sql: string;
  args: unknown[];
  rows: number;
  p50: number;
  plan: string[];
}

export interface FollowUpResult {
  data: NationalData;
  organiserId: number;
  year: number;
  now: Date;
  /** The year's registrations (all statuses) and confirmed ones of counted occasions. */
  yearRegistrations: number;
  facts: number;
  series: Series[];
  sqlBaseline: Series;
  httpBaseline: Series;
  range: {
    inProcess: Series;
    http: Series;
    organisers: number[];
    worst: { organiserId: number; year: number; ms: number };
  };
  /** The queries of one followUp call, each run alone. */
  queries: QueryTiming[];
  goalsSummary: string;
  /** The HTTP dashboard answered exactly what followUp returns. */
  consistent: boolean;
  explain: boolean;
}

const summarise = (
  label: string,
  samples: number[],
  first: number,
  size: string,
  baseline?: "sql" | "http",
): Series => ({
  label,
  baseline,
  samples,
  p50: percentile(samples, 50),
  p95: percentile(samples, 95),
  max: Math.max(...samples),
  first,
  size,
});

interface Target {
  label: string;
  baseline?: "sql" | "http";
  run: () => Promise<string>;
}

/** Interleaved rounds: `warmup` unrecorded, then `iterations` recorded, every target once per round. */
async function rounds(targets: Target[], warmup: number, iterations: number): Promise<Series[]> {
  const samples = targets.map(() => [] as number[]);
  const first: number[] = [];
  const size: string[] = [];
  for (let r = 0; r < warmup + iterations; r++) {
    for (let i = 0; i < targets.length; i++) {
      const t0 = performance.now();
      const s = await targets[i]!.run();
      const ms = performance.now() - t0;
      if (r === 0) {
        first[i] = ms;
        size[i] = s;
      }
      if (r >= warmup) samples[i]!.push(ms);
    }
  }
  return targets.map((t, i) => summarise(t.label, samples[i]!, first[i]!, size[i]!, t.baseline));
}

const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;

/** Records the statements this client runs while `fn` runs. */
async function traceStatements(
  handle: LibsqlHandle,
  fn: () => Promise<unknown>,
): Promise<{ sql: string; args: unknown[] }[]> {
  const client = handle.client as unknown as {
    execute: (stmt: InStatement | string, args?: unknown) => Promise<unknown>;
  };
  const original = client.execute;
  const seen: { sql: string; args: unknown[] }[] = [];
  client.execute = function (this: unknown, stmt: InStatement | string, args?: unknown) {
    if (typeof stmt === "string") seen.push({ sql: stmt, args: (args as unknown[]) ?? [] });
    else seen.push({ sql: stmt.sql, args: (stmt.args as unknown[]) ?? [] });
    return original.call(this, stmt, args);
  } as typeof client.execute;
  try {
    await fn();
  } finally {
    client.execute = original;
  }
  return seen;
}

async function timeQueries(
  handle: LibsqlHandle,
  statements: { sql: string; args: unknown[] }[],
  runs: number,
): Promise<QueryTiming[]> {
  const out: QueryTiming[] = [];
  for (const s of statements) {
    const stmt = { sql: s.sql, args: s.args as never };
    let rows = 0;
    const samples: number[] = [];
    for (let i = 0; i < runs + 2; i++) {
      const t0 = performance.now();
      const res = await handle.client.execute(stmt);
      if (i >= 2) samples.push(performance.now() - t0);
      rows = res.rows.length;
    }
    const plan = await handle.client.execute({ sql: `EXPLAIN QUERY PLAN ${s.sql}`, args: s.args as never });
    out.push({
      sql: s.sql.replace(/\s+/g, " ").trim(),
      args: s.args,
      rows,
      p50: percentile(samples, 50),
      plan: plan.rows.map((r) => String(r.detail ?? r[3])),
    });
  }
  return out;
}

/** Organisers spread over 1…75, always including the mid one. */
function spread(n: number, mid: number): number[] {
  const ids = new Set<number>([mid]);
  for (let i = 0; ids.size < Math.min(n, ORGANISERS) && i < n * 2; i++)
    ids.add(1 + Math.round((i * (ORGANISERS - 1)) / Math.max(1, n - 1)));
  return [...ids].sort((a, b) => a - b);
}

export async function followUpBench(opts: FollowUpOptions): Promise<FollowUpResult> {
  const data = await ensureNationalData();
  const organiserId = Math.ceil(ORGANISERS / 2); // 38, the mid organiser
  const year = LAST_YEAR;
  const now = GENERATION_NOW; // mid-November 2026: most of the year is over, some occasions to come

  // A fresh connection with the server's settings (page cache and all), as `npm start` has it.
  const handle = await openLibsql(data.url);
  const { db } = handle;
  try {
    const app = createApp({
      db,
      clock: () => now,
      publicUrl: "http://kurser.bench",
      mailFrom: "Bench <bench@example.se>",
    });
    const tokens = new Map<number, string>();
    const tokenFor = async (org: number) => {
      let t = tokens.get(org);
      if (!t) {
        const user = await createUser(db, now, {
          organiserId: org,
          email: `bench.kansli@forbund-${org}.example.se`,
          name: "Bench Kansli",
          role: "office",
        });
        t = await createApiToken(db, now, user.id, BENCH_LABEL);
        tokens.set(org, t);
      }
      return t;
    };
    const get = async (path: string, org: number, expect = 200): Promise<Response> => {
      const res = await app.request(path, { headers: { authorization: `Bearer ${await tokenFor(org)}` } });
      if (res.status !== expect) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
      return res;
    };

    const yearGoals = await listGoals(db, organiserId, year);
    const workplacesGoal = yearGoals.find((g) => g.kind === "workplaces");
    const staffGoal = yearGoals.find((g) => g.kind === "staff");
    if (!workplacesGoal || !staffGoal)
      throw new Error(`organiser ${organiserId} has no workplaces or staff goal for ${year}`);
    await tokenFor(organiserId);

    // The first dashboard load on this connection, before anything else warmed it.
    const t0 = performance.now();
    const firstDashboard = await followUp(db, organiserId, year, now);
    const coldMs = performance.now() - t0;

    // The baseline query: the organiser-year's occasions as a literal list.
    const { from, to } = yearBounds(year);
    const occIds = (
      await db
        .select({ id: occasions.id })
        .from(occasions)
        .where(
          and(
            eq(occasions.organiserId, organiserId),
            sql`${occasions.startsAt} >= ${from.getTime()} AND ${occasions.startsAt} < ${to.getTime()}`,
          ),
        )
    ).map((o) => o.id);
    const countSql = sql`SELECT count(*) AS n FROM registrations WHERE occasion_id IN (${sql.join(
      occIds.map((id) => sql`${id}`),
      sql`, `,
    )})`;
    const [{ n: yearRegistrations } = { n: 0 }] = await db.all<{ n: number }>(countSql);

    const slug = `forbund-${String(organiserId).padStart(2, "0")}`;
    const targets: Target[] = [
      {
        label: "baseline: SELECT count(*) … occasion_id IN (the year's occasions)",
        run: async () => `${(await db.all<{ n: number }>(countSql))[0]!.n} rows counted`,
      },
      {
        label: "baseline: GET /api/course-types",
        run: async () =>
          kb((await (await get(`/api/course-types?organiser=${slug}`, organiserId)).arrayBuffer()).byteLength),
      },
      {
        label: "followUp(db, org, 2026, now) (dashboard, 2026 + 2025)",
        baseline: "sql",
        run: async () => `${(await followUp(db, organiserId, year, now)).goals.length} goals`,
      },
      {
        label: "goalWithMembers(workplaces goal)",
        baseline: "sql",
        run: async () => `${(await goalWithMembers(db, workplacesGoal, now)).members.length} members`,
      },
      {
        label: "goalWithMembers(staff goal)",
        baseline: "sql",
        run: async () => `${(await goalWithMembers(db, staffGoal, now)).members.length} members`,
      },
      {
        label: "finsamReport(db, org, 2026, now)",
        baseline: "sql",
        run: async () => `${(await finsamReport(db, organiserId, year, now)).length} courses`,
      },
      {
        label: "HTTP GET /api/office/goals?year=2026",
        baseline: "http",
        run: async () =>
          kb((await (await get(`/api/office/goals?year=${year}`, organiserId)).arrayBuffer()).byteLength),
      },
      {
        label: "HTTP GET /api/office/goals/:id/members (workplaces)",
        baseline: "http",
        run: async () =>
          kb(
            (await (await get(`/api/office/goals/${workplacesGoal.id}/members`, organiserId)).arrayBuffer()).byteLength,
          ),
      },
      {
        label: "HTTP GET /api/office/goals/:id/members (staff)",
        baseline: "http",
        run: async () =>
          kb((await (await get(`/api/office/goals/${staffGoal.id}/members`, organiserId)).arrayBuffer()).byteLength),
      },
      {
        label: "HTTP GET /api/office/reports/finsam.xlsx?year=2026",
        baseline: "http",
        run: async () =>
          kb((await (await get(`/api/office/reports/finsam.xlsx?year=${year}`, organiserId)).arrayBuffer()).byteLength),
      },
    ];
    const measured = await rounds(targets, opts.warmup, opts.iterations);
    const dashboard = measured[2]!;
    dashboard.first = coldMs;
    const [sqlBaseline, httpBaseline, ...series] = measured;

    // The whole range: every year of several organisers, in-process and through the app.
    const organisers = spread(opts.rangeOrganisers, organiserId);
    for (const org of organisers) await tokenFor(org);
    const inProcess: number[] = [];
    const http: number[] = [];
    let worst = { organiserId: 0, year: 0, ms: 0 };
    let firstIn = NaN;
    let firstHttp = NaN;
    for (let r = 0; r < opts.rangeRepeats; r++) {
      for (const org of organisers) {
        for (let y = FIRST_YEAR; y <= LAST_YEAR; y++) {
          const direct = async () => {
            const t = performance.now();
            await followUp(db, org, y, now);
            const ms = performance.now() - t;
            inProcess.push(ms);
            if (Number.isNaN(firstIn)) firstIn = ms;
            if (ms > worst.ms) worst = { organiserId: org, year: y, ms };
          };
          const viaApp = async () => {
            const t = performance.now();
            await (await get(`/api/office/goals?year=${y}`, org)).arrayBuffer();
            http.push(performance.now() - t);
            if (Number.isNaN(firstHttp)) firstHttp = http[0]!;
          };
          // Whichever goes second finds the organiser-year's pages cached: take turns.
          if (r % 2 === 0) {
            await direct();
            await viaApp();
          } else {
            await viaApp();
            await direct();
          }
        }
      }
    }
    const rangeLabel = `${organisers.length} organisers × ${FIRST_YEAR}–${LAST_YEAR}${opts.rangeRepeats > 1 ? ` × ${opts.rangeRepeats}` : ""}`;

    // Each query of one dashboard load, run alone, with its plan.
    const statements = await traceStatements(handle, () => followUp(db, organiserId, year, now));
    const queries = await timeQueries(handle, statements, 20);

    const facts = await db.all<{ n: number }>(sql`
      SELECT count(*) AS n FROM occasions o JOIN registrations r ON r.occasion_id = o.id AND r.status = 'confirmed'
      WHERE o.organiser_id = ${organiserId} AND o.status = 'published' AND o.starts_at >= ${from.getTime()} AND o.starts_at < ${to.getTime()}`);
    const viaHttp = await (await get(`/api/office/goals?year=${year}`, organiserId)).text();
    const consistent = viaHttp === JSON.stringify(await followUp(db, organiserId, year, now));
    if (!consistent) console.log("FAIL: GET /api/office/goals answered something else than followUp()");
    const goalsSummary = firstDashboard.goals
      .map((g) => `${g.kind}/${g.basis} ${g.value}/${g.target} (expected ${g.expectedByToday}, forecast ${g.forecast})`)
      .join("; ");

    return {
      data,
      organiserId,
      year,
      now,
      yearRegistrations: Number(yearRegistrations),
      facts: Number(facts[0]?.n ?? 0),
      series,
      sqlBaseline: sqlBaseline!,
      httpBaseline: httpBaseline!,
      range: {
        inProcess: summarise(`followUp, ${rangeLabel}`, inProcess, firstIn, `${inProcess.length} loads`, "sql"),
        http: summarise(
          `HTTP GET /api/office/goals?year=…, ${rangeLabel}`,
          http,
          firstHttp,
          `${http.length} loads`,
          "http",
        ),
        organisers,
        worst,
      },
      queries,
      goalsSummary,
      consistent,
      explain: opts.explain,
    };
  } finally {
    // Leave the cached file as it was: the bench's API tokens go (the users stay, upserted next time).
    await handle.client.execute({ sql: "DELETE FROM auth_tokens WHERE label = ?", args: [BENCH_LABEL] });
    handle.client.close();
  }
}
