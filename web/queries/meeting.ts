// One meeting: its page (agenda, materials, replies, register, quorum, history), its
// minutes and their per-item history, the personal calendar feed, and every change to them.
import { queryOptions, useMutation, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { api, ApiError, request, type ErrorBody } from "../api";
import type { Locale } from "../../worker/auth/schemas";
import type { AttendanceStatus, MeetingReply } from "../../worker/db/enums";
import { zoneOffsetMinutes } from "../../worker/lib/zonedTime";

export const meetingKeys = {
  all: ["meetings"] as const,
  detail: (id: string) => ["meetings", "detail", id] as const,
  minutes: (id: string) => ["meetings", "minutes", id] as const,
  minutesHistory: (id: string, itemId: string) => ["meetings", "minutesHistory", id, itemId] as const,
  feed: ["meetings", "feed"] as const,
};

const one = api.meetings[":id"];
const param = (id: string) => ({ param: { id } });

export const meetingQuery = (id: string) =>
  queryOptions({
    queryKey: meetingKeys.detail(id),
    queryFn: () => request(one.$get(param(id))),
  });

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

export type MeetingDetail = Awaited<ReturnType<NonNullable<ReturnType<typeof meetingQuery>["queryFn"]>>>;
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
export const meetingCalls = {
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

// ---------------------------------------------------------------- times with their zones

/** "UTC+2", "UTC-4", "UTC+5:30". */
export function utcOffset(ms: number, zone: string): string {
  const m = zoneOffsetMinutes(ms, zone);
  const h = Math.floor(Math.abs(m) / 60);
  const rest = Math.abs(m) % 60;
  return `UTC${m < 0 ? "-" : "+"}${h}${rest ? `:${String(rest).padStart(2, "0")}` : ""}`;
}

/** A zone's letters ("CEST", "EDT") where one is in common use; null where only an offset exists. */
export function zoneAbbreviation(ms: number, zone: string, locale: string): string | null {
  for (const l of [locale, "en-GB", "en-US"]) {
    try {
      const name = new Intl.DateTimeFormat(l, { timeZone: zone, timeZoneName: "short" }).formatToParts(ms).find((p) => p.type === "timeZoneName")?.value;
      if (name && /^[A-Z]{2,5}$/.test(name) && name !== "UTC" && name !== "GMT") return name;
    } catch {
      /* an unknown zone: fall through */
    }
  }
  return null;
}

/** UN English writes dates the British way: "Sunday 29 March 2026". */
const intlLocale = (locale: Locale) => (locale === "en" ? "en-GB" : locale);

/** "Sunday 29 March 2026, 10:00–13:00", or a range across days, on the wall clock of `zone` (Intl joins the parts per language). */
export function formatSpan(startIso: string, endIso: string, zone: string, ui: Locale, short = false): string {
  const day = short
    ? ({ weekday: "short", day: "numeric", month: "short" } as const)
    : ({ weekday: "long", day: "numeric", month: "long", year: "numeric" } as const);
  return new Intl.DateTimeFormat(intlLocale(ui), { ...day, hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: zone }).formatRange(Date.parse(startIso), Date.parse(endIso));
}

/** Latin-script pieces ("CET, UTC+1", "America/New York") isolated, so they keep their order inside Arabic text. */
export const ltr = (text: string) => `\u2066${text}\u2069`;
/** Text in any script (a document title) isolated in its own direction. */
export const isolate = (text: string) => `\u2068${text}\u2069`;
