// Every route of the app, fuzzed (issue 10): whatever a client sends in the path, the query
// and the body, the answer is never a 5xx, is JSON with a Swedish message when refused, and a
// refused request changes no row in any table. The routes are read from `app.routes`, so a
// route added later is fuzzed without touching this file. Bodies are random JSON, not JSON at
// all, or a valid body for the route with one field broken (so the domain rules are reached,
// not only the schema).
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { courses, occasionDays, registrations, workplaces } from "../../db/schema.ts";
import {
  api,
  createTestContext,
  person,
  readAnswer,
  staffApi,
  staffToken,
  type TestContext,
} from "../helpers/test-db.ts";

/** Requests per run; each is checked against a snapshot of every table. */
const REQUESTS = 1200;

let t: TestContext;
let office: string;
const ids: Record<string, (number | string)[]> = {};

beforeAll(async () => {
  t = await createTestContext();
  office = (await staffToken(t, "office")).token;
  // A small world with something of each kind, so known ids lead past the "not found".
  const open = await t.occasion({ capacity: 2, dayCount: 2 });
  const other = await t.occasion({ capacity: 5, inDays: 30 });
  const past = await t.occasion({ inDays: -20 });
  const draft = await t.occasion({ status: "draft" });
  const cancelled = await t.occasion({ status: "cancelled" });
  for (let i = 0; i < 3; i++) await api(t.app, "POST", `/api/occasions/${open}/registrations`, person());
  await api(t.app, "POST", `/api/occasions/${other}/registrations`, person());
  const goal = await staffApi(t, office, "POST", "/api/office/goals", {
    year: 2026,
    kind: "staff",
    basis: "attended",
    courseTypes: [],
    target: 10,
    label: "Personal",
  });
  expect(goal.status).toBe(201);
  const regs = await t.handle.db.select().from(registrations);
  const days = await t.handle.db.select().from(occasionDays);
  const wps = await t.handle.db.select().from(workplaces);
  ids.id = [open, other, past, draft, cancelled, goal.json.goal.id, ...regs.map((r) => r.id)];
  ids.dayId = days.map((d) => d.id);
  ids.registrationId = regs.map((r) => r.id);
  ids.token = regs.map((r) => r.manageToken);
  ids.code = ["handledarutbildning", "temadag", "finns-inte"];
  ids.workplaceId = wps.map((w) => w.id);
  ids.courseId = (await t.handle.db.select().from(courses)).map((c) => c.id);
  ids.year = [2026, 2025, 1999];
}, 60_000);
afterAll(() => t?.close());

interface Route {
  method: string;
  path: string;
  params: { name: string; pattern?: string }[];
}

function appRoutes(): Route[] {
  const seen = new Map<string, Route>();
  for (const r of t.app.routes) {
    if (!["GET", "POST", "PUT", "PATCH", "DELETE"].includes(r.method) || !r.path.startsWith("/api")) continue;
    const key = `${r.method} ${r.path}`;
    if (seen.has(key)) continue;
    const params = [...r.path.matchAll(/:(\w+)(\{[^}]*\})?/g)].map((m) => ({ name: m[1]!, pattern: m[2] }));
    seen.set(key, { method: r.method, path: r.path, params });
  }
  return [...seen.values()];
}

/** A path segment: a known id, a number that is not one, or something that is not a number at all. */
function paramValue(p: { name: string; pattern?: string }): fc.Arbitrary<string> {
  if (p.pattern) {
    // File-name routes (`/:file{finsam\.(?:csv|xlsx)}`): a name that matches, or one that does not.
    return fc.constantFrom(
      "finsam.csv",
      "finsam.xlsx",
      "year.csv",
      "year.xlsx",
      "export.csv",
      "export.xlsx",
      "finsam.pdf",
      "x.csv",
    );
  }
  const known = ids[p.name] ?? ids.id!;
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...known).map(String) },
    { weight: 1, arbitrary: fc.integer({ min: -5, max: 100_000 }).map(String) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        "0",
        "-1",
        "1.5",
        "1e3",
        "99999999999999999999",
        "abc",
        "null",
        "%00",
        "%F0%9F%92%A9",
        "' OR 1=1",
        "..%2F..",
      ),
    },
    { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 12 }).map(encodeURIComponent) },
  );
}

