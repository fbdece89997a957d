// Dates and times in words, always with their zone: one module for every screen.
// Wall-clock ⇄ instant arithmetic lives in worker/lib/zonedTime.ts (shared with the server);
// this file only says instants in the reader's language.
import type { Locale } from "../../worker/auth/schemas";
import { zoneOffsetMinutes } from "../../worker/lib/zonedTime";
import type { Translate } from "./index";

/** Where the Working Group meets: the zone forms start in and times are first given in. */
export const GENEVA = "Europe/Zurich";

/** The locale Intl formats with: UN English is British ("Tue 13 Jan 2027", "CET"), not US. */
export const intlLocale = (locale: Locale): string => (locale === "en" ? "en-GB" : locale);

/** Latin-script pieces ("CET, UTC+1", "America/New York") isolated, so they keep their order inside Arabic text. */
export const ltr = (text: string) => `\u2066${text}\u2069`;
/** Text in any script (a document title) isolated in its own direction. */
export const isolate = (text: string) => `\u2068${text}\u2069`;

/** A date and time with its zone, e.g. "27 Nov 2026, 14:30 CET", on the wall clock of `timeZone`. */
export function formatDateTime(iso: string, locale: Locale, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat(intlLocale(locale), {
      year: "numeric",
      month: "short",
      day: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
      timeZone,
      timeZoneName: "short",
    }).format(new Date(iso));
  } catch {
    return iso;
  }
}

const RANGE = {
  /** "Tue 13 Jan 2027, 10:00–13:00" */
  short: { weekday: "short", day: "numeric", month: "short", year: "numeric" },
  /** "Wednesday 13 January 2027, 10:00–13:00" */
  long: { weekday: "long", day: "numeric", month: "long", year: "numeric" },
} as const;

/**
 * A span on the wall clock of `timeZone` ("Tue 13 Jan 2027, 10:00–13:00", or a range across
 * days); Intl joins date and time per language. The zone is named beside it by the caller.
 */
export function formatTimeRange(startIso: string, endIso: string, locale: Locale, timeZone: string, length: keyof typeof RANGE = "short"): string {
  try {
    return new Intl.DateTimeFormat(intlLocale(locale), { ...RANGE[length], hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone }).formatRange(
      new Date(startIso),
      new Date(endIso),
    );
  } catch {
    return `${startIso} – ${endIso}`;
  }
}

/** The zone's short name at an instant as Intl gives it in this language: "CET", "GMT+3", "UTC+1". */
export function zoneShortName(iso: string, locale: Locale, timeZone: string): string {
  try {
    const parts = new Intl.DateTimeFormat(intlLocale(locale), { timeZone, timeZoneName: "short" }).formatToParts(new Date(iso));
    return parts.find((p) => p.type === "timeZoneName")?.value ?? timeZone;
  } catch {
    return timeZone;
  }
}

/** "UTC+2", "UTC-4", "UTC+5:30". */
export function utcOffset(ms: number, zone: string): string {
  const m = zoneOffsetMinutes(ms, zone);
  const h = Math.floor(Math.abs(m) / 60);
  const rest = Math.abs(m) % 60;
  return `UTC${m < 0 ? "-" : "+"}${h}${rest ? `:${String(rest).padStart(2, "0")}` : ""}`;
}

/** A zone's letters ("CEST", "EDT") where one is in common use; null where only an offset exists. */
export function zoneAbbreviation(ms: number, zone: string, locale: Locale): string | null {
  for (const l of [intlLocale(locale), "en-GB", "en-US"]) {
    try {
      const name = new Intl.DateTimeFormat(l, { timeZone: zone, timeZoneName: "short" }).formatToParts(ms).find((p) => p.type === "timeZoneName")?.value;
      if (name && /^[A-Z]{2,5}$/.test(name) && name !== "UTC" && name !== "GMT") return name;
    } catch {
      /* an unknown zone: fall through */
    }
  }
  return null;
}

/** "CET, UTC+1", or just "UTC+3" where the zone has no letters in common use. */
export const zoneLettersAndOffset = (ms: number, zone: string, locale: Locale) => [zoneAbbreviation(ms, zone, locale), utcOffset(ms, zone)].filter(Boolean).join(", ");

/** A city for a zone: "Geneva" for Europe/Zurich (where the meetings are), "New York" for America/New_York. */
export function zonePlace(t: Translate, zone: string): string {
  if (zone === GENEVA) return t("meetings.geneva");
  return zone.split("/").pop()!.replaceAll("_", " ");
}

/** "Geneva time", "America/New York time". */
export const zoneTime = (t: Translate, zone: string) => (zone === GENEVA ? t("meeting.zone.geneva") : t("meeting.zone.named", { zone: zone.replaceAll("_", " ") }));

type Slot = { startsAt: string; endsAt: string; timeZone: string };

/**
 * A meeting's slot in words, always with date and zone: in the zone it was set in, and in
 * the reader's zone when the clock there reads differently (null when it reads the same).
 * Compact, for lists: "Tue 13 Jan 2027, 10:00–13:00 Geneva (CET)" / "Tue 13 Jan 2027, 04:00–07:00 your time (New York, EST)".
 * Full, for the meeting itself: "Wednesday 13 January 2027, 10:00–13:00 Geneva time (CET, UTC+1)" /
 * "Tue 13 Jan 2027, 04:00–07:00 in your time zone (America/New York, EST)".
 */
export function describeSlot(t: Translate, locale: Locale, m: Slot, readerZone: string, compact = true): { here: string; yours: string | null } {
  const start = Date.parse(m.startsAt);
  const theirs = formatTimeRange(m.startsAt, m.endsAt, locale, readerZone);
  const same = theirs === formatTimeRange(m.startsAt, m.endsAt, locale, m.timeZone);
  if (compact) {
    const here = formatTimeRange(m.startsAt, m.endsAt, locale, m.timeZone);
    return {
      here: t("meetings.when.here", { range: here, place: zonePlace(t, m.timeZone), zone: zoneShortName(m.startsAt, locale, m.timeZone) }),
      yours: same ? null : t("meetings.when.yours", { range: theirs, place: zonePlace(t, readerZone), zone: zoneShortName(m.startsAt, locale, readerZone) }),
    };
  }
  // "America/New York, EDT"; plain "UTC" for UTC itself.
  const readerName = /^(Etc\/)?(UTC|GMT)$/.test(readerZone)
    ? "UTC"
    : `${readerZone.replaceAll("_", " ")}, ${zoneAbbreviation(start, readerZone, locale) ?? utcOffset(start, readerZone)}`;
  return {
    here: t("meeting.when", {
      span: formatTimeRange(m.startsAt, m.endsAt, locale, m.timeZone, "long"),
      zone: zoneTime(t, m.timeZone),
      offset: ltr(zoneLettersAndOffset(start, m.timeZone, locale)),
    }),
    yours: same ? null : t("meeting.whenYours", { span: theirs, zone: ltr(readerName) }),
  };
}
