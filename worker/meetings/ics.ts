// RFC 5545 calendar feed for meetings, with no library. Time zones are written as
// explicit VTIMEZONE transitions derived from Intl (no RRULEs), so a client that does
// not know the zone, or has older tz data, still reads the local times as we meant them.
import { zoneOffsetMinutes } from "../lib/zonedTime";

export type IcsEvent = {
  uid: string;
  sequence: number;
  cancelled: boolean;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  title: string;
  description: string;
  location: string | null;
  url: string;
  createdAt: string;
  updatedAt: string;
  categories?: string[];
};

const DEFAULT_PRODID = "-//Plenary//Meetings//EN";
const MINUTE = 60_000;
const DAY = 86_400_000;
// Sampling step for finding transitions: two changes within one step would go unseen.
// The closest pairs in current tzdb rules (Morocco's Ramadan pause) are about a month apart.
const SAMPLE_STEP = 7 * DAY;
const UTC_ZONES = new Set(["UTC", "Etc/UTC", "Etc/UCT", "UCT", "Etc/Universal", "Universal", "Etc/Zulu", "Zulu"]);

export function renderCalendar(opts: { name: string; events: IcsEvent[]; prodId?: string }): string {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    `PRODID:${text(opts.prodId ?? DEFAULT_PRODID)}`,
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${text(opts.name)}`,
  ];

  // Group by zone first so each zone's transitions are computed once per call.
  const byZone = new Map<string, { min: number; max: number }>();
  const known = new Map<string, boolean>();
  const parsed = opts.events.map((e) => {
    const start = instant(e.startsAt, "startsAt");
    const end = instant(e.endsAt, "endsAt");
    if (!known.has(e.timeZone)) known.set(e.timeZone, !UTC_ZONES.has(e.timeZone) && isKnownZone(e.timeZone));
    const zone = known.get(e.timeZone) ? e.timeZone : null;
    if (zone) {
      const r = byZone.get(zone);
      byZone.set(zone, { min: Math.min(r?.min ?? start, start, end), max: Math.max(r?.max ?? end, start, end) });
    }
    return { e, start, end, zone };
  });

  const zones = new Map<string, ZoneTable>();
  for (const [zone, r] of [...byZone].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const table = cachedZoneTable(zone, new Date(r.min).getUTCFullYear(), new Date(r.max).getUTCFullYear());
    zones.set(zone, table);
    lines.push(...vtimezone(zone, table));
  }

  for (const { e, start, end, zone } of parsed) {
    const table = zone ? zones.get(zone)! : null;
    const modified = utcStamp(instant(e.updatedAt, "updatedAt"));
    lines.push(
      "BEGIN:VEVENT",
      `UID:${text(e.uid)}`,
      `DTSTAMP:${modified}`,
      dateTime("DTSTART", start, zone, table),
      dateTime("DTEND", end, zone, table),
      `CREATED:${utcStamp(instant(e.createdAt, "createdAt"))}`,
      `LAST-MODIFIED:${modified}`,
      `SEQUENCE:${Math.max(0, Math.trunc(e.sequence) || 0)}`,
      `STATUS:${e.cancelled ? "CANCELLED" : "CONFIRMED"}`,
      `SUMMARY:${text(e.title)}`,
    );
    if (e.description) lines.push(`DESCRIPTION:${text(e.description)}`);
    if (e.location != null && e.location !== "") lines.push(`LOCATION:${text(e.location)}`);
    lines.push(`URL:${uri(e.url)}`);
    const categories = (e.categories ?? []).filter((c) => c !== "");
    if (categories.length) lines.push(`CATEGORIES:${categories.map(text).join(",")}`);
    lines.push("TRANSP:OPAQUE", "END:VEVENT");
  }

  lines.push("END:VCALENDAR");
  return lines.map(fold).join("\r\n") + "\r\n";
}

// ---- values ----

function instant(iso: string, field: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`ics: ${field} is not a date: ${JSON.stringify(iso)}`);
  return Math.floor(ms / 1000) * 1000;
}

function isKnownZone(zone: string) {
  // Only IANA-style names: Intl also takes offsets like "+01:00", whose colon cannot go in a TZID parameter.
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(zone)) return false;
  try {
    zoneOffsetMinutes(0, zone); // also warms zonedTime's formatter cache
    return true;
  } catch {
    // The UTC instant is what matters; an unknown zone name falls back to the Z form.
    return false;
  }
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);
/** YYYYMMDDTHHMMSS of the UTC fields of `ms` (hot: three or more per event). */
function compact(ms: number) {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}${pad2(d.getUTCMonth() + 1)}${pad2(d.getUTCDate())}T${pad2(d.getUTCHours())}${pad2(d.getUTCMinutes())}${pad2(d.getUTCSeconds())}`;
}
const utcStamp = (ms: number) => `${compact(ms)}Z`;

