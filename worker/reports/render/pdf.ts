// The report as a UN-style A4 PDF, set with the standard Times fonts (no
// embedding, so small and fast). Lines are broken and justified here, with
// footnotes at the foot of the page that references them.

import { LIST_ENUMERATOR } from "../../db/enums";
import {
  beginText,
  endText,
  moveText,
  PDFDocument,
  type PDFFont,
  type PDFName,
  type PDFOperator,
  type PDFPage,
  rgb,
  setFontAndSize,
  setTextRise,
  setWordSpacing,
  showText,
  StandardFonts,
} from "pdf-lib";
import { EM, htmlToRuns, type InlineRun, STRONG, SUB, SUP, toPlainText, U } from "../../documents/markup";
import { masthead, REPORT_LABELS } from "../labels";
import { PDF_LANGUAGES, type RenderBlock, type RenderedReport } from "../model";

export class PdfLanguageError extends Error {
  override name = "PdfLanguageError";
}

// ---------- geometry (points) ----------

const PAGE_W = 595.28;
const PAGE_H = 841.89;
const LEFT = 68;
const WIDTH = PAGE_W - 2 * LEFT;
const TOP = 64; // body starts this far below the page top
const BOTTOM = 60; // body and footnotes end this far above the page bottom
const INDENT = 28.35; // 1 cm: where paragraph text starts after its number
const BODY = { size: 10, lead: 12 };
const NOTE = { size: 8, lead: 9.5, gap: 2 };
const NOTE_SEPARATOR = 9; // rule and space above the first footnote of a page
const MAX_WORD_SPACE = 4; // beyond this, a line is left ragged rather than stretched
const INK = rgb(0, 0, 0);
const RED = rgb(0.63, 0, 0);

// ---------- text ----------

type Fonts = { regular: PDFFont; bold: PDFFont; italic: PDFFont; boldItalic: PDFFont };
type Style = { font: PDFFont; size: number; rise: number; underline: boolean };
type Frag = { text: string; style: Style; width: number };
type Line = { frags: Frag[]; width: number; spaces: number; stretch: boolean };
type Label = { text: string; style: Style; x: number };

// Characters outside WinAnsi that have a close equivalent in it.
const SUBSTITUTES: Record<string, string> = {
  "\u2010": "-", "\u2011": "-", "\u2012": "\u2013", "\u2015": "\u2014", "\u2212": "-",
  "\u2032": "'", "\u2033": '"', "\u2044": "/", "\u2192": "->", "\u2190": "<-",
  "\u2002": " ", "\u2003": " ", "\u2009": " ", "\u200A": " ", "\u2007": "\u00A0", "\u202F": "\u00A0",
  "\u00AD": "", "\u200B": "", "\u200C": "", "\u200D": "", "\u200E": "", "\u200F": "", "\u2060": "", "\uFEFF": "",
  "\uFB00": "ff", "\uFB01": "fi", "\uFB02": "fl", "\uFB03": "ffi", "\uFB04": "ffl",
};

class Typesetter {
  private widths = new Map<PDFFont, Map<string, number>>();
  private charset: Set<number>;

  constructor(readonly fonts: Fonts) {
    this.charset = new Set(fonts.regular.getCharacterSet());
  }

  /** Text the WinAnsi Times fonts can show: close substitutes, accents dropped, else "?". */
  clean(s: string): string {
    let out = "";
    for (const ch of s.normalize("NFC").replace(/[\t\r\n]/g, " ")) {
      const cp = ch.codePointAt(0)!;
      if (this.charset.has(cp)) out += ch;
      else if (ch in SUBSTITUTES) out += SUBSTITUTES[ch];
      else {
        const base = ch.normalize("NFD").replace(/\p{M}/gu, "");
        out += base && [...base].every((c) => this.charset.has(c.codePointAt(0)!)) ? base : "?";
      }
    }
    return out;
  }

