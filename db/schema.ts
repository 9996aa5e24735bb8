// The one source of truth for the database. Both drivers (libSQL on Node, D1 on
// Workers) read the migrations drizzle-kit writes from this file.
//
// Times are UTC instants stored as integer milliseconds ("timestamp_ms"); they
// are shown in Europe/Stockholm by the web app and in mails.
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

const createdAt = () =>
  integer("created_at", { mode: "timestamp_ms" }).notNull().default(sql`(cast(unixepoch('subsec') * 1000 as integer))`);

/** A samordningsförbund (or any other arrangör). Everything it owns carries its id. */
export const organisers = sqliteTable("organisers", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  email: text("email").notNull(),
  phone: text("phone"),
  website: text("website"),
  /** Months after a person's last occasion before she is anonymised (the organiser's own decision). */
  retentionMonths: integer("retention_months").notNull().default(36),
  /** Days after an occasion's last day before its dietary and accessibility needs are erased. */
  needsRetentionDays: integer("needs_retention_days").notNull().default(14),
  /** Days before the start within which a cancellation is late; null: the organiser charges no fees. */
  lateCancelDays: integer("late_cancel_days"),
  /** The data protection officer's address, named in the privacy notice. */
  dpoEmail: text("dpo_email"),
  /** Days after the evaluation mail before one reminder to those who have not answered; 0: none. */
  evaluationReminderDays: integer("evaluation_reminder_days").notNull().default(4),
  /** Days after an occasion day during which its leaders may change marks; after that only the office. */
  attendanceLockDays: integer("attendance_lock_days").notNull().default(14),
  createdAt: createdAt(),
});

/** Member parties of an organiser, with stable codes used in the API (e.g. "fk", "halmstad"). */
export const parties = sqliteTable(
  "parties",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    organiserId: integer("organiser_id")
      .notNull()
      .references(() => organisers.id),
    code: text("code").notNull(),
    name: text("name").notNull(),
    /** state | region | municipality | other */
    kind: text("kind").notNull(),
    /** Municipality name for municipality parties, so the workplace municipality can default to it. */
    municipality: text("municipality"),
    sortOrder: integer("sort_order").notNull().default(0),
  },
  (t) => [uniqueIndex("parties_organiser_code").on(t.organiserId, t.code)],
);

export const courses = sqliteTable(
  "courses",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    organiserId: integer("organiser_id")
      .notNull()
      .references(() => organisers.id),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    /** The code of one of the organiser's course types (course_types.code). */
    courseType: text("course_type").notNull(),
    /** Party code of the responsible party, if one. */
    responsiblePartyCode: text("responsible_party_code"),
    /** Does a full day include lunch, so the form asks for dietary needs? */
    asksDietary: integer("asks_dietary", { mode: "boolean" }).notNull().default(true),
    reminderDaysBefore: integer("reminder_days_before").notNull().default(2),
    /** Are those who attended asked for an evaluation after the last day (issue 12)? */
    evaluated: integer("evaluated", { mode: "boolean" }).notNull().default(true),
    /** Up to three questions of the office's own, after the fixed ones. */
    evaluationQuestions: text("evaluation_questions", { mode: "json" })
      .$type<EvaluationQuestion[]>()
      .notNull()
      .default([]),
    /** Share of the days (0–1) a person must attend to get a certificate (intyg). */
    certificateShare: real("certificate_share").notNull().default(1),
    /** Leaders a new occasion of this course gets when none are chosen. */
    defaultLeaderIds: text("default_leader_ids", { mode: "json" }).$type<number[]>().notNull().default([]),
    createdAt: createdAt(),
  },
  (t) => [index("courses_organiser").on(t.organiserId)],
);

export const occasions = sqliteTable(
  "occasions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    organiserId: integer("organiser_id")
      .notNull()
      .references(() => organisers.id),
    courseId: integer("course_id")
      .notNull()
      .references(() => courses.id),
    /** Optional suffix to tell occasions of one course apart ("vår", "Varberg"). */
    label: text("label"),
    online: integer("online", { mode: "boolean" }).notNull().default(false),
    /** Venue name and address for physical occasions. */
    venue: text("venue"),
    address: text("address"),
    /** Meeting link for digital occasions: only in invitations, never on the public page. */
    meetingUrl: text("meeting_url"),
    capacity: integer("capacity").notNull(),
    /** null: open from publication */
    registrationOpensAt: integer("registration_opens_at", { mode: "timestamp_ms" }),
    /** null: open until the first day starts */
    registrationClosesAt: integer("registration_closes_at", { mode: "timestamp_ms" }),
    /** Last moment a registrant may cancel by themselves (null: until it starts). */
    cancelUntil: integer("cancel_until", { mode: "timestamp_ms" }),
    /** draft | published | cancelled */
    status: text("status").notNull().default("published"),
    /** Grows with each change the invitations must follow (ICS SEQUENCE base). */
    sequence: integer("sequence").notNull().default(0),
    /** First day's start and last day's end, kept in step with occasion_days for listing and sorting. */
    startsAt: integer("starts_at", { mode: "timestamp_ms" }).notNull(),
    endsAt: integer("ends_at", { mode: "timestamp_ms" }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("occasions_organiser_start").on(t.organiserId, t.startsAt)],
);

