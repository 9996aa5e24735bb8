// How the office's lists and dialogs word a person, in Swedish: who ended a place and when,
// what a move does to the place she leaves, and a staff member's role beside her name.
import type { OfficeRegistration } from "../../api.ts";
import { formatDay } from "../../occasion-text.ts";

export const ROLE_TEXT: Record<string, string> = { office: "kansliet", leader: "kursledare" };

/**
 * "(kursledare)" after a staff member's name, or nothing when the name already ends with it
 * (the demo accounts are called "Johan Demo (kursledare)").
 */
export function staffRoleNote(name: string, role: string): string | undefined {
  const text = ROLE_TEXT[role] ?? role;
  const end = name
    .trim()
    .toLocaleLowerCase("sv")
    .replace(/[)\]]+$/, "")
    .trimEnd();
  return end.endsWith(text.toLocaleLowerCase("sv")) ? undefined : `(${text})`;
}

/**
 * Who ended a registration and when: "Avbokade själv tors 3 december 2026", "Avbokad av
 * kansliet fre 4 december 2026", "Flyttad av kansliet fre 4 december 2026 till" (the
 * occasion it went to follows, as a link).
 */
export function cancelledText(r: Pick<OfficeRegistration, "cancelledBy" | "cancelledAt">): string {
  const when = r.cancelledAt ? ` ${formatDay(r.cancelledAt)}` : "";
  switch (r.cancelledBy) {
    case "moved":
      return `Flyttad av kansliet${when} till`;
    case "office":
      return `Avbokad av kansliet${when}`;
    default:
      return `Avbokade själv${when}`;
  }
}

/**
 * What the move does, after "Välj ett annat tillfälle av …": a confirmed place here goes to
 * the first on the waiting list; someone on the waiting list only leaves it (no place is freed).
 */
export function moveLeavesText(r: Pick<OfficeRegistration, "name" | "status" | "waitlistPosition">): string {
  if (r.status === "waitlisted") {
    const at = r.waitlistPosition ? ` (plats ${r.waitlistPosition})` : "";
    return `${r.name} står på väntelistan här${at} och lämnar den. Ingen plats blir ledig här; de som står efter på väntelistan flyttar upp ett steg. ${r.name} behåller sina uppgifter och får ett mejl om flytten, med en kalenderinbjudan om det finns en plats på det nya tillfället.`;
  }
  return `${r.name} behåller sina uppgifter och får ett mejl om flytten med en ny kalenderinbjudan. Platsen här går till den som står först på väntelistan.`;
}
