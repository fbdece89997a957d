import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { Me } from "../worker/profile/me";
import { api, request } from "./api";
import { setLocale, isLocale } from "./i18n";
import type { Locale } from "../worker/auth/schemas";
import { keys, meQuery } from "./queries";

export type { Me };

export function useMe() {
  const q = useQuery(meQuery);
  return { me: q.data?.user ?? null, loading: q.isPending, error: q.error };
}

/** The zone times are shown in: the person's own, or the browser's for anonymous visitors. */
export function useTimeZone() {
  const { me } = useMe();
  return me?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** After sign-in (or accepting an invitation, or a reset): store the user; their saved language wins. */
export function useSignedIn() {
  const qc = useQueryClient();
  return async (user: Me) => {
    qc.clear();
    qc.setQueryData(keys.me, { user });
    if (isLocale(user.locale)) await setLocale(user.locale);
  };
}

/** Changes the language now; a signed-in person's choice is saved to their profile too. */
export function useChangeLocale() {
  const qc = useQueryClient();
  const { me } = useMe();
  return async (locale: Locale) => {
    await setLocale(locale);
    if (me) {
      const res = await request(api.me.$patch({ json: { locale } }));
      qc.setQueryData(keys.me, res);
    }
  };
}

export function useSignOut() {
  const qc = useQueryClient();
  return async () => {
    await request(api.auth.logout.$post()).catch(() => undefined);
    qc.clear();
    qc.setQueryData(keys.me, { user: null });
  };
}
