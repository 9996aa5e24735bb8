// Builds the Hono app from its parts. It knows nothing of the runtime: the entry files
// (entry.node.ts, entry.worker.ts) pass in the database, the clock and the mail hooks.
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import { secureHeaders } from "hono/secure-headers";
import type { AppDeps, AppEnv } from "./context.ts";
import { AppError } from "./domain/errors.ts";
import { authRoutes } from "./routes/auth.ts";
import { devRoutes } from "./routes/dev.ts";
import { followUpRoutes } from "./routes/follow-up.ts";
import { leaderRoutes } from "./routes/leader.ts";
import { officeRoutes } from "./routes/office.ts";
import { publicRoutes } from "./routes/public.ts";

export const MAX_BODY_BYTES = 64 * 1024;

const errorBody = (code: string, message: string, fields?: Record<string, string>) => ({
  error: { code, message, ...(fields ? { fields } : {}) },
});

export function createApp(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.use("*", secureHeaders({ crossOriginResourcePolicy: false }));
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
  app.route("/api/auth", authRoutes);
  app.route("/api/office", officeRoutes);
  app.route("/api/office", followUpRoutes);
  app.route("/api/leader", leaderRoutes);
  if (deps.devMailbox) app.route("/dev", devRoutes(deps.devMailbox));

  app.notFound((c) => c.json(errorBody("not_found", "Sidan eller resursen finns inte."), 404));
  app.onError((err, c) => {
    if (err instanceof AppError) return c.json(errorBody(err.code, err.message, err.fields), err.status);
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
