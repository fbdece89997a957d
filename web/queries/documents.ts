import { infiniteQueryOptions, queryOptions } from "@tanstack/react-query";
import { api, request } from "../api";
import type { CommentRow } from "../../worker/documents/types";

export const docKeys = {
  all: ["documents"] as const,
  list: (trackId: number) => ["documents", "list", trackId] as const,
  doc: (id: string) => ["documents", id] as const,
  draft: (id: string) => ["documents", id, "draft"] as const,
  revision: (id: string, n: number) => ["documents", id, "rev", n] as const,
  comments: (id: string, n: number, pid: string | null) => ["documents", id, "rev", n, "comments", pid ?? "document"] as const,
  history: (id: string, cid: string) => ["documents", id, "history", cid] as const,
  dispositions: (id: string, n: number) => ["documents", id, "rev", n, "dispositions"] as const,
  diff: (id: string, from: number, to: number) => ["documents", id, "diff", from, to] as const,
};

const documents = api.documents;
const one = documents[":id"];

export const documentListQuery = (trackId: number) =>
  queryOptions({
    queryKey: docKeys.list(trackId),
    queryFn: () => request(documents.$get({ query: { trackId: String(trackId) } })),
  });

export const documentQuery = (id: string) =>
  queryOptions({
    queryKey: docKeys.doc(id),
    queryFn: () => request(one.$get({ param: { id } })),
  });

export const draftQuery = (id: string) =>
  queryOptions({
    queryKey: docKeys.draft(id),
    queryFn: () => request(one.draft.$get({ param: { id } })),
    staleTime: 0,
  });

export const revisionQuery = (id: string, n: number) =>
  queryOptions({
    queryKey: docKeys.revision(id, n),
    // The live part (counts, window, permissions) is small and refetched after every comment;
    // the issued text never changes, so the browser keeps it (immutable, ETag) and a poor
    // connection downloads it once.
    queryFn: async () => {
      const param = { id, n: String(n) };
      const [live, text] = await Promise.all([
        request(one.revisions[":n"].$get({ param, query: { text: "0" } })),
        request(one.revisions[":n"].text.$get({ param })),
      ]);
      const byPid = new Map(text.paragraphs.map((p) => [p.pid, p]));
      return {
        ...live,
        paragraphs: live.paragraphs.map((p) => {
          const full = byPid.get(p.pid);
          // Reports' paragraphs may carry footnotes (inline markup), numbered through the revision.
          return { ...p, html: full?.html ?? "", ...(full?.footnotes?.length ? { footnotes: full.footnotes } : {}) };
        }),
      };
    },
  });

export const COMMENTS_PAGE = 30;

export const commentsQuery = (id: string, n: number, pid: string | null) =>
  infiniteQueryOptions({
    queryKey: docKeys.comments(id, n, pid),
    queryFn: ({ pageParam }) =>
      request(
        one.revisions[":n"].comments.$get({
          param: { id, n: String(n) },
          query: { paragraph: pid ?? undefined, after: pageParam, limit: String(COMMENTS_PAGE) },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next ?? undefined,
  });

export const historyQuery = (id: string, cid: string) =>
  queryOptions({
    queryKey: docKeys.history(id, cid),
    queryFn: () => request(one.comments[":cid"].history.$get({ param: { id, cid } })),
  });

export const dispositionsQuery = (id: string, n: number) =>
  queryOptions({
    queryKey: docKeys.dispositions(id, n),
    // The route also answers CSV and DOCX downloads, so its JSON shape is given here.
    queryFn: async () =>
      (await request(one.revisions[":n"].dispositions.$get({ param: { id, n: String(n) }, query: { format: "json" } }))) as unknown as { rows: CommentRow[] },
  });

export const diffQuery = (id: string, from: number, to: number) =>
  queryOptions({
    queryKey: docKeys.diff(id, from, to),
    queryFn: () => request(one.diff.$get({ param: { id }, query: { from: String(from), to: String(to) } })),
    staleTime: 5 * 60_000,
  });

/** Links for downloads (plain GETs with the session cookie). */
export const downloadUrl = {
  compilation: (id: string, n: number, format: "html" | "docx") => `/api/documents/${encodeURIComponent(id)}/revisions/${n}/compilation?format=${format}`,
  dispositions: (id: string, n: number, format: "csv" | "docx") => `/api/documents/${encodeURIComponent(id)}/revisions/${n}/dispositions?format=${format}`,
};

export type RevisionData = Awaited<ReturnType<NonNullable<ReturnType<typeof revisionQuery>["queryFn"]>>>;
export type CommentsPage = Awaited<ReturnType<NonNullable<ReturnType<typeof commentsQuery>["queryFn"]>>>;
export type CommentItem = CommentsPage["comments"][number];
