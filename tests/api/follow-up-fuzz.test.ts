// Whatever the office (or a script with its token) sends to the follow-up's routes, it gets
// a 4xx in Swedish or a success, never a 5xx, and a refused write changes nothing. The
// routes come from the app itself (as in the role matrix), so a new one is fuzzed too.
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, createTestContext, person, staffApi, staffToken, type TestContext } from "../helpers/test-db.ts";

let t: TestContext;
let office: string;
let occasionId: number;
beforeAll(async () => {
  t = await createTestContext();
  office = (await staffToken(t, "office")).token;
  occasionId = await t.occasion({ capacity: 5 });
  await api(t.app, "POST", `/api/occasions/${occasionId}/registrations`, person({ email: "fuzz.a@example.se" }));
  await api(
    t.app,
    "POST",
    `/api/occasions/${occasionId}/registrations`,
    person({ email: "fuzz.b@example.se", workplace: { name: "ICA Maxi", municipality: "Halmstad" } }),
  );
});
afterAll(() => t.close());

async function counts() {
  const [row] = await t.handle.db.all<Record<string, number>>(sql`
    SELECT (SELECT count(*) FROM goals) AS goals, (SELECT count(*) FROM workplace_merges) AS wm,
           (SELECT count(*) FROM person_merges) AS pm, (SELECT count(*) FROM course_types) AS ct,
           (SELECT count(*) FROM audit_log) AS audit`);
  return row!;
}

const FOLLOW_UP =
  /^\/api\/office\/(goals|workplaces|workplace-merges|people|people-merges|course-types|reports|registrations\/:file)/;

/** The follow-up's routes with their parameters filled with values a client might send. */
function routes() {
  const seen = new Set<string>();
  return t.app.routes
    .filter((r) => r.method !== "ALL" && FOLLOW_UP.test(r.path))
    .filter((r) => !seen.has(`${r.method} ${r.path}`) && seen.add(`${r.method} ${r.path}`))
    .map((r) => ({ method: r.method, path: r.path }));
}

const junk = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom("1", "0", "-1", "99999999999999999999", "abc", "2026", "x.csv", "%00", "'; DROP TABLE goals; --"),
);
const fill = (path: string, v: string) =>
  path
    .replace(/:file\{([a-z]+)[^}]*\}/, (_m, base: string) => `${base}.${v.length % 2 ? "csv" : "xlsx"}`)
    .replace(/:[a-zA-Z]+/g, encodeURIComponent(v));

describe("the follow-up's routes under random input", () => {
  it("has routes to fuzz", () => {
    expect(routes().length).toBeGreaterThanOrEqual(15);
  });

  it("never answer 5xx and never write when they refuse", async () => {
    const list = routes();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...list),
        junk,
        fc.dictionary(fc.constantFrom("year", "q", "from", "to", "omit"), junk, { maxKeys: 3 }),
        fc.anything({ maxDepth: 2 }),
        async (route, param, query, body) => {
          const before = await counts();
          const qs = new URLSearchParams(query as Record<string, string>).toString();
          const path = fill(route.path, param) + (qs ? `?${qs}` : "");
          const res = await staffApi(t, office, route.method, path, route.method === "GET" ? undefined : body);
          expect(res.status, `${route.method} ${path} → ${res.text.slice(0, 200)}`).toBeLessThan(500);
          if (res.status >= 400) {
            expect(res.json?.error?.message, path).toMatch(/[åäöÅÄÖ]|finns|ange|välj|skriv|okänd|giltig/i);
            expect(await counts()).toEqual(before);
          }
        },
      ),
      { numRuns: 250 },
    );
  });

  it("refuse the typical mistakes with a message at the field", async () => {
    const bad = await staffApi(t, office, "POST", "/api/office/goals", {
      year: 2026,
      kind: "vinst",
      basis: "attended",
      courseTypes: ["ingen-sadan"],
      target: 0,
      label: "",
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.json.error.fields).sort()).toEqual(["kind", "label", "target"]);
    const unknownType = await staffApi(t, office, "POST", "/api/office/goals", {
      year: 2026,
      kind: "staff",
      basis: "attended",
      courseTypes: ["ingen-sadan"],
      target: 5,
      label: "Medarbetare",
    });
    expect(unknownType.json.error.fields.courseTypes).toContain("Okänd kurstyp: ingen-sadan");
    const self = await staffApi(t, office, "POST", "/api/office/workplaces/merge", { into: 1, from: [1] });
    expect(self.json.error.fields.from).toBe("En arbetsplats kan inte slås ihop med sig själv.");
    const nobody = await staffApi(t, office, "POST", "/api/office/people/merge", {
      into: "fuzz.a@example.se",
      from: ["ingen@example.se"],
    });
    expect([nobody.status, nobody.json.error.message]).toEqual([404, "Ingen anmälan med adressen ingen@example.se."]);
    const period = await staffApi(
      t,
      office,
      "GET",
      "/api/office/registrations/export.csv?from=2026-06-01&to=2026-01-01",
    );
    expect(period.json.error.fields.to).toBe("Perioden slutar före den börjar.");
    const column = await staffApi(
      t,
      office,
      "GET",
      "/api/office/registrations/export.csv?from=2026-01-01&to=2026-12-31&omit=personnummer",
    );
    expect(column.status).toBe(400);
    expect(Object.values(column.json.error.fields)[0]).toContain("Okänd kolumn");
  });
});
