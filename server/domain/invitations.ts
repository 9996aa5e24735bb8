// Calendar invitations that Outlook understands (DOMAIN.md, "Outlook"):
// a mail's calendar part is one day: one VEVENT with the day's stable UID (one iTIP message,
// one UID: RFC 5546 3.2.2, decision 013), ORGANIZER, this one ATTENDEE, a SEQUENCE that grows
// with each change, times in UTC, METHOD:REQUEST or METHOD:CANCEL. The invite.ics download is
// METHOD:PUBLISH with every day (decision 014): a file a calendar imports, not an iTIP message,
// so Outlook makes one appointment of each VEVENT rather than reading only the first.
// The text is written by ./icalendar.ts (RFC 5545 + RFC 6868); decision 011 says why.
// RSVP=FALSE: nobody reads replies, so the description tells the person how to cancel
// (her personal link) instead of inviting a "Decline" that would free no place.
import type { OccasionDay } from "../../db/schema.ts";
import {
  mailto,
  integer,
  prop,
  serialize,
  text,
  textList,
  token,
  uri,
  utcDateTime,
  vcalendar,
  vevent,
  type Property,
} from "./icalendar.ts";
import { occasionLocation, occasionTitle, type OccasionBundle } from "./occasions.ts";
import { formatSpan } from "./format-time.ts";
import { safeMeetingUrl } from "./typed-text.ts";

export const PRODUCT_ID = "-//Finsam kurser//Kursanmalan//SV";

export type InvitationMethod = "REQUEST" | "CANCEL";
/** PUBLISH: the download (every day, no ATTENDEE: RFC 5546 3.2.1 leaves it out of PUBLISH). */
export type IcsMethod = InvitationMethod | "PUBLISH";

export interface InvitationArgs {
  method: IcsMethod;
  bundle: OccasionBundle;
  attendee: { name: string; email: string };
  sequence: number;
  /** The person's own link, put in the description. */
  manageUrl: string;
  /** Address the ORGANIZER line names (the organiser's, or the sender's). */
  organizerEmail: string;
  /**
   * Only this day (an occasion_days id): one VEVENT, one UID, as every iTIP message sent by
   * mail must be (decision 013). Without it every day that is not cancelled is written (the
   * invite.ics download, METHOD:PUBLISH).
   */
  dayId?: number;
}

function dayTitle(bundle: OccasionBundle, day: OccasionDay, index: number): string {
  const title = occasionTitle(bundle.course, bundle.occasion);
  // A cancelled day (after the occasion's days in the list) is named by its date instead.
  if (index >= bundle.days.length) return `${title}, ${formatSpan(day.startsAt, day.endsAt)}`;
  return bundle.days.length > 1 ? `${title}, dag ${index + 1} av ${bundle.days.length}` : title;
}

/** A display name (CN) is one line: line breaks and the space around them become one space.
 * (RFC 6868 could carry a line break as ^n, but calendars that do not know RFC 6868 would show
 * "^n" in the middle of a name.) */
function displayName(name: string): string {
  return name.replace(/\s*[\r\n]+\s*/g, " ").trim();
}

/** CN=… when there is a name to give; an empty name leaves the parameter out. */
const cn = (name: string) => {
  const n = displayName(name);
  return n ? n : undefined;
};

/** When the text was written (DTSTAMP, 3.8.7.2). */
const stamp = () => prop("DTSTAMP", utcDateTime(new Date()));

/** The times of a day, in UTC. */
const when = (day: OccasionDay): Property[] => [
  prop("DTSTART", utcDateTime(day.startsAt)),
  prop("DTEND", utcDateTime(day.endsAt)),
];

