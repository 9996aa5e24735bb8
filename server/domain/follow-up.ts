// Every figure of the follow-up: the year's goals with pace and forecast, the lists behind
// them, the breakdowns, the totals and the Uppföljning Finsam rows. The dashboard, the JSON,
// the drill-down and every export call these functions; none counts on its own.
//
// The rules (docs/decisions/008): an occasion belongs to the Stockholm year of its first
// day; only published occasions count; registered = confirmed; attended = registered and
// marked present or late on at least one day; a person is a normalised e-mail after the
// office's merges; a workplace is a register row after merges and org-number joins.
//
// Per organiser and year this is a few thousand rows even at national scale, so the rows
// are read with a few indexed queries and counted here, in one pass per figure.
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { courses, goals, occasions, parties, type Goal } from "../../db/schema.ts";
import { effortYearsOf, type EffortYearInput } from "./effort-years.ts";
import { listCourseTypes } from "./course-types.ts";
import { formatIsoDate, stockholmToUtc } from "./format-time.ts";
import { loadPersonIdentity, type PersonIdentity } from "./people.ts";
import { loadWorkplaceIdentity, type WorkplaceIdentity } from "./workplaces.ts";

/**
 * "Attended", for every figure and export (decision 008): the registration `r` is marked
 * present or late on at least one day the occasion still has. A mark on a day the office
 * later cancelled counts for nothing (that day did not take place). The unique index
 * (registration_id, day_id) and the day's primary key answer it.
 */
export const ATTENDED_SQL = sql.raw(
  "EXISTS (SELECT 1 FROM attendance a JOIN occasion_days ad ON ad.id = a.day_id WHERE a.registration_id = r.id AND a.status IN ('present', 'late') AND ad.cancelled_at IS NULL)",
);

export const GOAL_KINDS = ["workplaces", "staff", "occasions", "participants"] as const;
export const GOAL_BASES = ["attended", "registered"] as const;
export type GoalKind = (typeof GOAL_KINDS)[number];
export type GoalBasis = (typeof GOAL_BASES)[number];

export const GENDER_KEYS = ["kvinna", "man", "annat", "ej-angivet"] as const;
const GENDER_LABELS: Record<string, string> = {
  kvinna: "Kvinna",
  man: "Man",
  annat: "Annat",
  "ej-angivet": "Ej angivet",
};
const MONTH_LABELS = [
  "januari",
  "februari",
  "mars",
  "april",
  "maj",
  "juni",
  "juli",
  "augusti",
  "september",
  "oktober",
  "november",
  "december",
];
export const UNKNOWN_MUNICIPALITY = "okand";

/** The instants that bound a Stockholm calendar year, as UTC. */
export function yearBounds(year: number): { from: Date; to: Date } {
  return { from: stockholmToUtc(`${year}-01-01`, "00:00"), to: stockholmToUtc(`${year + 1}-01-01`, "00:00") };
}

/** The Stockholm calendar year of an instant (an occasion's year is that of its first day). */
export function stockholmYear(d: Date): number {
  return Number(formatIsoDate(d).slice(0, 4));
}

/** A published occasion whose first day is in the year. */
export interface YearOccasion {
  id: number;
  courseId: number;
  course: string;
  title: string;
  courseType: string;
  startsAt: Date;
  endsAt: Date;
  capacity: number;
  /** The last day is over. */
  over: boolean;
}

/** One confirmed registration of a counted occasion: the row every figure is made of. */
export interface Fact {
  registrationId: number;
  occasion: YearOccasion;
  /** The person after merges (normalised e-mail). */
  person: string;
  name: string;
  partyCode: string;
  /** The workplace after merges and org-number joins; null without one. */
  workplace: number | null;
  attended: boolean;
}

export interface YearData {
  year: number;
  now: Date;
  occasions: YearOccasion[];
  facts: Fact[];
  /** A person's gender for the year: the one she gave last, `ej-angivet` without one. */
  genderOf: Map<string, string>;
}

interface Identity {
  workplaces: WorkplaceIdentity;
  people: PersonIdentity;
}

async function loadIdentity(db: Db, organiserId: number): Promise<Identity> {
  const [workplaces, people] = await Promise.all([
    loadWorkplaceIdentity(db, organiserId),
    loadPersonIdentity(db, organiserId),
  ]);
  return { workplaces, people };
}

function genderKey(g: string | null): string {
  return g === "kvinna" || g === "man" || g === "annat" ? g : "ej-angivet";
}

