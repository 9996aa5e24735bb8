// Waiting for the write lock without stopping the server (issue 10, decision 018).
//
// The local driver's calls are synchronous: SQLite's own busy handler (busy_timeout) slept
// inside them, so while another process held the write lock every request stood still.
// db/libsql.ts turns that handler off, and this wrapper waits instead: between tries, off
// the event loop, for up to BUSY_WAIT_MS, then DatabaseBusyError (503 `busy`).
//
// On a local file, a refused write must never run as a prepared statement. A statement that
// SQLite refuses with BUSY stays "in progress" (it may be stepped again), and the driver has
// no way to reset it: it lives until garbage collection, and until then the connection's
// later writes do not commit (their COMMIT fails with "SQL statements in progress", and the
// rollback takes with it writes already answered). Found by experiment with @libsql/client
// 0.18 / libsql 0.5. So every write takes the lock first with BEGIN IMMEDIATE run through
// `executeMultiple` (sqlite3_exec, which finalizes a refused statement), and runs only once
// it holds it. The pool's one connection is then held by a transaction for the write, so
// every call on the client goes through one queue.
import { LibsqlError, type Client, type InStatement, type Transaction } from "@libsql/client";
import { DatabaseBusyError } from "./client.ts";

/** How long a write keeps trying for the lock before DatabaseBusyError. */
export const BUSY_WAIT_MS = 1000;

const BUSY_CODES = new Set(["SQLITE_BUSY", "SQLITE_LOCKED"]);
const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

/** Runs `run` again, backing off, while SQLite refuses it with BUSY or LOCKED. */
async function retryWhileBusy<T>(run: () => Promise<T>, waitMs: number): Promise<T> {
  const start = performance.now();
  for (let delay = 2; ; delay = Math.min(delay * 2, 100)) {
    try {
      return await run();
    } catch (err) {
      if (!(err instanceof LibsqlError && BUSY_CODES.has(err.code))) throw err;
      const waited = performance.now() - start;
      if (waited >= waitMs) throw new DatabaseBusyError(waited, { cause: err });
      // Jitter, so writers that queued up behind one lock do not all come back at once.
      await sleep(Math.min(delay * (0.5 + Math.random() / 2), waitMs - waited));
    }
  }
}

/** One call at a time, in order of arrival. */
function queue() {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(run: () => Promise<T>): Promise<T> => {
    const result = tail.then(run);
    tail = result.catch(() => undefined);
    return result;
  };
}

// Statements that write (DML and DDL, also behind WITH). Anything else (SELECT, PRAGMA,
// VACUUM INTO) runs as it is: under WAL a reader is not blocked by a writer.
const WRITES = /^\s*(insert|update|delete|replace|create|drop|alter)\b/i;
const WITH_WRITES = /^\s*with\b[\s\S]*\b(insert|update|delete|replace)\b/i;
const sqlOf = (stmt: InStatement) => (typeof stmt === "string" ? stmt : stmt.sql);
const writes = (sql: string) => WRITES.test(sql) || WITH_WRITES.test(sql);

/** `run` inside a transaction that holds the write lock, committed when it returns. */
async function underWriteLock<T>(client: Client, run: (tx: Transaction) => Promise<T>): Promise<T> {
  // BEGIN DEFERRED takes no lock, so it is never refused; the lock comes from the exec.
  const tx = await client.transaction("deferred");
  try {
    await tx.executeMultiple("COMMIT; BEGIN IMMEDIATE");
    const result = await run(tx);
    await tx.commit();
    return result;
  } finally {
    tx.close(); // rolls back unless committed (also after a refused BEGIN IMMEDIATE)
  }
}

/**
 * The client with every write waiting for the lock as described above; `local` for a
 * libSQL file (one connection, the queue and the lock-first writes), otherwise only the
 * waiting. Wrapping the client, not the Db, covers drizzle's own queries (db.insert,
 * db.select…) as well as batchSql. A batch is all or nothing either way, so a refused one
 * has written nothing. Interactive transactions (client.transaction) are passed through:
 * nothing uses them, D1 has none.
 */
export function waitForWriteLock(client: Client, local: boolean, waitMs = BUSY_WAIT_MS): Client {
  const serial = local ? queue() : <T>(run: () => Promise<T>) => run();
  const ops: Partial<Client> = {
    execute: ((stmt: InStatement | string, args?: unknown) => {
      const statement = (typeof stmt === "string" && args !== undefined ? { sql: stmt, args } : stmt) as InStatement;
      if (local && writes(sqlOf(statement))) {
        return retryWhileBusy(() => serial(() => underWriteLock(client, (tx) => tx.execute(statement))), waitMs);
      }
      return retryWhileBusy(() => serial(() => client.execute(statement)), waitMs);
    }) as Client["execute"],
    batch: (stmts, mode) => {
      const statements = stmts.map((s): InStatement => (Array.isArray(s) ? { sql: s[0], args: s[1] ?? [] } : s));
      return retryWhileBusy(
        () =>
          serial(() => (local ? underWriteLock(client, (tx) => tx.batch(statements)) : client.batch(statements, mode))),
        waitMs,
      );
    },
    migrate: (stmts) =>
      retryWhileBusy(
        () =>
          serial(async () => {
            if (!local) return client.migrate(stmts);
            // As the driver's migrate does: foreign keys off while tables are rebuilt.
            await client.execute("PRAGMA foreign_keys = OFF");
            try {
              return await underWriteLock(client, (tx) => tx.batch(stmts));
            } finally {
              await client.execute("PRAGMA foreign_keys = ON");
            }
          }),
        waitMs,
      ),
    executeMultiple: (sql) => serial(() => client.executeMultiple(sql)),
  };
  return new Proxy(client, {
    get(target, prop) {
      if (Object.hasOwn(ops, prop)) return ops[prop as keyof Client];
      const value: unknown = Reflect.get(target, prop, target);
      // Bound to the real client: its methods use private fields a proxy does not have.
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
