// The built Worker in workerd with the assets binding configured from wrangler.toml itself
// (through wrangler's own reader), so the routing tested is the deployed one: pages and
// files from the assets with the same headers as on Node, /api answers with theirs, JSON
// 404 for unknown /api paths, the old sign-in callback redirecting without signing in.
import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { Miniflare } from "miniflare";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unstable_getMiniflareWorkerOptions } from "wrangler";

const ROOT = resolve(import.meta.dirname, "../..");
const SCRIPT = join(ROOT, "dist/worker/entry.worker.js");

let mf: Miniflare;
const get = (path: string, init?: RequestInit) =>
  mf.dispatchFetch(`http://kurser.test${path}`, {
    redirect: "manual",
    ...(init as object),
  } as never) as unknown as Promise<Response>;

beforeAll(async () => {
  if (!existsSync(SCRIPT)) throw new Error("dist/worker saknas: kör `npm run build:worker` (npm test gör det)");
  if (!existsSync(join(ROOT, "dist/web/index.html")))
    throw new Error("dist/web saknas: kör `npm run build` (npm test gör det)");
  const { workerOptions } = unstable_getMiniflareWorkerOptions(join(ROOT, "wrangler.toml"));
  mf = new Miniflare({
    modules: true,
    scriptPath: SCRIPT,
    compatibilityDate: workerOptions.compatibilityDate,
    assets: workerOptions.assets,
    d1Databases: { DB: "headers-test" },
    bindings: {
      ENVIRONMENT: "production",
      PUBLIC_URL: "https://kurser.example.se",
      MAIL_API_URL: "http://127.0.0.1:9/send",
      RATE_LIMITS: "off",
    },
  });
}, 60_000);

afterAll(async () => {
  await mf?.dispose();
});

function expectCommonHeaders(h: Headers, what: string) {
  const csp = h.get("content-security-policy") ?? "";
  expect(csp, what).toContain("frame-ancestors 'none'");
  expect(csp, what).not.toContain("unsafe-inline");
  expect(h.get("x-content-type-options"), what).toBe("nosniff");
  expect(h.get("referrer-policy"), what).toBe("no-referrer");
  // PUBLIC_URL is https here.
  expect(h.get("strict-transport-security"), what).toBe("max-age=31536000; includeSubDomains");
}

describe("headers on the Worker", () => {
  it("serves every page path the app's index.html with the pages' CSP and no-store", async () => {
    for (const path of ["/", "/kansliet", "/anmalan/abc123", "/logga-in/lank?token=x.1", "/kursledare/tillfallen/1"]) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get("content-type"), path).toMatch(/^text\/html/);
      expect(await res.text()).toContain('<div id="app">');
      expectCommonHeaders(res.headers, path);
      expect(res.headers.get("content-security-policy"), path).toContain("script-src 'self'");
      expect(res.headers.get("cache-control"), path).toBe("no-store");
    }
  });

  it("keeps the year-long cache on hashed /assets/*", async () => {
    const file = readdirSync(join(ROOT, "dist/web/assets")).find((f) => f.endsWith(".js"))!;
    const res = await get(`/assets/${file}`);
    expect(res.status).toBe(200);
    await res.arrayBuffer();
    expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("answers /api with its headers, no-store, and a JSON 404 for unknown paths", async () => {
    for (const path of ["/api/nope", "/api/office/nope", "/api/auth/me", "/dev/mail.json"]) {
      const res = await get(path);
      expect(res.headers.get("content-type"), path).toMatch(/^application\/json/);
      expect(res.status, path).toBe(path === "/api/nope" || path === "/dev/mail.json" ? 404 : 401);
      await res.arrayBuffer();
      expectCommonHeaders(res.headers, path);
      expect(res.headers.get("content-security-policy")).toMatch(/^default-src 'none'/);
      expect(res.headers.get("cache-control"), path).toBe("no-store");
    }
  });

  it("sends an old sign-in link on to the sign-in page without signing in", async () => {
    const res = await get("/api/auth/callback?token=abc.1");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/logga-in/lank?token=abc.1");
    expect(res.headers.get("set-cookie")).toBeNull();
  });
});
