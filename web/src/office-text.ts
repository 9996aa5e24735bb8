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
