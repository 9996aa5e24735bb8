// Issue 13, the course leader's pages in a real browser (Debian's Chromium via playwright-core)
// against the real Node server: signing in from a deep link comes back to that page (office
// and leader); the list of occasions says where and how many; the mark buttons say which is
// on (aria-pressed); the printed signing list is A4 landscape with rows a pen fits in, no
// word broken and an e-mail column; the projector's QR page shows no staff header.
//
// Needs the built web app (dist/web): `npm test` builds it first.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { courses, occasionDays, occasionLeaders, occasions, registrations, workplaces } from "../../db/schema.ts";
import { seedOrganiser } from "../../db/seed.ts";
import { newToken } from "../../server/domain/registration.ts";
import { createUser } from "../../server/domain/staff.ts";
import { expectNoAxeViolations, expectNoHorizontalScroll, startE2e, type E2e } from "./harness.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WIDE = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };
const COURSE = "Temadag: Samverkan kring sjukskrivning";
const ONLINE_COURSE = "Fördjupning: Arbetslivsinriktad rehabilitering";

const stamp = Date.now();
const leader = { name: "Lovisa Kursledare", email: `lovisa.kursledare.${stamp}@halland.example.se` };
const office = { name: "Otto Kansli", email: `otto.kansli.${stamp}@halland.example.se` };
const PEOPLE = ["Karin Lind", "Per Lindberg", "Anna Lindqvist", "Bo Ek", "Greta Holm", "Hassan Nord"];

let e2e: E2e;
let browser: Browser;
let base: string;
let todayId: number;
let dayId: number;
let onlineId: number;

beforeAll(async () => {
  e2e = await startE2e("kurser-leader-pages-e2e-");
  ({ browser, baseUrl: base } = e2e);
  const db = e2e.server.handle.db;
  const now = new Date();
  const org = await seedOrganiser(db, now);
  const user = await createUser(db, now, { organiserId: org.id, ...leader, role: "leader" });
  await createUser(db, now, { organiserId: org.id, ...office, role: "office" });
  const [course, onlineCourse] = await db
    .insert(courses)
    .values([
      { organiserId: org.id, title: COURSE, courseType: "temadag", responsiblePartyCode: "fk", createdAt: now },
      {
        organiserId: org.id,
        title: ONLINE_COURSE,
        courseType: "fordjupning",
        responsiblePartyCode: "af",
        createdAt: now,
      },
    ])
    .returning();
  // Long names, as on the paper the issue was about ("Försäkringskas san").
  const [wp] = await db
    .insert(workplaces)
    .values({
      organiserId: org.id,
      name: "Försäkringskassan Lokalt försäkringscenter Halmstad",
      municipality: "Halmstad",
      matchKey: `forsakringskassan|halmstad|${stamp}`,
      createdAt: now,
    })
    .returning();

  async function occasion(courseId: number, start: number, opts: { online: boolean; capacity: number }) {
    const [occ] = await db
      .insert(occasions)
      .values({
        organiserId: org.id,
        courseId,
        online: opts.online,
        venue: opts.online ? null : "Halmstad Arena",
        address: opts.online ? null : "Stenalyckevägen 2, Halmstad",
        meetingUrl: opts.online ? "https://teams.example.se/meet/i13" : null,
        capacity: opts.capacity,
        status: "published",
        startsAt: new Date(start),
        endsAt: new Date(start + 6 * HOUR),
        createdAt: new Date(now.getTime() - 30 * DAY),
      })
      .returning();
    const [day] = await db
      .insert(occasionDays)
      .values({
        occasionId: occ!.id,
        uid: `${newToken()}@kurser.test`,
        startsAt: new Date(start),
        endsAt: new Date(start + 6 * HOUR),
      })
      .returning();
    await db.insert(occasionLeaders).values({ occasionId: occ!.id, userId: user.id });
    return { id: occ!.id, day: day!.id };
  }
  const today = await occasion(course!.id, now.getTime() - HOUR, { online: false, capacity: 50 });
  todayId = today.id;
  dayId = today.day;
  onlineId = (await occasion(onlineCourse!.id, now.getTime() + 7 * DAY, { online: true, capacity: 2 })).id;

  const person = (occasionId: number, name: string, status: "confirmed" | "waitlisted", i: number) => {
    const email = `${name.toLowerCase().replace(/[^a-z]+/g, ".")}.${stamp}.${occasionId}@varberg.example.se`;
    return {
      organiserId: org.id,
      occasionId,
      manageToken: newToken(),
      name,
      email,
      emailKey: email,
      partyCode: ["fk", "region-halland", "af", "varberg"][i % 4]!,
      workplaceId: wp!.id,
      status,
      source: "web",
      createdAt: new Date(now.getTime() - DAY + i * 1000),
      confirmedAt: status === "confirmed" ? now : null,
    };
  };
  await db
    .insert(registrations)
    .values([
      ...PEOPLE.map((n, i) => person(todayId, n, "confirmed", i)),
      person(onlineId, "Ida Berg", "confirmed", 0),
      person(onlineId, "Jonas Dahl", "confirmed", 1),
      person(onlineId, "Klara Sund", "waitlisted", 2),
    ]);
}, 60_000);

