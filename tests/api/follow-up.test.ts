// Follow-up: the year's goals and every figure behind them, tested from the outside against
// figures worked out BY HAND from the counting rules (README "Follow-up", docs/decisions/008,
// DOMAIN.md "The goals they count against"). The test never computes a figure the way the
// server does; every expected number below has its working in a comment.
//
// Each `describe` builds its own small world in its own database:
//   A. people, workplaces, statuses, marks, breakdowns, Finsam, the year before, merges;
//   B. the pace of the year: expectedByToday, forecast, onTrack, the occasions goal;
//   B2. an occasion is held only once its last day is over;
//   C. the year boundary (Stockholm, not UTC);
//   D. goals themselves: create, validate, change, delete, copy.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, createTestContext, staffApi, staffToken, type Answer, type TestContext } from "../helpers/test-db.ts";

// ---------------------------------------------------------------- helpers (black box only)

type Gender = "kvinna" | "man" | "annat" | "vill-ej-ange" | null;
interface Workplace {
  name: string;
  municipality: string;
  orgNumber?: string;
}
interface Who {
  name: string;
  email: string;
  party: string;
  workplace: Workplace;
  gender?: Gender;
  dietary?: string;
}
interface World {
  t: TestContext;
  office: string;
}
interface Occ {
  id: number;
  dayIds: number[];
}
type Triple = [registered: number, attended: number, workplaces: number];

async function world(now: string): Promise<World> {
  const t = await createTestContext({ now: new Date(now) });
  const office = (await staffToken(t, "office")).token;
  return { t, office };
}

const call = (w: World, method: string, path: string, body?: unknown) => staffApi(w.t, w.office, method, path, body);

async function ok(res: Promise<Answer> | Answer, status: number, what: string): Promise<any> {
  const r = await res;
  expect(r.status, `${what}: ${r.text.slice(0, 400)}`).toBe(status);
  return r.json;
}

/** A Stockholm day 09:00–16:00 in the office's wall-clock form. */
const day = (date: string): [string, string] => [`${date}T09:00`, `${date}T16:00`];

async function course(w: World, title: string, courseType: string): Promise<number> {
  const json = await ok(
    call(w, "POST", "/api/office/courses", { title, courseType, responsiblePartyCode: "af" }),
    201,
    `kurs ${title}`,
  );
  return json.course.id;
}

async function occasion(
  w: World,
  courseId: number,
  days: [string, string][],
  capacity: number,
  status: "published" | "draft" = "published",
): Promise<Occ> {
  const json = await ok(
    call(w, "POST", "/api/office/occasions", {
      courseId,
      days: days.map(([start, end]) => ({ start, end })),
      online: false,
      venue: "Folkets Hus Halmstad",
      address: "Storgatan 1, Halmstad",
      capacity,
      status,
    }),
    201,
    `tillfälle ${days[0]![0]}`,
  );
  const id: number = json.occasion.id;
  // The leader's list (the office may read it too) gives the day ids, in time order.
  const list = await ok(call(w, "GET", `/api/leader/occasions/${id}/participants`), 200, "deltagarlista");
  return { id, dayIds: list.occasion.days.map((d: { id: number }) => d.id) };
}

const body = (who: Who) => ({
  name: who.name,
  email: who.email,
  party: who.party,
  workplace: who.workplace,
  role: "Handläggare",
  gender: who.gender ?? null,
  dietary: who.dietary ?? null,
});

/** Public registration (the window must be open); returns the id and the personal link token. */
async function register(w: World, occ: Occ, who: Who, expected: "confirmed" | "waitlisted" = "confirmed") {
  const json = await ok(
    api(w.t.app, "POST", `/api/occasions/${occ.id}/registrations`, { ...body(who), acceptPrivacy: true }),
    201,
    `anmälan ${who.email}`,
  );
  expect(json.registration.status, who.email).toBe(expected);
  return { id: json.registration.id as number, token: json.registration.manageToken as string };
}

/** The office registers someone by hand (also on a draft). */
async function byHand(w: World, occ: Occ, who: Who): Promise<number> {
  const json = await ok(
    call(w, "POST", `/api/office/occasions/${occ.id}/registrations`, body(who)),
    201,
    `anmälan för hand ${who.email}`,
  );
  return json.registration.id;
}

async function mark(
  w: World,
  occ: Occ,
  dayIndex: number,
  registrationId: number,
  status: "present" | "late" | "excused" | "absent",
) {
  await ok(
    call(w, "PUT", `/api/leader/occasions/${occ.id}/days/${occ.dayIds[dayIndex]}/attendance/${registrationId}`, {
      status,
    }),
    200,
    `närvaro ${registrationId}`,
  );
}

async function walkIn(w: World, occ: Occ, dayIndex: number, who: Who): Promise<number> {
  const json = await ok(
    call(w, "POST", `/api/leader/occasions/${occ.id}/days/${occ.dayIds[dayIndex]}/walk-ins`, body(who)),
    201,
    `på plats ${who.email}`,
  );
  return json.registrationId;
}

interface GoalInput {
  year: number;
  kind: "workplaces" | "staff" | "occasions" | "participants";
  basis: "attended" | "registered";
  courseTypes: string[];
  target: number;
  label: string;
}
async function newGoal(w: World, g: GoalInput): Promise<number> {
  const json = await ok(call(w, "POST", "/api/office/goals", g), 201, `mål ${g.label}`);
  return json.goal.id;
}

const report = (w: World, year: number) => ok(call(w, "GET", `/api/office/goals?year=${year}`), 200, `mål ${year}`);
const members = (w: World, goalId: number) =>
  ok(call(w, "GET", `/api/office/goals/${goalId}/members`), 200, `underlag mål ${goalId}`);
const finsam = (w: World, year: number) =>
  ok(call(w, "GET", `/api/office/reports/finsam?year=${year}`), 200, `finsam ${year}`);

function goalIn(block: any, id: number) {
  const g = block.goals.find((x: { id: number }) => x.id === id);
  expect(g, `mål ${id} saknas i ${JSON.stringify(block.goals?.map((x: { id: number }) => x.id))}`).toBeTruthy();
  return g;
}
const goalValue = (block: any, id: number): number => goalIn(block, id).value;

/** A breakdown as { key: [registered, attended, workplaces] }, rows that are all zero left out. */
function nonZero(list: any[]): Record<string, Triple> {
  expect(Array.isArray(list), "breakdown är en lista").toBe(true);
  const out: Record<string, Triple> = {};
  for (const r of list) {
    expect(typeof r.key).toBe("string");
    expect(typeof r.label, `label för ${r.key}`).toBe("string");
    expect(r.label.length, `label för ${r.key}`).toBeGreaterThan(0);
    if (r.registered || r.attended || r.workplaces) out[r.key] = [r.registered, r.attended, r.workplaces];
  }
  return out;
}
const rowOf = (list: any[], key: string): Triple => {
  const r = list.find((x) => x.key === key);
  return r ? [r.registered, r.attended, r.workplaces] : [0, 0, 0];
};
const MONTHS = ["01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12"];

/** Every goal's list behind the figure has exactly as many members as the figure. */
async function membersMatchValues(w: World, block: any) {
  for (const g of block.goals) {
    const m = await members(w, g.id);
    expect(m.members.length, `underlaget för "${g.label}" (${g.kind}/${g.basis})`).toBe(g.value);
  }
}
const names = (m: any): string[] => m.members.map((x: { name: string }) => x.name);
const memberNamed = (m: any, name: string) => {
  const found = m.members.filter((x: { name: string }) => x.name === name);
  expect(found.length, `${name} i underlaget ${JSON.stringify(names(m))}`).toBe(1);
  return found[0];
};
const attendedOccasionIds = (member: any): number[] =>
  member.occasions
    .filter((o: { attended: boolean }) => o.attended)
    .map((o: { id: number }) => o.id)
    .sort((a: number, b: number) => a - b);
const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b);

/** The figures of a goals answer, for "exactly as before" comparisons. */
const figures = (r: any) => ({
  goals: r.goals,
  totals: r.totals,
  breakdowns: r.breakdowns,
  previousYear: r.previousYear,
});

// ================================================================ A. counting

