// The public face of published reports, server-rendered with no JavaScript:
// /published (archive), /published/feed.atom, /published/<symbol> (the page,
// ?lang= for a finished translation) and /published/<symbol>.pdf|.docx|.html|.json.
// Published texts are frozen JSON; the files are rendered from it (PDFs once,
// then kept in R2 under their hash), so the same URL always gives the same text.
import { and, asc, eq, sql } from "drizzle-orm";
import { Hono, type Context } from "hono";
import { publications, publicationTexts, reports } from "../db/schema";
import { type AppEnv, publicOrigin } from "../env";
import { REPORT_LANGUAGES, type RenderedReport, type ReportLanguage } from "./model";
import { renderAtomFeed } from "./render/atom";
import { type ArchiveItem, type PageLinks, renderArchivePage, renderReportPage } from "./render/html";
import { fileName, FORMATS, renderKept } from "./files";
import { ApiError } from "../errors";
import { escapeText } from "../documents/markup";
import { disposition } from "../meetings/materials";
import { v } from "../validation";
import { PublishedQuery } from "./schemas";

const FEED = "/published/feed.atom";
const IMMUTABLE = "public, max-age=31536000, immutable";
// Pages list corrigenda issued later, so they are cached briefly; the text itself never changes.
const PAGE_CACHE = "public, max-age=300";

const href = (symbol: string, ext = "", lang?: ReportLanguage, original?: ReportLanguage) =>
  `/published/${symbol.split("/").map(encodeURIComponent).join("/")}${ext}${lang && lang !== original ? `?lang=${lang}` : ""}`;

