// Reads the text of a .docx (WordprocessingML) into blocks of restricted markup.
// A small XML parser is enough: we need paragraphs, runs and a few properties.

import { unzipSync } from "fflate";
import { EM, type InlineRun, normalizeRuns, runsToHtml, STRONG, SUB, SUP, U } from "./markup";
import type { Block, BlockKind } from "./types";

export class DocxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DocxError";
  }
}

const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;
const MAX_PART_BYTES = 5 * 1024 * 1024; // styles.xml, numbering.xml
const MAX_PARAGRAPHS = 2000;

// ---------- XML ----------

export type XmlNode = { name: string; attrs: Record<string, string>; children: (XmlNode | string)[] };

const XML_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decodeXml(s: string): string {
  if (!s.includes("&")) return s;
  return s.replace(/&([^;&\s]{0,12});/g, (_, ref: string) => {
    const named = XML_ENTITIES[ref];
    if (named) return named;
    const num = /^#(?:x([0-9a-fA-F]+)|([0-9]+))$/.exec(ref);
    const cp = num ? parseInt(num[1] ?? num[2]!, num[1] ? 16 : 10) : NaN;
    if (!(cp > 0 && cp <= 0x10ffff) || (cp >= 0xd800 && cp <= 0xdfff)) throw new DocxError(BROKEN);
    return String.fromCodePoint(cp);
  });
}