describe("A. counting people, workplaces and attendance over a year and the year before", () => {
  // The world (organiser Halland). Clock first at 2025-01-15 (everything ahead, so people can
  // register and cancel), then moved to 2026-12-20 (every occasion below is over; marks set).
  //
  // Courses: HU = handledarutbildning, TD = temadag, FM = forsakringsmedicin.
  //
  // 2025 (the year before):
  //   P1  HU  2025-04-08: Bengt (ICA Maxi, Halmstad) present, Sven (ICA Maxi Stormarknad) present
  //   P2  TD  2025-11-04: Anna (FK Halmstad) present, Tove (Halmstads kommun, AME) absent
  // 2026:
  //   O1  HU  2026-03-10, 10 places: Anna present, Bengt present, Cecilia ("ica maxi  halmstad")
  //           present, Eva (org no. X, Laholm) present, Karl EXCUSED, Rut (rut.rask@) present,
  //           Kim (said "annat" here) present
  //   O2  HU  2026-05-12, 2 places: David (Stormarknad) present, Hanna CANCELLED, Ivar waitlisted
  //           1st → moved up by Hanna's cancel → present, Jenny waitlisted 2nd → stays waiting
  //   O3  TD  2026-09-15, 20 places: ANNA.Andersson@ (same person, no gender given) present,
  //           Fredrik (org no. X, Laholm, other name) present, Gustav (org no. X but Halmstad)
  //           LATE, Lena ABSENT, Mats unmarked, Rut (rut@privat.) present
  //   O4  FM  2026-10-06 + 2026-10-13, 10 places: Anna day 1 LATE / day 2 absent,
  //           Kim (said "man" here, later than O1) day 1 absent / day 2 present,
  //           Nora WALK-IN on day 1
  //   O5  HU  2026-04-14 DRAFT: Olle registered by hand → counts nowhere
  //   O6  HU  2026-06-09 CANCELLED occasion: Petra confirmed and marked present → counts nowhere
  let w: World;
  const ORG = "556036-0793"; // valid Luhn
  const wp = {
    fkHalmstad: { name: "Försäkringskassan Halmstad", municipality: "Halmstad" },
    ica: { name: "ICA Maxi, Halmstad", municipality: "Halmstad" },
    icaSpelling: { name: "ica maxi  halmstad", municipality: "Halmstad" }, // same match key as ica
    icaStor: { name: "ICA Maxi Stormarknad Halmstad", municipality: "Halmstad" },
    htLaholm: { name: "Hallandsåsens Trädgård AB", municipality: "Laholm", orgNumber: ORG },
    htLaholm2: { name: "Trädgården Hallandsåsen", municipality: "Laholm", orgNumber: ORG },
    htHalmstad: { name: "Hallandsåsens Trädgård", municipality: "Halmstad", orgNumber: ORG },
    amHalmstad: { name: "Halmstads kommun, AME", municipality: "Halmstad" },
    amFalkenberg: { name: "Falkenbergs kommun, AME", municipality: "Falkenberg" },
    amVarberg: { name: "Varbergs kommun, AME", municipality: "Varberg" },
    ifoVarberg: { name: "Varbergs kommun, IFO", municipality: "Varberg" },
    afHalmstad: { name: "Arbetsförmedlingen Halmstad", municipality: "Halmstad" },
    afVarberg: { name: "Arbetsförmedlingen Varberg", municipality: "Varberg" },
    ifoKungsbacka: { name: "Kungsbacka kommun, IFO", municipality: "Kungsbacka" },
    socHylte: { name: "Hylte kommun, socialtjänsten", municipality: "Hylte" },
    sjukhus: { name: "Hallands sjukhus Halmstad", municipality: "Halmstad" },
    amLaholm: { name: "Laholms kommun, AME", municipality: "Laholm" },
    dvLaholm: { name: "Laholms kommun, daglig verksamhet", municipality: "Laholm" },
    fkVarberg: { name: "Försäkringskassan Varberg", municipality: "Varberg" },
  } satisfies Record<string, Workplace>;
  const P = {
    anna: {
      name: "Anna Andersson",
      email: "anna.andersson@example.se",
      party: "fk",
      workplace: wp.fkHalmstad,
      gender: "kvinna",
    },
    annaUpper: {
      name: "Anna Andersson",
      email: "ANNA.Andersson@example.se",
      party: "fk",
      workplace: wp.fkHalmstad,
      gender: null,
    },
    bengt: { name: "Bengt Berg", email: "bengt.berg@example.se", party: "annan", workplace: wp.ica, gender: "man" },
    cecilia: {
      name: "Cecilia Carlsson",
      email: "cecilia.carlsson@example.se",
      party: "annan",
      workplace: wp.icaSpelling,
      gender: "kvinna",
    },
    david: {
      name: "David Dahl",
      email: "david.dahl@example.se",
      party: "annan",
      workplace: wp.icaStor,
      gender: "annat",
    },
    eva: { name: "Eva Ek", email: "eva.ek@example.se", party: "annan", workplace: wp.htLaholm, gender: "vill-ej-ange" },
    fredrik: {
      name: "Fredrik Falk",
      email: "fredrik.falk@example.se",
      party: "annan",
      workplace: wp.htLaholm2,
      gender: null,
    },
    gustav: {
      name: "Gustav Gran",
      email: "gustav.gran@example.se",
      party: "annan",
      workplace: wp.htHalmstad,
      gender: "man",
    },
    hanna: {
      name: "Hanna Holm",
      email: "hanna.holm@example.se",
      party: "varberg",
      workplace: wp.ifoVarberg,
      gender: "kvinna",
    },
    ivar: {
      name: "Ivar Isaksson",
      email: "ivar.isaksson@example.se",
      party: "af",
      workplace: wp.afVarberg,
      gender: "man",
    },
    jenny: {
      name: "Jenny Jansson",
      email: "jenny.jansson@example.se",
      party: "kungsbacka",
      workplace: wp.ifoKungsbacka,
      gender: "kvinna",
    },
    karl: {
      name: "Karl Kvist",
      email: "karl.kvist@example.se",
      party: "falkenberg",
      workplace: wp.amFalkenberg,
      gender: "man",
    },
    kimAnnat: {
      name: "Kim Kron",
      email: "kim.kron@example.se",
      party: "af",
      workplace: wp.afHalmstad,
      gender: "annat",
    },
    kimMan: { name: "Kim Kron", email: "kim.kron@example.se", party: "af", workplace: wp.afHalmstad, gender: "man" },
    lena: {
      name: "Lena Lund",
      email: "lena.lund@example.se",
      party: "hylte",
      workplace: wp.socHylte,
      gender: "kvinna",
    },
    mats: {
      name: "Mats Mattsson",
      email: "mats.mattsson@example.se",
      party: "region-halland",
      workplace: wp.sjukhus,
      gender: "man",
    },
    nora: {
      name: "Nora Nilsson",
      email: "nora.nilsson@example.se",
      party: "laholm",
      workplace: wp.amLaholm,
      gender: "kvinna",
    },
    olle: {
      name: "Olle Olsson",
      email: "olle.olsson@example.se",
      party: "laholm",
      workplace: wp.dvLaholm,
      gender: "man",
    },
    petra: {
      name: "Petra Persson",
      email: "petra.persson@example.se",
      party: "fk",
      workplace: wp.fkVarberg,
      gender: "kvinna",
    },
    rut: {
      name: "Rut Rask",
      email: "rut.rask@example.se",
      party: "varberg",
      workplace: wp.amVarberg,
      gender: "kvinna",
    },
    rutPrivat: {
      name: "Rut Rask",
      email: "rut@privat.example.se",
      party: "varberg",
      workplace: wp.amVarberg,
      gender: "kvinna",
    },
    sven: {
      name: "Sven Svensson",
      email: "sven.svensson@example.se",
      party: "annan",
      workplace: wp.icaStor,
      gender: "man",
    },
    tove: {
      name: "Tove Toresson",
      email: "tove.toresson@example.se",
      party: "halmstad",
      workplace: wp.amHalmstad,
      gender: "kvinna",
    },
  } satisfies Record<string, Who>;

  let cHU: number, cTD: number, cFM: number;
  let P1: Occ, P2: Occ, O1: Occ, O2: Occ, O3: Occ, O4: Occ, O5: Occ, O6: Occ;
  // Goals of 2026 (targets chosen so that onTrack flips when a merge lowers a figure).
  const g: Record<string, number> = {};
  let gPrev: number;

  beforeAll(async () => {
    w = await world("2025-01-15T08:00:00Z");
    cHU = await course(w, "Handledarutbildning, uppföljningstest", "handledarutbildning");
    cTD = await course(w, "Temadag: Arbete och hälsa", "temadag");
    cFM = await course(w, "Grundkurs i försäkringsmedicin, uppföljningstest", "forsakringsmedicin");
    P1 = await occasion(w, cHU, [day("2025-04-08")], 10);
    P2 = await occasion(w, cTD, [day("2025-11-04")], 10);
    O1 = await occasion(w, cHU, [day("2026-03-10")], 10);
    O2 = await occasion(w, cHU, [day("2026-05-12")], 2);
    O3 = await occasion(w, cTD, [day("2026-09-15")], 20);
    O4 = await occasion(w, cFM, [day("2026-10-06"), day("2026-10-13")], 10);
    O5 = await occasion(w, cHU, [day("2026-04-14")], 10, "draft");
    O6 = await occasion(w, cHU, [day("2026-06-09")], 10);

    // Registrations, in this order (ids grow in this order; Kim's O4 one is later than O1's).
    const r: Record<string, number> = {};
    r.p1Bengt = (await register(w, P1, P.bengt)).id;
    r.p1Sven = (await register(w, P1, P.sven)).id;
    r.p2Anna = (await register(w, P2, P.anna)).id;
    r.p2Tove = (await register(w, P2, P.tove)).id;
    for (const k of ["anna", "bengt", "cecilia", "eva", "karl", "rut", "kimAnnat"] as const)
      r[`o1_${k}`] = (await register(w, O1, P[k])).id;
    r.o2David = (await register(w, O2, P.david)).id;
    const hanna = await register(w, O2, P.hanna);
    r.o2Ivar = (await register(w, O2, P.ivar, "waitlisted")).id;
    await register(w, O2, P.jenny, "waitlisted");
    for (const k of ["annaUpper", "fredrik", "gustav", "lena", "mats", "rutPrivat"] as const)
      r[`o3_${k}`] = (await register(w, O3, P[k])).id;
    r.o4Anna = (await register(w, O4, P.anna)).id;
    r.o4Kim = (await register(w, O4, P.kimMan)).id;
    await byHand(w, O5, P.olle);
    r.o6Petra = (await register(w, O6, P.petra)).id;

    // Hanna cancels: Ivar, first on the waiting list, gets her place; Jenny stays waiting.
    await ok(api(w.t.app, "DELETE", `/api/registrations/${hanna.token}`), 200, "avbokning");
    const o2 = await ok(call(w, "GET", `/api/office/occasions/${O2.id}`), 200, "O2");
    const status = Object.fromEntries(
      o2.registrations.map((x: { email: string; status: string }) => [x.email, x.status]),
    );
    expect(status).toEqual({
      "david.dahl@example.se": "confirmed",
      "hanna.holm@example.se": "cancelled",
      "ivar.isaksson@example.se": "confirmed",
      "jenny.jansson@example.se": "waitlisted",
    });
    // O6 is called off.
    await ok(call(w, "POST", `/api/office/occasions/${O6.id}/cancel`, {}), 200, "inställt");

    // Every occasion is over; the office sets the marks (it may, any time).
    w.t.now.value = new Date("2026-12-20T12:00:00Z");
    await mark(w, P1, 0, r.p1Bengt!, "present");
    await mark(w, P1, 0, r.p1Sven!, "present");
    await mark(w, P2, 0, r.p2Anna!, "present");
    await mark(w, P2, 0, r.p2Tove!, "absent");
    for (const k of ["anna", "bengt", "cecilia", "eva", "rut", "kimAnnat"])
      await mark(w, O1, 0, r[`o1_${k}`]!, "present");
    await mark(w, O1, 0, r.o1_karl!, "excused");
    await mark(w, O2, 0, r.o2David!, "present");
    await mark(w, O2, 0, r.o2Ivar!, "present");
    for (const k of ["annaUpper", "fredrik", "rutPrivat"]) await mark(w, O3, 0, r[`o3_${k}`]!, "present");
    await mark(w, O3, 0, r.o3_gustav!, "late");
    await mark(w, O3, 0, r.o3_lena!, "absent");
    // Mats: no mark at all.
    await mark(w, O4, 0, r.o4Anna!, "late");
    await mark(w, O4, 1, r.o4Anna!, "absent");
    await mark(w, O4, 0, r.o4Kim!, "absent");
    await mark(w, O4, 1, r.o4Kim!, "present");
    await walkIn(w, O4, 0, P.nora);
    // Petra's mark on the called-off occasion (whether or not the API takes it, she must not count).
    await call(w, "PUT", `/api/leader/occasions/${O6.id}/days/${O6.dayIds[0]}/attendance/${r.o6Petra}`, {
      status: "present",
    });

    g.wpAll = await newGoal(w, {
      year: 2026,
      kind: "workplaces",
      basis: "attended",
      courseTypes: [],
      target: 10,
      label: "Arbetsplatser som deltagit",
    });
    g.wpHU = await newGoal(w, {
      year: 2026,
      kind: "workplaces",
      basis: "attended",
      courseTypes: ["handledarutbildning"],
      target: 7,
      label: "Arbetsplatser i handledarutbildningen",
    });
    g.wpReg = await newGoal(w, {
      year: 2026,
      kind: "workplaces",
      basis: "registered",
      courseTypes: [],
      target: 12,
      label: "Anmälda arbetsplatser",
    });
    g.staff = await newGoal(w, {
      year: 2026,
      kind: "staff",
      basis: "attended",
      courseTypes: [],
      target: 12,
      label: "Medarbetare som deltagit",
    });
    g.staffReg = await newGoal(w, {
      year: 2026,
      kind: "staff",
      basis: "registered",
      courseTypes: [],
      target: 20,
      label: "Anmälda medarbetare",
    });
    g.staffHU = await newGoal(w, {
      year: 2026,
      kind: "staff",
      basis: "attended",
      courseTypes: ["handledarutbildning"],
      target: 8,
      label: "Handledare som deltagit",
    });
    g.part = await newGoal(w, {
      year: 2026,
      kind: "participants",
      basis: "attended",
      courseTypes: [],
      target: 15,
      label: "Deltagartillfällen",
    });
    g.partReg = await newGoal(w, {
      year: 2026,
      kind: "participants",
      basis: "registered",
      courseTypes: [],
      target: 30,
      label: "Anmälningar",
    });
    g.occ = await newGoal(w, {
      year: 2026,
      kind: "occasions",
      basis: "attended",
      courseTypes: [],
      target: 4,
      label: "Genomförda tillfällen",
    });
    gPrev = await newGoal(w, {
      year: 2025,
      kind: "workplaces",
      basis: "attended",
      courseTypes: [],
      target: 3,
      label: "Arbetsplatser 2025",
    });
  }, 120_000);
  afterAll(() => w?.t.close());

  // ---- the 2026 figures, worked out by hand (before any merge) ----
  //
  // Confirmed registrations of counted occasions (O1–O4; O5 is a draft, O6 called off):
  //   O1: Anna, Bengt, Cecilia, Eva, Karl, Rut(rask), Kim            7 (attended: all but Karl = 6)
  //   O2: David, Ivar                                                 2 (attended 2)
  //   O3: Anna, Fredrik, Gustav, Lena, Mats, Rut(privat)              6 (attended: Anna, Fredrik,
  //                                                                      Gustav (late), Rut = 4)
  //   O4: Anna, Kim, Nora                                             3 (attended 3: Anna late on
  //                                                                      day 1, Kim present day 2)
  // Persons registered (distinct addresses, Anna's two cases one person, Rut's two addresses two
  // persons): Anna, Bengt, Cecilia, Eva, Karl, Rut-r, Kim, David, Ivar, Fredrik, Gustav, Lena,
  // Mats, Rut-p, Nora = 15. Attended: minus Karl, Lena, Mats = 12.
  // Participations registered 7+2+6+3 = 18; attended 6+2+4+3 = 15.
  // Workplaces of attended rows: FK Halmstad (Anna), ICA (Bengt + Cecilia: one match key),
  //   Trädgård/Laholm (Eva + Fredrik: same org number, same municipality), Varberg AME (Rut),
  //   AF Halmstad (Kim), Stormarknad (David), AF Varberg (Ivar), Trädgård/Halmstad (Gustav: same
  //   org number but another municipality), Laholm AME (Nora) = 9.
  // Registered workplaces: those 9 + Falkenberg AME (Karl), Hylte (Lena), sjukhuset (Mats) = 12.
  //   (Not Varbergs IFO (Hanna, cancelled), Kungsbacka IFO (Jenny, waiting), daglig verksamhet
  //   (Olle, draft), FK Varberg (Petra, called-off occasion).)
  // handledarutbildning only (O1, O2): attended workplaces FK, ICA, Trädgård/L, Varberg AME,
  //   AF Halmstad (O1) + Stormarknad, AF Varberg (O2) = 7; attended persons 6 (O1) + 2 (O2) = 8.
  // Occasions held: O1–O4 = 4.
  const EXPECTED_2026 = {
    wpAll: 9,
    wpHU: 7,
    wpReg: 12,
    staff: 12,
    staffReg: 15,
    staffHU: 8,
    part: 15,
    partReg: 18,
    occ: 4,
  };

  it("counts a person once for staff and once per occasion for participants; the address's case does not matter", async () => {
    const r = await report(w, 2026);
    expect(r.year).toBe(2026);
    for (const [k, v] of Object.entries(EXPECTED_2026)) expect(goalValue(r, g[k]!), k).toBe(v);
    // Anna is at three courses (O1 HU, O3 TD as ANNA.Andersson@, O4 FM): one member of the staff
    // goal, having attended all three; three members of the participations goal.
    const staff = await members(w, g.staff!);
    expect(attendedOccasionIds(memberNamed(staff, "Anna Andersson"))).toEqual(sorted([O1.id, O3.id, O4.id]));
    const part = await members(w, g.part!);
    expect(names(part).filter((n) => n === "Anna Andersson")).toHaveLength(3);
    // The office's list of people has her once, as the normalised address, with her four
    // registrations (P2 in 2025, O1, O3, O4).
    const people = await ok(call(w, "GET", "/api/office/people?q=anna"), 200, "personer");
    const annas = people.people.filter((p: { email: string }) => p.email.toLowerCase() === "anna.andersson@example.se");
    expect(annas).toHaveLength(1);
    expect(annas[0]).toMatchObject({ email: "anna.andersson@example.se", registrations: 4, mergedInto: null });
  });

  it("counts confirmed registrations of published occasions only: a waitlisted person, a cancelled registration, a draft and a called-off occasion count nowhere; the one moved up counts", async () => {
    const reg = names(await members(w, g.staffReg!));
    expect(reg).toHaveLength(15);
    expect(reg).toContain("Ivar Isaksson"); // moved up after Hanna's cancel, and present
    for (const nobody of ["Jenny Jansson", "Hanna Holm", "Olle Olsson", "Petra Persson"])
      expect(reg, nobody).not.toContain(nobody);
    expect(names(await members(w, g.staff!))).toContain("Ivar Isaksson");
    const r = await report(w, 2026);
    // registered 15, attended 12, workplaces 9 (of those who attended, as in the breakdown
    // rows), occasions planned 4 (O1–O4: published, not cancelled) and all 4 held.
    expect(r.totals).toMatchObject({
      registered: 15,
      attended: 12,
      workplaces: 9,
      occasionsPlanned: 4,
      occasionsHeld: 4,
    });
    // "participations" is not defined further in the README: person × occasion, either attended
    // (15) or registered (18). Any other figure is wrong.
    expect([15, 18]).toContain(r.totals.participations);
  });

  it("counts present and late as attended (on any one day); excused, absent and unmarked are not; a walk-in is", async () => {
    const attended = names(await members(w, g.staff!));
    expect(attended).toHaveLength(12);
    expect(attended).toContain("Gustav Gran"); // late, his only day
    expect(attended).toContain("Nora Nilsson"); // walk-in
    expect(attended).toContain("Kim Kron"); // absent day 1 of O4, present day 2 (and O1)
    for (const not of ["Karl Kvist", "Lena Lund", "Mats Mattsson"]) expect(attended, not).not.toContain(not);
    // On a registered-basis goal Karl is there, with his occasion shown as not attended.
    const karl = memberNamed(await members(w, g.staffReg!), "Karl Kvist");
    expect(karl.occasions.map((o: { id: number; attended: boolean }) => [o.id, o.attended])).toEqual([[O1.id, false]]);
    // Three people attended O4: Anna (late on day 1 only), Kim (day 2 only), Nora (walk-in on
    // day 1) = 3 participations there; the participations goal is 15 in all (see above).
    const part = await members(w, g.part!);
    const atO4 = part.members
      .filter((m: any) => m.occasions.some((o: { id: number }) => o.id === O4.id))
      .map((m: { name: string }) => m.name);
    expect(atO4.sort()).toEqual(["Anna Andersson", "Kim Kron", "Nora Nilsson"]);
  });

  it("a goal on handledarutbildning ignores the temadag-only participants", async () => {
    // O1 + O2 attended: Anna, Bengt, Cecilia, Eva, Rut, Kim, David, Ivar = 8.
    const hu = names(await members(w, g.staffHU!));
    expect(hu.sort()).toEqual([
      "Anna Andersson",
      "Bengt Berg",
      "Cecilia Carlsson",
      "David Dahl",
      "Eva Ek",
      "Ivar Isaksson",
      "Kim Kron",
      "Rut Rask",
    ]);
    for (const onlyTemadag of ["Fredrik Falk", "Gustav Gran"]) expect(hu).not.toContain(onlyTemadag);
  });

  it("workplaces: two spellings with one match key are one; one org number in one municipality is one, in two municipalities two", async () => {
    const m = await members(w, g.wpAll!);
    expect(m.members).toHaveLength(9);
    // "ICA Maxi, Halmstad" and "ica maxi  halmstad" are one register row, shown as first typed.
    expect(
      names(m)
        .filter((n) => /ica maxi/i.test(n))
        .sort(),
    ).toEqual(["ICA Maxi Stormarknad Halmstad", "ICA Maxi, Halmstad"]);
    const ica = memberNamed(m, "ICA Maxi, Halmstad");
    expect(attendedOccasionIds(ica)).toEqual([O1.id]);
    // Three spellings of Hallandsåsens trädgård, one org number: Laholm (two names) is one
    // workplace, Halmstad another → two members.
    expect(names(m).filter((n) => /trädgård/i.test(n))).toHaveLength(2);
    const reg = names(await members(w, g.wpReg!));
    expect(reg).toHaveLength(12);
    for (const n of [
      "Varbergs kommun, IFO",
      "Kungsbacka kommun, IFO",
      "Laholms kommun, daglig verksamhet",
      "Försäkringskassan Varberg",
    ])
      expect(reg, n).not.toContain(n);

    // The register: the two ICA spellings are one row; the Stormarknad row is suggested as the
    // same place (same municipality, one name's words within the other's).
    const list = await ok(call(w, "GET", "/api/office/workplaces?q=ica"), 200, "arbetsplatser");
    const rows = list.workplaces;
    expect(rows.map((x: { name: string }) => x.name).sort()).toEqual([
      "ICA Maxi Stormarknad Halmstad",
      "ICA Maxi, Halmstad",
    ]);
    const icaRow = rows.find((x: { name: string }) => x.name === "ICA Maxi, Halmstad");
    const storRow = rows.find((x: { name: string }) => x.name === "ICA Maxi Stormarknad Halmstad");
    // Bengt P1, Bengt O1, Cecilia O1 → 3; Sven P1, David O2 → 2.
    expect(icaRow).toMatchObject({ municipality: "Halmstad", registrations: 3, mergedInto: null });
    expect(storRow).toMatchObject({ municipality: "Halmstad", registrations: 2, mergedInto: null });
    expect(storRow.suggestedDuplicates).toContain(icaRow.id);
    expect(icaRow.suggestedDuplicates).toContain(storRow.id);
  });

  it("refuses an organisation number that fails the Luhn check, and writes nothing", async () => {
    const before = await ok(call(w, "GET", "/api/office/workplaces?q=felnummer"), 200, "arbetsplatser");
    expect(before.workplaces).toEqual([]);
    // The number is checked with the rest of the body, before anything is written.
    const res = await call(
      w,
      "POST",
      `/api/office/occasions/${O1.id}/registrations`,
      body({
        name: "Felix Felnummer",
        email: "felix.felnummer@example.se",
        party: "annan",
        workplace: { name: "Felnummer AB", municipality: "Halmstad", orgNumber: "556036-0794" }, // last digit wrong
      }),
    );
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe("invalid_input");
    expect(res.json.error.fields["workplace.orgNumber"]).toMatch(/organisationsnumr/i);
    const after = await ok(call(w, "GET", "/api/office/workplaces?q=felnummer"), 200, "arbetsplatser");
    expect(after.workplaces).toEqual([]);
    expect((await report(w, 2026)).totals.registered).toBe(15);
  });

  it("breaks the year down by party, municipality, course type, month and gender", async () => {
    const b = (await report(w, 2026)).breakdowns;
    // Rows are [distinct persons registered, distinct persons attended, distinct workplaces of
    // those who attended]; rows not listed here are all zero.
    //
    // Party (the party code of the registration):
    //   fk: Anna [1,1, FK Halmstad 1]
    //   annan: Bengt, Cecilia, Eva, David, Fredrik, Gustav – all attended; workplaces ICA,
    //          Trädgård/L (Eva+Fredrik), Stormarknad, Trädgård/H → [6,6,4]
    //   falkenberg: Karl (excused) [1,0,0]; hylte: Lena [1,0,0]; region-halland: Mats [1,0,0]
    //   varberg: Rut-r, Rut-p (two addresses, not merged) both at Varberg AME [2,2,1]
    //   af: Kim (AF Halmstad), Ivar (AF Varberg) [2,2,2]
    //   laholm: Nora [1,1,1]
    //   (kungsbacka: Jenny is only waiting; halmstad: Tove is 2025) → absent/zero
    expect(nonZero(b.party)).toEqual({
      fk: [1, 1, 1],
      annan: [6, 6, 4],
      falkenberg: [1, 0, 0],
      hylte: [1, 0, 0],
      "region-halland": [1, 0, 0],
      varberg: [2, 2, 1],
      af: [2, 2, 2],
      laholm: [1, 1, 1],
    });
    expect(b.party.find((r: { key: string }) => r.key === "fk")?.label).toBe("Försäkringskassan");
    // Municipality (of the workplace):
    //   Halmstad: Anna (FK), Bengt, Cecilia (ICA), David (Stormarknad), Gustav (Trädgård/H),
    //             Kim (AF), Mats (sjukhuset, unmarked) → registered 7, attended 6,
    //             workplaces FK, ICA, Stormarknad, Trädgård/H, AF Halmstad = 5
    //   Laholm: Eva, Fredrik (one workplace), Nora (AME) → [3,3,2]
    //   Varberg: Rut-r, Rut-p (AME), Ivar (AF Varberg) → [3,3,2]
    //   Falkenberg: Karl [1,0,0]; Hylte: Lena [1,0,0]
    expect(nonZero(b.municipality)).toEqual({
      Halmstad: [7, 6, 5],
      Laholm: [3, 3, 2],
      Varberg: [3, 3, 2],
      Falkenberg: [1, 0, 0],
      Hylte: [1, 0, 0],
    });
    // Course type:
    //   handledarutbildning (O1+O2): registered 7+2 = 9, attended 8 (not Karl), workplaces 7
    //   temadag (O3): registered 6, attended 4 (Anna, Fredrik, Gustav, Rut-p), workplaces FK,
    //     Trädgård/L, Trädgård/H, Varberg AME = 4
    //   forsakringsmedicin (O4): Anna, Kim, Nora [3,3, FK, AF Halmstad, Laholm AME = 3]
    expect(nonZero(b.courseType)).toEqual({
      handledarutbildning: [9, 8, 7],
      temadag: [6, 4, 4],
      forsakringsmedicin: [3, 3, 3],
    });
    // Month of the first day: 03 = O1 [7,6,5], 05 = O2 [2,2,2], 09 = O3 [6,4,4], 10 = O4 [3,3,3];
    // 04 (the draft O5) and 06 (the called-off O6) are zero. All twelve months are listed.
    expect(b.month.map((r: { key: string }) => r.key)).toEqual(MONTHS);
    expect(nonZero(b.month)).toEqual({ "03": [7, 6, 5], "05": [2, 2, 2], "09": [6, 4, 4], "10": [3, 3, 3] });
    // Gender: a person's gender is the one she gave last; vill-ej-ange and none are ej-angivet.
    //   kvinna: Anna (kvinna, none, kvinna → kvinna), Cecilia, Rut-r, Rut-p, Lena, Nora
    //           → registered 6, attended 5 (not Lena), workplaces FK, ICA, Varberg AME, Laholm AME = 4
    //   man: Bengt, Karl, Gustav, Ivar, Mats, Kim ("annat" at O1, later "man" at O4 → man)
    //           → registered 6, attended 4 (Bengt, Gustav, Ivar, Kim), workplaces ICA,
    //             Trädgård/H, AF Varberg, AF Halmstad = 4
    //   annat: David [1,1,1]
    //   ej-angivet: Eva (vill-ej-ange), Fredrik (none) → [2,2, one workplace by org number = 1]
    expect(
      b.gender
        .map((r: { key: string }) => r.key)
        .every((k: string) => ["kvinna", "man", "annat", "ej-angivet"].includes(k)),
    ).toBe(true);
    expect(nonZero(b.gender)).toEqual({ kvinna: [6, 5, 4], man: [6, 4, 4], annat: [1, 1, 1], "ej-angivet": [2, 2, 1] });
  });

  it("gives Uppföljning Finsam its rows: per course, distinct persons who attended, women, men, other or not given", async () => {
    // HU (O1, O2): Anna, Bengt, Cecilia, Eva, Rut, Kim, David, Ivar = 8;
    //   women Anna, Cecilia, Rut = 3; men Bengt, Kim (last given: man), Ivar = 3;
    //   other/not given Eva (vill-ej-ange), David (annat) = 2.
    // TD (O3): Anna, Fredrik, Gustav, Rut-p = 4; women Anna, Rut = 2; men Gustav = 1; other Fredrik = 1.
    // FM (O4): Anna, Kim, Nora = 3; women Anna, Nora = 2; men Kim = 1; other 0.
    // The fixture's course (no occasions) has no row; the draft and the called-off occasion add nothing.
    const rows = (await finsam(w, 2026)).rows.sort(
      (a: { courseId: number }, b: { courseId: number }) => a.courseId - b.courseId,
    );
    expect(rows).toEqual([
      expect.objectContaining({
        courseId: cHU,
        course: "Handledarutbildning, uppföljningstest",
        year: 2026,
        persons: 8,
        women: 3,
        men: 3,
        otherOrUnknown: 2,
      }),
      expect.objectContaining({
        courseId: cTD,
        course: "Temadag: Arbete och hälsa",
        year: 2026,
        persons: 4,
        women: 2,
        men: 1,
        otherOrUnknown: 1,
      }),
      expect.objectContaining({
        courseId: cFM,
        course: "Grundkurs i försäkringsmedicin, uppföljningstest",
        year: 2026,
        persons: 3,
        women: 2,
        men: 1,
        otherOrUnknown: 0,
      }),
    ]);
    // 2025: HU (P1) Bengt, Sven = 2 men; TD (P2) Anna = 1 woman (Tove was absent).
    const prev = (await finsam(w, 2025)).rows.sort(
      (a: { courseId: number }, b: { courseId: number }) => a.courseId - b.courseId,
    );
    expect(prev).toEqual([
      expect.objectContaining({ courseId: cHU, year: 2025, persons: 2, women: 0, men: 2, otherOrUnknown: 0 }),
      expect.objectContaining({ courseId: cTD, year: 2025, persons: 1, women: 1, men: 0, otherOrUnknown: 0 }),
    ]);
  });

  it("names each Finsam row's course type by its code, as `courseType` is everywhere else in the API", async () => {
    // Occasions carry `courseType` (code) and `courseTypeName`; goals' `courseTypes` and the
    // course-type breakdown's keys are codes. A row's `courseType` is the code too.
    const rows = (await finsam(w, 2026)).rows.sort(
      (a: { courseId: number }, b: { courseId: number }) => a.courseId - b.courseId,
    );
    expect(rows.map((r: { courseType: string }) => r.courseType)).toEqual([
      "handledarutbildning",
      "temadag",
      "forsakringsmedicin",
    ]);
  });

  it("shows the year before next to this year: 2025's goals, totals and breakdowns", async () => {
    // 2025: P1 Bengt (ICA) + Sven (Stormarknad) present; P2 Anna (FK) present, Tove absent.
    //   registered 4, attended 3, workplaces of those who attended ICA, Stormarknad, FK = 3,
    //   participations 3 attended / 4 registered, 2 occasions planned and held.
    const r = await report(w, 2026);
    const prev = r.previousYear;
    expect(prev.year).toBe(2025);
    expect(prev.goals.map((x: { id: number }) => x.id)).toEqual([gPrev]);
    expect(goalIn(prev, gPrev)).toMatchObject({ value: 3, target: 3, expectedByToday: 3, onTrack: true });
    expect(prev.totals).toMatchObject({
      registered: 4,
      attended: 3,
      workplaces: 3,
      occasionsPlanned: 2,
      occasionsHeld: 2,
    });
    expect([3, 4]).toContain(prev.totals.participations);
    expect(nonZero(prev.breakdowns.party)).toEqual({ annan: [2, 2, 2], fk: [1, 1, 1], halmstad: [1, 0, 0] });
    expect(nonZero(prev.breakdowns.month)).toEqual({ "04": [2, 2, 2], "11": [2, 1, 1] });
    expect(nonZero(prev.breakdowns.gender)).toEqual({ man: [2, 2, 2], kvinna: [2, 1, 1] });
    // 2026's own goals are not in the previous-year block, and 2025's goal is not in 2026's.
    expect(r.goals.map((x: { id: number }) => x.id)).not.toContain(gPrev);
    // Asked for directly, 2025 is the same block (and its own previous year is 2024, empty).
    const y2025 = await report(w, 2025);
    expect(y2025.year).toBe(2025);
    expect(y2025.goals).toEqual(prev.goals);
    expect(y2025.totals).toEqual(prev.totals);
    expect(y2025.breakdowns).toEqual(prev.breakdowns);
    expect(y2025.previousYear.year).toBe(2024);
    expect(y2025.previousYear.totals).toMatchObject({
      registered: 0,
      attended: 0,
      workplaces: 0,
      occasionsPlanned: 0,
      occasionsHeld: 0,
    });
  });

  it("with all of 2026's plan over, expects the whole target, forecasts the figure itself, and says which goals are on track", async () => {
    // Today is 2026-12-20: every planned occasion of 2026 is over → share 1 → expected = target.
    // No occasion is coming → forecast = value.
    const r = await report(w, 2026);
    const want: Record<string, [value: number, target: number, onTrack: boolean]> = {
      wpAll: [9, 10, false],
      wpHU: [7, 7, true],
      wpReg: [12, 12, true],
      staff: [12, 12, true],
      staffReg: [15, 20, false],
      staffHU: [8, 8, true],
      part: [15, 15, true],
      partReg: [18, 30, false],
      occ: [4, 4, true],
    };
    for (const [k, [value, target, onTrack]] of Object.entries(want)) {
      expect(goalIn(r, g[k]!), k).toMatchObject({ value, target, expectedByToday: target, forecast: value, onTrack });
    }
  });

  it("every goal's list behind the figure has as many members as the figure", async () => {
    await membersMatchValues(w, await report(w, 2026));
    await membersMatchValues(w, await report(w, 2025));
  });

  it("merging the Stormarknad spelling into ICA lowers this year's AND last year's figures by one; undoing gives exactly the figures before", async () => {
    const before = await report(w, 2026);
    const beforeFinsam = await finsam(w, 2026);
    const list = (await ok(call(w, "GET", "/api/office/workplaces?q=ica"), 200, "arbetsplatser")).workplaces;
    const icaId: number = list.find((x: { name: string }) => x.name === "ICA Maxi, Halmstad").id;
    const storId: number = list.find((x: { name: string }) => x.name === "ICA Maxi Stormarknad Halmstad").id;
    const afId: number = (
      await ok(call(w, "GET", "/api/office/workplaces"), 200, "alla arbetsplatser")
    ).workplaces.find((x: { name: string }) => x.name === "Arbetsförmedlingen Halmstad").id;

    const merged = await ok(
      call(w, "POST", "/api/office/workplaces/merge", { into: icaId, from: [storId] }),
      201,
      "slå ihop",
    );
    const mergeId: number = merged.merge.id;

    const after = await report(w, 2026);
    // 2026: David's Stormarknad now counts as ICA, which Bengt and Cecilia attended too.
    //   workplaces attended 9 → 8, HU 7 → 6 (O1 ICA + O2 ICA are one), registered 12 → 11.
    expect(goalValue(after, g.wpAll!)).toBe(8);
    expect(goalValue(after, g.wpHU!)).toBe(6);
    expect(goalValue(after, g.wpReg!)).toBe(11);
    expect(goalIn(after, g.wpHU!).onTrack).toBe(false); // 6 < 7
    expect(goalIn(after, g.wpReg!).onTrack).toBe(false); // 11 < 12
    // People figures do not change.
    expect(goalValue(after, g.staff!)).toBe(12);
    expect(after.totals).toMatchObject({ registered: 15, attended: 12, workplaces: 8 });
    // Breakdowns: annan 4 → 3 workplaces, Halmstad 5 → 4, handledarutbildning 7 → 6;
    // May (O2) stays 2 (ICA, AF Varberg), annat (David) stays 1.
    expect(rowOf(after.breakdowns.party, "annan")).toEqual([6, 6, 3]);
    expect(rowOf(after.breakdowns.municipality, "Halmstad")).toEqual([7, 6, 4]);
    expect(rowOf(after.breakdowns.courseType, "handledarutbildning")).toEqual([9, 8, 6]);
    expect(rowOf(after.breakdowns.month, "05")).toEqual([2, 2, 2]);
    expect(rowOf(after.breakdowns.gender, "annat")).toEqual([1, 1, 1]);
    // 2025: Bengt's ICA and Sven's Stormarknad are now one → 3 → 2.
    expect(goalValue(after.previousYear, gPrev)).toBe(2);
    expect(after.previousYear.totals.workplaces).toBe(2);
    expect(rowOf(after.previousYear.breakdowns.party, "annan")).toEqual([2, 2, 1]);
    expect(goalValue(await report(w, 2025), gPrev)).toBe(2);
    // The ICA member now lists both of its occasions.
    const m = await members(w, g.wpAll!);
    expect(m.members).toHaveLength(8);
    expect(names(m).filter((n) => /ica maxi/i.test(n))).toEqual(["ICA Maxi, Halmstad"]);
    expect(attendedOccasionIds(memberNamed(m, "ICA Maxi, Halmstad"))).toEqual(sorted([O1.id, O2.id]));
    await membersMatchValues(w, after);
    // Finsam counts persons, not workplaces: unchanged.
    expect(await finsam(w, 2026)).toEqual(beforeFinsam);
    // The register says what counts as what, and lists the merge.
    const reg = await ok(call(w, "GET", "/api/office/workplaces?q=ica"), 200, "arbetsplatser");
    expect(reg.workplaces.find((x: { id: number }) => x.id === storId).mergedInto).toBe(icaId);
    expect(reg.workplaces.find((x: { id: number }) => x.id === icaId).mergedInto).toBeNull();
    expect(reg.merges.map((x: { id: number }) => x.id)).toContain(mergeId);

    // A workplace that already counts as another can be neither merged again nor merged into.
    const again = await call(w, "POST", "/api/office/workplaces/merge", { into: afId, from: [storId] });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe("workplace_already_merged");
    const into = await call(w, "POST", "/api/office/workplaces/merge", { into: storId, from: [afId] });
    expect(into.status).toBe(409);
    expect(into.json.error.code).toBe("workplace_already_merged");
    expect(figures(await report(w, 2026))).toEqual(figures(after)); // nothing written

    // Undo: every figure exactly as before the merge.
    await ok(call(w, "DELETE", `/api/office/workplace-merges/${mergeId}`), 204, "ångra");
    expect(figures(await report(w, 2026))).toEqual(figures(before));
    const undone = await ok(call(w, "GET", "/api/office/workplaces?q=ica"), 200, "arbetsplatser");
    expect(undone.workplaces.find((x: { id: number }) => x.id === storId).mergedInto).toBeNull();
    expect(undone.merges.map((x: { id: number }) => x.id)).not.toContain(mergeId);
  });

  it("merging Rut's two addresses makes her one person; undoing gives exactly the figures before", async () => {
    const before = await report(w, 2026);
    const beforeFinsam = await finsam(w, 2026);
    const merged = await ok(
      call(w, "POST", "/api/office/people/merge", { into: "rut.rask@example.se", from: ["rut@privat.example.se"] }),
      201,
      "slå ihop personer",
    );
    const mergeId: number = merged.merge.id;
    const after = await report(w, 2026);
    // Persons: 15 → 14 registered, 12 → 11 attended. Participations stay 18 / 15 (her two
    // registrations are on two occasions). The HU-only staff goal stays 8 (only one of them is HU).
    expect(goalValue(after, g.staff!)).toBe(11);
    expect(goalIn(after, g.staff!).onTrack).toBe(false); // 11 < 12
    expect(goalValue(after, g.staffReg!)).toBe(14);
    expect(goalValue(after, g.part!)).toBe(15);
    expect(goalValue(after, g.partReg!)).toBe(18);
    expect(goalValue(after, g.staffHU!)).toBe(8);
    expect(goalValue(after, g.wpAll!)).toBe(9);
    expect(after.totals).toMatchObject({ registered: 14, attended: 11, workplaces: 9 });
    // varberg [2,2,1] → [1,1,1]; Varberg [3,3,2] → [2,2,2]; kvinna [6,5,4] → [5,4,4].
    expect(rowOf(after.breakdowns.party, "varberg")).toEqual([1, 1, 1]);
    expect(rowOf(after.breakdowns.municipality, "Varberg")).toEqual([2, 2, 2]);
    expect(rowOf(after.breakdowns.gender, "kvinna")).toEqual([5, 4, 4]);
    // One course each: unchanged per course type and month, and in Finsam.
    expect(after.breakdowns.courseType).toEqual(before.breakdowns.courseType);
    expect(after.breakdowns.month).toEqual(before.breakdowns.month);
    expect(await finsam(w, 2026)).toEqual(beforeFinsam);
    const rut = memberNamed(await members(w, g.staff!), "Rut Rask");
    expect(attendedOccasionIds(rut)).toEqual(sorted([O1.id, O3.id]));
    await membersMatchValues(w, after);
    const people = await ok(call(w, "GET", "/api/office/people?q=rut"), 200, "personer");
    const byEmail = Object.fromEntries(
      people.people.map((p: { email: string; mergedInto: string | null }) => [p.email, p.mergedInto]),
    );
    expect(byEmail["rut@privat.example.se"]).toBe("rut.rask@example.se");
    expect(byEmail["rut.rask@example.se"]).toBeNull();
    expect(people.merges.map((x: { id: number }) => x.id)).toContain(mergeId);

    await ok(call(w, "DELETE", `/api/office/people-merges/${mergeId}`), 204, "ångra");
    expect(figures(await report(w, 2026))).toEqual(figures(before));
    const undone = await ok(call(w, "GET", "/api/office/people?q=rut"), 200, "personer");
    expect(undone.people.find((p: { email: string }) => p.email === "rut@privat.example.se").mergedInto).toBeNull();
  });
});

