// The counting rules on hand-made rows, without a database: who is one workplace, who is
// one person, what a goal's value, pace and forecast are, and properties that must hold for
// any data (merging never adds, undoing restores, distinct never exceeds participations).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Goal } from "../../db/schema.ts";
import {
  finsamRows,
  goalFigures,
  stockholmYear,
  totals,
  yearBounds,
  type Fact,
  type Names,
  type YearData,
  type YearOccasion,
} from "../../server/domain/follow-up.ts";
import { personIdentity } from "../../server/domain/people.ts";
import { suggestDuplicates, workplaceIdentity, type WorkplaceRow } from "../../server/domain/workplaces.ts";

const W = (id: number, name: string, municipality = "Halmstad", orgNumber: string | null = null): WorkplaceRow => ({
  id,
  name,
  municipality,
  orgNumber,
});

describe("workplace identity", () => {
  it("applies merges transitively and joins rows with the same org number in one municipality only", () => {
    const rows = [
      W(1, "ICA Maxi Halmstad"),
      W(2, "ICA Maxi Stormarknad Halmstad"),
      W(3, "Maxi Halmstad"),
      W(4, "Kustens Bygg AB", "Laholm", "556036-0793"),
      W(5, "Kustens Bygg & Montage", "Laholm", "556036-0793"),
      W(6, "Kustens Bygg AB", "Halmstad", "556036-0793"),
    ];
    const id = workplaceIdentity(rows, [
      { intoId: 2, fromIds: [1] },
      { intoId: 3, fromIds: [2] },
    ]);
    expect([1, 2, 3].map(id.workplaceOf)).toEqual([3, 3, 3]);
    // Same employer number, same municipality: one workplace; another municipality: another.
    expect(id.workplaceOf(5)).toBe(id.workplaceOf(4));
    expect(id.workplaceOf(6)).not.toBe(id.workplaceOf(4));
    expect(id.mergedAway.get(1)).toBe(2);
    // Without the merges everything is itself again.
    const none = workplaceIdentity(rows, []);
    expect([1, 2, 3].map(none.workplaceOf)).toEqual([1, 2, 3]);
  });

  it("suggests likely duplicates in the same municipality, not those already one", () => {
    const rows = [
      W(1, "ICA Maxi Halmstad"),
      W(2, "ICA Maxi Stormarknad Halmstad"),
      W(3, "Café Solrosen"),
      W(4, "Cafe Solrosen"),
      W(5, "ICA Maxi Stormarknad Halmstad", "Varberg"),
      W(6, "Vårdcentralen Söder"),
      W(7, "Vårdcentralen Norr"),
    ];
    const s = suggestDuplicates(rows, workplaceIdentity(rows, []));
    expect(s.get(1)).toEqual([2]);
    expect(s.get(3)).toEqual([4]);
    expect(s.get(5)).toBeUndefined();
    // Two different health centres share a word but are not one place.
    expect(s.get(6)).toBeUndefined();
    const merged = suggestDuplicates(rows, workplaceIdentity(rows, [{ intoId: 2, fromIds: [1] }]));
    expect(merged.get(1)).toBeUndefined();
  });
});

describe("person identity", () => {
  it("follows merges of addresses, transitively", () => {
    const p = personIdentity([
      { intoKey: "b@example.se", fromKeys: ["a@example.se"] },
      { intoKey: "c@example.se", fromKeys: ["b@example.se"] },
    ]);
    expect(p.personOf("a@example.se")).toBe("c@example.se");
    expect(p.personOf("d@example.se")).toBe("d@example.se");
  });
});

describe("the Stockholm year", () => {
  it("puts 00.30 on 1 January in the new year although it is 31 December in UTC", () => {
    const d = new Date("2026-12-31T23:30:00Z");
    expect(stockholmYear(d)).toBe(2027);
    const { from, to } = yearBounds(2027);
    expect(from.toISOString()).toBe("2026-12-31T23:00:00.000Z");
    expect(to.toISOString()).toBe("2027-12-31T23:00:00.000Z");
  });
});

