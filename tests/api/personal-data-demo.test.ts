// Retention and erasure on the demo data (issue 11): every figure of the follow-up (goals,
// breakdowns, the Finsam rows, the year report and its export) is the same before and after
// erasing a person and after a retention run that anonymises everyone, and afterwards no
// table holds any of the registrants' addresses, nor the erased person's name.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LibsqlHandle, migrateLibsql, openLibsql } from "../../db/libsql.ts";
import { seedDemo } from "../../db/seed.ts";
import { createApp } from "../../server/app.ts";
import { runRetention } from "../../server/domain/personal-data.ts";
import { createApiToken, createUser } from "../../server/domain/staff.ts";
import { textColumnsHolding } from "../helpers/personal-data.ts";
import { readAnswer } from "../helpers/test-db.ts";

const NOW = new Date("2026-12-02T09:00:00Z");
let dir: string;
let handle: LibsqlHandle;
let app: ReturnType<typeof createApp>;
let token: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "kurser-retention-"));
  handle = await openLibsql(`file:${join(dir, "demo.db")}`);
  await migrateLibsql(handle);
  const { organiserId } = await seedDemo(handle.db, NOW);
  app = createApp({
    db: handle.db,
    clock: () => NOW,
    publicUrl: "http://kurser.test",
    mailFrom: "Kurser <kurser@halland.example.se>",
  });
  const office = await createUser(handle.db, NOW, {
    organiserId,
    email: "gallring@halland.example.se",
    name: "Gallring",
    role: "office",
  });
  token = await createApiToken(handle.db, NOW, office.id, "test");
});
afterAll(() => {
  handle.client.close();
  rmSync(dir, { recursive: true, force: true });
});

async function get(path: string) {
  const res = await readAnswer(await app.request(path, { headers: { authorization: `Bearer ${token}` } }));
  expect(res.status, `${path}: ${res.text.slice(0, 200)}`).toBe(200);
  return res;
}

/** Every follow-up answer of both demo years, as the office and the board see them. */
async function figures() {
  const out: Record<string, unknown> = {};
  for (const year of [2025, 2026]) {
    out[`goals ${year}`] = (await get(`/api/office/goals?year=${year}`)).json;
    out[`finsam ${year}`] = (await get(`/api/office/reports/finsam?year=${year}`)).json;
    out[`year ${year}`] = (await get(`/api/office/reports/year?year=${year}`)).json;
    out[`finsam.csv ${year}`] = (await get(`/api/office/reports/finsam.csv?year=${year}`)).text;
    out[`year.csv ${year}`] = (await get(`/api/office/reports/year.csv?year=${year}`)).text;
  }
  return out;
}

describe("retention on the demo data", () => {
  it("keeps every figure through an erasure and a retention run, and leaves no address behind", async () => {
    const before = await figures();
    const people = await handle.client.execute("SELECT DISTINCT email_key, name FROM registrations");
    const addresses = people.rows.map((r) => String(r.email_key));
    expect(addresses.length).toBeGreaterThan(50);

    // A person whose occasions are all over, erased on request by the office.
    const [chosen] = (
      await handle.client.execute({
        sql: `SELECT r.email_key AS email, max(r.name) AS name FROM registrations r JOIN occasions o ON o.id = r.occasion_id
              GROUP BY r.email_key HAVING max(o.ends_at) < ? AND count(*) >= 2 ORDER BY r.email_key LIMIT 1`,
        args: [NOW.getTime()],
      })
    ).rows;
    expect(chosen).toBeDefined();
    const erase = await readAnswer(
      await app.request("/api/office/people/erase", {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ email: chosen!.email }),
      }),
    );
    expect(erase.status, erase.text).toBe(200);
    expect(await textColumnsHolding(handle, [String(chosen!.email), String(chosen!.name)])).toEqual([]);
    expect(await figures()).toEqual(before);

    // Four years on, everyone's last occasion is past the 36 months: all are anonymised.
    const run = await runRetention(handle.db, new Date(NOW.getTime() + 4 * 366 * 86_400_000));
    expect(run.people).toBeGreaterThan(50);
    expect(await figures()).toEqual(before);
    const left = await handle.client.execute(
      "SELECT count(*) AS n FROM registrations WHERE anonymised_at IS NULL OR dietary IS NOT NULL OR role IS NOT NULL",
    );
    expect(Number(left.rows[0]!.n)).toBe(0);
    // Not one registrant's address anywhere (staff accounts are not registrants).
    const staff = new Set(
      (await handle.client.execute("SELECT email_key FROM users")).rows.map((r) => String(r.email_key)),
    );
    const found = await textColumnsHolding(
      handle,
      addresses.filter((a) => !staff.has(a)),
    );
    expect(found).toEqual([]);
  });
});
