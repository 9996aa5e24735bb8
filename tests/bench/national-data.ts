// The national data set for the follow-up benchmark: every samordningsförbund in Sweden in
// one database, 75 organisers × 10 years (2017–2026), about a million registrations with
// attendance (DESIGN.md, "Performance"). Built in a libSQL file migrated by the project's own
// migrations, with raw INSERT … SELECT over recursive CTEs for the big tables, so generation
// takes seconds rather than the hours a million single inserts would.
//
// The shape, per organiser: 10 parties (AF, FK, the region, six municipalities, "annan"), the
// seven default course types, 15 courses, 1 500 workplaces (two in five with an organisation
// number; some sites of one employer share it), a pool of 4 200 people of whom a sliding
// window of 1 500 registers in a given year (so people come back across occasions and years),
// and per year 90 occasions (1–2 days) with about 1 380 registrations: ~92 % confirmed,
// ~4 % waitlisted, ~4 % cancelled. Days that ended before GENERATION_NOW have attendance for
// ~97 % of the confirmed (present 84 %, late 4 %, absent 5 %, excused 4 %). Each organiser-year
// has 4 goals; each organiser has a few workplace merges (one of them transitive) and person
// merges (people who used a second address in odd years).
//
// Registrations, attendance and workplaces are inserted in arrival order across all organisers
// (as a shared national database would receive them), not organiser by organiser, so one
// organiser-year's rows are spread over the table as they would be in production.
//
// The file is cached: data/bench-national.db (git-ignored, as data/*.db and data/*.db-* are)
// with a sidecar data/bench-national.db-meta.json. It is reused when the sidecar names the same
// GENERATOR_VERSION (new migrations are applied to it, as the server would); set
// BENCH_REGENERATE=1 to build it again, BENCH_NATIONAL_DB to put it elsewhere.
import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { performance } from "node:perf_hooks";
import type { Client } from "@libsql/client";
import { migrateLibsql, openLibsql } from "../../db/libsql.ts";
import { DEFAULT_COURSE_TYPES } from "../../server/domain/course-types.ts";
import { formatIsoDate, stockholmToUtc } from "../../server/domain/format-time.ts";
import { workplaceMatchKey } from "../../server/domain/workplaces.ts";

/** Bump when the generated data changes shape, so cached files are rebuilt. */
export const GENERATOR_VERSION = 2;

export const ORGANISERS = 75;
export const FIRST_YEAR = 2017;
export const LAST_YEAR = 2026;
const YEARS = LAST_YEAR - FIRST_YEAR + 1;
const COURSES = 15;
const OCCASIONS_PER_YEAR = 90;
const WORKPLACES = 1_500;
/** People registering in one year, and how far that window moves each year. */
const PEOPLE_PER_YEAR = 1_500;
const PEOPLE_DRIFT = 300;
const PEOPLE = PEOPLE_PER_YEAR + (YEARS - 1) * PEOPLE_DRIFT;
/** Attendance exists for days that ended before this; the follow-up bench uses it as "now". */
export const GENERATION_NOW = new Date("2026-11-16T10:00:00Z");

const DAY = 86_400_000;
const ROOT = resolve(import.meta.dirname, "../..");
export const DEFAULT_NATIONAL_DB = resolve(ROOT, "data/bench-national.db");

// Registrations per occasion (before a ±3 jitter) by course type: the mean is ~15.3.
const SIZE_BY_TYPE: Record<string, number> = {
  forsakringsmedicin: 20,
  handledarutbildning: 15,
  fordjupning: 10,
  "bip-skapa": 8,
  sgi0: 7,
  "parterna-berattar": 12,
  temadag: 33,
};
const TWO_DAY_TYPES = new Set(["forsakringsmedicin", "handledarutbildning"]);
const HALF_DAY_TYPES = new Set(["fordjupning", "bip-skapa", "sgi0"]);

const COURSE_TITLES: Record<string, string[]> = {
  forsakringsmedicin: [
    "Grundkurs i försäkringsmedicin",
    "Samordnad rehabilitering i praktiken",
    "Försäkringsmedicin för chefer",
  ],
  handledarutbildning: ["Handledarutbildning för öppna arbetsplatser", "Handledarutbildning, steg 2"],
  fordjupning: ["Fördjupningshalvdag för handledare", "Fördjupning: psykisk ohälsa på arbetsplatsen"],
  "bip-skapa": ["Nätverksträff BIP", "Nätverksträff SKAPA"],
  sgi0: ["Nätverk SGI 0", "SGI 0: unga utan sjukpenninggrundande inkomst"],
  "parterna-berattar": ["Parterna berättar: Försäkringskassan", "Parterna berättar: Arbetsförmedlingen"],
  temadag: ["Temadag: arbete och hälsa", "Konferens: vägar till arbete"],
};

