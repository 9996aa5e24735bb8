// The one way the web app talks to the server. Types come from the server's own domain
// modules (type-only imports, erased at build), so a change of shape there breaks the
// typecheck here instead of a page in production.
import type { z } from "zod";
import type { listCourseTypes, listCourseTypesWithUse } from "../../server/domain/course-types.ts";
import type { FieldErrors } from "../../server/domain/errors.ts";
import type { checkinDay, PublicOccasion } from "../../server/domain/occasions.ts";
import type { findOrganiser, listParties } from "../../server/domain/parties.ts";
import type { RegisterResult } from "../../server/domain/registration.ts";
import type { registrationBody, RegistrationReceipt } from "../../server/routes/public.ts";
import type { listAudit, listOfficeOccasions } from "../../server/domain/office.ts";
import type {
  CourseInput,
  listCourses,
  listStaff,
  OccasionInput,
  occasionRegistrations,
  previewOccasionUpdate,
} from "../../server/domain/planning.ts";
import type { describeSignInLink, StaffUser } from "../../server/domain/staff.ts";
import type { EffortYearInput } from "../../server/domain/effort-years.ts";
import type { FinsamRow, FollowUp, goalWithMembers } from "../../server/domain/follow-up.ts";
import type { GoalInput, goalView } from "../../server/domain/goals.ts";
import type { listPeople } from "../../server/domain/people.ts";
import type { EXPORT_COLUMNS } from "../../server/domain/export-columns.ts";
import type { listWorkplaceRegister } from "../../server/domain/workplaces.ts";
import type {
  certificate,
  checkinCode,
  leaderOccasions,
  Mark,
  participantList,
  selfCheckIn,
} from "../../server/domain/attendance.ts";
import type { listUndelivered, resendMail } from "../../server/domain/outbox.ts";
import type { Charge, ChargesOverview, setCharge } from "../../server/domain/charges.ts";
import type { NeedsSummary } from "../../server/domain/needs.ts";
import type { OrganiserSettings } from "../../server/domain/organiser-settings.ts";
import type { listRetentionLog, personalView, personRegistrations } from "../../server/domain/personal-data.ts";
import type { correctionBody } from "../../server/routes/public.ts";
import type { EvaluationResult, evaluationForm, yearEvaluations } from "../../server/domain/evaluations.ts";
import type { answerBody } from "../../server/routes/evaluations.ts";

export type { FieldErrors, PublicOccasion, RegistrationReceipt };
export type CourseType = Awaited<ReturnType<typeof listCourseTypes>>[number];
/** A course type as the office sees it, with how many courses use it. */
export type OfficeCourseType = Awaited<ReturnType<typeof listCourseTypesWithUse>>[number];
export type Party = Awaited<ReturnType<typeof listParties>>[number];
export type Organiser = Pick<
  NonNullable<Awaited<ReturnType<typeof findOrganiser>>>,
  "slug" | "name" | "email" | "phone" | "website" | "retentionMonths" | "needsRetentionDays" | "dpoEmail"
>;
/**
 * The personal page's registration (registrationView) with what she may do with her data:
 * `canEdit`, `canErase`, `otherRegistrations`, `mails`, `retention` (issue 11).
 */
export type RegistrationView = Awaited<ReturnType<typeof personalView>>;
/** One mail we have sent (or will send) her, as her page lists it. */
export type PersonalMail = RegistrationView["mails"][number];
/** What she may correct from her link: the form's fields, without e-mail and employer. null clears an optional field. */
export type RegistrationCorrection = z.input<typeof correctionBody>;
/** What the form sends: the server's own zod schema, before its transforms. */
export type RegistrationInput = z.input<typeof registrationBody>;
export type Gender = NonNullable<RegistrationInput["gender"]>;

