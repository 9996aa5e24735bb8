// Swedish date and time text in Europe/Stockholm, shared by mails and the web app.
// "tors 12 mars 2026, 09.00–16.00": Språkrådet's style uses a dot between hours and minutes.
export const TIME_ZONE = "Europe/Stockholm";

const dayFmt = new Intl.DateTimeFormat("sv-SE", {
  timeZone: TIME_ZONE,
  weekday: "short",
  day: "numeric",
  month: "long",
  year: "numeric",
});
const timeFmt = new Intl.DateTimeFormat("sv-SE", {
  timeZone: TIME_ZONE,
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});
const isoDateFmt = new Intl.DateTimeFormat("sv-SE", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});
const monthFmt = new Intl.DateTimeFormat("sv-SE", { timeZone: TIME_ZONE, month: "long", year: "numeric" });

const toDate = (d: Date | string | number) => (d instanceof Date ? d : new Date(d));

/** "tors 12 mars 2026" */
export function formatDay(d: Date | string | number): string {
  // Intl gives "tors 12 mars 2026" in current ICU; older ones add a dot ("tors. 12 mars").
  return dayFmt.format(toDate(d)).replace(/\.(?= )/, "");
}

/** "09.00" */
export function formatTime(d: Date | string | number): string {
  return timeFmt.format(toDate(d)).replace(":", ".");
}

/** "2026-03-12" in Stockholm */
export function formatIsoDate(d: Date | string | number): string {
  return isoDateFmt.format(toDate(d));
}

/** "mars 2026" */
export function formatMonth(d: Date | string | number): string {
  return monthFmt.format(toDate(d));
}

/** "tors 12 mars 2026, 09.00–16.00", or both dates when a block runs past midnight. */
export function formatSpan(start: Date | string | number, end: Date | string | number): string {
  const s = toDate(start);
  const e = toDate(end);
  if (formatIsoDate(s) === formatIsoDate(e)) return `${formatDay(s)}, ${formatTime(s)}–${formatTime(e)}`;
  return `${formatDay(s)} ${formatTime(s)} – ${formatDay(e)} ${formatTime(e)}`;
}

/** Year and month key in Stockholm, "2026-03", for grouping by month. */
export function monthKey(d: Date | string | number): string {
  return formatIsoDate(d).slice(0, 7);
}

const partsFmt = new Intl.DateTimeFormat("en-US", {
  timeZone: TIME_ZONE,
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

/** Minutes Stockholm is ahead of UTC at this instant (60 in winter, 120 in summer). */
export function stockholmOffsetMinutes(instant: Date): number {
  const p = Object.fromEntries(partsFmt.formatToParts(instant).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(
    Number(p.year),
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour),
    Number(p.minute),
    Number(p.second),
  );
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/**
 * The UTC instant of a Stockholm wall-clock time, "2026-03-29" + "09:00". Right across the
 * daylight-saving change; a time that does not exist (02:30 on the spring night) moves forward.
 */
export function stockholmToUtc(date: string, time: string): Date {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const [hh, mm] = time.split(/[:.]/).map(Number) as [number, number];
  const naive = Date.UTC(y, m - 1, d, hh, mm);
  let guess = naive - stockholmOffsetMinutes(new Date(naive)) * 60_000;
  guess = naive - stockholmOffsetMinutes(new Date(guess)) * 60_000;
  return new Date(guess);
}

/** A day's hours of content: end − start − breaks, to the half hour below (never below 0). */
export function contentHours(d: { startsAt: Date; endsAt: Date; breakMinutes: number }): number {
  const minutes = (d.endsAt.getTime() - d.startsAt.getTime()) / 60_000 - d.breakMinutes;
  return Math.max(0, Math.floor((minutes / 60) * 2 + 1e-9) / 2);
}

/** "6 timmar", "6,5 timmar", "1 timme" */
export function hoursText(h: number): string {
  return `${h.toLocaleString("sv-SE", { maximumFractionDigits: 1 })} ${h === 1 ? "timme" : "timmar"}`;
}
