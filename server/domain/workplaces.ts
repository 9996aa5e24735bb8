// Workplaces are counted once for the workplace goal, so two spellings of the same place
// should meet. The match key folds case, spacing and punctuation; the office can merge
// what it still misses (workplace_merges).
import { asc, desc, eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { users, workplaceMerges, workplaces } from "../../db/schema.ts";
import { AppError } from "./errors.ts";
import { auditStatement } from "./audit.ts";
import type { StaffUser } from "./staff.ts";

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

/**
 * SQL for the id a registration should point at: the row of the spelling it was typed in.
 * Merges are applied when counting (follow-up.ts), so undoing one restores every figure.
 */
export function workplaceIdSql(organiserId: number | SQL, w: WorkplaceInput) {
  const key = workplaceMatchKey(w.name, w.municipality);
  return sql`(SELECT w.id FROM workplaces w WHERE w.organiser_id = ${organiserId} AND w.match_key = ${key})`;
}

// ---------------------------------------------------------------- the register and its merges

export interface WorkplaceRow {
  id: number;
  name: string;
  municipality: string;
  orgNumber: string | null;
}

/** How the register's rows count: every row → the workplace it counts as. */
export interface WorkplaceIdentity {
  byId: Map<number, WorkplaceRow>;
  workplaceOf(id: number): number;
  /** The ids that some merge row names as `from` (they count as another workplace). */
  mergedAway: Map<number, number>;
}

const foldMunicipality = (m: string) => workplaceMatchKey("", m).slice(1);

/**
 * Merges first (transitive: A→B and B→C make A count as C), then rows that carry the same
 * organisation number in the same municipality join the group of the first of them.
 */
export function workplaceIdentity(
  rows: WorkplaceRow[],
  merges: { intoId: number; fromIds: number[] }[],
): WorkplaceIdentity {
  const parent = new Map<number, number>();
  const find = (id: number): number => {
    let root = id;
    while (parent.has(root)) root = parent.get(root)!;
    // Path compression: the next look-up of any of these is one step.
    for (let x = id; x !== root; ) {
      const next = parent.get(x)!;
      parent.set(x, root);
      x = next;
    }
    return root;
  };
  const attach = (from: number, into: number) => {
    const a = find(from);
    const b = find(into);
    if (a !== b) parent.set(a, b);
  };
  const mergedAway = new Map<number, number>();
  for (const m of merges) {
    for (const from of m.fromIds) {
      mergedAway.set(from, m.intoId);
      attach(from, m.intoId);
    }
  }
  const byOrg = new Map<string, number>();
  for (const r of [...rows].sort((a, b) => a.id - b.id)) {
    if (!r.orgNumber) continue;
    const key = `${r.orgNumber}|${foldMunicipality(r.municipality)}`;
    const first = byOrg.get(key);
    if (first === undefined) byOrg.set(key, r.id);
    else attach(r.id, first);
  }
  return { byId: new Map(rows.map((r) => [r.id, r])), workplaceOf: find, mergedAway };
}

export async function loadWorkplaceIdentity(db: Db, organiserId: number): Promise<WorkplaceIdentity> {
  const [rows, merges] = await Promise.all([
    db
      .select({
        id: workplaces.id,
        name: workplaces.name,
        municipality: workplaces.municipality,
        orgNumber: workplaces.orgNumber,
      })
      .from(workplaces)
      .where(eq(workplaces.organiserId, organiserId)),
    db
      .select({ intoId: workplaceMerges.intoId, fromIds: workplaceMerges.fromIds })
      .from(workplaceMerges)
      .where(eq(workplaceMerges.organiserId, organiserId))
      .orderBy(asc(workplaceMerges.id)),
  ]);
  return workplaceIdentity(rows, merges);
}

/** Levenshtein distance, stopping early once it is over `max`. */
function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      best = Math.min(best, cur[j]!);
    }
    if (best > max) return max + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * Likely the same place: same municipality, and one name's words all within the other's
 * ("ICA Maxi Halmstad" in "ICA Maxi Stormarknad Halmstad"), or the names a typo or two apart.
 * Only workplaces that do not already count as one are suggested.
 */
export function suggestDuplicates(rows: WorkplaceRow[], identity: WorkplaceIdentity): Map<number, number[]> {
  const out = new Map<number, number[]>();
  const byMunicipality = new Map<string, { row: WorkplaceRow; name: string; words: Set<string> }[]>();
  for (const row of rows) {
    const name = workplaceMatchKey(row.name, "").slice(0, -1);
    const list = byMunicipality.get(foldMunicipality(row.municipality)) ?? [];
    list.push({ row, name, words: new Set(name.split(" ").filter(Boolean)) });
    byMunicipality.set(foldMunicipality(row.municipality), list);
  }
  const subset = (a: Set<string>, b: Set<string>) => a.size > 0 && [...a].every((w) => b.has(w));
  for (const list of byMunicipality.values()) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i]!;
        const b = list[j]!;
        if (identity.workplaceOf(a.row.id) === identity.workplaceOf(b.row.id)) continue;
        const short = Math.min(a.name.length, b.name.length);
        const alike =
          (Math.min(a.words.size, b.words.size) >= 2 && (subset(a.words, b.words) || subset(b.words, a.words))) ||
          (short >= 6 && editDistance(a.name, b.name, short >= 12 ? 2 : 1) <= (short >= 12 ? 2 : 1));
        if (!alike) continue;
        out.set(a.row.id, [...(out.get(a.row.id) ?? []), b.row.id]);
        out.set(b.row.id, [...(out.get(b.row.id) ?? []), a.row.id]);
      }
    }
  }
  return out;
}