/** One calendar block of an occasion. Its uid is the stable ICS UID and never changes. */
export const occasionDays = sqliteTable(
  "occasion_days",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    occasionId: integer("occasion_id")
      .notNull()
      .references(() => occasions.id),
    uid: text("uid").notNull().unique(),
    startsAt: integer("starts_at", { mode: "timestamp_ms" }).notNull(),
    endsAt: integer("ends_at", { mode: "timestamp_ms" }).notNull(),
    /** Secret behind the rotating self check-in code shown on the projector. */
    checkinSecret: text("checkin_secret"),
    /** Set when the office cancels this one day (issue 9). The row stays so the CANCEL can
     * be rendered at delivery; every reader of an occasion's days skips it. */
    cancelledAt: integer("cancelled_at", { mode: "timestamp_ms" }),
    /** Breaks (lunch, coffee) within the day, in minutes: the certificate counts the day's
     * hours of content as end − start − breaks (issue 13). */
    breakMinutes: integer("break_minutes").notNull().default(0),
  },
  (t) => [index("occasion_days_occasion").on(t.occasionId, t.startsAt)],
);

/**
 * A workplace as registrants typed it (one row per normalised name and municipality). Rows
 * the office merges (workplace_merges), or that share an organisation number within a
 * municipality, count as one workplace.
 */
export const workplaces = sqliteTable(
  "workplaces",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    organiserId: integer("organiser_id")
      .notNull()
      .references(() => organisers.id),
    name: text("name").notNull(),
    municipality: text("municipality").notNull(),
    orgNumber: text("org_number"),
    /** Normalised name + municipality, so "ICA Maxi  Halmstad" and "ica maxi halmstad" meet. */
    matchKey: text("match_key").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("workplaces_match").on(t.organiserId, t.matchKey),
    // The register as counting reads it, without a look-up of each row.
    index("workplaces_organiser_register").on(t.organiserId, t.name, t.municipality, t.orgNumber),
  ],
);

/**
 * A person's place on an occasion. The id is an autoincrement integer, so id order is
 * arrival order: the waiting list is served by it.
 */
export const registrations = sqliteTable(
  "registrations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    organiserId: integer("organiser_id")
      .notNull()
      .references(() => organisers.id),
    occasionId: integer("occasion_id")
      .notNull()
      .references(() => occasions.id),
    /** Secret of the personal link (/anmalan/:token). */
    manageToken: text("manage_token").notNull().unique(),
    name: text("name").notNull(),
    email: text("email").notNull(),
    /** lower-cased e-mail: one active registration per person and occasion */
    emailKey: text("email_key").notNull(),
    partyCode: text("party_code").notNull(),
    workplaceId: integer("workplace_id").references(() => workplaces.id),
    role: text("role"),
    /** kvinna | man | annat | vill-ej-ange | null */
    gender: text("gender"),
    /** Sensitive: leaders and office only; deleted after the course. */
    dietary: text("dietary"),
    accessibilityNeeds: text("accessibility_needs"),
    /** confirmed | waitlisted | cancelled */
    status: text("status").notNull(),
    /** The status a cancelled registration had, so the right mail goes out. */
    cancelledFrom: text("cancelled_from"),
    /** How it came in: web | office | walk-in */
    source: text("source").notNull().default("web"),
    /** ICS SEQUENCE of this person's invitation; grows with every change they are told of. */
    inviteSequence: integer("invite_sequence").notNull().default(0),
    /** Marks the rows one batch changed, so the outbox rows of that batch can select them. */
    changeId: text("change_id"),
    /** What that batch did to the row: registered | promoted | cancelled; picks the mail. */
    lastChange: text("last_change"),
    createdAt: createdAt(),
    confirmedAt: integer("confirmed_at", { mode: "timestamp_ms" }),
    cancelledAt: integer("cancelled_at", { mode: "timestamp_ms" }),
    /** When the reminder before the occasion was queued (once per registration). */
    remindedAt: integer("reminded_at", { mode: "timestamp_ms" }),
    /** The office's mark for invoicing: late-cancellation | no-show | null. */
    charge: text("charge"),
    chargeMarkedAt: integer("charge_marked_at", { mode: "timestamp_ms" }),
    /** When retention or an erasure request anonymised the row (name, address, role and free text gone). */
    anonymisedAt: integer("anonymised_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    // Idempotent registration: at most one non-cancelled registration per e-mail and occasion.
    uniqueIndex("registrations_active_email").on(t.occasionId, t.emailKey).where(sql`status <> 'cancelled'`),
    // The waiting list (occasion, status, id order) and, covering the columns the follow-up
    // reads, its facts query: a year's registrations without a look-up of each row.
    index("registrations_occasion_facts").on(
      t.occasionId,
      t.status,
      t.id,
      t.emailKey,
      t.name,
      t.partyCode,
      t.workplaceId,
      t.gender,
    ),
    index("registrations_change").on(t.changeId),
    // Finding a person across occasions (search, merges of addresses).
    index("registrations_organiser_email").on(t.organiserId, t.emailKey),
  ],
);

