import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { occasionDays, occasions, outbox, registrations } from "../../db/schema.ts";
import { readCalendar } from "../helpers/ical.ts";
import { api, createTestContext, person, type TestContext } from "../helpers/test-db.ts";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const register = (id: number, body: unknown) => api(t.app, "POST", `/api/occasions/${id}/registrations`, body);

describe("registration", () => {
  it("confirms while there are places, then waitlists in arrival order", async () => {
    const id = await t.occasion({ capacity: 2 });
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await register(id, person()));
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    expect(results.map((r) => r.json.registration.status)).toEqual([
      "confirmed",
      "confirmed",
      "waitlisted",
      "waitlisted",
    ]);
    expect(results[0]!.json.registration.waitlistPosition).toBeUndefined();
    expect(results[2]!.json.registration.waitlistPosition).toBe(1);
    expect(results[3]!.json.registration.waitlistPosition).toBe(2);
    const occ = await api(t.app, "GET", `/api/occasions/${id}`);
    expect(occ.json.occasion).toMatchObject({ spotsLeft: 0, capacity: 2, waitlistLength: 2, registrationOpen: true });
  });

  it("gives the same person (any case of e-mail) the registration they already have", async () => {
    const id = await t.occasion({ capacity: 5 });
    const body = person({ email: "Karin.Lind@Example.se" });
    const first = await register(id, body);
    const again = await register(id, { ...body, email: "  karin.lind@example.SE " });
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(first.json.registration.manageToken).toBeTypeOf("string");
    expect(again.json).toEqual({
      alreadyRegistered: true,
      message: "Den här e-postadressen är redan anmäld till tillfället. Vi skickar länken till anmälan till adressen.",
    });
    const rows = await t.handle.db.select().from(registrations).where(eq(registrations.occasionId, id));
    expect(rows).toHaveLength(1);
    // Only one confirmation mail is queued: asking again right away sends nothing new.
    const mails = await t.handle.db.select().from(outbox).where(eq(outbox.registrationId, rows[0]!.id));
    expect(mails.map((m) => m.kind)).toEqual(["registration-confirmed"]);
  });

  it("answers a repeat registration the same whether the address has a place or waits, so a colleague's state never shows", async () => {
    const id = await t.occasion({ capacity: 1 });
    const placed = person({ email: "har.plats@example.se" });
    const waiting = person({ email: "star.i.ko@example.se" });
    expect((await register(id, placed)).json.registration.status).toBe("confirmed");
    expect((await register(id, waiting)).json.registration.status).toBe("waitlisted");
    const a = await register(id, placed);
    const b = await register(id, waiting);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.text).toBe(b.text);
  });

  it("never hands the personal link to someone who only knows the e-mail; the owner gets it by mail", async () => {
    const id = await t.occasion({ capacity: 5 });
    const body = person({ email: "kollega@example.se" });
    const first = await register(id, body);
    await t.drain();
    const saved = t.now.value;
    t.now.value = new Date(saved.getTime() + 11 * 60_000);
    try {
      const other = await register(id, { ...body, name: "Någon Annan" });
      expect(other.status).toBe(200);
      expect(other.text).not.toContain(first.json.registration.manageToken);
      await register(id, body); // and again: no second link mail within ten minutes
      t.sent.length = 0;
      await t.drain();
      expect(t.sent.map((m) => [m.to, m.subject])).toEqual([
        ["kollega@example.se", expect.stringMatching(/^Din anmälan: /)],
      ]);
      expect(t.sent[0]!.text).toContain(`/anmalan/${first.json.registration.manageToken}`);
    } finally {
      t.now.value = saved;
    }
  });

  it("lets someone who cancelled register again", async () => {
    const id = await t.occasion({ capacity: 5 });
    const body = person();
    const first = await register(id, body);
    await api(t.app, "DELETE", `/api/registrations/${first.json.registration.manageToken}`);
    const again = await register(id, body);
    expect(again.status).toBe(201);
    expect(again.json.registration.manageToken).not.toBe(first.json.registration.manageToken);
    expect(again.json.registration.status).toBe("confirmed");
  });

  it("writes the workplace once for two spellings and keeps a valid organisation number", async () => {
    const id = await t.occasion({ capacity: 5 });
    await register(
      id,
      person({ workplace: { name: "Café  Solrosen", municipality: "Halmstad", orgNumber: "9999990006" } }),
    );
    await register(id, person({ workplace: { name: "café solrosen", municipality: "halmstad" } }));
    const rows = await t.handle.db.select().from(registrations).where(eq(registrations.occasionId, id));
    expect(new Set(rows.map((r) => r.workplaceId)).size).toBe(1);
    const view = await api(t.app, "GET", `/api/registrations/${rows[1]!.manageToken}`);
    expect(view.json.registration.workplace).toEqual({
      name: "Café  Solrosen",
      municipality: "Halmstad",
      orgNumber: "999999-0006",
    });
  });

  it("enforces the registration window", async () => {
    const notYet = await t.occasion({ opensAt: new Date(t.now.value.getTime() + 86_400_000) });
    const closed = await t.occasion({ closesAt: new Date(t.now.value.getTime() - 1000) });
    const past = await t.occasion({ inDays: -3 });
    const cancelled = await t.occasion({ status: "cancelled" });
    const draft = await t.occasion({ status: "draft" });
    expect((await register(notYet, person())).json.error.code).toBe("registration_not_open");
    const c = await register(closed, person());
    expect(c.status).toBe(409);
    expect(c.json.error).toMatchObject({ code: "registration_closed", message: "Anmälan är stängd." });
    expect((await register(past, person())).json.error.code).toBe("occasion_past");
    expect((await register(cancelled, person())).json.error.code).toBe("occasion_cancelled");
    expect((await register(draft, person())).status).toBe(404);
    expect((await register(999999, person())).status).toBe(404);
    const all = await t.handle.db.select().from(registrations);
    expect(all.filter((r) => [notYet, closed, past, cancelled, draft].includes(r.occasionId))).toHaveLength(0);
    const shown = await api(t.app, "GET", `/api/occasions/${closed}`);
    expect(shown.json.occasion.registrationOpen).toBe(false);
  });

  it("a registration window that opens later opens when the time comes", async () => {
    const id = await t.occasion({ opensAt: new Date(t.now.value.getTime() + 3_600_000) });
    expect((await register(id, person())).status).toBe(409);
    const saved = t.now.value;
    t.now.value = new Date(saved.getTime() + 3_600_001);
    try {
      expect((await register(id, person())).status).toBe(201);
    } finally {
      t.now.value = saved;
    }
  });

  it("does not show drafts, and never shows the meeting link publicly", async () => {
    const draft = await t.occasion({ status: "draft" });
    const online = await t.occasion({ online: true, meetingUrl: "https://teams.example.se/meet/hemlig" });
    const list = await api(t.app, "GET", "/api/occasions");
    expect(list.json.occasions.map((o: { id: number }) => o.id)).not.toContain(draft);
    expect(list.text).not.toContain("hemlig");
    const one = await api(t.app, "GET", `/api/occasions/${online}`);
    expect(one.json.occasion).toMatchObject({ online: true, location: "Digitalt" });
    expect(one.text).not.toContain("hemlig");
    expect((await api(t.app, "GET", `/api/occasions/${draft}`)).status).toBe(404);
  });

  it("lists occasions with the documented fields, soonest first, filterable by course type", async () => {
    const list = await api(t.app, "GET", "/api/occasions?courseType=handledarutbildning");
    expect(list.status).toBe(200);
    const first = list.json.occasions[0];
    for (const key of [
      "id",
      "title",
      "courseType",
      "startsAt",
      "endsAt",
      "days",
      "location",
      "online",
      "capacity",
      "spotsLeft",
      "registrationOpen",
    ]) {
      expect(first).toHaveProperty(key);
    }
    const starts = list.json.occasions.map((o: { startsAt: string }) => o.startsAt);
    expect([...starts].sort()).toEqual(starts);
    expect((await api(t.app, "GET", "/api/occasions?courseType=sgi0")).json.occasions).toEqual([]);
    expect((await api(t.app, "GET", "/api/occasions?courseType=nonsense")).status).toBe(400);
  });

  it("lists the parties with stable codes", async () => {
    const res = await api(t.app, "GET", "/api/parties");
    const codes = res.json.parties.map((p: { code: string }) => p.code);
    expect(codes).toEqual([
      "af",
      "fk",
      "region-halland",
      "falkenberg",
      "halmstad",
      "hylte",
      "kungsbacka",
      "laholm",
      "varberg",
      "annan",
    ]);
  });
});