export type { StaffUser };
/** Whose a sign-in link is (name, address, role, organiser), shown before it is used. */
export type SignInLink = Awaited<ReturnType<typeof describeSignInLink>>;
/** An occasion as the office sees it: the public fields plus status, counts and the meeting link. */
export type OfficeOccasion = Awaited<ReturnType<typeof listOfficeOccasions>>[number];
export type OfficeCourse = Awaited<ReturnType<typeof listCourses>>[number];
/** Occasion times are Stockholm wall-clock "2026-03-12T09:00", the value of <input type="datetime-local">. */
export type { CourseInput, OccasionInput };
export type OfficeRegistration = Awaited<ReturnType<typeof occasionRegistrations>>[number];
/** What saving a change would mail: `notify` confirmed people and the `changes` lines; `promoted` from the waiting list. */
export type OccasionPreview = Awaited<ReturnType<typeof previewOccasionUpdate>>;
/** What registering someone by hand answers; `created` is false when the e-mail was already registered. */
export type OfficeRegistrationResult = Omit<RegisterResult, "manageToken">;
/** The public form's body without the privacy box (the office registers on someone's behalf). */
export type OfficeRegistrationInput = Omit<RegistrationInput, "acceptPrivacy">;
/** One row of the audit log; `before` and `after` are the JSON the server stored. */
export type AuditEntry = Omit<Awaited<ReturnType<typeof listAudit>>[number], "before" | "after"> & {
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
};
/** A mail that has not reached its recipient: given up (`failed`) or still being retried (`retrying`), with the reason. */
export type UndeliveredMail = Awaited<ReturnType<typeof listUndelivered>>[number];
export type ResentMail = Awaited<ReturnType<typeof resendMail>>;
/** A member of staff who can lead a course (role leader or office). */
export type StaffMember = Awaited<ReturnType<typeof listStaff>>[number];

/** The follow-up of a year: goals with value, pace, forecast; totals; breakdowns; the year before. */
export type { EffortYearInput, FollowUp, FinsamRow, GoalInput };
export type GoalFigures = FollowUp["goals"][number];
export type Breakdowns = FollowUp["breakdowns"];
export type BreakdownRow = Breakdowns["party"][number];
/** A goal as stored (the settings, without figures). */
export type GoalSetting = ReturnType<typeof goalView>;
export type GoalMembers = Awaited<ReturnType<typeof goalWithMembers>>;
export type WorkplaceRegister = Awaited<ReturnType<typeof listWorkplaceRegister>>;
export type PeopleList = Awaited<ReturnType<typeof listPeople>>;
/** One person (her address and the addresses merged with it) and all her registrations with the organiser. */
export type PersonRegistrations = Awaited<ReturnType<typeof personRegistrations>>;
export type PersonRegistration = PersonRegistrations["registrations"][number];
/** What the office may correct in a registration: the form's fields, e-mail and employer included. */
export type OfficeCorrection = Partial<OfficeRegistrationInput>;
/** The organiser's contact, retention and late-cancellation settings (lateCancelDays null: no fees). */
export type { OrganiserSettings };
/** What retention and erasure removed, newest first. */
export type RetentionLogEntry = Awaited<ReturnType<typeof listRetentionLog>>[number];
/** An occasion's dietary and accessibility needs as counts, without names (for the caterer and the venue). */
export type { NeedsSummary };
/** The year's late cancellations and no-shows: the setting, the marked ones per employer, the suggestions. */
export type { Charge, ChargesOverview };
export type ChargeGroup = ChargesOverview["charges"][number];
export type ChargeItem = ChargesOverview["candidates"][number];
export type ChargeMark = Awaited<ReturnType<typeof setCharge>>;
/** The course evaluation behind a participant's link: course, dates, organiser, the course's own questions, `answered`. */
export type EvaluationForm = Awaited<ReturnType<typeof evaluationForm>>;
export type EvaluationQuestion = EvaluationForm["questions"][number];
/** What the evaluation form sends: the server's own zod schema, before its transforms. */
export type EvaluationAnswerInput = z.input<typeof answerBody>;
/** The results of one or more evaluations; `shown` false below the anonymity threshold (counts only). */
export type { EvaluationResult };
export type EvaluationQuestionResult = EvaluationResult["questions"][number];
/** A year's evaluations: the total, last year's, per course and per occasion. */
export type YearEvaluations = Awaited<ReturnType<typeof yearEvaluations>>;
/** The participant export's columns: [key for `omit`, Swedish heading]. */
export type ExportColumnKey = (typeof EXPORT_COLUMNS)[number][0];

