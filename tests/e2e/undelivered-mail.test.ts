// Mail that did not get through, in a real browser against the real Node server and a real
// SMTP server on loopback that refuses some addresses (decision 016): the person's page says
// her confirmation could not be sent (not that it was), the office's start page warns, the
// list at /kansliet/mejl shows each mail with the server's reason, and "Skicka igen" delivers
// it once the address works. axe-core on the list; at 1366×900 and on a phone, screenshots
// in /tmp/shots-mail/.
//
// Needs the built web app (dist/web): `npm test` builds it first.
import { mkdirSync } from "node:fs";
import { eq, sql } from "drizzle-orm";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { courses, outbox } from "../../db/schema.ts";
import { seedOrganiser } from "../../db/seed.ts";
import { formatIsoDate } from "../../server/domain/format-time.ts";
import { createOccasion } from "../../server/domain/planning.ts";
import { createUser, issueSignInToken, signInUrl, type StaffUser } from "../../server/domain/staff.ts";
import { expectNoAxeViolations, expectNoHorizontalScroll, newPhonePage, startE2e, type E2e } from "./harness.ts";

const SHOTS = "/tmp/shots-mail";
const stamp = Date.now();
const karin = { name: "Karin Kansli", email: `karin.kansli.${stamp}@halland.example.se` };
const who = (name: string) => ({
  name,
  email: `${name.toLowerCase().replace(/[^a-z]+/g, ".")}.${stamp}@varberg.example.se`,
});
const oskar = who("Oskar Noren");
const lena = who("Lena Persson");
const ali = who("Ali Haddad");

let e2e: E2e;
let base: string;
let page: Page;
let tokens: Record<string, string>;

async function register(occasionId: number, p: { name: string; email: string }): Promise<string> {
  const res = await fetch(`${base}/api/occasions/${occasionId}/registrations`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      ...p,
      party: "varberg",
      workplace: { name: "Arbetsmarknadsenheten", municipality: "Varberg" },
      acceptPrivacy: true,
    }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { registration: { manageToken: string } }).registration.manageToken;
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  e2e = await startE2e("kurser-undelivered-");
  base = e2e.baseUrl;
  const db = e2e.server.handle.db;
  const now = new Date();
  const org = await seedOrganiser(db, now);
  const user = await createUser(db, now, { organiserId: org.id, ...karin, role: "office" });
  const staff: StaffUser = {
    id: user.id,
    organiserId: org.id,
    organiserSlug: org.slug,
    name: karin.name,
    email: karin.email,
    role: "office",
  };
  const [course] = await db
    .insert(courses)
    .values({
      organiserId: org.id,
      title: "Handledarutbildning för öppna arbetsplatser",
      courseType: "handledarutbildning",
      createdAt: now,
    })
    .returning();
  const date = formatIsoDate(new Date(Date.now() + 21 * 86_400_000));
  const occasionId = await createOccasion(db, now, staff, {
    courseId: course!.id,
    label: "Varberg",
    days: [{ start: `${date}T09:00`, end: `${date}T16:00` }],
    online: false,
    venue: "Folkets Hus Varberg",
    capacity: 10,
    status: "published",
  });

  // Two mailboxes the receiving server does not know, one that works.
  e2e.smtp.refuse.set(oskar.email, { code: 550, message: "5.1.1 <oskar> Recipient address rejected: User unknown" });
  e2e.smtp.refuse.set(lena.email, { code: 550, message: "5.1.1 Mailbox does not exist" });
  tokens = {
    oskar: await register(occasionId, oskar),
    lena: await register(occasionId, lena),
    ali: await register(occasionId, ali),
  };
  await e2e.mailTo(ali.email, "Bekräftelse");
  for (
    const until = Date.now() + 15_000;
    (await db.select().from(outbox).where(eq(outbox.status, "failed"))).length < 2;
  ) {
    if (Date.now() > until) throw new Error("de två mejlen gavs inte upp");
    await new Promise((r) => setTimeout(r, 50));
  }
  // Lena's as a mail still being retried after repeated failures (a server that answers 451).
  await db.run(sql`UPDATE outbox SET status = 'pending', attempts = 4, next_attempt_at = ${Date.now() + 30 * 60_000},
    last_error = 'E-postservern tog inte emot mottagarens adress: 451 4.2.1 Mailbox temporarily unavailable' WHERE to_address = ${lena.email}`);

  const context = await e2e.browser.newContext({ viewport: { width: 1366, height: 900 } });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await e2e.followSignInLink(page, signInUrl(base, await issueSignInToken(db, now, user.id)));
  await page.waitForURL(`${base}/kansliet`);
}, 60_000);

