// Mail through a real SMTP server on loopback, parsed with mailparser: the message a
// registrant's Outlook receives, with its calendar part.
import { eq } from "drizzle-orm";
import type { ParsedMail } from "mailparser";
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFinished } from "vitest";
import { occasionDays, outbox } from "../../db/schema.ts";
import { drainOutbox } from "../../server/domain/outbox.ts";
import type { Mailer, MailMessage } from "../../server/mail/mailer.ts";
import { buildMime } from "../../server/mail/mime.ts";
import { smtpMailer } from "../../server/mail/smtp.ts";
import { readCalendar } from "../helpers/ical.ts";
import { parseIcs } from "../helpers/ics.ts";
import { simpleParser } from "mailparser";
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
  it("arrives in Swedish with a personal link and an Outlook meeting request per day, one day a message", async () => {
    const id = await t.occasion({ capacity: 5, dayCount: 2 });
    const res = await register(id, person({ name: "Elin Åkesson", email: "elin.akesson@example.se" }));
    expect((await deliver()).sent).toBe(2);
    const [m, day2] = await smtp.waitFor(2);
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
    // One iTIP message, one UID (RFC 5546 3.2.2): the confirmation holds day 1 only.
    const uids = await dayUids(id);
    expect(ics.events).toHaveLength(1);
    expect(ics.events.map((e) => e.get("UID"))).toEqual([uids[0]]);
    expect(parsed.text).toContain("Det här mejlet lägger in dag 1 i din kalender. Dag 2 kommer i ett eget mejl.");

    // Day 2 is its own mail, to the same person, with the same SEQUENCE.
    expect(day2!.parsed.subject).toMatch(/^Kalenderinbjudan: .*, dag 2 av 2$/);
    expect((day2!.parsed.to as { text: string }).text).toBe("elin.akesson@example.se");
    expect(day2!.parsed.text).toContain("hör till bekräftelsen");
    expect(day2!.parsed.text).toContain(`${PUBLIC_URL}/anmalan/${res.json.registration.manageToken}`);
    const part2 = calendarPart(day2!.raw, day2!.parsed);
    expect(part2.contentTypeParams).toMatch(/method=REQUEST/i);
    const ics2 = parseIcs(part2.ics!);
    expect(ics2.events.map((e) => e.get("UID"))).toEqual([uids[1]]);

    // Read by ical.js: each message one VEVENT, the two UIDs the two days'.
    const independent = [cal.ics!, part2.ics!].map(readCalendar);
    expect(independent.map((c) => c.method)).toEqual(["REQUEST", "REQUEST"]);
    expect(independent.map((c) => c.events.length)).toEqual([1, 1]);
    expect(independent.map((c) => c.events[0]!.uid)).toEqual(uids);
    expect(independent.map((c) => c.events[0]!.sequence)).toEqual([0, 0]);

    for (const ev of [...ics.events, ...ics2.events]) {
      expect(ev.get("SEQUENCE")).toBe("0");
      expect(ev.get("DTSTART")).toMatch(/^\d{8}T\d{6}Z$/);
      expect(ev.get("ORGANIZER")?.toLowerCase()).toBe("mailto:kurser@halland.example.se");
      const attendees = ev.lines.filter((l) => l.startsWith("ATTENDEE"));
      expect(attendees).toHaveLength(1);
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
    // forst: confirmation (day 1) + day 2; vantar: the waiting-list mail, no invitation.
    const first = await smtp.waitFor(3);
    const waitMail = first.find((m) => (m.parsed.to as { text: string }).text === "vantar@example.se")!;
    expect(first.filter((m) => (m.parsed.to as { text: string }).text === "vantar@example.se")).toHaveLength(1);
    expect(waitMail.parsed.subject).toMatch(/^Väntelista: /);
    expect(waitMail.parsed.text).toContain("plats 1");
    expect(calendarPart(waitMail.raw, waitMail.parsed).ics).toBeNull();
    expect(waitMail.raw).not.toMatch(/text\/calendar/i);

    smtp.messages.length = 0;
    await api(t.app, "DELETE", `/api/registrations/${a.json.registration.manageToken}`);
    await deliver();
    const after = await smtp.waitFor(4);
    const to = (email: string) => after.filter((m) => (m.parsed.to as { text: string }).text === email);
    const [cancelMail, cancelDay2] = to("forst@example.se") as [(typeof after)[number], (typeof after)[number]];
    const [promoted, promotedDay2] = to("vantar@example.se") as [(typeof after)[number], (typeof after)[number]];
    const uids = await dayUids(id);

    // Two CANCELs for the canceller and two REQUESTs for the one moved up: one day each.
    const cals = (ms: typeof after) => ms.map((m) => readCalendar(calendarPart(m.raw, m.parsed).ics!));
    for (const [email, method] of [
      ["forst@example.se", "CANCEL"],
      ["vantar@example.se", "REQUEST"],
    ] as const) {
      const read = cals(to(email));
      expect(read.map((c) => c.method)).toEqual([method, method]);
      expect(read.map((c) => c.events.length)).toEqual([1, 1]);
      expect(read.map((c) => c.events[0]!.uid)).toEqual(uids);
    }
    expect(cancelDay2!.parsed.subject).toMatch(/^Inställt i kalendern: .*, dag 2 av 2$/);
    expect(promotedDay2!.parsed.subject).toMatch(/^Kalenderinbjudan: .*, dag 2 av 2$/);
    expect(cancelDay2!.parsed.text).toContain("hör till mejlet om att din plats är avbokad");

    expect(cancelMail.parsed.subject).toMatch(/^Avbokad: /);
    const cancelPart = calendarPart(cancelMail.raw, cancelMail.parsed);
    expect(cancelPart.contentTypeParams).toMatch(/method=CANCEL/i);
    const cancelIcs = parseIcs(cancelPart.ics!);
    expect(cancelIcs.method).toBe("CANCEL");
    expect(cancelIcs.events.map((e) => e.get("UID"))).toEqual([uids[0]]);
    expect(cancelIcs.events.every((e) => Number(e.get("SEQUENCE")) > 0)).toBe(true);
    expect(cancelIcs.events.every((e) => e.get("STATUS") === "CANCELLED")).toBe(true);

    expect(promoted.parsed.subject).toMatch(/^Du har fått en plats: /);
    const promotedIcs = parseIcs(calendarPart(promoted.raw, promoted.parsed).ics!);
    expect(promotedIcs.method).toBe("REQUEST");
    expect(promotedIcs.events.map((e) => e.get("UID"))).toEqual([uids[0]]);
  });
});