// ---------------------------------------------------------------- goals on hand-made rows

const now = new Date("2026-06-15T10:00:00Z");
function occ(
  id: number,
  month: number,
  over: boolean,
  courseType = "handledarutbildning",
  capacity = 20,
): YearOccasion {
  const startsAt = new Date(Date.UTC(2026, month - 1, 10, 7));
  return {
    id,
    courseId: courseType === "handledarutbildning" ? 1 : 2,
    course: courseType,
    title: `T${id}`,
    courseType,
    startsAt,
    endsAt: new Date(startsAt.getTime() + 7 * 3_600_000),
    capacity,
    over,
  };
}
function fact(o: YearOccasion, person: string, attended: boolean, workplace: number | null = 1): Fact {
  return {
    registrationId: Math.floor(Math.random() * 1e9),
    occasion: o,
    person,
    name: person,
    partyCode: "annan",
    workplace,
    attended,
  };
}
const goal = (over: Partial<Goal>): Goal => ({
  id: 1,
  organiserId: 1,
  year: 2026,
  label: "Mål",
  kind: "workplaces",
  basis: "attended",
  courseTypes: [],
  target: 100,
  sortOrder: 0,
  createdAt: now,
  ...over,
});

describe("goal figures", () => {
  // Four supervisor trainings of 20 places: two over (Feb, May), two coming (Sep, Nov).
  // A theme day (not a supervisor training) over in March with 100 places.
  const o1 = occ(1, 2, true);
  const o2 = occ(2, 5, true);
  const o3 = occ(3, 9, false);
  const o4 = occ(4, 11, false);
  const td = occ(5, 3, true, "temadag", 100);
  const data: YearData = {
    year: 2026,
    now,
    occasions: [o1, td, o2, o3, o4],
    facts: [
      fact(o1, "anna", true, 10),
      fact(o1, "bo", true, 11),
      fact(o1, "cia", false, 12), // registered, not attended
      fact(o2, "anna", true, 10), // again: same person, same workplace
      fact(o2, "dan", true, null), // no workplace
      fact(o3, "eva", false, 13), // coming
      fact(o4, "anna", false, 10),
      fact(td, "fia", true, 14),
    ],
    genderOf: new Map([
      ["anna", "kvinna"],
      ["bo", "man"],
      ["cia", "ej-angivet"],
      ["dan", "annat"],
      ["eva", "kvinna"],
      ["fia", "kvinna"],
    ]),
  };

  it("counts distinct workplaces on attendance over the chosen course types, with pace and forecast", () => {
    const g = goalFigures(goal({ kind: "workplaces", courseTypes: ["handledarutbildning"], target: 100 }), data);
    // attended: anna@10, bo@11 (o1), anna@10, dan@– (o2) → workplaces {10, 11} = 2
    expect(g.value).toBe(2);
    // pace: 2 of the 4 trainings (equal places) are over → 100 × 40/80 = 50
    expect(g.expectedByToday).toBe(50);
    expect(g.onTrack).toBe(false);
    // forecast: + eva@13 (o3) and anna@10 (o4) → {10, 11, 13} = 3
    expect(g.forecast).toBe(3);
  });

  it("counts staff, participants and registered with their own rules", () => {
    // all types, attended persons: anna, bo, dan, fia = 4
    expect(goalFigures(goal({ kind: "staff", target: 8 }), data).value).toBe(4);
    // registered persons: anna, bo, cia, dan, eva, fia = 6; forecast = value for registered
    const reg = goalFigures(goal({ kind: "staff", basis: "registered", target: 8 }), data);
    expect([reg.value, reg.forecast]).toEqual([6, 6]);
    // participations attended: anna×o1, bo×o1, anna×o2, dan×o2, fia×td = 5
    expect(goalFigures(goal({ kind: "participants", target: 10 }), data).value).toBe(5);
    // staff pace weighs places: over 20 + 100 + 20 = 140 of 180 → 8 × 140/180 = 6.2 → 6
    expect(goalFigures(goal({ kind: "staff", target: 8 }), data).expectedByToday).toBe(6);
  });

  it("counts occasions held, with the coming ones in the forecast and pace by count", () => {
    const g = goalFigures(goal({ kind: "occasions", courseTypes: ["handledarutbildning"], target: 8 }), data);
    expect([g.value, g.forecast, g.expectedByToday, g.onTrack]).toEqual([2, 4, 4, false]);
  });

  it("is the whole target for a past year and nothing for a coming one", () => {
    expect(goalFigures(goal({ target: 10 }), { ...data, now: new Date("2027-01-05T10:00:00Z") }).expectedByToday).toBe(
      10,
    );
    expect(goalFigures(goal({ target: 10 }), { ...data, now: new Date("2025-12-05T10:00:00Z") }).expectedByToday).toBe(
      0,
    );
  });

  it("gives totals and Finsam rows by the same rules", () => {
    expect(totals(data)).toEqual({
      registered: 6,
      attended: 4,
      workplaces: 3,
      participations: 5,
      occasionsPlanned: 5,
      occasionsHeld: 3,
    });
    const names: Names = { party: (c) => c, courseType: (c) => c, parties: [], courseTypes: [] };
    const rows = finsamRows(data, names);
    // course 1 (handledarutbildning) attended: anna (k), bo (m), dan (annat) → 3: 1 k, 1 m, 1 other
    expect(rows.find((r) => r.courseId === 1)).toMatchObject({ persons: 3, women: 1, men: 1, otherOrUnknown: 1 });
    expect(rows.find((r) => r.courseId === 2)).toMatchObject({ persons: 1, women: 1, men: 0, otherOrUnknown: 0 });
  });
});

