// Progress reports: compile from the group's data, edit sections, submit for
// review (a revision of the report's document: comments, positions and
// silence run on it as on any draft), publish an adopted text immutably,
// issue corrigenda, translate, and export drafts. Public pages: ./public.ts.
import { and, asc, desc, eq, inArray, ne, sql } from "drizzle-orm";
import { type Context, Hono } from "hono";
import { describeRoute } from "hono-openapi";
import { DOCX, emptyResponse, errors, fileResponse, jsonResponse } from "../openapi";
import { type AuditEntry, auditContext, writeAudited } from "../audit";
import { newId, sha256Hex } from "../auth/crypto";
import { documents, publications, publicationTexts, reports, reportSections, reportTranslations, revisions, tracks, users } from "../db/schema";
import { insertIfAbsent, stamped, uniqueOr409, versionedUpdate, writeGuarded } from "../db/guarded";
import type { AppEnv, Db } from "../env";
import { badRequest, conflict, notFound } from "../errors";
import { authorize, can, type SignedIn } from "../policy";
import { v } from "../validation";
import { documentScope } from "../documents/access";
import { sanitizeInline } from "../documents/markup";
import { issueRevision, revisionSummary, revisionText } from "../documents/revisions";
import { revisionLabel } from "../documents/types";
import { disposition } from "../meetings/materials";
import { instantToZonedLocal } from "../lib/zonedTime";
import { adoptedRevision, assertEditable, type LoadedReport, loadReport, reportState, reportWithDocument } from "./access";
import { generateSections, isGenerated, reportTemplate } from "./compile";
import { isAnnexKey, REPORT_LANGUAGES, type RenderedReport, type ReportBlock, type ReportLanguage } from "./model";
import { fileName, FORMATS, renderFile, renderKept } from "./files";
import {
  CorrigendumBody,
  CreateReportBody,
  ExportQuery,
  LanguageParam,
  NewSectionBody,
  PublicationParam,
  RegenerateBody,
  ReportParam,
  ReviewBody,
  SectionBody,
  SectionParam,
  SourceBody,
  TranslationBody,
  UpdateReportBody,
} from "./schemas";
import { composeIssuable, corrigendumModel, numberWorking, type ReportMeta, renderModel, type SectionRow, sectionBlocks, textHash, wordCounts } from "./text";

/** Today in Geneva, "YYYY-MM-DD": the date a UN document carries. */
const genevaDate = (iso: string | number = Date.now()) => instantToZonedLocal(iso, "Europe/Zurich").slice(0, 10);

const cleanBlocks = (blocks: ReportBlock[]): ReportBlock[] =>
  blocks
    .map((b) => {
      const footnotes = (b.footnotes ?? []).map(sanitizeInline).filter(Boolean);
      return { ...(b.pid ? { pid: b.pid } : {}), kind: b.kind, html: sanitizeInline(b.html), ...(footnotes.length ? { footnotes } : {}), ...(b.source ? { source: b.source } : {}) };
    })
    .filter((b) => b.html.length > 0);

async function sectionView(s: SectionRow) {
  const blocks = sectionBlocks(s);
  const hashNow = s.generatedHash === null ? null : await textHash(blocks);
  return {
    key: s.key,
    type: s.type,
    title: s.title,
    annex: isAnnexKey(s.key),
    trackId: s.trackId,
    sourceRevisionId: s.sourceRevisionId,
    generated: isGenerated(s.type),
    /** Changed by hand since it was last generated: regenerating keeps it unless told otherwise. */
    edited: s.generatedHash !== null && hashNow !== s.generatedHash,
    generatedAt: s.generatedAt,
    version: s.version,
    updatedAt: s.updatedAt,
    blocks,
  };
}

const reportMeta = (r: LoadedReport, overrides: Partial<ReportMeta> = {}): ReportMeta => ({
  symbol: r.doc.symbol ?? "",
  title: r.doc.title,
  session: r.report.session,
  agendaItem: r.report.agendaItem,
  date: genevaDate(),
  originalLanguage: r.report.originalLanguage,
  watermark: null,
  kind: "original",
  ...overrides,
});

/** The section, or 404. */
function sectionOf(r: LoadedReport, key: string) {
  const s = r.sections.find((x) => x.key === key);
  if (!s) throw notFound("The section");
  return s;
}

const staleSection = async (current: SectionRow) =>
  conflict("Someone saved this section meanwhile. Review their text before saving again.", { current: await sectionView(current) });

/**
 * A change to a section that applies only if it is still at its version (a colleague's
 * save meanwhile wins), and the condition under which its audit row is written.
 */
const guardedSectionUpdate = (db: Db, s: SectionRow, userId: string, changes: Partial<SectionRow>, now: string) =>
  versionedUpdate(db, reportSections, {
    row: and(eq(reportSections.reportId, s.reportId), eq(reportSections.key, s.key)),
    version: reportSections.version,
    base: s.version,
    set: changes,
    stamp: { updatedAt: now, updatedBy: userId },
  });

/** Writes one section with its audit row; false when a colleague saved first. */
async function writeSection(c: Context<AppEnv>, s: SectionRow, editor: SignedIn, changes: Partial<SectionRow>, audit: Omit<AuditEntry, "onlyIf">) {
  const { won } = await writeGuarded(auditContext(c), guardedSectionUpdate(c.get("db"), s, editor.userId, changes, new Date().toISOString()), [audit]);
  return won;
}

async function freshSection(db: Db, s: SectionRow) {
  const [row] = await db.select().from(reportSections).where(and(eq(reportSections.reportId, s.reportId), eq(reportSections.key, s.key)));
  return row!;
}

