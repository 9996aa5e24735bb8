// Demo data: Samordningsförbundet i Halland and a year plan in the style of 2026, laid out
// around the day it is seeded, so there are past occasions with registrations and coming
// ones open for registration (one of them full, with a waiting list). Every person and
// workplace here is invented; addresses use example.se.
import { sql } from "drizzle-orm";
import type { Db } from "./client.ts";
import { courses, occasionDays, occasionLeaders, occasions, organisers, parties, registrations, users, workplaces } from "./schema.ts";
import { formatIsoDate, stockholmToUtc } from "../server/domain/format-time.ts";
import { insertDefaultCourseTypes } from "../server/domain/course-types.ts";
import { newToken } from "../server/domain/registration.ts";
import { workplaceMatchKey } from "../server/domain/workplaces.ts";

export const HALLAND_PARTIES = [
  { code: "af", name: "Arbetsförmedlingen", kind: "state", municipality: null },
  { code: "fk", name: "Försäkringskassan", kind: "state", municipality: null },
  { code: "region-halland", name: "Region Halland", kind: "region", municipality: null },
  { code: "falkenberg", name: "Falkenbergs kommun", kind: "municipality", municipality: "Falkenberg" },
  { code: "halmstad", name: "Halmstads kommun", kind: "municipality", municipality: "Halmstad" },
  { code: "hylte", name: "Hylte kommun", kind: "municipality", municipality: "Hylte" },
  { code: "kungsbacka", name: "Kungsbacka kommun", kind: "municipality", municipality: "Kungsbacka" },
  { code: "laholm", name: "Laholms kommun", kind: "municipality", municipality: "Laholm" },
  { code: "varberg", name: "Varbergs kommun", kind: "municipality", municipality: "Varberg" },
  { code: "annan", name: "Annan arbetsgivare", kind: "other", municipality: null },
] as const;

export async function seedOrganiser(db: Db, now: Date) {
  const [org] = await db
    .insert(organisers)
    .values({
      slug: "halland",
      name: "Samordningsförbundet i Halland",
      email: "kansliet@halland.example.se",
      phone: "035-00 00 00",
      website: "https://halland.example.se",
      retentionMonths: 36,
      createdAt: now,
    })
    .returning();
  await db.insert(parties).values(HALLAND_PARTIES.map((p, i) => ({ ...p, organiserId: org!.id, sortOrder: i })));
  await insertDefaultCourseTypes(db, org!.id, now);
  return org!;
}

const FIRST = ["Anna", "Johan", "Maria", "Erik", "Sara", "Karin", "Lars", "Emma", "Mikael", "Elin", "Fredrik", "Linnea", "Peter", "Hanna", "Oskar", "Ida", "Jonas", "Sofia", "Ahmed", "Leila", "Nils", "Maja", "Viktor", "Amira", "Per", "Greta", "Tobias", "Alva", "Daniel", "Nora"];
const LAST = ["Lind", "Berg", "Holm", "Ek", "Strand", "Sjöberg", "Nyström", "Dahl", "Lindqvist", "Åkesson", "Bergkvist", "Falk", "Hedlund", "Blom", "Engström", "Wikström", "Svensk", "Lund", "Norén", "Ström"];
const ROLES = ["Handläggare", "Arbetskonsulent", "Enhetschef", "Rehabkoordinator", "Socialsekreterare", "Arbetsterapeut", "Handledare", "Studie- och yrkesvägledare"];
const PARTY_MAIL: Record<string, string> = {
  af: "af.example.se",
  fk: "fk.example.se",
  "region-halland": "region.example.se",
  annan: "foretag.example.se",
};
const DEMO_WORKPLACES = [
  { name: "Café Solrosen", municipality: "Halmstad" },
  { name: "Kustens Bygg & Montage", municipality: "Laholm" },
  { name: "Ängslyckans förskola", municipality: "Varberg" },
  { name: "Hallandsåsens Trädgård", municipality: "Laholm" },
  { name: "Återbruket Falkenberg", municipality: "Falkenberg" },
  { name: "Hylte Mekaniska Verkstad", municipality: "Hylte" },
  { name: "Kungsbacka Bilrekond", municipality: "Kungsbacka" },
  { name: "Vårdcentralen Söder", municipality: "Halmstad" },
  { name: "Stadsbiblioteket", municipality: "Varberg" },
  { name: "Lagerhuset Väst", municipality: "Kungsbacka" },
];

/** Puts a date on a weekday: Saturday and Sunday move to Monday. */
function weekday(d: Date): Date {
  const day = new Date(`${formatIsoDate(d)}T12:00:00Z`).getUTCDay();
  return new Date(d.getTime() + (day === 6 ? 2 : day === 0 ? 1 : 0) * 86_400_000);
}

function dayAt(base: Date, offsetDays: number, from: string, to: string) {
  const date = formatIsoDate(weekday(new Date(base.getTime() + offsetDays * 86_400_000)));
  return { startsAt: stockholmToUtc(date, from), endsAt: stockholmToUtc(date, to) };
}

