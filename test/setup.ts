// Runs before each test file (each file has its own D1 storage): migrate with
// the real SQL files, then load the demo membership.
import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { hashPassword } from "../worker/auth/crypto";
import { buildDemo, DEMO_PASSWORD, seedStatements } from "../worker/seed/demo";

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
const existing = await env.DB.prepare("SELECT count(*) AS n FROM users").first<{ n: number }>();
if (!existing?.n) {
  // One real hash shared by the demo accounts keeps setup fast; the salt-per-user
  // path is covered by the sign-in and invitation tests.
  const hash = await hashPassword(DEMO_PASSWORD);
  const seed = await buildDemo(async () => hash);
  await env.DB.batch(seedStatements(seed).map((s) => env.DB.prepare(s)));
}
