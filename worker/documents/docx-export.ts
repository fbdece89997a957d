// Writes .docx files by hand: a handful of WordprocessingML parts in a zip.
// Element order inside *Pr elements follows the schema; Word rejects files otherwise.

import { zipSync } from "fflate";
import { LIST_ENUMERATOR } from "../db/enums";
import { EM, htmlToRuns, STRIKE, STRONG, SUB, SUP, U } from "./markup";

/** A table cell: plain text, or restricted inline markup. */
export type DocxCell = string | { html: string };

/** A real Word footnote; its reference follows the block's text. `id` ≥ 1, unique in the document. */
export type DocxNote = { id: number; html: string };

export type DocxBlock =
  /** `label` ("I.") hangs at the margin before the heading text, UN style. */
  | { type: "heading"; level: 1 | 2 | 3; html: string; label?: string; align?: "left" | "center" }
  /** A numbered paragraph, UN style: the number at the margin, the text indented. */
  | { type: "numbered"; number: number | string; html: string; notes?: DocxNote[] }
  /** `note`: smaller and indented, for comments under a paragraph. */
  | { type: "paragraph"; html: string; note?: boolean; align?: "left" | "center" | "right"; notes?: DocxNote[] }
  | { type: "list_item"; html: string; notes?: DocxNote[] }
  | { type: "table"; header: DocxCell[]; rows: DocxCell[][] }
  | { type: "page_break" }
  /** The UN header: the document symbol, right-aligned, then the date, over a rule. */
  | { type: "symbol"; symbol: string; date?: string | null }
  /** The full UN masthead: organ left and symbol right over a thick rule, then `lines` (distribution, date, original) in the right column. */
  | { type: "masthead"; organ: string; symbol: string; lines: string[] };

/** `modified` (ISO) fixes the package dates, so the same input gives the same bytes. */
export type DocxOptions = { title: string; rtl?: boolean; lang?: string; modified?: string };

const W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships";
const FONT = "Times New Roman";
const TEXT_WIDTH = 11906 - 2 * 1417; // A4 width minus 2.5 cm margins, in twentieths of a point
const NUMBER_INDENT = 567; // 1 cm: where a numbered paragraph's text starts

