// Issue 13: before the office saves a change of an occasion it is told who gets mail and
// what the mail says (POST /api/office/occasions/:id/preview, the PATCH's body, nothing
// written); and the office's list of cancelled people says who cancelled, and when.
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { courses, registrations } from "../../db/schema.ts";
import { api, createTestContext, person, staffApi, staffToken, type TestContext } from "../helpers/test-db.ts";

let t: TestContext;
let office: string;
let courseId: number;
beforeAll(async () => {
  t = await createTestContext({ now: new Date("2026-03-02T08:00:00Z") });
  office = (await staffToken(t, "office")).token;
  const [c] = await t.handle.db.select().from(courses).where(eq(courses.organiserId, t.organiserId));
  courseId = c!.id;
});
afterAll(() => t?.close());

const twoDays = [
  { start: "2026-03-24T09:00", end: "2026-03-24T16:00" },
  { start: "2026-03-31T09:00", end: "2026-03-31T16:00" },
];

async function occasionWith(confirmed: number, waitlisted: number, status = "published") {
  const res = await staffApi(t, office, "POST", "/api/office/occasions", {
    courseId,
    days: twoDays,
    online: false,
    venue: "Folkets Hus Varberg",
    address: "Västra Vallgatan 9, Varberg",
    capacity: confirmed,
    status: "published",
  });
  expect(res.status).toBe(201);
  const id: number = res.json.occasion.id;
  for (let i = 0; i < confirmed + waitlisted; i++) {
    const r = await api(t.app, "POST", `/api/occasions/${id}/registrations`, person());
    expect(r.status).toBe(201);
  }
  if (status !== "published") await staffApi(t, office, "PATCH", `/api/office/occasions/${id}`, { status });
  const got = await staffApi(t, office, "GET", `/api/office/occasions/${id}`);
  return { id, dayIds: got.json.occasion.days.map((d: { id: number }) => d.id) as number[] };
}

/** Every row of every table, to show that a preview writes nothing. */
async function everything(): Promise<string> {
  const tables = await t.handle.db.all<{ name: string }>(
    sql`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' AND name <> 'rate_limits' ORDER BY name`,
  );
  const parts: string[] = [];
  for (const { name } of tables)
    parts.push(name, JSON.stringify(await t.handle.db.all(sql.raw(`SELECT * FROM "${name}" ORDER BY rowid`))));
  return parts.join("\n");
}

const preview = (id: number, body: unknown) => staffApi(t, office, "POST", `/api/office/occasions/${id}/preview`, body);

