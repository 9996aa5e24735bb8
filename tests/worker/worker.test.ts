// The Worker build (dist/worker, made by `npm run build:worker`) in real workerd through
// Miniflare, on a local D1 database migrated from the same files as libSQL. Representative
// parts of the API suite: a registration burst with the capacity invariant, cancel and
// promote with their mails, invitation text, bad input, the Cron Trigger's drain.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { eq } from "drizzle-orm";
import { simpleParser } from "mailparser";
import { Miniflare } from "miniflare";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client.ts";
import { openD1 } from "../../db/d1.ts";
import * as schema from "../../db/schema.ts";
import { outbox, registrations } from "../../db/schema.ts";
import { seedOrganiser } from "../../db/seed.ts";
import { createApiToken, createUser } from "../../server/domain/staff.ts";
import { formatIsoDate as formatIsoDateInStockholm, formatSpan } from "../../server/domain/format-time.ts";
import ExcelJS from "exceljs";
import { parse as parseCsv } from "csv-parse/sync";
import { createTestOccasion } from "../helpers/fixtures.ts";
import { parseIcs } from "../helpers/ics.ts";
import { jsonRequest, person, readAnswer } from "../helpers/test-db.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const SCRIPT = join(ROOT, "dist/worker/entry.worker.js");

interface SentMail {
  auth: string | undefined;
  body: { to: string; subject: string; calendar: { method: string; content: string } | null; raw: string };
}

let mf: Miniflare;
let db: Db;
let sink: Server;
let sinkFails = false;
const mails: SentMail[] = [];

/** Waits for a mail to each of these addresses (mails of earlier tests may still trickle in). */
async function waitForMailsTo(addresses: string[], timeoutMs = 10_000) {
  const until = Date.now() + timeoutMs;
  const pick = () => addresses.map((a) => mails.find((m) => m.body.to === a));
  while (pick().some((m) => !m)) {
    if (Date.now() > until) throw new Error(`väntade på mejl till ${addresses.join(", ")}`);
    await new Promise((r) => setTimeout(r, 25));
  }
  return pick() as SentMail[];
}

/** Waits for a mail that matches (one calendar message per day: decision 013). */
async function waitForMail(match: (m: SentMail) => boolean, timeoutMs = 10_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = mails.find(match);
    if (found) return found;
    if (Date.now() > until) throw new Error("väntade på ett mejl som inte kom");
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function call(method: string, path: string, body?: unknown) {
  return readAnswer(
    (await mf.dispatchFetch(`http://kurser.test${path}`, jsonRequest(method, body) as never)) as unknown as Response,
  );
}

beforeAll(async () => {
  if (!existsSync(SCRIPT)) throw new Error("dist/worker saknas: kör `npm run build:worker` (npm test gör det)");
  sink = createServer((req, res) => {
    let data = "";
    req.on("data", (c) => (data += c));
    req.on("end", () => {
      if (sinkFails) {
        res.writeHead(503).end("nere");
        return;
      }
      mails.push({ auth: req.headers.authorization, body: JSON.parse(data) });
      res.writeHead(202, { "content-type": "application/json" }).end('{"ok":true}');
    });
  });
  await new Promise<void>((ok) => sink.listen(0, "127.0.0.1", ok));
  const sinkPort = (sink.address() as AddressInfo).port;

  mf = new Miniflare({
    modules: true,
    scriptPath: SCRIPT,
    compatibilityDate: "2026-03-01",
    d1Databases: { DB: "worker-test" },
    bindings: {
      ENVIRONMENT: "development",
      PUBLIC_URL: "http://kurser.test",
      MAIL_FROM: "Samordningsförbundet i Halland <kurser@halland.example.se>",
      MAIL_API_URL: `http://127.0.0.1:${sinkPort}/send`,
      MAIL_API_KEY: "hemlig-nyckel",
    },
  });
  const d1 = await mf.getD1Database("DB");
  // The migrations, as `wrangler d1 migrations apply` would run them.
  const dir = join(ROOT, "db/migrations");
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith(".sql"))
    .sort()) {
    for (const stmt of readFileSync(join(dir, file), "utf8").split("--> statement-breakpoint")) {
      if (stmt.trim()) await d1.prepare(stmt).run();
    }
  }
  db = openD1(d1 as never);
}, 60_000);

afterAll(async () => {
  await mf?.dispose();
  await new Promise<void>((ok) => (sink ? sink.close(() => ok()) : ok()));
});