/** Reads the year's occasions and facts for one organiser. */
export async function loadYear(
  db: Db,
  organiserId: number,
  year: number,
  now: Date,
  identity: Identity,
): Promise<YearData> {
  const { from, to } = yearBounds(year);
  const [occRows, regRows] = await Promise.all([
    db
      .select({
        id: occasions.id,
        courseId: occasions.courseId,
        course: courses.title,
        label: occasions.label,
        courseType: courses.courseType,
        startsAt: occasions.startsAt,
        endsAt: occasions.endsAt,
        capacity: occasions.capacity,
      })
      .from(occasions)
      .innerJoin(courses, eq(courses.id, occasions.courseId))
      .where(
        and(
          eq(occasions.organiserId, organiserId),
          eq(occasions.status, "published"),
          sql`${occasions.startsAt} >= ${from.getTime()} AND ${occasions.startsAt} < ${to.getTime()}`,
        ),
      )
      .orderBy(asc(occasions.startsAt), asc(occasions.id)),
    // "Attended" as an EXISTS per row (ATTENDED_SQL).
    db.all<{
      id: number;
      occasionId: number;
      emailKey: string;
      name: string;
      partyCode: string;
      workplaceId: number | null;
      gender: string | null;
      attended: number;
    }>(sql`
      SELECT r.id, r.occasion_id AS occasionId, r.email_key AS emailKey, r.name, r.party_code AS partyCode,
             r.workplace_id AS workplaceId, r.gender,
             ${ATTENDED_SQL} AS attended
      FROM occasions o
      JOIN registrations r ON r.occasion_id = o.id AND r.status = 'confirmed'
      WHERE o.organiser_id = ${organiserId} AND o.status = 'published'
        AND o.starts_at >= ${from.getTime()} AND o.starts_at < ${to.getTime()}
      ORDER BY r.id
    `),
  ]);
  const t = now.getTime();
  const yearOccasions: YearOccasion[] = occRows.map((o) => ({
    id: o.id,
    courseId: o.courseId,
    course: o.course,
    title: o.label ? `${o.course} (${o.label})` : o.course,
    courseType: o.courseType,
    startsAt: o.startsAt,
    endsAt: o.endsAt,
    capacity: o.capacity,
    over: o.endsAt.getTime() <= t,
  }));
  const byId = new Map(yearOccasions.map((o) => [o.id, o]));
  const facts: Fact[] = [];
  const genderOf = new Map<string, string>();
  for (const r of regRows) {
    const occasion = byId.get(Number(r.occasionId));
    if (!occasion) continue;
    const person = identity.people.personOf(r.emailKey);
    // Rows come in id order, so a later gender given replaces an earlier one.
    if (r.gender) genderOf.set(person, genderKey(r.gender));
    else if (!genderOf.has(person)) genderOf.set(person, "ej-angivet");
    facts.push({
      registrationId: Number(r.id),
      occasion,
      person,
      name: r.name,
      partyCode: r.partyCode,
      workplace: r.workplaceId == null ? null : identity.workplaces.workplaceOf(Number(r.workplaceId)),
      attended: Number(r.attended) === 1,
    });
  }
  return { year, now, occasions: yearOccasions, facts, genderOf };
}

// ---------------------------------------------------------------- goals

export interface GoalFigures {
  id: number;
  label: string;
  kind: GoalKind;
  basis: GoalBasis;
  courseTypes: string[];
  target: number;
  value: number;
  expectedByToday: number;
  forecast: number;
  onTrack: boolean;
}

const ofTypes = (types: string[]) => (o: YearOccasion) => types.length === 0 || types.includes(o.courseType);

/** The member keys a goal counts among the given facts (workplaces, persons or participations). */
function memberKeys(kind: GoalKind, facts: Fact[]): Set<string> {
  const keys = new Set<string>();
  for (const f of facts) {
    if (kind === "workplaces") {
      if (f.workplace !== null) keys.add(String(f.workplace));
    } else if (kind === "staff") keys.add(f.person);
    else if (kind === "participants") keys.add(`${f.person} ${f.occasion.id}`);
  }
  return keys;
}

