// Issue 13 in a real browser: the accessibility statement's parts; the registration draft kept
// across the privacy link and Back, and gone once the registration is made; the catalogue
// coming back on Back with its filter and where she had scrolled to. Screenshots of the
// draft form and the confirmation on a phone and a desktop go to /tmp/shots-public.
import { mkdirSync } from "node:fs";
import { eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { courses, occasions } from "../../db/schema.ts";
import { seedOrganiser } from "../../db/seed.ts";
import { createTestOccasion } from "../helpers/fixtures.ts";
import { expectNoAxeViolations, expectNoHorizontalScroll, newPhonePage, startE2e, type E2e } from "./harness.ts";

const SHOTS = "/tmp/shots-public";
const VIEWPORTS = [
  { width: 390, height: 844 },
  { width: 1366, height: 900 },
];
const THEME = "Temadag om psykisk hälsa på jobbet";

let e2e: E2e;
let page: Page;
let occasionId: number;
beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  e2e = await startE2e("kurser-e2e-i13-");
  const db = e2e.server.handle.db;
  const now = new Date();
  const org = await seedOrganiser(db, now);
  occasionId = await createTestOccasion(db, org.id, now, { capacity: 5, inDays: 20, label: "Halmstad" });
  // Enough occasions of one type that the catalogue scrolls on a phone, and one of another.
  for (let i = 0; i < 9; i++) await createTestOccasion(db, org.id, now, { inDays: 22 + i * 9, label: `Ort ${i + 1}` });
  const [theme] = await db
    .insert(courses)
    .values({
      organiserId: org.id,
      title: THEME,
      courseType: "temadag",
      responsiblePartyCode: "region-halland",
      createdAt: now,
    })
    .returning();
  const themeOccasionId = await createTestOccasion(db, org.id, now, { inDays: 25 });
  await db.update(occasions).set({ courseId: theme!.id }).where(eq(occasions.id, themeOccasionId));
  page = await newPhonePage(e2e.browser);
  page.setDefaultTimeout(15_000);
}, 60_000);
afterAll(() => e2e?.close());

