import nodemailer from "nodemailer";
import type { Mailer, MailMessage } from "./mailer.ts";
import { buildMime, envelopeOf } from "./mime.ts";

/**
 * The longest one send may take, connection included. nodemailer's timeouts end a failing
 * connection sooner, but its socket timeout counts idle time only, and the outbox renews its
 * lease while a send runs (decision 016): a server that trickles its answers for ever would
 * otherwise hold its mails for good. Below the lease.
 */
export const SEND_TIMEOUT_MS = 50_000;

/** SMTP through nodemailer, e.g. SMTP_URL=smtp://user:pass@smtp.example.se:587 */
export function smtpMailer(url: string, opts: { sendTimeoutMs?: number } = {}): Mailer {
  const timeoutMs = opts.sendTimeoutMs ?? SEND_TIMEOUT_MS;
  // A small pool: the outbox sends in bursts (a cancelled occasion, a reminder run), and a
  // new SMTP session per mail costs a round of handshakes each time.
  const open = () =>
    nodemailer.createTransport({
      url,
      pool: true,
      maxConnections: 2,
      socketTimeout: 30_000,
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
    });
  let transport = open();
  return {
    close: () => transport.close(),
    async send(m: MailMessage) {
      const current = transport;
      // The message is built by mime.ts, the same builder the Worker's HTTP mailer uses, so
      // Node and Workers send one MIME structure (decision 012); nodemailer only carries it.
      const sending = current.sendMail({ envelope: envelopeOf(m), raw: buildMime(m) });
      sending.catch(() => {}); // settled after a timeout too, when nobody waits for it any more
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timedOut = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              Object.assign(new Error(`inget svar inom ${Math.round(timeoutMs / 1000)} s`), { code: "ETIMEDOUT" }),
            ),
          timeoutMs,
        );
      });
      try {
        await Promise.race([sending, timedOut]);
      } catch (err) {
        // A stuck pool is replaced, so the next mail gets fresh connections.
        if ((err as { code?: string }).code === "ETIMEDOUT" && transport === current) {
          transport = open();
          current.close();
        }
        throw err;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