/**
 * Mail to send. A row is written in the same batch as the change that causes it; the
 * message is rendered when it is delivered, from `kind` and the registration.
 */
export const outbox = sqliteTable(
  "outbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    organiserId: integer("organiser_id").notNull(),
    /** registration-confirmed | registration-waitlisted | registration-promoted | registration-cancelled | waitlist-left | calendar-day | … */
    kind: text("kind").notNull(),
    registrationId: integer("registration_id"),
    /** The invitation SEQUENCE at the time of the change. */
    sequence: integer("sequence").notNull().default(0),
    toAddress: text("to_address").notNull(),
    /** pending | sending | sent | failed */
    status: text("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(cast(unixepoch('subsec') * 1000 as integer))`),
    claimedBy: text("claimed_by"),
    claimedAt: integer("claimed_at", { mode: "timestamp_ms" }),
    subject: text("subject"),
    /** Data a mail needs that is not in the database otherwise (a sign-in link); cleared once sent. */
    payload: text("payload"),
    /** For mails to staff rather than registrants. */
    userId: integer("user_id"),
    /** The occasion day a `calendar-day` mail invites to (decision 013); null for every other row. */
    dayId: integer("day_id"),
    lastError: text("last_error"),
    createdAt: createdAt(),
    sentAt: integer("sent_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    index("outbox_due").on(t.status, t.nextAttemptAt),
    // The personal page asks for her latest mail on every visit (latestStateMail); the
    // people page and erasure find a person's mail by registration.
    index("outbox_registration").on(t.registrationId, t.id),
  ],
);

/** Staff: course leaders and the chancellery, with a role per organiser. */
export const users = sqliteTable(
  "users",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    organiserId: integer("organiser_id")
      .notNull()
      .references(() => organisers.id),
    email: text("email").notNull(),
    emailKey: text("email_key").notNull(),
    name: text("name").notNull(),
    /** office | leader */
    role: text("role").notNull(),
    disabledAt: integer("disabled_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("users_organiser_email").on(t.organiserId, t.emailKey)],
);

/**
 * Secrets of staff sign-in, stored only as SHA-256 hashes: one-time sign-in links
 * (kind "link"), browser sessions ("session", with the CSRF token the browser must echo)
 * and API tokens for scripts ("api").
 */
export const authTokens = sqliteTable(
  "auth_tokens",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    kind: text("kind").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    csrfToken: text("csrf_token"),
    label: text("label"),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }),
    usedAt: integer("used_at", { mode: "timestamp_ms" }),
    lastUsedAt: integer("last_used_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [index("auth_tokens_user").on(t.userId, t.kind)],
);

/** Who changed what and when, with the state before and after (JSON). Read by the office. */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    organiserId: integer("organiser_id").notNull(),
    userId: integer("user_id"),
    action: text("action").notNull(),
    entity: text("entity").notNull(),
    entityId: integer("entity_id"),
    before: text("before"),
    after: text("after"),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("audit_organiser_at").on(t.organiserId, t.at)],
);

