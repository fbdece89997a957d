// The signed-in person: who they are (meQuery), signing in by password, invitation or reset
// link, signing out, and saving their profile. Every write here leaves the answer in the
// "me" cache, which the whole client reads through useMe (web/session.ts).
import { queryOptions, useQueryClient } from "@tanstack/react-query";
import { api, request } from "../api";
import { isLocale, setLocale } from "../i18n";
import type { Me } from "../../worker/profile/me";

type Json<F extends (args: never) => unknown> = Parameters<F>[0] extends { json: infer J } ? J : never;
export type LoginJson = Json<typeof api.auth.login.$post>;
export type ResetRequestJson = Json<typeof api.auth["password-reset"]["$post"]>;
export type ResetConfirmJson = Json<typeof api.auth["password-reset"]["confirm"]["$post"]>;
export type AcceptJson = Json<(typeof api.invitations)["by-token"][":token"]["accept"]["$post"]>;
export type ProfileJson = Json<typeof api.me.$patch>;

export const authKeys = {
  me: ["me"] as const,
  invitation: (token: string) => ["invitation", token] as const,
};

export const meQuery = queryOptions({
  queryKey: authKeys.me,
  queryFn: () => request(api.me.$get()),
  staleTime: 60_000,
});

export const invitationByTokenQuery = (token: string) =>
  queryOptions({
    queryKey: authKeys.invitation(token),
    queryFn: () => request(api.invitations["by-token"][":token"].$get({ param: { token } })),
    retry: false,
  });

/** After sign-in (or accepting an invitation, or a reset): store the user; their saved language wins. */
export function useSignedIn() {
  const qc = useQueryClient();
  return async (user: Me) => {
    qc.clear();
    qc.setQueryData(authKeys.me, { user });
    if (isLocale(user.locale)) await setLocale(user.locale);
  };
}

/** The three ways in; each stores the person it answers with. */
export function useSignIn() {
  const signedIn = useSignedIn();
  return {
    password: async (json: LoginJson) => signedIn((await request(api.auth.login.$post({ json }))).user),
    reset: async (json: ResetConfirmJson) => signedIn((await request(api.auth["password-reset"].confirm.$post({ json }))).user),
    invitation: async (token: string, json: AcceptJson) =>
      signedIn((await request(api.invitations["by-token"][":token"].accept.$post({ param: { token }, json }))).user),
  };
}

/** Asks for a reset link by mail; the answer is the same whether or not the address is known. */
export const requestPasswordReset = (json: ResetRequestJson) => request(api.auth["password-reset"].$post({ json }));

export function useSignOut() {
  const qc = useQueryClient();
  return async () => {
    await request(api.auth.logout.$post()).catch(() => undefined);
    qc.clear();
    qc.setQueryData(authKeys.me, { user: null });
  };
}

/** Saves the profile (name, language, zone); the answer replaces the cached person. */
export function useSaveProfile() {
  const qc = useQueryClient();
  return async (json: ProfileJson) => {
    const res = await request(api.me.$patch({ json }));
    qc.setQueryData(authKeys.me, res);
    return res;
  };
}
