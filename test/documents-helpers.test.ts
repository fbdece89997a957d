// The pure helpers of track drafts: markup, diffs, identities, .docx in and out, exports.
import { strToU8, unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { diffRevisions, diffWords, matchIdentities, similarity } from "../worker/documents/diff";
import { docxDocument } from "../worker/documents/docx-export";
import { DocxError, docxToBlocks } from "../worker/documents/docx-import";
import { compilationDocx, compilationHtml, dispositionMatrixCsv, dispositionMatrixDocx } from "../worker/documents/export";
import { countBrackets, escapeText, pasteToBlocks, sanitizeInline, textToBlocks, toPlainText } from "../worker/documents/markup";
import type { Block, CommentRow, DiffToken, DocumentMeta, IssuedParagraph } from "../worker/documents/types";

describe("sanitizeInline", () => {
  it("turns messy Word HTML into the restricted markup", () => {
    const word =
      `<!--[if gte mso 9]><xml><w:WordDocument></w:WordDocument></xml><![endif]-->` +
      `<p class=MsoNormal style='margin:0cm'><b><span lang=EN-GB style='font-size:12.0pt;font-family:"Times New Roman"'>Data</span></b>` +
      `<span lang=EN-GB>&nbsp; governance&#8217;s <i>scope</i>&nbsp;</span><font face="Arial" color=red>&amp; more</font>` +
      ` <span style="font-weight:bold">bold span</span> x<sup>2</sup> H<sub>2</sub>O <u>under</u><o:p></o:p></p>`;
    expect(sanitizeInline(word)).toBe(
      "<strong>Data</strong> governance\u2019s <em>scope</em> &amp; more <strong>bold span</strong> x<sup>2</sup> H<sub>2</sub>O <u>under</u>",
    );
  });

  it("never outputs attributes, scripts or unknown tags, and escapes text", () => {
    const out = sanitizeInline(`<a href="javascript:x" onclick="y">link</a><script>alert(1)</script><img src=x onerror=alert(1)>"q" &lt;b&gt;`);
    expect(out).toBe("link&quot;q&quot; &lt;b&gt;");
    expect(sanitizeInline(`<em class="x" style="color:red">a</em>`)).toBe("<em>a</em>");
  });

  it("handles Google Docs' normal-weight <b> wrapper and misnested tags", () => {
    const gdocs = `<b style="font-weight:normal;" id="docs-internal-guid-1"><span style="font-weight:700">Bold</span><span style="font-weight:400"> plain</span></b>`;
    expect(sanitizeInline(gdocs)).toBe("<strong>Bold</strong> plain");
    expect(sanitizeInline("<b>a<i>b</b>c</i>")).toBe("<strong>a<em>b</em></strong>c");
  });

  it("collapses whitespace, trims, keeps <br>, and is idempotent", () => {
    const out = sanitizeInline("  one \n\t two<br/>  three <BR> ");
    expect(out).toBe("one two<br>three");
    expect(sanitizeInline(out)).toBe(out);
    const rich = "<strong>a &amp; b</strong> <em>c</em><br>d<sup>1</sup>";
    expect(sanitizeInline(rich)).toBe(rich);
  });
});

describe("pasteToBlocks and textToBlocks", () => {
  it("keeps headings, lists and emphasis from pasted HTML", () => {
    const html =
      `<html><head><style>p{}</style></head><body><h2>Principles</h2><p>The <b>Working Group</b> agrees.</p>` +
      `<ul><li>first <em>item</em></li><li><p>second</p></li></ul><div>Leaf div</div><blockquote>Quoted</blockquote>` +
      `<p>one<br><br>two</p><p>&nbsp;</p></body></html>`;
    expect(pasteToBlocks(html)).toEqual([
      { kind: "heading", html: "Principles" },
      { kind: "paragraph", html: "The <strong>Working Group</strong> agrees." },
      { kind: "list_item", html: "first <em>item</em>" },
      { kind: "list_item", html: "second" },
      { kind: "paragraph", html: "Leaf div" },
      { kind: "paragraph", html: "Quoted" },
      { kind: "paragraph", html: "one" },
      { kind: "paragraph", html: "two" },
    ]);
  });

  it("reads Word's heading and list paragraph classes, dropping bullet spans", () => {
    const html =
      `<p class=MsoTitle>Zero draft</p><p class=MsoHeading2>I. Introduction</p>` +
      `<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='font-family:Symbol'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp; </span></span><![endif]>Openness</p>` +
      `<p class=MsoListParagraphCxSpLast style='mso-list:l0 level1 lfo1'><!--[if !supportLists]--><span style='mso-list:Ignore'>2.<span>&nbsp;&nbsp;</span></span><!--[endif]--><i>Trust</i></p>` +
      `<p class=MsoNormal>Body <span style='mso-spacerun:yes'>&nbsp;</span>text</p>`;
    expect(pasteToBlocks(html)).toEqual([
      { kind: "heading", html: "Zero draft" },
      { kind: "heading", html: "I. Introduction" },
      { kind: "list_item", html: "Openness" },
      { kind: "list_item", html: "<em>Trust</em>" },
      { kind: "paragraph", html: "Body text" },
    ]);
  });

  it("splits plain text into paragraphs, list items and headings", () => {
    const text = "# Scope\r\nFirst paragraph & more.\n\nSecond line\n- dash item\n• bullet item\n1. numbered item\n(a) lettered item\nII. PRINCIPLES\n\n";
    expect(textToBlocks(text)).toEqual<Block[]>([
      { kind: "heading", html: "Scope" },
      { kind: "paragraph", html: "First paragraph &amp; more." },
      { kind: "paragraph", html: "Second line" },
      { kind: "list_item", html: "dash item" },
      { kind: "list_item", html: "bullet item" },
      { kind: "list_item", html: "numbered item" },
      { kind: "list_item", html: "(a) lettered item" },
      { kind: "heading", html: "II. PRINCIPLES" },
    ]);
  });

  it("produces markup that sanitizeInline leaves unchanged", () => {
    const blocks = pasteToBlocks(`<p><b>a <i>b</i></b> <u>c</u><br>d<sup>e</sup></p><ul><li><span style="font-style:italic">x</span> y</li></ul>`);
    expect(blocks.length).toBe(2);
    for (const b of blocks) expect(sanitizeInline(b.html)).toBe(b.html);
  });

  it("turns markup back into plain text", () => {
    expect(toPlainText("<strong>A</strong> &amp; B&nbsp;&lt;C&gt;<br>next &#8220;line&#8221;")).toBe("A & B <C>\nnext \u201Cline\u201D");
  });
});

describe("markup on adversarial input", () => {
  // A comment or a pasted draft may be up to 1 MB (the body limit), and every one must be
  // read in linear time. Runs of "<![", "<!" or "<?" with no end cost quadratic time (48 KB
  // took 0.8 s, 1 MB about a minute), an unclosed tag with a few dozen quoted attributes
  // exponential time, deep nesting with stray end tags quadratic time. A linear pass reads
  // 1 MB in a few hundred milliseconds; the bound is generous, and a measurement over it is
  // taken once more (a busy machine only ever adds time), so only a real regression fails.
  const MB = 1 << 20;
  const ATTRS = 40;
  const DEPTH = 100_000;
  const fill = (piece: string) => piece.repeat(Math.ceil(MB / piece.length));
  const BOUND_MS = 1000;
  function timed<T>(f: () => T): { out: T; ms: number } {
    let t0 = performance.now();
    const out = f();
    let ms = performance.now() - t0;
    if (ms >= BOUND_MS) {
      t0 = performance.now();
      f();
      ms = Math.min(ms, performance.now() - t0);
    }
    return { out, ms };
  }

  it.each(["<![", "<!", "<?", "<", "</", "<!-", "<a x=", "<a x=<", "<a b='", "<![<!<?<"])("reads 1 MB of %j as escaped text in linear time", (piece) => {
    const input = fill(piece);
    const { out, ms } = timed(() => sanitizeInline(input));
    expect(out).toBe(escapeText(input.trim()));
    expect(ms, "sanitizeInline").toBeLessThan(BOUND_MS);
    const plain = timed(() => toPlainText(input));
    expect(plain.out).toBe(input.trim());
    expect(plain.ms, "toPlainText").toBeLessThan(BOUND_MS);
  });

  it("keeps real markup around 1 MB of noise, and reads unclosed tags with many attributes quickly", () => {
    // "<!" and "<?" run to the next ">" (a bogus comment, as browsers read it), so the
    // noise between real tags is stray "<"s, and the "<!" noise comes last.
    const noise = fill("< x << y");
    const tail = fill("<![<!<?<");
    const input = `<p><b>Before</b></p><p>${noise}</p><p><i>after</i> <sup>1</sup></p>${tail}`;
    const { out, ms } = timed(() => pasteToBlocks(input));
    expect(ms, "pasting 2 MB of noise around markup").toBeLessThan(BOUND_MS);
    expect(out.map((b) => b.html)).toEqual(["<strong>Before</strong>", escapeText(noise.trim()), "<em>after</em> <sup>1</sup>", escapeText(tail)]);

    // An unclosed tag with 40 quoted attributes (the old pattern backtracked through 2^40 ways).
    const attrs = `<span${' x="y"'.repeat(ATTRS)} tail`;
    const small = timed(() => sanitizeInline(`ok ${attrs}`));
    expect(small.out).toBe(escapeText(`ok ${attrs}`));
    expect(small.ms, "an unclosed tag with 40 attributes").toBeLessThan(BOUND_MS);
    // The same, a megabyte of it, and a megabyte of nested formatting, stray end tags and cells.
    const many = timed(() => sanitizeInline(fill(attrs)));
    expect(many.ms, "1 MB of unclosed tags with 40 attributes").toBeLessThan(BOUND_MS);
    const deep = `<ul>${"<b>".repeat(DEPTH)}${"</i>".repeat(DEPTH)}${"<td>".repeat(DEPTH)}<li>x</li></ul>`;
    const nested = timed(() => pasteToBlocks(deep));
    expect(nested.ms, "1 MB of nested tags and stray end tags").toBeLessThan(BOUND_MS);
    expect(nested.out).toEqual([{ kind: "list_item", html: "<strong>x</strong>" }]);
  });
});

describe("countBrackets", () => {
  it("counts outermost bracketed spans and unbalanced openings", () => {
    expect(countBrackets(["no brackets"])).toBe(0);
    expect(countBrackets(["[one] and [two]"])).toBe(2);
    expect(countBrackets(["[outer [inner] still]"])).toBe(1);
    expect(countBrackets(["[unclosed", "stray] then [x]"])).toBe(2);
    expect(countBrackets(["a ] b", "[[", "]"])).toBe(1);
  });
});

const rebuild = (tokens: DiffToken[], side: "a" | "b") =>
  tokens.filter((t) => t.op === "equal" || t.op === (side === "a" ? "delete" : "insert")).map((t) => t.text).join("");

function words(n: number, seed: number): string {
  const vocab = ["data", "governance", "shall", "member", "states", "[may]", "cross-border", "flows,", "trust.", "the", "and", "development"];
  let x = seed;
  return Array.from({ length: n }, () => vocab[(x = (x * 1103515245 + 12345) % 2 ** 31) % vocab.length]).join(" ");
}

describe("diffWords and similarity", () => {
  it("reconstructs both texts and merges same-op tokens", () => {
    const a = "The Working Group [shall] promote data flows.";
    const b = "The Working Group should promote safe data flows!";
    const d = diffWords(a, b);
    expect(rebuild(d, "a")).toBe(a);
    expect(rebuild(d, "b")).toBe(b);
    for (let i = 1; i < d.length; i++) expect(d[i]!.op === d[i - 1]!.op && d[i]!.op === "equal").toBe(false);
    expect(d).toContainEqual({ op: "insert", text: "safe " });
    expect(diffWords("same", "same")).toEqual([{ op: "equal", text: "same" }]);
    expect(diffWords("", "new")).toEqual([{ op: "insert", text: "new" }]);
    expect(diffWords("old", "")).toEqual([{ op: "delete", text: "old" }]);
    expect(diffWords("A B", "A B C")).toEqual([{ op: "equal", text: "A B" }, { op: "insert", text: " C" }]);
    const spaced = diffWords("one two", "one  two");
    expect(rebuild(spaced, "b")).toBe("one  two");
  });

  it("handles random edits and 400-word paragraphs quickly", () => {
    for (let s = 1; s < 30; s++) {
      const a = words(40, s);
      const b = words(40, s * 7 + 3);
      const d = diffWords(a, b);
      expect(rebuild(d, "a")).toBe(a);
      expect(rebuild(d, "b")).toBe(b);
    }
    const a = words(400, 11);
    const b = a.replace(/governance/g, "stewardship").replace(/ the /g, " a ") + " and more words at the end";
    diffWords(a, b); // warm up
    const t0 = performance.now();
    const d = diffWords(a, b);
    const elapsed = performance.now() - t0;
    expect(rebuild(d, "a")).toBe(a);
    expect(rebuild(d, "b")).toBe(b);
    // workerd freezes timers during synchronous code, so this checks what it can.
    expect(elapsed).toBeLessThan(50);
    const far = diffWords(words(400, 1), words(400, 2));
    expect(rebuild(far, "a")).toBe(words(400, 1));
  });

  it("splits Chinese into characters", () => {
    const d = diffWords("数据治理原则", "数据共享原则");
    expect(d).toEqual([
      { op: "equal", text: "数据" },
      { op: "delete", text: "治理" },
      { op: "insert", text: "共享" },
      { op: "equal", text: "原则" },
    ]);
  });

  it("scores word overlap case-insensitively", () => {
    expect(similarity("Data flows", "data FLOWS")).toBe(1);
    expect(similarity("a b c d", "a b x y")).toBe(0.5);
    expect(similarity("", "")).toBe(1);
    expect(similarity("a", "")).toBe(0);
  });
});

const issued = (rows: [string, string, ("heading" | "paragraph" | "list_item")?][]): IssuedParagraph[] => {
  let n = 0;
  return rows.map(([pid, html, kind = "paragraph"], position) => ({
    pid,
    position,
    number: kind === "heading" ? null : ++n,
    kind,
    html,
  }));
};

describe("matchIdentities", () => {
  const previous = issued([
    ["h", "Introduction", "heading"],
    ["p1", "The Working Group met four times in 2025 in Geneva and online."],
    ["p2", "Members sent written comments on the zero draft before the deadline."],
    ["p3", "Data flows across borders should be safe, secure and trusted."],
    ["p4", "Text that is not yet agreed stays in square brackets."],
  ]);
  const counter = () => {
    let i = 0;
    return () => `new-${++i}`;
  };

  it("keeps pids for unchanged, edited and moved blocks; new pids for inserted ones", () => {
    const next: Block[] = [
      { pid: "h", kind: "heading", html: "Introduction" },
      { pid: "p3", kind: "paragraph", html: "Data flows across borders must be safe." },
      { pid: "p1", kind: "paragraph", html: "The Working Group met four times in 2025 in Geneva and online." },
      { kind: "paragraph", html: "An entirely new paragraph about capacity building." },
      { pid: "p4", kind: "paragraph", html: "Text that is not yet agreed stays in square brackets." },
    ];
    const out = matchIdentities(previous, next, counter());
    expect(out.map((o) => o.pid)).toEqual(["h", "p3", "p1", "new-1", "p4"]);
    expect(out.map((o) => o.block)).toEqual(next);
  });

  it("recovers identities of text pasted without pids by similarity", () => {
    const next: Block[] = [
      { kind: "heading", html: "Introduction" },
      { kind: "paragraph", html: "Text that is <em>not yet agreed</em> stays in [square] brackets." },
      { kind: "paragraph", html: "Members sent written comments on the zero draft before the final deadline." },
      { kind: "paragraph", html: "Something else entirely, about benefits of sharing." },
      { kind: "paragraph", html: "The Working Group met four times in 2025 in Geneva and online." },
    ];
    const out = matchIdentities(previous, next, counter());
    expect(out.map((o) => o.pid)).toEqual(["h", "p4", "p2", "new-1", "p1"]);
  });

  it("gives a duplicated pid to its first occurrence only", () => {
    const next: Block[] = [
      { pid: "p1", kind: "paragraph", html: "The Working Group met four times in 2025 in Geneva and online." },
      { pid: "p1", kind: "paragraph", html: "The Working Group met four times in 2025 in Geneva and online." },
      { pid: "p2", kind: "paragraph", html: "Members sent written comments on the zero draft before the deadline." },
      { pid: "p2", kind: "paragraph", html: "Members sent comments on the zero draft before the deadline, by email." },
      { pid: "unknown", kind: "paragraph", html: "Totally unrelated words here." },
    ];
    const out = matchIdentities(previous, next, counter());
    expect(out.map((o) => o.pid)).toEqual(["p1", "new-1", "p2", "new-2", "new-3"]);
  });

  it("matches identical text even without pids, closest position first", () => {
    const prev = issued([["a", "Same."], ["b", "Other words here."], ["c", "Same."]]);
    const out = matchIdentities(prev, [{ kind: "paragraph", html: "Other words here." }, { kind: "paragraph", html: "Same." }], counter());
    expect(out.map((o) => o.pid)).toEqual(["b", "a"]);
    const out2 = matchIdentities(prev, [{ kind: "paragraph", html: "X" }, { kind: "paragraph", html: "Y" }, { kind: "paragraph", html: "Same." }], counter());
    expect(out2.map((o) => o.pid)).toEqual(["new-1", "new-2", "c"]);
  });
});

describe("diffRevisions", () => {
  it("reports unchanged, edited, moved, moved+edited, new and deleted in reading order", () => {
    const from = issued([
      ["a", "Alpha paragraph."],
      ["b", "Bravo paragraph."],
      ["c", "Charlie paragraph."],
      ["d", "Delta paragraph."],
      ["e", "Echo paragraph."],
      ["f", "Foxtrot paragraph."],
    ]);
    const to = issued([
      ["x", "Brand new first."],
      ["b", "Bravo paragraph, <strong>edited</strong>."],
      ["e", "Echo paragraph moved and changed."],
      ["c", "Charlie paragraph."],
      ["f", "Foxtrot paragraph."],
      ["a", "Alpha paragraph."],
    ]);
    const changes = diffRevisions(from, to);
    expect(changes.map((c) => `${c.status}:${c.pid}`)).toEqual([
      "new:x",
      "edited:b",
      "moved:e",
      "unchanged:c",
      "deleted:d",
      "unchanged:f",
      "moved:a",
    ]);
    const moved = changes.filter((c) => c.status === "moved");
    expect(moved.find((c) => c.pid === "a")?.words).toBeNull();
    const e = moved.find((c) => c.pid === "e");
    expect(e?.words).not.toBeNull();
    const edited = changes.find((c) => c.status === "edited");
    expect(edited && edited.status === "edited" && rebuild(edited.words, "b")).toBe("Bravo paragraph, edited.");
  });

  it("puts deletions before the first survivor at the top, and sees kind changes", () => {
    const from = issued([["a", "Gone one."], ["b", "Gone two."], ["c", "Stays."], ["d", "Title"]]);
    const to = issued([["c", "Stays."], ["d", "Title", "heading"]]);
    expect(diffRevisions(from, to).map((c) => `${c.status}:${c.pid}`)).toEqual(["deleted:a", "deleted:b", "unchanged:c", "edited:d"]);
  });
});

describe("docx", () => {
  it("round-trips headings, numbered paragraphs, emphasis and list items", () => {
    const bytes = docxDocument(
      [
        { type: "symbol", symbol: "A/81/123", date: "7 October 2025" },
        { type: "heading", level: 1, html: "Progress report" },
        { type: "heading", level: 2, html: "I. Principles &amp; scope" },
        { type: "numbered", number: 1, html: "The <strong>Working Group</strong> [agrees] that <em>data</em> matters." },
        { type: "numbered", number: 2, html: "<strong>Bold start</strong> then plain, x<sup>2</sup>, <u>under</u>.<br>New line." },
        { type: "list_item", html: "A bullet with <em>italic</em>" },
        { type: "list_item", html: "(a) An enumerated item" },
        { type: "paragraph", html: "Closing &lt;plain&gt; text." },
        { type: "table", header: ["Seat", "Text"], rows: [["Brazil", { html: "<strong>yes</strong>" }]] },
        { type: "page_break" },
      ],
      { title: "Progress report" },
    );
    expect(docxToBlocks(bytes)).toEqual<Block[]>([
      { kind: "paragraph", html: "<strong>A/81/123</strong>" },
      { kind: "paragraph", html: "7 October 2025" },
      { kind: "heading", html: "Progress report" },
      { kind: "heading", html: "I. Principles &amp; scope" },
      { kind: "paragraph", html: "The <strong>Working Group</strong> [agrees] that <em>data</em> matters." },
      { kind: "paragraph", html: "<strong>Bold start</strong> then plain, x<sup>2</sup>, <u>under</u>.<br>New line." },
      { kind: "list_item", html: "A bullet with <em>italic</em>" },
      { kind: "list_item", html: "(a) An enumerated item" },
      { kind: "paragraph", html: "Closing &lt;plain&gt; text." },
      { kind: "paragraph", html: "<strong>Seat</strong>" },
      { kind: "paragraph", html: "<strong>Text</strong>" },
      { kind: "paragraph", html: "Brazil" },
      { kind: "paragraph", html: "<strong>yes</strong>" },
    ]);
  });

  it("reads tracked changes, fields, styles and numbering like Word writes them", () => {
    const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
    const doc = `<?xml version="1.0" encoding="UTF-8"?><w:document ${W}><w:body>
      <w:p><w:pPr><w:pStyle w:val="berschrift1"/></w:pPr><w:r><w:t>Localised heading</w:t></w:r></w:p>
      <w:p><w:pPr><w:outlineLvl w:val="1"/></w:pPr><w:r><w:t>Outline heading</w:t></w:r></w:p>
      <w:p><w:r><w:rPr><w:b w:val="0"/><w:i/></w:rPr><w:t xml:space="preserve">Kept </w:t></w:r><w:del w:id="1"><w:r><w:delText>gone </w:delText></w:r></w:del><w:ins w:id="2"><w:r><w:t>inserted</w:t></w:r></w:ins><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t xml:space="preserve"> 3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="1"/></w:r><w:r><w:tab/><w:t>&amp; &#x201C;q&#x201D; <![CDATA[<raw>]]></w:t></w:r></w:p>
      <w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="5"/></w:numPr></w:pPr><w:r><w:t>Auto-numbered paragraph</w:t></w:r></w:p>
      <w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="6"/></w:numPr></w:pPr><w:r><w:t>Bulleted</w:t></w:r></w:p>
      <w:p><w:r><w:rPr><w:rStyle w:val="Strong"/></w:rPr><w:t>Styled bold</w:t></w:r><w:r><w:rPr><w:u w:val="none"/></w:rPr><w:t xml:space="preserve"> no underline</w:t></w:r></w:p>
      <w:p><w:r><w:t xml:space="preserve">   </w:t></w:r></w:p>
      <w:sectPr/></w:body></w:document>`;
    const styles = `<w:styles ${W}>
      <w:style w:type="paragraph" w:styleId="berschrift1"><w:name w:val="heading 1"/></w:style>
      <w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/><w:rPr><w:b/></w:rPr></w:style></w:styles>`;
    const numbering = `<w:numbering ${W}>
      <w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>
      <w:abstractNum w:abstractNumId="2"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="o"/></w:lvl></w:abstractNum>
      <w:num w:numId="5"><w:abstractNumId w:val="1"/></w:num><w:num w:numId="6"><w:abstractNumId w:val="2"/></w:num></w:numbering>`;
    const bytes = zipSync({ "word/document.xml": strToU8(doc), "word/styles.xml": strToU8(styles), "word/numbering.xml": strToU8(numbering) });
    expect(docxToBlocks(bytes)).toEqual<Block[]>([
      { kind: "heading", html: "Localised heading" },
      { kind: "heading", html: "Outline heading" },
      { kind: "paragraph", html: "<em>Kept</em> inserted 3 &amp; \u201Cq\u201D &lt;raw&gt;" },
      { kind: "paragraph", html: "Auto-numbered paragraph" },
      { kind: "list_item", html: "Bulleted" },
      { kind: "paragraph", html: "<strong>Styled bold</strong> no underline" },
    ]);
  });

  it("throws DocxError for files it cannot read", () => {
    const random = new Uint8Array(256).map((_, i) => (i * 37 + 11) % 256);
    expect(() => docxToBlocks(random)).toThrow(DocxError);
    const fakeZip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5]);
    expect(() => docxToBlocks(fakeZip)).toThrow(DocxError);
    expect(() => docxToBlocks(zipSync({ "readme.txt": strToU8("hello") }))).toThrow(/no word\/document.xml/);
    const broken = zipSync({ "word/document.xml": strToU8('<w:document xmlns:w="x"><w:body><w:p><w:r><w:t>text</w:r></w:p></w:body></w:document>') });
    expect(() => docxToBlocks(broken)).toThrow(DocxError);
    const badEntity = zipSync({ "word/document.xml": strToU8('<w:document><w:body><w:p><w:r><w:t>a &nbsp; b</w:t></w:r></w:p></w:body></w:document>') });
    expect(() => docxToBlocks(badEntity)).toThrow(DocxError);
    const empty = zipSync({ "word/document.xml": strToU8("<w:document><w:body><w:p/></w:body></w:document>") });
    expect(() => docxToBlocks(empty)).toThrow(/no text/);
    const huge = zipSync({ "word/document.xml": strToU8(`<w:document>${" ".repeat(21 * 1024 * 1024)}</w:document>`) }, { level: 1 });
    expect(() => docxToBlocks(huge)).toThrow(/too large/);
    const many = `<w:document><w:body>${"<w:p><w:r><w:t>x</w:t></w:r></w:p>".repeat(2001)}</w:body></w:document>`;
    expect(() => docxToBlocks(zipSync({ "word/document.xml": strToU8(many) }))).toThrow(/more than 2000/);
  });

  it("writes a well-formed package with the parts Word needs", () => {
    const bytes = docxDocument([{ type: "numbered", number: 1, html: "Text \u0001 with a control char" }], { title: "T & <x>", rtl: true });
    const files = unzipSync(bytes);
    expect(Object.keys(files)[0]).toBe("[Content_Types].xml");
    for (const part of ["_rels/.rels", "word/document.xml", "word/styles.xml", "word/_rels/document.xml.rels", "word/numbering.xml", "word/settings.xml", "docProps/core.xml"])
      expect(files[part], part).toBeDefined();
    const doc = new TextDecoder().decode(files["word/document.xml"]);
    expect(doc).toContain("<w:bidi/>");
    expect(doc).not.toContain("\u0001");
    expect(new TextDecoder().decode(files["docProps/core.xml"])).toContain("<dc:title>T &amp; &lt;x&gt;</dc:title>");
  });
});

