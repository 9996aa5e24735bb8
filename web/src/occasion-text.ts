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
  if (isFull(o)) return "Fullt – du kan ställa dig på väntelistan";
  return o.spotsLeft === 1 ? "1 plats kvar" : `${o.spotsLeft} platser kvar`;
}

/** "tors 12 mars 2026 kl. 09.00" */
export function formatMoment(d: string | Date): string {
  return `${formatDay(d)} kl. ${formatTime(d)}`;
}

/** Why registration is not possible right now, or null when it is. */
export function closedReason(o: PublicOccasion): string | null {
  switch (o.registrationState) {
    case "open":
      return null;
    case "cancelled":
      return "Tillfället är inställt.";
    case "not-yet-open":
      return o.registrationOpensAt
        ? `Anmälan öppnar ${formatMoment(o.registrationOpensAt)}.`
        : "Anmälan har inte öppnat än.";
    case "closed":
      return "Anmälan är stängd.";
    case "draft":
      return "Tillfället är inte publicerat.";
  }
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