/** Who leads an occasion: leaders see and mark only the occasions they lead. */
export const occasionLeaders = sqliteTable(
  "occasion_leaders",
  {
    occasionId: integer("occasion_id")
      .notNull()
      .references(() => occasions.id),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
  },
  (t) => [uniqueIndex("occasion_leaders_pk").on(t.occasionId, t.userId), index("occasion_leaders_user").on(t.userId)],
);

/**
 * Attendance per registration and day: present | late | excused | absent (present and late
 * count as attended). No row means unmarked, which is not absent. One row per pair: marking
 * again replaces the mark, so a double tap or a retry leaves one.
 */
export const attendance = sqliteTable(
  "attendance",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    registrationId: integer("registration_id")
      .notNull()
      .references(() => registrations.id),
    dayId: integer("day_id")
      .notNull()
      .references(() => occasionDays.id),
    status: text("status").notNull(),
    /** leader | office | self (QR check-in) | walk-in */
    via: text("via").notNull(),
    markedBy: integer("marked_by"),
    markedAt: integer("marked_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    uniqueIndex("attendance_registration_day").on(t.registrationId, t.dayId),
    index("attendance_day").on(t.dayId, t.status),
    // "Attended?" (present or late on some day) answered from the index alone.
    index("attendance_registration_status").on(t.registrationId, t.status),
  ],
);

/**
 * The organiser's kinds of course ("Handledarutbildning för öppna arbetsplatser"). The code
 * is stable (API values, goals name it); the office may rename a type and add its own.
 */
export const courseTypes = sqliteTable(
  "course_types",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    organiserId: integer("organiser_id")
      .notNull()
      .references(() => organisers.id),
    code: text("code").notNull(),
    name: text("name").notNull(),
    sortOrder: integer("sort_order").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("course_types_organiser_code").on(t.organiserId, t.code)],
);

/**
 * A target of the organiser's year: distinct workplaces, distinct staff, occasions held or
 * participations (person × occasion), counted on attendance or on registration, over the
 * chosen course types (none = all). The figures are computed from the rows, never stored.
 */
export const goals = sqliteTable(
  "goals",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    organiserId: integer("organiser_id")
      .notNull()
      .references(() => organisers.id),
    year: integer("year").notNull(),
    label: text("label").notNull(),
    /** workplaces | staff | occasions | participants */
    kind: text("kind").notNull(),
    /** attended | registered */
    basis: text("basis").notNull(),
    courseTypes: text("course_types", { mode: "json" }).$type<string[]>().notNull().default([]),
    target: integer("target").notNull(),
    sortOrder: integer("sort_order").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [index("goals_organiser_year").on(t.organiserId, t.year)],
);

/**
 * An effort's plan and money for one calendar year, as Uppföljning Finsam asks per structural
 * effort (a course): budget and outcome in whole kronor, and the planned number of
 * participants. Null is "not entered yet", never zero. No personal data.
 */
export const effortYears = sqliteTable(
  "effort_years",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    organiserId: integer("organiser_id")
      .notNull()
      .references(() => organisers.id),
    courseId: integer("course_id")
      .notNull()
      .references(() => courses.id),
    year: integer("year").notNull(),
    budgetKr: integer("budget_kr"),
    outcomeKr: integer("outcome_kr"),
    plannedParticipants: integer("planned_participants"),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    uniqueIndex("effort_years_course_year").on(t.courseId, t.year),
    index("effort_years_organiser_year").on(t.organiserId, t.year),
  ],
);

/**
 * The office's merge of workplaces that are one real place: `fromIds` count as `intoId`
 * in every figure of every year. A row of its own, so undoing it is deleting the row.
 */
export const workplaceMerges = sqliteTable(
  "workplace_merges",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    organiserId: integer("organiser_id")
      .notNull()
      .references(() => organisers.id),
    intoId: integer("into_id")
      .notNull()
      .references(() => workplaces.id),
    fromIds: text("from_ids", { mode: "json" }).$type<number[]>().notNull(),
    userId: integer("user_id"),
    createdAt: createdAt(),
  },
  (t) => [index("workplace_merges_organiser").on(t.organiserId)],
);

/** Two or more addresses of one person (normalised e-mail): `fromKeys` count as `intoKey`. */
export const personMerges = sqliteTable(
  "person_merges",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    organiserId: integer("organiser_id")
      .notNull()
      .references(() => organisers.id),
    intoKey: text("into_key").notNull(),
    fromKeys: text("from_keys", { mode: "json" }).$type<string[]>().notNull(),
    userId: integer("user_id"),
    createdAt: createdAt(),
  },
  (t) => [index("person_merges_organiser").on(t.organiserId)],
);

