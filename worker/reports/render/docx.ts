// The report as a Word file in UN layout, with real Word footnotes, for
// translators and for delegations who edit in Word.

import { type DocxBlock, type DocxNote, docxDocument } from "../../documents/docx-export";
import { escapeText, toPlainText } from "../../documents/markup";
import { masthead } from "../labels";
import { type RenderedReport, type ReportLanguage, RTL_LANGUAGES } from "../model";

// Word's language tags: the spell checker and hyphenation follow them.
const WORD_LANG: Record<ReportLanguage, string> = { en: "en-GB", fr: "fr-FR", es: "es-ES", ar: "ar-SA", zh: "zh-CN", ru: "ru-RU" };

export function renderReportDocx(r: RenderedReport): Uint8Array {
  const notes = new Map(r.footnotes.map((f) => [f.number, f.html]));
  const refs = (numbers: number[]): DocxNote[] => numbers.map((id) => ({ id, html: notes.get(id) ?? "" }));
  const m = masthead(r);

  const blocks: DocxBlock[] = [];
  if (r.watermark) blocks.push({ type: "paragraph", align: "center", html: `<strong>${escapeText(r.watermark)}</strong>` });
  blocks.push({ type: "masthead", organ: m.organ, symbol: m.symbol, lines: m.lines });
  blocks.push({ type: "paragraph", html: escapeText(r.session) + (r.agendaItem ? `<br>${escapeText(r.agendaItem)}` : "") });
  blocks.push({ type: "heading", level: 1, html: r.title });

  for (const b of r.blocks) {
    switch (b.type) {
      case "chapter":
        blocks.push({ type: "heading", level: 2, label: b.label, html: b.html });
        break;
      case "annex":
        blocks.push({ type: "page_break" }, { type: "heading", level: 1, align: "center", html: `${escapeText(b.label)}<br>${b.html}` });
        break;
      case "heading":
        blocks.push({ type: "heading", level: 3, html: b.html });
        break;
      case "paragraph":
        blocks.push(
          b.number === null
            ? { type: "paragraph", html: b.html, notes: refs(b.notes) }
            : { type: "numbered", number: b.number, html: b.html, notes: refs(b.notes) },
        );
        break;
      case "list_item":
        blocks.push({ type: "list_item", html: b.html, notes: refs(b.notes) });
        break;
    }
  }

  return docxDocument(blocks, {
    title: `${r.symbol} \u2014 ${toPlainText(r.title)}`,
    rtl: RTL_LANGUAGES.has(r.language),
    lang: WORD_LANG[r.language],
    // The report's own date, so a frozen report gives the same bytes on every download.
    modified: `${r.date.slice(0, 10)}T00:00:00Z`,
  });
}
