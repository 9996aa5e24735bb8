// A small writer for iCalendar text (RFC 5545), with parameter values as RFC 6868 extends them.
// It only writes: the app builds invitations and the public feed from it (invitations.ts);
// tests read its output with an independent parser (ical.js), never with this file.
//
// Plain TypeScript with TextEncoder/TextDecoder only, so the same code runs on Node and on
// Cloudflare Workers. See docs/decisions/011-icalendar-text.md for why it replaced `ics`.
//
// The rules it keeps, with the RFC sections they come from:
// - TEXT values (3.3.11): backslash, semicolon and comma are escaped with a backslash, a line
//   break is written as \n. Control characters other than TAB are not allowed and are dropped.
// - Parameter values (3.1 and 3.2): there is no backslash escape in a parameter value, and a
//   DQUOTE can never appear in one. RFC 6868 adds caret escapes: ^' for DQUOTE, ^n for a line
//   break, ^^ for a caret. A value that holds ":" ";" or "," is put in double quotes. Control
//   characters other than TAB are dropped.
// - Content lines (3.1): at most 75 octets each, not counting the CRLF; a longer line is
//   folded by inserting CRLF and one space. Octets are UTF-8 bytes, and a fold never falls
//   inside a character's bytes. Every line, the last included, ends with CRLF.
// - DATE-TIME (3.3.5): UTC form only, YYYYMMDDTHHMMSSZ (no VTIMEZONE needed).

/** A property value already in its written form. Only the encoders below make one, so a raw
 * string can never reach a content line unescaped. */
export type Encoded = string & { readonly __icalendarEncoded: unique symbol };

/** Parameters by name; `undefined` leaves the parameter out. Values are encoded when written. */
export type Params = Record<string, string | undefined>;

export interface Property {
  name: string;
  params?: Params;
  value: Encoded;
}

export interface Component {
  name: string;
  properties: Property[];
  components?: Component[];
}

const encoded = (s: string) => s as Encoded;

/** Property and parameter names: iana-token / x-name (3.1), letters, digits and "-". */
const NAME = /^[A-Za-z0-9-]+$/;

/** Line breaks in any of the usual forms; they become one "\n" before escaping. */
const LINE_BREAK = /\r\n|\r|\n/g;

/** Control characters (Unicode category Cc) except TAB and LF. TAB is allowed in TEXT and in
 * parameter values (WSP); LF is handled as a line break. Everything else here is dropped:
 * C0 controls, DEL and the C1 controls. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point here
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

/** A surrogate half without its partner is not a character and has no UTF-8 form. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Normalise a string every encoder starts from: "\n" for line breaks, no other control
 * characters, U+FFFD for a broken surrogate (what TextEncoder would write for it anyway). */
function clean(s: string): string {
  return s.replace(LINE_BREAK, "\n").replace(CONTROL, "").replace(LONE_SURROGATE, "\uFFFD");
}

// ---- Values -------------------------------------------------------------------------------

/** A TEXT value (3.3.11): SUMMARY, DESCRIPTION, LOCATION, PRODID, ... */
export function text(value: string): Encoded {
  return encoded(
    clean(value)
      .replace(/\\/g, "\\\\") // first, so the backslashes added below are not doubled
      .replace(/;/g, "\\;")
      .replace(/,/g, "\\,")
      .replace(/\n/g, "\\n"),
  );
}

/** A list of TEXT values separated by commas, as CATEGORIES takes (3.8.1.2). */
export function textList(values: string[]): Encoded {
  return encoded(values.map(text).join(","));
}

/** A URI value (3.3.13): written as it is (no TEXT escaping), without control characters
 * or line breaks, which can never be part of a URI and would otherwise start a new line. */
export function uri(value: string): Encoded {
  return encoded(clean(value).replace(/\n/g, ""));
}

/** A CAL-ADDRESS value (3.3.3) for an e-mail address: mailto:address. */
export function mailto(email: string): Encoded {
  return uri(`mailto:${email.trim()}`);
}

/** A DATE-TIME in UTC (3.3.5, form 2): 20260327T080000Z. */
export function utcDateTime(at: Date): Encoded {
  if (Number.isNaN(at.getTime())) throw new RangeError("icalendar: invalid date");
  // toISOString is always UTC: 2026-03-27T08:00:00.000Z -> 20260327T080000Z
  return encoded(
    at
      .toISOString()
      .replace(/\.\d{3}Z$/, "Z")
      .replace(/[-:]/g, ""),
  );
}

/** An INTEGER value (3.3.8), e.g. SEQUENCE. */
export function integer(n: number): Encoded {
  if (!Number.isSafeInteger(n)) throw new RangeError(`icalendar: ${n} is not an integer`);
  return encoded(String(n));
}

/** A fixed word the code itself writes: VERSION 2.0, METHOD, STATUS, TRANSP and the like.
 * Letters, digits, "-" and "." only; anything else is a mistake in the calling code. */