describe("counting properties", () => {
  const arb = fc.record({
    facts: fc.array(
      fc.record({
        occ: fc.integer({ min: 0, max: 3 }),
        person: fc.integer({ min: 0, max: 6 }),
        wp: fc.integer({ min: 0, max: 5 }),
        attended: fc.boolean(),
      }),
      { maxLength: 40 },
    ),
    merges: fc.array(fc.record({ into: fc.integer({ min: 0, max: 5 }), from: fc.integer({ min: 0, max: 5 }) }), {
      maxLength: 4,
    }),
  });
  it("merging workplaces never raises a figure, undoing restores it, and distinct never exceeds participations", () => {
    fc.assert(
      fc.property(arb, ({ facts, merges }) => {
        const occasions = [0, 1, 2, 3].map((i) => occ(i + 1, i + 2, i < 2));
        const rows = [0, 1, 2, 3, 4, 5].map((i) => W(i + 1, `Plats ${i}`));
        const build = (m: { intoId: number; fromIds: number[] }[]): YearData => {
          const id = workplaceIdentity(rows, m);
          return {
            year: 2026,
            now,
            occasions,
            facts: facts.map((f) => fact(occasions[f.occ]!, `p${f.person}`, f.attended, id.workplaceOf(f.wp + 1))),
            genderOf: new Map(),
          };
        };
        const valid = merges
          .filter((m) => m.into !== m.from)
          .map((m) => ({ intoId: m.into + 1, fromIds: [m.from + 1] }));
        const g = goal({ kind: "workplaces" });
        const before = goalFigures(g, build([]));
        const merged = goalFigures(g, build(valid));
        expect(merged.value).toBeLessThanOrEqual(before.value);
        expect(merged.forecast).toBeLessThanOrEqual(before.forecast);
        expect(goalFigures(g, build([])).value).toBe(before.value);
        const data = build(valid);
        const staff = goalFigures(goal({ kind: "staff" }), data).value;
        const parts = goalFigures(goal({ kind: "participants" }), data).value;
        expect(staff).toBeLessThanOrEqual(parts);
        expect(before.value).toBeLessThanOrEqual(before.forecast);
      }),
    );
  });
});
