// Issue 13 in a real browser: the accessibility statement's parts, the registration draft kept
// across the privacy link and Back. (The catalogue's Back test is not written yet.)
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedOrganiser } from "../../db/seed.ts";
import { createTestOccasion } from "../helpers/fixtures.ts";
import { expectNoAxeViolations, newPhonePage, startE2e, type E2e } from "./harness.ts";

let e2e: E2e;
let page: Page;
let occasionId: number;
beforeAll(async () => {
  e2e = await startE2e("kurser-e2e-i13-");
  const db = e2e.server.handle.db;
  const now = new Date();
  const org = await seedOrganiser(db, now);
  occasionId = await createTestOccasion(db, org.id, now, { capacity: 5, inDays: 20, label: "Halmstad" });
  page = await newPhonePage(e2e.browser);
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
});
