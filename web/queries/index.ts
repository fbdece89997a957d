import { infiniteQueryOptions, queryOptions } from "@tanstack/react-query";
import { api, request } from "../api";

export const keys = {
  me: ["me"] as const,
  tracks: ["tracks"] as const,
  track: (slug: string) => ["tracks", slug] as const,
  seats: ["seats"] as const,
  users: (q: string, status: string) => ["admin", "users", q, status] as const,
  usersAll: ["admin", "users"] as const,
  invitations: ["invitations"] as const,
  outbox: ["admin", "outbox"] as const,
  audit: (action: string) => ["admin", "audit", action] as const,
  invitation: (token: string) => ["invitation", token] as const,
};

export const meQuery = queryOptions({
  queryKey: keys.me,
  queryFn: () => request(api.me.$get()),
  staleTime: 60_000,
});

export const tracksQuery = queryOptions({
  queryKey: keys.tracks,
  queryFn: () => request(api.tracks.$get()),
});

export const trackQuery = (slug: string) =>
  queryOptions({
    queryKey: keys.track(slug),
    queryFn: () => request(api.tracks[":slug"].$get({ param: { slug } })),
  });

export const seatsQuery = queryOptions({
  queryKey: keys.seats,
  queryFn: () => request(api.seats.$get()),
});

/** Whether the public and observers may see one's name (the members directory owns the setting). */
export const setNamePublic = (namePublic: boolean) => request(api.seats.me.$put({ json: { namePublic } }));

export const usersQuery = (q: string, status: "active" | "inactive" | "all") =>
  queryOptions({
    queryKey: keys.users(q, status),
    queryFn: () => request(api.admin.users.$get({ query: { q: q || undefined, status } })),
  });

export const invitationsQuery = queryOptions({
  queryKey: keys.invitations,
  queryFn: () => request(api.invitations.$get()),
});

export const invitationByTokenQuery = (token: string) =>
  queryOptions({
    queryKey: keys.invitation(token),
    queryFn: () => request(api.invitations["by-token"][":token"].$get({ param: { token } })),
    retry: false,
  });

export const outboxQuery = infiniteQueryOptions({
  queryKey: keys.outbox,
  queryFn: ({ pageParam }) => request(api.admin.outbox.$get({ query: { limit: "20", before: pageParam } })),
  initialPageParam: undefined as string | undefined,
  getNextPageParam: (last) => last.next ?? undefined,
});

export const auditQuery = (action: string) =>
  infiniteQueryOptions({
    queryKey: keys.audit(action),
    queryFn: ({ pageParam }) =>
      request(
        api.admin.audit.$get({
          query: { limit: "50", before: pageParam === undefined ? undefined : String(pageParam), action: action || undefined },
        }),
      ),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.next ?? undefined,
  });