function file(c: Context<AppEnv>, bytes: Uint8Array | string, type: string, name: string, cache = "private, no-store") {
  // Bytes, not a string, so the answer has a Content-Length and the client can show progress.
  const body = typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes;
  return c.body(body as Uint8Array<ArrayBuffer>, 200, {
    "content-type": type,
    "content-length": String(body.byteLength),
    "content-disposition": disposition(name),
    "cache-control": cache,
    "x-content-type-options": "nosniff",
  });
}

/** What the client shows of a report in lists and on its page. */
function summary(r: LoadedReport, actor: Parameters<typeof can>[0]) {
  const latest = r.revisions.at(-1);
  return {
    id: r.report.id,
    documentId: r.doc.id,
    title: r.doc.title,
    symbol: r.doc.symbol,
    visibility: r.doc.visibility,
    session: r.report.session,
    agendaItem: r.report.agendaItem,
    wordLimit: r.report.wordLimit,
    originalLanguage: r.report.originalLanguage,
    state: r.state,
    latestRevision: latest ? revisionSummary(latest) : null,
    publications: r.publications.map((p) => ({ id: p.id, kind: p.kind, symbol: p.symbol, publishedAt: p.publishedAt, correctsId: p.correctsId, revisionId: p.revisionId, href: `/published/${p.symbol}` })),
    permissions: {
      compile: can(actor, "reports.compile"),
      publish: can(actor, "reports.publish"),
      translate: can(actor, "reports.translate"),
      comment: can(actor, "comments.create", documentScope(r.doc)),
      runConsensus: can(actor, "consensus.run", documentScope(r.doc)),
    },
  };
}

/**
 * The one entry point for changing a report, like meetings' `meetingFor`: loads it
 * (404 when the reader may not see it), asks the policy (401/403) and, for edits,
 * refuses an adopted or published text (409).
 */
async function reportFor(c: Context<AppEnv>, id: string, action: "reports.compile" | "reports.publish" | "reports.translate", editable = false) {
  const r = await loadReport(c.get("db"), c.get("actor"), id);
  const actor = authorize(c.get("actor"), action);
  if (editable) assertEditable(r);
  return { r, actor };
}

/** What translators translate: the adopted text. */
function translatable(r: LoadedReport) {
  const revision = adoptedRevision(r);
  if (!revision) throw conflict("Translation starts once the report is adopted.", { state: r.state });
  return revision;
}

