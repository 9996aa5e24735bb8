// The office's follow-up settings in a real browser (Debian's Chromium via playwright-core)
// against the real Node server on a fresh libSQL file: the year's goals (a refused target,
// then a goal in the table and in the dashboard JSON; edit and delete; last year's goals
// copied to a new year, and the 409 when that year got goals meanwhile), the workplace
// register (two suggested spellings merged in the dialog: the workplaces figure drops by one,
// and comes back on undo; a stale merge refused with the server's 409), merging two addresses
// of one person and undoing it, adding and renaming a course type, and the export page (the
// Finsam preview equals the JSON; every link downloads a file). Office desktop width 1366 px,
// and each page at 390 px too: axe-core finds nothing and nothing scrolls sideways.
//
// The data is made through the API with an office API token, as a script would; the office
// user signs in with the mailed link. Needs the built web app (dist/web): `npm test` builds it.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedOrganiser } from "../../db/seed.ts";
import { formatIsoDate } from "../../server/domain/format-time.ts";
import { createApiToken, createUser } from "../../server/domain/staff.ts";
import { expectNoAxeViolations, expectNoHorizontalScroll, startE2e, type E2e } from "./harness.ts";

const DESKTOP = { width: 1366, height: 900 };
const PHONE_390 = { width: 390, height: 844 };
const DAY = 86_400_000;
const stamp = Date.now();
const karin = { name: "Karin Kansli", email: `karin.kansli.${stamp}@halland.example.se` };

// Two days ahead: registrations by hand are still open, and marks can be set already. The
// year is that day's, so the test holds on New Year's Eve too.
const dateIn = (days: number) => formatIsoDate(new Date(Date.now() + days * DAY));
const DATE_1 = dateIn(2);
const DATE_2 = dateIn(3);
const YEAR = Number(DATE_1.slice(0, 4));

const HU = "Handledarutbildning för öppna arbetsplatser";
const TD = "Temadag: Psykisk ohälsa och arbete";

interface Who {
  name: string;
  email: string;
  party: string;
  workplace: { name: string; municipality: string };
  gender: "kvinna" | "man" | null;
}
const sara: Who = {
  name: "Sara Lund",
  email: `sara.lund.${stamp}@cafe.example.se`,
  party: "annan",
  workplace: { name: "Café Solrosen", municipality: "Halmstad" },
  gender: "kvinna",
};
const per: Who = {
  name: "Per Holm",
  email: `per.holm.${stamp}@cafe.example.se`,
  party: "annan",
  workplace: { name: "Cafe Solrosen", municipality: "Halmstad" },
  gender: "man",
};
const eva: Who = {
  name: "Eva Ek",
  email: `eva.ek.${stamp}@bygg.example.se`,
  party: "annan",
  workplace: { name: "Kustens Bygg", municipality: "Laholm" },
  gender: "kvinna",
};
const annaWork: Who = {
  name: "Anna Lindqvist",
  email: `anna.lindqvist.${stamp}@halmstad.example.se`,
  party: "halmstad",
  workplace: { name: "Arbetsmarknadsenheten", municipality: "Halmstad" },
  gender: "kvinna",
};
const annaHome: Who = { ...annaWork, email: `anna.lindqvist.${stamp}@privat.example.se`, gender: null };

let e2e: E2e;
let page: Page;
let base: string;
let token: string;

/** The office's API, as a script calls it (Bearer token: no cookie, no CSRF). */
async function call(method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}
async function ok(method: string, path: string, body: unknown, status: number): Promise<any> {
  const r = await call(method, path, body);
  expect(r.status, `${method} ${path}: ${JSON.stringify(r.json)}`).toBe(status);
  return r.json;
}
const dashboard = async (year = YEAR) => ok("GET", `/api/office/goals?year=${year}`, undefined, 200);
const dashboardFinsam = async () =>
  (await ok("GET", `/api/office/reports/finsam?year=${YEAR}`, undefined, 200)).rows.find((r: any) => r.course === HU);

/** The row whose row header (first th) starts with `header`. */
const rowOf = (scope: ReturnType<Page["locator"]>, header: RegExp) =>
  scope.getByRole("row").filter({ has: page.getByRole("rowheader", { name: header }) });
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

