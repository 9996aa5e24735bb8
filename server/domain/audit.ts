// The audit log: who changed what and when, with the state before and after. A change and
// its audit row go in the same batch where the change is a batch of its own.
import { SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import type { StaffUser } from "./staff.ts";

/**
 * `onlyIf`: written only when this holds, for a change whose UPDATE in the same batch may match
 * nothing. `after` may be SQL (a `json_object(…)`) for what only the batch itself knows.
 */
export function auditStatement(
  staff: StaffUser,
  now: Date,
  action: string,
  entity: string,
  entityId: number | SQL | null,
  before: unknown,
  after: unknown,
  onlyIf?: SQL,
) {
  return sql`INSERT INTO audit_log (organiser_id, user_id, action, entity, entity_id, before, after, at)
    SELECT ${staff.organiserId}, ${staff.id}, ${action}, ${entity}, ${entityId},
            ${json(before)}, ${json(after)}, ${now.getTime()}
    ${onlyIf ? sql`WHERE ${onlyIf}` : sql``}`;
}

const json = (v: unknown) => (v === null ? null : v instanceof SQL ? v : JSON.stringify(v));

/** An audit row on its own, for actions whose change is written by another domain function. */
export async function audit(
  db: Db,
  staff: StaffUser,
  now: Date,
  action: string,
  entity: string,
  entityId: number,
  before: unknown,
  after: unknown,
) {
  await db.batchSql([auditStatement(staff, now, action, entity, entityId, before, after)]);
}