/** The share of the year's plan that is over by now (0–1), weighted as decision 008 says. */
function paceShare(kind: GoalKind, planned: YearOccasion[], year: number, now: Date): number {
  const { from, to } = yearBounds(year);
  if (now.getTime() >= to.getTime()) return 1;
  if (now.getTime() < from.getTime()) return 0;
  const weight = (o: YearOccasion) => (kind === "occasions" ? 1 : o.capacity);
  const total = planned.reduce((s, o) => s + weight(o), 0);
  if (total === 0) return (now.getTime() - from.getTime()) / (to.getTime() - from.getTime());
  return planned.filter((o) => o.over).reduce((s, o) => s + weight(o), 0) / total;
}

export function goalFigures(goal: Goal, data: YearData): GoalFigures {
  const kind = goal.kind as GoalKind;
  const basis = goal.basis as GoalBasis;
  const inTypes = ofTypes(goal.courseTypes);
  const planned = data.occasions.filter(inTypes);
  let value: number;
  let forecast: number;
  if (kind === "occasions") {
    value = planned.filter((o) => o.over).length;
    forecast = planned.length;
  } else {
    const facts = data.facts.filter((f) => inTypes(f.occasion));
    const counted = basis === "attended" ? facts.filter((f) => f.attended) : facts;
    value = memberKeys(kind, counted).size;
    forecast =
      basis === "attended"
        ? memberKeys(
            kind,
            facts.filter((f) => f.attended || !f.occasion.over),
          ).size
        : value;
  }
  const expectedByToday = Math.round(goal.target * paceShare(kind, planned, data.year, data.now));
  return {
    id: goal.id,
    label: goal.label,
    kind,
    basis,
    courseTypes: goal.courseTypes,
    target: goal.target,
    value,
    expectedByToday,
    forecast,
    onTrack: value >= expectedByToday,
  };
}

export interface Member {
  key: string;
  name: string;
  detail: string | null;
  occasions: { id: number; title: string; startsAt: string; attended: boolean }[];
}

/** The list behind a goal's figure: one member per workplace, person, participation or occasion it counts. */
export function goalMembers(goal: Goal, data: YearData, names: Names, identity: Identity): Member[] {
  const kind = goal.kind as GoalKind;
  const inTypes = ofTypes(goal.courseTypes);
  const occ = (o: YearOccasion, attended: boolean) => ({
    id: o.id,
    title: o.title,
    startsAt: o.startsAt.toISOString(),
    attended,
  });
  if (kind === "occasions") {
    return data.occasions
      .filter((o) => inTypes(o) && o.over)
      .map((o) => ({ key: String(o.id), name: o.title, detail: formatIsoDate(o.startsAt), occasions: [occ(o, true)] }));
  }
  const facts = data.facts.filter((f) => inTypes(f.occasion) && (goal.basis === "registered" || f.attended));
  const members = new Map<string, Member>();
  for (const f of facts) {
    let key: string;
    let name: string;
    let detail: string | null;
    if (kind === "workplaces") {
      if (f.workplace === null) continue;
      const w = identity.workplaces.byId.get(f.workplace)!;
      key = String(f.workplace);
      name = w.name;
      detail = w.orgNumber ? `${w.municipality}, ${w.orgNumber}` : w.municipality;
    } else {
      key = kind === "staff" ? f.person : `${f.person} ${f.occasion.id}`;
      name = f.name;
      const w = f.workplace === null ? null : identity.workplaces.byId.get(f.workplace);
      detail = [f.person, names.party(f.partyCode), w?.name].filter(Boolean).join(", ");
    }
    const m = members.get(key) ?? { key, name, detail, occasions: [] };
    // The name she gave last, and each occasion once.
    if (kind !== "workplaces") m.name = f.name;
    if (!m.occasions.some((o) => o.id === f.occasion.id)) m.occasions.push(occ(f.occasion, f.attended));
    else if (f.attended) m.occasions.find((o) => o.id === f.occasion.id)!.attended = true;
    members.set(key, m);
  }
  return [...members.values()].sort((a, b) => a.name.localeCompare(b.name, "sv-SE") || a.key.localeCompare(b.key));
}

// ---------------------------------------------------------------- breakdowns and totals

export interface BreakdownRow {
  key: string;
  label: string;
  registered: number;
  attended: number;
  workplaces: number;
}

export interface Breakdowns {
  party: BreakdownRow[];
  municipality: BreakdownRow[];
  courseType: BreakdownRow[];
  month: BreakdownRow[];
  gender: BreakdownRow[];
}

export interface Names {
  party(code: string): string;
  courseType(code: string): string;
  parties: { code: string; name: string }[];
  courseTypes: { code: string; name: string }[];
}

