// `npm run backup [-- --out path]`: a consistent copy of the local libSQL database, taken
// while the server runs. VACUUM INTO writes the copy inside one read transaction, so under
// WAL it is a snapshot of one moment (every batch in it whole, none half) and writers go on
// meanwhile. The copy is a plain SQLite file with the migrations table in it: restoring is
// copying it over DATABASE_URL's path with the server stopped (README, "Backup and restore").
// A remote libSQL server is backed up with that server's tooling, not by this script.
import { existsSync, mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { createClient, type Client } from "@libsql/client";
import { openLibsql } from "../db/libsql.ts";
import { stockholmOffsetMinutes } from "./domain/format-time.ts";
import { loadEnv } from "./env.ts";

/** A backup that was not taken, with the reason in words an operator can act on. */
export class BackupRefused extends Error {}

export interface BackupResult {
  path: string;
  integrity: string;
  /** Rows per table in the copy. */
  counts: Record<string, number>;
}

/** `backups/app-YYYYMMDD-HHMMSS.db` (Stockholm wall-clock time) under the working directory. */
export function defaultBackupPath(now: Date): string {
  const local = new Date(now.getTime() + stockholmOffsetMinutes(now) * 60_000).toISOString();
  return resolve("backups", `app-${local.slice(0, 19).replace(/[-:]/g, "").replace("T", "-")}.db`);
}

/** Rows in every table of the database (SQLite's own tables left out). */
export async function tableCounts(client: Client): Promise<Record<string, number>> {
  const tables = await client.execute(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables.rows) {
    const { rows } = await client.execute(`SELECT count(*) AS n FROM "${String(name).replace(/"/g, '""')}"`);
    counts[String(name)] = Number(rows[0]!.n);
  }
  return counts;
}

export async function backupDatabase(databaseUrl: string, out?: string, now = new Date()): Promise<BackupResult> {
  if (!databaseUrl.startsWith("file:")) {
    throw new BackupRefused(
      `DATABASE_URL (${databaseUrl.replace(/\/\/[^/@]*@/, "//…@")}) är en libSQL-server; npm run backup kopierar bara en lokal databasfil.\n` +
        "Ta säkerhetskopian med serverns egna verktyg: hos Turso `turso db shell <databas> .dump > backup.sql` " +
        "(återläses med `turso db shell <ny-databas> < backup.sql`), för en egen sqld dess replikering eller en kopia av datakatalogen medan den är stoppad.",
    );
  }
  const source = resolve(databaseUrl.slice("file:".length).replace(/\?.*$/, ""));
  if (!existsSync(source)) throw new BackupRefused(`Databasen ${source} finns inte (DATABASE_URL=${databaseUrl}).`);
  const path = resolve(out ?? defaultBackupPath(now));
  // Never over an earlier backup: that one may be the only good copy.
  if (existsSync(path))
    throw new BackupRefused(`${path} finns redan; välj en annan fil med --out (den gamla skrivs inte över).`);
  mkdirSync(dirname(path), { recursive: true });

  // Opened as the server opens it (WAL, no waiting inside the driver); VACUUM INTO needs
  // only a read transaction, so a writer holding the lock does not stop it.
  const live = await openLibsql(databaseUrl);
  try {
    await live.client.execute({ sql: "VACUUM INTO ?", args: [path] });
  } finally {
    live.client.close();
  }

  // Check the copy itself, not the source: it is what a restore would use.
  const copy = createClient({ url: `file:${path}` });
  try {
    const check = await copy.execute("PRAGMA integrity_check");
    const integrity = check.rows.map((r) => String(r[0])).join("; ");
    return { path, integrity, counts: await tableCounts(copy) };
  } finally {
    copy.close();
  }
}

async function main() {
  const { values } = parseArgs({ options: { out: { type: "string" } } });
  const env = loadEnv({ ...process.env, SEED_DEMO: "false" });
  try {
    const r = await backupDatabase(env.DATABASE_URL, values.out);
    console.log(`Säkerhetskopian är skriven: ${r.path}`);
    console.log(`integrity_check: ${r.integrity}`);
    for (const [table, n] of Object.entries(r.counts)) console.log(`  ${table.padEnd(28)} ${String(n).padStart(9)}`);
    if (r.integrity !== "ok") {
      console.error("Kopian klarade inte integrity_check: använd den inte, och undersök källdatabasen.");
      process.exit(1);
    }
  } catch (err) {
    if (!(err instanceof BackupRefused)) throw err;
    console.error(err.message);
    process.exit(2);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