describe("public pages (issue 13)", () => {
  it("the accessibility statement has DIGG's parts and is axe-clean", async () => {
    await page.goto(`${e2e.baseUrl}/tillganglighet`);
    await page.getByRole("heading", { level: 1, name: "Tillgänglighetsredogörelse" }).waitFor();
    const text = (await page.locator("main").textContent()) ?? "";
    expect(text).toContain("lagen (2018:1937) om tillgänglighet till digital offentlig service");
    expect(text).toContain("delvis förenlig");
    expect(text).not.toMatch(/känner inte till några brister/);
    for (const part of ["XLSX", "kamera", "webbläsaren", "axe-core", "tangentbord", "självskattning"])
      expect(text).toContain(part);
    await page.locator("main a[href^='mailto:']").first().waitFor();
    expect(await page.locator("a[href='https://www.digg.se/anmal-bristande-tillganglighet']").count()).toBe(1);
    expect(await page.locator("time[datetime='2026-12-02']").count()).toBe(1);
    await expectNoAxeViolations(page, "tillgänglighetsredogörelsen");
  });

  it("keeps the form's draft across the privacy link and Back, and clears nothing on the way", async () => {
    await page.goto(`${e2e.baseUrl}/tillfallen/${occasionId}`);
    await page.getByLabel("Namn", { exact: true }).fill("Lova Utkast");
    await page.getByRole("textbox", { name: "E-postadress till jobbet" }).fill("lova.utkast@example.se");
    await page.getByRole("link", { name: "Läs mer om hur vi behandlar personuppgifter" }).click();
    await page.waitForURL(/\/personuppgifter$/);
    await page.goBack();
    await page.getByLabel("Namn", { exact: true }).waitFor();
    await expect.poll(() => page.getByLabel("Namn", { exact: true }).inputValue()).toBe("Lova Utkast");
    expect(await page.getByRole("textbox", { name: "E-postadress till jobbet" }).inputValue()).toBe(
      "lova.utkast@example.se",
    );
  });

  it("shows the kept draft on a phone and a desktop", async () => {
    for (const viewport of VIEWPORTS) {
      await page.setViewportSize(viewport);
      await page.waitForTimeout(100);
      await expectNoHorizontalScroll(page, `formuläret med utkast (${viewport.width} px)`);
      await page.screenshot({ path: `${SHOTS}/draft-${viewport.width}x${viewport.height}.png`, fullPage: true });
    }
    await page.setViewportSize(VIEWPORTS[0]!);
  });

  it("clears the draft once the registration is made: the confirmation, then an empty form", async () => {
    await page.getByLabel("Arbetsgivare").selectOption({ label: "Halmstads kommun" });
    await page.getByLabel("Arbetsplatsens namn").fill("Arbetsmarknadsenheten");
    await page.getByLabel("Roll eller yrke").fill("Arbetskonsulent");
    await page.getByLabel("Jag har läst hur mina personuppgifter behandlas.").check();
    await page.getByRole("button", { name: "Skicka anmälan" }).click();
    await page.waitForURL(`${e2e.baseUrl}/tillfallen/${occasionId}/klar`);
    await page.getByRole("heading", { level: 1, name: "Du har fått en plats" }).waitFor();
    await expectNoAxeViolations(page, "bekräftelsen");
    for (const viewport of VIEWPORTS) {
      await page.setViewportSize(viewport);
      await page.waitForTimeout(100);
      await expectNoHorizontalScroll(page, `bekräftelsen (${viewport.width} px)`);
      await page.screenshot({
        path: `${SHOTS}/confirmation-${viewport.width}x${viewport.height}.png`,
        fullPage: true,
      });
    }
    await page.setViewportSize(VIEWPORTS[0]!);
    expect(
      await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith("anmalan-utkast"))),
    ).toEqual([]);

    await page.goto(`${e2e.baseUrl}/tillfallen/${occasionId}`);
    const name = page.getByLabel("Namn", { exact: true });
    await name.waitFor();
    expect(await name.inputValue()).toBe("");
    expect(await page.getByRole("textbox", { name: "E-postadress till jobbet" }).inputValue()).toBe("");
  });

  it("brings the catalogue back on Back with its filter and where she had scrolled to", async () => {
    await page.goto(`${e2e.baseUrl}/`);
    await page.getByLabel("Visa kurstyp").selectOption("handledarutbildning");
    await page.waitForURL(/\?kurstyp=handledarutbildning$/);
    await expect.poll(() => page.locator(".result-count").textContent()).toMatch(/^Visar 10 tillfällen av typen /);
    expect(await page.getByRole("link", { name: THEME }).count()).toBe(0);

    // Far down the list, to the last occasion.
    const last = page.locator(".card-title a").last();
    await last.scrollIntoViewIfNeeded();
    const y = await page.evaluate(() => window.scrollY);
    expect(y, "the list should be long enough to scroll on a phone").toBeGreaterThan(800);
    await last.click();
    await page.waitForURL(/\/tillfallen\/\d+$/);
    await page.getByLabel("Namn", { exact: true }).waitFor();

    await page.goBack();
    await page.waitForURL(/\?kurstyp=handledarutbildning$/);
    await expect.poll(() => page.locator(".result-count").textContent()).toMatch(/^Visar 10 tillfällen av typen /);
    expect(await page.getByLabel("Visa kurstyp").inputValue()).toBe("handledarutbildning");
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(y - 40);
    expect(await page.evaluate(() => window.scrollY)).toBeLessThan(y + 40);

    // A fresh visit to the catalogue starts at the top: the position was used up.
    await page.goto(`${e2e.baseUrl}/?kurstyp=handledarutbildning`);
    await page.locator(".result-count", { hasText: "Visar" }).waitFor();
    await page.waitForTimeout(200);
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    expect(await page.getByRole("link", { name: THEME }).count()).toBe(0);
    await page.getByLabel("Visa kurstyp").selectOption("");
    await page.getByRole("link", { name: THEME }).waitFor();
  });
});
