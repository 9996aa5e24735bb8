// Registration, cancellation and the waiting list.
//
// Never overbook: the decision "confirmed or waitlisted" is made inside the INSERT itself
// (INSERT … SELECT with the count in a subquery), and the insert, its workplace and its
// outbox row go to the database as one batch. SQLite runs a statement, and a batch, as one
// write, so no await sits between reading the count and writing the row. The same code runs
// on D1, which has batches but no interactive transactions.
import { and, eq, ne, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { occasions, registrations, workplaces, type Registration } from "../../db/schema.ts";
import { AppError, notFound } from "./errors.ts";
import { latestStateMail } from "./outbox.ts";
import {
  isPublic,
  loadOccasion,
  occasionLocation,
  occasionTitle,
  registrationWindow,
  type OccasionBundle,
} from "./occasions.ts";
import { upsertWorkplaceStatement, workplaceIdSql, type WorkplaceInput } from "./workplaces.ts";
import { safeMeetingUrl } from "./typed-text.ts";
import { unknownPartyError } from "./parties.ts";

export interface RegistrationInput {
  name: string;
  email: string;
  party: string;
  workplace: WorkplaceInput;
  role?: string | null;
  gender?: string | null;
  dietary?: string | null;
  accessibilityNeeds?: string | null;
}

export type RegistrationSource = "web" | "office" | "walk-in";

export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

/** A random, URL-safe secret for the personal link (144 bits). */
export function newToken(): string {
  const bytes = new Uint8Array(18);
  crypto.getRandomValues(bytes);
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** Marks the rows a batch changes, so the outbox statements of the batch can pick them. */
export function newChangeId(): string {
  return newToken();
}

/** The mail kind for a changed registration, chosen from its new state. */
const changeKindSql = sql`CASE
             WHEN last_change = 'promoted' THEN 'registration-promoted'
             WHEN last_change = 'occasion-changed' THEN 'occasion-changed'
             WHEN last_change = 'occasion-cancelled' THEN 'occasion-cancelled'
             WHEN last_change = 'reminder' THEN 'reminder'
             WHEN last_change = 'moved-out' THEN 'registration-moved'
             WHEN last_change = 'moved-in' THEN 'registration-moved-in'
             WHEN status = 'confirmed' THEN 'registration-confirmed'
             WHEN status = 'waitlisted' THEN 'registration-waitlisted'
             WHEN cancelled_from = 'confirmed' THEN 'registration-cancelled'
             ELSE 'waitlist-left'
           END`;

/**
 * The calendar METHOD the mail of that kind carries (templates.ts), or NULL for a mail
 * without an invitation. Kept in step with renderRegistrationMail.
 */
const changeMethodSql = sql`CASE
             WHEN last_change IN ('promoted', 'occasion-changed') THEN 'REQUEST'
             WHEN last_change = 'occasion-cancelled' THEN CASE WHEN status = 'confirmed' THEN 'CANCEL' END
             WHEN last_change = 'reminder' THEN NULL
             WHEN last_change = 'moved-out' THEN CASE WHEN cancelled_from = 'confirmed' THEN 'CANCEL' END
             WHEN status = 'confirmed' THEN 'REQUEST'
             WHEN status = 'waitlisted' THEN NULL
             WHEN cancelled_from = 'confirmed' THEN 'CANCEL'
           END`;

/**
 * Outbox rows for every registration this batch changed, the mail kind chosen from its new
 * state. One iTIP message carries one UID (RFC 5546 3.2.2; decision 013): the main mail's
 * calendar part holds the first day only, and a mail that carries an invitation gets one
 * `calendar-day` row per further day of the occasion (day_id set, same SEQUENCE), in the
 * same statement list, so the same batch.
 */
export function outboxForChangeStatement(
  changeId: string,
  now: Date,
  payload?: Record<string, unknown>,
  dayUids?: string[],
): SQL {
  const t = now.getTime();
  const data = payload ? JSON.stringify(payload) : null;
  // An office change (occasion-changed) that touched only some days (moved, cancelled or
  // added, issue 9): the main mail carries the first of them (by start, then id), named by
  // day_id, cancelled or not; every other mail carries day 1 (day_id NULL).
  const dayId = dayUids?.length
    ? sql`CASE WHEN last_change = 'occasion-changed' THEN (SELECT f.id FROM occasion_days f WHERE f.occasion_id = registrations.occasion_id
             AND f.uid IN ${uidList(dayUids)} ORDER BY f.starts_at, f.id LIMIT 1) END`
    : sql`NULL`;
  return sql`
    INSERT INTO outbox (organiser_id, kind, registration_id, sequence, to_address, payload, day_id, status, next_attempt_at, created_at)
    SELECT organiser_id, ${changeKindSql}, id, invite_sequence, email, ${data}, ${dayId}, 'pending', ${t}, ${t}
    FROM registrations WHERE change_id = ${changeId}
    ORDER BY id
  `;
}

const uidList = (uids: string[]) =>
  sql`(${sql.join(
    uids.map((u) => sql`${u}`),
    sql`, `,
  )})`;

/**
 * The `calendar-day` rows for the days after the first (see outboxForChangeStatement);
 * cancelled days are skipped. With `dayUids`, an office change (occasion-changed) gets rows
 * only for those days, after the first of them (which its main mail carries): REQUEST for a
 * moved or added day, CANCEL for a cancelled one (issue 9).
 */
export function outboxDaysForChangeStatement(changeId: string, now: Date, dayUids?: string[]): SQL {
  const t = now.getTime();
  const firstDay = sql`(SELECT f.id FROM occasion_days f WHERE f.occasion_id = c.occasion_id AND f.cancelled_at IS NULL ORDER BY f.starts_at, f.id LIMIT 1)`;
  let which = sql`d.cancelled_at IS NULL AND d.id <> ${firstDay}`;
  if (dayUids?.length) {
    const only = uidList(dayUids);
    const firstChanged = sql`(SELECT f.id FROM occasion_days f WHERE f.occasion_id = c.occasion_id AND f.uid IN ${only} ORDER BY f.starts_at, f.id LIMIT 1)`;
    which = sql`CASE WHEN c.last_change = 'occasion-changed' THEN d.uid IN ${only} AND d.id <> ${firstChanged} ELSE ${which} END`;
  }
  return sql`
    INSERT INTO outbox (organiser_id, kind, registration_id, sequence, to_address, payload, day_id, status, next_attempt_at, created_at)
    SELECT c.organiser_id, 'calendar-day', c.id, c.invite_sequence, c.email,
           json_object('method', CASE WHEN d.cancelled_at IS NOT NULL THEN 'CANCEL' ELSE c.method END, 'of', c.kind), d.id, 'pending', ${t}, ${t}
    FROM (
      SELECT id, organiser_id, occasion_id, invite_sequence, email, last_change, ${changeKindSql} AS kind, ${changeMethodSql} AS method
      FROM registrations WHERE change_id = ${changeId}
    ) c
    JOIN occasion_days d ON d.occasion_id = c.occasion_id
    WHERE c.method IS NOT NULL
      AND ${which}
    ORDER BY c.id, d.starts_at, d.id
  `;
}

/** Both outbox statements of a change, main mails first (dayUids: see the two). */
export function outboxForChangeStatements(
  changeId: string,
  now: Date,
  payload?: Record<string, unknown>,
  dayUids?: string[],
): SQL[] {
  return [
    outboxForChangeStatement(changeId, now, payload, dayUids),
    outboxDaysForChangeStatement(changeId, now, dayUids),
  ];
}

/**
 * The invite_sequence a new registration starts at (register, office registration, a move
 * into an occasion, a walk-in): above every earlier registration of the
 * same person (email_key) on the same occasion, whose last mail may have been a CANCEL for
 * the same day UIDs, and never below the occasion's own sequence. Calendars ignore a REQUEST
 * whose SEQUENCE is lower than one they have seen for the UID (RFC 5546 2.1.4), so a person
 * who cancels and registers again, or is moved out and back, must get a higher one.
 * A SQL expression evaluated inside the INSERT itself, never read before it (decision 002):
 * earlier registrations are cancelled ones (one active row per person and occasion), and a
 * cancelled row's invite_sequence never changes again, so the maximum cannot move under us.
 */
export function firstInviteSequenceSql(a: {
  organiserId: SQL;
  occasionId: SQL;
  emailKey: SQL;
  occasionSequence: SQL;
}): SQL {
  // organiser_id lets SQLite use the (organiser_id, email_key) index: a person's few rows.
  return sql`max(${a.occasionSequence}, coalesce(
    (SELECT max(e.invite_sequence) + 1 FROM registrations e
     WHERE e.organiser_id = ${a.organiserId} AND e.email_key = ${a.emailKey} AND e.occasion_id = ${a.occasionId}), 0))`;
}

/**
 * Moves people up from the waiting list, in arrival order, into every free place of the
 * occasion. One statement: the number of free places is computed inside it. Used after a
 * cancellation, and whenever capacity grows.
 */
export function promoteStatement(occasionId: number, changeId: string, now: Date) {
  const t = now.getTime();
  // No occasion row (cancelled, draft or past) means no free place. Without the coalesce the
  // LIMIT was NULL, which SQLite refuses: a cancel on, or a move out of, a cancelled occasion
  // failed with "datatype mismatch" (found by tests/api/invitation-sequence.test.ts).
  return sql`
    UPDATE registrations
    SET status = 'confirmed', confirmed_at = ${t}, invite_sequence = invite_sequence + 1,
        change_id = ${changeId}, last_change = 'promoted'
    WHERE id IN (
      SELECT r.id FROM registrations r
      WHERE r.occasion_id = ${occasionId} AND r.status = 'waitlisted'
      ORDER BY r.id
      LIMIT max(0,
        coalesce((SELECT o.capacity FROM occasions o WHERE o.id = ${occasionId} AND o.status = 'published' AND o.ends_at > ${t}), 0)
        - (SELECT count(*) FROM registrations c WHERE c.occasion_id = ${occasionId} AND c.status = 'confirmed'))
    )
  `;
}

function registrationWindowError(b: OccasionBundle, now: Date): AppError | null {
  const state = registrationWindow(b.occasion, now);
  switch (state) {
    case "open":
      return null;
    case "draft":
      return notFound("Tillfället", "occasion_not_found");
    case "cancelled":
      return new AppError(409, "occasion_cancelled", "Tillfället är inställt.");
    case "not-yet-open":
      return new AppError(409, "registration_not_open", "Anmälan har inte öppnat än.");
    case "closed":
      return b.occasion.startsAt <= now
        ? new AppError(409, "occasion_past", "Tillfället har redan ägt rum eller pågår.")
        : new AppError(409, "registration_closed", "Anmälan är stängd.");
  }
}

async function activeRegistration(db: Db, occasionId: number, key: string) {
  const [row] = await db
    .select()
    .from(registrations)
    .where(
      and(
        eq(registrations.occasionId, occasionId),
        eq(registrations.emailKey, key),
        ne(registrations.status, "cancelled"),
      ),
    );
  return row ?? null;
}

export async function waitlistPosition(
  db: Db,
  r: Pick<Registration, "id" | "occasionId" | "status">,
): Promise<number | null> {
  if (r.status !== "waitlisted") return null;
  const [row] = await db
    .select({ n: sql<number>`count(*)` })
    .from(registrations)
    .where(
      and(
        eq(registrations.occasionId, r.occasionId),
        eq(registrations.status, "waitlisted"),
        sql`${registrations.id} <= ${r.id}`,
      ),
    );
  return Number(row?.n ?? 1);
}

export interface RegistrationStatementArgs {
  occasionId: number;
  input: RegistrationInput;
  /** emailKey(input.email) */
  key: string;
  token: string;
  changeId: string;
  source: RegistrationSource;
  now: Date;
}

/**
 * The occasion rows a registration may be written against: published, inside its
 * registration window, and the party is one of the organiser's. Used by the workplace upsert
 * and the registration insert alike, so a refused request writes nothing at all.
 */
function openOccasionWhere(occasionId: number, party: string, t: number, source: RegistrationSource) {
  // The office may register someone by hand outside the window (a phone call after closing,
  // a draft being filled); the public only inside it.
  const window =
    source === "web"
      ? sql`o.status = 'published' AND (o.registration_opens_at IS NULL OR o.registration_opens_at <= ${t})
            AND coalesce(o.registration_closes_at, o.starts_at) > ${t}`
      : sql`o.status IN ('published', 'draft') AND o.ends_at > ${t}`;
  return sql`o.id = ${occasionId} AND ${window}
    AND EXISTS (SELECT 1 FROM parties p WHERE p.organiser_id = o.organiser_id AND p.code = ${party})`;
}

/**
 * The one batch that registers a person, run with `db.batchSql`:
 *  0. make sure the workplace exists,
 *  1. insert the registration with the confirmed/waitlisted decision inside the INSERT
 *     (returns [{ id, status }], or [] when the person already has a registration, the
 *     occasion is not open, or the party is unknown),
 *  2. queue its mail,
 *  3. read the new registration's place on the waiting list ([{ n }], 0 when confirmed),
 *  4. queue a calendar-day mail for each day after the first (decision 013).
 * The benchmark runs this same batch straight against libSQL as the raw ceiling.
 */
export function registrationStatements(a: RegistrationStatementArgs): SQL[] {
  const { occasionId, input, key, token, changeId, source, now } = a;
  const t = now.getTime();
  const where = openOccasionWhere(occasionId, input.party, t, source);
  const insert = sql`
    INSERT INTO registrations (organiser_id, occasion_id, manage_token, name, email, email_key, party_code,
      workplace_id, role, gender, dietary, accessibility_needs, status, source, invite_sequence, change_id,
      last_change, created_at, confirmed_at)
    SELECT x.organiser_id, x.id, ${token}, ${input.name}, ${input.email.trim()}, ${key}, ${input.party},
      ${workplaceIdSql(sql`x.organiser_id`, input.workplace)}, ${input.role ?? null}, ${input.gender ?? null},
      ${input.dietary ?? null}, ${input.accessibilityNeeds ?? null}, x.decided, ${source},
      ${firstInviteSequenceSql({ organiserId: sql`x.organiser_id`, occasionId: sql`x.id`, emailKey: sql`${key}`, occasionSequence: sql`x.sequence` })}, ${changeId},
      'registered', ${t}, CASE WHEN x.decided = 'confirmed' THEN ${t} END
    FROM (
      SELECT o.id, o.organiser_id, o.sequence,
        CASE WHEN (SELECT count(*) FROM registrations r WHERE r.occasion_id = o.id AND r.status = 'confirmed') < o.capacity
              AND NOT EXISTS (SELECT 1 FROM registrations r WHERE r.occasion_id = o.id AND r.status = 'waitlisted')
             THEN 'confirmed' ELSE 'waitlisted' END AS decided
      FROM occasions o
      WHERE ${where}
    ) AS x
    WHERE true
    ON CONFLICT DO NOTHING
    RETURNING id, status
  `;
  const position = sql`
    SELECT count(*) AS n FROM registrations w
    WHERE w.occasion_id = ${occasionId} AND w.status = 'waitlisted'
      AND w.id <= (SELECT r.id FROM registrations r WHERE r.manage_token = ${token} AND r.status = 'waitlisted')
  `;
  return [
    upsertWorkplaceStatement(sql`(SELECT o.organiser_id FROM occasions o WHERE ${where})`, input.workplace, now),
    insert,
    outboxForChangeStatement(changeId, now),
    position,
    outboxDaysForChangeStatement(changeId, now),
  ];
}

/** Within this time after any mail to a registration, asking again sends no new link mail. */
export const LINK_RESEND_QUIET_MS = 10 * 60_000;

/**
 * Queues a mail with the personal link to someone who registers again with the same
 * e-mail. The answer to that request does not carry the link (anyone who knows a
 * colleague's address could otherwise cancel their place); the mailbox owner gets it.
 * Nothing is queued if this registration got any mail in the last ten minutes, so a
 * double click or a retry does not send a second mail.
 */
async function queueLinkMail(db: Db, registrationId: number, now: Date) {
  const t = now.getTime();
  await db.run(sql`
    INSERT INTO outbox (organiser_id, kind, registration_id, sequence, to_address, status, next_attempt_at, created_at)
    SELECT r.organiser_id, 'registration-link', r.id, r.invite_sequence, r.email, 'pending', ${t}, ${t}
    FROM registrations r
    WHERE r.id = ${registrationId} AND r.status <> 'cancelled'
      AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.registration_id = r.id AND o.created_at > ${t - LINK_RESEND_QUIET_MS})
  `);
}

export interface RegisterResult {
  created: boolean;
  id: number;
  status: "confirmed" | "waitlisted";
  manageToken: string;
  waitlistPosition: number | null;
}

async function alreadyRegistered(db: Db, existing: Registration, now: Date): Promise<RegisterResult> {
  await queueLinkMail(db, existing.id, now);
  return {
    created: false,
    id: existing.id,
    status: existing.status as RegisterResult["status"],
    manageToken: existing.manageToken,
    waitlistPosition: await waitlistPosition(db, existing),
  };
}

/** Why a registration batch inserted nothing, when it is not a registration already there. */
async function refusal(
  db: Db,
  now: Date,
  occasionId: number,
  party: string,
  source: RegistrationSource,
): Promise<AppError | null> {
  const bundle = await loadOccasion(db, occasionId);
  if (!bundle || (source === "web" && !isPublic(bundle.occasion))) return notFound("Tillfället", "occasion_not_found");
  if (source === "web") {
    const windowError = registrationWindowError(bundle, now);
    if (windowError) return windowError;
  } else if (bundle.occasion.status === "cancelled") {
    return new AppError(409, "occasion_cancelled", "Tillfället är inställt.");
  } else if (bundle.occasion.endsAt <= now) {
    return new AppError(409, "occasion_past", "Tillfället har redan ägt rum.");
  }
  return unknownPartyError(db, bundle.occasion.organiserId, party);
}

/**
 * Registers a person on an occasion. The same e-mail (any case) again gets the registration
 * already there (created: false). The common case is one round trip: the batch decides,
 * writes and reports the place on the waiting list; only when it inserts nothing do we look
 * at why.
 */
export async function register(
  db: Db,
  now: Date,
  occasionId: number,
  input: RegistrationInput,
  source: RegistrationSource = "web",
  /** An audit row for the new registration, in the same batch (the office's hand registration). */
  auditOf?: (changeId: string) => SQL,
): Promise<RegisterResult> {
  const key = emailKey(input.email);
  // The insert does nothing when the person already has an active registration. If that
  // registration is cancelled between our insert and our look-up, try again: a few rounds
  // settle any race, since each round either inserts or finds what is there.
  for (let attempt = 0; attempt < 3; attempt++) {
    const token = newToken();
    const changeId = newChangeId();
    const [, inserted, , position] = await db.batchSql([
      ...registrationStatements({ occasionId, input, key, token, changeId, source, now }),
      ...(auditOf ? [auditOf(changeId)] : []),
    ]);
    const row = inserted?.[0];
    if (row) {
      const status = row.status as RegisterResult["status"];
      const n = Number(position?.[0]?.n ?? 0);
      return {
        created: true,
        id: Number(row.id),
        status,
        manageToken: token,
        waitlistPosition: status === "waitlisted" ? n : null,
      };
    }
    const existing = await activeRegistration(db, occasionId, key);
    if (existing) return alreadyRegistered(db, existing, now);
    const refused = await refusal(db, now, occasionId, input.party, source);
    if (refused) throw refused;
  }
  throw new AppError(409, "registration_failed", "Anmälan kunde inte tas emot. Försök igen.");
}

export async function findByToken(db: Db, token: string): Promise<Registration> {
  const [row] = await db.select().from(registrations).where(eq(registrations.manageToken, token));
  if (!row) throw notFound("Anmälan", "registration_not_found");
  return row;
}

/**
 * Cancels a registration and, in the same batch, moves the first on the waiting list up and
 * queues the mails of both. Cancelling twice is fine: the second time changes nothing.
 */
export async function cancelByToken(db: Db, now: Date, token: string): Promise<Registration> {
  const current = await findByToken(db, token);
  if (current.status === "cancelled") return current;
  const [occasion] = await db.select().from(occasions).where(eq(occasions.id, current.occasionId));
  if (occasion && occasion.startsAt <= now) {
    throw new AppError(
      409,
      "occasion_started",
      "Tillfället har redan börjat och kan inte avbokas här. Kontakta kursledaren.",
    );
  }
  // The last day to cancel binds those with a place; leaving the waiting list is always fine.
  if (occasion?.cancelUntil && occasion.cancelUntil <= now && current.status === "confirmed") {
    throw new AppError(
      409,
      "cancel_deadline_passed",
      "Sista dag att avboka har passerat. Kontakta arrangören om du inte kan komma.",
    );
  }
  await db.batchSql(cancelStatements(current, now));
  return findByToken(db, token);
}

/**
 * The one batch of a cancellation, whoever makes it (the person's link, the office): the
 * row cancelled, the first on the waiting list moved up, the mails of both queued, and the
 * extra statements (the office's audit row) in the same batch.
 */
export function cancelStatements(
  r: Pick<Registration, "id" | "occasionId">,
  now: Date,
  extra: (changeId: string) => SQL[] = () => [],
) {
  const changeId = newChangeId();
  const t = now.getTime();
  return [
    sql`
      UPDATE registrations
      SET cancelled_from = status, status = 'cancelled', cancelled_at = ${t},
          invite_sequence = invite_sequence + 1, change_id = ${changeId}, last_change = 'cancelled'
      WHERE id = ${r.id} AND status <> 'cancelled'
    `,
    promoteStatement(r.occasionId, changeId, now),
    ...outboxForChangeStatements(changeId, now),
    ...extra(changeId),
  ];
}

/** What the personal link shows: the person's own registration and the occasion. */
export async function registrationView(db: Db, r: Registration, now: Date) {
  const bundle = await loadOccasion(db, r.occasionId);
  if (!bundle) throw notFound("Tillfället", "occasion_not_found");
  const [workplace] = r.workplaceId
    ? await db.select().from(workplaces).where(eq(workplaces.id, r.workplaceId))
    : [undefined];
  const { occasion, course, organiser, days } = bundle;
  const position = await waitlistPosition(db, r);
  return {
    id: r.id,
    status: r.status,
    waitlistPosition: position,
    name: r.name,
    email: r.email,
    party: r.partyCode,
    workplace: workplace
      ? { name: workplace.name, municipality: workplace.municipality, orgNumber: workplace.orgNumber }
      : null,
    role: r.role,
    gender: r.gender,
    dietary: r.dietary,
    accessibilityNeeds: r.accessibilityNeeds,
    createdAt: r.createdAt.toISOString(),
    cancelledAt: r.cancelledAt?.toISOString() ?? null,
    /** The office moved her to another occasion (her new registration has its own link). */
    movedOut: r.status === "cancelled" && r.lastChange === "moved-out",
    canCancel:
      r.status !== "cancelled" &&
      occasion.startsAt > now &&
      !(r.status === "confirmed" && occasion.cancelUntil && occasion.cancelUntil <= now),
    cancelUntil: occasion.cancelUntil?.toISOString() ?? null,
    hasInvitation: r.status === "confirmed" || (r.status === "cancelled" && r.cancelledFrom === "confirmed"),
    /** The mail about her latest change: the page says it was sent only once it was (issue 10). */
    mail: await latestStateMail(db, r.id),
    occasion: {
      id: occasion.id,
      title: occasionTitle(course, occasion),
      startsAt: occasion.startsAt.toISOString(),
      endsAt: occasion.endsAt.toISOString(),
      days: days.map((d) => ({ startsAt: d.startsAt.toISOString(), endsAt: d.endsAt.toISOString() })),
      location: occasionLocation(occasion),
      online: occasion.online,
      // The meeting link is for those with a place only.
      meetingUrl: r.status === "confirmed" ? safeMeetingUrl(occasion.meetingUrl) : null,
      cancelled: occasion.status === "cancelled",
      organiser: { slug: organiser.slug, name: organiser.name, email: organiser.email },
    },
  };
}

/**
 * Moves a registration to another occasion of the same course, keeping the person's data:
 * one batch cancels the old place (moving its waiting list up), takes a place or a spot in
 * line on the new occasion, and queues the mails of everyone concerned.
 */
export async function moveRegistration(
  db: Db,
  now: Date,
  organiserId: number,
  registrationId: number,
  targetOccasionId: number,
  /** An audit row of the move, in the same batch; written only if the move was. */
  auditOf?: (changeId: string) => SQL,
) {
  const [r] = await db.select().from(registrations).where(eq(registrations.id, registrationId));
  if (!r || r.organiserId !== organiserId) throw notFound("Anmälan", "registration_not_found");
  if (r.status === "cancelled")
    throw new AppError(409, "registration_cancelled", "Anmälan är avbokad och kan inte flyttas.");
  const [from, to] = await Promise.all([loadOccasion(db, r.occasionId), loadOccasion(db, targetOccasionId)]);
  if (!to || to.occasion.organiserId !== organiserId) {
    throw new AppError(400, "invalid_input", "Uppgifterna är inte giltiga.", {
      occasionId: "Välj ett tillfälle i listan.",
    });
  }
  if (to.occasion.id === r.occasionId)
    throw new AppError(400, "invalid_input", "Uppgifterna är inte giltiga.", {
      occasionId: "Personen är redan anmäld till det tillfället.",
    });
  if (to.occasion.courseId !== from?.occasion.courseId) {
    throw new AppError(400, "invalid_input", "Uppgifterna är inte giltiga.", {
      occasionId: "Man kan bara flytta till ett tillfälle av samma utbildning.",
    });
  }
  if (to.occasion.status === "cancelled" || to.occasion.endsAt <= now) {
    throw new AppError(409, "occasion_closed", "Det tillfället är inställt eller har redan ägt rum.");
  }
  const changeId = newChangeId();
  const token = newToken();
  const t = now.getTime();
  const [, inserted] = await db.batchSql([
    sql`UPDATE registrations SET cancelled_from = status, status = 'cancelled', cancelled_at = ${t},
          invite_sequence = invite_sequence + 1, change_id = ${changeId}, last_change = 'moved-out'
        WHERE id = ${r.id} AND status <> 'cancelled'
          AND NOT EXISTS (SELECT 1 FROM registrations x
                          WHERE x.occasion_id = ${targetOccasionId} AND x.email_key = registrations.email_key AND x.status <> 'cancelled')`,
    sql`INSERT INTO registrations (organiser_id, occasion_id, manage_token, name, email, email_key, party_code, workplace_id,
          role, gender, dietary, accessibility_needs, status, source, invite_sequence, change_id, last_change, created_at, confirmed_at)
        SELECT old.organiser_id, o.id, ${token}, old.name, old.email, old.email_key, old.party_code, old.workplace_id,
          old.role, old.gender, old.dietary, old.accessibility_needs,
          CASE WHEN (SELECT count(*) FROM registrations c WHERE c.occasion_id = o.id AND c.status = 'confirmed') < o.capacity
                AND NOT EXISTS (SELECT 1 FROM registrations w WHERE w.occasion_id = o.id AND w.status = 'waitlisted')
               THEN 'confirmed' ELSE 'waitlisted' END,
          'office', ${firstInviteSequenceSql({ organiserId: sql`o.organiser_id`, occasionId: sql`o.id`, emailKey: sql`old.email_key`, occasionSequence: sql`o.sequence` })},
          ${changeId}, 'moved-in', ${t},
          CASE WHEN (SELECT count(*) FROM registrations c WHERE c.occasion_id = o.id AND c.status = 'confirmed') < o.capacity
                AND NOT EXISTS (SELECT 1 FROM registrations w WHERE w.occasion_id = o.id AND w.status = 'waitlisted')
               THEN ${t} END
        FROM registrations old, occasions o
        WHERE old.id = ${r.id} AND o.id = ${targetOccasionId} AND old.change_id = ${changeId}
        ON CONFLICT DO NOTHING
        RETURNING id, status`,
    promoteStatement(r.occasionId, changeId, now),
    ...outboxForChangeStatements(changeId, now, {
      movedTo: occasionTitle(to.course, to.occasion),
      movedFrom: from ? occasionTitle(from.course, from.occasion) : null,
    }),
    ...(auditOf ? [auditOf(changeId)] : []),
  ]);
  if (!inserted?.[0]) {
    // Already registered there: the UPDATE's NOT EXISTS kept the old place, and the INSERT
    // (which needs the UPDATE's change id) did nothing, so nothing changed.
    throw new AppError(409, "already_registered", "Personen är redan anmäld till det tillfället.");
  }
  return {
    id: Number(inserted[0].id),
    status: String(inserted[0].status),
    manageToken: token,
    fromOccasionId: r.occasionId,
    name: r.name,
  };
}

/**
 * Queues the reminder before each confirmed person's occasion, once: the course's number of
 * days before the start (0 switches reminders off). Run by the outbox drainer's timer.
 */
export async function queueReminders(db: Db, now: Date): Promise<number> {
  const changeId = newChangeId();
  const t = now.getTime();
  const results = await db.batchSql([
    sql`UPDATE registrations SET reminded_at = ${t}, change_id = ${changeId}, last_change = 'reminder'
        WHERE status = 'confirmed' AND reminded_at IS NULL AND id IN (
          SELECT r.id FROM registrations r
          JOIN occasions o ON o.id = r.occasion_id
          JOIN courses c ON c.id = o.course_id
          WHERE r.status = 'confirmed' AND r.reminded_at IS NULL AND o.status = 'published'
            AND c.reminder_days_before > 0 AND o.starts_at > ${t}
            AND o.starts_at <= ${t} + c.reminder_days_before * 86400000)`,
    ...outboxForChangeStatements(changeId, now),
    sql`SELECT count(*) AS n FROM registrations WHERE change_id = ${changeId}`,
  ]);
  return Number(results[results.length - 1]?.[0]?.n ?? 0);
}

/** A message from the office to everyone on an occasion, one mail per person. */
export async function messageParticipants(
  db: Db,
  now: Date,
  occasionId: number,
  message: { subject: string; body: string; includeWaitlisted: boolean },
): Promise<number> {
  const t = now.getTime();
  const statuses = message.includeWaitlisted ? sql`('confirmed', 'waitlisted')` : sql`('confirmed')`;
  const results = await db.batchSql([
    sql`INSERT INTO outbox (organiser_id, kind, registration_id, sequence, to_address, payload, status, next_attempt_at, created_at)
        SELECT organiser_id, 'occasion-message', id, invite_sequence, email,
               ${JSON.stringify({ subject: message.subject, message: message.body })}, 'pending', ${t}, ${t}
        FROM registrations WHERE occasion_id = ${occasionId} AND status IN ${statuses}`,
    sql`SELECT count(*) AS n FROM registrations WHERE occasion_id = ${occasionId} AND status IN ${statuses}`,
  ]);
  return Number(results[1]?.[0]?.n ?? 0);
}
