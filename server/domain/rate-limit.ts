// Rate limits (decision 015): how many requests of a kind one address, e-mail or check-in
// day may make per window. The rules are data; the counters are rows in `rate_limits`, bumped
// by one upsert per check, so a limit holds across Worker isolates and several Node instances
// alike (an in-memory counter would be per isolate, and Workers spread one client over many).
//
// Fixed windows: a counter per rule, key and window (say 10:00–10:10). Simple and one
// statement; at a window's edge a client can get up to twice the limit in a short while,
// which is still orders of magnitude below what the limits are for (hundreds a second).
import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/client.ts";
import { sha256 } from "./staff.ts";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * What a rule counts per: the client's address (IPv6 by its /64), the e-mail given
 * (normalised lower case), or an occasion day together with the address.
 */
export type KeyKind = "address" | "email" | "day-address";

export interface RateLimitRule {
  key: KeyKind;
  /** Requests allowed per window; the one after that gets 429 until the window ends. */
  limit: number;
  windowMs: number;
  /**
   * When set, only answers with these error codes count (wrong check-in codes, unknown
   * tokens): a person who gets it right is never slowed, a guesser is stopped. The check
   * comes before the work, so a blocked guesser learns nothing from the answer.
   */
  countsOnly?: readonly string[];
}

/**
 * The defaults, and why (docs/decisions/015-rate-limits.md). Per address generous: hundreds
 * of staff of one agency reach us from one public address. Per e-mail strict: each allowed
 * request sends that inbox a mail.
 */
export const DEFAULT_RULES = {
  /** An agency behind one NAT signing up for a popular course the hour it is announced. */
  "registration-address": { key: "address", limit: 100, windowMs: 10 * MINUTE },
  /** Each registration (or repeat) mails the address: a few courses at a sitting, no more. */
  "registration-email": { key: "email", limit: 8, windowMs: HOUR },
  /** Sign-in links per staff account's address, known or not (the answer must not tell). */
  "sign-in-email": { key: "email", limit: 5, windowMs: 15 * MINUTE },
  "sign-in-address": { key: "address", limit: 30, windowMs: 15 * MINUTE },
  /** Wrong check-in codes (or addresses without a place) per day from one address: a room on one Wi-Fi mistypes now and then. */
  "checkin-wrong": {
    key: "day-address",
    limit: 20,
    windowMs: 10 * MINUTE,
    countsOnly: ["checkin_code_invalid", "not_registered"],
  },
  /** Personal-link look-ups (page, cancel, invitation, certificate, evaluation) per address. */
  "token-address": { key: "address", limit: 300, windowMs: 10 * MINUTE },
  /** Unknown personal or evaluation links per address: someone guessing tokens. */
  "token-unknown": {
    key: "address",
    limit: 20,
    windowMs: 10 * MINUTE,
    countsOnly: ["registration_not_found", "evaluation_not_found"],
  },
} as const satisfies Record<string, RateLimitRule>;

export type RuleName = keyof typeof DEFAULT_RULES;
export const RULE_NAMES = Object.keys(DEFAULT_RULES) as RuleName[];

export interface RateLimitSettings {
  enabled: boolean;
  rules: Record<RuleName, RateLimitRule>;
}

export const RATE_LIMITS_ON: RateLimitSettings = { enabled: true, rules: DEFAULT_RULES };
export const RATE_LIMITS_OFF: RateLimitSettings = { enabled: false, rules: DEFAULT_RULES };

const UNITS = { s: 1000, m: MINUTE, h: HOUR } as const;

/**
 * The RATE_LIMITS setting: `on` (default), `off` (load tests), or changes to named rules,
 * e.g. `registration-address=200/10m,sign-in-email=3/15m` (on, with those two changed).
 */
export function parseRateLimits(text: string): RateLimitSettings | { error: string } {
  const t = text.trim().toLowerCase();
  if (t === "" || t === "on") return RATE_LIMITS_ON;
  if (t === "off") return RATE_LIMITS_OFF;
  const rules: Record<RuleName, RateLimitRule> = { ...DEFAULT_RULES };
  for (const part of t
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^([a-z-]+)=(\d{1,6})\/(\d{1,4})([smh])$/.exec(part);
    if (!m) return { error: `"${part}" ska skrivas namn=antal/fönster, t.ex. registration-address=200/10m` };
    const name = m[1] as RuleName;
    if (!(name in DEFAULT_RULES)) return { error: `okänd gräns "${m[1]}" (finns: ${RULE_NAMES.join(", ")})` };
    const limit = Number(m[2]);
    const windowMs = Number(m[3]) * UNITS[m[4] as keyof typeof UNITS];
    if (limit < 1 || windowMs < 1000) return { error: `"${part}": antal och fönster ska vara minst 1` };
    rules[name] = { ...DEFAULT_RULES[name], limit, windowMs };
  }
  return { enabled: true, rules };
}

/** RATE_LIMITS as a zod field, for the Node and the Worker settings alike. */
export const rateLimitsSetting = z
  .string()
  .default("on")
  .transform((text, ctx): RateLimitSettings => {
    const parsed = parseRateLimits(text);
    if ("error" in parsed) {
      ctx.addIssue({ code: "custom", message: `${parsed.error}; eller on/off` });
      return z.NEVER;
    }
    return parsed;
  });

