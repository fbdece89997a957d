// Small pieces shared by the report screens: state badges, section labels (I., Annex I),
// numbers in the reader's language, and the paragraph numbering the issued text will carry.
import { toPlainText } from "../../../worker/documents/markup";
import { blockWords, countWords } from "../../../worker/lib/words";
import { useI18n, type MessageKey, type Translate } from "../../i18n";
import { intlLocale, ltr } from "../../i18n/time";
import type { ReportSection, ReportState } from "../../queries/reports";

export const stateLabel = (t: Translate, s: ReportState) => t(`report.state.${s}` as MessageKey);

/** The report's stage as a tag whose text says it; the colour only repeats it. */
export function StateBadge({ state }: { state: ReportState }) {
  const { t } = useI18n();
  return <span className={`tag report-state report-state-${state}`}>{stateLabel(t, state)}</span>;
}

export function useNumber() {
  const { locale } = useI18n();
  const nf = new Intl.NumberFormat(intlLocale(locale));
  return (n: number) => nf.format(n);
}

/** "0.4 MB", "12 kB" in the reader's language. */
export function useSize() {
  const { locale } = useI18n();
  return (bytes: number) => {
    const unit = bytes >= 1024 * 1024 ? "megabyte" : "kilobyte";
    const value = unit === "megabyte" ? bytes / 1024 / 1024 : Math.max(bytes / 1024, 0.1);
    return new Intl.NumberFormat(intlLocale(locale), { style: "unit", unit, unitDisplay: "short", maximumFractionDigits: value < 10 ? 1 : 0 }).format(value);
  };
}

const ROMAN: [number, string][] = [
  [1000, "M"], [900, "CM"], [500, "D"], [400, "CD"], [100, "C"], [90, "XC"],
  [50, "L"], [40, "XL"], [10, "X"], [9, "IX"], [5, "V"], [4, "IV"], [1, "I"],
];
export function roman(n: number): string {
  let out = "";
  for (const [v, s] of ROMAN) while (n >= v) ((out += s), (n -= v));
  return out;
}

/** "I.", "II." for chapters and "Annex I" for annexes, as the issued text labels them. */
export function sectionLabels(t: Translate, sections: { key: string; annex: boolean }[], rtl = false): Map<string, string> {
  const iso = rtl ? ltr : (x: string) => x;
  const out = new Map<string, string>();
  let chapter = 0;
  let annex = 0;
  // Roman numerals keep their order ("I.", not ".I") inside right-to-left text.
  for (const s of sections) out.set(s.key, s.annex ? t("report.annexLabel", { n: iso(roman(++annex)) }) : iso(`${roman(++chapter)}.`));
  return out;
}

export type PlainBlock = { kind: "heading" | "paragraph" | "list_item"; html: string; footnotes?: string[] };

/** A block whose text is empty is dropped when saved: it takes no number. */
export const isEmptyBlock = (b: { html: string }) => toPlainText(b.html).trim() === "";

/**
 * The number each block will carry in the issued text: paragraphs are numbered through the
 * whole body, headings and list items are not, and annexes are not numbered at all.
 */
export function paragraphNumbers(sections: { key: string; annex: boolean; blocks: PlainBlock[] }[]): Map<string, (number | null)[]> {
  const out = new Map<string, (number | null)[]>();
  let n = 0;
  for (const s of sections) out.set(s.key, s.blocks.map((b) => (!s.annex && b.kind === "paragraph" && !isEmptyBlock(b) ? ++n : null)));
  return out;
}

/** A section's words as the server counts them: its title, its blocks and their footnotes. */
export const sectionWords = (title: string, blocks: PlainBlock[]) => countWords(title) + blocks.reduce((n, b) => n + blockWords(b), 0);

/** What the numbering and the counts need of a section, with its unsaved text if it has one. */
export type LiveSection = { key: string; title: string; annex: boolean; blocks: PlainBlock[]; words: number; live: boolean };

export function liveSections(sections: ReportSection[], serverWords: Map<string, number>, drafts: Record<string, { dirty: boolean; title: string; blocks: { kind: PlainBlock["kind"]; html: string; footnotes: { html: string }[] }[] }>): LiveSection[] {
  return sections.map((s) => {
    const d = drafts[s.key];
    if (d?.dirty) {
      const blocks = d.blocks.map((b) => ({ kind: b.kind, html: b.html, footnotes: b.footnotes.map((f) => f.html) }));
      return { key: s.key, title: d.title, annex: s.annex, blocks, words: sectionWords(d.title, blocks), live: true };
    }
    const blocks = s.blocks.map((b) => ({ kind: b.kind, html: b.html, footnotes: b.footnotes ?? [] }));
    return { key: s.key, title: s.title, annex: s.annex, blocks, words: serverWords.get(s.key) ?? sectionWords(s.title, blocks), live: false };
  });
}

export const reportHref = (id: string) => `/reports/${encodeURIComponent(id)}`;
export const revisionHref = (documentId: string, n: number) => `/documents/${encodeURIComponent(documentId)}/rev/${n}`;
export const boardHref = (documentId: string, n: number) => `${revisionHref(documentId, n)}/board`;

/** The status line under the steps: after a stage moves, focus goes there and it is read out. */
export const STATUS_ID = "report-status";
export const STATUS_FOCUS = () => requestAnimationFrame(() => document.getElementById(STATUS_ID)?.focus());

/** "French", "الفرنسية": a language named in the reader's language. */
export function useLanguageName() {
  const { locale } = useI18n();
  let names: Intl.DisplayNames | null = null;
  try {
    names = new Intl.DisplayNames([intlLocale(locale)], { type: "language" });
  } catch {
    names = null;
  }
  return (code: string) => names?.of(code) ?? code;
}
