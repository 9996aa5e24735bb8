// Personal data from registration to erasure (issue 11): the person's link (see, download,
// correct, erase), the office (a person's registrations, correct, cancel, erase, settings,
// the retention log) and retention (needs after N days, people after N months), against a
// fixed clock. The demo data's figures before and after are in personal-data-demo.test.ts.
import { getTableConfig, type SQLiteTable } from "drizzle-orm/sqlite-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "../../db/schema.ts";
import { monthsBefore, runRetention, TEXT_COLUMNS } from "../../server/domain/personal-data.ts";
import { DevMailbox } from "../../server/mail/dev-mailbox.ts";
import { api, createTestContext, person, staffApi, staffToken, type TestContext } from "../helpers/test-db.ts";
import { textColumnsHolding } from "../helpers/personal-data.ts";

const DAY = 86_400_000;
let t: TestContext;
let office: string;

beforeAll(async () => {
  t = await createTestContext({ now: new Date("2026-03-02T08:00:00Z") });
  office = (await staffToken(t, "office")).token;
});
afterAll(() => t.close());

async function endOf(occasionId: number): Promise<Date> {
  const rs = await t.handle.client.execute({ sql: "SELECT ends_at FROM occasions WHERE id = ?", args: [occasionId] });
  return new Date(Number(rs.rows[0]!.ends_at));
}

async function at<T>(when: Date, run: () => Promise<T>): Promise<T> {
  const saved = t.now.value;
  t.now.value = when;
  try {
    return await run();
  } finally {
    t.now.value = saved;
  }
}

describe("the schema", () => {
  it("sorts every text column of every table into personal or not, so a new table cannot hide a name", () => {
    const tables = Object.values(schema).filter(
      (v) => typeof v === "object" && v !== null && Symbol.for("drizzle:IsDrizzleTable") in v,
    ) as SQLiteTable[];
    expect(tables.length).toBeGreaterThan(10);
    for (const table of tables) {
      const config = getTableConfig(table);
      const texts = config.columns.filter((c) => c.getSQLType() === "text");
      if (!texts.length) continue;
      const known = TEXT_COLUMNS[config.name];
      expect(known, `tabellen ${config.name} saknas i TEXT_COLUMNS`).toBeDefined();
      for (const c of texts) {
        expect([...known!.personal, ...known!.notPersonal], `${config.name}.${c.name}`).toContain(c.name);
      }
    }
  });

  it("counts months on the calendar", () => {
    expect(monthsBefore(new Date("2026-03-31T10:00:00Z"), 1).toISOString()).toBe("2026-02-28T10:00:00.000Z");
    expect(monthsBefore(new Date("2026-03-02T08:00:00Z"), 36).toISOString()).toBe("2023-03-02T08:00:00.000Z");
  });
});

