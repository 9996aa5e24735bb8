// The office's handling of personal data (issue 11), under /api/office behind the office's
// guards: a person's registrations, correcting and cancelling one, erasing a person on
// request, the organiser's settings and the retention log. The rules are in
// server/domain/personal-data.ts, shared with the person's own link.
import { eq } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { registrations } from "../../db/schema.ts";
import type { AppEnv } from "../context.ts";
import { notFound } from "../domain/errors.ts";
import { organiserSettings, updateOrganiserSettings } from "../domain/organiser-settings.ts";
import {
  cancelByOffice,
  correctRegistration,
  erasePerson,
  listRetentionLog,
  personRegistrations,
} from "../domain/personal-data.ts";
import { ownedById } from "./office.ts";
import { correctionSchema, PARTICIPANT_WORDING } from "./public.ts";
import { requireRole, requireStaff } from "./staff-auth.ts";
import { emailAddress, emailAddressWith, idParam, validate } from "./validate.ts";

const officeCorrectionBody = correctionSchema(PARTICIPANT_WORDING).extend({
  email: emailAddressWith(PARTICIPANT_WORDING.email).optional(),
  party: z
    .string("Välj arbetsgivare.")
    .trim()
    .min(1, "Välj arbetsgivare.")
    .max(40, "Välj en arbetsgivare i listan.")
    .optional(),
});

const optionalContact = (max: number, label: string) =>
  z
    .string(`${label} ska vara text.`)
    .trim()
    .max(max, `${label} får vara högst ${max} tecken.`)
    .nullish()
    .transform((v) => (v ? v : null));

const days = (label: string, max: number) =>
  z
    .number(`${label}: skriv ett antal dagar.`)
    .int(`${label}: skriv ett helt antal dagar.`)
    .min(0, `${label} kan inte vara negativt.`)
    .max(max, `${label} får vara högst ${max} dagar.`);

const settingsBody = z
  .object({
    name: z.string("Skriv arrangörens namn.").trim().min(2, "Skriv arrangörens namn.").max(120, "Högst 120 tecken."),
    email: emailAddress,
    phone: optionalContact(40, "Telefonnumret"),
    website: optionalContact(200, "Webbadressen").refine(
      (v) => v === null || /^https?:\/\/[^\s<>"]+$/i.test(v),
      "Skriv webbadressen med https://, t.ex. https://www.example.se.",
    ),
    dpoEmail: emailAddress.nullish().transform((v) => v ?? null),
    retentionMonths: z
      .number("Skriv ett antal månader.")
      .int("Skriv ett helt antal månader.")
      .min(1, "Minst 1 månad.")
      .max(240, "Högst 240 månader."),
    needsRetentionDays: days("Tiden för kost och anpassning", 365),
    lateCancelDays: days("Gränsen för sen avbokning", 90).nullable(),
  })
  .partial();

const ownRegistration = ownedById(registrations, "Anmälan", "registration_not_found");

export const officePeopleRoutes = new Hono<AppEnv>()
  .use("*", requireStaff, requireRole("office"))
  .use("/registrations/:id", ownRegistration)
  .use("/registrations/:id/*", ownRegistration)
  .get("/people/registrations", validate("query", z.object({ email: emailAddress })), async (c) => {
    const { db } = c.var.deps;
    return c.json(await personRegistrations(db, c.var.staff.user.organiserId, c.req.valid("query").email));
  })
  .patch("/registrations/:id", validate("param", idParam), validate("json", officeCorrectionBody), async (c) => {
    const { db, clock } = c.var.deps;
    const staff = c.var.staff.user;
    const [r] = await db
      .select()
      .from(registrations)
      .where(eq(registrations.id, c.req.valid("param").id));
    if (!r || r.organiserId !== staff.organiserId) throw notFound("Anmälan", "registration_not_found");
    const row = await correctRegistration(db, clock(), r, c.req.valid("json"), staff);
    const person = await personRegistrations(db, staff.organiserId, row.emailKey);
    return c.json({ registration: person.registrations.find((x) => x.id === row.id) });
  })
  .post("/registrations/:id/cancel", validate("param", idParam), async (c) => {
    const { db, clock, kickOutbox } = c.var.deps;
    const row = await cancelByOffice(db, clock(), c.var.staff.user, c.req.valid("param").id);
    kickOutbox?.(c);
    return c.json({ registration: { id: row.id, status: row.status } });
  })
  .post("/people/erase", validate("json", z.object({ email: emailAddress })), async (c) => {
    const { db, clock, devMailbox } = c.var.deps;
    const staff = c.var.staff.user;
    const erased = await erasePerson(db, clock(), staff.organiserId, c.req.valid("json").email, staff);
    devMailbox?.forget(erased.addresses);
    return c.json({ erased: { registrations: erased.registrations } });
  })
  .get("/settings", async (c) => {
    const { db } = c.var.deps;
    return c.json({ settings: await organiserSettings(db, c.var.staff.user.organiserId) });
  })
  .patch("/settings", validate("json", settingsBody), async (c) => {
    const { db, clock } = c.var.deps;
    return c.json({ settings: await updateOrganiserSettings(db, c.var.staff.user, clock(), c.req.valid("json")) });
  })
  .get("/retention-log", async (c) => {
    const { db } = c.var.deps;
    return c.json({ entries: await listRetentionLog(db, c.var.staff.user.organiserId) });
  });
