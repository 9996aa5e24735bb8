// Searches every text column of every table for strings (case-insensitive): where a person's
// name or address is still stored after anonymisation. Walks sqlite_master, so a table added
// later is searched too.
import type { LibsqlHandle } from "../../db/libsql.ts";

export async function textColumnsHolding(handle: LibsqlHandle, needles: string[]): Promise<string[]> {
  const tables = await handle.client.execute(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%'",
  );
  const found: string[] = [];
  for (const t of tables.rows) {
    const table = String(t.name);
    const cols = await handle.client.execute(`PRAGMA table_info("${table}")`);
    for (const c of cols.rows) {
      const col = String(c.name);
      for (const needle of needles) {
        const rs = await handle.client.execute({
          sql: `SELECT count(*) AS n FROM "${table}" WHERE instr(lower(CAST("${col}" AS TEXT)), lower(?)) > 0`,
          args: [needle],
        });
        if (Number(rs.rows[0]!.n) > 0) found.push(`${table}.${col}: ${needle}`);
      }
    }
  }
  return found;
}