/** The register as the office sees it: every spelling, how it counts, and likely duplicates. */
export async function listWorkplaceRegister(db: Db, organiserId: number, q?: string) {
  const [identity, counts, merges] = await Promise.all([
    loadWorkplaceIdentity(db, organiserId),
    db.all<{ id: number; n: number }>(sql`
      SELECT workplace_id AS id, count(*) AS n FROM registrations
      WHERE organiser_id = ${organiserId} AND workplace_id IS NOT NULL AND status <> 'cancelled'
      GROUP BY workplace_id`),
    db
      .select({ merge: workplaceMerges, userName: users.name })
      .from(workplaceMerges)
      .leftJoin(users, eq(users.id, workplaceMerges.userId))
      .where(eq(workplaceMerges.organiserId, organiserId))
      .orderBy(desc(workplaceMerges.id)),
  ]);
  const rows = [...identity.byId.values()];
  const suggestions = suggestDuplicates(rows, identity);
  const n = new Map(counts.map((c) => [Number(c.id), Number(c.n)]));
  const needle = q ? workplaceMatchKey(q, "").slice(0, -1) : "";
  const list = rows
    .filter((r) => !needle || workplaceMatchKey(r.name, r.municipality).includes(needle))
    .map((r) => {
      const into = identity.workplaceOf(r.id);
      return {
        id: r.id,
        name: r.name,
        municipality: r.municipality,
        orgNumber: r.orgNumber,
        registrations: n.get(r.id) ?? 0,
        mergedInto: into === r.id ? null : into,
        suggestedDuplicates: suggestions.get(r.id) ?? [],
      };
    })
    .sort(
      (a, b) =>
        a.name.localeCompare(b.name, "sv-SE") || a.municipality.localeCompare(b.municipality, "sv-SE") || a.id - b.id,
    );
  return {
    workplaces: list,
    merges: merges.map(({ merge, userName }) => ({
      id: merge.id,
      into: merge.intoId,
      from: merge.fromIds,
      userName,
      at: merge.createdAt.toISOString(),
    })),
  };
}

const describe = (r: WorkplaceRow) => `${r.name} (${r.municipality})`;

export async function mergeWorkplaces(db: Db, staff: StaffUser, now: Date, into: number, from: number[]) {
  const ids = [...new Set(from)];
  if (ids.includes(into)) {
    throw new AppError(400, "invalid_input", "Uppgifterna är inte giltiga. Rätta de markerade fälten.", {
      from: "En arbetsplats kan inte slås ihop med sig själv.",
    });
  }
  const identity = await loadWorkplaceIdentity(db, staff.organiserId);
  const missing = [into, ...ids].filter((id) => !identity.byId.has(id));
  if (missing.length)
    throw new AppError(404, "workplace_not_found", `Arbetsplatsen finns inte (${missing.join(", ")}).`);
  const already = [into, ...ids].filter((id) => identity.mergedAway.has(id));
  if (already.length) {
    const names = already.map((id) => describe(identity.byId.get(id)!)).join(", ");
    throw new AppError(
      409,
      "workplace_already_merged",
      `Redan sammanslagen med en annan arbetsplats: ${names}. Ångra den sammanslagningen först.`,
    );
  }
  const [row] = await db.batchSql([
    sql`INSERT INTO workplace_merges (organiser_id, into_id, from_ids, user_id, created_at)
        VALUES (${staff.organiserId}, ${into}, ${JSON.stringify(ids)}, ${staff.id}, ${now.getTime()}) RETURNING id`,
    auditStatement(staff, now, "workplace.merge", "workplace", into, null, {
      into: describe(identity.byId.get(into)!),
      from: ids.map((id) => describe(identity.byId.get(id)!)),
    }),
  ]);
  return { id: Number(row![0]!.id) };
}

export async function undoWorkplaceMerge(db: Db, staff: StaffUser, now: Date, mergeId: number) {
  const [merge] = await db.select().from(workplaceMerges).where(eq(workplaceMerges.id, mergeId));
  if (!merge) throw new AppError(404, "merge_not_found", "Sammanslagningen finns inte.");
  if (merge.organiserId !== staff.organiserId)
    throw new AppError(403, "forbidden", "Du har inte behörighet till det här.");
  const identity = await loadWorkplaceIdentity(db, staff.organiserId);
  const name = (id: number) => (identity.byId.has(id) ? describe(identity.byId.get(id)!) : String(id));
  await db.batchSql([
    sql`DELETE FROM workplace_merges WHERE id = ${mergeId}`,
    auditStatement(
      staff,
      now,
      "workplace.unmerge",
      "workplace",
      merge.intoId,
      { into: name(merge.intoId), from: merge.fromIds.map(name) },
      null,
    ),
  ]);
}
