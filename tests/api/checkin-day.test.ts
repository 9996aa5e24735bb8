// Issue 13: the check-in page names the course, the day and the place, from a public GET that
// answers for a published occasion's day only, with no personal data.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { occasionDays } from "../../db/schema.ts";
import { api, createTestContext, person, type TestContext } from "../helpers/test-db.ts";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const daysOf = async (occasionId: number) =>
  (await t.handle.db.select().from(occasionDays).where(eq(occasionDays.occasionId, occasionId))).sort(
    (a, b) => +a.startsAt - +b.startsAt,
  );

describe("GET /api/checkin/:dayId", () => {
  it("names the course, the day and the place of a published occasion's day", async () => {
    const id = await t.occasion({ dayCount: 2 });
    await api(t.app, "POST", `/api/occasions/${id}/registrations`, person({ email: "syns.inte@example.se" }));
    const days = await daysOf(id);
    const res = await api(t.app, "GET", `/api/checkin/${days[1]!.id}`);
    expect(res.status).toBe(200);
    expect(res.json.day).toEqual({
      courseTitle: expect.any(String),
      dayNumber: 2,
      dayCount: 2,
      startsAt: days[1]!.startsAt.toISOString(),
      endsAt: days[1]!.endsAt.toISOString(),
      location: expect.any(String),
    });
    expect(res.json.day.courseTitle.length).toBeGreaterThan(2);
    expect(JSON.stringify(res.json)).not.toContain("@");
  });

  it("404 for a draft, a cancelled occasion, a cancelled day and an unknown day", async () => {
    const draft = await t.occasion({ status: "draft" });
    const cancelled = await t.occasion({ status: "cancelled" });
    const open = await t.occasion({ dayCount: 2 });
    const [openDay] = await daysOf(open);
    await t.handle.db.update(occasionDays).set({ cancelledAt: new Date() }).where(eq(occasionDays.id, openDay!.id));
    for (const dayId of [(await daysOf(draft))[0]!.id, (await daysOf(cancelled))[0]!.id, openDay!.id, 999999]) {
      const res = await api(t.app, "GET", `/api/checkin/${dayId}`);
      expect(res.status, String(dayId)).toBe(404);
      expect(res.json.error.code).toBe("day_not_found");
    }
    expect([400, 404]).toContain((await api(t.app, "GET", "/api/checkin/abc")).status);
  });
});
