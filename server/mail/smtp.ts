import nodemailer from "nodemailer";
import type { Mailer, MailMessage } from "./mailer.ts";
import { buildMime, envelopeOf } from "./mime.ts";

/** SMTP through nodemailer, e.g. SMTP_URL=smtp://user:pass@smtp.example.se:587 */
export function smtpMailer(url: string): Mailer {
  // A small pool: the outbox sends in bursts (a cancelled occasion, a reminder run), and a
  // new SMTP session per mail costs a round of handshakes each time.
  const transport = nodemailer.createTransport({ url, pool: true, maxConnections: 2, socketTimeout: 30_000 });
  return {
    close: () => transport.close(),
    async send(m: MailMessage) {
      // The message is built by mime.ts, the same builder the Worker's HTTP mailer uses, so
      // Node and Workers send one MIME structure (decision 012); nodemailer only carries it.
      await transport.sendMail({ envelope: envelopeOf(m), raw: buildMime(m) });
    },
  };
}
