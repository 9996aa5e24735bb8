// Demo data: Samordningsförbundet i Halland with last year's and this year's goals and year
// plans (in the style of the 2024–2026 plans), laid out around the day it is seeded. Past
// occasions have registrations and attendance marks; today there is a supervisor training
// the demo leader takes attendance for at the door; coming ones are filling up (one full,
// with a waiting list). Workplaces are typed the way registrants type them, so the register
// has spellings the match key joins and pairs only the office can merge. Every person,
// workplace and organisation number is invented; addresses use example.se.
//
// The data depend only on `now` (a fixed pseudo-random sequence), so a seed is reproducible.
import { sql } from "drizzle-orm";
import type { Db } from "./client.ts";
import {
  attendance,
  courses,
  effortYears,
  evaluationAnswers,
  evaluationInvites,
  evaluations,
  goals,
  occasionDays,
  occasionLeaders,
  occasions,
  organisers,
  parties,
  registrations,
  users,
  workplaces,
} from "./schema.ts";
import { formatIsoDate, stockholmToUtc } from "../server/domain/format-time.ts";
import { insertDefaultCourseTypes } from "../server/domain/course-types.ts";
import { luhnValid } from "../server/domain/org-number.ts";
import { emailKey, newToken } from "../server/domain/registration.ts";
import { workplaceMatchKey } from "../server/domain/workplaces.ts";

export const HALLAND_PARTIES = [
  { code: "af", name: "Arbetsförmedlingen", kind: "state", municipality: null },
  { code: "fk", name: "Försäkringskassan", kind: "state", municipality: null },
  { code: "region-halland", name: "Region Halland", kind: "region", municipality: null },
  { code: "falkenberg", name: "Falkenbergs kommun", kind: "municipality", municipality: "Falkenberg" },
  { code: "halmstad", name: "Halmstads kommun", kind: "municipality", municipality: "Halmstad" },
  { code: "hylte", name: "Hylte kommun", kind: "municipality", municipality: "Hylte" },
  { code: "kungsbacka", name: "Kungsbacka kommun", kind: "municipality", municipality: "Kungsbacka" },
  { code: "laholm", name: "Laholms kommun", kind: "municipality", municipality: "Laholm" },
  { code: "varberg", name: "Varbergs kommun", kind: "municipality", municipality: "Varberg" },
  { code: "annan", name: "Annan arbetsgivare", kind: "other", municipality: null },
] as const;

export async function seedOrganiser(db: Db, now: Date) {
  const [org] = await db
    .insert(organisers)
    .values({
      slug: "halland",
      name: "Samordningsförbundet i Halland",
      email: "kansliet@halland.example.se",
      phone: "035-00 00 00",
      website: "https://halland.example.se",
      retentionMonths: 36,
      createdAt: now,
    })
    .returning();
  await db.insert(parties).values(HALLAND_PARTIES.map((p, i) => ({ ...p, organiserId: org!.id, sortOrder: i })));
  await insertDefaultCourseTypes(db, org!.id, now);
  return org!;
}

/** The demo staff accounts; `npm start` prints sign-in links for them. */
export const DEMO_STAFF = [
  { email: "utvecklingsledare@halland.example.se", name: "Maria Demo (utvecklingsledare)", role: "office" },
  { email: "kursledare@halland.example.se", name: "Johan Demo (kursledare)", role: "leader" },
] as const;

/** A second course leader (networks, basic course, Parterna berättar); no sign-in link is printed. */
const SECOND_LEADER = { email: "karin.ek@halland.example.se", name: "Karin Ek (kursledare)", role: "leader" } as const;

/**
 * The tables seedDemo fills, parents before children: what a copy of the demo data (the
 * SQL dump of db/d1-local.ts) must carry, in this order.
 */
export const DEMO_TABLES = [
  "organisers",
  "parties",
  "course_types",
  "users",
  "courses",
  "occasions",
  "occasion_days",
  "occasion_leaders",
  "workplaces",
  "registrations",
  "attendance",
  "goals",
  "evaluations",
  "evaluation_invites",
  "evaluation_answers",
] as const;

// ---------------------------------------------------------------- dates

