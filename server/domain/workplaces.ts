// Workplaces are counted once for the workplace goal, so two spellings of the same place
// should meet. The match key folds case, spacing and punctuation; the office can merge
// what it still misses (merged_into_id).
import { sql, type SQL } from "drizzle-orm";

export function workplaceMatchKey(name: string, municipality: string): string {
  const fold = (s: string) =>
    s
      .normalize("NFKC")
      .toLocaleLowerCase("sv-SE")
      .replace(/[^\p{L}\p{N}]+/gu, " ")
      .trim();
  return `${fold(name)}|${fold(municipality)}`;
}

export interface WorkplaceInput {
  name: string;
  municipality: string;
  orgNumber?: string | null;
}

/**
 * The statement that makes sure the workplace exists (and learns an organisation number it
 * did not have). Meant to run in the same batch as the registration that refers to it.
 */
export function upsertWorkplaceStatement(organiserId: number | SQL, w: WorkplaceInput, now: Date) {
  const key = workplaceMatchKey(w.name, w.municipality);
  // INSERT … SELECT, so that when organiserId is a subquery that finds nothing (a refused
  // registration), nothing is inserted.
  return sql`
    INSERT INTO workplaces (organiser_id, name, municipality, org_number, match_key, created_at)
    SELECT org.id, ${w.name}, ${w.municipality}, ${w.orgNumber ?? null}, ${key}, ${now.getTime()}
    FROM (SELECT ${organiserId} AS id) AS org WHERE org.id IS NOT NULL
    ON CONFLICT (organiser_id, match_key) DO UPDATE SET org_number = coalesce(workplaces.org_number, excluded.org_number)
  `;
}

/** SQL for the id a registration should point at: the workplace, or what it was merged into. */
export function workplaceIdSql(organiserId: number | SQL, w: WorkplaceInput) {
  const key = workplaceMatchKey(w.name, w.municipality);
  return sql`(SELECT coalesce(w.merged_into_id, w.id) FROM workplaces w WHERE w.organiser_id = ${organiserId} AND w.match_key = ${key})`;
}
