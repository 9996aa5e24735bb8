// Headers on every answer (API, HTML pages, built files), safe defaults (loopback, the dev
// mailbox only for the person at this computer, never in production), scanner-proof sign-in
// links through the real Node server, and JSON 404s under /api (docs/decisions/017).
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { networkInterfaces, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedOrganiser } from "../../db/seed.ts";
import { createApp } from "../../server/app.ts";
import { createUser, issueSignInToken, signInUrl } from "../../server/domain/staff.ts";
import { startServer, type RunningServer } from "../../server/entry.node.ts";
import { loadEnv } from "../../server/env.ts";
import { DevMailbox } from "../../server/mail/dev-mailbox.ts";
import type { Mailer } from "../../server/mail/mailer.ts";
import {
  api,
  createTestContext,
  MAIL_FROM,
  person,
  PUBLIC_URL,
  staffApi,
  staffToken,
  type TestContext,
} from "../helpers/test-db.ts";

const WEB = resolve(import.meta.dirname, "../../dist/web");
const quietMailer: Mailer = { send: async () => {} };

/** The headers every answer must have, page or data. */
function expectCommonHeaders(h: Headers, what: string) {
  const csp = h.get("content-security-policy") ?? "";
  expect(csp, `CSP på ${what}`).toContain("frame-ancestors 'none'");
  expect(csp, `CSP på ${what}`).not.toContain("unsafe-inline");
  expect(csp, `CSP på ${what}`).not.toContain("unsafe-eval");
  expect(h.get("x-content-type-options"), `nosniff på ${what}`).toBe("nosniff");
  expect(h.get("referrer-policy"), `referrer-policy på ${what}`).toBe("no-referrer");
  expect(h.get("x-frame-options"), what).toBe("DENY");
}