describe("the person's link", () => {
  it("shows, downloads and corrects her details; a changed name is in the next mail", async () => {
    const id = await t.occasion({ capacity: 5 });
    const me = person({ name: "Berit Rättas", email: "berit.rattas@example.se", dietary: "Vegetarisk" });
    const reg = await api(t.app, "POST", `/api/occasions/${id}/registrations`, me);
    const token = reg.json.registration.manageToken;
    await t.drain();
    const page = await api(t.app, "GET", `/api/registrations/${token}`);
    expect(page.json.registration).toMatchObject({
      name: "Berit Rättas",
      dietary: "Vegetarisk",
      canEdit: true,
      canErase: false,
      otherRegistrations: 0,
      retention: { needsRetentionDays: 14, retentionMonths: 36 },
    });
    expect(page.json.registration.mails).toEqual([
      expect.objectContaining({
        kind: "registration-confirmed",
        status: "sent",
        subject: expect.stringMatching(/^Bekräftelse/),
      }),
    ]);

    const file = await t.app.request(`/api/registrations/${token}/data`);
    expect(file.headers.get("content-disposition")).toContain("mina-uppgifter.json");
    expect(file.headers.get("cache-control")).toBe("no-store");
    const data = JSON.parse(await file.text());
    expect(data.person).toMatchObject({
      name: "Berit Rättas",
      email: "berit.rattas@example.se",
      dietary: "Vegetarisk",
    });
    expect(data.mails).toHaveLength(1);
    expect(data.registration.status).toBe("confirmed");

    const bad = await api(t.app, "PATCH", `/api/registrations/${token}`, { name: "B", workplace: { name: "X" } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.fields).toMatchObject({
      name: "Namnet behöver vara minst 2 tecken.",
      "workplace.municipality": "Skriv kommun.",
    });

    const fixed = await api(t.app, "PATCH", `/api/registrations/${token}`, {
      name: "Berit Ny",
      workplace: { name: "Arbetsförmedlingen Varberg", municipality: "Varberg" },
      dietary: null,
    });
    expect(fixed.status).toBe(200);
    expect(fixed.json.registration).toMatchObject({
      name: "Berit Ny",
      dietary: null,
      workplace: { name: "Arbetsförmedlingen Varberg", municipality: "Varberg" },
    });
    // The next mail (her cancellation) greets her by the corrected name.
    t.sent.length = 0;
    await api(t.app, "DELETE", `/api/registrations/${token}`);
    await t.drain();
    const mail = t.sent.find((m) => m.to.includes("berit.rattas@example.se"))!;
    expect(mail.text).toContain("Berit");
    expect(mail.text).not.toContain("Rättas");
  });

  it("erases her data after the occasion: the link stops working and nothing of her is left in any table", async () => {
    const held = await t.occasion({ capacity: 5 });
    const coming = await t.occasion({ capacity: 5, inDays: 200 });
    const me = person({ name: "Greta Glömsk", email: "greta.glomsk@example.se", role: "Arbetsterapeut" });
    const a = await api(t.app, "POST", `/api/occasions/${held}/registrations`, me);
    const token = a.json.registration.manageToken;
    const b = await api(t.app, "POST", `/api/occasions/${coming}/registrations`, me);
    await t.drain();

    const early = await api(t.app, "POST", `/api/registrations/${token}/erase`, {});
    expect(early.status).toBe(409);
    expect(early.json.error.code).toBe("occasion_not_over");

    const after = new Date((await endOf(held)).getTime() + DAY);
    await at(after, async () => {
      expect((await api(t.app, "GET", `/api/registrations/${token}`)).json.registration.canErase).toBe(true);
      const upcoming = await api(t.app, "POST", `/api/registrations/${token}/erase`, {});
      expect(upcoming.status).toBe(409);
      expect(upcoming.json.error.code).toBe("upcoming_registration");
      await api(t.app, "DELETE", `/api/registrations/${b.json.registration.manageToken}`);
      await t.drain();
      const erased = await api(t.app, "POST", `/api/registrations/${token}/erase`, {});
      expect(erased.status).toBe(200);
      expect(erased.json.erased.registrations).toBe(2);
      expect((await api(t.app, "GET", `/api/registrations/${token}`)).status).toBe(404);
    });
    expect(
      await textColumnsHolding(t.handle, ["greta.glomsk@example.se", "Greta Glömsk", "Glömsk", "Arbetsterapeut"]),
    ).toEqual([]);
    // The anonymous rows stay: two registrations, the party and workplace, the occasion.
    const rs = await t.handle.client.execute({
      sql: "SELECT name, party_code, workplace_id, status, anonymised_at FROM registrations WHERE occasion_id IN (?, ?) AND name = 'Anonymiserad'",
      args: [held, coming],
    });
    expect(rs.rows).toHaveLength(2);
    expect(rs.rows.every((r) => r.party_code === "fk" && r.workplace_id != null && r.anonymised_at != null)).toBe(true);
    const log = await staffApi(t, office, "GET", "/api/office/retention-log");
    expect(log.json.entries[0]).toMatchObject({ rule: "erasure", what: "person", rows: 1, userName: null });
  });
});

describe("retention", () => {
  it("erases needs the set number of days after the last day, and logs how many", async () => {
    const id = await t.occasion({ capacity: 5, dayCount: 2 });
    const r = await api(
      t.app,
      "POST",
      `/api/occasions/${id}/registrations`,
      person({ dietary: "Glutenfri", accessibilityNeeds: "Hörslinga" }),
    );
    const end = await endOf(id);
    expect((await runRetention(t.handle.db, new Date(end.getTime() + 13 * DAY))).needs).toBe(0);
    const view = async () => (await api(t.app, "GET", `/api/registrations/${r.json.registration.manageToken}`)).json;
    expect((await view()).registration).toMatchObject({ dietary: "Glutenfri", accessibilityNeeds: "Hörslinga" });
    const run = await runRetention(t.handle.db, new Date(end.getTime() + 14 * DAY + 1));
    expect(run.needs).toBeGreaterThanOrEqual(1);
    expect((await view()).registration).toMatchObject({
      dietary: null,
      accessibilityNeeds: null,
      name: expect.any(String),
    });
    const log = await staffApi(t, office, "GET", "/api/office/retention-log");
    expect(log.json.entries.find((e: { rule: string }) => e.rule === "needs")).toMatchObject({
      what: "needs",
      rows: run.needs,
    });
    // Nothing is left to erase the second time, and nothing is logged.
    expect((await runRetention(t.handle.db, new Date(end.getTime() + 15 * DAY))).needs).toBe(0);
  });

  it("anonymises a person whose last occasion is older than the retention months, not one with a later one", async () => {
    const old = await t.occasion({ capacity: 5, inDays: 1 });
    const later = await t.occasion({ capacity: 5, inDays: 300 });
    const gone = person({ name: "Olle Gammal", email: "olle.gammal@example.se" });
    const stays = person({ name: "Stina Kvar", email: "stina.kvar@example.se" });
    await api(t.app, "POST", `/api/occasions/${old}/registrations`, gone);
    await api(t.app, "POST", `/api/occasions/${old}/registrations`, stays);
    await api(t.app, "POST", `/api/occasions/${later}/registrations`, stays);
    const cutoff = (await endOf(old)).getTime();
    // 36 months and a day after the first occasion: Olle's last; Stina has one later.
    const when = new Date(cutoff + (3 * 365 + 2) * DAY);
    const run = await runRetention(t.handle.db, when);
    expect(run.addresses).toContain("olle.gammal@example.se");
    expect(run.addresses).not.toContain("stina.kvar@example.se");
    expect(await textColumnsHolding(t.handle, ["olle.gammal@example.se", "Olle Gammal"])).toEqual([]);
    expect((await textColumnsHolding(t.handle, ["stina.kvar@example.se"])).length).toBeGreaterThan(0);
  });

  it("drops the development mailbox's copies of mail to an erased address", async () => {
    const box = new DevMailbox();
    await box.send({ from: "a@example.se", to: "Pia <pia.bort@example.se>", subject: "s", text: "t" });
    await box.send({ from: "a@example.se", to: "kvar@example.se", subject: "s", text: "t" });
    box.forget(["pia.bort@example.se"]);
    expect(box.mails.map((m) => m.to)).toEqual(["kvar@example.se"]);
  });
});

describe("the office", () => {
  it("finds a person, corrects her details, cancels one registration (the waiting list moves up) and erases her", async () => {
    const id = await t.occasion({ capacity: 1 });
    const anna = person({ name: "Anna Ändras", email: "anna.andras@example.se", role: "Handläggare" });
    const next = person({ email: "kon.forst@example.se" });
    const a = await api(t.app, "POST", `/api/occasions/${id}/registrations`, anna);
    await api(t.app, "POST", `/api/occasions/${id}/registrations`, next);
    await t.drain();

    const found = await staffApi(t, office, "GET", "/api/office/people/registrations?email=ANNA.andras@example.se");
    expect(found.status).toBe(200);
    expect(found.json.registrations).toEqual([
      expect.objectContaining({
        id: a.json.registration.id,
        status: "confirmed",
        role: "Handläggare",
        anonymised: false,
      }),
    ]);
    const taken = await staffApi(t, office, "PATCH", `/api/office/registrations/${a.json.registration.id}`, {
      email: "kon.forst@example.se",
    });
    expect(taken.status).toBe(409);
    expect(taken.json.error.code).toBe("already_registered");
    const unknownParty = await staffApi(t, office, "PATCH", `/api/office/registrations/${a.json.registration.id}`, {
      party: "finns-inte",
    });
    expect(unknownParty.status).toBe(400);
    const fixed = await staffApi(t, office, "PATCH", `/api/office/registrations/${a.json.registration.id}`, {
      role: "Enhetschef",
      accessibilityNeeds: "Rullstol",
    });
    expect(fixed.json.registration).toMatchObject({ role: "Enhetschef", accessibilityNeeds: "Rullstol" });
    const audit = await staffApi(t, office, "GET", "/api/office/audit");
    const update = audit.json.entries.find((e: { action: string }) => e.action === "registration.update");
    // The needs are logged as changed, never with what they say.
    expect(update).toMatchObject({
      before: { role: "Handläggare" },
      after: { role: "Enhetschef", accessibilityNeeds: "ifylld" },
    });
    expect(JSON.stringify(update)).not.toContain("Rullstol");

    t.sent.length = 0;
    const cancelled = await staffApi(
      t,
      office,
      "POST",
      `/api/office/registrations/${a.json.registration.id}/cancel`,
      {},
    );
    expect(cancelled.json.registration.status).toBe("cancelled");
    await t.drain();
    expect(t.sent.map((m) => [m.to.replace(/.*</, "").replace(">", ""), m.subject.split(":")[0]])).toEqual(
      expect.arrayContaining([
        ["anna.andras@example.se", expect.stringMatching(/^Avbok/)],
        ["kon.forst@example.se", "Du har fått en plats"],
      ]),
    );

    const missing = await staffApi(t, office, "POST", "/api/office/people/erase", { email: "ingen@example.se" });
    expect(missing.status).toBe(404);
    const erased = await staffApi(t, office, "POST", "/api/office/people/erase", { email: "anna.andras@example.se" });
    expect(erased.json.erased.registrations).toBe(1);
    expect(await textColumnsHolding(t.handle, ["anna.andras@example.se", "Anna Ändras", "Ändras"])).toEqual([]);
    const after = await staffApi(t, office, "GET", "/api/office/audit");
    const erasure = after.json.entries.find((e: { action: string }) => e.action === "person.erase");
    expect(erasure).toMatchObject({ entity: "person", before: null, after: { registrations: 1 } });
    const log = await staffApi(t, office, "GET", "/api/office/retention-log");
    // (Entries are newest first; the retention test above logged at a later clock.)
    expect(log.json.entries).toEqual(
      expect.arrayContaining([expect.objectContaining({ rule: "erasure", what: "person", userName: "Test office" })]),
    );
  });

  it("cannot cancel on an occasion that is over, nor correct an anonymised registration", async () => {
    const id = await t.occasion({ capacity: 5 });
    const r = await api(
      t.app,
      "POST",
      `/api/occasions/${id}/registrations`,
      person({ email: "sen.avbokning@example.se" }),
    );
    await at(new Date((await endOf(id)).getTime() + DAY), async () => {
      const res = await staffApi(t, office, "POST", `/api/office/registrations/${r.json.registration.id}/cancel`, {});
      expect(res.status).toBe(409);
      expect(res.json.error.code).toBe("occasion_over");
      await staffApi(t, office, "POST", "/api/office/people/erase", { email: "sen.avbokning@example.se" });
      const patch = await staffApi(t, office, "PATCH", `/api/office/registrations/${r.json.registration.id}`, {
        role: "X-roll",
      });
      expect(patch.status).toBe(409);
      expect(patch.json.error.code).toBe("registration_anonymised");
    });
  });

  it("edits the organiser's settings, which the privacy notice reads", async () => {
    const bad = await staffApi(t, office, "PATCH", "/api/office/settings", {
      retentionMonths: 0,
      needsRetentionDays: -1,
      website: "javascript:alert(1)",
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.json.error.fields).sort()).toEqual(["needsRetentionDays", "retentionMonths", "website"]);
    const ok = await staffApi(t, office, "PATCH", "/api/office/settings", {
      retentionMonths: 24,
      needsRetentionDays: 7,
      dpoEmail: "dataskydd@halland.example.se",
      lateCancelDays: 7,
    });
    expect(ok.json.settings).toMatchObject({ retentionMonths: 24, needsRetentionDays: 7, lateCancelDays: 7 });
    const pub = await api(t.app, "GET", "/api/organiser");
    expect(pub.json.organiser).toMatchObject({
      retentionMonths: 24,
      needsRetentionDays: 7,
      dpoEmail: "dataskydd@halland.example.se",
    });
    const audit = await staffApi(t, office, "GET", "/api/office/audit");
    expect(audit.json.entries.find((e: { action: string }) => e.action === "settings.update")).toMatchObject({
      before: { retentionMonths: 36, needsRetentionDays: 14 },
      after: { retentionMonths: 24, needsRetentionDays: 7, dpoEmail: "dataskydd@halland.example.se" },
    });
    await staffApi(t, office, "PATCH", "/api/office/settings", { retentionMonths: 36, needsRetentionDays: 14 });
  });
});
