// Where a staff member goes after signing in: the page she asked for before she was sent to
// /logga-in (carried as ?till= on the sign-in page and in the mailed link). Only a path of this
// site under /kansliet or /kursledare: never "//host", a scheme, a backslash or control
// characters, so the link cannot send anyone to another site. Shared by the server (which
// puts it in the mail) and the web app (which follows it).

const MAX_LENGTH = 300;

/** The path if it is a same-site staff page, else null. */
export function safeNextPath(value: unknown): string | null {
  if (typeof value !== "string" || value.length > MAX_LENGTH) return null;
  if (!/^\/(kansliet|kursledare)(?=$|[/?#])/.test(value)) return null;
  // "//" anywhere, "\" (read as "/" by browsers), whitespace and control characters.
  if (value.includes("//") || value.includes("\\") || /[\s\p{Cc}]/u.test(value)) return null;
  return value;
}

/** Whether a user of this role may be sent there: leaders only to their own pages; the office to both. */
export function nextPathFor(role: "office" | "leader", value: unknown): string | null {
  const path = safeNextPath(value);
  if (!path) return null;
  return role === "leader" && !path.startsWith("/kursledare") ? null : path;
}
