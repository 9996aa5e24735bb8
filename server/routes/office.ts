// The chancellery's API: everything the office screens do, for office staff of the
// organiser (session or API token). Every route here is behind requireStaff + office role;
// tests/api/role-matrix.test.ts checks that for every route the app has.
import { eq, sql } from "drizzle-orm";
import { Hono } from "hono";
import { courses, occasions, registrations } from "../../db/schema.ts";
import { AppError, notFound } from "../domain/errors.ts";
import { createMiddleware } from "hono/factory";
import { z } from "zod";
import type { AppEnv } from "../context.ts";
import { COURSE_TYPE_CODE } from "../domain/course-types.ts";
import { listAudit, listOfficeOccasions } from "../domain/office.ts";
import { auditStatement } from "../domain/audit.ts";
import { messageParticipants, moveRegistration, register } from "../domain/registration.ts";
import { staffRegistrationBody } from "./public.ts";
import {
  audit,
  cancelOccasion,
  copyOccasion,
  createCourse,
  createOccasion,
  listCourses,
  listStaff,
  occasionForStaff,
  occasionRegistrations,
  previewOccasionUpdate,
  updateCourse,
  updateOccasion,
} from "../domain/planning.ts";
import { requireRole, requireStaff } from "./staff-auth.ts";
import { idParam, validate } from "./validate.ts";

const LOCAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;
const localTime = (what: string) =>
  z
    .string(`Ange ${what}.`)
    .regex(LOCAL, `Ange ${what} som datum och klockslag, t.ex. 2026-03-12T09:00.`)
    .refine((v) => {
      // zod runs this check even when the pattern above failed: leave those to the pattern.
      if (!LOCAL.test(v)) return true;
      const [d, t] = v.split("T") as [string, string];
      const [y, m, day] = d.split("-").map(Number) as [number, number, number];
      const [h, min] = t.split(":").map(Number) as [number, number];
      const probe = new Date(Date.UTC(y, m - 1, day));
      return probe.getUTCMonth() === m - 1 && probe.getUTCDate() === day && h < 24 && min < 60;
    }, "Datumet eller klockslaget finns inte.");
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Högst ${max} tecken.`)
    .nullish()
    .transform((v) => v || null);

export const courseBody = z.object({
  title: z.string("Ange en titel.").trim().min(3, "Ange en titel.").max(160, "Högst 160 tecken."),
  description: z.string().trim().max(4000, "Högst 4000 tecken.").optional(),
  courseType: z.string("Välj en kurstyp i listan.").regex(COURSE_TYPE_CODE, "Välj en kurstyp i listan."),
  responsiblePartyCode: z.string().max(40).nullish(),
  asksDietary: z.boolean().optional(),
  reminderDaysBefore: z.number().int().min(0, "0–30 dagar.").max(30, "0–30 dagar.").optional(),
  defaultLeaderIds: z.array(z.number().int().positive()).max(20).optional(),
  evaluated: z.boolean("Välj om utbildningen utvärderas.").optional(),
  evaluationQuestions: z
    .array(
      z.object({
        id: z
          .string()
          .regex(/^[a-z0-9-]{1,20}$/, "Frågans id: små bokstäver, siffror och bindestreck.")
          .optional(),
        kind: z.enum(["grade", "yesno", "text"], "Välj betyg 1–5, ja/nej eller fritext."),
        text: z.string("Skriv frågan.").trim().min(3, "Skriv frågan.").max(200, "Frågan får vara högst 200 tecken."),
      }),
      "Frågorna ska vara en lista.",
    )
    .max(3, "Högst tre egna frågor.")
    // Each question gets a stable id (kept when the office edits its text), so answers match.
    .transform((qs) => qs.map((q, i) => ({ ...q, id: q.id ?? `q${i + 1}-${Math.random().toString(36).slice(2, 7)}` })))
    .refine((qs) => new Set(qs.map((q) => q.id)).size === qs.length, "Två frågor har samma id.")
    .optional(),
});

const occasionFields = {
  courseId: z.number("Välj en utbildning.").int().positive("Välj en utbildning."),
  label: optionalText(80),
  days: z
    // `id`: one of the occasion's days (when changing it); a day without id is a new day.
    .array(
      z.object({
        id: z.number().int().positive().optional(),
        start: localTime("starttid"),
        end: localTime("sluttid"),
        // Lunch and other breaks within the day, in minutes (not counted on the certificate).
        breakMinutes: z
          .number("Ange rasten i hela minuter.")
          .int("Ange rasten i hela minuter.")
          .min(0, "Rasten kan inte vara negativ.")
          .max(720, "Rasten får vara högst 720 minuter.")
          .optional(),
      }),
      "Ange minst en dag.",
    )
    .min(1, "Ange minst en dag.")
    .max(20, "Högst 20 dagar."),
  online: z.boolean("Ange om tillfället är digitalt."),
  venue: optionalText(160),
  address: optionalText(200),
  // http(s) only: a javascript: or data: link would run when a participant clicks it.
  meetingUrl: z
    .url({
      protocol: /^https?$/,
      error: "Ange en hel länk som börjar med https://, t.ex. https://teams.microsoft.com/…",
    })
    .max(500, "Länken får vara högst 500 tecken.")
    .nullish()
    .or(z.literal("").transform(() => null)),
  capacity: z
    .number("Ange antal platser.")
    .int("Ange ett heltal.")
    .min(1, "Antalet platser måste vara minst 1.")
    .max(5000, "Högst 5000 platser."),
  registrationOpensAt: localTime("när anmälan öppnar").nullish(),
  registrationClosesAt: localTime("när anmälan stänger").nullish(),
  cancelUntil: localTime("sista dag att avboka").nullish(),
  status: z.enum(["draft", "published"], "Välj utkast eller publicerad."),
  leaderIds: z.array(z.number().int().positive()).max(20).optional(),
};
export const occasionBody = z.object(occasionFields);
const occasionPatch = z.object(occasionFields).partial();

const officeRegistrationBody = staffRegistrationBody;
const messageBody = z.object({
  subject: z.string("Skriv en rubrik.").trim().min(2, "Skriv en rubrik.").max(120, "Högst 120 tecken."),
  body: z.string("Skriv ett meddelande.").trim().min(2, "Skriv ett meddelande.").max(5000, "Högst 5000 tecken."),
  includeWaitlisted: z.boolean().optional(),
});

/** The office's view of one occasion; 404 if unknown, 403 if another organiser's. */
async function officeOccasion(c: { var: AppEnv["Variables"] }, id: number) {
  const { db, clock } = c.var.deps;
  await occasionForStaff(db, c.var.staff.user, id);
  const [occasion] = await listOfficeOccasions(db, c.var.staff.user.organiserId, clock(), { occasionId: id });
  return occasion!;
}

/**
 * A row named by `:id` in the path must exist (404) and be the caller's organiser's (403),
 * checked before the body is read, so another förbund learns nothing from error details.
 */
export function ownedById(table: typeof occasions | typeof registrations | typeof courses, what: string, code: string) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const id = Number(c.req.param("id"));
    if (Number.isSafeInteger(id) && id > 0) {
      const [row] = await c.var.deps.db.select({ organiserId: table.organiserId }).from(table).where(eq(table.id, id));
      if (!row) throw notFound(what, code);
      if (row.organiserId !== c.var.staff.user.organiserId)
        throw new AppError(403, "forbidden", "Du har inte behörighet till det här.");
    }
    await next();
  });
}
const ownOccasion = ownedById(occasions, "Tillfället", "occasion_not_found");

export const officeRoutes = new Hono<AppEnv>()
  .use("*", requireStaff, requireRole("office"))
  .use("/occasions/:id", ownOccasion)
  .use("/occasions/:id/*", ownOccasion)
  .use("/registrations/:id/*", ownedById(registrations, "Anmälan", "registration_not_found"))
  .use("/courses/:id", ownedById(courses, "Utbildningen", "course_not_found"))
  .get(
    "/occasions",
    validate(
      "query",
      z.object({
        year: z.coerce.number().int().min(2000).max(2100).optional(),
        courseId: z.coerce.number().int().positive().optional(),
        upcoming: z.enum(["1", "true"]).optional(),
      }),
    ),
    async (c) => {
      const { db, clock } = c.var.deps;
      const q = c.req.valid("query");
      const occasions = await listOfficeOccasions(db, c.var.staff.user.organiserId, clock(), {
        year: q.year,
        courseId: q.courseId,
        upcoming: !!q.upcoming,
      });
      return c.json({ occasions });
    },
  )
  .get("/courses", async (c) => {
    const { db } = c.var.deps;
    return c.json({ courses: await listCourses(db, c.var.staff.user.organiserId) });
  })
  .post("/courses", validate("json", courseBody), async (c) => {
    const { db, clock } = c.var.deps;
    const course = await createCourse(db, clock(), c.var.staff.user, c.req.valid("json"));
    return c.json({ course }, 201);
  })
  .patch("/courses/:id", validate("param", idParam), validate("json", courseBody.partial()), async (c) => {
    const { db, clock } = c.var.deps;
    const course = await updateCourse(db, clock(), c.var.staff.user, c.req.valid("param").id, c.req.valid("json"));
    return c.json({ course });
  })
  .get("/staff", async (c) => {
    const { db } = c.var.deps;
    return c.json({ staff: await listStaff(db, c.var.staff.user.organiserId) });
  })
  .post("/occasions", validate("json", occasionBody), async (c) => {
    const { db, clock } = c.var.deps;
    const id = await createOccasion(db, clock(), c.var.staff.user, c.req.valid("json"));
    return c.json({ occasion: await officeOccasion(c, id) }, 201);
  })
  .get("/occasions/:id", validate("param", idParam), async (c) => {
    const { db } = c.var.deps;
    const id = c.req.valid("param").id;
    const occasion = await officeOccasion(c, id);
    return c.json({ occasion, registrations: await occasionRegistrations(db, id) });
  })
  .patch("/occasions/:id", validate("param", idParam), validate("json", occasionPatch), async (c) => {
    const { db, clock, kickOutbox } = c.var.deps;
    const id = c.req.valid("param").id;
    const { notified } = await updateOccasion(db, clock(), c.var.staff.user, id, c.req.valid("json"));
    kickOutbox?.(c);
    return c.json({ occasion: await officeOccasion(c, id), notified });
  })
  // The PATCH's body, checked the same way, answered with who would get mail; writes nothing.
  .post("/occasions/:id/preview", validate("param", idParam), validate("json", occasionPatch), async (c) => {
    const { db, clock } = c.var.deps;
    const preview = await previewOccasionUpdate(
      db,
      clock(),
      c.var.staff.user,
      c.req.valid("param").id,
      c.req.valid("json"),
    );
    return c.json(preview);
  })
  .post(
    "/occasions/:id/cancel",
    validate("param", idParam),
    validate("json", z.object({ message: optionalText(2000) })),
    async (c) => {
      const { db, clock, kickOutbox } = c.var.deps;
      const id = c.req.valid("param").id;
      const { notified } = await cancelOccasion(db, clock(), c.var.staff.user, id, c.req.valid("json").message);
      kickOutbox?.(c);
      return c.json({ occasion: await officeOccasion(c, id), notified });
    },
  )
  .post(
    "/occasions/:id/copy",
    validate("param", idParam),
    validate(
      "json",
      z.object({ firstDay: z.string("Ange ett datum.").regex(/^\d{4}-\d{2}-\d{2}$/, "Ange datumet som ÅÅÅÅ-MM-DD.") }),
    ),
    async (c) => {
      const { db, clock } = c.var.deps;
      const id = await copyOccasion(
        db,
        clock(),
        c.var.staff.user,
        c.req.valid("param").id,
        c.req.valid("json").firstDay,
      );
      return c.json({ occasion: await officeOccasion(c, id) }, 201);
    },
  )
  .post(
    "/occasions/:id/registrations",
    validate("param", idParam),
    validate("json", officeRegistrationBody),
    async (c) => {
      const { db, clock, kickOutbox } = c.var.deps;
      const id = c.req.valid("param").id;
      const input = c.req.valid("json");
      const now = clock();
      // The audit row goes in the registration's own batch, for the row that batch inserted.
      const result = await register(db, now, id, input, "office", (changeId) => {
        const created = sql`(SELECT id FROM registrations WHERE change_id = ${changeId} AND last_change = 'registered')`;
        return auditStatement(
          c.var.staff.user,
          now,
          "registration.create",
          "registration",
          created,
          null,
          sql`json_object('occasionId', ${id}, 'name', ${input.name}, 'email', ${input.email},
                'status', (SELECT status FROM registrations WHERE id = ${created}))`,
          sql`${created} IS NOT NULL`,
        );
      });
      kickOutbox?.(c);
      const { manageToken: _secret, ...registration } = result;
      return c.json({ registration }, result.created ? 201 : 200);
    },
  )
  .post("/occasions/:id/message", validate("param", idParam), validate("json", messageBody), async (c) => {
    const { db, clock, kickOutbox } = c.var.deps;
    const id = c.req.valid("param").id;
    const m = c.req.valid("json");
    const sent = await messageParticipants(db, clock(), id, {
      subject: m.subject,
      body: m.body,
      includeWaitlisted: m.includeWaitlisted ?? false,
    });
    await audit(db, c.var.staff.user, clock(), "occasion.message", "occasion", id, null, { ...m, recipients: sent });
    kickOutbox?.(c);
    return c.json({ sent });
  })
  .post(
    "/registrations/:id/move",
    validate("param", idParam),
    validate("json", z.object({ occasionId: z.number("Välj ett tillfälle.").int().positive("Välj ett tillfälle.") })),
    async (c) => {
      const { db, clock, kickOutbox } = c.var.deps;
      const id = c.req.valid("param").id;
      const to = c.req.valid("json").occasionId;
      const now = clock();
      const staff = c.var.staff.user;
      // The audit row goes in the move's own batch, written only if the move was.
      const moved = await moveRegistration(db, now, staff.organiserId, id, to, (changeId) => {
        const movedIn = sql`(SELECT id FROM registrations WHERE change_id = ${changeId} AND last_change = 'moved-in')`;
        return auditStatement(
          staff,
          now,
          "registration.move",
          "registration",
          id,
          sql`json_object('registrationId', ${id}, 'occasionId', (SELECT occasion_id FROM registrations WHERE id = ${id}),
                'name', (SELECT name FROM registrations WHERE id = ${id}))`,
          sql`json_object('occasionId', ${to}, 'registrationId', ${movedIn}, 'status', (SELECT status FROM registrations WHERE id = ${movedIn}))`,
          sql`${movedIn} IS NOT NULL`,
        );
      });
      kickOutbox?.(c);
      return c.json({ registration: { id: moved.id, status: moved.status } });
    },
  )
  .get("/audit", async (c) => {
    const { db } = c.var.deps;
    return c.json({ entries: await listAudit(db, c.var.staff.user.organiserId) });
  });