afterAll(async () => {
  await e2e?.close();
});

describe("undelivered mail", () => {
  it("the person's page says her confirmation could not be sent, and a working address's says it was sent", async () => {
    await page.goto(`${base}/anmalan/${tokens.oskar}`);
    const failed = page.locator("[data-mail=failed]");
    await failed.waitFor();
    expect(await failed.textContent()).toContain(
      `Mejlet med bekräftelsen och kalenderinbjudan kunde inte skickas till ${oskar.email}. Kontrollera adressen eller kontakta kansliet.`,
    );
    expect(await page.locator("main").textContent()).not.toContain("har skickats");
    await page.screenshot({ path: `${SHOTS}/personal-failed-1366.png`, fullPage: true });
    await page.goto(`${base}/anmalan/${tokens.ali}`);
    await page.locator("[data-mail=sent]").waitFor();
    expect(await page.locator("[data-mail=sent]").textContent()).toBe(
      `Vi har skickat ett mejl med bekräftelsen och kalenderinbjudan till ${ali.email}.`,
    );
  });

  it("the start page warns; the list shows each mail with the server's reason; 'Skicka igen' delivers it once the address works", async () => {
    await page.goto(`${base}/kansliet`);
    const warning = page.getByText("2 mejl har inte kommit fram.");
    await warning.waitFor();
    await page.getByRole("link", { name: "Se vilka och skicka igen" }).click();
    await page.getByRole("heading", { level: 1, name: "Mejl som inte har kommit fram" }).waitFor();
    expect(
      await page
        .getByRole("navigation", { name: "Kansliet" })
        .getByRole("link", { name: "Mejl" })
        .getAttribute("aria-current"),
    ).toBe("page");
    const table = page.getByRole("region", { name: "Mejl som inte har kommit fram, senaste först" });
    await table.waitFor();
    const rows = table.locator("tbody tr");
    expect(await rows.count()).toBe(2);
    const oskarRow = rows.filter({ hasText: oskar.email });
    expect(await oskarRow.textContent()).toContain("550 5.1.1 <oskar> Recipient address rejected: User unknown");
    expect(await oskarRow.textContent()).toContain("Har getts upp");
    expect(await oskarRow.textContent()).toContain("Handledarutbildning för öppna arbetsplatser (Varberg)");
    const lenaRow = rows.filter({ hasText: lena.email });
    expect(await lenaRow.textContent()).toContain("Försöker igen");
    expect(await lenaRow.textContent()).toContain("4 försök");
    await expectNoAxeViolations(page, "listan över mejl som inte kommit fram");
    await page.screenshot({ path: `${SHOTS}/undelivered-1366.png`, fullPage: true });

    // Oskar's address is put right; the office sends his mail again.
    e2e.smtp.refuse.delete(oskar.email);
    await oskarRow.getByRole("button", { name: `Skicka igen till ${oskar.email}` }).click();
    await page.getByText(`Mejlet till ${oskar.email} ligger i kön igen`).waitFor();
    const mail = await e2e.mailTo(oskar.email, "Bekräftelse");
    expect(mail.parsed.text).toContain(`${base}/anmalan/${tokens.oskar}`);
    await expect.poll(() => rows.count()).toBe(1);
    await page.screenshot({ path: `${SHOTS}/undelivered-after-resend-1366.png`, fullPage: true });

    await page.goto(`${base}/anmalan/${tokens.oskar}`);
    await page.locator("[data-mail=sent]").waitFor();
    await page.goto(`${base}/kansliet/logg`);
    await page.getByText("Skickade ett mejl igen").waitFor();
  });

  it("fits a phone: the table scrolls in its own box, the page never sideways", async () => {
    const phone = await newPhonePage(e2e.browser);
    await phone.context().addCookies(await page.context().cookies());
    await phone.goto(`${base}/kansliet/mejl`);
    await phone.getByRole("heading", { level: 1, name: "Mejl som inte har kommit fram" }).waitFor();
    await phone.locator("tbody tr").first().waitFor();
    await expectNoHorizontalScroll(phone, "mejllistan på telefon");
    await phone.screenshot({ path: `${SHOTS}/undelivered-phone.png`, fullPage: true });
  });
});
