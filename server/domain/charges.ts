// Late cancellations and no-shows as a basis for invoicing (issue 11). Some organisers charge
// a fee for cancelling less than `lateCancelDays` days before the start, or for not turning
// up; `lateCancelDays` null means the organiser charges nothing. The office marks each case
// itself (registrations.charge): the platform suggests candidates from the rows, but whether
// a fee is taken (illness, a colleague sent instead) is a person's decision. The marked ones
// of a year, per employer, are the list the office invoices from.
import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { occasions, organisers, parties, registrations } from "../../db/schema.ts";
import { auditStatement } from "./audit.ts";
import { AppError, notFound } from "./errors.ts";
import { formatIsoDate } from "./format-time.ts";
import { ATTENDED_SQL, yearBounds } from "./follow-up.ts";
import type { Sheet } from "./spreadsheet.ts";
import type { StaffUser } from "./staff.ts";
import { loadWorkplaceIdentity } from "./workplaces.ts";

export const CHARGES = ["late-cancellation", "no-show"] as const;
export type Charge = (typeof CHARGES)[number];

export const CHARGE_TEXT: Record<Charge, string> = {
  "late-cancellation": "Sen avbokning",
  "no-show": "Uteblev",
};

const DAY_MS = 86_400_000;

// The rules of what may be marked, as SQL over a registration `r` and its occasion `o`. The
// guarded UPDATE of setCharge and the candidates use these same fragments, so a suggestion is
// always markable, and a change made between the check and the write cannot slip through.
// chargeRefusal below says the same in words, for the 409.

/** Had a place and gave it up: cancelled from confirmed, and not moved by the office (a move is no cancellation). */
const LATE_CANCELLABLE_SQL = sql.raw(
  "r.status = 'cancelled' AND r.cancelled_from = 'confirmed' AND coalesce(r.last_change, '') <> 'moved-out'",
);
/** Had a place when the occasion began and was not marked present or late on any of its days. */
const noShowSql = (now: Date) =>
  sql`r.status = 'confirmed' AND o.starts_at <= ${now.getTime()} AND NOT ${ATTENDED_SQL}`;
/** The occasion took place (or will): a cancelled one charges nobody; drafts have no participants to charge. */
const OCCASION_RUNS_SQL = sql.raw("o.status = 'published'");

interface MarkFacts {
  status: string;
  cancelledFrom: string | null;
  lastChange: string | null;
  occasionStatus: string;
  startsAt: Date;
  attended: boolean;
  lateCancelDays: number | null;
}

/** Why this registration cannot get this mark, in Swedish, or null when it can. */
export function chargeRefusal(charge: Charge, r: MarkFacts, now: Date): string | null {
  if (r.lateCancelDays === null)
    return "Arrangören tar inte ut avgifter för sena avbokningar eller uteblivna. Ändra det under Inställningar först.";
  if (r.occasionStatus === "cancelled") return "Tillfället är inställt. Då tas ingen avgift ut.";
  if (r.occasionStatus !== "published") return "Tillfället är inte publicerat.";
  if (charge === "late-cancellation") {
    if (r.status !== "cancelled")
      return "Anmälan är inte avbokad. Sen avbokning kan bara markeras för den som har avbokat sin plats.";
    if (r.lastChange === "moved-out")
      return "Personen flyttades av kansliet till ett annat tillfälle. En flytt är ingen avbokning.";
    if (r.cancelledFrom !== "confirmed")
      return "Personen stod på väntelistan och hade ingen plats. Det är ingen sen avbokning.";
    return null;
  }
  if (r.status !== "confirmed")
    return "Personen har ingen plats på tillfället. Utebliven kan bara markeras för den som hade en plats.";
  if (r.startsAt.getTime() > now.getTime())
    return "Tillfället har inte börjat än. Markera utebliven när det har börjat.";
  if (r.attended) return "Personen är markerad som närvarande eller sen. Ändra närvaron först om hen inte kom.";
  return null;
}

const chargeView = (r: { id: number; charge: string | null; chargeMarkedAt: Date | null }) => ({
  id: r.id,
  charge: r.charge as Charge | null,
  chargeMarkedAt: r.chargeMarkedAt?.toISOString() ?? null,
});

/**
 * Marks a registration as a late cancellation or a no-show (null takes the mark away), with
 * its audit row in the same batch. 404 for a registration that is not the office's
 * organiser's; 409 with the reason when the mark does not fit the registration. Marking
 * what is already marked changes nothing and writes nothing.
 */
