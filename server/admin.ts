// `npm run admin -- <command>`: bootstrap and look after a Node installation.
//   create-user --email a@b.se --role office|leader [--name "Anna Lind"] [--organiser halland]
//       creates (or updates) the account and prints a one-time sign-in link
//   create-token --email a@b.se [--label "integration"] [--organiser halland]
//       prints a new API token for `Authorization: Bearer …`
//   sign-in-link --email a@b.se [--organiser halland]
import { parseArgs } from "node:util";
import { migrateLibsql, openLibsql } from "../db/libsql.ts";
import { findOrganiser } from "./domain/parties.ts";
import {
  createApiToken,
  createUser,
  findUserByEmail,
  issueSignInToken,
  ROLES,
  signInUrl,
  type Role,
} from "./domain/staff.ts";
import { loadEnv } from "./env.ts";
import { emailAddress } from "./routes/validate.ts";

const USAGE = `Användning:
  npm run admin -- create-user --email a@b.se --role office|leader [--name "Namn"] [--organiser slug]
  npm run admin -- create-token --email a@b.se [--label text] [--organiser slug]
  npm run admin -- sign-in-link --email a@b.se [--organiser slug]`;

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    email: { type: "string" },
    role: { type: "string" },
    name: { type: "string" },
    organiser: { type: "string" },
    label: { type: "string" },
  },
});
const command = positionals[0];
if (!command) fail("Ange ett kommando.");
// The same check as every form's (routes/validate.ts): a staff address must take sign-in links.
const checkedEmail = emailAddress.safeParse(values.email ?? "");
if (!values.email || !checkedEmail.success)
  fail(`Ange --email med en giltig adress. ${checkedEmail.error?.issues[0]?.message ?? ""}`.trim());

const env = loadEnv({ ...process.env, SEED_DEMO: "false" });
const handle = await openLibsql(env.DATABASE_URL, env.DATABASE_AUTH_TOKEN);
await migrateLibsql(handle);
const now = new Date();
const organiser = await findOrganiser(handle.db, values.organiser);
if (!organiser)
  fail(
    values.organiser
      ? `Arrangören ${values.organiser} finns inte.`
      : "Det finns ingen arrangör i databasen än (kör npm start en gång med SEED_DEMO på, eller lägg in en).",
  );

switch (command) {
  case "create-user": {
    if (!ROLES.includes(values.role as Role)) fail("Ange --role office eller --role leader.");
    const user = await createUser(handle.db, now, {
      organiserId: organiser.id,
      email: values.email,
      name: values.name ?? values.email.split("@")[0]!,
      role: values.role as Role,
    });
    console.log(`Kontot ${user.email} (${user.role}) hos ${organiser.name} är klart.`);
    console.log(
      `Inloggningslänk (en gång, 20 minuter): ${signInUrl(env.PUBLIC_URL, await issueSignInToken(handle.db, now, user.id))}`,
    );
    break;
  }
  case "sign-in-link":
  case "create-token": {
    const user = await findUserByEmail(handle.db, values.email, organiser.id);
    if (!user) fail(`Det finns inget konto för ${values.email} hos ${organiser.name}. Skapa det med create-user.`);
    if (command === "sign-in-link") {
      console.log(signInUrl(env.PUBLIC_URL, await issueSignInToken(handle.db, now, user.id)));
    } else {
      const token = await createApiToken(handle.db, now, user.id, values.label ?? "skript");
      console.log(
        `API-token för ${user.email} (${user.role}). Visas bara nu; använd som "Authorization: Bearer <token>":`,
      );
      console.log(token);
    }
    break;
  }
  default:
    fail(`Okänt kommando: ${command}`);
}
handle.client.close();
