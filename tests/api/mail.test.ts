// Mail through a real SMTP server on loopback, parsed with mailparser: the message a
// registrant's Outlook receives, with its calendar part.
import { eq } from "drizzle-orm";
import type { ParsedMail } from "mailparser";
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFinished } from "vitest";
import { occasionDays, outbox } from "../../db/schema.ts";
import { drainOutbox } from "../../server/domain/outbox.ts";
import type { Mailer } from "../../server/mail/mailer.ts";
import { smtpMailer } from "../../server/mail/smtp.ts";
import { parseIcs } from "../helpers/ics.ts";
import { startSmtp, type TestSmtp } from "../helpers/smtp.ts";
import { api, createTestContext, MAIL_FROM, person, PUBLIC_URL, type TestContext } from "../helpers/test-db.ts";

let t: TestContext;
let smtp: TestSmtp;
let mailer: Mailer;
beforeAll(async () => {
  t = await createTestContext();
  smtp = await startSmtp();
  mailer = smtpMailer(smtp.url);
});
afterAll(async () => {
  mailer.close?.();
  await smtp.close();
  await t.close();
});
beforeEach(() => {
  smtp.messages.length = 0;
});

const register = (id: number, body: unknown) => api(t.app, "POST", `/api/occasions/${id}/registrations`, body);
const deliver = () => t.drain(mailer);

/** The text/calendar part as the SMTP server got it, and its METHOD parameter. */
function calendarPart(raw: string, parsed: ParsedMail) {
  const fromAttachment = parsed.attachments.find((a) => a.contentType === "text/calendar");
  const header = /Content-Type:\s*text\/calendar;([^\r\n]*(?:\r?\n[ \t][^\r\n]*)*)/i.exec(raw);
  return {
    contentTypeParams: header ? header[1]!.replace(/\s+/g, " ") : null,
    ics: fromAttachment ? fromAttachment.content.toString("utf8") : null,
  };
}

async function dayUids(occasionId: number) {
  const rows = await t.handle.db.select().from(occasionDays).where(eq(occasionDays.occasionId, occasionId));
  return rows.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime()).map((d) => d.uid);
}

describe("confirmation mail", () => {
  it("arrives in Swedish with a personal link and an Outlook meeting request per day", async () => {
    const id = await t.occasion({ capacity: 5, dayCount: 2 });
    const res = await register(id, person({ name: "Elin Åkesson", email: "elin.akesson@example.se" }));
    expect((await deliver()).sent).toBe(1);
    const [m] = await smtp.waitFor(1);
    const { raw, parsed } = m!;
    expect(parsed.subject).toMatch(/^Bekräftelse: /);
    expect((parsed.to as { text: string }).text).toBe("elin.akesson@example.se");
    expect(parsed.from?.text).toContain("kurser@halland.example.se");
    expect(parsed.text).toContain("Hej Elin Åkesson!");
    expect(parsed.text).toContain(`${PUBLIC_URL}/anmalan/${res.json.registration.manageToken}`);
    expect(parsed.html).toContain(`${PUBLIC_URL}/anmalan/${res.json.registration.manageToken}`);

    const cal = calendarPart(raw, parsed);
    expect(cal.contentTypeParams).toMatch(/method=REQUEST/i);
    expect(cal.ics).not.toBeNull();
    const ics = parseIcs(cal.ics!);
    expect(ics.method).toBe("REQUEST");
    expect(ics.events).toHaveLength(2);
    expect(ics.events.map((e) => e.get("UID"))).toEqual(await dayUids(id));
    for (const ev of ics.events) {
      expect(ev.get("SEQUENCE")).toBe("0");
      expect(ev.get("DTSTART")).toMatch(/^\d{8}T\d{6}Z$/);
      expect(ev.get("ORGANIZER")?.toLowerCase()).toBe("mailto:kurser@halland.example.se");
      const attendees = ev.lines.filter((l) => l.startsWith("ATTENDEE"));
      expect(attendees).toHaveLength(1);
      expect(attendees[0]).toContain("RSVP=TRUE");
      expect(attendees[0]!.toLowerCase()).toContain("mailto:elin.akesson@example.se");
      expect(ev.get("STATUS")).toBe("CONFIRMED");
    }
  });

  it("puts the meeting link of a digital occasion in the invitation", async () => {
    const id = await t.occasion({ online: true, meetingUrl: "https://teams.example.se/meet/parterna" });
    await register(id, person());
    await deliver();
    const [m] = await smtp.waitFor(1);
    expect(m!.parsed.text).toContain("https://teams.example.se/meet/parterna");
    const ics = parseIcs(calendarPart(m!.raw, m!.parsed).ics!);
    expect(ics.events[0]!.get("LOCATION")).toContain("https://teams.example.se/meet/parterna");
  });

  it("sends one message per recipient, never with others' addresses", async () => {
    const id = await t.occasion({ capacity: 5 });
    const emails = ["a.ek@example.se", "b.ek@example.se", "c.ek@example.se"];
    for (const email of emails) await register(id, person({ email }));
    await deliver();
    const msgs = await smtp.waitFor(3);
    for (const { raw, parsed } of msgs) {
      const to = (parsed.to as { text: string }).text;
      expect(emails).toContain(to);
      for (const other of emails.filter((e) => e !== to)) expect(raw).not.toContain(other);
    }
  });
});

