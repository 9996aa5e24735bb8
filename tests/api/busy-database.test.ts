// Another connection holds the write lock (a script, a second instance, a tool with the file
// open): reads go on being answered, a write waits about a second for the lock, then gets
// 503 `busy` with Retry-After and has written nothing; once the lock is gone it goes through.
import { createClient, type Client, type Transaction } from "@libsql/client";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { isDatabaseBusy } from "../../db/client.ts";
import { BUSY_WAIT_MS } from "../../db/write-lock.ts";
import { occasions } from "../../db/schema.ts";
import { tableCounts } from "../../server/backup.ts";
import { api, createTestContext, person, type TestContext } from "../helpers/test-db.ts";

let t: TestContext;
let other: Client;
let occasionId: number;
beforeAll(async () => {
  t = await createTestContext();
  occasionId = await t.occasion({ capacity: 5 });
  const [db] = (await t.handle.client.execute("PRAGMA database_list")).rows;
  other = createClient({ url: `file:${String(db!.file)}` });
});
afterAll(async () => {
  other.close();
  await t.close();
});

/** BEGIN IMMEDIATE on the second connection: it holds the write lock until rollback. */
const holdWriteLock = (): Promise<Transaction> => other.transaction("write");
const register = (body: unknown) => api(t.app, "POST", `/api/occasions/${occasionId}/registrations`, body);
const timed = async <T>(run: () => Promise<T>) => {
  const t0 = performance.now();
  const value = await run();
  return { value, ms: performance.now() - t0 };
};
const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

it("answers reads while the lock is held, and refuses a write after about a second with 503 busy, writing nothing", async () => {
  const before = await tableCounts(t.handle.client);
  const body = person();
  const lock = await holdWriteLock();
  let refused: { value: Awaited<ReturnType<typeof register>>; ms: number } | undefined;
  const reads: { status: number; ms: number }[] = [];
  try {
    const post = timed(() => register(body));
    // The write is waiting for the lock all this time; requests beside it are not.
    for (let i = 0; i < 6; i++) {
      const r = await timed(() => api(t.app, "GET", "/api/occasions"));
      reads.push({ status: r.value.status, ms: r.ms });
      await sleep(100);
    }
    refused = await post;
  } finally {
    await lock.rollback();
  }
  expect(reads.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
  expect(Math.max(...reads.map((r) => r.ms))).toBeLessThan(500);

  expect(refused.value.status).toBe(503);
  expect(refused.value.headers.get("retry-after")).toBe("1");
  expect(refused.value.json).toEqual({
    error: { code: "busy", message: "Just nu är det många som använder tjänsten. Försök igen om en stund." },
  });
  expect(refused.ms).toBeGreaterThanOrEqual(BUSY_WAIT_MS * 0.9);
  expect(refused.ms).toBeLessThan(1500);
  // Nothing of the registration's batch (workplace, registration, outbox rows) is there.
  expect(await tableCounts(t.handle.client)).toEqual(before);

  // The same request once the lock is gone.
  const ok = await register(body);
  expect(ok.status).toBe(201);
  expect(ok.json.registration.status).toBe("confirmed");
});

it("lets a write through that gets the lock within the wait", async () => {
  const lock = await holdWriteLock();
  const post = timed(() => register(person()));
  await sleep(300);
  await lock.rollback();
  const { value, ms } = await post;
  expect(value.status).toBe(201);
  expect(ms).toBeGreaterThanOrEqual(250);
});

it("waits and then refuses on every write path: drizzle's query builder, raw statements and batchSql", async () => {
  const { db } = t.handle;
  const lock = await holdWriteLock();
  try {
    const attempts = await Promise.all(
      [
        () => db.update(occasions).set({ capacity: 99 }),
        () => db.run(sql`UPDATE occasions SET capacity = 98`),
        () => db.batchSql([sql`UPDATE occasions SET capacity = 97`, sql`UPDATE occasions SET label = 'x'`]),
      ].map((write) =>
        timed(() =>
          write().then(
            () => null,
            (err: unknown) => err,
          ),
        ),
      ),
    );
    for (const { value: err, ms } of attempts) {
      expect(isDatabaseBusy(err)).toBe(true);
      expect(ms).toBeGreaterThanOrEqual(BUSY_WAIT_MS * 0.9);
    }
    // Reads straight through drizzle are not held up by the lock.
    const read = await timed(() => db.select({ capacity: occasions.capacity }).from(occasions));
    expect(read.ms).toBeLessThan(100);
    expect(read.value.map((r) => r.capacity)).not.toContain(99);
  } finally {
    await lock.rollback();
  }
  const rows = await db.select({ capacity: occasions.capacity, label: occasions.label }).from(occasions);
  expect(rows.every((r) => r.capacity < 97 && r.label !== "x")).toBe(true);
});

it("commits the writes that follow a refused one (the refused statement leaves nothing open)", async () => {
  // With the driver's own statements, a write refused with BUSY stayed "in progress" and
  // later writes on the connection never committed; the other connection would see none.
  const lock = await holdWriteLock();
  const refused = await register(person()).finally(() => lock.rollback());
  expect(refused.status).toBe(503);
  const ok = await register(person());
  expect(ok.status).toBe(201);
  const seen = await other.execute({
    sql: "SELECT count(*) AS n FROM registrations WHERE id = ?",
    args: [ok.json.registration.id],
  });
  expect(Number(seen.rows[0]!.n)).toBe(1);
  // And the other connection can write again: nothing of ours holds the lock.
  const tx = await holdWriteLock();
  await tx.rollback();
});
