// Whose night is it? For a slot, the local time in one representative zone per
// UN regional group, flagged when any part falls outside 07:00–22:00 there.
// Pure, so the schedule form and the fairness view count the same way.
import type { RegionalGroup } from "../db/enums";
import { instantToZonedLocal } from "../lib/zonedTime";

/** One zone per regional group, near where most of its members sit (Western Europe for WEOG). */
export const REGION_ZONES: Record<RegionalGroup, string> = {
  african: "Africa/Nairobi",
  asia_pacific: "Asia/Bangkok",
  eastern_european: "Europe/Bucharest",
  grulac: "America/Bogota",
  weog: "Europe/Brussels",
};
export const CIVIL_HOURS = { from: 7, to: 22 } as const;

const STEP = 15 * 60_000;
const hourIn = (ms: number, zone: string) => Number(instantToZonedLocal(ms, zone).slice(11, 13));

/** True when some quarter-hour of [start, end) is before 07:00 or from 22:00 on in `zone`. */
export function outsideCivilHours(startsAt: string, endsAt: string, zone: string): boolean {
  const start = Date.parse(startsAt);
  const end = Math.min(Date.parse(endsAt), start + 24 * 3_600_000);
  for (let t = start; t < end; t += STEP) {
    const h = hourIn(t, zone);
    if (h < CIVIL_HOURS.from || h >= CIVIL_HOURS.to) return true;
  }
  // The last minute counts too: a meeting ending at 22:30 runs past 22:00.
  const last = hourIn(end - 60_000, zone);
  return last < CIVIL_HOURS.from || last >= CIVIL_HOURS.to;
}

export type RegionSlot = { region: RegionalGroup; zone: string; startLocal: string; endLocal: string; outside: boolean };

export function slotByRegion(startsAt: string, endsAt: string): RegionSlot[] {
  return (Object.entries(REGION_ZONES) as [RegionalGroup, string][]).map(([region, zone]) => ({
    region,
    zone,
    startLocal: instantToZonedLocal(startsAt, zone),
    endLocal: instantToZonedLocal(endsAt, zone),
    outside: outsideCivilHours(startsAt, endsAt, zone),
  }));
}

export type RegionTally = { region: RegionalGroup; zone: string; meetings: number; outside: number };

/** How often each region got hours outside 07:00–22:00, over a list of meetings. */
export function tallyFairness(slots: { startsAt: string; endsAt: string }[]): RegionTally[] {
  return (Object.entries(REGION_ZONES) as [RegionalGroup, string][]).map(([region, zone]) => ({
    region,
    zone,
    meetings: slots.length,
    outside: slots.filter((s) => outsideCivilHours(s.startsAt, s.endsAt, zone)).length,
  }));
}