/** One of a course leader's occasions, with its days (ids for marks and the check-in code). */
export type LeaderOccasion = Awaited<ReturnType<typeof leaderOccasions>>[number];
/** The list at the door: the occasion with its days (`locked` per day), the confirmed people with their marks, the waiting list. */
export type AttendanceList = Awaited<ReturnType<typeof participantList>>;
export type Attendee = AttendanceList["participants"][number];
export type WaitingAttendee = AttendanceList["waitlist"][number];
/** present | late | excused | absent; no mark is "unmarked", which is not absent. */
export type AttendanceMark = Mark;
/** The projector's code: `url` goes into the QR code; it changes every minute. */
export type CheckinCode = Awaited<ReturnType<typeof checkinCode>>;
export type CheckinDay = NonNullable<Awaited<ReturnType<typeof checkinDay>>>;
export type CheckinResult = Awaited<ReturnType<typeof selfCheckIn>>;
/** The attendance certificate (intyg), or why there is none (`eligible` false, `reason`). */
export type Certificate = Awaited<ReturnType<typeof certificate>>;

/** An error the server (or the network) gave, with the Swedish message to show as is. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldErrors = {},
  ) {
    super(message);
  }
}

/** Any thrown value as an ApiError, so a form can always show a Swedish message. */
export function asApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError(0, "unknown", "Något gick fel. Försök igen.");
}

const NETWORK_MESSAGE = "Vi kunde inte nå tjänsten. Kontrollera din internetanslutning och försök igen.";

