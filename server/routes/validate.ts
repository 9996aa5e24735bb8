// zValidator with our error shape: 400 { error: { code: "invalid_input", message, fields } },
// Swedish messages (zod's Swedish locale, plus our own where a field needs a clearer one).
import { zValidator } from "@hono/zod-validator";
import type { ValidationTargets } from "hono";
import { z } from "zod";
// Only the Swedish locale: `z.locales.sv` would pull every locale into the Worker bundle.
import sv from "zod/v4/locales/sv.js";
import { AppError, type FieldErrors } from "../domain/errors.ts";
import { asciiAddress } from "../mail/mime.ts";

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
      throw new AppError(
        400,
        "invalid_input",
        "Uppgifterna är inte giltiga. Rätta de markerade fälten.",
        fieldErrors(result.error.issues),
      );
    }
  });
}

/** A route id: a positive integer, or 404 (an id that cannot exist is simply not found). */
export const idParam = z.object({
  id: z
    .string()
    .regex(/^\d{1,15}$/)
    .transform(Number),
});

export const NON_ASCII_LOCAL_PART =
  "Adressen kan inte innehålla å, ä, ö eller andra tecken utanför a–z före @. Kontrollera stavningen.";

/**
 * An e-mail address we can deliver to, the one schema of every route (and the admin command)
 * that takes one. Most SMTP servers refuse a non-ASCII mailbox name ("oskar.norén@…") unless
 * both ends speak SMTPUTF8, which we cannot know when the form is sent, so it is refused here
 * with a message that says why, instead of failing in the outbox later (issue 10). A domain
 * with å, ä, ö is fine: it is checked, and sent, as its A-label (mime.ts, decision 016).
 */
export const emailAddressWith = (missing: string) =>
  z
    .string(missing)
    .trim()
    .max(254, "E-postadressen är för lång.")
    .superRefine((value, ctx) => {
      if (!value) return void ctx.addIssue({ code: "custom", message: missing });
      const at = value.lastIndexOf("@");
      // biome-ignore lint/suspicious/noControlCharactersInRegex: the range is all of ASCII
      if (at > 0 && /[^\x00-\x7f]/.test(value.slice(0, at)))
        return void ctx.addIssue({ code: "custom", message: NON_ASCII_LOCAL_PART });
      if (!z.regexes.email.test(asciiAddress(value)))
        ctx.addIssue({ code: "custom", message: "Skriv en giltig e-postadress, t.ex. namn@example.se." });
    });

export const emailAddress = emailAddressWith("Skriv din e-postadress.");
