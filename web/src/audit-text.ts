// How the audit log reads in Swedish: what was done ("Ändrade tillfälle") and which fields
// changed, from the before/after JSON the server stored ("Platser: 4 → 6"). Dates go
// through the server's own formatting, in Europe/Stockholm.
import { formatDay, formatSpan, formatTime } from "../../server/domain/format-time.ts";
import type { AuditEntry } from "./api.ts";
import {
  GOAL_BASIS_TEXT,
  GOAL_KIND_TEXT,
  MAIL_KIND_TEXT,
  REGISTRATION_STATUS_TEXT,
  STATUS_TEXT,
} from "./office-text.ts";

export const ACTION_TEXT: Record<string, string> = {
  "occasion.create": "Skapade tillfälle",
  "occasion.update": "Ändrade tillfälle",
  "occasion.cancel": "Ställde in tillfälle",
  "occasion.message": "Skrev till deltagarna",
  "registration.create": "Anmälde för hand",
  "registration.move": "Flyttade anmälan",
  "registration.charge": "Markerade avgift",
  "course.create": "Skapade utbildning",
  "course.update": "Ändrade utbildning",
  "effort.update": "Ändrade budget och plan",
  "attendance.mark": "Markerade närvaro",
  "attendance.close-day": "Markerade övriga som frånvarande",
  "goal.create": "Lade till mål",
  "goal.update": "Ändrade mål",
  "goal.delete": "Tog bort mål",
  "goal.copy": "Kopierade årets mål",
  "workplace.merge": "Slog ihop arbetsplatser",
  "workplace.unmerge": "Ångrade sammanslagning av arbetsplatser",
  "person.merge": "Slog ihop adresser till en person",
  "person.unmerge": "Ångrade sammanslagning av adresser",
  "mail.resend": "Skickade ett mejl igen",
  "registration.update": "Ändrade anmälan",
  "registration.cancel": "Avbokade för deltagaren",
  "settings.update": "Ändrade inställningar",
  "person.erase": "Raderade en persons uppgifter",
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
  ["charge", "Avgift för"],
  ["phone", "Telefon"],
  ["website", "Webbplats"],
  ["dpoEmail", "Dataskyddsombud (e-post)"],
  ["retentionMonths", "Gallras efter (månader)"],
  ["needsRetentionDays", "Specialkost och behov raderas efter (dagar)"],
  ["lateCancelDays", "Sen avbokning (dagar före)"],
  ["role", "Roll"],
  ["gender", "Kön"],
  ["dietary", "Specialkost"],
  ["accessibilityNeeds", "Behov av anpassning"],
  ["party", "Arbetsgivare"],
  ["workplace", "Arbetsplats"],
  ["registrations", "Anmälningar"],
  ["evaluated", "Utvärdering efter kursen"],
  ["evaluationQuestions", "Egna frågor i utvärderingen"],
  ["certificateShare", "Närvaro som krävs för intyg"],
  ["dayStartsAt", "Dag"],
  ["year", "År"],
  ["budgetKr", "Budget (kr)"],
  ["outcomeKr", "Utfall (kr)"],
  ["plannedParticipants", "Planerat antal deltagare"],
];
/**
 * Where a key means something else for one kind of entry: a goal's `label` is its name, and
 * `from`/`to` are years when goals are copied, spellings or addresses when merged.
 */
const ENTITY_LABELS: Record<string, [key: string, label: string][]> = {
  goal: [
    ["label", "Mål"],
    ["year", "År"],
    ["kind", "Räknar"],
    ["basis", "Räknas på"],
    ["courseTypes", "Kurstyper"],
    ["target", "Målvärde"],
    ["from", "Från år"],
    ["to", "Till år"],
    ["goals", "Antal mål"],
  ],
  workplace: [
    ["into", "Räknas som"],
    ["from", "Sammanslagna stavningar"],
  ],
  person: [
    ["into", "Räknas som adressen"],
    ["from", "Sammanslagna adresser"],
  ],
  mail: [
    ["to", "Mottagare"],
    ["kind", "Mejl"],
    ["subject", "Rubrik"],
    ["status", "Status"],
    ["attempts", "Försök"],
    ["lastError", "Orsak"],
  ],
};
/** An outbox row's status, as the office reads it in the log of a resend. */
const MAIL_STATUS_TEXT: Record<string, string> = {
  failed: "gav upp",
  pending: "i kön",
  sending: "skickas",
  sent: "skickat",
};
const LABEL = new Map(FIELD_LABELS);
const ORDER = new Map(FIELD_LABELS.map(([k], i) => [k, i]));
const ENTITY_LABEL = new Map(Object.entries(ENTITY_LABELS).map(([entity, list]) => [entity, new Map(list)]));
const ENTITY_ORDER = new Map(
  Object.entries(ENTITY_LABELS).map(([entity, list]) => [entity, new Map(list.map(([k], i) => [k, i]))]),
);
const labelOf = (entity: string, key: string) => ENTITY_LABEL.get(entity)?.get(key) ?? LABEL.get(key) ?? key;
/** Bookkeeping, not something a person changed. */
// workplaceId: a correction logs the old workplace by id and the new one by name; the name says it.
const HIDDEN = new Set(["id", "organiserId", "createdAt", "registrationId", "dayId", "workplaceId"]);
/** Long texts: say that they changed, not the whole text twice. */
const LONG = new Set(["description", "body"]);

