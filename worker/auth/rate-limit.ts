// Fixed-window counters in D1 for sign-in and reset attempts. Failures count
// against both the account and the client address; either limit blocks.
export const RATE_WINDOW_MS = 15 * 60_000;
export const LIMITS = { account: 5, address: 20 } as const;

export type LimitKey = { key: string; limit: number };

export function loginKeys(email: string, address: string): LimitKey[] {
  return [
    { key: `login:account:${email.toLowerCase()}`, limit: LIMITS.account },
    { key: `login:address:${address}`, limit: LIMITS.address },
  ];
}

/** Seconds until the caller may try again, or 0 when no limit is reached. */
export async function retryAfter(d1: D1Database, keys: LimitKey[], now = Date.now()): Promise<number> {
  const since = new Date(now - RATE_WINDOW_MS).toISOString();
  const placeholders = keys.map((_, i) => `?${i + 2}`).join(",");
  const { results } = await d1
    .prepare(`SELECT key, count, window_start FROM rate_limits WHERE window_start > ?1 AND key IN (${placeholders})`)
    .bind(since, ...keys.map((k) => k.key))
    .all<{ key: string; count: number; window_start: string }>();
  let wait = 0;
  for (const row of results) {
    const limit = keys.find((k) => k.key === row.key)!.limit;
    if (row.count >= limit) {
      const until = Date.parse(row.window_start) + RATE_WINDOW_MS;
      wait = Math.max(wait, Math.ceil((until - now) / 1000));
    }
  }
  return wait;
}

export function recordFailure(d1: D1Database, keys: LimitKey[], now = Date.now()) {
  const nowIso = new Date(now).toISOString();
  const since = new Date(now - RATE_WINDOW_MS).toISOString();
  const stmt = d1.prepare(`
    INSERT INTO rate_limits (key, window_start, count) VALUES (?1, ?2, 1)
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN window_start <= ?3 THEN 1 ELSE count + 1 END,
      window_start = CASE WHEN window_start <= ?3 THEN ?2 ELSE window_start END`);
  return d1.batch(keys.map((k) => stmt.bind(k.key, nowIso, since)));
}

export function clearKey(d1: D1Database, key: string) {
  return d1.prepare("DELETE FROM rate_limits WHERE key = ?1").bind(key).run();
}
