// The revision page and everything members write on it: comments,
// amendments, replies, edits and the co-facilitators' dispositions.
import { and, asc, eq, gt, inArray, isNotNull, isNull, lte, not, or, sql } from "drizzle-orm";
import { type Context, Hono } from "hono";
import { describeRoute } from "hono-openapi";
import { DOCX, emptyResponse, errors, fileResponse, jsonResponse } from "../openapi";
import { auditContext, writeAudited } from "../audit";
import { newId } from "../auth/crypto";
import { aliased } from "../db/alias";
import { rowExists, versionedUpdate, writeGuarded } from "../db/guarded";
import { commentCounts, commentEdits, comments, documents, positions, revisionParagraphs, revisions, seats, tracks, users } from "../db/schema";
import type { AppEnv, Db } from "../env";
import { ApiError, conflict, notFound } from "../errors";
import { type Actor, authorize, can } from "../policy";
import { v } from "../validation";
import { officeName, personNameFor } from "../people";
import { type DocumentRow, documentScope, loadDocument, selectDocument, visibleOr404 } from "./access";
import { compilationDocx, compilationHtml, dispositionMatrixCsv, dispositionMatrixDocx } from "./export";
import { findRevision, revisionSummary, revisionText } from "./revisions";
import { CommentBody, CommentParam, CommentsQuery, DispositionBody, EditCommentBody, FormatQuery, PageQuery, RevisionParam } from "./schemas";
import { type CommentRow, type DocumentMeta, type Reservation, revisionLabel } from "./types";

type RevisionRow = typeof revisions.$inferSelect;

/** Whether members may write on a revision now: open, closed (409) or closed but late comments allowed. */
function windowFor(revision: RevisionRow, now: string): { late: boolean } {
  if (revision.adoptedAt) throw conflict(`${revisionLabel(revision.number)} was adopted and is locked.`);
  if (now < revision.commentsOpenAt) {
    throw conflict(`Comments on ${revisionLabel(revision.number)} open on ${revision.commentsOpenAt} (UTC).`);
  }
  if (now > revision.commentsCloseAt) {
    if (revision.allowLate) return { late: true };
    throw conflict(
      `The comment window for ${revisionLabel(revision.number)} closed on ${revision.commentsCloseAt} (UTC). The co-facilitators may allow late comments.`,
    );
  }
  return { late: false };
}

const selectComment = {
  id: comments.id,
  paragraphId: comments.paragraphId,
  parentId: comments.parentId,
  revisionNumber: revisions.number,
  dispositionsPublishedAt: revisions.dispositionsPublishedAt,
  seatId: comments.seatId,
  // Aliased: users.name is selected too, and a D1 batch would collapse the two "name" columns.
  seatName: aliased(seats.name, "seat_name"),
  authorId: comments.authorId,
  authorName: users.name,
  authorNamePublic: users.namePublic,
  authorOffice: users.officerRole,
  kind: comments.kind,
  op: comments.op,
  quote: comments.quote,
  prefix: comments.prefix,
  suffix: comments.suffix,
  proposedText: comments.proposedText,
  body: comments.body,
  late: comments.late,
  createdAt: comments.createdAt,
  updatedAt: comments.updatedAt,
  disposition: comments.disposition,
  dispositionReason: comments.dispositionReason,
  disposedAt: comments.disposedAt,
  dispositionVersion: comments.dispositionVersion,
};

function commentsQuery(db: Db) {
  return db
    .select(selectComment)
    .from(comments)
    .innerJoin(revisions, eq(revisions.id, comments.revisionId))
    .innerJoin(users, eq(users.id, comments.authorId))
    .leftJoin(seats, eq(seats.id, comments.seatId));
}
type CommentSelect = Awaited<ReturnType<ReturnType<typeof commentsQuery>["all"]>>[number];

/** Dispositions are the co-facilitators' working notes until they publish them. */
const dispositionVisible = (actor: Actor, doc: DocumentRow, c: CommentSelect) =>
  !!c.dispositionsPublishedAt || can(actor, "comments.viewDispositions", documentScope(doc));

