// /dev/mail: the development mailbox, for trying the app without an SMTP server.
// Mounted only when SMTP_URL is unset outside production (see env.ts and entry.node.ts).
// It holds the sign-in links, so whoever reads it can sign in as staff: it answers only
// the person at this computer (docs/decisions/017).
import { Hono, type Context } from "hono";
import { createMiddleware } from "hono/factory";
import { html, raw } from "hono/html";
import type { AppEnv } from "../context.ts";
import { AppError } from "../domain/errors.ts";
import type { DevMailbox } from "../mail/dev-mailbox.ts";

const LOOPBACK_ADDRESS = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;
const LOOPBACK_HOST = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\]|.+\.localhost)$/;

/**
 * A request from this computer, made to it by a loopback name. The address is the one the
 * runtime saw (the socket on Node, CF-Connecting-IP on Workers); a request that a proxy
 * forwarded comes from the proxy's loopback address, so any forwarding header refuses it;
 * and a loopback Host stops a web page from reaching the port by DNS rebinding.
 */
function isLocalRequest(c: Context<AppEnv>): boolean {
  const address = c.var.deps.clientAddress?.(c);
  if (!address || !LOOPBACK_ADDRESS.test(address)) return false;
  if (c.req.header("x-forwarded-for") || c.req.header("forwarded") || c.req.header("x-real-ip")) return false;
  return LOOPBACK_HOST.test(new URL(c.req.url).hostname);
}

// The mailbox's own pages have inline styles and show the mails' HTML; no script at all.
const DEV_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

const localOnly = createMiddleware<AppEnv>(async (c, next) => {
  if (!isLocalRequest(c)) {
    throw new AppError(
      403,
      "dev_mailbox_local_only",
      "Utvecklingsbrevlådan kan bara läsas på datorn där tjänsten körs (http://localhost).",
    );
  }
  c.header("Content-Security-Policy", DEV_CSP);
  await next();
});

export function devRoutes(mailbox: DevMailbox) {
  return new Hono<AppEnv>()
    .use("*", localOnly)
    .get("/mail.json", (c) => c.json({ mails: mailbox.mails }))
    .get("/mail", (c) =>
      c.html(html`<!doctype html>
        <html lang="sv">
          <head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" /><title>Utvecklingsbrevlåda</title>
            <style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem}li{margin:.3rem 0}</style></head>
          <body>
            <h1>Utvecklingsbrevlåda</h1>
            <p>Inget skickas på riktigt: sätt <code>SMTP_URL</code> för att skicka e-post. Senaste först.</p>
            ${mailbox.mails.length === 0 ? html`<p>Inga mejl än.</p>` : ""}
            <ol reversed>
              ${mailbox.mails.map(
                (m) =>
                  html`<li><a href="/dev/mail/${m.id}">${m.subject}</a> till ${m.to} <small>${m.at}${m.calendar ? ` · kalender ${m.calendar.method}` : ""}</small></li>`,
              )}
            </ol>
          </body>
        </html>`),
    )
    .get("/mail/:id", (c) => {
      const m = mailbox.mails.find((x) => String(x.id) === c.req.param("id"));
      if (!m) return c.text("Mejlet finns inte.", 404);
      return c.html(html`<!doctype html>
        <html lang="sv">
          <head><meta charset="utf-8" /><title>${m.subject}</title>
            <style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem}pre{white-space:pre-wrap;background:#f4f4f4;padding:1rem}</style></head>
          <body>
            <p><a href="/dev/mail">← Alla mejl</a></p>
            <h1>${m.subject}</h1>
            <p>Från: ${m.from}<br />Till: ${m.to}<br />${m.at}</p>
            <div style="border:1px solid #ccc;padding:1rem">${raw(m.html ?? "")}</div>
            ${m.calendar ? html`<h2>Kalenderdel (method=${m.calendar.method})</h2><pre>${m.calendar.content}</pre>` : ""}
          </body>
        </html>`);
    });
}
