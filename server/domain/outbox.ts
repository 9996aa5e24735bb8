// The outbox: mail rows written in the same batch as the change that causes them, sent
// later by a drainer (the Node loop, or a Cron Trigger on Workers). A web request never
// waits for SMTP. Rows are claimed with one UPDATE … RETURNING, so two drainers running at
// once never take the same row; a claim is a lease that its sender renews while it works,
// and each mail's result is written as soon as it is sent (docs/decisions/016).
import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { organisers, outbox, registrations, users, type OutboxRow } from "../../db/schema.ts";
import { mailFailure } from "../mail/mail-error.ts";
import type { Mailer } from "../mail/mailer.ts";
import {
  OUTBOX_KINDS,
  renderRegistrationMail,
  renderStaffMail,
  STAFF_MAIL_KINDS,
  type MailContext,
  type OutboxKind,
  type StaffMailKind,
} from "../mail/templates.ts";
import { auditStatement } from "./audit.ts";
import { AppError, notFound } from "./errors.ts";
import { loadOccasion, occasionTitle, type OccasionBundle } from "./occasions.ts";
import type { StaffUser } from "./staff.ts";

/**
 * Tries before a mail is given up (status `failed`, listed for the office with a resend).
 * With backoffMs that is about five hours of retrying: an SMTP server down overnight for
 * maintenance still delivers everything by itself.
 */
export const MAX_ATTEMPTS = 12;
/**
 * A claim is a lease: one not renewed for this long belongs to a sender that died, and
 * another drainer takes the row over. A live sender renews every third of it (drainOutbox).
 */
export const LEASE_MS = 60_000;

export function backoffMs(attempts: number): number {
  return Math.min(60 * 60_000, 30_000 * 2 ** Math.max(0, attempts - 1));
}

export async function claimOutbox(
  db: Db,
  now: Date,
  workerId: string,
  limit: number,
  leaseMs = LEASE_MS,
): Promise<OutboxRow[]> {
  const t = now.getTime();
  const rows = await db.all<Record<string, unknown>>(sql`
    UPDATE outbox SET status = 'sending', claimed_by = ${workerId}, claimed_at = ${t}, attempts = attempts + 1
    WHERE id IN (
      SELECT id FROM outbox
      WHERE (status = 'pending' AND next_attempt_at <= ${t})
         OR (status = 'sending' AND claimed_at < ${t - leaseMs})
      ORDER BY id LIMIT ${limit}
    )
    RETURNING id
  `);
  if (rows.length === 0) return [];
  const ids = rows.map((r) => Number(r.id));
  const claimed = await db
    .select()
    .from(outbox)
    .where(
      and(
        eq(outbox.claimedBy, workerId),
        sql`${outbox.id} IN (${sql.join(
          ids.map((id) => sql`${id}`),
          sql`, `,
        )})`,
      ),
    );
  return claimed.sort((a, b) => a.id - b.id);
}

export interface DrainResult {
  sent: number;
  failed: number;
}