export function invitationIcs(a: InvitationArgs): string {
  const { occasion, organiser } = a.bundle;
  const cancel = a.method === "CANCEL";
  // http(s) only, also for rows saved before the form checked it (typed-text.ts).
  const meetingUrl = occasion.online ? safeMeetingUrl(occasion.meetingUrl) : null;
  const location = occasion.online ? (meetingUrl ?? "Digitalt") : occasionLocation(occasion);
  const description = [
    a.bundle.course.description,
    meetingUrl ? `Länk till mötet: ${meetingUrl}` : null,
    cancel
      ? `Din anmälan: ${a.manageUrl}`
      : `Kan du inte komma? Avboka via din länk nedan, så att någon annan får platsen. Att tacka nej i kalendern avbokar inte.\nDin anmälan (se, ladda ner eller avboka): ${a.manageUrl}`,
    `Arrangör: ${organiser.name}`,
  ]
    .filter(Boolean)
    .join("\n\n");
  // A day the office cancelled (issue 9) is found among cancelledDays, only by its id.
  const pool = a.dayId === undefined ? a.bundle.days : [...a.bundle.days, ...(a.bundle.cancelledDays ?? [])];
  const days = pool.map((day, i) => ({ day, i })).filter(({ day }) => a.dayId === undefined || day.id === a.dayId);
  if (days.length === 0) throw new Error(`dag ${a.dayId} finns inte i tillfället ${a.bundle.occasion.id}`);
  const events = days.map(({ day, i }) =>
    vevent([
      prop("UID", text(day.uid)),
      stamp(),
      prop("SEQUENCE", integer(a.sequence)),
      ...when(day),
      prop("SUMMARY", text(cancel ? `Inställt/avbokat: ${dayTitle(a.bundle, day, i)}` : dayTitle(a.bundle, day, i))),
      prop("DESCRIPTION", text(description)),
      prop("LOCATION", text(location)),
      ...(meetingUrl ? [prop("URL", uri(meetingUrl))] : []),
      prop("STATUS", token(cancel ? "CANCELLED" : "CONFIRMED")),
      prop("TRANSP", token(cancel ? "TRANSPARENT" : "OPAQUE")),
      prop("X-MICROSOFT-CDO-BUSYSTATUS", token(cancel ? "FREE" : "BUSY")),
      prop("ORGANIZER", mailto(a.organizerEmail), { CN: cn(organiser.name) }),
      ...(a.method === "PUBLISH"
        ? []
        : [
            prop("ATTENDEE", mailto(a.attendee.email), {
              CN: cn(a.attendee.name),
              ROLE: "REQ-PARTICIPANT",
              PARTSTAT: "NEEDS-ACTION",
              RSVP: "FALSE",
            }),
          ]),
    ]),
  );
  return serialize(vcalendar({ productId: PRODUCT_ID, method: a.method, components: events }));
}

/** The public feed: published occasions, no people, no meeting links. */
export function calendarFeedIcs(bundles: OccasionBundle[], publicUrl: string): string {
  const events = bundles.flatMap((b) =>
    b.days.map((day, i) => {
      const cancelled = b.occasion.status === "cancelled";
      const page = `${publicUrl}/tillfallen/${b.occasion.id}`;
      const typeName = b.courseTypeName ?? b.course.courseType;
      return vevent([
        // Not the invitation UID: a subscriber who also got an invitation must see two
        // entries rather than have one overwrite the other.
        prop("UID", text(`feed-${day.uid}`)),
        stamp(),
        prop("SEQUENCE", integer(b.occasion.sequence)),
        ...when(day),
        prop("SUMMARY", text((cancelled ? "INSTÄLLT: " : "") + dayTitle(b, day, i))),
        prop("DESCRIPTION", text(`${typeName}. Anmälan: ${page}`)),
        prop("LOCATION", text(occasionLocation(b.occasion))),
        prop("URL", uri(page)),
        prop("STATUS", token(cancelled ? "CANCELLED" : "CONFIRMED")),
        prop("CATEGORIES", textList([typeName])),
        // A feed entry is information, not a meeting of one's own: it does not make you busy.
        prop("TRANSP", token("TRANSPARENT")),
        prop("X-MICROSOFT-CDO-BUSYSTATUS", token("FREE")),
      ]);
    }),
  );
  return serialize(
    vcalendar({
      productId: PRODUCT_ID,
      method: "PUBLISH",
      // How often a subscribing calendar should fetch the feed again.
      properties: [prop("X-PUBLISHED-TTL", token("PT1H"))],
      components: events,
    }),
  );
}
