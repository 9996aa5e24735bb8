// The response headers of every answer, pages and API alike, on Node and on Workers: the
// app (createApp) and the entry files' page and file serving use this one middleware, so
// an HTML page cannot be served without them again (docs/decisions/017).
import type { MiddlewareHandler } from "hono";
import { secureHeaders } from "hono/secure-headers";

/**
 * The web app's pages. Scripts, styles and everything else come from our own origin only,
 * with no inline script or style attribute (the built index.html has none, and Solid's
 * `style={{…}}` sets styles through CSSOM, which CSP allows). `data:` images for the
 * small icons CSS may carry; nobody may frame a page (clickjacking of the office).
 */
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** Answers that are not pages (JSON, calendar files, exports): nothing in them may load or run. */
export const DATA_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** Hashed build output (/assets/*): the name changes with the content, so it can be kept for a year. */
export const IMMUTABLE_CACHE = "public, max-age=31536000, immutable";

/**
 * Headers for every answer. HSTS only when the site is reached over https (PUBLIC_URL):
 * sent over plain http it is ignored at best, and it would pin a name that has no
 * certificate. Every HTML page and every /api and /dev answer is `no-store` unless the
 * route chose otherwise (the public calendar feed may be cached): personal pages and
 * personal data must not stay in a shared computer's cache or a proxy.
 */
export function securityHeaders(publicUrl: string): MiddlewareHandler {
  const generic = secureHeaders({
    // Left off, as before: it only governs other sites' <img>/<script> loads, and the public
    // calendar feed is meant to be fetched from anywhere.
    crossOriginResourcePolicy: false,
    xFrameOptions: "DENY",
    referrerPolicy: "no-referrer",
    strictTransportSecurity: publicUrl.startsWith("https:") ? "max-age=31536000; includeSubDomains" : false,
    permissionsPolicy: { camera: [], microphone: [], geolocation: [], payment: [] },
  });
  return async (c, next) => {
    await generic(c, next);
    const headers = c.res.headers;
    const path = c.req.path;
    const html = (headers.get("content-type") ?? "").startsWith("text/html");
    if (!headers.has("content-security-policy")) headers.set("content-security-policy", html ? PAGE_CSP : DATA_CSP);
    if (html) headers.set("cache-control", "no-store");
    else if (path.startsWith("/assets/") && c.res.status === 200) headers.set("cache-control", IMMUTABLE_CACHE);
    else if ((path.startsWith("/api/") || path.startsWith("/dev/")) && !headers.has("cache-control"))
      headers.set("cache-control", "no-store");
  };
}