/** Sends what is due, at most `limit` rows. Safe to run from several places at once. */
export async function drainOutbox(
  db: Db,
  mailer: Mailer,
  now: () => Date,
  ctx: MailContext,
  opts: { workerId: string; limit?: number; leaseMs?: number },
): Promise<DrainResult> {
  const leaseMs = opts.leaseMs ?? LEASE_MS;
  const claimedAt = now().getTime();
  const rows = await claimOutbox(db, new Date(claimedAt), opts.workerId, opts.limit ?? 25, leaseMs);
  if (rows.length === 0) return { sent: 0, failed: 0 };

  // Load what the mails need once per round: the registrations in one query, each occasion
  // once however many of its people get mail (a burst of registrations is one occasion).
  const regIds = [...new Set(rows.map((r) => r.registrationId).filter((id): id is number => id != null))];
  const regs = new Map(
    (regIds.length ? await db.select().from(registrations).where(inArray(registrations.id, regIds)) : []).map((r) => [
      r.id,
      r,
    ]),
  );
  // Waiting-list places of everyone in this round who gets a "you are on the list" mail.
  const waitlistedIds = rows
    .filter((r) => r.kind === "registration-waitlisted" && r.registrationId != null)
    .map((r) => r.registrationId!);
  const positions = new Map<number, number>();
  if (waitlistedIds.length) {
    const found = await db.all<{ id: number; pos: number }>(sql`
      SELECT r.id AS id,
        (SELECT count(*) FROM registrations w WHERE w.occasion_id = r.occasion_id AND w.status = 'waitlisted' AND w.id <= r.id) AS pos
      FROM registrations r WHERE r.status = 'waitlisted' AND r.id IN (${sql.join(
        waitlistedIds.map((id) => sql`${id}`),
        sql`, `,
      )})
    `);
    for (const f of found) positions.set(Number(f.id), Number(f.pos));
  }
  const bundles = new Map<number, Promise<OccasionBundle | null>>();
  const bundleFor = (occasionId: number) => {
    if (!bundles.has(occasionId)) bundles.set(occasionId, loadOccasion(db, occasionId));
    return bundles.get(occasionId)!;
  };

  const staffIds = [...new Set(rows.map((r) => r.userId).filter((id): id is number => id != null))];
  const staff = new Map(
    (staffIds.length
      ? await db
          .select({ id: users.id, name: users.name, email: users.email, organiserName: organisers.name })
          .from(users)
          .innerJoin(organisers, eq(organisers.id, users.organiserId))
          .where(inArray(users.id, staffIds))
      : []
    ).map((u) => [u.id, u]),
  );
  const render = async (row: OutboxRow) => {
    if (STAFF_MAIL_KINDS.includes(row.kind as StaffMailKind)) {
      const u = row.userId != null ? staff.get(row.userId) : undefined;
      if (!u) throw new Error(`användare ${row.userId} finns inte`);
      return renderStaffMail(row.kind as StaffMailKind, u, u.organiserName, JSON.parse(row.payload ?? "{}"), ctx);
    }
    const r = row.registrationId != null ? regs.get(row.registrationId) : undefined;
    if (!OUTBOX_KINDS.includes(row.kind as OutboxKind) || !r)
      throw new Error(`okänd utkorgsrad ${row.kind}/${row.registrationId}`);
    const bundle = await bundleFor(r.occasionId);
    if (!bundle) throw new Error(`tillfälle ${r.occasionId} finns inte`);
    return renderRegistrationMail(
      row.kind as OutboxKind,
      r,
      bundle,
      row.sequence,
      positions.get(r.id) ?? null,
      ctx,
      JSON.parse(row.payload ?? "{}"),
      row.dayId,
    );
  };

  // The lease: renewed for every row still held when a third of it has gone by, before each
  // mail and, by a timer, during a slow one. A row that is no longer ours (this process
  // stalled past the lease and another drainer took it) is left alone.
  const renewEvery = Math.max(1, Math.floor(leaseMs / 3));
  const ids = rows.map((r) => r.id);
  let held = new Set(ids);
  let renewedAt = claimedAt;
  const renew = async () => {
    const t = now().getTime();
    const still = await db.all<{ id: number }>(sql`
      UPDATE outbox SET claimed_at = ${t}
      WHERE claimed_by = ${opts.workerId} AND status = 'sending' AND id IN (${sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )})
      RETURNING id
    `);
    held = new Set(still.map((r) => Number(r.id)));
    renewedAt = t;
  };
  const heartbeat = setInterval(
    () => void renew().catch((err) => console.error("utkorgen, förnyelse:", err)),
    renewEvery,
  );
  (heartbeat as { unref?: () => void }).unref?.();

  let sent = 0;
  let failed = 0;
  try {
    for (const row of rows) {
      if (now().getTime() - renewedAt >= renewEvery) await renew();
      if (!held.has(row.id)) continue;
      let subject: string | null = null;
      try {
        const message = await render(row);
        subject = message.subject;
        await mailer.send(message);
      } catch (err) {
        // Given up at once when the receiving server refused the address for good.
        const failure = mailFailure(err);
        const giveUp = failure.permanent || row.attempts >= MAX_ATTEMPTS;
        const t = now().getTime();
        await recordResult(
          db,
          sql`UPDATE outbox SET status = ${giveUp ? "failed" : "pending"}, subject = ${subject}, last_error = ${failure.text},
                next_attempt_at = ${t + backoffMs(row.attempts)}, claimed_by = NULL
              WHERE id = ${row.id} AND claimed_by = ${opts.workerId}`,
        );
        failed++;
        if (failure.serverDown) {
          // The server is unreachable: the rest of the slice would fail alike, one timeout
          // each. They fail with this row's reason without a connection of their own, and
          // count the try, so a long outage lists and gives up every mail alike.
          const rest = rows.slice(rows.indexOf(row) + 1).map((r) => r.id);
          if (rest.length) {
            await recordResult(
              db,
              sql`UPDATE outbox SET status = CASE WHEN attempts >= ${MAX_ATTEMPTS} THEN 'failed' ELSE 'pending' END,
                    last_error = ${failure.text}, next_attempt_at = ${t + backoffMs(row.attempts)}, claimed_by = NULL
                  WHERE claimed_by = ${opts.workerId} AND status = 'sending' AND id IN (${sql.join(
                    rest.map((id) => sql`${id}`),
                    sql`, `,
                  )})`,
            );
            failed += rest.length;
          }
          break;
        }
        continue;
      }
      // Written right after the SMTP server took it, not at the end of the round: a crash
      // now can send again only the one mail that was being sent (decision 016).
      await recordResult(
        db,
        sql`UPDATE outbox SET status = 'sent', sent_at = ${now().getTime()}, subject = ${subject}, last_error = NULL, payload = NULL
            WHERE id = ${row.id} AND claimed_by = ${opts.workerId}`,
      );
      sent++;
    }
  } finally {
    clearInterval(heartbeat);
  }
  return { sent, failed };
}