  // Summed per character, unkerned: Tj draws without kerning, so justified lines end flush.
  width(text: string, style: Style): number {
    let cache = this.widths.get(style.font);
    if (!cache) this.widths.set(style.font, (cache = new Map()));
    let w = 0;
    for (const ch of text) {
      let cw = cache.get(ch);
      if (cw === undefined) cache.set(ch, (cw = style.font.widthOfTextAtSize(ch, 1000)));
      w += cw;
    }
    return (w * style.size) / 1000;
  }

  style(fmt: number, size: number, base: { bold?: boolean; italic?: boolean } = {}): Style {
    const bold = base.bold || !!(fmt & STRONG);
    const italic = base.italic || !!(fmt & EM);
    const f = this.fonts;
    const font = bold ? (italic ? f.boldItalic : f.bold) : italic ? f.italic : f.regular;
    const script = fmt & (SUP | SUB);
    return {
      font,
      size: script ? size * 0.65 : size,
      rise: fmt & SUP ? size * 0.35 : fmt & SUB ? -size * 0.15 : 0,
      underline: !!(fmt & U),
    };
  }

  frag(text: string, style: Style): Frag {
    return { text, style, width: this.width(text, style) };
  }

  /**
   * Breaks runs into lines of at most `max` points. Words may span runs
   * ("<em>word</em>,"); `notes` become superscript numbers glued to the last word.
   */
  lines(runs: InlineRun[], max: number, size: number, base: { bold?: boolean; italic?: boolean } = {}, notes: number[] = []): Line[] {
    type Word = { frags: Frag[]; width: number };
    const tokens: (Word | { space: Style } | "br")[] = [];
    let word: Frag[] = [];
    const flush = () => {
      if (word.length) tokens.push({ frags: word, width: word.reduce((s, f) => s + f.width, 0) });
      word = [];
    };
    for (const run of runs) {
      if ("br" in run) {
        flush();
        tokens.push("br");
        continue;
      }
      const style = this.style(run.fmt, size, base);
      this.clean(run.text)
        .split(" ")
        .forEach((part, i) => {
          if (i > 0) {
            flush();
            tokens.push({ space: style });
          }
          if (part) word.push(this.frag(part, style));
        });
    }
    if (notes.length) word.push(this.frag(notes.join(","), this.style(SUP, size)));
    flush();

    const lines: Line[] = [];
    let cur: Frag[] = [];
    let curWidth = 0;
    let space: Style | null = null;
    const end = (stretch: boolean) => {
      lines.push(mergeLine(cur, curWidth, stretch));
      cur = [];
      curWidth = 0;
      space = null;
    };
    for (const t of tokens) {
      if (t === "br") end(false);
      else if ("space" in t) space = cur.length ? t.space : null;
      else if (t.width > max) {
        if (cur.length) end(true);
        this.splitWord(t.frags, max).forEach((piece, i) => {
          if (i > 0) end(false);
          cur = piece.frags;
          curWidth = piece.width;
        });
      } else {
        const gap = space ? this.frag(" ", space) : null;
        if (cur.length && curWidth + (gap?.width ?? 0) + t.width > max) end(true);
        else if (gap) {
          cur.push(gap);
          curWidth += gap.width;
        }
        space = null;
        cur.push(...t.frags);
        curWidth += t.width;
      }
    }
    if (cur.length || !lines.length) end(false);
    return lines;
  }

  /** A word wider than the line (a URL, a hash) is cut between characters. */
  private splitWord(frags: Frag[], max: number): { frags: Frag[]; width: number }[] {
    const pieces: { frags: Frag[]; width: number }[] = [{ frags: [], width: 0 }];
    for (const f of frags) {
      for (const ch of f.text) {
        const w = this.width(ch, f.style);
        let piece = pieces[pieces.length - 1]!;
        if (piece.width + w > max && piece.width > 0) pieces.push((piece = { frags: [], width: 0 }));
        const last = piece.frags[piece.frags.length - 1];
        if (last && last.style === f.style) {
          last.text += ch;
          last.width += w;
        } else piece.frags.push({ text: ch, style: f.style, width: w });
        piece.width += w;
      }
    }
    return pieces;
  }
}