const ATTENDANCE_TEXT: Record<string, string> = {
  present: "närvarande",
  absent: "frånvarande",
  late: "sen",
  excused: "anmält förhinder",
};
/** The office's invoicing marks (server/domain/charges.ts). */
const CHARGE_TEXT: Record<string, string> = { "late-cancellation": "sen avbokning", "no-show": "uteblev" };
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

function goalValueText(key: string, value: unknown, names: AuditNames): string | undefined {
  switch (key) {
    case "kind":
      return GOAL_KIND_TEXT[String(value)] ?? String(value);
    case "basis":
      return GOAL_BASIS_TEXT[String(value)] ?? String(value);
    case "courseTypes":
      return Array.isArray(value) && value.length
        ? value.map((c) => names.courseType(String(c)) ?? String(c)).join(", ")
        : "alla kurstyper";
    case "target":
    case "goals":
      return typeof value === "number" ? value.toLocaleString("sv-SE") : String(value);
    case "year":
    case "from":
    case "to":
      return String(value);
  }
  return undefined;
}

function valueText(key: string, value: unknown, entity: string, names: AuditNames): string {
  if (entity === "goal") {
    const text = goalValueText(key, value, names);
    if (text !== undefined) return text;
  }
  if ((entity === "workplace" || entity === "person") && Array.isArray(value)) return value.map(String).join(", ");
  if (entity === "mail" && key === "status") return MAIL_STATUS_TEXT[String(value)] ?? String(value);
  if (entity === "mail" && key === "kind") return MAIL_KIND_TEXT[String(value)] ?? String(value);
  if (value === null || value === undefined || value === "") return EMPTY;
  if (Array.isArray(value) && value.length === 0) return key === "goals" ? "inga" : "ingen";
  switch (key) {
    case "status":
      if (entity === "registration")
        return ATTENDANCE_TEXT[String(value)] ?? REGISTRATION_STATUS_TEXT[String(value)] ?? String(value);
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
    case "charge":
      return CHARGE_TEXT[String(value)] ?? String(value);
    case "days":
      return (value as { startsAt: string; endsAt: string }[]).map((d) => formatSpan(d.startsAt, d.endsAt)).join("; ");
    case "party":
      return names.party(String(value)) ?? String(value);
    case "workplace": {
      const w = value as { name?: unknown; municipality?: unknown };
      return w.municipality ? `${String(w.name ?? "")} (${String(w.municipality)})` : String(w.name ?? "");
    }
    case "retentionMonths":
      return `${value} månader`;
    case "needsRetentionDays":
    case "lateCancelDays":
      return `${value} ${Number(value) === 1 ? "dag" : "dagar"}`;
    case "evaluationQuestions":
      return (value as { text?: unknown }[]).map((q) => `”${String(q.text ?? "")}”`).join(", ");
    case "certificateShare":
      return `${Math.round(Number(value) * 100)} % av dagarna`;
    case "budgetKr":
    case "outcomeKr":
    case "plannedParticipants":
      return Number(value).toLocaleString("sv-SE");
  }
  if (isDateKey(key) && typeof value === "string") return moment(value);
  if (typeof value === "boolean") return value ? "Ja" : "Nej";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

const shorten = (text: string, max = 160) => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const orderOf = (entity: string) => {
  const own = ENTITY_ORDER.get(entity);
  return (a: string, b: string) =>
    (own?.get(a) ?? 50 + (ORDER.get(a) ?? 99)) - (own?.get(b) ?? 50 + (ORDER.get(b) ?? 99)) || a.localeCompare(b);
};

/**
 * The readable lines of one entry: "Platser: 4 → 6" for each field that changed, or
 * "Platser: 20" for a field that is only in `after` (a creation, a message), or only in
 * `before` when nothing came after (a goal removed, a merge undone: what it was).
 */
export function changeLines(
  entry: Pick<AuditEntry, "entity" | "before" | "after">,
  names: AuditNames,
  omit: string[] = [],
): string[] {
  const before = entry.before ?? {};
  const after = entry.after ?? {};
  const removed = entry.after === null && entry.before !== null;
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .filter((k) => !HIDDEN.has(k) && !omit.includes(k))
    .sort(orderOf(entry.entity));
  const lines: string[] = [];
  const only = (key: string, value: unknown) => {
    if (value === null || value === "" || (Array.isArray(value) && value.length === 0 && entry.entity !== "goal"))
      return;
    lines.push(
      `${labelOf(entry.entity, key)}: ${LONG.has(key) ? shorten(String(value)) : valueText(key, value, entry.entity, names)}`,
    );
  };
  for (const key of keys) {
    const label = labelOf(entry.entity, key);
    const had = key in before;
    const has = key in after;
    if (had && has) {
      if (same(before[key], after[key])) continue;
      if (LONG.has(key)) lines.push(`${label} ändrad`);
      else
        lines.push(
          `${label}: ${valueText(key, before[key], entry.entity, names)} → ${valueText(key, after[key], entry.entity, names)}`,
        );
    } else if (has) {
      only(key, after[key]);
    } else if (removed) {
      only(key, before[key]);
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
