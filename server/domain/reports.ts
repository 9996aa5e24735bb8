// The office's exports as tables: the annual-report figures, the Uppföljning Finsam rows and
// the participant list for requests for public documents. The figures come from
// follow-up.ts (the same functions as the dashboard); spreadsheet.ts writes the files.
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { formatIsoDate, stockholmToUtc } from "./format-time.ts";
import {
  ATTENDED_SQL,
  type BreakdownRow,
  type FinsamRow,
  type FollowUp,
  type GoalFigures,
  type Totals,
} from "./follow-up.ts";
import { EXPORT_COLUMNS, type ExportColumn } from "./export-columns.ts";
import type { Cell, Sheet } from "./spreadsheet.ts";

export { EXPORT_COLUMN_KEYS, type ExportColumn } from "./export-columns.ts";

const KIND_TEXT: Record<string, string> = {
  workplaces: "Arbetsplatser",
  staff: "Medarbetare (personer)",
  participants: "Deltagartillfällen",
  occasions: "Genomförda tillfällen",
};
const BASIS_TEXT: Record<string, string> = { attended: "deltagit", registered: "anmälda" };

/**
 * One row per effort, in the order Uppföljning Finsam asks: courses, networks and theme days
 * are structural efforts ("Strukturövergripande"); the plan and money the office entered stay
 * empty cells until entered.
 */
export function finsamSheet(rows: FinsamRow[], year: number): Sheet {
  return {
    name: `Uppföljning Finsam ${year}`,
    columns: [
      "Insats (utbildning)",
      "Kurstyp",
      "Inriktning",
      "År",
      "Budget (kr)",
      "Utfall (kr)",
      "Planerat antal deltagare",
      "Deltagare",
      "Kvinnor",
      "Män",
      "Annat eller ej angivet",
    ],
    rows: rows.map((r) => [
      r.course,
      r.courseTypeName,
      "Strukturövergripande",
      r.year,
      r.budgetKr,
      r.outcomeKr,
      r.plannedParticipants,
      r.persons,
      r.women,
      r.men,
      r.otherOrUnknown,
    ]),
    widths: [50, 40, 22, 6, 12, 12, 14, 10, 10, 10, 22],
  };
}

function goalRows(goals: GoalFigures[], courseTypeName: (code: string) => string): Cell[][] {
  return goals.map((g) => [
    g.label,
    KIND_TEXT[g.kind] ?? g.kind,
    g.kind === "occasions" ? "genomförda" : (BASIS_TEXT[g.basis] ?? g.basis),
    g.courseTypes.length ? g.courseTypes.map(courseTypeName).join(", ") : "Alla",
    g.target,
    g.value,
    g.expectedByToday,
    g.forecast,
    g.onTrack,
  ]);
}

const TOTAL_TEXT: [keyof Totals, string][] = [
  ["registered", "Anmälda personer"],
  ["attended", "Personer som deltagit"],
  ["workplaces", "Arbetsplatser som deltagit"],
  ["participations", "Deltagartillfällen (person × tillfälle)"],
  ["occasionsPlanned", "Planerade tillfällen"],
  ["occasionsHeld", "Genomförda tillfällen"],
];

const BREAKDOWN_TEXT: [keyof FollowUp["breakdowns"], string][] = [
  ["party", "Per part"],
  ["municipality", "Per kommun"],
  ["courseType", "Per kurstyp"],
  ["month", "Per månad"],
  ["gender", "Per kön"],
];

/** One breakdown next to the year before, matched on key (rows only last year come last). */
function breakdownRows(now: BreakdownRow[], before: BreakdownRow[]): Cell[][] {
  const prev = new Map(before.map((r) => [r.key, r]));
  const rows: Cell[][] = now.map((r) => {
    const p = prev.get(r.key);
    return [r.label, r.registered, r.attended, r.workplaces, p?.registered ?? 0, p?.attended ?? 0, p?.workplaces ?? 0];
  });
  const seen = new Set(now.map((r) => r.key));
  for (const p of before) if (!seen.has(p.key)) rows.push([p.label, 0, 0, 0, p.registered, p.attended, p.workplaces]);
  return rows;
}

