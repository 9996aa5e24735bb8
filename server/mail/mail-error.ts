// Why a mail could not be sent, as text the office can read (stored in outbox.last_error and
// shown in the list of undelivered mail), and whether trying again can help. Mailers throw
// whatever their library throws (nodemailer's errors carry `code`, `command`, `response`,
// `responseCode`); a value that is not an Error, or an Error without a message, once ended
// up as "[object Error]" in the outbox (issue 10), so nothing here relies on String(err).

export interface MailFailure {
  /** Swedish summary, then the server's own words: "E-postservern gick inte att nå: connect ECONNREFUSED 127.0.0.1:1". */
  text: string;
  /** The receiving side refused this address for good: retrying sends nothing (decision 016). */
  permanent: boolean;
  /** The mail server could not be reached or would not take mail at all: the next mails would fail alike. */
  serverDown: boolean;
}

const UNREACHABLE = new Set([
  "ECONNECTION",
  "ESOCKET",
  "ETIMEDOUT",
  "ECONNREFUSED",
  "EDNS",
  "ETLS",
  "EPROXY",
  "EAUTH",
  "ENOAUTH",
]);

interface MailerErrorFields {
  message?: unknown;
  code?: unknown;
  command?: unknown;
  response?: unknown;
  responseCode?: unknown;
}

const MAX_TEXT = 1000;

/** The most telling text the error has: the SMTP reply, else the message, else its code. */
function detailOf(err: unknown): string {
  if (typeof err === "string") return err;
  if (err === null || err === undefined) return "okänt fel";
  if (typeof err !== "object") return String(err);
  const e = err as MailerErrorFields;
  for (const candidate of [e.response, e.message, e.code]) {
    if (typeof candidate === "string" && candidate.trim() && !/^\[object \w+\]$/.test(candidate.trim()))
      return candidate.trim();
  }
  try {
    const json = JSON.stringify(err);
    if (json && json !== "{}") return json;
  } catch {
    // a cycle: fall through
  }
  return "okänt fel";
}

/** What went wrong, in the office's words, from nodemailer's error code and SMTP command. */
function summaryOf(e: MailerErrorFields): string {
  if (Number(e.responseCode) === 421) return "E-postservern tar inte emot mejl just nu";
  switch (e.code) {
    case "ECONNECTION":
    case "ESOCKET":
    case "ETIMEDOUT":
    case "ECONNREFUSED":
    case "EDNS":
    case "ETLS":
    case "EPROXY":
      return "E-postservern gick inte att nå";
    case "EAUTH":
    case "ENOAUTH":
      return "E-postservern godtog inte inloggningen (kontrollera SMTP_URL)";
    case "EENVELOPE":
      return e.command === "MAIL FROM"
        ? "E-postservern tog inte emot avsändaradressen (MAIL_FROM)"
        : "E-postservern tog inte emot mottagarens adress";
    case "EMESSAGE":
      return "E-postservern tog inte emot meddelandet";
    default:
      return "Mejlet kunde inte skickas";
  }
}

/**
 * Permanent only when the server refused this recipient with a 5xx reply that names the
 * address as the problem (enhanced codes 5.1.x, or 5.6.7 for a non-ASCII mailbox, RFC 6531),
 * or a plain 550/551/553 without enhanced code. A 5.7.x refusal (policy, relaying, our own
 * login) is about our setup, not the address, so it is retried like an outage.
 */
function isPermanent(e: MailerErrorFields): boolean {
  if (e.code !== "EENVELOPE" || e.command !== "RCPT TO") return false;
  const code = Number(e.responseCode);
  if (!(code >= 500 && code < 600)) return false;
  const reply = typeof e.response === "string" ? e.response : "";
  const enhanced = /\b([245])\.(\d{1,3})\.(\d{1,3})\b/.exec(reply);
  if (enhanced) return enhanced[1] === "5" && (enhanced[2] === "1" || (enhanced[2] === "6" && enhanced[3] === "7"));
  return code === 550 || code === 551 || code === 553;
}

export function mailFailure(err: unknown): MailFailure {
  const e = (err !== null && typeof err === "object" ? err : {}) as MailerErrorFields;
  const summary = summaryOf(e);
  const detail = detailOf(err);
  // A message of our own mailers (http.ts) is Swedish already: no summary in front of it then.
  const plainMessage = typeof err === "string" || (err instanceof Error && err.message.trim() !== "");
  const text = typeof e.code === "string" || !plainMessage ? `${summary}: ${detail}` : detail;
  // 421: "service not available", at the greeting or any later reply (RFC 5321 3.8).
  const serverDown = (typeof e.code === "string" && UNREACHABLE.has(e.code)) || Number(e.responseCode) === 421;
  return { text: text.slice(0, MAX_TEXT), permanent: isPermanent(e), serverDown };
}
