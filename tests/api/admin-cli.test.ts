// `npm run admin`: the commands that bootstrap a fresh install print what actually works.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { migrateLibsql, openLibsql, type LibsqlHandle } from "../../db/libsql.ts";
import { seedOrganiser } from "../../db/seed.ts";
import { createApp } from "../../server/app.ts";

const ROOT = resolve(import.meta.dirname, "../..");
let dir: string;
let handle: LibsqlHandle;
let url: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "kurser-admin-"));
  url = `file:${join(dir, "admin.db")}`;
  handle = await openLibsql(url);
  await migrateLibsql(handle);
  await seedOrganiser(handle.db, new Date());
});
afterAll(() => {
  handle.client.close();
  rmSync(dir, { recursive: true, force: true });
});

const admin = (...args: string[]) =>
  execFileSync(process.execPath, ["--import", "tsx", join(ROOT, "server/admin.ts"), ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url, PUBLIC_URL: "http://kurser.test" },
    encoding: "utf8",
  });

it("create-user prints a sign-in link that signs in; create-token prints a working API token", async () => {
  const app = createApp({
    db: handle.db,
    clock: () => new Date(),
    publicUrl: "http://kurser.test",
    mailFrom: "k <k@example.se>",
  });
  const out = admin(
    "create-user",
    "--email",
    "Lena.Kansli@halland.example.se",
    "--role",
    "office",
    "--name",
    "Lena Kansli",
  );
  // The link opens the sign-in page; its button posts the token.
  const linkToken = out.match(/http:\/\/kurser\.test\/logga-in\/lank\?token=(\S+)/)![1]!;
  const res = await app.request("/api/auth/sign-in", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ token: linkToken }),
  });
  expect(res.status).toBe(200);
  expect(res.headers.get("set-cookie")).toMatch(/kurser_session=/);

  const tokenOut = admin("create-token", "--email", "lena.kansli@halland.example.se", "--label", "statistik");
  const token = tokenOut.trim().split("\n").pop()!;
  const me = await app.request("/api/auth/me", { headers: { authorization: `Bearer ${token}` } });
  expect(((await me.json()) as { user: { name: string; role: string } }).user).toMatchObject({
    name: "Lena Kansli",
    role: "office",
  });

  expect(() => admin("create-user", "--email", "x@example.se", "--role", "chef")).toThrow(
    /--role office eller --role leader/,
  );
});
