// Mail that survives crashes and is never dropped silently (issue 10, decision 016), against a
// real SMTP server on loopback that can be down, refuse an address, or be left hanging mid-
// message: a sender that dies at any point sends no mail twice (except, measured here, the one
// mail the SMTP server had taken when it died), its claims are taken over after the lease and
// not before, a live slow sender keeps its rows, an outage during a burst of 200 delivers every
// mail once when the server is back, `kill -9` of the real server mid-burst loses no
// registration and no mail, mail that keeps failing is listed for the office with a readable
// reason and can be sent again, the personal page's mail state is true, and addresses that
// SMTP servers refuse are refused at every form.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFinished } from "vitest";
import type { Db } from "../../db/client.ts";
import { migrateLibsql, openLibsql } from "../../db/libsql.ts";
import { auditLog, occasionDays, outbox, registrations } from "../../db/schema.ts";
import { seedOrganiser } from "../../db/seed.ts";
import { drainOutbox, LEASE_MS, LIST_RETRYING_AFTER, MAX_ATTEMPTS } from "../../server/domain/outbox.ts";
import { startServer } from "../../server/entry.node.ts";
import { loadEnv } from "../../server/env.ts";
import { mailFailure } from "../../server/mail/mail-error.ts";
import type { Mailer } from "../../server/mail/mailer.ts";
import { smtpMailer } from "../../server/mail/smtp.ts";
import { NON_ASCII_LOCAL_PART } from "../../server/routes/validate.ts";
import { createTestOccasion } from "../helpers/fixtures.ts";
import { startSmtp, type TestSmtp } from "../helpers/smtp.ts";
import {
  api,
  createTestContext,
  MAIL_FROM,
  person,
  PUBLIC_URL,
  staffApi,
  staffToken,
  type TestContext,
} from "../helpers/test-db.ts";

const ctx = { publicUrl: PUBLIC_URL, from: MAIL_FROM };
const ROOT = resolve(import.meta.dirname, "../..");

let smtp: TestSmtp;
let mailer: Mailer;
beforeAll(async () => {
  smtp = await startSmtp();
  mailer = smtpMailer(smtp.url);
});
afterAll(async () => {
  mailer.close?.();
  await smtp.close();
});
beforeEach(() => {
  smtp.messages.length = 0;
  smtp.down = false;
  smtp.refuse.clear();
  smtp.intercept = undefined;
});

/** A fresh database and app for one test, so no other test's mail is due in it. */
async function fresh(): Promise<TestContext> {
  const t = await createTestContext({ now: new Date("2026-03-02T08:00:00Z") });
  onTestFinished(() => t.close());
  return t;
}

/** How many messages the SMTP server took for each envelope recipient. */
function received(): Map<string, number> {
  const n = new Map<string, number>();
  for (const m of smtp.messages) for (const to of m.to) n.set(to, (n.get(to) ?? 0) + 1);
  return n;
}

const advance = (t: TestContext, ms: number) => (t.now.value = new Date(t.now.value.getTime() + ms));

async function registerMany(t: TestContext, count: number, tag: string, capacity = count): Promise<string[]> {
  const id = await t.occasion({ capacity });
  const emails = Array.from({ length: count }, (_, i) => `${tag}.${i}@example.se`);
  for (const email of emails)
    expect((await api(t.app, "POST", `/api/occasions/${id}/registrations`, person({ email }))).status).toBe(201);
  return emails;
}