describe("the Worker in workerd with D1", () => {
  let organiserId: number;
  beforeAll(async () => {
    organiserId = (await seedOrganiser(db, new Date())).id;
  });

  it("serves the catalogue and the parties", async () => {
    const id = await createTestOccasion(db, organiserId, new Date(), { capacity: 5 });
    const list = await call("GET", "/api/occasions");
    expect(list.status).toBe(200);
    expect(list.json.occasions.map((o: { id: number }) => o.id)).toContain(id);
    const parties = await call("GET", "/api/parties");
    expect(parties.json.parties).toHaveLength(10);
    const feed = await call("GET", "/api/calendar.ics");
    expect(feed.text).toContain("BEGIN:VEVENT");
  });

  it("confirms exactly capacity in a burst of simultaneous registrations", async () => {
    const capacity = 15;
    const id = await createTestOccasion(db, organiserId, new Date(), { capacity });
    const bodies = Array.from({ length: capacity + 30 }, () => person());
    const answers = await Promise.all(bodies.map((b) => call("POST", `/api/occasions/${id}/registrations`, b)));
    expect(answers.filter((a) => a.status !== 201).map((a) => a.text)).toEqual([]);
    expect(answers.filter((a) => a.json.registration.status === "confirmed")).toHaveLength(capacity);
    const positions = answers.flatMap((a) =>
      a.json.registration.status === "waitlisted" ? [a.json.registration.waitlistPosition] : [],
    );
    expect(positions.sort((x: number, y: number) => x - y)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    const rows = await db.select().from(registrations).where(eq(registrations.occasionId, id));
    expect(rows.filter((r) => r.status === "confirmed")).toHaveLength(capacity);
    // Same people again: the registrations they have, nothing new.
    const again = await call("POST", `/api/occasions/${id}/registrations`, {
      ...bodies[0],
      email: bodies[0]!.email.toUpperCase(),
    });
    expect(again.status).toBe(200);
    expect(await db.select().from(registrations).where(eq(registrations.occasionId, id))).toHaveLength(capacity + 30);
  });

  it("cancels, moves the first waiting up, and mails both with the right calendar parts", async () => {
    const id = await createTestOccasion(db, organiserId, new Date(), { capacity: 1, dayCount: 2 });
    mails.length = 0;
    const a = await call(
      "POST",
      `/api/occasions/${id}/registrations`,
      person({ email: "forst.worker@example.se", name: "Första Personen" }),
    );
    const b = await call("POST", `/api/occasions/${id}/registrations`, person({ email: "vantar.worker@example.se" }));
    expect(b.json.registration).toMatchObject({ status: "waitlisted", waitlistPosition: 1 });
    const [confirm, waitlisted] = await waitForMailsTo(["forst.worker@example.se", "vantar.worker@example.se"]);
    expect(confirm!.auth).toBe("Bearer hemlig-nyckel");
    expect(confirm!.body.subject).toMatch(/^Bekräftelse: /);
    expect(confirm!.body.calendar?.method).toBe("REQUEST");
    const requestIcs = parseIcs(confirm!.body.calendar!.content);
    // One iTIP message, one UID: the confirmation holds day 1, day 2 comes in its own mail.
    expect(requestIcs.events).toHaveLength(1);
    const confirmDay2 = await waitForMail(
      (m) => m.body.to === "forst.worker@example.se" && /^Kalenderinbjudan: .*, dag 2 av 2$/.test(m.body.subject),
    );
    expect(confirmDay2.body.calendar!.method).toBe("REQUEST");
    const requestDay2 = parseIcs(confirmDay2.body.calendar!.content);
    expect(requestDay2.events).toHaveLength(1);
    expect(requestDay2.events[0]!.get("UID")).not.toBe(requestIcs.events[0]!.get("UID"));
    expect(requestDay2.events[0]!.get("SEQUENCE")).toBe(requestIcs.events[0]!.get("SEQUENCE"));
    expect(
      (await simpleParser(confirmDay2.body.raw)).attachments
        .find((x) => x.contentType === "text/calendar")
        ?.content.toString(),
    ).toContain("METHOD:REQUEST");
    // Swedish dates in Europe/Stockholm inside workerd, as on Node.
    const [day1] = await db.select().from(schema.occasionDays).where(eq(schema.occasionDays.occasionId, id));
    const parsed = await simpleParser(confirm!.body.raw);
    expect(parsed.text).toContain(formatSpan(day1!.startsAt, day1!.endsAt));
    expect(parsed.attachments.find((x) => x.contentType === "text/calendar")?.content.toString()).toContain(
      "METHOD:REQUEST",
    );
    expect(waitlisted!.body.calendar).toBeNull();

    mails.length = 0;
    const del = await call("DELETE", `/api/registrations/${a.json.registration.manageToken}`);
    expect(del.json.registration.status).toBe("cancelled");
    const vb = await call("GET", `/api/registrations/${b.json.registration.manageToken}`);
    expect(vb.json.registration.status).toBe("confirmed");
    const [cancel, promoted] = await waitForMailsTo(["forst.worker@example.se", "vantar.worker@example.se"]);
    const cancelIcs = parseIcs(cancel!.body.calendar!.content);
    expect(cancel!.body.calendar!.method).toBe("CANCEL");
    expect(cancelIcs.method).toBe("CANCEL");
    expect(cancelIcs.events.map((e) => e.get("UID"))).toEqual(requestIcs.events.map((e) => e.get("UID")));
    expect(Number(cancelIcs.events[0]!.get("SEQUENCE"))).toBeGreaterThan(Number(requestIcs.events[0]!.get("SEQUENCE")));
    expect(promoted!.body.subject).toMatch(/^Du har fått en plats: /);
    expect(promoted!.body.calendar!.method).toBe("REQUEST");
    const cancelDay2 = await waitForMail(
      (m) => m.body.to === "forst.worker@example.se" && /^Inställt i kalendern: .*, dag 2 av 2$/.test(m.body.subject),
    );
    const cancelDay2Ics = parseIcs(cancelDay2.body.calendar!.content);
    expect(cancelDay2.body.calendar!.method).toBe("CANCEL");
    expect(cancelDay2Ics.events.map((e) => e.get("UID"))).toEqual([requestDay2.events[0]!.get("UID")]);
    const promotedDay2 = await waitForMail(
      (m) => m.body.to === "vantar.worker@example.se" && /^Kalenderinbjudan: .*, dag 2 av 2$/.test(m.body.subject),
    );
    expect(parseIcs(promotedDay2.body.calendar!.content).events.map((e) => e.get("UID"))).toEqual([
      requestDay2.events[0]!.get("UID"),
    ]);

    const ics = await call("GET", `/api/registrations/${b.json.registration.manageToken}/invite.ics`);
    expect(ics.headers.get("content-type")).toContain("method=PUBLISH");
    expect(parseIcs(ics.text).events.map((e) => e.get("UID"))).toEqual([
      requestIcs.events[0]!.get("UID"),
      requestDay2.events[0]!.get("UID"),
    ]);
  });

  it("refuses bad input with Swedish 4xx answers and writes nothing", async () => {
    const id = await createTestOccasion(db, organiserId, new Date(), { capacity: 5 });
    const before = (await db.select().from(registrations)).length;
    const cases: [unknown, number, string][] = [
      ['{"name":', 400, "malformed_json"],
      [person({ email: "inte-en-adress" }), 400, "invalid_input"],
      [person({ party: "okand" }), 400, "invalid_input"],
      [
        person({ workplace: { name: "Café", municipality: "Halmstad", orgNumber: "999999-0007" } }),
        400,
        "invalid_input",
      ],
      // Over the 64 KB limit (5 MB is tried on Node; here a large body races the early answer on loopback).
      [person({ name: "A".repeat(70 * 1024) }), 413, "payload_too_large"],
    ];
    for (const [body, status, code] of cases) {
      const res = await call("POST", `/api/occasions/${id}/registrations`, body);
      expect(res.status).toBe(status);
      expect(res.json.error.code).toBe(code);
      expect(res.json.error.message).toMatch(/[åäö]|inte|för/i);
    }
    expect((await call("POST", `/api/occasions/987654/registrations`, person())).status).toBe(404);
    expect((await call("GET", `/api/registrations/okand-token-som-inte-finns`)).status).toBe(404);
    expect((await db.select().from(registrations)).length).toBe(before);
  });

  it("the Cron Trigger sends what failed before", async () => {
    const id = await createTestOccasion(db, organiserId, new Date(), { capacity: 5 });
    mails.length = 0;
    sinkFails = true;
    const r = await call("POST", `/api/occasions/${id}/registrations`, person({ email: "cron.worker@example.se" }));
    expect(r.status).toBe(201);
    // The immediate drain fails; the row waits for a retry.
    let row: schema.OutboxRow | undefined;
    for (let i = 0; i < 100; i++) {
      [row] = await db.select().from(outbox).where(eq(outbox.toAddress, "cron.worker@example.se"));
      if (row && row.attempts > 0 && row.status === "pending") break;
      await new Promise((res) => setTimeout(res, 50));
    }
    expect(row).toMatchObject({ status: "pending", attempts: 1 });
    expect(row!.lastError).toContain("503");
    sinkFails = false;
    await db
      .update(outbox)
      .set({ nextAttemptAt: new Date(Date.now() - 1000) })
      .where(eq(outbox.id, row!.id));
    const worker = await mf.getWorker();
    const result = await worker.scheduled({ cron: "* * * * *" });
    expect(result.outcome).toBe("ok");
    await waitForMailsTo(["cron.worker@example.se"]);
    const [sent] = await db.select().from(outbox).where(eq(outbox.id, row!.id));
    expect(sent!.status).toBe("sent");
  });

  it("the cron runs retention at minute 0: needs of an occasion ended 20 days ago are erased and logged", async () => {
    const id = await createTestOccasion(db, organiserId, new Date(Date.now() - 40 * 86_400_000), { capacity: 5 });
    const [row] = await db
      .insert(registrations)
      .values({
        organiserId,
        occasionId: id,
        manageToken: `retention-worker-${Date.now()}`,
        name: "Rut Gallras",
        email: "rut.gallras@example.se",
        emailKey: "rut.gallras@example.se",
        partyCode: "fk",
        dietary: "Laktosfri",
        status: "confirmed",
      })
      .returning();
    const worker = await mf.getWorker();
    // Minute 1: the cron sends mail but leaves retention for the hour.
    await worker.scheduled({ cron: "* * * * *", scheduledTime: new Date("2026-12-02T10:01:00Z") });
    expect((await db.select().from(registrations).where(eq(registrations.id, row!.id)))[0]!.dietary).toBe("Laktosfri");
    const result = await worker.scheduled({ cron: "* * * * *", scheduledTime: new Date("2026-12-02T11:00:00Z") });
    expect(result.outcome).toBe("ok");
    const [after] = await db.select().from(registrations).where(eq(registrations.id, row!.id));
    expect(after).toMatchObject({ dietary: null, name: "Rut Gallras" });
    const log = await db.select().from(schema.retentionLog).where(eq(schema.retentionLog.organiserId, organiserId));
    expect(log.some((l) => l.rule === "needs" && l.rows >= 1)).toBe(true);
  });

  it("the cron sends the evaluation to an attendee after the last day, and she answers once through the Worker", async () => {
    const id = await createTestOccasion(db, organiserId, new Date(Date.now() - 20 * 86_400_000), { capacity: 5 });
    const [day] = await db.select().from(schema.occasionDays).where(eq(schema.occasionDays.occasionId, id));
    const [row] = await db
      .insert(registrations)
      .values({
        organiserId,
        occasionId: id,
        manageToken: `evaluation-worker-${Date.now()}`,
        name: "Ebba Utvärderar",
        email: "ebba.utvarderar@example.se",
        emailKey: "ebba.utvarderar@example.se",
        partyCode: "fk",
        status: "confirmed",
      })
      .returning();
    await db
      .insert(schema.attendance)
      .values({ registrationId: row!.id, dayId: day!.id, status: "present", via: "leader", markedAt: new Date() });
    const worker = await mf.getWorker();
    expect(
      (await worker.scheduled({ cron: "* * * * *", scheduledTime: new Date("2026-12-02T10:07:00Z") })).outcome,
    ).toBe("ok");
    const [invite] = await db
      .select()
      .from(schema.evaluationInvites)
      .where(eq(schema.evaluationInvites.registrationId, row!.id));
    expect(invite).toBeDefined();
    await waitForMailsTo(["ebba.utvarderar@example.se"]);
    const path = `/api/evaluations/${invite!.token}`;
    expect((await call("GET", path)).json.evaluation).toMatchObject({ answered: false });
    expect((await call("POST", path, { overall: 4, usefulness: 5, recommend: "ja" })).status).toBe(201);
    expect((await call("POST", path, { overall: 4, usefulness: 5, recommend: "ja" })).status).toBe(409);
    const answers = await db
      .select()
      .from(schema.evaluationAnswers)
      .where(eq(schema.evaluationAnswers.evaluationId, invite!.evaluationId));
    expect(answers).toHaveLength(1);
  });

  it("staff routes: sign-in link and cookie, the role guard, and an office change that moves the meeting", async () => {
    const office = await createUser(db, new Date(), {
      organiserId,
      email: "kansli.worker@halland.example.se",
      name: "Kansli Worker",
      role: "office",
    });
    const leader = await createUser(db, new Date(), {
      organiserId,
      email: "ledare.worker@halland.example.se",
      name: "Ledare Worker",
      role: "leader",
    });
    const officeToken = await createApiToken(db, new Date(), office.id, "test");
    const leaderToken = await createApiToken(db, new Date(), leader.id, "test");
    const as = (token: string | null, method: string, path: string, body?: unknown) => {
      const init = jsonRequest(method, body);
      return mf
        .dispatchFetch(`http://kurser.test${path}`, {
          ...(init as object),
          headers: {
            ...(init.headers as Record<string, string>),
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
        } as never)
        .then((r) => readAnswer(r as unknown as Response));
    };
    expect((await as(null, "GET", "/api/office/occasions")).status).toBe(401);
    expect((await as(leaderToken, "GET", "/api/office/occasions")).status).toBe(403);

    // Sign-in by link: the mail goes out through the HTTP mailer; the link's page posts the token, which sets the cookie.
    await call("POST", "/api/auth/link", { email: "kansli.worker@halland.example.se" });
    const [linkMail] = await waitForMailsTo(["kansli.worker@halland.example.se"]);
    const linkToken = (await simpleParser(linkMail!.body.raw)).text!.match(
      /http:\/\/kurser\.test\/logga-in\/lank\?token=([\w%.-]+)/,
    )![1]!;
    const cb = await mf.dispatchFetch("http://kurser.test/api/auth/sign-in", {
      method: "POST",
      headers: { "content-type": "application/json", origin: "http://kurser.test" },
      body: JSON.stringify({ token: linkToken }),
    });
    expect(cb.status).toBe(200);
    const cookie = cb.headers.get("set-cookie")!;
    expect(cookie).toMatch(/kurser_session=.*HttpOnly/i);
    const me = await mf.dispatchFetch("http://kurser.test/api/auth/me", { headers: { cookie: cookie.split(";")[0]! } });
    expect(((await me.json()) as { user: { role: string } }).user.role).toBe("office");

    const [course] = await db.select().from(schema.courses).where(eq(schema.courses.organiserId, organiserId));
    const created = await as(officeToken, "POST", "/api/office/occasions", {
      courseId: course!.id,
      days: [{ start: "2027-03-26T09:00", end: "2027-03-26T16:00" }],
      online: false,
      venue: "Folkets Hus Varberg",
      capacity: 5,
      status: "published",
    });
    expect(created.status).toBe(201);
    expect(created.json.occasion.days[0].startsAt).toBe("2027-03-26T08:00:00.000Z");
    const id = created.json.occasion.id;
    await call("POST", `/api/occasions/${id}/registrations`, person({ email: "flyttas.worker@example.se" }));
    const [first] = await waitForMailsTo(["flyttas.worker@example.se"]);
    const before = parseIcs(first!.body.calendar!.content).events[0]!;
    mails.length = 0;
    const moved = await as(officeToken, "PATCH", `/api/office/occasions/${id}`, {
      days: [{ start: "2027-03-29T10:00", end: "2027-03-29T15:00" }],
    });
    expect(moved.status).toBe(200);
    expect(moved.json.notified).toBe(1);
    const [update] = await waitForMailsTo(["flyttas.worker@example.se"]);
    const after = parseIcs(update!.body.calendar!.content).events[0]!;
    expect(update!.body.calendar!.method).toBe("REQUEST");
    expect(after.get("UID")).toBe(before.get("UID"));
    expect(Number(after.get("SEQUENCE"))).toBeGreaterThan(Number(before.get("SEQUENCE")));
    expect(after.get("DTSTART")).toBe("20270329T080000Z");
    const low = await as(officeToken, "PATCH", `/api/office/occasions/${id}`, { capacity: 0 });
    expect(low.status).toBe(400);
  });

  it("leader routes: marks, walk-ins, the check-in code and self check-in", async () => {
    const lead = await createUser(db, new Date(), {
      organiserId,
      email: "ledare.dag@halland.example.se",
      name: "Ledare Dag",
      role: "leader",
    });
    const token = await createApiToken(db, new Date(), lead.id, "test");
    // An occasion running now: its day started ten minutes ago.
    const id = await createTestOccasion(db, organiserId, new Date(), { capacity: 5, inDays: -10 / 1440 });
    await db
      .update(schema.occasions)
      .set({ registrationClosesAt: new Date(Date.now() + 3_600_000) })
      .where(eq(schema.occasions.id, id));
    await db.insert(schema.occasionLeaders).values({ occasionId: id, userId: lead.id });
    const [day] = await db.select().from(schema.occasionDays).where(eq(schema.occasionDays.occasionId, id));
    const reg = await call("POST", `/api/occasions/${id}/registrations`, person({ email: "dag.deltagare@example.se" }));
    expect(reg.status).toBe(201);
    const as = (method: string, path: string, body?: unknown) => {
      const init = jsonRequest(method, body);
      return mf
        .dispatchFetch(`http://kurser.test${path}`, {
          ...(init as object),
          headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${token}` },
        } as never)
        .then((r) => readAnswer(r as unknown as Response));
    };
    const regId = reg.json.registration.id;
    expect(
      (await as("PUT", `/api/leader/occasions/${id}/days/${day!.id}/attendance/${regId}`, { status: "late" })).status,
    ).toBe(200);
    expect(
      (await as("PUT", `/api/leader/occasions/${id}/days/${day!.id}/attendance/${regId}`, { status: "present" }))
        .status,
    ).toBe(200);
    const walk = await as("POST", `/api/leader/occasions/${id}/days/${day!.id}/walk-ins`, {
      name: "Gäst Utan Anmälan",
      email: "gast@example.se",
      party: "annan",
      workplace: { name: "Café Solrosen", municipality: "Halmstad" },
    });
    expect(walk.status).toBe(201);
    const listed = await as("GET", `/api/leader/occasions/${id}/participants`);
    expect(listed.json.participants.map((p: { marks: Record<string, string> }) => p.marks[day!.id])).toEqual([
      "present",
      "present",
    ]);
    const code = await as("GET", `/api/leader/occasions/${id}/days/${day!.id}/checkin-code`);
    expect(code.json.code).toMatch(/^[A-Z2-9]{8}$/);
    const self = await call("POST", "/api/checkin", {
      dayId: day!.id,
      code: code.json.code,
      email: "dag.deltagare@example.se",
    });
    expect(self.json.checkin).toEqual({ name: expect.any(String), status: "present" });
    expect(
      (await call("POST", "/api/checkin", { dayId: day!.id, code: "AAAAAAAA", email: "dag.deltagare@example.se" }))
        .status,
    ).toBe(400);
  });

  it("follow-up: the goals JSON and the Uppföljning Finsam export, as XLSX and CSV read back by other parsers", async () => {
    const office = await createUser(db, new Date(), {
      organiserId,
      email: "uppfoljning.worker@halland.example.se",
      name: "Uppföljning",
      role: "office",
    });
    const token = await createApiToken(db, new Date(), office.id, "test");
    const as = async (method: string, path: string, body?: unknown) => {
      const init = jsonRequest(method, body);
      const res = (await mf.dispatchFetch(`http://kurser.test${path}`, {
        ...(init as object),
        headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${token}` },
      } as never)) as unknown as Response;
      return res;
    };
    // An occasion held ten days ago (in this Stockholm year unless that is early January):
    // three people attended (a woman, a man, one not given), one registered but absent.
    const now = new Date();
    const held = new Date(now.getTime() - 10 * 86_400_000);
    const year = Number(formatIsoDateInStockholm(held).slice(0, 4));
    // A course of its own, so the other tests' occasions are not in these figures.
    const [course] = await db
      .insert(schema.courses)
      .values({ organiserId, title: "Nätverk SGI 0 i workerd", courseType: "sgi0", createdAt: now })
      .returning();
    const [occ] = await db
      .insert(schema.occasions)
      .values({
        organiserId,
        courseId: course!.id,
        capacity: 10,
        venue: "Storgatan 6",
        address: "Halmstad",
        status: "published",
        startsAt: held,
        endsAt: new Date(held.getTime() + 3 * 3_600_000),
        createdAt: now,
      })
      .returning();
    const id = occ!.id;
    const [day] = await db
      .insert(schema.occasionDays)
      .values({
        occasionId: id,
        uid: "worker-follow-up@kurser.test",
        startsAt: held,
        endsAt: new Date(held.getTime() + 3 * 3_600_000),
      })
      .returning();
    const [wp] = await db
      .insert(schema.workplaces)
      .values({
        organiserId,
        name: "Café Solrosen",
        municipality: "Halmstad",
        matchKey: "cafe solrosen worker|halmstad",
        createdAt: now,
      })
      .returning();
    const people = [
      { email: "k.worker@example.se", gender: "kvinna", mark: "present" },
      { email: "m.worker@example.se", gender: "man", mark: "late" },
      { email: "x.worker@example.se", gender: null, mark: "present" },
      { email: "borta.worker@example.se", gender: "kvinna", mark: "absent" },
    ];
    for (const p of people) {
      const [r] = await db
        .insert(schema.registrations)
        .values({
          organiserId,
          occasionId: id,
          manageToken: `tok-${p.email}-xxxxxxxxxxxx`,
          name: p.email,
          email: p.email,
          emailKey: p.email,
          partyCode: "annan",
          workplaceId: wp!.id,
          gender: p.gender,
          status: "confirmed",
          createdAt: now,
        })
        .returning();
      await db
        .insert(schema.attendance)
        .values({ registrationId: r!.id, dayId: day!.id, status: p.mark, via: "leader", markedAt: now });
    }
    const goal = await as("POST", "/api/office/goals", {
      year,
      kind: "staff",
      basis: "attended",
      courseTypes: ["sgi0"],
      target: 200,
      label: "Medarbetare som deltagit",
    });
    expect(goal.status).toBe(201);
    const figures = (await readAnswer(await as("GET", `/api/office/goals?year=${year}`))).json;
    expect(figures.goals[0]).toMatchObject({ label: "Medarbetare som deltagit", value: 3, target: 200 });
    expect(figures.breakdowns.courseType.find((r: { key: string }) => r.key === "sgi0")).toEqual({
      key: "sgi0",
      label: "Nätverk SGI 0",
      registered: 4,
      attended: 3,
      workplaces: 1,
    });

    const xlsx = await as("GET", `/api/office/reports/finsam.xlsx?year=${year}`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get("content-type")).toContain("spreadsheetml");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await xlsx.arrayBuffer());
    const sheet = wb.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual([
      "Insats (utbildning)",
      "Kurstyp",
      "Inriktning",
      "År",
      "Budget (kr)",
      "Utfall (kr)",
      "Planerat antal deltagare",
      "Deltagare",
      "Kvinnor",
      "Män",
      "Annat eller ej angivet",
    ]);
    const rows = sheet
      .getSheetValues()
      .slice(2)
      .map((r) => (r as unknown[]).slice(1));
    // Budget, outcome and planned participants not entered: empty cells, not zeros.
    expect(rows).toContainEqual([
      "Nätverk SGI 0 i workerd",
      "Nätverk SGI 0",
      "Strukturövergripande",
      year,
      undefined,
      undefined,
      undefined,
      3,
      1,
      1,
      1,
    ]);

    const csv = await as("GET", `/api/office/reports/finsam.csv?year=${year}`);
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const table = parseCsv(new TextDecoder().decode(bytes), { delimiter: ";", bom: true }) as string[][];
    expect(table).toContainEqual([
      "Nätverk SGI 0 i workerd",
      "Nätverk SGI 0",
      "Strukturövergripande",
      String(year),
      "",
      "",
      "",
      "3",
      "1",
      "1",
      "1",
    ]);

    // The office enters budget, outcome and planned participants (an upsert on D1).
    for (const body of [{ budgetKr: 30_000, plannedParticipants: 25 }, { outcomeKr: 27_500 }]) {
      const saved = await as("PATCH", `/api/office/efforts/${course!.id}/years/${year}`, body);
      expect(saved.status, await saved.clone().text()).toBe(200);
    }
    const json = (await readAnswer(await as("GET", `/api/office/reports/finsam?year=${year}`))).json;
    expect(json.rows.find((r: { courseId: number }) => r.courseId === course!.id)).toMatchObject({
      budgetKr: 30_000,
      outcomeKr: 27_500,
      plannedParticipants: 25,
      persons: 3,
    });
  });
});
