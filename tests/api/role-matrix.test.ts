// Every staff route of the app, asked by everyone who must not get in: anonymous → 401,
// the wrong role or another organiser's staff → 403. The routes come from the app itself,
// so a new route without a guard fails here.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { courses, organisers, outbox } from "../../db/schema.ts";
import { api, createTestContext, person, staffApi, staffToken, type TestContext } from "../helpers/test-db.ts";

let t: TestContext;
let leader: string;
let office: string;
let otherOffice: string;
let occasionId: number;
let registrationId: number;
let courseId: number;
let goalId: number;
let workplaceMergeId: number;
let personMergeId: number;
let mailId: number;
beforeAll(async () => {
  t = await createTestContext();
  occasionId = await t.occasion({ capacity: 5 });
  courseId = (await t.handle.db.select().from(courses))[0]!.id;
  registrationId = (await api(t.app, "POST", `/api/occasions/${occasionId}/registrations`, person())).json.registration
    .id;
  leader = (await staffToken(t, "leader")).token;
  office = (await staffToken(t, "office")).token;
  const [other] = await t.handle.db
    .insert(organisers)
    .values({
      slug: "annat-forbund",
      name: "Samordningsförbundet Annat",
      email: "kansli@annat.example.se",
      createdAt: t.now.value,
    })
    .returning();
  otherOffice = (await staffToken(t, "office", other!.id)).token;
  // Rows of the follow-up that routes name: a goal, a merge of workplaces and one of people.
  goalId = (
    await staffApi(t, office, "POST", "/api/office/goals", {
      year: 2026,
      kind: "staff",
      basis: "attended",
      courseTypes: [],
      target: 200,
      label: "Medarbetare",
    })
  ).json.goal.id;
  const a = person({ workplace: { name: "ICA Maxi Halmstad", municipality: "Halmstad" } });
  const b = person({ workplace: { name: "ICA Maxi Stormarknad Halmstad", municipality: "Halmstad" } });
  for (const p of [a, b]) await api(t.app, "POST", `/api/occasions/${occasionId}/registrations`, p);
  const register = (await staffApi(t, office, "GET", "/api/office/workplaces?q=ica")).json.workplaces as {
    id: number;
  }[];
  workplaceMergeId = (
    await staffApi(t, office, "POST", "/api/office/workplaces/merge", {
      into: register[0]!.id,
      from: [register[1]!.id],
    })
  ).json.merge.id;
  personMergeId = (await staffApi(t, office, "POST", "/api/office/people/merge", { into: a.email, from: [b.email] }))
    .json.merge.id;
  // A mail of the organiser's (the confirmation above), for the resend route.
  mailId = (await t.handle.db.select().from(outbox))[0]!.id;
});
afterAll(() => t.close());

const ids = (): Record<string, number> => ({
  occasions: occasionId,
  registrations: registrationId,
  courses: courseId,
  goals: goalId,
  "workplace-merges": workplaceMergeId,
  "people-merges": personMergeId,
  mail: mailId,
});

/** Staff routes with their path parameters filled in with real rows of the organiser. */
function officeRoutes() {
  const seen = new Set<string>();
  return t.app.routes
    .filter((r) => r.path.startsWith("/api/office/") && r.method !== "ALL")
    .map((r) => ({
      method: r.method,
      path: r.path
        // Exports are named by their file ("finsam.csv"), first, before the ids are filled in.
        .replace(/:file\{([a-z]+)[^}]*\}/, "$1.csv")
        .replace(
          /\/(occasions|registrations|courses|goals|workplace-merges|people-merges|mail)\/:(?!file)[a-zA-Z]+/g,
          (_m, kind: string) => `/${kind}/${ids()[kind]}`,
        )
        // An effort's year: the course's id and a year.
        .replace("/efforts/:courseId/years/:year", `/efforts/${courseId}/years/2026`)
        // Course types are named by their code, which each organiser has its own of.
        .replace("/course-types/:code", "/course-types/handledarutbildning"),
      // Routes that name one of the organiser's rows by id.
      names:
        /\/(occasions|registrations|courses|goals|workplace-merges|people-merges|mail|efforts)\/:(?!file)[a-zA-Z]+/.test(
          r.path,
        ),
    }))
    .filter((r) => !seen.has(`${r.method} ${r.path}`) && seen.add(`${r.method} ${r.path}`))
    .map((r) => {
      // A parameter the matrix does not know how to fill would hide a missing guard.
      if (/:[a-zA-Z]/.test(r.path)) throw new Error(`okänd parameter i ${r.path}: lägg till den i ids()`);
      return r;
    });
}

