// Which one state the personal page (/anmalan/:token) is in, from the registration and the
// time. Pure: the page and its tests call it with the same view and any clock. One state at a
// time, so the page never says "Du har fått en plats" above "Tillfället är inställt".
//
// The times follow the server's own rules: cancelling is possible while the first day has not
// begun (startsAt > now), the certificate once the last day is over (endsAt <= now).
import type { RegistrationView } from "./api.ts";

export type RegistrationState =
  /** Confirmed, the first day has not begun. */
  | "coming"
  /** Confirmed, the first day has begun and the last is not over. */
  | "running"
  /** On the waiting list, the last day not over. */
  | "waiting"
  /** She cancelled her registration (or left the waiting list) and the occasion still stands. */
  | "cancelled-by-her"
  /** The office moved her to another occasion; her new registration has its own link. */
  | "moved"
  /** The office cancelled the occasion, whatever her registration's status. */
  | "occasion-cancelled"
  /** The last day is over, for a confirmed or a waitlisted person. */
  | "over";

type StateInput = Pick<RegistrationView, "status"> & {
  movedOut?: boolean;
  occasion: Pick<RegistrationView["occasion"], "cancelled" | "startsAt" | "endsAt">;
};

export function registrationState(r: StateInput, now: Date): RegistrationState {
  if (r.occasion.cancelled) return "occasion-cancelled";
  if (r.status === "cancelled") return r.movedOut ? "moved" : "cancelled-by-her";
  const t = now.getTime();
  if (Date.parse(r.occasion.endsAt) <= t) return "over";
  if (r.status === "waitlisted") return "waiting";
  return Date.parse(r.occasion.startsAt) <= t ? "running" : "coming";
}

export interface DayNow {
  /** 1-based number of the day among the occasion's days. */
  number: number;
  day: { startsAt: string; endsAt: string };
  /** true: the day is going on now; false: it is the next one to come. */
  inProgress: boolean;
}

/**
 * While an occasion runs: the day going on now, or else the next day to come (between the
 * days of a course held over several weeks). null when no day is left.
 */
export function dayNow(days: readonly { startsAt: string; endsAt: string }[], now: Date): DayNow | null {
  const t = now.getTime();
  const sorted = [...days].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  for (let i = 0; i < sorted.length; i++) {
    const d = sorted[i]!;
    if (Date.parse(d.endsAt) <= t) continue;
    return { number: i + 1, day: d, inProgress: Date.parse(d.startsAt) <= t };
  }
  return null;
}

/**
 * The moment until which she may cancel by herself: the occasion's cancelUntil for a place,
 * else the start of the first day (the waiting list may always be left until then).
 */
export function cancelDeadline(r: Pick<RegistrationView, "status" | "cancelUntil"> & { occasion: Pick<RegistrationView["occasion"], "startsAt"> }): string {
  return r.status === "confirmed" && r.cancelUntil ? r.cancelUntil : r.occasion.startsAt;
}