async function statuses(db: Db): Promise<Record<string, number>> {
  const rows = await db.all<{ status: string; n: number }>(
    sql`SELECT status, count(*) AS n FROM outbox GROUP BY status`,
  );
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

/**
 * A sender whose process dies: from `kill()` on, its database calls fail (the heartbeat that
 * renews its lease too), and the send it is in never returns.
 */
function mortal(db: Db) {
  let dead = false;
  const writes = new Set<PropertyKey>(["all", "run", "get", "values", "batchSql", "batch"]);
  const proxy = new Proxy(db, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) =>
        dead && writes.has(prop) ? Promise.reject(new Error("processen är borta")) : value.apply(target, args);
    },
  });
  let fail!: (err: Error) => void;
  const hung = new Promise<never>((_, reject) => (fail = reject));
  hung.catch(() => {});
  let killed!: () => void;
  const dies = new Promise<void>((ok) => (killed = ok));
  return {
    db: proxy,
    /** The sender: real SMTP, and death at mail number `k` (0-based), before or after the server took it. */
    mailer(k: number, when: "before-send" | "after-send"): Mailer {
      let n = 0;
      return {
        async send(m) {
          const i = n++;
          if (i === k && when === "before-send") {
            dead = true;
            killed();
            return hung;
          }
          await mailer.send(m);
          if (i === k && when === "after-send") {
            dead = true;
            killed();
            return hung;
          }
        },
      };
    },
    dies,
    /** Lets the hung send fail, so the dead drain's promise settles at the end of the test. */
    bury: () => fail(new Error("processen är borta")),
  };
}

// ---------------------------------------------------------------- crashes and leases

describe("a sender that dies", () => {
  for (const [k, when] of [
    [0, "before-send"],
    [2, "before-send"],
    [4, "before-send"],
  ] as const) {
    it(`before mail ${k + 1} of 5 reaches SMTP: the mails it sent were recorded one by one, its claim is taken over after ${LEASE_MS / 1000} s and not before, and every mail arrives once`, async () => {
      const t = await fresh();
      const emails = await registerMany(t, 5, `dod${k}`);
      const start = t.now.value.getTime();
      const sender = mortal(t.handle.db);
      const dead = drainOutbox(sender.db, sender.mailer(k, when), () => t.now.value, ctx, {
        workerId: "doende",
        limit: 5,
      }).catch(() => null);
      await sender.dies;
      // Each mail's result was written as it was sent: the k before the crash are `sent`.
      expect(await statuses(t.handle.db)).toEqual({ ...(k ? { sent: k } : {}), sending: 5 - k });
      expect(smtp.messages).toHaveLength(k);

      // 59 s on, the claim still holds: nobody sends its mails.
      t.now.value = new Date(start + LEASE_MS - 1_000);
      expect(await drainOutbox(t.handle.db, mailer, () => t.now.value, ctx, { workerId: "efter" })).toEqual({
        sent: 0,
        failed: 0,
      });
      // 61 s on, another drainer takes them over.
      t.now.value = new Date(start + LEASE_MS + 1_000);
      expect(await drainOutbox(t.handle.db, mailer, () => t.now.value, ctx, { workerId: "efter" })).toEqual({
        sent: 5 - k,
        failed: 0,
      });

      await smtp.waitFor(5);
      expect(Object.fromEntries(received())).toEqual(Object.fromEntries(emails.map((e) => [e, 1])));
      expect(await statuses(t.handle.db)).toEqual({ sent: 5 });
      sender.bury();
      await dead;
    });
  }

  it("after the SMTP server took a mail but before its result was written: that one mail, and only it, is sent twice (the window decision 016 names)", async () => {
    const t = await fresh();
    const emails = await registerMany(t, 5, "fonster");
    const sender = mortal(t.handle.db);
    const dead = drainOutbox(sender.db, sender.mailer(2, "after-send"), () => t.now.value, ctx, {
      workerId: "doende",
      limit: 5,
    }).catch(() => null);
    await sender.dies;
    expect(await statuses(t.handle.db)).toEqual({ sent: 2, sending: 3 });
    advance(t, LEASE_MS + 1_000);
    expect((await drainOutbox(t.handle.db, mailer, () => t.now.value, ctx, { workerId: "efter" })).sent).toBe(3);
    await smtp.waitFor(6);
    expect(Object.fromEntries(received())).toEqual(Object.fromEntries(emails.map((e, i) => [e, i === 2 ? 2 : 1])));
    sender.bury();
    await dead;
  });

  it("a live sender slower than the lease keeps its rows: it renews them, and a second drainer takes none", async () => {
    const t = await fresh();
    const emails = await registerMany(t, 5, "langsam");
    let other: unknown = null;
    let n = 0;
    // Every mail takes 25 s: the slice of five takes 125 s, twice the lease.
    const slow: Mailer = {
      async send(m) {
        advance(t, 25_000);
        await mailer.send(m);
        if (++n === 4) other = await drainOutbox(t.handle.db, mailer, () => t.now.value, ctx, { workerId: "andra" });
      },
    };
    expect(await drainOutbox(t.handle.db, slow, () => t.now.value, ctx, { workerId: "forsta", limit: 5 })).toEqual({
      sent: 5,
      failed: 0,
    });
    expect(other).toEqual({ sent: 0, failed: 0 });
    await smtp.waitFor(5);
    expect(Object.fromEntries(received())).toEqual(Object.fromEntries(emails.map((e) => [e, 1])));
  });
});

