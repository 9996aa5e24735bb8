import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { organisers, parties } from "../../db/schema.ts";
import { AppError } from "./errors.ts";

/** The refusal when `party` is not one of the organiser's parties (every form that takes one). */
export async function unknownPartyError(db: Db, organiserId: number, party: string): Promise<AppError | null> {
  const [known] = await db
    .select({ code: parties.code })
    .from(parties)
    .where(and(eq(parties.organiserId, organiserId), eq(parties.code, party)));
  return known
    ? null
    : new AppError(400, "invalid_input", "Uppgifterna är inte giltiga.", { party: "Välj en arbetsgivare i listan." });
}

export async function listParties(db: Db, organiserId: number) {
  return db
    .select({ code: parties.code, name: parties.name, kind: parties.kind, municipality: parties.municipality })
    .from(parties)
    .where(eq(parties.organiserId, organiserId))
    .orderBy(asc(parties.sortOrder), asc(parties.name));
}

export async function findOrganiser(db: Db, slug?: string) {
  // Without a slug: the first organiser, which is the only one on most installations.
  const q = db.select().from(organisers);
  const [row] = slug ? await q.where(eq(organisers.slug, slug)) : await q.orderBy(asc(organisers.id)).limit(1);
  return row ?? null;
}
