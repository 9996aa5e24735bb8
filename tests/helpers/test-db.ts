// A fresh libSQL file per test file (or per call), migrated, with the app built on it.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { migrateLibsql, openLibsql, type LibsqlHandle } from "../../db/libsql.ts";
import { seedOrganiser } from "../../db/seed.ts";
import { courseIdsFor, createTestOccasion, type TestOccasionInput } from "./fixtures.ts";
import { createApp } from "../../server/app.ts";
import type { Mailer, MailMessage } from "../../server/mail/mailer.ts";
import { drainAll } from "../../server/domain/outbox.ts";
import { createApiToken, createUser, type Role } from "../../server/domain/staff.ts";
import { forwardedAddress, parseRateLimits, RATE_LIMITS_OFF } from "../../server/domain/rate-limit.ts";

export const PUBLIC_URL = "http://kurser.test";
export const MAIL_FROM = "Samordningsförbundet i Halland <kurser@halland.example.se>";

export interface TestContext {
  handle: LibsqlHandle;
  app: ReturnType<typeof createApp>;
  /** The time the app sees; change it to move the world forward. */
  now: { value: Date };
  organiserId: number;
  /** Mails the test mailer received (when drained with drain()). */
  sent: MailMessage[];
  drain(mailer?: Mailer): Promise<{ sent: number; failed: number }>;
  occasion(input?: TestOccasionInput): Promise<number>;
  close(): Promise<void>;
}

/** The address a test request comes from when it names none in X-Forwarded-For. */
export const TEST_CLIENT_ADDRESS = "192.0.2.1";

/**
 * `rateLimits`: a RATE_LIMITS value (`on`, `off`, `sign-in-email=2/1m`, …). Off unless asked
 * for: the property and fuzz tests send hundreds of requests from one address. With limits,
 * a request's address is X-Forwarded-For (as behind one trusted proxy), else TEST_CLIENT_ADDRESS.
 */
export async function createTestContext(opts: { now?: Date; rateLimits?: string } = {}): Promise<TestContext> {
  const dir = mkdtempSync(join(tmpdir(), "kurser-test-"));
  const handle = await openLibsql(`file:${join(dir, "test.db")}`);
  await migrateLibsql(handle);
  const now = { value: opts.now ?? new Date("2026-03-02T08:00:00Z") };
  const org = await seedOrganiser(handle.db, now.value);
  await courseIdsFor(handle.db, org.id, now.value);
  const sent: MailMessage[] = [];
  const memoryMailer: Mailer = { send: async (m) => void sent.push(m) };
  const rateLimits = opts.rateLimits === undefined ? RATE_LIMITS_OFF : parseRateLimits(opts.rateLimits);
  if ("error" in rateLimits) throw new Error(`RATE_LIMITS: ${rateLimits.error}`);
  const app = createApp({
    db: handle.db,
    clock: () => now.value,
    publicUrl: PUBLIC_URL,
    mailFrom: MAIL_FROM,
    rateLimits,
    clientAddress: (c) => forwardedAddress(c.req.header("x-forwarded-for"), 1) ?? TEST_CLIENT_ADDRESS,
  });
  return {
    handle,
    app,
    now,
    organiserId: org.id,
    sent,
    drain: (mailer = memoryMailer) =>
      drainAll(handle.db, mailer, () => now.value, { publicUrl: PUBLIC_URL, from: MAIL_FROM }, "test"),
    occasion: (input = {}) => createTestOccasion(handle.db, org.id, now.value, input),
    async close() {
      handle.client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Answer {
  status: number;
  json: any;
  text: string;
  headers: Headers;
}

/** A request as a client sends it: JSON body when there is one (strings are sent as they are). */
export function jsonRequest(method: string, body?: unknown): RequestInit {
  return {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  };
}

/** The answer with its body read as text and, when it is JSON, parsed. */
export async function readAnswer(res: Response): Promise<Answer> {
  const text = await res.text();
  let json: any = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: res.status, json, text, headers: res.headers };
}

/** JSON request against the app, the way a client sends it. */
export async function api(app: TestContext["app"], method: string, path: string, body?: unknown): Promise<Answer> {
  return readAnswer(await app.request(path, jsonRequest(method, body)));
}

let personNo = 0;
/** A valid registration body for an invented person. */
export function person(overrides: Record<string, unknown> = {}) {
  personNo++;
  return {
    name: `Testperson ${personNo}`,
    email: `testperson.${personNo}.${Math.random().toString(36).slice(2, 8)}@example.se`,
    party: "fk",
    workplace: { name: "Försäkringskassan Halmstad", municipality: "Halmstad" },
    role: "Handläggare",
    acceptPrivacy: true,
    ...overrides,
  };
}

/** A staff account with an API token, for `Authorization: Bearer`. */
export async function staffToken(t: TestContext, role: Role, organiserId = t.organiserId, email?: string) {
  const user = await createUser(t.handle.db, t.now.value, {
    organiserId,
    email: email ?? `${role}.${Math.random().toString(36).slice(2, 8)}@halland.example.se`,
    name: `Test ${role}`,
    role,
  });
  return { user, token: await createApiToken(t.handle.db, t.now.value, user.id, "test") };
}

/** A request with a staff member's API token. */
export async function staffApi(
  t: TestContext,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<Answer> {
  const init = jsonRequest(method, body);
  return readAnswer(
    await t.app.request(path, {
      ...init,
      headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${token}` },
    }),
  );
}
