// People are counted once however many occasions they attend: a person is a normalised
// e-mail (registrations.email_key). When one person has used two addresses the office
// merges them; the merge is a row of its own (person_merges), applied when counting, so
// undoing it is deleting the row.
import { asc, desc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { personMerges, users } from "../../db/schema.ts";
import { auditStatement } from "./audit.ts";
import { AppError } from "./errors.ts";
import { emailKey } from "./registration.ts";
import type { StaffUser } from "./staff.ts";

export interface PersonIdentity {
  /** The address a person counts under (after merges, transitive). */
  personOf(key: string): string;
  /** Addresses that a merge names as `from`. */
  mergedAway: Map<string, string>;
}

export function personIdentity(merges: { intoKey: string; fromKeys: string[] }[]): PersonIdentity {
  const mergedAway = new Map<string, string>();
  for (const m of merges) for (const k of m.fromKeys) mergedAway.set(k, m.intoKey);
  const personOf = (key: string) => {
    let k = key;
    // Merges never form a cycle (a merged-away address cannot be merged into), but stop anyway.
    for (let i = 0; i < 100 && mergedAway.has(k); i++) k = mergedAway.get(k)!;
    return k;
  };
  return { personOf, mergedAway };
}

export async function loadPersonIdentity(db: Db, organiserId: number): Promise<PersonIdentity> {
  const rows = await db
    .select({ intoKey: personMerges.intoKey, fromKeys: personMerges.fromKeys })
    .from(personMerges)
    .where(eq(personMerges.organiserId, organiserId))
    .orderBy(asc(personMerges.id));
  return personIdentity(rows);
}

/** People found by name or address across all occasions of the organiser (at most 100). */
export async function listPeople(db: Db, organiserId: number, q?: string) {
  const needle = q
    ? `%${q
        .trim()
        .toLowerCase()
        .replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    : null;
  const [rows, identity, merges] = await Promise.all([
    db.all<{ emailKey: string; name: string; n: number }>(sql`
      SELECT email_key AS emailKey,
             (SELECT r2.name FROM registrations r2 WHERE r2.organiser_id = ${organiserId} AND r2.email_key = r.email_key ORDER BY r2.id DESC LIMIT 1) AS name,
             sum(r.status <> 'cancelled') AS n
      FROM registrations r
      -- Cancelled ones too: a person who cancelled may still ask to see or erase her data.
      WHERE r.organiser_id = ${organiserId} AND r.anonymised_at IS NULL
        ${needle ? sql`AND (r.email_key LIKE ${needle} ESCAPE '\\' OR lower(r.name) LIKE ${needle} ESCAPE '\\')` : sql``}
      GROUP BY r.email_key
      ORDER BY name, email_key
      LIMIT 100`),
    loadPersonIdentity(db, organiserId),
    db
      .select({ merge: personMerges, userName: users.name })
      .from(personMerges)
      .leftJoin(users, eq(users.id, personMerges.userId))
      .where(eq(personMerges.organiserId, organiserId))
      .orderBy(desc(personMerges.id)),
  ]);
  return {
    people: rows.map((r) => {
      const into = identity.personOf(r.emailKey);
      return {
        email: r.emailKey,
        name: r.name,
        registrations: Number(r.n),
        mergedInto: into === r.emailKey ? null : into,
      };
    }),
    merges: merges.map(({ merge, userName }) => ({
      id: merge.id,
      into: merge.intoKey,
      from: merge.fromKeys,
      userName,
      at: merge.createdAt.toISOString(),
    })),
  };
}

export async function mergePeople(db: Db, staff: StaffUser, now: Date, intoEmail: string, fromEmails: string[]) {
  const into = emailKey(intoEmail);
  const from = [...new Set(fromEmails.map(emailKey))];
  if (from.includes(into)) {
    throw new AppError(400, "invalid_input", "Uppgifterna är inte giltiga. Rätta de markerade fälten.", {
      from: "En adress kan inte slås ihop med sig själv.",
    });
  }
  const all = [into, ...from];
  const known = await db.all<{ k: string }>(sql`
    SELECT DISTINCT email_key AS k FROM registrations
    WHERE organiser_id = ${staff.organiserId} AND email_key IN (${sql.join(
      all.map((k) => sql`${k}`),
      sql`, `,
    )})`);
  const found = new Set(known.map((r) => r.k));
  const missing = all.filter((k) => !found.has(k));
  if (missing.length) throw new AppError(404, "person_not_found", `Ingen anmälan med adressen ${missing.join(", ")}.`);
  const identity = await loadPersonIdentity(db, staff.organiserId);
  const already = all.filter((k) => identity.mergedAway.has(k));
  if (already.length) {
    throw new AppError(
      409,
      "person_already_merged",
      `Adressen räknas redan som en annan person: ${already.join(", ")}. Ångra den sammanslagningen först.`,
    );
  }
  const [row] = await db.batchSql([
    sql`INSERT INTO person_merges (organiser_id, into_key, from_keys, user_id, created_at)
        VALUES (${staff.organiserId}, ${into}, ${JSON.stringify(from)}, ${staff.id}, ${now.getTime()}) RETURNING id`,
    auditStatement(staff, now, "person.merge", "person", null, null, { into, from }),
  ]);
  return { id: Number(row![0]!.id) };
}

export async function undoPersonMerge(db: Db, staff: StaffUser, now: Date, mergeId: number) {
  const [merge] = await db.select().from(personMerges).where(eq(personMerges.id, mergeId));
  if (!merge) throw new AppError(404, "merge_not_found", "Sammanslagningen finns inte.");
  if (merge.organiserId !== staff.organiserId)
    throw new AppError(403, "forbidden", "Du har inte behörighet till det här.");
  await db.batchSql([
    sql`DELETE FROM person_merges WHERE id = ${mergeId}`,
    auditStatement(staff, now, "person.unmerge", "person", null, { into: merge.intoKey, from: merge.fromKeys }, null),
  ]);
}