const MUNICIPALITIES = [
  "Halmstad",
  "Varberg",
  "Falkenberg",
  "Kungsbacka",
  "Laholm",
  "Hylte",
  "Göteborg",
  "Borås",
  "Alingsås",
  "Lerum",
  "Partille",
  "Mölndal",
  "Kungälv",
  "Uddevalla",
  "Trollhättan",
  "Vänersborg",
  "Lidköping",
  "Skövde",
  "Mariestad",
  "Falköping",
  "Jönköping",
  "Värnamo",
  "Nässjö",
  "Växjö",
  "Kalmar",
  "Karlskrona",
  "Kristianstad",
  "Hässleholm",
  "Helsingborg",
  "Malmö",
  "Lund",
  "Ystad",
  "Trelleborg",
  "Eslöv",
  "Landskrona",
  "Norrköping",
  "Linköping",
  "Motala",
  "Nyköping",
  "Eskilstuna",
  "Västerås",
  "Örebro",
  "Karlstad",
  "Uppsala",
  "Gävle",
  "Sandviken",
  "Falun",
  "Borlänge",
  "Sundsvall",
  "Östersund",
  "Umeå",
  "Skellefteå",
  "Luleå",
  "Piteå",
  "Kiruna",
  "Södertälje",
  "Botkyrka",
  "Huddinge",
  "Nacka",
  "Gotland",
];
const REGIONS = [
  "Halland",
  "Västra Götaland",
  "Jönköpings län",
  "Kronoberg",
  "Kalmar län",
  "Blekinge",
  "Skåne",
  "Östergötland",
  "Sörmland",
  "Västmanland",
  "Örebro län",
  "Värmland",
  "Uppsala",
  "Gävleborg",
  "Dalarna",
  "Västernorrland",
  "Jämtland Härjedalen",
  "Västerbotten",
  "Norrbotten",
  "Stockholm",
  "Gotland",
];
/** First name, its e-mail spelling, and the gender most who carry it give. 26 of 42 women. */
const FIRST: [string, string, "kvinna" | "man"][] = [
  ...(
    [
      "Anna",
      "Maria",
      "Karin",
      "Sara",
      "Emma",
      "Elin",
      "Linnea",
      "Hanna",
      "Ida",
      "Sofia",
      "Maja",
      "Alva",
      "Nora",
      "Greta",
      "Leila",
      "Amira",
      "Eva",
      "Lena",
      "Ulla",
      "Johanna",
      "Malin",
      "Jenny",
      "Fatima",
      "Ebba",
      "Tove",
      "Åsa",
    ] as const
  ).map((n): [string, string, "kvinna"] => [n, ascii(n), "kvinna"]),
  ...(
    [
      "Johan",
      "Erik",
      "Lars",
      "Mikael",
      "Fredrik",
      "Peter",
      "Oskar",
      "Jonas",
      "Ahmed",
      "Nils",
      "Viktor",
      "Per",
      "Tobias",
      "Daniel",
      "Anders",
      "Magnus",
    ] as const
  ).map((n): [string, string, "man"] => [n, ascii(n), "man"]),
];
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
  "Lund",
  "Norén",
  "Ström",
  "Johansson",
  "Andersson",
  "Karlsson",
  "Nilsson",
  "Eriksson",
  "Larsson",
  "Olsson",
  "Persson",
  "Svensson",
  "Gustafsson",
  "Pettersson",
  "Jonsson",
  "Hassan",
  "Mohammed",
  "Yilmaz",
  "Novak",
];
const ROLES = [
  "Handläggare",
  "Arbetskonsulent",
  "Enhetschef",
  "Rehabkoordinator",
  "Socialsekreterare",
  "Arbetsterapeut",
  "Handledare",
  "Studie- och yrkesvägledare",
];
// 20 kinds × 30 names × 6 municipalities = 3 600 distinct workplaces per organiser (1 500 used).
const WORKPLACE_KINDS = [
  "Vårdcentralen",
  "Förskolan",
  "Café",
  "Bygg & Montage",
  "Återbruket",
  "Mekaniska Verkstad",
  "Bilrekond",
  "Biblioteket",
  "Lagerhuset",
  "Trädgården",
  "Hemtjänsten",
  "Äldreboendet",
  "Skolan",
  "Restaurang",
  "Städservice",
  "Måleri",
  "Fastighetsservice",
  "Second hand",
  "Djurkliniken",
  "Tryckeriet",
];
const WORKPLACE_NAMES = [
  "Solrosen",
  "Ekbacken",
  "Söder",
  "Norr",
  "Centrum",
  "Hamnen",
  "Kvarnen",
  "Lärkan",
  "Björken",
  "Tallen",
  "Ängen",
  "Strandvägen",
  "Torget",
  "Viken",
  "Åsen",
  "Bäcken",
  "Linden",
  "Väster",
  "Öster",
  "Klövern",
  "Måsen",
  "Vågen",
  "Fyren",
  "Stationen",
  "Parken",
  "Dalen",
  "Backen",
  "Holmen",
  "Udden",
  "Slätten",
];

