import { useSyncExternalStore } from "react";
import type { Locale } from "../../worker/auth/schemas";
import en, { type MessageKey, type Messages } from "./en";

export type { MessageKey };
export const LOCALES = ["en", "fr", "es", "ar", "zh", "ru"] as const satisfies readonly Locale[];
/** Each language named in itself, for the switcher. */
export const ENDONYMS: Record<Locale, string> = {
  en: "English",
  fr: "Français",
  es: "Español",
  ar: "العربية",
  zh: "中文",
  ru: "Русский",
};

const loaders: Record<Exclude<Locale, "en">, () => Promise<{ default: Partial<Messages> }>> = {
  fr: () => import("./fr"),
  es: () => import("./es"),
  ar: () => import("./ar"),
  zh: () => import("./zh"),
  ru: () => import("./ru"),
};

const STORAGE_KEY = "plenary.locale";
export const isLocale = (x: unknown): x is Locale => typeof x === "string" && (LOCALES as readonly string[]).includes(x);

type State = { locale: Locale; messages: Partial<Messages> };
let state: State = { locale: "en", messages: {} };
const listeners = new Set<() => void>();

function storedLocale(): Locale {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (isLocale(saved)) return saved;
  } catch {
    /* storage may be disabled */
  }
  const browser = navigator.language.slice(0, 2);
  return isLocale(browser) ? browser : "en";
}

/** Loads a language's messages (lazily), then switches the whole UI and <html lang dir>. */
export async function setLocale(locale: Locale, remember = true): Promise<void> {
  if (remember) {
    try {
      localStorage.setItem(STORAGE_KEY, locale);
    } catch {
      /* ignore */
    }
  }
  if (locale === state.locale && (locale === "en" || Object.keys(state.messages).length)) return;
  const messages = locale === "en" ? {} : (await loaders[locale]()).default;
  state = { locale, messages };
  document.documentElement.lang = locale;
  document.documentElement.dir = locale === "ar" ? "rtl" : "ltr";
  listeners.forEach((l) => l());
}

export const initLocale = () => setLocale(storedLocale(), false);

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

function translate(messages: Partial<Messages>, key: MessageKey, vars?: Record<string, string | number>) {
  const text = messages[key] ?? en[key];
  return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text;
}

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

export function useI18n() {
  const current = useSyncExternalStore(subscribe, () => state);
  const t: Translate = (key, vars) => translate(current.messages, key, vars);
  return { t, locale: current.locale };
}

/** A date and time with its zone, e.g. "27 Nov 2026, 14:30 CET", in the reader's zone. */
export function formatDateTime(iso: string, locale: Locale, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat(locale, {
      year: "numeric",
      month: "short",
      day: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      timeZone,
      timeZoneName: "short",
    }).format(new Date(iso));
  } catch {
    return iso;
  }
}

/** The locale Intl formats with: UN English is British ("Tue 13 Jan 2027", "CET"), not US. */
export const intlLocale = (locale: Locale): string => (locale === "en" ? "en-GB" : locale);

/** "Tue 13 Jan 2027, 10:00–13:00" on the wall clock of `timeZone`; the zone is named beside it. */
export function formatTimeRange(startIso: string, endIso: string, locale: Locale, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat(intlLocale(locale), {
      weekday: "short",
      year: "numeric",
      month: "short",
      day: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
      timeZone,
    }).formatRange(new Date(startIso), new Date(endIso));
  } catch {
    return `${startIso} – ${endIso}`;
  }
}

/** The zone's short name at an instant in this locale: "CET", "GMT+3". */
export function zoneShortName(iso: string, locale: Locale, timeZone: string): string {
  try {
    const parts = new Intl.DateTimeFormat(intlLocale(locale), { timeZone, timeZoneName: "short" }).formatToParts(new Date(iso));
    return parts.find((p) => p.type === "timeZoneName")?.value ?? timeZone;
  } catch {
    return timeZone;
  }
}

/** A city for a zone: "Geneva" for Europe/Zurich (where the meetings are), "New York" for America/New_York. */
export function zonePlace(t: Translate, zone: string): string {
  if (zone === "Europe/Zurich") return t("meetings.geneva");
  return zone.split("/").pop()!.replaceAll("_", " ");
}

/**
 * A meeting's slot in words, always with date and zone: in the zone it was set in, and
 * in the reader's zone when the clock there reads differently.
 * "Tue 13 Jan 2027, 10:00–13:00 Geneva (CET)" / "Tue 13 Jan 2027, 04:00–07:00 your time (New York, EST)".
 */
export function describeSlot(t: Translate, locale: Locale, startIso: string, endIso: string, zone: string, readerZone: string) {
  const here = formatTimeRange(startIso, endIso, locale, zone);
  const theirs = formatTimeRange(startIso, endIso, locale, readerZone);
  return {
    here: t("meetings.when.here", { range: here, place: zonePlace(t, zone), zone: zoneShortName(startIso, locale, zone) }),
    yours: theirs === here ? null : t("meetings.when.yours", { range: theirs, place: zonePlace(t, readerZone), zone: zoneShortName(startIso, locale, readerZone) }),
  };
}
