import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, createTestContext, person, type TestContext } from "../helpers/test-db.ts";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

describe("registration", () => {
  it("confirms while there are places, then waitlists in arrival order", async () => {
    const id = await t.occasion({ capacity: 2 });
    const a = await api(t.app, "POST", `/api/occasions/${id}/registrations`, person());
    const b = await api(t.app, "POST", `/api/occasions/${id}/registrations`, person());
    const c = await api(t.app, "POST", `/api/occasions/${id}/registrations`, person());
    const d = await api(t.app, "POST", `/api/occasions/${id}/registrations`, person());
    expect([a.status, b.status, c.status, d.status]).toEqual([201, 201, 201, 201]);
    expect(a.json.registration.status).toBe("confirmed");
    expect(b.json.registration.status).toBe("confirmed");
    expect(c.json.registration).toMatchObject({ status: "waitlisted", waitlistPosition: 1 });
    expect(d.json.registration).toMatchObject({ status: "waitlisted", waitlistPosition: 2 });
    const occ = await api(t.app, "GET", `/api/occasions/${id}`);
    expect(occ.json.occasion).toMatchObject({ spotsLeft: 0, capacity: 2, registrationOpen: true });
  });
});