afterAll(async () => {
  await e2e?.close();
});

/** Signs in on the page the deep link was sent to (/logga-in?till=…) and follows the mailed link. */
async function signInFrom(page: Page, email: string, asked: string) {
  await page.goto(`${base}${asked}`);
  await page.waitForURL(`${base}/logga-in?till=${encodeURIComponent(asked)}`);
  await page.getByLabel("E-postadress").fill(email);
  await page.getByRole("button", { name: "Skicka inloggningslänk" }).click();
  await page.getByRole("heading", { name: "Kolla din e-post" }).waitFor();
  const mail = await e2e.mailTo(email, "Din inloggningslänk");
  const link = new RegExp(`${base}/logga-in/lank\\?\\S+`).exec(mail.parsed.text ?? "")?.[0];
  expect(new URL(link!).searchParams.get("till")).toBe(asked);
  await e2e.followSignInLink(page, link!);
}

describe("issue 13: the course leader's pages", () => {
  it("signs the office in from a deep link and lands on the page asked for", async () => {
    const context = await browser.newContext({ viewport: WIDE });
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      await signInFrom(page, office.email, `/kansliet/tillfallen/${todayId}`);
      await page.waitForURL(`${base}/kansliet/tillfallen/${todayId}`);
      await page.locator("h1").waitFor();
    } finally {
      await context.close();
    }
  });

  let page: Page;
  it("signs the leader in from a deep link, to that occasion", async () => {
    const context = await browser.newContext({ viewport: WIDE });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await signInFrom(page, leader.email, `/kursledare/tillfallen/${todayId}`);
    await page.waitForURL(`${base}/kursledare/tillfallen/${todayId}`);
    await page.getByRole("heading", { level: 1, name: COURSE }).waitFor();
  });

  it("lists her occasions with the place (or Digitalt) and how many are registered and waiting", async () => {
    for (const viewport of [WIDE, PHONE]) {
      await page.setViewportSize(viewport);
      await page.goto(`${base}/kursledare`);
      const today = page.locator("li.card").filter({ hasText: COURSE });
      await today.waitFor();
      expect(await today.locator(".card-place").textContent()).toBe("Halmstad Arena, Stenalyckevägen 2, Halmstad");
      expect(await today.locator(".card-count").textContent()).toBe("6 anmälda");
      const online = page.locator("li.card").filter({ hasText: ONLINE_COURSE });
      expect(await online.locator(".card-place").textContent()).toBe("Digitalt");
      expect(await online.locator(".card-count").textContent()).toBe("2 anmälda · 1 på väntelistan");
      await expectNoAxeViolations(page, `Mina tillfällen vid ${viewport.width} px`);
    }
    await expectNoHorizontalScroll(page, "Mina tillfällen");
  });

  it("tells which mark is on: aria-pressed flips when marking", async () => {
    await page.setViewportSize(PHONE);
    await page.goto(`${base}/kursledare/tillfallen/${todayId}`);
    const present = page.getByRole("button", { name: "Karin Lind: närvarande" });
    await present.waitFor();
    expect(await present.getAttribute("aria-pressed")).toBe("false");
    await present.click();
    await expect.poll(() => present.getAttribute("aria-pressed")).toBe("true");
    // The same through the accessibility tree, as a screen reader gets it.
    expect(await page.getByRole("button", { name: "Karin Lind: närvarande", pressed: true }).count()).toBe(1);

    await page.getByRole("button", { name: "Karin Lind: fler val" }).click();
    const late = page.getByRole("button", { name: "Karin Lind: sen" });
    expect(await late.getAttribute("aria-pressed")).toBe("false");
    expect(await page.getByRole("button", { name: "Karin Lind: frånvarande" }).getAttribute("aria-pressed")).toBe(
      "false",
    );
    await expectNoAxeViolations(page, "deltagarlistan med fler val öppna");
    await late.click();
    await expect.poll(() => present.getAttribute("aria-pressed")).toBe("false");
    await page.getByRole("button", { name: "Karin Lind: fler val" }).click();
    expect(await page.getByRole("button", { name: "Karin Lind: sen" }).getAttribute("aria-pressed")).toBe("true");
    await expect.poll(() => page.locator(".tag--unsaved").count()).toBe(0);
    await expectNoAxeViolations(page, "deltagarlistan efter markering");
  });

  it("prints the signing list on A4 landscape: rows a pen fits in, no word broken, an e-mail column", async () => {
    // The printable width of A4 landscape with the list's margins (297 − 24 mm) at 96 dpi.
    await page.setViewportSize({ width: 1032, height: 720 });
    await page.emulateMedia({ media: "print" });
    try {
      const table = page.locator(".signing-table");
      expect(await table.isVisible()).toBe(true);
      const heads = await table.locator("thead th").allTextContents();
      expect(heads).toContain("E-post (om du inte står med)");
      const emailColumn = heads.indexOf("E-post (om du inte står med)");
      // Blank rows have a cell for name, workplace, employer and e-mail.
      const blank = table.locator("tr.signing-blank");
      expect(await blank.count()).toBe(5);
      expect(await blank.first().locator("td").count()).toBe(heads.length);
      expect(await blank.first().locator("td").nth(emailColumn).getAttribute("class")).toContain("signing-email");

      const measured = await page.evaluate(() => {
        const rows = [...document.querySelectorAll<HTMLTableRowElement>(".signing-table tbody tr")];
        const heights = rows.map((r) => r.getBoundingClientRect().height);
        const overflowing: string[] = [];
        const split: string[] = [];
        for (const cell of document.querySelectorAll<HTMLElement>(".signing-table th, .signing-table td")) {
          if (cell.scrollWidth > cell.clientWidth) overflowing.push(cell.textContent ?? "");
          // Every word of the cell's text in one line box: a word broken across lines has two rects.
          const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const text = node.textContent ?? "";
            for (const m of text.matchAll(/\S+/g)) {
              const range = document.createRange();
              range.setStart(node, m.index);
              range.setEnd(node, m.index + m[0].length);
              const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
              if (lines.size > 1) split.push(m[0]);
            }
          }
        }
        const style = getComputedStyle(document.querySelector(".signing-table td")!);
        return {
          heights,
          overflowing,
          split,
          wrap: [style.overflowWrap, style.wordBreak, style.hyphens],
        };
      });
      expect(measured.heights.length).toBe(PEOPLE.length + 5);
      // 9 mm at 96 dpi is 34 px.
      for (const h of measured.heights) expect(h).toBeGreaterThanOrEqual(34);
      expect(measured.overflowing).toEqual([]);
      expect(measured.split).toEqual([]);
      expect(measured.wrap).toEqual(["normal", "normal", "manual"]);
      expect(await table.locator("tbody tr").filter({ hasText: "Karin Lind" }).textContent()).toContain(
        "Försäkringskassan Lokalt försäkringscenter Halmstad",
      );
      // The paper goes round the room: no addresses of the registered.
      expect(await page.locator(".signing-list").textContent()).not.toContain("@");

      // The printed file's pages: A4 landscape (841.92 × 595.28 pt, as Chromium writes it).
      const pdf = (await page.pdf({ preferCSSPageSize: true })).toString("latin1");
      const boxes = [...pdf.matchAll(/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)].map((m) => [Number(m[1]), Number(m[2])]);
      expect(boxes.length).toBeGreaterThan(0);
      for (const [w, h] of boxes) {
        expect(Math.round(w!)).toBe(842);
        expect(Math.round(h!)).toBe(595);
      }
    } finally {
      await page.emulateMedia({ media: "screen" });
    }
  });

  it("shows the projector's QR page without staff header: QR code, course, day, address and code", async () => {
    for (const viewport of [WIDE, PHONE]) {
      await page.setViewportSize(viewport);
      await page.goto(`${base}/kursledare/tillfallen/${todayId}/dagar/${dayId}/qr`);
      await page.getByRole("img", { name: "QR-kod som leder till incheckningen" }).locator("svg").waitFor();
      // innerText on purpose: only what is rendered (the hidden header's text is left out).
      // biome-ignore lint/performance/useDomNodeTextContent: textContent would include hidden text
      const visible = await page.evaluate(() => document.body.innerText);
      expect(visible).not.toContain("Logga ut");
      expect(visible).not.toContain(leader.name);
      expect(await page.locator(".site-header").isVisible()).toBe(false);
      expect(await page.locator(".qr-occasion").textContent()).toContain(COURSE);
      const code = page.locator(".qr-code");
      expect(await code.isVisible()).toBe(true);
      expect((await code.textContent())!.trim()).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
      const address = page.locator(".qr-url");
      expect(await address.isVisible()).toBe(true);
      expect(await address.textContent()).toBe(`localhost:${new URL(base).port}/incheckning/${dayId}`);
      // Large enough to read from the back of the room.
      const size = await code.evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
      expect(size).toBeGreaterThanOrEqual(36);
      expect(await page.getByRole("link", { name: "Tillbaka till deltagarlistan" }).isVisible()).toBe(true);
      await expectNoAxeViolations(page, `QR-sidan vid ${viewport.width} px`);
    }
    await expectNoHorizontalScroll(page, "QR-sidan");
    // Esc goes back to the list.
    await page.keyboard.press("Escape");
    await page.waitForURL(`${base}/kursledare/tillfallen/${todayId}?dag=${dayId}`);
  });
});
