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
export function cancelDeadline(
  r: Pick<RegistrationView, "status" | "cancelUntil"> & { occasion: Pick<RegistrationView["occasion"], "startsAt"> },
): string {
  return r.status === "confirmed" && r.cancelUntil ? r.cancelUntil : r.occasion.startsAt;
}

type MailView = NonNullable<RegistrationView["mail"]>;

/** What the mail about each change is about, as the sentence "… ett mejl {about} till …" says it. */
const MAIL_ABOUT: Record<MailView["kind"], string> = {
  "registration-confirmed": "med bekräftelsen och kalenderinbjudan",
  "registration-waitlisted": "som bekräftar din plats på väntelistan",
  "registration-promoted": "om din nya plats, med kalenderinbjudan",
  "registration-cancelled": "om avbokningen",
  "waitlist-left": "om att du har lämnat väntelistan",
  "registration-moved": "om flytten",
  "registration-moved-in": "om flytten hit",
  "occasion-cancelled": "om att tillfället är inställt",
};

export interface MailNotice {
  status: MailView["status"];
  /** One sentence; a failed mail's is followed on the page by whom to contact. */
  text: string;
}

/**
 * What the page may say about the mail of her latest change, true to where the mail is: on
 * its way, sent, or not sent (the office sees it in its list of undelivered mail). null when
 * there is none to speak of (e.g. a registration from before the outbox kept its rows).
 */
export function mailNotice(r: Pick<RegistrationView, "mail" | "email">): MailNotice | null {
  if (!r.mail) return null;
  const about = MAIL_ABOUT[r.mail.kind];
  switch (r.mail.status) {
    case "queued":
      return { status: "queued", text: `Vi skickar ett mejl ${about} till ${r.email}. Det brukar ta någon minut.` };
    case "sent":
      return { status: "sent", text: `Vi har skickat ett mejl ${about} till ${r.email}.` };
    case "failed":
      return {
        status: "failed",
        text: `Mejlet ${about} kunde inte skickas till ${r.email}. Kontrollera adressen eller kontakta kansliet.`,
      };
  }
}