/**
 * A mail's result, tried again a few times: if it is never written, the row is sent again
 * once the lease runs out, so a moment of a busy database must not cost a second mail.
 */
async function recordResult(db: Db, statement: SQL) {
  for (let attempt = 1; ; attempt++) {
    try {
      await db.run(statement);
      return;
    } catch (err) {
      if (attempt >= 4) throw err;
      await new Promise((ok) => setTimeout(ok, 200 * attempt));
    }
  }
}

/** Drains until nothing is due (bounded), for tests and the Cron Trigger. */
export async function drainAll(
  db: Db,
  mailer: Mailer,
  now: () => Date,
  ctx: MailContext,
  workerId: string,
  maxRounds = 100,
): Promise<DrainResult> {
  const total: DrainResult = { sent: 0, failed: 0 };
  for (let i = 0; i < maxRounds; i++) {
    const r = await drainOutbox(db, mailer, now, ctx, { workerId });
    total.sent += r.sent;
    total.failed += r.failed;
    if (r.sent + r.failed === 0) break;
  }
  return total;
}

// ---------------------------------------------------------------- mail the office must see

/** A pending mail that has failed this many times is listed as undelivered while it is still retried. */
export const LIST_RETRYING_AFTER = 3;
const LIST_LIMIT = 500;

/** Mail that has not reached its recipient: given up (`failed`), or failing and still retried (`retrying`). */
export async function listUndelivered(db: Db, organiserId: number) {
  const rows = await db
    .select()
    .from(outbox)
    .where(
      and(
        eq(outbox.organiserId, organiserId),
        sql`(${outbox.status} = 'failed' OR (${outbox.status} = 'pending' AND ${outbox.attempts} >= ${LIST_RETRYING_AFTER} AND ${outbox.lastError} IS NOT NULL))`,
      ),
    )
    .orderBy(sql`${outbox.id} DESC`)
    .limit(LIST_LIMIT);
  const regIds = [...new Set(rows.map((r) => r.registrationId).filter((id): id is number => id != null))];
  const regs = new Map(
    (regIds.length
      ? await db
          .select({ id: registrations.id, name: registrations.name, occasionId: registrations.occasionId })
          .from(registrations)
          .where(inArray(registrations.id, regIds))
      : []
    ).map((r) => [r.id, r]),
  );
  const userIds = [...new Set(rows.map((r) => r.userId).filter((id): id is number => id != null))];
  const staff = new Map(
    (userIds.length
      ? await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, userIds))
      : []
    ).map((u) => [u.id, u]),
  );
  const occasionIds = [...new Set([...regs.values()].map((r) => r.occasionId))];
  const bundles = new Map<number, OccasionBundle | null>();
  for (const id of occasionIds) bundles.set(id, await loadOccasion(db, id));
  return rows.map((row) => {
    const r = row.registrationId != null ? regs.get(row.registrationId) : undefined;
    const bundle = r ? bundles.get(r.occasionId) : null;
    return {
      id: row.id,
      to: row.toAddress,
      name: r?.name ?? (row.userId != null ? staff.get(row.userId)?.name : undefined) ?? null,
      kind: row.kind,
      subject: row.subject,
      occasion: bundle
        ? {
            id: bundle.occasion.id,
            title: occasionTitle(bundle.course, bundle.occasion),
            startsAt: bundle.occasion.startsAt.toISOString(),
          }
        : null,
      status: row.status === "failed" ? ("failed" as const) : ("retrying" as const),
      attempts: row.attempts,
      lastError: row.lastError,
      /** When the last try began (the claim's time). */
      lastAttemptAt: row.claimedAt?.toISOString() ?? null,
      nextAttemptAt: row.status === "failed" ? null : row.nextAttemptAt.toISOString(),
      createdAt: row.createdAt.toISOString(),
      /** Sign-in links expire within minutes: the person asks for a new one instead. */
      canResend: !STAFF_MAIL_KINDS.includes(row.kind as StaffMailKind),
    };
  });
}

