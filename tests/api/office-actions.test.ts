// The office registers by hand, moves people between occasions, writes to participants;
// confirmed participants get a reminder before the day.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { courses, occasions, registrations } from "../../db/schema.ts";
import { queueReminders } from "../../server/domain/registration.ts";
import { createTestOccasion } from "../helpers/fixtures.ts";
import { api, createTestContext, person, staffApi, staffToken, type TestContext } from "../helpers/test-db.ts";

let t: TestContext;
let office: string;
beforeAll(async () => {
  t = await createTestContext();
  office = (await staffToken(t, "office")).token;
});
afterAll(() => t.close());

const mails = (to: string) => t.sent.filter((m) => m.to === to);

describe("registering by hand", () => {
  it("works after registration has closed, without the privacy checkbox, and is in the audit log", async () => {
    const id = await t.occasion({ capacity: 1, closesAt: new Date(t.now.value.getTime() - 60_000) });
    const { acceptPrivacy: _, ...body } = person({ email: "telefon@example.se" });
    const res = await staffApi(t, office, "POST", `/api/office/occasions/${id}/registrations`, body);
    expect(res.status).toBe(201);
    expect(res.json.registration).toMatchObject({ status: "confirmed" });
    expect(res.json.registration.manageToken).toBeUndefined();
    const full = await staffApi(t, office, "POST", `/api/office/occasions/${id}/registrations`, {
      ...body,
      email: "telefon2@example.se",
    });
    expect(full.json.registration).toMatchObject({ status: "waitlisted", waitlistPosition: 1 });
    const [row] = await t.handle.db.select().from(registrations).where(eq(registrations.email, "telefon@example.se"));
    expect(row!.source).toBe("office");
    t.sent.length = 0;
    await t.drain();
    expect(mails("telefon@example.se")[0]!.subject).toMatch(/^Bekräftelse/);
    const log = await staffApi(t, office, "GET", "/api/office/audit");
    const entry = log.json.entries.find(
      (e: { action: string; entityId: number }) => e.action === "registration.create" && e.entityId === row!.id,
    );
    // Written in the registration's own batch, with the status that batch decided.
    expect(entry).toMatchObject({ after: { occasionId: id, email: "telefon@example.se", status: "confirmed" } });
    // Registering the same address again creates nothing, and logs nothing.
    const again = await staffApi(t, office, "POST", `/api/office/occasions/${id}/registrations`, body);
    expect(again.status).toBe(200);
    const log2 = await staffApi(t, office, "GET", "/api/office/audit");
    expect(log2.json.entries.filter((e: { action: string }) => e.action === "registration.create")).toHaveLength(
      log.json.entries.filter((e: { action: string }) => e.action === "registration.create").length,
    );
  });
});

describe("moving a person", () => {
  it("keeps their data, frees the old place for the waiting list, and mails all three", async () => {
    const from = await t.occasion({ capacity: 1 });
    const to = await t.occasion({ capacity: 5, inDays: 30 });
    const a = await api(
      t.app,
      "POST",
      `/api/occasions/${from}/registrations`,
      person({ email: "flytt@example.se", dietary: "Vegetarisk", role: "Enhetschef" }),
    );
    await api(t.app, "POST", `/api/occasions/${from}/registrations`, person({ email: "kon@example.se" }));
    await t.drain();
    t.sent.length = 0;
    const res = await staffApi(t, office, "POST", `/api/office/registrations/${a.json.registration.id}/move`, {
      occasionId: to,
    });
    expect(res.status).toBe(200);
    expect(res.json.registration.status).toBe("confirmed");
    const [moved] = await t.handle.db
      .select()
      .from(registrations)
      .where(eq(registrations.id, res.json.registration.id));
    expect(moved).toMatchObject({
      occasionId: to,
      email: "flytt@example.se",
      dietary: "Vegetarisk",
      role: "Enhetschef",
      status: "confirmed",
    });
    const old = await api(t.app, "GET", `/api/registrations/${a.json.registration.manageToken}`);
    expect(old.json.registration.status).toBe("cancelled");
    // Her old link says she was moved, not that she cancelled.
    expect(old.json.registration.movedOut).toBe(true);
    await t.drain();
    const personMails = mails("flytt@example.se").map((m) => [m.subject.split(":")[0], m.calendar?.method ?? null]);
    expect(personMails).toEqual(
      expect.arrayContaining([
        ["Flyttad", "CANCEL"],
        ["Du har flyttats", "REQUEST"],
      ]),
    );
    // The new occasion's mail says she was moved there, and from where, not "Tack för din anmälan".
    const movedIn = mails("flytt@example.se").find((m) => m.subject.startsWith("Du har flyttats"))!;
    expect(movedIn.text).toContain("Kansliet har flyttat din anmälan hit från");
    expect(movedIn.text).not.toContain("Tack för din anmälan");
    expect(mails("kon@example.se")[0]!.subject).toMatch(/^Du har fått en plats/);
    // The log names the person, where from and where to, and who did it.
    const log = await staffApi(t, office, "GET", "/api/office/audit");
    const entry = log.json.entries.find((e: { action: string }) => e.action === "registration.move");
    expect(entry).toMatchObject({
      before: { occasionId: from, name: expect.any(String) },
      after: { occasionId: to },
      userName: "Test office",
    });
    // A move refused inside its batch (she is already there) changes nothing and logs nothing.
    const twice = await api(
      t.app,
      "POST",
      `/api/occasions/${from}/registrations`,
      person({ email: "dubbel@example.se" }),
    );
    await api(t.app, "POST", `/api/occasions/${to}/registrations`, person({ email: "dubbel@example.se" }));
    const refused = await staffApi(t, office, "POST", `/api/office/registrations/${twice.json.registration.id}/move`, {
      occasionId: to,
    });
    expect(refused.status).toBe(409);
    const log2 = await staffApi(t, office, "GET", "/api/office/audit");
    expect(log2.json.entries.filter((e: { action: string }) => e.action === "registration.move")).toHaveLength(1);
    const listed = await staffApi(t, office, "GET", `/api/office/occasions/${from}`);
    expect(listed.json.registrations.find((r: { email: string }) => r.email === "flytt@example.se").lastChange).toBe(
      "moved-out",
    );
    // Where can she go? Coming occasions of the same course.
    const [occ] = await t.handle.db.select().from(occasions).where(eq(occasions.id, from));
    const options = await staffApi(t, office, "GET", `/api/office/occasions?courseId=${occ!.courseId}&upcoming=1`);
    expect(options.json.occasions.every((o: { courseId: number }) => o.courseId === occ!.courseId)).toBe(true);
    expect(options.json.occasions.map((o: { id: number }) => o.id)).toEqual(expect.arrayContaining([from, to]));
  });

  it("refuses a move to an occasion the person is already on, or of another course, and changes nothing", async () => {
    const from = await t.occasion({ capacity: 5 });
    const to = await t.occasion({ capacity: 5, inDays: 40 });
    const a = await api(t.app, "POST", `/api/occasions/${from}/registrations`, person({ email: "dubbel@example.se" }));
    await api(t.app, "POST", `/api/occasions/${to}/registrations`, person({ email: "dubbel@example.se" }));
    const res = await staffApi(t, office, "POST", `/api/office/registrations/${a.json.registration.id}/move`, {
      occasionId: to,
    });
    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe("already_registered");
    expect(
      (await api(t.app, "GET", `/api/registrations/${a.json.registration.manageToken}`)).json.registration.status,
    ).toBe("confirmed");

    const [other] = await t.handle.db
      .insert(courses)
      .values({ organiserId: t.organiserId, title: "Nätverk SGI 0", courseType: "sgi0", createdAt: t.now.value })
      .returning();
    const otherOccasion = await createOtherCourseOccasion(other!.id);
    const res2 = await staffApi(t, office, "POST", `/api/office/registrations/${a.json.registration.id}/move`, {
      occasionId: otherOccasion,
    });
    expect(res2.status).toBe(400);
    expect(res2.json.error.fields.occasionId).toContain("samma utbildning");
  });
});

