// Calendar invitations that Outlook understands (DOMAIN.md, "Outlook"):
// one VEVENT per day with the day's stable UID, ORGANIZER, this one ATTENDEE with RSVP,
// a SEQUENCE that grows with each change, times in UTC, METHOD:REQUEST or METHOD:CANCEL.
import { createEvents, type EventAttributes } from "ics";
import type { OccasionDay } from "../../db/schema.ts";
import { occasionLocation, occasionTitle, type OccasionBundle } from "./occasions.ts";

export const PRODUCT_ID = "-//Finsam kurser//Kursanmalan//SV";

export type InvitationMethod = "REQUEST" | "CANCEL";

export interface InvitationArgs {
  method: InvitationMethod;
  bundle: OccasionBundle;
  attendee: { name: string; email: string };
  sequence: number;
  /** The person's own link, put in the description. */
  manageUrl: string;
  /** Address the ORGANIZER line names (the organiser's, or the sender's). */
  organizerEmail: string;
}

function dayTitle(bundle: OccasionBundle, day: OccasionDay, index: number): string {
  const title = occasionTitle(bundle.course, bundle.occasion);
  return bundle.days.length > 1 ? `${title}, dag ${index + 1} av ${bundle.days.length}` : title;
}

function build(events: EventAttributes[], method?: string): string {
  if (events.length === 0) {
    // ics refuses an empty list; an empty calendar is still a valid answer for a feed.
    return ["BEGIN:VCALENDAR", "VERSION:2.0", `PRODID:${PRODUCT_ID}`, ...(method ? [`METHOD:${method}`] : []), "END:VCALENDAR", ""].join("\r\n");
  }
  const { error, value } = createEvents(events, { productId: PRODUCT_ID, ...(method ? { method } : {}) });
  if (error || !value) throw error ?? new Error("ics gave no value");
  return value;
}

export function invitationIcs(a: InvitationArgs): string {
  const { occasion, organiser } = a.bundle;
  const location = occasion.online ? (occasion.meetingUrl ?? "Digitalt") : occasionLocation(occasion);
  const description = [
    a.bundle.course.description,
    occasion.online && occasion.meetingUrl ? `Länk till mötet: ${occasion.meetingUrl}` : null,
    `Din anmälan (se, ladda ner eller avboka): ${a.manageUrl}`,
    `Arrangör: ${organiser.name}`,
  ]
    .filter(Boolean)
    .join("\n\n");
  const events: EventAttributes[] = a.bundle.days.map((day, i) => ({
    uid: day.uid,
    sequence: a.sequence,
    method: a.method,
    start: day.startsAt.getTime(),
    startInputType: "utc",
    startOutputType: "utc",
    end: day.endsAt.getTime(),
    endInputType: "utc",
    endOutputType: "utc",
    title: a.method === "CANCEL" ? `Inställt/avbokat: ${dayTitle(a.bundle, day, i)}` : dayTitle(a.bundle, day, i),
    description,
    location,
    ...(occasion.online && occasion.meetingUrl ? { url: occasion.meetingUrl } : {}),
    status: a.method === "CANCEL" ? "CANCELLED" : "CONFIRMED",
    busyStatus: a.method === "CANCEL" ? "FREE" : "BUSY",
    organizer: { name: organiser.name, email: a.organizerEmail },
    attendees: [
      {
        name: a.attendee.name,
        email: a.attendee.email,
        rsvp: a.method === "REQUEST",
        partstat: "NEEDS-ACTION",
        role: "REQ-PARTICIPANT",
      },
    ],
  }));
  return build(events, a.method);
}

/** The public feed: published occasions, no people, no meeting links. */
export function calendarFeedIcs(bundles: OccasionBundle[], publicUrl: string): string {
  const events: EventAttributes[] = bundles.flatMap((b) =>
    b.days.map((day, i) => ({
      // Not the invitation UID: a subscriber who also got an invitation must see two
      // entries rather than have one overwrite the other.
      uid: `feed-${day.uid}`,
      sequence: b.occasion.sequence,
      start: day.startsAt.getTime(),
      startInputType: "utc" as const,
      startOutputType: "utc" as const,
      end: day.endsAt.getTime(),
      endInputType: "utc" as const,
      endOutputType: "utc" as const,
      title: (b.occasion.status === "cancelled" ? "INSTÄLLT: " : "") + dayTitle(b, day, i),
      description: `${(b.courseTypeName ?? b.course.courseType)}. Anmälan: ${publicUrl}/tillfallen/${b.occasion.id}`,
      location: occasionLocation(b.occasion),
      url: `${publicUrl}/tillfallen/${b.occasion.id}`,
      status: b.occasion.status === "cancelled" ? ("CANCELLED" as const) : ("CONFIRMED" as const),
      busyStatus: "FREE" as const,
      categories: [(b.courseTypeName ?? b.course.courseType)],
    })),
  );
  return build(events, "PUBLISH");
}
