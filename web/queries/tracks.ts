// The four tracks, one track's page (mandate, co-facilitators, seats), the members
// directory (seats), and their two writes: a track's mandate, and whether one's own name
// is shown to the public and observers.
import { queryOptions, useQueryClient } from "@tanstack/react-query";
import { api, request } from "../api";

export const trackKeys = {
  tracks: ["tracks"] as const,
  track: (slug: string) => ["tracks", slug] as const,
  seats: ["seats"] as const,
};

export const tracksQuery = queryOptions({
  queryKey: trackKeys.tracks,
  queryFn: () => request(api.tracks.$get()),
});

export const trackQuery = (slug: string) =>
  queryOptions({
    queryKey: trackKeys.track(slug),
    queryFn: () => request(api.tracks[":slug"].$get({ param: { slug } })),
  });

export const seatsQuery = queryOptions({
  queryKey: trackKeys.seats,
  queryFn: () => request(api.seats.$get()),
});

export type MandateJson = Parameters<(typeof api.tracks)[":slug"]["$patch"]>[0]["json"];

/** Saves a track's mandate: the track's page takes the answer, the list of tracks is reloaded. */
export function useSaveMandate(slug: string) {
  const qc = useQueryClient();
  return async (json: MandateJson) => {
    const res = await request(api.tracks[":slug"].$patch({ param: { slug }, json }));
    qc.setQueryData(trackQuery(slug).queryKey, (old) => (old ? { ...old, track: res.track } : old));
    void qc.invalidateQueries({ queryKey: trackKeys.tracks, exact: true });
    return res;
  };
}

/** Whether the public and observers may see one's name (the members directory owns the setting). */
export function useSetNamePublic() {
  const qc = useQueryClient();
  return async (namePublic: boolean) => {
    await request(api.seats.me.$put({ json: { namePublic } }));
    await qc.invalidateQueries({ queryKey: trackKeys.seats });
  };
}
