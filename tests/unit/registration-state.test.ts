// The personal page's one state (web/src/registration-state.ts): every state, and the edges
// where one turns into the next (first day starting exactly now, last day ending exactly now),
// and a cancelled occasion winning over every registration status.
import { describe, expect, it } from "vitest";
import type { RegistrationView } from "../../web/src/api.ts";
import { cancelDeadline, dayNow, mailNotice, registrationState } from "../../web/src/registration-state.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = new Date("2026-03-12T10:00:00.000Z");
const at = (ms: number) => new Date(NOW.getTime() + ms).toISOString();

type Status = "confirmed" | "waitlisted" | "cancelled";

/** A view as the server sends it, with the occasion's first day starting `startIn` from NOW. */
function view(
  status: Status,
  o: { startIn: number; length?: number; cancelled?: boolean; cancelUntil?: string | null },
): RegistrationView {
  const startsAt = at(o.startIn);
  const endsAt = at(o.startIn + (o.length ?? 7 * HOUR));
  return {
    id: 1,
    status,
    waitlistPosition: status === "waitlisted" ? 2 : null,
    name: "Anna Lindqvist",
    email: "anna@example.se",
    party: "halmstad",
    workplace: null,
    role: null,
    gender: null,
    dietary: null,
    accessibilityNeeds: null,
    createdAt: at(-30 * DAY),
    cancelledAt: status === "cancelled" ? at(-DAY) : null,
    movedOut: false,
    canCancel: status !== "cancelled" && o.startIn > 0,
    cancelUntil: o.cancelUntil ?? null,
    hasInvitation: status === "confirmed",
    occasion: {
      id: 7,
      title: "Handledarutbildning (Halmstad)",
      startsAt,
      endsAt,
      days: [{ startsAt, endsAt }],
      location: "Folkets Hus Varberg",
      online: false,
      meetingUrl: null,
      cancelled: o.cancelled ?? false,
      organiser: { slug: "halland", name: "Samordningsförbundet i Halland", email: "kansli@example.se" },
    },
  } as RegistrationView;
}

describe("registrationState", () => {
  it("coming: a place, the first day not begun", () => {
    expect(registrationState(view("confirmed", { startIn: 14 * DAY }), NOW)).toBe("coming");
    expect(registrationState(view("confirmed", { startIn: 1 }), NOW)).toBe("coming");
  });

  it("running: a place, from the first day's start (exactly now included) until the last day ends", () => {
    expect(registrationState(view("confirmed", { startIn: 0 }), NOW)).toBe("running");
    expect(registrationState(view("confirmed", { startIn: -HOUR }), NOW)).toBe("running");
    // Ends one millisecond from now: still running.
    expect(registrationState(view("confirmed", { startIn: -7 * HOUR + 1 }), NOW)).toBe("running");
  });

  it("over: a place, the last day ending exactly now or earlier", () => {
    expect(registrationState(view("confirmed", { startIn: -7 * HOUR }), NOW)).toBe("over");
    expect(registrationState(view("confirmed", { startIn: -90 * DAY }), NOW)).toBe("over");
  });

  it("waiting: on the waiting list until the last day ends, also while it runs", () => {
    expect(registrationState(view("waitlisted", { startIn: 14 * DAY }), NOW)).toBe("waiting");
    expect(registrationState(view("waitlisted", { startIn: 0 }), NOW)).toBe("waiting");
    expect(registrationState(view("waitlisted", { startIn: -7 * HOUR + 1 }), NOW)).toBe("waiting");
  });

  it("over for the waiting list too, once the last day has ended (exactly now included)", () => {
    expect(registrationState(view("waitlisted", { startIn: -7 * HOUR }), NOW)).toBe("over");
    expect(registrationState(view("waitlisted", { startIn: -90 * DAY }), NOW)).toBe("over");
  });

  it("moved: the office moved her to another occasion (not 'you cancelled')", () => {
    expect(registrationState({ ...view("cancelled", { startIn: 14 * DAY }), movedOut: true }, NOW)).toBe("moved");
    // A cancelled occasion still wins.
    expect(
      registrationState({ ...view("cancelled", { startIn: 14 * DAY, cancelled: true }), movedOut: true }, NOW),
    ).toBe("occasion-cancelled");
  });

  it("cancelled-by-her: her registration cancelled, before, during and after the occasion", () => {
    expect(registrationState(view("cancelled", { startIn: 14 * DAY }), NOW)).toBe("cancelled-by-her");
    expect(registrationState(view("cancelled", { startIn: 0 }), NOW)).toBe("cancelled-by-her");
    expect(registrationState(view("cancelled", { startIn: -90 * DAY }), NOW)).toBe("cancelled-by-her");
  });

  it("occasion-cancelled wins over a confirmed, a waitlisted and a cancelled registration, at any time", () => {
    for (const status of ["confirmed", "waitlisted", "cancelled"] as const) {
      for (const startIn of [14 * DAY, 0, -HOUR, -7 * HOUR, -90 * DAY]) {
        expect(registrationState(view(status, { startIn, cancelled: true }), NOW), `${status} ${startIn}`).toBe(
          "occasion-cancelled",
        );
      }
    }
  });

  it("goes coming → running → over as the clock passes the first start and the last end", () => {
    const r = view("confirmed", { startIn: HOUR });
    const seen = [0, HOUR - 1, HOUR, 8 * HOUR - 1, 8 * HOUR].map((ms) =>
      registrationState(r, new Date(NOW.getTime() + ms)),
    );
    expect(seen).toEqual(["coming", "coming", "running", "running", "over"]);
  });

  it("a course over several weeks is running between its days", () => {
    const r = view("confirmed", { startIn: -8 * DAY, length: 14 * DAY + 7 * HOUR });
    expect(registrationState(r, NOW)).toBe("running");
  });
});

