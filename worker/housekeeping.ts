import type { Bindings } from "./env";
import { RATE_WINDOW_MS } from "./auth/rate-limit";

/** Hourly: drop expired sessions, spent tokens and stale rate-limit windows. */
export async function housekeeping(env: Bindings, now = Date.now()) {
  const iso = new Date(now).toISOString();
  const windowStart = new Date(now - RATE_WINDOW_MS).toISOString();
  const monthAgo = new Date(now - 30 * 86_400_000).toISOString();
  await env.DB.batch([
    env.DB.prepare("DELETE FROM sessions WHERE expires_at <= ?1").bind(iso),
    env.DB.prepare("DELETE FROM rate_limits WHERE window_start <= ?1").bind(windowStart),
    env.DB.prepare("DELETE FROM password_resets WHERE expires_at <= ?1").bind(monthAgo),
  ]);
}