function offset(minutes: number) {
  const a = Math.abs(minutes);
  return `${minutes < 0 ? "-" : "+"}${String(Math.floor(a / 60)).padStart(2, "0")}${String(a % 60).padStart(2, "0")}`;
}

const TEXT_SPECIAL = /\r\n|[\\;,\n\r\x00-\x08\x0b-\x1f\x7f]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** TEXT per RFC 5545 3.3.11; controls other than tab are not allowed in TEXT, so they go. */
function text(value: string): string {
  return value.replace(TEXT_SPECIAL, (c) => {
    if (c === "\\" || c === ";" || c === ",") return `\\${c}`;
    if (c === "\n" || c === "\r" || c === "\r\n") return "\\n";
    return c.length === 1 && c < "\x80" ? "" : "\uFFFD"; // control, or lone surrogate
  });
}

/** URI values are not TEXT-escaped; they only must be one line of ASCII. */
function uri(value: string): string {
  const clean = value.replace(/[\x00-\x1f\x7f]/g, "").trim();
  try {
    return new URL(clean).href;
  } catch {
    return wellFormed(clean).replace(/[^\x21-\x7e]+/g, encodeURIComponent);
  }
}

function wellFormed(s: string) {
  return s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
}

/** Fold at 75 octets of UTF-8 without splitting a character (RFC 5545 3.1). */
function fold(line: string): string {
  // No UTF-16 unit takes more than 3 bytes, so 25 units always fit.
  if (line.length <= 25 || (line.length <= 75 && !/[^\x00-\x7f]/.test(line))) return line;
  const parts: string[] = [];
  let current = "";
  let bytes = 0;
  let limit = 75;
  for (const ch of line) {
    const cp = ch.codePointAt(0)!;
    const size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    if (bytes + size > limit) {
      parts.push(current);
      current = "";
      bytes = 0;
      limit = 74; // the leading space of a continuation line counts
    }
    current += ch;
    bytes += size;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

// ---- time zones ----

type Transition = { at: number; from: number; to: number };
type ZoneTable = { start: number; initial: number; transitions: Transition[]; minByYear: Map<number, number> };

// Feeds are polled again and again with the same zones and years; the tz data behind
// Intl does not change while an isolate lives, so tables can outlive a call.
const tableCache = new Map<string, ZoneTable>();
function cachedZoneTable(zone: string, firstYear: number, lastYear: number): ZoneTable {
  const key = `${zone}|${firstYear}|${lastYear}`;
  let table = tableCache.get(key);
  if (!table) {
    if (tableCache.size >= 256) tableCache.clear();
    table = zoneTable(zone, firstYear, lastYear);
    tableCache.set(key, table);
  }
  return table;
}

/** Offsets of `zone` from 1 January of the year before `firstYear` to the end of the year after `lastYear`. */
function zoneTable(zone: string, firstYear: number, lastYear: number): ZoneTable {
  const start = Date.UTC(firstYear - 1, 0, 1);
  const end = Date.UTC(lastYear + 2, 0, 1);
  const at = (ms: number) => zoneOffsetMinutes(ms, zone);
  const initial = at(start);
  const transitions: Transition[] = [];
  let lo = start;
  let loOffset = initial;
  while (lo < end) {
    const hi = Math.min(lo + SAMPLE_STEP, end);
    const hiOffset = at(hi);
    // Loop rather than `if`: the step may hide more than one change.
    while (hiOffset !== loOffset) {
      let a = lo;
      let b = hi;
      while (b - a > MINUTE) {
        const mid = a + Math.floor((b - a) / 2 / MINUTE) * MINUTE;
        if (at(mid) === loOffset) a = mid;
        else b = mid;
      }
      const to = at(b);
      transitions.push({ at: b, from: loOffset, to });
      lo = b;
      loOffset = to;
    }
    lo = hi;
  }

  const minByYear = new Map<number, number>();
  let current = initial;
  let i = 0;
  for (let year = firstYear - 1; year <= lastYear + 1; year++) {
    let min = current;
    const next = Date.UTC(year + 1, 0, 1);
    for (; i < transitions.length && transitions[i]!.at < next; i++) {
      current = transitions[i]!.to;
      min = Math.min(min, current);
    }
    minByYear.set(year, min);
  }
  return { start, initial, transitions, minByYear };
}

function vtimezone(zone: string, t: ZoneTable): string[] {
  const lines = ["BEGIN:VTIMEZONE", `TZID:${zone}`];
  const observance = (kind: string, onsetLocal: string, from: number, to: number) =>
    lines.push(`BEGIN:${kind}`, `DTSTART:${onsetLocal}`, `TZOFFSETFROM:${offset(from)}`, `TZOFFSETTO:${offset(to)}`, `END:${kind}`);
  const kind = (to: number, ms: number) => (to > (t.minByYear.get(new Date(ms).getUTCFullYear()) ?? to) ? "DAYLIGHT" : "STANDARD");

  if (!t.transitions.length) {
    observance("STANDARD", "19700101T000000", t.initial, t.initial);
  } else {
    // A first observance from the start of the range: clients such as ical.js treat
    // times before a zone's first onset as UTC.
    observance(kind(t.initial, t.start), compact(t.start + t.initial * MINUTE), t.initial, t.initial);
    // Onsets are written in the local time before the change (RFC 5545 3.6.5).
    for (const tr of t.transitions) observance(kind(tr.to, tr.at), compact(tr.at + tr.from * MINUTE), tr.from, tr.to);
  }
  lines.push("END:VTIMEZONE");
  return lines;
}

/** Offset in force at `ms`, and whether its wall-clock time happens twice (an autumn change). */
function lookup(t: ZoneTable, ms: number): { offset: number; ambiguous: boolean } {
  let lo = 0;
  let hi = t.transitions.length; // index of the first transition after ms
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (t.transitions[mid]!.at <= ms) lo = mid + 1;
    else hi = mid;
  }
  const prev = t.transitions[lo - 1];
  const next = t.transitions[lo];
  const off = prev ? prev.to : t.initial;
  const local = ms + off * MINUTE;
  const ambiguous =
    (!!prev && prev.from > prev.to && local < prev.at + prev.from * MINUTE) ||
    (!!next && next.from > next.to && local >= next.at + next.to * MINUTE);
  return { offset: off, ambiguous };
}

function dateTime(name: string, ms: number, zone: string | null, table: ZoneTable | null): string {
  if (!zone || !table) return `${name}:${utcStamp(ms)}`;
  const { offset: off, ambiguous } = lookup(table, ms);
  // A repeated wall-clock time is read differently by different clients; the UTC form is not.
  if (ambiguous) return `${name}:${utcStamp(ms)}`;
  return `${name};TZID=${zone}:${compact(ms + off * MINUTE)}`;
}