const QUERY_KEYS = [
  "year",
  "from",
  "to",
  "q",
  "columns",
  "organiser",
  "token",
  "status",
  "period",
  "occasionId",
  "courseType",
  "x",
];
const queryValue = fc.oneof(
  fc.constantFrom(
    "2026",
    "2025",
    "1900",
    "99999",
    "-1",
    "",
    "2026-03-01",
    "2026-13-45",
    "name,email",
    "a".repeat(300),
    "halland",
    "null",
  ),
  fc.integer().map(String),
  fc.string({ maxLength: 20 }),
);
const query = fc.dictionary(fc.constantFrom(...QUERY_KEYS), queryValue, { maxKeys: 3 });

/** A valid body per route (as far as a fixed world allows), to be broken in one place. */
function template(route: Route): Record<string, unknown> | null {
  const key = `${route.method} ${route.path.replace(/\{[^}]*\}/g, "")}`;
  const day = { start: "2026-05-12T09:00", end: "2026-05-12T16:00" };
  const who = {
    name: "Fuzz Fuzzdóttir",
    email: "fuzz@example.se",
    party: "af",
    workplace: { name: "Fuzzverket", municipality: "Falkenberg" },
    role: "Handläggare",
  };
  const templates: Record<string, Record<string, unknown>> = {
    "POST /api/occasions/:id/registrations": { ...who, acceptPrivacy: true },
    "POST /api/checkin": { dayId: ids.dayId![0], code: "ABCD12", email: "fuzz@example.se" },
    "POST /api/auth/link": { email: "office@halland.example.se" },
    "POST /api/auth/sign-in": { token: "x".repeat(40) },
    "POST /api/office/courses": { title: "Fuzzkurs", courseType: "temadag", responsiblePartyCode: "af" },
    "PATCH /api/office/courses/:id": { title: "Fuzzkurs, ändrad" },
    "POST /api/office/occasions": {
      courseId: 1,
      days: [day],
      online: false,
      venue: "Fuzzhuset",
      capacity: 5,
      status: "published",
      leaderIds: [],
    },
    "PATCH /api/office/occasions/:id": { days: [day], capacity: 7, leaderIds: [] },
    "POST /api/office/occasions/:id/preview": { days: [day], capacity: 7, venue: "Fuzzhuset" },
    "POST /api/office/occasions/:id/cancel": { message: "Inställt" },
    "POST /api/office/occasions/:id/copy": { firstDay: "2026-09-01" },
    "POST /api/office/occasions/:id/registrations": who,
    "POST /api/office/occasions/:id/message": { subject: "Hej", body: "Ett meddelande." },
    "POST /api/office/registrations/:id/move": { occasionId: ids.id![1] },
    "POST /api/office/goals": {
      year: 2026,
      kind: "workplaces",
      basis: "attended",
      courseTypes: [],
      target: 100,
      label: "Arbetsplatser",
    },
    "POST /api/office/goals/copy": { from: 2026, to: 2027 },
    "PATCH /api/office/goals/:id": { target: 50 },
    "POST /api/office/workplaces/merge": { fromId: ids.workplaceId![0], intoId: ids.workplaceId![0] },
    "POST /api/office/people/merge": { from: "a@example.se", into: "b@example.se" },
    "POST /api/office/course-types": { code: "fuzztyp", name: "Fuzztyp" },
    "PATCH /api/office/course-types/:code": { name: "Nytt namn" },
    "PATCH /api/office/efforts/:courseId/years/:year": { budgetKr: 25_000, outcomeKr: null, plannedParticipants: 20 },
    "PUT /api/leader/occasions/:id/days/:dayId/attendance/:registrationId": { status: "present" },
    "POST /api/leader/occasions/:id/days/:dayId/walk-ins": who,
  };
  return templates[key] ?? null;
}

