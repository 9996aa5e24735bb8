// Pure rules: organisation numbers, Swedish time text, workplace matching.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatDay, formatSpan, formatTime, monthKey, stockholmToUtc } from "../../server/domain/format-time.ts";
import { luhnValid, normaliseOrgNumber } from "../../server/domain/org-number.ts";
import { workplaceMatchKey } from "../../server/domain/workplaces.ts";

describe("organisation numbers", () => {
  it("accepts valid numbers in the usual spellings and writes them NNNNNN-NNNN", () => {
    expect(normaliseOrgNumber("999999-0006")).toBe("999999-0006");
    expect(normaliseOrgNumber("9999990006")).toBe("999999-0006");
    expect(normaliseOrgNumber(" 999999 0006 ")).toBe("999999-0006");
  });
  it("refuses a wrong check digit, wrong length or letters", () => {
    expect(normaliseOrgNumber("999999-0007")).toBeNull();
    expect(normaliseOrgNumber("99999-0006")).toBeNull();
    expect(normaliseOrgNumber("99999A-0006")).toBeNull();
  });
  it("catches every single-digit typo (the point of the Luhn digit)", () => {
    fc.assert(
      fc.property(fc.nat(9), fc.nat(9), (pos, delta) => {
        const good = "9999990006";
        const d = (Number(good[pos]) + 1 + delta) % 10;
        fc.pre(d !== Number(good[pos]));
        const typo = good.slice(0, pos) + d + good.slice(pos + 1);
        expect(luhnValid(typo)).toBe(false);
      }),
    );
  });
});

describe("Swedish time text in Europe/Stockholm", () => {
  it("writes a day and a span the Swedish way", () => {
    expect(formatSpan("2026-03-12T08:00:00Z", "2026-03-12T15:00:00Z")).toBe("tors 12 mars 2026, 09.00–16.00");
    expect(formatDay("2026-06-15T10:00:00Z")).toBe("mån 15 juni 2026");
    expect(formatTime("2026-06-15T10:00:00Z")).toBe("12.00");
  });
  it("puts wall-clock times right across the daylight-saving change", () => {
    // Last week of March 2026: summer time starts Sunday 29 March.
    expect(stockholmToUtc("2026-03-27", "09:00").toISOString()).toBe("2026-03-27T08:00:00.000Z");
    expect(stockholmToUtc("2026-03-30", "09:00").toISOString()).toBe("2026-03-30T07:00:00.000Z");
    expect(stockholmToUtc("2026-10-26", "09:00").toISOString()).toBe("2026-10-26T08:00:00.000Z");
    expect(formatSpan(stockholmToUtc("2026-03-30", "09:00"), stockholmToUtc("2026-03-30", "16:00"))).toBe(
      "mån 30 mars 2026, 09.00–16.00",
    );
  });
  it("round-trips any wall-clock time of the year", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 364 }),
        fc.integer({ min: 4, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        (day, h, m) => {
          const date = new Date(Date.UTC(2026, 0, 1 + day)).toISOString().slice(0, 10);
          const time = `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`;
          expect(formatTime(stockholmToUtc(date, time))).toBe(time.replace(":", "."));
          expect(monthKey(stockholmToUtc(date, time))).toBe(date.slice(0, 7));
        },
      ),
    );
  });
});

describe("workplace matching", () => {
  it("meets different spellings of the same place", () => {
    expect(workplaceMatchKey("ICA Maxi  Halmstad", "Halmstad")).toBe(
      workplaceMatchKey("ica maxi halmstad", " halmstad"),
    );
    expect(workplaceMatchKey("Bygg & Montage AB", "Laholm")).toBe(workplaceMatchKey("Bygg  Montage AB.", "LAHOLM"));
    expect(workplaceMatchKey("Café Solrosen", "Halmstad")).not.toBe(workplaceMatchKey("Café Solrosen", "Varberg"));
  });
});
