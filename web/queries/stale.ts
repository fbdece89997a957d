// The one reading of a 409. Every versioned write (a draft, a report section, a translation,
// minutes, a disposition, a position, a meeting) answers 409 when someone saved first, with
// what they saved in `details.current`; other 409s (a standing objection, a meeting's
// conflicts) carry their own details.
import { ApiError } from "../api";

/** The `details` of a 409 answer, or undefined when `err` is anything else. */
export function conflictDetails<D>(err: unknown): D | undefined {
  if (!(err instanceof ApiError) || err.status !== 409) return undefined;
  return (err.body.error.details ?? undefined) as D | undefined;
}

/** Whether `err` is a 409, whatever it carries. */
export const isConflict = (err: unknown) => err instanceof ApiError && err.status === 409;

/** What a colleague saved first, when a stale save was refused; null for any other error. */
export function staleCurrent<T>(err: unknown): T | null {
  return conflictDetails<{ current?: T | null }>(err)?.current ?? null;
}