describe("the personal link", () => {
  it("shows status and waitlist position, and 404 for unknown tokens", async () => {
    const id = await t.occasion({ capacity: 1 });
    const a = await register(id, person());
    const b = await register(id, person());
    const va = await api(t.app, "GET", `/api/registrations/${a.json.registration.manageToken}`);
    expect(va.json.registration).toMatchObject({
      status: "confirmed",
      waitlistPosition: null,
      canCancel: true,
      hasInvitation: true,
    });
    const vb = await api(t.app, "GET", `/api/registrations/${b.json.registration.manageToken}`);
    expect(vb.json.registration).toMatchObject({ status: "waitlisted", waitlistPosition: 1, hasInvitation: false });
    for (const token of ["x", "AAAAAAAAAAAAAAAAAAAAAAAA", "../../etc/passwd", "a".repeat(300)]) {
      const r = await api(t.app, "GET", `/api/registrations/${encodeURIComponent(token)}`);
      expect(r.status).toBe(404);
      expect(r.json.error.code).toBe("registration_not_found");
      expect((await api(t.app, "DELETE", `/api/registrations/${encodeURIComponent(token)}`)).status).toBe(404);
    }
  });

  it("cancelling moves the first on the waiting list up at once, and is idempotent", async () => {
    const id = await t.occasion({ capacity: 2 });
    const [a, , c, d] = [
      await register(id, person()),
      await register(id, person()),
      await register(id, person()),
      await register(id, person()),
    ];
    const del = await api(t.app, "DELETE", `/api/registrations/${a!.json.registration.manageToken}`);
    expect(del.status).toBe(200);
    expect(del.json.registration.status).toBe("cancelled");
    const vc = await api(t.app, "GET", `/api/registrations/${c!.json.registration.manageToken}`);
    expect(vc.json.registration.status).toBe("confirmed");
    const vd = await api(t.app, "GET", `/api/registrations/${d!.json.registration.manageToken}`);
    expect(vd.json.registration).toMatchObject({ status: "waitlisted", waitlistPosition: 1 });
    const again = await api(t.app, "DELETE", `/api/registrations/${a!.json.registration.manageToken}`);
    expect(again.status).toBe(200);
    expect(again.json.registration.status).toBe("cancelled");
    const vd2 = await api(t.app, "GET", `/api/registrations/${d!.json.registration.manageToken}`);
    expect(vd2.json.registration.status).toBe("waitlisted");
    // A waitlisted person leaving promotes nobody and frees no place.
    await api(t.app, "DELETE", `/api/registrations/${d!.json.registration.manageToken}`);
    const occ = await api(t.app, "GET", `/api/occasions/${id}`);
    expect(occ.json.occasion).toMatchObject({ spotsLeft: 0, waitlistLength: 0 });
  });

  it("refuses to cancel once the occasion has started", async () => {
    const id = await t.occasion({ capacity: 2, inDays: 1 });
    const a = await register(id, person());
    const saved = t.now.value;
    t.now.value = new Date(saved.getTime() + 2 * 86_400_000);
    try {
      const del = await api(t.app, "DELETE", `/api/registrations/${a.json.registration.manageToken}`);
      expect(del.status).toBe(409);
      expect(del.json.error.code).toBe("occasion_started");
    } finally {
      t.now.value = saved;
    }
  });

  it("serves the invitation again to a confirmed person as a file to import (every day, METHOD:PUBLISH), not to a waitlisted or cancelled one", async () => {
    const id = await t.occasion({ capacity: 1, dayCount: 2 });
    const a = await register(id, person({ name: "Sara Strand" }));
    const b = await register(id, person());
    const ics = await api(t.app, "GET", `/api/registrations/${a.json.registration.manageToken}/invite.ics`);
    expect(ics.status).toBe(200);
    expect(ics.headers.get("content-type")).toBe("text/calendar; charset=utf-8; method=PUBLISH");
    // Read by ical.js, not by the code that wrote it: one VEVENT per day, the UIDs the mails
    // use, the SEQUENCE she was last sent, no ATTENDEE (RFC 5546 3.2.1).
    const file = readCalendar(ics.text);
    expect(file.method).toBe("PUBLISH");
    const uids = (await t.handle.db.select().from(occasionDays).where(eq(occasionDays.occasionId, id))).map(
      (d) => d.uid,
    );
    expect(file.events.map((e) => e.uid)).toEqual(uids);
    expect(file.events.map((e) => e.sequence)).toEqual([0, 0]);
    expect(ics.text).not.toContain("ATTENDEE");
    expect(file.events[0]!.description).toContain(a.json.registration.manageToken);
    const w = await api(t.app, "GET", `/api/registrations/${b.json.registration.manageToken}/invite.ics`);
    expect(w.status).toBe(409);
    expect(w.json.error).toMatchObject({
      code: "no_invitation",
      message: "Du står på väntelistan. Kalenderinbjudan skickas när du har fått en plats.",
    });
    await api(t.app, "DELETE", `/api/registrations/${a.json.registration.manageToken}`);
    const cancelled = await api(t.app, "GET", `/api/registrations/${a.json.registration.manageToken}/invite.ics`);
    expect(cancelled.status).toBe(409);
    expect(cancelled.json.error.message).toBe(
      "Du har ingen plats på tillfället, så det finns ingen kalenderinbjudan. Mejlet om avbokningen tog bort posten ur din kalender.",
    );
  });
});

