// The office's wording of a person (issue 13): who ended a place and when, what a move does
// to the place she leaves, and a staff member's role only when her name does not say it.
import { describe, expect, it } from "vitest";
import { cancelledText, moveLeavesText, staffRoleNote } from "../../web/src/components/office/office-list-text.ts";

describe("staffRoleNote", () => {
  it("leaves the role out when the name already ends with it", () => {
    expect(staffRoleNote("Johan Demo (kursledare)", "leader")).toBeUndefined();
    expect(staffRoleNote("Johan Demo, Kursledare", "leader")).toBeUndefined();
    expect(staffRoleNote("Lina Kansli (kansliet)", "office")).toBeUndefined();
  });
  it("gives the role otherwise", () => {
    expect(staffRoleNote("Sara Berg", "leader")).toBe("(kursledare)");
    expect(staffRoleNote("Maria Demo (utvecklingsledare)", "office")).toBe("(kansliet)");
    // The office's name with "kursledare" in it is still the office.
    expect(staffRoleNote("Eva Kursledaresson", "office")).toBe("(kansliet)");
  });
});

describe("cancelledText", () => {
  it("says who and when", () => {
    expect(cancelledText({ cancelledBy: "self", cancelledAt: "2026-12-03T10:00:00.000Z" })).toBe(
      "Avbokade själv tors 3 december 2026",
    );
    expect(cancelledText({ cancelledBy: "office", cancelledAt: "2026-12-04T10:00:00.000Z" })).toBe(
      "Avbokad av kansliet fre 4 december 2026",
    );
    expect(cancelledText({ cancelledBy: "moved", cancelledAt: "2026-12-04T23:30:00.000Z" })).toBe(
      // 00.30 in Stockholm: already the next day there.
      "Flyttad av kansliet lör 5 december 2026 till",
    );
    expect(cancelledText({ cancelledBy: "office", cancelledAt: null })).toBe("Avbokad av kansliet");
  });
});

describe("moveLeavesText", () => {
  it("gives a confirmed place to the waiting list", () => {
    const text = moveLeavesText({ name: "Anna Lind", status: "confirmed", waitlistPosition: null });
    expect(text).toContain("Platsen här går till den som står först på väntelistan.");
  });
  it("frees no place when she only waits", () => {
    const text = moveLeavesText({ name: "Anna Lind", status: "waitlisted", waitlistPosition: 2 });
    expect(text).toContain("Anna Lind står på väntelistan här (plats 2) och lämnar den.");
    expect(text).toContain("Ingen plats blir ledig här");
    expect(text).not.toContain("Platsen här går till");
  });
});
