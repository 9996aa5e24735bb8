// What the browser tests share: the real Node server in-process with a fresh libSQL file and a
// real SMTP server on loopback, Debian's Chromium through playwright-core, a 360 px phone
// viewport, sign-in by the mailed link, the mails that arrive, and the axe-core and sideways
// scroll checks.
//
// Needs the built web app (dist/web): `npm test` builds it first.
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import axe from "axe-core";
import type { AddressObject } from "mailparser";
import { chromium, type Browser, type Page } from "playwright-core";
import { expect } from "vitest";
import { startServer, type RunningServer } from "../../server/entry.node.ts";
import { loadEnv } from "../../server/env.ts";
import { parseIcs } from "../helpers/ics.ts";
import { startSmtp, type TestSmtp } from "../helpers/smtp.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const CHROMIUM = "/usr/bin/chromium";
export const PHONE = { width: 360, height: 740 };
export const SITE = "Samordningsförbundet i Halland";

export type Mail = TestSmtp["messages"][number];

export interface E2e {
  server: RunningServer;
  smtp: TestSmtp;
  browser: Browser;
  /** http://localhost:PORT, the server's PUBLIC_URL. */
  baseUrl: string;
  /** The mails that have come to `address` so far. */
  mailsTo(address: string): Mail[];
  /** Waits for the mail to `address` whose subject starts with `subject`. */
  mailTo(address: string, subject: string, timeoutMs?: number): Promise<Mail>;
  /** Asks for a sign-in link on /logga-in and returns the link from the mail. */
  signInByMail(page: Page, email: string): Promise<string>;
  /** Opens a mailed sign-in link and presses its "Logga in" button (opening alone signs nobody in). */
  followSignInLink(page: Page, link: string): Promise<void>;
  close(): Promise<void>;
}

/** A port nobody listens on now: PUBLIC_URL must name the server's own address before it starts. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((ok) => probe.listen(0, "127.0.0.1", () => ok()));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((ok) => probe.close(() => ok()));
  return port;
}

/** Fails when web/src changed after the last build: the test would check yesterday's app. */
function assertFreshBuild() {
  const index = resolve(ROOT, "dist/web/index.html");
  if (!existsSync(index)) throw new Error("dist/web finns inte: kör `npx vite build` först (`npm test` gör det).");
  const built = statSync(index).mtimeMs;
  const newest = (d: string): number =>
    Math.max(
      ...readdirSync(d, { withFileTypes: true }).map((e) =>
        e.isDirectory() ? newest(join(d, e.name)) : statSync(join(d, e.name)).mtimeMs,
      ),
    );
  if (newest(resolve(ROOT, "web")) > built)
    throw new Error("web/ är ändrad efter senaste bygget: kör `npx vite build` först.");
}

const recipients = (to: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(to) ? to : to ? [to] : []).flatMap((a) => a.value.map((v) => v.address?.toLowerCase()));

/**
 * Starts Chromium, the SMTP server and the app server on a fresh database in a temp folder
 * named after `dirPrefix`. Whatever did start is closed again when a later step fails.
 * `rateLimits`: the server's RATE_LIMITS (default off).
 */
