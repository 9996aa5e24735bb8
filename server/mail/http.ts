// Mail over an HTTP API, for the Worker (no SMTP sockets there). POSTs JSON to MAIL_API_URL
// with `Authorization: Bearer MAIL_API_KEY`:
//   { from, to, subject, text, html, calendar: { method, content } | null, raw }
// where `raw` is the whole message as RFC 5322 text (see mime.ts), for relays that take a
// raw message. Any non-2xx answer is a failure, and the outbox retries it.
import type { Mailer, MailMessage } from "./mailer.ts";
import { buildMime } from "./mime.ts";

export function httpMailer(url: string, key: string | undefined, fetchImpl: typeof fetch = fetch): Mailer {
  return {
    async send(m: MailMessage) {
      // A network failure is a TypeError("fetch failed") with the reason in `cause`: say so
      // in words the office's list of undelivered mail can show (mail-error.ts).
      const res = await fetchImpl(url, {
        method: "POST",
        headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) },
        body: JSON.stringify({
          from: m.from,
          to: m.to,
          subject: m.subject,
          text: m.text,
          html: m.html ?? null,
          calendar: m.calendar ?? null,
          raw: buildMime(m),
        }),
      }).catch((err: unknown) => {
        const cause = err instanceof Error && err.cause instanceof Error ? ` (${err.cause.message})` : "";
        throw Object.assign(new Error(`${err instanceof Error ? err.message : String(err)}${cause}`), {
          code: "ECONNECTION",
        });
      });
      if (!res.ok) {
        const error = new Error(`e-posttjänsten svarade ${res.status}: ${(await res.text()).slice(0, 200)}`);
        // Overloaded or down: the next mails would get the same answer (mail-error.ts).
        throw res.status === 429 || res.status >= 500 ? Object.assign(error, { responseCode: 421 }) : error;
      }
    },
  };
}
