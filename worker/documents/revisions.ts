// Issued revisions of a document: their summary, their text, and issuing the next one
// (shared by the documents' issue route and the reports' "submit for review").
import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import type { Context } from "hono";
import { auditContext, writeAudited } from "../audit";
import { newId } from "../auth/crypto";
import { mailHeads } from "../consensus/mail";
import { rowExists, uniqueOr409, versionedUpdate } from "../db/guarded";
import { documents, paragraphs, revisionParagraphs, revisions, seats } from "../db/schema";
import type { AppEnv, Db } from "../env";
import { notFound } from "../errors";
import type { SignedIn } from "../policy";
import { matchIdentities } from "./diff";
import { countBrackets } from "./markup";
import { type IssuableBlock, type IssuedParagraph, revisionLabel } from "./types";

// D1 binds at most 100 parameters per statement: 8 columns × 12 rows.
const ROWS_PER_INSERT = 12;

const chunks = <T>(list: T[], size: number) =>
  Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, i * size + size));

export type WindowState = "not_open" | "open" | "closed";
const windowState = (r: { commentsOpenAt: string; commentsCloseAt: string }, now = new Date().toISOString()): WindowState =>
  now < r.commentsOpenAt ? "not_open" : now <= r.commentsCloseAt ? "open" : "closed";

export const revisionSummary = (r: typeof revisions.$inferSelect) => ({
  id: r.id,
  number: r.number,
  label: revisionLabel(r.number),
  issuedAt: r.issuedAt,
  commentsOpenAt: r.commentsOpenAt,
  commentsCloseAt: r.commentsCloseAt,
  commentsTimeZone: r.commentsTimeZone,
  allowLate: r.allowLate,
  window: windowState(r),
  paragraphCount: r.paragraphCount,
  bracketCount: r.bracketCount,
  dispositionsPublishedAt: r.dispositionsPublishedAt,
  adoptedAt: r.adoptedAt,
});

/** The paragraphs of one revision, in order. */
export async function revisionText(db: Db, revisionId: string): Promise<IssuedParagraph[]> {
  const rows = await db
    .select()
    .from(revisionParagraphs)
    .where(eq(revisionParagraphs.revisionId, revisionId))
    .orderBy(asc(revisionParagraphs.position));
  return rows.map((r) => ({
    pid: r.paragraphId,
    position: r.position,
    number: r.number,
    kind: r.kind,
    html: r.html,
    ...(r.footnotes ? { footnotes: JSON.parse(r.footnotes) as string[] } : {}),
    ...(r.section ? { section: r.section } : {}),
  }));
}

export async function findRevision(db: Db, documentId: string, n: number) {
  const revision = await db.query.revisions.findFirst({ where: and(eq(revisions.documentId, documentId), eq(revisions.number, n)) });
  if (!revision) throw notFound(`${revisionLabel(n)} of this document`);
  return revision;
}

export type IssueWindow = {
  commentsOpenAt: string;
  commentsCloseAt: string;
  commentsTimeZone: string;
  allowLate?: boolean;
  publishDispositions?: boolean;
};

/**
 * Issues `working` (the working copy at `working.version`) as the document's next
 * revision: paragraph identities carried over from the previous revision, paragraphs
 * numbered, the working copy updated to carry the identities, and the seats that
 * took a position on the previous text asked to confirm it. Shared by the
 * documents' issue route and the reports' "submit for review".
 */