describe("office routes", () => {
  it("has routes to check", () => {
    expect(officeRoutes().length).toBeGreaterThanOrEqual(2);
  });

  it("answers 401 to anonymous callers on every route", async () => {
    for (const r of officeRoutes()) {
      const res = await api(t.app, r.method, r.path, r.method === "GET" ? undefined : {});
      expect(res.status, `${r.method} ${r.path}`).toBe(401);
      expect(res.json.error.code).toBe("unauthenticated");
    }
  });

  it("answers 403 to a course leader on every route", async () => {
    for (const r of officeRoutes()) {
      const res = await staffApi(t, leader, r.method, r.path, r.method === "GET" ? undefined : {});
      expect(res.status, `${r.method} ${r.path}`).toBe(403);
    }
  });

  it("answers 403 to another organiser's office on every route that names an occasion", async () => {
    const named = officeRoutes().filter((x) => x.names);
    expect(named.length).toBeGreaterThan(0);
    for (const r of named) {
      const res = await staffApi(t, otherOffice, r.method, r.path, r.method === "GET" ? undefined : {});
      expect(res.status, `${r.method} ${r.path}`).toBe(403);
    }
  });

  it("lets the office in, and shows only its own organiser's occasions, drafts included", async () => {
    const draft = await t.occasion({ status: "draft" });
    const own = await staffApi(t, office, "GET", "/api/office/occasions");
    expect(own.status).toBe(200);
    const ids = own.json.occasions.map((o: { id: number }) => o.id);
    expect(ids).toEqual(expect.arrayContaining([occasionId, draft]));
    expect(own.json.occasions.find((o: { id: number }) => o.id === draft).status).toBe("draft");
    const other = await staffApi(t, otherOffice, "GET", "/api/office/occasions");
    expect(other.json.occasions).toEqual([]);
  });

  it("walks the needs and charges routes (issue 11), and lets the office use them", async () => {
    const walked = officeRoutes().map((r) => `${r.method} ${r.path}`);
    const expected = [
      `GET /api/office/occasions/${occasionId}/needs`,
      `POST /api/office/registrations/${registrationId}/charge`,
      "GET /api/office/charges",
      "GET /api/office/charges.csv",
    ];
    expect(walked).toEqual(expect.arrayContaining(expected));
    expect((await staffApi(t, office, "GET", expected[0]!.slice(4))).status).toBe(200);
    expect((await staffApi(t, office, "GET", "/api/office/charges")).status).toBe(200);
    expect((await staffApi(t, office, "GET", "/api/office/charges.xlsx")).status).toBe(200);
    // The organiser charges no fees until the office says so: a mark is refused, not forbidden.
    const mark = await staffApi(t, office, "POST", `/api/office/registrations/${registrationId}/charge`, {
      charge: "no-show",
    });
    expect(mark.status).toBe(409);
  });
});

/** Leader routes with real ids: an occasion, its first day, and a registration on it. */
async function leaderRoutes() {
  const { occasionDays } = await import("../../db/schema.ts");
  const { eq } = await import("drizzle-orm");
  const [day] = await t.handle.db.select().from(occasionDays).where(eq(occasionDays.occasionId, occasionId));
  const values: Record<string, number> = { id: occasionId, dayId: day!.id, registrationId };
  return t.app.routes
    .filter((r) => r.path.startsWith("/api/leader/") && r.method !== "ALL")
    .map((r) => ({
      method: r.method,
      path: r.path.replace(/:([a-zA-Z]+)/g, (_m, name: string) => {
        if (!(name in values)) throw new Error(`okänd parameter :${name} i ${r.path}`);
        return String(values[name]);
      }),
      names: r.path.includes(":"),
    }));
}

describe("leader routes", () => {
  it("answer 401 to anonymous callers, and 403 to a leader who does not lead the occasion or another organiser's staff", async () => {
    const notLeading = (await staffToken(t, "leader")).token;
    const routes = await leaderRoutes();
    expect(routes.filter((r) => r.names).length).toBeGreaterThanOrEqual(4);
    for (const r of routes) {
      const body = r.method === "GET" ? undefined : { status: "present" };
      expect((await api(t.app, r.method, r.path, body)).status, `${r.method} ${r.path}`).toBe(401);
      if (!r.names) continue;
      expect((await staffApi(t, notLeading, r.method, r.path, body)).status, `${r.method} ${r.path}`).toBe(403);
      expect((await staffApi(t, otherOffice, r.method, r.path, body)).status, `${r.method} ${r.path}`).toBe(403);
    }
  });

  it("include the needs counts, which the occasion's leader may read", async () => {
    const { occasionLeaders } = await import("../../db/schema.ts");
    const routes = (await leaderRoutes()).map((r) => `${r.method} ${r.path}`);
    expect(routes).toContain(`GET /api/leader/occasions/${occasionId}/needs`);
    const leading = await staffToken(t, "leader");
    await t.handle.db.insert(occasionLeaders).values({ occasionId, userId: leading.user.id });
    expect((await staffApi(t, leading.token, "GET", `/api/leader/occasions/${occasionId}/needs`)).status).toBe(200);
  });
});