export async function setCharge(db: Db, staff: StaffUser, now: Date, registrationId: number, charge: Charge | null) {
  const [row] = await db
    .select({
      r: registrations,
      occasionStatus: occasions.status,
      startsAt: occasions.startsAt,
      lateCancelDays: organisers.lateCancelDays,
      attended: sql<number>`(SELECT ${ATTENDED_SQL} FROM registrations r WHERE r.id = ${registrations.id})`,
    })
    .from(registrations)
    .innerJoin(occasions, eq(occasions.id, registrations.occasionId))
    .innerJoin(organisers, eq(organisers.id, registrations.organiserId))
    .where(eq(registrations.id, registrationId));
  // Another organiser's registration is not found: its existence is none of this office's business.
  if (!row || row.r.organiserId !== staff.organiserId) throw notFound("Anmälan", "registration_not_found");
  const r = row.r;
  if (r.charge === charge) return chargeView(r);
  if (charge !== null) {
    const refusal = chargeRefusal(
      charge,
      {
        status: r.status,
        cancelledFrom: r.cancelledFrom,
        lastChange: r.lastChange,
        occasionStatus: row.occasionStatus,
        startsAt: row.startsAt,
        attended: Number(row.attended) === 1,
        lateCancelDays: row.lateCancelDays,
      },
      now,
    );
    if (refusal) throw new AppError(409, row.lateCancelDays === null ? "charges_off" : "charge_not_allowed", refusal);
  }
  const t = now.getTime();
  const markedAt = charge === null ? null : t;
  const rule =
    charge === null
      ? sql`1`
      : sql`${OCCASION_RUNS_SQL} AND (SELECT late_cancel_days FROM organisers WHERE id = r.organiser_id) IS NOT NULL
            AND ${charge === "late-cancellation" ? LATE_CANCELLABLE_SQL : noShowSql(now)}`;
  await db.batchSql([
    sql`UPDATE registrations SET charge = ${charge}, charge_marked_at = ${markedAt}
        WHERE id IN (SELECT r.id FROM registrations r JOIN occasions o ON o.id = r.occasion_id
                     WHERE r.id = ${registrationId} AND ${rule})`,
    auditStatement(
      staff,
      now,
      "registration.charge",
      "registration",
      registrationId,
      { charge: r.charge },
      { charge, name: r.name, occasionId: r.occasionId },
      sql`EXISTS (SELECT 1 FROM registrations WHERE id = ${registrationId} AND charge IS ${charge} AND charge_marked_at IS ${markedAt})`,
    ),
  ]);
  const [after] = await db.select().from(registrations).where(eq(registrations.id, registrationId));
  if (!after || after.charge !== charge)
    throw new AppError(409, "charge_conflict", "Anmälan ändrades samtidigt. Ladda om sidan och försök igen.");
  return chargeView(after);
}

interface ChargeRow {
  id: number;
  name: string;
  email: string;
  partyCode: string;
  workplaceId: number | null;
  kind: Charge;
  cancelledAt: number | null;
  markedAt: number | null;
  occasionId: number;
  startsAt: number;
  course: string;
  label: string | null;
  marks: string | null;
  unmarkedDays: number;
}

/** The columns both lists read, over `r`, its occasion `o` and course `c`. */
const CHARGE_COLUMNS =
  sql.raw(`r.id AS id, r.name AS name, r.email AS email, r.party_code AS partyCode, r.workplace_id AS workplaceId,
  r.cancelled_at AS cancelledAt, r.charge_marked_at AS markedAt, o.id AS occasionId, o.starts_at AS startsAt,
  c.title AS course, o.label,
  (SELECT group_concat(DISTINCT a.status) FROM attendance a JOIN occasion_days ad ON ad.id = a.day_id
    WHERE a.registration_id = r.id AND ad.cancelled_at IS NULL) AS marks,
  (SELECT count(*) FROM occasion_days d WHERE d.occasion_id = o.id AND d.cancelled_at IS NULL
    AND NOT EXISTS (SELECT 1 FROM attendance a WHERE a.registration_id = r.id AND a.day_id = d.id)) AS unmarkedDays`);

const ATTENDANCE_ORDER = ["absent", "excused", "late", "present"] as const;
type DayMark = (typeof ATTENDANCE_ORDER)[number] | "unmarked";