function present(actor: Actor, doc: DocumentRow, c: CommentSelect, viewing: number) {
  return {
    id: c.id,
    paragraphId: c.paragraphId,
    revision: { number: c.revisionNumber, label: revisionLabel(c.revisionNumber) },
    carriedOver: c.revisionNumber < viewing,
    seat: c.seatId ? { id: c.seatId, name: c.seatName ?? "" } : null,
    author: personNameFor(actor, { name: c.authorName, namePublic: c.authorNamePublic }),
    kind: c.kind,
    op: c.op,
    quote: c.quote,
    prefix: c.prefix,
    suffix: c.suffix,
    proposedText: c.proposedText,
    body: c.body,
    late: c.late,
    createdAt: c.createdAt,
    edited: c.updatedAt !== c.createdAt,
    mine: actor.kind === "user" && actor.userId === c.authorId,
    disposition:
      c.disposition && dispositionVisible(actor, doc, c)
        ? { value: c.disposition, reason: c.dispositionReason, at: c.disposedAt }
        : null,
    // What a disposition form sends back as baseVersion; null for readers who may not see it.
    dispositionVersion: dispositionVisible(actor, doc, c) ? c.dispositionVersion : null,
    dispositionPublished: !!c.dispositionsPublishedAt,
  };
}

/** Who wrote a comment, as this reader may see it: the name where allowed, else an officer's office. */
const authorFor = (actor: Actor, c: CommentSelect) =>
  personNameFor(actor, { name: c.authorName, namePublic: c.authorNamePublic }) ?? (c.seatId ? null : officeName(c.authorOffice));

/**
 * Top-level comments with their replies, as exports and the matrix use them. Each
 * comment's disposition shows only where its own revision's dispositions are
 * published (or to the officers), whichever revision is being read.
 */
async function commentRows(actor: Actor, db: Db, doc: DocumentRow, where: ReturnType<typeof and>, numbers: Map<string, number | null>): Promise<CommentRow[]> {
  const all = await commentsQuery(db)
    .where(and(eq(comments.documentId, doc.id), where))
    .orderBy(asc(comments.createdAt), asc(comments.id));
  const replies = new Map<string, CommentRow["replies"]>();
  for (const c of all) {
    if (!c.parentId) continue;
    replies.set(c.parentId, [...(replies.get(c.parentId) ?? []), { authorName: authorFor(actor, c), seatName: c.seatName, body: c.body, createdAt: c.createdAt }]);
  }
  return all
    .filter((c) => !c.parentId)
    .map((c) => ({
      id: c.id,
      paragraphPid: c.paragraphId,
      paragraphNumber: c.paragraphId ? (numbers.get(c.paragraphId) ?? null) : null,
      seatName: c.seatName,
      authorName: authorFor(actor, c),
      kind: c.kind,
      op: c.op,
      quote: c.quote,
      proposedText: c.proposedText,
      body: c.body,
      late: c.late,
      createdAt: c.createdAt,
      revisionLabel: revisionLabel(c.revisionNumber),
      disposition: dispositionVisible(actor, doc, c) ? c.disposition : null,
      dispositionReason: dispositionVisible(actor, doc, c) ? c.dispositionReason : null,
      replies: replies.get(c.id) ?? [],
    }));
}

async function documentMeta(db: Db, doc: DocumentRow, revision: RevisionRow): Promise<DocumentMeta> {
  const track = doc.trackId ? await db.query.tracks.findFirst({ where: eq(tracks.id, doc.trackId) }) : null;
  return { title: doc.title, symbol: doc.symbol, kind: doc.kind, trackTitle: track?.title ?? null, revisionLabel: revisionLabel(revision.number), issuedAt: revision.issuedAt, adoptedAt: revision.adoptedAt };
}

