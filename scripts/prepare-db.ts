// Applies migrations to the local D1 and seeds the demo data once.
// Usage: node scripts/prepare-db.ts [--persist-to DIR] [--scale N]
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { hashPassword } from "../worker/auth/crypto.ts";
import { buildDemo, DEMO_PASSWORD, seedStatements } from "../worker/seed/demo.ts";

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const persistTo = opt("--persist-to");
const scale = Number(opt("--scale") ?? 0);
const where = ["--local", ...(persistTo ? ["--persist-to", persistTo] : [])];

const wrangler = (...rest: string[]) =>
  execFileSync("wrangler", ["d1", ...rest, ...where], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, CI: "true" } });

wrangler("migrations", "apply", "DB");

const out = wrangler("execute", "DB", "--json", "--command", "SELECT count(*) AS n FROM users");
const count = JSON.parse(out)[0].results[0].n as number;
if (count > 0) {
  console.log(`Database already holds ${count} people; not seeding again.`);
} else {
  const seed = await buildDemo(() => hashPassword(DEMO_PASSWORD), scale);
  const dir = join(persistTo ?? ".wrangler", "seed");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, "demo.sql");
  writeFileSync(file, seedStatements(seed).join("\n") + "\n");
  wrangler("execute", "DB", "--file", file);
  console.log(`Seeded ${seed.seats.length} seats, ${seed.users.length} people and ${seed.meetings.length} meetings. Demo password: ${DEMO_PASSWORD}`);
}
