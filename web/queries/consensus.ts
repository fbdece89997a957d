// Positions and consensus: the board of one revision, a seat's position, the Chair's
// procedures, and the dashboard's "positions to record".
import { queryOptions, useQueryClient } from "@tanstack/react-query";
import { STANCES } from "../../worker/db/enums";
import { api, request } from "../api";
import { conflictDetails, isConflict } from "./stale";

export const consensusKeys = {
  all: ["consensus"] as const,
  board: (id: string, n: number) => ["consensus", "board", id, n] as const,
  history: (id: string, n: number) => ["consensus", "history", id, n] as const,
  paragraphs: (id: string, n: number) => ["consensus", "paragraphs", id, n] as const,
  delegates: ["consensus", "delegates"] as const,
  pending: ["consensus", "pending"] as const,
};

const revision = (id: string, n: number) => ({ param: { id, n: String(n) } });
const rev = api.documents[":id"].revisions[":n"];

export const boardQuery = (id: string, n: number) =>
  queryOptions({
    queryKey: consensusKeys.board(id, n),
    queryFn: () => request(rev.board.$get(revision(id, n))),
    // A board moves while a procedure runs: keep it fresh without hammering a slow link.
    staleTime: 15_000,
    refetchInterval: 60_000,
  });

export const positionHistoryQuery = (id: string, n: number) =>
  queryOptions({
    queryKey: consensusKeys.history(id, n),
    queryFn: () => request(rev.position.history.$get(revision(id, n))),
  });

/** The revision's numbered paragraphs, without their text (enough to name them in a reservation). */
export const paragraphNumbersQuery = (id: string, n: number) =>
  queryOptions({
    queryKey: consensusKeys.paragraphs(id, n),
    queryFn: async () => {
      const page = await request(rev.$get({ ...revision(id, n), query: { text: "0" } }));
      return page.paragraphs.filter((p) => p.number !== null).map((p) => ({ pid: p.pid, number: p.number! }));
    },
    staleTime: Infinity, // an issued text never changes
  });

export const delegatesQuery = queryOptions({
  queryKey: consensusKeys.delegates,
  queryFn: () => request(api.consensus["position-delegates"].$get()),
});

export const pendingQuery = queryOptions({
  queryKey: consensusKeys.pending,
  queryFn: () => request(api.consensus.pending.$get()),
});

const positionCalls = {
  record: (id: string, n: number, json: Parameters<typeof rev.position.$put>[0]["json"]) => request(rev.position.$put({ ...revision(id, n), json })),
  confirm: (id: string, n: number, baseVersion: number | null) => request(rev.position.confirm.$post({ ...revision(id, n), json: { baseVersion } })),
  open: (id: string, n: number, json: Parameters<typeof rev.procedures.$post>[0]["json"]) => request(rev.procedures.$post({ ...revision(id, n), json })),
  close: (id: string, n: number, pid: string, json: Parameters<(typeof rev.procedures)[":pid"]["close"]["$post"]>[0]["json"]) =>
    request(rev.procedures[":pid"].close.$post({ param: { id, n: String(n), pid }, json })),
  delegates: (userIds: string[]) => request(api.consensus["position-delegates"].$put({ json: { userIds } })),
};

export type Objection = { seatId: string; seatName: string };

/** The seats a 409 names as objecting to the text, when that is why a silence procedure was refused. */
export function objectingSeats(err: unknown): Objection[] | null {
  const objections = conflictDetails<{ objections?: Objection[] }>(err)?.objections;
  return objections?.length ? objections : null;
}

/**
 * The writes on one revision's board. Each reloads every consensus query once it succeeds,
 * and also when it was refused because the board had moved (409), so the reader sees what
 * changed; the error then goes on to the form.
 */
export function useConsensusWrites(id: string, n: number) {
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: consensusKeys.all });
  const reloading = async <T,>(call: Promise<T>, refusedBecauseMoved: (err: unknown) => boolean = isConflict): Promise<T> => {
    let res: T;
    try {
      res = await call;
    } catch (err) {
      if (refusedBecauseMoved(err)) await refresh();
      throw err;
    }
    await refresh();
    return res;
  };
  return {
    record: (json: Parameters<typeof positionCalls.record>[2]) => reloading(positionCalls.record(id, n, json)),
    confirm: (baseVersion: number | null) => reloading(positionCalls.confirm(id, n, baseVersion)),
    open: (json: Parameters<typeof positionCalls.open>[2]) => reloading(positionCalls.open(id, n, json), (err) => !!objectingSeats(err)),
    close: (pid: string, json: Parameters<typeof positionCalls.close>[3]) => reloading(positionCalls.close(id, n, pid, json)),
  };
}

/** Who on one's seat may record positions (a head's choice). */
export function useSetPositionDelegates() {
  const qc = useQueryClient();
  return async (userIds: string[]) => {
    await positionCalls.delegates(userIds);
    await qc.invalidateQueries({ queryKey: consensusKeys.delegates });
  };
}

export type Board = Awaited<ReturnType<NonNullable<ReturnType<typeof boardQuery>["queryFn"]>>>;
export type BoardSeat = Board["seats"][number];
export type Procedure = Board["procedures"][number];
export type Tally = Board["tallies"][number];
export type Stance = NonNullable<BoardSeat["position"]>["stance"];
export const STANCE_ORDER = STANCES satisfies readonly Stance[];
export type PendingItem = Awaited<ReturnType<NonNullable<(typeof pendingQuery)["queryFn"]>>>["items"][number];
export type HistoryRow = Awaited<ReturnType<NonNullable<ReturnType<typeof positionHistoryQuery>["queryFn"]>>>["history"][number];