// ---------------------------------------------------------------- outages

describe("SMTP down during a burst", () => {
  it("200 registrations over HTTP while the server answers 421: every one succeeds; when it is back, every mail is delivered exactly once", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kurser-nere-"));
    const now = { value: new Date() };
    const server = await startServer(
      loadEnv({
        PORT: "0",
        HOST: "127.0.0.1",
        DATABASE_URL: `file:${join(dir, "n.db")}`,
        SEED_DEMO: "false",
        OUTBOX_INTERVAL_MS: "50",
        RATE_LIMITS: "off",
      }),
      { quiet: true, mailer: smtpMailer(smtp.url), clock: () => now.value },
    );
    onTestFinished(async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    });
    const org = await seedOrganiser(server.handle.db, now.value);
    const id = await createTestOccasion(server.handle.db, org.id, now.value, { capacity: 150 });

    smtp.down = true;
    const connectionsBefore = smtp.connections;
    const bodies = Array.from({ length: 200 }, (_, i) => person({ email: `utbrott.${i}@example.se` }));
    const answers = await Promise.all(
      bodies.map((b) =>
        fetch(`${server.url}/api/occasions/${id}/registrations`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(b),
        }).then((r) => r.status),
      ),
    );
    expect(answers.filter((s) => s !== 201)).toEqual([]);
    // The loop tried each mail once, the server refused, and each waits for its retry.
    await expect
      .poll(
        async () =>
          (
            await server.handle.db.all<{ n: number }>(
              sql`SELECT count(*) AS n FROM outbox WHERE status = 'pending' AND attempts >= 1`,
            )
          )[0]!.n,
        { timeout: 15_000 },
      )
      .toBe(200);
    expect(smtp.messages).toHaveLength(0);
    const [row] = await server.handle.db.select().from(outbox).limit(1);
    expect(row!.lastError).toBe(
      "E-postservern tar inte emot mejl just nu: 421 4.3.2 Service not available, try again later",
    );
    // One connection a slice, not one a mail: the first failure ends the slice (decision 016).
    expect(smtp.connections - connectionsBefore).toBeLessThanOrEqual(20);

    smtp.down = false;
    now.value = new Date(now.value.getTime() + 31_000);
    await smtp.waitFor(200, 20_000);
    await server.outbox.idle();
    await new Promise((r) => setTimeout(r, 200));
    expect(smtp.messages).toHaveLength(200);
    expect(Object.fromEntries(received())).toEqual(Object.fromEntries(bodies.map((b) => [b.email, 1])));
    expect(await statuses(server.handle.db)).toEqual({ sent: 200 });
    const regs = await server.handle.db.select().from(registrations).where(eq(registrations.occasionId, id));
    expect(regs.filter((r) => r.status === "confirmed")).toHaveLength(150);
    expect(regs.filter((r) => r.status === "waitlisted")).toHaveLength(50);
  });
});

