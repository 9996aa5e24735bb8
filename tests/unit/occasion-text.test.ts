// Issue 13: a closed occasion says why and since when; a full one how long the queue is.
import { describe, expect, it } from "vitest";
import { closedContact, closedReason, fullFact, fullText, placesText } from "../../web/src/occasion-text.ts";

const NOW = new Date("2026-03-10T10:00:00.000Z");
const base = {
  registrationOpensAt: null,
  registrationClosesAt: "2026-03-09T22:59:00.000Z",
  startsAt: "2026-03-12T08:00:00.000Z",
  endsAt: "2026-03-12T15:00:00.000Z",
} as const;

describe("closedReason", () => {
  it("open: none", () => {
    expect(closedReason({ ...base, registrationState: "open" }, NOW)).toBeNull();
  });
  it("closed before the start: the date it closed", () => {
    expect(closedReason({ ...base, registrationState: "closed" }, NOW)).toBe(
      "Anmälan stängde mån 9 mars 2026 kl. 23.59.",
    );
  });
  it("closed because the occasion has begun, or is over", () => {
    const during = new Date("2026-03-12T09:00:00.000Z");
    expect(closedReason({ ...base, registrationState: "closed" }, during)).toBe(
      "Tillfället har redan börjat, så det går inte längre att anmäla sig.",
    );
    const after = new Date("2026-03-13T09:00:00.000Z");
    expect(closedReason({ ...base, registrationState: "closed" }, after)).toMatch(/^Tillfället är över/);
  });
  it("cancelled", () => {
    expect(closedReason({ ...base, registrationState: "cancelled" }, NOW)).toBe(
      "Tillfället är inställt, så det går inte att anmäla sig.",
    );
  });
  it("not yet open: when it opens", () => {
    const o = { ...base, registrationState: "not-yet-open" as const, registrationOpensAt: "2026-03-11T07:00:00.000Z" };
    expect(closedReason(o, NOW)).toBe("Anmälan har inte öppnat än. Den öppnar ons 11 mars 2026 kl. 08.00.");
    expect(closedReason({ ...o, registrationOpensAt: null }, NOW)).toBe("Anmälan har inte öppnat än.");
  });
  it("never just 'Anmälan är stängd.'", () => {
    for (const state of ["closed", "cancelled", "not-yet-open"] as const)
      expect(closedReason({ ...base, registrationState: state }, NOW)).not.toBe("Anmälan är stängd.");
    expect(closedContact("closed", "Samordningsförbundet i Halland")).toContain(
      "Kontakta Samordningsförbundet i Halland",
    );
  });
});

describe("closedContact", () => {
  it("asks 'Vill du ändå gå' only while going is still possible", () => {
    expect(closedContact("closed", "Förbundet")).toBe("Vill du ändå gå, eller har du frågor? Kontakta Förbundet:");
    expect(closedContact("closed", "Förbundet", true)).toBe("Frågor om tillfället? Kontakta Förbundet:");
    expect(closedContact("cancelled", "Förbundet", true)).toBe(
      "Frågor om det inställda tillfället? Kontakta Förbundet:",
    );
  });
});

describe("a full occasion's words", () => {
  it("says Fullbokat in the catalogue and the facts too, and the place sentence only once", () => {
    expect(placesText({ spotsLeft: 0, waitlistLength: 3 })).toBe("Fullbokat – du kan ställa dig på väntelistan");
    expect(fullFact({ waitlistLength: 3 })).toBe("Fullbokat, 3 på väntelistan");
    expect(fullFact({ waitlistLength: 0 })).toBe("Fullbokat");
    expect(fullFact({ waitlistLength: 3 })).not.toContain(fullText({ waitlistLength: 3 }));
  });
});

describe("fullText", () => {
  it("says how many wait and which place she would get", () => {
    expect(fullText({ waitlistLength: 3 })).toBe("Fullbokat. 3 står på väntelistan; anmäl dig så får du plats 4.");
    expect(fullText({ waitlistLength: 1 })).toBe("Fullbokat. 1 står på väntelistan; anmäl dig så får du plats 2.");
    expect(fullText({ waitlistLength: 0 })).toBe(
      "Fullbokat. Ingen står på väntelistan än; anmäl dig så får du plats 1.",
    );
  });
});
