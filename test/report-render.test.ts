// The pure renderers of a progress report: the public page and the HTML
// export, the archive, the Atom feed, the PDF and the DOCX.

import { strFromU8, unzipSync } from "fflate";
import { PDFDocument, PDFName } from "pdf-lib";
import { extractText, getDocumentProxy } from "unpdf";
import { describe, expect, it } from "vitest";
import { docxToBlocks } from "../worker/documents/docx-import";
import { formatReportDate, masthead, REPORT_LABELS, romanNumeral } from "../worker/reports/labels";
import { REPORT_LANGUAGES, type RenderBlock, type RenderedReport } from "../worker/reports/model";
import { renderAtomFeed } from "../worker/reports/render/atom";
import { renderReportDocx } from "../worker/reports/render/docx";
import { type ArchiveItem, type PageLinks, renderArchivePage, renderReportPage } from "../worker/reports/render/html";
import { PdfLanguageError, renderReportPdf } from "../worker/reports/render/pdf";

// --- fixture ---
const LONG_NOTE =
  "See the summary records of the first to fifth meetings of the Working Group, held in Geneva and online between 12 February and 27 October 2026, " +
  "and the written contributions received from Member States, the specialized agencies, the regional commissions and non-governmental stakeholders, " +
  "available on the web page of the Commission on Science and Technology for Development; the contributions are listed in annex II, " +
  "together with the dates on which they were received and the language in which each was submitted. Contributions received after the deadline " +
  "set by the Working Group at its third meeting were also taken into account, as agreed by the co-facilitators, where they addressed the themes of chapter III.";

/** Numbered paragraphs of realistic length, with markup and characters beyond ASCII. */
function paragraphText(n: number): string {
  const variants = [
    "The Working Group <strong>recalled</strong> that data governance at all levels should be “inclusive, transparent and development-oriented”, and that the São Paulo and Málaga consultations had stressed the same point.",
    "Delegations noted that cross-border data flows raise questions of <em>trust</em>, interoperability and capacity — questions that developing countries, including the least developed countries, are often least equipped to answer.",
    "Several members proposed that the Commission on Science and Technology for Development (CSTD) continue to serve as the forum for exchanging national experiences &amp; good practices, drawing on the work of the regional commissions.",
    "The co-facilitators circulated a compilation of the comments received on the first draft; the compilation was discussed paragraph by paragraph, and the text in brackets reflects proposals on which no consensus was reached.",
    "One delegation, speaking on behalf of a group of countries, underlined that any principles should respect national sovereignty over data and the right to development, while another cited the experience of España and Perú in building trusted data institutions.",
    "The secretariat of the United Nations Conference on Trade and Development (UNCTAD) presented its analysis of data-driven value chains, noting that the gap in data capacity mirrors — and risks widening — the digital divide.",
  ];
  return `${variants[n % variants.length]} ${n % 4 === 0 ? "Members also heard a briefing on data → development indicators and on the 数据 term in Chinese." : ""}`.trim();
}