// ---------------------------------------------------------------- kill -9

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once("error", fail);
    s.listen(0, "127.0.0.1", () => {
      const a = s.address();
      s.close(() => ok(typeof a === "object" && a ? a.port : 0));
    });
  });
}

/** The real server as its own process (`node --import tsx server/entry.node.ts`), ready to answer. */
async function startChild(env: Record<string, string>): Promise<{ child: ChildProcess; base: string }> {
  const port = await freePort();
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env, PORT: String(port), HOST: "127.0.0.1" };
  for (const k of ["DATABASE_AUTH_TOKEN", "PUBLIC_URL", "NODE_ENV"]) delete childEnv[k];
  const child = spawn(process.execPath, ["--import", "tsx", "server/entry.node.ts"], {
    cwd: ROOT,
    env: childEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout!.on("data", (b: Buffer) => (log = (log + b).slice(-4000)));
  child.stderr!.on("data", (b: Buffer) => (log = (log + b).slice(-4000)));
  const base = `http://127.0.0.1:${port}`;
  const until = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`servern avslutades: ${log}`);
    if (Date.now() > until) throw new Error(`servern svarade inte: ${log}`);
    try {
      if ((await fetch(`${base}/api/course-types`, { signal: AbortSignal.timeout(1_000) })).ok) return { child, base };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("kill -9 in the middle of a burst", () => {
  it("every 2xx registration is there, capacity holds, and after the restart the outbox resumes within the lease and sends each mail once", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kurser-kill-"));
    const url = `file:${join(dir, "k.db")}`;
    const setup = await openLibsql(url);
    await migrateLibsql(setup);
    const org = await seedOrganiser(setup.db, new Date());
    const CAPACITY = 100;
    const id = await createTestOccasion(setup.db, org.id, new Date(), { capacity: CAPACITY });
    setup.client.close();
    // A short lease, so the test need not wait a minute; the lease itself is the one tested above.
    const env = {
      DATABASE_URL: url,
      SEED_DEMO: "false",
      SMTP_URL: smtp.url,
      OUTBOX_INTERVAL_MS: "100",
      OUTBOX_LEASE_MS: "2000",
      RATE_LIMITS: "off",
    };
    let first = await startChild(env);
    const children: ChildProcess[] = [first.child];
    onTestFinished(async () => {
      for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
      rmSync(dir, { recursive: true, force: true });
    });

    // The kill comes while the SMTP server is receiving a mail (it never answers that one),
    // once a hundred registrations have been answered and more are on their way.
    const ok: string[] = [];
    let killed = false;
    const exited = new Promise<void>((done) => first.child.once("exit", () => done()));
    smtp.intercept = () => {
      if (killed || ok.length < 100) return "accept";
      killed = true;
      first.child.kill("SIGKILL");
      return "hang";
    };
    const TOTAL = 300;
    let next = 0;
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        while (!killed && next < TOTAL) {
          const b = person({ email: `krasch.${next++}@example.se` });
          try {
            const res = await fetch(`${first.base}/api/occasions/${id}/registrations`, {
              method: "POST",
              headers: { "content-type": "application/json" },
              body: JSON.stringify(b),
            });
            if (res.status === 201) ok.push(b.email);
            else expect.fail(`svar ${res.status}`);
          } catch {
            // the server died with this request in flight: no answer, so nothing promised
          }
        }
      }),
    );
    await exited;
    expect(killed).toBe(true);
    expect(ok.length).toBeGreaterThanOrEqual(100);
    expect(ok.length).toBeLessThan(TOTAL);
    const beforeRestart = smtp.messages.length;
    smtp.intercept = undefined;

    const check = await openLibsql(url);
    onTestFinished(() => check.client.close());
    // The dead process held a claim: the mail it was sending, and the rest of its slice.
    expect((await statuses(check.db)).sending).toBeGreaterThanOrEqual(1);

    const restartedAt = Date.now();
    first = await startChild(env);
    children.push(first.child);
    const rows = await check.db.select().from(registrations).where(eq(registrations.occasionId, id));
    // Every answered registration is there; those in flight at the kill may be too.
    expect(rows.map((r) => r.email)).toEqual(expect.arrayContaining(ok));
    expect(rows.filter((r) => r.status === "confirmed")).toHaveLength(Math.min(CAPACITY, rows.length));
    expect(rows.filter((r) => r.status === "waitlisted")).toHaveLength(Math.max(0, rows.length - CAPACITY));

    // The outbox resumes: the dead process's claimed mails after the 2 s lease, the rest at once.
    await smtp.waitFor(rows.length, 20_000);
    const resumedIn = Date.now() - restartedAt;
    await expect.poll(async () => statuses(check.db), { timeout: 10_000 }).toEqual({ sent: rows.length });
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.messages.length).toBeGreaterThan(beforeRestart);
    expect(Object.fromEntries(received())).toEqual(Object.fromEntries(rows.map((r) => [r.email, 1])));
    expect(resumedIn).toBeLessThan(15_000);
    first.child.kill("SIGTERM");
  }, 60_000);
});

