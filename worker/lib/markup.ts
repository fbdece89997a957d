// The restricted inline markup of Block.html (<strong>, <em>, <u>, <sup>,
// <sub>, <br>, escaped text) and the converters into it: pasted HTML, plain
// text, and back to plain text. Hand-written because Workers have no DOM.
// Pure: shared by the server, the client's editor and lib/words.ts.

import { type BLOCK_KINDS, LIST_ENUMERATOR } from "../db/enums";

export type BlockKind = (typeof BLOCK_KINDS)[number];

/**
 * One block of text. `html` is a restricted inline markup: only <strong>, <em>,
 * <u>, <sup>, <sub> and <br>, with text escaped (&amp; &lt; &gt; &quot;).
 * `pid` is the paragraph's stable identity; absent for new or pasted text.
 */
export type Block = { pid?: string | null; kind: BlockKind; html: string };

// Formatting as a bit set, so runs compare and merge cheaply.
export const STRONG = 1;
export const EM = 2;
export const U = 4;
export const SUP = 8;
export const SUB = 16;
/** Only for exports (amendments shown struck through); never in Block.html. */
export const STRIKE = 32;

export type InlineRun = { text: string; fmt: number } | { br: true };

// Canonical nesting order, outermost first, so equal content serialises equally.
const TAGS: [number, string][] = [
  [STRONG, "strong"],
  [EM, "em"],
  [U, "u"],
  [SUP, "sup"],
  [SUB, "sub"],
  [STRIKE, "s"],
];

// ---------- entities ----------

// Latin-1 names for U+00A0..U+00FF, in code-point order.
const LATIN1 =
  "nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml";
const NAMED: Record<string, number> = {
  amp: 38, lt: 60, gt: 62, quot: 34, apos: 39,
  OElig: 338, oelig: 339, Scaron: 352, scaron: 353, Yuml: 376, fnof: 402, circ: 710, tilde: 732,
  ensp: 8194, emsp: 8195, thinsp: 8201, zwnj: 8204, zwj: 8205, lrm: 8206, rlm: 8207,
  ndash: 8211, mdash: 8212, lsquo: 8216, rsquo: 8217, sbquo: 8218, ldquo: 8220, rdquo: 8221, bdquo: 8222,
  dagger: 8224, Dagger: 8225, bull: 8226, hellip: 8230, permil: 8240, prime: 8242, Prime: 8243,
  lsaquo: 8249, rsaquo: 8250, euro: 8364, trade: 8482, larr: 8592, rarr: 8594, minus: 8722,
};
LATIN1.split(" ").forEach((name, i) => (NAMED[name] = 0xa0 + i));

function codePoint(n: number): string {
  // NUL, surrogates and out-of-range numbers are replaced, as browsers do.
  if (!Number.isFinite(n) || n <= 0 || n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff)) return "\uFFFD";
  return String.fromCodePoint(n);
}

/** Decodes HTML character references; unknown names are left as written. */
export function decodeEntities(s: string): string {
  if (!s.includes("&")) return s;
  return s.replace(/&(?:#[xX]([0-9a-fA-F]{1,8})|#([0-9]{1,9})|([A-Za-z][A-Za-z0-9]{1,31}));?/g, (m, hex, dec, name) => {
    if (hex) return codePoint(parseInt(hex, 16));
    if (dec) return codePoint(parseInt(dec, 10));
    const cp = NAMED[name as string];
    return cp === undefined ? m : String.fromCharCode(cp);
  });
}