export async function issueRevision(
  c: Context<AppEnv>,
  doc: { id: string; title: string; symbol: string | null },
  editor: SignedIn,
  working: { version: number; blocks: IssuableBlock[] },
  body: IssueWindow,
) {
  const db = c.get("db");
  const { blocks } = working;
  const previous = await db.query.revisions.findFirst({ where: eq(revisions.documentId, doc.id), orderBy: desc(revisions.number) });
  const before = previous ? await revisionText(db, previous.id) : [];
  const number = previous ? previous.number + 1 : 0;
  const matched = matchIdentities(before, blocks, () => `p-${newId().slice(0, 13)}`);
  const known = new Set(before.map((p) => p.pid));
  const revisionId = newId();
  let numbered = 0;
  const rows = matched.map(({ pid, block }, position) => ({
    revisionId,
    paragraphId: pid,
    position,
    number: block.kind === "paragraph" && !block.unnumbered ? ++numbered : null,
    kind: block.kind,
    html: block.html,
    footnotes: block.footnotes?.length ? JSON.stringify(block.footnotes) : null,
    section: block.section ?? null,
  }));
  const fresh = rows.filter((r) => !known.has(r.paragraphId)).map((r) => ({ id: r.paragraphId, documentId: doc.id, createdIn: number }));
  const now = new Date().toISOString();
  const revision = {
    id: revisionId,
    documentId: doc.id,
    number,
    issuedAt: now,
    issuedBy: editor.userId,
    commentsOpenAt: new Date(body.commentsOpenAt).toISOString(),
    commentsCloseAt: new Date(body.commentsCloseAt).toISOString(),
    commentsTimeZone: body.commentsTimeZone,
    allowLate: body.allowLate ?? false,
    paragraphCount: rows.length,
    bracketCount: countBrackets(rows.map((r) => r.html)),
  };
  // The working copy now carries the identities, so the next edit keeps them.
  const draft = matched.map(({ pid, block }) => ({ ...block, pid }));
  // Two issues racing for the same number: UNIQUE (document_id, number) lets one win.
  await uniqueOr409(() =>
    writeAudited(
      auditContext(c),
      [
        { action: "revision.issue", targetType: "document", targetId: doc.id, after: { number, label: revisionLabel(number), paragraphs: rows.length, brackets: revision.bracketCount, window: [revision.commentsOpenAt, revision.commentsCloseAt, revision.commentsTimeZone] } },
        ...(body.publishDispositions && previous ? [{ action: "revision.publish_dispositions", targetType: "document", targetId: doc.id, after: { number: previous.number } }] : []),
      ],
      [
        db.insert(revisions).values(revision),
        ...chunks(fresh, ROWS_PER_INSERT).map((chunk) => db.insert(paragraphs).values(chunk)),
        ...chunks(rows, ROWS_PER_INSERT).map((chunk) => db.insert(revisionParagraphs).values(chunk)),
        // A save that slipped in meanwhile is kept; its paragraphs find their identities by similarity next time.
        versionedUpdate(db, documents, {
          row: eq(documents.id, doc.id),
          version: documents.draftVersion,
          base: working.version,
          set: { draftJson: JSON.stringify(draft), updatedAt: now },
          stamp: { draftUpdatedBy: editor.userId, draftUpdatedAt: now },
        }).update,
        ...(body.publishDispositions && previous
          ? [db.update(revisions).set({ dispositionsPublishedAt: now }).where(and(eq(revisions.id, previous.id), isNull(revisions.dispositionsPublishedAt)))]
          : []),
        // Positions on the previous text no longer stand for this one: ask their seats to confirm or change them.
        ...(previous
          ? [
              mailHeads(
                db,
                c.env,
                {
                  kind: "position_reconfirm",
                  subject: `${revisionLabel(number)} issued: confirm your seat's position on ${doc.symbol ?? doc.title}`,
                  text: `${revisionLabel(number)} of ${doc.symbol ?? doc.title} replaces ${revisionLabel(previous.number)}. Your seat's position was given on the earlier text. Confirm it or change it in Plenary.`,
                },
                sql`exists (select 1 from positions p where p.revision_id = ${previous.id} and p.seat_id = ${seats.id})`,
                rowExists(revisions, eq(revisions.id, revisionId)),
              ),
            ]
          : []),
      ],
    ),
    `${revisionLabel(number)} was just issued by someone else.`,
  );
  return revisionSummary({ ...revision, dispositionsPublishedAt: null, adoptedAt: null });
}