interface PlanItem {
  course: string;
  offset: number;
  days?: { from: string; to: string; plus?: number }[];
  capacity: number;
  online?: boolean;
  venue?: string;
  address?: string;
  label?: string;
  /** how many registered (confirmed up to capacity, the rest waitlisted) */
  fill: number;
  /** led by the demo course leader */
  led?: boolean;
}

/** The demo staff accounts; `npm start` prints sign-in links for them. */
export const DEMO_STAFF = [
  { email: "utvecklingsledare@halland.example.se", name: "Maria Demo (utvecklingsledare)", role: "office" },
  { email: "kursledare@halland.example.se", name: "Johan Demo (kursledare)", role: "leader" },
] as const;

export async function seedDemo(db: Db, now: Date): Promise<{ organiserId: number }> {
  const org = await seedOrganiser(db, now);
  const staff = await db
    .insert(users)
    .values(DEMO_STAFF.map((u) => ({ ...u, organiserId: org.id, emailKey: u.email, createdAt: now })))
    .returning({ id: users.id, role: users.role });
  const demoLeaderId = staff.find((u) => u.role === "leader")?.id;
  const courseDefs = [
    { key: "fm", courseType: "forsakringsmedicin", title: "Grundkurs i försäkringsmedicin och samordnad rehabilitering", responsiblePartyCode: "fk", description: "Två dagar om sjukförsäkringen, arbetsförmåga och hur parterna samverkar kring rehabilitering. För medarbetare hos alla parter. Lunch och fika ingår." },
    { key: "hu", courseType: "handledarutbildning", title: "Handledarutbildning för öppna arbetsplatser", responsiblePartyCode: "af", description: "För dig som tar emot personer som står långt från arbetsmarknaden på din arbetsplats: roller, bemötande, stöd och vem du ringer. Följs av en fördjupningshalvdag." },
    { key: "fd", courseType: "fordjupning", title: "Fördjupningshalvdag för handledare", responsiblePartyCode: "af", description: "Erfarenhetsutbyte och fördjupning för dig som gått handledarutbildningen." },
    { key: "bip", courseType: "bip-skapa", title: "Nätverksträff BIP/SKAPA", responsiblePartyCode: "halmstad", description: "Nätverk för kommunernas arbetsmarknadsenheter kring metoden BIP/SKAPA." },
    { key: "sgi", courseType: "sgi0", title: "Nätverk SGI 0", responsiblePartyCode: "fk", description: "Nätverk kring personer utan sjukpenninggrundande inkomst: regler, vägar och samverkan." },
    { key: "pb", courseType: "parterna-berattar", title: "Parterna berättar", responsiblePartyCode: "region-halland", description: "Digitalt kompetenspass: en part i taget berättar om sitt uppdrag. En timme via Teams.", asksDietary: false },
    { key: "td", courseType: "temadag", title: "Temadag: Psykisk ohälsa och arbete", responsiblePartyCode: "region-halland", description: "Föreläsningar och workshop om vägen tillbaka till arbete vid psykisk ohälsa. Lunch ingår." },
  ] as const;
  const courseIds: Record<string, number> = {};
  for (const def of courseDefs) {
    const { key, ...values } = def;
    const [row] = await db.insert(courses).values({ ...values, organiserId: org.id, createdAt: now }).returning({ id: courses.id });
    courseIds[key] = row!.id;
  }

  const wps = await db
    .insert(workplaces)
    .values(DEMO_WORKPLACES.map((w) => ({ ...w, organiserId: org.id, matchKey: workplaceMatchKey(w.name, w.municipality), createdAt: now })))
    .returning({ id: workplaces.id });

  type Block = { from: string; to: string; plus?: number };
  const full: Block[] = [{ from: "09:00", to: "16:00" }];
  const half: Block[] = [{ from: "13:00", to: "16:30" }];
  const hour: Block[] = [{ from: "09:00", to: "10:00" }];
  const folketsHus = { venue: "Folkets Hus Varberg", address: "Västra Vallgatan 9, Varberg" };
  const storgatan = { venue: "Samordningsförbundets lokal", address: "Storgatan 6, Halmstad" };
  const plan: PlanItem[] = [
    // past
    { course: "fm", offset: -150, days: [{ ...full[0]!, plus: 0 }, { ...full[0]!, plus: 1 }], capacity: 30, ...storgatan, label: "vår", fill: 27 },
    { course: "hu", offset: -110, days: full, capacity: 20, ...folketsHus, fill: 18 },
    { course: "bip", offset: -80, days: half, capacity: 25, ...storgatan, fill: 14 },
    { course: "pb", offset: -60, days: hour, capacity: 100, online: true, label: "Försäkringskassan", fill: 41 },
    { course: "hu", offset: -45, days: full, capacity: 20, venue: "Kulturhuset Fyren", address: "Kungsgatan 20, Kungsbacka", fill: 20 },
    { course: "sgi", offset: -30, days: half, capacity: 25, ...storgatan, fill: 11 },
    { course: "fd", offset: -12, days: half, capacity: 20, ...folketsHus, fill: 9 },
    { course: "td", offset: -5, days: full, capacity: 150, venue: "Halmstad Arena", address: "Stenalyckevägen 2, Halmstad", fill: 96, led: true },
    // today (a weekday): the demo leader takes attendance at the door
    { course: "hu", offset: 0, days: full, capacity: 20, venue: "Kulturhuset Fyren", address: "Kungsgatan 20, Kungsbacka", fill: 17, led: true },
    // coming
    { course: "hu", offset: 4, days: full, capacity: 12, ...storgatan, fill: 15 }, // full, 3 on the waiting list
    { course: "pb", offset: 7, days: hour, capacity: 100, online: true, label: "Arbetsförmedlingen", fill: 23 },
    { course: "bip", offset: 12, days: half, capacity: 25, ...folketsHus, fill: 8 },
    { course: "fm", offset: 18, days: [{ ...full[0]!, plus: 0 }, { ...full[0]!, plus: 7 }], capacity: 30, ...storgatan, label: "höst", fill: 19 },
    { course: "hu", offset: 25, days: full, capacity: 20, venue: "Falkenbergs stadsbibliotek", address: "Stortorget 1, Falkenberg", fill: 6 },
    { course: "sgi", offset: 33, days: half, capacity: 25, ...storgatan, fill: 4 },
    { course: "fd", offset: 40, days: half, capacity: 20, ...folketsHus, fill: 2 },
    { course: "pb", offset: 66, days: hour, capacity: 100, online: true, label: "Region Halland", fill: 5 },
    { course: "td", offset: 52, days: full, capacity: 140, venue: "Varbergs Teater", address: "Engelbrektsgatan 5, Varberg", fill: 31 },
    { course: "hu", offset: 75, days: full, capacity: 20, venue: "Laholms folkbibliotek", address: "Hästtorget 1, Laholm", fill: 0 },
    { course: "bip", offset: 95, days: half, capacity: 25, ...storgatan, fill: 0 },
  ];

  let personNo = 0;
  for (const item of plan) {
    const blocks = (item.days ?? full).map((d) => dayAt(now, item.offset + (d.plus ?? 0), d.from, d.to));
    const startsAt = blocks[0]!.startsAt;
    const endsAt = blocks[blocks.length - 1]!.endsAt;
    const [occ] = await db
      .insert(occasions)
      .values({
        organiserId: org.id,
        courseId: courseIds[item.course]!,
        label: item.label ?? null,
        online: item.online ?? false,
        venue: item.online ? null : (item.venue ?? null),
        address: item.online ? null : (item.address ?? null),
        meetingUrl: item.online ? "https://teams.example.se/meet/parterna-berattar" : null,
        capacity: item.capacity,
        registrationOpensAt: new Date(startsAt.getTime() - 120 * 86_400_000),
        registrationClosesAt: new Date(startsAt.getTime() - 86_400_000),
        status: "published",
        startsAt,
        endsAt,
        createdAt: now,
      })
      .returning({ id: occasions.id });
    await db.insert(occasionDays).values(blocks.map((b) => ({ ...b, occasionId: occ!.id, uid: `${newToken()}@kurser.example.se` })));
    if (item.led && demoLeaderId) await db.insert(occasionLeaders).values({ occasionId: occ!.id, userId: demoLeaderId });

    const rows = [];
    for (let i = 0; i < item.fill; i++) {
      personNo++;
      const first = FIRST[personNo % FIRST.length]!;
      const last = LAST[(personNo * 7) % LAST.length]!;
      const party = HALLAND_PARTIES[(personNo * 3) % HALLAND_PARTIES.length]!;
      const domain = PARTY_MAIL[party.code] ?? `${party.code}.example.se`;
      const email = `${first}.${last}.${personNo}@${domain}`.toLowerCase().replace(/å|ä/g, "a").replace(/ö/g, "o");
      const confirmed = i < item.capacity;
      const createdAt = new Date(startsAt.getTime() - (40 - (i % 30)) * 86_400_000);
      const supervisor = item.course === "hu" || item.course === "fd";
      rows.push({
        organiserId: org.id,
        occasionId: occ!.id,
        manageToken: newToken(),
        name: `${first} ${last}`,
        email,
        emailKey: email,
        partyCode: supervisor && i % 3 === 0 ? "annan" : party.code,
        workplaceId: supervisor ? wps[i % wps.length]!.id : null,
        role: ROLES[personNo % ROLES.length]!,
        gender: (["kvinna", "man", "kvinna", null, "vill-ej-ange", "man"] as const)[personNo % 6] ?? null,
        dietary: personNo % 9 === 0 ? "Vegetarisk" : personNo % 13 === 0 ? "Glutenfri" : null,
        status: confirmed ? "confirmed" : "waitlisted",
        source: "web",
        createdAt,
        confirmedAt: confirmed ? createdAt : null,
      });
    }
    // Insert in arrival order: the id order is the waiting-list order.
    for (let i = 0; i < rows.length; i += 50) await db.insert(registrations).values(rows.slice(i, i + 50));
  }
  return { organiserId: org.id };
}

export async function isEmpty(db: Db): Promise<boolean> {
  const [row] = await db.all<{ n: number }>(sql`SELECT count(*) AS n FROM organisers`);
  return Number(row?.n ?? 0) === 0;
}
