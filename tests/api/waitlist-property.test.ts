// Property tests for capacity and the waiting list: whatever the order and overlap of
// registrations and cancellations, no more than capacity are confirmed, nobody waits while
// a place is free, and people are moved up in the order they came.
import { eq } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registrations } from "../../db/schema.ts";
import { cancelByToken, register } from "../../server/domain/registration.ts";
import { createTestContext, person, type TestContext } from "../helpers/test-db.ts";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const opArb = (people: number) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.record({ kind: fc.constant("register" as const), who: fc.nat(people - 1) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant("cancel" as const), who: fc.nat(people - 1) }) },
  );

async function checkInvariants(occasionId: number, capacity: number) {
  const rows = await t.handle.db.select().from(registrations).where(eq(registrations.occasionId, occasionId));
  const confirmed = rows.filter((r) => r.status === "confirmed").map((r) => r.id);
  const waiting = rows.filter((r) => r.status === "waitlisted").map((r) => r.id);
  expect(confirmed.length).toBeLessThanOrEqual(capacity);
  // Nobody waits while there is a free place.
  if (waiting.length > 0) expect(confirmed.length).toBe(capacity);
  // Served in arrival order: everyone confirmed came before everyone still waiting.
  if (waiting.length > 0 && confirmed.length > 0) expect(Math.max(...confirmed)).toBeLessThan(Math.min(...waiting));
  // One active registration per person.
  const active = rows.filter((r) => r.status !== "cancelled").map((r) => r.emailKey);
  expect(new Set(active).size).toBe(active.length);
  return { confirmed, waiting };
}

describe("capacity and waiting list", () => {
  it("sequential operations match a simple model exactly", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }),
        fc.array(opArb(8), { minLength: 1, maxLength: 30 }),
        async (capacity, ops) => {
          const occasionId = await t.occasion({ capacity });
          const bodies = Array.from({ length: 8 }, () => person());
          const tokens = new Map<number, string>();
          // The model: a queue of active people in arrival order; the first `capacity` are confirmed.
          let queue: number[] = [];
          for (const op of ops) {
            if (op.kind === "register") {
              const res = await register(t.handle.db, t.now.value, occasionId, bodies[op.who]! as never);
              if (!queue.includes(op.who)) queue.push(op.who);
              tokens.set(op.who, res.manageToken);
              const expected = queue.indexOf(op.who) < capacity ? "confirmed" : "waitlisted";
              expect(res.status).toBe(expected);
              if (expected === "waitlisted") expect(res.waitlistPosition).toBe(queue.indexOf(op.who) - capacity + 1);
            } else {
              const token = tokens.get(op.who);
              if (!token) continue;
              await cancelByToken(t.handle.db, t.now.value, token);
              queue = queue.filter((w) => w !== op.who);
            }
          }
          const { confirmed } = await checkInvariants(occasionId, capacity);
          expect(confirmed.length).toBe(Math.min(capacity, queue.length));
          const confirmedPeople = queue.slice(0, capacity).map((w) => tokens.get(w));
          const rows = await t.handle.db.select().from(registrations).where(eq(registrations.occasionId, occasionId));
          expect(
            rows
              .filter((r) => r.status === "confirmed")
              .map((r) => r.manageToken)
              .sort(),
          ).toEqual([...confirmedPeople].sort());
        },
      ),
      { numRuns: 40 },
    );
  });

  it("random interleavings of concurrent registrations and cancellations never overbook", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.array(opArb(12), { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 6 }),
        fc.scheduler(),
        async (capacity, rounds, s) => {
          const occasionId = await t.occasion({ capacity });
          const bodies = Array.from({ length: 12 }, () => person());
          const tokens = new Map<number, string>();
          for (const round of rounds) {
            // Each round's operations run at once; the scheduler picks the order in which
            // their awaits resume, so reads and writes of different requests interleave.
            const tasks = round.map((op) =>
              s.schedule(Promise.resolve(op)).then(async () => {
                if (op.kind === "register") {
                  const res = await register(t.handle.db, t.now.value, occasionId, bodies[op.who]! as never);
                  tokens.set(op.who, res.manageToken);
                } else {
                  const token = tokens.get(op.who);
                  if (token) await cancelByToken(t.handle.db, t.now.value, token);
                }
              }),
            );
            await s.waitAll();
            await Promise.all(tasks);
            await checkInvariants(occasionId, capacity);
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
