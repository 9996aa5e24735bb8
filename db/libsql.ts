// Node-side database: a local libSQL file by default, or a remote libSQL server.
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createClient, type Client, type InValue } from "@libsql/client";
import { drizzle } from "drizzle-orm/libsql";
import { migrate } from "drizzle-orm/libsql/migrator";
import { withBatchSql, type Db, type Row } from "./client.ts";
import * as schema from "./schema.ts";
import { waitForWriteLock } from "./write-lock.ts";

export const migrationsFolder = resolve(dirname(fileURLToPath(import.meta.url)), "migrations");

export interface LibsqlHandle {
  db: Db;
  client: Client;
}

export async function openLibsql(url: string, authToken?: string): Promise<LibsqlHandle> {
  if (url.startsWith("file:")) {
    const path = url.slice("file:".length);
    if (path && path !== ":memory:") mkdirSync(dirname(resolve(path)), { recursive: true });
  }
  // One connection for a local file: the driver's calls are synchronous, so a pool gains
  // nothing, and PRAGMAs such as busy_timeout and synchronous are per connection: with a
  // pool they reached only the first one (found by the benchmark).
  const local = url.startsWith("file:");
  const client = waitForWriteLock(createClient({ url, authToken, ...(local ? { concurrency: 1 } : {}) }), local);
  if (local) {
    // WAL lets readers go on while a registration commits, and while another process (a
    // script, a second instance) holds the write lock.
    await client.execute("PRAGMA journal_mode = WAL");
    // No waiting inside the driver: its calls are synchronous, so SQLite's busy handler
    // sleeping there stopped every request, reads included, for up to the whole timeout
    // (issue 10). waitForWriteLock waits between tries instead, off the event loop.
    await client.execute("PRAGMA busy_timeout = 0");
    await client.execute("PRAGMA synchronous = NORMAL");
  }
  await client.execute("PRAGMA foreign_keys = ON");
  const db = withBatchSql(drizzle(client, { schema }), async (queries) => {
    const results = await client.batch(
      queries.map((q) => ({ sql: q.sql, args: q.params as InValue[] })),
      "write",
    );
    return results.map((r) => r.rows as unknown as Row[]);
  });
  return { db, client };
}

export async function migrateLibsql(handle: LibsqlHandle): Promise<void> {
  await migrate(drizzle(handle.client, { schema }), { migrationsFolder });
}
