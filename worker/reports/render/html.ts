// The public HTML of progress reports: the report page (also the standalone
// HTML export) and the archive. Server-rendered, no JavaScript, one inline
// stylesheet, so a page is one request and prints like the UN document.

import { LIST_ENUMERATOR } from "../../db/enums";
import { escapeText, toPlainText } from "../../documents/markup";
import { ENDONYMS, formatReportDate, masthead, REPORT_LABELS, type ReportLabels } from "../labels";
import { PDF_LANGUAGES, type PublicationKind, type RenderBlock, type RenderedReport, type ReportLanguage, RTL_LANGUAGES } from "../model";

export type PageLinks = {
  canonicalPath: string;
  sha256: string;
  publishedAt: string;
  languages: { language: ReportLanguage; href: string; current: boolean }[];
  related: { symbol: string; href: string; kind: PublicationKind; publishedAt: string; current: boolean }[];
  downloads: { format: "pdf" | "docx" | "html"; href: string }[];
  supersededBy: { symbol: string; href: string } | null;
  correctedBy: { symbol: string; href: string }[];
  archiveHref: string;
  feedHref: string;
};

export type ArchiveItem = {
  symbol: string;
  title: string;
  session: string;
  publishedAt: string;
  href: string;
  kind: PublicationKind;
  languages: ReportLanguage[];
  sha256: string;
  related: { symbol: string; href: string; kind: PublicationKind }[];
};

const esc = escapeText;

// Logical properties (padding-inline-start, inset-inline-start) mirror the
// hanging numbers for Arabic. Colours pass WCAG AA on their backgrounds.
const CSS = `
:root{color-scheme:light;--ink:#1b1b1b;--muted:#4d4d4d;--link:#0a4d8c;--bar:#f1f3f6;--focus:#b04400}
*{box-sizing:border-box}
html{font:17px/1.55 "Times New Roman",Times,"Liberation Serif","Noto Serif","Noto Naskh Arabic","Noto Serif CJK SC",serif;color:var(--ink);background:#fff;-webkit-text-size-adjust:100%}
body{margin:0}
a{color:var(--link)}
a:focus-visible{outline:3px solid var(--focus);outline-offset:2px;border-radius:2px}
.skip{position:absolute;inset-inline-start:.5rem;top:-4rem;background:#fff;padding:.4rem .8rem;border:2px solid var(--focus)}
.skip:focus{top:.5rem}
.wrap{max-width:46rem;margin:0 auto;padding:0 1.25rem}
.bar{background:var(--bar);border-bottom:1px solid #cfd6df;font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;padding:.7rem 0}
.bar dl{margin:0;display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}
.bar dt{font-weight:600}
.bar dd{margin:0;min-width:0}
.inline{display:inline;list-style:none;margin:0;padding:0}
.inline li{display:inline}
.inline li+li::before{content:" · "}
.hash{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:13px;overflow-wrap:anywhere}
.muted{color:var(--muted)}
.nowrap{white-space:nowrap}
a[aria-current]{font-weight:700;color:var(--ink)}
.links{margin:.4rem 0 0}
.notice{border-inline-start:4px solid #8a5300;background:#fff6dd;padding:.5rem .8rem}
.watermark{border:2px solid #a10000;color:#a10000;font-weight:700;text-align:center;padding:.4rem .6rem}
.doc{padding-top:1.5rem;padding-bottom:3rem}
.mast{margin-bottom:1.5rem}
.mast p{margin:0}
.mast .notice,.mast .watermark{margin-bottom:1rem}
.top{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:baseline;gap:0 1rem;border-bottom:3px solid var(--ink);padding-bottom:.15rem}
.organ,.sym{font-size:1.6rem;font-weight:700}
.meta{border-bottom:1px solid var(--ink);padding:.4rem 0 .6rem;padding-inline-start:62%}
.session p{margin:0}
h1{font-size:1.5rem;line-height:1.25;margin:1.25rem 0 1.75rem}
h2{font-size:1.15rem;line-height:1.3;margin:2rem 0 .8rem}
h3{font-size:1rem;margin:1.5rem 0 .6rem;padding-inline-start:2.5rem}
.ch{padding-inline-start:2.5rem;text-indent:-2.5rem}
.ch .l{display:inline-block;min-width:2.5rem;text-indent:0}
.p,.t{margin:0 0 .75rem;padding-inline-start:2.5rem}
.p{position:relative}
.n{position:absolute;inset-inline-start:0}
.items{margin:0 0 .75rem;padding-inline-start:4rem;list-style-type:"\\2013\\2002"}
.items li{margin-bottom:.4rem}
.items .e{list-style:none}
.annex{text-align:center;margin-top:3.5rem}
.annex span{display:block}
.notes{border-top:1px solid var(--ink);margin-top:2.5rem;font-size:.9rem}
.notes ol{padding-inline-start:2.5rem}
.notes li{margin-bottom:.35rem}
.back{padding:0 .2rem}
sup{line-height:0}
sup a{padding:0 .15em}
.list{list-style:none;padding:0;margin:0}
.list>li{border-bottom:1px solid #d9dee5;padding:1rem 0}
.list h2{margin:0 0 .3rem;font-size:1.1rem}
.list p{margin:.15rem 0}
@media (max-width:40rem){html{font-size:16px}.organ,.sym{font-size:1.3rem}.meta{padding-inline-start:35%}.bar dl{grid-template-columns:1fr}.bar dd{margin-bottom:.3rem}}
@media print{
@page{size:A4;margin:2cm 2.2cm}
html{font-size:11pt}
.bar,.skip,.back{display:none}
.wrap{max-width:none;padding:0}
a{color:inherit;text-decoration:none}
.annex{break-before:page;margin-top:0}
h1,h2,h3{break-after:avoid}
.p,.t,li{orphans:2;widows:2}
}`;