/** GET over real HTTP with a Host of our choosing (fetch cannot set Host). */
function rawGet(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((ok, fail) => {
    const req = httpRequest(url, { headers }, (res) => {
      let body = "";
      res.on("data", (d) => (body += d));
      res.on("end", () => ok({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on("error", fail);
    req.end();
  });
}

const tempDirs: string[] = [];
async function server(
  vars: Record<string, string>,
  opts: { mailer?: Mailer } = { mailer: quietMailer },
): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), "kurser-headers-"));
  tempDirs.push(dir);
  return startServer(
    loadEnv({
      PORT: "0",
      DATABASE_URL: `file:${join(dir, "app.db")}`,
      SEED_DEMO: "false",
      RATE_LIMITS: "off",
      ...vars,
    }),
    { quiet: true, ...opts },
  );
}

let t: TestContext;
let plain: RunningServer;
let secure: RunningServer;
beforeAll(async () => {
  if (!existsSync(join(WEB, "index.html")))
    throw new Error("dist/web finns inte: kör `npm run build` först (`npm test` gör det).");
  t = await createTestContext();
  plain = await server({ HOST: "127.0.0.1" });
  secure = await server({ HOST: "127.0.0.1", PUBLIC_URL: "https://kurser.example.se" });
});
afterAll(async () => {
  await t?.close();
  await plain?.close();
  await secure?.close();
  for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
});

describe("API answers", () => {
  it("carry a CSP that loads nothing, nosniff, a referrer policy, and no HSTS over http", async () => {
    const id = await t.occasion({ capacity: 5 });
    for (const path of ["/api/occasions", `/api/occasions/${id}`, "/api/parties", "/api/nope", "/api/calendar.ics"]) {
      const res = await t.app.request(path);
      expectCommonHeaders(res.headers, path);
      expect(res.headers.get("content-security-policy")).toMatch(/^default-src 'none'/);
      expect(res.headers.get("strict-transport-security"), path).toBeNull();
    }
  });

  it("send HSTS when PUBLIC_URL is https", async () => {
    const app = createApp({
      db: t.handle.db,
      clock: () => t.now.value,
      publicUrl: "https://kurser.example.se",
      mailFrom: MAIL_FROM,
    });
    expect((await app.request("/api/occasions")).headers.get("strict-transport-security")).toMatch(/^max-age=31536000/);
  });

  it("with personal data are never stored (no-store); the public calendar feed may be cached", async () => {
    const id = await t.occasion({ capacity: 5 });
    const registered = await api(t.app, "POST", `/api/occasions/${id}/registrations`, person());
    expect(registered.headers.get("cache-control")).toBe("no-store");
    const token = registered.json.registration.manageToken as string;
    const office = (await staffToken(t, "office")).token;
    const leader = (await staffToken(t, "leader")).token;
    const personal = [
      await api(t.app, "GET", `/api/registrations/${token}`),
      await api(t.app, "GET", `/api/registrations/${token}/certificate`),
      await staffApi(t, office, "GET", "/api/office/occasions"),
      await staffApi(t, office, "GET", `/api/office/occasions/${id}`),
      await staffApi(t, leader, "GET", "/api/leader/occasions"),
      await staffApi(t, office, "GET", "/api/auth/me"),
      await api(t.app, "GET", "/api/auth/me"),
    ];
    for (const res of personal) expect(res.headers.get("cache-control")).toBe("no-store");
    expect((await t.app.request("/api/calendar.ics")).headers.get("cache-control")).toBe("public, max-age=300");
  });

  it("answer unknown /api paths with a JSON 404, in the app and through the Node server", async () => {
    const office = (await staffToken(t, "office")).token;
    const leader = (await staffToken(t, "leader")).token;
    const asked: [string, Response][] = [
      ["app /api/nope", await t.app.request("/api/nope")],
      ["app POST /api/nope", await t.app.request("/api/nope", { method: "POST" })],
      [
        "app /api/office/nope",
        await t.app.request("/api/office/nope", { headers: { authorization: `Bearer ${office}` } }),
      ],
      [
        "app /api/leader/nope",
        await t.app.request("/api/leader/nope", { headers: { authorization: `Bearer ${leader}` } }),
      ],
      ["server /api/nope", await fetch(`${plain.url}/api/nope`)],
      ["server /api/nope/deeper", await fetch(`${plain.url}/api/nope/deeper`)],
      ["server POST /api/nope", await fetch(`${plain.url}/api/nope`, { method: "POST" })],
      ["server /dev/nope", await fetch(`${plain.url}/dev/nope`)],
    ];
    for (const [what, res] of asked) {
      expect(res.status, what).toBe(404);
      expect(res.headers.get("content-type"), what).toMatch(/^application\/json/);
      expect(((await res.json()) as { error: { code: string } }).error.code, what).toBe("not_found");
      expectCommonHeaders(res.headers, what);
    }
    // Anonymous under /api/office: the guard answers first (JSON), so nobody learns which paths exist.
    const anonymous = await fetch(`${plain.url}/api/office/nope`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("content-type")).toMatch(/^application\/json/);
  });
});

describe("HTML pages and built files through the Node server", () => {
  const PAGES = [
    "/",
    "/tillfallen/1",
    "/anmalan/abc123",
    "/logga-in",
    "/logga-in/lank?token=x.1",
    "/kansliet",
    "/kursledare/tillfallen/1/dagar/1/qr",
  ];

  it("carry the pages' CSP (scripts and styles from our origin only), frame-ancestors 'none', nosniff, a referrer policy and no-store", async () => {
    for (const path of PAGES) {
      const res = await fetch(`${plain.url}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get("content-type"), path).toMatch(/^text\/html/);
      expectCommonHeaders(res.headers, path);
      const csp = res.headers.get("content-security-policy")!;
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(res.headers.get("cache-control"), path).toBe("no-store");
      expect(res.headers.get("strict-transport-security"), path).toBeNull();
    }
  });

  it("send HSTS on pages and API when PUBLIC_URL is https", async () => {
    for (const path of ["/", "/kansliet", "/api/occasions"]) {
      expect((await fetch(`${secure.url}${path}`)).headers.get("strict-transport-security"), path).toBe(
        "max-age=31536000; includeSubDomains",
      );
    }
  });

  it("keep the year-long cache on hashed /assets/*, and a missing one is a 404, not the app's page", async () => {
    const file = readdirSync(join(WEB, "assets")).find((f) => f.endsWith(".js"))!;
    const res = await fetch(`${plain.url}/assets/${file}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    const missing = await fetch(`${plain.url}/assets/finns-inte-123.js`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get("content-type")).not.toMatch(/html/);
  });

  it("need no inline script or style: the built index.html has none for the CSP to refuse", () => {
    const html = readFileSync(join(WEB, "index.html"), "utf8");
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
    expect(html).not.toMatch(/\sstyle=/i);
    expect(html).not.toMatch(/<style/i);
    expect(html).not.toMatch(/\son[a-z]+=/i);
  });
});

describe("sign-in links through the Node server", () => {
  it("survive a scanner: fetching the link (and the old form of it) signs nobody in and uses nothing up; the button's POST does, once", async () => {
    const { id: organiserId } = await seedOrganiser(plain.handle.db, new Date());
    const user = await createUser(plain.handle.db, new Date(), {
      organiserId,
      email: "skanner@halland.example.se",
      name: "Sara Skanner",
      role: "office",
    });
    const link = signInUrl(plain.url, await issueSignInToken(plain.handle.db, new Date(), user.id));
    const token = new URL(link).searchParams.get("token")!;
    // What a scanner does: fetch, follow redirects, also the old /api/auth/callback form.
    for (const url of [link, `${plain.url}/api/auth/callback?token=${token}`]) {
      const res = await fetch(url);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^text\/html/);
      expect(res.headers.get("set-cookie")).toBeNull();
      expect(new URL(res.url).pathname).toBe("/logga-in/lank");
    }
    const press = () =>
      fetch(`${plain.url}/api/auth/sign-in`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: plain.url },
        body: JSON.stringify({ token }),
      });
    const first = await press();
    expect(first.status).toBe(200);
    expect(first.headers.get("set-cookie")).toMatch(/^kurser_session=/);
    expect(first.headers.get("cache-control")).toBe("no-store");
    const second = await press();
    expect(second.status).toBe(401);
    expect(((await second.json()) as { error: { message: string } }).error.message).toBe(
      "Inloggningslänken är ogiltig, redan använd eller för gammal. Be om en ny.",
    );
  });
});