/** The annual-report figures: goals, totals and every breakdown, next to the year before. */
export function yearSheets(f: FollowUp, courseTypeName: (code: string) => string): Sheet[] {
  const y = f.year;
  const p = f.previousYear.year;
  const goalColumns = [
    "Mål",
    "Räknar",
    "Grund",
    "Kurstyper",
    "Målvärde",
    "Utfall",
    "Förväntat i dag",
    "Prognos",
    "I fas",
  ];
  return [
    {
      name: `Mål ${y}`,
      columns: goalColumns,
      rows: goalRows(f.goals, courseTypeName),
      widths: [40, 24, 12, 40, 10, 10, 14, 10, 8],
    },
    {
      name: `Mål ${p}`,
      columns: goalColumns,
      rows: goalRows(f.previousYear.goals, courseTypeName),
      widths: [40, 24, 12, 40, 10, 10, 14, 10, 8],
    },
    {
      name: "Totalt",
      columns: ["Mått", String(y), String(p)],
      rows: TOTAL_TEXT.map(([k, label]) => [label, f.totals[k], f.previousYear.totals[k]]),
      widths: [40, 10, 10],
    },
    ...BREAKDOWN_TEXT.map(([k, name]) => ({
      name,
      columns: [
        "",
        `Anmälda ${y}`,
        `Deltagit ${y}`,
        `Arbetsplatser ${y}`,
        `Anmälda ${p}`,
        `Deltagit ${p}`,
        `Arbetsplatser ${p}`,
      ],
      rows: breakdownRows(f.breakdowns[k], f.previousYear.breakdowns[k]),
      widths: [40, 12, 12, 16, 12, 12, 16],
    })),
  ];
}

const STATUS_TEXT: Record<string, string> = { confirmed: "Plats", waitlisted: "Väntelista", cancelled: "Avbokad" };
const SOURCE_TEXT: Record<string, string> = { web: "Webbformulär", office: "Kansliet", "walk-in": "På plats" };
const GENDER_TEXT: Record<string, string> = {
  kvinna: "Kvinna",
  man: "Man",
  annat: "Annat",
  "vill-ej-ange": "Vill ej ange",
};

/**
 * Every registration (any status: all are public documents) of the occasions whose first day
 * falls within the period (Stockholm dates, both included), with the chosen columns left out.
 */
export async function registrationsSheet(
  db: Db,
  organiserId: number,
  from: string,
  to: string,
  omit: ExportColumn[],
): Promise<Sheet> {
  const start = stockholmToUtc(from, "00:00").getTime();
  const next = new Date(`${to}T12:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  const end = stockholmToUtc(next.toISOString().slice(0, 10), "00:00").getTime();
  const rows = await db.all<Record<string, unknown>>(sql`
    SELECT c.title AS courseTitle, o.label, o.starts_at AS startsAt,
           r.name, r.email, p.name AS party, w.name AS workplace, w.municipality, w.org_number AS orgNumber, r.role, r.gender,
           r.status, r.source, r.created_at AS createdAt, r.dietary, r.accessibility_needs AS accessibility,
           ${ATTENDED_SQL} AS attended
    FROM registrations r
    JOIN occasions o ON o.id = r.occasion_id
    JOIN courses c ON c.id = o.course_id
    LEFT JOIN parties p ON p.organiser_id = r.organiser_id AND p.code = r.party_code
    LEFT JOIN workplaces w ON w.id = r.workplace_id
    WHERE o.organiser_id = ${organiserId} AND o.starts_at >= ${start} AND o.starts_at < ${end}
    ORDER BY o.starts_at, o.id, r.id`);
  const keep = EXPORT_COLUMNS.filter(([k]) => !omit.includes(k));
  const value = (r: Record<string, unknown>, k: ExportColumn): Cell => {
    switch (k) {
      case "occasion":
        return r.label ? `${r.courseTitle} (${r.label})` : (r.courseTitle as string);
      case "date":
        return formatIsoDate(Number(r.startsAt));
      case "course":
        return r.courseTitle as string;
      case "gender":
        return r.gender ? (GENDER_TEXT[r.gender as string] ?? (r.gender as string)) : null;
      case "status":
        return STATUS_TEXT[r.status as string] ?? (r.status as string);
      case "source":
        return SOURCE_TEXT[r.source as string] ?? (r.source as string);
      case "registeredAt":
        return new Date(Number(r.createdAt));
      case "attended":
        return Number(r.attended) === 1;
      default:
        return (r[k] as Cell) ?? null;
    }
  };
  return {
    name: "Anmälningar",
    columns: keep.map(([, label]) => label),
    rows: rows.map((r) => keep.map(([k]) => value(r, k))),
  };
}