/** Reservations on a revision, one entry per paragraph they name (modified consensus keeps them in context). */
async function reservationsOn(db: Db, revisionId: string): Promise<Reservation[]> {
  const rows = await db
    .select({ seatName: seats.name, explanation: positions.explanation, paragraphIds: positions.paragraphIds })
    .from(positions)
    .innerJoin(seats, eq(seats.id, positions.seatId))
    .where(and(eq(positions.revisionId, revisionId), eq(positions.stance, "reservation")))
    .orderBy(asc(seats.name));
  return rows.flatMap((r): Reservation[] => {
    const pids = JSON.parse(r.paragraphIds) as string[];
    const explanation = r.explanation ?? "";
    return pids.length ? pids.map((pid) => ({ pid, seatName: r.seatName, explanation })) : [{ pid: null, seatName: r.seatName, explanation }];
  });
}

/** What every export of a revision starts from: the readable document, its text and a file name. */
async function exportContext(c: Context<AppEnv>, { id, n }: { id: string; n: number }, what: "dispositions" | "compilation") {
  const db = c.get("db");
  const doc = await loadDocument(db, c.get("actor"), id);
  const revision = await findRevision(db, doc.id, n);
  const text = await revisionText(db, revision.id);
  const meta = await documentMeta(db, doc, revision);
  const numbers = new Map(text.map((p) => [p.pid, p.number]));
  return { db, doc, revision, text, numbers, meta, n, base: `${doc.symbol ?? doc.title}-${meta.revisionLabel}-${what}` };
}

type CommentRequest = Pick<
  typeof comments.$inferSelect,
  "documentId" | "revisionId" | "paragraphId" | "parentId" | "seatId" | "authorId" | "kind" | "op" | "quote" | "prefix" | "suffix" | "proposedText" | "body"
>;

/**
 * The comment an earlier request with this idempotency key made, to answer a retry with.
 * Keys are the author's; one reused for another request (another document, revision,
 * paragraph, seat or wording) answers 422 and never the other request's comment.
 */
async function replayOf(db: Db, key: string, request: CommentRequest): Promise<CommentSelect | null> {
  const [earlier] = await db.select().from(comments).where(and(eq(comments.authorId, request.authorId), eq(comments.idempotencyKey, key)));
  if (!earlier) return null;
  const same = (Object.keys(request) as (keyof CommentRequest)[]).every((k) => (earlier[k] ?? null) === (request[k] ?? null));
  if (!same) {
    throw new ApiError(422, "idempotency_key_reused", "This idempotency key was already used for another comment. Send each new comment with a new key.", {
      fields: [{ field: "idempotencyKey", message: "Already used for another comment." }],
    });
  }
  const [row] = await commentsQuery(db).where(eq(comments.id, earlier.id));
  return row ?? null;
}

/**
 * A published disposition matrix is a public record: its dispositions no longer change
 * (409; a later view goes in a reply or the next revision). Before that, a change names
 * the version it was made from, and a stale one gets 409 with the current disposition.
 */
function refuseDispositionChange(found: { comment: typeof comments.$inferSelect; revisionNumber: number; publishedAt: string | null }, baseVersion: number) {
  const { comment } = found;
  const current = { value: comment.disposition, reason: comment.dispositionReason, at: comment.disposedAt, version: comment.dispositionVersion };
  if (found.publishedAt) {
    throw conflict(
      `The dispositions of ${revisionLabel(found.revisionNumber)} were published on ${found.publishedAt} (UTC). A published disposition is a public record and cannot be changed; answer in a reply or in the next revision.`,
      { current, published: true },
    );
  }
  if (comment.dispositionVersion !== baseVersion) {
    throw conflict("Someone else changed this disposition since you opened it. Their disposition is shown; save again to replace it.", { current });
  }
}

const safeName = (s: string) => s.replace(/[^A-Za-z0-9.-]+/g, "-").slice(0, 80);

