// The mails a registrant gets, in Swedish. Rendered when the outbox row is delivered, from
// the row's kind and the registration's current data.
import type { Registration } from "../../db/schema.ts";
import { formatSpan } from "../domain/format-time.ts";
import { invitationIcs } from "../domain/invitations.ts";
import { occasionLocation, occasionTitle, type OccasionBundle } from "../domain/occasions.ts";
import { greetingName, safeMeetingUrl } from "../domain/typed-text.ts";
import type { MailMessage } from "./mailer.ts";

export const OUTBOX_KINDS = [
  "registration-confirmed",
  "registration-waitlisted",
  "registration-promoted",
  "registration-cancelled",
  "waitlist-left",
  "registration-link",
  "occasion-changed",
  "occasion-cancelled",
  "registration-moved",
  /** The mail on the occasion she was moved to: a place, or a spot on its waiting list. */
  "registration-moved-in",
  "reminder",
  "occasion-message",
  /** One further day's calendar message of a multi-day invitation or cancellation (decision 013). */
  "calendar-day",
  /** The course evaluation after the last day, and its one reminder (issue 12). */
  "evaluation-invite",
  "evaluation-reminder",
] as const;
export type OutboxKind = (typeof OUTBOX_KINDS)[number];

/** Mails to staff rather than to registrants. */
export const STAFF_MAIL_KINDS = ["sign-in-link"] as const;
export type StaffMailKind = (typeof STAFF_MAIL_KINDS)[number];

export interface MailContext {
  publicUrl: string;
  from: string;
}

export function manageUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/anmalan/${token}`;
}

export function evaluationUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/utvardering/${token}`;
}

/** "Till: adress" parsed out of MAIL_FROM, for the ORGANIZER line. */
export function addressOf(from: string): string {
  const m = /<([^>]+)>/.exec(from);
  return (m ? m[1] : from)!.trim();
}

/** "Hej Anna!", or "Hej!" when the name looks like a link (typed-text.ts). */
const hello = (name: string) => {
  const n = greetingName(name);
  return n ? `Hej ${n}!` : "Hej!";
};

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/**
 * Only links the app put there become links (issue 10): the personal link and other addresses
 * on PUBLIC_URL, the meeting link, and links the office wrote in its own message. A web
 * address typed as someone's name stays text.
 */
function linkify(line: string, trusted: (url: string) => boolean): string {
  return escapeHtml(line).replace(/(https?:\/\/[^\s<]+)/g, (url) => {
    const raw = url.replace(/&amp;/g, "&");
    return trusted(raw) ? `<a href="${url}">${url}</a>` : url;
  });
}

/** The URLs in a text the office wrote (its message to participants). */
const urlsIn = (text: string | null | undefined) =>
  text ? [...text.matchAll(/https?:\/\/[^\s<]+/g)].map((m) => m[0]) : [];

function toHtml(paragraphs: string[], publicUrl: string, extra: (string | null | undefined)[] = []): string {
  const allowed = new Set(extra.filter((u): u is string => Boolean(u)));
  const trusted = (url: string) => url.startsWith(`${publicUrl}/`) || allowed.has(url);
  const body = paragraphs
    .map(
      (p) =>
        `<p>${p
          .split("\n")
          .map((line) => linkify(line, trusted))
          .join("<br>")}</p>`,
    )
    .join("\n");
  return `<!doctype html><html lang="sv"><head><meta charset="utf-8"></head><body style="font-family:Arial,sans-serif;font-size:15px;line-height:1.5;color:#1a1a1a">${body}</body></html>`;
}

/** The mail a calendar-day mail belongs with, by that mail's kind ("hör till …"). */
const PARENT_MAIL: Record<string, string> = {
  "registration-confirmed": "bekräftelsen av din anmälan",
  "registration-promoted": "mejlet om att du har fått en plats",
  "occasion-changed": "mejlet om att tillfället har ändrats",
  "registration-cancelled": "mejlet om att din plats är avbokad",
  "occasion-cancelled": "mejlet om att tillfället är inställt",
  "registration-moved": "mejlet om att du har flyttats",
  "registration-moved-in": "mejlet om att du har flyttats hit",
};