// ================================================================ B. the pace of the year

describe("B. expected by today, forecast and on track, for a hand-computed pace", () => {
  // Clock 2026-01-05 while registering, then "today" = 2026-04-01 12:00 Stockholm.
  // handledarutbildning, 10 places each:
  //   Q1 2026-02-10 (over)   registered p1–p6; p1–p5 present, p6 absent
  //   Q2 2026-05-12 (coming) registered p1, p7, p8
  //   Q3 2026-09-08 (coming) registered p9, p6
  //   Q4 2026-11-10 (coming) nobody yet
  //   Q5 2026-03-10 DRAFT (p12 by hand) – not planned, not counted
  //   Q6 2026-03-17 published then CANCELLED (p11) – not planned, not counted
  // temadag, 30 places:
  //   Q7 2026-03-03 (over)   registered p10, p1; both present
  // Plan of 2026: Q1–Q4 and Q7 (5 occasions, 70 places); over: Q1 and Q7.
  let w: World;
  const who = (n: number): Who => ({
    name: `Takt Person ${n}`,
    email: `takt.${n}@example.se`,
    party: "fk",
    workplace: { name: `Arbetsplats ${n}`, municipality: "Halmstad" },
    gender: "kvinna",
  });
  const g: Record<string, number> = {};

  beforeAll(async () => {
    w = await world("2026-01-05T08:00:00Z");
    const hu = await course(w, "Handledarutbildning, takt", "handledarutbildning");
    const td = await course(w, "Temadag, takt", "temadag");
    const Q1 = await occasion(w, hu, [day("2026-02-10")], 10);
    const Q2 = await occasion(w, hu, [day("2026-05-12")], 10);
    const Q3 = await occasion(w, hu, [day("2026-09-08")], 10);
    await occasion(w, hu, [day("2026-11-10")], 10); // Q4
    const Q5 = await occasion(w, hu, [day("2026-03-10")], 10, "draft");
    const Q6 = await occasion(w, hu, [day("2026-03-17")], 10);
    const Q7 = await occasion(w, td, [day("2026-03-03")], 30);
    const q1: number[] = [];
    for (const n of [1, 2, 3, 4, 5, 6]) q1.push((await register(w, Q1, who(n))).id);
    for (const n of [1, 7, 8]) await register(w, Q2, who(n));
    for (const n of [9, 6]) await register(w, Q3, who(n));
    const q7 = [(await register(w, Q7, who(10))).id, (await register(w, Q7, who(1))).id];
    await register(w, Q6, who(11));
    await ok(call(w, "POST", `/api/office/occasions/${Q6.id}/cancel`, {}), 200, "inställt");
    await byHand(w, Q5, who(12));

    w.t.now.value = new Date("2026-04-01T10:00:00Z");
    for (const id of q1.slice(0, 5)) await mark(w, Q1, 0, id, "present");
    await mark(w, Q1, 0, q1[5]!, "absent");
    for (const id of q7) await mark(w, Q7, 0, id, "present");

    const HU = ["handledarutbildning"];
    g.occHU = await newGoal(w, {
      year: 2026,
      kind: "occasions",
      basis: "attended",
      courseTypes: HU,
      target: 8,
      label: "Handledarutbildningar",
    });
    g.staffHU = await newGoal(w, {
      year: 2026,
      kind: "staff",
      basis: "attended",
      courseTypes: HU,
      target: 20,
      label: "Handledare som deltagit",
    });
    g.staffRegHU = await newGoal(w, {
      year: 2026,
      kind: "staff",
      basis: "registered",
      courseTypes: HU,
      target: 13,
      label: "Anmälda handledare",
    });
    g.partHU = await newGoal(w, {
      year: 2026,
      kind: "participants",
      basis: "attended",
      courseTypes: HU,
      target: 40,
      label: "Deltagartillfällen HU",
    });
    g.staffAll = await newGoal(w, {
      year: 2026,
      kind: "staff",
      basis: "attended",
      courseTypes: [],
      target: 30,
      label: "Medarbetare",
    });
    g.occAll = await newGoal(w, {
      year: 2026,
      kind: "occasions",
      basis: "attended",
      courseTypes: [],
      target: 10,
      label: "Alla tillfällen",
    });
    g.sgi = await newGoal(w, {
      year: 2026,
      kind: "staff",
      basis: "attended",
      courseTypes: ["sgi0"],
      target: 100,
      label: "SGI 0-nätverket",
    });
    g.past = await newGoal(w, {
      year: 2025,
      kind: "staff",
      basis: "attended",
      courseTypes: [],
      target: 7,
      label: "Medarbetare 2025",
    });
    g.coming = await newGoal(w, {
      year: 2027,
      kind: "occasions",
      basis: "attended",
      courseTypes: [],
      target: 5,
      label: "Tillfällen 2027",
    });
  }, 120_000);
  afterAll(() => w?.t.close());

  it("computes value, expectedByToday, forecast and onTrack from the plan", async () => {
    const r = await report(w, 2026);
    // occasions on HU: held Q1 = 1. Share (by one per occasion) = 1 over of 4 planned = 1/4
    //   → expected round(8/4) = 2; forecast = held 1 + planned not yet over 3 = 4; 1 < 2.
    expect(goalIn(r, g.occHU!)).toMatchObject({ value: 1, expectedByToday: 2, forecast: 4, onTrack: false });
    // staff on HU, attended: p1–p5 = 5. Share by places 10/40 → round(20 × 1/4) = 5 → on track.
    //   forecast: attended ∪ registered on coming HU occasions = {p1..p5} ∪ {p1,p7,p8,p9,p6} = 9.
    expect(goalIn(r, g.staffHU!)).toMatchObject({ value: 5, expectedByToday: 5, forecast: 9, onTrack: true });
    // staff on HU, registered: {p1..p6} ∪ {p1,p7,p8} ∪ {p9,p6} = 9 (Q2, Q3 registrations count
    //   as registered now). expected round(13/4 = 3.25) = 3; forecast = the figure, 9.
    expect(goalIn(r, g.staffRegHU!)).toMatchObject({ value: 9, expectedByToday: 3, forecast: 9, onTrack: true });
    // participations on HU, attended: Q1 five pairs. expected round(40/4) = 10.
    //   forecast 5 + Q2's 3 + Q3's 2 = 10 (p1 at Q1 and Q2 is two participations).
    expect(goalIn(r, g.partHU!)).toMatchObject({ value: 5, expectedByToday: 10, forecast: 10, onTrack: false });
    // staff, all types, attended: Q1's p1–p5 and Q7's p10 (p1 again) = 6.
    //   share by places: (Q1 10 + Q7 30) / (4 × 10 + 30) = 40/70 → round(30 × 4/7 = 17.14) = 17.
    //   forecast {p1..p5, p10} ∪ {p1, p7, p8, p9, p6} = p1..p10 = 10.
    expect(goalIn(r, g.staffAll!)).toMatchObject({ value: 6, expectedByToday: 17, forecast: 10, onTrack: false });
    // occasions, all types: held Q1, Q7 = 2 of 5 planned → round(10 × 2/5) = 4; forecast 2 + 3 = 5.
    expect(goalIn(r, g.occAll!)).toMatchObject({ value: 2, expectedByToday: 4, forecast: 5, onTrack: false });
    // sgi0: no occasion of that type planned → the share of the calendar year gone:
    //   2026-01-01 00:00 → 2026-04-01 12:00 Stockholm ≈ 90.5 of 365 days ≈ 0.248 → round(24.8) = 25
    //   (any reasonable day count, 90 or 91 days, also gives 25).
    expect(goalIn(r, g.sgi!)).toMatchObject({ value: 0, expectedByToday: 25, forecast: 0, onTrack: false });
    // The draft Q5 and the called-off Q6 are not planned: 5 planned (Q1–Q4, Q7), 2 held.
    // Registered persons p1–p10 (not p11 on Q6, not p12 on the draft); attended p1–p5, p10.
    expect(r.totals).toMatchObject({ registered: 10, attended: 6, occasionsPlanned: 5, occasionsHeld: 2 });
  });

  it("a past year expects the whole target, a coming year nothing", async () => {
    // 2025 is over: share 1 → expected 7; nobody → 0 < 7.
    const past = await report(w, 2025);
    expect(goalIn(past, g.past!)).toMatchObject({ value: 0, expectedByToday: 7, onTrack: false });
    expect(goalIn((await report(w, 2026)).previousYear, g.past!)).toMatchObject({
      value: 0,
      expectedByToday: 7,
      onTrack: false,
    });
    // 2027 has not begun: share 0 → expected 0 → 0 ≥ 0 is on track.
    const coming = await report(w, 2027);
    expect(goalIn(coming, g.coming!)).toMatchObject({ value: 0, expectedByToday: 0, onTrack: true });
  });

  it("lists behind each figure exactly as many members as the figure", async () => {
    const r = await report(w, 2026);
    await membersMatchValues(w, r);
    // The occasions goal on HU lists the one held occasion.
    expect((await members(w, g.occHU!)).members).toHaveLength(1);
    // The staff goal lists p1–p5, not p6 (absent) nor the coming occasions' people.
    expect(names(await members(w, g.staffHU!)).sort()).toEqual([1, 2, 3, 4, 5].map((n) => `Takt Person ${n}`));
  });
});

