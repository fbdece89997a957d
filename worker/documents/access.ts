import { eq } from "drizzle-orm";
import { documents } from "../db/schema";
import type { Db } from "../env";
import { notFound } from "../errors";
import { type Actor, can } from "../policy";

export type DocumentRow = typeof documents.$inferSelect;

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

export async function loadDocument(db: Db, actor: Actor, id: string) {
  return visibleOr404(actor, await db.query.documents.findFirst({ where: eq(documents.id, id) }));
}
