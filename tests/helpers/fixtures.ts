// Courses and occasions for tests, written straight to the database.
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { courses, occasionDays, occasions } from "../../db/schema.ts";
import { newToken } from "../../server/domain/registration.ts";

const DAY = 86_400_000;

export async function courseIdsFor(db: Db, organiserId: number, now: Date): Promise<number> {
  const existing = await db.select().from(courses).where(eq(courses.organiserId, organiserId));
  if (existing[0]) return existing[0].id;
  const [row] = await db
    .insert(courses)
    .values({
      organiserId,
      title: "Handledarutbildning för öppna arbetsplatser",
      description: "Testkurs för handledare.",
      courseType: "handledarutbildning",
      responsiblePartyCode: "af",
      createdAt: now,
    })
    .returning({ id: courses.id });
  return row!.id;
}

export interface TestOccasionInput {
  capacity?: number;
  /** days from now to the first day (default 14) */
  inDays?: number;
  /** number of days (default 1), one week apart */
  dayCount?: number;
  online?: boolean;
  meetingUrl?: string;
  opensAt?: Date | null;
  closesAt?: Date | null;
  status?: "draft" | "published" | "cancelled";
  label?: string;
}

export async function createTestOccasion(
  db: Db,
  organiserId: number,
  now: Date,
  input: TestOccasionInput = {},
): Promise<number> {
  const courseId = await courseIdsFor(db, organiserId, now);
  const first = now.getTime() + (input.inDays ?? 14) * DAY;
  const days = Array.from({ length: input.dayCount ?? 1 }, (_, i) => ({
    startsAt: new Date(first + i * 7 * DAY),
    endsAt: new Date(first + i * 7 * DAY + 7 * 3_600_000),
  }));
  const [occ] = await db
    .insert(occasions)
    .values({
      organiserId,
      courseId,
      label: input.label ?? null,
      online: input.online ?? false,
      venue: input.online ? null : "Folkets Hus Varberg",
      address: input.online ? null : "Västra Vallgatan 9, Varberg",
      meetingUrl: input.online ? (input.meetingUrl ?? "https://teams.example.se/meet/test") : null,
      capacity: input.capacity ?? 10,
      registrationOpensAt: input.opensAt === undefined ? null : input.opensAt,
      registrationClosesAt: input.closesAt === undefined ? null : input.closesAt,
      status: input.status ?? "published",
      startsAt: days[0]!.startsAt,
      endsAt: days[days.length - 1]!.endsAt,
      createdAt: now,
    })
    .returning({ id: occasions.id });
  await db
    .insert(occasionDays)
    .values(days.map((d) => ({ ...d, occasionId: occ!.id, uid: `${newToken()}@kurser.test` })));
  return occ!.id;
}
