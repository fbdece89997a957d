import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { describeRoute } from "hono-openapi";
import { emptyResponse, errors, jsonResponse } from "../openapi";
import { auditContext, writeAudited } from "../audit";
import { newId, sha256Hex } from "../auth/crypto";
import { documents, reports, revisions, tracks, users } from "../db/schema";
import { aliased } from "../db/alias";
import { versionedUpdate, writeGuarded } from "../db/guarded";
import type { AppEnv, Db } from "../env";
import { ApiError, badRequest, conflict, notFound } from "../errors";
import { DocxError, docxToBlocks } from "./docx-import";
import { authorize, can } from "../policy";
import { v } from "../validation";
import { documentColumns, documentScope, listColumns, loadDocument, visibleOr404 } from "./access";
import { commentRoutes } from "./comments";
import { diffRevisions } from "./diff";
import { sanitizeInline } from "./markup";
import { findRevision, issueRevision, revisionSummary, revisionText } from "./revisions";
import {
  CreateDocumentBody,
  DiffQuery,
  DocumentParam,
  DraftBody,
  IssueBody,
  ListQuery,
  RevisionParam,
  UpdateDocumentBody,
  WindowBody,
} from "./schemas";
import { type Block, revisionLabel } from "./types";

export const MAX_DOCX_BYTES = 10 * 1024 * 1024;

const cleanBlocks = (blocks: Block[]) =>
  blocks.map((b) => ({ pid: b.pid ?? null, kind: b.kind, html: sanitizeInline(b.html) })).filter((b) => b.html.length > 0);

async function currentDraft(db: Db, id: string) {
  const [row] = await db
    .select({ json: documents.draftJson, version: documents.draftVersion, updatedAt: documents.draftUpdatedAt, updatedBy: users.name })
    .from(documents)
    .leftJoin(users, eq(users.id, documents.draftUpdatedBy))
    .where(eq(documents.id, id));
  if (!row) throw notFound("The document");
  return { version: row.version, blocks: JSON.parse(row.json) as Block[], updatedAt: row.updatedAt, updatedBy: row.updatedBy };
}

const staleDraft = async (db: Db, id: string) =>
  conflict("Someone saved a newer working copy. Review it before saving again.", { current: await currentDraft(db, id) });

/** A report's text is edited as sections in Reports; its working copy follows from them. */
function notAReport(doc: { kind: string }) {
  if (doc.kind === "progress_report") throw conflict("This is a progress report: edit its sections under Reports.");
}