describe("the public calendar feed", () => {
  it("lists published occasions without personal data or meeting links", async () => {
    const id = await t.occasion({ online: true, meetingUrl: "https://teams.example.se/meet/feedhemlig" });
    await register(id, person({ name: "Hemliga Personen", email: "hemlig.person@example.se" }));
    const feed = await api(t.app, "GET", "/api/calendar.ics");
    expect(feed.status).toBe(200);
    expect(feed.headers.get("content-type")).toContain("text/calendar");
    expect(feed.text).toContain("BEGIN:VEVENT");
    expect(feed.text).toContain(`/tillfallen/${id}`);
    for (const secret of ["Hemliga", "hemlig.person", "feedhemlig", "ATTENDEE"])
      expect(feed.text).not.toContain(secret);
  });
});

describe("occasion capacity in the database", () => {
  it("never lets the confirmed count pass capacity after a sequence of cancels", async () => {
    const id = await t.occasion({ capacity: 3 });
    const tokens: string[] = [];
    for (let i = 0; i < 8; i++) tokens.push((await register(id, person())).json.registration.manageToken);
    for (const tok of tokens.slice(0, 4)) await api(t.app, "DELETE", `/api/registrations/${tok}`);
    const rows = await t.handle.db.select().from(registrations).where(eq(registrations.occasionId, id));
    const [occ] = await t.handle.db.select().from(occasions).where(eq(occasions.id, id));
    expect(rows.filter((r) => r.status === "confirmed").map((r) => r.manageToken)).toEqual(tokens.slice(4, 7));
    expect(occ!.capacity).toBe(3);
  });
});
