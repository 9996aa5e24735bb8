// How the office screens say things: status names, fill rates, and the conversion between
// stored UTC instants and the Stockholm wall-clock values of <input type="datetime-local">.
import { formatIsoDate, formatTime } from "../../server/domain/format-time.ts";
import type { OfficeOccasion } from "./api.ts";

export const STATUS_TEXT: Record<OfficeOccasion["status"], string> = {
  draft: "Utkast",
  published: "Publicerad",
  cancelled: "Inställd",
};

export const REGISTRATION_STATUS_TEXT: Record<string, string> = {
  confirmed: "Plats",
  waitlisted: "Väntelista",
  cancelled: "Avbokad",
};

/** Which mail an outbox row is, by its kind (server/mail/templates.ts), for the list of undelivered mail. */
export const MAIL_KIND_TEXT: Record<string, string> = {
  "registration-confirmed": "Bekräftelse med kalenderinbjudan",
  "registration-waitlisted": "Plats på väntelistan",
  "registration-promoted": "Plats från väntelistan",
  "registration-cancelled": "Avbokning",
  "waitlist-left": "Lämnat väntelistan",
  "registration-link": "Länk till anmälan",
  "occasion-changed": "Ändrat tillfälle",
  "occasion-cancelled": "Inställt tillfälle",
  "registration-moved": "Flyttad härifrån",
  "registration-moved-in": "Flyttad hit",
  reminder: "Påminnelse",
  "occasion-message": "Meddelande från kansliet",
  "calendar-day": "Kalenderinbjudan för en dag",
  "sign-in-link": "Inloggningslänk",
};

/** What a goal counts (its kind), as the goal form and the dashboard name it. */
export const GOAL_KIND_TEXT: Record<string, string> = {
  workplaces: "Arbetsplatser",
  staff: "Medarbetare (personer)",
  participants: "Deltagartillfällen (person × tillfälle)",
  occasions: "Genomförda tillfällen",
};

/** What a goal counts on. */
export const GOAL_BASIS_TEXT: Record<string, string> = {
  attended: "deltagit",
  registered: "anmälda",
};

/** "60 %" (Swedish puts a space before the sign; a no-break space keeps them together). */
export function percent(rate: number): string {
  return `${Math.round(rate * 100)}\u00a0%`;
}

/** "12 av 20 (60 %)" */
export function fillText(o: Pick<OfficeOccasion, "confirmed" | "capacity" | "fillRate">): string {
  return `${o.confirmed} av ${o.capacity} (${percent(o.fillRate)})`;
}

/** "3 på väntelistan", or null when nobody waits. */
export function waitlistText(n: number): string | null {
  return n > 0 ? `${n} på väntelistan` : null;
}

/** "2026-03-12T09:00" in Stockholm, for a datetime-local input. */
export function toLocalInput(iso: string | Date | null | undefined): string {
  if (!iso) return "";
  return `${formatIsoDate(iso)}T${formatTime(iso).replace(".", ":")}`;
}

/** This year in Stockholm. */
export function currentYear(now = new Date()): number {
  return Number(formatIsoDate(now).slice(0, 4));
}

/** The same wall-clock time `days` calendar days later ("2026-03-12T09:00" + 1). */
export function addDaysLocal(local: string, days: number): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}:\d{2})$/.exec(local);
  if (!m) return "";
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + days));
  return `${d.toISOString().slice(0, 10)}T${m[4]}`;
}

// ------------------------------------------------------------ follow-up (issue 8)

/** "1 234" with a no-break space, as Swedish writes numbers. */
const numberFmt = new Intl.NumberFormat("sv-SE");
export function num(n: number): string {
  return numberFmt.format(n);
}

/** "+12", "−3" (a real minus sign), "±0": the change from last year. */
export function change(now: number, before: number): string {
  const d = now - before;
  return d > 0 ? `+${num(d)}` : d < 0 ? `\u2212${num(-d)}` : "±0";
}

/** What one counted thing of a goal is called, in the plural ("63 av 100 arbetsplatser"). */
export const GOAL_UNIT_TEXT: Record<string, string> = {
  workplaces: "arbetsplatser",
  staff: "personer",
  participants: "deltagartillfällen",
  occasions: "genomförda tillfällen",
};

const GOAL_UNIT_ONE: Record<string, string> = {
  workplaces: "arbetsplats",
  staff: "person",
  participants: "deltagartillfälle",
  occasions: "genomfört tillfälle",
};

/** "arbetsplats" for one, "arbetsplatser" for any other number. */
export function goalUnit(kind: string, n: number): string {
  return (n === 1 ? GOAL_UNIT_ONE[kind] : GOAL_UNIT_TEXT[kind]) ?? "";
}

/** "1 arbetsplats", "63 arbetsplatser" */
export function goalCount(kind: string, n: number): string {
  return `${num(n)} ${goalUnit(kind, n)}`.trim();
}

/** What a goal counts, for under its figure: "räknar arbetsplatser · deltagit · Handledarutbildning". */
export function goalCountsText(
  goal: { kind: string; basis: string; courseTypes: string[] },
  typeName: (code: string) => string,
): string {
  const what =
    goal.kind === "occasions"
      ? "genomförda tillfällen"
      : `${GOAL_UNIT_TEXT[goal.kind] ?? goal.kind} · ${GOAL_BASIS_TEXT[goal.basis] ?? goal.basis}`;
  const types = goal.courseTypes.length ? goal.courseTypes.map(typeName).join(", ") : "alla kurstyper";
  return `räknar ${what} · ${types}`;
}

/** "I fas" or "Efter plan: 12 under". */
export function paceText(goal: { value: number; expectedByToday: number; onTrack: boolean }): string {
  return goal.onTrack ? "I fas" : `Efter plan: ${num(goal.expectedByToday - goal.value)} under`;
}

/** "Prognos: 88 om alla anmälda till kommande tillfällen deltar", and how it stands to the target. */
export function forecastText(goal: { kind: string; basis: string; forecast: number; target: number }): string {
  const f = num(goal.forecast);
  const how =
    goal.kind === "occasions"
      ? `Prognos: ${f} om alla planerade tillfällen genomförs`
      : goal.basis === "attended"
        ? `Prognos: ${f} om alla anmälda till kommande tillfällen deltar`
        : `Prognos: ${f} (målet räknar anmälda, så prognosen är siffran i dag)`;
  if (goal.target <= 0) return how;
  return goal.forecast >= goal.target
    ? `${how} – når målet.`
    : `${how} – ${num(goal.target - goal.forecast)} under målet.`;
}

/** "63 av 100 arbetsplatser (63 %)" */
export function goalValueText(goal: { kind: string; value: number; target: number }): string {
  const unit = GOAL_UNIT_TEXT[goal.kind] ?? "";
  const share = goal.target > 0 ? ` (${percent(goal.value / goal.target)})` : "";
  return `${num(goal.value)} av ${num(goal.target)} ${unit}${share}`;
}

/** The first letter in upper case ("januari" → "Januari"). */
export function capitalise(s: string): string {
  return s.charAt(0).toLocaleUpperCase("sv-SE") + s.slice(1);
}

/** A year from the address (?ar=2026), or this year when missing or odd. */
export function yearParam(value: string | undefined, fallback = currentYear()): number {
  const n = Number(value);
  return value && Number.isInteger(n) && n >= 2000 && n <= 2100 ? n : fallback;
}