const BROKEN = "The file is damaged: its text could not be read. Open it in Word, save it again as .docx and retry.";
const NAME = /[A-Za-z_][\w.:-]*/y;
const ATTRIBUTE = /\s+([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/y;
const TAG_END = /\s*(\/?)>/y;

/**
 * Parses an XML document into a tree. Namespace prefixes stay in names
 * ("w:p"); text is kept only where `keepText(parent)` says, to save memory.
 */
export function parseXml(xml: string, keepText: (parent: string) => boolean = () => true): XmlNode {
  const root: XmlNode = { name: "#document", attrs: {}, children: [] };
  const stack: XmlNode[] = [root];
  let pos = 0;
  const top = () => stack[stack.length - 1]!;
  const addText = (raw: string, decoded = false) => {
    if (raw && keepText(top().name)) top().children.push(decoded ? raw : decodeXml(raw));
  };
  const skipPast = (end: string, from: number) => {
    const at = xml.indexOf(end, from);
    if (at < 0) throw new DocxError(BROKEN);
    return at + end.length;
  };

  while (pos < xml.length) {
    const lt = xml.indexOf("<", pos);
    if (lt < 0) {
      if (xml.slice(pos).trim() && stack.length > 1) throw new DocxError(BROKEN);
      break;
    }
    if (lt > pos) addText(xml.slice(pos, lt));
    if (xml.startsWith("<?", lt)) pos = skipPast("?>", lt);
    else if (xml.startsWith("<!--", lt)) pos = skipPast("-->", lt);
    else if (xml.startsWith("<![CDATA[", lt)) {
      pos = skipPast("]]>", lt);
      addText(xml.slice(lt + 9, pos - 3), true);
    } else if (xml.startsWith("<!", lt)) {
      const bracket = xml.indexOf("[", lt);
      const close = xml.indexOf(">", lt);
      pos = bracket >= 0 && bracket < close ? skipPast("]>", lt) : skipPast(">", lt);
    } else if (xml.startsWith("</", lt)) {
      NAME.lastIndex = lt + 2;
      const name = NAME.exec(xml)?.[0];
      const end = xml.indexOf(">", lt);
      if (!name || end < 0 || xml.slice(NAME.lastIndex, end).trim() || top().name !== name) throw new DocxError(BROKEN);
      stack.pop();
      pos = end + 1;
    } else {
      NAME.lastIndex = lt + 1;
      const name = NAME.exec(xml)?.[0];
      if (!name) throw new DocxError(BROKEN);
      const node: XmlNode = { name, attrs: {}, children: [] };
      let at = NAME.lastIndex;
      for (;;) {
        ATTRIBUTE.lastIndex = at;
        const m = ATTRIBUTE.exec(xml);
        if (!m) break;
        node.attrs[m[1]!] = decodeXml(m[2] ?? m[3] ?? "");
        at = ATTRIBUTE.lastIndex;
      }
      TAG_END.lastIndex = at;
      const end = TAG_END.exec(xml);
      if (!end) throw new DocxError(BROKEN);
      pos = TAG_END.lastIndex;
      top().children.push(node);
      if (!end[1]) stack.push(node);
    }
  }
  if (stack.length !== 1) throw new DocxError(BROKEN);
  const element = root.children.find((c): c is XmlNode => typeof c !== "string");
  if (!element) throw new DocxError(BROKEN);
  return element;
}

const child = (n: XmlNode | undefined, name: string) =>
  n?.children.find((c): c is XmlNode => typeof c !== "string" && c.name === name);
const elements = (n: XmlNode) => n.children.filter((c): c is XmlNode => typeof c !== "string");
const val = (n: XmlNode | undefined) => n?.attrs["w:val"];
/** On/off properties (<w:b/>, <w:b w:val="false"/>). */
const isOn = (n: XmlNode | undefined) => !!n && !/^(0|false|off)$/i.test(n.attrs["w:val"] ?? "true");

// ---------- styles and numbering ----------

type Style = { id: string; name: string; basedOn?: string; heading: boolean; list: boolean; fmt: number; clear: number };
type Styles = { paragraph: (id: string | undefined) => { heading: boolean; list: boolean }; character: (id: string | undefined) => [number, number] };

function runFormat(rPr: XmlNode | undefined): [set: number, clear: number] {
  let set = 0;
  let clear = 0;
  const toggle = (node: XmlNode | undefined, bit: number) => {
    if (!node) return;
    if (isOn(node)) set |= bit;
    else clear |= bit;
  };
  toggle(child(rPr, "w:b"), STRONG);
  toggle(child(rPr, "w:i"), EM);
  const u = child(rPr, "w:u");
  if (u) {
    if ((val(u) ?? "single") === "none") clear |= U;
    else set |= U;
  }
  const va = val(child(rPr, "w:vertAlign"));
  if (va === "superscript") set |= SUP;
  else if (va === "subscript") set |= SUB;
  else if (va === "baseline") clear |= SUP | SUB;
  return [set, clear];
}

function readStyles(root: XmlNode | null): Styles {
  const byId = new Map<string, Style>();
  for (const s of root ? elements(root).filter((e) => e.name === "w:style") : []) {
    const id = s.attrs["w:styleId"];
    if (!id) continue;
    const name = (val(child(s, "w:name")) ?? id).trim();
    const pPr = child(s, "w:pPr");
    const outline = val(child(pPr, "w:outlineLvl"));
    const [fmt, clear] = runFormat(child(s, "w:rPr"));
    byId.set(id, {
      id,
      name,
      basedOn: val(child(s, "w:basedOn")),
      heading: /^(heading\s*\d|title)$/i.test(name) || (outline !== undefined && Number(outline) < 9),
      list: /^list\b/i.test(name) || !!child(pPr, "w:numPr"),
      fmt: s.attrs["w:type"] === "character" ? fmt : 0,
      clear: s.attrs["w:type"] === "character" ? clear : 0,
    });
  }
  // Follows w:basedOn a few steps: a custom style based on "heading 2" is a heading.
  const chain = (id: string | undefined) => {
    const out: Style[] = [];
    for (let s = id ? byId.get(id) : undefined; s && out.length < 10 && !out.includes(s); s = s.basedOn ? byId.get(s.basedOn) : undefined)
      out.push(s);
    return out;
  };
  return {
    paragraph(id) {
      if (!id) return { heading: false, list: false };
      const styles = chain(id);
      if (!styles.length) return { heading: /^(heading\d|title)$/i.test(id), list: /^list/i.test(id) };
      return { heading: styles.some((s) => s.heading), list: styles.some((s) => s.list) };
    },
    character(id) {
      let set = 0;
      let clear = 0;
      for (const s of chain(id).reverse()) (set = (set & ~s.clear) | s.fmt), (clear = (clear & ~s.fmt) | s.clear);
      return [set, clear];
    },
  };
}

/** numId → true when its top level is plain "1.", "2." numbering: UN paragraph numbers, not a list. */
function readNumbering(root: XmlNode | null): (numId: string, ilvl: string) => boolean {
  if (!root) return () => false;
  const abstract = new Map<string, XmlNode>();
  for (const a of elements(root).filter((e) => e.name === "w:abstractNum")) abstract.set(a.attrs["w:abstractNumId"] ?? "", a);
  const nums = new Map<string, string>();
  for (const n of elements(root).filter((e) => e.name === "w:num")) nums.set(n.attrs["w:numId"] ?? "", val(child(n, "w:abstractNumId")) ?? "");
  return (numId, ilvl) => {
    if (ilvl !== "0") return false;
    const a = abstract.get(nums.get(numId) ?? "");
    const lvl = a && elements(a).find((l) => l.name === "w:lvl" && l.attrs["w:ilvl"] === "0");
    return !!lvl && val(child(lvl, "w:numFmt")) === "decimal" && val(child(lvl, "w:lvlText")) === "%1.";
  };
}

// ---------- body ----------

type Context = { styles: Styles; paragraphNumbering: (numId: string, ilvl: string) => boolean; blocks: Block[] };

// Containers whose text is not body text (text boxes, drawings, embedded objects).
const SKIPPED = new Set(["w:del", "w:moveFrom", "w:pPr", "w:rPr", "w:drawing", "w:pict", "w:object", "mc:AlternateContent", "w:sectPr", "w:sdtPr", "w:sdtEndPr", "w:tblPr", "w:tblGrid", "w:trPr", "w:tcPr"]);

function walkBody(node: XmlNode, ctx: Context, inTable: boolean): void {
  for (const el of elements(node)) {
    if (el.name === "w:p") paragraph(el, ctx, inTable);
    else if (el.name === "w:tbl") walkBody(el, ctx, true);
    else if (!SKIPPED.has(el.name)) walkBody(el, ctx, inTable);
  }
}

function paragraph(p: XmlNode, ctx: Context, inTable: boolean): void {
  const pPr = child(p, "w:pPr");
  const style = ctx.styles.paragraph(val(child(pPr, "w:pStyle")));
  const numPr = child(pPr, "w:numPr");
  const numId = val(child(numPr, "w:numId"));
  const numbered = !!numId && numId !== "0"; // numId 0 switches numbering off
  const outline = val(child(pPr, "w:outlineLvl"));
  let kind: BlockKind = "paragraph";
  if (!inTable) {
    if (style.heading || (outline !== undefined && Number(outline) < 9)) kind = "heading";
    else if (style.list || numbered) kind = "list_item";
    if (kind === "list_item" && !style.list && numbered && ctx.paragraphNumbering(numId!, val(child(numPr, "w:ilvl")) ?? "0")) kind = "paragraph";
  }

  const runs: InlineRun[] = [];
  collectRuns(p, ctx, runs);
  mergeRuns(runs);
  // A typed paragraph number ("12.<tab>") is ours to render, not text.
  const first = runs[0];
  if (first && !("br" in first)) first.text = first.text.replace(/^\s*\d{1,4}\.\t\s*/, "");
  const html = runsToHtml(normalizeRuns(runs));
  if (!html.replace(/<br>/g, "").trim()) return;
  if (ctx.blocks.length >= MAX_PARAGRAPHS) throw new DocxError(`The document has more than ${MAX_PARAGRAPHS} paragraphs; split it into smaller documents.`);
  ctx.blocks.push({ kind, html });
}

/** Joins neighbouring text runs of one format, in place. */
function mergeRuns(runs: InlineRun[]): void {
  for (let i = runs.length - 1; i > 0; i--) {
    const a = runs[i - 1]!;
    const b = runs[i]!;
    if (!("br" in a) && !("br" in b) && a.fmt === b.fmt) {
      runs[i - 1] = { text: a.text + b.text, fmt: a.fmt };
      runs.splice(i, 1);
    }
  }
}

function collectRuns(node: XmlNode, ctx: Context, out: InlineRun[]): void {
  for (const el of elements(node)) {
    if (el.name === "w:r") run(el, ctx, out);
    else if (el.name === "w:p" || el.name === "w:tbl") continue; // nested blocks (text boxes) are not this paragraph's text
    else if (!SKIPPED.has(el.name)) collectRuns(el, ctx, out); // w:hyperlink, w:ins, w:smartTag, w:fldSimple, w:sdt...
  }
}

function run(r: XmlNode, ctx: Context, out: InlineRun[]): void {
  const rPr = child(r, "w:rPr");
  const [styleSet, styleClear] = ctx.styles.character(val(child(rPr, "w:rStyle")));
  const [set, clear] = runFormat(rPr);
  let fmt = ((styleSet & ~styleClear) & ~clear) | set;
  if (fmt & SUP && fmt & SUB) fmt &= ~(set & SUB ? SUP : SUB);
  for (const el of elements(r)) {
    switch (el.name) {
      case "w:t":
        out.push({ text: el.children.filter((c): c is string => typeof c === "string").join(""), fmt });
        break;
      case "w:tab":
      case "w:ptab":
        out.push({ text: "\t", fmt });
        break;
      case "w:br":
      case "w:cr":
        // Page and column breaks are layout, not line breaks in the text.
        if (!el.attrs["w:type"] || el.attrs["w:type"] === "textWrapping") out.push({ br: true });
        break;
      case "w:noBreakHyphen":
        out.push({ text: "-", fmt });
        break;
      default: // w:instrText, w:delText, footnote references, drawings: not text
        break;
    }
  }
}

// ---------- entry point ----------

function unzip(bytes: Uint8Array): Record<string, Uint8Array> {
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw new DocxError("This is not a .docx file (not a zip archive).");
  const wanted = new Set(["word/document.xml", "word/styles.xml", "word/numbering.xml"]);
  try {
    return unzipSync(bytes, {
      filter(file) {
        if (!wanted.has(file.name)) return false;
        const limit = file.name === "word/document.xml" ? MAX_DOCUMENT_BYTES : MAX_PART_BYTES;
        if (file.originalSize > limit) throw new DocxError("The document is too large to import (its text exceeds 20 MB).");
        return true;
      },
    });
  } catch (err) {
    if (err instanceof DocxError) throw err;
    throw new DocxError("This is not a .docx file, or it is damaged (the zip archive could not be read).");
  }
}

function decode(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new DocxError(BROKEN);
  }
}

// Only run text matters; dropping other text nodes keeps big documents light.
const TEXT_PARENTS = new Set(["w:t"]);

/** A .docx file's body text as blocks: headings, list items and paragraphs with emphasis. */
export function docxToBlocks(bytes: Uint8Array): Block[] {
  const files = unzip(bytes);
  const doc = files["word/document.xml"];
  if (!doc) throw new DocxError("This is not a Word document: the .docx has no word/document.xml.");
  if (doc.length > MAX_DOCUMENT_BYTES) throw new DocxError("The document is too large to import (its text exceeds 20 MB).");
  const part = (name: string) => {
    const data = files[name];
    if (!data || data.length > MAX_PART_BYTES) return null;
    try {
      return parseXml(decode(data), () => false);
    } catch {
      return null; // damaged styles only cost us heading detection
    }
  };
  const root = parseXml(decode(doc), (parent) => TEXT_PARENTS.has(parent));
  const body = child(root, "w:body");
  if (!body) throw new DocxError(BROKEN);
  const ctx: Context = { styles: readStyles(part("word/styles.xml")), paragraphNumbering: readNumbering(part("word/numbering.xml")), blocks: [] };
  walkBody(body, ctx, false);
  if (!ctx.blocks.length) throw new DocxError("The document has no text to import.");
  return ctx.blocks;
}