function ascii(s: string): string {
  return s
    .toLowerCase()
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/[^a-z0-9]+/g, "");
}

const q = (v: string | number | null) =>
  v === null ? "NULL" : typeof v === "number" ? String(v) : `'${v.replace(/'/g, "''")}'`;
/**
 * The id of an organiser's w-th workplace. Consecutive ids belong to different organisers, so
 * one organiser's register is spread over the table as registrants all over the country
 * would have created it.
 */
const wid = (o: string, w: string) => `((${w}) * ${ORGANISERS} + ${o})`;
const values = (rows: (string | number | null)[][]) => rows.map((r) => `(${r.map(q).join(", ")})`).join(",\n");

/**
 * A deterministic 0–99 from an integer SQL expression (a multiplicative hash): the same data
 * every time it is generated, so figures of two runs compare. Products stay far below 2^63.
 */
const pct = (x: string, salt: number) => `((((${x}) * 2654435761 + ${salt * 1013904223}) % 4294967296) / 4096 % 100)`;
/** The same in JS, for the rows built here. */
const pctJs = (x: number, salt: number) => Math.floor(((x * 2654435761 + salt * 1013904223) % 4294967296) / 4096) % 100;

/** Puts a date on a weekday: Saturday and Sunday move to Monday. */
function weekday(ms: number): string {
  const date = formatIsoDate(new Date(ms));
  const day = new Date(`${date}T12:00:00Z`).getUTCDay();
  return formatIsoDate(new Date(ms + (day === 6 ? 2 : day === 0 ? 1 : 0) * DAY));
}

export interface NationalCounts {
  organisers: number;
  parties: number;
  courseTypes: number;
  courses: number;
  occasions: number;
  occasionDays: number;
  workplaces: number;
  registrations: number;
  confirmed: number;
  waitlisted: number;
  cancelled: number;
  attendance: number;
  goals: number;
  workplaceMerges: number;
  personMerges: number;
  distinctPeople: number;
}

export interface NationalData {
  path: string;
  url: string;
  /** false: the cached file was reused. */
  generated: boolean;
  /** How long generation took (this run's or, when reused, the run that built the file), ms. */
  generationMs: number;
  generatedAt: string;
  sizeBytes: number;
  counts: NationalCounts;
}

interface Meta {
  version: number;
  generatedAt: string;
  generationMs: number;
  counts: NationalCounts;
}

const metaPath = (path: string) => `${path}-meta.json`;

function removeDb(path: string) {
  for (const p of [path, `${path}-wal`, `${path}-shm`, `${path}-journal`]) rmSync(p, { force: true });
}

/** The national data set: the cached file when it is current, else a freshly generated one. */
export async function ensureNationalData(
  opts: { path?: string; regenerate?: boolean; log?: (s: string) => void } = {},
): Promise<NationalData> {
  const path = resolve(opts.path ?? process.env.BENCH_NATIONAL_DB ?? DEFAULT_NATIONAL_DB);
  const regenerate = opts.regenerate ?? ["1", "true", "yes"].includes(process.env.BENCH_REGENERATE ?? "");
  const log = opts.log ?? ((s: string) => console.log(s));
  let meta: Meta | null = null;
  try {
    meta = existsSync(path) ? (JSON.parse(readFileSync(metaPath(path), "utf8")) as Meta) : null;
  } catch {
    meta = null;
  }
  if (!regenerate && meta?.version === GENERATOR_VERSION) {
    // New migrations (an index, say) reach the cached file as they would reach production.
    const handle = await openLibsql(`file:${path}`);
    await migrateLibsql(handle);
    handle.client.close();
    log(
      `national data set: reusing ${path} (generator v${GENERATOR_VERSION}, built ${meta.generatedAt} in ${(meta.generationMs / 1000).toFixed(1)} s; BENCH_REGENERATE=1 rebuilds it)`,
    );
    return {
      path,
      url: `file:${path}`,
      generated: false,
      generationMs: meta.generationMs,
      generatedAt: meta.generatedAt,
      sizeBytes: statSync(path).size,
      counts: meta.counts,
    };
  }

  log(`national data set: generating ${path} (generator v${GENERATOR_VERSION}) …`);
  const building = `${path}-building`; // still matches data/*.db-* in .gitignore
  removeDb(building);
  const t0 = performance.now();
  const handle = await openLibsql(`file:${building}`);
  try {
    await migrateLibsql(handle);
    await generate(handle.client, log);
    await handle.client.execute("PRAGMA wal_checkpoint(TRUNCATE)");
  } finally {
    handle.client.close();
  }
  const generationMs = performance.now() - t0;
  removeDb(path);
  rmSync(metaPath(path), { force: true });
  for (const suffix of ["", "-wal", "-shm"])
    if (existsSync(building + suffix)) renameSync(building + suffix, path + suffix);

  const check = await openLibsql(`file:${path}`);
  const counts = await countRows(check.client);
  check.client.close();
  const generatedAt = new Date().toISOString();
  writeFileSync(
    metaPath(path),
    JSON.stringify({ version: GENERATOR_VERSION, generatedAt, generationMs, counts } satisfies Meta, null, 2),
  );
  log(
    `national data set: generated in ${(generationMs / 1000).toFixed(1)} s, ${(statSync(path).size / 1e6).toFixed(0)} MB`,
  );
  return {
    path,
    url: `file:${path}`,
    generated: true,
    generationMs,
    generatedAt,
    sizeBytes: statSync(path).size,
    counts,
  };
}

