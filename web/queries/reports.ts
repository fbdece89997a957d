// Progress reports: the list, one report (its workspace), every write on them, and the
// downloads of drafts with their progress. Keys start with "reports" (the list) or "report"
// (one report, shared with the translation page), so a write refreshes both.
import { queryOptions, useQueryClient } from "@tanstack/react-query";
import { api, ApiError, request, type ErrorBody } from "../api";
import { conflictDetails } from "./stale";

export const reportKeys = {
  all: ["reports"] as const,
  list: ["reports", "list"] as const,
  detail: (id: string) => ["report", id] as const,
};

const reports = api.reports;
const one = reports[":id"];
const param = (id: string) => ({ param: { id } });

export const reportListQuery = queryOptions({
  queryKey: reportKeys.list,
  queryFn: () => request(reports.$get()),
});

export const reportQuery = (id: string) =>
  queryOptions({
    queryKey: reportKeys.detail(id),
    queryFn: () => request(one.$get(param(id))),
    // Sections are edited here: what the editor shows must be the server's latest.
    staleTime: 0,
  });

export type CreateJson = Parameters<typeof reports.$post>[0]["json"];
export type UpdateJson = Parameters<typeof one.$patch>[0]["json"];
export type SectionJson = Parameters<(typeof one.sections)[":key"]["$put"]>[0]["json"];
export type ReviewJson = Parameters<typeof one.review.$post>[0]["json"];
export type CorrigendumJson = Parameters<typeof one.corrigenda.$post>[0]["json"];
export type RegenerateJson = Parameters<typeof one.regenerate.$post>[0]["json"];

const section = (id: string, key: string) => ({ param: { id, key } });

/** The calls themselves, without any refresh; components use useReportWrites. */
const reportCalls = {
  create: (json: CreateJson) => request(reports.$post({ json })),
  update: (id: string, json: UpdateJson) => request(one.$patch({ ...param(id), json })),
  saveSection: (id: string, key: string, json: SectionJson) => request(one.sections[":key"].$put({ ...section(id, key), json })),
  addSection: (id: string, title: string, annex: boolean) => request(one.sections.$post({ ...param(id), json: { title, annex } })),
  removeSection: (id: string, key: string) => request(one.sections[":key"].$delete(section(id, key))),
  setSource: (id: string, key: string, revisionId: string | null) => request(one.sections[":key"].source.$put({ ...section(id, key), json: { revisionId } })),
  regenerate: (id: string, json: RegenerateJson) => request(one.regenerate.$post({ ...param(id), json })),
  review: (id: string, json: ReviewJson) => request(one.review.$post({ ...param(id), json })),
  publish: (id: string) => request(one.publish.$post(param(id))),
  reopen: (id: string) => request(one.reopen.$post(param(id))),
  corrigendum: (id: string, json: CorrigendumJson) => request(one.corrigenda.$post({ ...param(id), json })),
};

/**
 * Every write on a report, each with what it refreshes: the report and the list after a change
 * of state, the report alone after a change of its sections. A saved section or a
 * regeneration answers with the sections and word counts, which go into the cached report at
 * once so numbers and counts follow the text.
 */
export function useReportWrites(id?: string) {
  const qc = useQueryClient();
  const reload = () => qc.invalidateQueries({ queryKey: reportKeys.detail(id!) });
  const both = async <T,>(p: Promise<T>): Promise<T> => {
    const out = await p;
    await Promise.all([id ? reload() : null, qc.invalidateQueries({ queryKey: reportKeys.all })]);
    return out;
  };
  const section = async <T,>(p: Promise<T>): Promise<T> => {
    const out = await p;
    await reload();
    return out;
  };
  /** Puts sections (and the word counts) into the cached report. */
  const putInCache = (sections: (Partial<ReportSection> & { key: string })[], words?: WordCounts) =>
    qc.setQueryData<ReportData>(reportKeys.detail(id!), (old) =>
      old ? { ...old, sections: old.sections.map((x) => ({ ...x, ...(sections.find((s) => s.key === x.key) ?? {}) })), ...(words ? { words } : {}) } : old,
    );
  return {
    create: (json: CreateJson) => both(reportCalls.create(json)),
    update: (json: UpdateJson) => both(reportCalls.update(id!, json)),
    review: (json: ReviewJson) => both(reportCalls.review(id!, json)),
    publish: () => both(reportCalls.publish(id!)),
    reopen: () => both(reportCalls.reopen(id!)),
    corrigendum: (json: CorrigendumJson) => both(reportCalls.corrigendum(id!, json)),
    addSection: (title: string, annex: boolean) => section(reportCalls.addSection(id!, title, annex)),
    removeSection: (key: string) => section(reportCalls.removeSection(id!, key)),
    setSource: (key: string, revisionId: string | null) => section(reportCalls.setSource(id!, key, revisionId)),
    /** A stale save answers 409 with the colleague's section (staleCurrent); a refusal naming the report's state reloads it. */
    saveSection: async (key: string, json: SectionJson) => {
      try {
        const res = await reportCalls.saveSection(id!, key, json);
        putInCache([res.section as ReportSection], res.words);
        void qc.invalidateQueries({ queryKey: reportKeys.all });
        return res;
      } catch (err) {
        const details = conflictDetails<{ current?: ReportSection; state?: string }>(err);
        if (!details?.current && details?.state) void reload();
        throw err;
      }
    },
    /** Takes a colleague's section as the one in the cache; the report is reloaded for what the 409's copy leaves out. */
    takeSection: (s: ReportSection) => {
      putInCache([s]);
      void reload();
    },
    regenerate: async (json: RegenerateJson) => {
      const res = await reportCalls.regenerate(id!, json);
      putInCache(res.sections, res.words);
      void reload();
      return res;
    },
  };
}

