// The kinds of structural efforts an organiser runs. They are the organiser's own data
// (course_types): every organiser starts with the seven of DOMAIN.md, whose codes are stable
// API values that courses and goals name; the office may rename one or add its own.
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { courses, courseTypes } from "../../db/schema.ts";
import { AppError, notFound } from "./errors.ts";

/** What a new organiser gets (and what migration 0007 gave the existing ones). */
export const DEFAULT_COURSE_TYPES = [
  { code: "forsakringsmedicin", name: "Grundkurs i försäkringsmedicin och samordnad rehabilitering" },
  { code: "handledarutbildning", name: "Handledarutbildning för öppna arbetsplatser" },
  { code: "fordjupning", name: "Fördjupningshalvdag för handledare" },
  { code: "bip-skapa", name: "Nätverksträff BIP/SKAPA" },
  { code: "sgi0", name: "Nätverk SGI 0" },
  { code: "parterna-berattar", name: "Parterna berättar" },
  { code: "temadag", name: "Temadag, workshop och konferens" },
] as const;

/** A course-type code: lower-case letters, digits and dashes. */
export const COURSE_TYPE_CODE = /^[a-z0-9][a-z0-9-]{0,39}$/;

export async function insertDefaultCourseTypes(db: Db, organiserId: number, now: Date) {
  await db
    .insert(courseTypes)
    .values(DEFAULT_COURSE_TYPES.map((t, i) => ({ ...t, organiserId, sortOrder: i, createdAt: now })));
}

export async function listCourseTypes(db: Db, organiserId: number) {
  return db
    .select({ code: courseTypes.code, name: courseTypes.name })
    .from(courseTypes)
    .where(eq(courseTypes.organiserId, organiserId))
    .orderBy(asc(courseTypes.sortOrder), asc(courseTypes.id));
}

/** The office's list: each type with how many courses use it. */
export async function listCourseTypesWithUse(db: Db, organiserId: number) {
  const [types, uses] = await Promise.all([
    listCourseTypes(db, organiserId),
    db
      .select({ code: courses.courseType, n: sql<number>`count(*)` })
      .from(courses)
      .where(eq(courses.organiserId, organiserId))
      .groupBy(courses.courseType),
  ]);
  const use = new Map(uses.map((u) => [u.code, Number(u.n)]));
  return types.map((t) => ({ ...t, courses: use.get(t.code) ?? 0 }));
}

/** Does any organiser (or the one with this slug) have a course type with this code? */
export async function courseTypeExists(db: Db, code: string, organiserSlug?: string): Promise<boolean> {
  const rows = await db.all(sql`
    SELECT 1 FROM course_types t JOIN organisers o ON o.id = t.organiser_id
    WHERE t.code = ${code} ${organiserSlug ? sql`AND o.slug = ${organiserSlug}` : sql``} LIMIT 1`);
  return rows.length > 0;
}

/** The codes among `codes` that the organiser has no course type for. */
export async function unknownCourseTypes(db: Db, organiserId: number, codes: readonly string[]): Promise<string[]> {
  if (codes.length === 0) return [];
  const known = new Set((await listCourseTypes(db, organiserId)).map((t) => t.code));
  return codes.filter((c) => !known.has(c));
}

/** "Samverkansutbildning för chefer" → "samverkansutbildning-for-chefer". */
export function codeFromName(name: string): string {
  const code = name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/, "");
  return code || "kurstyp";
}

export async function createCourseType(db: Db, organiserId: number, now: Date, input: { name: string; code?: string }) {
  const existing = await listCourseTypes(db, organiserId);
  const taken = new Set(existing.map((t) => t.code));
  if (existing.some((t) => t.name.toLocaleLowerCase("sv-SE") === input.name.toLocaleLowerCase("sv-SE"))) {
    throw new AppError(409, "course_type_exists", "Det finns redan en kurstyp med det namnet.", {
      name: "Det finns redan en kurstyp med det namnet.",
    });
  }
  let code = input.code ?? codeFromName(input.name);
  if (input.code && taken.has(code)) {
    throw new AppError(409, "course_type_exists", "Koden används redan av en annan kurstyp.", {
      code: "Koden används redan.",
    });
  }
  for (let i = 2; taken.has(code); i++) code = `${codeFromName(input.name).slice(0, 36)}-${i}`;
  const [row] = await db
    .insert(courseTypes)
    .values({ organiserId, code, name: input.name, sortOrder: existing.length, createdAt: now })
    .returning({ code: courseTypes.code, name: courseTypes.name });
  return row!;
}

export async function renameCourseType(db: Db, organiserId: number, code: string, name: string) {
  const [row] = await db
    .update(courseTypes)
    .set({ name })
    .where(and(eq(courseTypes.organiserId, organiserId), eq(courseTypes.code, code)))
    .returning({ code: courseTypes.code, name: courseTypes.name });
  if (!row) throw notFound("Kurstypen", "course_type_not_found");
  return row;
}

/** Joins a course to its type's name: `leftJoin(courseTypes, courseTypeJoin)`. */
export const courseTypeJoin = and(
  eq(courseTypes.organiserId, courses.organiserId),
  eq(courseTypes.code, courses.courseType),
);