function download(body: string | Uint8Array, type: string, filename: string) {
  return new Response(body as BodyInit, {
    status: 200,
    headers: { "content-type": type, "content-disposition": `attachment; filename="${safeName(filename)}"`, "cache-control": "private, no-store" },
  });
}

export const commentRoutes = new Hono<AppEnv>()
  .get(
    "/:id/revisions/:n",
    describeRoute({ tags: ["documents"], summary: "A revision's page: numbered paragraphs with comment counts (comments load per paragraph); text=0 leaves out the paragraph text, which /text serves cacheably", responses: { 200: jsonResponse("A revision's page: numbered paragraphs with comment counts (comments load per paragraph); text=0 leaves out the paragraph text, which /text serves cacheably"), ...errors(400, 404) } }),
    v("param", RevisionParam),
    v("query", PageQuery),
    async (c) => {
      const db = c.get("db");
      const actor = c.get("actor");
      const { id, n } = c.req.valid("param");
      const withText = c.req.valid("query").text !== "0";
      // Everything in one batch, keyed by the URL alone; the policy decides before anything is sent.
      const [[doc], revs, paras, counts] = await db.batch([
        selectDocument(db, id),
        db.select().from(revisions).where(eq(revisions.documentId, id)),
        db
          .select({
            pid: revisionParagraphs.paragraphId,
            number: revisionParagraphs.number,
            kind: revisionParagraphs.kind,
            html: withText ? revisionParagraphs.html : sql<string>`''`,
            footnotes: withText ? revisionParagraphs.footnotes : sql<null>`null`,
          })
          .from(revisionParagraphs)
          .innerJoin(revisions, eq(revisions.id, revisionParagraphs.revisionId))
          .where(and(eq(revisions.documentId, id), eq(revisions.number, n)))
          .orderBy(asc(revisionParagraphs.position)),
        db
          .select()
          .from(commentCounts)
          .where(and(eq(commentCounts.documentId, id), lte(commentCounts.revisionNumber, n))),
      ]);
      const d = visibleOr404(actor, doc);
      const revision = revs.find((r) => r.number === n);
      if (!revision) throw notFound(`${revisionLabel(n)} of this document`);
      // Fold the per-revision counters: comments made on earlier revisions are carried over.
      const byParagraph = new Map<string | null, { total: number; carried: number; amendments: number }>();
      for (const k of counts) {
        const key = k.paragraphKey || null;
        const sum = byParagraph.get(key) ?? { total: 0, carried: 0, amendments: 0 };
        sum.total += k.total;
        sum.amendments += k.amendments;
        if (k.revisionNumber < n) sum.carried += k.total;
        byParagraph.set(key, sum);
      }
      const none = { total: 0, carried: 0, amendments: 0 };
      const scope = documentScope(d);
      // How much members said is part of what they said: the counts are theirs too.
      const deliberations = can(actor, "deliberations.view", scope);
      if (!deliberations) byParagraph.clear();
      return c.json(
        {
          document: { id: d.id, trackId: d.trackId, kind: d.kind, title: d.title, symbol: d.symbol, visibility: d.visibility },
          revision: revisionSummary(revision),
          revisions: revs.sort((a, b) => a.number - b.number).map((r) => ({ number: r.number, label: revisionLabel(r.number) })),
          latest: Math.max(...revs.map((r) => r.number)),
          paragraphs: paras.map(({ html, footnotes, ...p }) => ({
            ...p,
            ...(withText ? { html } : {}),
            ...(footnotes ? { footnotes: JSON.parse(footnotes) as string[] } : {}),
            comments: byParagraph.get(p.pid) ?? none,
          })),
          documentComments: byParagraph.get(null) ?? none,
          permissions: {
            comment: can(actor, "comments.create", scope),
            reply: can(actor, "comments.reply", scope),
            dispose: can(actor, "comments.dispose", scope),
            edit: can(actor, "documents.edit", scope),
            deliberations,
          },
        },
        200,
      );
    },
  )
  .get(
    "/:id/revisions/:n/text",
    describeRoute({ tags: ["documents"], summary: "A revision's paragraphs; an issued text never changes, so browsers keep it (ETag, immutable)", responses: { 200: jsonResponse("A revision's paragraphs; an issued text never changes, so browsers keep it (ETag, immutable)"), 304: emptyResponse("Not modified: the ETag in If-None-Match still matches"), ...errors(400, 404) } }),
    v("param", RevisionParam),
    async (c) => {
      const db = c.get("db");
      const { id, n } = c.req.valid("param");
      const [[doc], [revision]] = await db.batch([
        selectDocument(db, id),
        db.select({ id: revisions.id }).from(revisions).where(and(eq(revisions.documentId, id), eq(revisions.number, n))),
      ]);
      visibleOr404(c.get("actor"), doc);
      if (!revision) throw notFound(`${revisionLabel(n)} of this document`);
      const etag = `"${revision.id}"`;
      // Private: members-only text must not sit in shared caches.
      c.header("Cache-Control", "private, max-age=31536000, immutable");
      c.header("ETag", etag);
      if (c.req.header("if-none-match") === etag) return c.body(null, 304);
      return c.json({ paragraphs: await revisionText(db, revision.id) }, 200);
    },
  )
  .get(
    "/:id/revisions/:n/comments",
    describeRoute({ tags: ["documents"], summary: "Comments on one paragraph (or the whole document), carried over from earlier revisions, with replies; paginated", responses: { 200: jsonResponse("Comments on one paragraph (or the whole document), carried over from earlier revisions, with replies; paginated"), ...errors(400, 401, 403, 404) } }),
    v("param", RevisionParam),
    v("query", CommentsQuery),
    async (c) => {
      const db = c.get("db");
      const actor = c.get("actor");
      const { id, n } = c.req.valid("param");
      const { paragraph, after, limit } = c.req.valid("query");
      const [afterAt, afterId] = after ? after.split("|") : [];
      // The document and the page in one round trip; the policy decides before anything is sent.
      const [[found], top] = await db.batch([
        selectDocument(db, id),
        commentsQuery(db)
          .where(
            and(
              eq(comments.documentId, id),
              isNull(comments.parentId),
              lte(revisions.number, n),
              paragraph ? eq(comments.paragraphId, paragraph) : isNull(comments.paragraphId),
              afterAt && afterId ? or(gt(comments.createdAt, afterAt), and(eq(comments.createdAt, afterAt), gt(comments.id, afterId))) : undefined,
            ),
          )
          .orderBy(asc(comments.createdAt), asc(comments.id))
          .limit(limit + 1),
      ]);
      const doc = visibleOr404(actor, found);
      authorize(actor, "deliberations.view", documentScope(doc));
      const page = top.slice(0, limit);
      const replies = page.length
        ? await commentsQuery(db).where(inArray(comments.parentId, page.map((p) => p.id))).orderBy(asc(comments.createdAt))
        : [];
      const last = page.at(-1);
      return c.json(
        {
          comments: page.map((p) => ({
            ...present(actor, doc, p, n),
            replies: replies.filter((r) => r.parentId === p.id).map((r) => present(actor, doc, r, n)),
          })),
          next: top.length > limit && last ? `${last.createdAt}|${last.id}` : null,
        },
        200,
      );
    },
  )
  .post(
    "/:id/revisions/:n/comments",
    describeRoute({ tags: ["documents"], summary: "Comment or propose an amendment on behalf of one's seat; a retried idempotency key returns the first result", responses: { 200: jsonResponse("Done"), 201: jsonResponse("Created"), ...errors(400, 401, 404, 409) } }),
    v("param", RevisionParam),
    v("json", CommentBody),
    async (c) => {
      const db = c.get("db");
      const actor = c.get("actor");
      const { id, n } = c.req.valid("param");
      const body = c.req.valid("json");
      const doc = await loadDocument(db, actor, id);
      const scope = documentScope(doc);
      const author = authorize(actor, body.parentId ? "comments.reply" : "comments.create", scope);
      const [revision, latest] = await Promise.all([
        findRevision(db, doc.id, n),
        db.select({ n: sql<number>`max(${revisions.number})` }).from(revisions).where(eq(revisions.documentId, doc.id)),
      ]);

      let paragraphId = body.paragraphId ?? null;
      let parentId = body.parentId ?? null;
      if (parentId) {
        const parent = await db.query.comments.findFirst({ where: and(eq(comments.id, parentId), eq(comments.documentId, doc.id)) });
        if (!parent) throw notFound("The comment being answered");
        parentId = parent.parentId ?? parent.id; // threads are one level deep
        paragraphId = parent.paragraphId;
      } else if (paragraphId) {
        const inRevision = await db.query.revisionParagraphs.findFirst({
          where: and(eq(revisionParagraphs.revisionId, revision.id), eq(revisionParagraphs.paragraphId, paragraphId)),
        });
        if (!inRevision) throw notFound(`Paragraph ${paragraphId} in ${revisionLabel(n)} of this document`);
      }
      const request: CommentRequest = {
        documentId: doc.id,
        revisionId: revision.id,
        paragraphId,
        parentId,
        seatId: author.seatId,
        authorId: author.userId,
        kind: body.kind,
        op: body.kind === "amendment" ? (body.op ?? null) : null,
        quote: body.quote ?? null,
        prefix: body.prefix ?? null,
        suffix: body.suffix ?? null,
        proposedText: body.kind === "amendment" ? (body.proposedText ?? null) : null,
        body: body.body,
      };
      // A retry of a request that already went through: answer as the first time, even once the window has closed.
      const replay = await replayOf(db, body.idempotencyKey, request);
      if (replay) return c.json({ comment: present(actor, doc, replay, n) }, 200);

      if ((latest[0]?.n ?? n) > n) throw conflict(`A newer revision exists: comment on ${revisionLabel(latest[0]!.n)}.`);
      const now = new Date().toISOString();
      // One rule for every writer, replies by the co-facilitators and officers included.
      const { late } = windowFor(revision, now);
      const row = {
        id: newId(),
        ...request,
        late,
        idempotencyKey: body.idempotencyKey,
        createdAt: now,
        updatedAt: now,
      };
      try {
        await writeAudited(
          auditContext(c),
          [{ action: parentId ? "comment.reply" : "comment.create", targetType: "comment", targetId: row.id, after: { ...row, idempotencyKey: undefined } }],
          [
            db.insert(comments).values(row),
            // The revision page's counters move in the same transaction as the comment.
            ...(parentId
              ? []
              : [
                  db
                    .insert(commentCounts)
                    .values({ documentId: doc.id, paragraphKey: paragraphId ?? "", revisionNumber: revision.number, total: 1, amendments: row.kind === "amendment" ? 1 : 0 })
                    .onConflictDoUpdate({
                      target: [commentCounts.documentId, commentCounts.paragraphKey, commentCounts.revisionNumber],
                      set: { total: sql`${commentCounts.total} + 1`, amendments: sql`${commentCounts.amendments} + ${row.kind === "amendment" ? 1 : 0}` },
                    }),
                ]),
          ],
        );
      } catch (err) {
        // The same key raced itself: the other request won; answer with its comment.
        const won = await replayOf(db, body.idempotencyKey, request);
        if (won) return c.json({ comment: present(actor, doc, won, n) }, 200);
        throw err;
      }
      const [created] = await commentsQuery(db).where(eq(comments.id, row.id));
      return c.json({ comment: present(actor, doc, created!, n) }, 201);
    },
  )
  .patch(
    "/:id/comments/:cid",
    describeRoute({ tags: ["documents"], summary: "Edit one's own comment while the window is open; earlier wordings are kept", responses: { 200: jsonResponse("Done"), ...errors(400, 401, 404, 409) } }),
    v("param", CommentParam),
    v("json", EditCommentBody),
    async (c) => {
      const db = c.get("db");
      const actor = c.get("actor");
      const { id, cid } = c.req.valid("param");
      const doc = await loadDocument(db, actor, id);
      const comment = await db.query.comments.findFirst({ where: and(eq(comments.id, cid), eq(comments.documentId, doc.id)) });
      if (!comment) throw notFound("The comment");
      const editor = authorize(actor, "comments.edit", { ...documentScope(doc), authorId: comment.authorId, seatId: comment.seatId });
      if (comment.disposition) throw conflict("The co-facilitators have already disposed of this comment; reply instead.");
      const revision = await db.query.revisions.findFirst({ where: eq(revisions.id, comment.revisionId) });
      const now = new Date().toISOString();
      windowFor(revision!, now);
      const body = c.req.valid("json");
      const after = { body: body.body ?? comment.body, proposedText: comment.kind === "amendment" ? (body.proposedText ?? comment.proposedText) : null };
      await writeAudited(
        auditContext(c),
        [{ action: "comment.edit", targetType: "comment", targetId: cid, before: { body: comment.body, proposedText: comment.proposedText }, after }],
        [
          db.insert(commentEdits).values({ commentId: cid, editedAt: now, editedBy: editor.userId, body: comment.body, proposedText: comment.proposedText }),
          db.update(comments).set({ ...after, updatedAt: now }).where(eq(comments.id, cid)),
        ],
      );
      const [updated] = await commentsQuery(db).where(eq(comments.id, cid));
      return c.json({ comment: present(actor, doc, updated!, updated!.revisionNumber) }, 200);
    },
  )
  .get(
    "/:id/comments/:cid/history",
    describeRoute({ tags: ["documents"], summary: "Earlier wordings of a comment", responses: { 200: jsonResponse("Earlier wordings of a comment"), ...errors(400, 401, 403, 404) } }),
    v("param", CommentParam),
    async (c) => {
      const db = c.get("db");
      const { id, cid } = c.req.valid("param");
      const doc = await loadDocument(db, c.get("actor"), id);
      authorize(c.get("actor"), "deliberations.view", documentScope(doc));
      const comment = await db.query.comments.findFirst({ where: and(eq(comments.id, cid), eq(comments.documentId, doc.id)) });
      if (!comment) throw notFound("The comment");
      const edits = await db
        .select({ editedAt: commentEdits.editedAt, body: commentEdits.body, proposedText: commentEdits.proposedText })
        .from(commentEdits)
        .where(eq(commentEdits.commentId, cid))
        .orderBy(asc(commentEdits.id));
      return c.json({ edits }, 200);
    },
  )
  .put(
    "/:id/comments/:cid/disposition",
    describeRoute({ tags: ["documents"], summary: "Dispose of a comment: accepted, partly accepted, not accepted or noted, with a reason", responses: { 200: jsonResponse("Done"), ...errors(400, 401, 404, 409) } }),
    v("param", CommentParam),
    v("json", DispositionBody),
    async (c) => {
      const db = c.get("db");
      const actor = c.get("actor");
      const { id, cid } = c.req.valid("param");
      const doc = await loadDocument(db, actor, id);
      const who = authorize(actor, "comments.dispose", documentScope(doc));
      const loadComment = async () => {
        const [found] = await db
          .select({ comment: comments, revisionNumber: revisions.number, publishedAt: revisions.dispositionsPublishedAt })
          .from(comments)
          .innerJoin(revisions, eq(revisions.id, comments.revisionId))
          .where(and(eq(comments.id, cid), eq(comments.documentId, doc.id)));
        return found;
      };
      const found = await loadComment();
      if (!found) throw notFound("The comment");
      const { comment } = found;
      if (comment.parentId) throw new ApiError(400, "invalid_input", "Replies are not disposed of; dispose of the comment they answer.", { fields: [{ field: "cid", message: "This is a reply." }] });
      const { disposition, reason, baseVersion } = c.req.valid("json");
      // Checked here for a clear answer; the update below and a trigger (0011) hold it under races.
      refuseDispositionChange(found, baseVersion);
      const now = new Date().toISOString();
      const version = baseVersion + 1;
      await writeGuarded(
        auditContext(c),
        versionedUpdate(db, comments, {
          row: eq(comments.id, cid),
          version: comments.dispositionVersion,
          base: baseVersion,
          set: { disposition, dispositionReason: reason || null },
          stamp: { disposedAt: now, disposedBy: who.userId },
          when: not(rowExists(revisions, and(eq(revisions.id, comment.revisionId), isNotNull(revisions.dispositionsPublishedAt)))),
        }),
        [
          {
            action: "comment.dispose",
            targetType: "comment",
            targetId: cid,
            before: { disposition: comment.disposition, reason: comment.dispositionReason, version: baseVersion },
            after: { disposition, reason, version },
          },
        ],
        {
          // Someone saved or published in between: answer as if we had seen it first.
          stale: async () => {
            const latest = await loadComment();
            if (latest) refuseDispositionChange(latest, baseVersion);
            return conflict("The disposition changed while you saved. Reload it and save again.");
          },
        },
      );
      return c.json({ disposition: { value: disposition, reason: reason || null, at: now, version } }, 200);
    },
  )
  .get(
    "/:id/revisions/:n/dispositions",
    describeRoute({ tags: ["documents"], summary: "The disposition matrix of a revision's comments, as JSON, CSV or DOCX", responses: { 200: fileResponse("The disposition matrix as JSON, CSV or DOCX (format=)", "application/json", "text/csv", DOCX), ...errors(400, 401, 403, 404) } }),
    v("param", RevisionParam),
    v("query", FormatQuery),
    async (c) => {
      const actor = c.get("actor");
      const { format } = c.req.valid("query");
      const { db, doc, revision, numbers, meta, base } = await exportContext(c, c.req.valid("param"), "dispositions");
      if (!revision.dispositionsPublishedAt) authorize(actor, "comments.viewDispositions", documentScope(doc));
      const rows = await commentRows(actor, db, doc, eq(comments.revisionId, revision.id), numbers);
      if (format === "csv") return download(dispositionMatrixCsv(rows), "text/csv; charset=utf-8", `${base}.csv`);
      if (format === "docx") return download(dispositionMatrixDocx(meta, rows), DOCX_TYPE, `${base}.docx`);
      return c.json({ revision: revisionSummary(revision), rows }, 200);
    },
  )
  .get(
    "/:id/revisions/:n/compilation",
    describeRoute({ tags: ["documents"], summary: "The revision with all comments and amendments, numbered as UN documents, as HTML or DOCX", responses: { 200: fileResponse("The compilation as an HTML page or a DOCX file", "text/html", DOCX), ...errors(400, 401, 403, 404) } }),
    v("param", RevisionParam),
    v("query", FormatQuery),
    async (c) => {
      const actor = c.get("actor");
      const { format } = c.req.valid("query");
      const { db, doc, revision, text, numbers, meta, base, n } = await exportContext(c, c.req.valid("param"), "compilation");
      authorize(actor, "deliberations.view", documentScope(doc));
      // Comments from this and earlier revisions on paragraphs still in the text, and on the whole document.
      const onText = text.map((p) => p.pid);
      const rows = await commentRows(
        actor,
        db,
        doc,
        and(
          lte(revisions.number, n),
          or(isNull(comments.paragraphId), onText.length ? inArray(comments.paragraphId, onText) : undefined, sql`${comments.parentId} is not null`),
        ),
        numbers,
      );
      const reservations = await reservationsOn(db, revision.id);
      if (format === "docx") return download(compilationDocx(meta, text, rows, reservations), DOCX_TYPE, `${base}.docx`);
      return new Response(compilationHtml(meta, text, rows, reservations), {
        headers: { "content-type": "text/html; charset=utf-8", "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'", "cache-control": "private, no-store" },
      });
    },
  );

const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