/** A question of the office's own in a course's evaluation. */
export interface EvaluationQuestion {
  id: string;
  kind: "grade" | "yesno" | "text";
  text: string;
}

/**
 * One occasion's evaluation (issue 12): created when its first invitations are queued, with
 * the course's own questions as they were then, so a later change of the course does not
 * change what the answers were answers to.
 */
export const evaluations = sqliteTable(
  "evaluations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    organiserId: integer("organiser_id")
      .notNull()
      .references(() => organisers.id),
    occasionId: integer("occasion_id")
      .notNull()
      .references(() => occasions.id),
    questions: text("questions", { mode: "json" }).$type<EvaluationQuestion[]>().notNull().default([]),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("evaluations_occasion").on(t.occasionId)],
);

/**
 * Who was asked, and whether she has answered: the personal link's token and a flag, no time
 * (a time could be matched with an answer). Nothing here names an answer, and no answer names
 * an invitation, so "answered once" holds while no row ties an answer to a person.
 */
export const evaluationInvites = sqliteTable(
  "evaluation_invites",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    evaluationId: integer("evaluation_id")
      .notNull()
      .references(() => evaluations.id),
    registrationId: integer("registration_id")
      .notNull()
      .references(() => registrations.id),
    token: text("token").notNull().unique(),
    answered: integer("answered", { mode: "boolean" }).notNull().default(false),
    /** When the first mail was queued and the one reminder (never more than one). */
    invitedAt: integer("invited_at", { mode: "timestamp_ms" }).notNull(),
    remindedAt: integer("reminded_at", { mode: "timestamp_ms" }),
  },
  (t) => [uniqueIndex("evaluation_invites_registration").on(t.evaluationId, t.registrationId)],
);

/** Anonymous answers: the evaluation and the answers, nothing of who or when. */
export const evaluationAnswers = sqliteTable(
  "evaluation_answers",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    evaluationId: integer("evaluation_id")
      .notNull()
      .references(() => evaluations.id),
    /** 1–5 */
    overall: integer("overall").notNull(),
    /** 1–5 */
    usefulness: integer("usefulness").notNull(),
    /** ja | nej | vet-inte */
    recommend: text("recommend").notNull(),
    good: text("good"),
    better: text("better"),
    /** The course's own questions: question id → 1–5, "ja"/"nej" or text. */
    extra: text("extra", { mode: "json" }).$type<Record<string, number | string>>().notNull().default({}),
  },
  (t) => [index("evaluation_answers_evaluation").on(t.evaluationId)],
);

/**
 * What retention and erasure removed (server/domain/personal-data.ts): the rule, the kind of
 * data, how many rows, when and (for an erasure on request) which staff member. Never what
 * was removed or whose it was.
 */
export const retentionLog = sqliteTable(
  "retention_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    organiserId: integer("organiser_id")
      .notNull()
      .references(() => organisers.id),
    /** needs | people | erasure */
    rule: text("rule").notNull(),
    /** needs | person */
    what: text("what").notNull(),
    rows: integer("rows").notNull(),
    userId: integer("user_id"),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("retention_log_organiser_at").on(t.organiserId, t.at)],
);

/**
 * Rate-limit counters (server/domain/rate-limit.ts, decision 015): one row per rule, key and
 * fixed window, bumped by one upsert per check. In the database, not in memory, so a limit
 * holds across Worker isolates and Node instances. `key` is the rule's name and a hash of
 * the address, e-mail or day (no readable personal data); rows are deleted once expired.
 */
export const rateLimits = sqliteTable(
  "rate_limits",
  {
    key: text("key").notNull(),
    /** Start of the window, ms since the epoch (a multiple of the rule's window). */
    windowStart: integer("window_start").notNull(),
    count: integer("count").notNull().default(0),
    /** Window end: when the row stops mattering and may be swept. */
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] }), index("rate_limits_expires").on(t.expiresAt)],
);

export type User = typeof users.$inferSelect;
export type Organiser = typeof organisers.$inferSelect;
export type Party = typeof parties.$inferSelect;
export type Course = typeof courses.$inferSelect;
export type Occasion = typeof occasions.$inferSelect;
export type OccasionDay = typeof occasionDays.$inferSelect;
export type Registration = typeof registrations.$inferSelect;
export type Workplace = typeof workplaces.$inferSelect;
export type OutboxRow = typeof outbox.$inferSelect;
export type CourseTypeRow = typeof courseTypes.$inferSelect;
export type Goal = typeof goals.$inferSelect;