// ================================================================ B2. held = last day over

describe("B2. an occasion is held when its LAST day is over", () => {
  // Clock 2026-01-05 while registering, then today = 2026-04-01 12:00 Stockholm.
  // handledarutbildning, 10 places each:
  //   M1 2026-03-24 + 2026-04-14: first day over, last day not → planned, not held, not over.
  //      p1 present on day 1; p3 registered, absent on day 1.
  //   M2 2026-02-10: over and held. p2 present.
  let w: World;
  let gOcc: number, gStaff: number;
  const who = (n: number): Who => ({
    name: `Dag Person ${n}`,
    email: `dag.${n}@example.se`,
    party: "af",
    workplace: { name: `Dagarbetsplats ${n}`, municipality: "Hylte" },
  });
  beforeAll(async () => {
    w = await world("2026-01-05T08:00:00Z");
    const hu = await course(w, "Handledarutbildning, två dagar", "handledarutbildning");
    const M1 = await occasion(w, hu, [day("2026-03-24"), day("2026-04-14")], 10);
    const M2 = await occasion(w, hu, [day("2026-02-10")], 10);
    const p1 = (await register(w, M1, who(1))).id;
    const p3 = (await register(w, M1, who(3))).id;
    const p2 = (await register(w, M2, who(2))).id;
    w.t.now.value = new Date("2026-04-01T10:00:00Z");
    await mark(w, M1, 0, p1, "present");
    await mark(w, M1, 0, p3, "absent");
    await mark(w, M2, 0, p2, "present");
    gOcc = await newGoal(w, {
      year: 2026,
      kind: "occasions",
      basis: "attended",
      courseTypes: ["handledarutbildning"],
      target: 6,
      label: "Handledarutbildningar",
    });
    gStaff = await newGoal(w, {
      year: 2026,
      kind: "staff",
      basis: "attended",
      courseTypes: ["handledarutbildning"],
      target: 4,
      label: "Handledare",
    });
  }, 120_000);
  afterAll(() => w?.t.close());

  it("counts M1 as planned and coming, not held; its day-1 attendance already counts", async () => {
    const r = await report(w, 2026);
    // Held: M2 only = 1. Share: 1 over of 2 planned → round(6/2) = 3. Forecast 1 + M1 = 2.
    expect(goalIn(r, gOcc)).toMatchObject({ value: 1, expectedByToday: 3, forecast: 2, onTrack: false });
    // Attended: p1 (M1 day 1) and p2 (M2) = 2. Share by places 10/20 → round(4/2) = 2 → on track.
    // Forecast: {p1, p2} ∪ everyone registered on M1, not yet over {p1, p3} = 3.
    expect(goalIn(r, gStaff)).toMatchObject({ value: 2, expectedByToday: 2, forecast: 3, onTrack: true });
    expect(r.totals).toMatchObject({ registered: 3, attended: 2, occasionsPlanned: 2, occasionsHeld: 1 });
    await membersMatchValues(w, r);
  });
});

