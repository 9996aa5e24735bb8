// No link or markup from what a person typed reaches a mail or a calendar (issue 10): mails
// go out from the organiser's own address, and a mail program turns a typed web address into
// a link. Meeting links are http(s) only, at the door and again where they are shown.
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { occasions, registrations } from "../../db/schema.ts";
import { readCalendar } from "../helpers/ical.ts";
import { api, createTestContext, person, staffApi, staffToken, type TestContext } from "../helpers/test-db.ts";

let t: TestContext;
let office: string;
beforeAll(async () => {
  t = await createTestContext();
  office = (await staffToken(t, "office")).token;
});
afterAll(() => t.close());

const count = async () =>
  Number((await t.handle.db.all<{ n: number }>(sql`SELECT count(*) AS n FROM registrations`))[0]!.n);

describe("what a person types", () => {
  it.each([
    [
      "name",
      { name: "Vinn en iPad https://evil.example.com/x" },
      "name",
      "Skriv bara namnet, utan webbadress, e-postadress eller tecknen < >.",
    ],
    [
      "name",
      { name: "Besök www.evil.se" },
      "name",
      "Skriv bara namnet, utan webbadress, e-postadress eller tecknen < >.",
    ],
    [
      "name",
      { name: "Klicka evil-bank.com nu" },
      "name",
      "Skriv bara namnet, utan webbadress, e-postadress eller tecknen < >.",
    ],
    ["name", { name: "<b>Anna</b>" }, "name", "Skriv bara namnet, utan webbadress, e-postadress eller tecknen < >."],
    [
      "workplace",
      { workplace: { name: "support@evil.se", municipality: "Halmstad" } },
      "workplace.name",
      "Skriv arbetsplatsens namn utan webbadress, e-postadress eller tecknen < >.",
    ],
    [
      "role",
      { role: "Logga in på http://evil.example" },
      "role",
      "Skriv rollen utan webbadress, e-postadress eller tecknen < >.",
    ],
  ])(
    "refuses a %s that would be a link in the mail, at its field, and writes nothing",
    async (_what, over, field, message) => {
      const id = await t.occasion();
      const before = await count();
      const res = await api(t.app, "POST", `/api/occasions/${id}/registrations`, person(over));
      expect(res.status).toBe(400);
      expect(res.json.error.fields[field]).toBe(message);
      expect(await count()).toBe(before);
    },
  );

  it("takes ordinary Swedish names with dots, hyphens and apostrophes", async () => {
    const id = await t.occasion({ capacity: 10 });
    for (const name of ["Anna-Karin Öberg", "J. R. Lindqvist", "Siv O'Brien", "Åsa St. Clair"]) {
      expect((await api(t.app, "POST", `/api/occasions/${id}/registrations`, person({ name }))).status, name).toBe(201);
    }
  });
});

describe("meeting links", () => {
  const base = (meetingUrl: string) => ({
    courseId: 1,
    days: [{ start: "2026-04-20T09:00", end: "2026-04-20T12:00" }],
    online: true,
    meetingUrl,
    capacity: 5,
    status: "published",
  });

  it.each([
    "javascript:alert(document.cookie)",
    "data:text/html,<script>alert(1)</script>",
    "ftp://filer.example.se/x",
    "vbscript:msgbox(1)",
  ])("refuses %s as a meeting link at its field", async (url) => {
    const before = (await t.handle.db.select().from(occasions)).length;
    const res = await staffApi(t, office, "POST", "/api/office/occasions", base(url));
    expect(res.status).toBe(400);
    expect(res.json.error.fields.meetingUrl).toBe(
      "Ange en hel länk som börjar med https://, t.ex. https://teams.microsoft.com/…",
    );
    expect((await t.handle.db.select().from(occasions)).length).toBe(before);
  });

  it("a link saved before the rule, and a name typed before it, never become links in the mail, the calendar or the personal page", async () => {
    const id = await t.occasion({ online: true, meetingUrl: "https://teams.example.se/meet/ok" });
    const reg = await api(
      t.app,
      "POST",
      `/api/occasions/${id}/registrations`,
      person({ email: "gammal.rad@example.se" }),
    );
    expect(reg.status).toBe(201);
    // As if written before the checks: a javascript: link and a name that is a link.
    await t.handle.db.update(occasions).set({ meetingUrl: "javascript:alert(1)" }).where(eq(occasions.id, id));
    await t.handle.db
      .update(registrations)
      .set({ name: "Vinn https://evil.example.com/pris" })
      .where(eq(registrations.id, reg.json.registration.id));
    const view = await api(t.app, "GET", `/api/registrations/${reg.json.registration.manageToken}`);
    expect(view.json.registration.occasion.meetingUrl).toBeNull();
    t.sent.length = 0;
    // The office sends a message (a mail with the name in it), with a link of its own.
    const msg = await staffApi(t, office, "POST", `/api/office/occasions/${id}/message`, {
      subject: "Material",
      body: "Läs materialet på https://halland.example.se/material före kursen.",
    });
    expect(msg.status).toBe(200);
    await t.drain();
    const mail = t.sent.find((m) => m.to === "gammal.rad@example.se" && m.subject.startsWith("Material"))!;
    expect(mail.text.startsWith("Hej!\n")).toBe(true);
    expect(mail.text).not.toContain("evil.example.com");
    expect(mail.text).not.toContain("javascript:");
    const hrefs = [...(mail.html ?? "").matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
    expect(hrefs, mail.html).toEqual([
      "https://halland.example.se/material",
      `http://kurser.test/anmalan/${reg.json.registration.manageToken}`,
    ]);
    // The invitation download: no URL property, no javascript: anywhere.
    const ics = await api(t.app, "GET", `/api/registrations/${reg.json.registration.manageToken}/invite.ics`);
    expect(ics.text).not.toContain("javascript:");
    expect(readCalendar(ics.text).events[0]!.description).not.toContain("Länk till mötet");
  });
});