describe("previewing a change of an occasion", () => {
  it("counts the confirmed people and names each change, and writes nothing", async () => {
    const { id, dayIds } = await occasionWith(3, 2);
    // One of the three cancels: two confirmed left... and the first waitlisted moves up.
    const [first] = await t.handle.db.select().from(registrations).where(eq(registrations.occasionId, id));
    expect((await api(t.app, "DELETE", `/api/registrations/${first!.manageToken}`)).status).toBe(200);
    const body = {
      days: [
        { id: dayIds[0], start: "2026-03-24T09:00", end: "2026-03-24T16:00" },
        { id: dayIds[1], start: "2026-03-31T09:00", end: "2026-03-31T12:00" },
      ],
      venue: "Stadshuset Halmstad",
      address: "Stora torg 1, Halmstad",
    };
    const before = await everything();
    const res = await preview(id, body);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      notify: 3,
      promoted: 0,
      changes: [
        "Dag 2 har ny tid: tis 31 mars 2026, 09.00–12.00 (tidigare tis 31 mars 2026, 09.00–16.00).",
        "Ny plats: Stadshuset Halmstad, Stora torg 1, Halmstad (tidigare Folkets Hus Varberg, Västra Vallgatan 9, Varberg).",
      ],
    });
    expect(await everything()).toBe(before);
    // The save itself mails as many as the preview said.
    const saved = await staffApi(t, office, "PATCH", `/api/office/occasions/${id}`, body);
    expect(saved.status).toBe(200);
    expect(saved.json.notified).toBe(res.json.notify);
  });

  it("has nothing to tell when only the places grow or the label changes, but counts who moves up", async () => {
    const { id } = await occasionWith(2, 3);
    const res = await preview(id, { capacity: 4, label: "Vår" });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ notify: 0, changes: [], promoted: 2 });
    const days = await preview(id, { days: twoDays.slice(0, 1) });
    expect(days.json.changes).toEqual(["Inställd dag: tis 31 mars 2026, 09.00–16.00."]);
    expect(days.json.notify).toBe(2);
  });

  it("tells nobody of a draft's change", async () => {
    const { id } = await occasionWith(1, 0, "draft");
    const res = await preview(id, { days: [{ start: "2026-03-25T09:00", end: "2026-03-25T16:00" }] });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ notify: 0, changes: [], promoted: 0 });
  });

  it("refuses what the change would refuse, the same way, and writes nothing", async () => {
    const { id } = await occasionWith(3, 0);
    const before = await everything();
    const small = await preview(id, { capacity: 2 });
    expect(small.status).toBe(409);
    expect(small.json.error.code).toBe("capacity_below_confirmed");
    const bad = await preview(id, { days: [{ start: "2026-03-24T16:00", end: "2026-03-24T09:00" }] });
    expect(bad.status).toBe(400);
    expect(bad.json.error.fields["days.0.end"]).toBe("Sluttiden måste vara efter starttiden.");
    const junk = await preview(id, { capacity: "många" });
    expect(junk.status).toBe(400);
    expect((await preview(999_999, {})).status).toBe(404);
    expect(await everything()).toBe(before);
  });
});

describe("the office's list of cancelled and moved people", () => {
  it("says who ended each place and when", async () => {
    const { id } = await occasionWith(3, 0);
    const other = await occasionWith(1, 0);
    const regs = await t.handle.db
      .select()
      .from(registrations)
      .where(eq(registrations.occasionId, id))
      .orderBy(registrations.id);
    const [self, byOffice, moved] = regs as [(typeof regs)[0], (typeof regs)[0], (typeof regs)[0]];
    t.now.value = new Date("2026-03-03T09:00:00Z");
    expect((await api(t.app, "DELETE", `/api/registrations/${self.manageToken}`)).status).toBe(200);
    t.now.value = new Date("2026-03-04T10:00:00Z");
    expect((await staffApi(t, office, "POST", `/api/office/registrations/${byOffice.id}/cancel`, {})).status).toBe(200);
    // The other occasion has room for one more.
    await staffApi(t, office, "PATCH", `/api/office/occasions/${other.id}`, { capacity: 2 });
    t.now.value = new Date("2026-03-05T11:00:00Z");
    const mv = await staffApi(t, office, "POST", `/api/office/registrations/${moved.id}/move`, {
      occasionId: other.id,
    });
    expect(mv.status).toBe(200);
    t.now.value = new Date("2026-03-02T08:00:00Z");

    const res = await staffApi(t, office, "GET", `/api/office/occasions/${id}`);
    const row = (rid: number) => res.json.registrations.find((r: { id: number }) => r.id === rid);
    expect(row(self.id)).toMatchObject({
      status: "cancelled",
      cancelledBy: "self",
      cancelledAt: "2026-03-03T09:00:00.000Z",
      movedTo: null,
    });
    expect(row(byOffice.id)).toMatchObject({
      cancelledBy: "office",
      cancelledAt: "2026-03-04T10:00:00.000Z",
      movedTo: null,
    });
    expect(row(moved.id)).toMatchObject({
      cancelledBy: "moved",
      cancelledAt: "2026-03-05T11:00:00.000Z",
      movedTo: { id: other.id, startsAt: "2026-03-24T08:00:00.000Z" },
    });
    expect(row(moved.id).movedTo.title).toMatch(/\S/);
    // Nobody still in the list has any of it.
    const stays = res.json.registrations.filter((r: { status: string }) => r.status !== "cancelled");
    expect(stays.every((r: { cancelledBy: null; cancelledAt: null }) => !r.cancelledBy && !r.cancelledAt)).toBe(true);
  });
});
