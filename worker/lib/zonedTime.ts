// Wall-clock times in a named IANA zone ⇄ instants, with Intl only (no library).
// Used by the comment-window forms: a co-facilitator in Geneva types "15 March, 18:00"
// and means Geneva time, whatever zone their laptop is in.

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(zone: string) {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(zone, f);
  }
  return f;
}

/** The wall clock in `zone` at an instant, as numbers. */
function wallClock(ms: number, zone: string) {
  const parts: Record<string, number> = {};
  for (const p of formatter(zone).formatToParts(new Date(ms))) if (p.type !== "literal") parts[p.type] = Number(p.value);
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour! % 24, minute: parts.minute!, second: parts.second! };
}

/** Minutes east of UTC that `zone` is at the instant `ms` (e.g. 60 for Geneva in winter, 120 in summer). */
export function zoneOffsetMinutes(ms: number, zone: string): number {
  const w = wallClock(ms, zone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;
const pad = (n: number, w = 2) => String(Math.abs(n)).padStart(w, "0");

/** "+02:00" for 120 minutes. */
export function offsetString(minutes: number): string {
  return `${minutes < 0 ? "-" : "+"}${pad(Math.floor(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`;
}

/**
 * A wall-clock time ("2026-03-29T02:30", as a datetime-local input gives it) in `zone` →
 * the instant, as an ISO string with that zone's offset ("2026-03-29T03:30:00+02:00").
 * Like Temporal's "compatible" choice: a time skipped by a spring-forward change moves
 * forward by the gap; a time that happens twice (autumn) takes the earlier instant.
 * Returns null for input that is not a date and time.
 */
export function zonedToInstant(local: string, zone: string): { iso: string; ms: number; offset: number } | null {
  const m = LOCAL.exec(local);
  if (!m) return null;
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  const naive = Date.UTC(y, mo - 1, d, h, mi);
  if (Number.isNaN(naive) || new Date(naive).getUTCDate() !== d) return null;
  const before = zoneOffsetMinutes(naive - 86_400_000, zone);
  const after = zoneOffsetMinutes(naive + 86_400_000, zone);
  const candidates = [...new Set([before, after])]
    .map((off) => naive - off * 60_000)
    .filter((t) => naive - zoneOffsetMinutes(t, zone) * 60_000 === t)
    .sort((a, b) => a - b);
  const ms = candidates[0] ?? naive - before * 60_000; // in a gap: use the offset before the change
  return { iso: instantToOffsetIso(ms, zone), ms, offset: zoneOffsetMinutes(ms, zone) };
}

/** An instant as ISO 8601 with the offset `zone` has then: "2026-11-27T14:30:00+01:00". */
export function instantToOffsetIso(ms: number, zone: string): string {
  const w = wallClock(ms, zone);
  const off = zoneOffsetMinutes(ms, zone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${offsetString(off)}`;
}

/** An instant → "YYYY-MM-DDTHH:mm" on the wall clock of `zone`, for a datetime-local input. */
export function instantToZonedLocal(iso: string | number, zone: string): string {
  const w = wallClock(typeof iso === "number" ? iso : Date.parse(iso), zone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}

/** The IANA zones this browser knows, for a select (falls back to a short list). */
export function timeZones(): string[] {
  try {
    const list = (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.("timeZone");
    if (list?.length) return list.includes("UTC") ? list : [...list, "UTC"];
  } catch {
    /* older browsers */
  }
  return ["Europe/Zurich", "America/New_York", "Africa/Nairobi", "Asia/Tokyo", "America/Sao_Paulo", "UTC"];
}

/** "Sunday 29 March 2026, 10:00 Europe/Zurich (UTC+02:00)": always date, time and zone, for mail and feeds. */
export function describeInstant(iso: string | number, zone: string): string {
  const ms = typeof iso === "number" ? iso : Date.parse(iso);
  const day = new Intl.DateTimeFormat("en-GB", { timeZone: zone, weekday: "long", day: "numeric", month: "long", year: "numeric" }).format(ms);
  return `${day}, ${instantToZonedLocal(ms, zone).slice(11)} ${zone} (UTC${offsetString(zoneOffsetMinutes(ms, zone))})`;
}
