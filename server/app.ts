// Builds the Hono app from its parts. It knows nothing of the runtime: the entry files
// (entry.node.ts, entry.worker.ts) pass in the database, the clock and the mail hooks.
import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import { isDatabaseBusy } from "../db/client.ts";
import type { AppDeps, AppEnv } from "./context.ts";
import { AppError } from "./domain/errors.ts";
import { authRoutes } from "./routes/auth.ts";
import { devRoutes } from "./routes/dev.ts";
import { officeEvaluationRoutes, publicEvaluationRoutes } from "./routes/evaluations.ts";
import { followUpRoutes } from "./routes/follow-up.ts";
import { leaderRoutes } from "./routes/leader.ts";
import { officeChargesRoutes } from "./routes/office-charges.ts";
import { officeMailRoutes } from "./routes/office-mail.ts";
import { officePeopleRoutes } from "./routes/office-people.ts";
import { officeRoutes } from "./routes/office.ts";
import { publicRoutes } from "./routes/public.ts";
import { securityHeaders } from "./security-headers.ts";

export const MAX_BODY_BYTES = 64 * 1024;

const errorBody = (code: string, message: string, fields?: Record<string, string>) => ({
  error: { code, message, ...(fields ? { fields } : {}) },
});

/** JSON 404: also what the entry files answer for an unknown /api or /dev path outside the routers. */
export const notFoundAnswer = (c: Context) => c.json(errorBody("not_found", "Sidan eller resursen finns inte."), 404);

export function createApp(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.use("*", securityHeaders(deps.publicUrl));
  app.use("*", async (c, next) => {
    c.set("deps", deps);
    await next();
  });
  app.use(
    "/api/*",
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => c.json(errorBody("payload_too_large", "Förfrågan är för stor."), 413),
    }),
  );
  app.route("/api", publicRoutes);
  app.route("/api", publicEvaluationRoutes);
  app.route("/api/auth", authRoutes);
  app.route("/api/office", officeRoutes);
  app.route("/api/office", followUpRoutes);
  app.route("/api/office", officeMailRoutes);
  app.route("/api/office", officeChargesRoutes);
  app.route("/api/office", officePeopleRoutes);
  app.route("/api/office", officeEvaluationRoutes);
  app.route("/api/leader", leaderRoutes);
  if (deps.devMailbox) app.route("/dev", devRoutes(deps.devMailbox));

  app.notFound(notFoundAnswer);
  app.onError((err, c) => {
    if (err instanceof AppError) return c.json(errorBody(err.code, err.message, err.fields), err.status);
    // Another process held the write lock past the wait (db/libsql.ts); nothing was written.
    if (isDatabaseBusy(err)) {
      c.header("Retry-After", "1");
      return c.json(errorBody("busy", "Just nu är det många som använder tjänsten. Försök igen om en stund."), 503);
    }
    if (err instanceof HTTPException) {
      if (err.status === 400 && /json/i.test(err.message)) {
        return c.json(errorBody("malformed_json", "Förfrågan kunde inte läsas: skicka giltig JSON."), 400);
      }
      return c.json(errorBody("bad_request", "Förfrågan kunde inte tas emot."), err.status);
    }
    console.error(err);
    return c.json(errorBody("internal_error", "Något gick fel hos oss. Försök igen om en stund."), 500);
  });
  return app;
}

export type App = ReturnType<typeof createApp>;