const sameStyle = (a: Style, b: Style) => a.font === b.font && a.size === b.size && a.rise === b.rise && a.underline === b.underline;

/** Joins neighbouring fragments of one style, so a line is a few text operators. */
function mergeLine(frags: Frag[], width: number, stretch: boolean): Line {
  const out: Frag[] = [];
  let spaces = 0;
  for (const f of frags) {
    if (f.text === " ") spaces++;
    const last = out[out.length - 1];
    if (last && sameStyle(last.style, f.style)) {
      last.text += f.text;
      last.width += f.width;
    } else out.push({ ...f });
  }
  return { frags: out, width, spaces, stretch };
}

// ---------- blocks ----------

type Block = {
  lines: Line[];
  x: number;
  width: number;
  size: number;
  lead: number;
  before: number;
  after: number;
  align: "start" | "justify" | "center";
  label: Label | null;
  notes: { label: Label; lines: Line[] }[];
  /** Stays on the page of the block after it (headings). */
  keep: boolean;
  newPage: boolean;
};

const ENUMERATOR = LIST_ENUMERATOR;

function blockDefaults(lines: Line[], x: number): Block {
  return { lines, x, width: WIDTH - (x - LEFT), ...BODY, before: 0, after: 6, align: "justify", label: null, notes: [], keep: false, newPage: false };
}

function prepareBlocks(t: Typesetter, r: RenderedReport): Block[] {
  const bodyX = LEFT + INDENT;
  const notes = new Map(r.footnotes.map((f) => [f.number, f.html]));
  const noteBlocks = (numbers: number[]): Block["notes"] =>
    numbers.map((n) => {
      const style = t.style(0, NOTE.size);
      const text = String(n);
      return {
        label: { text, style, x: bodyX - 4 - t.width(text, style) },
        lines: t.lines(htmlToRuns(notes.get(n) ?? ""), WIDTH - INDENT, NOTE.size),
      };
    });
  const plain = (text: string): InlineRun[] => [{ text, fmt: 0 }];
  const measure = (runs: InlineRun[], x: number, size = BODY.size, bold = false, refs: number[] = []) =>
    t.lines(runs, WIDTH - (x - LEFT), size, { bold }, refs);

  const block = (b: RenderBlock): Block[] => {
    switch (b.type) {
      case "chapter": {
        const label = { text: t.clean(b.label), style: t.style(0, 11, { bold: true }), x: LEFT };
        const lines = measure(htmlToRuns(b.html), bodyX, 11, true);
        return [{ ...blockDefaults(lines, bodyX), size: 11, lead: 13.5, before: 16, after: 8, align: "start", keep: true, label }];
      }
      case "annex": {
        const centred = (runs: InlineRun[]): Block => ({ ...blockDefaults(measure(runs, LEFT, 12, true), LEFT), size: 12, lead: 15, align: "center", keep: true });
        return [
          { ...centred(plain(b.label)), newPage: true, after: 6 },
          { ...centred(htmlToRuns(b.html)), after: 18 },
        ];
      }
      case "heading":
        return [{ ...blockDefaults(measure(htmlToRuns(b.html), bodyX, BODY.size, true), bodyX), before: 10, align: "start", keep: true }];
      case "paragraph": {
        const lines = measure(htmlToRuns(b.html), bodyX, BODY.size, false, b.notes);
        const label = b.number === null ? null : { text: `${b.number}.`, style: t.style(0, BODY.size), x: LEFT };
        return [{ ...blockDefaults(lines, bodyX), label, notes: noteBlocks(b.notes) }];
      }
      case "list_item": {
        // "(a)" enumerators hang like the dash of other items.
        const runs = htmlToRuns(b.html);
        const first = runs[0];
        const m = first && !("br" in first) ? ENUMERATOR.exec(first.text) : null;
        if (m && first && !("br" in first)) runs[0] = { text: first.text.slice(m[0].length), fmt: first.fmt };
        const x = LEFT + 2 * INDENT;
        const label = { text: m ? t.clean(m[1]!) : "\u2013", style: t.style(0, BODY.size), x: bodyX };
        return [{ ...blockDefaults(measure(runs, x, BODY.size, false, b.notes), x), after: 4, label, notes: noteBlocks(b.notes) }];
      }
    }
  };

  const head: Block[] = [r.session, r.agendaItem]
    .filter((s): s is string => !!s)
    .map((s) => ({ ...blockDefaults(measure(plain(s), LEFT), LEFT), after: 0, align: "start" }));
  const title: Block = { ...blockDefaults(measure(htmlToRuns(r.title), bodyX, 14, true), bodyX), size: 14, lead: 17, before: 18, after: 18, align: "start" };
  return [...head, title, ...r.blocks.flatMap(block)];
}