export async function startE2e(dirPrefix: string, opts: { rateLimits?: string } = {}): Promise<E2e> {
  assertFreshBuild();
  // No silent skip: without the browser the test fails and says why.
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium saknas (${CHROMIUM}): installera Debian-paketet chromium.`);
  const launching = chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking"],
  });
  launching.catch(() => {}); // awaited below; a failure before that must not go unhandled

  let smtp: TestSmtp | undefined;
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let dir: string | undefined;
  const close = async () => {
    await browser?.close();
    await server?.close();
    await smtp?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  };

  try {
    smtp = await startSmtp();
    dir = mkdtempSync(join(tmpdir(), dirPrefix));
    const port = await freePort();
    const baseUrl = `http://localhost:${port}`;
    server = await startServer(
      loadEnv({
        PORT: String(port),
        HOST: "127.0.0.1",
        DATABASE_URL: `file:${join(dir, "e2e.db")}`,
        SEED_DEMO: "false",
        SMTP_URL: smtp.url,
        PUBLIC_URL: baseUrl,
        OUTBOX_INTERVAL_MS: "200",
        // Off unless a test asks: every flow signs in and opens links from one address (tests/api/rate-limit.test.ts has the limits).
        RATE_LIMITS: opts.rateLimits ?? "off",
      }),
      { quiet: true },
    );
    browser = await launching;

    const mails = smtp;
    const mailsTo = (address: string) =>
      mails.messages.filter((m) => recipients(m.parsed.to).includes(address.toLowerCase()));
    const mailTo = async (address: string, subject: string, timeoutMs = 15_000): Promise<Mail> => {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const found = mailsTo(address).find((m) => (m.parsed.subject ?? "").startsWith(subject));
        if (found) return found;
        if (Date.now() > until) {
          const got = mails.messages.map((m) => `${recipients(m.parsed.to).join(",")}: ${m.parsed.subject}`);
          throw new Error(`inget mejl "${subject}…" till ${address}; fick: ${JSON.stringify(got)}`);
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    const signInByMail = async (p: Page, email: string): Promise<string> => {
      await p.goto(`${baseUrl}/logga-in`);
      await p.getByRole("heading", { level: 1, name: "Logga in" }).waitFor();
      await p.getByLabel("E-postadress").fill(email);
      await p.getByRole("button", { name: "Skicka inloggningslänk" }).click();
      await p.getByRole("heading", { name: "Kolla din e-post" }).waitFor();
      const mail = await mailTo(email, "Din inloggningslänk");
      const link = new RegExp(`${baseUrl}/logga-in/lank\\?token=[\\w%.-]+`).exec(mail.parsed.text ?? "")?.[0];
      expect(link, "länken i mejlet").toBeTruthy();
      return link!;
    };

    return { server, smtp, browser, baseUrl, mailsTo, mailTo, signInByMail, followSignInLink, close };
  } catch (error) {
    if (!browser) browser = await launching.catch(() => undefined);
    await close();
    throw error;
  }
}

export async function followSignInLink(p: Page, link: string): Promise<void> {
  await p.goto(link);
  await p.getByRole("heading", { level: 1, name: /^Logga in som .+\?$/ }).waitFor();
  await p.getByRole("button", { name: "Logga in", exact: true }).click();
  await p.waitForURL((url) => url.pathname !== "/logga-in/lank");
}

/** A fresh browser context with a 360 px phone viewport, and a page in it. */
export async function newPhonePage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: PHONE });
  return context.newPage();
}

export async function expectNoAxeViolations(p: Page, what: string) {
  // Evaluated through DevTools, not put in as an inline <script>: the pages' CSP refuses those.
  if (!(await p.evaluate(() => "axe" in window))) await p.evaluate(axe.source);
  const violations = await p.evaluate(async () => {
    const result = await (window as unknown as { axe: typeof axe }).axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    });
    return result.violations.map(
      (v) => `${v.id} (${v.impact}): ${v.help} – ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
    );
  });
  expect(violations, `axe-core på ${what}`).toEqual([]);
}

export async function expectNoHorizontalScroll(p: Page, what: string) {
  const { scrollWidth, clientWidth } = await p.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth, `sidled på ${what} vid ${PHONE.width} px`).toBeLessThanOrEqual(clientWidth);
}

/** The parsed calendar part of a mail (it must have one). */
export function calendarOf(m: Mail) {
  const part = m.parsed.attachments.find((a) => a.contentType === "text/calendar");
  expect(part, `kalenderdel i "${m.parsed.subject}"`).toBeDefined();
  return parseIcs(part!.content.toString("utf8"));
}