export function reportFixture(over: Partial<RenderedReport> = {}): RenderedReport {
  const blocks: RenderBlock[] = [];
  const footnotes: RenderedReport["footnotes"] = [];
  let para = 0;
  const note = (html: string) => {
    footnotes.push({ number: footnotes.length + 1, html });
    return footnotes.length;
  };
  const paragraph = (html: string, notes: number[] = []) => blocks.push({ type: "paragraph", number: ++para, html, notes });

  blocks.push({ type: "chapter", label: "I.", html: "Introduction" });
  paragraph(
    "The present report is submitted pursuant to General Assembly resolution 79/210, in which the Assembly requested the multi-stakeholder working group on data governance at all levels to report on its progress.",
    [note("General Assembly resolution 79/210, para. 12.")],
  );
  for (let i = 0; i < 5; i++) paragraph(paragraphText(para));
  blocks.push({ type: "chapter", label: "II.", html: "Organization of work" });
  blocks.push({ type: "heading", html: "A. Meetings" });
  for (let i = 0; i < 8; i++) paragraph(paragraphText(para), i % 3 === 0 ? [note(`See <em>Report on meeting ${i + 1}</em>, document E/CN.16/2026/CRP.${i + 1}.`)] : []);
  paragraph("The Working Group held its meetings on the following dates:");
  for (const d of ["(a) First meeting: 12 February 2026, Geneva;", "(b) Second meeting: 9 April 2026, online;", "(c) Third meeting: 18 June 2026, New York."])
    blocks.push({ type: "list_item", html: d, notes: [] });
  blocks.push({ type: "heading", html: "B. Participation" });
  for (let i = 0; i < 6; i++) paragraph(paragraphText(para), i === 2 ? [note(LONG_NOTE)] : []);
  blocks.push({ type: "chapter", label: "III.", html: "Progress on the <em>fundamental principles</em>" });
  for (let i = 0; i < 10; i++) paragraph(paragraphText(para), i % 4 === 1 ? [note(`Contribution of the delegation of Côte d’Ivoire, ${i + 3} May 2026.`)] : []);
  blocks.push({ type: "chapter", label: "IV.", html: "Conclusions and next steps" });
  paragraph("The Working Group agreed to continue its work on the basis of the draft principles in annex I.", [note("Adopted by consensus."), note("Subject to the availability of resources.")]);
  paragraph("It will report again to the General Assembly at its eighty-second session.");

  blocks.push({ type: "annex", label: "Annex I", html: "Draft principles on data governance" });
  blocks.push({ type: "paragraph", number: null, html: "The following principles were <strong>provisionally agreed</strong> at the fifth meeting:", notes: [] });
  for (const p of [
    "Data governance should serve <em>sustainable development</em> for all;",
    "Interoperability should be pursued through open standards;",
    "Capacity-building should address the needs of developing countries — in particular Africa;",
    "Personal data should be protected, with effective remedies.",
  ])
    blocks.push({ type: "list_item", html: p, notes: [] });
  blocks.push({ type: "list_item", html: "Further principles remain under discussion.", notes: [note("See the compilation of comments on revision 3.")] });
  blocks.push({ type: "annex", label: "Annex II", html: "Members of the Working Group" });
  blocks.push({ type: "paragraph", number: null, html: "Brazil, China, Côte d’Ivoire, Egypt, France, Germany, India, Mexico, Russian Federation, South Africa, Spain, United States of America.", notes: [] });

  return {
    symbol: "A/81/148",
    distribution: "General",
    date: "2026-11-27",
    language: "en",
    originalLanguage: "en",
    session: "Eighty-first session",
    agendaItem: "Item 17 of the preliminary list",
    // The title is restricted markup: the compiler escapes it, a translation may format it.
    title: "Progress report of the working group on data governance &lt;at all levels&gt; &amp; beyond",
    watermark: null,
    kind: "original",
    blocks,
    footnotes,
    ...over,
  };
}

/** A full-length report: about 8,500 words, 200 numbered paragraphs, 50 footnotes. */
export function longReportFixture(): RenderedReport {
  const blocks: RenderBlock[] = [];
  const footnotes: RenderedReport["footnotes"] = [];
  for (let n = 1; n <= 200; n++) {
    if (n % 25 === 1) blocks.push({ type: "chapter", label: `${romanNumeral((n - 1) / 25 + 1)}.`, html: `Chapter on theme ${n}` });
    const notes = n % 4 === 0 ? [footnotes.push({ number: footnotes.length + 1, html: `Source note ${footnotes.length + 1}: document A/HRC/${n}/${n * 3}, paras. 4–9.` })] : [];
    blocks.push({ type: "paragraph", number: n, html: `${paragraphText(n)} It will be taken up again.`, notes });
  }
  blocks.push({ type: "annex", label: "Annex I", html: "Members" });
  for (let i = 0; i < 10; i++) blocks.push({ type: "list_item", html: `Member ${i + 1}`, notes: [] });
  return { ...reportFixture(), blocks, footnotes };
}
// --- end fixture ---

const SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

