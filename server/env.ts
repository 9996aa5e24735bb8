// Configuration from the environment, checked with zod at start. A wrong value stops the
// app with a message that says which variable and why, instead of failing later.
import { z } from "zod";
import { rateLimitsSetting } from "./domain/rate-limit.ts";

const bool = z
  .enum(["1", "0", "true", "false", "yes", "no", "on", "off", ""])
  .transform((v) => ["1", "true", "yes", "on"].includes(v));

export const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000), // 0: any free port (tests)
    // Loopback unless told otherwise: a fresh `npm start` is for the person at this computer
    // (demo accounts, the dev mailbox with its sign-in links). HOST=0.0.0.0 to serve others.
    HOST: z.string().default("127.0.0.1"),
    DATABASE_URL: z
      .string()
      .regex(/^(file:|libsql:|https?:|wss?:)/, "ska börja med file:, libsql:, http(s): eller ws(s):")
      .default("file:data/app.db"),
    DATABASE_AUTH_TOKEN: z.string().optional(),
    PUBLIC_URL: z.url("ska vara en hel adress, t.ex. https://kurser.example.se").optional(),
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, "ska börja med smtp:// eller smtps://")
      .optional(),
    MAIL_FROM: z.string().min(3).default("Kursanmälan <kurser@example.se>"),
    SEED_DEMO: bool.default(true),
    /** How often the outbox loop looks for due mail, in ms. */
    OUTBOX_INTERVAL_MS: z.coerce.number().int().min(50).default(2000),
    /** How long a claim on a mail holds without renewal: a dead sender's mail is taken over after it (decision 016). */
    OUTBOX_LEASE_MS: z.coerce.number().int().min(1000).max(600_000).default(60_000),
    /** `on`, `off` (load tests) or changed limits, e.g. `registration-address=200/10m` (decision 015). */
    RATE_LIMITS: rateLimitsSetting,
    /** Proxies of our own in front (each appends to X-Forwarded-For); 0: the connection's address is the client's. */
    TRUST_PROXY: z.coerce.number("ska vara ett antal proxyer, t.ex. 1").int().min(0).max(10).default(0),
  })
  .transform((e) => ({ ...e, PUBLIC_URL: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, "") }))
  .superRefine((e, ctx) => {
    if (e.NODE_ENV === "production" && !e.SMTP_URL) {
      ctx.addIssue({
        code: "custom",
        path: ["SMTP_URL"],
        message: "måste sättas i produktion (utvecklingsbrevlådan är avstängd där)",
      });
    }
  });

export type Env = z.infer<typeof envSchema>;

export function loadEnv(source: Record<string, string | undefined>): Env {
  // Empty strings count as unset, as they do in most .env tooling.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Felaktig konfiguration:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

/** The Worker's settings: [vars] and secrets in wrangler.toml / the dashboard. */
export const workerEnvSchema = z.object({
  ENVIRONMENT: z.enum(["development", "production"]).default("production"),
  PUBLIC_URL: z.url("ska vara en hel adress, t.ex. https://kurser.example.se").transform((u) => u.replace(/\/+$/, "")),
  MAIL_FROM: z.string().min(3).default("Kursanmälan <kurser@example.se>"),
  MAIL_API_URL: z.url("ska vara en hel adress till e-posttjänstens API").optional(),
  MAIL_API_KEY: z.string().optional(),
  /** As on Node; the client's address is always CF-Connecting-IP, set by Cloudflare. */
  RATE_LIMITS: rateLimitsSetting,
});
export type WorkerEnv = z.infer<typeof workerEnvSchema>;

export function loadWorkerEnv(source: Record<string, unknown>): WorkerEnv {
  const strings = Object.fromEntries(Object.entries(source).filter(([, v]) => typeof v === "string" && v !== ""));
  const parsed = workerEnvSchema.safeParse(strings);
  if (!parsed.success) {
    throw new Error(
      `Felaktig konfiguration:\n${parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n")}`,
    );
  }
  if (parsed.data.ENVIRONMENT === "production" && !parsed.data.MAIL_API_URL) {
    throw new Error(
      "Felaktig konfiguration:\n  MAIL_API_URL: måste sättas i produktion (utvecklingsbrevlådan är avstängd där)",
    );
  }
  return parsed.data;
}
