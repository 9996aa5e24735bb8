// The one way the web app talks to the server. Types come from the server's own domain
// modules (type-only imports, erased at build), so a change of shape there breaks the
// typecheck here instead of a page in production.
import type { z } from "zod";
import type { COURSE_TYPES } from "../../server/domain/course-types.ts";
import type { FieldErrors } from "../../server/domain/errors.ts";
import type { PublicOccasion } from "../../server/domain/occasions.ts";
import type { findOrganiser, listParties } from "../../server/domain/parties.ts";
import type { registrationView } from "../../server/domain/registration.ts";
import type { registrationBody, RegistrationReceipt } from "../../server/routes/public.ts";

export type { FieldErrors, PublicOccasion, RegistrationReceipt };
export type CourseType = (typeof COURSE_TYPES)[number];
export type Party = Awaited<ReturnType<typeof listParties>>[number];
export type Organiser = Pick<
  NonNullable<Awaited<ReturnType<typeof findOrganiser>>>,
  "slug" | "name" | "email" | "phone" | "website" | "retentionMonths"
>;
export type RegistrationView = Awaited<ReturnType<typeof registrationView>>;
/** What the form sends: the server's own zod schema, before its transforms. */
export type RegistrationInput = z.input<typeof registrationBody>;
export type Gender = NonNullable<RegistrationInput["gender"]>;

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

const NETWORK_MESSAGE = "Vi kunde inte nå tjänsten. Kontrollera din internetanslutning och försök igen.";

async function request<T>(method: "GET" | "POST" | "DELETE", path: string, body?: unknown): Promise<{ status: number; data: T }> {
  let res: Response;
  try {
    res = await fetch(`/api${path}`, {
      method,
      headers: body === undefined ? { accept: "application/json" } : { accept: "application/json", "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
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
  if (!res.ok) {
    const e = (json as { error?: { code?: string; message?: string; fields?: FieldErrors } } | null)?.error;
    throw new ApiError(res.status, e?.code ?? "http_error", e?.message ?? "Något gick fel hos oss. Försök igen om en stund.", e?.fields);
  }
  return { status: res.status, data: json as T };
}

const get = async <T>(path: string) => (await request<T>("GET", path)).data;

/** Reference data changes seldom: fetch once per page load, but retry after a failure. */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | null = null;
  return () => (p ??= load().catch((err) => ((p = null), Promise.reject(err))));
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

export const api = {
  /** The organiser (the first one when no slug is given: most installations have one). */
  organiser: perOrganiser(async (q) => (await get<{ organiser: Organiser }>(`/organiser${q}`)).organiser),

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

  /** `existing` is true when this e-mail already had a registration (the server answers 200). */
  async register(occasionId: string | number, input: RegistrationInput): Promise<{ registration: RegistrationReceipt; existing: boolean }> {
    const { status, data } = await request<{ registration: RegistrationReceipt }>(
      "POST",
      `/occasions/${encodeURIComponent(String(occasionId))}/registrations`,
      input,
    );
    return { registration: data.registration, existing: status === 200 };
  },

  async registration(token: string): Promise<RegistrationView> {
    return (await get<{ registration: RegistrationView }>(`/registrations/${encodeURIComponent(token)}`)).registration;
  },

  async cancel(token: string): Promise<RegistrationView> {
    return (await request<{ registration: RegistrationView }>("DELETE", `/registrations/${encodeURIComponent(token)}`)).data.registration;
  },

  /** A plain link (the browser downloads it), not a fetch. */
  invitationUrl: (token: string) => `/api/registrations/${encodeURIComponent(token)}/invite.ics`,

  calendarFeedUrl: () => "/api/calendar.ics",
};
