// How attendance reads in Swedish, on the leader's list, the signing list and the
// participant's own check-in.
import type { AttendanceMark } from "./api.ts";
import { formatIsoDate } from "../../server/domain/format-time.ts";

export const MARKS: AttendanceMark[] = ["present", "late", "excused", "absent"];

/** The status as shown in a person's row ("Närvarande") … */
export const MARK_TEXT: Record<AttendanceMark, string> = {
  present: "Närvarande",
  late: "Sen",
  excused: "Giltig frånvaro",
  absent: "Frånvarande",
};

/** … and after a name in a button's accessible name ("Karin Lind: närvarande"). */
export const markWord = (m: AttendanceMark) => MARK_TEXT[m].toLocaleLowerCase("sv");

export const UNMARKED_TEXT = "Ej markerad";

/** "1 person", "3 personer", for counts that read as sentences. */
export const people = (n: number) => `${n} ${n === 1 ? "person" : "personer"}`;

/** Whether a day (or any day of a list) falls on today's date in Stockholm. */
export function isToday(d: { startsAt: string }, now = new Date()): boolean {
  return formatIsoDate(d.startsAt) === formatIsoDate(now);
}

/**
 * The day to show first: today's, else the next one to come, else the last. `days` are in
 * time order.
 */
export function defaultDay<D extends { startsAt: string; endsAt: string }>(days: D[], now = new Date()): D | undefined {
  return days.find((d) => isToday(d, now)) ?? days.find((d) => new Date(d.endsAt) > now) ?? days[days.length - 1];
}

/** "Karin" from "Karin Lind", for a greeting. */
export const firstName = (name: string) => name.trim().split(/\s+/)[0] ?? name;