describe("safe defaults", () => {
  const external = Object.values(networkInterfaces())
    .flat()
    .find((i) => i && i.family === "IPv4" && !i.internal)?.address;

  it("listens on loopback unless HOST says otherwise", () => {
    expect(loadEnv({}).HOST).toBe("127.0.0.1");
  });

  it.skipIf(!external)("is not reachable from another machine with the default HOST", async () => {
    const running = await server({});
    try {
      await expect(fetch(`http://${external}:${running.port}/dev/mail.json`)).rejects.toThrow();
    } finally {
      await running.close();
    }
  });

  it("shows the dev mailbox only to this computer: loopback address, loopback name, nothing forwarded", async () => {
    const running = await server({ HOST: "0.0.0.0" }, {});
    try {
      expect(running.devMailbox).toBeDefined();
      const port = running.port;
      for (const url of [
        `http://127.0.0.1:${port}/dev/mail.json`,
        `http://localhost:${port}/dev/mail.json`,
        `http://127.0.0.1:${port}/dev/mail`,
      ]) {
        const res = await fetch(url);
        expect(res.status, url).toBe(200);
        expect(res.headers.get("cache-control")).toBe("no-store");
        expect(res.headers.get("x-content-type-options")).toBe("nosniff");
        // The mailbox's pages keep their inline styles, but no script may run and nobody may frame them.
        expect(res.headers.get("content-security-policy")).toMatch(/^default-src 'none';.*frame-ancestors 'none'/);
        expect(res.headers.get("content-security-policy")).not.toContain("script-src");
      }
      // Through a proxy on this machine (the proxy's address is loopback), or by DNS rebinding (a foreign name).
      for (const headers of [
        { "x-forwarded-for": "203.0.113.9" },
        { forwarded: "for=203.0.113.9" },
        { "x-real-ip": "203.0.113.9" },
        { host: `kurser.example.se:${port}` },
      ] as Record<string, string>[]) {
        const res = await rawGet(`http://127.0.0.1:${port}/dev/mail.json`, headers);
        expect(res.status, JSON.stringify(headers)).toBe(403);
        expect(JSON.parse(res.body).error.code).toBe("dev_mailbox_local_only");
        expect(res.body).not.toContain("mails");
      }
      // From another machine: this machine's own network address is not loopback.
      if (external) {
        const res = await rawGet(`http://${external}:${port}/dev/mail.json`, { host: `localhost:${port}` });
        expect(res.status).toBe(403);
      }
    } finally {
      await running.close();
    }
  });

  it("refuses the dev mailbox to any address that is not loopback (the runtime's address, simulated)", async () => {
    const mailbox = new DevMailbox();
    for (const [address, status] of [
      ["203.0.113.7", 403],
      ["192.168.1.10", 403],
      ["::ffff:10.0.0.2", 403],
      [undefined, 403],
      ["127.0.0.1", 200],
      ["::1", 200],
      ["::ffff:127.0.0.1", 200],
    ] as const) {
      const app = createApp({
        db: t.handle.db,
        clock: () => t.now.value,
        publicUrl: PUBLIC_URL,
        mailFrom: MAIL_FROM,
        devMailbox: mailbox,
        clientAddress: () => address,
      });
      expect((await app.request("http://localhost/dev/mail.json")).status, String(address)).toBe(status);
    }
  });

  it("has no dev mailbox in production", async () => {
    expect(() => loadEnv({ NODE_ENV: "production" })).toThrow(/SMTP_URL/);
    const running = await server({ NODE_ENV: "production", SMTP_URL: "smtp://127.0.0.1:1" }, {});
    try {
      expect(running.devMailbox).toBeUndefined();
      const res = await fetch(`${running.url.replace("localhost", "127.0.0.1")}/dev/mail.json`);
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    } finally {
      await running.close();
    }
  });
});
