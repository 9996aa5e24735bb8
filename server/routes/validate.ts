// zValidator with our error shape: 400 { error: { code: "invalid_input", message, fields } },
// Swedish messages (zod's Swedish locale, plus our own where a field needs a clearer one).
import { zValidator } from "@hono/zod-validator";
import type { ValidationTargets } from "hono";
import { z } from "zod";
// Only the Swedish locale: `z.locales.sv` would pull every locale into the Worker bundle.
import sv from "zod/v4/locales/sv.js";
import { AppError, type FieldErrors } from "../domain/errors.ts";

z.config(sv());

export function fieldErrors(issues: readonly z.core.$ZodIssue[]): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of issues) {
    const key = issue.path.length ? issue.path.join(".") : "_";
    fields[key] ??= issue.message;
  }
  return fields;
}

export function validate<T extends z.ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) {
  return zValidator(target, schema, (result) => {
    if (!result.success) {
      throw new AppError(400, "invalid_input", "Uppgifterna är inte giltiga. Rätta de markerade fälten.", fieldErrors(result.error.issues));
    }
  });
}

/** A route id: a positive integer, or 404 (an id that cannot exist is simply not found). */
export const idParam = z.object({
  id: z.string().regex(/^\d{1,15}$/).transform(Number),
});