function shell(lang: ReportLanguage, title: string, head: string, body: string): string {
  const dir = RTL_LANGUAGES.has(lang) ? "rtl" : "ltr";
  return (
    `<!doctype html>\n<html lang="${lang}" dir="${dir}"><head><meta charset="utf-8">` +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    `<title>${esc(title)}</title>${head}<style>${CSS}</style></head><body>${body}</body></html>\n`
  );
}

const feedLink = (l: ReportLabels, href: string) =>
  `<link rel="alternate" type="application/atom+xml" title="${esc(l.atomFeed)}" href="${esc(href)}">`;

const skipLink = (l: ReportLabels) => `<a class="skip" href="#main">${esc(l.skipToContent)}</a>`;

const inlineList = (items: string[]) => `<ul class="inline">${items.map((i) => `<li>${i}</li>`).join("")}</ul>`;

const link = (href: string, text: string, attrs = "") => `<a href="${esc(href)}"${attrs}>${text}</a>`;

/** Symbols are Latin-script identifiers: isolate them inside Arabic text. */
const sym = (s: string) => `<bdi dir="ltr">${esc(s)}</bdi>`;

// ---------- report page ----------

/** Footnote references, after the block's text: <sup><a href="#fn-3" id="fnref-3">3</a></sup>. */
const noteRefs = (notes: number[]) => notes.map((n) => `<sup><a href="#fn-${n}" id="fnref-${n}">${n}</a></sup>`).join("<sup>,</sup>");

// "(a) …" items carry their own enumerator, so no dash.
const ENUMERATED = LIST_ENUMERATOR;