// ---------- pages ----------

type NoteLine = { line: Line; label: Label | null; gapBefore: number };

class Pages {
  private page!: PDFPage;
  private pages: PDFPage[] = [];
  private fontKeys = new Map<PDFFont, PDFName>();
  private y = 0; // top of the next body line
  private fresh = true; // nothing in the body of this page yet
  private notes: NoteLine[] = [];
  private notesHeight = 0;
  private carried: NoteLine[] = [];

  constructor(
    private doc: PDFDocument,
    private t: Typesetter,
    private r: RenderedReport,
  ) {}

  private get floor(): number {
    return BOTTOM + (this.notesHeight ? this.notesHeight + NOTE_SEPARATOR : 0);
  }

  /** Room the footnotes of a block take at this page's foot. */
  private notesNeed(notes: Block["notes"]): number {
    if (!notes.length) return 0;
    const sep = this.notesHeight ? 0 : NOTE_SEPARATOR;
    const h = notes.reduce((s, n) => s + n.lines.length * NOTE.lead + NOTE.gap, 0);
    // Notes longer than a page cannot stay whole anywhere: start them here and let them run on.
    return h > PAGE_H - TOP - BOTTOM - 8 * BODY.lead ? sep + NOTE.gap + NOTE.lead : sep + h;
  }

  start(): void {
    this.newPage();
    this.y = this.drawMasthead();
  }

  private newPage(): void {
    if (this.page) this.finishPage();
    this.page = this.doc.addPage([PAGE_W, PAGE_H]);
    this.fontKeys.clear();
    this.pages.push(this.page);
    this.y = PAGE_H - TOP;
    this.fresh = true;
    const { bold } = this.t.fonts;
    if (this.r.watermark) this.centred(this.t.clean(this.r.watermark), PAGE_H - 30, bold, 10, RED);
    if (this.pages.length > 1) {
      // Running head: the symbol on the outer side, as in bound UN documents.
      const symbol = this.t.clean(this.r.symbol);
      const w = bold.widthOfTextAtSize(symbol, 9);
      const even = this.pages.length % 2 === 0;
      this.page.drawText(symbol, { x: even ? LEFT : LEFT + WIDTH - w, y: PAGE_H - 44, size: 9, font: bold, color: INK });
      this.rule(LEFT, LEFT + WIDTH, PAGE_H - 48, 0.5);
    }
    const carried = this.carried;
    this.carried = [];
    this.addNotes(carried);
  }

  private centred(text: string, y: number, font: PDFFont, size: number, color = INK): void {
    const w = font.widthOfTextAtSize(text, size);
    this.page.drawText(text, { x: LEFT + (WIDTH - w) / 2, y, size, font, color });
  }

  private rule(x1: number, x2: number, y: number, thickness: number): void {
    this.page.drawLine({ start: { x: x1, y }, end: { x: x2, y }, thickness, color: INK });
  }

  /** The first page's UN masthead; returns where the body starts. */
  private drawMasthead(): number {
    const m = masthead(this.r);
    const { regular, bold } = this.t.fonts;
    const clean = (s: string) => this.t.clean(s);
    let y = PAGE_H - 66;
    this.page.drawText(clean(m.organ), { x: LEFT, y, size: 17, font: bold, color: INK });
    const symbol = clean(m.symbol);
    this.page.drawText(symbol, { x: LEFT + WIDTH - bold.widthOfTextAtSize(symbol, 14), y, size: 14, font: bold, color: INK });
    this.rule(LEFT, LEFT + WIDTH, y - 8, 1.5);
    y -= 22;
    for (const line of m.lines) {
      this.page.drawText(clean(line), { x: LEFT + WIDTH * 0.62, y, size: 10, font: regular, color: INK });
      y -= 12;
    }
    this.rule(LEFT, LEFT + WIDTH, y + 2, 0.5);
    return y - 12;
  }

