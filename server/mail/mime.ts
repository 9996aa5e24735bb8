// The one RFC 5322 message the app sends, on Node (smtp.ts hands it to nodemailer as `raw`)
// and on Workers (http.ts posts it as `raw`). One builder, so both runtimes send the same
// bytes for the same MailMessage (docs/decisions/012-one-mime-and-sequence.md):
//
//   multipart/alternative
//     text/plain; charset=UTF-8                          quoted-printable
//     text/html; charset=UTF-8                           quoted-printable (when there is HTML)
//     text/calendar; charset=UTF-8; method=REQUEST|…     base64 (when there is an invitation)
//
// No .ics attachment besides: Outlook takes the meeting from the text/calendar alternative
// and would list an attachment as a file; the personal page has the download.
// Every line is at most 76 octets (RFC 5322 allows 998), headers with non-ASCII text are
// RFC 2047 encoded-words of whole characters, and the calendar part's method parameter is
// read from the body's METHOD property, so the two can never differ.
import type { MailMessage } from "./mailer.ts";

const CRLF = "\r\n";
const encoder = new TextEncoder();

function base64Bytes(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Base64 in lines of 76 characters (RFC 2045 6.8). */
function base64Body(text: string): string {
  return base64Bytes(encoder.encode(text))
    .replace(/.{1,76}/g, (line) => line + CRLF)
    .replace(/\r\n$/, "");
}

/** Lines of a text body with any line ending made CRLF, the canonical form (RFC 2046 4.1.1). */
function canonicalLines(text: string): string[] {
  return text.replace(/\r\n|\r|\n/g, "\n").split("\n");
}

/**
 * Quoted-printable (RFC 2045 6.7) of UTF-8 text: line breaks stay hard line breaks, every
 * encoded line is at most 76 characters (soft breaks "=" never split an =XX triplet),
 * space and tab are encoded at the end of a line, and a "." or "From " at the start of a
 * line is encoded too, so no relay stuffs or mangles it.
 */
export function quotedPrintable(text: string): string {
  const hex = (b: number) => `=${b.toString(16).toUpperCase().padStart(2, "0")}`;
  const out: string[] = [];
  for (const line of canonicalLines(text)) {
    const bytes = encoder.encode(line);
    const tokens: string[] = [];
    bytes.forEach((b, i) => {
      const last = i === bytes.length - 1;
      if ((b === 0x20 || b === 0x09) && last) tokens.push(hex(b));
      else if (i === 0 && (b === 0x2e || (b === 0x46 && line.startsWith("From ")))) tokens.push(hex(b));
      else if (b === 0x20 || b === 0x09 || (b >= 33 && b <= 126 && b !== 61)) tokens.push(String.fromCharCode(b));
      else tokens.push(hex(b));
    });
    let current = "";
    for (const token of tokens) {
      // 75 + the soft break's "=" = 76.
      if (current.length + token.length > 75) {
        out.push(`${current}=`);
        current = "";
      }
      current += token;
    }
    out.push(current);
  }
  return out.join(CRLF);
}

/** Header text with no line breaks (a CR or LF in a name or subject can never add a header). */
function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, " ").trim();
}

/**
 * RFC 2047 encoded-words ("=?UTF-8?B?…?="), each at most 64 characters and each holding
 * whole characters (6.3: a character is never split between two words), joined by folding
 * whitespace, which decoders drop between adjacent encoded-words.
 */
function encodedWords(text: string): string {
  const words: string[] = [];
  let chunk: number[] = [];
  const flush = () => {
    if (chunk.length) words.push(`=?UTF-8?B?${base64Bytes(Uint8Array.from(chunk))}?=`);
    chunk = [];
  };
  for (const ch of text) {
    const bytes = encoder.encode(ch);
    // 39 octets → 52 base64 characters → 64 with the "=?UTF-8?B?" and "?=" around them.
    if (chunk.length + bytes.length > 39) flush();
    chunk.push(...bytes);
  }
  flush();
  return words.join(`${CRLF} `);
}

const printableAscii = (s: string) => /^[\x20-\x7e]*$/.test(s);

/** Folds plain ASCII header text at spaces so that lines stay near 78 characters. */
function foldAscii(text: string, used: number): string {
  const words = text.split(" ");
  let line = words.shift() ?? "";
  const lines: string[] = [];
  let width = used;
  for (const w of words) {
    if (width + line.length + 1 + w.length > 78 && line.length > 0) {
      lines.push(line);
      line = w;
      width = 1; // the leading space of the continuation line
    } else line += ` ${w}`;
  }
  lines.push(line);
  return lines.join(`${CRLF} `);
}

/** An unstructured header value (Subject): plain when ASCII, encoded-words otherwise. */
function unstructured(name: string, value: string): string {
  const v = oneLine(value);
  return `${name}: ${printableAscii(v) ? foldAscii(v, name.length + 2) : encodedWords(v)}`;
}