function bodyHtml(blocks: RenderBlock[]): string {
  const out: string[] = [];
  let inList = false;
  let inSection = false; // under a chapter or annex heading, so sub-headings are h3
  for (const b of blocks) {
    if (inList && b.type !== "list_item") {
      out.push("</ul>");
      inList = false;
    }
    switch (b.type) {
      case "chapter":
        inSection = true;
        out.push(`<h2 class="ch"><span class="l">${esc(b.label)}</span>${b.html}</h2>`);
        break;
      case "annex":
        inSection = true;
        out.push(`<h2 class="annex"><span>${esc(b.label)}</span> <span>${b.html}</span></h2>`);
        break;
      case "heading":
        out.push(inSection ? `<h3>${b.html}</h3>` : `<h2>${b.html}</h2>`);
        break;
      case "paragraph":
        out.push(
          b.number === null
            ? `<p class="t">${b.html}${noteRefs(b.notes)}</p>`
            : `<p class="p" id="para-${b.number}"><span class="n">${b.number}.</span>${b.html}${noteRefs(b.notes)}</p>`,
        );
        break;
      case "list_item":
        if (!inList) out.push('<ul class="items">');
        inList = true;
        out.push(`<li${ENUMERATED.test(b.html) ? ' class="e"' : ""}>${b.html}${noteRefs(b.notes)}</li>`);
        break;
    }
  }
  if (inList) out.push("</ul>");
  return out.join("\n");
}

function notesHtml(r: RenderedReport, l: ReportLabels): string {
  if (!r.footnotes.length) return "";
  const back = RTL_LANGUAGES.has(r.language) ? "\u21AA\uFE0E" : "\u21A9\uFE0E";
  const items = r.footnotes.map(
    (f) =>
      `<li id="fn-${f.number}" value="${f.number}">${f.html} ` +
      `<a class="back" href="#fnref-${f.number}" aria-label="${esc(`${l.backToText} (${f.number})`)}">${back}</a></li>`,
  );
  return `<section class="notes" aria-labelledby="notes"><h2 id="notes">${esc(l.notes)}</h2><ol>\n${items.join("\n")}\n</ol></section>`;
}

