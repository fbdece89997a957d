// Meetings: the calendar, the dashboard's next meetings, one meeting, the fairness tally,
// the slot check of the schedule form, and the writes (schedule, edit or reschedule, cancel).
// Every key of every meetings query (these and queries/meeting.ts) is here and starts with
// "meetings", so one invalidation refreshes them all after a write.
import { queryOptions, useQueryClient } from "@tanstack/react-query";
import { api, request } from "../api";

export const meetingKeys = {
  all: ["meetings"] as const,
  list: (from: string, to: string, track: string) => ["meetings", "list", from, to, track] as const,
  mine: ["meetings", "mine"] as const,
  detail: (id: string) => ["meetings", "detail", id] as const,
  minutes: (id: string) => ["meetings", "minutes", id] as const,
  minutesHistory: (id: string, itemId: string) => ["meetings", "minutesHistory", id, itemId] as const,
  feed: ["meetings", "feed"] as const,
  fairness: (from: string, to: string, track: string) => ["meetings", "fairness", from, to, track] as const,
  check: (body: CheckBody) => ["meetings", "check", body] as const,
};

const meetings = api.meetings;
const one = meetings[":id"];

/** Meetings overlapping [from, to) (ISO dates or instants); `track` is a slug, "" for all. */
export const meetingListQuery = (from: string, to: string, track: string) =>
  queryOptions({
    queryKey: meetingKeys.list(from, to, track),
    queryFn: () => request(meetings.$get({ query: { from, to, track: track || undefined } })),
  });

/** One meeting with its agenda, replies and permissions (the meeting page uses the same key). */
export const meetingQuery = (id: string) =>
  queryOptions({
    queryKey: meetingKeys.detail(id),
    queryFn: () => request(one.$get({ param: { id } })),
  });

/** The dashboard's card: the next meetings that concern the reader (with their reply), and minutes open for corrections. */
export const myMeetingsQuery = queryOptions({
  queryKey: meetingKeys.mine,
  queryFn: () => request(meetings.mine.$get()),
});

export const fairnessQuery = (from: string, to: string, track: string) =>
  queryOptions({
    queryKey: meetingKeys.fairness(from, to, track),
    queryFn: () => request(meetings.fairness.$get({ query: { from, to, track: track || undefined } })),
    staleTime: 5 * 60_000,
  });

export type CheckBody = Parameters<typeof meetings.check.$post>[0]["json"];

/** Conflicts and regional local times for a slot not saved yet; a POST, but it changes nothing. */
export const slotCheckQuery = (body: CheckBody) =>
  queryOptions({
    queryKey: meetingKeys.check(body),
    queryFn: ({ signal }) => request(meetings.check.$post({ json: body }, { init: { signal } })),
    staleTime: 30_000,
    retry: false,
  });

export type CreateBody = Parameters<typeof meetings.$post>[0]["json"];
export type UpdateBody = Parameters<typeof one.$patch>[0]["json"];
export type CancelBody = Parameters<typeof one.cancel.$post>[0]["json"];

const meetingCalls = {
  create: (json: CreateBody) => request(meetings.$post({ json })),
  update: (id: string, json: UpdateBody) => request(one.$patch({ param: { id }, json })),
  cancel: (id: string, json: CancelBody) => request(one.cancel.$post({ param: { id }, json })),
};

/** The writes, each followed by a refresh of the meetings queries (calendar, detail, fairness). */
export function useMeetingMutations() {
  const qc = useQueryClient();
  const after = async <T,>(p: Promise<T>): Promise<T> => {
    const out = await p;
    // Not the slot checks: the form that made the write is about to go, and a check rerun
    // now would briefly show the new meeting as conflicting with itself.
    await qc.invalidateQueries({ queryKey: meetingKeys.all, predicate: (q) => q.queryKey[1] !== "check" });
    return out;
  };
  return {
    create: (json: CreateBody) => after(meetingCalls.create(json)),
    update: (id: string, json: UpdateBody) => after(meetingCalls.update(id, json)),
    cancel: (id: string, json: CancelBody) => after(meetingCalls.cancel(id, json)),
    /** After a stale edit (409): fetch the meeting as it now stands. */
    reload: (id: string) => qc.invalidateQueries({ queryKey: meetingKeys.detail(id) }),
  };
}

/** Public feeds (plain GETs; calendar apps subscribe to them). */
export const feedUrl = (track?: string) => `/api/meetings.ics${track ? `?track=${encodeURIComponent(track)}` : ""}`;

export type MeetingList = Awaited<ReturnType<NonNullable<ReturnType<typeof meetingListQuery>["queryFn"]>>>;
export type MeetingSummary = MeetingList["meetings"][number];
export type MeetingDetail = Awaited<ReturnType<NonNullable<ReturnType<typeof meetingQuery>["queryFn"]>>>;
export type MyMeetings = Awaited<ReturnType<NonNullable<typeof myMeetingsQuery["queryFn"]>>>;
export type SlotCheck = Awaited<ReturnType<NonNullable<ReturnType<typeof slotCheckQuery>["queryFn"]>>>;
export type Fairness = Awaited<ReturnType<NonNullable<ReturnType<typeof fairnessQuery>["queryFn"]>>>;
