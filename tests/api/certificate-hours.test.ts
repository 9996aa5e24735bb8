// Issue 13: an occasion day carries its breaks; the certificate counts hours of content
// (end − start − breaks) and shows nothing of the catalogue text.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { courses } from "../../db/schema.ts";
import { contentHours, hoursText } from "../../server/domain/format-time.ts";
import { api, createTestContext, person, staffApi, staffToken, type TestContext } from "../helpers/test-db.ts";

describe("contentHours", () => {
  const day = (start: string, end: string, breakMinutes: number) => ({
    startsAt: new Date(`2026-03-12T${start}:00+01:00`),
    endsAt: new Date(`2026-03-12T${end}:00+01:00`),
    breakMinutes,
  });
  it("takes the breaks off the day", () => {
    expect(contentHours(day("09:00", "16:00", 60))).toBe(6);
    expect(contentHours(day("09:00", "16:00", 30))).toBe(6.5);
    expect(contentHours(day("09:00", "16:00", 0))).toBe(7);
    expect(contentHours(day("09:00", "12:30", 0))).toBe(3.5);
    expect(contentHours(day("09:00", "16:00", 45))).toBe(6); // 6 h 15 min: counted to the half hour below
  });
  it("reads in Swedish", () => {
    expect(hoursText(6)).toBe("6 timmar");
    expect(hoursText(6.5)).toBe("6,5 timmar");
    expect(hoursText(1)).toBe("1 timme");
  });
});

let t: TestContext;
let office: string;
let courseId: number;
beforeAll(async () => {
  t = await createTestContext({ now: new Date("2026-03-02T08:00:00Z") });
  office = (await staffToken(t, "office")).token;
  const [c] = await t.handle.db.select().from(courses).where(eq(courses.organiserId, t.organiserId));
  courseId = c!.id;
  await t.handle.db
    .update(courses)
    .set({ description: "Heldag om samverkan. Lunch ingår." })
    .where(eq(courses.id, courseId));
});
afterAll(() => t.close());

const occasion = (days: unknown) => ({
  courseId,
  days,
  online: false,
  venue: "Folkets Hus Varberg",
  address: "Västra Vallgatan 9, Varberg",
  capacity: 5,
  status: "published",
});

describe("breaks and the certificate", () => {
  it("stores days[].breakMinutes, keeps them on a PATCH that leaves them out, and refuses a break as long as the day", async () => {
    const created = await staffApi(
      t,
      office,
      "POST",
      "/api/office/occasions",
      occasion([
        { start: "2026-03-27T09:00", end: "2026-03-27T16:00", breakMinutes: 60 },
        { start: "2026-03-28T09:00", end: "2026-03-28T12:30" },
      ]),
    );
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const id = created.json.occasion.id as number;
    const days = created.json.occasion.days as { id: number; breakMinutes: number }[];
    expect(days.map((d) => d.breakMinutes)).toEqual([60, 0]);

    const patched = await staffApi(t, office, "PATCH", `/api/office/occasions/${id}`, {
      days: [
        { id: days[0]!.id, start: "2026-03-27T09:00", end: "2026-03-27T16:00" },
        { id: days[1]!.id, start: "2026-03-28T09:00", end: "2026-03-28T12:30" },
      ],
    });
    expect(patched.status, JSON.stringify(patched.json)).toBe(200);
    expect(patched.json.occasion.days.map((d: { breakMinutes: number }) => d.breakMinutes)).toEqual([60, 0]);

    const tooLong = await staffApi(t, office, "PATCH", `/api/office/occasions/${id}`, {
      days: [{ id: days[0]!.id, start: "2026-03-27T09:00", end: "2026-03-27T16:00", breakMinutes: 420 }],
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.json.error.fields["days.0.breakMinutes"]).toBe("Rasten måste vara kortare än dagen.");

    const reg = await api(t.app, "POST", `/api/occasions/${id}/registrations`, person({ name: "Karin Lind" }));
    expect(reg.status).toBe(201);
    for (const d of days) {
      const res = await staffApi(
        t,
        office,
        "PUT",
        `/api/leader/occasions/${id}/days/${d.id}/attendance/${reg.json.registration.id}`,
        { status: "present" },
      );
      expect(res.status, JSON.stringify(res.json)).toBe(200);
    }
    t.now.value = new Date("2026-04-02T08:00:00Z");
    const cert = await api(t.app, "GET", `/api/registrations/${reg.json.registration.manageToken}/certificate`);
    expect(cert.json.certificate).toMatchObject({
      eligible: true,
      name: "Karin Lind",
      hours: 9.5,
      totalDays: 2,
      organiser: { name: "Samordningsförbundet i Halland" },
    });
    expect(cert.json.certificate.days.map((d: { hours: number }) => d.hours)).toEqual([6, 3.5]);
    expect(JSON.stringify(cert.json.certificate)).not.toContain("Lunch ingår");
    expect(cert.json.certificate).not.toHaveProperty("description");
  });
});