// Characters XML 1.0 forbids, including lone surrogates.
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlEscape(s: string): string {
  return s
    .replace(XML_INVALID, "")
    .replace(/[&<>"]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : "&quot;"));
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

// ---------- runs and paragraphs ----------

/** `size` in half-points; `small` is 10 pt. */
type RunStyle = { bold?: boolean; italic?: boolean; small?: boolean; size?: number };

function runProps(fmt: number, base: RunStyle, rtl: boolean): string {
  let p = "";
  if (fmt & STRONG || base.bold) p += "<w:b/><w:bCs/>";
  if (fmt & EM || base.italic) p += "<w:i/><w:iCs/>";
  if (fmt & STRIKE) p += "<w:strike/>";
  const size = base.small ? 20 : base.size;
  if (size) p += `<w:sz w:val="${size}"/><w:szCs w:val="${size}"/>`;
  if (fmt & U) p += '<w:u w:val="single"/>';
  if (fmt & SUP) p += '<w:vertAlign w:val="superscript"/>';
  else if (fmt & SUB) p += '<w:vertAlign w:val="subscript"/>';
  if (rtl) p += "<w:rtl/>";
  return p ? `<w:rPr>${p}</w:rPr>` : "";
}

function textRun(text: string, fmt: number, base: RunStyle, rtl: boolean): string {
  return `<w:r>${runProps(fmt, base, rtl)}<w:t xml:space="preserve">${xmlEscape(text)}</w:t></w:r>`;
}

/** Restricted inline markup → <w:r> runs; <br> becomes a line break. */
function inlineRuns(html: string, base: RunStyle, rtl: boolean): string {
  return htmlToRuns(html, { strike: true })
    .map((r) => ("br" in r ? `<w:r>${runProps(0, base, rtl)}<w:br/></w:r>` : textRun(r.text, r.fmt, base, rtl)))
    .join("");
}

type ParaProps = {
  style?: string;
  keepNext?: boolean;
  numId?: number;
  /** Bottom rule width, in eighths of a point. */
  border?: number;
  tabs?: { pos: number; val?: "left" | "right" }[];
  spacingAfter?: number;
  ind?: { left: number; hanging?: number };
  jc?: "left" | "center" | "right" | "both";
};

function paragraph(props: ParaProps, runs: string, rtl: boolean): string {
  let p = "";
  if (props.style) p += `<w:pStyle w:val="${props.style}"/>`;
  if (props.keepNext) p += "<w:keepNext/>";
  if (props.numId) p += `<w:numPr><w:ilvl w:val="0"/><w:numId w:val="${props.numId}"/></w:numPr>`;
  if (props.border) p += `<w:pBdr><w:bottom w:val="single" w:sz="${props.border}" w:space="4" w:color="auto"/></w:pBdr>`;
  if (props.tabs) p += `<w:tabs>${props.tabs.map((t) => `<w:tab w:val="${t.val ?? "left"}" w:pos="${t.pos}"/>`).join("")}</w:tabs>`;
  if (rtl) p += "<w:bidi/>";
  if (props.spacingAfter !== undefined) p += `<w:spacing w:after="${props.spacingAfter}"/>`;
  if (props.ind) p += `<w:ind w:left="${props.ind.left}"${props.ind.hanging ? ` w:hanging="${props.ind.hanging}"` : ""}/>`;
  if (props.jc) p += `<w:jc w:val="${props.jc}"/>`;
  return `<w:p>${p ? `<w:pPr>${p}</w:pPr>` : ""}${runs}</w:p>`;
}

// "(a)", "(iv)", "a)": the item already carries its enumerator, so no bullet.
const ENUMERATED = LIST_ENUMERATOR;

function table(header: DocxCell[], rows: DocxCell[][], rtl: boolean): string {
  const cols = Math.max(1, header.length, ...rows.map((r) => r.length));
  const width = Math.floor(TEXT_WIDTH / cols);
  const cell = (c: DocxCell | undefined, bold: boolean) => {
    const html = c === undefined ? "" : typeof c === "string" ? xmlEscapeHtmlText(c) : c.html;
    const runs = inlineRuns(html, { bold, small: true }, rtl);
    return `<w:tc><w:tcPr><w:tcW w:w="${width}" w:type="dxa"/></w:tcPr>${paragraph({ spacingAfter: 0 }, runs, rtl)}</w:tc>`;
  };
  const row = (cells: DocxCell[], head: boolean) =>
    `<w:tr>${head ? "<w:trPr><w:tblHeader/></w:trPr>" : ""}${Array.from({ length: cols }, (_, i) => cell(cells[i], head)).join("")}</w:tr>`;
  const border = (side: string) => `<w:${side} w:val="single" w:sz="4" w:space="0" w:color="auto"/>`;
  return (
    "<w:tbl><w:tblPr>" +
    (rtl ? "<w:bidiVisual/>" : "") +
    '<w:tblW w:w="5000" w:type="pct"/>' +
    `<w:tblBorders>${["top", "left", "bottom", "right", "insideH", "insideV"].map(border).join("")}</w:tblBorders>` +
    '<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>' +
    '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>' +
    `</w:tblPr><w:tblGrid>${`<w:gridCol w:w="${width}"/>`.repeat(cols)}</w:tblGrid>` +
    (header.length ? row(header, true) : "") +
    rows.map((r) => row(r, false)).join("") +
    // Word needs a paragraph between a table and whatever follows.
    `</w:tbl>${paragraph({ spacingAfter: 0 }, "", rtl)}`
  );
}

/** Plain text as restricted markup (only the escaping). */
function xmlEscapeHtmlText(s: string): string {
  return s.replace(/[&<>"]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : "&quot;"));
}

const tabRun = (rtl: boolean) => `<w:r>${runProps(0, {}, rtl)}<w:tab/></w:r>`;

/** Footnote references in the FootnoteReference style (superscript); Word numbers them in order. */
const noteRefs = (notes: DocxNote[] | undefined, rtl: boolean) =>
  (notes ?? []).map((n) => `<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/>${rtl ? "<w:rtl/>" : ""}</w:rPr><w:footnoteReference w:id="${n.id}"/></w:r>`).join("");

function block(b: DocxBlock, rtl: boolean): string {
  switch (b.type) {
    case "heading": {
      const props: ParaProps = { style: `Heading${b.level}` };
      if (b.align) props.jc = b.align;
      let runs = inlineRuns(b.html, {}, rtl);
      if (b.label) {
        props.tabs = [{ pos: NUMBER_INDENT }];
        props.ind = { left: NUMBER_INDENT, hanging: NUMBER_INDENT };
        runs = textRun(b.label, 0, {}, rtl) + tabRun(rtl) + runs;
      }
      return paragraph(props, runs, rtl);
    }
    case "numbered": {
      const num = textRun(`${b.number}.`, 0, {}, rtl) + tabRun(rtl);
      const props: ParaProps = { tabs: [{ pos: NUMBER_INDENT }], ind: { left: NUMBER_INDENT, hanging: NUMBER_INDENT }, jc: "both" };
      return paragraph(props, num + inlineRuns(b.html, {}, rtl) + noteRefs(b.notes, rtl), rtl);
    }
    case "paragraph": {
      const props: ParaProps = b.note ? { ind: { left: NUMBER_INDENT * 2 }, spacingAfter: 60 } : {};
      if (b.align) props.jc = b.align;
      return paragraph(props, inlineRuns(b.html, { small: b.note }, rtl) + noteRefs(b.notes, rtl), rtl);
    }
    case "list_item": {
      const enumerated = ENUMERATED.test(b.html);
      const props: ParaProps = enumerated ? { style: "ListParagraph" } : { style: "ListParagraph", numId: 1 };
      return paragraph(props, inlineRuns(b.html, {}, rtl) + noteRefs(b.notes, rtl), rtl);
    }
    case "table":
      return table(b.header, b.rows, rtl);
    case "page_break":
      return '<w:p><w:r><w:br w:type="page"/></w:r></w:p>';
    case "symbol": {
      const sym = paragraph({ jc: "right", spacingAfter: 0 }, textRun(b.symbol, 0, { bold: true }, rtl), rtl);
      const date = paragraph({ jc: "right", border: 12, spacingAfter: 360 }, b.date ? textRun(b.date, 0, {}, rtl) : "", rtl);
      return sym + date;
    }
    case "masthead": {
      const top = paragraph(
        { tabs: [{ pos: TEXT_WIDTH, val: "right" }], border: 18, spacingAfter: 120 },
        textRun(b.organ, 0, { bold: true, size: 34 }, rtl) + tabRun(rtl) + textRun(b.symbol, 0, { bold: true, size: 28 }, false),
        rtl,
      );
      const column = Math.round(TEXT_WIDTH * 0.62);
      const lines = b.lines.map((line) => paragraph({ ind: { left: column }, spacingAfter: 0 }, textRun(line, 0, {}, rtl), rtl));
      // The thin rule spans the whole width, so it closes the masthead on a paragraph of its own.
      return top + lines.join("") + paragraph({ border: 4, spacingAfter: 360 }, "", rtl);
    }
  }
}

// ---------- package parts ----------

function documentXml(blocks: DocxBlock[], rtl: boolean): string {
  return (
    XML_HEAD +
    `<w:document xmlns:w="${W_NS}" xmlns:r="${R_NS}"><w:body>` +
    blocks.map((b) => block(b, rtl)).join("") +
    '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>' +
    '<w:pgMar w:top="1417" w:right="1417" w:bottom="1417" w:left="1417" w:header="709" w:footer="709" w:gutter="0"/>' +
    (rtl ? "<w:bidi/>" : "") +
    "</w:sectPr></w:body></w:document>"
  );
}

/** Notes in the order of their references, so Word's automatic numbering matches the ids. */
const collectNotes = (blocks: DocxBlock[]): DocxNote[] => blocks.flatMap((b) => ("notes" in b && b.notes) || []);

function footnotesXml(notes: DocxNote[], rtl: boolean): string {
  const separator = (id: number, type: string, el: string) =>
    `<w:footnote w:type="${type}" w:id="${id}"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:${el}/></w:r></w:p></w:footnote>`;
  const note = (n: DocxNote) =>
    `<w:footnote w:id="${n.id}">` +
    paragraph(
      { style: "FootnoteText" },
      `<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/>${rtl ? "<w:rtl/>" : ""}</w:rPr><w:footnoteRef/></w:r>` + tabRun(rtl) + inlineRuns(n.html, {}, rtl),
      rtl,
    ) +
    "</w:footnote>";
  return (
    XML_HEAD +
    `<w:footnotes xmlns:w="${W_NS}" xmlns:r="${R_NS}">` +
    separator(-1, "separator", "separator") +
    separator(0, "continuationSeparator", "continuationSeparator") +
    notes.map(note).join("") +
    "</w:footnotes>"
  );
}

function stylesXml(lang: string, rtl: boolean): string {
  const heading = (n: number, size: number) =>
    `<w:style w:type="paragraph" w:styleId="Heading${n}"><w:name w:val="heading ${n}"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:qFormat/>` +
    `<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="120"/><w:outlineLvl w:val="${n - 1}"/></w:pPr>` +
    `<w:rPr><w:b/><w:bCs/><w:sz w:val="${size}"/><w:szCs w:val="${size}"/></w:rPr></w:style>`;
  return (
    XML_HEAD +
    `<w:styles xmlns:w="${W_NS}"><w:docDefaults><w:rPrDefault><w:rPr>` +
    `<w:rFonts w:ascii="${FONT}" w:eastAsia="${FONT}" w:hAnsi="${FONT}" w:cs="${FONT}"/>` +
    `<w:sz w:val="24"/><w:szCs w:val="24"/><w:lang w:val="${xmlEscape(rtl ? "ar-SA" : lang)}" w:eastAsia="zh-CN" w:bidi="ar-SA"/>` +
    '</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>' +
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>' +
    heading(1, 28) +
    heading(2, 24) +
    heading(3, 24) +
    '<w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/><w:basedOn w:val="Normal"/><w:uiPriority w:val="34"/><w:qFormat/>' +
    `<w:pPr><w:ind w:left="${NUMBER_INDENT * 2}"/></w:pPr></w:style>` +
    '<w:style w:type="paragraph" w:styleId="FootnoteText"><w:name w:val="footnote text"/><w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>' +
    `<w:pPr><w:spacing w:after="40" w:line="240" w:lineRule="auto"/><w:ind w:left="${NUMBER_INDENT}" w:hanging="${NUMBER_INDENT}"/><w:jc w:val="both"/></w:pPr>` +
    '<w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr></w:style>' +
    '<w:style w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>' +
    '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>' +
    '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>' +
    '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>' +
    "</w:styles>"
  );
}

const NUMBERING_XML =
  XML_HEAD +
  `<w:numbering xmlns:w="${W_NS}"><w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="singleLevel"/>` +
  '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="\u2022"/><w:lvlJc w:val="left"/>' +
  `<w:pPr><w:ind w:left="${NUMBER_INDENT * 2}" w:hanging="${NUMBER_INDENT}"/></w:pPr><w:rPr><w:rFonts w:ascii="${FONT}" w:hAnsi="${FONT}"/></w:rPr></w:lvl>` +
  '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>';

const settingsXml = (footnotes: boolean) =>
  XML_HEAD +
  `<w:settings xmlns:w="${W_NS}"><w:defaultTabStop w:val="${NUMBER_INDENT}"/><w:characterSpacingControl w:val="doNotCompress"/>` +
  (footnotes ? '<w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>' : "") +
  '<w:compat><w:doNotExpandShiftReturn/><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>';

const contentTypes = (footnotes: boolean) =>
  XML_HEAD +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
  '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>' +
  '<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>' +
  '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>' +
  '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
  (footnotes ? '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>' : "") +
  "</Types>";

const rels = (items: [string, string, string][]) =>
  XML_HEAD +
  `<Relationships xmlns="${PKG_REL_NS}">` +
  items.map(([id, type, target]) => `<Relationship Id="${id}" Type="${type}" Target="${target}"/>`).join("") +
  "</Relationships>";

const OFFICE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const ROOT_RELS = rels([
  ["rId1", `${OFFICE_REL}/officeDocument`, "word/document.xml"],
  ["rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties", "docProps/core.xml"],
]);
const documentRels = (footnotes: boolean) =>
  rels([
    ["rId1", `${OFFICE_REL}/styles`, "styles.xml"],
    ["rId2", `${OFFICE_REL}/settings`, "settings.xml"],
    ["rId3", `${OFFICE_REL}/numbering`, "numbering.xml"],
    ...(footnotes ? [["rId4", `${OFFICE_REL}/footnotes`, "footnotes.xml"] as [string, string, string]] : []),
  ]);

function coreXml(title: string, modified: Date): string {
  const now = modified.toISOString().replace(/\.\d{3}Z$/, "Z");
  return (
    XML_HEAD +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${xmlEscape(title)}</dc:title><dc:creator>Plenary</dc:creator>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${now}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${now}</dcterms:modified>` +
    "</cp:coreProperties>"
  );
}

/** Builds a complete .docx file (Times New Roman 12 pt, A4) from blocks. */
export function docxDocument(parts: DocxBlock[], opts: DocxOptions): Uint8Array {
  const rtl = !!opts.rtl;
  const enc = new TextEncoder();
  const notes = collectNotes(parts);
  const footnotes = notes.length > 0;
  const modified = opts.modified && !Number.isNaN(Date.parse(opts.modified)) ? new Date(opts.modified) : new Date();
  const files: Record<string, Uint8Array> = {
    // [Content_Types].xml first: some readers sniff the package by its first entry.
    "[Content_Types].xml": enc.encode(contentTypes(footnotes)),
    "_rels/.rels": enc.encode(ROOT_RELS),
    "docProps/core.xml": enc.encode(coreXml(opts.title, modified)),
    "word/document.xml": enc.encode(documentXml(parts, rtl)),
    "word/styles.xml": enc.encode(stylesXml(opts.lang ?? "en-GB", rtl)),
    "word/settings.xml": enc.encode(settingsXml(footnotes)),
    "word/numbering.xml": enc.encode(NUMBERING_XML),
    "word/_rels/document.xml.rels": enc.encode(documentRels(footnotes)),
  };
  if (footnotes) files["word/footnotes.xml"] = enc.encode(footnotesXml(notes, rtl));
  return zipSync(files, { level: 6, mtime: modified });
}