type OccasionDayLike = { id: number; startsAt: Date; endsAt: Date; cancelledAt: Date | null };

export function renderRegistrationMail(
  kind: OutboxKind,
  r: Registration,
  bundle: OccasionBundle,
  sequence: number,
  waitlistPosition: number | null,
  ctx: MailContext,
  /** What the change said: { change } for a moved occasion, { message } from the office. */
  payload: {
    change?: string | null;
    message?: string | null;
    subject?: string;
    movedTo?: string;
    /** The occasion a moved person came from (registration-moved-in). */
    movedFrom?: string | null;
    /** occasion-changed: the days (occasion_days.uid) this change sends a calendar message for. */
    days?: string[];
    /** calendar-day: the METHOD and the kind of the mail it belongs with. */
    method?: "REQUEST" | "CANCEL";
    of?: string;
    /** evaluation-invite/-reminder: the evaluation link's token. */
    token?: string;
  } = {},
  /** calendar-day: the occasion day (occasion_days.id) this mail's calendar part holds. */
  dayId: number | null = null,
): MailMessage {
  const { occasion, organiser, days } = bundle;
  // A day the office has cancelled (issue 9) is still rendered, for its CANCEL.
  const cancelledDays = bundle.cancelledDays ?? [];
  const anyDay = (id: number | null) => days.find((d) => d.id === id) ?? cancelledDays.find((d) => d.id === id);
  const title = occasionTitle(bundle.course, occasion);
  const link = manageUrl(ctx.publicUrl, r.manageToken);
  const when = days.map((d) => `  ${formatSpan(d.startsAt, d.endsAt)}`).join("\n");
  const where = occasion.online ? "Digitalt" : occasionLocation(occasion);
  const details = `${title}\n${when}\nPlats: ${where}`;
  // http(s) only, also for rows saved before the form checked it (typed-text.ts).
  const meetingUrl = occasion.online ? safeMeetingUrl(occasion.meetingUrl) : null;
  const meeting = meetingUrl ? `Länk till mötet: ${meetingUrl}` : null;
  const signOff = `Välkommen!\n${organiser.name}\n${organiser.email}`;
  // One iTIP message, one UID (RFC 5546 3.2.2, decision 013): a mail's calendar part holds
  // one day. The main mail carries the first day; each further day is a calendar-day mail.
  const invitation = (method: "REQUEST" | "CANCEL", day = days[0]) => {
    if (!day) throw new Error(`tillfälle ${occasion.id} har inga dagar`);
    return {
      method,
      content: invitationIcs({
        method,
        bundle,
        attendee: { name: r.name, email: r.email },
        sequence,
        manageUrl: link,
        organizerEmail: addressOf(ctx.from),
        dayId: day.id,
      }),
    };
  };

  let subject: string;
  let paragraphs: (string | null)[];
  let calendar: MailMessage["calendar"];
  switch (kind) {
    case "registration-confirmed":
      subject = `Bekräftelse: ${title}`;
      paragraphs = [
        hello(r.name),
        "Tack för din anmälan. Du har fått en plats på:",
        details,
        meeting,
        `Kalenderinbjudan finns i det här mejlet. Se din anmälan, ladda ner inbjudan igen eller avboka här:\n${link}`,
        signOff,
      ];
      calendar = invitation("REQUEST");
      break;
    case "registration-promoted":
      subject = `Du har fått en plats: ${title}`;
      paragraphs = [
        hello(r.name),
        "En plats har blivit ledig och du har flyttats upp från väntelistan. Du har nu en plats på:",
        details,
        meeting,
        `Kalenderinbjudan finns i det här mejlet. Kan du inte komma? Avboka så att någon annan får platsen:\n${link}`,
        signOff,
      ];
      calendar = invitation("REQUEST");
      break;
    case "registration-moved-in": {
      const from = typeof payload.movedFrom === "string" ? ` från ${payload.movedFrom}` : "";
      if (r.status === "confirmed") {
        subject = `Du har flyttats: ${title}`;
        paragraphs = [
          hello(r.name),
          `Kansliet har flyttat din anmälan hit${from}. Du har en plats på:`,
          details,
          meeting,
          `Kalenderinbjudan finns i det här mejlet; det gamla tillfället tas bort ur kalendern med ett eget mejl. Se din anmälan eller avboka här:\n${link}`,
          signOff,
        ];
        calendar = invitation("REQUEST");
      } else {
        subject = `Du har flyttats till väntelistan: ${title}`;
        paragraphs = [
          hello(r.name),
          `Kansliet har flyttat din anmälan hit${from}. Tillfället är fullt, så du står på väntelistan${waitlistPosition ? ` (plats ${waitlistPosition})` : ""}:`,
          details,
          `Blir en plats ledig flyttas du upp automatiskt och får ett nytt mejl med kalenderinbjudan. Se din plats i kön eller lämna väntelistan här:\n${link}`,
          `Hälsningar\n${organiser.name}`,
        ];
      }
      break;
    }
    case "registration-waitlisted":
      subject = `Väntelista: ${title}`;
      paragraphs = [
        hello(r.name),
        `Tillfället är fullt, så du står på väntelistan${waitlistPosition ? ` (plats ${waitlistPosition})` : ""}:`,
        details,
        "Kalenderinbjudan får du när du har fått en plats: blir en plats ledig flyttas du upp automatiskt och får då ett nytt mejl med inbjudan. Du kan se din plats i kön eller lämna väntelistan här:\n" +
          link,
        `Hälsningar\n${organiser.name}`,
      ];
      break;
    case "registration-cancelled":
      subject = `Avbokad: ${title}`;
      paragraphs = [
        hello(r.name),
        "Din plats är avbokad:",
        details,
        "Kalenderposten tas bort med det här mejlet. Vill du anmäla dig igen gör du det på webbplatsen.",
        `Hälsningar\n${organiser.name}`,
      ];
      calendar = invitation("CANCEL");
      break;
    case "registration-link":
      subject = `Din anmälan: ${title}`;
      paragraphs = [
        hello(r.name),
        r.status === "confirmed"
          ? "Någon (troligen du) försökte anmäla dig igen till ett tillfälle där du redan har en plats:"
          : "Någon (troligen du) försökte anmäla dig igen till ett tillfälle där du redan står på väntelistan:",
        details,
        r.status === "confirmed"
          ? `Här är länken till din anmälan, där du kan se den, ladda ner kalenderinbjudan eller avboka:\n${link}`
          : `Här är länken till din anmälan, där du kan se din plats i kön eller lämna väntelistan. Kalenderinbjudan får du när du har fått en plats:\n${link}`,
        "Var det inte du behöver du inte göra något.",
        `Hälsningar\n${organiser.name}`,
      ];
      break;
    case "occasion-changed":
      subject = `Ändrat: ${title}`;
      paragraphs = [
        hello(r.name),
        "Tillfället du har en plats på har ändrats.",
        payload.change ?? null,
        details,
        meeting,
        `Kalenderinbjudan i det här mejlet uppdaterar posten i din kalender. Passar den nya tiden inte? Avboka här så att någon annan får platsen:\n${link}`,
        `Hälsningar\n${organiser.name}`,
      ];
      {
        // Only the changed days are sent (issue 9); the main mail carries the first of them.
        const day = dayId !== null ? anyDay(dayId) : days[0];
        if (!day) throw new Error(`dag ${dayId} finns inte i tillfälle ${occasion.id}`);
        calendar = invitation(day.cancelledAt ? "CANCEL" : "REQUEST", day);
      }
      break;
    case "occasion-cancelled":
      subject = `Inställt: ${title}`;
      paragraphs = [
        hello(r.name),
        r.status === "confirmed"
          ? "Tyvärr är tillfället du har en plats på inställt:"
          : "Tyvärr är tillfället du står på väntelistan för inställt:",
        details,
        payload.message ? `Meddelande från ${organiser.name}:\n${payload.message}` : null,
        r.status === "confirmed" ? "Kalenderposten tas bort med det här mejlet." : null,
        `Hälsningar\n${organiser.name}\n${organiser.email}`,
      ];
      if (r.status === "confirmed") calendar = invitation("CANCEL");
      break;
    case "registration-moved":
      subject = `Flyttad: ${title}`;
      paragraphs = [
        hello(r.name),
        `Du har flyttats från det här tillfället${payload.movedTo ? ` till ett annat tillfälle av ${payload.movedTo}` : ""}:`,
        details,
        r.cancelledFrom === "confirmed"
          ? "Kalenderposten för det gamla tillfället tas bort med det här mejlet. Bekräftelsen för det nya kommer i ett eget mejl."
          : "Bekräftelsen för det nya tillfället kommer i ett eget mejl.",
        `Hälsningar\n${organiser.name}`,
      ];
      if (r.cancelledFrom === "confirmed") calendar = invitation("CANCEL");
      break;
    case "reminder":
      subject = `Påminnelse: ${title}`;
      paragraphs = [
        hello(r.name),
        "Här är en påminnelse om tillfället du har en plats på:",
        details,
        meeting,
        `Kan du inte komma? Avboka så snart som möjligt så att någon på väntelistan får platsen:\n${link}`,
        signOff,
      ];
      break;
    case "occasion-message":
      subject = `${payload.subject ?? "Meddelande"}: ${title}`;
      paragraphs = [
        hello(r.name),
        payload.message ?? "",
        details,
        `Din anmälan: ${link}`,
        `Hälsningar\n${organiser.name}\n${organiser.email}`,
      ];
      break;
    case "evaluation-invite":
    case "evaluation-reminder": {
      const answerAt = payload.token ? evaluationUrl(ctx.publicUrl, payload.token) : link;
      subject = `${kind === "evaluation-reminder" ? "Påminnelse: " : ""}Vad tyckte du om ${title}?`;
      paragraphs = [
        hello(r.name),
        kind === "evaluation-reminder"
          ? "För några dagar sedan bad vi dig om dina synpunkter på utbildningen. Har du en minut över?"
          : "Tack för att du deltog! Vi vill gärna veta vad utbildningen gav dig. Det tar ungefär en minut.",
        details,
        `Svara här:\n${answerAt}`,
        "Dina svar är anonyma: de sparas utan ditt namn och kan inte kopplas till dig. Du kan svara en gång." +
          (kind === "evaluation-invite" ? " Vi påminner högst en gång." : ""),
        `Hälsningar\n${organiser.name}\n${organiser.email}`,
      ];
      break;
    }
    case "waitlist-left":
      subject = `Du har lämnat väntelistan: ${title}`;
      paragraphs = [hello(r.name), "Du står inte längre på väntelistan för:", details, `Hälsningar\n${organiser.name}`];
      break;
    case "calendar-day": {
      const index = days.findIndex((d) => d.id === dayId);
      const day = anyDay(dayId);
      if (!day) throw new Error(`dag ${dayId} finns inte i tillfälle ${occasion.id}`);
      const method = day.cancelledAt ? "CANCEL" : (payload.method ?? (r.status === "confirmed" ? "REQUEST" : "CANCEL"));
      // A cancelled day is no longer one of the occasion's days: named by its date.
      const dayName =
        index < 0
          ? `${title}, ${formatSpan(day.startsAt, day.endsAt)}`
          : `${title}, dag ${index + 1} av ${days.length}`;
      const belongsWith = PARENT_MAIL[payload.of ?? ""] ?? "mejlet om samma ändring";
      const dayDetails = `${dayName}\n  ${formatSpan(day.startsAt, day.endsAt)}\nPlats: ${where}`;
      subject = method === "CANCEL" ? `Inställt i kalendern: ${dayName}` : `Kalenderinbjudan: ${dayName}`;
      paragraphs = [
        hello(r.name),
        method === "CANCEL"
          ? `Det här mejlet hör till ${belongsWith} och tar bort dag ${index + 1} från din kalender. Varje dag kommer i ett eget mejl, så att alla kalendrar (även Outlook) får med dem.`
          : `Det här mejlet hör till ${belongsWith} och lägger in dag ${index + 1} i din kalender. Varje dag kommer i ett eget mejl, så att alla kalendrar (även Outlook) får med dem.`,
        dayDetails,
        method === "CANCEL" ? null : meeting,
        `Din anmälan (se, ladda ner kalenderinbjudan eller avboka):\n${link}`,
        `Hälsningar\n${organiser.name}`,
      ];
      calendar = invitation(method, day);
      break;
    }
  }
  // A multi-day invitation: this mail holds the first day; say where the others are.
  const all = [...days, ...cancelledDays];
  const sent = kind === "occasion-changed" && payload.days ? all.filter((d) => payload.days!.includes(d.uid)) : days;
  if (kind === "occasion-changed" && calendar && (sent.length < days.length || sent.some((d) => d.cancelledAt))) {
    const name = (d: OccasionDayLike) => {
      const n = days.findIndex((x) => x.id === d.id);
      return n >= 0 ? `dag ${n + 1}` : `den inställda dagen ${formatSpan(d.startsAt, d.endsAt)}`;
    };
    const main = anyDay(dayId) ?? sent[0];
    const others = sent.filter((d) => d.id !== main?.id).map(name);
    const list = (n: string[]) => (n.length > 1 ? `${n.slice(0, -1).join(", ")} och ${n[n.length - 1]}` : `${n[0]}`);
    const cap = (t: string) => t.charAt(0).toUpperCase() + t.slice(1);
    paragraphs.splice(
      paragraphs.length - 1,
      0,
      (main
        ? `Det här mejlet ${main.cancelledAt ? "tar bort" : "uppdaterar"} ${name(main)} ${main.cancelledAt ? "från" : "i"} din kalender.`
        : "") +
        (others.length
          ? ` ${cap(list(others))} ${others.length > 1 ? "kommer i egna mejl, ett per dag" : "kommer i ett eget mejl"}.`
          : "") +
        " Övriga dagar är oförändrade.",
    );
  } else if (kind !== "calendar-day" && calendar && days.length > 1) {
    paragraphs.splice(
      paragraphs.length - 1,
      0,
      calendar.method === "CANCEL"
        ? `Det här mejlet tar bort dag 1 från din kalender. ${days.length > 2 ? `Dag 2–${days.length} tas bort med egna mejl, ett per dag.` : "Dag 2 tas bort med ett eget mejl."}`
        : `Det här mejlet lägger in dag 1 i din kalender. ${days.length > 2 ? `Dag 2–${days.length} kommer i egna mejl, ett per dag.` : "Dag 2 kommer i ett eget mejl."}`,
    );
  }
  const kept = paragraphs.filter((p): p is string => Boolean(p));
  return {
    from: ctx.from,
    to: r.email,
    subject,
    text: `${kept.join("\n\n")}\n`,
    html: toHtml(kept, ctx.publicUrl, [meetingUrl, ...urlsIn(payload.message)]),
    calendar,
  };
}

export function renderStaffMail(
  kind: StaffMailKind,
  user: { name: string; email: string },
  organiserName: string,
  payload: { url?: string },
  ctx: MailContext,
): MailMessage {
  switch (kind) {
    case "sign-in-link": {
      const paragraphs = [
        hello(user.name),
        `Här är din inloggningslänk till kursadministrationen för ${organiserName}. Öppna den och tryck på Logga in; den fungerar en gång och i 20 minuter:`,
        payload.url ?? "",
        "Bad du inte om att logga in kan du bortse från det här mejlet.",
      ];
      return {
        from: ctx.from,
        to: user.email,
        subject: "Din inloggningslänk",
        text: `${paragraphs.join("\n\n")}\n`,
        html: toHtml(paragraphs, ctx.publicUrl, [payload.url]),
      };
    }
  }
}