async function loadNames(db: Db, organiserId: number): Promise<Names> {
  const [partyRows, typeRows] = await Promise.all([
    db
      .select({ code: parties.code, name: parties.name })
      .from(parties)
      .where(eq(parties.organiserId, organiserId))
      .orderBy(asc(parties.sortOrder), asc(parties.id)),
    listCourseTypes(db, organiserId),
  ]);
  const p = new Map(partyRows.map((r) => [r.code, r.name]));
  const t = new Map(typeRows.map((r) => [r.code, r.name]));
  return { party: (c) => p.get(c) ?? c, courseType: (c) => t.get(c) ?? c, parties: partyRows, courseTypes: typeRows };
}

/** Groups the facts by `keyOf`; `fixed` rows are always listed (with zeros), in their order. */
function breakdown(
  facts: Fact[],
  keyOf: (f: Fact) => string,
  labelOf: (key: string) => string,
  fixed: string[] = [],
): BreakdownRow[] {
  const groups = new Map<string, { registered: Set<string>; attended: Set<string>; workplaces: Set<number> }>();
  const group = (key: string) => {
    let g = groups.get(key);
    if (!g) {
      g = { registered: new Set(), attended: new Set(), workplaces: new Set() };
      groups.set(key, g);
    }
    return g;
  };
  for (const key of fixed) group(key);
  for (const f of facts) {
    const g = group(keyOf(f));
    g.registered.add(f.person);
    if (f.attended) {
      g.attended.add(f.person);
      if (f.workplace !== null) g.workplaces.add(f.workplace);
    }
  }
  const rows = [...groups.entries()].map(([key, g]) => ({
    key,
    label: labelOf(key),
    registered: g.registered.size,
    attended: g.attended.size,
    workplaces: g.workplaces.size,
  }));
  // The fixed keys keep their order; the others (municipalities) by name, "okänd" last.
  const order = new Map(fixed.map((k, i) => [k, i]));
  return rows.sort((a, b) => {
    const ia = order.get(a.key) ?? Infinity;
    const ib = order.get(b.key) ?? Infinity;
    if (ia !== ib) return ia - ib;
    if (a.key === UNKNOWN_MUNICIPALITY || b.key === UNKNOWN_MUNICIPALITY)
      return a.key === UNKNOWN_MUNICIPALITY ? 1 : -1;
    return a.label.localeCompare(b.label, "sv-SE");
  });
}

export function breakdowns(data: YearData, names: Names, identity: Identity): Breakdowns {
  const month = (f: Fact) => formatIsoDate(f.occasion.startsAt).slice(5, 7);
  const municipality = (f: Fact) =>
    f.workplace === null ? UNKNOWN_MUNICIPALITY : identity.workplaces.byId.get(f.workplace)!.municipality.trim();
  const months = MONTH_LABELS.map((_, i) => String(i + 1).padStart(2, "0"));
  return {
    party: breakdown(
      data.facts,
      (f) => f.partyCode,
      names.party,
      names.parties.map((p) => p.code),
    ),
    municipality: breakdown(data.facts, municipality, (k) => (k === UNKNOWN_MUNICIPALITY ? "Okänd" : k)),
    courseType: breakdown(
      data.facts,
      (f) => f.occasion.courseType,
      names.courseType,
      names.courseTypes.map((t) => t.code),
    ),
    month: breakdown(data.facts, month, (k) => MONTH_LABELS[Number(k) - 1] ?? k, months),
    gender: breakdown(
      data.facts,
      (f) => data.genderOf.get(f.person) ?? "ej-angivet",
      (k) => GENDER_LABELS[k] ?? k,
      [...GENDER_KEYS],
    ),
  };
}

export interface Totals {
  /** distinct persons registered */
  registered: number;
  /** distinct persons who attended */
  attended: number;
  /** distinct workplaces of those who attended */
  workplaces: number;
  /** person × occasion, attended */
  participations: number;
  occasionsPlanned: number;
  occasionsHeld: number;
}

export function totals(data: YearData): Totals {
  const attended = data.facts.filter((f) => f.attended);
  return {
    registered: memberKeys("staff", data.facts).size,
    attended: memberKeys("staff", attended).size,
    workplaces: memberKeys("workplaces", attended).size,
    participations: memberKeys("participants", attended).size,
    occasionsPlanned: data.occasions.length,
    occasionsHeld: data.occasions.filter((o) => o.over).length,
  };
}

