// How an occasion reads to a person, in Swedish. Dates go through the server's own
// formatting (format-time.ts), so the page and the mails say exactly the same thing.
import { formatDay, formatMonth, formatSpan, formatTime, monthKey } from "../../server/domain/format-time.ts";
import type { PublicOccasion } from "./api.ts";

export { formatDay, formatMonth, formatSpan, formatTime, monthKey };

/** Full when no place is free, or when people already wait (they go first). */
export function isFull(o: Pick<PublicOccasion, "spotsLeft" | "waitlistLength">): boolean {
  return o.spotsLeft === 0 || o.waitlistLength > 0;
}

/** "3 platser kvar", "1 plats kvar", or the waiting-list offer. */
export function placesText(o: Pick<PublicOccasion, "spotsLeft" | "waitlistLength">): string {
  if (isFull(o)) return "Fullbokat – du kan ställa dig på väntelistan";
  return o.spotsLeft === 1 ? "1 plats kvar" : `${o.spotsLeft} platser kvar`;
}

/** "tors 12 mars 2026 kl. 09.00" */
export function formatMoment(d: string | Date): string {
  return `${formatDay(d)} kl. ${formatTime(d)}`;
}

/**
 * A full occasion, with how long the queue is: "Fullbokat. 3 står på väntelistan; anmäl dig så
 * får du plats 4."
 */
export function fullText(o: Pick<PublicOccasion, "waitlistLength">): string {
  const n = o.waitlistLength;
  const queue = n === 0 ? "Ingen står på väntelistan än" : `${n} står på väntelistan`;
  return `Fullbokat. ${queue}; anmäl dig så får du plats ${n + 1}.`;
}

/**
 * The short fact of a full occasion, "Fullbokat, 3 på väntelistan": the sentence with her
 * place (fullText) stands once, above the form.
 */
export function fullFact(o: Pick<PublicOccasion, "waitlistLength">): string {
  return o.waitlistLength === 0 ? "Fullbokat" : `Fullbokat, ${o.waitlistLength} på väntelistan`;
}

type ClosedInput = Pick<
  PublicOccasion,
  "registrationState" | "registrationOpensAt" | "registrationClosesAt" | "startsAt" | "endsAt"
>;

/** Why registration is not possible right now, or null when it is. */
export function closedReason(o: ClosedInput, now: Date = new Date()): string | null {
  switch (o.registrationState) {
    case "open":
      return null;
    case "cancelled":
      return "Tillfället är inställt, så det går inte att anmäla sig.";
    case "not-yet-open":
      return o.registrationOpensAt
        ? `Anmälan har inte öppnat än. Den öppnar ${formatMoment(o.registrationOpensAt)}.`
        : "Anmälan har inte öppnat än.";
    case "closed":
      if (Date.parse(o.endsAt) <= now.getTime()) return "Tillfället är över, så det går inte längre att anmäla sig.";
      if (Date.parse(o.startsAt) <= now.getTime())
        return "Tillfället har redan börjat, så det går inte längre att anmäla sig.";
      return o.registrationClosesAt
        ? `Anmälan stängde ${formatMoment(o.registrationClosesAt)}.`
        : "Sista dag att anmäla sig har passerat.";
    case "draft":
      return "Tillfället är inte publicerat.";
  }
}

/**
 * Whom to ask when registration is closed: the organiser's e-mail, when known. "Vill du ändå
 * gå" only where going is still possible (not when the occasion is over or cancelled).
 */
export function closedContact(state: PublicOccasion["registrationState"], organiser: string, over = false): string {
  if (state === "cancelled") return `Frågor om det inställda tillfället? Kontakta ${organiser}:`;
  if (over) return `Frågor om tillfället? Kontakta ${organiser}:`;
  return `Vill du ändå gå, eller har du frågor? Kontakta ${organiser}:`;
}

/** Occasions grouped by calendar month in Stockholm, in the order given (soonest first). */
export function groupByMonth<T extends Pick<PublicOccasion, "startsAt">>(
  list: T[],
): { key: string; label: string; occasions: T[] }[] {
  const groups: { key: string; label: string; occasions: T[] }[] = [];
  for (const o of list) {
    const key = monthKey(o.startsAt);
    let g = groups[groups.length - 1];
    if (!g || g.key !== key) {
      g = { key, label: formatMonth(o.startsAt), occasions: [] };
      groups.push(g);
    }
    g.occasions.push(o);
  }
  return groups;
}
