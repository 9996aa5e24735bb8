// Needs counts for the caterer and the venue (issue 11): dietary and accessibility needs of an
// occasion's confirmed participants as counts, grouped case- and space-insensitively, with no
// name or address anywhere in the answer. Counted by hand from the registrations below.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { organisers, registrations } from "../../db/schema.ts";
import { countNeeds } from "../../server/domain/needs.ts";
import { api, createTestContext, staffApi, staffToken, type Answer, type TestContext } from "../helpers/test-db.ts";

let t: TestContext;
let office: string;
let leader: string;
let otherLeader: string;
let otherOffice: string;
let occasionId: number;
let emptyOccasionId: number;

async function ok(res: Promise<Answer> | Answer, status: number, what: string): Promise<any> {
  const r = await res;
  expect(r.status, `${what}: ${r.text.slice(0, 400)}`).toBe(status);
  return r.json;
}

// name, dietary, accessibility; the first six have places (capacity 6), the rest wait.
const PEOPLE: [string, string | null, string | null][] = [
  ["Alva Ask", "Vegetarisk", "Rullstol"],
  ["Bertil Bok", "vegetarisk ", null],
  ["Cecilia Cederlund", "  VEGETARISK", "rullstol"],
  ["David Dunér", "Laktos  fri", "Hörslinga"],
  ["Elin Ek", "glutenfri", null],
  ["Filip Fors", null, null],
  ["Greta Gran (väntar)", "Vegansk", "Teckentolk"],
];
const CANCELLED: [string, string, string] = ["Hanna Hed (avbokad)", "Fisk", "Ledsagare"];
const email = (name: string) => `${name.split(" ")[0]!.toLowerCase()}.needs@example.se`;

beforeAll(async () => {
  t = await createTestContext();
  office = (await staffToken(t, "office")).token;
  const lead = await staffToken(t, "leader");
  leader = lead.token;
  otherLeader = (await staffToken(t, "leader")).token;
  const [other] = await t.handle.db
    .insert(organisers)
    .values({ slug: "annat-forbund", name: "Samordningsförbundet Annat", email: "kansli@annat.example.se" })
    .returning();
  otherOffice = (await staffToken(t, "office", other!.id)).token;

  const courseId = (
    await ok(
      staffApi(t, office, "POST", "/api/office/courses", {
        title: "Temadag om psykisk hälsa",
        courseType: "temadag",
        asksDietary: true,
      }),
      201,
      "kurs",
    )
  ).course.id;
  const create = async (capacity: number, leaderIds: number[]) =>
    (
      await ok(
        staffApi(t, office, "POST", "/api/office/occasions", {
          courseId,
          label: "Varberg",
          days: [{ start: "2026-03-12T09:00", end: "2026-03-12T16:00" }],
          online: false,
          venue: "Folkets Hus Varberg",
          address: "Västra Vallgatan 9, Varberg",
          capacity,
          status: "published",
          leaderIds,
        }),
        201,
        "tillfälle",
      )
    ).occasion.id as number;
  occasionId = await create(6, [lead.user.id]);
  emptyOccasionId = await create(10, [lead.user.id]);
  for (const [name, dietary, accessibilityNeeds] of [...PEOPLE, CANCELLED]) {
    await ok(
      api(t.app, "POST", `/api/occasions/${occasionId}/registrations`, {
        name,
        email: email(name),
        party: "varberg",
        workplace: { name: "Arbetsmarknadsenheten", municipality: "Varberg" },
        dietary,
        accessibilityNeeds,
        acceptPrivacy: true,
      }),
      201,
      name,
    );
  }
  // Hanna waited and then cancelled: a cancelled person counts nowhere, nor does Greta, who waits.
  const [hanna] = await t.handle.db
    .select()
    .from(registrations)
    .where(eq(registrations.email, email(CANCELLED[0])));
  await ok(api(t.app, "DELETE", `/api/registrations/${hanna!.manageToken}`), 200, "avbokning");
});
afterAll(() => t?.close());

const EXPECTED = {
  occasion: {
    id: 0,
    title: "Temadag om psykisk hälsa (Varberg)",
    startsAt: "2026-03-12T08:00:00.000Z",
    location: "Folkets Hus Varberg, Västra Vallgatan 9, Varberg",
  },
  confirmed: 6,
  // Vegetarisk ×3 (three spellings, one need); then the ones by name in Swedish order.
  dietary: [
    { text: "Vegetarisk", count: 3 },
    { text: "Glutenfri", count: 1 },
    { text: "Laktos fri", count: 1 },
  ],
  accessibility: [
    { text: "Rullstol", count: 2 },
    { text: "Hörslinga", count: 1 },
  ],
  withoutDietary: 1,
};

