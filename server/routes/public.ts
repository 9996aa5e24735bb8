// The public API: catalogue, registration and the personal link. No personal data of
// anyone but the holder of a manage token ever leaves here.
import { Hono } from "hono";
import { z } from "zod";
import { certificate, selfCheckIn } from "../domain/attendance.ts";
import { COURSE_TYPE_CODE, courseTypeExists, listCourseTypes } from "../domain/course-types.ts";
import { AppError, notFound } from "../domain/errors.ts";
import { calendarFeedIcs, invitationIcs } from "../domain/invitations.ts";
import {
  checkinDay,
  isPublic,
  listPublicBundles,
  listPublicOccasions,
  loadOccasion,
  countRegistrations,
  publicOccasion,
} from "../domain/occasions.ts";
import { normaliseOrgNumber } from "../domain/org-number.ts";
import { findOrganiser, listParties } from "../domain/parties.ts";
import { correctRegistration, eraseByToken, personalData, personalView } from "../domain/personal-data.ts";
import { cancelByToken, findByToken, register } from "../domain/registration.ts";
import type { AppEnv } from "../context.ts";
import { looksLikeLink } from "../domain/typed-text.ts";
import { addressOf, manageUrl } from "../mail/templates.ts";
import { rateLimit } from "./rate-limit.ts";
import { emailAddress, emailAddressWith, idParam, validate } from "./validate.ts";

const optionalText = (max: number, label: string) =>
  z
    .string(`${label} ska vara text.`)
    .trim()
    .max(max, `${label} får vara högst ${max} tecken.`)
    .nullish()
    .transform((v) => (v ? v : null));

export const GENDERS = ["kvinna", "man", "annat", "vill-ej-ange"] as const;

/** No web or e-mail address, no markup: the text goes into mails from the organiser (typed-text.ts). */
const withoutLink = <T extends z.ZodType<string | null>>(schema: T, message: string) =>
  schema.refine((v) => v === null || !looksLikeLink(v), message);

/**
 * The words of the messages that speak of the person: "ditt namn" on her own form, "deltagarens
 * namn" where staff register someone else (the leader's walk-in, the office's hand registration).
 */
export interface RegistrationWording {
  /** The name is missing or empty. */
  name: string;
  /** The e-mail address is missing or empty. */
  email: string;
}

export const HER_OWN_WORDING: RegistrationWording = { name: "Skriv ditt namn.", email: "Skriv din e-postadress." };
export const PARTICIPANT_WORDING: RegistrationWording = {
  name: "Skriv deltagarens namn.",
  email: "Skriv deltagarens e-postadress.",
};

/** The registration form's rules, with the messages in the given wording. */
export const registrationSchema = (w: RegistrationWording) =>
  z.object({
    name: withoutLink(
      z
        .string(w.name)
        .trim()
        .min(1, w.name)
        .min(2, "Namnet behöver vara minst 2 tecken.")
        .max(120, "Namnet får vara högst 120 tecken."),
      "Skriv bara namnet, utan webbadress, e-postadress eller tecknen < >.",
    ),
    email: emailAddressWith(w.email),
    party: z.string("Välj arbetsgivare.").trim().min(1, "Välj arbetsgivare.").max(40, "Välj en arbetsgivare i listan."),
    workplace: z.object(
      {
        name: withoutLink(
          z
            .string("Skriv arbetsplatsens namn.")
            .trim()
            .min(1, "Skriv arbetsplatsens namn.")
            .min(2, "Arbetsplatsens namn behöver vara minst 2 tecken.")
            .max(160, "Arbetsplatsens namn får vara högst 160 tecken."),
          "Skriv arbetsplatsens namn utan webbadress, e-postadress eller tecknen < >.",
        ),
        municipality: z
          .string("Skriv kommun.")
          .trim()
          .min(1, "Skriv kommun.")
          .min(2, "Kommunens namn behöver vara minst 2 tecken.")
          .max(60, "Kommunens namn får vara högst 60 tecken."),
        orgNumber: z
          .string("Organisationsnumret ska vara text, t.ex. 556123-4567.")
          .trim()
          .max(20, "Skriv organisationsnumret som NNNNNN-NNNN.")
          .nullish()
          .transform((v, ctx) => {
            if (!v) return null;
            const n = normaliseOrgNumber(v);
            if (!n) {
              ctx.addIssue({
                code: "custom",
                message: "Organisationsnumret stämmer inte. Skriv det som NNNNNN-NNNN och kontrollera siffrorna.",
              });
              return z.NEVER;
            }
            return n;
          }),
      },
      "Skriv arbetsplatsens namn och kommun.",
    ),
    role: withoutLink(optionalText(100, "Roll"), "Skriv rollen utan webbadress, e-postadress eller tecknen < >."),
    gender: z
      .enum(GENDERS, "Välj kvinna, man, annat eller vill ej ange.")
      .nullish()
      .transform((v) => v ?? null),
    dietary: optionalText(500, "Specialkost"),
    accessibilityNeeds: optionalText(500, "Behov av anpassning"),
    acceptPrivacy: z.literal(true, "Du behöver ta del av informationen om hur vi behandlar personuppgifter."),
  });

