// Loading a report with what decides what may be done to it: its document
// (visibility), its latest revision and publications, and so its state.
import { asc, eq, getTableColumns, sql } from "drizzle-orm";
import { aliased } from "../db/alias";
import { documents, publications, reports, reportSections, revisions } from "../db/schema";
import type { Db } from "../env";
import { conflict, notFound } from "../errors";
import { type Actor, can } from "../policy";
import { documentScope } from "../documents/access";
import type { ReportState } from "./model";

/** A report with the document columns it needs; the document's id is aliased, as both tables have an `id`. */
export const reportWithDocument = {
  report: reports,
  doc: {
    id: aliased(documents.id, "doc_id"),
    title: documents.title,
    symbol: documents.symbol,
    visibility: documents.visibility,
    trackId: documents.trackId,
    updatedAt: documents.updatedAt,
  },
};

export async function loadReport(db: Db, actor: Actor, id: string) {
  const [[row], revs, pubs, sections] = await db.batch([
    db.select(reportWithDocument).from(reports).innerJoin(documents, eq(documents.id, reports.documentId)).where(eq(reports.id, id)),
    db
      .select(getTableColumns(revisions))
      .from(revisions)
      .where(eq(revisions.documentId, sql`(select document_id from reports where id = ${id})`))
      .orderBy(asc(revisions.number)),
    db.select().from(publications).where(eq(publications.reportId, id)).orderBy(asc(publications.publishedAt)),
    db.select().from(reportSections).where(eq(reportSections.reportId, id)).orderBy(asc(reportSections.position)),
  ]);
  // Members-only reports answer 404 to others, as members-only documents do.
  if (!row || !can(actor, "documents.view", documentScope(row.doc))) throw notFound("The report");
  const revisionList = revs;
  return { ...row, revisions: revisionList, publications: pubs, sections, state: reportState(row.report, revisionList.at(-1), pubs) };
}
export type LoadedReport = Awaited<ReturnType<typeof loadReport>>;

/**
 * drafting → under review (a revision issued) → adopted (that revision adopted
 * through the consensus machinery) → published (that revision published).
 * After publication the secretariat may reopen it to prepare a revised text.
 */
export function reportState(
  report: { reopenedAt: string | null },
  latest: { id: string; issuedAt: string; adoptedAt: string | null } | undefined,
  pubs: { revisionId: string | null }[],
): ReportState {
  if (!latest) return "drafting";
  if (report.reopenedAt && latest.issuedAt < report.reopenedAt) return "drafting";
  if (!latest.adoptedAt) return "under_review";
  return pubs.some((p) => p.revisionId === latest.id) ? "published" : "adopted";
}

/** Sections may change while drafting and under review; never an adopted or published text. */
export function assertEditable(r: LoadedReport) {
  if (r.state === "adopted") throw conflict("The adopted text is locked. Publish it, or issue a new revision for review.", { state: r.state });
  if (r.state === "published") {
    throw conflict("This text is published and cannot be edited. Issue a corrigendum, or start a revised text (Rev.) first.", { state: r.state });
  }
}

/** The latest adopted revision: what is published and translated. */
export const adoptedRevision = (r: LoadedReport) => [...r.revisions].reverse().find((x) => x.adoptedAt) ?? null;