export function escapeText(s: string): string {
  // Native passes, not a callback per character: a megabyte of "<" is a possible comment.
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

// C0 controls (other than whitespace) and noncharacters break XML exports.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]/g;

// ---------- HTML tokenizer ----------

type Tag = { type: "open" | "close"; name: string; attrs: Record<string, string>; selfClosing: boolean };
type HtmlToken = Tag | { type: "text"; text: string } | { type: "cond"; text: string };

// JavaScript's \s, so what counts as a space here is what counts everywhere else.
function isSpace(c: number): boolean {
  return (
    c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}
const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
/** [\w:.-], the rest of a tag name. */
const isNameChar = (c: number) => isLetter(c) || (c >= 48 && c <= 57) || c === 95 || c === 58 || c === 46 || c === 45;
/** [^\s"'<>/=], an attribute name. */
const isAttrChar = (c: number) => !isSpace(c) && c !== 34 && c !== 39 && c !== 60 && c !== 62 && c !== 47 && c !== 61 && !Number.isNaN(c);

type Attribute = { name: string; value: string };
/** One attribute read on the way to a tag's end, and the reading still to try if the rest fails. */
type Step = { top: number; attr: Attribute; otherwise: { value: string; next: number } | null };

/**
 * A forgiving HTML tokenizer: never throws, treats stray "<" as text, and reads any input
 * in linear time. It reads what the old single regular expression read, without its
 * backtracking: the search for a closing "]" or ">" remembers its last answer (runs of
 * "<!", "<![" or "<?" with no end cost quadratic time), and positions inside a tag from
 * which no tag can end are remembered too (an unclosed tag with many attributes cost
 * exponential time, tags inside attribute values quadratic).
 */
function* tokenizeHtml(html: string): Generator<HtmlToken> {
  const n = html.length;
  const code = (i: number) => html.charCodeAt(i); // NaN past the end
  const found: Record<string, number> = {};
  // The main loop only moves forward, so a remembered answer stays right until passed.
  const next = (ch: string, from: number): number => {
    const known = found[ch];
    if (known === undefined || (known !== -1 && known < from)) found[ch] = html.indexOf(ch, from);
    return found[ch]!;
  };
  const closingQuote = new Map<number, number>();
  const quoteEnd = (at: number) => {
    let end = closingQuote.get(at);
    if (end === undefined) closingQuote.set(at, (end = html.indexOf(html[at]!, at + 1)));
    return end;
  };
  // Positions between attributes from which no tag can end. Reading from such a position
  // goes the same way whichever "<" it started at, so it is read once.
  let deadEnd: Uint8Array | null = null;

  /** One attribute from a position between attributes, the tag's end, or null. */
  const readAttribute = (p: number): { end: number; selfClosing: boolean } | { attr: Attribute; next: number; otherwise: Step["otherwise"] } | null => {
    let q = p;
    while (isSpace(code(q))) q++;
    const c = code(q);
    if (c === 62) return { end: q + 1, selfClosing: false };
    if (c === 47 && code(q + 1) === 62) return { end: q + 2, selfClosing: true };
    if (q === p || !isAttrChar(c)) return null; // attributes are separated by spaces
    const nameStart = q;
    while (isAttrChar(code(q))) q++;
    const name = html.slice(nameStart, q).toLowerCase();
    let v = q;
    while (isSpace(code(v))) v++;
    if (code(v) !== 61) return { attr: { name, value: "" }, next: q, otherwise: null };
    v++;
    while (isSpace(code(v))) v++;
    let u = v; // unquoted: up to a space or ">"; an unclosed quote is part of it
    while (u < n && !isSpace(code(u)) && code(u) !== 62) u++;
    const unquoted = u > v ? { value: html.slice(v, u), next: u } : null;
    const quote = code(v);
    const close = quote === 34 || quote === 39 ? quoteEnd(v) : -1;
    if (close >= 0) return { attr: { name, value: html.slice(v + 1, close) }, next: close + 1, otherwise: unquoted };
    return unquoted && { attr: { name, value: unquoted.value }, next: unquoted.next, otherwise: null };
  };

  /** A start or end tag at `i`, as the regular expression read it (a quoted value first, then unquoted), or null. */
  const readTag = (i: number): { tag: Tag; end: number } | null => {
    let p = i + 1;
    const close = code(p) === 47;
    if (close) p++;
    if (!isLetter(code(p))) return null;
    const nameStart = p;
    while (isNameChar(code(p))) p++;
    const name = html.slice(nameStart, p).toLowerCase();
    const path: Step[] = [];
    for (;;) {
      const read = deadEnd?.[p] ? null : readAttribute(p);
      if (read && "end" in read) {
        const attrs: Record<string, string> = {};
        for (const { attr } of path) if (!(attr.name in attrs)) attrs[attr.name] = decodeEntities(attr.value);
        return { tag: { type: close ? "close" : "open", name, attrs, selfClosing: read.selfClosing }, end: read.end };
      }
      if (read) {
        path.push({ top: p, attr: read.attr, otherwise: read.otherwise });
        p = read.next;
        continue;
      }
      // No tag ends from here: go back to the last attribute that can be read another way.
      (deadEnd ??= new Uint8Array(n + 1))[p] = 1;
      for (;;) {
        const step = path.at(-1);
        if (!step) return null;
        if (step.otherwise) {
          step.attr = { name: step.attr.name, value: step.otherwise.value };
          p = step.otherwise.next;
          step.otherwise = null;
          break;
        }
        deadEnd[step.top] = 1;
        path.pop();
      }
    }
  };

  let textStart = 0;
  let p = 0;
  while (p < n) {
    const lt = html.indexOf("<", p);
    if (lt < 0) break;
    let token: HtmlToken | null = null;
    let end = -1;
    const after = code(lt + 1);
    if (after === 33 && html.startsWith("--", lt + 2)) {
      const close = html.indexOf("-->", lt + 4);
      end = close < 0 ? n : close + 3;
      // Word writes conditional comments as <!--[if !supportLists]--> in the clipboard.
      const cond = /^\[(if [^\]]*|endif)\]$/.exec(html.slice(lt + 4, close < 0 ? n : close).trim());
      if (cond) token = { type: "cond", text: cond[1]! };
    } else if (after === 33 || after === 63) {
      // <![if ...]> and <![endif]> (Word's downlevel-revealed conditionals); else a
      // declaration or processing instruction, which runs to the next ">".
      const bracket = after === 33 && code(lt + 2) === 91 ? next("]", lt + 3) : -1;
      if (bracket >= 0 && code(bracket + 1) === 62) {
        token = { type: "cond", text: html.slice(lt + 3, bracket).trim() };
        end = bracket + 2;
      } else {
        const gt = next(">", lt + 2);
        if (gt >= 0) end = gt + 1;
      }
    } else {
      const read = readTag(lt);
      if (read) {
        token = read.tag;
        end = read.end;
      }
    }
    if (end < 0) {
      p = lt + 1; // a stray "<": text
      continue;
    }
    if (lt > textStart) yield { type: "text", text: html.slice(textStart, lt) };
    if (token) yield token;
    textStart = p = end;
  }
  if (n > textStart) yield { type: "text", text: html.slice(textStart) };
}

// ---------- walking HTML into runs ----------

const VOID = new Set(["br", "hr", "img", "meta", "link", "input", "col", "area", "base", "wbr", "source", "embed", "param", "track"]);
const SKIP = new Set(["script", "style", "head", "title", "xml", "template", "noscript", "select", "textarea", "svg", "math", "object"]);
const BLOCK = new Set([
  "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "table", "thead", "tbody", "tfoot",
  "tr", "td", "th", "caption", "section", "article", "header", "footer", "main", "nav", "aside", "body", "html",
  "dl", "dt", "dd", "pre", "hr", "figure", "figcaption", "address", "center", "form", "fieldset",
]);
const TAG_FMT: Record<string, number> = {
  b: STRONG, strong: STRONG, i: EM, em: EM, cite: EM, var: EM, dfn: EM, u: U, ins: U, sup: SUP, sub: SUB,
};

/** An open element; `fmt`, `kind` and `skip` already include the elements around it. */
type Frame = { name: string; fmt: number; kind: BlockKind; skip: boolean };

/** One walk step's output: text, a line break, or a block boundary. */
type Piece = InlineRun | { brk: true };
type KindedRun = { run: InlineRun; kind: BlockKind };

const NO_STYLE = { set: 0, clear: 0, hidden: false, listIgnore: false };

function styleFormat(style: string): { set: number; clear: number; hidden: boolean; listIgnore: boolean } {
  if (!style) return NO_STYLE;
  let set = 0;
  let clear = 0;
  const s = style.toLowerCase().replace(/\s+/g, "");
  const weight = /font-weight:([a-z0-9]+)/.exec(s)?.[1];
  if (weight) {
    if (weight === "bold" || weight === "bolder" || /^[6-9]00$/.test(weight)) set |= STRONG;
    else clear |= STRONG;
  }
  const fontStyle = /font-style:([a-z]+)/.exec(s)?.[1];
  if (fontStyle) {
    if (fontStyle === "italic" || fontStyle === "oblique") set |= EM;
    else clear |= EM;
  }
  const deco = /text-decoration(?:-line)?:([a-z\- ]+)/.exec(s)?.[1];
  if (deco) {
    if (deco.includes("underline")) set |= U;
    else if (deco.startsWith("none")) clear |= U;
  }
  const valign = /vertical-align:([a-z]+)/.exec(s)?.[1];
  if (valign === "super") set |= SUP;
  else if (valign === "sub") set |= SUB;
  else if (valign === "baseline") clear |= SUP | SUB;
  return { set, clear, hidden: /display:none|mso-hide:all/.test(s), listIgnore: s.includes("mso-list:ignore") };
}

function blockKindOf(name: string, attrs: Record<string, string>): BlockKind | null {
  if (/^h[1-6]$/.test(name)) return "heading";
  if (name === "li") return "list_item";
  const cls = attrs.class ?? "";
  if (/\bMso(Heading|Title|Subtitle)/i.test(cls)) return "heading";
  if (/\bMsoListParagraph/i.test(cls) || /mso-list:\s*l\d/i.test(attrs.style ?? "")) return "list_item";
  return null;
}

function* walkHtml(html: string, opts: { strike?: boolean } = {}): Generator<Piece & { kind?: BlockKind }> {
  // Each frame carries the formatting in force inside it, and each name the indexes of its
  // open frames, so deep nesting and stray end tags cost constant time per tag.
  const stack: Frame[] = [];
  const open = new Map<string, number[]>();
  let condSkip = 0; // depth inside Word's <![if !support...]> fallbacks (bullets, extra breaks)

  const current = () => {
    const top = stack[stack.length - 1];
    let fmt = top?.fmt ?? 0;
    // <sup> inside <sub> (or the reverse): the innermost wins.
    if ((fmt & SUP) && (fmt & SUB)) fmt &= ~SUP;
    return { fmt, kind: top?.kind ?? ("paragraph" as BlockKind), skip: condSkip > 0 || !!top?.skip };
  };
  const closeTo = (i: number) => {
    for (let k = stack.length - 1; k >= i; k--) open.get(stack[k]!.name)!.pop();
    stack.length = i;
  };
  /** The innermost open frame with one of these names, or -1. */
  const lastIndex = (...names: string[]) => {
    let found = -1;
    for (const name of names) found = Math.max(found, open.get(name)?.at(-1) ?? -1);
    return found;
  };
  const TEXT_BLOCKS = ["p", "h1", "h2", "h3", "h4", "h5", "h6"];

  for (const tok of tokenizeHtml(html)) {
    if (tok.type === "cond") {
      if (/^if\s+!support/i.test(tok.text)) condSkip++;
      else if (tok.text === "endif" && condSkip > 0) condSkip--;
      continue;
    }
    if (tok.type === "text") {
      const { fmt, kind, skip } = current();
      if (!skip && tok.text) yield { text: decodeEntities(tok.text), fmt, kind };
      continue;
    }
    const { name } = tok;
    if (tok.type === "close") {
      const i = lastIndex(name);
      if (i >= 0) closeTo(i);
      if (BLOCK.has(name)) yield { brk: true };
      continue;
    }
    if (name === "br") {
      const { skip, kind } = current();
      if (!skip) yield { br: true, kind };
      continue;
    }
    if (BLOCK.has(name)) {
      // HTML's implied ends: a new <p> or <li> closes an open one at the same level.
      if (name === "p" || /^h[1-6]$/.test(name) || name === "li" || name === "tr" || name === "td" || name === "th") {
        const openP = lastIndex(...TEXT_BLOCKS);
        if (openP >= 0) closeTo(openP);
      }
      if (name === "li") {
        const li = lastIndex("li", "ul", "ol");
        if (li >= 0 && stack[li]!.name === "li") closeTo(li);
      }
      yield { brk: true };
    }
    if (VOID.has(name) || tok.selfClosing) continue;
    const style = styleFormat(tok.attrs.style ?? "");
    let set = (TAG_FMT[name] ?? 0) | style.set;
    if (opts.strike && (name === "s" || name === "strike" || name === "del")) set |= STRIKE;
    const clear = style.clear & ~(TAG_FMT[name] ?? 0);
    const parent = stack[stack.length - 1];
    const own = blockKindOf(name, tok.attrs);
    const outer = parent?.kind ?? "paragraph";
    const kind: BlockKind = outer === "heading" || own === "heading" ? "heading" : outer === "list_item" || own === "list_item" ? "list_item" : "paragraph";
    const skip = !!parent?.skip || SKIP.has(name) || style.hidden || style.listIgnore;
    let indexes = open.get(name);
    if (!indexes) open.set(name, (indexes = []));
    indexes.push(stack.length);
    stack.push({ name, fmt: ((parent?.fmt ?? 0) & ~clear) | set, kind, skip });
  }
}

// ---------- runs to markup ----------

/** Collapses whitespace across runs, trims around breaks, merges equal runs. */
export function normalizeRuns(runs: InlineRun[]): InlineRun[] {
  const out: InlineRun[] = [];
  let atLineStart = true;
  for (const r of runs) {
    if ("br" in r) {
      trimEnd(out);
      out.push(r);
      atLineStart = true;
      continue;
    }
    let text = r.text.replace(CONTROL, "").replace(/[\s\u00A0]+/g, " ");
    const prev = out[out.length - 1];
    if (atLineStart || (prev && !("br" in prev) && prev.text.endsWith(" "))) text = text.replace(/^ /, "");
    if (!text) continue;
    atLineStart = false;
    out.push({ text, fmt: r.fmt });
  }
  trimEnd(out);
  while (out.length && "br" in out[0]!) out.shift();
  while (out.length && "br" in out[out.length - 1]!) out.pop();
  return mergeSpaces(out);
}

function trimEnd(out: InlineRun[]): void {
  const last = out[out.length - 1];
  if (!last || "br" in last) return;
  last.text = last.text.replace(/ $/, "");
  if (!last.text) out.pop();
}

/**
 * A space between runs carries only the formats both sides share, so
 * "<b>a </b><i>c</i>" becomes "<strong>a</strong> <em>c</em>"; then equal runs merge.
 */
function mergeSpaces(runs: InlineRun[]): InlineRun[] {
  const pieces: (InlineRun & { space?: boolean })[] = [];
  for (const r of runs) {
    if ("br" in r) {
      pieces.push(r);
      continue;
    }
    const core = r.text.trim();
    if (r.text.startsWith(" ")) pieces.push({ text: " ", fmt: r.fmt, space: true });
    if (core) pieces.push({ text: core, fmt: r.fmt });
    if (core && r.text.endsWith(" ")) pieces.push({ text: " ", fmt: r.fmt, space: true });
  }
  const fmtAt = (i: number) => {
    const p = pieces[i];
    return !p || "br" in p ? 0 : p.fmt;
  };
  pieces.forEach((p, i) => {
    if (!("br" in p) && p.space) p.fmt = fmtAt(i - 1) & fmtAt(i + 1);
  });
  const out: InlineRun[] = [];
  for (const p of pieces) {
    const last = out[out.length - 1];
    if ("br" in p) out.push({ br: true });
    else if (last && !("br" in last) && last.fmt === p.fmt) last.text += p.text;
    else out.push({ text: p.text, fmt: p.fmt });
  }
  return out;
}

/** Serialises runs with properly nested tags in a fixed order. */
export function runsToHtml(runs: InlineRun[]): string {
  let html = "";
  const open: [number, string][] = [];
  const want = (fmt: number) => {
    // Close down to the first open tag the next run does not want.
    const keep = open.findIndex(([bit]) => !(fmt & bit));
    if (keep >= 0) for (const [, tag] of open.splice(keep).reverse()) html += `</${tag}>`;
    for (const [bit, tag] of TAGS) {
      if (fmt & bit && !open.some(([b]) => b === bit)) {
        open.push([bit, tag]);
        html += `<${tag}>`;
      }
    }
  };
  for (const r of runs) {
    if ("br" in r) {
      want(0); // breaks sit outside formatting, so equal text serialises one way
      html += "<br>";
    }
    else {
      want(r.fmt);
      html += escapeText(r.text);
    }
  }
  want(0);
  return html;
}

/** Runs of an HTML fragment, whitespace-normalised; `strike` keeps <s>/<del>/<ins> for exports. */
export function htmlToRuns(html: string, opts: { strike?: boolean } = {}): InlineRun[] {
  const runs: InlineRun[] = [];
  for (const p of walkHtml(html, opts)) {
    if ("brk" in p) runs.push({ text: " ", fmt: 0 });
    else runs.push("br" in p ? { br: true } : { text: p.text, fmt: p.fmt });
  }
  return normalizeRuns(runs);
}

/** Any pasted HTML fragment → the restricted markup of Block.html. */
export function sanitizeInline(html: string): string {
  return runsToHtml(htmlToRuns(html));
}

// ---------- pasted documents ----------

const BULLET_PREFIX = /^[\u00B7\u2022\u25AA\u25CF\u25E6\u2013\uF0B7\uF0A7\uF076\uF0D8o\u00A7]\s+/;

/** Splits clipboard text/html into blocks: headings, list items, paragraphs. */
export function pasteToBlocks(html: string): Block[] {
  const blocks: Block[] = [];
  let group: KindedRun[] = [];
  let pendingBr = 0;
  const flush = () => {
    const kind = group.find((g) => !("br" in g.run) && g.run.text.trim())?.kind ?? "paragraph";
    const runs = normalizeRuns(group.map((g) => g.run));
    group = [];
    pendingBr = 0;
    if (!runs.some((r) => !("br" in r) && r.text.trim())) return;
    const first = runs[0];
    // Word's list bullets sometimes survive as plain text (Symbol-font glyphs).
    if (kind === "list_item" && first && !("br" in first)) first.text = first.text.replace(BULLET_PREFIX, "");
    const html = runsToHtml(normalizeRuns(runs));
    if (html) blocks.push({ kind, html });
  };
  for (const p of walkHtml(html)) {
    if ("brk" in p) {
      flush();
      continue;
    }
    const kind = p.kind ?? "paragraph";
    if ("br" in p) {
      // <br><br> separates paragraphs inside one block.
      if (++pendingBr >= 2) flush();
      else group.push({ run: { br: true }, kind });
      continue;
    }
    if (p.text.trim() && pendingBr) pendingBr = 0;
    group.push({ run: { text: p.text, fmt: p.fmt }, kind });
  }
  flush();
  return blocks;
}

const LIST_MARKER = /^(?:[-•*\u2013\u25AA\u25CF]|\d{1,3}[.)])\s+/;

