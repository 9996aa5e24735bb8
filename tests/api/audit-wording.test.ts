// The audit log as the office reads it: every line the log page shows for entries the server
// really writes (courses with evaluation questions, occasions, hand registrations, marks, a
// closed day, goals, an effort's budget, a cancellation, a fee mark) starts with a Swedish
// label, never a bare field name such as "evaluated:" or "dayStartsAt:", and every action
// has its Swedish name. A new field written to the log without a label fails here.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actionText, changeLines } from "../../web/src/audit-text.ts";
import { createTestContext, person, staffApi, staffToken, type TestContext } from "../helpers/test-db.ts";

let t: TestContext;
let office: string;

const call = async (method: string, path: string, body?: unknown) => {
  const r = await staffApi(t, office, method, path, body);
  expect(r.status, `${method} ${path}: ${r.text.slice(0, 300)}`).toBeLessThan(300);
  return r.json;
};

beforeAll(async () => {
  t = await createTestContext({ now: new Date("2026-03-02T08:00:00Z") });
  office = (await staffToken(t, "office")).token;
  const course = await call("POST", "/api/office/courses", {
    title: "Samverkan i praktiken",
    courseType: "temadag",
    responsiblePartyCode: "fk",
    evaluated: true,
    evaluationQuestions: [{ kind: "grade", text: "Hur var lokalen?" }],
  });
  const courseId = course.course.id as number;
  await call("PATCH", `/api/office/courses/${courseId}`, {
    evaluated: false,
    evaluationQuestions: [{ kind: "text", text: "Något mer?" }],
    reminderDaysBefore: 3,
  });
  const occ = await call("POST", "/api/office/occasions", {
    courseId,
    days: [{ start: "2026-03-03T09:00", end: "2026-03-03T16:00", breakMinutes: 60 }],
    online: false,
    venue: "Folkets Hus Halmstad",
    capacity: 10,
    status: "published",
  });
  const occasionId = occ.occasion.id as number;
  const dayId = occ.occasion.days[0].id as number;
  await call("PATCH", `/api/office/occasions/${occasionId}`, { capacity: 12, venue: "Stadsbiblioteket" });
  const a = await call("POST", `/api/office/occasions/${occasionId}/registrations`, person());
  const b = await call("POST", `/api/office/occasions/${occasionId}/registrations`, person());
  const c = await call("POST", `/api/office/occasions/${occasionId}/registrations`, person());
  await call("PUT", `/api/leader/occasions/${occasionId}/days/${dayId}/attendance/${a.registration.id}`, {
    status: "present",
  });
  await call("PATCH", `/api/office/registrations/${a.registration.id}`, {
    name: "Rättat Namn",
    role: "Arbetskonsulent",
    party: "halmstad",
    workplace: { name: "Arbetsmarknadsenheten", municipality: "Halmstad" },
  });
  await call("POST", `/api/office/registrations/${c.registration.id}/cancel`, {});
  await call("POST", `/api/leader/occasions/${occasionId}/days/${dayId}/close`, {});
  t.now.value = new Date("2026-03-03T16:00:00Z"); // the day is over: a no-show can be marked
  await call("PATCH", "/api/office/settings", { lateCancelDays: 7 });
  await call("POST", `/api/office/registrations/${b.registration.id}/charge`, { charge: "no-show" });
  await call("POST", "/api/office/goals", {
    year: 2026,
    label: "Medarbetare",
    kind: "staff",
    basis: "attended",
    courseTypes: ["temadag"],
    target: 200,
  });
  await call("PATCH", `/api/office/efforts/${courseId}/years/2026`, { budgetKr: 25_000, plannedParticipants: 30 });
}, 60_000);
afterAll(() => t?.close());

describe("the audit log's wording", () => {
  it("has a Swedish name for every action and a Swedish label on every line", async () => {
    const entries = (await call("GET", "/api/office/audit")).entries as any[];
    const actions = new Set(entries.map((e) => e.action));
    // What the setup did, so a silently failed step cannot make this pass.
    for (const a of [
      "course.create",
      "course.update",
      "occasion.create",
      "occasion.update",
      "registration.create",
      "attendance.mark",
      "attendance.close-day",
      "registration.charge",
      "registration.update",
      "registration.cancel",
      "settings.update",
      "goal.create",
      "effort.update",
    ])
      expect(actions, a).toContain(a);
    const names = {
      staff: () => "Test office",
      occasion: () => "Samverkan i praktiken",
      courseType: () => "Temadag",
      party: () => "Försäkringskassan",
    };
    for (const e of entries) {
      expect(actionText(e.action), e.action).not.toMatch(/^Ändring \(/);
      for (const line of changeLines(e, names)) {
        // A label is Swedish words starting with a capital; a field name is camelCase or lower case.
        expect(line, `${e.action}: ${line}`).toMatch(/^[A-ZÅÄÖ]/);
        expect(line, `${e.action}: ${line}`).not.toMatch(/^[A-Za-z]*[a-z][A-Z][A-Za-z]*[: ]/);
        expect(line, `${e.action}: ${line}`).not.toMatch(/[{}[\]"]/);
      }
    }
  });

  it("words the new course's evaluation and certificate settings and the effort's figures", async () => {
    const entries = (await call("GET", "/api/office/audit")).entries as any[];
    const names = {
      staff: () => "",
      occasion: () => "",
      courseType: () => "Temadag",
      party: (code: string) => ({ fk: "Försäkringskassan", halmstad: "Halmstads kommun" })[code],
    };
    const created = changeLines(
      entries.find((e) => e.action === "course.create"),
      names,
    );
    expect(created).toContain("Utvärdering efter kursen: Ja");
    expect(created).toContain("Egna frågor i utvärderingen: ”Hur var lokalen?”");
    const updated = changeLines(
      entries.find((e) => e.action === "course.update"),
      names,
    );
    expect(updated).toContain("Utvärdering efter kursen: Ja → Nej");
    const corrected = changeLines(
      entries.find((e) => e.action === "registration.update"),
      names,
    );
    expect(corrected).toContain("Arbetsplats: Arbetsmarknadsenheten (Halmstad)");
    expect(corrected).toContain("Roll: Handläggare → Arbetskonsulent");
    expect(corrected).toContain("Arbetsgivare: Försäkringskassan → Halmstads kommun");
    const settings = changeLines(
      entries.find((e) => e.action === "settings.update"),
      names,
    );
    expect(settings).toEqual(["Sen avbokning (dagar före): (tomt) → 7 dagar"]);
    const effort = changeLines(
      entries.find((e) => e.action === "effort.update"),
      names,
    );
    expect(effort).toEqual(["Budget (kr): (tomt) → 25\u00a0000", "Planerat antal deltagare: (tomt) → 30"]);
  });
});