function attendanceOf(r: ChargeRow): DayMark[] {
  const given = new Set((r.marks ?? "").split(",").filter(Boolean));
  const marks: DayMark[] = ATTENDANCE_ORDER.filter((m) => given.has(m));
  if (Number(r.unmarkedDays) > 0) marks.push("unmarked");
  return marks;
}

/** One person's case, as the page and the file show it. */
function chargeItems(rows: ChargeRow[], partyName: (code: string) => string, identity: Identity) {
  return rows.map((r) => {
    const workplace = r.workplaceId === null ? null : identity.employerOf(r.workplaceId);
    return {
      registrationId: r.id,
      kind: r.kind,
      kindText: CHARGE_TEXT[r.kind],
      name: r.name,
      email: r.email,
      party: r.partyCode,
      partyName: partyName(r.partyCode),
      workplace,
      occasion: {
        id: r.occasionId,
        title: r.label ? `${r.course} (${r.label})` : r.course,
        startsAt: new Date(Number(r.startsAt)).toISOString(),
      },
      cancelledAt: r.cancelledAt === null ? null : new Date(Number(r.cancelledAt)).toISOString(),
      markedAt: r.markedAt === null ? null : new Date(Number(r.markedAt)).toISOString(),
      // What the leader marked on the days that took place ("excused": she sent word), so the
      // office sees why a no-show is suggested before it decides; a place given up has none.
      attendance: r.kind === "no-show" ? attendanceOf(r) : [],
    };
  });
}

export type ChargeItem = ReturnType<typeof chargeItems>[number];

interface Identity {
  /** The workplace a register row counts as (after the office's merges), as the invoice names it. */
  employerOf(workplaceId: number): { id: number; name: string; municipality: string; orgNumber: string | null };
}

/** Employers are workplaces after merges: "ICA Maxi" and "ICA Maxi Halmstad" merged get one invoice. */
async function loadNames(
  db: Db,
  organiserId: number,
): Promise<{ partyName: (c: string) => string; identity: Identity }> {
  const [partyRows, workplaces] = await Promise.all([
    db.select().from(parties).where(eq(parties.organiserId, organiserId)),
    loadWorkplaceIdentity(db, organiserId),
  ]);
  const names = new Map(partyRows.map((p) => [p.code, p.name]));
  // A merged group's organisation number: the one it counts as, else the first of its rows that has one.
  const orgOf = new Map<number, string>();
  for (const w of [...workplaces.byId.values()].sort((a, b) => a.id - b.id)) {
    const root = workplaces.workplaceOf(w.id);
    if (w.orgNumber && !orgOf.has(root)) orgOf.set(root, w.orgNumber);
  }
  for (const [id, w] of workplaces.byId)
    if (w.orgNumber && workplaces.workplaceOf(id) === id) orgOf.set(id, w.orgNumber);
  return {
    partyName: (c) => names.get(c) ?? c,
    identity: {
      employerOf(workplaceId) {
        const root = workplaces.workplaceOf(workplaceId);
        const w = workplaces.byId.get(root);
        return {
          id: root,
          name: w?.name ?? "",
          municipality: w?.municipality ?? "",
          orgNumber: orgOf.get(root) ?? null,
        };
      },
    },
  };
}

/**
 * Suggestions, not yet marked, for occasions starting in the year (Stockholm): registrations
 * cancelled from a place less than `lateCancelDays` days before the start, and people with a
 * place at an occasion that is over who were marked present or late on none of its days (the
 * follow-up's "attended", ATTENDED_SQL). None when the organiser charges no fees.
 */
async function candidateRows(db: Db, organiserId: number, year: number, now: Date, lateCancelDays: number) {
  const { from, to } = yearBounds(year);
  const base = sql`FROM registrations r JOIN occasions o ON o.id = r.occasion_id JOIN courses c ON c.id = o.course_id
    WHERE o.organiser_id = ${organiserId} AND ${OCCASION_RUNS_SQL}
      AND o.starts_at >= ${from.getTime()} AND o.starts_at < ${to.getTime()}
      AND r.charge IS NULL AND r.anonymised_at IS NULL`;
  return db.all<ChargeRow>(sql`
    SELECT ${CHARGE_COLUMNS}, 'late-cancellation' AS kind ${base}
      AND ${LATE_CANCELLABLE_SQL} AND r.cancelled_at > o.starts_at - ${lateCancelDays * DAY_MS}
    UNION ALL
    SELECT ${CHARGE_COLUMNS}, 'no-show' AS kind ${base}
      AND ${noShowSql(now)} AND o.ends_at <= ${now.getTime()}
    ORDER BY startsAt, occasionId, kind, name, id`);
}

