// Whatever a client sends, it gets a 4xx with { error: { code, message } } in Swedish,
// never a 500, and nothing is written.
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, createTestContext, person, type TestContext } from "../helpers/test-db.ts";

let t: TestContext;
let open: number;
let closed: number;
let past: number;
beforeAll(async () => {
  t = await createTestContext();
  open = await t.occasion({ capacity: 5 });
  closed = await t.occasion({ closesAt: new Date(t.now.value.getTime() - 60_000) });
  past = await t.occasion({ inDays: -10 });
});
afterAll(() => t.close());

async function rowCounts() {
  const [row] = await t.handle.db.all<{ r: number; w: number; o: number }>(
    sql`SELECT (SELECT count(*) FROM registrations) AS r, (SELECT count(*) FROM workplaces) AS w, (SELECT count(*) FROM outbox) AS o`,
  );
  return row;
}

const SWEDISH = /[åäöÅÄÖ]|\b(är|inte|finns|skriv|välj|ska|får|förfrågan|anmälan)\b/i;

function expectClientError(res: { status: number; json: any }, code?: string) {
  expect(res.status, JSON.stringify(res.json)).toBeGreaterThanOrEqual(400);
  expect(res.status).toBeLessThan(500);
  expect(res.json?.error?.code).toBeTypeOf("string");
  expect(res.json.error.message).toMatch(SWEDISH);
  if (code) expect(res.json.error.code).toBe(code);
}

describe("bad registration input", () => {
  const cases: [string, () => unknown, string, string?][] = [
    ["malformed JSON", () => '{"name": "Anna', "malformed_json"],
    ["a JSON array", () => "[1,2,3]", "invalid_input"],
    ["JSON null", () => "null", "invalid_input"],
    ["an empty object", () => ({}), "invalid_input", "name"],
    ["a number for the name", () => person({ name: 42 }), "invalid_input", "name"],
    ["a missing e-mail", () => ({ ...person(), email: undefined }), "invalid_input", "email"],
    ["an e-mail that is not one", () => person({ email: "anna.example.se" }), "invalid_input", "email"],
    ["an e-mail with spaces inside", () => person({ email: "anna lind@example.se" }), "invalid_input", "email"],
    ["a missing workplace", () => ({ ...person(), workplace: undefined }), "invalid_input", "workplace"],
    [
      "a workplace without municipality",
      () => person({ workplace: { name: "Café Solrosen" } }),
      "invalid_input",
      "workplace.municipality",
    ],
    [
      "an organisation number failing the Luhn check",
      () => person({ workplace: { name: "Café", municipality: "Halmstad", orgNumber: "999999-0007" } }),
      "invalid_input",
      "workplace.orgNumber",
    ],
    [
      "an organisation number of the wrong length",
      () => person({ workplace: { name: "Café", municipality: "Halmstad", orgNumber: "12345" } }),
      "invalid_input",
      "workplace.orgNumber",
    ],
    ["an unknown party", () => person({ party: "nasa" }), "invalid_input", "party"],
    ["an unknown gender", () => person({ gender: "robot" }), "invalid_input", "gender"],
    ["privacy not accepted", () => person({ acceptPrivacy: false }), "invalid_input", "acceptPrivacy"],
    ["privacy as a string", () => person({ acceptPrivacy: "true" }), "invalid_input", "acceptPrivacy"],
    ["a 1000-character role", () => person({ role: "x".repeat(1000) }), "invalid_input", "role"],
    ["a 5 MB name", () => person({ name: "A".repeat(5 * 1024 * 1024) }), "payload_too_large"],
  ];

  for (const [label, body, code, field] of cases) {
    it(`refuses ${label}`, async () => {
      const before = await rowCounts();
      const res = await api(t.app, "POST", `/api/occasions/${open}/registrations`, body());
      expectClientError(res, code);
      if (field) expect(Object.keys(res.json.error.fields ?? {})).toContain(field);
      if (field) expect(res.json.error.fields[field]).toMatch(SWEDISH);
      expect(await rowCounts()).toEqual(before);
    });
  }

  it("refuses a body that is not JSON", async () => {
    const before = await rowCounts();
    const res = await t.app.request(`/api/occasions/${open}/registrations`, {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: "name=Anna",
    });
    expectClientError({ status: res.status, json: await res.json() });
    expect(await rowCounts()).toEqual(before);
  });

  it("refuses unknown, past and closed occasions and odd ids", async () => {
    const before = await rowCounts();
    expectClientError(await api(t.app, "POST", `/api/occasions/987654/registrations`, person()), "occasion_not_found");
    expectClientError(await api(t.app, "POST", `/api/occasions/${past}/registrations`, person()), "occasion_past");
    expectClientError(
      await api(t.app, "POST", `/api/occasions/${closed}/registrations`, person()),
      "registration_closed",
    );
    for (const id of ["abc", "-1", "1.5", "99999999999999999999", "1;DROP TABLE registrations"]) {
      expectClientError(await api(t.app, "POST", `/api/occasions/${encodeURIComponent(id)}/registrations`, person()));
      expectClientError(await api(t.app, "GET", `/api/occasions/${encodeURIComponent(id)}`));
    }
    expect(await rowCounts()).toEqual(before);
  });

  it("answers unknown routes with a JSON 404", async () => {
    const res = await api(t.app, "GET", "/api/nothing-here");
    expectClientError(res, "not_found");
  });

  it("never answers 5xx nor writes a half registration, whatever JSON comes in", async () => {
    const before = await rowCounts();
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            name: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
            email: fc.oneof(
              fc.string(),
              fc.emailAddress().map((e) => `${e}x@`),
              fc.constant(undefined),
            ),
            party: fc.oneof(fc.constantFrom("fk", "af", "xx", ""), fc.integer()),
            workplace: fc.oneof(
              fc.constant(null),
              fc.record({ name: fc.string(), municipality: fc.string(), orgNumber: fc.string() }),
            ),
            gender: fc.oneof(fc.string(), fc.constant("kvinna")),
            acceptPrivacy: fc.oneof(fc.boolean(), fc.constant("ja")),
          },
          { requiredKeys: [] },
        ),
        async (body) => {
          const res = await api(t.app, "POST", `/api/occasions/${open}/registrations`, body);
          expect(res.status).toBeLessThan(500);
          if (res.status >= 400) expect(res.json.error.code).toBeTypeOf("string");
        },
      ),
      { numRuns: 150 },
    );
    // Random input may by chance be valid; every one that was accepted is whole (has its mail).
    const after = await rowCounts();
    expect(after!.r - before!.r).toBe(after!.o - before!.o);
  });
});

describe("bad input elsewhere", () => {
  it("refuses query parameters it does not understand", async () => {
    expectClientError(await api(t.app, "GET", "/api/occasions?courseType=%00"), "invalid_input");
    expectClientError(await api(t.app, "GET", "/api/parties?organiser=okand"), "organiser_not_found");
  });
});