  /**
   * Starts new pages until `need` fits. An empty page takes what it is given (it would
   * fit nowhere else), unless footnotes carried over from earlier pages fill its foot.
   */
  private breakFor(need: number): boolean {
    let broke = false;
    while (this.y - need < this.floor && (!this.fresh || this.carried.length)) {
      this.newPage();
      broke = true;
    }
    return broke;
  }

  /** Places a block, breaking pages so that its footnotes share the page of its last line. */
  place(b: Block, next: Block[]): void {
    if (b.newPage && !this.fresh) this.newPage();
    let before = this.fresh ? 0 : b.before;
    // Headings stay with the first lines of what follows; a paragraph leaves no line alone
    // at the foot of a page (orphan) nor carries one alone to the next (widow).
    const n = b.lines.length;
    let need = before + (n <= 3 ? n : 2) * b.lead;
    if (b.keep) {
      need = before + n * b.lead + b.after;
      for (const after of next) {
        need += after.before;
        if (after.keep) need += after.lines.length * after.lead + after.after;
        else need += Math.min(after.lines.length, 2) * after.lead + (after.lines.length <= 2 ? this.notesNeed(after.notes) : 0);
        if (!after.keep) break;
      }
    }
    if (n <= 3) need += this.notesNeed(b.notes);
    if (this.breakFor(need)) before = 0;
    this.y -= before;

    b.lines.forEach((line, i) => {
      const last = i === n - 1;
      const lines = i === n - 2 && i >= 2 ? 2 : 1;
      const need = lines * b.lead + (last || lines === 2 ? this.notesNeed(b.notes) : 0);
      this.breakFor(need);
      const baseline = this.y - b.size;
      // The label first, so text extraction reads "12. The Working Group…".
      if (i === 0 && b.label) this.drawLabel(b.label, baseline);
      this.drawLine(line, b, baseline);
      this.y -= b.lead;
      this.fresh = false;
    });
    this.addNotes(
      b.notes.flatMap((note) => note.lines.map((line, j) => ({ line, label: j === 0 ? note.label : null, gapBefore: j === 0 ? NOTE.gap : 0 }))),
    );
    this.y -= b.after;
  }

  /** Footnote lines join this page's foot while they fit; the rest continue on the next page. */
  private addNotes(lines: NoteLine[]): void {
    for (const n of lines) {
      const h = n.gapBefore + NOTE.lead;
      // The first line always stays, so every page makes progress.
      if (this.carried.length || (this.notes.length && this.y < BOTTOM + this.notesHeight + h + NOTE_SEPARATOR)) this.carried.push(n);
      else {
        this.notes.push(n);
        this.notesHeight += h;
      }
    }
  }

  /**
   * One text object per line: the fragments follow each other at their own widths,
   * Tw stretches the spaces of a justified line, Ts raises footnote numbers.
   */
  private drawLine(line: Line, b: Pick<Block, "x" | "width" | "align">, baseline: number): void {
    let x = b.x;
    let ws = 0;
    if (b.align === "center") x += (b.width - line.width) / 2;
    else if (b.align === "justify" && line.stretch && line.spaces) {
      ws = (b.width - line.width) / line.spaces;
      if (ws > MAX_WORD_SPACE || ws < 0) ws = 0;
    }
    const ops: PDFOperator[] = [beginText(), moveText(x, baseline)];
    if (ws) ops.push(setWordSpacing(ws));
    let font: PDFFont | null = null;
    let size = 0;
    let rise = 0;
    for (const f of line.frags) {
      if (f.style.font !== font || f.style.size !== size) ops.push(setFontAndSize(this.fontKey((font = f.style.font)), (size = f.style.size)));
      if (f.style.rise !== rise) ops.push(setTextRise((rise = f.style.rise)));
      ops.push(showText(font.encodeText(f.text)));
      const w = f.width + countSpaces(f.text) * ws;
      if (f.style.underline) this.rule(x, x + w, baseline - 1.5, 0.5);
      x += w;
    }
    // Tw and Ts outlive the text object: reset them.
    if (ws) ops.push(setWordSpacing(0));
    if (rise) ops.push(setTextRise(0));
    ops.push(endText());
    this.page.pushOperators(...ops);
  }