/**
 * Puts an undelivered mail back in the queue, due now, with its tries counted from zero;
 * the audit row goes in the same batch and only if the row was changed (a drainer may have
 * taken it in between).
 */
export async function resendMail(db: Db, staff: StaffUser, now: Date, id: number) {
  const [row] = await db.select().from(outbox).where(eq(outbox.id, id));
  if (!row) throw notFound("Mejlet", "mail_not_found");
  if (row.organiserId !== staff.organiserId)
    throw new AppError(403, "forbidden", "Du har inte behörighet till det här.");
  if (STAFF_MAIL_KINDS.includes(row.kind as StaffMailKind)) {
    throw new AppError(
      409,
      "mail_not_resendable",
      "Inloggningslänkar skickas inte igen, eftersom de bara gäller en kort stund. Be personen begära en ny länk på inloggningssidan.",
    );
  }
  if (row.status === "sent") throw new AppError(409, "mail_already_sent", "Mejlet är redan skickat.");
  if (row.status === "sending")
    throw new AppError(409, "mail_sending", "Mejlet skickas just nu. Titta igen om en stund.");
  const t = now.getTime();
  const changed = sql`EXISTS (SELECT 1 FROM outbox WHERE id = ${id} AND status = 'pending' AND attempts = 0 AND next_attempt_at = ${t} AND last_error IS NULL)`;
  await db.batchSql([
    sql`UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = ${t}, claimed_by = NULL, last_error = NULL
        WHERE id = ${id} AND status IN ('failed', 'pending')`,
    auditStatement(
      staff,
      now,
      "mail.resend",
      "mail",
      id,
      {
        to: row.toAddress,
        kind: row.kind,
        subject: row.subject,
        status: row.status,
        attempts: row.attempts,
        lastError: row.lastError,
      },
      { status: "pending" },
      changed,
    ),
  ]);
  const [after] = await db
    .select({ status: outbox.status, attempts: outbox.attempts })
    .from(outbox)
    .where(eq(outbox.id, id));
  return { id, status: after!.status, attempts: after!.attempts };
}

/** The mails that tell a person her registration's new state (not reminders, messages or further days). */
const STATE_MAIL_KINDS = [
  "registration-confirmed",
  "registration-waitlisted",
  "registration-promoted",
  "registration-cancelled",
  "waitlist-left",
  "registration-moved",
  "registration-moved-in",
  "occasion-cancelled",
] as const satisfies readonly OutboxKind[];
export type StateMailKind = (typeof STATE_MAIL_KINDS)[number];

/**
 * Where the mail about her registration's latest change is, so the personal page says
 * "we are sending", "we have sent" or "could not be sent" truthfully: `queued` while it
 * waits or is retried, `sent` once the mail server took it, `failed` when it was given up.
 */
export async function latestStateMail(db: Db, registrationId: number) {
  const [row] = await db
    .select({ kind: outbox.kind, status: outbox.status })
    .from(outbox)
    .where(
      and(
        eq(outbox.registrationId, registrationId),
        sql`${outbox.dayId} IS NULL`,
        inArray(outbox.kind, [...STATE_MAIL_KINDS]),
      ),
    )
    .orderBy(sql`${outbox.id} DESC`)
    .limit(1);
  if (!row) return null;
  const status = row.status === "sent" ? "sent" : row.status === "failed" ? "failed" : "queued";
  return { kind: row.kind as StateMailKind, status: status as "queued" | "sent" | "failed" };
}
