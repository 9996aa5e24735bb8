// Dietary and accessibility needs as counts, for the caterer and the venue (issue 11): "3 ×
// Vegetarisk, 1 × Glutenfri", never who. Needs are health data: names with needs stay on the
// leader's own participant list (attendance.ts), and this answer carries none. Retention
// (personal-data.ts) erases the texts some days after the course; the counts are then
// simply empty.
import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { registrations } from "../../db/schema.ts";
import { notFound } from "./errors.ts";
import { loadOccasion, occasionLocation, occasionTitle } from "./occasions.ts";

export interface NeedCount {
  /** The most common spelling of the group, with a capital first letter. */
  text: string;
  count: number;
}

/** Trimmed, runs of white space as one space, lower-cased: "  Laktos fri " and "laktos  FRI" meet. */
const squeeze = (s: string) => s.trim().replace(/\s+/g, " ");
const groupKey = (s: string) => squeeze(s).toLocaleLowerCase("sv");
const capitalise = (s: string) => s.charAt(0).toLocaleUpperCase("sv") + s.slice(1);
const bySwedish = (a: string, b: string) => a.localeCompare(b, "sv");

/**
 * The texts grouped by their normalised form only. They are free text ("vegetarisk",
 * "Vegetarian", "veg."), and any cleverer matching (synonyms, typos, splitting "gluten och
 * laktos") would sometimes put two different needs in one line, which a caterer cannot see
 * and a person with an allergy pays for. Equal up to case and spaces is predictable: the
 * leader reads the lines and can tell two spellings of one thing apart herself.
 */
export function countNeeds(values: readonly (string | null | undefined)[]): NeedCount[] {
  const groups = new Map<string, { count: number; spellings: Map<string, number> }>();
  for (const raw of values) {
    if (!raw) continue;
    const spelling = squeeze(raw);
    if (!spelling) continue;
    const key = groupKey(spelling);
    const g = groups.get(key) ?? { count: 0, spellings: new Map<string, number>() };
    g.count++;
    g.spellings.set(spelling, (g.spellings.get(spelling) ?? 0) + 1);
    groups.set(key, g);
  }
  const lines = [...groups.values()].map((g) => {
    // The most common spelling; on a tie the first in Swedish order, so the answer never depends on arrival order.
    const [best] = [...g.spellings].sort((a, b) => b[1] - a[1] || bySwedish(a[0], b[0]));
    return { text: capitalise(best![0]), count: g.count };
  });
  return lines.sort((a, b) => b.count - a.count || bySwedish(a.text, b.text));
}

/**
 * The needs of an occasion's confirmed participants (waiting and cancelled people eat
 * nothing there). Access is the caller's: a leader of the occasion, or its office.
 */
export async function needsSummary(db: Db, occasionId: number) {
  const bundle = await loadOccasion(db, occasionId);
  if (!bundle) throw notFound("Tillfället", "occasion_not_found");
  const rows = await db
    .select({ dietary: registrations.dietary, accessibility: registrations.accessibilityNeeds })
    .from(registrations)
    .where(and(eq(registrations.occasionId, occasionId), eq(registrations.status, "confirmed")));
  const withDietary = rows.filter((r) => r.dietary && squeeze(r.dietary) !== "").length;
  return {
    occasion: {
      id: bundle.occasion.id,
      title: occasionTitle(bundle.course, bundle.occasion),
      startsAt: bundle.occasion.startsAt.toISOString(),
      location: occasionLocation(bundle.occasion),
    },
    confirmed: rows.length,
    dietary: countNeeds(rows.map((r) => r.dietary)),
    accessibility: countNeeds(rows.map((r) => r.accessibility)),
    withoutDietary: rows.length - withDietary,
  };
}

export type NeedsSummary = Awaited<ReturnType<typeof needsSummary>>;
