// Staff sign-in by one-time link, sessions in an HttpOnly cookie, CSRF on changes, API tokens.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../../server/domain/staff.ts";
import { api, createTestContext, staffApi, staffToken, type TestContext } from "../helpers/test-db.ts";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
  await createUser(t.handle.db, t.now.value, { organiserId: t.organiserId, email: "Anna.Kansli@halland.example.se", name: "Anna Kansli", role: "office" });
});
afterAll(() => t.close());

async function signInLinkFor(email: string) {
  t.sent.length = 0;
  const res = await api(t.app, "POST", "/api/auth/link", { email });
  expect(res.status).toBe(202);
  await t.drain();
  const mail = t.sent.find((m) => m.to.toLowerCase() === email.toLowerCase());
  return mail?.text.match(/http:\/\/kurser\.test(\/api\/auth\/callback\?token=[\w%-]+)/)?.[1] ?? null;
}

describe("sign-in by link", () => {
  it("mails a one-time link that gives an HttpOnly SameSite session cookie", async () => {
    const path = await signInLinkFor("anna.kansli@halland.example.se");
    expect(path).toBeTruthy();
    expect(t.sent[0]!.subject).toBe("Din inloggningslänk");
    const res = await t.app.request(path!);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/kansliet");
    const cookie = res.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^kurser_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const session = cookie.split(";")[0]!;
    const me = await t.app.request("/api/auth/me", { headers: { cookie: session } });
    const body = await me.json();
    expect(body.user).toMatchObject({ name: "Anna Kansli", role: "office", organiserSlug: "halland" });
    expect(body.csrfToken).toBeTypeOf("string");
    // The link works once.
    const again = await t.app.request(path!);
    expect(again.headers.get("location")).toBe("/logga-in?fel=lanken");
    expect(again.headers.get("set-cookie")).toBeNull();
  });

  it("answers the same for an unknown address and sends nothing", async () => {
    const res = await api(t.app, "POST", "/api/auth/link", { email: "okand@example.se" });
    expect(res.status).toBe(202);
    t.sent.length = 0;
    await t.drain();
    expect(t.sent).toEqual([]);
  });

  it("refuses an expired link", async () => {
    const path = await signInLinkFor("anna.kansli@halland.example.se");
    const saved = t.now.value;
    t.now.value = new Date(saved.getTime() + 21 * 60_000);
    try {
      const res = await t.app.request(path!);
      expect(res.headers.get("location")).toBe("/logga-in?fel=lanken");
    } finally {
      t.now.value = saved;
    }
  });

  it("requires the CSRF token for changes made with the cookie, and signs out", async () => {
    const path = await signInLinkFor("anna.kansli@halland.example.se");
    const session = (await t.app.request(path!)).headers.get("set-cookie")!.split(";")[0]!;
    const { csrfToken } = await (await t.app.request("/api/auth/me", { headers: { cookie: session } })).json();
    const without = await t.app.request("/api/auth/sign-out", { method: "POST", headers: { cookie: session } });
    expect(without.status).toBe(403);
    expect((await without.json()).error.code).toBe("csrf_failed");
    const wrong = await t.app.request("/api/auth/sign-out", { method: "POST", headers: { cookie: session, "x-csrf-token": "fel" } });
    expect(wrong.status).toBe(403);
    const out = await t.app.request("/api/auth/sign-out", { method: "POST", headers: { cookie: session, "x-csrf-token": csrfToken } });
    expect(out.status).toBe(204);
    expect((await t.app.request("/api/auth/me", { headers: { cookie: session } })).status).toBe(401);
  });

  it("accepts API tokens without CSRF, and never a made-up one", async () => {
    const { token } = await staffToken(t, "office");
    const me = await staffApi(t, token, "GET", "/api/auth/me");
    expect(me.json.user.role).toBe("office");
    expect(me.json.csrfToken).toBeNull();
    expect((await staffApi(t, `${token}x`, "GET", "/api/auth/me")).status).toBe(401);
  });
});
