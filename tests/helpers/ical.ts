// Reading a calendar part with an independent parser (ical.js), not with the code that wrote it.
import ICAL from "ical.js";

export interface ReadEvent {
  uid: string;
  sequence: number;
  start: string;
  status: string;
  summary: string;
  description: string;
}

export function readCalendar(ics: string): { method: string; events: ReadEvent[] } {
  const comp = new ICAL.Component(ICAL.parse(ics));
  const events = comp.getAllSubcomponents("vevent").map((v) => ({
    uid: String(v.getFirstPropertyValue("uid")),
    sequence: Number(v.getFirstPropertyValue("sequence")),
    start: (v.getFirstPropertyValue("dtstart") as ICAL.Time).toJSDate().toISOString(),
    status: String(v.getFirstPropertyValue("status")),
    summary: String(v.getFirstPropertyValue("summary")),
    description: String(v.getFirstPropertyValue("description") ?? ""),
  }));
  return { method: String(comp.getFirstPropertyValue("method")), events };
}
