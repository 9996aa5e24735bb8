// The raw message the Worker sends must read like the one nodemailer sends on Node.
import { simpleParser } from "mailparser";
import { expect, it } from "vitest";
import { buildMime } from "../../server/mail/mime.ts";

it("builds a message with text, HTML and an inline text/calendar part that keeps its method", async () => {
  const ics =
    "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nSUMMARY:Grundkurs – dag 1\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
  const raw = buildMime({
    from: "Samordningsförbundet i Halland <kurser@halland.example.se>",
    to: "elin.akesson@example.se",
    subject: "Bekräftelse: Grundkurs i försäkringsmedicin",
    text: "Hej Elin Åkesson!\n\nVälkommen.",
    html: "<p>Hej Elin Åkesson!</p>",
    calendar: { method: "REQUEST", content: ics },
  });
  expect(raw).toMatch(/Content-Type: text\/calendar; charset=UTF-8; method=REQUEST/);
  const parsed = await simpleParser(raw);
  expect(parsed.subject).toBe("Bekräftelse: Grundkurs i försäkringsmedicin");
  expect(parsed.from?.value[0]).toEqual({
    name: "Samordningsförbundet i Halland",
    address: "kurser@halland.example.se",
  });
  expect(parsed.to && "text" in parsed.to ? parsed.to.text : "").toBe("elin.akesson@example.se");
  expect(parsed.text).toContain("Hej Elin Åkesson!");
  expect(parsed.html).toContain("<p>Hej Elin Åkesson!</p>");
  const cal = parsed.attachments.find((a) => a.contentType === "text/calendar");
  expect(cal?.content.toString("utf8")).toBe(ics);
});

it("leaves the calendar part out when there is none", async () => {
  const raw = buildMime({
    from: "kurser@example.se",
    to: "a@example.se",
    subject: "Väntelista",
    text: "Du står på väntelistan.",
  });
  expect(raw).not.toMatch(/text\/calendar/);
  const parsed = await simpleParser(raw);
  expect(parsed.text?.trim()).toBe("Du står på väntelistan.");
});
