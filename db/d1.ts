// Worker-side database: a D1 binding.
import type { D1Database } from "@cloudflare/workers-types/latest/index.ts";
import { drizzle } from "drizzle-orm/d1";
import { withBatchSql, type Db, type Row } from "./client.ts";
import * as schema from "./schema.ts";

export function openD1(binding: D1Database): Db {
  return withBatchSql(drizzle(binding as never, { schema }), async (queries) => {
    const results = await binding.batch(queries.map((q) => binding.prepare(q.sql).bind(...q.params)));
    return results.map((r) => (r.results ?? []) as Row[]);
  });
}
