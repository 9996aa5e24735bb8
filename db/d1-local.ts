// `npm run dev:worker`: try the Worker locally before deploying. Builds the web app and the
// Worker, applies the migrations to a local D1 (the same files Drizzle writes), puts the
// demo data in when the database is empty, and serves the Worker in workerd on loopback at
// PORT (default 8787). Without MAIL_API_URL, mail goes to the dev mailbox at /dev/mail.
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { migrateLibsql, openLibsql } from "./libsql.ts";
import { DEMO_TABLES, seedDemo } from "./seed.ts";

const ROOT = resolve(import.meta.dirname, "..");
const PORT = process.env.PORT ?? "8787";
const wrangler = (args: string[], capture = false) =>
  execFileSync("npx", ["wrangler", ...args], {
    cwd: ROOT,
    env: { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false" },
    stdio: capture ? ["ignore", "pipe", "inherit"] : "inherit",
    encoding: "utf8",
  });

/** SQL text for a value, for the INSERT statements of the seed file. */
function literal(v: unknown): string {
  if (v === null || v === undefined) return "NULL";
  if (typeof v === "number" || typeof v === "bigint") return String(v);
  if (typeof v === "boolean") return v ? "1" : "0";
  return `'${String(v).replace(/'/g, "''")}'`;
}

/** The demo data as INSERT statements: seeded into a throwaway libSQL file, then dumped. */
async function demoSql(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "kurser-seed-"));
  try {
    const handle = await openLibsql(`file:${join(dir, "seed.db")}`);
    await migrateLibsql(handle);
    await seedDemo(handle.db, new Date());
    const lines: string[] = [];
    for (const table of DEMO_TABLES) {
      const rs = await handle.client.execute(`SELECT * FROM ${table} ORDER BY rowid`);
      for (const row of rs.rows) {
        const values = rs.columns.map((c) => literal(row[c]));
        lines.push(`INSERT INTO ${table} (${rs.columns.join(", ")}) VALUES (${values.join(", ")});`);
      }
    }
    handle.client.close();
    return `${lines.join("\n")}\n`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

execFileSync("npx", ["vite", "build"], { cwd: ROOT, stdio: "inherit" });
wrangler(["d1", "migrations", "apply", "DB", "--local"]);
const count = wrangler(
  ["d1", "execute", "DB", "--local", "--json", "--command", "SELECT count(*) AS n FROM organisers"],
  true,
);
const n = Number((JSON.parse(count) as { results: { n: number }[] }[])[0]?.results[0]?.n ?? 0);
if (n === 0) {
  const file = join(ROOT, ".wrangler", "demo-seed.sql");
  mkdirSync(join(ROOT, ".wrangler"), { recursive: true });
  writeFileSync(file, await demoSql());
  wrangler(["d1", "execute", "DB", "--local", "--file", file]);
  console.log("Demodata för Samordningsförbundet i Halland är inlagd i den lokala D1-databasen.");
}
const dev = spawn(
  "npx",
  [
    "wrangler",
    "dev",
    "--ip",
    "127.0.0.1",
    "--port",
    PORT,
    "--var",
    "ENVIRONMENT:development",
    "--var",
    `PUBLIC_URL:http://localhost:${PORT}`,
  ],
  { cwd: ROOT, stdio: "inherit", env: { ...process.env, WRANGLER_SEND_METRICS: "false" } },
);
dev.on("exit", (code) => process.exit(code ?? 0));