export const reportRoutes = new Hono<AppEnv>()
  .get("/", describeRoute({ tags: ["reports"], summary: "Progress reports the caller may read, with their state", responses: { 200: jsonResponse("Progress reports the caller may read, with their state") } }), async (c) => {
    const db = c.get("db");
    const actor = c.get("actor");
    const [rows, latest, pubs] = await db.batch([
      db.select(reportWithDocument).from(reports).innerJoin(documents, eq(documents.id, reports.documentId)).orderBy(desc(documents.updatedAt)),
      // Each report's latest revision (one-table select: drizzle leaves the columns unqualified, hence "revisions".).
      db
        .select()
        .from(revisions)
        .where(sql`"revisions"."document_id" in (select document_id from reports) and "revisions"."number" = (select max(r2.number) from revisions r2 where r2.document_id = "revisions"."document_id")`),
      db.select({ reportId: publications.reportId, revisionId: publications.revisionId, symbol: publications.symbol, kind: publications.kind, publishedAt: publications.publishedAt }).from(publications).orderBy(asc(publications.publishedAt)),
    ]);
    const list = rows
      .filter((r) => can(actor, "documents.view", documentScope(r.doc)))
      .map((r) => {
        const rev = latest.find((x) => x.documentId === r.report.documentId);
        const own = pubs.filter((p) => p.reportId === r.report.id);
        return {
          id: r.report.id,
          documentId: r.report.documentId,
          title: r.doc.title,
          symbol: r.doc.symbol,
          session: r.report.session,
          updatedAt: r.doc.updatedAt,
          state: reportState(r.report, rev, own),
          latestRevision: rev ? revisionSummary(rev) : null,
          publications: own.map((p) => ({ symbol: p.symbol, kind: p.kind, publishedAt: p.publishedAt, href: `/published/${p.symbol}` })),
        };
      });
    return c.json({ reports: list, canCreate: can(actor, "reports.compile") }, 200);
  })
  .post(
    "/",
    describeRoute({ tags: ["reports"], summary: "Create a report and compile it from the template: introduction, one chapter per track, the work of the group, annexes", responses: { 201: jsonResponse("Created"), ...errors(400, 401) } }),
    v("json", CreateReportBody),
    async (c) => {
      const db = c.get("db");
      const editor = authorize(c.get("actor"), "reports.compile");
      const body = c.req.valid("json");
      const trackList = await db.select({ id: tracks.id, title: tracks.title }).from(tracks).orderBy(asc(tracks.id));
      const template = reportTemplate(trackList);
      const generated = await generateSections(db, template.map((s) => ({ ...s, sourceRevisionId: null })));
      const now = new Date().toISOString();
      const documentId = newId();
      const id = newId();
      const doc = {
        id: documentId,
        trackId: null,
        kind: "progress_report" as const,
        title: body.title,
        symbol: body.symbol || null,
        visibility: body.visibility ?? "members",
        createdBy: editor.userId,
        createdAt: now,
        updatedAt: now,
        draftJson: "[]",
        draftVersion: 1,
      };
      const report = { id, documentId, session: body.session, agendaItem: body.agendaItem || null, wordLimit: body.wordLimit ?? 8500, originalLanguage: "en" as const, createdBy: editor.userId, createdAt: now };
      const sectionRows = await Promise.all(
        template.map(async (s, position) => {
          const blocks = generated.get(s.key) ?? [];
          return {
            reportId: id,
            key: s.key,
            position,
            type: s.type,
            title: s.title,
            trackId: s.trackId,
            sourceRevisionId: null,
            blocksJson: JSON.stringify(blocks),
            generatedHash: await textHash(blocks),
            generatedAt: now,
            version: 1,
            updatedBy: editor.userId,
            updatedAt: now,
          };
        }),
      );
      await writeAudited(
        auditContext(c),
        [{ action: "report.create", targetType: "report", targetId: id, after: { ...report, title: doc.title, symbol: doc.symbol, sections: template.map((s) => s.key) } }],
        [db.insert(documents).values(doc), db.insert(reports).values(report), ...sectionRows.map((row) => db.insert(reportSections).values(row))],
      );
      return c.json({ report: { id } }, 201);
    },
  )
  .get("/:id", describeRoute({ tags: ["reports"], summary: "A report: state, sections with sources, word counts, revisions, publications, translations", responses: { 200: jsonResponse("A report: state, sections with sources, word counts, revisions, publications, translations"), ...errors(400, 404) } }), v("param", ReportParam), async (c) => {
    const db = c.get("db");
    const actor = c.get("actor");
    const r = await loadReport(db, actor, c.req.valid("param").id);
    const adopted = adoptedRevision(r);
    const trackIds = r.sections.map((s) => s.trackId).filter((x): x is number => x !== null);
    const [candidates, translations] = await db.batch([
      // Texts a track chapter may take instead of the latest adopted one.
      db
        .select({ id: revisions.id, number: revisions.number, adoptedAt: revisions.adoptedAt, trackId: documents.trackId, title: documents.title, symbol: documents.symbol })
        .from(revisions)
        .innerJoin(documents, eq(documents.id, revisions.documentId))
        .where(and(trackIds.length ? inArray(documents.trackId, trackIds) : sql`0`, ne(documents.kind, "progress_report"), eq(documents.visibility, "public")))
        .orderBy(asc(documents.title), desc(revisions.number)),
      db
        .select({ language: reportTranslations.language, state: reportTranslations.state, updatedAt: reportTranslations.updatedAt, revisionId: reportTranslations.revisionId })
        .from(reportTranslations)
        .where(eq(reportTranslations.reportId, r.report.id)),
    ]);
    const views = await Promise.all(r.sections.map(sectionView));
    const texts = r.publications.length
      ? await db.select({ publicationId: publicationTexts.publicationId, language: publicationTexts.language, sha256: publicationTexts.sha256 }).from(publicationTexts).where(inArray(publicationTexts.publicationId, r.publications.map((p) => p.id)))
      : [];
    const canCompile = can(actor, "reports.compile");
    // The sections are the working text: its editors' alone. Readers read the issued revisions.
    const working = canCompile ? r.sections : [];
    const base = summary(r, actor);
    return c.json(
      {
        report: {
          ...base,
          publications: base.publications.map((p) => ({ ...p, texts: texts.filter((t) => t.publicationId === p.id).map(({ language, sha256 }) => ({ language, sha256 })) })),
        },
        sections: working.map((s, i) => ({
          ...views[i]!,
          candidates:
            s.type === "track" && canCompile
              ? candidates.filter((x) => x.trackId === s.trackId).map((x) => ({ id: x.id, label: `${x.symbol ?? x.title}, ${revisionLabel(x.number)}`, adoptedAt: x.adoptedAt }))
              : undefined,
        })),
        words: wordCounts(working, r.report.wordLimit),
        revisions: r.revisions.map(revisionSummary),
        translations: {
          revision: adopted ? revisionSummary(adopted) : null,
          languages: REPORT_LANGUAGES.filter((l) => l !== r.report.originalLanguage).map((language) => {
            const t = adopted && translations.find((x) => x.language === language && x.revisionId === adopted.id);
            return { language, state: t ? t.state : "missing", updatedAt: t ? t.updatedAt : null };
          }),
        },
      },
      200,
    );
  })
  .patch(
    "/:id",
    describeRoute({ tags: ["reports"], summary: "Change a report's title, symbol, session, agenda item, word limit or visibility", responses: { 200: jsonResponse("Done"), ...errors(400, 401, 404, 409) } }),
    v("param", ReportParam),
    v("json", UpdateReportBody),
    async (c) => {
      const db = c.get("db");
      const { r } = await reportFor(c, c.req.valid("param").id, "reports.compile");
      const body = c.req.valid("json");
      // The symbol and title are on every published text: they cannot change after publication.
      if (r.publications.length && ((body.symbol !== undefined && body.symbol !== r.doc.symbol) || (body.title !== undefined && body.title !== r.doc.title))) {
        throw conflict("This report is published under its symbol and title; they cannot change. Issue a corrigendum instead.");
      }
      const docChanges = { ...(body.title !== undefined ? { title: body.title } : {}), ...(body.symbol !== undefined ? { symbol: body.symbol || null } : {}), ...(body.visibility ? { visibility: body.visibility } : {}) };
      const reportChanges = { ...(body.session !== undefined ? { session: body.session } : {}), ...(body.agendaItem !== undefined ? { agendaItem: body.agendaItem || null } : {}), ...(body.wordLimit !== undefined ? { wordLimit: body.wordLimit } : {}) };
      const before = { title: r.doc.title, symbol: r.doc.symbol, visibility: r.doc.visibility, session: r.report.session, agendaItem: r.report.agendaItem, wordLimit: r.report.wordLimit };
      await writeAudited(
        auditContext(c),
        [{ action: "report.update", targetType: "report", targetId: r.report.id, before, after: { ...before, ...docChanges, ...reportChanges } }],
        [
          db.update(documents).set({ ...docChanges, updatedAt: new Date().toISOString() }).where(eq(documents.id, r.doc.id)),
          ...(Object.keys(reportChanges).length ? [db.update(reports).set(reportChanges).where(eq(reports.id, r.report.id))] : []),
        ],
      );
      return c.json({ report: summary(await loadReport(db, c.get("actor"), r.report.id), c.get("actor")) }, 200);
    },
  )
  .put(
    "/:id/sections/:key",
    describeRoute({ tags: ["reports"], summary: "Save a section's text; 409 with the newer text when someone saved since baseVersion, or when the report is adopted or published", responses: { 200: jsonResponse("Done"), ...errors(400, 401, 404, 409) } }),
    v("param", SectionParam),
    v("json", SectionBody),
    async (c) => {
      const db = c.get("db");
      const { id, key } = c.req.valid("param");
      const { r, actor: editor } = await reportFor(c, id, "reports.compile", true);
      const s = sectionOf(r, key);
      const body = c.req.valid("json");
      if (s.version !== body.baseVersion) throw await staleSection(s);
      const blocks = cleanBlocks(body.blocks as ReportBlock[]);
      const saved = await writeSection(c, s, editor, { blocksJson: JSON.stringify(blocks), ...(body.title ? { title: body.title } : {}) }, {
        action: "report.section_save",
        targetType: "report",
        targetId: r.report.id,
        before: { key, version: s.version },
        after: { key, version: s.version + 1, blocks: blocks.length },
      });
      const now = await freshSection(db, s);
      if (!saved) throw await staleSection(now);
      // The counts from the sections already loaded, with this one as saved.
      const words = wordCounts(r.sections.map((x) => (x.key === key ? now : x)), r.report.wordLimit);
      return c.json({ section: await sectionView(now), words }, 200);
    },
  )
  .post(
    "/:id/sections",
    describeRoute({ tags: ["reports"], summary: "Add a hand-written section before the annexes (or an annex at the end)", responses: { 201: jsonResponse("Created"), ...errors(400, 401, 404, 409) } }),
    v("param", ReportParam),
    v("json", NewSectionBody),
    async (c) => {
      const db = c.get("db");
      const { r, actor: editor } = await reportFor(c, c.req.valid("param").id, "reports.compile", true);
      const body = c.req.valid("json");
      const n = r.sections.filter((s) => s.type === "custom").length + 1;
      const key = `${body.annex ? "annex-" : ""}custom-${n}-${newId().slice(0, 4)}`;
      // Body sections go before the first annex; everything after moves down one.
      const firstAnnex = r.sections.find((s) => isAnnexKey(s.key));
      const position = body.annex || !firstAnnex ? (r.sections.at(-1)?.position ?? -1) + 1 : firstAnnex.position;
      const now = new Date().toISOString();
      const row = { reportId: r.report.id, key, position, type: "custom" as const, title: body.title, trackId: null, sourceRevisionId: null, blocksJson: "[]", generatedHash: null, generatedAt: null, version: 1, updatedBy: editor.userId, updatedAt: now };
      await writeAudited(
        auditContext(c),
        [{ action: "report.section_add", targetType: "report", targetId: r.report.id, after: { key, title: body.title, position } }],
        [
          db.update(reportSections).set({ position: sql`${reportSections.position} + 1` }).where(and(eq(reportSections.reportId, r.report.id), sql`${reportSections.position} >= ${position}`)),
          db.insert(reportSections).values(row),
        ],
      );
      return c.json({ section: await sectionView(row) }, 201);
    },
  )
  .delete(
    "/:id/sections/:key",
    describeRoute({ tags: ["reports"], summary: "Remove a hand-written section (generated sections stay; empty them instead)", responses: { 204: emptyResponse("Done"), ...errors(400, 401, 404, 409) } }),
    v("param", SectionParam),
    async (c) => {
      const db = c.get("db");
      const { id, key } = c.req.valid("param");
      const { r } = await reportFor(c, id, "reports.compile", true);
      const s = sectionOf(r, key);
      if (s.type !== "custom") throw conflict("Generated sections are part of the template and cannot be removed.");
      await writeAudited(
        auditContext(c),
        [{ action: "report.section_remove", targetType: "report", targetId: r.report.id, before: { key, title: s.title, blocks: sectionBlocks(s) } }],
        [db.delete(reportSections).where(and(eq(reportSections.reportId, r.report.id), eq(reportSections.key, key)))],
      );
      return c.body(null, 204);
    },
  )
  .put(
    "/:id/sections/:key/source",
    describeRoute({ tags: ["reports"], summary: "Choose which revision a track chapter takes (null: the track's latest adopted one) and regenerate it", responses: { 200: jsonResponse("Done"), ...errors(400, 401, 404, 409) } }),
    v("param", SectionParam),
    v("json", SourceBody),
    async (c) => {
      const db = c.get("db");
      const { id, key } = c.req.valid("param");
      const { r, actor: editor } = await reportFor(c, id, "reports.compile", true);
      const s = sectionOf(r, key);
      if (s.type !== "track") throw badRequest("revisionId", "Only a track chapter takes its text from a revision.");
      const { revisionId } = c.req.valid("json");
      if (revisionId) {
        const [ok] = await db
          .select({ id: revisions.id, visibility: documents.visibility })
          .from(revisions)
          .innerJoin(documents, eq(documents.id, revisions.documentId))
          .where(and(eq(revisions.id, revisionId), eq(documents.trackId, s.trackId!)));
        if (!ok) throw badRequest("revisionId", "No revision of this track's documents has this id.");
        // A report is written to be published: it takes only texts the public may read.
        if (ok.visibility !== "public") throw badRequest("revisionId", "This text is for members only; a report takes only public texts.");
      }
      const spec = { key, type: s.type, trackId: s.trackId, sourceRevisionId: revisionId };
      const blocks = (await generateSections(db, [spec])).get(key) ?? [];
      const saved = await writeSection(
        c,
        s,
        editor,
        { sourceRevisionId: revisionId, blocksJson: JSON.stringify(blocks), generatedHash: await textHash(blocks), generatedAt: new Date().toISOString() },
        { action: "report.section_source", targetType: "report", targetId: r.report.id, before: { key, revisionId: s.sourceRevisionId }, after: { key, revisionId } },
      );
      const now = await freshSection(db, s);
      if (!saved) throw await staleSection(now);
      return c.json({ section: await sectionView(now) }, 200);
    },
  )
  .post(
    "/:id/regenerate",
    describeRoute({
      tags: ["reports"],
      summary: "Regenerate generated sections from the data as it is now. Sections edited by hand are kept (listed in `kept`) unless discardEdits is set",
      responses: { 200: jsonResponse("Done"), ...errors(400, 401, 404, 409) },
    }),
    v("param", ReportParam),
    v("json", RegenerateBody),
    async (c) => {
      const db = c.get("db");
      const { r, actor: editor } = await reportFor(c, c.req.valid("param").id, "reports.compile", true);
      const { keys, discardEdits } = c.req.valid("json");
      const unknown = keys?.find((k) => !r.sections.some((s) => s.key === k));
      if (unknown) throw badRequest("keys", `No section has the key "${unknown}".`);
      const targets = r.sections.filter((s) => isGenerated(s.type) && (!keys || keys.includes(s.key)));
      const generated = await generateSections(db, targets);
      const regenerated: string[] = [];
      const kept: string[] = [];
      const unchanged: string[] = [];
      const now = new Date().toISOString();
      const writes = [];
      const entries: AuditEntry[] = [];
      for (const s of targets) {
        const edited = s.generatedHash !== null && (await textHash(sectionBlocks(s))) !== s.generatedHash;
        if (edited && !discardEdits) {
          kept.push(s.key);
          continue;
        }
        const blocks = generated.get(s.key) ?? [];
        const blocksJson = JSON.stringify(blocks);
        if (blocksJson === s.blocksJson) {
          unchanged.push(s.key);
          continue;
        }
        regenerated.push(s.key);
        // Guarded by version: a save that lands meanwhile wins, and its section is not regenerated.
        const { update, won } = guardedSectionUpdate(db, s, editor.userId, { blocksJson, generatedHash: await textHash(blocks), generatedAt: now }, now);
        writes.push(update);
        entries.push({
          action: "report.regenerate",
          targetType: "report",
          targetId: r.report.id,
          before: { key: s.key, version: s.version, edited },
          after: { key: s.key, version: s.version + 1, blocks: blocks.length },
          onlyIf: won,
        });
      }
      if (writes.length) await writeAudited(auditContext(c), entries, writes as [(typeof writes)[number]]);
      const after = await loadReport(db, c.get("actor"), r.report.id);
      return c.json(
        { regenerated, kept, unchanged, sections: await Promise.all(after.sections.map(sectionView)), words: wordCounts(after.sections, after.report.wordLimit) },
        200,
      );
    },
  )
  .post(
    "/:id/review",
    describeRoute({ tags: ["reports"], summary: "Issue the sections as the report's next revision, open for comments, positions and a silence procedure", responses: { 201: jsonResponse("Created"), ...errors(400, 401, 404, 409) } }),
    v("param", ReportParam),
    v("json", ReviewBody),
    async (c) => {
      const db = c.get("db");
      const { r, actor: editor } = await reportFor(c, c.req.valid("param").id, "reports.compile", true);
      const blocks = composeIssuable(r.sections);
      if (!blocks.some((b) => b.kind !== "heading")) throw badRequest("sections", "The report has no text yet.");
      const [doc] = await db.select({ version: documents.draftVersion }).from(documents).where(eq(documents.id, r.doc.id));
      const revision = await issueRevision(c, r.doc, editor, { version: doc!.version, blocks }, c.req.valid("json"));
      return c.json({ revision, state: "under_review" }, 201);
    },
  )
  .post(
    "/:id/publish",
    describeRoute({ tags: ["reports"], summary: "Publish the adopted text, with its finished translations: immutable, hashed, public. 409 unless adopted", responses: { 201: jsonResponse("Created"), ...errors(400, 401, 404, 409) } }),
    v("param", ReportParam),
    async (c) => {
      const db = c.get("db");
      const { r, actor: publisher } = await reportFor(c, c.req.valid("param").id, "reports.publish");
      if (r.state !== "adopted") {
        throw conflict(r.state === "published" ? "This text is already published." : "Only an adopted report can be published. Take it through review and adoption first.", { state: r.state });
      }
      if (!r.doc.symbol) throw badRequest("symbol", "Give the report its document symbol before publishing.");
      const revision = adoptedRevision(r)!;
      const earlier = r.publications.filter((p) => p.kind !== "corrigendum").length;
      const kind = earlier === 0 ? ("original" as const) : ("revision" as const);
      const symbol = earlier === 0 ? r.doc.symbol : `${r.doc.symbol}/Rev.${earlier}`;
      const finals = await db
        .select()
        .from(reportTranslations)
        .where(and(eq(reportTranslations.revisionId, revision.id), eq(reportTranslations.state, "final")));
      const paragraphs = await revisionText(db, revision.id);
      const meta = reportMeta(r, { symbol, kind });
      const languages: [ReportLanguage, RenderedReport][] = [
        [r.report.originalLanguage, renderModel(meta, paragraphs)],
        ...finals.map((t): [ReportLanguage, RenderedReport] => [t.language, renderModel(meta, paragraphs, t.language, JSON.parse(t.paragraphsJson))]),
      ];
      const now = new Date().toISOString();
      const id = newId();
      const texts = await Promise.all(
        languages.map(async ([language, model]) => {
          const content = JSON.stringify(model);
          return { publicationId: id, language, content, sha256: await sha256Hex(content), publishedAt: now, publishedBy: publisher.userId };
        }),
      );
      await uniqueOr409(
        () =>
          writeAudited(
            auditContext(c),
            [{ action: "report.publish", targetType: "report", targetId: r.report.id, after: { symbol, kind, revision: revision.number, languages: texts.map((t) => [t.language, t.sha256]) } }],
            [
              db.insert(publications).values({ id, reportId: r.report.id, kind, symbol, title: r.doc.title, revisionId: revision.id, correctsId: null, publishedAt: now, publishedBy: publisher.userId }),
              // The text becomes public through /published; the document, its review and later drafts keep their visibility.
              ...texts.map((t) => db.insert(publicationTexts).values(t)),
            ],
          ),
        `${symbol} was just published by someone else.`,
      );
      return c.json({ publication: { id, kind, symbol, publishedAt: now, href: `/published/${symbol}`, texts: texts.map(({ language, sha256 }) => ({ language, sha256 })) } }, 201);
    },
  )
  .post(
    "/:id/reopen",
    describeRoute({ tags: ["reports"], summary: "Start preparing a revised text (published next as /Rev.N) of a published report", responses: { 200: jsonResponse("Done"), ...errors(400, 401, 404, 409) } }),
    v("param", ReportParam),
    async (c) => {
      const db = c.get("db");
      const { r } = await reportFor(c, c.req.valid("param").id, "reports.compile");
      if (r.state !== "published") throw conflict("Only a published report can be reopened for a revised text.", { state: r.state });
      const now = new Date().toISOString();
      await writeAudited(
        auditContext(c),
        [{ action: "report.reopen", targetType: "report", targetId: r.report.id, after: { reopenedAt: now } }],
        [db.update(reports).set({ reopenedAt: now }).where(eq(reports.id, r.report.id))],
      );
      return c.json({ state: "drafting" }, 200);
    },
  )
  .post(
    "/:id/corrigenda",
    describeRoute({ tags: ["reports"], summary: "Issue a corrigendum (/Corr.N) to a published text: each corrected paragraph with its new wording. The original is never edited", responses: { 201: jsonResponse("Created"), ...errors(400, 401, 404, 409) } }),
    v("param", ReportParam),
    v("json", CorrigendumBody),
    async (c) => {
      const db = c.get("db");
      const { r, actor: publisher } = await reportFor(c, c.req.valid("param").id, "reports.publish");
      const body = c.req.valid("json");
      const base = r.publications.find((p) => p.id === body.publicationId);
      if (!base) throw badRequest("publicationId", "No published text of this report has this id.");
      if (base.kind === "corrigendum") throw badRequest("publicationId", "Correct the original or revised text, not a corrigendum.");
      const [baseText] = await db
        .select({ content: publicationTexts.content })
        .from(publicationTexts)
        .where(and(eq(publicationTexts.publicationId, base.id), eq(publicationTexts.language, r.report.originalLanguage)));
      const baseModel = JSON.parse(baseText!.content) as RenderedReport;
      const numbers = new Set(baseModel.blocks.flatMap((b) => (b.type === "paragraph" && b.number !== null ? [b.number] : [])));
      const corrections = body.corrections.map((x, i) => {
        if (!numbers.has(x.paragraph)) throw badRequest(`corrections.${i}.paragraph`, `${base.symbol} has no paragraph ${x.paragraph}.`);
        const html = sanitizeInline(x.html);
        if (!html) throw badRequest(`corrections.${i}.html`, "Give the corrected text.");
        return { paragraph: x.paragraph, html };
      });
      const n = r.publications.filter((p) => p.correctsId === base.id).length + 1;
      const symbol = `${base.symbol}/Corr.${n}`;
      const now = new Date().toISOString();
      const model = corrigendumModel(reportMeta(r, { symbol, kind: "corrigendum" }), baseModel, corrections);
      const content = JSON.stringify(model);
      const sha256 = await sha256Hex(content);
      const id = newId();
      await uniqueOr409(
        () =>
          writeAudited(
            auditContext(c),
            [{ action: "report.corrigendum", targetType: "report", targetId: r.report.id, after: { symbol, corrects: base.symbol, paragraphs: corrections.map((x) => x.paragraph), sha256 } }],
            [
              db.insert(publications).values({ id, reportId: r.report.id, kind: "corrigendum", symbol, title: r.doc.title, revisionId: null, correctsId: base.id, publishedAt: now, publishedBy: publisher.userId }),
              db.insert(publicationTexts).values({ publicationId: id, language: r.report.originalLanguage, content, sha256, publishedAt: now, publishedBy: publisher.userId }),
            ],
          ),
        `${symbol} was just issued by someone else.`,
      );
      return c.json({ publication: { id, kind: "corrigendum", symbol, publishedAt: now, href: `/published/${symbol}`, texts: [{ language: r.report.originalLanguage, sha256 }] } }, 201);
    },
  )
  .get(
    "/:id/translations/:lang",
    describeRoute({ tags: ["reports"], summary: "The adopted text paragraph by paragraph beside its translation into one language", responses: { 200: jsonResponse("The adopted text paragraph by paragraph beside its translation into one language"), ...errors(400, 401, 403, 404, 409) } }),
    v("param", LanguageParam),
    async (c) => {
      const db = c.get("db");
      const { id, lang } = c.req.valid("param");
      const { r } = await reportFor(c, id, "reports.translate");
      const revision = translatable(r);
      const [source, [row]] = await Promise.all([
        revisionText(db, revision.id),
        db
          .select({ t: reportTranslations, by: users.name })
          .from(reportTranslations)
          .leftJoin(users, eq(users.id, reportTranslations.updatedBy))
          .where(and(eq(reportTranslations.revisionId, revision.id), eq(reportTranslations.language, lang))),
      ]);
      return c.json(
        {
          revision: revisionSummary(revision),
          language: lang,
          title: r.doc.title,
          source,
          translation: row ? { state: row.t.state, version: row.t.version, paragraphs: JSON.parse(row.t.paragraphsJson), updatedAt: row.t.updatedAt, updatedBy: row.by } : null,
        },
        200,
      );
    },
  )
  .put(
    "/:id/translations/:lang",
    describeRoute({ tags: ["reports"], summary: "Save a translation (in progress or final); 409 when someone saved since baseVersion (0 for a new one)", responses: { 200: jsonResponse("Done"), ...errors(400, 401, 404, 409) } }),
    v("param", LanguageParam),
    v("json", TranslationBody),
    async (c) => {
      const db = c.get("db");
      const { id, lang } = c.req.valid("param");
      const { r, actor: translator } = await reportFor(c, id, "reports.translate");
      if (lang === r.report.originalLanguage) throw badRequest("lang", "This is the report's original language.");
      const revision = translatable(r);
      const body = c.req.valid("json");
      const source = await revisionText(db, revision.id);
      const pids = new Set(["$title", ...source.map((p) => p.pid)]);
      const paragraphs: Record<string, { html: string; footnotes?: string[] }> = {};
      for (const [pid, t] of Object.entries(body.paragraphs)) {
        if (!pids.has(pid)) throw badRequest(`paragraphs.${pid}`, "The adopted text has no paragraph with this identity.");
        const html = sanitizeInline(t.html);
        const footnotes = (t.footnotes ?? []).map(sanitizeInline);
        // A footnote may be translated before its paragraph: keep either.
        if (html || footnotes.some(Boolean)) paragraphs[pid] = { html, ...(footnotes.length ? { footnotes } : {}) };
      }
      if (body.state === "final") {
        const missing = [...pids].filter((pid) => !paragraphs[pid]?.html);
        if (missing.length) throw badRequest("paragraphs", `${missing.length} paragraph(s) are not translated yet; save as in progress.`);
        const notesShort = source.find((p) => {
          const notes = paragraphs[p.pid]!.footnotes ?? [];
          return (p.footnotes?.length ?? 0) !== notes.length || notes.some((n) => !n);
        });
        if (notesShort) throw badRequest(`paragraphs.${notesShort.pid}`, "Translate each of this paragraph's footnotes.");
      }
      const published = await db
        .select({ id: publicationTexts.publicationId })
        .from(publicationTexts)
        .innerJoin(publications, eq(publications.id, publicationTexts.publicationId))
        .where(and(eq(publications.revisionId, revision.id), eq(publicationTexts.language, lang)));
      if (published.length) throw conflict("This translation is published and cannot be changed. Issue a corrigendum instead.");
      const now = new Date().toISOString();
      const values = { reportId: r.report.id, revisionId: revision.id, language: lang, state: body.state, paragraphsJson: JSON.stringify(paragraphs), version: body.baseVersion + 1, updatedBy: translator.userId, updatedAt: now };
      const thisTranslation = and(eq(reportTranslations.revisionId, revision.id), eq(reportTranslations.language, lang));
      const stamp = { updatedAt: now, updatedBy: translator.userId };
      const audit: AuditEntry = { action: "report.translation_save", targetType: "report", targetId: r.report.id, after: { language: lang, state: body.state, version: body.baseVersion + 1, paragraphs: Object.keys(paragraphs).length } };
      if (body.baseVersion === 0) {
        // The first save of a language: two translators starting at once, one wins.
        const won = stamped(reportTranslations, thisTranslation, { ...stamp, version: 1 });
        await writeAudited(auditContext(c), [{ ...audit, onlyIf: won }], [insertIfAbsent(db, reportTranslations, values, thisTranslation)]);
      } else {
        const { state, paragraphsJson } = values;
        await writeGuarded(auditContext(c), versionedUpdate(db, reportTranslations, { row: thisTranslation, version: reportTranslations.version, base: body.baseVersion, set: { state, paragraphsJson }, stamp }), [audit]);
      }
      const [row] = await db.select().from(reportTranslations).where(and(eq(reportTranslations.revisionId, revision.id), eq(reportTranslations.language, lang)));
      const current = row ? { state: row.state, version: row.version, paragraphs: JSON.parse(row.paragraphsJson), updatedAt: row.updatedAt, updatedBy: row.updatedBy === translator.userId ? translator.name : null } : null;
      if (!row || row.updatedAt !== now || row.updatedBy !== translator.userId) {
        throw conflict("Someone saved this translation meanwhile. Review their text before saving again.", { current });
      }
      return c.json({ translation: current }, 200);
    },
  )
  .post(
    "/:id/publications/:pub/translations/:lang",
    describeRoute({ tags: ["reports"], summary: "Publish a finished translation of a published text; it is frozen and hashed like the original", responses: { 201: jsonResponse("Created"), ...errors(400, 401, 404, 409) } }),
    v("param", PublicationParam.extend(LanguageParam.pick({ lang: true }).shape)),
    async (c) => {
      const db = c.get("db");
      const { id, pub, lang } = c.req.valid("param");
      const { r, actor: publisher } = await reportFor(c, id, "reports.publish");
      const p = r.publications.find((x) => x.id === pub);
      if (!p || !p.revisionId) throw notFound("The published text");
      const [[t], [existing], [original]] = await db.batch([
        db.select().from(reportTranslations).where(and(eq(reportTranslations.revisionId, p.revisionId), eq(reportTranslations.language, lang))),
        db.select({ sha256: publicationTexts.sha256 }).from(publicationTexts).where(and(eq(publicationTexts.publicationId, p.id), eq(publicationTexts.language, lang))),
        db.select({ content: publicationTexts.content }).from(publicationTexts).where(and(eq(publicationTexts.publicationId, p.id), eq(publicationTexts.language, r.report.originalLanguage))),
      ]);
      if (existing) throw conflict(`The ${lang} text of ${p.symbol} is already published.`);
      if (!t || t.state !== "final") throw conflict("Only a final translation can be published. Mark it final first.", { state: t?.state ?? "missing" });
      const frozen = JSON.parse(original!.content) as RenderedReport;
      const model = renderModel(
        { symbol: p.symbol, title: r.doc.title, session: r.report.session, agendaItem: r.report.agendaItem, date: frozen.date, originalLanguage: r.report.originalLanguage, watermark: null, kind: p.kind },
        await revisionText(db, p.revisionId),
        lang,
        JSON.parse(t.paragraphsJson),
      );
      const content = JSON.stringify(model);
      const sha256 = await sha256Hex(content);
      const now = new Date().toISOString();
      await uniqueOr409(
        () =>
          writeAudited(
            auditContext(c),
            [{ action: "report.publish_translation", targetType: "report", targetId: r.report.id, after: { symbol: p.symbol, language: lang, sha256 } }],
            [db.insert(publicationTexts).values({ publicationId: p.id, language: lang, content, sha256, publishedAt: now, publishedBy: publisher.userId })],
          ),
        `The ${lang} text of ${p.symbol} is already published.`,
      );
      return c.json({ text: { language: lang, sha256, publishedAt: now } }, 201);
    },
  )
  .get(
    "/:id/export",
    describeRoute({ tags: ["reports"], summary: "A draft of the report as PDF, DOCX or HTML: an issued revision for its readers, the working text for its editors", responses: { 200: fileResponse("The draft as PDF, DOCX or HTML", "application/pdf", DOCX, "text/html"), ...errors(400, 401, 403, 404, 422) } }),
    v("param", ReportParam),
    v("query", ExportQuery),
    async (c) => {
      const db = c.get("db");
      const actor = c.get("actor");
      const r = await loadReport(db, actor, c.req.valid("param").id);
      authorize(actor, "documents.view", documentScope(r.doc));
      const { format, revision: which, lang } = c.req.valid("query");
      const rev = which === undefined ? r.revisions.at(-1) : which === "working" ? undefined : r.revisions.find((x) => x.number === which);
      if (typeof which === "number" && !rev) throw notFound(`${revisionLabel(which)} of this report`);
      // The working text (not issued) is for its editors only.
      if (!rev) authorize(actor, "reports.compile");
      const language = lang ?? r.report.originalLanguage;
      let translation = null;
      if (rev && language !== r.report.originalLanguage) {
        const [t] = await db.select({ json: reportTranslations.paragraphsJson }).from(reportTranslations).where(and(eq(reportTranslations.revisionId, rev.id), eq(reportTranslations.language, language)));
        if (!t) throw notFound(`A ${language} translation of ${revisionLabel(rev.number)}`);
        translation = JSON.parse(t.json);
      } else if (!rev && language !== r.report.originalLanguage) {
        throw badRequest("lang", "The working text exists only in the original language.");
      }
      const paragraphs = rev ? await revisionText(db, rev.id) : numberWorking(composeIssuable(r.sections));
      const label = rev ? `${revisionLabel(rev.number)}${rev.adoptedAt ? ", adopted" : ", under review"}` : "working text, not issued";
      const model = renderModel(reportMeta(r, { symbol: r.doc.symbol ?? "Draft", watermark: `Draft: ${label}` }), paragraphs, language, translation);
      const bytes = rev ? await renderKept(c.env.MATERIALS, await sha256Hex(JSON.stringify(model)), format, async () => model) : await renderFile(model, format);
      const suffix = rev ? `-${revisionLabel(rev.number).replace(/\s+/g, "-")}` : "-working";
      return file(c, bytes, FORMATS[format], fileName(r.doc.symbol ?? r.doc.title.slice(0, 40), `${suffix}-${language}`, format));
    },
  );

