// One meeting: its page (agenda, materials, replies, register, quorum, history), its
// minutes and their per-item history, the personal calendar feed, and every change to them.
// The meeting itself (meetingQuery) and every key are in queries/meetings.ts.
import { queryOptions, useMutation, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { api, ApiError, request, type ErrorBody } from "../api";
import { meetingKeys, type MeetingDetail } from "./meetings";
import type { AttendanceStatus, MeetingReply } from "../../worker/db/enums";

const one = api.meetings[":id"];
const param = (id: string) => ({ param: { id } });

export const minutesQuery = (id: string) =>
  queryOptions({
    queryKey: meetingKeys.minutes(id),
    queryFn: () => request(one.minutes.$get(param(id))),
  });

/** Fetched only when someone opens an item's history. */
export const minutesHistoryQuery = (id: string, itemId: string) =>
  queryOptions({
    queryKey: meetingKeys.minutesHistory(id, itemId),
    queryFn: () => request(one.minutes.items[":itemId"].history.$get({ param: { id, itemId } })),
  });

export const feedQuery = queryOptions({
  queryKey: meetingKeys.feed,
  queryFn: () => request(api.me["calendar-feed"].$get()),
});

/** Documents an agenda item may link to: the track's, or every readable one for a plenary meeting. */
export const agendaDocumentsQuery = (trackId: number | null) =>
  queryOptions({
    queryKey: ["documents", "list", trackId ?? "all"] as const,
    queryFn: () => request(api.documents.$get({ query: trackId ? { trackId: String(trackId) } : {} })),
  });

export type MeetingData = MeetingDetail["meeting"];
export type AgendaEntry = MeetingDetail["agenda"][number];
export type Material = MeetingDetail["materials"][number];
export type RegisterSeat = MeetingDetail["register"][number];
export type HistoryEntry = MeetingDetail["history"][number];
export type MinutesData = Awaited<ReturnType<NonNullable<ReturnType<typeof minutesQuery>["queryFn"]>>>;
export type MinutesItem = MinutesData["items"][number];
export type Correction = MinutesData["corrections"][number];
export type MinutesVersion = Awaited<ReturnType<NonNullable<ReturnType<typeof minutesHistoryQuery>["queryFn"]>>>["versions"][number];

/** Plain URLs: downloads and calendar files are ordinary GETs with the session cookie. */
export const meetingUrls = {
  ics: (id: string) => `/api/meetings/${encodeURIComponent(id)}/calendar.ics`,
  material: (id: string, materialId: string) => `/api/meetings/${encodeURIComponent(id)}/materials/${encodeURIComponent(materialId)}`,
};

export type AgendaInput = { id?: string; title: string; revisionId?: string | null };
type ResolveBody = { status: "accepted" | "declined"; response?: string };

/** Calls that change a meeting; each hook below wraps one and refreshes what it touched. */
const meetingCalls = {
  reply: (id: string, reply: MeetingReply) => request(one.reply.$put({ ...param(id), json: { reply } })),
  attendance: async (id: string, entries: { seatId: string; status: AttendanceStatus }[]) => {
    // The API takes 90 entries a call; a plenary register has fewer, but stay inside it anyway.
    for (let i = 0; i < entries.length; i += 90) await request(one.attendance.$put({ ...param(id), json: { entries: entries.slice(i, i + 90) } }));
  },
  agenda: (id: string, version: number, items: AgendaInput[]) => request(one.agenda.$put({ ...param(id), json: { version, items } })),
  removeMaterial: (id: string, materialId: string) => request(one.materials[":materialId"].$delete({ param: { id, materialId } })),
  saveItem: (id: string, itemId: string, text: string, version: number) =>
    request(one.minutes.items[":itemId"].$put({ param: { id, itemId }, json: { text, version } })),
  circulate: (id: string, closesAt: string, timeZone: string) => request(one.minutes.circulate.$post({ ...param(id), json: { closesAt, timeZone } })),
  window: (id: string, closesAt: string, timeZone: string) => request(one.minutes.window.$put({ ...param(id), json: { closesAt, timeZone } })),
  approve: (id: string) => request(one.minutes.approve.$post(param(id))),
  correct: (id: string, agendaItemId: string, text: string) => request(one.minutes.corrections.$post({ ...param(id), json: { agendaItemId, text } })),
  resolve: (id: string, correctionId: string, json: ResolveBody) =>
    request(one.minutes.corrections[":correctionId"].$patch({ param: { id, correctionId }, json })),
  createFeed: () => request(api.me["calendar-feed"].$post()),
  deleteFeed: () => request(api.me["calendar-feed"].$delete()),
};

const refresh = (qc: QueryClient) => qc.invalidateQueries({ queryKey: meetingKeys.all });

/** A mutation whose success refreshes every meetings query (the page, the minutes, the calendar). */
function useMeetingMutation<A, R>(fn: (args: A) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => refresh(qc) });
}