function pageLinks(over: Partial<PageLinks> = {}): PageLinks {
  return {
    canonicalPath: "/reports/A/81/148/en",
    sha256: SHA,
    publishedAt: "2026-11-27T10:00:00Z",
    languages: REPORT_LANGUAGES.map((language) => ({ language, href: `/reports/A/81/148/${language}`, current: language === "en" })),
    related: [
      { symbol: "A/81/148", href: "/reports/A/81/148/en", kind: "original", publishedAt: "2026-11-27T10:00:00Z", current: true },
      { symbol: "A/81/148/Corr.1", href: "/reports/A/81/148/Corr.1/en", kind: "corrigendum", publishedAt: "2026-12-03T09:00:00Z", current: false },
    ],
    downloads: [
      { format: "pdf", href: "/reports/A/81/148/en.pdf" },
      { format: "docx", href: "/reports/A/81/148/en.docx" },
      { format: "html", href: "/reports/A/81/148/en.html" },
    ],
    supersededBy: null,
    correctedBy: [{ symbol: "A/81/148/Corr.1", href: "/reports/A/81/148/Corr.1/en" }],
    archiveHref: "/reports",
    feedHref: "/reports/feed.atom",
    ...over,
  };
}

const all = (s: string, re: RegExp) => [...s.matchAll(re)].map((m) => m[1]!);

/** A small well-formedness check: tags nest and close, text holds no raw "<" or stray "&". */
function assertWellFormedXml(xml: string): void {
  const body = xml.replace(/^<\?xml[^>]*\?>\s*/, "");
  const stack: string[] = [];
  const re = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>|([^<]+)|(<)/g;
  for (const m of body.matchAll(re)) {
    if (m[6]) throw new Error(`stray "<" at ${m.index}`);
    if (m[5] !== undefined) {
      expect(m[5], "text").not.toMatch(/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i);
      continue;
    }
    if (m[1]) expect(stack.pop(), `closing ${m[2]}`).toBe(m[2]);
    else if (!m[4]) stack.push(m[2]!);
  }
  expect(stack).toEqual([]);
}

describe("labels", () => {
  it("numbers in roman and dates in each language's own style", () => {
    expect([1, 2, 4, 9, 14, 40, 90, 2026].map(romanNumeral)).toEqual(["I", "II", "IV", "IX", "XIV", "XL", "XC", "MMXXVI"]);
    expect(formatReportDate("2026-11-27", "en")).toBe("27 November 2026");
    expect(formatReportDate("2026-11-27", "fr")).toBe("27 novembre 2026");
    expect(formatReportDate("2026-11-27", "es")).toBe("27 de noviembre de 2026");
    expect(formatReportDate("2026-11-27", "zh")).toBe("2026年11月27日");
    expect(formatReportDate("2026-11-27", "ru")).toMatch(/^27 ноября 2026/);
    const ar = formatReportDate("2026-11-27", "ar");
    expect(ar).toMatch(/27/);
    expect(ar).toMatch(/2026/);
    expect(ar).toMatch(/[\u0600-\u06FF]/);
    // An instant counts by its UTC day.
    expect(formatReportDate("2026-11-27T23:30:00Z", "en")).toBe("27 November 2026");
  });

  it("writes the masthead lines as each language's UN documents do", () => {
    expect(masthead(reportFixture()).lines).toEqual(["Distr.: General", "27 November 2026", "Original: English"]);
    expect(masthead(reportFixture({ language: "fr", distribution: "générale" })).lines).toEqual(["Distr. générale", "27 novembre 2026", "Français", "Original : anglais"]);
    expect(masthead(reportFixture({ language: "zh", distribution: "普遍" })).lines).toEqual(["分发：普遍", "2026年11月27日", "中文", "原文：英文"]);
    expect(masthead(reportFixture({ language: "ru", distribution: "общее" })).organ).toBe("Генеральная Ассамблея");
  });

  it("translates the fixed strings of the masthead", () => {
    for (const lang of REPORT_LANGUAGES.filter((l) => l !== "en")) {
      expect(REPORT_LABELS[lang].generalAssembly, lang).not.toBe("General Assembly");
      expect(REPORT_LABELS[lang].originalLanguages.en, lang).not.toBe("English");
    }
  });
});

