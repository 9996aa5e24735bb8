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

export function signInUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/api/auth/callback?token=${encodeURIComponent(token)}`;
}

/** A one-time sign-in link for this user (for the admin command and the sign-in mail). */
export async function issueSignInToken(db: Db, now: Date, userId: number): Promise<string> {
  const token = newToken();
  await db.insert(authTokens).values({
    userId,
    kind: "link",
    tokenHash: await sha256(token),
    expiresAt: new Date(now.getTime() + LINK_TTL_MS),
    createdAt: now,
  });
  return token;
}

/**
 * Sends a sign-in link to every active account with this address (a person can work for
 * two förbund). Says nothing about whether one exists: the answer is the same either way.
 */
export async function requestSignInLink(db: Db, now: Date, email: string, publicUrl: string): Promise<void> {
  const found = await db
    .select()
    .from(users)
    .where(and(eq(users.emailKey, emailKey(email)), isNull(users.disabledAt)));
  const t = now.getTime();
  for (const user of found) {
    const token = newToken();
    // The link and its mail in one write.
    await db.batchSql([
      sql`INSERT INTO auth_tokens (user_id, kind, token_hash, expires_at, created_at)
          VALUES (${user.id}, 'link', ${await sha256(token)}, ${t + LINK_TTL_MS}, ${t})`,
      sql`INSERT INTO outbox (organiser_id, kind, user_id, sequence, to_address, payload, status, next_attempt_at, created_at)
          VALUES (${user.organiserId}, 'sign-in-link', ${user.id}, 0, ${user.email},
                  ${JSON.stringify({ url: signInUrl(publicUrl, token) })}, 'pending', ${t}, ${t})`,
    ]);
  }
}

/** Redeems a sign-in link once; returns a new session and its CSRF token. */
export async function redeemSignInToken(db: Db, now: Date, token: string): Promise<{ session: string; csrf: string; userId: number }> {
  const [used] = await db
    .update(authTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(authTokens.tokenHash, await sha256(token)),
        eq(authTokens.kind, "link"),
        isNull(authTokens.usedAt),
        gt(authTokens.expiresAt, now),
      ),
    )
    .returning({ userId: authTokens.userId });
  if (!used) throw new AppError(401, "link_invalid", "Inloggningslänken är ogiltig, redan använd eller för gammal. Be om en ny.");
  const session = newToken();
  const csrf = newToken();
  await db.insert(authTokens).values({
    userId: used.userId,
    kind: "session",
    tokenHash: await sha256(session),
    csrfToken: csrf,
    expiresAt: new Date(now.getTime() + SESSION_TTL_MS),
    createdAt: now,
  });
  return { session, csrf, userId: used.userId };
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
export async function authenticate(db: Db, now: Date, secret: string, kind: "session" | "api"): Promise<Authenticated | null> {
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
    user: { id: user.id, organiserId: user.organiserId, organiserSlug: row.organiserSlug, name: user.name, email: user.email, role: user.role as Role },
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
    .where(organiserId ? and(eq(users.emailKey, emailKey(email)), eq(users.organiserId, organiserId)) : eq(users.emailKey, emailKey(email)));
  return rows[0] ?? null;
}