export const useReply = (id: string) => useMeetingMutation((reply: MeetingReply) => meetingCalls.reply(id, reply));
export const useAttendance = (id: string) =>
  useMeetingMutation((entries: { seatId: string; status: AttendanceStatus }[]) => meetingCalls.attendance(id, entries));
export const useAgenda = (id: string) => useMeetingMutation(({ version, items }: { version: number; items: AgendaInput[] }) => meetingCalls.agenda(id, version, items));
export const useRemoveMaterial = (id: string) => useMeetingMutation((materialId: string) => meetingCalls.removeMaterial(id, materialId));
export const useSaveMinutesItem = (id: string) =>
  useMeetingMutation(({ itemId, text, version }: { itemId: string; text: string; version: number }) => meetingCalls.saveItem(id, itemId, text, version));
export const useCirculate = (id: string) => useMeetingMutation(({ closesAt, timeZone }: { closesAt: string; timeZone: string }) => meetingCalls.circulate(id, closesAt, timeZone));
export const useMinutesWindow = (id: string) => useMeetingMutation(({ closesAt, timeZone }: { closesAt: string; timeZone: string }) => meetingCalls.window(id, closesAt, timeZone));
export const useApproveMinutes = (id: string) => useMeetingMutation(() => meetingCalls.approve(id));
export const useSubmitCorrection = (id: string) => useMeetingMutation(({ itemId, text }: { itemId: string; text: string }) => meetingCalls.correct(id, itemId, text));
export const useResolveCorrection = (id: string) =>
  useMeetingMutation(({ correctionId, ...json }: { correctionId: string } & ResolveBody) => meetingCalls.resolve(id, correctionId, json));
export const useCreateFeed = () => useMeetingMutation(() => meetingCalls.createFeed());
export const useDeleteFeed = () => useMeetingMutation(() => meetingCalls.deleteFeed());

/**
 * Uploads a material as multipart form data through XMLHttpRequest, whose upload events
 * give progress (fetch has none): a 20 MB file on a slow link takes minutes.
 * Rejects with ApiError carrying the server's `{ error }` body (413, 415, 400…).
 */
export function uploadMaterial(
  id: string,
  file: File,
  agendaItemId: string | null,
  onProgress: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<{ material: Material }> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    form.append("file", file);
    if (agendaItemId) form.append("agendaItemId", agendaItemId);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/meetings/${encodeURIComponent(id)}/materials`);
    xhr.responseType = "text";
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON: an HTML error page from a proxy, say */
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(body as { material: Material });
      const err = body && typeof body === "object" && "error" in body ? (body as ErrorBody) : { error: { code: "http_error", message: `HTTP ${xhr.status}` } };
      reject(new ApiError(xhr.status, err));
    };
    xhr.onerror = () => reject(new ApiError(0, { error: { code: "network", message: "" } }));
    xhr.onabort = () => reject(new ApiError(0, { error: { code: "aborted", message: "" } }));
    signal?.addEventListener("abort", () => xhr.abort());
    xhr.send(form);
  });
}

export function useUploadMaterial(id: string) {
  const qc = useQueryClient();
  return async (...args: Parameters<typeof uploadMaterial> extends [string, ...infer Rest] ? Rest : never) => {
    const res = await uploadMaterial(id, ...args);
    await refresh(qc);
    return res;
  };
}
