// Positions and consensus: the board of one revision, a seat's position, the Chair's
// procedures, and the dashboard's "positions to record".
import { queryOptions } from "@tanstack/react-query";
import { api, request } from "../api";

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

export const positionCalls = {
  record: (id: string, n: number, json: Parameters<typeof rev.position.$put>[0]["json"]) => request(rev.position.$put({ ...revision(id, n), json })),
  confirm: (id: string, n: number, baseVersion: number | null) => request(rev.position.confirm.$post({ ...revision(id, n), json: { baseVersion } })),
  open: (id: string, n: number, json: Parameters<typeof rev.procedures.$post>[0]["json"]) => request(rev.procedures.$post({ ...revision(id, n), json })),
  close: (id: string, n: number, pid: string, json: Parameters<(typeof rev.procedures)[":pid"]["close"]["$post"]>[0]["json"]) =>
    request(rev.procedures[":pid"].close.$post({ param: { id, n: String(n), pid }, json })),
  delegates: (userIds: string[]) => request(api.consensus["position-delegates"].$put({ json: { userIds } })),
};

export type Board = Awaited<ReturnType<NonNullable<ReturnType<typeof boardQuery>["queryFn"]>>>;
export type BoardSeat = Board["seats"][number];
export type Procedure = Board["procedures"][number];
export type Tally = Board["tallies"][number];
export type Stance = NonNullable<BoardSeat["position"]>["stance"];
export const STANCE_ORDER = ["support", "can_live", "reservation", "objection", "abstain"] as const satisfies readonly Stance[];
export type PendingItem = Awaited<ReturnType<NonNullable<(typeof pendingQuery)["queryFn"]>>>["items"][number];
export type HistoryRow = Awaited<ReturnType<NonNullable<ReturnType<typeof positionHistoryQuery>["queryFn"]>>>["history"][number];
