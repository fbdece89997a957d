import { eq } from "drizzle-orm";
import { documents } from "../db/schema";
import type { Db } from "../env";
import { notFound } from "../errors";
import { type Actor, can } from "../policy";

/**
 * A document without its working copy: the text in draft_json can be as long
 * as the document, and only the editor and the issue route need it.
 */
export const documentColumns = {
  id: documents.id,
  trackId: documents.trackId,
  kind: documents.kind,
  title: documents.title,
  symbol: documents.symbol,
  visibility: documents.visibility,
  createdBy: documents.createdBy,
  createdAt: documents.createdAt,
  updatedAt: documents.updatedAt,
  draftVersion: documents.draftVersion,
};
/** What a list of documents shows. */
const { createdBy: _by, createdAt: _at, draftVersion: _v, ...listColumns } = documentColumns;
export { listColumns };

export type DocumentRow = { [K in keyof typeof documentColumns]: (typeof documents.$inferSelect)[K] };

/** The scope the policy needs to decide about a document. */
export const documentScope = (doc: Pick<DocumentRow, "trackId" | "visibility">) => ({
  trackId: doc.trackId,
  visibility: doc.visibility,
});

/**
 * A document the actor may read. One that exists but is not theirs to read
 * answers exactly like one that does not exist, so members-only drafts never
 * leak, not even their existence.
 */
export function visibleOr404(actor: Actor, doc: DocumentRow | undefined): DocumentRow {
  if (!doc || !can(actor, "documents.view", documentScope(doc))) throw notFound("The document");
  return doc;
}

export const selectDocument = (db: Db, id: string) => db.select(documentColumns).from(documents).where(eq(documents.id, id));

export async function loadDocument(db: Db, actor: Actor, id: string) {
  const [doc] = await selectDocument(db, id);
  return visibleOr404(actor, doc);
}