async function request<T>(
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
  path: string,
  body?: unknown,
  extraHeaders: Record<string, string> = {},
  /** Give up after this long (a call on a poor network can otherwise hang for minutes). */
  timeoutMs?: number,
): Promise<{ status: number; data: T }> {
  let res: Response;
  try {
    const headers: Record<string, string> = { accept: "application/json", ...extraHeaders };
    if (body !== undefined) headers["content-type"] = "application/json";
    res = await fetch(`/api${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: timeoutMs ? AbortSignal.timeout(timeoutMs) : undefined,
    });
  } catch {
    throw new ApiError(0, "network", NETWORK_MESSAGE);
  }
  let json: unknown = null;
  try {
    json = await res.json();
  } catch {
    // A proxy's HTML error page or an empty body: fall through to the generic message.
  }
  if (res.status === 204) return { status: 204, data: undefined as T };
  if (!res.ok) {
    const e = (json as { error?: { code?: string; message?: string; fields?: FieldErrors } } | null)?.error;
    throw new ApiError(
      res.status,
      e?.code ?? "http_error",
      e?.message ?? "Något gick fel hos oss. Försök igen om en stund.",
      e?.fields,
    );
  }
  return { status: res.status, data: json as T };
}

const get = async <T>(path: string) => (await request<T>("GET", path)).data;

/** Reference data changes seldom: fetch once per page load, but retry after a failure. */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | null = null;
  return () => {
    p ??= load().catch((err) => {
      p = null;
      throw err;
    });
    return p;
  };
}

/** One cached loader per organiser slug ("" is the default organiser). */
function perOrganiser<T>(load: (query: string) => Promise<T>): (slug?: string) => Promise<T> {
  const cache = new Map<string, () => Promise<T>>();
  return (slug = "") => {
    let loader = cache.get(slug);
    if (!loader) {
      const query = slug ? `?organiser=${encodeURIComponent(slug)}` : "";
      loader = once(() => load(query));
      cache.set(slug, loader);
    }
    return loader();
  };
}

/**
 * The signed-in staff member and the session's CSRF token, asked for once per page load
 * (sign-in and sign-out start over). Rejects with ApiError 401 when nobody is signed in.
 */
let session: Promise<{ user: StaffUser; csrfToken: string }> | null = null;
function me() {
  session ??= get<{ user: StaffUser; csrfToken: string }>("/auth/me").catch((err) => {
    session = null;
    throw err;
  });
  return session;
}

/**
 * A change made with the session cookie: sends the session's CSRF token. When the token is
 * stale (the session was renewed in another tab) it asks again once and retries.
 */
async function staffChange<T>(
  method: "POST" | "PUT" | "PATCH" | "DELETE",
  path: string,
  body?: unknown,
  timeoutMs?: number,
): Promise<{ status: number; data: T }> {
  for (let attempt = 0; ; attempt++) {
    const { csrfToken } = await me();
    try {
      return await request<T>(method, path, body, { "x-csrf-token": csrfToken }, timeoutMs);
    } catch (err) {
      if (attempt === 0 && err instanceof ApiError && err.code === "csrf_failed") {
        session = null;
        continue;
      }
      throw err;
    }
  }
}

const id = (x: string | number) => encodeURIComponent(String(x));

/** A mark that has not come back in this time is treated as not sent (it waits in the queue and goes again). */
const MARK_TIMEOUT_MS = 20_000;

/** The chancellery's and course leaders' calls: all need a signed-in staff member. */
export const staffApi = {
  me: async (): Promise<StaffUser> => (await me()).user,

  /** Always the same answer, whether or not the address has an account. */
  async requestSignInLink(email: string, next?: string | null): Promise<string> {
    const body = next ? { email, next } : { email };
    return (await request<{ message: string }>("POST", "/auth/link", body)).data.message;
  },

  /** Whose the mailed link is. Does not use it up: only signIn does. */
  async signInLink(token: string): Promise<SignInLink> {
    return (await get<{ link: SignInLink }>(`/auth/sign-in?token=${encodeURIComponent(token)}`)).link;
  },

  /** Uses the link up: the session cookie is set, and the session is known without asking again. */
  async signIn(token: string): Promise<StaffUser> {
    const { data } = await request<{ user: StaffUser; csrfToken: string }>("POST", "/auth/sign-in", { token });
    session = Promise.resolve(data);
    return data.user;
  },

  async signOut(): Promise<void> {
    try {
      await staffChange("POST", "/auth/sign-out");
    } finally {
      session = null;
    }
  },

  async occasions(year: number): Promise<OfficeOccasion[]> {
    return (await get<{ occasions: OfficeOccasion[] }>(`/office/occasions?year=${year}`)).occasions;
  },

  async occasion(
    occasionId: string | number,
  ): Promise<{ occasion: OfficeOccasion; registrations: OfficeRegistration[] }> {
    return get(`/office/occasions/${id(occasionId)}`);
  },

  async createOccasion(input: OccasionInput): Promise<OfficeOccasion> {
    return (await staffChange<{ occasion: OfficeOccasion }>("POST", "/office/occasions", input)).data.occasion;
  },

  /** `notified`: how many confirmed people got an updated invitation. */
  async updateOccasion(
    occasionId: string | number,
    input: Partial<OccasionInput>,
  ): Promise<{ occasion: OfficeOccasion; notified: number }> {
    return (
      await staffChange<{ occasion: OfficeOccasion; notified: number }>(
        "PATCH",
        `/office/occasions/${id(occasionId)}`,
        input,
      )
    ).data;
  },

  /** What saving `input` would mail (nothing is saved): the PATCH's checks and refusals. */
  async previewOccasionUpdate(occasionId: string | number, input: Partial<OccasionInput>): Promise<OccasionPreview> {
    return (await staffChange<OccasionPreview>("POST", `/office/occasions/${id(occasionId)}/preview`, input)).data;
  },

  async cancelOccasion(
    occasionId: string | number,
    message: string | null,
  ): Promise<{ occasion: OfficeOccasion; notified: number }> {
    const body = message ? { message } : {};
    return (
      await staffChange<{ occasion: OfficeOccasion; notified: number }>(
        "POST",
        `/office/occasions/${id(occasionId)}/cancel`,
        body,
      )
    ).data;
  },

  /** A draft copy whose first day is `firstDay` ("2026-09-14"), same times. */
  async copyOccasion(occasionId: string | number, firstDay: string): Promise<OfficeOccasion> {
    return (
      await staffChange<{ occasion: OfficeOccasion }>("POST", `/office/occasions/${id(occasionId)}/copy`, { firstDay })
    ).data.occasion;
  },

  /** Every occasion of the organiser, all years (the move dialog picks among them). */
  async allOccasions(): Promise<OfficeOccasion[]> {
    return (await get<{ occasions: OfficeOccasion[] }>("/office/occasions")).occasions;
  },

  /** Registers someone by hand, also outside the registration window. */
  async registerByHand(occasionId: string | number, input: OfficeRegistrationInput): Promise<OfficeRegistrationResult> {
    const { status, data } = await staffChange<{ registration: OfficeRegistrationResult }>(
      "POST",
      `/office/occasions/${id(occasionId)}/registrations`,
      input,
    );
    return { ...data.registration, created: status === 201 };
  },

  /** Moves a registration to another occasion of the same course: the new registration's id and status. */
  async moveRegistration(registrationId: number, occasionId: number): Promise<{ id: number; status: string }> {
    return (
      await staffChange<{ registration: { id: number; status: string } }>(
        "POST",
        `/office/registrations/${id(registrationId)}/move`,
        { occasionId },
      )
    ).data.registration;
  },

  /** One mail per person; the answer is how many. */
  async messageParticipants(
    occasionId: string | number,
    message: { subject: string; body: string; includeWaitlisted: boolean },
  ): Promise<number> {
    return (await staffChange<{ sent: number }>("POST", `/office/occasions/${id(occasionId)}/message`, message)).data
      .sent;
  },

  /** The audit log, newest first. */
  audit: async (): Promise<AuditEntry[]> => (await get<{ entries: AuditEntry[] }>("/office/audit")).entries,

  /** Mail that did not get through, newest first. */
  undeliveredMail: async (): Promise<UndeliveredMail[]> =>
    (await get<{ mail: UndeliveredMail[] }>("/office/mail/undelivered")).mail,

  /** Puts an undelivered mail back in the queue (due now, tries counted from zero). */
  async resendMail(mailId: number): Promise<ResentMail> {
    return (await staffChange<{ mail: ResentMail }>("POST", `/office/mail/${id(mailId)}/resend`)).data.mail;
  },

  /** Staff who can lead courses; once per page load. */
  staff: once(async (): Promise<StaffMember[]> => (await get<{ staff: StaffMember[] }>("/office/staff")).staff),

  courses: async (): Promise<OfficeCourse[]> => (await get<{ courses: OfficeCourse[] }>("/office/courses")).courses,

  async createCourse(input: CourseInput): Promise<OfficeCourse> {
    return (await staffChange<{ course: OfficeCourse }>("POST", "/office/courses", input)).data.course;
  },

  async updateCourse(courseId: string | number, patch: Partial<CourseInput>): Promise<OfficeCourse> {
    return (await staffChange<{ course: OfficeCourse }>("PATCH", `/office/courses/${id(courseId)}`, patch)).data.course;
  },

  // ------------------------------------------------------------ follow-up

  /** The year's goals with their figures, the totals and breakdowns, next to the year before. */
  followUp: (year: number): Promise<FollowUp> => get(`/office/goals?year=${id(year)}`),

  /** The list behind a goal's figure. */
  goalMembers: (goalId: string | number): Promise<GoalMembers> => get(`/office/goals/${id(goalId)}/members`),

  goal: async (goalId: string | number): Promise<GoalSetting> =>
    (await get<{ goal: GoalSetting }>(`/office/goals/${id(goalId)}`)).goal,

  async createGoal(input: GoalInput): Promise<GoalSetting> {
    return (await staffChange<{ goal: GoalSetting }>("POST", "/office/goals", input)).data.goal;
  },

  async updateGoal(goalId: string | number, patch: Partial<GoalInput>): Promise<GoalSetting> {
    return (await staffChange<{ goal: GoalSetting }>("PATCH", `/office/goals/${id(goalId)}`, patch)).data.goal;
  },

  async deleteGoal(goalId: string | number): Promise<void> {
    await staffChange("DELETE", `/office/goals/${id(goalId)}`);
  },

  /** Copies one year's goals to another (409 goals_exist when that year has goals). */
  async copyGoals(from: number, to: number): Promise<GoalSetting[]> {
    return (await staffChange<{ goals: GoalSetting[] }>("POST", "/office/goals/copy", { from, to })).data.goals;
  },

  workplaces: (q = ""): Promise<WorkplaceRegister> =>
    get(`/office/workplaces${q ? `?q=${encodeURIComponent(q)}` : ""}`),

  async mergeWorkplaces(into: number, from: number[]): Promise<{ id: number }> {
    return (await staffChange<{ merge: { id: number } }>("POST", "/office/workplaces/merge", { into, from })).data
      .merge;
  },

  async undoWorkplaceMerge(mergeId: number): Promise<void> {
    await staffChange("DELETE", `/office/workplace-merges/${id(mergeId)}`);
  },

  people: (q = ""): Promise<PeopleList> => get(`/office/people${q ? `?q=${encodeURIComponent(q)}` : ""}`),

  async mergePeople(into: string, from: string[]): Promise<{ id: number }> {
    return (await staffChange<{ merge: { id: number } }>("POST", "/office/people/merge", { into, from })).data.merge;
  },

  async undoPersonMerge(mergeId: number): Promise<void> {
    await staffChange("DELETE", `/office/people-merges/${id(mergeId)}`);
  },

  // ------------------------------------------------------------ personal data (issue 11)

  /** All registrations of a person (404 person_not_found). */
  personRegistrations: (email: string): Promise<PersonRegistrations> =>
    get(`/office/people/registrations?email=${encodeURIComponent(email)}`),

  /** Corrects a registration (only the changed fields). 400 with fields, 409 already_registered, registration_anonymised. */
  async updateRegistration(registrationId: number, patch: OfficeCorrection): Promise<PersonRegistration> {
    return (
      await staffChange<{ registration: PersonRegistration }>(
        "PATCH",
        `/office/registrations/${id(registrationId)}`,
        patch,
      )
    ).data.registration;
  },

  /** Cancels for her: she gets a mail, the first on the waiting list the place. 409 occasion_over. */
  async cancelRegistration(registrationId: number): Promise<{ id: number; status: string }> {
    return (
      await staffChange<{ registration: { id: number; status: string } }>(
        "POST",
        `/office/registrations/${id(registrationId)}/cancel`,
        {},
      )
    ).data.registration;
  },

  /** Erases a person on request (all her addresses); the figures stay. 404 person_not_found, 409 upcoming_registration. */
  async erasePerson(email: string): Promise<{ registrations: number }> {
    return (await staffChange<{ erased: { registrations: number } }>("POST", "/office/people/erase", { email })).data
      .erased;
  },

  settings: async (): Promise<OrganiserSettings> =>
    (await get<{ settings: OrganiserSettings }>("/office/settings")).settings,

  async updateSettings(patch: Partial<OrganiserSettings>): Promise<OrganiserSettings> {
    return (await staffChange<{ settings: OrganiserSettings }>("PATCH", "/office/settings", patch)).data.settings;
  },

  retentionLog: async (): Promise<RetentionLogEntry[]> =>
    (await get<{ entries: RetentionLogEntry[] }>("/office/retention-log")).entries,

  /** The organiser's course types with how many courses use each (fresh each time: the office edits them). */
  courseTypes: async (): Promise<OfficeCourseType[]> =>
    (await get<{ courseTypes: OfficeCourseType[] }>("/office/course-types")).courseTypes,

  async createCourseType(name: string): Promise<CourseType> {
    return (await staffChange<{ courseType: CourseType }>("POST", "/office/course-types", { name })).data.courseType;
  },

  async renameCourseType(code: string, name: string): Promise<CourseType> {
    return (await staffChange<{ courseType: CourseType }>("PATCH", `/office/course-types/${id(code)}`, { name })).data
      .courseType;
  },

  finsam: async (year: number): Promise<FinsamRow[]> =>
    (await get<{ rows: FinsamRow[] }>(`/office/reports/finsam?year=${id(year)}`)).rows,

  /** Budget, outcome and planned participants of one effort (course) and year; null = not entered. */
  async saveEffortYear(courseId: number, year: number, values: EffortYearInput): Promise<EffortYearInput> {
    return (
      await staffChange<{ effort: EffortYearInput }>(
        "PATCH",
        `/office/efforts/${id(courseId)}/years/${id(year)}`,
        values,
      )
    ).data.effort;
  },

  // ------------------------------------------------------------ needs and charges (issue 11)

  /** The needs of an occasion as counts, without names. */
  needs: (occasionId: string | number): Promise<NeedsSummary> => get(`/office/occasions/${id(occasionId)}/needs`),

  /** The year's marked late cancellations and no-shows per employer, and the suggestions. */
  charges: (year: number): Promise<ChargesOverview> => get(`/office/charges?year=${id(year)}`),

  /** Marks a registration as a late cancellation or a no-show; null takes the mark away. 409 with the reason. */
  async setCharge(registrationId: number, charge: Charge | null): Promise<ChargeMark> {
    return (
      await staffChange<{ registration: ChargeMark }>("POST", `/office/registrations/${id(registrationId)}/charge`, {
        charge,
      })
    ).data.registration;
  },

  // ------------------------------------------------------------ evaluations (issue 12)

  /** A year's evaluations: the total, last year's, per course and per occasion. */
  evaluations: (year: number): Promise<YearEvaluations> => get(`/office/evaluations?year=${id(year)}`),

  /** One occasion's evaluation results (an empty result when it has none). */
  occasionEvaluation: async (occasionId: string | number): Promise<EvaluationResult> =>
    (await get<{ result: EvaluationResult }>(`/office/evaluations/occasions/${id(occasionId)}`)).result,

  /** Plain links (the browser downloads the file), not fetches. */
  exportUrls: {
    finsam: (year: number, format: "csv" | "xlsx") => `/api/office/reports/finsam.${format}?year=${year}`,
    charges: (year: number, format: "csv" | "xlsx") => `/api/office/charges.${format}?year=${year}`,
    year: (year: number, format: "csv" | "xlsx") => `/api/office/reports/year.${format}?year=${year}`,
    registrations: (from: string, to: string, omit: string[], format: "csv" | "xlsx") =>
      `/api/office/registrations/export.${format}?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}${omit.length ? `&omit=${encodeURIComponent(omit.join(","))}` : ""}`,
  },
};

/**
 * Course leaders' calls (the office may make them too, for any of its occasions). A mark is
 * idempotent (the last one wins), so the offline queue may send one again safely.
 */
export const leaderApi = {
  /** The occasions this person leads (all of the organiser's for the office). */
  occasions: async (): Promise<LeaderOccasion[]> =>
    (await get<{ occasions: LeaderOccasion[] }>("/leader/occasions")).occasions,

  participants: (occasionId: string | number): Promise<AttendanceList> =>
    get(`/leader/occasions/${id(occasionId)}/participants`),

  /** The needs of an occasion as counts, without names (the leader's list has the names). */
  needs: (occasionId: string | number): Promise<NeedsSummary> => get(`/leader/occasions/${id(occasionId)}/needs`),

  /** Sets one person's mark for one day; null clears it. */
  async setMark(
    occasionId: number,
    dayId: number,
    registrationId: number,
    status: AttendanceMark | null,
  ): Promise<void> {
    await staffChange(
      "PUT",
      `/leader/occasions/${id(occasionId)}/days/${id(dayId)}/attendance/${id(registrationId)}`,
      { status },
      MARK_TIMEOUT_MS,
    );
  },

  /** "Markera övriga som frånvarande": how many were marked absent. */
  async closeDay(occasionId: number, dayId: number): Promise<number> {
    return (
      await staffChange<{ markedAbsent: number }>("POST", `/leader/occasions/${id(occasionId)}/days/${id(dayId)}/close`)
    ).data.markedAbsent;
  },

  /** Someone who turns up unregistered: registered (whatever the capacity) and present. `walkIn` false: they already had a registration. */
  async addWalkIn(
    occasionId: number,
    dayId: number,
    input: OfficeRegistrationInput,
  ): Promise<{ registrationId: number; walkIn: boolean }> {
    return (
      await staffChange<{ registrationId: number; walkIn: boolean }>(
        "POST",
        `/leader/occasions/${id(occasionId)}/days/${id(dayId)}/walk-ins`,
        input,
      )
    ).data;
  },

  /**
   * The evaluation results of an occasion she led (an empty result when it has none), and when
   * the evaluation goes out (null: the course has none).
   */
  evaluation: (occasionId: string | number): Promise<{ result: EvaluationResult; sendsAt: string | null }> =>
    get(`/leader/occasions/${id(occasionId)}/evaluation`),

  /** 409 day_not_running outside the day (from half an hour before it starts). */
  checkinCode: (occasionId: number | string, dayId: number | string): Promise<CheckinCode> =>
    get(`/leader/occasions/${id(occasionId)}/days/${id(dayId)}/checkin-code`),
};

export const api = {
  /** The organiser (the first one when no slug is given: most installations have one). */
  organiser: perOrganiser(async (q) => (await get<{ organiser: Organiser }>(`/organiser${q}`)).organiser),

  /** The same, asked for again (the privacy notice shows the retention the office may just have changed). */
  organiserNow: async (slug?: string): Promise<Organiser> =>
    (await get<{ organiser: Organiser }>(`/organiser${slug ? `?organiser=${encodeURIComponent(slug)}` : ""}`))
      .organiser,

  /** The employers to choose from: the organiser's member parties and "other". */
  parties: perOrganiser(async (q) => (await get<{ parties: Party[] }>(`/parties${q}`)).parties),

  courseTypes: once(async () => (await get<{ courseTypes: CourseType[] }>("/course-types")).courseTypes),

  async occasions(courseType?: string): Promise<PublicOccasion[]> {
    const q = courseType ? `?courseType=${encodeURIComponent(courseType)}` : "";
    return (await get<{ occasions: PublicOccasion[] }>(`/occasions${q}`)).occasions;
  },

  async occasion(id: string | number): Promise<PublicOccasion> {
    return (await get<{ occasion: PublicOccasion }>(`/occasions/${encodeURIComponent(String(id))}`)).occasion;
  },

  /**
   * `existing` is true when this e-mail already had a registration (the server answers 200,
   * without saying how she is registered: the link goes to her by mail).
   */
  async register(
    occasionId: string | number,
    input: RegistrationInput,
  ): Promise<{ registration: RegistrationReceipt | null; existing: boolean }> {
    const { status, data } = await request<{ registration?: RegistrationReceipt }>(
      "POST",
      `/occasions/${encodeURIComponent(String(occasionId))}/registrations`,
      input,
    );
    return status === 200
      ? { registration: null, existing: true }
      : { registration: data.registration!, existing: false };
  },

  async registration(token: string): Promise<RegistrationView> {
    return (await get<{ registration: RegistrationView }>(`/registrations/${encodeURIComponent(token)}`)).registration;
  },

  async cancel(token: string): Promise<RegistrationView> {
    return (await request<{ registration: RegistrationView }>("DELETE", `/registrations/${encodeURIComponent(token)}`))
      .data.registration;
  },

  /** Her corrections (only the changed fields; null clears one). 400 with fields, 409 registration_anonymised. */
  async correctRegistration(token: string, patch: RegistrationCorrection): Promise<RegistrationView> {
    return (
      await request<{ registration: RegistrationView }>("PATCH", `/registrations/${encodeURIComponent(token)}`, patch)
    ).data.registration;
  },

  /** Erases her (all her registrations at that address); the link stops working. 409 occasion_not_over, upcoming_registration. */
  async eraseRegistration(token: string): Promise<{ registrations: number }> {
    return (
      await request<{ erased: { registrations: number } }>(
        "POST",
        `/registrations/${encodeURIComponent(token)}/erase`,
        {},
      )
    ).data.erased;
  },

  /** Everything stored about her, as a JSON file: a plain link (the browser downloads it). */
  personalDataUrl: (token: string) => `/api/registrations/${encodeURIComponent(token)}/data`,

  /** A plain link (the browser downloads it), not a fetch. */
  invitationUrl: (token: string) => `/api/registrations/${encodeURIComponent(token)}/invite.ics`,

  calendarFeedUrl: () => "/api/calendar.ics",

  async certificate(token: string): Promise<Certificate> {
    return (await get<{ certificate: Certificate }>(`/registrations/${encodeURIComponent(token)}/certificate`))
      .certificate;
  },

  /** The course evaluation behind her link; 404 evaluation_not_found. */
  async evaluation(token: string): Promise<EvaluationForm> {
    return (await get<{ evaluation: EvaluationForm }>(`/evaluations/${encodeURIComponent(token)}`)).evaluation;
  },

  /** Her anonymous answer, once: 400 with fields, 409 evaluation_answered. */
  async answerEvaluation(token: string, input: EvaluationAnswerInput): Promise<{ answered: true; message: string }> {
    return (
      await request<{ answered: true; message: string }>("POST", `/evaluations/${encodeURIComponent(token)}`, input)
    ).data;
  },

  /** The course, time and place of a check-in day (published occasions only; 404 otherwise). */
  checkinDay: (dayId: number | string): Promise<CheckinDay> =>
    get<{ day: CheckinDay }>(`/checkin/${id(dayId)}`).then((r) => r.day),

  /** Self check-in with the projector's code. */
  async checkIn(dayId: number, code: string, email: string): Promise<CheckinResult> {
    return (await request<{ checkin: CheckinResult }>("POST", "/checkin", { dayId, code, email })).data.checkin;
  },
};
