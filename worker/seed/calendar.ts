// Dates of the demo seed: Geneva wall-clock times on working days around the seeding day.
import { instantToZonedLocal, zonedToInstant } from "../lib/zonedTime.ts";

export const GENEVA = "Europe/Zurich";
export const DAY = 86_400_000;
export const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The instant of a Geneva wall-clock time on the working day `days` from `from`
 * (a weekend moves to the Monday after, or with `earlier` to the Friday before).
 */
export function genevaWorkday(from: number, days: number, time: string, earlier = false): number {
  let d = days;
  for (;;) {
    const date = instantToZonedLocal(from + d * DAY, GENEVA).slice(0, 10);
    const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6) return zonedToInstant(`${date}T${time}`, GENEVA)!.ms;
    d += earlier ? -1 : 1;
  }
}
