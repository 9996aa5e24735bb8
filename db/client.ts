// The Db type that every domain function takes first. Both drivers fit it: drizzle over
// @libsql/client on Node (db/libsql.ts) and drizzle over a D1 binding on Workers (db/d1.ts).
// Only the query builder, raw `all`/`get`/`run` and batches are used, so code written
// against it runs without interactive transactions (D1 has none).
//
// `batchSql` runs raw SQL statements as one atomic batch. Drizzle's own `batch` cannot take
// raw `sql` items on D1 (drizzle-orm issue #2277: "Cannot read properties of undefined
// (reading 'bind')"), and the rules need raw INSERT … SELECT and UPDATE … LIMIT, so each
// driver file supplies this one function over its client.
import type { LibSQLDatabase } from "drizzle-orm/libsql";
import type { SQL } from "drizzle-orm";
import { SQLiteAsyncDialect, type BaseSQLiteDatabase } from "drizzle-orm/sqlite-core";
import type * as schema from "./schema.ts";

export type Schema = typeof schema;
export type Row = Record<string, unknown>;
export interface CompiledQuery {
  sql: string;
  params: unknown[];
}

export type Db = BaseSQLiteDatabase<"async", unknown, Schema> & {
  batch: LibSQLDatabase<Schema>["batch"];
  /** Runs the statements as one write, all or nothing; returns each statement's rows. */
  batchSql(statements: SQL[]): Promise<Row[][]>;
};

const dialect = new SQLiteAsyncDialect();

/** Gives a drizzle database the `batchSql` its driver can run. */
export function withBatchSql(
  // biome-ignore lint/suspicious/noExplicitAny: libSQL and D1 databases differ in this result type; only batch() is used
  orm: BaseSQLiteDatabase<"async", any, Schema> & { batch: unknown },
  run: (queries: CompiledQuery[]) => Promise<Row[][]>,
): Db {
  return Object.assign(orm, {
    batchSql: (statements: SQL[]) => run(statements.map((s) => dialect.sqlToQuery(s))),
  }) as unknown as Db;
}

/**
 * A write that could not get the database's write lock in time (another process or
 * connection held it). Nothing was written; the client may try again in a moment. The
 * app answers it with 503 `busy` and `Retry-After`.
 */
export class DatabaseBusyError extends Error {
  constructor(
    readonly waitedMs: number,
    options?: { cause?: unknown },
  ) {
    super(`Databasen var låst i ${Math.round(waitedMs)} ms`, options);
    this.name = "DatabaseBusyError";
  }
}

/** True when the error, or one it wraps (drizzle wraps driver errors as `cause`), is a DatabaseBusyError. */
export function isDatabaseBusy(err: unknown): boolean {
  for (let e = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e instanceof DatabaseBusyError) return true;
  }
  return false;
}
