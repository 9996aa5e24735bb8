// Attendance on the day, through the leader's API and the participants' QR check-in.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attendance, occasionDays, occasionLeaders, organisers } from "../../db/schema.ts";
import { api, createTestContext, person, staffApi, staffToken, type TestContext } from "../helpers/test-db.ts";

let t: TestContext;
let leader: { token: string; user: { id: number } };
let otherLeader: string;
let office: string;
let occasionId: number;
let dayIds: number[];
const people: { id: number; token: string; email: string }[] = [];

const HOUR = 3_600_000;
beforeAll(async () => {
  t = await createTestContext();
  leader = await staffToken(t, "leader");
  otherLeader = (await staffToken(t, "leader")).token;
  office = (await staffToken(t, "office")).token;
  // Two days, the first starting an hour from "now".
  occasionId = await t.occasion({ capacity: 3, inDays: 1 / 24, dayCount: 2 });
  await t.handle.db.insert(occasionLeaders).values({ occasionId, userId: leader.user.id });
  dayIds = (await t.handle.db.select().from(occasionDays).where(eq(occasionDays.occasionId, occasionId)))
    .sort((a, b) => +a.startsAt - +b.startsAt)
    .map((d) => d.id);
  for (const [name, email, dietary] of [
    ["Karin Lind", "karin.lind@example.se", "Vegetarisk"],
    ["Erik Lindqvist", "erik.lindqvist@example.se", null],
    ["Sara Ek", "sara.ek@example.se", null],
    ["Nils Väntar", "nils.vantar@example.se", null],
  ] as const) {
    const res = await api(
      t.app,
      "POST",
      `/api/occasions/${occasionId}/registrations`,
      person({ name, email, dietary }),
    );
    people.push({ id: res.json.registration.id, token: res.json.registration.manageToken, email });
  }
  // The day has started.
  t.now.value = new Date(t.now.value.getTime() + 1.5 * HOUR);
});
afterAll(() => t.close());

const mark = (token: string, day: number, reg: number, status: string | null) =>
  staffApi(t, token, "PUT", `/api/leader/occasions/${occasionId}/days/${day}/attendance/${reg}`, { status });
const list = (token = leader.token) => staffApi(t, token, "GET", `/api/leader/occasions/${occasionId}/participants`);

describe("the list at the door", () => {
  it("shows the leader her occasion's participants with their needs, and the waiting list below", async () => {
    const mine = await staffApi(t, leader.token, "GET", "/api/leader/occasions");
    expect(mine.json.occasions.map((o: { id: number }) => o.id)).toEqual([occasionId]);
    // Issue 13: where, and how many (confirmed, and the waiting list), for the leader's list of occasions.
    expect(mine.json.occasions[0]).toMatchObject({ confirmed: 3, waitlisted: 1, online: false });
    expect(mine.json.occasions[0].location).toMatch(/^Folkets Hus Varberg/);
    const res = await list();
    expect(res.status).toBe(200);
    expect(res.json.participants.map((p: { name: string }) => p.name)).toEqual([
      "Erik Lindqvist",
      "Karin Lind",
      "Sara Ek",
    ]);
    expect(res.json.participants.find((p: { name: string }) => p.name === "Karin Lind").dietary).toBe("Vegetarisk");
    expect(res.json.waitlist).toMatchObject([{ name: "Nils Väntar", waitlistPosition: 1 }]);
    expect(res.json.occasion.days.map((d: { id: number }) => d.id)).toEqual(dayIds);
    expect(res.json.occasion.attendanceLockDays).toBe(14);
    expect(res.json.occasion.days[0].locksAt).toBeTypeOf("string");
    // Only occasions not yet over, when asked.
    const later = await staffApi(t, leader.token, "GET", "/api/leader/occasions?from=2099-01-01");
    expect(later.json.occasions).toEqual([]);
  });

  it("keeps other leaders and anonymous callers out", async () => {
    expect((await list(otherLeader)).status).toBe(403);
    expect((await mark(otherLeader, dayIds[0]!, people[0]!.id, "present")).status).toBe(403);
    expect((await api(t.app, "GET", `/api/leader/occasions/${occasionId}/participants`)).status).toBe(401);
    expect((await staffApi(t, otherLeader, "GET", "/api/leader/occasions")).json.occasions).toEqual([]);
    expect((await list(office)).status).toBe(200);
  });
});