// ---------------------------------------------------------------- never dropped silently

describe("mail that keeps failing", () => {
  it(`is retried, listed for the office after ${LIST_RETRYING_AFTER} failures and given up after ${MAX_ATTEMPTS} with the server's reason; the personal page says it was not sent; a resend (audited) delivers it`, async () => {
    const t = await fresh();
    const office = (await staffToken(t, "office")).token;
    const id = await t.occasion({ capacity: 5 });
    const email = "fel.brevlada@example.se";
    const res = await api(t.app, "POST", `/api/occasions/${id}/registrations`, person({ name: "Oskar Norén", email }));
    smtp.refuse.set(email, { code: 451, message: "4.2.1 Mailbox temporarily unavailable" });

    const view = async () =>
      (await api(t.app, "GET", `/api/registrations/${res.json.registration.manageToken}`)).json.registration.mail;
    const list = async () =>
      (await staffApi(t, office, "GET", "/api/office/mail/undelivered")).json.mail as {
        id: number;
        status: string;
        attempts: number;
        lastError: string;
      }[];
    expect(await view()).toEqual({ kind: "registration-confirmed", status: "queued" });

    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      expect(await drainOutbox(t.handle.db, mailer, () => t.now.value, ctx, { workerId: "test" })).toEqual({
        sent: 0,
        failed: 1,
      });
      const shown = await list();
      if (attempt < LIST_RETRYING_AFTER) expect(shown).toEqual([]);
      else
        expect(shown.map((m) => [m.status, m.attempts])).toEqual([
          [attempt < MAX_ATTEMPTS ? "retrying" : "failed", attempt],
        ]);
      // Until it is given up, the page says the mail is on its way.
      expect((await view()).status).toBe(attempt < MAX_ATTEMPTS ? "queued" : "failed");
      advance(t, 2 * 3_600_000);
    }
    // Given up: nothing is tried any more.
    expect(await drainOutbox(t.handle.db, mailer, () => t.now.value, ctx, { workerId: "test" })).toEqual({
      sent: 0,
      failed: 0,
    });

    const [mail] = (await staffApi(t, office, "GET", "/api/office/mail/undelivered")).json.mail;
    expect(mail).toMatchObject({
      to: email,
      name: "Oskar Norén",
      kind: "registration-confirmed",
      subject: expect.stringMatching(/^Bekräftelse: /),
      occasion: { id, title: expect.any(String) },
      status: "failed",
      attempts: MAX_ATTEMPTS,
      lastError: "E-postservern tog inte emot mottagarens adress: 451 4.2.1 Mailbox temporarily unavailable",
      nextAttemptAt: null,
      canResend: true,
    });
    expect(mail.lastAttemptAt).toEqual(expect.any(String));

    // The mailbox works again; the office sends it anew.
    smtp.refuse.clear();
    const resent = await staffApi(t, office, "POST", `/api/office/mail/${mail.id}/resend`);
    expect(resent.status).toBe(200);
    expect(resent.json.mail).toEqual({ id: mail.id, status: "pending", attempts: 0 });
    expect(await list()).toEqual([]);
    expect(await view()).toEqual({ kind: "registration-confirmed", status: "queued" });
    const [entry] = await t.handle.db.select().from(auditLog).where(eq(auditLog.action, "mail.resend"));
    expect(entry).toMatchObject({ entity: "mail", entityId: mail.id });
    expect(JSON.parse(entry!.before!)).toMatchObject({ to: email, status: "failed", attempts: MAX_ATTEMPTS });

    expect(await drainOutbox(t.handle.db, mailer, () => t.now.value, ctx, { workerId: "test" })).toEqual({
      sent: 1,
      failed: 0,
    });
    await smtp.waitFor(1);
    expect(smtp.messages[0]!.to).toEqual([email]);
    expect(await view()).toEqual({ kind: "registration-confirmed", status: "sent" });
    // Sent is sent: a second resend is refused, in Swedish.
    const again = await staffApi(t, office, "POST", `/api/office/mail/${mail.id}/resend`);
    expect(again.status).toBe(409);
    expect(again.json.error).toEqual({ code: "mail_already_sent", message: "Mejlet är redan skickat." });
  });

  it("an address the receiving server refuses for good (550 5.1.1) is given up at once, not retried for hours", async () => {
    const t = await fresh();
    const [email] = await registerMany(t, 1, "finns.inte");
    smtp.refuse.set(email!, { code: 550, message: "5.1.1 User unknown" });
    expect(await drainOutbox(t.handle.db, mailer, () => t.now.value, ctx, { workerId: "test" })).toEqual({
      sent: 0,
      failed: 1,
    });
    const [row] = await t.handle.db.select().from(outbox);
    expect(row).toMatchObject({
      status: "failed",
      attempts: 1,
      lastError: "E-postservern tog inte emot mottagarens adress: 550 5.1.1 User unknown",
    });
  });

  it("a mail whose resend the office may not make: another organiser's (403), unknown (404), a bad id (400), a sign-in link (409)", async () => {
    const t = await fresh();
    await registerMany(t, 1, "annan");
    const [row] = await t.handle.db.select().from(outbox);
    const { organisers } = await import("../../db/schema.ts");
    const [other] = await t.handle.db
      .insert(organisers)
      .values({ slug: "annat", name: "Annat förbund", email: "k@annat.example.se", createdAt: t.now.value })
      .returning();
    const otherOffice = (await staffToken(t, "office", other!.id)).token;
    expect((await staffApi(t, otherOffice, "POST", `/api/office/mail/${row!.id}/resend`)).json.error.code).toBe(
      "forbidden",
    );
    expect((await staffApi(t, otherOffice, "GET", "/api/office/mail/undelivered")).json.mail).toEqual([]);
    const office = await staffToken(t, "office");
    const unknown = await staffApi(t, office.token, "POST", "/api/office/mail/999999/resend");
    expect([unknown.status, unknown.json.error.code, unknown.json.error.message]).toEqual([
      404,
      "mail_not_found",
      "Mejlet finns inte.",
    ]);
    expect((await staffApi(t, office.token, "POST", "/api/office/mail/abc/resend")).status).toBe(400);
    // A sign-in link that failed for good is listed, but not sent again: it expired long ago.
    await api(t.app, "POST", "/api/auth/link", { email: office.user.email });
    await t.handle.db.run(
      sql`UPDATE outbox SET status = 'failed', attempts = ${MAX_ATTEMPTS}, last_error = 'x' WHERE kind = 'sign-in-link'`,
    );
    const link = (
      (await staffApi(t, office.token, "GET", "/api/office/mail/undelivered")).json.mail as {
        id: number;
        kind: string;
        canResend: boolean;
      }[]
    ).find((m) => m.kind === "sign-in-link")!;
    expect(link.canResend).toBe(false);
    const refused = await staffApi(t, office.token, "POST", `/api/office/mail/${link.id}/resend`);
    expect([refused.status, refused.json.error.code]).toEqual([409, "mail_not_resendable"]);
    const before = await t.handle.db.select().from(auditLog);
    expect(before.filter((e) => e.action === "mail.resend")).toEqual([]);
  });

  it("failure reasons are readable text, whatever the mailer threw", async () => {
    const down = smtpMailer("smtp://127.0.0.1:1");
    onTestFinished(() => down.close?.());
    const connection = await down
      .send({ from: MAIL_FROM, to: "a@example.se", subject: "x", text: "x" })
      .catch((e: unknown) => e);
    expect(mailFailure(connection)).toEqual({
      text: "E-postservern gick inte att nå: connect ECONNREFUSED 127.0.0.1:1",
      permanent: false,
      serverDown: true,
    });
    for (const thrown of [
      new Error(""),
      {},
      Object.assign(new Error("[object Error]"), { code: "ESOCKET" }),
      null,
      undefined,
      42,
    ]) {
      const { text } = mailFailure(thrown);
      expect(text).not.toMatch(/\[object|undefined|null/);
      expect(text.length).toBeGreaterThan(10);
    }
    expect(mailFailure("e-posttjänsten svarade 503: upptagen").text).toBe("e-posttjänsten svarade 503: upptagen");
    // Refusals about our own setup (policy, relaying) are retried; those about the address are not.
    const rcpt = (responseCode: number, response: string) => ({
      code: "EENVELOPE",
      command: "RCPT TO",
      responseCode,
      response,
      message: response,
    });
    expect(mailFailure(rcpt(550, "550 5.7.1 Relaying denied")).permanent).toBe(false);
    expect(mailFailure(rcpt(553, "553 5.6.7 Non-ASCII addresses not supported")).permanent).toBe(true);
    expect(mailFailure(rcpt(553, "553 sorry, that domain isn't in my list")).permanent).toBe(true);
    expect(mailFailure(rcpt(452, "452 4.2.2 Mailbox full")).permanent).toBe(false);
    expect(
      mailFailure({ code: "EENVELOPE", command: "MAIL FROM", responseCode: 550, response: "550 5.1.8 Bad sender" })
        .permanent,
    ).toBe(false);
  });
});

