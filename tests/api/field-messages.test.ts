// Issue 13: field messages say what is wrong (empty vs. too short), and the staff forms about
// someone else speak of "deltagarens" name, never "ditt"/"du".
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { occasionDays, occasionLeaders } from "../../db/schema.ts";
import { api, createTestContext, person, staffApi, staffToken, type TestContext } from "../helpers/test-db.ts";

let t: TestContext;
let office: string;
let leader: string;
let occasionId: number;
let dayId: number;
beforeAll(async () => {
  t = await createTestContext();
  const l = await staffToken(t, "leader");
  leader = l.token;
  office = (await staffToken(t, "office")).token;
  occasionId = await t.occasion({ capacity: 5, inDays: 1 / 24 });
  await t.handle.db.insert(occasionLeaders).values({ occasionId, userId: l.user.id });
  dayId = (await t.handle.db.select().from(occasionDays).where(eq(occasionDays.occasionId, occasionId)))[0]!.id;
});
afterAll(() => t.close());

const tooShort = {
  name: "A",
  email: "",
  party: "halmstad",
  workplace: { name: "B", municipality: "H" },
};
const empty = { name: "  ", email: "", party: "halmstad", workplace: { name: "", municipality: "" } };

describe("the public form's messages", () => {
  it("says a one-letter name or municipality is too short", async () => {
    const res = await api(t.app, "POST", `/api/occasions/${occasionId}/registrations`, person(tooShort));
    expect(res.status).toBe(400);
    expect(res.json.error.fields).toMatchObject({
      name: "Namnet behöver vara minst 2 tecken.",
      email: "Skriv din e-postadress.",
      "workplace.name": "Arbetsplatsens namn behöver vara minst 2 tecken.",
      "workplace.municipality": "Kommunens namn behöver vara minst 2 tecken.",
    });
  });

  it("asks for an empty or missing field", async () => {
    const res = await api(t.app, "POST", `/api/occasions/${occasionId}/registrations`, person(empty));
    expect(res.json.error.fields).toMatchObject({
      name: "Skriv ditt namn.",
      "workplace.name": "Skriv arbetsplatsens namn.",
      "workplace.municipality": "Skriv kommun.",
    });
    const missing = await api(t.app, "POST", `/api/occasions/${occasionId}/registrations`, {
      ...person(),
      name: undefined,
    });
    expect(missing.json.error.fields.name).toBe("Skriv ditt namn.");
  });
});

const SECOND_PERSON = /\b(du|ditt|din|dina|dig)\b/i;

describe("staff registering someone else", () => {
  for (const [who, path, token] of [
    ["the office's hand registration", () => `/api/office/occasions/${occasionId}/registrations`, () => office],
    ["the leader's walk-in", () => `/api/leader/occasions/${occasionId}/days/${dayId}/walk-ins`, () => leader],
  ] as const) {
    it(`${who}: third-person messages`, async () => {
      const res = await staffApi(t, token(), "POST", path(), empty);
      expect(res.status).toBe(400);
      const fields = res.json.error.fields as Record<string, string>;
      expect(fields).toMatchObject({ name: "Skriv deltagarens namn.", email: "Skriv deltagarens e-postadress." });
      for (const message of Object.values(fields)) expect(message).not.toMatch(SECOND_PERSON);
      const short = await staffApi(t, token(), "POST", path(), tooShort);
      expect(short.json.error.fields).toMatchObject({
        name: "Namnet behöver vara minst 2 tecken.",
        "workplace.municipality": "Kommunens namn behöver vara minst 2 tecken.",
      });
    });
  }
});