/** Plain text → blocks: one per line; bullets become list items, ALL CAPS or "#" lines headings. */
export function textToBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  for (const raw of text.replace(CONTROL, "").split(/\r\n|\r|\n/)) {
    const line = raw.replace(/[\s\u00A0]+/g, " ").trim();
    if (!line) continue;
    let kind: BlockKind = "paragraph";
    let body = line;
    if (line.startsWith("#")) {
      kind = "heading";
      body = line.replace(/^#+\s*/, "");
    } else if (isAllCaps(line)) {
      kind = "heading";
    } else if (LIST_MARKER.test(line)) {
      kind = "list_item";
      body = line.replace(LIST_MARKER, "");
    } else if (LIST_ENUMERATOR.test(line)) {
      kind = "list_item"; // "(a)" enumerators are part of the text in UN drafts
    }
    if (body) blocks.push({ kind, html: escapeText(body) });
  }
  return blocks;
}

function isAllCaps(line: string): boolean {
  const letters = line.match(/\p{L}/gu) ?? [];
  const cased = letters.filter((c) => c.toLowerCase() !== c.toUpperCase());
  return cased.length >= 2 && cased.every((c) => c === c.toUpperCase()) && line.length <= 200;
}

/** Markup → plain text: <br> and block ends become newlines, entities decoded. */
export function toPlainText(html: string): string {
  const out: string[] = [];
  for (const p of walkHtml(html)) {
    if ("brk" in p || "br" in p) out.push("\n");
    else out.push(p.text);
  }
  return out
    .join("")
    .replace(CONTROL, "")
    .split("\n")
    .map((l) => l.replace(/[\s\u00A0]+/g, " ").trim())
    .join("\n")
    .replace(/\n{2,}/g, "\n")
    .trim();
}

/** Counts [bracketed] spans; nested brackets count once; an unclosed "[" counts. */
export function countBrackets(texts: string[]): number {
  let count = 0;
  for (const text of texts) {
    let depth = 0;
    for (const c of text) {
      if (c === "[") {
        if (depth === 0) count++;
        depth++;
      } else if (c === "]" && depth > 0) depth--;
    }
  }
  return count;
}