function barHtml(r: RenderedReport, links: PageLinks, l: ReportLabels): string {
  const rows: [string, string][] = [[l.publishedOn, esc(formatReportDate(links.publishedAt, r.language))]];

  const pdfOk = PDF_LANGUAGES.has(r.language);
  const formatLabel = { pdf: l.pdf, docx: l.docx, html: l.html } as const;
  const types = { pdf: "application/pdf", docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", html: "text/html" } as const;
  const downloads = links.downloads
    .filter((d) => d.format !== "pdf" || pdfOk)
    .map((d) => link(d.href, esc(formatLabel[d.format]), ` type="${types[d.format]}"`));
  if (!pdfOk) downloads.push(`<span class="muted">${esc(l.pdfUnavailable)}</span>`);
  rows.push([l.download, inlineList(downloads)]);

  const others = links.languages.filter((x) => !x.current);
  if (others.length)
    rows.push([l.otherLanguages, inlineList(others.map((x) => link(x.href, esc(ENDONYMS[x.language]), ` hreflang="${x.language}" lang="${x.language}"`)))]);

  if (links.related.length > 1)
    rows.push([
      l.related,
      inlineList(
        links.related.map(
          (x) =>
            `${esc(l.kinds[x.kind])}: ${link(x.href, sym(x.symbol), x.current ? ' aria-current="page"' : "")} ` +
            `<span class="muted nowrap">(${esc(formatReportDate(x.publishedAt, r.language))})</span>`,
        ),
      ),
    ]);

  rows.push([l.contentHash, `<code class="hash" dir="ltr">${esc(links.sha256)}</code>`]);

  const dl = rows.map(([dt, dd]) => `<dt>${esc(dt)}</dt><dd>${dd}</dd>`).join("");
  const footer =
    `<p class="links">${link(links.archiveHref, esc(l.archiveTitle))} · ` +
    `${link(links.feedHref, esc(l.atomFeed), ' type="application/atom+xml"')}</p>`;
  return `<nav class="bar" aria-label="${esc(l.documentInfo)}"><div class="wrap"><dl>${dl}</dl>${footer}</div></nav>`;
}

function noticesHtml(links: PageLinks, l: ReportLabels): string {
  let out = "";
  if (links.supersededBy) out += `<p class="notice">${esc(l.supersededBy)} ${link(links.supersededBy.href, sym(links.supersededBy.symbol))}</p>`;
  if (links.correctedBy.length)
    out += `<p class="notice">${esc(l.correctedBy)} ${links.correctedBy.map((c) => link(c.href, sym(c.symbol))).join(", ")}</p>`;
  return out;
}

/** The banner: a draft's watermark and any notices, then the UN masthead. */
function mastheadHtml(r: RenderedReport, notices: string): string {
  const m = masthead(r);
  return (
    '<header class="mast">' +
    (r.watermark ? `<p class="watermark">${esc(r.watermark)}</p>` : "") +
    notices +
    `<div class="top"><p class="organ">${esc(m.organ)}</p><p class="sym" dir="ltr">${esc(m.symbol)}</p></div>` +
    `<div class="meta">${m.lines.map((line) => `<p>${esc(line)}</p>`).join("")}</div></header>`
  );
}

/** The report as a complete HTML document; `links` null gives the standalone export (no publication bar). */
export function renderReportPage(r: RenderedReport, links: PageLinks | null): string {
  const l = REPORT_LABELS[r.language];
  const head = links ? `<link rel="canonical" href="${esc(links.canonicalPath)}">${feedLink(l, links.feedHref)}` : "";
  const session = `<div class="session"><p>${esc(r.session)}</p>${r.agendaItem ? `<p>${esc(r.agendaItem)}</p>` : ""}</div>`;
  const body =
    skipLink(l) +
    (links ? barHtml(r, links, l) : "") +
    '<div class="wrap doc">' +
    mastheadHtml(r, links ? noticesHtml(links, l) : "") +
    `<main id="main">${session}<h1>${r.title}</h1>\n${bodyHtml(r.blocks)}\n${notesHtml(r, l)}</main></div>`;
  return shell(r.language, `${r.symbol} \u2014 ${toPlainText(r.title)}`, head, body);
}

// ---------- archive ----------

function archiveEntry(item: ArchiveItem, l: ReportLabels, lang: ReportLanguage): string {
  const meta = [sym(item.symbol), esc(item.session), `${esc(l.publishedOn)} ${esc(formatReportDate(item.publishedAt, lang))}`];
  const related = item.related.length
    ? `<p>${esc(l.related)}: ${item.related.map((x) => `${link(x.href, sym(x.symbol))} <span class="muted">(${esc(l.kinds[x.kind])})</span>`).join(", ")}</p>`
    : "";
  return (
    `<li><article><h2>${link(item.href, esc(item.title))}</h2>` +
    `<p>${meta.join(" · ")}</p>` +
    `<p>${esc(l.languages)}: ${item.languages.map((x) => `<span lang="${x}">${esc(ENDONYMS[x])}</span>`).join(", ")}</p>` +
    related +
    `<p class="muted">${esc(l.contentHash)}: <code class="hash" dir="ltr">${esc(item.sha256)}</code></p></article></li>`
  );
}

/** Every published text, newest first; corrigenda sit beside the text they correct. */
export function renderArchivePage(items: ArchiveItem[], opts: { language: ReportLanguage; feedHref: string; appHref: string }): string {
  const l = REPORT_LABELS[opts.language];
  // A corrigendum is listed under its original; one no original names stands on its own.
  const nested = new Set(items.filter((i) => i.kind !== "corrigendum").flatMap((i) => i.related.map((x) => x.symbol)));
  const top = items
    .filter((i) => i.kind !== "corrigendum" || !nested.has(i.symbol))
    .sort((a, b) => (a.publishedAt < b.publishedAt ? 1 : a.publishedAt > b.publishedAt ? -1 : 0));
  const list = top.length
    ? `<ol class="list">${top.map((i) => archiveEntry(i, l, opts.language)).join("\n")}</ol>`
    : `<p>${esc(l.archiveEmpty)}</p>`;
  const body =
    skipLink(l) +
    '<div class="wrap doc"><header>' +
    `<p class="muted">${esc(l.workingGroup)}</p><h1>${esc(l.archiveTitle)}</h1>` +
    `<p>${link(opts.feedHref, esc(l.atomFeed), ' type="application/atom+xml"')} · ${link(opts.appHref, esc(l.appLink))}</p>` +
    `</header><main id="main">${list}</main></div>`;
  return shell(opts.language, `${l.archiveTitle} \u2014 ${l.workingGroup}`, feedLink(l, opts.feedHref), body);
}
