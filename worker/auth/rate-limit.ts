// Fixed-window attempt counters in D1 for sign-in and reset requests.
//
// Each attempt is counted before it is checked, by one UPSERT ... RETURNING per key in a
// single batch, and the caller decides from the counts it got back: parallel attempts each
// see their own number, so no more than the limit are ever checked (a check-then-record
// scheme lets a burst through). Sign-in counts against three keys (OWASP ASVS 2.2):
// - the account from one address: strangers' guesses lock themselves out, not the owner;
// - the account from anywhere: a wider ceiling against guesses spread over many addresses;
//   a password reset lifts it, so the owner always has a way back in;
// - the address, whatever the account: against one client spraying many accounts.
export const RATE_WINDOW_MS = 15 * 60_000;
export const LIMITS = { accountFromAddress: 5, account: 25, address: 20 } as const;

export type LimitKey = { key: string; limit: number };

const accountKey = (email: string) => `login:account:${email.toLowerCase()}`;
const pairPrefix = (email: string) => `login:pair:${email.toLowerCase()}|`;

export function loginKeys(email: string, address: string) {
  return {
    pair: { key: `${pairPrefix(email)}${address}`, limit: LIMITS.accountFromAddress },
    account: { key: accountKey(email), limit: LIMITS.account },
    address: { key: `login:address:${address}`, limit: LIMITS.address },
  } satisfies Record<string, LimitKey>;
}

/**
 * Counts one attempt against every key, atomically, and answers the seconds to wait
 * before trying again, or 0 when the attempt may go ahead.
 */
export async function countAttempt(d1: D1Database, keys: LimitKey[], now = Date.now()): Promise<number> {
  const nowIso = new Date(now).toISOString();
  const since = new Date(now - RATE_WINDOW_MS).toISOString();
  // SET expressions read the row as it was, so both CASEs see the old window.
  const stmt = d1.prepare(`
    INSERT INTO rate_limits (key, window_start, count) VALUES (?1, ?2, 1)
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN window_start <= ?3 THEN 1 ELSE count + 1 END,
      window_start = CASE WHEN window_start <= ?3 THEN ?2 ELSE window_start END
    RETURNING count, window_start`);
  const results = await d1.batch<{ count: number; window_start: string }>(keys.map((k) => stmt.bind(k.key, nowIso, since)));
  let wait = 0;
  results.forEach((r, i) => {
    const row = r.results[0];
    if (row && row.count > keys[i]!.limit) {
      wait = Math.max(wait, Math.ceil((Date.parse(row.window_start) + RATE_WINDOW_MS - now) / 1000), 1);
    }
  });
  return wait;
}

/**
 * After a successful sign-in: the account's counters start again, and the address gets
 * its attempt back, so an office where many delegates sign in is never blocked by success.
 */
export function clearAfterSignIn(d1: D1Database, keys: ReturnType<typeof loginKeys>) {
  return d1.batch([
    d1.prepare("DELETE FROM rate_limits WHERE key IN (?1, ?2)").bind(keys.pair.key, keys.account.key),
    d1.prepare("UPDATE rate_limits SET count = count - 1 WHERE key = ?1 AND count > 0").bind(keys.address.key),
  ]);
}

/** A password reset proves the owner: lift every sign-in lock on the account, from any address. */
export function unlockAccount(d1: D1Database, email: string) {
  const prefix = pairPrefix(email);
  return d1
    .prepare("DELETE FROM rate_limits WHERE key = ?1 OR substr(key, 1, length(?2)) = ?2")
    .bind(accountKey(email), prefix)
    .run();
}