describe("dayNow", () => {
  const days = [
    { startsAt: at(-7 * DAY), endsAt: at(-7 * DAY + 7 * HOUR) },
    { startsAt: at(0), endsAt: at(7 * HOUR) },
    { startsAt: at(7 * DAY), endsAt: at(7 * DAY + 7 * HOUR) },
  ];
  it("names the day going on now (starting exactly now included)", () => {
    expect(dayNow(days, NOW)).toEqual({ number: 2, day: days[1], inProgress: true });
  });
  it("names the next day between days, and nothing once the last has ended", () => {
    expect(dayNow(days, new Date(NOW.getTime() + 7 * HOUR))).toEqual({ number: 3, day: days[2], inProgress: false });
    expect(dayNow(days, new Date(NOW.getTime() + 7 * DAY + 7 * HOUR))).toBeNull();
  });
  it("reads the days in time order whatever order they come in", () => {
    expect(dayNow([days[2]!, days[0]!, days[1]!], NOW)?.number).toBe(2);
  });
});

describe("cancelDeadline", () => {
  it("is the occasion's last cancel moment for a place, else the first day's start", () => {
    const until = at(5 * DAY);
    expect(cancelDeadline(view("confirmed", { startIn: 14 * DAY, cancelUntil: until }))).toBe(until);
    expect(cancelDeadline(view("confirmed", { startIn: 14 * DAY }))).toBe(at(14 * DAY));
    // The waiting list may be left until the start, whatever the cancel rule for places.
    expect(cancelDeadline(view("waitlisted", { startIn: 14 * DAY, cancelUntil: until }))).toBe(at(14 * DAY));
  });
});

describe("mailNotice", () => {
  const withMail = (kind: NonNullable<RegistrationView["mail"]>["kind"], status: "queued" | "sent" | "failed") => ({
    email: "anna@example.se",
    mail: { kind, status },
  });

  it("says a mail is on its way only while it is, sent once it was, and not sent when it was given up", () => {
    expect(mailNotice(withMail("registration-confirmed", "queued"))).toEqual({
      status: "queued",
      text: "Vi skickar ett mejl med bekräftelsen och kalenderinbjudan till anna@example.se. Det brukar ta någon minut.",
    });
    expect(mailNotice(withMail("registration-confirmed", "sent"))).toEqual({
      status: "sent",
      text: "Vi har skickat ett mejl med bekräftelsen och kalenderinbjudan till anna@example.se.",
    });
    expect(mailNotice(withMail("registration-confirmed", "failed"))).toEqual({
      status: "failed",
      text: "Mejlet med bekräftelsen och kalenderinbjudan kunde inte skickas till anna@example.se. Kontrollera adressen eller kontakta kansliet.",
    });
  });

  it("names the mail of the latest change, and says nothing when there is none", () => {
    expect(mailNotice(withMail("registration-cancelled", "sent"))?.text).toBe(
      "Vi har skickat ett mejl om avbokningen till anna@example.se.",
    );
    expect(mailNotice(withMail("registration-waitlisted", "queued"))?.text).toMatch(
      /^Vi skickar ett mejl som bekräftar din plats på väntelistan till /,
    );
    expect(mailNotice(withMail("occasion-cancelled", "failed"))?.text).toMatch(
      /^Mejlet om att tillfället är inställt kunde inte skickas/,
    );
    expect(mailNotice({ email: "anna@example.se", mail: null })).toBeNull();
  });

  it("never says it was sent while it is queued or failed (no state's text claims what another's does)", () => {
    for (const kind of [
      "registration-confirmed",
      "registration-promoted",
      "registration-moved",
      "registration-moved-in",
      "waitlist-left",
    ] as const) {
      expect(mailNotice(withMail(kind, "queued"))!.text).not.toMatch(/har skickat/);
      expect(mailNotice(withMail(kind, "failed"))!.text).not.toMatch(/har skickat|skickar ett/);
      expect(mailNotice(withMail(kind, "sent"))!.text).not.toMatch(/kunde inte|skickar ett/);
      // The personal page's headings must stay unique to their state.
      expect(mailNotice(withMail(kind, "sent"))!.text).not.toContain("Du har fått en plats");
    }
  });
});