// ---------------------------------------------------------------- what the personal page says

describe("the personal page's mail state", () => {
  it("is queued until the mail server took it, then sent; a cancel's mail starts queued again; further days' mails do not count", async () => {
    const t = await fresh();
    const id = await t.occasion({ capacity: 5, dayCount: 2 });
    const res = await api(t.app, "POST", `/api/occasions/${id}/registrations`, person({ email: "sida@example.se" }));
    const token = res.json.registration.manageToken;
    const mail = async () => (await api(t.app, "GET", `/api/registrations/${token}`)).json.registration.mail;
    expect(await mail()).toEqual({ kind: "registration-confirmed", status: "queued" });
    // Only the confirmation, not yet day 2's invitation: the page's sentence is about the confirmation.
    expect(await drainOutbox(t.handle.db, mailer, () => t.now.value, ctx, { workerId: "test", limit: 1 })).toEqual({
      sent: 1,
      failed: 0,
    });
    expect(await mail()).toEqual({ kind: "registration-confirmed", status: "sent" });
    const cancelled = await api(t.app, "DELETE", `/api/registrations/${token}`);
    expect(cancelled.json.registration.mail).toEqual({ kind: "registration-cancelled", status: "queued" });
    await t.drain(mailer);
    expect(await mail()).toEqual({ kind: "registration-cancelled", status: "sent" });
  });
});