const anyJson = fc.jsonValue({ maxDepth: 3 });
const broken = (tpl: Record<string, unknown>) =>
  fc.oneof(
    // One field replaced by anything (wrong type, huge, null, nested).
    fc
      .record({
        k: fc.constantFrom(...Object.keys(tpl)),
        v: fc.oneof(
          anyJson,
          fc.constantFrom(
            null,
            "",
            " ",
            -1,
            0,
            1e308,
            "a".repeat(5000),
            [1, 1],
            [null],
            {},
            "<script>x</script>",
            "javascript:alert(1)",
          ),
        ),
      })
      .map(({ k, v }) => ({ ...tpl, [k]: v })),
    // One field left out.
    fc.constantFrom(...Object.keys(tpl)).map((k) => Object.fromEntries(Object.entries(tpl).filter(([x]) => x !== k))),
    // Valid as it is (so later requests meet a changed world), or with a field it does not know.
    fc.constant(tpl),
    fc.constant({ ...tpl, okänt: true }),
  );

function body(route: Route): fc.Arbitrary<unknown> {
  const tpl = template(route);
  const generic = fc.oneof(
    fc.constant(undefined),
    anyJson,
    fc.constantFrom("{", "null", "[]", '"text"', '{"a":', "\u0000", "{}"),
    fc.object({ maxDepth: 2 }),
  );
  return tpl ? fc.oneof({ weight: 3, arbitrary: broken(tpl) }, { weight: 1, arbitrary: generic }) : generic;
}

/** Every row of every table (the rate-limit counters excepted: refused requests may count). */
async function snapshot(): Promise<string> {
  const tables = await t.handle.db.all<{ name: string }>(
    sql`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' AND name <> 'rate_limits' ORDER BY name`,
  );
  const parts: string[] = [];
  for (const { name } of tables)
    parts.push(name, JSON.stringify(await t.handle.db.all(sql.raw(`SELECT * FROM "${name}" ORDER BY rowid`))));
  return parts.join("\n");
}

const SWEDISH = /[åäöÅÄÖ]|\b(är|inte|finns|skriv|välj|ange|ska|får|förfrågan|anmälan|saknas|högst|minst)\b/i;

describe("every route, fuzzed", () => {
  it(`answers ${REQUESTS} random requests over every route without a 5xx, and a refused one writes nothing`, async () => {
    const routes = appRoutes();
    expect(routes.length).toBeGreaterThan(50);
    const counts = { refused: 0, accepted: 0 };
    let before = await snapshot();
    const request = fc.constantFrom(...routes).chain((route) =>
      fc.record({
        route: fc.constant(route),
        params: fc.tuple(...route.params.map(paramValue)),
        query,
        body: route.method === "GET" || route.method === "DELETE" ? fc.constant(undefined) : body(route),
        asStaff: fc.boolean(),
      }),
    );
    await fc.assert(
      fc.asyncProperty(request, async ({ route, params, query: q, body: b, asStaff }) => {
        let i = 0;
        const path = route.path.replace(/:(\w+)(\{[^}]*\})?/g, () => params[i++]!);
        const qs = new URLSearchParams(q).toString();
        const url = qs ? `${path}?${qs}` : path;
        const staff = asStaff || route.path.startsWith("/api/office") || route.path.startsWith("/api/leader");
        const res = staff
          ? await staffApi(t, office, route.method, url, b)
          : await readAnswer(
              await t.app.request(url, {
                method: route.method,
                headers: b === undefined ? {} : { "content-type": "application/json" },
                body: b === undefined ? undefined : typeof b === "string" ? b : JSON.stringify(b),
              }),
            );
        const what = `${route.method} ${url} ${typeof b === "string" ? b : JSON.stringify(b)?.slice(0, 300)} → ${res.status} ${res.text.slice(0, 300)}`;
        expect(res.status, what).toBeLessThan(500);
        const after = await snapshot();
        if (res.status >= 400) {
          counts.refused++;
          expect(res.json?.error?.code, what).toBeTypeOf("string");
          expect(res.json.error.message, what).toMatch(SWEDISH);
          expect(after === before, `a refused request changed a table: ${what}`).toBe(true);
        } else counts.accepted++;
        before = after;
      }),
      // No shrinking: the world changes with each accepted request, so a shrunk case would not replay.
      { numRuns: REQUESTS, endOnFailure: true },
    );
    // The walk reached the rules, not only the schema: some requests were accepted.
    expect(counts.accepted).toBeGreaterThan(REQUESTS / 20);
    console.log(
      `route fuzz: ${routes.length} routes, ${REQUESTS} requests, ${counts.accepted} accepted, ${counts.refused} refused`,
    );
  }, 300_000);
});