const meta: DocumentMeta = {
  title: "Track 1 <draft>",
  symbol: "A/81/123",
  kind: "draft_outcome",
  trackTitle: "Fundamental principles",
  revisionLabel: "Rev.1",
  issuedAt: "2025-10-07T09:00:00Z",
};
const row = (over: Partial<CommentRow>): CommentRow => ({
  id: "c1",
  paragraphPid: "p1",
  paragraphNumber: 1,
  seatName: "Brazil",
  authorName: "Ana",
  kind: "general",
  op: null,
  quote: null,
  proposedText: null,
  body: "We support this.",
  late: false,
  createdAt: "2025-10-01T10:00:00Z",
  revisionLabel: "Zero draft",
  disposition: null,
  dispositionReason: null,
  replies: [],
  ...over,
});

describe("exports", () => {
  const paragraphs = issued([
    ["h", "Principles", "heading"],
    ["p1", "Data governance shall be <em>inclusive</em>."],
    ["p2", "Flows [shall] be trusted."],
  ]);
  const comments = [
    row({ body: "<script>alert('x')</script>" }),
    row({ id: "c2", paragraphPid: "p2", paragraphNumber: 2, seatName: "Kenya", kind: "amendment", op: "replace", quote: "shall", proposedText: "should", body: "Softer.", late: true, disposition: "partly_accepted", dispositionReason: "Kept brackets." }),
    row({ id: "c3", paragraphPid: null, paragraphNumber: null, seatName: null, authorName: "Civil society rep", body: "General view", replies: [{ authorName: "Chair", seatName: null, body: "Thanks", createdAt: "2025-10-02T10:00:00Z" }] }),
  ];

  it("writes the disposition matrix as CSV with BOM, CRLF and doubled quotes", () => {
    const csv = dispositionMatrixCsv([
      row({ body: 'He said "no", then\nleft', proposedText: "=SUM(A1)" }),
      row({ kind: "amendment", op: "delete", quote: "all", disposition: "not_accepted", dispositionReason: "Needed", late: true, paragraphNumber: null, paragraphPid: null }),
    ]);
    expect(csv.startsWith("\uFEFFParagraph,Seat,Comment type,Amendment,Proposed text,Comment,Late,Made on,Disposition,Reason\r\n")).toBe(true);
    const lines = csv.slice(1).split("\r\n");
    expect(lines[1]).toBe(`1,Brazil,General comment,,'=SUM(A1),"He said ""no"", then\nleft",No,"Zero draft, 1 October 2025",Pending,`);
    expect(lines[2]).toBe(`Whole document,Brazil,Amendment,Delete \u201Call\u201D,,We support this.,Yes,"Zero draft, 1 October 2025",Not accepted,Needed`);
    expect(csv.endsWith("\r\n")).toBe(true);
  });

  it("builds an escaped HTML compilation with numbers and amendments", () => {
    const html = compilationHtml(meta, paragraphs, comments);
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;alert('x')&lt;/script&gt;");
    expect(html).toContain("Track 1 &lt;draft&gt;");
    expect(html).toContain("<h2>Principles</h2>");
    expect(html).toContain("<strong>1.</strong> Data governance shall be <em>inclusive</em>.");
    expect(html).toContain("<strong>2.</strong> Flows [shall] be trusted.");
    expect(html).toContain("<del>shall</del>");
    expect(html).toContain("<ins>should</ins>");
    expect(html).toContain("Disposition: Partly accepted");
    expect(html).toContain("late");
    expect(html).toContain("A/81/123");
    expect(html).toContain("Rev.1");
    expect(html).toContain("7 October 2025");
    expect(html).not.toMatch(/<style|style=/);
    // Whole-document comments come last.
    expect(html.indexOf("Comments on the whole document")).toBeGreaterThan(html.indexOf("<ins>should</ins>"));
  });

  it("builds the compilation and the disposition matrix as readable .docx", () => {
    const compiled = docxToBlocks(compilationDocx(meta, paragraphs, comments)).map((b) => b.html);
    expect(compiled).toContain("Data governance shall be <em>inclusive</em>.");
    expect(compiled).toContain("&lt;script&gt;alert('x')&lt;/script&gt;");
    expect(compiled.some((h) => h.includes("should"))).toBe(true);
    const matrix = docxToBlocks(dispositionMatrixDocx(meta, comments)).map((b) => b.html);
    expect(matrix).toEqual(expect.arrayContaining(["<strong>Paragraph</strong>", "<strong>Reason</strong>", "Partly accepted", "Kept brackets."]));
  });
});
