// What the app needs of a mail system. Node uses nodemailer over SMTP (smtp.ts) or the dev
// mailbox; the Worker gets an HTTP implementation. Nothing else knows which one runs.
export interface MailMessage {
  from: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Sent as an inline text/calendar part with this method (Outlook shows it as a meeting). */
  calendar?: { method: "REQUEST" | "CANCEL"; content: string };
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
  /** Closes pooled connections (at shutdown). */
  close?(): void;
  /** Drops kept copies of mail to these addresses (the development mailbox; retention). */
  forget?(addresses: string[]): void;
}
