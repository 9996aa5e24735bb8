// How the audit log reads in Swedish: what was done ("Ändrade tillfälle") and which fields
// changed, from the before/after JSON the server stored ("Platser: 4 → 6"). Dates go
// through the server's own formatting, in Europe/Stockholm.
import { formatDay, formatSpan, formatTime } from "../../server/domain/format-time.ts";
import type { AuditEntry } from "./api.ts";
import { GOAL_KIND_TEXT, REGISTRATION_STATUS_TEXT, STATUS_TEXT } from "./office-text.ts";

export const ACTION_TEXT: Record<string, string> = {
  "occasion.create": "Skapade tillfälle",
  "occasion.update": "Ändrade tillfälle",
  "occasion.cancel": "Ställde in tillfälle",
  "occasion.message": "Skrev till deltagarna",
  "registration.create": "Anmälde för hand",
  "registration.move": "Flyttade anmälan",
  "course.create": "Skapade utbildning",
  "course.update": "Ändrade utbildning",
  "attendance.mark": "Markerade närvaro",
  "attendance.close-day": "Markerade övriga som frånvarande",
};

export const actionText = (action: string) => ACTION_TEXT[action] ?? `Ändring (${action})`;

/** The fields a person recognises, in the order they are shown. */
const FIELD_LABELS: [key: string, label: string][] = [
  ["title", "Namn"],
  ["name", "Namn"],
  ["email", "E-post"],
  ["courseType", "Kurstyp"],
  ["description", "Beskrivning"],
  ["responsiblePartyCode", "Ansvarig part"],
  ["asksDietary", "Frågar om specialkost"],
  ["reminderDaysBefore", "Påminnelse dagar före"],
  ["goals", "Räknas mot årets mål"],
  ["defaultLeaderIds", "Förvalda kursledare"],
  ["label", "Tillägg till namnet"],
  ["days", "Dagar"],
  ["online", "Form"],
  ["venue", "Lokal"],
  ["address", "Adress"],
  ["meetingUrl", "Länk till mötet"],
  ["capacity", "Platser"],
  ["registrationOpensAt", "Anmälan öppnar"],
  ["registrationClosesAt", "Sista tid att anmäla sig"],
  ["cancelUntil", "Sista dag att avboka"],
  ["leaderIds", "Kursledare"],
  ["status", "Status"],
  ["occasionId", "Tillfälle"],
  ["subject", "Rubrik"],
  ["body", "Meddelande"],
  ["message", "Meddelande"],
  ["includeWaitlisted", "Även väntelistan"],
  ["recipients", "Mottagare"],
  ["dayId", "Dag"],
  ["via", "Markerad av"],
  ["markedAbsent", "Markerade som frånvarande"],
];
const LABEL = new Map(FIELD_LABELS);
const ORDER = new Map(FIELD_LABELS.map(([k], i) => [k, i]));
/** Bookkeeping, not something a person changed. */
const HIDDEN = new Set(["id", "organiserId", "createdAt", "registrationId", "dayId"]);
/** Long texts: say that they changed, not the whole text twice. */
const LONG = new Set(["description", "body"]);

const ATTENDANCE_TEXT: Record<string, string> = {
  present: "närvarande",
  absent: "frånvarande",
  late: "sen",
  excused: "anmält förhinder",
};
const VIA_TEXT: Record<string, string> = {
  office: "kansliet",
  leader: "kursledaren",
  "walk-in": "på plats",
  qr: "deltagaren själv (QR-kod)",
};

/** Names the log needs that are not in the entry itself. */
export interface AuditNames {
  staff: (id: number) => string | undefined;
  occasion: (id: number) => string | undefined;
  courseType: (code: string) => string | undefined;
  party: (code: string) => string | undefined;
}

const EMPTY = "(tomt)";

/** "tors 12 mars 2026 kl. 09.00" */
export const moment = (iso: string) => `${formatDay(iso)} kl. ${formatTime(iso)}`;

function isDateKey(key: string) {
  return key.endsWith("At") || key === "cancelUntil";
}

function valueText(key: string, value: unknown, entity: string, names: AuditNames): string {
  if (value === null || value === undefined || value === "") return EMPTY;
  if (Array.isArray(value) && value.length === 0) return key === "goals" ? "inga" : "ingen";
  switch (key) {
    case "status":
      if (entity === "registration") return ATTENDANCE_TEXT[String(value)] ?? REGISTRATION_STATUS_TEXT[String(value)] ?? String(value);
      return STATUS_TEXT[value as keyof typeof STATUS_TEXT] ?? String(value);
    case "online":
      return value ? "Digitalt" : "På plats";
    case "asksDietary":
    case "includeWaitlisted":
      return value ? "Ja" : "Nej";
    case "reminderDaysBefore":
      return Number(value) === 0 ? "ingen påminnelse" : `${value} ${Number(value) === 1 ? "dag" : "dagar"}`;
    case "goals":
      return (value as string[]).map((g) => GOAL_KIND_TEXT[g] ?? g).join(", ");
    case "leaderIds":
    case "defaultLeaderIds":
      return (value as number[]).map((id) => names.staff(id) ?? `användare ${id}`).join(", ");
    case "courseType":
      return names.courseType(String(value)) ?? String(value);
    case "responsiblePartyCode":
      return names.party(String(value)) ?? String(value);
    case "occasionId":
      return names.occasion(Number(value)) ?? `tillfälle ${value}`;
    case "recipients":
      return Number(value) === 1 ? "1 person" : `${value} personer`;
    case "via":
      return VIA_TEXT[String(value)] ?? String(value);
    case "days":
      return (value as { startsAt: string; endsAt: string }[]).map((d) => formatSpan(d.startsAt, d.endsAt)).join("; ");
  }
  if (isDateKey(key) && typeof value === "string") return moment(value);
  if (typeof value === "boolean") return value ? "Ja" : "Nej";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

const shorten = (text: string, max = 160) => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const byOrder = (a: string, b: string) => (ORDER.get(a) ?? 99) - (ORDER.get(b) ?? 99) || a.localeCompare(b);

/**
 * The readable lines of one entry: "Platser: 4 → 6" for each field that changed, or
 * "Platser: 20" for a field that is only in `after` (a creation, a message).
 */
export function changeLines(entry: Pick<AuditEntry, "entity" | "before" | "after">, names: AuditNames, omit: string[] = []): string[] {
  const before = entry.before ?? {};
  const after = entry.after ?? {};
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => !HIDDEN.has(k) && !omit.includes(k)).sort(byOrder);
  const lines: string[] = [];
  for (const key of keys) {
    const label = LABEL.get(key) ?? key;
    const had = key in before;
    const has = key in after;
    if (had && has) {
      if (same(before[key], after[key])) continue;
      if (LONG.has(key)) lines.push(`${label} ändrad`);
      else lines.push(`${label}: ${valueText(key, before[key], entry.entity, names)} → ${valueText(key, after[key], entry.entity, names)}`);
    } else if (has) {
      if (after[key] === null || after[key] === "" || (Array.isArray(after[key]) && (after[key] as unknown[]).length === 0)) continue;
      lines.push(`${label}: ${LONG.has(key) ? shorten(String(after[key])) : valueText(key, after[key], entry.entity, names)}`);
    }
  }
  return lines;
}

/** The occasion an entry is about, when it says: the entity itself, or the one registered for or moved to. */
export function occasionOf(entry: Pick<AuditEntry, "entity" | "entityId" | "after">): number | null {
  if (entry.entity === "occasion") return entry.entityId;
  const id = entry.after?.occasionId;
  return typeof id === "number" ? id : null;
}
