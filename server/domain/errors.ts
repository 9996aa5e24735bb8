// Errors a client can cause. Routes turn them into `{ error: { code, message, fields? } }`
// with the status given here; messages are Swedish because people read them.
import type { ContentfulStatusCode } from "hono/utils/http-status";

export type FieldErrors = Record<string, string>;

export class AppError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly fields?: FieldErrors,
  ) {
    super(message);
  }
}

export const notFound = (what: string, code = "not_found") => new AppError(404, code, `${what} finns inte.`);
