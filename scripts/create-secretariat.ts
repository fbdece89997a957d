// Creates the first secretariat account on a fresh deployment, with no
// password: the person then uses "Forgot your password?" on the sign-in page.
// Usage: node scripts/create-secretariat.ts <email> "<name>" [--remote]
import { execFileSync } from "node:child_process";

const [email, name] = process.argv.slice(2).filter((a) => !a.startsWith("--"));
if (!email || !name || !/^[^@\s']+@[^@\s']+\.[^@\s']+$/.test(email) || name.includes("'")) {
  console.error('Usage: node scripts/create-secretariat.ts <email> "<name>" [--remote]');
  process.exit(2);
}
const where = process.argv.includes("--remote") ? "--remote" : "--local";
const now = new Date().toISOString();
const sql = `INSERT INTO users (id, email, name, password_hash, officer_role, created_at, updated_at)
VALUES ('${crypto.randomUUID()}', '${email.toLowerCase()}', '${name}', NULL, 'secretariat', '${now}', '${now}');`;
execFileSync("wrangler", ["d1", "execute", "DB", where, "--command", sql], { stdio: "inherit" });
console.log(`Created ${email}. They set a password through "Forgot your password?" on the sign-in page.`);
