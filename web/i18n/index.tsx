import { useSyncExternalStore } from "react";
import type { Locale } from "../../worker/auth/schemas";
import { LANGUAGES } from "../../worker/db/enums";
import en, { type MessageKey, type Messages } from "./en";

export type { MessageKey };
export const LOCALES = LANGUAGES satisfies readonly Locale[];
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