const mainText = async () => (await page.locator("main").textContent()) ?? "";
const focused = () =>
  page.evaluate(() => ({ id: document.activeElement?.id ?? "", text: document.activeElement?.textContent ?? "" }));

/** axe-core and no sideways scroll: at 1366 px (no table scrolls either) and at 390 px. */
async function checkPage(what: string) {
  for (const size of [PHONE_390, DESKTOP]) {
    await page.setViewportSize(size);
    await page.waitForTimeout(150);
    await expectNoHorizontalScroll(page, `${what} (${size.width} px)`);
    if (size === DESKTOP) {
      const squeezed = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>(".table-scroll")]
          .filter((t) => t.scrollWidth > t.clientWidth)
          .map((t) => t.getAttribute("aria-labelledby")),
      );
      expect(squeezed, `tabeller som rullar i sidled på ${what} vid 1366 px`).toEqual([]);
    }
    await expectNoAxeViolations(page, `${what} (${size.width} px)`);
  }
}

async function open(path: string, heading: string | RegExp) {
  await page.goto(`${base}${path}`);
  await page.getByRole("heading", { level: 1, name: heading }).waitFor();
  // The heading comes before the data: on a loaded machine "Hämtar …" can still stand there.
  await expect.poll(async () => /Hämtar/.test(await mainText()), { timeout: 15_000 }).toBe(false);
}

beforeAll(async () => {
  e2e = await startE2e("kurser-settings-");
  base = e2e.baseUrl;
  const db = e2e.server.handle.db;
  const now = new Date();
  const org = await seedOrganiser(db, now);
  const user = await createUser(db, now, { organiserId: org.id, ...karin, role: "office" });
  token = await createApiToken(db, now, user.id, "e2e");

  // Two courses, one occasion each, everyone registered by the office and marked present.
  const course = async (title: string, courseType: string) =>
    (await ok("POST", "/api/office/courses", { title, courseType, responsiblePartyCode: "af" }, 201)).course
      .id as number;
  const occasion = async (courseId: number, date: string) => {
    const json = await ok(
      "POST",
      "/api/office/occasions",
      {
        courseId,
        days: [{ start: `${date}T09:00`, end: `${date}T16:00` }],
        online: false,
        venue: "Folkets Hus Halmstad",
        capacity: 20,
        status: "published",
      },
      201,
    );
    const id: number = json.occasion.id;
    const list = await ok("GET", `/api/leader/occasions/${id}/participants`, undefined, 200);
    return { id, dayId: list.occasion.days[0].id as number };
  };
  const o1 = await occasion(await course(HU, "handledarutbildning"), DATE_1);
  const o2 = await occasion(await course(TD, "temadag"), DATE_2);
  const attend = async (o: { id: number; dayId: number }, who: Who) => {
    const { name, email, party, workplace, gender } = who;
    const reg = await ok(
      "POST",
      `/api/office/occasions/${o.id}/registrations`,
      { name, email, party, workplace, role: "Handledare", gender },
      201,
    );
    await ok(
      "PUT",
      `/api/leader/occasions/${o.id}/days/${o.dayId}/attendance/${reg.registration.id}`,
      { status: "present" },
      200,
    );
  };
  for (const who of [sara, per, eva, annaWork]) await attend(o1, who);
  await attend(o2, annaHome);

  page = await (await e2e.browser.newContext({ viewport: DESKTOP, locale: "sv-SE" })).newPage();
  page.setDefaultTimeout(15_000);
  const link = await e2e.signInByMail(page, karin.email);
  await e2e.followSignInLink(page, link);
  await page.waitForURL(`${base}/kansliet`);
}, 90_000);

afterAll(async () => {
  await e2e?.close();
});