describe("B3. a mark on a day the office later cancelled counts for nothing", () => {
  // Clock 2026-01-05. T1 (temadag) 2026-04-14 + 2026-04-15, 10 places.
  //   q1 present on day 2 only, q2 present on day 1 only (marked ahead, as a leader may).
  // The office then cancels day 2 (its form sends day 1's id only). Today 2026-05-01: over.
  // Attended = q2 only = 1 (q1's only mark is on a day that did not take place).
  let w: World;
  let gStaff: number;
  let q1Token: string;
  const who = (n: number): Who => ({
    name: `Inställd Dag ${n}`,
    email: `installd.dag.${n}@example.se`,
    party: "fk",
    workplace: { name: `Installdagarbetsplats ${n}`, municipality: "Varberg" },
  });
  beforeAll(async () => {
    w = await world("2026-01-05T08:00:00Z");
    const td = await course(w, "Temadag med uppföljning", "temadag");
    const T1 = await occasion(w, td, [day("2026-04-14"), day("2026-04-15")], 10);
    const q1 = await register(w, T1, who(1));
    const q2 = await register(w, T1, who(2));
    q1Token = q1.token;
    await mark(w, T1, 1, q1.id, "present");
    await mark(w, T1, 0, q2.id, "present");
    const [d1s, d1e] = day("2026-04-14");
    await ok(
      call(w, "PATCH", `/api/office/occasions/${T1.id}`, { days: [{ id: T1.dayIds[0], start: d1s, end: d1e }] }),
      200,
      "dag 2 inställd",
    );
    gStaff = await newGoal(w, {
      year: 2026,
      kind: "staff",
      basis: "attended",
      courseTypes: [],
      target: 10,
      label: "Alla deltagare",
    });
    w.t.now.value = new Date("2026-05-01T10:00:00Z");
  }, 120_000);
  afterAll(() => w?.t.close());

  it("counts only the person present on a day that took place, in the goal, its list, the totals and her certificate", async () => {
    const r = await report(w, 2026);
    expect(goalValue(r, gStaff)).toBe(1);
    expect(names(await members(w, gStaff))).toEqual([who(2).name]);
    expect(r.totals).toMatchObject({ registered: 2, attended: 1 });
    const cert = await ok(api(w.t.app, "GET", `/api/registrations/${q1Token}/certificate`), 200, "intyg");
    expect(cert.certificate).toMatchObject({ eligible: false, totalDays: 1, days: [] });
  });
});

