// A real SMTP server on loopback (smtp-server); every message is parsed with mailparser.
// It can play a failing server too: down (421 at connect), refusing a recipient with a
// reply of our choosing, or holding a message unanswered (a sender killed mid-DATA).
import { SMTPServer } from "smtp-server";
import { simpleParser, type ParsedMail } from "mailparser";
import type { AddressInfo } from "node:net";

export interface TestSmtp {
  url: string;
  port: number;
  /** `to`: the envelope's recipients (RCPT TO; smtp-server shows A-label domains in Unicode); `smtpUtf8`: the sender asked for SMTPUTF8. */
  messages: { raw: string; parsed: ParsedMail; to: string[]; smtpUtf8: boolean }[];
  /** While true, every connection is refused with 421, as a server down for maintenance answers. */
  down: boolean;
  /** Connections opened so far, refused ones included. */
  connections: number;
  /** RCPT TO replies by address: e.g. 550 "5.1.1 User unknown", or 451 for a temporary refusal. */
  refuse: Map<string, { code: number; message: string }>;
  /** Called when a message's data has arrived: "hang" neither accepts nor refuses it (no reply is sent). */
  intercept?: (raw: string) => "accept" | "hang";
  /** Waits until `count` messages have arrived (or fails after timeoutMs). */
  waitFor(count: number, timeoutMs?: number): Promise<TestSmtp["messages"]>;
  close(): Promise<void>;
}

export async function startSmtp(): Promise<TestSmtp> {
  const messages: TestSmtp["messages"] = [];
  // The switches are read on every connection and command, so a test can flip them any time.
  const self: Pick<TestSmtp, "down" | "connections" | "refuse" | "intercept"> = {
    down: false,
    connections: 0,
    refuse: new Map(),
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onConnect(_session, callback) {
      self.connections++;
      if (!self.down) return callback();
      callback(Object.assign(new Error("4.3.2 Service not available, try again later"), { responseCode: 421 }));
    },
    onRcptTo(address, _session, callback) {
      const refusal = self.refuse.get(address.address);
      if (!refusal) return callback();
      callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", async () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        if (self.intercept?.(raw) === "hang") return;
        messages.push({
          raw,
          parsed: await simpleParser(raw),
          to: session.envelope.rcptTo.map((a) => a.address),
          smtpUtf8: !!(session.envelope as { smtpUtf8?: boolean }).smtpUtf8,
        });
        callback();
      });
    },
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", () => ok()));
  const port = (server.server.address() as AddressInfo).port;
  return Object.assign(self, {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    async waitFor(count: number, timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      while (messages.length < count) {
        if (Date.now() > until) throw new Error(`väntade på ${count} mejl, fick ${messages.length}`);
        await new Promise((r) => setTimeout(r, 25));
      }
      return messages;
    },
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  });
}
