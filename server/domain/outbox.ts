// The outbox: mail rows written in the same batch as the change that causes them, sent
// later by a drainer (the Node loop, or a Cron Trigger on Workers). A web request never
// waits for SMTP. Rows are claimed with one UPDATE … RETURNING, so two drainers running at
// once never take the same row.
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { organisers, outbox, registrations, users, type OutboxRow } from "../../db/schema.ts";
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
import { loadOccasion, type OccasionBundle } from "./occasions.ts";

export const MAX_ATTEMPTS = 8;
/** A row claimed longer ago than this is taken to belong to a drainer that died. */
export const CLAIM_TIMEOUT_MS = 5 * 60_000;

export function backoffMs(attempts: number): number {
  return Math.min(60 * 60_000, 30_000 * 2 ** Math.max(0, attempts - 1));
}

export async function claimOutbox(db: Db, now: Date, workerId: string, limit: number): Promise<OutboxRow[]> {
  const t = now.getTime();
  const rows = await db.all<Record<string, unknown>>(sql`
    UPDATE outbox SET status = 'sending', claimed_by = ${workerId}, claimed_at = ${t}, attempts = attempts + 1
    WHERE id IN (
      SELECT id FROM outbox
      WHERE (status = 'pending' AND next_attempt_at <= ${t})
         OR (status = 'sending' AND claimed_at < ${t - CLAIM_TIMEOUT_MS})
      ORDER BY id LIMIT ${limit}
    )
    RETURNING id
  `);
  if (rows.length === 0) return [];
  const ids = rows.map((r) => Number(r.id));
  const claimed = await db
    .select()
    .from(outbox)
    .where(and(eq(outbox.claimedBy, workerId), sql`${outbox.id} IN (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`));
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
  opts: { workerId: string; limit?: number },
): Promise<DrainResult> {
  const rows = await claimOutbox(db, now(), opts.workerId, opts.limit ?? 25);
  if (rows.length === 0) return { sent: 0, failed: 0 };

  // Load what the mails need once per round: the registrations in one query, each occasion
  // once however many of its people get mail (a burst of registrations is one occasion).
  const regIds = [...new Set(rows.map((r) => r.registrationId).filter((id): id is number => id != null))];
  const regs = new Map(
    (regIds.length ? await db.select().from(registrations).where(inArray(registrations.id, regIds)) : []).map((r) => [r.id, r]),
  );
  // Waiting-list places of everyone in this round who gets a "you are on the list" mail.
  const waitlistedIds = rows.filter((r) => r.kind === "registration-waitlisted" && r.registrationId != null).map((r) => r.registrationId!);
  const positions = new Map<number, number>();
  if (waitlistedIds.length) {
    const found = await db.all<{ id: number; pos: number }>(sql`
      SELECT r.id AS id,
        (SELECT count(*) FROM registrations w WHERE w.occasion_id = r.occasion_id AND w.status = 'waitlisted' AND w.id <= r.id) AS pos
      FROM registrations r WHERE r.status = 'waitlisted' AND r.id IN (${sql.join(waitlistedIds.map((id) => sql`${id}`), sql`, `)})
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
    if (!OUTBOX_KINDS.includes(row.kind as OutboxKind) || !r) throw new Error(`okänd utkorgsrad ${row.kind}/${row.registrationId}`);
    const bundle = await bundleFor(r.occasionId);
    if (!bundle) throw new Error(`tillfälle ${r.occasionId} finns inte`);
    return renderRegistrationMail(row.kind as OutboxKind, r, bundle, row.sequence, positions.get(r.id) ?? null, ctx, JSON.parse(row.payload ?? "{}"), row.dayId);
  };

  const sent: { id: number; subject: string }[] = [];
  const failed: { row: OutboxRow; subject: string | null; error: string }[] = [];
  for (const row of rows) {
    let subject: string | null = null;
    try {
      const message = await render(row);
      subject = message.subject;
      await mailer.send(message);
      sent.push({ id: row.id, subject });
    } catch (err) {
      failed.push({ row, subject, error: err instanceof Error ? err.message : String(err) });
    }
  }

  // Record the outcome in one write.
  const t = now().getTime();
  const updates = [
    ...sent.map(
      (x) => sql`UPDATE outbox SET status = 'sent', sent_at = ${t}, subject = ${x.subject}, last_error = NULL, payload = NULL
                 WHERE id = ${x.id} AND claimed_by = ${opts.workerId}`,
    ),
    ...failed.map(({ row, subject, error }) => {
      const giveUp = row.attempts >= MAX_ATTEMPTS;
      return sql`UPDATE outbox SET status = ${giveUp ? "failed" : "pending"}, subject = ${subject},
                   last_error = ${error.slice(0, 1000)}, next_attempt_at = ${t + backoffMs(row.attempts)}, claimed_by = NULL
                 WHERE id = ${row.id} AND claimed_by = ${opts.workerId}`;
    }),
  ];
  await db.batchSql(updates);
  return { sent: sent.length, failed: failed.length };
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