describe("report page", () => {
  const r = reportFixture();
  const html = renderReportPage(r, pageLinks());

  it("is a complete document in the report's language, with no script", () => {
    expect(html).toMatch(/^<!doctype html>\n<html lang="en" dir="ltr">/);
    expect(html).toMatch(/<\/html>\n$/);
    expect(html).not.toMatch(/<script|javascript:|\son[a-z]+=/i);
    expect(html).not.toMatch(/<link rel="stylesheet"|<img|@import/);
    expect(all(html, /<h1>([\s\S]*?)<\/h1>/g)).toEqual(["Progress report of the working group on data governance &lt;at all levels&gt; &amp; beyond"]);
    expect(html).toContain("<title>A/81/148 \u2014 Progress report of the working group on data governance &lt;at all levels&gt; &amp; beyond</title>");
    const formatted = renderReportPage(reportFixture({ title: "Report on <em>data</em>" }), null);
    expect(formatted).toContain("<h1>Report on <em>data</em></h1>");
    expect(formatted).toContain("<title>A/81/148 \u2014 Report on data</title>");
    expect(html).toContain('<a class="skip" href="#main">Skip to content</a>');
    expect(html).toContain('<main id="main">');
  });

  it("sets out the UN masthead and the numbered paragraphs in order", () => {
    expect(html).toContain('<p class="organ">General Assembly</p><p class="sym" dir="ltr">A/81/148</p>');
    expect(html).toContain("<p>Distr.: General</p><p>27 November 2026</p><p>Original: English</p>");
    expect(html).toContain("<p>Eighty-first session</p><p>Item 17 of the preliminary list</p>");
    const numbers = all(html, /<p class="p" id="para-(\d+)"><span class="n">\d+\.<\/span>/g).map(Number);
    const count = r.blocks.filter((b) => b.type === "paragraph" && b.number !== null).length;
    expect(count).toBeGreaterThan(30);
    expect(numbers).toEqual(Array.from({ length: count }, (_, i) => i + 1));
    expect(html).toContain('<h2 class="ch"><span class="l">III.</span>Progress on the <em>fundamental principles</em></h2>');
    expect(html).toContain('<h2 class="annex"><span>Annex I</span> <span>Draft principles on data governance</span></h2>');
    // Headings in order: h1, then chapters and annexes as h2, sub-headings as h3.
    const levels = all(html, /<h([1-6])/g).map(Number);
    expect(levels[0]).toBe(1);
    levels.forEach((l, i) => i && expect(l - levels[i - 1]!).toBeLessThanOrEqual(1));
  });

  it("links each footnote reference to its note and back", () => {
    expect(r.footnotes.length).toBeGreaterThan(8);
    for (const { number } of r.footnotes) {
      expect(html).toContain(`<sup><a href="#fn-${number}" id="fnref-${number}">${number}</a></sup>`);
      expect(html).toContain(`<li id="fn-${number}" value="${number}">`);
      expect(html).toContain(`href="#fnref-${number}"`);
    }
    // The reference follows the block's text.
    expect(html).toMatch(/to report on its progress\.<sup><a href="#fn-1" id="fnref-1">1<\/a><\/sup><\/p>/);
    expect(html).toMatch(/Adopted by consensus\./);
    expect(html.indexOf('id="fn-1"')).toBeGreaterThan(html.indexOf("Members of the Working Group"));
  });

  it("shows the publication bar: date, full hash, downloads, languages, related texts, notices, feed", () => {
    expect(html).toContain(`<code class="hash" dir="ltr">${SHA}</code>`);
    expect(html).toContain("<dt>Published on</dt><dd>27 November 2026</dd>");
    expect(html).toContain('<a href="/reports/A/81/148/en.pdf" type="application/pdf">PDF</a>');
    expect(html).toContain(">Word (DOCX)</a>");
    expect(html).toContain('<a href="/reports/A/81/148/fr" hreflang="fr" lang="fr">Français</a>');
    expect(html).toContain('lang="ar">العربية</a>');
    expect(html).not.toContain('hreflang="en"');
    expect(html).toContain('<a href="/reports/A/81/148/en" aria-current="page"><bdi dir="ltr">A/81/148</bdi></a>');
    expect(html).toContain('Corrigendum: <a href="/reports/A/81/148/Corr.1/en"><bdi dir="ltr">A/81/148/Corr.1</bdi></a>');
    expect(html).toContain('<p class="notice">This text was corrected by <a href="/reports/A/81/148/Corr.1/en">');
    expect(html).toContain('<link rel="alternate" type="application/atom+xml" title="Atom feed" href="/reports/feed.atom">');
    expect(html).toContain('<link rel="canonical" href="/reports/A/81/148/en">');
    expect(html).toContain('<a href="/reports">Published progress reports</a>');
    const superseded = renderReportPage(r, pageLinks({ supersededBy: { symbol: "A/81/148/Rev.1", href: "/r/rev1" }, correctedBy: [] }));
    expect(superseded).toContain('<p class="notice">Superseded by <a href="/r/rev1"><bdi dir="ltr">A/81/148/Rev.1</bdi></a></p>');
    expect(superseded).not.toContain("This text was corrected by");
  });

  it("prints without the bar, annexes on new pages", () => {
    const print = /@media print\{([\s\S]*?)\n\}/.exec(html)?.[1] ?? "";
    expect(print).toContain("@page{size:A4");
    expect(print).toMatch(/\.bar,[^{]*\{display:none\}/);
    expect(print).toContain(".annex{break-before:page");
  });

  it("stays light: the markup and style around the text are a few kilobytes", () => {
    const text = r.blocks.reduce((s, b) => s + b.html.length, 0) + r.footnotes.reduce((s, f) => s + f.html.length, 0);
    expect(html.length - text).toBeLessThan(20_000);
    const long = longReportFixture();
    const longHtml = renderReportPage(long, pageLinks());
    const longText = long.blocks.reduce((s, b) => s + b.html.length, 0) + long.footnotes.reduce((s, f) => s + f.html.length, 0);
    expect(longHtml.length - longText).toBeLessThan(80_000);
  });

  it("mirrors for Arabic and says when there is no PDF", () => {
    const ar = renderReportPage(
      reportFixture({ language: "ar", distribution: "عام", session: "الدورة الحادية والثمانون", title: "تقرير مرحلي" }),
      pageLinks({ languages: REPORT_LANGUAGES.map((language) => ({ language, href: `/x/${language}`, current: language === "ar" })) }),
    );
    expect(ar).toMatch(/^<!doctype html>\n<html lang="ar" dir="rtl">/);
    expect(ar).toContain('<p class="organ">الجمعية العامة</p><p class="sym" dir="ltr">A/81/148</p>');
    expect(ar).toContain("<p>التوزيع: عام</p>");
    expect(ar).toContain("<p>العربية</p><p>الأصل: بالإنكليزية</p>");
    expect(ar).not.toContain(".pdf");
    expect(ar).toContain(REPORT_LABELS.ar.pdfUnavailable);
    expect(ar).toContain('hreflang="en" lang="en">English</a>');
    // Hanging numbers use logical properties, so they sit on the right in Arabic.
    expect(ar).toContain(".n{position:absolute;inset-inline-start:0}");
    expect(ar).not.toMatch(/(?:margin|padding)-(?:left|right)/);
  });

  it("exports as standalone HTML without the bar, and shows a draft's watermark", () => {
    const draft = renderReportPage(reportFixture({ watermark: "Draft: Rev.1, not adopted" }), null);
    expect(draft).not.toContain('class="bar"');
    expect(draft).not.toContain("application/atom+xml");
    expect(draft).toContain('<p class="watermark">Draft: Rev.1, not adopted</p>');
    expect(draft.indexOf('class="watermark"')).toBeGreaterThan(0);
    expect(draft.indexOf('class="watermark"')).toBeLessThan(draft.indexOf('class="top"'));
    expect(renderReportPage(reportFixture(), null)).not.toContain('class="watermark"');
  });
});

const archiveItems: ArchiveItem[] = [
  {
    symbol: "A/80/95",
    title: "First progress report",
    session: "Eightieth session",
    publishedAt: "2025-09-01T10:00:00Z",
    href: "/reports/A/80/95/en",
    kind: "original",
    languages: ["en", "fr"],
    sha256: "a".repeat(64),
    related: [],
  },
  {
    symbol: "A/81/148",
    title: "Data <governance> & development",
    session: "Eighty-first session",
    publishedAt: "2026-11-27T10:00:00Z",
    href: "/reports/A/81/148/en",
    kind: "original",
    languages: ["en", "fr", "es", "ar", "zh", "ru"],
    sha256: SHA,
    related: [{ symbol: "A/81/148/Corr.1", href: "/reports/A/81/148/Corr.1/en", kind: "corrigendum" }],
  },
  {
    symbol: "A/81/148/Corr.1",
    title: "Data <governance> & development",
    session: "Eighty-first session",
    publishedAt: "2026-12-03T09:00:00Z",
    href: "/reports/A/81/148/Corr.1/en",
    kind: "corrigendum",
    languages: ["en"],
    sha256: "c".repeat(64),
    related: [],
  },
];

describe("archive and feed", () => {
  it("lists originals and revisions newest first, corrigenda beside their original", () => {
    const html = renderArchivePage(archiveItems, { language: "en", feedHref: "/reports/feed.atom", appHref: "/" });
    expect(html).toMatch(/^<!doctype html>\n<html lang="en" dir="ltr">/);
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('<link rel="alternate" type="application/atom+xml" title="Atom feed" href="/reports/feed.atom">');
    expect(all(html, /<li><article><h2><a href="([^"]+)"/g)).toEqual(["/reports/A/81/148/en", "/reports/A/80/95/en"]);
    expect(html).toContain("Data &lt;governance&gt; &amp; development");
    expect(html).toContain('Corrigenda and revisions: <a href="/reports/A/81/148/Corr.1/en"><bdi dir="ltr">A/81/148/Corr.1</bdi></a>');
    expect(all(html, /<h1>(.*?)<\/h1>/g)).toEqual(["Published progress reports"]);
    const empty = renderArchivePage([], { language: "ar", feedHref: "/f", appHref: "/" });
    expect(empty).toContain('dir="rtl"');
    expect(empty).toContain(REPORT_LABELS.ar.archiveEmpty);
  });

  it("writes a valid Atom feed with one entry per published text", () => {
    const xml = renderAtomFeed(archiveItems, { baseUrl: "https://plenary.example.org", feedPath: "/reports/feed.atom", updated: "2026-12-03T09:00:00Z" });
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom">/);
    assertWellFormedXml(xml);
    expect(xml).toContain("<id>https://plenary.example.org/reports/feed.atom</id>");
    expect(xml).toContain('<link rel="self" type="application/atom+xml" href="https://plenary.example.org/reports/feed.atom"/>');
    expect(xml).toContain('<link rel="alternate" type="text/html" href="https://plenary.example.org/reports"/>');
    expect(xml).toContain("<updated>2026-12-03T09:00:00Z</updated>");
    expect(xml).toMatch(/<author><name>[^<]+<\/name><\/author>/);
    const entries = all(xml, /<entry>([\s\S]*?)<\/entry>/g);
    expect(entries).toHaveLength(3);
    expect(entries.map((e) => /<id>(.*?)<\/id>/.exec(e)![1])).toEqual([
      `urn:plenary:publication:${"c".repeat(64)}`,
      `urn:plenary:publication:${SHA}`,
      `urn:plenary:publication:${"a".repeat(64)}`,
    ]);
    expect(entries[1]).toContain("<title>A/81/148 \u2014 Data &lt;governance&gt; &amp; development</title>");
    expect(entries[1]).toContain('<link rel="alternate" type="text/html" href="https://plenary.example.org/reports/A/81/148/en"/>');
    expect(entries[1]).toContain("<published>2026-11-27T10:00:00Z</published>");
    for (const e of entries) expect(e).toMatch(/<updated>[^<]+<\/updated>[\s\S]*<summary>[^<]+<\/summary>/);
  });
});

async function pdfPages(bytes: Uint8Array): Promise<string[]> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { text } = await extractText(pdf, { mergePages: false });
  // Line breaks fall anywhere; compare words.
  return text.map((t) => t.replace(/\s+/g, " "));
}