describe("waiting list and cancellation mail", () => {
  it("waitlisted people get no invitation; on a cancel the first is moved up with one, and the canceller gets METHOD:CANCEL with the same UIDs and a higher SEQUENCE", async () => {
    const id = await t.occasion({ capacity: 1, dayCount: 2 });
    const a = await register(id, person({ email: "forst@example.se" }));
    await register(id, person({ email: "vantar@example.se" }));
    await deliver();
    const first = await smtp.waitFor(2);
    const waitMail = first.find((m) => (m.parsed.to as { text: string }).text === "vantar@example.se")!;
    expect(waitMail.parsed.subject).toMatch(/^Väntelista: /);
    expect(waitMail.parsed.text).toContain("plats 1");
    expect(calendarPart(waitMail.raw, waitMail.parsed).ics).toBeNull();
    expect(waitMail.raw).not.toMatch(/text\/calendar/i);

    smtp.messages.length = 0;
    await api(t.app, "DELETE", `/api/registrations/${a.json.registration.manageToken}`);
    await deliver();
    const after = await smtp.waitFor(2);
    const cancelMail = after.find((m) => (m.parsed.to as { text: string }).text === "forst@example.se")!;
    const promoted = after.find((m) => (m.parsed.to as { text: string }).text === "vantar@example.se")!;
    const uids = await dayUids(id);

    expect(cancelMail.parsed.subject).toMatch(/^Avbokad: /);
    const cancelPart = calendarPart(cancelMail.raw, cancelMail.parsed);
    expect(cancelPart.contentTypeParams).toMatch(/method=CANCEL/i);
    const cancelIcs = parseIcs(cancelPart.ics!);
    expect(cancelIcs.method).toBe("CANCEL");
    expect(cancelIcs.events.map((e) => e.get("UID"))).toEqual(uids);
    expect(cancelIcs.events.every((e) => Number(e.get("SEQUENCE")) > 0)).toBe(true);
    expect(cancelIcs.events.every((e) => e.get("STATUS") === "CANCELLED")).toBe(true);

    expect(promoted.parsed.subject).toMatch(/^Du har fått en plats: /);
    const promotedIcs = parseIcs(calendarPart(promoted.raw, promoted.parsed).ics!);
    expect(promotedIcs.method).toBe("REQUEST");
    expect(promotedIcs.events.map((e) => e.get("UID"))).toEqual(uids);
  });
});

describe("delivery", () => {
  it("keeps registration working while SMTP is down, retries with backoff, and delivers later", async () => {
    const id = await t.occasion({ capacity: 5 });
    const res = await register(id, person({ email: "nere@example.se" }));
    expect(res.status).toBe(201);
    const down = smtpMailer("smtp://127.0.0.1:1");
    onTestFinished(() => down.close?.());
    const failed = await drainOutbox(t.handle.db, down, () => t.now.value, { publicUrl: PUBLIC_URL, from: MAIL_FROM }, { workerId: "test" });
    expect(failed).toEqual({ sent: 0, failed: 1 });
    const [row] = await t.handle.db.select().from(outbox).where(eq(outbox.toAddress, "nere@example.se"));
    expect(row).toMatchObject({ status: "pending", attempts: 1 });
    expect(row!.lastError).toBeTruthy();
    expect(row!.nextAttemptAt.getTime()).toBeGreaterThan(t.now.value.getTime());
    // Not due yet: nothing is sent.
    expect((await deliver()).sent).toBe(0);
    const saved = t.now.value;
    t.now.value = new Date(saved.getTime() + 60_000);
    try {
      expect((await deliver()).sent).toBe(1);
    } finally {
      t.now.value = saved;
    }
    const msgs = await smtp.waitFor(1);
    expect((msgs[0]!.parsed.to as { text: string }).text).toBe("nere@example.se");
  });

  it("two drainers running at once send every mail exactly once", async () => {
    const id = await t.occasion({ capacity: 100 });
    for (let i = 0; i < 40; i++) await register(id, person({ email: `dubbel.${i}@example.se` }));
    const ctx = { publicUrl: PUBLIC_URL, from: MAIL_FROM };
    const drainer = async (workerId: string) => {
      let n = 0;
      for (;;) {
        const r = await drainOutbox(t.handle.db, mailer, () => t.now.value, ctx, { workerId, limit: 3 });
        n += r.sent;
        if (r.sent + r.failed === 0) return n;
      }
    };
    const [x, y] = await Promise.all([drainer("a"), drainer("b")]);
    expect(x + y).toBe(40);
    expect(x).toBeGreaterThan(0);
    expect(y).toBeGreaterThan(0);
    const msgs = await smtp.waitFor(40);
    await new Promise((r) => setTimeout(r, 100));
    const recipients = msgs.map((m) => (m.parsed.to as { text: string }).text);
    expect(recipients).toHaveLength(40);
    expect(new Set(recipients).size).toBe(40);
  });
});