export type ReportList = Awaited<ReturnType<NonNullable<(typeof reportListQuery)["queryFn"]>>>;
export type ReportListItem = ReportList["reports"][number];
export type ReportData = Awaited<ReturnType<NonNullable<ReturnType<typeof reportQuery>["queryFn"]>>>;
export type ReportInfo = ReportData["report"];
export type ReportSection = ReportData["sections"][number];
export type SectionBlock = ReportSection["blocks"][number];
export type ReportState = ReportInfo["state"];
export type Publication = ReportInfo["publications"][number];
export type WordCounts = ReportData["words"];
export type RegenerateResult = Awaited<ReturnType<typeof reportCalls.regenerate>>;
export type Published = Awaited<ReturnType<typeof reportCalls.publish>>["publication"];

export const EXPORT_FORMATS = ["pdf", "docx", "html"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The address of a draft's file: an issued revision's number, or "working" for the sections as they are. */
export const exportUrl = (id: string, format: ExportFormat, revision: number | "working") =>
  `/api/reports/${encodeURIComponent(id)}/export?format=${format}&revision=${revision}`;

/** The file name a Content-Disposition header gives (RFC 6266: filename* wins), else `fallback`. */
export function fileNameFrom(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (star) {
    try {
      return decodeURIComponent(star[1]!.trim());
    } catch {
      /* fall through to the plain name */
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"|filename\s*=\s*([^;]+)/i.exec(header);
  return (plain?.[1] ?? plain?.[2]?.trim()) || fallback;
}

export type Progress = { loaded: number; total: number | null };

/**
 * Downloads a file with its progress (bytes read against Content-Length, when the server
 * sent one), then hands it to the browser through a blob URL under the server's file name.
 * Errors come back as ApiError with the server's message (422: no PDF in this language).
 */
export async function downloadWithProgress(url: string, fallbackName: string, onProgress: (p: Progress) => void, signal?: AbortSignal): Promise<{ name: string; size: number }> {
  let res: Response;
  try {
    res = await fetch(url, { credentials: "same-origin", signal });
  } catch (err) {
    if (signal?.aborted) throw new ApiError(0, { error: { code: "aborted", message: "" } });
    throw new ApiError(0, { error: { code: "network", message: String(err) } });
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as ErrorBody | null;
    throw new ApiError(res.status, body?.error ? body : { error: { code: "http_error", message: `HTTP ${res.status}` } });
  }
  const length = Number(res.headers.get("content-length"));
  const total = Number.isFinite(length) && length > 0 ? length : null;
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  onProgress({ loaded, total });
  try {
    if (res.body) {
      const reader = res.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        loaded += value.byteLength;
        onProgress({ loaded, total });
      }
    } else {
      const all = new Uint8Array(await res.arrayBuffer());
      chunks.push(all);
      loaded = all.byteLength;
      onProgress({ loaded, total });
    }
  } catch (err) {
    if (signal?.aborted) throw new ApiError(0, { error: { code: "aborted", message: "" } });
    throw new ApiError(0, { error: { code: "network", message: String(err) } });
  }
  const name = fileNameFrom(res.headers.get("content-disposition"), fallbackName);
  const blob = new Blob(chunks as BlobPart[], { type: res.headers.get("content-type") ?? "application/octet-stream" });
  const href = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = href;
  a.download = name;
  a.hidden = true;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Give the browser time to start saving before the URL goes.
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
  return { name, size: blob.size };
}