export const documentRoutes = new Hono<AppEnv>()
  .get(
    "/",
    describeRoute({ tags: ["documents"], summary: "Documents the caller may read, optionally for one track", responses: { 200: jsonResponse("Documents the caller may read, optionally for one track"), ...errors(400) } }),
    v("query", ListQuery),
    async (c) => {
      const { trackId } = c.req.valid("query");
      const db = c.get("db");
      const actor = c.get("actor");
      const [docs, latest] = await db.batch([
        // Not the working copies: a list needs none of their text.
        db
          .select(listColumns)
          .from(documents)
          .where(trackId ? eq(documents.trackId, trackId) : undefined)
          .orderBy(desc(documents.updatedAt)),
        db
          .select()
          .from(revisions)
          .where(sql`${revisions.number} = (select max(r2.number) from revisions r2 where r2.document_id = ${revisions.documentId})`),
      ]);
      const latestBy = new Map(latest.map((r) => [r.documentId, r]));
      const visible = docs.filter((d) => can(actor, "documents.view", documentScope(d)));
      return c.json(
        {
          documents: visible.map((d) => {
            const r = latestBy.get(d.id);
            return { ...d, latest: r ? revisionSummary(r) : null };
          }),
          canCreate: can(actor, "documents.edit", { trackId: trackId ?? null }),
        },
        200,
      );
    },
  )
  .post(
    "/",
    describeRoute({ tags: ["documents"], summary: "Create a document for a track (its co-facilitators) or the plenary (the Chair)", responses: { 201: jsonResponse("Created"), ...errors(400, 401) } }),
    v("json", CreateDocumentBody),
    async (c) => {
      const body = c.req.valid("json");
      const db = c.get("db");
      const actor = authorize(c.get("actor"), "documents.edit", { trackId: body.trackId });
      if (body.trackId && !(await db.query.tracks.findFirst({ where: eq(tracks.id, body.trackId) }))) {
        throw badRequest("trackId", "No track has this id.");
      }
      const now = new Date().toISOString();
      const row = {
        id: newId(),
        trackId: body.trackId,
        kind: body.kind,
        title: body.title,
        symbol: body.symbol || null,
        visibility: body.visibility,
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
        draftJson: "[]",
        draftVersion: 1,
      };
      await writeAudited(
        auditContext(c),
        [{ action: "document.create", targetType: "document", targetId: row.id, after: { ...row, draftJson: undefined } }],
        [db.insert(documents).values(row)],
      );
      return c.json({ document: { id: row.id } }, 201);
    },
  )
  .get(
    "/:id",
    describeRoute({ tags: ["documents"], summary: "A document with its revisions", responses: { 200: jsonResponse("A document with its revisions"), ...errors(400, 404) } }),
    v("param", DocumentParam),
    async (c) => {
      const db = c.get("db");
      const actor = c.get("actor");
      const { id } = c.req.valid("param");
      const [[doc], revs, [track]] = await db.batch([
        // A progress report's document names its report: its text is edited there, not in the generic editor.
        db.select({ ...documentColumns, reportId: aliased(reports.id, "report_id") }).from(documents).leftJoin(reports, eq(reports.documentId, documents.id)).where(eq(documents.id, id)),
        db.select().from(revisions).where(eq(revisions.documentId, id)).orderBy(asc(revisions.number)),
        db.select({ id: tracks.id, slug: tracks.slug, shortTitle: tracks.shortTitle }).from(tracks).innerJoin(documents, eq(documents.trackId, tracks.id)).where(eq(documents.id, id)),
      ]);
      const d = visibleOr404(actor, doc);
      return c.json(
        {
          document: { id: d.id, trackId: d.trackId, kind: d.kind, title: d.title, symbol: d.symbol, visibility: d.visibility, createdAt: d.createdAt, updatedAt: d.updatedAt, reportId: doc!.reportId ?? null },
          track: track ?? null,
          revisions: revs.map(revisionSummary),
          permissions: { edit: can(actor, "documents.edit", documentScope(d)), comment: can(actor, "comments.create", documentScope(d)) },
        },
        200,
      );
    },
  )
  .patch(
    "/:id",
    describeRoute({ tags: ["documents"], summary: "Change a document's title, symbol or visibility", responses: { 200: jsonResponse("Done"), ...errors(400, 401, 404) } }),
    v("param", DocumentParam),
    v("json", UpdateDocumentBody),
    async (c) => {
      const db = c.get("db");
      const doc = await loadDocument(db, c.get("actor"), c.req.valid("param").id);
      authorize(c.get("actor"), "documents.edit", documentScope(doc));
      // A report's title and symbol follow its own rules (fixed once published).
      notAReport(doc);
      const body = c.req.valid("json");
      const before = { title: doc.title, symbol: doc.symbol, visibility: doc.visibility };
      const after = { ...before, ...body };
      await writeAudited(
        auditContext(c),
        [{ action: "document.update", targetType: "document", targetId: doc.id, before, after }],
        [db.update(documents).set({ ...body, updatedAt: new Date().toISOString() }).where(eq(documents.id, doc.id))],
      );
      return c.json({ document: { id: doc.id, ...after } }, 200);
    },
  )
  .get(
    "/:id/draft",
    describeRoute({ tags: ["documents"], summary: "The co-facilitators' working copy", responses: { 200: jsonResponse("The co-facilitators' working copy"), ...errors(400, 401, 403, 404) } }),
    v("param", DocumentParam),
    async (c) => {
      const db = c.get("db");
      const doc = await loadDocument(db, c.get("actor"), c.req.valid("param").id);
      authorize(c.get("actor"), "documents.edit", documentScope(doc));
      return c.json({ draft: await currentDraft(db, doc.id) }, 200);
    },
  )
  .put(
    "/:id/draft",
    describeRoute({ tags: ["documents"], summary: "Save the working copy; 409 with the newer text when someone saved since baseVersion", responses: { 200: jsonResponse("Done"), ...errors(400, 401, 404, 409) } }),
    v("param", DocumentParam),
    v("json", DraftBody),
    async (c) => {
      const db = c.get("db");
      const actor = c.get("actor");
      const doc = await loadDocument(db, actor, c.req.valid("param").id);
      const editor = authorize(actor, "documents.edit", documentScope(doc));
      notAReport(doc);
      const { baseVersion, blocks } = c.req.valid("json");
      if (doc.draftVersion !== baseVersion) throw await staleDraft(db, doc.id);
      const clean = cleanBlocks(blocks);
      const now = new Date().toISOString();
      // A colleague who saved first wins: 409 with their text, and no audit row for this save.
      await writeGuarded(
        auditContext(c),
        versionedUpdate(db, documents, {
          row: eq(documents.id, doc.id),
          version: documents.draftVersion,
          base: baseVersion,
          set: { draftJson: JSON.stringify(clean), updatedAt: now },
          stamp: { draftUpdatedAt: now, draftUpdatedBy: editor.userId },
        }),
        [{ action: "document.draft_save", targetType: "document", targetId: doc.id, before: { version: baseVersion }, after: { version: baseVersion + 1, paragraphs: clean.length } }],
        { stale: () => staleDraft(db, doc.id) },
      );
      return c.json({ draft: { version: baseVersion + 1, blocks: clean, updatedAt: now, updatedBy: editor.name } }, 200);
    },
  )
  .post(
    "/:id/draft/import",
    describeRoute({ tags: ["documents"], summary: "Read a .docx file (request body) into paragraphs for the working copy; 422 when it cannot be read", responses: { 200: jsonResponse("Done"), ...errors(400, 401, 404, 422) } }),
    v("param", DocumentParam),
    bodyLimit({ maxSize: MAX_DOCX_BYTES, onError: () => { throw new ApiError(413, "payload_too_large", "The file is larger than 10 MB."); } }),
    async (c) => {
      const db = c.get("db");
      const doc = await loadDocument(db, c.get("actor"), c.req.valid("param").id);
      authorize(c.get("actor"), "documents.edit", documentScope(doc));
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      try {
        return c.json({ blocks: cleanBlocks(docxToBlocks(bytes)) }, 200);
      } catch (err) {
        if (err instanceof DocxError) throw new ApiError(422, "unreadable_docx", err.message);
        throw err;
      }
    },
  )
  .post(
    "/:id/revisions",
    describeRoute({ tags: ["documents"], summary: "Issue the working copy as the next revision, with its comment window", responses: { 201: jsonResponse("Created"), ...errors(400, 401, 404, 409) } }),
    v("param", DocumentParam),
    v("json", IssueBody),
    async (c) => {
      const db = c.get("db");
      const actor = c.get("actor");
      const doc = await loadDocument(db, actor, c.req.valid("param").id);
      const editor = authorize(actor, "documents.edit", documentScope(doc));
      const body = c.req.valid("json");
      notAReport(doc);
      const working = await currentDraft(db, doc.id);
      if (working.version !== body.baseVersion) {
        throw conflict("Someone saved a newer working copy. Review it before issuing.", { current: working });
      }
      if (working.blocks.length === 0) throw badRequest("baseVersion", "The working copy is empty: write or import the text first.");
      const revision = await issueRevision(c, doc, editor, working, body);
      return c.json({ revision }, 201);
    },
  )
  .patch(
    "/:id/revisions/:n",
    describeRoute({ tags: ["documents"], summary: "Extend or close the comment window, or allow late comments", responses: { 200: jsonResponse("Done"), ...errors(400, 401, 404, 409) } }),
    v("param", RevisionParam),
    v("json", WindowBody),
    async (c) => {
      const db = c.get("db");
      const { id, n } = c.req.valid("param");
      const doc = await loadDocument(db, c.get("actor"), id);
      authorize(c.get("actor"), "documents.edit", documentScope(doc));
      const revision = await findRevision(db, doc.id, n);
      if (revision.adoptedAt) throw conflict(`${revisionLabel(n)} was adopted and is locked.`);
      const body = c.req.valid("json");
      const closeAt = body.commentsCloseAt ? new Date(body.commentsCloseAt).toISOString() : revision.commentsCloseAt;
      if (closeAt <= revision.commentsOpenAt) throw badRequest("commentsCloseAt", "The window must close after it opens.");
      const after = { commentsCloseAt: closeAt, allowLate: body.allowLate ?? revision.allowLate };
      await writeAudited(
        auditContext(c),
        [{ action: "revision.window", targetType: "revision", targetId: revision.id, before: { commentsCloseAt: revision.commentsCloseAt, allowLate: revision.allowLate }, after }],
        [db.update(revisions).set(after).where(eq(revisions.id, revision.id))],
      );
      return c.json({ revision: revisionSummary({ ...revision, ...after }) }, 200);
    },
  )
  .post(
    "/:id/revisions/:n/publish-dispositions",
    describeRoute({ tags: ["documents"], summary: "Publish the disposition of this revision's comments to all readers", responses: { 200: jsonResponse("Done"), ...errors(400, 401, 404) } }),
    v("param", RevisionParam),
    async (c) => {
      const db = c.get("db");
      const { id, n } = c.req.valid("param");
      const doc = await loadDocument(db, c.get("actor"), id);
      authorize(c.get("actor"), "comments.dispose", documentScope(doc));
      const revision = await findRevision(db, doc.id, n);
      if (revision.dispositionsPublishedAt) return c.json({ publishedAt: revision.dispositionsPublishedAt }, 200);
      const now = new Date().toISOString();
      await writeAudited(
        auditContext(c),
        [{ action: "revision.publish_dispositions", targetType: "revision", targetId: revision.id, after: { number: n } }],
        [db.update(revisions).set({ dispositionsPublishedAt: now }).where(eq(revisions.id, revision.id))],
      );
      return c.json({ publishedAt: now }, 200);
    },
  )
  .get(
    "/:id/diff",
    describeRoute({ tags: ["documents"], summary: "Compare two revisions paragraph by paragraph, with word-level changes", responses: { 200: jsonResponse("Compare two revisions paragraph by paragraph, with word-level changes"), 304: emptyResponse("Not modified: the ETag in If-None-Match still matches"), ...errors(400, 404) } }),
    v("param", DocumentParam),
    v("query", DiffQuery),
    async (c) => {
      const db = c.get("db");
      const doc = await loadDocument(db, c.get("actor"), c.req.valid("param").id);
      const { from, to } = c.req.valid("query");
      const revs = await db
        .select()
        .from(revisions)
        .where(and(eq(revisions.documentId, doc.id), inArray(revisions.number, [from, to])));
      const a = revs.find((r) => r.number === from);
      const b = revs.find((r) => r.number === to);
      if (!a) throw notFound(`${revisionLabel(from)} of this document`);
      if (!b) throw notFound(`${revisionLabel(to)} of this document`);
      // Issued texts never change, so the diff only changes with the summaries (window, adoption):
      // a browser that has this version revalidates for free and skips the 300 KB and the work.
      const summaries = { from: revisionSummary(a), to: revisionSummary(b) };
      const etag = `"${(await sha256Hex(`${a.id}|${b.id}|${JSON.stringify(summaries)}`)).slice(0, 32)}"`;
      c.header("ETag", etag);
      c.header("Cache-Control", "private, no-cache");
      if (c.req.header("if-none-match") === etag) return c.body(null, 304);
      const [textA, textB] = await Promise.all([revisionText(db, a.id), revisionText(db, b.id)]);
      return c.json({ ...summaries, changes: diffRevisions(textA, textB) }, 200);
    },
  )
  .route("/", commentRoutes);