export const registrationBody = registrationSchema(HER_OWN_WORDING);
/** What staff send when they register someone else: no privacy box, third-person messages. */
export const staffRegistrationBody = registrationSchema(PARTICIPANT_WORDING).omit({ acceptPrivacy: true });

/** The answer to a registration; `manageToken` only when it was created by this request. */
export interface RegistrationReceipt {
  id: number;
  status: "confirmed" | "waitlisted";
  waitlistPosition?: number;
  manageToken?: string;
}

/** What a person may correct from her link (issue 11): the form's own fields and rules. */
export const correctionSchema = (w: RegistrationWording) =>
  registrationSchema(w)
    .pick({ name: true, workplace: true, role: true, gender: true, dietary: true, accessibilityNeeds: true })
    .partial();
export const correctionBody = correctionSchema(HER_OWN_WORDING);

const tokenParam = z.object({ token: z.string() });
const validToken = (t: string) => /^[A-Za-z0-9_-]{16,64}$/.test(t);

const catalogueQuery = z.object({
  organiser: z.string().max(60).optional(),
  courseType: z.string().regex(COURSE_TYPE_CODE, "Okänd kurstyp.").optional(),
  includePast: z.enum(["true", "false"]).optional(),
});

async function tokenRegistration(db: Parameters<typeof findByToken>[0], token: string) {
  if (!validToken(token)) throw notFound("Anmälan", "registration_not_found");
  return findByToken(db, token);
}

