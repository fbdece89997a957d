// The secretariat's administration: people and their roles, invitations (a head of
// delegation sees their own seat's), the outbox and the audit log, with the writes on them.
import { infiniteQueryOptions, queryOptions, useQueryClient } from "@tanstack/react-query";
import { api, request } from "../api";
import { trackKeys } from "./tracks";

export const adminKeys = {
  users: (q: string, status: string) => ["admin", "users", q, status] as const,
  usersAll: ["admin", "users"] as const,
  invitations: ["invitations"] as const,
  outbox: ["admin", "outbox"] as const,
  audit: (action: string) => ["admin", "audit", action] as const,
};

export const usersQuery = (q: string, status: "active" | "inactive" | "all") =>
  queryOptions({
    queryKey: adminKeys.users(q, status),
    queryFn: () => request(api.admin.users.$get({ query: { q: q || undefined, status } })),
  });

export const invitationsQuery = queryOptions({
  queryKey: adminKeys.invitations,
  queryFn: () => request(api.invitations.$get()),
});

export const outboxQuery = infiniteQueryOptions({
  queryKey: adminKeys.outbox,
  queryFn: ({ pageParam }) => request(api.admin.outbox.$get({ query: { limit: "20", before: pageParam } })),
  initialPageParam: undefined as string | undefined,
  getNextPageParam: (last) => last.next ?? undefined,
});

export const auditQuery = (action: string) =>
  infiniteQueryOptions({
    queryKey: adminKeys.audit(action),
    queryFn: ({ pageParam }) =>
      request(
        api.admin.audit.$get({
          query: { limit: "50", before: pageParam === undefined ? undefined : String(pageParam), action: action || undefined },
        }),
      ),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.next ?? undefined,
  });

const user = api.admin.users[":id"];
export type RolesJson = Parameters<typeof user.roles.$patch>[0]["json"];
export type InviteJson = Parameters<typeof api.invitations.$post>[0]["json"];

/** People: deactivate or reactivate, change roles (co-facilitations change the tracks' pages too). */
export function usePeopleWrites() {
  const qc = useQueryClient();
  return {
    setActive: async (id: string, active: boolean) => {
      if (active) await request(user.reactivate.$post({ param: { id } }));
      else await request(user.deactivate.$post({ param: { id } }));
      void qc.invalidateQueries({ queryKey: adminKeys.usersAll });
    },
    setRoles: async (id: string, json: RolesJson) => {
      await request(user.roles.$patch({ param: { id }, json }));
      await qc.invalidateQueries({ queryKey: adminKeys.usersAll });
      void qc.invalidateQueries({ queryKey: trackKeys.tracks });
    },
  };
}

/** Invitations: send one, withdraw one; the list is reloaded after either. */
export function useInvitationWrites() {
  const qc = useQueryClient();
  return {
    invite: async (json: InviteJson) => {
      const res = await request(api.invitations.$post({ json }));
      void qc.invalidateQueries({ queryKey: adminKeys.invitations });
      return res;
    },
    revoke: async (id: string) => {
      await request(api.invitations[":id"].revoke.$post({ param: { id } }));
      void qc.invalidateQueries({ queryKey: adminKeys.invitations });
    },
  };
}