describe("PDF", () => {
  it("sets the UN layout as extractable text, with footnotes on the page that cites them", async () => {
    const r = reportFixture();
    const bytes = await renderReportPdf(r);
    expect(strFromU8(bytes.slice(0, 5))).toBe("%PDF-");
    const pages = await pdfPages(bytes);
    expect(pages.length).toBeGreaterThanOrEqual(4);
    const first = pages[0]!;
    for (const s of ["General Assembly", "A/81/148", "Distr.: General", "27 November 2026", "Original: English", "Eighty-first session", "I.", "Introduction", "1.", "2."])
      expect(first, s).toContain(s);
    const all = pages.join(" ");
    expect(all).toContain("33. It will report again");
    expect(all).toContain("Progress report of the working group on data governance <at all levels> & beyond");
    // Unencodable characters degrade instead of throwing: "→" to "->", Chinese to "?".
    expect(all).toContain("data -> development");
    expect(all).toContain("the ?? term");
    expect(all).toMatch(/“inclusive, transparent and development-oriented”/);
    expect(all).toContain("São Paulo");
    // Later pages repeat the symbol in the running head.
    expect(pages[1]).toContain("A/81/148");
    // Each footnote sits on the page of the paragraph that cites it.
    for (const f of r.footnotes) {
      const words = f.html.replace(/<[^>]+>/g, "").slice(0, 30);
      const page = pages.findIndex((p) => p.includes(words.replace(/&amp;/g, "&")));
      expect(page, `footnote ${f.number}`).toBeGreaterThanOrEqual(0);
      const citing = r.blocks.find((b) => (b.type === "paragraph" || b.type === "list_item") && b.notes.includes(f.number));
      const tail = citing!.html.replace(/<[^>]+>/g, "").replace(/&amp;/g, "&").slice(-12);
      expect(pages[page], `footnote ${f.number} beside its paragraph`).toContain(tail);
    }
    const annexPage = pages.findIndex((p) => p.includes("Annex I"));
    expect(pages[annexPage]).toContain("Draft principles on data governance");
    expect(pages.findIndex((p) => p.includes("Annex II"))).toBeGreaterThan(annexPage);
    expect(pages.at(-1)).toContain(`${pages.length}/${pages.length}`);
  });

  it("runs a footnote longer than the page on to the next page", async () => {
    const r = reportFixture();
    r.footnotes[0] = { number: 1, html: `${Array.from({ length: 16 }, (_, i) => `Part ${i + 1}. ${LONG_NOTE}`).join(" ")} End of the long note.` };
    const pages = await pdfPages(await renderReportPdf(r));
    expect(pages[0]).toContain("to report on its progress.1");
    expect(pages[0]).toContain("1 Part 1. See the summary records");
    expect(pages[0]).not.toContain("End of the long note.");
    expect(pages[1]).toContain("End of the long note.");
    expect(pages.join(" ")).toContain("33. It will report again");
  });

  it("carries metadata and gives the same bytes for the same report", async () => {
    const r = reportFixture({ watermark: "Draft: Rev.1, not adopted" });
    const bytes = await renderReportPdf(r);
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(doc.getTitle()).toBe("A/81/148 \u2014 Progress report of the working group on data governance <at all levels> & beyond");
    expect(doc.getProducer()).toBe("Plenary");
    expect(doc.getCreationDate()?.toISOString()).toBe("2026-11-27T00:00:00.000Z");
    expect(String(doc.catalog.get(PDFName.of("Lang")))).toBe("(en)");
    expect((await pdfPages(bytes)).every((p) => p.includes("Draft: Rev.1, not adopted"))).toBe(true);
    expect(await renderReportPdf(r)).toEqual(bytes);
  });

  it("refuses languages the Times fonts cannot set", async () => {
    await expect(renderReportPdf(reportFixture({ language: "zh" }))).rejects.toThrow(PdfLanguageError);
    await expect(renderReportPdf(reportFixture({ language: "ar" }))).rejects.toThrow(PdfLanguageError);
    const fr = await renderReportPdf(reportFixture({ language: "fr", distribution: "générale" }));
    const first = (await pdfPages(fr))[0]!;
    expect(first).toContain("Assemblée générale");
    expect(first).toContain("Distr. générale");
    expect(first).toContain("Original : anglais");
    expect(first).toContain("27 novembre 2026");
  });

  it("renders a full-length report quickly", async () => {
    const long = longReportFixture();
    const words = long.blocks.reduce((s, b) => s + b.html.split(/\s+/).length, 0);
    expect(words).toBeGreaterThan(8000);
    expect(words).toBeLessThan(9500);
    await renderReportPdf(reportFixture()); // warm up
    const started = performance.now();
    const bytes = await renderReportPdf(long);
    const ms = performance.now() - started;
    console.log(`PDF: ${words} words, ${long.footnotes.length} footnotes, ${bytes.length} bytes in ${ms.toFixed(0)} ms`);
    expect(ms).toBeLessThan(1000);
    const pages = await pdfPages(bytes);
    expect(pages.join("\n")).toContain("200.");
    expect(pages.join("\n")).toContain("Source note 50:");
  });
});

