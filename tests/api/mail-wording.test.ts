// Issue 13: what the mails promise. The waiting list is told the invitation comes with a place
// (nothing to download meanwhile), and the reminder says "Välkommen!" once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queueReminders } from "../../server/domain/registration.ts";
import { api, createTestContext, person, type TestContext } from "../helpers/test-db.ts";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const register = (id: number, body: unknown) => api(t.app, "POST", `/api/occasions/${id}/registrations`, body);
const count = (text: string, word: string) => text.split(word).length - 1;

describe("mail wording", () => {
  it("the waiting-list mail and the repeat link to a waitlisted person offer no invitation to download", async () => {
    const id = await t.occasion({ capacity: 1 });
    await register(id, person({ email: "forst@example.se" }));
    t.sent.length = 0;
    // Past the quiet time after her last mail, so asking again mails her the link.
    t.now.value = new Date(t.now.value.getTime() + 11 * 60_000);
    await register(id, person({ name: "Vera Väntar", email: "vera@example.se" }));
    await t.drain();
    const waiting = t.sent.find((m) => m.to.includes("vera@example.se"))!;
    expect(waiting.subject).toMatch(/^Väntelista:/);
    expect(waiting.calendar ?? null).toBeNull();
    expect(waiting.text).toContain("Kalenderinbjudan får du när du har fått en plats");
    expect(waiting.text).not.toMatch(/ladda ner/i);

    t.sent.length = 0;
    // Past the quiet time after her last mail, so asking again mails her the link.
    t.now.value = new Date(t.now.value.getTime() + 11 * 60_000);
    await register(id, person({ name: "Vera Väntar", email: "vera@example.se" }));
    await t.drain();
    const link = t.sent.find((m) => m.to.includes("vera@example.se"))!;
    expect(link.text).toContain("Kalenderinbjudan får du när du har fått en plats");
    expect(link.text).not.toMatch(/ladda ner/i);
  });

  it("the reminder says Välkommen once", async () => {
    const id = await t.occasion({ capacity: 5, inDays: 1 });
    await register(id, person({ name: "Rut Påmind", email: "rut@example.se" }));
    await t.drain();
    t.sent.length = 0;
    expect(await queueReminders(t.handle.db, t.now.value)).toBeGreaterThan(0);
    await t.drain();
    const reminder = t.sent.find((m) => m.to.includes("rut@example.se") && m.subject.startsWith("Påminnelse"))!;
    expect(reminder).toBeDefined();
    expect(count(reminder.text, "Välkommen")).toBe(1);
    expect(count(reminder.html ?? "", "Välkommen")).toBe(1);
  });
});
