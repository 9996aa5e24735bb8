// Rate limits (decision 015) through the real app on a libSQL file: the request over a limit
// gets 429 with Retry-After and a Swedish message and writes nothing; the limit per address
// is generous and the one per e-mail strict; only wrong check-in codes and unknown personal
// links count; the window passes and requests go through again; RATE_LIMITS=off lets a
// burst through. The Worker's side is in tests/worker/rate-limit.test.ts.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { occasionDays, occasionLeaders, outbox, registrations } from "../../db/schema.ts";
import {
  addressKey,
  DEFAULT_RULES,
  forwardedAddress,
  parseRateLimits,
  SWEEP_ROWS,
} from "../../server/domain/rate-limit.ts";
import { createUser } from "../../server/domain/staff.ts";
import { startServer, type RunningServer } from "../../server/entry.node.ts";
import { loadEnv, loadWorkerEnv } from "../../server/env.ts";
import { ApiError, staffApi as webStaffApi } from "../../web/src/api.ts";
import {
  createTestContext,
  jsonRequest,
  person,
  readAnswer,
  staffApi,
  staffToken,
  TEST_CLIENT_ADDRESS,
  type TestContext,
} from "../helpers/test-db.ts";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext({ rateLimits: "on" });
});
afterAll(() => t.close());

/** A request from `address` (as a trusted proxy would name it in X-Forwarded-For). */
async function from(address: string, method: string, path: string, body?: unknown, ctx: TestContext = t) {
  const init = jsonRequest(method, body);
  return readAnswer(
    await ctx.app.request(path, {
      ...init,
      headers: { ...(init.headers as Record<string, string>), "x-forwarded-for": address },
    }),
  );
}

/** Moves the test clock on; the occasions of a test lie days ahead, so a few hours change nothing else. */
const wait = (ms: number, ctx: TestContext = t) => (ctx.now.value = new Date(ctx.now.value.getTime() + ms));

function expectLimited(res: Awaited<ReturnType<typeof from>>) {
  expect(res.status).toBe(429);
  expect(res.json.error.code).toBe("rate_limited");
  expect(res.json.error.message).toMatch(
    /^Du har gjort för många försök på kort tid\. Vänta (en minut|\d+ minuter) och försök sedan igen\.$/,
  );
  const retryAfter = Number(res.headers.get("retry-after"));
  expect(retryAfter).toBeGreaterThan(0);
  // The message's minutes are the header's seconds, rounded up.
  const minutes = Math.ceil(retryAfter / 60);
  expect(res.json.error.message).toContain(minutes === 1 ? "en minut" : `${minutes} minuter`);
  return retryAfter;
}

const rowsOf = async (occasionId: number) =>
  t.handle.db.select().from(registrations).where(eq(registrations.occasionId, occasionId));
const outboxTo = async (address: string) =>
  (await t.handle.db.select().from(outbox)).filter((r) => r.toAddress.toLowerCase() === address.toLowerCase());