describe("the office's follow-up settings", () => {
  it("the figures start as worked out by hand", async () => {
    const d = await dashboard();
    // Attended: Café Solrosen, Cafe Solrosen, Kustens Bygg, Arbetsmarknadsenheten; five addresses.
    expect(d.totals.workplaces).toBe(4);
    expect(d.totals.attended).toBe(5);
    expect(d.goals).toEqual([]);
  });

  it("adds a goal through the form: a wrong target is refused at the field, a valid one is in the table and the dashboard JSON", async () => {
    await open(`/kansliet/mal?ar=${YEAR}`, `Mål ${YEAR}`);
    expect(await mainText()).toContain(`Det finns inga mål för ${YEAR} än.`);
    const form = page.locator("form.goal-form").first();
    await form.getByLabel("Vad målet heter").fill("Arbetsplatser i handledarutbildningen");
    await form.getByRole("radio", { name: "Arbetsplatser" }).check();
    expect(await form.getByRole("radio", { name: "Deltagit" }).isChecked()).toBe(true);
    await form
      .getByRole("group", { name: /^Kurstyper som räknas/ })
      .getByLabel(HU)
      .check();
    await form.getByLabel("Målvärde").fill("0");
    await form.getByRole("button", { name: "Lägg till målet" }).click();

    const summary = page.locator("#g-errors");
    await summary.waitFor();
    await expect.poll(async () => (await focused()).id).toBe("g-errors");
    expect(await summary.textContent()).toContain("Målvärdet ska vara minst 1.");
    const target = form.getByLabel("Målvärde");
    expect(await target.getAttribute("aria-invalid")).toBe("true");
    expect(await page.locator("#g-target-error").textContent()).toContain("Målvärdet ska vara minst 1.");
    await expect.poll(() => page.title()).toMatch(/^Fel: /);
    await checkPage("målen med fel i formuläret");

    await target.fill("100");
    await form.getByRole("button", { name: "Lägg till målet" }).click();
    await expect
      .poll(async () => (await focused()).text)
      .toContain("Målet ”Arbetsplatser i handledarutbildningen” är tillagt");
    const row = page
      .getByRole("region", { name: /^Målen för \d{4}, / })
      .getByRole("row")
      .filter({ hasText: "Arbetsplatser i handledarutbildningen" });
    await expect.poll(() => row.count()).toBe(1);
    const rowText = (await row.textContent()) ?? "";
    expect(rowText).toContain("Deltagit");
    expect(rowText).toContain(HU);
    expect(rowText).toContain("100");
    expect(rowText).toContain("Nu 4 av 100");
    expect(await row.getByRole("link", { name: /^Se i uppföljningen/ }).getAttribute("href")).toBe(
      `/kansliet?ar=${YEAR}`,
    );
    const d = await dashboard();
    expect(d.goals).toHaveLength(1);
    expect(d.goals[0]).toMatchObject({
      label: "Arbetsplatser i handledarutbildningen",
      kind: "workplaces",
      basis: "attended",
      courseTypes: ["handledarutbildning"],
      target: 100,
      value: 4,
    });
    expect(await row.getByRole("link", { name: /^Se listan/ }).getAttribute("href")).toBe(
      `/kansliet/mal/${d.goals[0].id}`,
    );
    await checkPage("målen");
  });

  it("changes a goal in its dialog, and removes another after asking", async () => {
    await ok(
      "POST",
      "/api/office/goals",
      { year: YEAR, label: "Medarbetare", kind: "staff", basis: "attended", courseTypes: [], target: 200 },
      201,
    );
    await open(`/kansliet/mal?ar=${YEAR}`, `Mål ${YEAR}`);
    const opener = page.getByRole("button", { name: "Ändra Arbetsplatser i handledarutbildningen" });
    await opener.click();
    const dialog = page.getByRole("dialog", { name: /^Ändra målet/ });
    await dialog.waitFor();
    await expect.poll(async () => (await focused()).id).toBe("goal-edit-heading");
    await expectNoAxeViolations(page, "målen med ändra-dialogen öppen");
    // Esc closes it; focus is back on the button that opened it.
    await page.keyboard.press("Escape");
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(async () => (await focused()).text).toBe("Ändra Arbetsplatser i handledarutbildningen");

    await opener.click();
    await dialog.getByLabel("Målvärde").fill("120");
    await dialog.getByRole("button", { name: "Spara ändringarna" }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(async () => (await focused()).text).toContain("är ändrat");
    expect((await dashboard()).goals.find((g: any) => g.label === "Arbetsplatser i handledarutbildningen").target).toBe(
      120,
    );

    await page.getByRole("button", { name: "Ta bort Medarbetare" }).click();
    const confirm = page.getByRole("dialog", { name: "Ta bort målet ”Medarbetare”?" });
    await confirm.waitFor();
    await expectNoAxeViolations(page, "målen med ta bort-dialogen öppen");
    await confirm.getByRole("button", { name: "Ta bort målet" }).click();
    await expect.poll(async () => (await focused()).text).toContain("Målet ”Medarbetare” är borttaget.");
    expect((await dashboard()).goals.map((g: any) => g.label)).toEqual(["Arbetsplatser i handledarutbildningen"]);
  });

  it("copies last year's goals to a new year, and shows the 409 when that year got goals meanwhile", async () => {
    await open(`/kansliet/mal?ar=${YEAR + 1}`, `Mål ${YEAR + 1}`);
    await page.getByRole("button", { name: `Kopiera målen från ${YEAR}` }).click();
    await expect.poll(async () => (await focused()).text).toContain(`1 mål kopierat från ${YEAR}.`);
    const row = page
      .getByRole("region", { name: /^Målen för \d{4}, / })
      .getByRole("row")
      .filter({ hasText: "Arbetsplatser i handledarutbildningen" });
    await expect.poll(() => row.count()).toBe(1);
    expect((await dashboard(YEAR + 1)).goals).toMatchObject([
      { label: "Arbetsplatser i handledarutbildningen", kind: "workplaces", target: 120 },
    ]);
    await checkPage("målen för nästa år");

    // The year after: no goals when the page loads, then someone adds one before the copy.
    await open(`/kansliet/mal?ar=${YEAR + 2}`, `Mål ${YEAR + 2}`);
    const copy = page.getByRole("button", { name: `Kopiera målen från ${YEAR + 1}` });
    await copy.waitFor();
    await ok(
      "POST",
      "/api/office/goals",
      { year: YEAR + 2, label: "Tillfällen", kind: "occasions", basis: "attended", courseTypes: [], target: 8 },
      201,
    );
    await copy.click();
    const alert = page.getByRole("alert").filter({ hasText: "Det finns redan mål för" });
    await expect
      .poll(() => alert.textContent())
      .toContain(`Det finns redan mål för ${YEAR + 2}. Ändra dem där, eller ta bort dem först.`);
    await page.getByRole("button", { name: `Visa målen för ${YEAR + 2}` }).click();
    await expect
      .poll(() =>
        page
          .getByRole("region", { name: /^Målen för \d{4}, / })
          .getByRole("row")
          .filter({ hasText: "Tillfällen" })
          .count(),
      )
      .toBe(1);
  });

  it("merges two suggested workplaces in the dialog: the workplaces figure drops by one, and is back after Ångra", async () => {
    await page.getByRole("navigation", { name: "Kansliet" }).getByRole("link", { name: "Arbetsplatser" }).click();
    await page.getByRole("heading", { level: 1, name: "Arbetsplatser" }).waitFor();
    const suggestion = page.locator(".suggestion").filter({ hasText: "Café Solrosen" });
    await expect.poll(() => suggestion.count()).toBe(1);
    expect(await suggestion.textContent()).toContain("Cafe Solrosen");
    expect(await suggestion.textContent()).toContain("Trolig dubblett");
    await checkPage("arbetsplatsregistret");

    const opener = suggestion.getByRole("button", { name: /^Slå ihop…/ });
    await opener.click();
    const dialog = page.getByRole("dialog", { name: "Slå ihop arbetsplatser" });
    await dialog.waitFor();
    await expect.poll(async () => (await focused()).id).toBe("workplace-merge-heading");
    await expectNoAxeViolations(page, "sammanslagningsdialogen");
    await page.keyboard.press("Escape");
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(async () => (await focused()).text).toContain("Slå ihop…");

    await opener.click();
    const into = dialog.getByRole("group", { name: "Räknas som" });
    await into.getByRole("radio", { name: /^Café Solrosen, Halmstad/ }).check();
    const from = dialog.getByRole("group", { name: "Slå ihop med den" });
    expect(await from.getByRole("checkbox", { name: /^Cafe Solrosen, Halmstad/ }).isChecked()).toBe(true);
    await dialog.getByRole("button", { name: "Slå ihop", exact: true }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(async () => (await focused()).text).toContain("Sammanslagna. Alla siffror följer med.");
    const cafeRow = rowOf(page.getByRole("region", { name: /^Arbetsplatser:/ }), /^Cafe Solrosen/);
    await expect.poll(() => cafeRow.textContent()).toContain("räknas som Café Solrosen (Halmstad)");
    const merges = page.getByRole("region", { name: /^Sammanslagna arbetsplatser/ });
    await expect
      .poll(() => merges.textContent())
      .toContain("Cafe Solrosen (Halmstad) räknas som Café Solrosen (Halmstad)");
    expect(await merges.textContent()).toContain(karin.name);
    expect(await page.locator(".suggestion").count()).toBe(0);

    let d = await dashboard();
    expect(d.totals.workplaces).toBe(3);
    expect(d.goals.find((g: any) => g.kind === "workplaces").value).toBe(3);
    await checkPage("arbetsplatsregistret efter sammanslagning");

    await merges.getByRole("button", { name: "Ångra sammanslagningen till Café Solrosen (Halmstad)" }).click();
    await expect.poll(async () => (await focused()).text).toContain("Sammanslagningen är ångrad");
    await expect.poll(() => cafeRow.textContent()).toContain("Sig själv");
    d = await dashboard();
    expect(d.totals.workplaces).toBe(4);
    expect(d.goals.find((g: any) => g.kind === "workplaces").value).toBe(4);
  });

  it("a merge made elsewhere meanwhile: the dialog shows the server's 409 workplace_already_merged", async () => {
    await open("/kansliet/arbetsplatser?q=Halmstad", "Arbetsplatser");
    const table = page.getByRole("region", { name: /^Arbetsplatser som matchar Halmstad/ });
    await expect.poll(() => table.getByRole("row").count()).toBe(4); // header + three Halmstad spellings
    expect(page.url()).toContain("?q=Halmstad");
    // Someone else merges Cafe Solrosen into Arbetsmarknadsenheten behind this page's back.
    const register = await ok("GET", "/api/office/workplaces", undefined, 200);
    const id = (name: string) => register.workplaces.find((w: any) => w.name === name).id as number;
    const other = await ok(
      "POST",
      "/api/office/workplaces/merge",
      { into: id("Arbetsmarknadsenheten"), from: [id("Cafe Solrosen")] },
      201,
    );

    await table.getByRole("checkbox", { name: "Välj Café Solrosen (Halmstad)" }).check();
    await table.getByRole("checkbox", { name: "Välj Cafe Solrosen (Halmstad)" }).check();
    await page.getByRole("button", { name: /^Slå ihop valda… \(2\)/ }).click();
    const dialog = page.getByRole("dialog", { name: "Slå ihop arbetsplatser" });
    await dialog.getByRole("button", { name: "Slå ihop", exact: true }).click();
    await expect
      .poll(() => dialog.locator(".error-summary").textContent())
      .toContain(
        "Redan sammanslagen med en annan arbetsplats: Cafe Solrosen (Halmstad). Ångra den sammanslagningen först.",
      );
    expect((await focused()).id).toBe("workplace-merge-errors");
    await page.keyboard.press("Escape");
    await expect.poll(() => dialog.count()).toBe(0);
    await ok("DELETE", `/api/office/workplace-merges/${other.merge.id}`, undefined, 204);
    expect((await dashboard()).totals.workplaces).toBe(4);
  });

  it("merges two addresses of one person, and undoes it", async () => {
    await page.getByRole("navigation", { name: "Kansliet" }).getByRole("link", { name: "Personer" }).click();
    await page.getByRole("heading", { level: 1, name: "Personer" }).waitFor();
    await page.getByRole("searchbox", { name: "Sök person" }).fill("lindqvist");
    await page.getByRole("search", { name: "Sök person" }).getByRole("button", { name: "Sök" }).click();
    await page.waitForURL(/\/kansliet\/personer\?q=lindqvist$/);
    const table = page.getByRole("region", { name: /^Personer som matchar lindqvist/ });
    await expect.poll(() => table.getByRole("row").count()).toBe(3);
    await checkPage("personer, sökta");

    await table.getByRole("checkbox", { name: `Välj ${annaWork.email}` }).check();
    await table.getByRole("checkbox", { name: `Välj ${annaHome.email}` }).check();
    await page.getByRole("button", { name: /^Slå ihop valda… \(2\)/ }).click();
    const dialog = page.getByRole("dialog", { name: "Slå ihop adresser till en person" });
    await dialog.waitFor();
    await expectNoAxeViolations(page, "personer med sammanslagningsdialogen");
    await dialog
      .getByRole("group", { name: "Räknas som adressen" })
      .getByRole("radio", { name: new RegExp(`^${escapeRegExp(annaWork.email)}`) })
      .check();
    expect(
      await dialog.getByRole("group", { name: "Adresser som slås ihop med den" }).getByRole("checkbox").isChecked(),
    ).toBe(true);
    await dialog.getByRole("button", { name: "Slå ihop", exact: true }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(async () => (await focused()).text).toContain(`räknas som en person, ${annaWork.email}`);
    await expect
      .poll(() => rowOf(table, new RegExp(`^${escapeRegExp(annaHome.email)}`)).textContent())
      .toContain(`räknas som ${annaWork.email}`);
    expect((await dashboard()).totals.attended).toBe(4);
    await checkPage("personer efter sammanslagning");

    const merges = page.getByRole("region", { name: /^Sammanslagna adresser/ });
    expect(await merges.textContent()).toContain(`${annaHome.email} räknas som ${annaWork.email}`);
    await merges.getByRole("button", { name: `Ångra sammanslagningen till ${annaWork.email}` }).click();
    await expect.poll(async () => (await focused()).text).toContain("Sammanslagningen är ångrad");
    expect((await dashboard()).totals.attended).toBe(5);
    await expect.poll(() => merges.count()).toBe(0);
  });

  it("adds a course type and renames it; the code stays; a taken name is refused at the field", async () => {
    await page.getByRole("navigation", { name: "Kansliet" }).getByRole("link", { name: "Utbildningar" }).click();
    await page.getByRole("heading", { level: 1, name: "Utbildningar" }).waitFor();
    await page.getByRole("link", { name: "Kurstyper" }).click();
    await page.waitForURL(`${base}/kansliet/kurstyper`);
    await page.getByRole("heading", { level: 1, name: "Kurstyper" }).waitFor();

    const name = page.getByLabel("Namn på kurstypen");
    await name.fill("Samverkansutbildning");
    await page.getByRole("button", { name: "Lägg till kurstypen" }).click();
    await expect
      .poll(async () => (await focused()).text)
      .toContain("Kurstypen ”Samverkansutbildning” är tillagd med koden samverkansutbildning.");
    const table = page.getByRole("region", { name: /^Kurstyper/ });
    const row = rowOf(table, /^Samverkansutbildning$/);
    await expect.poll(() => row.textContent()).toContain("samverkansutbildning");
    expect(await row.textContent()).toContain("Ingen");

    // The same name again: the server's 409 at the field, which has focus.
    await name.fill("samverkansutbildning");
    await page.getByRole("button", { name: "Lägg till kurstypen" }).click();
    await expect
      .poll(() => page.locator("#type-name-error").textContent())
      .toContain("Det finns redan en kurstyp med det namnet.");
    await expect.poll(async () => (await focused()).id).toBe("type-name");
    expect(await name.getAttribute("aria-invalid")).toBe("true");
    await checkPage("kurstyperna med fel");

    await row.getByRole("button", { name: "Byt namn på Samverkansutbildning" }).click();
    await expect.poll(async () => (await focused()).id).toBe("rename-name");
    await page.getByLabel("Nytt namn").fill("Samverkansutbildning för chefer");
    await page.getByRole("button", { name: "Spara namnet" }).click();
    await expect
      .poll(async () => (await focused()).text)
      .toContain("Kurstypen heter nu ”Samverkansutbildning för chefer”. Koden är fortfarande samverkansutbildning.");
    const renamed = rowOf(table, /^Samverkansutbildning för chefer$/);
    await expect.poll(() => renamed.textContent()).toContain("samverkansutbildning");
    const types = await ok("GET", "/api/office/course-types", undefined, 200);
    expect(types.courseTypes.find((t: any) => t.code === "samverkansutbildning")).toEqual({
      code: "samverkansutbildning",
      name: "Samverkansutbildning för chefer",
      courses: 0,
    });
    await checkPage("kurstyperna");

    // The course form offers it under its new name.
    await open("/kansliet/utbildningar/ny", /Ny utbildning/);
    await expect
      .poll(() => page.getByLabel("Kurstyp").locator("option", { hasText: "Samverkansutbildning för chefer" }).count())
      .toBe(1);
  });

  it("the export page: the Finsam preview equals the JSON, and every link downloads its file", async () => {
    await page.getByRole("navigation", { name: "Kansliet" }).getByRole("link", { name: "Export" }).click();
    await page.getByRole("heading", { level: 1, name: "Export" }).waitFor();
    const json = await ok("GET", `/api/office/reports/finsam?year=${YEAR}`, undefined, 200);
    // Worked out by hand: HU Sara, Per, Eva, Anna (work address); TD Anna (home address, no gender given).
    expect(json.rows.map((r: any) => [r.course, r.persons, r.women, r.men, r.otherOrUnknown])).toEqual([
      [HU, 4, 3, 1, 0],
      [TD, 1, 0, 0, 1],
    ]);
    const finsam = page.getByRole("region", { name: /^Uppföljning Finsam/ });
    await expect.poll(() => finsam.getByRole("row").count()).toBe(json.rows.length + 1);
    const shown = await finsam
      .locator("tbody tr")
      .evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => c.textContent?.trim())));
    // Nothing entered yet: a dash, not a zero, for planned, budget and outcome.
    expect(shown).toEqual(
      json.rows.map((r: any) => [
        r.course,
        r.courseTypeName,
        String(r.persons),
        String(r.women),
        String(r.men),
        String(r.otherOrUnknown),
        "–",
        "–",
        "–",
        "Ändra",
      ]),
    );

    const links = page.locator("main a[download]");
    expect(await links.count()).toBe(6);
    const registrations = page.getByRole("region", { name: "Deltagarlista för utlämnande av allmän handling" });
    const regCsv = registrations.getByRole("link", { name: "Ladda ner CSV (deltagarlistan)" });
    expect(await regCsv.getAttribute("href")).toContain("omit=dietary%2Caccessibility");
    for (const link of await links.all()) {
      const href = (await link.getAttribute("href"))!;
      const res = await page.context().request.get(`${base}${href}`);
      expect(res.status(), href).toBe(200);
      const xlsx = href.includes(".xlsx");
      expect(res.headers()["content-type"], href).toContain(xlsx ? "spreadsheetml" : "text/csv");
      expect(res.headers()["content-disposition"], href).toMatch(
        new RegExp(`^attachment;.*filename.*\\.${xlsx ? "xlsx" : "csv"}`),
      );
      const body = await res.body();
      if (xlsx) expect(body.subarray(0, 2).toString("latin1"), href).toBe("PK");
      else expect(body.subarray(0, 3).toString("hex"), `${href}: UTF-8 BOM`).toBe("efbbbf");
    }
    // "This year so far" by default: the coming occasions are not in it until the period says so.
    const download = async () =>
      (await (await page.context().request.get(`${base}${(await regCsv.getAttribute("href"))!}`)).text()).replace(
        /^\uFEFF/,
        "",
      );
    expect(await download()).not.toContain(sara.email);
    await page.getByLabel("Till och med").fill(`${YEAR}-12-31`);
    await expect.poll(() => regCsv.getAttribute("href")).toContain(`to=${YEAR}-12-31`);
    const list = await download();
    const header = list.split(/\r?\n/)[0]!;
    expect(header).toContain("E-post");
    expect(header).not.toContain("Specialkost");
    expect(header).not.toContain("Tillgänglighetsbehov");
    expect(list).toContain(sara.email);
    await checkPage("exportsidan");

    // A period that ends before it starts: said at the field, and no links to a refusal.
    await page.getByLabel("Till och med").fill(`${YEAR - 1}-12-31`);
    await expect
      .poll(() => page.locator("#export-to-error").textContent())
      .toContain("Perioden slutar före den börjar.");
    expect(await registrations.getByRole("link").count()).toBe(0);
  });

  it("enters an effort's budget, outcome and planned participants in a dialog: refused at the field, then in the table and the JSON", async () => {
    await open("/kansliet/export", "Export");
    const finsam = page.getByRole("region", { name: /^Uppföljning Finsam/ });
    const row = finsam.locator("tbody tr").filter({ has: page.getByRole("rowheader", { name: HU }) });
    await row.waitFor();
    const opener = page.getByRole("button", { name: `Ändra budget och plan för ${HU}` });
    await opener.click();
    const dialog = page.getByRole("dialog", { name: new RegExp(`^Budget och plan ${YEAR}: `) });
    await dialog.waitFor();
    await expect.poll(async () => (await focused()).id).toBe("effort-year-heading");
    await expectNoAxeViolations(page, "budgetdialogen");
    // Esc closes it and focus is back on its button.
    await page.keyboard.press("Escape");
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(async () => (await focused()).id).toMatch(/^effort-edit-/);

    await opener.click();
    await dialog.getByLabel("Budget (kronor)").fill("45 000");
    await dialog.getByLabel("Utfall (kronor)").fill("38 250,50");
    await dialog.getByLabel("Planerat antal deltagare").fill("40");
    await dialog.getByRole("button", { name: "Spara" }).click();
    await expect.poll(async () => (await focused()).id).toBe("effort-year-errors");
    expect(await page.locator("#effort-outcome-error").textContent()).toContain("Utfall: skriv ett heltal");
    expect(await dialog.getByLabel("Utfall (kronor)").getAttribute("aria-invalid")).toBe("true");
    expect((await dashboardFinsam()).budgetKr).toBeNull(); // nothing was sent

    await dialog.getByLabel("Utfall (kronor)").fill("38 250");
    await dialog.getByRole("button", { name: "Spara" }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(async () => (await focused()).text).toContain(`Budget och plan ${YEAR} för ”${HU}” är sparade.`);
    const cells = await row.locator("td").allTextContents();
    expect(cells.slice(5, 8).map((c) => c.replace(/\s/g, " "))).toEqual(["40", "45 000 kr", "38 250 kr"]);
    expect(await dashboardFinsam()).toMatchObject({ budgetKr: 45_000, outcomeKr: 38_250, plannedParticipants: 40 });
    // A reload shows what the server has.
    await open("/kansliet/export", "Export");
    await expect
      .poll(async () => ((await row.locator("td").nth(6).textContent()) ?? "").replace(/\s/g, " "))
      .toBe("45 000 kr");
    await checkPage("exportsidan med budget");
  });

  it("the log tells what was done, in Swedish", async () => {
    await page.getByRole("navigation", { name: "Kansliet" }).getByRole("link", { name: "Händelselogg" }).click();
    await page.getByRole("heading", { level: 1, name: "Händelselogg" }).waitFor();
    await expect.poll(() => page.locator(".log-entry").count()).toBeGreaterThan(5);
    const text = await mainText();
    expect(text).toContain("Lade till mål");
    expect(text).toContain("Målvärde: 100 → 120");
    expect(text).toContain("Tog bort mål");
    expect(text).toContain(`Kopierade årets mål`);
    expect(text).toContain(`Från år: ${YEAR}`);
    expect(text).toContain("Slog ihop arbetsplatser");
    expect(text).toContain("Räknas som: Café Solrosen (Halmstad)");
    expect(text).toContain("Ångrade sammanslagning av arbetsplatser");
    expect(text).toContain("Slog ihop adresser till en person");
    expect(text).toContain(`Sammanslagna adresser: ${annaHome.email}`);
    expect(text).toContain(`Ändrade budget och plan: ${HU}, ${YEAR}`);
    expect(text).toMatch(/Budget \(kr\): \(tomt\) → 45\s000/);
    // Every change line starts with a Swedish label, never a field name ("evaluated: Ja").
    const lines = await page.locator(".log-changes li").allTextContents();
    expect(lines.filter((l) => !/^[A-ZÅÄÖ]/.test(l) || /^[A-Za-z]*[a-z][A-Z]\w*:/.test(l))).toEqual([]);
    expect(text).not.toMatch(/Ändring \(/);
  });
});