export const publicRoutes = new Hono<AppEnv>()
  // Every look-up by personal link (page, cancel, invitation, certificate): decision 015.
  .use("/registrations/:token/*", rateLimit("token-address", "token-unknown"))
  .get("/organiser", validate("query", z.object({ organiser: z.string().max(60).optional() })), async (c) => {
    const { db } = c.var.deps;
    const o = await findOrganiser(db, c.req.valid("query").organiser);
    if (!o) throw notFound("Arrangören", "organiser_not_found");
    return c.json({
      organiser: {
        slug: o.slug,
        name: o.name,
        email: o.email,
        phone: o.phone,
        website: o.website,
        retentionMonths: o.retentionMonths,
        needsRetentionDays: o.needsRetentionDays,
        dpoEmail: o.dpoEmail,
      },
    });
  })
  .get("/parties", validate("query", z.object({ organiser: z.string().max(60).optional() })), async (c) => {
    const { db } = c.var.deps;
    const o = await findOrganiser(db, c.req.valid("query").organiser);
    if (!o) throw notFound("Arrangören", "organiser_not_found");
    return c.json({ organiser: { slug: o.slug, name: o.name }, parties: await listParties(db, o.id) });
  })
  .get("/course-types", validate("query", z.object({ organiser: z.string().max(60).optional() })), async (c) => {
    const { db } = c.var.deps;
    const o = await findOrganiser(db, c.req.valid("query").organiser);
    if (!o) throw notFound("Arrangören", "organiser_not_found");
    return c.json({ courseTypes: await listCourseTypes(db, o.id) });
  })
  .get("/occasions", validate("query", catalogueQuery), async (c) => {
    const { db, clock } = c.var.deps;
    const q = c.req.valid("query");
    if (q.courseType && !(await courseTypeExists(db, q.courseType, q.organiser))) {
      throw new AppError(400, "invalid_input", "Uppgifterna är inte giltiga. Rätta de markerade fälten.", {
        courseType: "Okänd kurstyp.",
      });
    }
    const occasions = await listPublicOccasions(db, clock(), { ...q, includePast: q.includePast === "true" });
    return c.json({ occasions });
  })
  .get("/occasions/:id", validate("param", idParam), async (c) => {
    const { db, clock } = c.var.deps;
    const id = c.req.valid("param").id;
    const bundle = await loadOccasion(db, id);
    if (!bundle || !isPublic(bundle.occasion)) throw notFound("Tillfället", "occasion_not_found");
    return c.json({ occasion: publicOccasion(bundle, await countRegistrations(db, id), clock()) });
  })
  .post(
    "/occasions/:id/registrations",
    validate("param", idParam),
    validate("json", registrationBody),
    rateLimit("registration-address", "registration-email"),
    async (c) => {
      const { db, clock, kickOutbox } = c.var.deps;
      const { acceptPrivacy: _accepted, ...input } = c.req.valid("json");
      const result = await register(db, clock(), c.req.valid("param").id, input);
      kickOutbox?.(c);
      const registration: RegistrationReceipt = {
        id: result.id,
        status: result.status,
        ...(result.waitlistPosition != null ? { waitlistPosition: result.waitlistPosition } : {}),
      };
      // The personal link goes only to the one who just registered; someone asking again
      // with the same e-mail gets it by mail instead (see queueLinkMail).
      if (result.created) return c.json({ registration: { ...registration, manageToken: result.manageToken } }, 201);
      // Already registered: the same answer whatever her state (a place, the waiting list), so
      // someone trying a colleague's address learns nothing; the owner gets her link by mail.
      return c.json(
        {
          alreadyRegistered: true,
          message:
            "Den här e-postadressen är redan anmäld till tillfället. Vi skickar länken till anmälan till adressen.",
        },
        200,
      );
    },
  )
  .get("/registrations/:token", validate("param", tokenParam), async (c) => {
    const { db, clock } = c.var.deps;
    const r = await tokenRegistration(db, c.req.valid("param").token);
    return c.json({ registration: await personalView(db, r, clock()) });
  })
  .patch("/registrations/:token", validate("param", tokenParam), validate("json", correctionBody), async (c) => {
    const { db, clock } = c.var.deps;
    const r = await tokenRegistration(db, c.req.valid("param").token);
    const corrected = await correctRegistration(db, clock(), r, c.req.valid("json"), null);
    return c.json({ registration: await personalView(db, corrected, clock()) });
  })
  .delete("/registrations/:token", validate("param", tokenParam), async (c) => {
    const { db, clock, kickOutbox } = c.var.deps;
    const token = c.req.valid("param").token;
    if (!validToken(token)) throw notFound("Anmälan", "registration_not_found");
    const r = await cancelByToken(db, clock(), token);
    kickOutbox?.(c);
    return c.json({ registration: await personalView(db, r, clock()) });
  })
  .get("/registrations/:token/data", validate("param", tokenParam), async (c) => {
    const { db, clock } = c.var.deps;
    const r = await tokenRegistration(db, c.req.valid("param").token);
    return c.json(await personalData(db, r, clock()), 200, {
      "Content-Disposition": 'attachment; filename="mina-uppgifter.json"',
    });
  })
  .post("/registrations/:token/erase", validate("param", tokenParam), async (c) => {
    const { db, clock, devMailbox } = c.var.deps;
    const token = c.req.valid("param").token;
    if (!validToken(token)) throw notFound("Anmälan", "registration_not_found");
    const erased = await eraseByToken(db, clock(), token);
    devMailbox?.forget(erased.addresses);
    return c.json({ erased: { registrations: erased.registrations } });
  })
  .get("/registrations/:token/invite.ics", validate("param", tokenParam), async (c) => {
    const { db, publicUrl, mailFrom } = c.var.deps;
    const r = await tokenRegistration(db, c.req.valid("param").token);
    // The download is a file to import: METHOD:PUBLISH with every day (decision 014). Only a
    // person with a place gets one; the days of a cancelled place were taken out of her
    // calendar by the CANCEL mails, one per day.
    if (r.status === "waitlisted") {
      throw new AppError(
        409,
        "no_invitation",
        "Du står på väntelistan. Kalenderinbjudan skickas när du har fått en plats.",
      );
    }
    const bundle = await loadOccasion(db, r.occasionId);
    if (!bundle) throw notFound("Tillfället", "occasion_not_found");
    if (bundle.occasion.status === "cancelled") {
      throw new AppError(
        409,
        "no_invitation",
        "Tillfället är inställt, så det finns ingen kalenderinbjudan. Mejlet om det inställda tillfället tog bort posten ur din kalender.",
      );
    }
    if (r.status !== "confirmed") {
      const removed = r.cancelledFrom === "confirmed" ? " Mejlet om avbokningen tog bort posten ur din kalender." : "";
      throw new AppError(
        409,
        "no_invitation",
        `Du har ingen plats på tillfället, så det finns ingen kalenderinbjudan.${removed}`,
      );
    }
    const ics = invitationIcs({
      method: "PUBLISH",
      bundle,
      attendee: { name: r.name, email: r.email },
      sequence: r.inviteSequence,
      manageUrl: manageUrl(publicUrl, r.manageToken),
      organizerEmail: addressOf(mailFrom),
    });
    return c.body(ics, 200, {
      "Content-Type": "text/calendar; charset=utf-8; method=PUBLISH",
      "Content-Disposition": 'attachment; filename="inbjudan.ics"',
    });
  })
  .get("/registrations/:token/certificate", validate("param", tokenParam), async (c) => {
    const { db, clock } = c.var.deps;
    const r = await tokenRegistration(db, c.req.valid("param").token);
    return c.json({ certificate: await certificate(db, clock(), r.id) });
  })
  .get("/checkin/:id", validate("param", idParam), async (c) => {
    const day = await checkinDay(c.var.deps.db, c.req.valid("param").id);
    if (!day) throw notFound("Dagen", "day_not_found");
    return c.json({ day });
  })
  .post(
    "/checkin",
    validate(
      "json",
      z.object({
        dayId: z.number("Koden saknar dag.").int().positive(),
        code: z.string("Ange koden.").trim().min(4, "Ange koden.").max(16, "Koden är för lång."),
        email: emailAddress,
      }),
    ),
    // Counts only wrong codes (and addresses without a place) per day and address.
    rateLimit("checkin-wrong"),
    async (c) => {
      const { db, clock } = c.var.deps;
      const b = c.req.valid("json");
      return c.json({ checkin: await selfCheckIn(db, clock(), b.dayId, b.code, b.email) });
    },
  )
  .get("/calendar.ics", validate("query", z.object({ organiser: z.string().max(60).optional() })), async (c) => {
    const { db, clock, publicUrl } = c.var.deps;
    const { bundles } = await listPublicBundles(db, clock(), { organiser: c.req.valid("query").organiser });
    return c.body(calendarFeedIcs(bundles, publicUrl), 200, {
      "Content-Type": "text/calendar; charset=utf-8",
      "Cache-Control": "public, max-age=300",
    });
  });
