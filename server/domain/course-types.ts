// The kinds of structural efforts a förbund runs (DOMAIN.md). The codes are stable API values.
export const COURSE_TYPES = [
  { code: "forsakringsmedicin", name: "Grundkurs i försäkringsmedicin och samordnad rehabilitering" },
  { code: "handledarutbildning", name: "Handledarutbildning för öppna arbetsplatser" },
  { code: "fordjupning", name: "Fördjupningshalvdag för handledare" },
  { code: "bip-skapa", name: "Nätverksträff BIP/SKAPA" },
  { code: "sgi0", name: "Nätverk SGI 0" },
  { code: "parterna-berattar", name: "Parterna berättar" },
  { code: "temadag", name: "Temadag, workshop och konferens" },
] as const;

export type CourseTypeCode = (typeof COURSE_TYPES)[number]["code"];
export const COURSE_TYPE_CODES = COURSE_TYPES.map((t) => t.code) as [CourseTypeCode, ...CourseTypeCode[]];

export function courseTypeName(code: string): string {
  return COURSE_TYPES.find((t) => t.code === code)?.name ?? code;
}
