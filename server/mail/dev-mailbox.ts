import type { Mailer, MailMessage } from "./mailer.ts";

export interface StoredMail extends MailMessage {
  id: number;
  at: string;
}

/**
 * Development only: mails are kept in memory and shown at /dev/mail instead of being sent.
 * The config refuses this mailbox in production (see env.ts).
 */
export class DevMailbox implements Mailer {
  private next = 1;
  readonly mails: StoredMail[] = [];

  async send(m: MailMessage): Promise<void> {
    this.mails.unshift({ ...m, id: this.next++, at: new Date().toISOString() });
    if (this.mails.length > 500) this.mails.pop();
  }
}