describe("delivery", () => {
  it("keeps registration working while SMTP is down, retries with backoff, and delivers later", async () => {
    const id = await t.occasion({ capacity: 5 });
    const res = await register(id, person({ email: "nere@example.se" }));
    expect(res.status).toBe(201);
    const down = smtpMailer("smtp://127.0.0.1:1");
    onTestFinished(() => down.close?.());
    const failed = await drainOutbox(
      t.handle.db,
      down,
      () => t.now.value,
      { publicUrl: PUBLIC_URL, from: MAIL_FROM },
      { workerId: "test" },
    );
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

// ---------------------------------------------------------------- one MIME structure

interface MimeNode {
  /** The Content-Type header, unfolded, parameters as written. */
  contentType: string;
  encoding: string | null;
  disposition: string | null;
  parts: MimeNode[];
}

/**
 * A reading of the raw source that shares no code with mime.ts or mailparser: headers
 * unfolded, multiparts split on their boundary, each part's headers kept.
 */
function mimeTree(raw: string): MimeNode {
  const split = raw.indexOf("\r\n\r\n");
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, " ");
  const body = raw.slice(split + 4);
  const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, "im").exec(head)?.[1]?.trim() ?? null;
  const contentType = header("Content-Type") ?? "text/plain";
  const node: MimeNode = {
    contentType,
    encoding: header("Content-Transfer-Encoding"),
    disposition: header("Content-Disposition"),
    parts: [],
  };
  const boundary = /^multipart\/[^;]+;.*boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (boundary) {
    const chunks = body.split(`--${boundary}`);
    // chunks[0] is the preamble, the last starts with "--" (the close delimiter).
    node.parts = chunks.slice(1, -1).map((c) => mimeTree(c.replace(/^\r\n/, "")));
    expect(chunks[chunks.length - 1]).toMatch(/^--/);
  }
  return node;
}

/** The shape of a message: media types with their parameters (boundary left out), encodings, dispositions. */
function shape(n: MimeNode): unknown {
  return {
    type: n.contentType.replace(/;\s*boundary="?[^";]+"?/i, "").replace(/\s+/g, " "),
    encoding: n.encoding,
    disposition: n.disposition,
    parts: n.parts.map(shape),
  };
}

/** A mailer that keeps the MailMessage it is given and sends it on. */
function recording(inner: Mailer) {
  const messages: MailMessage[] = [];
  const mailer: Mailer = {
    send: async (m) => {
      messages.push(m);
      return inner.send(m);
    },
  };
  return { mailer, messages };
}

function headerBlock(raw: string) {
  return raw.slice(0, raw.indexOf("\r\n\r\n")).replace(/\r\n[ \t]+/g, " ");
}

const expectedAlternative = (method: string) => ({
  type: "multipart/alternative",
  encoding: null,
  disposition: null,
  parts: [
    { type: "text/plain; charset=UTF-8", encoding: "quoted-printable", disposition: null, parts: [] },
    { type: "text/html; charset=UTF-8", encoding: "quoted-printable", disposition: null, parts: [] },
    { type: `text/calendar; charset=UTF-8; method=${method}`, encoding: "base64", disposition: null, parts: [] },
  ],
});

async function expectOneStructure(raw: string, method: "REQUEST" | "CANCEL") {
  // The raw source: exactly these Content-Type lines, nothing attached.
  const contentTypes = [...raw.matchAll(/^Content-Type:[^\r\n]*(?:\r\n[ \t][^\r\n]*)*/gim)].map((m) =>
    m[0].replace(/\r\n[ \t]+/g, " ").replace(/;\s*boundary="?[^";]+"?/i, ""),
  );
  expect(contentTypes).toEqual([
    "Content-Type: multipart/alternative",
    "Content-Type: text/plain; charset=UTF-8",
    "Content-Type: text/html; charset=UTF-8",
    `Content-Type: text/calendar; charset=UTF-8; method=${method}`,
  ]);
  expect(raw).not.toMatch(/multipart\/mixed|application\/ics|Content-Disposition|filename=|name=/i);
  expect(shape(mimeTree(raw))).toEqual(expectedAlternative(method));
  // RFC 5322 2.1.1: at most 998 octets a line (we keep to 78), CRLF only.
  for (const line of raw.split("\r\n")) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(78);
  expect(raw.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the range is all of ASCII
  expect(raw).toMatch(/^[\x00-\x7f]*$/);
  const head = headerBlock(raw);
  expect(head).toMatch(/^MIME-Version: 1\.0$/m);
  expect(head).toMatch(/^Date: (Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} \+0000$/m);
  expect(head).toMatch(/^Message-ID: <[^@\s>]+@halland\.example\.se>$/m);

  // mailparser: the calendar is its one "attachment" (it lists text/calendar there), inline,
  // with no file name, and its METHOD is the Content-Type's method.
  const parsed = await simpleParser(raw);
  expect(parsed.attachments).toHaveLength(1);
  const [cal] = parsed.attachments;
  expect(cal!.contentType).toBe("text/calendar");
  expect(cal!.filename).toBeUndefined();
  expect(cal!.contentDisposition ?? "inline").not.toBe("attachment");
  expect(parseIcs(cal!.content.toString("utf8")).method).toBe(method);
  // One iTIP message, one UID (decision 013), read by ical.js.
  const read = readCalendar(cal!.content.toString("utf8"));
  expect(read.method).toBe(method);
  expect(read.events).toHaveLength(1);
  expect(parsed.text).toBeTruthy();
  expect(parsed.html).toBeTruthy();
  return parsed;
}

describe("one MIME structure on Node and on Workers", () => {
  it("Node sends multipart/alternative [text/plain, text/html, text/calendar; method=REQUEST], nothing attached, and the Worker's raw message has the same structure", async () => {
    const id = await t.occasion({ capacity: 5, dayCount: 2 });
    await register(id, person({ name: "Åsa Öberg-Ängström", email: "asa.oberg@example.se" }));
    const rec = recording(mailer);
    expect((await t.drain(rec.mailer)).sent).toBe(2);
    const [m, day2] = await smtp.waitFor(2);
    // The day-2 mail has the same structure as the confirmation.
    await expectOneStructure(day2!.raw, "REQUEST");
    expect(shape(mimeTree(buildMime(rec.messages[1]!)))).toEqual(shape(mimeTree(day2!.raw)));
    const parsed = await expectOneStructure(m!.raw, "REQUEST");
    const message = rec.messages[0]!;
    expect(parsed.subject).toBe(message.subject);
    expect(parsed.subject).toMatch(/^Bekräftelse: /);
    expect(parsed.from?.value[0]).toEqual({
      name: "Samordningsförbundet i Halland",
      address: "kurser@halland.example.se",
    });
    expect(parsed.text).toBe(message.text);
    expect(parsed.text).toContain("Hej Åsa Öberg-Ängström!");
    expect(parsed.attachments[0]!.content.toString("utf8")).toBe(message.calendar!.content);

    // The Worker posts buildMime(message) as `raw` (server/mail/http.ts): the same tree.
    const workerRaw = buildMime(message);
    await expectOneStructure(workerRaw, "REQUEST");
    expect(shape(mimeTree(workerRaw))).toEqual(shape(mimeTree(m!.raw)));
    const workerParsed = await simpleParser(workerRaw);
    expect(workerParsed.subject).toBe(parsed.subject);
    expect(workerParsed.text).toBe(parsed.text);
    expect(workerParsed.html).toBe(parsed.html);
    expect(workerParsed.attachments[0]!.content.equals(parsed.attachments[0]!.content)).toBe(true);
  });

  it("a cancellation has the same structure with method=CANCEL; a mail without an invitation is [text/plain, text/html]", async () => {
    const id = await t.occasion({ capacity: 1 });
    const a = await register(id, person({ email: "struktur.a@example.se" }));
    await register(id, person({ email: "struktur.vantar@example.se" }));
    await deliver();
    const first = await smtp.waitFor(2);
    const waiting = first.find((x) => (x.parsed.to as { text: string }).text === "struktur.vantar@example.se")!;
    expect(shape(mimeTree(waiting.raw))).toEqual({
      ...expectedAlternative("-"),
      parts: expectedAlternative("-").parts.slice(0, 2),
    });
    expect(waiting.parsed.attachments).toHaveLength(0);

    smtp.messages.length = 0;
    const rec = recording(mailer);
    await api(t.app, "DELETE", `/api/registrations/${a.json.registration.manageToken}`);
    await t.drain(rec.mailer);
    const after = await smtp.waitFor(2);
    const cancel = after.find((x) => (x.parsed.to as { text: string }).text === "struktur.a@example.se")!;
    await expectOneStructure(cancel.raw, "CANCEL");
    const cancelMessage = rec.messages.find((x) => x.to === "struktur.a@example.se")!;
    expect(shape(mimeTree(buildMime(cancelMessage)))).toEqual(shape(mimeTree(cancel.raw)));
  });

  it("takes the method parameter from the body's METHOD and refuses a message whose two disagree", () => {
    const ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:CANCEL\r\nEND:VCALENDAR\r\n";
    const base = { from: MAIL_FROM, to: "a@example.se", subject: "Avbokad", text: "Avbokad." };
    expect(buildMime({ ...base, calendar: { method: "CANCEL", content: ics } })).toMatch(
      /^Content-Type: text\/calendar; charset=UTF-8; method=CANCEL$/m,
    );
    expect(() => buildMime({ ...base, calendar: { method: "REQUEST", content: ics } })).toThrow(/METHOD:CANCEL/);
    expect(() =>
      buildMime({ ...base, calendar: { method: "REQUEST", content: "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n" } }),
    ).toThrow(/METHOD/);
  });

  it("writes Swedish subjects and names as RFC 2047 encoded-words of whole characters, ASCII names as quoted strings, and long lines encoded", async () => {
    const subject =
      "Bekräftelse: Grundkurs i försäkringsmedicin för handläggare på Försäkringskassan, Arbetsförmedlingen och Region Halland 🎓 – dag 1 av 2";
    const text = `Hej Örjan Åström!\n\n${"Lång rad med åäö ".repeat(80)}\n.En rad som börjar med punkt\nFrom en rad som börjar med From \n\ttabb\n`;
    const raw = buildMime({
      from: "Samordningsförbundet Halland – kansliet <kurser@halland.example.se>",
      to: '"Lind, Anna \\"Nisse\\"" <anna.lind@example.se>',
      subject,
      text,
      html: `<p>${"ö".repeat(2000)}</p>`,
    });
    const head = headerBlock(raw);
    const words = [...head.matchAll(/=\?UTF-8\?B\?([A-Za-z0-9+/=]*)\?=/g)];
    expect(words.length).toBeGreaterThan(2);
    for (const [word, b64] of words) {
      expect(word.length).toBeLessThanOrEqual(75);
      // Each word decodes to valid UTF-8 by itself: no character split between two words.
      expect(() => new TextDecoder("utf-8", { fatal: true }).decode(Buffer.from(b64!, "base64"))).not.toThrow();
    }
    expect(head).toMatch(/^To: "Lind, Anna \\"Nisse\\"" <anna\.lind@example\.se>$/m);
    for (const line of raw.split("\r\n")) expect(line.length).toBeLessThanOrEqual(78);
    const parsed = await simpleParser(raw);
    expect(parsed.subject).toBe(subject);
    expect(parsed.from?.value[0]).toEqual({
      name: "Samordningsförbundet Halland – kansliet",
      address: "kurser@halland.example.se",
    });
    expect(parsed.to && "value" in parsed.to ? parsed.to.value[0] : null).toEqual({
      name: 'Lind, Anna "Nisse"',
      address: "anna.lind@example.se",
    });
    expect(parsed.text).toBe(text);
    expect(parsed.html).toBe(`<p>${"ö".repeat(2000)}</p>`);
    // A line break in a header value never starts a new header.
    const injected = buildMime({ from: MAIL_FROM, to: "a@example.se", subject: "Hej\r\nBcc: x@example.se", text: "x" });
    expect(headerBlock(injected)).not.toMatch(/^Bcc:/m);
  });
});