describe("marking", () => {
  it("keeps one mark per person and day, the last one; unmarked is not absent; days are separate", async () => {
    const [karin, erik] = people;
    await mark(leader.token, dayIds[0]!, karin!.id, "present");
    await mark(leader.token, dayIds[0]!, karin!.id, "present"); // double tap
    await mark(leader.token, dayIds[0]!, karin!.id, "late"); // second choice
    await mark(leader.token, dayIds[1]!, karin!.id, "excused");
    const rows = await t.handle.db.select().from(attendance).where(eq(attendance.registrationId, karin!.id));
    expect(rows.map((r) => [r.dayId, r.status]).sort()).toEqual(
      [
        [dayIds[0], "late"],
        [dayIds[1], "excused"],
      ].sort(),
    );
    const res = await list();
    const byName = (n: string) => res.json.participants.find((p: { name: string }) => p.name === n);
    expect(byName("Karin Lind").marks).toEqual({ [dayIds[0]!]: "late", [dayIds[1]!]: "excused" });
    expect(byName("Erik Lindqvist").marks).toEqual({});
    // Clearing a mark makes it unmarked again.
    await mark(leader.token, dayIds[1]!, karin!.id, null);
    expect((await list()).json.participants.find((p: { name: string }) => p.name === "Karin Lind").marks).toEqual({
      [dayIds[0]!]: "late",
    });
    void erik;
  });

  it("refuses marks for the waiting list, unknown people, and bad statuses", async () => {
    const waiting = people[3]!;
    expect((await mark(leader.token, dayIds[0]!, waiting.id, "present")).json.error.code).toBe("not_confirmed");
    expect((await mark(leader.token, dayIds[0]!, 987654, "present")).status).toBe(404);
    expect((await mark(leader.token, dayIds[0]!, people[0]!.id, "sjuk")).status).toBe(400);
    expect((await mark(leader.token, 987654, people[0]!.id, "present")).status).toBe(404);
  });

  it("'Markera övriga som frånvarande' marks only the unmarked, for that day", async () => {
    const res = await staffApi(t, leader.token, "POST", `/api/leader/occasions/${occasionId}/days/${dayIds[0]}/close`);
    expect(res.json.markedAbsent).toBe(2); // Erik and Sara; Karin was late
    const day = await t.handle.db.select().from(attendance).where(eq(attendance.dayId, dayIds[0]!));
    expect(day.map((r) => r.status).sort()).toEqual(["absent", "absent", "late"]);
    const again = await staffApi(
      t,
      leader.token,
      "POST",
      `/api/leader/occasions/${occasionId}/days/${dayIds[0]}/close`,
    );
    expect(again.json.markedAbsent).toBe(0);
  });

  it("logs each change of a mark: who, when, from what to what", async () => {
    await mark(leader.token, dayIds[0]!, people[1]!.id, "present");
    const log = await staffApi(t, office, "GET", "/api/office/audit");
    const entry = log.json.entries.find(
      (e: { action: string; entityId: number }) => e.action === "attendance.mark" && e.entityId === people[1]!.id,
    );
    expect(entry.before).toMatchObject({ dayId: dayIds[0], status: "absent" });
    expect(entry.after).toMatchObject({ dayId: dayIds[0], status: "present", via: "leader" });
    expect(entry.userId).toBe(leader.user.id);
  });
});

