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

  /** Retention and erasure reach this mailbox too: her mails go with her address. */
  forget(addresses: string[]): void {
    const gone = new Set(addresses.map((a) => a.toLowerCase()));
    for (let i = this.mails.length - 1; i >= 0; i--) {
      const to = this.mails[i]!.to;
      const list = (Array.isArray(to) ? to : [to]).map((a) => String(a).toLowerCase());
      if (list.some((a) => [...gone].some((g) => a.includes(g)))) this.mails.splice(i, 1);
    }
  }
}