// ================================================================ C. the year boundary

describe("C. an occasion belongs to the Stockholm calendar year of its first day", () => {
  // Y0: 2026-12-31 20:00–22:00 Stockholm (19:00 UTC) → 2026; Bo attends.
  // Y1: 2027-01-01 00:30–02:30 Stockholm = 2026-12-31 23:30 UTC → 2027, not 2026; Ada attends.
  let w: World;
  let cNy: number;
  let Y1: Occ;
  let g2026: number, g2027: number;
  const place = { name: "Nyårsbyrån", municipality: "Halmstad" };
  beforeAll(async () => {
    w = await world("2026-06-01T08:00:00Z");
    cNy = await course(w, "Nyårskonferens", "temadag");
    const Y0 = await occasion(w, cNy, [["2026-12-31T20:00", "2026-12-31T22:00"]], 10);
    Y1 = await occasion(w, cNy, [["2027-01-01T00:30", "2027-01-01T02:30"]], 10);
    const bo = await register(w, Y0, {
      name: "Bo Nyår",
      email: "bo.nyar@example.se",
      party: "halmstad",
      workplace: place,
      gender: "man",
    });
    const ada = await register(w, Y1, {
      name: "Ada Nyår",
      email: "ada.nyar@example.se",
      party: "halmstad",
      workplace: place,
      gender: "kvinna",
    });
    w.t.now.value = new Date("2027-01-02T12:00:00Z");
    await mark(w, Y0, 0, bo.id, "present");
    await mark(w, Y1, 0, ada.id, "present");
    g2026 = await newGoal(w, {
      year: 2026,
      kind: "staff",
      basis: "attended",
      courseTypes: [],
      target: 2,
      label: "Medarbetare 2026",
    });
    g2027 = await newGoal(w, {
      year: 2027,
      kind: "staff",
      basis: "attended",
      courseTypes: [],
      target: 2,
      label: "Medarbetare 2027",
    });
  }, 120_000);
  afterAll(() => w?.t.close());

  it("puts 00:30 on 1 January 2027 (23:30 UTC on New Year's Eve) in 2027, and 20:00 on New Year's Eve in 2026", async () => {
    const occ = await ok(call(w, "GET", `/api/office/occasions/${Y1.id}`), 200, "Y1");
    expect(occ.occasion.startsAt).toBe("2026-12-31T23:30:00.000Z");

    const y2026 = await report(w, 2026);
    expect(y2026.totals).toMatchObject({
      registered: 1,
      attended: 1,
      workplaces: 1,
      occasionsPlanned: 1,
      occasionsHeld: 1,
    });
    expect(goalValue(y2026, g2026)).toBe(1);
    expect(names(await members(w, g2026))).toEqual(["Bo Nyår"]);
    expect(nonZero(y2026.breakdowns.month)).toEqual({ "12": [1, 1, 1] });

    const y2027 = await report(w, 2027);
    expect(y2027.totals).toMatchObject({
      registered: 1,
      attended: 1,
      workplaces: 1,
      occasionsPlanned: 1,
      occasionsHeld: 1,
    });
    expect(goalValue(y2027, g2027)).toBe(1);
    expect(names(await members(w, g2027))).toEqual(["Ada Nyår"]);
    expect(y2027.breakdowns.month.map((r: { key: string }) => r.key)).toEqual(MONTHS);
    expect(nonZero(y2027.breakdowns.month)).toEqual({ "01": [1, 1, 1] });
    expect(nonZero(y2027.breakdowns.gender)).toEqual({ kvinna: [1, 1, 1] });
    // The previous-year block of 2027 is 2026, with Bo.
    expect(y2027.previousYear.year).toBe(2026);
    expect(y2027.previousYear.totals).toMatchObject({ registered: 1, attended: 1 });
    expect(goalValue(y2027.previousYear, g2026)).toBe(1);
    expect(nonZero(y2027.previousYear.breakdowns.gender)).toEqual({ man: [1, 1, 1] });

    // Finsam the same way: 2026 = Bo (a man), 2027 = Ada (a woman).
    expect((await finsam(w, 2026)).rows).toEqual([
      expect.objectContaining({ courseId: cNy, year: 2026, persons: 1, women: 0, men: 1, otherOrUnknown: 0 }),
    ]);
    expect((await finsam(w, 2027)).rows).toEqual([
      expect.objectContaining({ courseId: cNy, year: 2027, persons: 1, women: 1, men: 0, otherOrUnknown: 0 }),
    ]);
  });
});

