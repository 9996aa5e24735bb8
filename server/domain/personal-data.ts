// Personal data from registration to erasure (issue 11): what a person or the office may see,
// correct and erase, and the retention that runs by itself. One rule each, used by the
// person's link, the office's screens and the timer alike:
// - needs (dietary, accessibility) are erased `needsRetentionDays` after the occasion's end;
// - a person whose last occasion ended more than `retentionMonths` ago is anonymised;
// - an erasure on request is the same anonymisation, at once.
// Anonymising keeps party, workplace, gender, status, marks and occasion, and gives each of
// her addresses a pseudonym of its own (rewritten in the person merges too), so every figure
// of the follow-up (distinct people, workplaces, participations) is the same before and after.
import { and, asc, desc, eq, inArray, isNull, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import {
  auditLog,
  occasions,
  organisers,
  outbox,
  personMerges,
  type Registration,
  registrations,
  retentionLog,
  users,
} from "../../db/schema.ts";
import { auditStatement } from "./audit.ts";
import { AppError, notFound } from "./errors.ts";
import { unknownPartyError } from "./parties.ts";
import { loadPersonIdentity } from "./people.ts";
import { cancelStatements, emailKey, registrationView } from "./registration.ts";
import { upsertWorkplaceStatement, type WorkplaceInput, workplaceIdSql } from "./workplaces.ts";
import type { StaffUser } from "./staff.ts";

/** What an anonymised registration is called wherever a name is shown. */
export const ANONYMISED_NAME = "Anonymiserad";
const PSEUDONYM_DOMAIN = "anonymiserad.invalid";
const DAY_MS = 86_400_000;
/** People anonymised per batch: keeps one batch (and the lock it holds) short. */
const PEOPLE_PER_BATCH = 100;

/**
 * Every text column of every table, sorted by what anonymisation does with it. A test walks
 * the schema and fails on a text column missing here, so a table added later cannot keep a
 * name or an address by accident.
 */
export const TEXT_COLUMNS: Record<string, { personal: string[]; notPersonal: string[] }> = {
  organisers: { personal: [], notPersonal: ["slug", "name", "email", "phone", "website", "dpo_email"] },
  parties: { personal: [], notPersonal: ["code", "name", "kind", "municipality"] },
  courses: {
    personal: [],
    notPersonal: [
      "title",
      "description",
      "course_type",
      "responsible_party_code",
      "default_leader_ids",
      "evaluation_questions",
    ],
  },
  occasions: { personal: [], notPersonal: ["label", "venue", "address", "meeting_url", "status"] },
  occasion_days: { personal: [], notPersonal: ["uid", "checkin_secret"] },
  workplaces: { personal: [], notPersonal: ["name", "municipality", "org_number", "match_key"] },
  registrations: {
    personal: ["name", "email", "email_key", "role", "dietary", "accessibility_needs", "manage_token"],
    notPersonal: ["party_code", "gender", "status", "cancelled_from", "source", "change_id", "last_change", "charge"],
  },
  outbox: {
    personal: ["to_address", "payload", "last_error"],
    notPersonal: ["kind", "status", "claimed_by", "subject"],
  },
  // Staff, not registrants: their own accounts, ended by the office (not by this retention).
  users: { personal: [], notPersonal: ["email", "email_key", "name", "role"] },
  auth_tokens: { personal: [], notPersonal: ["kind", "token_hash", "csrf_token", "label"] },
  audit_log: { personal: ["before", "after"], notPersonal: ["action", "entity"] },
  attendance: { personal: [], notPersonal: ["status", "via"] },
  course_types: { personal: [], notPersonal: ["code", "name"] },
  goals: { personal: [], notPersonal: ["label", "kind", "basis", "course_types"] },
  workplace_merges: { personal: [], notPersonal: ["from_ids"] },
  person_merges: { personal: ["into_key", "from_keys"], notPersonal: [] },
  retention_log: { personal: [], notPersonal: ["rule", "what"] },
  evaluations: { personal: [], notPersonal: ["questions"] },
  // The link's secret names her registration: replaced, so the link dies with her data.
  evaluation_invites: { personal: ["token"], notPersonal: [] },
  // Anonymous by construction (issue 12): no column leads to a person.
  evaluation_answers: { personal: [], notPersonal: ["recommend", "good", "better", "extra"] },
  // Keys are a rule name and a SHA-256 of the address; the rows expire within hours.
  rate_limits: { personal: [], notPersonal: ["key"] },
};

export type RetentionRule = "needs" | "people" | "erasure";

// ------------------------------------------------------------------------------- anonymising

function pseudonym(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(9));
  return `anonym-${[...bytes].map((b) => b.toString(16).padStart(2, "0")).join("")}@${PSEUDONYM_DOMAIN}`;
}

function secretToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return `gallrad-${[...bytes].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
}

export function isPseudonym(emailKey: string): boolean {
  return emailKey.endsWith(`@${PSEUDONYM_DOMAIN}`);
}

/** Keys in a registration's audit JSON that hold her data, and what they become. */
const PERSONAL_KEYS: Record<string, (pseudo: string) => unknown> = {
  name: () => ANONYMISED_NAME,
  email: (p) => p,
  to: (p) => p,
  role: () => null,
  dietary: () => null,
  accessibilityNeeds: () => null,
  lastError: () => null,
};

/**
 * Rewrites one audit JSON text: in rows about her registrations, every personal key; in any
 * row, every string holding one of her addresses (a merge's keys, a resent mail's address).
 */
function scrubJson(text: string | null, addresses: Map<string, string>, aboutHer: string | null): string | null {
  if (text === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const replaceAddresses = (s: string) => {
    let out = s;
    for (const [address, pseudo] of addresses) {
      const at = out.toLowerCase().indexOf(address);
      if (at >= 0) out = out.slice(0, at) + pseudo + out.slice(at + address.length);
    }
    return out;
  };
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") return replaceAddresses(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === "object") {
      return Object.fromEntries(
        Object.entries(v).map(([k, x]) => [
          k,
          aboutHer !== null && k in PERSONAL_KEYS ? PERSONAL_KEYS[k]!(aboutHer) : walk(x),
        ]),
      );
    }
    return v;
  };
  return JSON.stringify(walk(value));
}

/** The addresses that count as one person with any of `keys` (person merges, both ways). */
async function personGroups(db: Db, organiserId: number, keys: string[]) {
  const identity = await loadPersonIdentity(db, organiserId);
  const wanted = new Set(keys.map((k) => identity.personOf(k)));
  const group = new Set(keys);
  for (const [from] of identity.mergedAway) if (wanted.has(identity.personOf(from))) group.add(from);
  for (const w of wanted) group.add(w);
  return [...group];
}

interface Anonymisation {
  statements: SQL[];
  registrations: number;
  people: number;
  addresses: string[];
}

/**
 * The statements that anonymise every registration of these addresses at the organiser, in
 * every table where the person stands, with one pseudonym per address. Nothing is written
 * here: the caller puts the statements in one batch with its log rows.
 */
async function anonymisation(db: Db, organiserId: number, keys: string[], now: Date): Promise<Anonymisation> {
  const t = now.getTime();
  const regs = keys.length
    ? await db
        .select({ id: registrations.id, emailKey: registrations.emailKey, email: registrations.email })
        .from(registrations)
        .where(and(eq(registrations.organiserId, organiserId), inArray(registrations.emailKey, keys)))
    : [];
  const pseudo = new Map(keys.map((k) => [k, pseudonym()]));
  const addresses = new Map<string, string>();
  for (const r of regs) {
    addresses.set(r.emailKey, pseudo.get(r.emailKey)!);
    addresses.set(r.email.trim().toLowerCase(), pseudo.get(r.emailKey)!);
  }
  for (const k of keys) addresses.set(k, pseudo.get(k)!);
  const regIds = regs.map((r) => r.id);
  const statements: SQL[] = [];
  for (const [key, p] of pseudo) {
    statements.push(sql`UPDATE registrations
      SET name = ${ANONYMISED_NAME}, email = ${p}, email_key = ${p}, role = NULL, dietary = NULL,
          accessibility_needs = NULL, manage_token = ${secretToken()} || '-' || id, anonymised_at = ${t}
      WHERE organiser_id = ${organiserId} AND email_key = ${key}`);
  }
  if (regIds.length) {
    const ids = sql.join(
      regIds.map((id) => sql`${id}`),
      sql`, `,
    );
    statements.push(
      sql`UPDATE evaluation_invites SET token = ${secretToken()} || '-' || id WHERE registration_id IN (${ids})`,
    );
    // Her mails: the address goes; a mail still waiting is not sent to nobody.
    for (const r of regs) {
      statements.push(sql`UPDATE outbox SET to_address = ${pseudo.get(r.emailKey)!}, payload = NULL, last_error = NULL,
          status = CASE WHEN status IN ('pending', 'sending', 'failed') THEN 'dropped' ELSE status END
        WHERE registration_id = ${r.id}`);
    }
    // The audit rows about her registrations and her mails, and any row naming her address.
    const outboxIds = await db
      .select({ id: outbox.id, registrationId: outbox.registrationId })
      .from(outbox)
      .where(inArray(outbox.registrationId, regIds));
    const mailIds = new Set(outboxIds.map((o) => o.id));
    // Which of her pseudonyms a row about one of her registrations or mails gets.
    const pseudoOfReg = new Map(regs.map((r) => [r.id, pseudo.get(r.emailKey)!]));
    const pseudoOfMail = new Map(outboxIds.map((o) => [o.id, pseudoOfReg.get(o.registrationId!)!]));
    const likes = [...addresses.keys()].map(
      (a) => sql`lower(coalesce(before, '') || coalesce(after, '')) LIKE ${`%${a}%`}`,
    );
    const rows = await db
      .select({
        id: auditLog.id,
        entity: auditLog.entity,
        entityId: auditLog.entityId,
        before: auditLog.before,
        after: auditLog.after,
      })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.organiserId, organiserId),
          sql`((entity = 'registration' AND entity_id IN (${ids}))
               ${
                 mailIds.size
                   ? sql`OR (entity = 'mail' AND entity_id IN (${sql.join(
                       [...mailIds].map((i) => sql`${i}`),
                       sql`, `,
                     )}))`
                   : sql``
               }
               OR ${sql.join(likes, sql` OR `)})`,
        ),
      );
    for (const row of rows) {
      const key =
        (row.entity === "registration" ? pseudoOfReg.get(row.entityId ?? -1) : undefined) ??
        (row.entity === "mail" ? pseudoOfMail.get(row.entityId ?? -1) : undefined) ??
        null;
      statements.push(
        sql`UPDATE audit_log SET before = ${scrubJson(row.before, addresses, key)}, after = ${scrubJson(row.after, addresses, key)}
            WHERE id = ${row.id}`,
      );
    }
  }
  // The office's merges of her addresses name them: the pseudonyms take their place, so the
  // merged addresses still count as one person.
  const merges = await db.select().from(personMerges).where(eq(personMerges.organiserId, organiserId));
  for (const m of merges) {
    if (!pseudo.has(m.intoKey) && !m.fromKeys.some((k) => pseudo.has(k))) continue;
    statements.push(sql`UPDATE person_merges SET into_key = ${pseudo.get(m.intoKey) ?? m.intoKey},
        from_keys = ${JSON.stringify(m.fromKeys.map((k) => pseudo.get(k) ?? k))} WHERE id = ${m.id}`);
  }
  return { statements, registrations: regIds.length, people: keys.length, addresses: [...addresses.keys()] };
}

function logStatement(
  organiserId: number,
  rule: RetentionRule,
  what: "needs" | "person",
  rows: number,
  userId: number | null,
  now: Date,
) {
  return sql`INSERT INTO retention_log (organiser_id, rule, what, rows, user_id, at)
    VALUES (${organiserId}, ${rule}, ${what}, ${rows}, ${userId}, ${now.getTime()})`;
}

// ---------------------------------------------------------------------------- retention runs

/**
 * Erases the dietary and accessibility needs of every occasion that ended more than its
 * organiser's `needsRetentionDays` ago. One batch: the log rows (counted by the same
 * condition) and the update, so a crash cannot erase without logging or log without erasing.
 */
export async function eraseNeedsDue(db: Db, now: Date): Promise<number> {
  const t = now.getTime();
  const due = sql`(r.dietary IS NOT NULL OR r.accessibility_needs IS NOT NULL)
    AND r.occasion_id IN (SELECT o.id FROM occasions o JOIN organisers g ON g.id = o.organiser_id
                          WHERE o.ends_at + g.needs_retention_days * ${DAY_MS} <= ${t})`;
  const [, erased] = await db.batchSql([
    sql`INSERT INTO retention_log (organiser_id, rule, what, rows, user_id, at)
        SELECT r.organiser_id, 'needs', 'needs', count(*), NULL, ${t} FROM registrations r WHERE ${due} GROUP BY r.organiser_id`,
    sql`UPDATE registrations SET dietary = NULL, accessibility_needs = NULL
        WHERE id IN (SELECT r.id FROM registrations r WHERE ${due}) RETURNING id`,
  ]);
  return erased?.length ?? 0;
}

/** `months` calendar months before `now` (the 31st becomes the month's last day). */
export function monthsBefore(now: Date, months: number): Date {
  const d = new Date(now);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d;
}

/**
 * Anonymises everyone whose last occasion with an organiser (over all her merged addresses)
 * ended before the organiser's retention period. Returns the people anonymised and their
 * former addresses (for the development mailbox).
 */
export async function anonymiseDue(db: Db, now: Date): Promise<{ people: number; addresses: string[] }> {
  const orgs = await db.select({ id: organisers.id, months: organisers.retentionMonths }).from(organisers);
  let people = 0;
  const addresses: string[] = [];
  for (const org of orgs) {
    const cutoff = monthsBefore(now, org.months).getTime();
    const last = await db.all<{ emailKey: string; lastEnd: number }>(sql`
      SELECT r.email_key AS emailKey, max(o.ends_at) AS lastEnd
      FROM registrations r JOIN occasions o ON o.id = r.occasion_id
      WHERE r.organiser_id = ${org.id} AND r.anonymised_at IS NULL
      GROUP BY r.email_key`);
    if (!last.length) continue;
    // A person is her merged addresses together: due only when the last of them is.
    const identity = await loadPersonIdentity(db, org.id);
    const lastOfPerson = new Map<string, number>();
    for (const r of last) {
      const p = identity.personOf(r.emailKey);
      lastOfPerson.set(p, Math.max(lastOfPerson.get(p) ?? 0, Number(r.lastEnd)));
    }
    const due = last.filter((r) => lastOfPerson.get(identity.personOf(r.emailKey))! < cutoff).map((r) => r.emailKey);
    for (let i = 0; i < due.length; i += PEOPLE_PER_BATCH) {
      const keys = due.slice(i, i + PEOPLE_PER_BATCH);
      const a = await anonymisation(db, org.id, keys, now);
      const persons = new Set(keys.map((k) => identity.personOf(k))).size;
      await db.batchSql([...a.statements, logStatement(org.id, "people", "person", persons, null, now)]);
      people += persons;
      addresses.push(...a.addresses);
    }
  }
  return { people, addresses };
}

/** Both rules, as the Node timer and the Worker's cron run them. */
export async function runRetention(db: Db, now: Date) {
  const needs = await eraseNeedsDue(db, now);
  const people = await anonymiseDue(db, now);
  return { needs, people: people.people, addresses: people.addresses };
}

// ---------------------------------------------------------------------- erasure on request

/**
 * Anonymises a person (all her addresses that the office counts as one) at once. Refused
 * while she holds a place or a spot in line on an occasion that has not ended: that is a
 * cancellation first, with its mail and the waiting list.
 */
export async function erasePerson(
  db: Db,
  now: Date,
  organiserId: number,
  email: string,
  staff: StaffUser | null,
): Promise<{ registrations: number; addresses: string[] }> {
  const key = email.trim().toLowerCase();
  const keys = await personGroups(db, organiserId, [key]);
  const regs = await db
    .select({
      id: registrations.id,
      status: registrations.status,
      endsAt: occasions.endsAt,
      anonymisedAt: registrations.anonymisedAt,
    })
    .from(registrations)
    .innerJoin(occasions, eq(occasions.id, registrations.occasionId))
    .where(and(eq(registrations.organiserId, organiserId), inArray(registrations.emailKey, keys)));
  if (!regs.length) throw notFound("Personen", "person_not_found");
  if (regs.some((r) => r.status !== "cancelled" && r.endsAt > now)) {
    throw new AppError(
      409,
      "upcoming_registration",
      staff
        ? "Personen har en kommande anmälan. Avboka den först, så får hon ett mejl och väntelistan flyttas fram."
        : "Du har en kommande anmälan med samma adress. Avboka den först, sedan kan du be om att få dina uppgifter raderade.",
    );
  }
  const a = await anonymisation(db, organiserId, keys, now);
  await db.batchSql([
    ...a.statements,
    logStatement(organiserId, "erasure", "person", 1, staff?.id ?? null, now),
    // Who erased and when, not whom: the log row names no one.
    ...(staff
      ? [auditStatement(staff, now, "person.erase", "person", null, null, { registrations: a.registrations })]
      : []),
  ]);
  return { registrations: a.registrations, addresses: a.addresses };
}

/** The person's own request, from her personal link: only once that occasion is over. */
export async function eraseByToken(db: Db, now: Date, token: string) {
  const [r] = await db
    .select({
      organiserId: registrations.organiserId,
      email: registrations.emailKey,
      status: registrations.status,
      endsAt: occasions.endsAt,
    })
    .from(registrations)
    .innerJoin(occasions, eq(occasions.id, registrations.occasionId))
    .where(and(eq(registrations.manageToken, token), isNull(registrations.anonymisedAt)));
  if (!r) throw notFound("Anmälan", "registration_not_found");
  if (r.status !== "cancelled" && r.endsAt > now) {
    throw new AppError(
      409,
      "occasion_not_over",
      "Du kan be om att få dina uppgifter raderade när tillfället är slut. Vill du inte gå kan du avboka.",
    );
  }
  return erasePerson(db, now, r.organiserId, r.email, null);
}

// ---------------------------------------------------------------------------- the retention log

export async function listRetentionLog(db: Db, organiserId: number) {
  const rows = await db
    .select({ entry: retentionLog, userName: users.name })
    .from(retentionLog)
    .leftJoin(users, eq(users.id, retentionLog.userId))
    .where(eq(retentionLog.organiserId, organiserId))
    .orderBy(desc(retentionLog.at), desc(retentionLog.id))
    .limit(500);
  return rows.map(({ entry, userName }) => ({
    id: entry.id,
    rule: entry.rule as RetentionRule,
    what: entry.what as "needs" | "person",
    rows: entry.rows,
    at: entry.at.toISOString(),
    userName,
  }));
}

/** Her mails, as her page and her data export list them (no body: that is rendered at sending). */
export async function mailsOf(db: Db, registrationId: number) {
  const rows = await db
    .select({
      kind: outbox.kind,
      subject: outbox.subject,
      status: outbox.status,
      createdAt: outbox.createdAt,
      sentAt: outbox.sentAt,
    })
    .from(outbox)
    .where(eq(outbox.registrationId, registrationId))
    .orderBy(asc(outbox.id));
  return rows.map((m) => ({
    kind: m.kind,
    subject: m.subject,
    status: m.status === "sent" ? "sent" : m.status === "failed" || m.status === "dropped" ? "failed" : "queued",
    createdAt: m.createdAt.toISOString(),
    sentAt: m.sentAt?.toISOString() ?? null,
  }));
}

// ------------------------------------------------------------------------------- correction

export interface Correction {
  name?: string;
  /** The office only: a mistyped address (one active registration per address and occasion). */
  email?: string;
  /** The office only. */
  party?: string;
  workplace?: WorkplaceInput;
  role?: string | null;
  gender?: string | null;
  dietary?: string | null;
  accessibilityNeeds?: string | null;
}

/** Sensitive fields are logged as changed, never with their content. */
const SENSITIVE = new Set(["dietary", "accessibilityNeeds"]);

/**
 * Corrects a registration's details, for the person (her link) and the office alike: one
 * batch with the workplace it now names and, for the office, its audit row. Invitations are
 * rendered when sent, so a changed name is in the next mail and the next invitation.
 */
export async function correctRegistration(
  db: Db,
  now: Date,
  current: Registration,
  changes: Correction,
  staff: StaffUser | null,
): Promise<Registration> {
  if (current.anonymisedAt) {
    throw new AppError(409, "registration_anonymised", "Uppgifterna är raderade och kan inte ändras.");
  }
  if (changes.party !== undefined && changes.party !== current.partyCode) {
    const refused = await unknownPartyError(db, current.organiserId, changes.party);
    if (refused) throw refused;
  }
  const sets: SQL[] = [];
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  const change = (field: keyof Correction, column: string, from: unknown, to: unknown) => {
    if (to === undefined || to === from) return;
    sets.push(sql`${sql.raw(column)} = ${to as string | null}`);
    before[field] = SENSITIVE.has(field) ? (from === null ? null : "ifylld") : from;
    after[field] = SENSITIVE.has(field) ? (to === null ? null : "ifylld") : to;
  };
  change("name", "name", current.name, changes.name);
  change("role", "role", current.role, changes.role);
  change("gender", "gender", current.gender, changes.gender);
  change("dietary", "dietary", current.dietary, changes.dietary);
  change("accessibilityNeeds", "accessibility_needs", current.accessibilityNeeds, changes.accessibilityNeeds);
  change("party", "party_code", current.partyCode, changes.party);
  const statements: SQL[] = [];
  if (changes.email !== undefined && emailKey(changes.email) !== current.emailKey) {
    const key = emailKey(changes.email);
    const [taken] = await db
      .select({ id: registrations.id })
      .from(registrations)
      .where(
        and(
          eq(registrations.occasionId, current.occasionId),
          eq(registrations.emailKey, key),
          sql`${registrations.status} <> 'cancelled'`,
        ),
      );
    if (taken && current.status !== "cancelled") {
      throw new AppError(409, "already_registered", "Den adressen är redan anmäld till tillfället.");
    }
    sets.push(sql`email = ${changes.email.trim()}, email_key = ${key}`);
    before.email = current.email;
    after.email = changes.email.trim();
  } else if (changes.email !== undefined && changes.email.trim() !== current.email) {
    change("email", "email", current.email, changes.email.trim());
  }
  if (changes.workplace) {
    statements.push(upsertWorkplaceStatement(current.organiserId, changes.workplace, now));
    sets.push(sql`workplace_id = ${workplaceIdSql(current.organiserId, changes.workplace)}`);
    before.workplaceId = current.workplaceId;
    after.workplace = changes.workplace;
  }
  if (!sets.length) return current;
  statements.push(
    sql`UPDATE registrations SET ${sql.join(sets, sql`, `)} WHERE id = ${current.id} AND anonymised_at IS NULL`,
  );
  if (staff)
    statements.push(auditStatement(staff, now, "registration.update", "registration", current.id, before, after));
  try {
    await db.batchSql(statements);
  } catch (err) {
    // The address was taken between the check and the write (the unique index held).
    if (/UNIQUE/i.test(String((err as Error)?.message ?? err))) {
      throw new AppError(409, "already_registered", "Den adressen är redan anmäld till tillfället.");
    }
    throw err;
  }
  const [row] = await db.select().from(registrations).where(eq(registrations.id, current.id));
  return row!;
}

/** The office's cancellation: the same batch as the person's own, with its audit row. */
export async function cancelByOffice(db: Db, now: Date, staff: StaffUser, registrationId: number) {
  const [r] = await db.select().from(registrations).where(eq(registrations.id, registrationId));
  if (!r || r.organiserId !== staff.organiserId) throw notFound("Anmälan", "registration_not_found");
  if (r.status === "cancelled") return r;
  const [o] = await db.select({ endsAt: occasions.endsAt }).from(occasions).where(eq(occasions.id, r.occasionId));
  if (o && o.endsAt <= now) {
    throw new AppError(
      409,
      "occasion_over",
      "Tillfället är slut. Markera i stället närvaron, eller en sen avbokning eller ett uteblivande.",
    );
  }
  await db.batchSql(
    cancelStatements(r, now, () => [
      auditStatement(
        staff,
        now,
        "registration.cancel",
        "registration",
        r.id,
        { status: r.status, name: r.name },
        {
          status: "cancelled",
        },
      ),
    ]),
  );
  const [row] = await db.select().from(registrations).where(eq(registrations.id, r.id));
  return row!;
}

// ------------------------------------------------------------------ what her link shows her

/**
 * The personal page: her registration (registrationView) and what she may do with her data.
 * Her other registrations at the same address are counted, not shown: the link proves that
 * someone holds this registration, not the address (a link comes back in the answer to the
 * form), and each of them has a link of its own in its own mail.
 */
export async function personalView(db: Db, r: Registration, now: Date) {
  const [view, mails, [org], [others], [occasion]] = await Promise.all([
    registrationView(db, r, now),
    mailsOf(db, r.id),
    db
      .select({ needsRetentionDays: organisers.needsRetentionDays, retentionMonths: organisers.retentionMonths })
      .from(organisers)
      .where(eq(organisers.id, r.organiserId)),
    db
      .select({ n: sql<number>`count(*)` })
      .from(registrations)
      .where(
        and(
          eq(registrations.organiserId, r.organiserId),
          eq(registrations.emailKey, r.emailKey),
          sql`${registrations.id} <> ${r.id}`,
        ),
      ),
    db.select({ endsAt: occasions.endsAt }).from(occasions).where(eq(occasions.id, r.occasionId)),
  ]);
  return {
    ...view,
    canEdit: !r.anonymisedAt,
    canErase: !r.anonymisedAt && (r.status === "cancelled" || (occasion ? occasion.endsAt <= now : false)),
    otherRegistrations: Number(others?.n ?? 0),
    mails,
    retention: org ?? null,
  };
}

/** Everything stored about her that her link reaches, as the JSON file she downloads. */
export async function personalData(db: Db, r: Registration, now: Date) {
  const view = await personalView(db, r, now);
  const marks = await db.all<{ startsAt: number; endsAt: number; status: string; cancelled: number }>(sql`
    SELECT d.starts_at AS startsAt, d.ends_at AS endsAt, a.status, d.cancelled_at IS NOT NULL AS cancelled
    FROM attendance a JOIN occasion_days d ON d.id = a.day_id
    WHERE a.registration_id = ${r.id} ORDER BY d.starts_at`);
  const [org] = await db.select().from(organisers).where(eq(organisers.id, r.organiserId));
  return {
    exportedAt: now.toISOString(),
    about:
      "Det här är allt vi har sparat om dig för den här anmälan. Dina andra anmälningar med samma adress har egna länkar i sina mejl.",
    organiser: org ? { name: org.name, email: org.email, phone: org.phone, dpoEmail: org.dpoEmail } : null,
    person: {
      name: r.name,
      email: r.email,
      party: r.partyCode,
      workplace: view.workplace,
      role: r.role,
      gender: r.gender,
      dietary: r.dietary,
      accessibilityNeeds: r.accessibilityNeeds,
    },
    registration: {
      id: r.id,
      status: r.status,
      source: r.source,
      createdAt: r.createdAt.toISOString(),
      confirmedAt: r.confirmedAt?.toISOString() ?? null,
      cancelledAt: r.cancelledAt?.toISOString() ?? null,
      charge: r.charge,
      occasion: { title: view.occasion.title, days: view.occasion.days, location: view.occasion.location },
    },
    attendance: marks.map((m) => ({
      startsAt: new Date(Number(m.startsAt)).toISOString(),
      endsAt: new Date(Number(m.endsAt)).toISOString(),
      status: m.status,
      dayCancelled: Boolean(m.cancelled),
    })),
    mails: view.mails,
    otherRegistrations: view.otherRegistrations,
    retention: view.retention,
  };
}

/** The office's view of one person: every registration of her addresses, with its details. */
export async function personRegistrations(db: Db, organiserId: number, email: string) {
  const keys = await personGroups(db, organiserId, [emailKey(email)]);
  const rows = await db.all<{
    id: number;
    occasionId: number;
    title: string;
    startsAt: number;
    status: string;
    source: string;
    name: string;
    email: string;
    party: string;
    workplaceId: number | null;
    workplaceName: string | null;
    municipality: string | null;
    orgNumber: string | null;
    role: string | null;
    gender: string | null;
    dietary: string | null;
    accessibilityNeeds: string | null;
    charge: string | null;
    cancelledAt: number | null;
    anonymisedAt: number | null;
  }>(sql`
    SELECT r.id, r.occasion_id AS occasionId, c.title, o.starts_at AS startsAt, r.status, r.source, r.name, r.email,
           r.party_code AS party, r.workplace_id AS workplaceId, w.name AS workplaceName, w.municipality,
           w.org_number AS orgNumber, r.role, r.gender, r.dietary, r.accessibility_needs AS accessibilityNeeds,
           r.charge, r.cancelled_at AS cancelledAt, r.anonymised_at AS anonymisedAt
    FROM registrations r
    JOIN occasions o ON o.id = r.occasion_id
    JOIN courses c ON c.id = o.course_id
    LEFT JOIN workplaces w ON w.id = r.workplace_id
    WHERE r.organiser_id = ${organiserId}
      AND r.email_key IN (${sql.join(
        keys.map((k) => sql`${k}`),
        sql`, `,
      )})
    ORDER BY o.starts_at DESC, r.id DESC`);
  if (!rows.length) throw notFound("Personen", "person_not_found");
  return {
    person: { email: emailKey(email), name: rows.find((r) => r.status !== "cancelled")?.name ?? rows[0]!.name },
    registrations: rows.map((r) => ({
      id: r.id,
      occasionId: r.occasionId,
      occasionTitle: r.title,
      startsAt: new Date(Number(r.startsAt)).toISOString(),
      status: r.status,
      source: r.source,
      name: r.name,
      email: r.email,
      party: r.party,
      workplace:
        r.workplaceId != null
          ? { id: r.workplaceId, name: r.workplaceName, municipality: r.municipality, orgNumber: r.orgNumber }
          : null,
      role: r.role,
      gender: r.gender,
      dietary: r.dietary,
      accessibilityNeeds: r.accessibilityNeeds,
      charge: r.charge,
      cancelledAt: r.cancelledAt != null ? new Date(Number(r.cancelledAt)).toISOString() : null,
      anonymised: r.anonymisedAt != null,
    })),
  };
}