describe("walk-ins", () => {
  it("adds someone who never registered as registered and present, even when full", async () => {
    const res = await staffApi(
      t,
      leader.token,
      "POST",
      `/api/leader/occasions/${occasionId}/days/${dayIds[0]}/walk-ins`,
      {
        name: "Olle Oanmäld",
        email: "olle@example.se",
        party: "laholm",
        workplace: { name: "Laholms kommun, AME", municipality: "Laholm" },
      },
    );
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ walkIn: true, name: "Olle Oanmäld", status: "confirmed" });
    const olle = (await list()).json.participants.find((p: { name: string }) => p.name === "Olle Oanmäld");
    expect(olle).toMatchObject({ source: "walk-in", marks: { [dayIds[0]!]: "present" } });
  });

  it("refuses a walk-in with a party that is not one of the organiser's, at the field, and writes nothing", async () => {
    const before = (await list()).json;
    const res = await staffApi(
      t,
      leader.token,
      "POST",
      `/api/leader/occasions/${occasionId}/days/${dayIds[0]}/walk-ins`,
      {
        name: "Petra Påhittad",
        email: "petra.pahittad@example.se",
        party: "finns-inte",
        workplace: { name: "Påhittade verket", municipality: "Halmstad" },
      },
    );
    expect(res.status).toBe(400);
    expect(res.json.error.fields.party).toBe("Välj en arbetsgivare i listan.");
    expect((await list()).json).toEqual(before);
  });

  it("a person from the waiting list who turns up gets the place and a present mark", async () => {
    const res = await staffApi(
      t,
      leader.token,
      "POST",
      `/api/leader/occasions/${occasionId}/days/${dayIds[0]}/walk-ins`,
      {
        name: "Nils Väntar",
        email: "NILS.vantar@example.se",
        party: "fk",
        workplace: { name: "Försäkringskassan", municipality: "Halmstad" },
      },
    );
    expect(res.json).toMatchObject({ registrationId: people[3]!.id, walkIn: false });
    const after = await list();
    expect(after.json.waitlist).toEqual([]);
    expect(after.json.participants.find((p: { name: string }) => p.name === "Nils Väntar").marks[dayIds[0]!]).toBe(
      "present",
    );
  });
});