describe("registration", () => {
  it("allows an e-mail 8 registrations an hour (any case), refuses the 9th without writing, and again after the hour", async () => {
    const a = await t.occasion({ capacity: 10 });
    const b = await t.occasion({ capacity: 10 });
    const email = "Maja.Upprepad@example.se";
    const answers = [];
    for (let i = 0; i < DEFAULT_RULES["registration-email"].limit; i++) {
      answers.push(
        await from(
          "198.51.100.10",
          "POST",
          `/api/occasions/${a}/registrations`,
          person({ email: i % 2 ? email.toUpperCase() : email }),
        ),
      );
    }
    expect(answers.map((r) => r.status)).toEqual([201, 200, 200, 200, 200, 200, 200, 200]);
    const mailsBefore = (await outboxTo(email)).length;

    // The 9th, to another occasion and from another address: the limit is the e-mail's.
    const over = await from(
      "198.51.100.11",
      "POST",
      `/api/occasions/${b}/registrations`,
      person({ email: " maja.upprepad@EXAMPLE.se " }),
    );
    const retryAfter = expectLimited(over);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(await rowsOf(b)).toEqual([]);
    expect((await outboxTo(email)).length).toBe(mailsBefore);
    // Someone else from the same address is not held up by her limit.
    expect((await from("198.51.100.11", "POST", `/api/occasions/${b}/registrations`, person())).status).toBe(201);

    wait(retryAfter * 1000);
    const later = await from("198.51.100.11", "POST", `/api/occasions/${b}/registrations`, person({ email }));
    expect(later.status).toBe(201);
    expect((await rowsOf(b)).map((r) => r.emailKey)).toContain("maja.upprepad@example.se");
  });

  it("lets 100 colleagues behind one address register in ten minutes, refuses the 101st, not other addresses", async () => {
    const id = await t.occasion({ capacity: 150 });
    const nat = "203.0.113.50";
    const limit = DEFAULT_RULES["registration-address"].limit;
    const statuses = [];
    for (let i = 0; i < limit; i++)
      statuses.push((await from(nat, "POST", `/api/occasions/${id}/registrations`, person())).status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(limit);

    const over = await from(
      nat,
      "POST",
      `/api/occasions/${id}/registrations`,
      person({ email: "nummer.101@example.se" }),
    );
    const retryAfter = expectLimited(over);
    expect(retryAfter).toBeLessThanOrEqual(600);
    expect(await rowsOf(id)).toHaveLength(limit);
    expect(await outboxTo("nummer.101@example.se")).toEqual([]);
    expect((await from("203.0.113.51", "POST", `/api/occasions/${id}/registrations`, person())).status).toBe(201);

    wait(retryAfter * 1000);
    expect(
      (await from(nat, "POST", `/api/occasions/${id}/registrations`, person({ email: "nummer.101@example.se" })))
        .status,
    ).toBe(201);
  });

  it("does not count requests refused at the door", async () => {
    const id = await t.occasion({ capacity: 5 });
    for (let i = 0; i < 12; i++) {
      expect(
        (await from("198.51.100.20", "POST", `/api/occasions/${id}/registrations`, { email: "trasig@example.se" }))
          .status,
      ).toBe(400);
    }
    expect(
      (
        await from(
          "198.51.100.20",
          "POST",
          `/api/occasions/${id}/registrations`,
          person({ email: "trasig@example.se" }),
        )
      ).status,
    ).toBe(201);
  });
});

describe("sign-in links", () => {
  const known = "Kansli.Gransen@halland.example.se";
  beforeAll(async () => {
    await createUser(t.handle.db, t.now.value, {
      organiserId: t.organiserId,
      email: known,
      name: "Karin Kansli",
      role: "office",
    });
  });

  it("mails a staff account 5 links in 15 minutes, then answers 429 and queues none; an unknown address gets the same answers", async () => {
    const ask = (email: string) => from("198.51.100.30", "POST", "/api/auth/link", { email });
    const knownAnswers = [];
    const unknownAnswers = [];
    for (let i = 0; i < DEFAULT_RULES["sign-in-email"].limit; i++) {
      knownAnswers.push(await ask(i % 2 ? known.toLowerCase() : known));
      unknownAnswers.push(await ask("ingen.sadan@halland.example.se"));
    }
    expect(knownAnswers.map((a) => a.status)).toEqual([202, 202, 202, 202, 202]);
    expect(unknownAnswers.map((a) => a.json)).toEqual(knownAnswers.map((a) => a.json));
    expect(await outboxTo(known)).toHaveLength(5);

    const overKnown = await ask(known);
    const overUnknown = await ask("ingen.sadan@halland.example.se");
    expectLimited(overKnown);
    expect(await outboxTo(known)).toHaveLength(5);
    // Nothing in the answer tells the two apart.
    expect(overUnknown.status).toBe(overKnown.status);
    expect(overUnknown.json).toEqual(overKnown.json);
    expect(overUnknown.headers.get("retry-after")).toBe(overKnown.headers.get("retry-after"));
    expect(await outboxTo("ingen.sadan@halland.example.se")).toEqual([]);

    wait(Number(overKnown.headers.get("retry-after")) * 1000);
    expect((await ask(known)).status).toBe(202);
    expect(await outboxTo(known)).toHaveLength(6);
  });

  it("allows one address 30 requests in 15 minutes, whatever e-mails it names", async () => {
    const limit = DEFAULT_RULES["sign-in-address"].limit;
    for (let i = 0; i < limit; i++) {
      expect(
        (await from("198.51.100.31", "POST", "/api/auth/link", { email: `gissning.${i}@halland.example.se` })).status,
      ).toBe(202);
    }
    expectLimited(await from("198.51.100.31", "POST", "/api/auth/link", { email: known }));
    // The account itself is not locked out from elsewhere.
    expect((await from("198.51.100.32", "POST", "/api/auth/link", { email: known })).status).toBe(202);
  });
});

describe("check-in codes", () => {
  let occasionId: number;
  let dayId: number;
  let leaderToken: string;
  const email = "incheckning.gransen@example.se";
  beforeAll(async () => {
    const leader = await staffToken(t, "leader");
    leaderToken = leader.token;
    // Starts in half an hour: registration still open, check-in already open.
    occasionId = await t.occasion({ capacity: 5, inDays: 1 / 48 });
    await t.handle.db.insert(occasionLeaders).values({ occasionId, userId: leader.user.id });
    dayId = (await t.handle.db.select().from(occasionDays).where(eq(occasionDays.occasionId, occasionId)))[0]!.id;
    expect(
      (await from("198.51.100.40", "POST", `/api/occasions/${occasionId}/registrations`, person({ email }))).status,
    ).toBe(201);
  });
  const code = async () =>
    (await staffApi(t, leaderToken, "GET", `/api/leader/occasions/${occasionId}/days/${dayId}/checkin-code`)).json
      .code as string;
  const checkIn = (address: string, c: string, who = email) =>
    from(address, "POST", "/api/checkin", { dayId, code: c, email: who });

  it("never slows people who have the code", async () => {
    const right = await code();
    for (let i = 0; i < 30; i++) expect((await checkIn("198.51.100.41", right)).status).toBe(200);
  });

  it("stops an address after 20 wrong codes a day, before looking at the code, until the window passes", async () => {
    const guesser = "198.51.100.42";
    const limit = DEFAULT_RULES["checkin-wrong"].limit;
    for (let i = 0; i < limit; i++) {
      const res = await checkIn(guesser, `GISSA${String(i).padStart(3, "2")}`);
      expect(res.status).toBe(400);
      expect(res.json.error.code).toBe("checkin_code_invalid");
    }
    // Even the right code: a blocked guesser must not learn which guess was right.
    const blocked = await checkIn(guesser, await code());
    const retryAfter = expectLimited(blocked);
    expect(retryAfter).toBeLessThanOrEqual(600);
    // Someone else in the room, on another address, checks in.
    expect((await checkIn("198.51.100.43", await code())).status).toBe(200);

    wait(retryAfter * 1000);
    expect((await checkIn(guesser, await code())).status).toBe(200);
  });

  it("counts addresses without a place as misses too (guessing who is registered)", async () => {
    const right = await code();
    for (let i = 0; i < DEFAULT_RULES["checkin-wrong"].limit; i++) {
      expect((await checkIn("198.51.100.44", right, `vem.${i}@example.se`)).status).toBe(404);
    }
    expectLimited(await checkIn("198.51.100.44", right));
  });
});

describe("personal links", () => {
  let token: string;
  let registrationId: number;
  beforeAll(async () => {
    const id = await t.occasion({ capacity: 5 });
    const res = await from("198.51.100.50", "POST", `/api/occasions/${id}/registrations`, person());
    token = res.json.registration.manageToken;
    registrationId = res.json.registration.id;
  });

  it("allows one address 300 look-ups in ten minutes, then refuses every kind, cancel included, without writing", async () => {
    const reader = "198.51.100.51";
    const limit = DEFAULT_RULES["token-address"].limit;
    const paths = [
      `/api/registrations/${token}`,
      `/api/registrations/${token}/certificate`,
      `/api/registrations/${token}/invite.ics`,
    ];
    for (let i = 0; i < limit; i++) expect((await from(reader, "GET", paths[i % 3]!)).status).toBe(200);
    for (const path of paths) expectLimited(await from(reader, "GET", path));
    const cancel = await from(reader, "DELETE", `/api/registrations/${token}`);
    const retryAfter = expectLimited(cancel);
    const [row] = await t.handle.db.select().from(registrations).where(eq(registrations.id, registrationId));
    expect(row!.status).toBe("confirmed");
    // The holder on her own address is not affected.
    expect((await from("198.51.100.52", "GET", paths[0]!)).status).toBe(200);

    wait(retryAfter * 1000);
    expect((await from(reader, "GET", paths[0]!)).status).toBe(200);
  });

  it("stops an address after 20 unknown links, before looking the next one up", async () => {
    const guesser = "198.51.100.53";
    for (let i = 0; i < DEFAULT_RULES["token-unknown"].limit; i++) {
      const res = await from(guesser, "GET", `/api/registrations/gissadtoken${String(i).padStart(10, "0")}`);
      expect(res.status).toBe(404);
    }
    // A real token is refused too, so the answer says nothing about it.
    expectLimited(await from(guesser, "GET", `/api/registrations/${token}`));
    expect((await from("198.51.100.54", "GET", `/api/registrations/${token}`)).status).toBe(200);
  });
});

describe("addresses and the table", () => {
  it("counts an IPv6 client by its /64, and takes changed limits from RATE_LIMITS", async () => {
    const small = await createTestContext({ rateLimits: "registration-address=3/10m" });
    try {
      const id = await small.occasion({ capacity: 20 });
      const reg = (address: string) => from(address, "POST", `/api/occasions/${id}/registrations`, person(), small);
      expect([
        (await reg("2001:db8:1:2::a")).status,
        (await reg("2001:db8:1:2:ffff::b")).status,
        (await reg("2001:0db8:0001:0002::c")).status,
      ]).toEqual([201, 201, 201]);
      expectLimited(await reg("2001:db8:1:2::d"));
      expect((await reg("2001:db8:1:3::a")).status).toBe(201);
      expect((await reg(TEST_CLIENT_ADDRESS)).status).toBe(201);
    } finally {
      await small.close();
    }
  });

  it("keeps no readable address or e-mail, and sweeps windows that are over", async () => {
    const keys = await t.handle.db.all<{ key: string }>(sql`SELECT key FROM rate_limits`);
    expect(keys.length).toBeGreaterThan(0);
    for (const { key } of keys) expect(key).toMatch(/^[a-z-]+:[0-9a-f]{32}$/);

    // Two hours on, every window so far is over; each counting request deletes a few of them.
    wait(2 * 3_600_000);
    const now = () => t.now.value.getTime();
    const expiredRows = async () =>
      (
        await t.handle.db.all<{ n: number }>(sql`SELECT count(*) AS n FROM rate_limits WHERE expires_at <= ${now()}`)
      )[0]!.n;
    const before = await expiredRows();
    expect(before).toBeGreaterThan(2 * SWEEP_ROWS);
    const look = () => from("198.51.100.60", "GET", "/api/registrations/ingentokenalls0000");
    expect((await look()).status).toBe(404);
    // Two counting batches: the look-up, then its miss.
    expect(await expiredRows()).toBe(before - 2 * SWEEP_ROWS);
    for (let i = 0; i < Math.ceil(before / SWEEP_ROWS); i++) await look();
    expect(await expiredRows()).toBe(0);
    // Left: this address's look-ups and its unknown links, one row each.
    expect((await t.handle.db.all<{ n: number }>(sql`SELECT count(*) AS n FROM rate_limits`))[0]!.n).toBe(2);
  });

  it("reads the client's address from X-Forwarded-For only as far as TRUST_PROXY says", () => {
    expect(forwardedAddress("203.0.113.9", 1)).toBe("203.0.113.9");
    // The client wrote the first entry; our proxy appended the last.
    expect(forwardedAddress("1.1.1.1, 203.0.113.9", 1)).toBe("203.0.113.9");
    expect(forwardedAddress("1.1.1.1, 203.0.113.9, 10.0.0.2", 2)).toBe("203.0.113.9");
    expect(forwardedAddress("1.1.1.1, 203.0.113.9", 0)).toBeUndefined();
    expect(forwardedAddress(undefined, 1)).toBeUndefined();
    expect(addressKey("::ffff:192.0.2.7")).toBe("192.0.2.7");
    expect(addressKey("[2001:db8::1]:443")).toBe("2001:db8:0:0::/64");
    expect(addressKey(undefined)).toBe("unknown");
  });
});

describe("configuration", () => {
  it("is on by default, off with RATE_LIMITS=off, and names a wrong value at start", () => {
    expect(loadEnv({}).RATE_LIMITS.enabled).toBe(true);
    expect(loadEnv({ RATE_LIMITS: "off" }).RATE_LIMITS.enabled).toBe(false);
    expect(
      loadWorkerEnv({ ENVIRONMENT: "development", PUBLIC_URL: "http://kurser.test", RATE_LIMITS: "off" }).RATE_LIMITS
        .enabled,
    ).toBe(false);
    const changed = loadEnv({ RATE_LIMITS: "sign-in-email=3/1h" }).RATE_LIMITS;
    expect(changed.enabled).toBe(true);
    expect(changed.rules["sign-in-email"]).toMatchObject({ key: "email", limit: 3, windowMs: 3_600_000 });
    expect(changed.rules["registration-address"]).toEqual(DEFAULT_RULES["registration-address"]);
    expect(() => loadEnv({ RATE_LIMITS: "registrering=5/1m" })).toThrow(/RATE_LIMITS: okänd gräns "registrering"/);
    expect(() => loadEnv({ RATE_LIMITS: "kanske" })).toThrow(/RATE_LIMITS/);
    expect(() => loadEnv({ TRUST_PROXY: "ja" })).toThrow(/TRUST_PROXY/);
    expect(parseRateLimits("registration-email=0/1h")).toHaveProperty("error");
  });

  it("lets a burst through with RATE_LIMITS=off", async () => {
    const off = await createTestContext({ rateLimits: "off" });
    try {
      const id = await off.occasion({ capacity: 200 });
      const statuses = await Promise.all(
        Array.from({ length: 150 }, () =>
          from("198.51.100.70", "POST", `/api/occasions/${id}/registrations`, person(), off).then((r) => r.status),
        ),
      );
      expect(statuses.filter((s) => s === 201)).toHaveLength(150);
      for (let i = 0; i < 10; i++)
        expect(
          (await from("198.51.100.70", "POST", "/api/auth/link", { email: "samma@halland.example.se" }, off)).status,
        ).toBe(202);
      expect((await off.handle.db.all<{ n: number }>(sql`SELECT count(*) AS n FROM rate_limits`))[0]!.n).toBe(0);
    } finally {
      await off.close();
    }
  });
});

describe("the web app's client", () => {
  const realFetch = globalThis.fetch;
  afterEach(() => {
    globalThis.fetch = realFetch;
  });

  it("shows the 429 message, as it does other refusals", async () => {
    const ctx = await createTestContext({ rateLimits: "sign-in-email=1/15m" });
    try {
      // The web app's own fetch, answered by the app.
      globalThis.fetch = ((input: string, init?: RequestInit) => ctx.app.request(input, init)) as typeof fetch;
      await webStaffApi.requestSignInLink("webb@halland.example.se");
      const error = await webStaffApi.requestSignInLink("webb@halland.example.se").catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).status).toBe(429);
      expect((error as ApiError).message).toBe(
        "Du har gjort för många försök på kort tid. Vänta 15 minuter och försök sedan igen.",
      );
    } finally {
      await ctx.close();
    }
  });
});

