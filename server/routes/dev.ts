// /dev/mail: the development mailbox, for trying the app without an SMTP server.
// Mounted only when SMTP_URL is unset outside production (see env.ts and entry.node.ts).
import { Hono } from "hono";
import { html, raw } from "hono/html";
import type { DevMailbox } from "../mail/dev-mailbox.ts";

export function devRoutes(mailbox: DevMailbox) {
  return new Hono()
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
                (m) => html`<li><a href="/dev/mail/${m.id}">${m.subject}</a> till ${m.to} <small>${m.at}${m.calendar ? ` · kalender ${m.calendar.method}` : ""}</small></li>`,
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