// ---------------------------------------------------------------- addresses

/**
 * The address a limit counts per. IPv4 as it is (an IPv4-mapped IPv6 address as IPv4);
 * IPv6 by its /64, since one household or office gets a whole /64 and can take a new
 * address in it at will. No address known (a runtime that does not tell): one shared key.
 */
export function addressKey(address: string | null | undefined): string {
  let a = (address ?? "").trim().toLowerCase();
  if (!a) return "unknown";
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(a);
  if (bracketed) a = bracketed[1]!;
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(a)) a = a.slice(0, a.lastIndexOf(":")); // "1.2.3.4:5678" from some proxies
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (mapped) return mapped[1]!;
  if (!a.includes(":")) return a;
  a = a.replace(/%.*$/, ""); // zone id
  const [head = "", tail] = a.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups =
    tail === undefined ? left : [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}

/**
 * The client's address from X-Forwarded-For behind `hops` proxies of our own (TRUST_PROXY):
 * each proxy appends the address it saw, so the one `hops` from the right is the one our
 * outermost proxy saw. Entries further left are whatever the client wrote, never trusted.
 */
export function forwardedAddress(header: string | null | undefined, hops: number): string | undefined {
  if (!header || hops < 1) return undefined;
  const entries = header
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  if (!entries.length) return undefined;
  return entries[Math.max(0, entries.length - hops)];
}

// ---------------------------------------------------------------- counting

export interface RateLimitHit {
  name: RuleName;
  rule: RateLimitRule;
  /** The address, e-mail or day+address this request counts under. */
  value: string;
}

export type RateLimitVerdict = { blocked: false } | { blocked: true; rule: RuleName; retryAfterSeconds: number };

/** Expired rows deleted per counting batch: as many as one request can add, and then some. */
export const SWEEP_ROWS = 50;

const windowOf = (rule: RateLimitRule, now: Date) => {
  const start = Math.floor(now.getTime() / rule.windowMs) * rule.windowMs;
  return { start, end: start + rule.windowMs };
};

// The stored key names the rule and a hash of the value: the table holds no readable
// address or e-mail, and a key is short whatever the client sent.
const storedKey = async (hit: RateLimitHit) => `${hit.name}:${(await sha256(hit.value)).slice(0, 32)}`;

async function bump(hit: RateLimitHit, now: Date): Promise<SQL> {
  const w = windowOf(hit.rule, now);
  return sql`INSERT INTO rate_limits (key, window_start, count, expires_at) VALUES (${await storedKey(hit)}, ${w.start}, 1, ${w.end})
    ON CONFLICT (key, window_start) DO UPDATE SET count = count + 1
    RETURNING count`;
}

// Expired windows go in the same batch as the counting, a few at a time through the index on
// expires_at: no timer on either runtime, and the table stays about as large as the live windows.
const sweep = (now: Date) =>
  sql`DELETE FROM rate_limits WHERE rowid IN (SELECT rowid FROM rate_limits WHERE expires_at <= ${now.getTime()} LIMIT ${SWEEP_ROWS})`;

/**
 * Counts this request under every rule that counts all requests, reads the counters of the
 * rules that count only failures, and says whether any is over its limit. One batch.
 */
export async function checkRateLimits(db: Db, now: Date, hits: RateLimitHit[]): Promise<RateLimitVerdict> {
  if (!hits.length) return { blocked: false };
  const statements: SQL[] = [];
  for (const hit of hits) {
    if (hit.rule.countsOnly) {
      const w = windowOf(hit.rule, now);
      statements.push(
        sql`SELECT coalesce((SELECT count FROM rate_limits WHERE key = ${await storedKey(hit)} AND window_start = ${w.start}), 0) AS count`,
      );
    } else {
      statements.push(await bump(hit, now));
    }
  }
  if (hits.some((h) => !h.rule.countsOnly)) statements.push(sweep(now));
  const results = await db.batchSql(statements);
  let verdict: RateLimitVerdict = { blocked: false };
  hits.forEach((hit, i) => {
    const count = Number(results[i]?.[0]?.count ?? 0);
    // A counting rule has counted this request already; a failure rule has not yet.
    const over = hit.rule.countsOnly ? count >= hit.rule.limit : count > hit.rule.limit;
    if (!over) return;
    const retryAfterSeconds = Math.max(1, Math.ceil((windowOf(hit.rule, now).end - now.getTime()) / 1000));
    if (!verdict.blocked || retryAfterSeconds > verdict.retryAfterSeconds)
      verdict = { blocked: true, rule: hit.name, retryAfterSeconds };
  });
  return verdict;
}

/** Counts a failure (a wrong code, an unknown token) under the rules that count only those. */
export async function countFailure(db: Db, now: Date, hits: RateLimitHit[]): Promise<void> {
  if (!hits.length) return;
  await db.batchSql([...(await Promise.all(hits.map((h) => bump(h, now)))), sweep(now)]);
}

/** The Swedish answer to a limited request: how long to wait, in whole minutes. */
export function rateLimitedMessage(retryAfterSeconds: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return `Du har gjort för många försök på kort tid. Vänta ${minutes === 1 ? "en minut" : `${minutes} minuter`} och försök sedan igen.`;
}
