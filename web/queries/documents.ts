// Track drafts: the list, one document, its working copy, its revisions with their comments,
// history, dispositions and diffs, and every write on them with what each write refreshes.
import { infiniteQueryOptions, queryOptions, useQueryClient } from "@tanstack/react-query";
import { api, ApiError, request } from "../api";
import type { Block, CommentRow, Disposition } from "../../worker/documents/types";
import { staleCurrent } from "./stale";

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

type Json<F extends (args: never) => unknown> = Parameters<F>[0] extends { json: infer J } ? J : never;
const rev = one.revisions[":n"];
export type CreateDocumentJson = Json<typeof documents.$post>;
export type DraftJson = Json<typeof one.draft.$put>;
export type IssueJson = Json<typeof one.revisions.$post>;
export type WindowJson = Json<typeof rev.$patch>;
export type CommentJson = Json<typeof rev.comments.$post>;
export type EditCommentJson = Json<(typeof one.comments)[":cid"]["$patch"]>;
export type DispositionJson = Json<(typeof one.comments)[":cid"]["disposition"]["$put"]>;

/** Writes on a document and its working copy. */
export function useDocumentWrites() {
  const qc = useQueryClient();
  return {
    create: async (json: CreateDocumentJson) => {
      const res = await request(documents.$post({ json }));
      if (json.trackId !== null) await qc.invalidateQueries({ queryKey: docKeys.list(json.trackId) });
      return res;
    },
    /** Saves the working copy; a stale save is refused with 409 (see staleCurrent). */
    saveDraft: (id: string, json: DraftJson) => request(one.draft.$put({ param: { id }, json })),
    issue: async (id: string, json: IssueJson) => {
      const res = await request(one.revisions.$post({ param: { id }, json }));
      await qc.invalidateQueries({ queryKey: docKeys.doc(id) });
      void qc.invalidateQueries({ queryKey: docKeys.all });
      return res;
    },
    setWindow: async (id: string, n: number, json: WindowJson) => {
      await request(rev.$patch({ param: { id, n: String(n) }, json }));
      await qc.invalidateQueries({ queryKey: docKeys.revision(id, n) });
      void qc.invalidateQueries({ queryKey: docKeys.doc(id) });
    },
    publishDispositions: async (id: string, n: number) => {
      await request(rev["publish-dispositions"].$post({ param: { id, n: String(n) } }));
      await Promise.all([qc.invalidateQueries({ queryKey: docKeys.revision(id, n) }), qc.invalidateQueries({ queryKey: docKeys.dispositions(id, n) })]);
    },
  };
}

/** Reads a .docx into blocks for the editor to preview; nothing is saved. Errors come back as ApiError. */
export async function importDocx(id: string, file: File): Promise<Block[]> {
  let res: Response;
  try {
    res = await fetch(`/api/documents/${encodeURIComponent(id)}/draft/import`, {
      method: "POST",
      credentials: "same-origin",
      headers: { "content-type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
      body: file,
    });
  } catch (err) {
    throw new ApiError(0, { error: { code: "network", message: String(err) } });
  }
  const body = (await res.json().catch(() => null)) as { blocks?: Block[]; error?: { code?: string; message: string } } | null;
  if (!res.ok || !body?.blocks) throw new ApiError(res.status, { error: { code: body?.error?.code ?? "http_error", message: body?.error?.message ?? `HTTP ${res.status}` } });
  return body.blocks;
}

export type CurrentDisposition = { value: Disposition | null; reason: string | null; version: number };

/** Comments on one thread (a paragraph, or the document as a whole); each write reloads the thread and the revision's counts. */
export function useCommentWrites(id: string, n: number, pid: string | null) {
  const qc = useQueryClient();
  const refresh = () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: docKeys.comments(id, n, pid) }),
      qc.invalidateQueries({ queryKey: docKeys.revision(id, n), exact: true }),
    ]);
  return {
    post: async (json: CommentJson) => {
      await request(rev.comments.$post({ param: { id, n: String(n) }, json }));
      await refresh();
    },
    edit: async (cid: string, json: EditCommentJson) => {
      await request(one.comments[":cid"].$patch({ param: { id, cid }, json }));
      await refresh();
    },
    /** A colleague's newer disposition (409) reloads the thread too, then the error goes on to the form. */
    dispose: async (cid: string, commentRevision: number, json: DispositionJson) => {
      try {
        await request(one.comments[":cid"].disposition.$put({ param: { id, cid }, json }));
      } catch (err) {
        if (staleCurrent<CurrentDisposition>(err)) await refresh();
        throw err;
      }
      await refresh();
      void qc.invalidateQueries({ queryKey: docKeys.dispositions(id, commentRevision) });
    },
  };
}

export type RevisionData = Awaited<ReturnType<NonNullable<ReturnType<typeof revisionQuery>["queryFn"]>>>;
export type CommentsPage = Awaited<ReturnType<NonNullable<ReturnType<typeof commentsQuery>["queryFn"]>>>;
export type CommentItem = CommentsPage["comments"][number];