  private drawLabel(label: Label, baseline: number): void {
    this.drawLine({ frags: [{ text: label.text, style: label.style, width: 0 }], width: 0, spaces: 0, stretch: false }, { x: label.x, width: 0, align: "start" }, baseline);
  }

  /** The page's resource name of a font, registered on first use. */
  private fontKey(font: PDFFont): PDFName {
    let key = this.fontKeys.get(font);
    if (!key) this.fontKeys.set(font, (key = this.page.node.newFontDictionary(font.name, font.ref)));
    return key;
  }

  private finishPage(): void {
    if (!this.notes.length) return;
    let top = BOTTOM + this.notesHeight;
    this.rule(LEFT, LEFT + 120, top + NOTE_SEPARATOR - 4, 0.5);
    for (const n of this.notes) {
      top -= n.gapBefore;
      const baseline = top - NOTE.size;
      if (n.label) this.drawLabel(n.label, baseline);
      this.drawLine(n.line, { x: LEFT + INDENT, width: WIDTH - INDENT, align: "justify" }, baseline);
      top -= NOTE.lead;
    }
    this.notes = [];
    this.notesHeight = 0;
  }

  /** Flushes pending footnotes and numbers the pages "2/24", on the outer side. */
  finish(): void {
    this.finishPage();
    while (this.carried.length) {
      this.newPage();
      this.finishPage();
    }
    const { regular } = this.t.fonts;
    this.pages.forEach((page, i) => {
      const text = `${i + 1}/${this.pages.length}`;
      const w = regular.widthOfTextAtSize(text, 9);
      page.drawText(text, { x: i % 2 ? LEFT : LEFT + WIDTH - w, y: 34, size: 9, font: regular, color: INK });
    });
  }
}

const countSpaces = (s: string) => {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 32) n++;
  return n;
};

/** The report as A4 PDF bytes; same report, same bytes (dates come from the report). */
export async function renderReportPdf(r: RenderedReport): Promise<Uint8Array> {
  if (!PDF_LANGUAGES.has(r.language)) throw new PdfLanguageError(`The PDF fonts cannot set ${r.language}; use the HTML or DOCX.`);
  const doc = await PDFDocument.create({ updateMetadata: false });
  const [regular, bold, italic, boldItalic] = await Promise.all(
    [StandardFonts.TimesRoman, StandardFonts.TimesRomanBold, StandardFonts.TimesRomanItalic, StandardFonts.TimesRomanBoldItalic].map((f) =>
      doc.embedFont(f),
    ),
  );
  const t = new Typesetter({ regular: regular!, bold: bold!, italic: italic!, boldItalic: boldItalic! });

  const date = new Date(`${r.date.slice(0, 10)}T00:00:00Z`);
  doc.setTitle(`${r.symbol} \u2014 ${toPlainText(r.title)}`, { showInWindowTitleBar: true });
  doc.setAuthor(REPORT_LABELS[r.language].workingGroup);
  doc.setLanguage(r.language);
  doc.setProducer("Plenary");
  doc.setCreator("Plenary");
  if (!Number.isNaN(date.getTime())) {
    doc.setCreationDate(date);
    doc.setModificationDate(date);
  }

  const pages = new Pages(doc, t, r);
  pages.start();
  const blocks = prepareBlocks(t, r);
  blocks.forEach((b, i) => pages.place(b, blocks.slice(i + 1, i + 4)));
  pages.finish();
  return doc.save();
}