function notFoundPage(c: Context<AppEnv>, message: string) {
  return c.html(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Not found</title></head><body style="font:16px/1.5 system-ui, sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem"><h1>Not found</h1><p>${escapeText(message)}</p><p><a href="/published">Published progress reports</a></p></body></html>`,
    404,
  );
}

async function archiveItems(db: AppEnv["Variables"]["db"]): Promise<ArchiveItem[]> {
  const [pubs, texts, meta] = await db.batch([
    db.select().from(publications).orderBy(asc(publications.publishedAt)),
    // Not the content: the archive needs only which languages exist and their hashes.
    db.select({ publicationId: publicationTexts.publicationId, language: publicationTexts.language, sha256: publicationTexts.sha256 }).from(publicationTexts),
    db.select({ id: reports.id, session: reports.session, originalLanguage: reports.originalLanguage }).from(reports),
  ]);
  const items = pubs.map((p): ArchiveItem => {
    const own = texts.filter((t) => t.publicationId === p.id);
    const report = meta.find((m) => m.id === p.reportId);
    const original = own.find((t) => t.language === report?.originalLanguage) ?? own[0];
    return {
      symbol: p.symbol,
      title: p.title,
      session: report ? `${report.session}` : "",
      publishedAt: p.publishedAt,
      href: href(p.symbol),
      kind: p.kind,
      languages: REPORT_LANGUAGES.filter((l) => own.some((t) => t.language === l)),
      sha256: original?.sha256 ?? "",
      related: pubs.filter((x) => x.reportId === p.reportId && x.id !== p.id).map((x) => ({ symbol: x.symbol, href: href(x.symbol), kind: x.kind })),
    };
  });
  return items.reverse();
}

export const publicReports = new Hono<AppEnv>()
  .get("/", async (c) => {
    const items = await archiveItems(c.get("db"));
    return c.html(renderArchivePage(items, { language: "en", feedHref: FEED, appHref: "/" }), 200, { "cache-control": PAGE_CACHE });
  })
  .get("/feed.atom", async (c) => {
    const items = await archiveItems(c.get("db"));
    // Feed readers keep these links: they come from the configured origin, never the Host header.
    const xml = renderAtomFeed(items, { baseUrl: publicOrigin(c.env), feedPath: FEED, updated: items[0]?.publishedAt ?? "2026-01-01T00:00:00.000Z", archivePath: "/published" });
    return c.body(xml, 200, { "content-type": "application/atom+xml; charset=utf-8", "cache-control": PAGE_CACHE });
  })
  .get("/*", v("query", PublishedQuery), async (c) => {
    const db = c.get("db");
    let path: string;
    try {
      path = decodeURIComponent(new URL(c.req.url).pathname.replace(/^\/published\//, ""));
    } catch {
      return notFoundPage(c, "This address is not a document symbol.");
    }
    const ext = /\.(pdf|docx|html|json)$/.exec(path)?.[1] as keyof typeof FORMATS | "json" | undefined;
    const symbol = ext ? path.slice(0, -(ext.length + 1)) : path.replace(/\/$/, "");
    // ?lang=xx answers 400 naming lang, like any malformed parameter.
    const wanted: ReportLanguage | null = c.req.valid("query").lang ?? null;
    // One round trip, keyed by the symbol alone: the text, its siblings, its languages.
    const pubId = sql`(select id from publications where symbol = ${symbol})`;
    const reportId = sql`(select report_id from publications where symbol = ${symbol})`;
    const originalLanguage = sql`(select original_language from reports where id = ${reportId})`;
    const [[pub], siblings, languages, [report], [text]] = await db.batch([
      db.select().from(publications).where(eq(publications.symbol, symbol)),
      db.select().from(publications).where(eq(publications.reportId, reportId)).orderBy(asc(publications.publishedAt)),
      db.select({ language: publicationTexts.language, sha256: publicationTexts.sha256 }).from(publicationTexts).where(eq(publicationTexts.publicationId, pubId)),
      db.select({ originalLanguage: reports.originalLanguage }).from(reports).where(eq(reports.id, reportId)),
      // A PDF is usually kept in R2 already: then the text itself is not needed.
      db
        .select({ content: ext === "pdf" ? sql<string>`''` : publicationTexts.content })
        .from(publicationTexts)
        .where(and(eq(publicationTexts.publicationId, pubId), eq(publicationTexts.language, wanted ?? originalLanguage))),
    ]);
    if (!pub || !report) return notFoundPage(c, `No published text has the symbol ${symbol}.`);
    const lang = wanted ?? report.originalLanguage;
    const chosen = languages.find((t) => t.language === lang);
    if (!chosen || !text) return notFoundPage(c, `${symbol} is not published in this language (yet).`);
    const etag = `"${chosen.sha256}${ext ? `-${ext}` : `-${siblings.length}`}"`;
    if (c.req.header("if-none-match") === etag) return c.body(null, 304, { etag });
    const original = report.originalLanguage;
    const content = text.content;
    const name = fileName(symbol, lang === original ? "" : `-${lang}`, ext ?? "html");
    const headers = { etag, "cache-control": IMMUTABLE, "x-content-type-options": "nosniff" };

    if (ext === "json") {
      // The exact bytes the SHA-256 on the page is computed over, so anyone can check it.
      return c.body(content, 200, { ...headers, "content-type": "application/json; charset=utf-8", "content-disposition": disposition(name) });
    }
    const loadModel = async () => {
      if (ext !== "pdf") return JSON.parse(content) as RenderedReport;
      const [row] = await db
        .select({ content: publicationTexts.content })
        .from(publicationTexts)
        .where(and(eq(publicationTexts.publicationId, pub.id), eq(publicationTexts.language, lang)));
      return JSON.parse(row!.content) as RenderedReport;
    };
    if (ext) {
      let bytes: Uint8Array | string;
      try {
        bytes = await renderKept(c.env.MATERIALS, chosen.sha256, ext, loadModel);
      } catch (err) {
        if (err instanceof ApiError && err.status === 422) return notFoundPage(c, err.message);
        throw err;
      }
      return c.body(bytes as Uint8Array<ArrayBuffer>, 200, { ...headers, "content-type": FORMATS[ext], "content-disposition": disposition(name) });
    }

    const newerRevision = [...siblings].reverse().find((p) => p.kind !== "corrigendum" && p.publishedAt > pub.publishedAt && pub.kind !== "corrigendum");
    const links: PageLinks = {
      canonicalPath: href(symbol, "", lang, original),
      sha256: chosen.sha256,
      publishedAt: pub.publishedAt,
      languages: REPORT_LANGUAGES.filter((l) => languages.some((t) => t.language === l)).map((l) => ({ language: l, href: href(symbol, "", l, original), current: l === lang })),
      related: siblings.map((p) => ({ symbol: p.symbol, href: href(p.symbol), kind: p.kind, publishedAt: p.publishedAt, current: p.id === pub.id })),
      downloads: (["pdf", "docx", "html"] as const).map((format) => ({ format, href: href(symbol, `.${format}`, lang, original) })),
      supersededBy: newerRevision ? { symbol: newerRevision.symbol, href: href(newerRevision.symbol) } : null,
      correctedBy: siblings.filter((p) => p.correctsId === pub.id).map((p) => ({ symbol: p.symbol, href: href(p.symbol) })),
      archiveHref: "/published",
      feedHref: FEED,
    };
    return c.html(renderReportPage(await loadModel(), links), 200, { etag, "cache-control": PAGE_CACHE });
  });