async function countRows(client: Client): Promise<NationalCounts> {
  const one = async (s: string) => Number((await client.execute(s)).rows[0]![0]);
  const [reg] = (
    await client.execute(
      "SELECT count(*), sum(status = 'confirmed'), sum(status = 'waitlisted'), sum(status = 'cancelled') FROM registrations",
    )
  ).rows;
  return {
    organisers: await one("SELECT count(*) FROM organisers"),
    parties: await one("SELECT count(*) FROM parties"),
    courseTypes: await one("SELECT count(*) FROM course_types"),
    courses: await one("SELECT count(*) FROM courses"),
    occasions: await one("SELECT count(*) FROM occasions"),
    occasionDays: await one("SELECT count(*) FROM occasion_days"),
    workplaces: await one("SELECT count(*) FROM workplaces"),
    registrations: Number(reg![0]),
    confirmed: Number(reg![1]),
    waitlisted: Number(reg![2]),
    cancelled: Number(reg![3]),
    attendance: await one("SELECT count(*) FROM attendance"),
    goals: await one("SELECT count(*) FROM goals"),
    workplaceMerges: await one("SELECT count(*) FROM workplace_merges"),
    personMerges: await one("SELECT count(*) FROM person_merges"),
    distinctPeople: await one("SELECT count(*) FROM (SELECT DISTINCT organiser_id, email_key FROM registrations)"),
  };
}

/** Inserts rows built in JS (the small tables) in chunks, in one write. */
async function insertRows(client: Client, head: string, rows: (string | number | null)[][], chunk = 500) {
  const statements: string[] = [];
  for (let i = 0; i < rows.length; i += chunk) statements.push(`${head} VALUES\n${values(rows.slice(i, i + chunk))}`);
  await client.batch(statements, "write");
}