const DAY = 86_400_000;
const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T12:00:00Z`) + days * DAY).toISOString().slice(0, 10);
/** 0 Sunday … 6 Saturday, of a calendar date. */
const weekdayOf = (date: string) => new Date(`${date}T12:00:00Z`).getUTCDay();

/** Easter Sunday (Gregorian, the anonymous algorithm). */
function easter(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

const holidayCache = new Map<number, Set<string>>();
/** Days nobody runs a course: public holidays and the eves that are days off in practice. */
function holidays(year: number): Set<string> {
  let set = holidayCache.get(year);
  if (!set) {
    const e = easter(year);
    const midsummerEve = [19, 20, 21, 22, 23, 24, 25].map((d) => `${year}-06-${d}`).find((d) => weekdayOf(d) === 5)!;
    set = new Set([
      ...["01-01", "01-06", "05-01", "06-06", "12-24", "12-25", "12-26", "12-31"].map((md) => `${year}-${md}`),
      addDays(e, -2),
      addDays(e, 1),
      addDays(e, 39),
      midsummerEve,
    ]);
    holidayCache.set(year, set);
  }
  return set;
}

const isWorkday = (date: string) => {
  const w = weekdayOf(date);
  return w >= 1 && w <= 5 && !holidays(Number(date.slice(0, 4))).has(date);
};

function nextWorkday(date: string): string {
  let d = date;
  while (!isWorkday(d)) d = addDays(d, 1);
  return d;
}

/** The `week`-th weekday `weekday` (1 Monday … 5 Friday) of a month. */
function nthWeekday(year: number, month: number, week: number, weekday: number): string {
  const first = `${year}-${String(month).padStart(2, "0")}-01`;
  return addDays(first, ((weekday - weekdayOf(first) + 7) % 7) + (week - 1) * 7);
}

// ---------------------------------------------------------------- a fixed pseudo-random sequence

function random(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    // mulberry32
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    int: (from: number, to: number) => from + Math.floor(next() * (to - from + 1)),
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!,
  };
}

/** An invented organisation number: the nine digits plus their Luhn check digit. */
function orgNumber(nine: string): string {
  for (let d = 0; d <= 9; d++) {
    if (luhnValid(`${nine}${d}`)) return `${nine.slice(0, 6)}-${nine.slice(6)}${d}`;
  }
  throw new Error("unreachable");
}

/** "Åsa Öberg" → "asa", "oberg": an address a mail server takes. */
const ascii = (s: string) =>
  s
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "");

// ---------------------------------------------------------------- people and workplaces

const FIRST = [
  "Anna",
  "Johan",
  "Maria",
  "Erik",
  "Sara",
  "Karin",
  "Lars",
  "Emma",
  "Mikael",
  "Elin",
  "Fredrik",
  "Linnea",
  "Peter",
  "Hanna",
  "Oskar",
  "Ida",
  "Jonas",
  "Sofia",
  "Ahmed",
  "Leila",
  "Nils",
  "Maja",
  "Viktor",
  "Amira",
  "Per",
  "Greta",
  "Tobias",
  "Alva",
  "Daniel",
  "Nora",
  "Åsa",
  "Björn",
  "Therese",
  "Mohammed",
  "Fatima",
  "Henrik",
  "Camilla",
  "Göran",
  "Zeynep",
  "Jesper",
  "Kristina",
  "Rasmus",
  "Yasmin",
  "Ulla",
  "Mats",
  "Jenny",
  "Dragan",
  "Helén",
  "Malin",
  "Ebba",
];
const FEMALE = new Set([
  "Anna",
  "Maria",
  "Sara",
  "Karin",
  "Emma",
  "Elin",
  "Linnea",
  "Hanna",
  "Ida",
  "Sofia",
  "Leila",
  "Maja",
  "Amira",
  "Greta",
  "Alva",
  "Nora",
  "Åsa",
  "Therese",
  "Fatima",
  "Camilla",
  "Zeynep",
  "Kristina",
  "Yasmin",
  "Ulla",
  "Jenny",
  "Helén",
  "Malin",
  "Ebba",
]);
const LAST = [
  "Lind",
  "Berg",
  "Holm",
  "Ek",
  "Strand",
  "Sjöberg",
  "Nyström",
  "Dahl",
  "Lindqvist",
  "Åkesson",
  "Bergkvist",
  "Falk",
  "Hedlund",
  "Blom",
  "Engström",
  "Wikström",
  "Svensk",
  "Lund",
  "Norén",
  "Ström",
  "Johansson",
  "Karlsson",
  "Nilsson",
  "Persson",
  "Gustafsson",
  "Jönsson",
  "Hassan",
  "Öberg",
  "Kovač",
  "Larsson",
  "Axelsson",
  "Mattsson",
  "Håkansson",
  "Yilmaz",
  "Fransson",
  "Bengtsson",
  "Sandberg",
  "Magnusson",
  "Pettersson",
  "Olsson",
];

type Audience = "supervisor" | "af" | "fk" | "region" | "ame" | "ifo";
type Gender = "kvinna" | "man" | "annat" | "vill-ej-ange" | null;

/** A workplace that opens its doors: a private employer (party "annan") or a municipality's own unit. */
interface OpenWorkplace {
  name: string;
  municipality: string;
  /** party code of the employer */
  party: string;
  /** nine digits; the check digit is computed */
  org?: string;
  /** e-mail domain (before .example.se); default: from the name */
  mail?: string;
  /** other spellings registrants type that the match key joins to the same row */
  typed?: string[];
  /** how many of its staff supervise (and take the training) */
  supervisors: number;
  /** took part the year before too */
  old?: boolean;
}

const mailOfParty = (party: string) =>
  party === "af" ? "af" : party === "fk" ? "fk" : party === "region-halland" ? "regionhalland" : party;

// Pairs only the office can merge (suggestDuplicates finds them): Café/Cafe Solrosen (a typo
// apart), Matmästarn Maxi (Stormarknad) Halmstad and Varbergs Kustlogistik (AB) (one name's
// words within the other's), Kustens Bygg & / och Montage AB (likewise). Rows the register
// joins by itself: spellings with the same match key, Hallandsåsens Trädgård and
// Hallandsåsens Handelsträdgård AB (same organisation number in Laholm); Kustens Bygg's
// site in Halmstad has the same number but is a workplace of its own (another municipality).
const OPEN_WORKPLACES: OpenWorkplace[] = [
  // Halmstad
  {
    name: "Café Solrosen",
    municipality: "Halmstad",
    party: "annan",
    org: "559104217",
    mail: "cafesolrosen",
    typed: ["CAFÉ SOLROSEN", "Café  Solrosen"],
    supervisors: 1,
    old: true,
  },
  { name: "Cafe Solrosen", municipality: "Halmstad", party: "annan", mail: "cafesolrosen", supervisors: 1 },
  {
    name: "Matmästarn Maxi Halmstad",
    municipality: "Halmstad",
    party: "annan",
    mail: "matmastarn",
    typed: ["Matmästarn Maxi, Halmstad", "matmästarn maxi halmstad", "MATMÄSTARN MAXI HALMSTAD"],
    supervisors: 2,
    old: true,
  },
  {
    name: "Matmästarn Maxi Stormarknad Halmstad",
    municipality: "Halmstad",
    party: "annan",
    mail: "matmastarn",
    supervisors: 1,
  },
  { name: "Nissastrandens Bageri", municipality: "Halmstad", party: "annan", supervisors: 1, old: true },
  {
    name: "Halmstads Bilvård & Däck AB",
    municipality: "Halmstad",
    party: "annan",
    org: "559211834",
    mail: "halmstadsbilvard",
    supervisors: 1,
  },
  { name: "Söndrums Trädgårdsservice", municipality: "Halmstad", party: "annan", supervisors: 1, old: true },
  {
    name: "Fyllinge Fastighetsservice AB",
    municipality: "Halmstad",
    party: "annan",
    org: "559038462",
    mail: "fyllingefastighet",
    supervisors: 2,
    old: true,
  },
  { name: "Gröna Gaffeln Restaurang", municipality: "Halmstad", party: "annan", mail: "gronagaffeln", supervisors: 1 },
  {
    name: "Andersbergs Second Hand",
    municipality: "Halmstad",
    party: "annan",
    org: "802457316",
    mail: "andersbergssecondhand",
    supervisors: 1,
    old: true,
  },
  { name: "Tegelbrukets Snickeri", municipality: "Halmstad", party: "annan", supervisors: 1 },
  { name: "Halmstads Cykelverkstad", municipality: "Halmstad", party: "annan", supervisors: 1 },
  {
    name: "Stenalyckans Städservice AB",
    municipality: "Halmstad",
    party: "annan",
    org: "559317205",
    mail: "stenalyckansstad",
    supervisors: 2,
  },
  { name: "Frösakulls Hemservice", municipality: "Halmstad", party: "annan", supervisors: 1 },
  {
    name: "Kustens Bygg & Montage AB",
    municipality: "Halmstad",
    party: "annan",
    org: "559162083",
    mail: "kustensbygg",
    supervisors: 1,
  },
  { name: "Halmstads kommun, Parkenheten", municipality: "Halmstad", party: "halmstad", supervisors: 2, old: true },
  { name: "Solgläntans äldreboende", municipality: "Halmstad", party: "halmstad", supervisors: 2, old: true },
  { name: "Halmstads kommun, Hemtjänsten Söder", municipality: "Halmstad", party: "halmstad", supervisors: 1 },
  // Laholm
  {
    name: "Kustens Bygg & Montage AB",
    municipality: "Laholm",
    party: "annan",
    org: "559162083",
    mail: "kustensbygg",
    typed: ["Kustens Bygg Montage AB", "kustens bygg & montage ab"],
    supervisors: 2,
    old: true,
  },
  { name: "Kustens Bygg och Montage AB", municipality: "Laholm", party: "annan", mail: "kustensbygg", supervisors: 1 },
  {
    name: "Hallandsåsens Trädgård",
    municipality: "Laholm",
    party: "annan",
    org: "559275318",
    mail: "hallandsasenstradgard",
    supervisors: 1,
    old: true,
  },
  {
    name: "Hallandsåsens Handelsträdgård AB",
    municipality: "Laholm",
    party: "annan",
    org: "559275318",
    mail: "hallandsasenstradgard",
    supervisors: 1,
  },
  { name: "Skottorps Gårdsbutik", municipality: "Laholm", party: "annan", supervisors: 1 },
  { name: "Lagans Lantbruksservice", municipality: "Laholm", party: "annan", supervisors: 1, old: true },
  {
    name: "Veinge Plåtslageri AB",
    municipality: "Laholm",
    party: "annan",
    org: "559340671",
    mail: "veingeplat",
    supervisors: 1,
  },
  { name: "Mellbystrands Surfshop", municipality: "Laholm", party: "annan", supervisors: 1 },
  { name: "Laholms kommun, Kulturskolan", municipality: "Laholm", party: "laholm", supervisors: 1, old: true },
  // Varberg
  {
    name: "Ängslyckans förskola",
    municipality: "Varberg",
    party: "annan",
    org: "559087534",
    mail: "angslyckan",
    supervisors: 2,
    old: true,
  },
  {
    name: "Varbergs Kustlogistik AB",
    municipality: "Varberg",
    party: "annan",
    org: "559226709",
    mail: "kustlogistik",
    supervisors: 2,
    old: true,
  },
  { name: "Varbergs Kustlogistik", municipality: "Varberg", party: "annan", mail: "kustlogistik", supervisors: 1 },
  { name: "Träslövs Måleri", municipality: "Varberg", party: "annan", supervisors: 1 },
  { name: "Apelvikens Strandkafé", municipality: "Varberg", party: "annan", supervisors: 1, old: true },
  { name: "Himledalens Hunddagis", municipality: "Varberg", party: "annan", supervisors: 1 },
  { name: "Kvarnagårdens Gym", municipality: "Varberg", party: "annan", supervisors: 1 },
  { name: "Tvååkers Möbelsnickeri", municipality: "Varberg", party: "annan", supervisors: 1 },
  { name: "Varbergs kommun, Stadsbiblioteket", municipality: "Varberg", party: "varberg", supervisors: 1, old: true },
  { name: "Varbergs kommun, Måltidsservice", municipality: "Varberg", party: "varberg", supervisors: 2 },
  // Falkenberg
  {
    name: "Återbruket Falkenberg",
    municipality: "Falkenberg",
    party: "annan",
    org: "802519463",
    mail: "aterbruket",
    supervisors: 2,
    old: true,
  },
  {
    name: "Falkenbergs Rör & Värme AB",
    municipality: "Falkenberg",
    party: "annan",
    org: "559154920",
    mail: "falkenbergsror",
    supervisors: 1,
    old: true,
  },
  { name: "Ätrans Fiskrökeri", municipality: "Falkenberg", party: "annan", supervisors: 1 },
  { name: "Skrea Strandservice", municipality: "Falkenberg", party: "annan", supervisors: 1 },
  { name: "Glommens Båtvarv", municipality: "Falkenberg", party: "annan", supervisors: 1, old: true },
  { name: "Vessigebro Gårdsmejeri", municipality: "Falkenberg", party: "annan", supervisors: 1 },
  {
    name: "Falkenbergs kommun, Gatuenheten",
    municipality: "Falkenberg",
    party: "falkenberg",
    supervisors: 1,
    old: true,
  },
  // Hylte
  {
    name: "Hylte Mekaniska Verkstad AB",
    municipality: "Hylte",
    party: "annan",
    org: "559063198",
    mail: "hyltemekaniska",
    supervisors: 2,
    old: true,
  },
  { name: "Torups Lanthandel", municipality: "Hylte", party: "annan", supervisors: 1 },
  { name: "Unnaryds Skogstjänst", municipality: "Hylte", party: "annan", supervisors: 1 },
  { name: "Hylte kommun, Hemtjänsten Hyltebruk", municipality: "Hylte", party: "hylte", supervisors: 1, old: true },
  // Kungsbacka
  {
    name: "Kungsbacka Bilrekond",
    municipality: "Kungsbacka",
    party: "annan",
    org: "559198346",
    mail: "kungsbackabilrekond",
    supervisors: 1,
    old: true,
  },
  {
    name: "Lagerhuset Väst AB",
    municipality: "Kungsbacka",
    party: "annan",
    org: "559250473",
    mail: "lagerhusetvast",
    supervisors: 2,
    old: true,
  },
  { name: "Onsala Hamnkrog", municipality: "Kungsbacka", party: "annan", supervisors: 1 },
  { name: "Särö Trädgårdsanläggning", municipality: "Kungsbacka", party: "annan", supervisors: 1 },
  {
    name: "Fjärås Elinstallation AB",
    municipality: "Kungsbacka",
    party: "annan",
    org: "559381527",
    mail: "fjaraselinstallation",
    supervisors: 1,
  },
  { name: "Åsa Ridskola", municipality: "Kungsbacka", party: "annan", supervisors: 1, old: true },
  { name: "Gällinge Bageri", municipality: "Kungsbacka", party: "annan", supervisors: 1 },
  { name: "Tölö Djurklinik", municipality: "Kungsbacka", party: "annan", supervisors: 1 },
  {
    name: "Kungsbacka kommun, Vård och omsorg Frillesås",
    municipality: "Kungsbacka",
    party: "kungsbacka",
    supervisors: 2,
  },
  // New this year, after the office's outreach to employers
  { name: "Vallås Däckcenter", municipality: "Halmstad", party: "annan", supervisors: 1 },
  { name: "Brogatans Blomsterhandel", municipality: "Halmstad", party: "annan", supervisors: 1 },
  { name: "Halmstads kommun, Fritidsgården Andersberg", municipality: "Halmstad", party: "halmstad", supervisors: 1 },
  {
    name: "Getinge Lantmekanik AB",
    municipality: "Halmstad",
    party: "annan",
    org: "559402186",
    mail: "getingelantmekanik",
    supervisors: 1,
  },
  { name: "Morups Lamm och Ull", municipality: "Falkenberg", party: "annan", supervisors: 1 },
  { name: "Falkenbergs Cykel & Sport", municipality: "Falkenberg", party: "annan", supervisors: 1 },
  { name: "Bua Fiskhamnsservice", municipality: "Varberg", party: "annan", supervisors: 1 },
  {
    name: "Rolfstorps Snickeri AB",
    municipality: "Varberg",
    party: "annan",
    org: "559418603",
    mail: "rolfstorpssnickeri",
    supervisors: 1,
  },
  { name: "Hyltebruks Pappersservice", municipality: "Hylte", party: "annan", supervisors: 1 },
  { name: "Knäreds Gårdscafé", municipality: "Laholm", party: "annan", supervisors: 1 },
  { name: "Vallda Grönsaksodling", municipality: "Kungsbacka", party: "annan", supervisors: 1 },
  { name: "Anneberg Städ & Fönsterputs", municipality: "Kungsbacka", party: "annan", supervisors: 1 },
  { name: "Kungsbacka kommun, Parkförvaltningen", municipality: "Kungsbacka", party: "kungsbacka", supervisors: 1 },
];

/** The parties' own units, whose staff take the other courses. */
const PARTY_UNITS: {
  name: string;
  municipality: string;
  party: string;
  audience: Audience;
  staff: number;
  roles: string[];
}[] = [
  {
    name: "Arbetsförmedlingen Halmstad",
    municipality: "Halmstad",
    party: "af",
    audience: "af",
    staff: 10,
    roles: ["Arbetsförmedlare", "Arbetsförmedlare", "Specialist, arbetspsykolog", "Enhetschef"],
  },
  {
    name: "Arbetsförmedlingen Varberg",
    municipality: "Varberg",
    party: "af",
    audience: "af",
    staff: 7,
    roles: ["Arbetsförmedlare", "Arbetsförmedlare", "Specialist, arbetsterapeut"],
  },
  {
    name: "Arbetsförmedlingen Kungsbacka",
    municipality: "Kungsbacka",
    party: "af",
    audience: "af",
    staff: 6,
    roles: ["Arbetsförmedlare", "Arbetsförmedlare", "Enhetschef"],
  },
  {
    name: "Arbetsförmedlingen Falkenberg",
    municipality: "Falkenberg",
    party: "af",
    audience: "af",
    staff: 5,
    roles: ["Arbetsförmedlare"],
  },
  {
    name: "Försäkringskassan Halmstad",
    municipality: "Halmstad",
    party: "fk",
    audience: "fk",
    staff: 13,
    roles: ["Handläggare", "Handläggare", "Samordnare", "Försäkringsmedicinsk rådgivare"],
  },
  {
    name: "Försäkringskassan Varberg",
    municipality: "Varberg",
    party: "fk",
    audience: "fk",
    staff: 9,
    roles: ["Handläggare", "Handläggare", "Samordnare"],
  },
  {
    name: "Region Halland, Psykiatrin Halmstad",
    municipality: "Halmstad",
    party: "region-halland",
    audience: "region",
    staff: 7,
    roles: ["Kurator", "Arbetsterapeut", "Sjuksköterska", "Läkare"],
  },
  {
    name: "Region Halland, Psykiatrin Varberg",
    municipality: "Varberg",
    party: "region-halland",
    audience: "region",
    staff: 5,
    roles: ["Kurator", "Arbetsterapeut"],
  },
  {
    name: "Region Halland, Rehabenheten Kungsbacka",
    municipality: "Kungsbacka",
    party: "region-halland",
    audience: "region",
    staff: 5,
    roles: ["Rehabkoordinator", "Fysioterapeut"],
  },
  {
    name: "Region Halland, Vårdcentralen Ätradalen",
    municipality: "Falkenberg",
    party: "region-halland",
    audience: "region",
    staff: 4,
    roles: ["Rehabkoordinator", "Distriktsläkare"],
  },
  {
    name: "Region Halland, Regionkontoret",
    municipality: "Halmstad",
    party: "region-halland",
    audience: "region",
    staff: 4,
    roles: ["Utvecklingsledare", "Strateg"],
  },
  {
    name: "Halmstads kommun, Arbetsmarknadsenheten",
    municipality: "Halmstad",
    party: "halmstad",
    audience: "ame",
    staff: 7,
    roles: ["Arbetskonsulent", "Arbetskonsulent", "Jobbcoach", "Enhetschef"],
  },
  {
    name: "Halmstads kommun, Socialförvaltningen",
    municipality: "Halmstad",
    party: "halmstad",
    audience: "ifo",
    staff: 6,
    roles: ["Socialsekreterare", "Socialsekreterare", "Budget- och skuldrådgivare"],
  },
  {
    name: "Varbergs kommun, Arbetsmarknadsenheten",
    municipality: "Varberg",
    party: "varberg",
    audience: "ame",
    staff: 5,
    roles: ["Arbetskonsulent", "Studie- och yrkesvägledare"],
  },
  {
    name: "Varbergs kommun, Individ- och familjeomsorgen",
    municipality: "Varberg",
    party: "varberg",
    audience: "ifo",
    staff: 5,
    roles: ["Socialsekreterare"],
  },
  {
    name: "Kungsbacka kommun, Arbetsmarknadsenheten",
    municipality: "Kungsbacka",
    party: "kungsbacka",
    audience: "ame",
    staff: 5,
    roles: ["Arbetskonsulent", "Jobbcoach"],
  },
  {
    name: "Kungsbacka kommun, Individ- och familjeomsorgen",
    municipality: "Kungsbacka",
    party: "kungsbacka",
    audience: "ifo",
    staff: 5,
    roles: ["Socialsekreterare", "Enhetschef"],
  },
  {
    name: "Falkenbergs kommun, Arbetsmarknadsenheten",
    municipality: "Falkenberg",
    party: "falkenberg",
    audience: "ame",
    staff: 6,
    roles: ["Arbetskonsulent", "Socialsekreterare"],
  },
  {
    name: "Laholms kommun, Arbetsmarknadsenheten",
    municipality: "Laholm",
    party: "laholm",
    audience: "ame",
    staff: 5,
    roles: ["Arbetskonsulent", "Jobbcoach"],
  },
  {
    name: "Hylte kommun, Arbetsmarknadsenheten",
    municipality: "Hylte",
    party: "hylte",
    audience: "ame",
    staff: 4,
    roles: ["Arbetskonsulent", "Enhetschef"],
  },
];

const SUPERVISOR_ROLES = ["Handledare", "Handledare", "Arbetsledare", "Butikschef", "Verksamhetschef", "Platschef"];

interface Person {
  name: string;
  email: string;
  /** a second address the same person used once (the office merges them) */
  altEmail?: string;
  party: string;
  /** the spellings of her workplace she types (all with one match key) */
  workplace: { names: string[]; municipality: string };
  role: string;
  gender: Gender;
  audience: Audience;
  /** first year she takes part in anything */
  since: number;
}

// ---------------------------------------------------------------- courses and the year plan

type CourseKey = "fm" | "hu" | "fd" | "bip" | "sgi" | "pb" | "td" | "konf";
const COURSE_DEFS: {
  key: CourseKey;
  courseType: string;
  title: string;
  responsiblePartyCode: string;
  description: string;
  asksDietary?: boolean;
}[] = [
  {
    key: "fm",
    courseType: "forsakringsmedicin",
    title: "Grundkurs i försäkringsmedicin och samordnad rehabilitering",
    responsiblePartyCode: "fk",
    description:
      "Två dagar om sjukförsäkringen, arbetsförmåga och hur parterna samverkar kring rehabilitering. För medarbetare hos alla parter. Lunch och fika ingår.",
  },
  {
    key: "hu",
    courseType: "handledarutbildning",
    title: "Handledarutbildning för öppna arbetsplatser",
    responsiblePartyCode: "af",
    description:
      "För dig som tar emot personer som står långt från arbetsmarknaden på din arbetsplats: roller, bemötande, stöd och vem du ringer. Följs av en fördjupningshalvdag.",
  },
  {
    key: "fd",
    courseType: "fordjupning",
    title: "Fördjupningshalvdag för handledare",
    responsiblePartyCode: "af",
    description: "Erfarenhetsutbyte och fördjupning för dig som gått handledarutbildningen.",
  },
  {
    key: "bip",
    courseType: "bip-skapa",
    title: "Nätverksträff BIP/SKAPA",
    responsiblePartyCode: "halmstad",
    description: "Nätverk för kommunernas arbetsmarknadsenheter kring metoden BIP/SKAPA.",
  },
  {
    key: "sgi",
    courseType: "sgi0",
    title: "Nätverk SGI 0",
    responsiblePartyCode: "fk",
    description: "Nätverk kring personer utan sjukpenninggrundande inkomst: regler, vägar och samverkan.",
  },
  {
    key: "pb",
    courseType: "parterna-berattar",
    title: "Parterna berättar",
    responsiblePartyCode: "region-halland",
    description: "Digitalt kompetenspass: en part i taget berättar om sitt uppdrag. En timme via Teams.",
    asksDietary: false,
  },
  {
    key: "td",
    courseType: "temadag",
    title: "Temadag: Psykisk ohälsa och arbete",
    responsiblePartyCode: "region-halland",
    description: "Föreläsningar och workshop om vägen tillbaka till arbete vid psykisk ohälsa. Lunch ingår.",
  },
  {
    key: "konf",
    courseType: "temadag",
    title: "Konferens: Samverkan som bär",
    responsiblePartyCode: "af",
    description:
      "Årets konferens för alla parter: goda exempel från Halland, föreläsningar och samtal i grupper. Lunch ingår.",
  },
];

interface Venue {
  venue: string;
  address: string;
  town: string;
}
const V = {
  storgatan: { venue: "Samordningsförbundets lokal", address: "Storgatan 6, Halmstad", town: "Halmstad" },
  folketsHus: { venue: "Folkets Hus Varberg", address: "Västra Vallgatan 9, Varberg", town: "Varberg" },
  fyren: { venue: "Kulturhuset Fyren", address: "Kungsgatan 20, Kungsbacka", town: "Kungsbacka" },
  falkenberg: { venue: "Falkenbergs stadsbibliotek", address: "Stortorget 1, Falkenberg", town: "Falkenberg" },
  laholm: { venue: "Laholms folkbibliotek", address: "Hästtorget 1, Laholm", town: "Laholm" },
  hylte: { venue: "Hyltebruks Folkets Hus", address: "Storgatan 12, Hyltebruk", town: "Hylte" },
  arena: { venue: "Halmstad Arena", address: "Stenalyckevägen 2, Halmstad", town: "Halmstad" },
  teatern: { venue: "Varbergs Teater", address: "Engelbrektsgatan 5, Varberg", town: "Varberg" },
} satisfies Record<string, Venue>;

const BLOCKS = {
  full: { from: "09:00", to: "16:00" },
  half: { from: "13:00", to: "16:30" },
  hour: { from: "09:00", to: "10:00" },
};

interface Slot {
  course: CourseKey;
  month: number;
  week: number;
  /** 1 Monday … 5 Friday (a two-day course: this day and the next) */
  weekday: number;
  days?: number;
  block: keyof typeof BLOCKS;
  capacity: number;
  /** registrations once it is over (or about to start) */
  fill: number;
  venue: Venue | "online";
  label?: string;
}

const hu = (month: number, week: number, weekday: number, venue: Venue, fill: number): Slot => ({
  course: "hu",
  month,
  week,
  weekday,
  block: "full",
  capacity: 20,
  fill,
  venue,
  label: venue.town,
});

/** This year's plan, by month (no courses in July); next year's first months look alike. */
const PLAN: Slot[] = [
  {
    course: "pb",
    month: 1,
    week: 3,
    weekday: 3,
    block: "hour",
    capacity: 100,
    fill: 38,
    venue: "online",
    label: "Försäkringskassan",
  },
  hu(1, 4, 4, V.storgatan, 18),
  { course: "bip", month: 2, week: 2, weekday: 2, block: "half", capacity: 25, fill: 15, venue: V.storgatan },
  {
    course: "fm",
    month: 3,
    week: 2,
    weekday: 2,
    days: 2,
    block: "full",
    capacity: 30,
    fill: 28,
    venue: V.storgatan,
    label: "vår",
  },
  {
    course: "pb",
    month: 3,
    week: 1,
    weekday: 3,
    block: "hour",
    capacity: 100,
    fill: 44,
    venue: "online",
    label: "Arbetsförmedlingen",
  },
  hu(3, 3, 4, V.folketsHus, 19),
  { course: "sgi", month: 3, week: 4, weekday: 4, block: "half", capacity: 25, fill: 12, venue: V.storgatan },
  hu(4, 2, 3, V.fyren, 17),
  { course: "td", month: 4, week: 4, weekday: 4, block: "full", capacity: 150, fill: 104, venue: V.arena },
  { course: "fd", month: 4, week: 3, weekday: 3, block: "half", capacity: 20, fill: 11, venue: V.folketsHus },
  {
    course: "pb",
    month: 5,
    week: 1,
    weekday: 3,
    block: "hour",
    capacity: 100,
    fill: 31,
    venue: "online",
    label: "Region Halland",
  },
  hu(5, 3, 2, V.falkenberg, 18),
  { course: "bip", month: 5, week: 3, weekday: 4, block: "half", capacity: 25, fill: 13, venue: V.folketsHus },
  { course: "fd", month: 6, week: 1, weekday: 2, block: "half", capacity: 20, fill: 12, venue: V.storgatan },
  { course: "sgi", month: 6, week: 2, weekday: 3, block: "half", capacity: 25, fill: 10, venue: V.storgatan },
  {
    course: "pb",
    month: 9,
    week: 1,
    weekday: 3,
    block: "hour",
    capacity: 100,
    fill: 36,
    venue: "online",
    label: "Kommunerna",
  },
  hu(9, 2, 4, V.laholm, 18),
  { course: "bip", month: 9, week: 3, weekday: 2, block: "half", capacity: 25, fill: 14, venue: V.storgatan },
  {
    course: "fm",
    month: 10,
    week: 2,
    weekday: 2,
    days: 2,
    block: "full",
    capacity: 30,
    fill: 27,
    venue: V.storgatan,
    label: "höst",
  },
  { course: "sgi", month: 10, week: 1, weekday: 3, block: "half", capacity: 25, fill: 11, venue: V.folketsHus },
  hu(10, 3, 3, V.hylte, 22), // full: 20 places, 2 stayed on the waiting list
  { course: "fd", month: 10, week: 4, weekday: 4, block: "half", capacity: 20, fill: 12, venue: V.fyren },
  {
    course: "pb",
    month: 11,
    week: 1,
    weekday: 3,
    block: "hour",
    capacity: 100,
    fill: 33,
    venue: "online",
    label: "Samordningsförbundet",
  },
  hu(11, 2, 3, V.storgatan, 18),
  { course: "konf", month: 11, week: 3, weekday: 4, block: "full", capacity: 160, fill: 112, venue: V.teatern },
  { course: "bip", month: 11, week: 4, weekday: 2, block: "half", capacity: 25, fill: 12, venue: V.folketsHus },
  { course: "fd", month: 12, week: 1, weekday: 3, block: "half", capacity: 20, fill: 10, venue: V.storgatan },
];

/** Last year's plan: fewer supervisor trainings than planned (goal 8), the networks as planned. */
const LAST_YEAR_PLAN: Slot[] = [
  hu(2, 4, 4, V.storgatan, 13),
  {
    course: "fm",
    month: 3,
    week: 3,
    weekday: 2,
    days: 2,
    block: "full",
    capacity: 30,
    fill: 25,
    venue: V.storgatan,
    label: "vår",
  },
  { course: "bip", month: 3, week: 4, weekday: 2, block: "half", capacity: 25, fill: 12, venue: V.storgatan },
  hu(4, 2, 2, V.folketsHus, 12),
  { course: "sgi", month: 5, week: 2, weekday: 4, block: "half", capacity: 25, fill: 9, venue: V.storgatan },
  hu(5, 4, 3, V.fyren, 14),
  { course: "fd", month: 6, week: 1, weekday: 3, block: "half", capacity: 20, fill: 8, venue: V.storgatan },
  hu(9, 3, 4, V.falkenberg, 12),
  { course: "bip", month: 9, week: 4, weekday: 2, block: "half", capacity: 25, fill: 11, venue: V.folketsHus },
  {
    course: "pb",
    month: 10,
    week: 1,
    weekday: 3,
    block: "hour",
    capacity: 100,
    fill: 34,
    venue: "online",
    label: "Försäkringskassan",
  },
  {
    course: "fm",
    month: 10,
    week: 3,
    weekday: 2,
    days: 2,
    block: "full",
    capacity: 30,
    fill: 24,
    venue: V.storgatan,
    label: "höst",
  },
  hu(10, 4, 2, V.storgatan, 13),
  { course: "sgi", month: 11, week: 1, weekday: 4, block: "half", capacity: 25, fill: 8, venue: V.folketsHus },
  hu(11, 3, 3, V.laholm, 12),
  { course: "td", month: 11, week: 4, weekday: 4, block: "full", capacity: 150, fill: 82, venue: V.arena },
  { course: "fd", month: 12, week: 1, weekday: 2, block: "half", capacity: 20, fill: 9, venue: V.folketsHus },
];

interface PlannedOccasion {
  course: CourseKey;
  dates: string[];
  block: keyof typeof BLOCKS;
  capacity: number;
  fill: number;
  venue: Venue | "online";
  label: string | null;
  special?: "today" | "full";
}

/** A slot on real dates: the n-th weekday of its month, a week later when a day is a holiday. */
function place(slot: Slot, year: number): PlannedOccasion {
  let first = nthWeekday(year, slot.month, slot.week, slot.weekday);
  const datesFrom = (d: string) => Array.from({ length: slot.days ?? 1 }, (_, i) => addDays(d, i));
  while (!datesFrom(first).every(isWorkday)) first = addDays(first, 7);
  return {
    course: slot.course,
    dates: datesFrom(first),
    block: slot.block,
    capacity: slot.capacity,
    fill: slot.fill,
    venue: slot.venue,
    label: slot.label ?? null,
  };
}

/**
 * The occasions to create: last year's plan, this year's, next year's first weeks, and the
 * two that belong to today (the one at the door and the full one a few days on), on the
 * next working day when today is not one. The plan has no course in July; those two follow
 * today even then, since the leader's demo is the occasion at the door.
 */
function yearPlan(now: Date): PlannedOccasion[] {
  const today = formatIsoDate(now);
  const year = Number(today.slice(0, 4));
  const todayDate = nextWorkday(today);
  const fullDate = nextWorkday(addDays(todayDate, 4));
  const horizon = addDays(today, 75);
  const planned = [
    ...PLAN.map((s) => place(s, year)),
    ...PLAN.map((s) => place(s, year + 1)).filter((o) => o.dates[0]! <= horizon),
  ];
  const drop = new Set<PlannedOccasion>();
  const trainingsOf = (date: string) =>
    planned.filter((o) => o.course === "hu" && o.dates[0]!.slice(0, 4) === date.slice(0, 4));
  const distance = (o: PlannedOccasion, date: string) => Math.abs(Date.parse(o.dates[0]!) - Date.parse(date));
  const nearest = (list: PlannedOccasion[], date: string) =>
    [...list].sort((a, b) => distance(a, date) - distance(b, date))[0];
  // Today's training takes the place of the nearest coming one of its year (late in the
  // year, when none is coming, of the last one), so a year keeps 7–8 trainings.
  const sameYear = trainingsOf(todayDate);
  const coming = sameYear.filter((o) => o.dates[0]! >= today);
  const first = nearest(coming.length ? coming : sameYear, todayDate);
  if (first) drop.add(first);
  const second = nearest(
    trainingsOf(fullDate).filter((o) => o.dates[0]! >= today && !drop.has(o)),
    fullDate,
  );
  if (second && distance(second, fullDate) <= 10 * DAY) drop.add(second);

  return [
    ...LAST_YEAR_PLAN.map((s) => place(s, year - 1)),
    ...planned.filter((o) => !drop.has(o)),
    {
      course: "hu",
      dates: [todayDate],
      block: "full",
      capacity: 20,
      fill: 17,
      venue: V.fyren,
      label: V.fyren.town,
      special: "today",
    },
    {
      course: "hu",
      dates: [fullDate],
      block: "full",
      capacity: 12,
      fill: 15,
      venue: V.storgatan,
      label: V.storgatan.town,
      special: "full",
    },
  ];
}

// ---------------------------------------------------------------- the seed

type RegistrationRow = typeof registrations.$inferInsert;
type AttendanceRow = typeof attendance.$inferInsert;

async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>, size = 50) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

export async function seedDemo(db: Db, now: Date): Promise<{ organiserId: number }> {
  const rnd = random(20_260_116);
  const t = now.getTime();
  const year = Number(formatIsoDate(now).slice(0, 4));
  const org = await seedOrganiser(db, now);

  const staffRows = await db
    .insert(users)
    .values(
      [...DEMO_STAFF, SECOND_LEADER].map((u) => ({ ...u, organiserId: org.id, emailKey: u.email, createdAt: now })),
    )
    .returning({ id: users.id, email: users.email });
  const userId = (email: string) => staffRows.find((u) => u.email === email)!.id;
  const demoLeaderId = userId(DEMO_STAFF[1].email);
  const secondLeaderId = userId(SECOND_LEADER.email);
  /** Johan leads the supervisor trainings and the big days; Karin the networks and courses. */
  const leaderOf = (course: CourseKey) =>
    course === "hu" || course === "fd" || course === "td" || course === "konf" ? demoLeaderId : secondLeaderId;

  const courseRows = await db
    .insert(courses)
    .values(COURSE_DEFS.map(({ key: _key, ...c }) => ({ ...c, organiserId: org.id, createdAt: now })))
    .returning({ id: courses.id, title: courses.title });
  const courseId = Object.fromEntries(
    COURSE_DEFS.map((c) => [c.key, courseRows.find((r) => r.title === c.title)!.id]),
  ) as Record<CourseKey, number>;
  const asksDietary = (course: CourseKey) => COURSE_DEFS.find((c) => c.key === course)!.asksDietary !== false;

  // ---- people
  const usedNames = new Set<string>(["Anna Lind"]);
  const usedEmails = new Set<string>();
  const person = (
    p: Omit<Person, "name" | "email" | "gender"> & { domain: string; first?: string; last?: string },
  ): Person => {
    let first = p.first;
    let last = p.last;
    if (!first || !last) {
      do {
        first =
          rnd.next() < 0.64
            ? rnd.pick(FIRST.filter((f) => FEMALE.has(f)))
            : rnd.pick(FIRST.filter((f) => !FEMALE.has(f)));
        last = rnd.pick(LAST);
      } while (usedNames.has(`${first} ${last}`));
    }
    usedNames.add(`${first} ${last}`);
    let email = `${ascii(first)}.${ascii(last)}@${p.domain}.example.se`;
    for (let n = 2; usedEmails.has(email); n++) email = `${ascii(first)}.${ascii(last)}${n}@${p.domain}.example.se`;
    usedEmails.add(email);
    const g = rnd.next();
    const gender: Gender =
      g < 0.025 ? "annat" : g < 0.065 ? "vill-ej-ange" : g < 0.13 ? null : FEMALE.has(first) ? "kvinna" : "man";
    const { domain: _domain, first: _f, last: _l, ...rest } = p;
    return { ...rest, name: `${first} ${last}`, email, gender };
  };

  const people: Person[] = [];
  for (const w of OPEN_WORKPLACES) {
    for (let i = 0; i < w.supervisors; i++) {
      people.push(
        person({
          party: w.party,
          workplace: { names: [w.name, ...(w.typed ?? [])], municipality: w.municipality },
          role: rnd.pick(SUPERVISOR_ROLES),
          audience: "supervisor",
          since: w.old && (i === 0 || rnd.next() < 0.5) ? year - 1 : year,
          domain: w.party === "annan" ? (w.mail ?? ascii(w.name.replace(/\bAB\b/g, ""))) : mailOfParty(w.party),
        }),
      );
    }
  }
  for (const u of PARTY_UNITS) {
    for (let i = 0; i < u.staff; i++) {
      people.push(
        person({
          party: u.party,
          workplace: { names: [u.name], municipality: u.municipality },
          role: u.roles[i % u.roles.length]!,
          audience: u.audience,
          since: rnd.next() < 0.62 ? year - 1 : year,
          domain: mailOfParty(u.party),
        }),
      );
    }
  }
  // One person under two addresses: the office merges them (Personer).
  const anna = person({
    first: "Anna",
    last: "Lind",
    party: "halmstad",
    workplace: { names: ["Halmstads kommun, Arbetsmarknadsenheten"], municipality: "Halmstad" },
    role: "Arbetskonsulent",
    audience: "ame",
    since: year - 1,
    domain: "halmstad",
  });
  anna.gender = "kvinna";
  anna.altEmail = "a.lind@halmstad.example.se";
  people.push(anna);

  // ---- the plan, in time order, and who registers for what
  const plan = yearPlan(now).sort((a, b) => a.dates[0]!.localeCompare(b.dates[0]!) || a.course.localeCompare(b.course));
  interface Built {
    item: PlannedOccasion;
    startsAt: Date;
    endsAt: Date;
    days: { uid: string; startsAt: Date; endsAt: Date }[];
    regs: {
      person: Person;
      email: string;
      row: Omit<RegistrationRow, "occasionId" | "workplaceId">;
      workplaceKey: string;
      walkIn: boolean;
    }[];
  }
  const built: Built[] = [];
  // What each person has done so far, to choose plausibly: new to a course before repeating it.
  interface Track {
    person: Person;
    audience: Audience;
    since: number;
    workplaceKey: string;
    ever: Partial<Record<CourseKey, number>>;
    use: Record<number, number>;
    /** comes to the networks and theme days again and again */
    keen: boolean;
  }
  const tracks: Track[] = people.map((p) => ({
    person: p,
    audience: p.audience,
    since: p.since,
    workplaceKey: workplaceMatchKey(p.workplace.names[0]!, p.workplace.municipality),
    ever: {},
    use: {},
    keen: rnd.next() < 0.35,
  }));
  const trackOf = new Map(tracks.map((tr) => [tr.person, tr]));
  const workplaceYearHu = new Map<string, number>(); // workplace|year → supervisor trainings
  const wyKey = (tr: Track, y: number) => `${tr.workplaceKey}|${y}`;
  const note = (p: Person, course: CourseKey, y: number) => {
    const tr = trackOf.get(p)!;
    tr.ever[course] = (tr.ever[course] ?? 0) + 1;
    tr.use[y] = (tr.use[y] ?? 0) + 1;
    if (course === "hu") workplaceYearHu.set(wyKey(tr, y), (workplaceYearHu.get(wyKey(tr, y)) ?? 0) + 1);
  };

  const audienceOf: Record<CourseKey, Audience[]> = {
    fm: ["af", "fk", "region", "ame", "ifo"],
    hu: ["supervisor"],
    fd: ["supervisor"],
    bip: ["ame", "af"],
    sgi: ["fk", "af", "ifo", "region"],
    pb: ["af", "fk", "region", "ame", "ifo"],
    td: ["af", "fk", "region", "ame", "ifo", "supervisor"],
    konf: ["af", "fk", "region", "ame", "ifo", "supervisor"],
  };
  const DIETS = ["Vegetarisk", "Glutenfri", "Laktosfri", "Vegansk", "Nötallergi"];

  /** The next person for an occasion: someone new to this course and little used this year first. */
  function choose(course: CourseKey, y: number, taken: Set<Person>): Person | undefined {
    const repeatable = course === "pb" || course === "td" || course === "konf" || course === "bip" || course === "sgi";
    const audiences = audienceOf[course];
    let best: Person | undefined;
    let bestScore = Infinity;
    for (const tr of tracks) {
      if (tr.since > y || !audiences.includes(tr.audience) || taken.has(tr.person)) continue;
      let score = repeatable
        ? (tr.use[y] ?? 0) * 0.6 + (tr.ever[course] ?? 0) * 0.4 - (tr.keen ? 3 : 0) + rnd.next() * 4
        : (tr.use[y] ?? 0) * 3 + (tr.ever[course] ?? 0) * 12 + rnd.next() * 4;
      if (course === "hu") score += (workplaceYearHu.get(wyKey(tr, y)) ?? 0) * 6;
      // The deepening half-day is for those who took the training.
      else if (course === "fd") score += tr.ever.hu ? 0 : 20;
      else if ((course === "td" || course === "konf") && tr.audience === "supervisor") score += 3;
      if (score < bestScore) {
        best = tr.person;
        bestScore = score;
      }
    }
    return best;
  }

  for (const item of plan) {
    const block = BLOCKS[item.block];
    const days = item.dates.map((d) => ({
      uid: `${newToken()}@kurser.example.se`,
      startsAt: stockholmToUtc(d, block.from),
      endsAt: stockholmToUtc(d, block.to),
    }));
    const startsAt = days[0]!.startsAt;
    const endsAt = days[days.length - 1]!.endsAt;
    const y = Number(item.dates[0]!.slice(0, 4));
    const opens = startsAt.getTime() - 90 * DAY;
    const closes = startsAt.getTime() - DAY;
    const over = endsAt.getTime() <= t;
    let fill = item.fill;
    if (!item.special && !over) {
      const ahead = (startsAt.getTime() - t) / DAY;
      fill = opens > t ? 0 : Math.round(item.fill * Math.min(1, 0.25 + 0.85 * (1 - ahead / 90)));
    }
    const regs: Built["regs"] = [];
    const taken = new Set<Person>();
    // Anna Lind: the basic course last spring under one address, a network meeting under the other.
    const wantsAnna =
      y === year - 1 &&
      ((item.course === "fm" && item.label === "vår") ||
        (item.course === "bip" && item.dates[0]!.slice(5, 7) === "09"));
    const until = Math.min(closes, t - 3_600_000);
    const arrivals = Array.from({ length: fill }, () => opens + rnd.next() * Math.max(0, until - opens)).sort(
      (a, b) => a - b,
    );
    for (let i = 0; i < fill; i++) {
      const p = wantsAnna && i === 0 ? anna : choose(item.course, y, taken);
      if (!p) break;
      taken.add(p);
      note(p, item.course, y);
      const confirmed = i < item.capacity;
      const createdAt = new Date(arrivals[i]!);
      const email = p === anna && wantsAnna && item.course === "bip" ? anna.altEmail! : p.email;
      const coming = !over && asksDietary(item.course) && item.block === "full";
      const typed = rnd.pick(p.workplace.names);
      regs.push({
        person: p,
        email,
        workplaceKey: workplaceMatchKey(typed, p.workplace.municipality),
        walkIn: false,
        row: {
          organiserId: org.id,
          manageToken: newToken(),
          name: p.name,
          email,
          emailKey: emailKey(email),
          partyCode: p.party,
          role: p.role,
          gender: rnd.next() < 0.05 ? null : p.gender,
          // Dietary and accessibility needs are erased after the course: only coming ones have them.
          dietary: coming && rnd.next() < 0.13 ? rnd.pick(DIETS) : null,
          accessibilityNeeds:
            !over && rnd.next() < 0.025
              ? rnd.pick(["Hörslinga", "Plats för rullstol", "Behöver sitta nära dörren"])
              : null,
          status: confirmed ? "confirmed" : "waitlisted",
          source: rnd.next() < 0.05 ? "office" : "web",
          lastChange: "registered",
          createdAt,
          confirmedAt: confirmed ? createdAt : null,
          // The reminder goes out two days before (the courses' default): already sent once that is past.
          remindedAt:
            confirmed && startsAt.getTime() - 2 * DAY <= t
              ? new Date(Math.max(createdAt.getTime(), startsAt.getTime() - 2 * DAY))
              : null,
        },
      });
    }
    // Now and then someone cancels in time (never where a waiting list would move up).
    if (!item.special && fill > 4 && fill < item.capacity && rnd.next() < 0.4) {
      const p = choose(item.course, y, taken);
      if (p) {
        taken.add(p);
        const createdAt = new Date(opens + rnd.next() * Math.max(0, until - opens) * 0.6);
        const cancelledAt = new Date(createdAt.getTime() + rnd.next() * Math.max(0, until - createdAt.getTime()));
        regs.push({
          person: p,
          email: p.email,
          workplaceKey: workplaceMatchKey(p.workplace.names[0]!, p.workplace.municipality),
          walkIn: false,
          row: {
            organiserId: org.id,
            manageToken: newToken(),
            name: p.name,
            email: p.email,
            emailKey: emailKey(p.email),
            partyCode: p.party,
            role: p.role,
            gender: p.gender,
            status: "cancelled",
            cancelledFrom: "confirmed",
            source: "web",
            lastChange: "cancelled",
            createdAt,
            confirmedAt: createdAt,
            cancelledAt,
          },
        });
      }
    }
    built.push({ item, startsAt, endsAt, days, regs });
  }

  // Walk-ins: people who turned up at the last theme day and the last network meeting that are over.
  for (const [course, n] of [
    ["td", 2],
    ["bip", 1],
  ] as const) {
    const b = [...built].reverse().find((x) => x.item.course === course && x.endsAt.getTime() <= t);
    if (!b) continue;
    const y = Number(b.item.dates[0]!.slice(0, 4));
    const taken = new Set(b.regs.map((r) => r.person));
    for (let i = 0; i < n; i++) {
      const p = choose(course, y, taken);
      if (!p) break;
      taken.add(p);
      note(p, course, y);
      const at = new Date(b.days[0]!.startsAt.getTime() + (5 + i * 7) * 60_000);
      b.regs.push({
        person: p,
        email: p.email,
        workplaceKey: workplaceMatchKey(p.workplace.names[0]!, p.workplace.municipality),
        walkIn: true,
        row: {
          organiserId: org.id,
          manageToken: newToken(),
          name: p.name,
          email: p.email,
          emailKey: emailKey(p.email),
          partyCode: p.party,
          role: p.role,
          gender: p.gender,
          status: "confirmed",
          source: "walk-in",
          lastChange: "registered",
          createdAt: at,
          confirmedAt: at,
        },
      });
    }
  }

  // ---- workplaces: one row per match key, created when first typed
  const firstUse = new Map<string, number>();
  for (const b of built)
    for (const r of b.regs)
      firstUse.set(r.workplaceKey, Math.min(firstUse.get(r.workplaceKey) ?? Infinity, r.row.createdAt!.getTime()));
  const workplaceRows = new Map<string, typeof workplaces.$inferInsert>();
  const register = (name: string, municipality: string, org9?: string) => {
    const matchKey = workplaceMatchKey(name, municipality);
    if (!firstUse.has(matchKey) || workplaceRows.has(matchKey)) return;
    workplaceRows.set(matchKey, {
      organiserId: org.id,
      name,
      municipality,
      orgNumber: org9 ? orgNumber(org9) : null,
      matchKey,
      createdAt: new Date(firstUse.get(matchKey)!),
    });
  };
  for (const w of OPEN_WORKPLACES) register(w.name, w.municipality, w.org);
  for (const u of PARTY_UNITS) register(u.name, u.municipality);
  const workplaceIds = new Map<string, number>();
  await insertChunked(
    [...workplaceRows.values()].sort((a, b) => a.createdAt!.getTime() - b.createdAt!.getTime()),
    async (chunk) => {
      const rows = await db
        .insert(workplaces)
        .values(chunk)
        .returning({ id: workplaces.id, matchKey: workplaces.matchKey });
      for (const r of rows) workplaceIds.set(r.matchKey, r.id);
    },
  );

  // ---- occasions, their days and leaders
  const allRegs: (RegistrationRow & { _b: Built; _walkIn: boolean })[] = [];
  const leaderRows: { occasionId: number; userId: number }[] = [];
  const dayRows: (typeof occasionDays.$inferInsert)[] = [];
  // One batch (one round trip) for the occasions; each insert returns its own id.
  const occasionInserts = built.map((b) => {
    const online = b.item.venue === "online";
    const venue = b.item.venue === "online" ? null : b.item.venue;
    return db
      .insert(occasions)
      .values({
        organiserId: org.id,
        courseId: courseId[b.item.course],
        label: b.item.label,
        online,
        venue: venue?.venue ?? null,
        address: venue?.address ?? null,
        meetingUrl: online ? "https://teams.example.se/meet/parterna-berattar" : null,
        capacity: b.item.capacity,
        registrationOpensAt: new Date(b.startsAt.getTime() - 90 * DAY),
        registrationClosesAt: new Date(b.startsAt.getTime() - DAY),
        status: "published",
        startsAt: b.startsAt,
        endsAt: b.endsAt,
        createdAt: new Date(Math.min(t, b.startsAt.getTime() - 120 * DAY)),
      })
      .returning({ id: occasions.id });
  });
  const occasionResults = await db.batch(occasionInserts as unknown as Parameters<Db["batch"]>[0]);
  built.forEach((b, i) => {
    const occasionId = (occasionResults[i] as { id: number }[])[0]!.id;
    // A full day (six hours or more) has an hour of lunch and coffee, which the certificate
    // does not count as content (issue 13).
    dayRows.push(
      ...b.days.map((d) => ({
        ...d,
        occasionId,
        breakMinutes: d.endsAt.getTime() - d.startsAt.getTime() >= 6 * 3_600_000 ? 60 : 0,
      })),
    );
    leaderRows.push({ occasionId, userId: leaderOf(b.item.course) });
    for (const r of b.regs)
      allRegs.push({ ...r.row, occasionId, workplaceId: workplaceIds.get(r.workplaceKey)!, _b: b, _walkIn: r.walkIn });
  });
  const dayIds = new Map<string, number>();
  await insertChunked(dayRows, async (chunk) => {
    const rows = await db.insert(occasionDays).values(chunk).returning({ id: occasionDays.id, uid: occasionDays.uid });
    for (const r of rows) dayIds.set(r.uid, r.id);
  });
  await insertChunked(leaderRows, (chunk) => db.insert(occasionLeaders).values(chunk));

  // ---- registrations, in arrival order (id order is the waiting-list order)
  allRegs.sort((a, b) => a.createdAt!.getTime() - b.createdAt!.getTime());
  const regIds = new Map<string, number>();
  await insertChunked(allRegs, async (chunk) => {
    const rows = await db
      .insert(registrations)
      .values(chunk.map(({ _b, _walkIn, ...r }) => r))
      .returning({ id: registrations.id, manageToken: registrations.manageToken });
    for (const r of rows) regIds.set(r.manageToken, r.id);
  });

  // ---- attendance for every day that is over (today's occasion is marked at the door)
  const marks: AttendanceRow[] = [];
  /** Per occasion that is over: the registrations that attended (for the evaluations below). */
  const attendees = new Map<number, { ids: number[]; endsAt: number }>();
  for (const r of allRegs) {
    const b = r._b;
    if (r.status !== "confirmed" || b.item.special === "today") continue;
    const over = b.days.filter((d) => d.endsAt.getTime() <= t);
    if (over.length === 0) continue;
    const leader = leaderOf(b.item.course);
    const u = rnd.next();
    const profile = r._walkIn ? "walk-in" : u < 0.06 ? "no-show" : u < 0.12 ? "excused" : "attends";
    const statuses = over.map((_, i): "present" | "late" | "excused" | "absent" => {
      if (profile === "walk-in") return "present";
      if (profile === "no-show") return "absent";
      if (profile === "excused") return "excused";
      const v = rnd.next();
      return v < 0.07 ? "late" : v < 0.1 && i > 0 ? "excused" : "present";
    });
    if (over.length === b.days.length && statuses.some((s) => s === "present" || s === "late")) {
      const a = attendees.get(r.occasionId) ?? { ids: [], endsAt: Math.max(...b.days.map((d) => d.endsAt.getTime())) };
      a.ids.push(regIds.get(r.manageToken)!);
      attendees.set(r.occasionId, a);
    }
    over.forEach((d, i) => {
      const status = statuses[i]!;
      const start = d.startsAt.getTime();
      const selfCheckIn =
        (b.item.course === "td" || b.item.course === "konf") && status === "present" && rnd.next() < 0.45;
      const via = r._walkIn && i === 0 ? "walk-in" : selfCheckIn ? "self" : "leader";
      const markedAt =
        r._walkIn && i === 0
          ? r.createdAt!.getTime()
          : status === "present"
            ? start - 15 * 60_000 + rnd.next() * 25 * 60_000
            : status === "late"
              ? start + (15 + rnd.next() * 40) * 60_000
              : status === "excused"
                ? start - rnd.next() * 3 * 3_600_000
                : d.endsAt.getTime() - 10 * 60_000;
      marks.push({
        registrationId: regIds.get(r.manageToken)!,
        dayId: dayIds.get(d.uid)!,
        status,
        via,
        markedBy: via === "self" ? null : leader,
        markedAt: new Date(markedAt),
      });
    });
  }
  await insertChunked(marks, (chunk) => db.insert(attendance).values(chunk));

  // ---- evaluations of the occasions that are over (issue 12): every attendee was asked the
  // day after and reminded, about two in three answered. The mails are not in the outbox:
  // they went out before the demo begins. Answers are inserted shuffled, as anonymous rows.
  const good = [
    "Konkreta exempel från vardagen",
    "Bra att träffa kollegor från andra myndigheter",
    "Tydlig föreläsare",
    "Bra material att ta med sig",
  ];
  const better = ["Mer tid för diskussion", "Längre pauser", "Skicka materialet i förväg"];
  for (const [occasionId, a] of attendees) {
    if (a.endsAt > t - 2 * DAY) continue;
    const [e] = await db
      .insert(evaluations)
      .values({ organiserId: org.id, occasionId, questions: [], createdAt: new Date(a.endsAt + 3_600_000) })
      .returning({ id: evaluations.id });
    const answered = a.ids.map(() => rnd.next() < 0.65);
    await insertChunked(a.ids, (chunk) =>
      db.insert(evaluationInvites).values(
        chunk.map((registrationId) => ({
          evaluationId: e!.id,
          registrationId,
          token: newToken(),
          answered: answered[a.ids.indexOf(registrationId)]!,
          invitedAt: new Date(a.endsAt + 3_600_000),
          remindedAt: new Date(a.endsAt + 5 * DAY),
        })),
      ),
    );
    const rows = answered.filter(Boolean).map(() => {
      const u = rnd.next();
      return {
        evaluationId: e!.id,
        overall: u < 0.05 ? 2 : u < 0.25 ? 3 : u < 0.65 ? 4 : 5,
        usefulness: rnd.int(3, 5),
        recommend: u < 0.05 ? "nej" : u < 0.2 ? "vet-inte" : "ja",
        good: rnd.next() < 0.3 ? rnd.pick(good) : null,
        better: rnd.next() < 0.2 ? rnd.pick(better) : null,
        extra: {},
      };
    });
    if (rows.length)
      await insertChunked(
        rows.sort(() => rnd.next() - 0.5),
        (chunk) => db.insert(evaluationAnswers).values(chunk),
      );
  }

  // ---- goals: this year's (Halland 2026) and last year's (the activity goals of 2024/2025)
  const goal = (y: number, sortOrder: number, label: string, kind: string, courseTypes: string[], target: number) => ({
    organiserId: org.id,
    year: y,
    label,
    kind,
    basis: "attended",
    courseTypes,
    target,
    sortOrder,
    createdAt: new Date(Math.min(t, stockholmToUtc(`${y - 1}-12-01`, "09:00").getTime())),
  });
  await db
    .insert(goals)
    .values([
      goal(year, 0, "Arbetsplatser i handledarutbildning", "workplaces", ["handledarutbildning", "fordjupning"], 100),
      goal(year, 1, "Medarbetare som deltagit", "staff", [], 200),
      goal(year, 2, "Genomförda handledarutbildningar", "occasions", ["handledarutbildning"], 8),
      goal(year - 1, 0, "Grundkurser i försäkringsmedicin", "occasions", ["forsakringsmedicin"], 2),
      goal(year - 1, 1, "Nätverksträffar BIP/SKAPA och SGI 0", "occasions", ["bip-skapa", "sgi0"], 4),
      goal(year - 1, 2, "Genomförda handledarutbildningar", "occasions", ["handledarutbildning"], 8),
      goal(year - 1, 3, "Medarbetare som deltagit", "staff", [], 150),
    ]);
  // ---- budget, outcome and planned participants per effort (Uppföljning Finsam): some
  // entered for this year, one left empty so the export shows what "not entered" looks like.
  const effort = (key: CourseKey, budgetKr: number, outcomeKr: number | null, plannedParticipants: number) => ({
    organiserId: org.id,
    courseId: courseId[key],
    year,
    budgetKr,
    outcomeKr,
    plannedParticipants,
    updatedAt: new Date(t),
  });
  await db
    .insert(effortYears)
    .values([effort("hu", 180_000, 142_500, 120), effort("fm", 60_000, 48_200, 50), effort("bip", 25_000, null, 60)]);
  return { organiserId: org.id };
}

export async function isEmpty(db: Db): Promise<boolean> {
  const [row] = await db.all<{ n: number }>(sql`SELECT count(*) AS n FROM organisers`);
  return Number(row?.n ?? 0) === 0;
}
