// The Db type that every domain function takes first. Both drivers fit it: drizzle over
// @libsql/client on Node (see db/libsql.ts) and drizzle over a D1 binding on Workers.
// Only the query builder, raw `all`/`get`/`run` and `batch` are used, so code written
// against it runs without interactive transactions (D1 has none).
import type { LibSQLDatabase } from "drizzle-orm/libsql";
import type { BaseSQLiteDatabase } from "drizzle-orm/sqlite-core";
import type * as schema from "./schema.ts";

export type Schema = typeof schema;
export type Db = BaseSQLiteDatabase<"async", unknown, Schema> & {
  batch: LibSQLDatabase<Schema>["batch"];
};