async function generate(client: Client, log: (s: string) => void) {
  const step = async (label: string, run: () => Promise<unknown>) => {
    const t = performance.now();
    await run();
    log(`  ${label.padEnd(28)} ${((performance.now() - t) / 1000).toFixed(1).padStart(6)} s`);
  };
  // This connection only: a big page cache for building the indexes. (The benchmark opens
  // the file afresh with the server's settings.)
  await client.execute("PRAGMA cache_size = -1000000");
  await client.execute("PRAGMA temp_store = MEMORY");
  const created = Date.UTC(FIRST_YEAR - 1, 9, 1);
  const types = DEFAULT_COURSE_TYPES.map((t) => t.code);

  // ------------------------------------------------ organisers, parties, course types, courses
  const partyRows: (string | number | null)[][] = [];
  const municipalitiesOf = (o: number) =>
    Array.from({ length: 6 }, (_, k) => MUNICIPALITIES[(o * 7 + k * 11) % MUNICIPALITIES.length]!);
  const partyCodes = (o: number) => ["af", "fk", "region", ...municipalitiesOf(o).map(ascii), "annan"];
  const courseRows: (string | number | null)[][] = [];
  await step("organisers, parties, courses", async () => {
    await insertRows(
      client,
      "INSERT INTO organisers (id, slug, name, email, phone, website, retention_months, created_at)",
      Array.from({ length: ORGANISERS }, (_, i) => {
        const o = i + 1;
        const name = `Samordningsförbundet ${municipalitiesOf(o)[0]} nr ${o}`;
        return [
          o,
          `forbund-${String(o).padStart(2, "0")}`,
          name,
          `kansliet@forbund-${o}.example.se`,
          null,
          null,
          120,
          created,
        ];
      }),
    );
    for (let o = 1; o <= ORGANISERS; o++) {
      const region = REGIONS[o % REGIONS.length]!;
      partyRows.push(
        [o, "af", "Arbetsförmedlingen", "state", null, 0],
        [o, "fk", "Försäkringskassan", "state", null, 1],
        [o, "region", `Region ${region}`, "region", null, 2],
      );
      municipalitiesOf(o).forEach((m, k) => {
        partyRows.push([o, ascii(m), `${m}s kommun`, "municipality", m, 3 + k]);
      });
      partyRows.push([o, "annan", "Annan arbetsgivare", "other", null, 9]);
      for (let c = 0; c < COURSES; c++) {
        const type = types[c % types.length]!;
        const titles = COURSE_TITLES[type]!;
        const title = titles[Math.floor(c / types.length) % titles.length]!;
        courseRows.push([
          (o - 1) * COURSES + c + 1,
          o,
          title,
          `${title}. Genererad kurs för prestandamätningen.`,
          type,
          partyCodes(o)[c % 10]!,
          created,
        ]);
      }
    }
    await insertRows(
      client,
      "INSERT INTO parties (organiser_id, code, name, kind, municipality, sort_order)",
      partyRows,
    );
    // The seven default course types of every organiser (as insertDefaultCourseTypes gives one).
    await client.execute(`
      INSERT INTO course_types (organiser_id, code, name, sort_order, created_at)
      SELECT o.id, t.column1, t.column2, t.column3, ${created} FROM organisers o,
        (VALUES ${DEFAULT_COURSE_TYPES.map((t, i) => `(${q(t.code)}, ${q(t.name)}, ${i})`).join(", ")}) t
      ORDER BY o.id, t.column3`);
    await insertRows(
      client,
      "INSERT INTO courses (id, organiser_id, title, description, course_type, responsible_party_code, created_at)",
      courseRows,
    );
  });

  // ------------------------------------------------ occasions and their days (built here: 6 750 rows)
  const occasionRows: (string | number | null)[][] = [];
  const dayRows: (string | number | null)[][] = [];
  const genRows: (string | number | null)[][] = [];
  await step("occasions, days", async () => {
    const now = GENERATION_NOW.getTime();
    for (let o = 1; o <= ORGANISERS; o++) {
      const towns = municipalitiesOf(o);
      for (let yi = 0; yi < YEARS; yi++) {
        const year = FIRST_YEAR + yi;
        const jan1 = Date.UTC(year, 0, 1);
        for (let k = 0; k < OCCASIONS_PER_YEAR; k++) {
          const id = ((o - 1) * YEARS + yi) * OCCASIONS_PER_YEAR + k + 1;
          const c = (k + yi) % COURSES;
          const type = types[c % types.length]!;
          const town = towns[k % towns.length]!;
          const first = weekday(jan1 + (9 + Math.floor((k * 345) / OCCASIONS_PER_YEAR)) * DAY + 12 * 3_600_000);
          const dates = TWO_DAY_TYPES.has(type)
            ? [first, weekday(Date.parse(`${first}T12:00:00Z`) + 7 * DAY)]
            : [first];
          const until = HALF_DAY_TYPES.has(type) ? "12:00" : "16:00";
          const days = dates.map((d) => ({
            startsAt: stockholmToUtc(d, "09:00").getTime(),
            endsAt: stockholmToUtc(d, until).getTime(),
          }));
          const startsAt = days[0]!.startsAt;
          const status = k % 45 === 17 ? "cancelled" : startsAt > now && k % 4 === 1 ? "draft" : "published";
          const size = SIZE_BY_TYPE[type]!;
          const n = status === "draft" ? 0 : Math.max(3, size + ((o * 31 + yi * 17 + k * 13) % 7) - 3);
          const online = type === "bip-skapa" && k % 2 === 0 ? 1 : 0;
          occasionRows.push([
            id,
            o,
            (o - 1) * COURSES + c + 1,
            k % 3 === 0 ? town : null,
            online,
            online ? null : `Folkets hus ${town}`,
            online ? null : `Storgatan ${1 + (k % 40)}, ${town}`,
            online ? "https://teams.example.se/meet/bench" : null,
            size + 6,
            status,
            startsAt,
            days[days.length - 1]!.endsAt,
            startsAt - 90 * DAY,
          ]);
          days.forEach((d, i) => {
            dayRows.push([id, `bench-${id}-${i}@kurser.example.se`, d.startsAt, d.endsAt]);
          });
          genRows.push([id, o, yi, n, startsAt, (o * 131 + yi * 71 + k * 37) % PEOPLE_PER_YEAR]);
        }
      }
    }
    await insertRows(
      client,
      "INSERT INTO occasions (id, organiser_id, course_id, label, online, venue, address, meeting_url, capacity, status, starts_at, ends_at, created_at)",
      occasionRows,
    );
    await insertRows(client, "INSERT INTO occasion_days (occasion_id, uid, starts_at, ends_at)", dayRows);
  });

  // ------------------------------------------------ helper tables (temp: not in the file afterwards)
  await step("helper tables", async () => {
    await client.execute(
      "CREATE TEMP TABLE g_occ (id INTEGER PRIMARY KEY, org INTEGER, yi INTEGER, n INTEGER, starts_at INTEGER, seed INTEGER)",
    );
    await insertRows(client, "INSERT INTO g_occ (id, org, yi, n, starts_at, seed)", genRows);
    await client.execute("CREATE TEMP TABLE g_first (i INTEGER PRIMARY KEY, name TEXT, ascii TEXT, gender TEXT)");
    await insertRows(
      client,
      "INSERT INTO g_first (i, name, ascii, gender)",
      FIRST.map(([n, a, g], i) => [i, n, a, g]),
    );
    await client.execute("CREATE TEMP TABLE g_last (i INTEGER PRIMARY KEY, name TEXT, ascii TEXT)");
    await insertRows(
      client,
      "INSERT INTO g_last (i, name, ascii)",
      LAST.map((n, i) => [i, n, ascii(n)]),
    );
    await client.execute("CREATE TEMP TABLE g_role (i INTEGER PRIMARY KEY, name TEXT)");
    await insertRows(
      client,
      "INSERT INTO g_role (i, name)",
      ROLES.map((n, i) => [i, n]),
    );
    await client.execute("CREATE TEMP TABLE g_party (org INTEGER, i INTEGER, code TEXT, PRIMARY KEY (org, i))");
    await insertRows(
      client,
      "INSERT INTO g_party (org, i, code)",
      Array.from({ length: ORGANISERS }, (_, j) => partyCodes(j + 1).map((c, i) => [j + 1, i, c])).flat(),
    );
    // The parts of a workplace name, with their folded forms: match_key = workplaceMatchKey(name, municipality).
    const fold = (s: string) => workplaceMatchKey(s, "").slice(0, -1);
    await client.execute("CREATE TEMP TABLE g_wkind (i INTEGER PRIMARY KEY, name TEXT, fold TEXT)");
    await insertRows(
      client,
      "INSERT INTO g_wkind (i, name, fold)",
      WORKPLACE_KINDS.map((n, i) => [i, n, fold(n)]),
    );
    await client.execute("CREATE TEMP TABLE g_wname (i INTEGER PRIMARY KEY, name TEXT, fold TEXT)");
    await insertRows(
      client,
      "INSERT INTO g_wname (i, name, fold)",
      WORKPLACE_NAMES.map((n, i) => [i, n, fold(n)]),
    );
    await client.execute(
      "CREATE TEMP TABLE g_mun (org INTEGER, i INTEGER, name TEXT, fold TEXT, PRIMARY KEY (org, i))",
    );
    await insertRows(
      client,
      "INSERT INTO g_mun (org, i, name, fold)",
      Array.from({ length: ORGANISERS }, (_, j) =>
        municipalitiesOf(j + 1).map((m, i) => [j + 1, i, m, workplaceMatchKey("", m).slice(1)]),
      ).flat(),
    );
  });

  // ------------------------------------------------ workplaces: 1 500 per organiser
  await step("workplaces", () =>
    client.execute(`
      WITH RECURSIVE o(o) AS (SELECT 1 UNION ALL SELECT o + 1 FROM o WHERE o < ${ORGANISERS}),
      w(w) AS (SELECT 0 UNION ALL SELECT w + 1 FROM w WHERE w < ${WORKPLACES - 1})
      INSERT INTO workplaces (id, organiser_id, name, municipality, org_number, match_key, created_at)
      SELECT ${wid("o.o", "w.w")}, o.o, k.name || ' ' || n.name, m.name,
             -- two in five carry an organisation number; w and w + 6 (same municipality) often share one
             CASE WHEN w.w % 5 < 2 THEN printf('%06d-%04d', 556000 + o.o, w.w / 12) END,
             k.fold || ' ' || n.fold || '|' || m.fold, ${created} + w.w * 2 * ${DAY}
      FROM o, w
      JOIN g_mun m ON m.org = o.o AND m.i = w.w % 6
      JOIN g_wkind k ON k.i = (w.w / 6) % ${WORKPLACE_KINDS.length}
      JOIN g_wname n ON n.i = (w.w / ${6 * WORKPLACE_KINDS.length}) % ${WORKPLACE_NAMES.length}
      ORDER BY 1`),
  );

  // ------------------------------------------------ the people pool (temp): 4 200 per organiser
  await step("people (temp)", async () => {
    await client.execute(
      "CREATE TEMP TABLE g_person (gid INTEGER PRIMARY KEY, name TEXT, email TEXT, alt_email TEXT, gender TEXT, workplace_id INTEGER, party_code TEXT, role TEXT)",
    );
    await client.execute(`
      WITH RECURSIVE o(o) AS (SELECT 1 UNION ALL SELECT o + 1 FROM o WHERE o < ${ORGANISERS}),
      p(p) AS (SELECT 0 UNION ALL SELECT p + 1 FROM p WHERE p < ${PEOPLE - 1})
      INSERT INTO g_person (gid, name, email, alt_email, gender, workplace_id, party_code, role)
      SELECT o.o * 10000 + p.p, f.name || ' ' || l.name,
             -- as typed: capitalised; email_key is the lower-cased form
             upper(substr(f.ascii, 1, 1)) || substr(f.ascii, 2) || '.' || upper(substr(l.ascii, 1, 1)) || substr(l.ascii, 2) || p.p || '@' || pa.code || '.example.se',
             CASE WHEN p.p % 40 = 0 THEN f.ascii || l.ascii || p.p || '@gmail.example.com' END,
             CASE WHEN ${pct("o.o * 10000 + p.p", 5)} < 2 THEN 'annat' WHEN ${pct("o.o * 10000 + p.p", 5)} < 5 THEN 'vill-ej-ange' ELSE f.gender END,
             CASE WHEN ${pct("o.o * 10000 + p.p", 6)} < 10 THEN NULL ELSE ${wid("o.o", `(p.p * 37 + o.o) % ${WORKPLACES}`)} END,
             pa.code, r.name
      FROM o, p
      JOIN g_first f ON f.i = (o.o * 7 + p.p * 13) % ${FIRST.length}
      JOIN g_last l ON l.i = (o.o * 3 + p.p * 29 + p.p / ${FIRST.length}) % ${LAST.length}
      JOIN g_party pa ON pa.org = o.o AND pa.i = ${pct("o.o * 10000 + p.p", 9)} % 10
      JOIN g_role r ON r.i = (p.p * 5 + o.o) % ${ROLES.length}`);
  });

  // ------------------------------------------------ registrations: ~1.0 M, in arrival order
  const maxN = Math.max(...genRows.map((r) => Number(r[3])));
  await step("registrations", () => {
    const x = "(g.id * 64 + i.i)"; // unique per registration (n < 64)
    return client.execute(`
      WITH RECURSIVE i(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM i WHERE i < ${maxN - 1}),
      gen AS (
        SELECT g.org, g.id AS occasion_id, g.starts_at, p.name, p.party_code, p.role,
               CASE WHEN p.alt_email IS NOT NULL AND g.yi % 2 = 1 THEN p.alt_email ELSE p.email END AS email,
               CASE WHEN ${pct(x, 2)} < 5 THEN NULL ELSE p.workplace_id END AS workplace_id,
               CASE WHEN ${pct(x, 3)} < 8 THEN NULL ELSE p.gender END AS gender,
               CASE WHEN ${pct(x, 1)} < 92 THEN 'confirmed' WHEN ${pct(x, 1)} < 96 THEN 'waitlisted' ELSE 'cancelled' END AS status,
               CASE WHEN ${pct(x, 4)} < 88 THEN 'web' WHEN ${pct(x, 4)} < 96 THEN 'office' ELSE 'walk-in' END AS source,
               g.starts_at - (1 + ${pct(x, 7)} % 60) * ${DAY} - ${pct(x, 8)} * 3600000 - i.i * 60000 AS created_at
        FROM g_occ g JOIN i ON i.i < g.n
        -- distinct people within an occasion (7 is prime to the window), the window sliding by year
        JOIN g_person p ON p.gid = g.org * 10000 + g.yi * ${PEOPLE_DRIFT} + (g.seed + i.i * 7) % ${PEOPLE_PER_YEAR}
      )
      INSERT INTO registrations (organiser_id, occasion_id, manage_token, name, email, email_key, party_code, workplace_id,
        role, gender, status, cancelled_from, source, invite_sequence, change_id, last_change, created_at, confirmed_at,
        cancelled_at, reminded_at)
      SELECT org, occasion_id, lower(hex(randomblob(12))), name, email, lower(email), party_code, workplace_id,
        role, gender, status, CASE WHEN status = 'cancelled' THEN 'confirmed' END, source,
        CASE WHEN status = 'cancelled' THEN 1 ELSE 0 END, lower(hex(randomblob(12))),
        CASE WHEN status = 'cancelled' THEN 'cancelled' ELSE 'registered' END,
        created_at, CASE WHEN status <> 'waitlisted' THEN created_at END,
        CASE WHEN status = 'cancelled' THEN created_at + (starts_at - created_at) / 2 END,
        CASE WHEN status = 'confirmed' AND starts_at - 2 * ${DAY} <= ${GENERATION_NOW.getTime()} THEN starts_at - 2 * ${DAY} END
      FROM gen ORDER BY created_at`);
  });

  // ------------------------------------------------ attendance for the days that are over
  await step("attendance", () =>
    client.execute(`
      INSERT INTO attendance (registration_id, day_id, status, via, marked_by, marked_at)
      SELECT registration_id, day_id,
             CASE WHEN h < 84 THEN 'present' WHEN h < 88 THEN 'late' WHEN h < 93 THEN 'absent' ELSE 'excused' END,
             CASE WHEN ${pct("registration_id", 11)} < 80 THEN 'leader' WHEN ${pct("registration_id", 11)} < 95 THEN 'self' ELSE 'office' END,
             NULL, marked_at
      FROM (
        SELECT r.id AS registration_id, d.id AS day_id, ${pct("r.id", 10)} AS h, d.starts_at + ${pct("r.id + d.id", 12)} * 120000 AS marked_at
        FROM registrations r
        JOIN occasions o ON o.id = r.occasion_id AND o.status = 'published'
        JOIN occasion_days d ON d.occasion_id = o.id AND d.ends_at <= ${GENERATION_NOW.getTime()}
        WHERE r.status = 'confirmed'
      )
      WHERE h < 97 -- 3 % never marked
      ORDER BY marked_at`),
  );

  // ------------------------------------------------ goals, merges
  await step("goals, merges", async () => {
    const goalRows: (string | number | null)[][] = [];
    for (let o = 1; o <= ORGANISERS; o++) {
      for (let yi = 0; yi < YEARS; yi++) {
        const year = FIRST_YEAR + yi;
        const at = Date.UTC(year - 1, 11, 1);
        const f = 0.85 + pctJs(o * 100 + yi, 13) / 200; // targets 85–135 % of what the data gives
        goalRows.push(
          [
            o,
            year,
            "Arbetsplatser som deltagit i handledarutbildning",
            "workplaces",
            "attended",
            JSON.stringify(["handledarutbildning", "fordjupning"]),
            Math.round(260 * f),
            0,
            at,
          ],
          [o, year, "Medarbetare som deltagit", "staff", "attended", "[]", Math.round(900 * f), 1, at],
          [o, year, "Genomförda tillfällen", "occasions", "attended", "[]", Math.round(85 * f), 2, at],
          [
            o,
            year,
            "Deltagartillfällen på temadagar",
            "participants",
            "registered",
            JSON.stringify(["temadag"]),
            Math.round(250 * f),
            3,
            at,
          ],
        );
      }
    }
    await insertRows(
      client,
      "INSERT INTO goals (organiser_id, year, label, kind, basis, course_types, target, sort_order, created_at)",
      goalRows,
    );

    // Per organiser: eight merges of one spelling into another in the same municipality, and
    // one chain A → B → C (transitive).
    const merges: (string | number | null)[][] = [];
    for (let o = 1; o <= ORGANISERS; o++) {
      const id = (w: number) => w * ORGANISERS + o; // as wid()
      for (let j = 0; j < 8; j++) merges.push([o, id(j * 150 + 3), JSON.stringify([id(j * 150 + 9)]), null, created]);
      merges.push(
        [o, id(1300), JSON.stringify([id(1306)]), null, created],
        [o, id(1312), JSON.stringify([id(1300)]), null, created],
      );
    }
    await insertRows(
      client,
      "INSERT INTO workplace_merges (organiser_id, into_id, from_ids, user_id, created_at)",
      merges,
    );
    // One in five people with a second address has been merged by the office.
    await client.execute(`
      INSERT INTO person_merges (organiser_id, into_key, from_keys, user_id, created_at)
      SELECT gid / 10000, lower(email), json_array(lower(alt_email)), NULL, ${created}
      FROM g_person WHERE alt_email IS NOT NULL AND (gid % 10000) % 200 = 0 ORDER BY gid`);
  });

  for (const t of ["g_occ", "g_first", "g_last", "g_role", "g_party", "g_wkind", "g_wname", "g_mun", "g_person"]) {
    await client.execute(`DROP TABLE temp.${t}`);
  }
}

// `tsx tests/bench/national-data.ts`: build (or reuse) the file and print its counts.
if (import.meta.url === `file://${process.argv[1]}`) {
  ensureNationalData().then(
    (d) => {
      console.log(
        `${d.path}: ${(d.sizeBytes / 1e6).toFixed(0)} MB, generated in ${(d.generationMs / 1000).toFixed(1)} s`,
      );
      console.log(d.counts);
    },
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