export interface ParsedAddress {
  name: string | null;
  address: string;
}

/** "Name <addr>", "\"Name, with comma\" <addr>" or "addr". */
export function parseAddress(value: string): ParsedAddress {
  const m = /^\s*(?:"((?:[^"\\]|\\.)*)"|([^<>]*?))\s*<([^<>\s]+)>\s*$/.exec(oneLine(value));
  if (!m) return { name: null, address: oneLine(value).replace(/^<|>$/g, "") };
  const name = m[1] !== undefined ? m[1].replace(/\\(.)/g, "$1") : (m[2] ?? "");
  return { name: name.trim() || null, address: m[3]! };
}

/**
 * The address with its domain as an A-label ("anna@räksmörgås.se" → "anna@xn--rksmrgs-5wao1o.se"),
 * so a server without SMTPUTF8 takes it in the envelope and in the headers. The WHATWG URL
 * parser does the IDNA mapping on Node and Workers alike. The local part stays as it is:
 * the forms refuse a non-ASCII one (routes/validate.ts, decision 016).
 */
export function asciiAddress(address: string): string {
  const at = address.lastIndexOf("@");
  const domain = address.slice(at + 1);
  if (at < 0 || printableAscii(domain)) return address;
  try {
    return `${address.slice(0, at)}@${new URL(`http://${domain}`).hostname}`;
  } catch {
    return address;
  }
}

/** An address header: the display name as a quoted-string (ASCII) or encoded-words. */
function addressHeader(name: string, value: string): string {
  const parsed = parseAddress(value);
  const a = { ...parsed, address: asciiAddress(parsed.address) };
  if (!a.name) return `${name}: ${a.address}`;
  const display = printableAscii(a.name) ? `"${a.name.replace(/[\\"]/g, "\\$&")}"` : encodedWords(a.name);
  const line = `${name}: ${display} <${a.address}>`;
  return line.includes(CRLF) || line.length > 78 ? `${name}: ${display}${CRLF} <${a.address}>` : line;
}

/** The SMTP envelope of a message: bare addresses, no display names. */
export function envelopeOf(m: Pick<MailMessage, "from" | "to">): { from: string; to: string[] } {
  return { from: asciiAddress(parseAddress(m.from).address), to: [asciiAddress(parseAddress(m.to).address)] };
}

/** The METHOD property of an iCalendar object (RFC 5545 3.7.2), upper case, or null. */
export function icsMethod(ics: string): string | null {
  const line = ics
    .replace(/\r?\n[ \t]/g, "")
    .split(/\r?\n/)
    .find((l) => /^METHOD[:;]/i.test(l));
  return line
    ? line
        .replace(/^[^:]*:/, "")
        .trim()
        .toUpperCase()
    : null;
}

function randomId(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** RFC 5322 3.3 date-time in UTC: "Mon, 02 Mar 2026 08:00:00 +0000". */
function rfc5322Date(date: Date): string {
  return date.toUTCString().replace(/GMT$/, "+0000");
}

export function buildMime(m: MailMessage, date = new Date()): string {
  const boundary = `=_alt_${randomId()}`;
  const domain = parseAddress(m.from).address.split("@")[1] ?? "localhost";
  const part = (contentType: string, encoding: "quoted-printable" | "base64", body: string) =>
    [`--${boundary}`, `Content-Type: ${contentType}`, `Content-Transfer-Encoding: ${encoding}`, "", body].join(CRLF);

  const parts = [part("text/plain; charset=UTF-8", "quoted-printable", quotedPrintable(m.text))];
  if (m.html) parts.push(part("text/html; charset=UTF-8", "quoted-printable", quotedPrintable(m.html)));
  if (m.calendar) {
    // The method parameter MUST equal the body's METHOD (RFC 6047 2.4, RFC 5545 8.1): take it
    // from the body, and refuse a message whose caller meant another method.
    const method = icsMethod(m.calendar.content);
    if (!method) throw new Error("kalenderdelen saknar METHOD");
    if (method !== m.calendar.method)
      throw new Error(`kalenderdelen har METHOD:${method} men skickas som ${m.calendar.method}`);
    const ics = canonicalLines(m.calendar.content).join(CRLF);
    parts.push(part(`text/calendar; charset=UTF-8; method=${method}`, "base64", base64Body(ics)));
  }
  const headers = [
    addressHeader("From", m.from),
    addressHeader("To", m.to),
    unstructured("Subject", m.subject),
    `Date: ${rfc5322Date(date)}`,
    `Message-ID: <${randomId()}@${domain}>`,
    "MIME-Version: 1.0",
    `Content-Type: multipart/alternative;${CRLF} boundary="${boundary}"`,
  ];
  return [...headers, "", ...parts, `--${boundary}--`, ""].join(CRLF);
}
