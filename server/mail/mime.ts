// An RFC 5322 message with text, HTML and an Outlook calendar part, for mail APIs and
// bindings that take a raw message (the Worker has no nodemailer). Kept small on purpose:
// the one structure we send, multipart/alternative with text/calendar; method=… as the last
// alternative, which is what Outlook needs to show a meeting (and what nodemailer's
// icalEvent produces on Node). mimetext, the library we looked at, allows only text/plain
// and text/html alternatives.
import type { MailMessage } from "./mailer.ts";

const CRLF = "\r\n";

function base64Utf8(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/.{1,76}/g, (line) => line + CRLF).trimEnd();
}

/** "Name <addr>" or "addr" → header value with the name as a UTF-8 encoded word. */
function addressHeader(value: string): string {
  const m = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(value);
  if (!m || !m[1]) return `<${value.trim().replace(/^<|>$/g, "")}>`;
  return `${encodedWord(m[1])} <${m[2]}>`;
}

function encodedWord(text: string): string {
  return /^[\x20-\x7e]*$/.test(text) ? `"${text.replace(/"/g, "")}"` : `=?UTF-8?B?${base64Utf8(text).replace(/\r\n/g, "")}?=`;
}

function randomId(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

export function buildMime(m: MailMessage, date = new Date()): string {
  const boundary = `=_alt_${randomId()}`;
  const fromAddr = /<([^>]+)>/.exec(m.from)?.[1] ?? m.from;
  const domain = fromAddr.split("@")[1] ?? "localhost";
  const part = (contentType: string, body: string) =>
    [`--${boundary}`, `Content-Type: ${contentType}`, "Content-Transfer-Encoding: base64", "", base64Utf8(body)].join(CRLF);
  const parts = [part("text/plain; charset=UTF-8", m.text)];
  if (m.html) parts.push(part("text/html; charset=UTF-8", m.html));
  if (m.calendar) parts.push(part(`text/calendar; charset=UTF-8; method=${m.calendar.method}`, m.calendar.content));
  const headers = [
    `From: ${addressHeader(m.from)}`,
    `To: ${addressHeader(m.to)}`,
    `Subject: ${encodedWord(m.subject)}`,
    `Date: ${date.toUTCString().replace("GMT", "+0000")}`,
    `Message-ID: <${randomId()}@${domain}>`,
    "MIME-Version: 1.0",
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
  ];
  return [...headers, "", ...parts, `--${boundary}--`, ""].join(CRLF);
}
