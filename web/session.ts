import { useQuery } from "@tanstack/react-query";
import type { Me } from "../worker/profile/me";
import { setLocale } from "./i18n";
import type { Locale } from "../worker/auth/schemas";
import { meQuery, useSaveProfile } from "./queries/auth";

export type { Me };
export { useSignedIn, useSignOut } from "./queries/auth";

export function useMe() {
  const q = useQuery(meQuery);
  return { me: q.data?.user ?? null, loading: q.isPending, error: q.error };
}

/** The zone times are shown in: the person's own, or the browser's for anonymous visitors. */
export function useTimeZone() {
  const { me } = useMe();
  return me?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** Changes the language now; a signed-in person's choice is saved to their profile too. */
export function useChangeLocale() {
  const { me } = useMe();
  const saveProfile = useSaveProfile();
  return async (locale: Locale) => {
    await setLocale(locale);
    if (me) await saveProfile({ locale });
  };
}