describe("needs counts", () => {
  it("counts the confirmed participants' needs, for the leader and for the office alike", async () => {
    const expected = { ...EXPECTED, occasion: { ...EXPECTED.occasion, id: occasionId } };
    const forLeader = await ok(
      staffApi(t, leader, "GET", `/api/leader/occasions/${occasionId}/needs`),
      200,
      "kursledaren",
    );
    expect(forLeader).toEqual(expected);
    const forOffice = await ok(
      staffApi(t, office, "GET", `/api/office/occasions/${occasionId}/needs`),
      200,
      "kansliet",
    );
    expect(forOffice).toEqual(expected);
    // The office may use the leader's route too (it reaches all of its organiser's occasions).
    expect(
      await ok(staffApi(t, office, "GET", `/api/leader/occasions/${occasionId}/needs`), 200, "kansliet som ledare"),
    ).toEqual(expected);
  });

  it("holds no name and no e-mail address anywhere in the answer", async () => {
    for (const [token, path] of [
      [leader, `/api/leader/occasions/${occasionId}/needs`],
      [office, `/api/office/occasions/${occasionId}/needs`],
    ] as const) {
      const { text } = await staffApi(t, token, "GET", path);
      for (const [name] of [...PEOPLE, CANCELLED]) {
        for (const part of name.split(" ")) expect(text, `${path}: ${part}`).not.toContain(part.replace(/[()]/g, ""));
        expect(text).not.toContain(email(name));
      }
      expect(text).not.toMatch(/@/);
      expect(text).not.toMatch(/registrationId|"name"|"email"/);
    }
  });

  it("is empty for an occasion nobody has registered for, and after retention erased the needs", async () => {
    const empty = await ok(staffApi(t, leader, "GET", `/api/leader/occasions/${emptyOccasionId}/needs`), 200, "tom");
    expect(empty).toMatchObject({ confirmed: 0, dietary: [], accessibility: [], withoutDietary: 0 });
    // What retention (personal-data.ts) does to the rows some days after the course.
    await t.handle.db
      .update(registrations)
      .set({ dietary: null, accessibilityNeeds: null })
      .where(eq(registrations.occasionId, occasionId));
    const erased = await ok(staffApi(t, office, "GET", `/api/office/occasions/${occasionId}/needs`), 200, "raderat");
    expect(erased).toMatchObject({ confirmed: 6, dietary: [], accessibility: [], withoutDietary: 6 });
  });

  it("refuses a leader of another occasion, another organiser's office and anonymous callers", async () => {
    const leaderPath = `/api/leader/occasions/${occasionId}/needs`;
    const officePath = `/api/office/occasions/${occasionId}/needs`;
    const notLeading = await staffApi(t, otherLeader, "GET", leaderPath);
    expect(notLeading.status).toBe(403);
    expect(notLeading.json.error.message).toBe("Du leder inte det här tillfället.");
    expect((await staffApi(t, otherLeader, "GET", officePath)).status).toBe(403);
    expect((await staffApi(t, leader, "GET", officePath)).status).toBe(403);
    expect((await staffApi(t, otherOffice, "GET", leaderPath)).status).toBe(403);
    expect((await staffApi(t, otherOffice, "GET", officePath)).status).toBe(403);
    expect((await api(t.app, "GET", leaderPath)).status).toBe(401);
    expect((await api(t.app, "GET", officePath)).status).toBe(401);
  });

  it("answers 404 for an occasion that does not exist, and never a 5xx for a strange id", async () => {
    for (const path of ["/api/leader/occasions/999999/needs", "/api/office/occasions/999999/needs"]) {
      const res = await staffApi(t, office, "GET", path);
      expect(res.status, path).toBe(404);
      expect(res.json.error.code).toBe("occasion_not_found");
    }
    for (const bad of ["abc", "-1", "1.5", "99999999999999999999", "%00"]) {
      for (const base of ["/api/leader/occasions", "/api/office/occasions"]) {
        const res = await staffApi(t, office, "GET", `${base}/${bad}/needs`);
        expect(res.status, `${base}/${bad}`).toBeLessThan(500);
        expect(res.json.error.message).toBeTruthy();
      }
    }
  });
});

describe("countNeeds: grouping free text", () => {
  it("groups by trimmed, space-collapsed, lower-cased text and shows the most common spelling", () => {
    expect(
      countNeeds(["nötallergi", "Nötallergi", "Nötallergi", " NÖTALLERGI ", "Fisk", "", "   ", null, undefined]),
    ).toEqual([
      { text: "Nötallergi", count: 4 },
      { text: "Fisk", count: 1 },
    ]);
  });

  it("does not guess: different words stay different lines, sorted by count, then Swedish order", () => {
    expect(countNeeds(["Vegetarian", "vegetarisk", "veg.", "Ägg", "Örter", "Äpple"])).toEqual([
      { text: "Veg.", count: 1 },
      { text: "Vegetarian", count: 1 },
      { text: "Vegetarisk", count: 1 },
      { text: "Ägg", count: 1 },
      { text: "Äpple", count: 1 },
      { text: "Örter", count: 1 },
    ]);
  });

  it("on a tie between spellings picks the same one whatever the order", () => {
    const a = countNeeds(["Laktosfri", "LAKTOSFRI"]);
    const b = countNeeds(["LAKTOSFRI", "Laktosfri"]);
    expect(a).toEqual(b);
    expect(a[0]!.count).toBe(2);
  });
});