export function token(value: string): Encoded {
  if (!/^[A-Za-z0-9.-]+$/.test(value)) throw new RangeError(`icalendar: ${JSON.stringify(value)} is not a token`);
  return encoded(value);
}

// ---- Parameters ---------------------------------------------------------------------------

/** A parameter value as written after "NAME=" (3.2 with RFC 6868):
 * `Anna "Nisse" Lind` -> `Anna ^'Nisse^' Lind`; `Lind, Anna` -> `"Lind, Anna"`.
 * A backslash is an ordinary character here: RFC 5545 has no escapes in parameter values. */
export function paramValue(value: string): string {
  const v = clean(value)
    .replace(/\^/g, "^^") // first, so the carets added below are not doubled
    .replace(/"/g, "^'")
    .replace(/\n/g, "^n");
  // paramtext may not hold ";" ":" or ","; a quoted-string may (3.1, QSAFE-CHAR).
  return /[;:,]/.test(v) ? `"${v}"` : v;
}

// ---- Lines --------------------------------------------------------------------------------

/** One property as an unfolded content line: NAME;PARAM=value:value (3.1). */
export function contentLine(p: Property): string {
  if (!NAME.test(p.name)) throw new RangeError(`icalendar: bad property name ${JSON.stringify(p.name)}`);
  let line = p.name.toUpperCase();
  for (const [name, value] of Object.entries(p.params ?? {})) {
    if (value === undefined) continue;
    if (!NAME.test(name)) throw new RangeError(`icalendar: bad parameter name ${JSON.stringify(name)}`);
    line += `;${name.toUpperCase()}=${paramValue(value)}`;
  }
  return `${line}:${p.value}`;
}

/** The longest a physical line may be, in octets, without its CRLF (3.1). */
export const MAX_LINE_OCTETS = 75;

const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: true });

/** Fold one content line into physical lines of at most 75 octets each. The first holds up to
 * 75 octets of the line; each continuation starts with one space, which counts, and then holds
 * up to 74. A cut is only made before the first byte of a UTF-8 sequence, so no character is
 * split (a continuation byte is 10xxxxxx). */
export function fold(line: string): string[] {
  const bytes = encoder.encode(line);
  if (bytes.length <= MAX_LINE_OCTETS) return [line];
  const lines: string[] = [];
  let start = 0;
  while (start < bytes.length) {
    const room = lines.length === 0 ? MAX_LINE_OCTETS : MAX_LINE_OCTETS - 1;
    let end = Math.min(start + room, bytes.length);
    // Step back while the cut would land on a continuation byte. A UTF-8 sequence is at most
    // 4 bytes and room is at least 74, so this always leaves at least one character.
    while (end < bytes.length && (bytes[end]! & 0xc0) === 0x80) end--;
    const piece = decoder.decode(bytes.subarray(start, end));
    lines.push(lines.length === 0 ? piece : ` ${piece}`);
    start = end;
  }
  return lines;
}

/** A component and everything in it as BEGIN/END lines, properties first, then components. */
function componentLines(c: Component): string[] {
  if (!NAME.test(c.name)) throw new RangeError(`icalendar: bad component name ${JSON.stringify(c.name)}`);
  const name = c.name.toUpperCase();
  return [
    `BEGIN:${name}`,
    ...c.properties.flatMap((p) => fold(contentLine(p))),
    ...(c.components ?? []).flatMap(componentLines),
    `END:${name}`,
  ];
}

/** The iCalendar text of a component (normally a VCALENDAR): CRLF after every line. */
export function serialize(c: Component): string {
  return `${componentLines(c).join("\r\n")}\r\n`;
}

// ---- Building components ------------------------------------------------------------------

/** Shorthand for a property. */
export function prop(name: string, value: Encoded, params?: Params): Property {
  return params ? { name, params, value } : { name, value };
}

export interface CalendarArgs {
  /** PRODID (3.7.3), e.g. "-//Finsam kurser//Kursanmalan//SV". */
  productId: string;
  /** iTIP METHOD (RFC 5546): REQUEST, CANCEL, PUBLISH; left out when undefined. */
  method?: string;
  /** More calendar properties (X-PUBLISHED-TTL and the like), after the standard ones. */
  properties?: Property[];
  /** The VEVENTs (or other components) inside. */
  components: Component[];
}

/** A VCALENDAR with VERSION, PRODID, CALSCALE and METHOD first, then the given components. */
export function vcalendar(a: CalendarArgs): Component {
  return {
    name: "VCALENDAR",
    properties: [
      prop("VERSION", token("2.0")),
      prop("PRODID", text(a.productId)),
      prop("CALSCALE", token("GREGORIAN")),
      ...(a.method ? [prop("METHOD", token(a.method))] : []),
      ...(a.properties ?? []),
    ],
    components: a.components,
  };
}

/** A VEVENT from its properties, in the order given. */
export function vevent(properties: Property[]): Component {
  return { name: "VEVENT", properties };
}