// ---------------------------------------------------------------- at the door

describe("addresses SMTP servers refuse", () => {
  const BAD = "oskar.norén@example.se";

  async function counts(t: TestContext) {
    const [row] = await t.handle.db.all<Record<string, number>>(sql`
      SELECT (SELECT count(*) FROM registrations) AS registrations, (SELECT count(*) FROM outbox) AS outbox,
             (SELECT count(*) FROM auth_tokens) AS tokens, (SELECT count(*) FROM audit_log) AS audit,
             (SELECT count(*) FROM attendance) AS attendance, (SELECT count(*) FROM person_merges) AS merges`);
    return row;
  }

  it("are refused with a clear Swedish message at every form that takes one (registration, hand registration, walk-in, sign-in, check-in, merging people), and nothing is written", async () => {
    const t = await fresh();
    const id = await t.occasion({ capacity: 5 });
    const [day] = await t.handle.db.select().from(occasionDays).where(eq(occasionDays.occasionId, id));
    const office = (await staffToken(t, "office")).token;
    const before = await counts(t);
    const { acceptPrivacy: _p, ...byHand } = person({ email: BAD });
    const answers = [
      await api(t.app, "POST", `/api/occasions/${id}/registrations`, person({ email: BAD })),
      await api(t.app, "POST", `/api/occasions/${id}/registrations`, person({ email: "OSKAR.NORÉN@EXAMPLE.SE" })),
      await staffApi(t, office, "POST", `/api/office/occasions/${id}/registrations`, byHand),
      await staffApi(t, office, "POST", `/api/leader/occasions/${id}/days/${day!.id}/walk-ins`, byHand),
      await api(t.app, "POST", "/api/auth/link", { email: BAD }),
      await api(t.app, "POST", "/api/checkin", { dayId: day!.id, code: "123456", email: BAD }),
      await staffApi(t, office, "POST", "/api/office/people/merge", { into: "anna@example.se", from: [BAD] }),
    ];
    for (const a of answers) {
      expect(a.status, a.text).toBe(400);
      expect(a.json.error.code).toBe("invalid_input");
      expect(Object.values(a.json.error.fields)).toContain(NON_ASCII_LOCAL_PART);
    }
    expect(answers[0]!.json.error.fields).toEqual({ email: NON_ASCII_LOCAL_PART });
    expect(await counts(t)).toEqual(before);
  });

  it("other bad addresses get the usual message; a domain with å, ä, ö is taken and delivered under its A-label", async () => {
    const t = await fresh();
    const id = await t.occasion({ capacity: 5 });
    const bad = await api(t.app, "POST", `/api/occasions/${id}/registrations`, person({ email: "anna@" }));
    expect(bad.json.error.fields).toEqual({ email: "Skriv en giltig e-postadress, t.ex. namn@example.se." });
    const empty = await api(t.app, "POST", `/api/occasions/${id}/registrations`, person({ email: "  " }));
    expect(empty.json.error.fields).toEqual({ email: "Skriv din e-postadress." });

    const idn = await api(t.app, "POST", `/api/occasions/${id}/registrations`, person({ email: "anna@räksmörgås.se" }));
    expect(idn.status).toBe(201);
    await t.drain(mailer);
    const [m] = await smtp.waitFor(1);
    // Sent without SMTPUTF8, which a server without it would refuse: the domain went as xn--….
    expect(m!.smtpUtf8).toBe(false);
    expect(m!.to).toEqual(["anna@räksmörgås.se"]);
    expect(m!.raw).toMatch(/^To: anna@xn--rksmrgs-5wao1o\.se\r?$/m);
  });
});
