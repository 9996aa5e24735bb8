// The organiser's own settings that the office edits (issue 11): the contact the privacy
// notice names, the retention the organiser decided, and whether late cancellations cost.
import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { organisers } from "../../db/schema.ts";
import { auditStatement } from "./audit.ts";
import { notFound } from "./errors.ts";
import type { StaffUser } from "./staff.ts";

export interface OrganiserSettings {
  name: string;
  email: string;
  phone: string | null;
  website: string | null;
  dpoEmail: string | null;
  retentionMonths: number;
  needsRetentionDays: number;
  lateCancelDays: number | null;
}

const COLUMNS = {
  name: "name",
  email: "email",
  phone: "phone",
  website: "website",
  dpoEmail: "dpo_email",
  retentionMonths: "retention_months",
  needsRetentionDays: "needs_retention_days",
  lateCancelDays: "late_cancel_days",
} as const satisfies Record<keyof OrganiserSettings, string>;

export async function organiserSettings(db: Db, organiserId: number): Promise<OrganiserSettings> {
  const [o] = await db.select().from(organisers).where(eq(organisers.id, organiserId));
  if (!o) throw notFound("Arrangören", "organiser_not_found");
  return {
    name: o.name,
    email: o.email,
    phone: o.phone,
    website: o.website,
    dpoEmail: o.dpoEmail,
    retentionMonths: o.retentionMonths,
    needsRetentionDays: o.needsRetentionDays,
    lateCancelDays: o.lateCancelDays,
  };
}

/** One batch: the change and its audit row (before and after of the changed settings). */
export async function updateOrganiserSettings(
  db: Db,
  staff: StaffUser,
  now: Date,
  changes: Partial<OrganiserSettings>,
): Promise<OrganiserSettings> {
  const current = await organiserSettings(db, staff.organiserId);
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  const sets = [];
  for (const [field, column] of Object.entries(COLUMNS) as [keyof OrganiserSettings, string][]) {
    const to = changes[field];
    if (to === undefined || to === current[field]) continue;
    before[field] = current[field];
    after[field] = to;
    sets.push(sql`${sql.raw(column)} = ${to}`);
  }
  if (!sets.length) return current;
  await db.batchSql([
    sql`UPDATE organisers SET ${sql.join(sets, sql`, `)} WHERE id = ${staff.organiserId}`,
    auditStatement(staff, now, "settings.update", "organiser", staff.organiserId, before, after),
  ]);
  return organiserSettings(db, staff.organiserId);
}
