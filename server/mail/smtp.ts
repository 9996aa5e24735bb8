import nodemailer from "nodemailer";
import type { Mailer, MailMessage } from "./mailer.ts";

/** SMTP through nodemailer, e.g. SMTP_URL=smtp://user:pass@smtp.example.se:587 */
export function smtpMailer(url: string): Mailer {
  // A small pool: the outbox sends in bursts (a cancelled occasion, a reminder run), and a
  // new SMTP session per mail costs a round of handshakes each time.
  const transport = nodemailer.createTransport({ url, pool: true, maxConnections: 2, socketTimeout: 30_000 });
  return {
    close: () => transport.close(),
    async send(m: MailMessage) {
      await transport.sendMail({
        from: m.from,
        to: m.to,
        subject: m.subject,
        text: m.text,
        html: m.html,
        // nodemailer puts this in as an alternative text/calendar; method=… part, which is
        // what Outlook needs to show the accept/decline bar.
        icalEvent: m.calendar
          ? { method: m.calendar.method, content: m.calendar.content, filename: "inbjudan.ics" }
          : undefined,
      });
    },
  };
}