// ================================================================ D. goals themselves

describe("D. goals: create, validate, change, delete, copy to a new year", () => {
  let w: World;
  beforeAll(async () => {
    w = await world("2026-03-02T08:00:00Z");
  });
  afterAll(() => w?.t.close());

  const valid = {
    year: 2026,
    kind: "workplaces",
    basis: "attended",
    courseTypes: ["handledarutbildning"],
    target: 100,
    label: "Arbetsplatser i handledarutbildningen",
  };
  const goalCount = async (year: number) => (await report(w, year)).goals.length;
  /** 400 invalid_input with a Swedish message at the field (or one of its items). */
  function expectRefused(res: Answer, field: string, what: string) {
    expect(res.status, `${what}: ${res.text}`).toBe(400);
    expect(res.json.error.code, what).toBe("invalid_input");
    expect(res.json.error.message, what).toMatch(/[åäö]/i);
    const keys = Object.keys(res.json.error.fields ?? {}).filter((k) => k === field || k.startsWith(`${field}.`));
    expect(keys.length, `${what}: fält ${JSON.stringify(res.json.error.fields)}`).toBeGreaterThan(0);
    for (const k of keys) {
      const msg: string = res.json.error.fields[k];
      expect(msg, what).toMatch(/[a-zåäö]{3}/i);
      // zod's own English messages must not reach the office.
      expect(msg, what).not.toMatch(/\b(invalid|expected|required|received|must be|too small|number)\b/i);
    }
  }

  it("creates a goal and shows it in its year with its figure", async () => {
    const created = await ok(call(w, "POST", "/api/office/goals", valid), 201, "nytt mål");
    expect(created.goal).toMatchObject({ ...valid, id: expect.any(Number) });
    const r = await report(w, 2026);
    expect(goalIn(r, created.goal.id)).toMatchObject({
      label: valid.label,
      kind: "workplaces",
      basis: "attended",
      courseTypes: ["handledarutbildning"],
      target: 100,
      value: 0,
    });
    expect((await report(w, 2025)).goals).toEqual([]);
  });

  it("refuses an unknown kind, basis or course type and a target that is not a positive integer, in Swedish, writing nothing", async () => {
    const before = await goalCount(2026);
    const cases: [Record<string, unknown>, string][] = [
      [{ kind: "besokare" }, "kind"],
      [{ kind: "Workplaces" }, "kind"],
      [{ basis: "kanske" }, "basis"],
      [{ courseTypes: ["okand-kurstyp"] }, "courseTypes"],
      [{ courseTypes: ["handledarutbildning", "finns-inte"] }, "courseTypes"],
      [{ target: 0 }, "target"],
      [{ target: -5 }, "target"],
      [{ target: 2.5 }, "target"],
      [{ target: "100" }, "target"],
    ];
    for (const [over, field] of cases) {
      expectRefused(await call(w, "POST", "/api/office/goals", { ...valid, ...over }), field, JSON.stringify(over));
    }
    expect(await goalCount(2026)).toBe(before);
  });

  it("changes and deletes a goal; refused changes leave it as it was", async () => {
    const id = (
      await ok(
        call(w, "POST", "/api/office/goals", {
          ...valid,
          kind: "staff",
          courseTypes: [],
          target: 200,
          label: "Medarbetare",
        }),
        201,
        "mål",
      )
    ).goal.id;
    const changed = await ok(
      call(w, "PATCH", `/api/office/goals/${id}`, {
        target: 250,
        label: "Medarbetare som deltagit",
        basis: "registered",
      }),
      200,
      "ändra",
    );
    expect(changed.goal).toMatchObject({
      id,
      kind: "staff",
      basis: "registered",
      target: 250,
      label: "Medarbetare som deltagit",
      courseTypes: [],
    });
    expectRefused(await call(w, "PATCH", `/api/office/goals/${id}`, { kind: "besokare" }), "kind", "PATCH kind");
    expectRefused(await call(w, "PATCH", `/api/office/goals/${id}`, { target: 0 }), "target", "PATCH target");
    expectRefused(
      await call(w, "PATCH", `/api/office/goals/${id}`, { courseTypes: ["okand-kurstyp"] }),
      "courseTypes",
      "PATCH courseTypes",
    );
    expect(goalIn(await report(w, 2026), id)).toMatchObject({
      kind: "staff",
      basis: "registered",
      target: 250,
      label: "Medarbetare som deltagit",
      courseTypes: [],
    });

    const count = await goalCount(2026);
    await ok(call(w, "DELETE", `/api/office/goals/${id}`), 204, "ta bort");
    const after = await report(w, 2026);
    expect(after.goals.map((x: { id: number }) => x.id)).not.toContain(id);
    expect(after.goals).toHaveLength(count - 1);
    expect((await call(w, "PATCH", `/api/office/goals/${id}`, { target: 5 })).status).toBe(404);
    expect((await call(w, "GET", `/api/office/goals/${id}/members`)).status).toBe(404);
  });

  it("copies last year's goals to a new year once; a year that has goals answers 409 goals_exist", async () => {
    const a = {
      year: 2027,
      kind: "workplaces",
      basis: "attended",
      courseTypes: ["handledarutbildning"],
      target: 110,
      label: "Arbetsplatser i handledarutbildningen",
    };
    const b = {
      year: 2027,
      kind: "occasions",
      basis: "attended",
      courseTypes: ["bip-skapa", "sgi0"],
      target: 4,
      label: "Nätverksträffar",
    };
    const idA = (await ok(call(w, "POST", "/api/office/goals", a), 201, "a")).goal.id;
    const idB = (await ok(call(w, "POST", "/api/office/goals", b), 201, "b")).goal.id;
    const copied = await ok(call(w, "POST", "/api/office/goals/copy", { from: 2027, to: 2028 }), 201, "kopiera");
    const strip = (x: any) => ({
      label: x.label,
      kind: x.kind,
      basis: x.basis,
      courseTypes: x.courseTypes,
      target: x.target,
    });
    expect(copied.goals.map(strip).sort((x: any, y: any) => x.label.localeCompare(y.label))).toEqual(
      [strip(a), strip(b)].sort((x, y) => x.label.localeCompare(y.label)),
    );
    expect(copied.goals.every((x: any) => x.year === 2028 && x.id !== idA && x.id !== idB)).toBe(true);
    const y2028 = await report(w, 2028);
    expect(y2028.goals.map(strip).sort((x: any, y: any) => x.label.localeCompare(y.label))).toEqual(
      [strip(a), strip(b)].sort((x, y) => x.label.localeCompare(y.label)),
    );
    // The originals are still 2027's.
    expect((await report(w, 2027)).goals.map((x: { id: number }) => x.id).sort()).toEqual([idA, idB].sort());

    const again = await call(w, "POST", "/api/office/goals/copy", { from: 2027, to: 2028 });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe("goals_exist");
    expect(again.json.error.message).toMatch(/[a-zåäö]{3}/i);
    expect(await goalCount(2028)).toBe(2);
    // 2026 has goals from the tests above: copying into it is refused too.
    const into2026 = await call(w, "POST", "/api/office/goals/copy", { from: 2027, to: 2026 });
    expect(into2026.status).toBe(409);
    expect(into2026.json.error.code).toBe("goals_exist");
  });
});