async function createOtherCourseOccasion(courseId: number): Promise<number> {
  const id = await createTestOccasion(t.handle.db, t.organiserId, t.now.value, { capacity: 5 });
  await t.handle.db.update(occasions).set({ courseId }).where(eq(occasions.id, id));
  return id;
}

describe("writing to participants", () => {
  it("sends one mail per confirmed person (waitlisted only when asked), never with the others' addresses", async () => {
    const id = await t.occasion({ capacity: 2 });
    for (const e of ["m.a@example.se", "m.b@example.se", "m.c@example.se"])
      await api(t.app, "POST", `/api/occasions/${id}/registrations`, person({ email: e }));
    await t.drain();
    t.sent.length = 0;
    const res = await staffApi(t, office, "POST", `/api/office/occasions/${id}/message`, {
      subject: "Parkering",
      body: "Parkera på baksidan, infart från Storgatan.",
    });
    expect(res.json.sent).toBe(2);
    await t.drain();
    expect(t.sent.map((m) => m.to).sort()).toEqual(["m.a@example.se", "m.b@example.se"]);
    for (const m of t.sent) {
      expect(m.subject).toMatch(/^Parkering: /);
      expect(m.text).toContain("Parkera på baksidan");
      expect(m.text).not.toMatch(/m\.(a|b|c)@example\.se/);
    }
    const all = await staffApi(t, office, "POST", `/api/office/occasions/${id}/message`, {
      subject: "Info",
      body: "Till alla.",
      includeWaitlisted: true,
    });
    expect(all.json.sent).toBe(3);
  });
});

describe("reminders", () => {
  it("go to confirmed people once, the course's number of days before, with the meeting link", async () => {
    const id = await t.occasion({
      capacity: 1,
      inDays: 5,
      online: true,
      meetingUrl: "https://teams.example.se/meet/paminn",
    });
    await api(t.app, "POST", `/api/occasions/${id}/registrations`, person({ email: "paminn@example.se" }));
    await api(t.app, "POST", `/api/occasions/${id}/registrations`, person({ email: "paminn.vantar@example.se" }));
    await t.drain();
    t.sent.length = 0;
    await queueReminders(t.handle.db, t.now.value); // five days before: not yet (default two days)
    await t.drain();
    expect(mails("paminn@example.se")).toEqual([]);
    const saved = t.now.value;
    t.now.value = new Date(saved.getTime() + 3.5 * 86_400_000);
    try {
      await queueReminders(t.handle.db, t.now.value);
      await queueReminders(t.handle.db, t.now.value);
      await t.drain();
      const got = mails("paminn@example.se");
      expect(got).toHaveLength(1);
      expect(got[0]!.subject).toMatch(/^Påminnelse: /);
      expect(got[0]!.text).toContain("https://teams.example.se/meet/paminn");
      expect(mails("paminn.vantar@example.se")).toEqual([]);
    } finally {
      t.now.value = saved;
    }
  });
});