describe("DOCX", () => {
  const files = (bytes: Uint8Array) => {
    const z = unzipSync(bytes);
    return (name: string) => strFromU8(z[name] ?? new Uint8Array());
  };

  it("writes real Word footnotes and the UN layout", () => {
    const r = reportFixture();
    const bytes = renderReportDocx(r);
    const part = files(bytes);
    const doc = part("word/document.xml");
    const notes = part("word/footnotes.xml");
    expect(doc).toContain("A/81/148");
    expect(doc).toContain("General Assembly");
    expect(doc).toContain("Distr.: General");
    expect(doc).toContain("Original: English");
    expect(all(doc, /<w:footnoteReference w:id="(\d+)"\/>/g).map(Number)).toEqual(r.footnotes.map((f) => f.number));
    expect(doc).toContain('<w:rStyle w:val="FootnoteReference"/>');
    expect(notes).toContain('<w:footnote w:type="separator" w:id="-1">');
    expect(notes).toContain('<w:footnote w:type="continuationSeparator" w:id="0">');
    for (const f of r.footnotes) expect(notes).toContain(`<w:footnote w:id="${f.number}">`);
    expect(notes).toContain("Adopted by consensus.");
    expect(notes).toContain("Contributions received after the deadline");
    expect(part("[Content_Types].xml")).toContain('PartName="/word/footnotes.xml"');
    expect(part("word/_rels/document.xml.rels")).toContain('Target="footnotes.xml"');
    expect(part("word/styles.xml")).toContain('w:styleId="FootnoteReference"');
    expect(part("word/settings.xml")).toContain("<w:footnotePr>");
    // Annexes start on a new page.
    expect(doc).toMatch(/<w:br w:type="page"\/><\/w:r><\/w:p><w:p><w:pPr><w:pStyle w:val="Heading1"\/><w:jc w:val="center"\/><\/w:pPr><w:r><w:t xml:space="preserve">Annex I<\/w:t>/);
    // What Word shows reads back: the numbered paragraphs and chapter headings.
    const back = docxToBlocks(bytes);
    expect(back.find((b) => b.html.startsWith("The present report is submitted"))?.kind).toBe("paragraph");
    expect(back.some((b) => b.kind === "heading" && b.html.includes("Introduction"))).toBe(true);
    expect(renderReportDocx(r)).toEqual(bytes);
  });

  it("sets Arabic right to left, drafts with a watermark, and needs no footnotes part without notes", () => {
    const ar = files(renderReportDocx(reportFixture({ language: "ar", watermark: "مشروع" })));
    expect(ar("word/document.xml")).toContain("<w:bidi/>");
    expect(ar("word/document.xml")).toContain("الجمعية العامة");
    expect(ar("word/document.xml")).toContain("مشروع");
    expect(ar("word/styles.xml")).toContain('w:val="ar-SA"');
    const plain = reportFixture({
      footnotes: [],
      blocks: reportFixture().blocks.map((b) => (b.type === "paragraph" || b.type === "list_item" ? { ...b, notes: [] } : b)),
    });
    const part = files(renderReportDocx(plain));
    expect(part("word/footnotes.xml")).toBe("");
    expect(part("[Content_Types].xml")).not.toContain("footnotes");
  });
});