describe("the Node server", () => {
  let dir: string;
  const servers: RunningServer[] = [];
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "kurser-rate-"));
  });
  afterAll(async () => {
    for (const s of servers) await s.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function serve(trustProxy: string) {
    const server = await startServer(
      loadEnv({
        PORT: "0",
        HOST: "127.0.0.1",
        DATABASE_URL: `file:${join(dir, `proxy-${trustProxy}.db`)}`,
        SEED_DEMO: "false",
        RATE_LIMITS: "sign-in-address=2/15m",
        TRUST_PROXY: trustProxy,
      }),
      { quiet: true },
    );
    servers.push(server);
    return (forwarded: string) =>
      fetch(`http://127.0.0.1:${server.port}/api/auth/link`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": forwarded },
        body: JSON.stringify({ email: `${Math.random().toString(36).slice(2)}@halland.example.se` }),
      }).then((r) => r.status);
  }

  it("counts per connection and ignores X-Forwarded-For without TRUST_PROXY", async () => {
    const ask = await serve("0");
    // A client that writes a new X-Forwarded-For each time is still one address.
    expect([await ask("1.1.1.1"), await ask("2.2.2.2"), await ask("3.3.3.3")]).toEqual([202, 202, 429]);
  });

  it("counts per forwarded address behind TRUST_PROXY=1", async () => {
    const ask = await serve("1");
    expect([await ask("1.1.1.1"), await ask("1.1.1.1"), await ask("1.1.1.1")]).toEqual([202, 202, 429]);
    // What the client wrote to the left of our proxy's entry does not matter.
    expect(await ask("9.9.9.9, 1.1.1.1")).toBe(429);
    expect(await ask("1.1.1.1, 2.2.2.2")).toBe(202);
  });
});
