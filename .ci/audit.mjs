// `npm run audit:prod` (part of `npm run check`): `npm audit --omit=dev`, failing on any high
// or critical advisory in what the server ships (dev tools never reach production).
// An audit that could not be done is not a clean audit: when the advisory service does not
// answer, this says so and fails, unless AUDIT_UNREACHABLE=warn, which .ci/run sets because
// CI's machine reaches the registry for downloads only (the advisory service answers 405
// there); then the line "NOT AUDITED" stands in the log instead of a result.
import { spawnSync } from "node:child_process";

const run = spawnSync("npm", ["audit", "--omit=dev", "--audit-level=high", "--json"], { encoding: "utf8" });
let report = null;
try {
  report = JSON.parse(run.stdout);
} catch {
  report = null;
}

if (!report || report.error || !report.metadata) {
  const why = report?.message || run.stderr.trim().split("\n").pop() || `npm audit exited with ${run.status}`;
  console.error(`npm audit: NOT AUDITED: the advisory service could not be reached (${why}).`);
  if (process.env.AUDIT_UNREACHABLE === "warn") {
    console.error("AUDIT_UNREACHABLE=warn: going on without an audit.");
    process.exit(0);
  }
  console.error(
    "Run `npm run check` where the registry's audit endpoint answers, or set AUDIT_UNREACHABLE=warn to go on without it.",
  );
  process.exit(1);
}

const counts = report.metadata.vulnerabilities;
console.log(
  `npm audit --omit=dev: ${counts.critical} critical, ${counts.high} high, ${counts.moderate} moderate, ${counts.low} low ` +
    `(${report.metadata.dependencies?.prod ?? "?"} production dependencies)`,
);
const serious = Object.values(report.vulnerabilities ?? {}).filter(
  (v) => v.severity === "high" || v.severity === "critical",
);
for (const v of serious) {
  const titles = v.via.filter((x) => typeof x === "object").map((x) => `${x.title} (${x.url})`);
  console.error(
    `  ${v.severity}: ${v.name} ${v.range}${titles.length ? `: ${titles.join("; ")}` : ` via ${v.via.join(", ")}`}`,
  );
}
if (serious.length > 0) {
  console.error(
    "High or critical advisories in production dependencies: update them (`npm audit fix --omit=dev` stays within semver).",
  );
  process.exit(1);
}