export async function chargeCandidates(db: Db, organiserId: number, year: number, now: Date): Promise<ChargeItem[]> {
  const [org] = await db
    .select({ lateCancelDays: organisers.lateCancelDays })
    .from(organisers)
    .where(eq(organisers.id, organiserId));
  if (!org || org.lateCancelDays === null) return [];
  const [rows, names] = await Promise.all([
    candidateRows(db, organiserId, year, now, org.lateCancelDays),
    loadNames(db, organiserId),
  ]);
  return chargeItems(rows, names.partyName, names.identity);
}

/** One employer's marked cases: a workplace (after merges) and the party it belongs to. */
export interface ChargeGroup {
  key: string;
  workplace: string | null;
  orgNumber: string | null;
  municipality: string | null;
  party: string;
  partyName: string;
  charges: ChargeItem[];
}

/**
 * The marked cases of the occasions starting in the year, per employer: the basis for
 * invoicing. Employers in Swedish order of name (people without a workplace last, per party);
 * within one, by occasion date and name.
 */
export async function chargeList(db: Db, organiserId: number, year: number): Promise<ChargeGroup[]> {
  const { from, to } = yearBounds(year);
  const [rows, names] = await Promise.all([
    db.all<ChargeRow>(sql`
      SELECT ${CHARGE_COLUMNS}, r.charge AS kind
      FROM registrations r JOIN occasions o ON o.id = r.occasion_id JOIN courses c ON c.id = o.course_id
      WHERE o.organiser_id = ${organiserId} AND r.charge IS NOT NULL
        AND o.starts_at >= ${from.getTime()} AND o.starts_at < ${to.getTime()}
      ORDER BY o.starts_at, o.id, r.name, r.id`),
    loadNames(db, organiserId),
  ]);
  const groups = new Map<string, ChargeGroup>();
  for (const item of chargeItems(rows, names.partyName, names.identity)) {
    const key = `${item.workplace?.id ?? "-"}|${item.party}`;
    let g = groups.get(key);
    if (!g) {
      g = {
        key,
        workplace: item.workplace?.name ?? null,
        orgNumber: item.workplace?.orgNumber ?? null,
        municipality: item.workplace?.municipality ?? null,
        party: item.party,
        partyName: item.partyName,
        charges: [],
      };
      groups.set(key, g);
    }
    g.charges.push(item);
  }
  const sv = (a: string, b: string) => a.localeCompare(b, "sv");
  return [...groups.values()].sort(
    (a, b) =>
      Number(a.workplace === null) - Number(b.workplace === null) ||
      sv(a.workplace ?? "", b.workplace ?? "") ||
      sv(a.municipality ?? "", b.municipality ?? "") ||
      sv(a.partyName, b.partyName),
  );
}

/** The office's page: the setting, the marked cases per employer and the suggestions. */
export async function chargesOverview(db: Db, organiserId: number, year: number, now: Date) {
  const [[org], charges, candidates] = await Promise.all([
    db.select({ lateCancelDays: organisers.lateCancelDays }).from(organisers).where(eq(organisers.id, organiserId)),
    chargeList(db, organiserId, year),
    chargeCandidates(db, organiserId, year, now),
  ]);
  return { year, lateCancelDays: org?.lateCancelDays ?? null, charges, candidates };
}

export type ChargesOverview = Awaited<ReturnType<typeof chargesOverview>>;

/** The invoicing basis as a table: one line per case, the employer's columns first. */
export function chargesSheet(groups: ChargeGroup[], year: number): Sheet {
  return {
    name: `Avgifter ${year}`,
    columns: [
      "Arbetsplats",
      "Organisationsnummer",
      "Kommun",
      "Part",
      "Namn",
      "E-post",
      "Utbildning",
      "Datum",
      "Avgift för",
      "Avbokad",
    ],
    rows: groups.flatMap((g) =>
      g.charges.map((c) => [
        g.workplace,
        g.orgNumber,
        g.municipality,
        g.partyName,
        c.name,
        c.email,
        c.occasion.title,
        formatIsoDate(c.occasion.startsAt),
        c.kindText,
        c.cancelledAt ? new Date(c.cancelledAt) : null,
      ]),
    ),
    widths: [36, 20, 14, 26, 28, 34, 50, 12, 16, 18],
  };
}