// ---------------------------------------------------------------- Uppföljning Finsam

export interface FinsamRow {
  courseId: number;
  course: string;
  /** The course type's code; its name in courseTypeName. */
  courseType: string;
  courseTypeName: string;
  year: number;
  /** What the office entered for the year (null: not entered); see effort-years.ts. */
  budgetKr: number | null;
  outcomeKr: number | null;
  plannedParticipants: number | null;
  persons: number;
  women: number;
  men: number;
  otherOrUnknown: number;
}

/**
 * Per effort (course) and calendar year: distinct persons who attended, by gender, next to the
 * plan and money the office entered. A course with entries but no occasion that year is a row
 * too (planned, not held: its participants are 0).
 */
export function finsamRows(
  data: YearData,
  names: Names,
  efforts: Map<number, EffortYearInput & { course: string; courseType: string }> = new Map(),
): FinsamRow[] {
  const rows = new Map<number, { row: FinsamRow; persons: Set<string> }>();
  const add = (courseId: number, course: string, courseType: string) => {
    if (rows.has(courseId)) return;
    const e = efforts.get(courseId);
    rows.set(courseId, {
      row: {
        courseId,
        course,
        courseType,
        courseTypeName: names.courseType(courseType),
        year: data.year,
        budgetKr: e?.budgetKr ?? null,
        outcomeKr: e?.outcomeKr ?? null,
        plannedParticipants: e?.plannedParticipants ?? null,
        persons: 0,
        women: 0,
        men: 0,
        otherOrUnknown: 0,
      },
      persons: new Set(),
    });
  };
  for (const o of data.occasions) add(o.courseId, o.course, o.courseType);
  for (const [courseId, e] of efforts) add(courseId, e.course, e.courseType);
  for (const f of data.facts) if (f.attended) rows.get(f.occasion.courseId)!.persons.add(f.person);
  const out = [...rows.values()].map(({ row, persons }) => {
    for (const p of persons) {
      const g = data.genderOf.get(p);
      if (g === "kvinna") row.women++;
      else if (g === "man") row.men++;
      else row.otherOrUnknown++;
    }
    row.persons = persons.size;
    return row;
  });
  return out.sort((a, b) => a.course.localeCompare(b.course, "sv-SE") || a.courseId - b.courseId);
}

// ---------------------------------------------------------------- what the routes call

export async function listGoals(db: Db, organiserId: number, year: number): Promise<Goal[]> {
  return db
    .select()
    .from(goals)
    .where(and(eq(goals.organiserId, organiserId), eq(goals.year, year)))
    .orderBy(asc(goals.sortOrder), asc(goals.id));
}

/** Everything the dashboard shows for one year, next to the year before. */
export async function followUp(db: Db, organiserId: number, year: number, now: Date) {
  const [identity, names, yearGoals, previousGoals] = await Promise.all([
    loadIdentity(db, organiserId),
    loadNames(db, organiserId),
    listGoals(db, organiserId, year),
    listGoals(db, organiserId, year - 1),
  ]);
  const [data, previous] = await Promise.all([
    loadYear(db, organiserId, year, now, identity),
    loadYear(db, organiserId, year - 1, now, identity),
  ]);
  return {
    year,
    goals: yearGoals.map((g) => goalFigures(g, data)),
    totals: totals(data),
    breakdowns: breakdowns(data, names, identity),
    previousYear: {
      year: year - 1,
      goals: previousGoals.map((g) => goalFigures(g, previous)),
      totals: totals(previous),
      breakdowns: breakdowns(previous, names, identity),
    },
  };
}

export type FollowUp = Awaited<ReturnType<typeof followUp>>;

export async function goalWithMembers(db: Db, goal: Goal, now: Date) {
  const [identity, names] = await Promise.all([loadIdentity(db, goal.organiserId), loadNames(db, goal.organiserId)]);
  const data = await loadYear(db, goal.organiserId, goal.year, now, identity);
  return { goal: { ...goalFigures(goal, data), year: goal.year }, members: goalMembers(goal, data, names, identity) };
}

export async function finsamReport(db: Db, organiserId: number, year: number, now: Date): Promise<FinsamRow[]> {
  const [identity, names, efforts] = await Promise.all([
    loadIdentity(db, organiserId),
    loadNames(db, organiserId),
    effortYearsOf(db, organiserId, year),
  ]);
  return finsamRows(await loadYear(db, organiserId, year, now, identity), names, efforts);
}