describe("QR self check-in", () => {
  it("accepts this minute's code with a registered e-mail, and refuses old codes, other days' codes and strangers", async () => {
    const codeRes = await staffApi(
      t,
      leader.token,
      "GET",
      `/api/leader/occasions/${occasionId}/days/${dayIds[0]}/checkin-code`,
    );
    expect(codeRes.status).toBe(200);
    const { code, url } = codeRes.json;
    expect(url).toContain(`/incheckning/${dayIds[0]}?kod=${code}`);
    const sara = people[2]!;
    await mark(leader.token, dayIds[0]!, sara.id, null);
    const ok = await api(t.app, "POST", "/api/checkin", { dayId: dayIds[0], code, email: "SARA.EK@example.se" });
    expect(ok.status).toBe(200);
    expect(ok.json.checkin).toEqual({ name: "Sara Ek", status: "present" });

    const stranger = await api(t.app, "POST", "/api/checkin", { dayId: dayIds[0], code, email: "hemma@example.se" });
    expect(stranger.status).toBe(404);
    expect(stranger.json.error.code).toBe("not_registered");

    // The code is not the second day's code, and a code of a minute ago still works, of three minutes ago not.
    expect(
      (await api(t.app, "POST", "/api/checkin", { dayId: dayIds[1], code, email: sara.email })).status,
    ).toBeGreaterThanOrEqual(400);
    const saved = t.now.value;
    try {
      t.now.value = new Date(saved.getTime() + 60_000);
      expect((await api(t.app, "POST", "/api/checkin", { dayId: dayIds[0], code, email: sara.email })).status).toBe(
        200,
      );
      t.now.value = new Date(saved.getTime() + 3 * 60_000);
      const old = await api(t.app, "POST", "/api/checkin", { dayId: dayIds[0], code, email: sara.email });
      expect(old.status).toBe(400);
      expect(old.json.error.code).toBe("checkin_code_invalid");
      // After the day, no code at all.
      t.now.value = new Date(saved.getTime() + 10 * HOUR);
      expect(
        (await staffApi(t, leader.token, "GET", `/api/leader/occasions/${occasionId}/days/${dayIds[0]}/checkin-code`))
          .json.error.code,
      ).toBe("day_not_running");
    } finally {
      t.now.value = saved;
    }
  });

  it("refuses the code of another occasion's day", async () => {
    const other = await t.occasion({ capacity: 5, inDays: -1 / 24 });
    await t.handle.db.insert(occasionLeaders).values({ occasionId: other, userId: leader.user.id });
    const [otherDay] = await t.handle.db.select().from(occasionDays).where(eq(occasionDays.occasionId, other));
    const { code } = (
      await staffApi(t, leader.token, "GET", `/api/leader/occasions/${other}/days/${otherDay!.id}/checkin-code`)
    ).json;
    const res = await api(t.app, "POST", "/api/checkin", { dayId: dayIds[0], code, email: people[0]!.email });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe("checkin_code_invalid");
  });

  it("does not overwrite a mark the leader set", async () => {
    await mark(leader.token, dayIds[0]!, people[1]!.id, "late");
    const { code } = (
      await staffApi(t, leader.token, "GET", `/api/leader/occasions/${occasionId}/days/${dayIds[0]}/checkin-code`)
    ).json;
    const res = await api(t.app, "POST", "/api/checkin", { dayId: dayIds[0], code, email: people[1]!.email });
    expect(res.json.checkin.status).toBe("late");
  });
});

describe("locking and certificates", () => {
  it("locks marks for leaders a set number of days after the day; the office can still change them", async () => {
    const saved = t.now.value;
    const [org] = await t.handle.db.select().from(organisers);
    t.now.value = new Date(saved.getTime() + (org!.attendanceLockDays + 9) * 86_400_000);
    try {
      const locked = await mark(leader.token, dayIds[0]!, people[0]!.id, "present");
      expect(locked.status).toBe(403);
      expect(locked.json.error.code).toBe("attendance_locked");
      expect((await mark(office, dayIds[0]!, people[0]!.id, "present")).status).toBe(200);
    } finally {
      t.now.value = saved;
    }
  });

  it("gives a certificate to those who attended every day, once the occasion is over", async () => {
    const [karin, erik] = people;
    await mark(office, dayIds[0]!, karin!.id, "present");
    await mark(office, dayIds[1]!, karin!.id, "late");
    await mark(office, dayIds[0]!, erik!.id, "present");
    await mark(office, dayIds[1]!, erik!.id, "absent");
    const during = await api(t.app, "GET", `/api/registrations/${karin!.token}/certificate`);
    expect(during.json.certificate).toMatchObject({ eligible: false, reason: expect.stringContaining("avslutad") });
    const saved = t.now.value;
    t.now.value = new Date(saved.getTime() + 10 * 86_400_000);
    try {
      const k = await api(t.app, "GET", `/api/registrations/${karin!.token}/certificate`);
      expect(k.json.certificate).toMatchObject({ eligible: true, name: "Karin Lind", totalDays: 2, hours: 14 });
      expect(k.json.certificate.organiser.name).toBe("Samordningsförbundet i Halland");
      const e = await api(t.app, "GET", `/api/registrations/${erik!.token}/certificate`);
      expect(e.json.certificate).toMatchObject({ eligible: false, reason: expect.stringContaining("100 %") });
      expect(
        (
          await t.handle.db
            .select()
            .from(attendance)
            .where(and(eq(attendance.registrationId, erik!.id)))
        ).length,
      ).toBe(2);
    } finally {
      t.now.value = saved;
    }
  });
});
