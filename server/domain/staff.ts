// Staff accounts and sign-in: one-time links by e-mail, browser sessions with a CSRF token,
// and API tokens for scripts. Every secret is random, shown once, and stored only as its
// SHA-256 hash, so a copy of the database lets nobody in.
import { and, eq, gt, isNull, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { authTokens, organisers, users, type User } from "../../db/schema.ts";
import { AppError } from "./errors.ts";
import { emailKey, newToken } from "./registration.ts";

export const ROLES = ["office", "leader"] as const;
export type Role = (typeof ROLES)[number];

export const LINK_TTL_MS = 20 * 60_000;
export const SESSION_TTL_MS = 12 * 3_600_000;

export async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

export interface StaffUser {
  id: number;
  organiserId: number;
  organiserSlug: string;
  name: string;
  email: string;
  role: Role;
}

export async function createUser(
  db: Db,
  now: Date,
  input: { organiserId: number; email: string; name: string; role: Role },
): Promise<User> {
  const [row] = await db
    .insert(users)
    .values({ ...input, email: input.email.trim(), emailKey: emailKey(input.email), createdAt: now })
    .onConflictDoUpdate({
      target: [users.organiserId, users.emailKey],
      set: { name: input.name, role: input.role, disabledAt: null },
    })
    .returning();
  return row!;
}

/**
 * The mailed link opens a page that asks "Logga in som …?"; only its button's POST uses
 * the link up, so a mail scanner that fetches the link first does no harm (decision 017).
 */
export function signInUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/logga-in/lank?token=${encodeURIComponent(token)}`;
}

/**
 * A sign-in link's token is "<random>.<user id>", stored as "<SHA-256 of random>.<user id>":
 * the id lets one statement give each account of an address a link of its own (see
 * requestSignInLink; the accounts share one inbox, so nobody gets a link to someone else's).
 * A token without a dot is a plain hash (links mailed before the change).
 */
async function linkTokenHash(token: string): Promise<string> {
  const dot = token.lastIndexOf(".");
  return dot > 0 ? `${await sha256(token.slice(0, dot))}${token.slice(dot)}` : sha256(token);
}

const linkInvalid = () =>
  new AppError(401, "link_invalid", "Inloggningslänken är ogiltig, redan använd eller för gammal. Be om en ny.");

/** A one-time sign-in link for this user (for the admin command and the demo's start). */
export async function issueSignInToken(db: Db, now: Date, userId: number): Promise<string> {
  const token = `${newToken()}.${userId}`;
  await db.insert(authTokens).values({
    userId,
    kind: "link",
    tokenHash: await linkTokenHash(token),
    expiresAt: new Date(now.getTime() + LINK_TTL_MS),
    createdAt: now,
  });
  return token;
}

/**
 * Sends a sign-in link to every active account with this address (a person can work for
 * two förbund). Says nothing about whether one exists, by its answer or by its time: the
 * same work is done for any address, one write of the same two statements, and the SQL
 * finds the accounts (none, one or more) and writes their links and mails.
 */
export async function requestSignInLink(
  db: Db,
  now: Date,
  email: string,
  publicUrl: string,
  next?: string | null,
): Promise<void> {
  const t = now.getTime();
  const secret = newToken();
  const hash = await sha256(secret);
  const key = emailKey(email);
  // signInUrl of "<secret>.<id>", with the id added by the statement.
  const urlBeforeId = `${signInUrl(publicUrl, secret)}.`;
  // The page asked for before signing in (validated by the route: safeNextPath), after the id.
  const urlAfterId = next ? `&till=${encodeURIComponent(next)}` : "";
  await db.batchSql([
    sql`INSERT INTO auth_tokens (user_id, kind, token_hash, expires_at, created_at)
        SELECT id, 'link', ${hash} || '.' || id, ${t + LINK_TTL_MS}, ${t}
        FROM users WHERE email_key = ${key} AND disabled_at IS NULL`,
    sql`INSERT INTO outbox (organiser_id, kind, user_id, sequence, to_address, payload, status, next_attempt_at, created_at)
        SELECT organiser_id, 'sign-in-link', id, 0, email, json_object('url', ${urlBeforeId} || id || ${urlAfterId}), 'pending', ${t}, ${t}
        FROM users WHERE email_key = ${key} AND disabled_at IS NULL`,
  ]);
}

/** Whose a sign-in link is, for the page that asks "Logga in som …?". Does not use it up. */
export async function describeSignInLink(
  db: Db,
  now: Date,
  token: string,
): Promise<{ name: string; email: string; role: Role; organiserName: string }> {
  const [row] = await db
    .select({ name: users.name, email: users.email, role: users.role, organiserName: organisers.name })
    .from(authTokens)
    .innerJoin(users, eq(users.id, authTokens.userId))
    .innerJoin(organisers, eq(organisers.id, users.organiserId))
    .where(
      and(
        eq(authTokens.tokenHash, await linkTokenHash(token)),
        eq(authTokens.kind, "link"),
        isNull(authTokens.usedAt),
        gt(authTokens.expiresAt, now),
        isNull(users.disabledAt),
      ),
    );
  if (!row) throw linkInvalid();
  return { ...row, role: row.role as Role };
}

/**
 * Redeems a sign-in link once: a new session (and CSRF token) for its user, and the
 * session this browser had before, if any, ended (a session is never carried across a
 * sign-in). One write: the session is inserted only while the link is unused, then the
 * link is marked used, so a link gives one session even when the button is pressed twice.
 */
export async function redeemSignInToken(
  db: Db,
  now: Date,
  token: string,
  previousSession?: string,
): Promise<{ session: string; csrf: string; user: StaffUser }> {
  const t = now.getTime();
  const link = await linkTokenHash(token);
  const session = newToken();
  const sessionHash = await sha256(session);
  const csrf = newToken();
  const statements = [
    sql`INSERT INTO auth_tokens (user_id, kind, token_hash, csrf_token, expires_at, created_at)
        SELECT l.user_id, 'session', ${sessionHash}, ${csrf}, ${t + SESSION_TTL_MS}, ${t}
        FROM auth_tokens l JOIN users u ON u.id = l.user_id
        WHERE l.token_hash = ${link} AND l.kind = 'link' AND l.used_at IS NULL AND l.expires_at > ${t} AND u.disabled_at IS NULL
        RETURNING user_id`,
    sql`UPDATE auth_tokens SET used_at = ${t} WHERE token_hash = ${link} AND kind = 'link' AND used_at IS NULL AND expires_at > ${t}`,
  ];
  if (previousSession) {
    statements.push(sql`UPDATE auth_tokens SET expires_at = ${t}
      WHERE token_hash = ${await sha256(previousSession)} AND kind = 'session'
        AND EXISTS (SELECT 1 FROM auth_tokens WHERE token_hash = ${sessionHash})`);
  }
  const [inserted] = await db.batchSql(statements);
  if (!inserted?.length) throw linkInvalid();
  const auth = await authenticate(db, now, session, "session");
  if (!auth) throw linkInvalid();
  return { session, csrf, user: auth.user };
}

export async function createApiToken(db: Db, now: Date, userId: number, label: string): Promise<string> {
  const token = `fk_${newToken()}`;
  await db.insert(authTokens).values({ userId, kind: "api", tokenHash: await sha256(token), label, createdAt: now });
  return token;
}

export interface Authenticated {
  user: StaffUser;
  via: "session" | "api";
  /** The session's CSRF token (sessions only). */
  csrf: string | null;
}

/** The staff member behind a session cookie or an API token, or null. */
export async function authenticate(
  db: Db,
  now: Date,
  secret: string,
  kind: "session" | "api",
): Promise<Authenticated | null> {
  const [row] = await db
    .select({ token: authTokens, user: users, organiserSlug: organisers.slug })
    .from(authTokens)
    .innerJoin(users, eq(users.id, authTokens.userId))
    .innerJoin(organisers, eq(organisers.id, users.organiserId))
    .where(
      and(
        eq(authTokens.tokenHash, await sha256(secret)),
        eq(authTokens.kind, kind),
        isNull(users.disabledAt),
        or(isNull(authTokens.expiresAt), gt(authTokens.expiresAt, now)),
      ),
    );
  if (!row) return null;
  const { user } = row;
  return {
    user: {
      id: user.id,
      organiserId: user.organiserId,
      organiserSlug: row.organiserSlug,
      name: user.name,
      email: user.email,
      role: user.role as Role,
    },
    via: kind,
    csrf: row.token.csrfToken,
  };
}

export async function endSession(db: Db, now: Date, session: string): Promise<void> {
  await db
    .update(authTokens)
    .set({ expiresAt: now })
    .where(and(eq(authTokens.tokenHash, await sha256(session)), eq(authTokens.kind, "session")));
}

export async function findUserByEmail(db: Db, email: string, organiserId?: number) {
  const rows = await db
    .select()
    .from(users)
    .where(
      organiserId
        ? and(eq(users.emailKey, emailKey(email)), eq(users.organiserId, organiserId))
        : eq(users.emailKey, emailKey(email)),
    );
  return rows[0] ?? null;
}
