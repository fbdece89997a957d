// From a report's sections to the text the documents machinery issues, and
// from issued paragraphs (with a translation, if any) to the `RenderedReport`
// the renderers draw. Paragraph and footnote numbering happen here, once.
import { sha256Hex } from "../auth/crypto";
import type { reportSections } from "../db/schema";
import { escapeText } from "../documents/markup";
import type { IssuableBlock, IssuedParagraph } from "../documents/types";
import { blockWords, countWords } from "../lib/words";
import { REPORT_LABELS, romanNumeral } from "./labels";
import { isAnnexKey, type PublicationKind, type RenderBlock, type RenderedReport, type ReportBlock, type ReportLanguage } from "./model";

export type SectionRow = typeof reportSections.$inferSelect;
export const sectionBlocks = (s: Pick<SectionRow, "blocksJson">) => JSON.parse(s.blocksJson) as ReportBlock[];

/** The hash of a section's words only, so sources or identities alone never count as an edit. */
export const textHash = (blocks: ReportBlock[]) =>
  sha256Hex(JSON.stringify(blocks.map((b) => [b.kind, b.html, b.footnotes ?? []])));

/** Each section as its heading and its blocks, tagged with the section key. */
export function composeIssuable(sections: SectionRow[]): IssuableBlock[] {
  return [...sections]
    .sort((a, b) => a.position - b.position)
    .flatMap((s) => [
      { kind: "heading" as const, html: escapeText(s.title), section: s.key },
      ...sectionBlocks(s).map((b) => ({
        pid: b.pid ?? null,
        kind: b.kind,
        html: b.html,
        ...(b.footnotes?.length ? { footnotes: b.footnotes } : {}),
        section: s.key,
        // Annexes are not numbered in UN documents; the body's numbering runs on without them.
        ...(isAnnexKey(s.key) ? { unnumbered: true } : {}),
      })),
    ]);
}

/** Working sections numbered as issuing would number them, for exports of the working text. */
export function numberWorking(blocks: IssuableBlock[]): IssuedParagraph[] {
  let n = 0;
  return blocks.map((b, position) => ({
    pid: b.pid ?? `w-${position}`,
    position,
    number: b.kind === "paragraph" && !b.unnumbered ? ++n : null,
    kind: b.kind,
    html: b.html,
    ...(b.footnotes ? { footnotes: b.footnotes } : {}),
    ...(b.section ? { section: b.section } : {}),
  }));
}

export type WordCounts = {
  sections: { key: string; words: number; annex: boolean }[];
  /** Body words (title, headings, paragraphs, lists, footnotes), annexes excluded. */
  total: number;
  annexes: number;
  limit: number;
  over: boolean;
};

/** Word counts against the limit; the General Assembly's limit applies to the body, not the annexes. */
export function wordCounts(sections: Pick<SectionRow, "key" | "title" | "blocksJson">[], limit: number): WordCounts {
  const list = sections.map((s) => ({
    key: s.key,
    annex: isAnnexKey(s.key),
    words: countWords(s.title) + sectionBlocks(s).reduce((n, b) => n + blockWords(b), 0),
  }));
  const total = list.filter((s) => !s.annex).reduce((n, s) => n + s.words, 0);
  return { sections: list, total, annexes: list.filter((s) => s.annex).reduce((n, s) => n + s.words, 0), limit, over: total > limit };
}

/** "Eighty-first session" in English; other languages as UN documents number them. */
export function sessionName(n: number, lang: ReportLanguage): string {
  switch (lang) {
    case "fr":
      return `${n}e session`;
    case "es":
      return `${n}º período de sesiones`;
    case "ar":
      return `الدورة ${n}`;
    case "zh":
      return `第${n}届会议`;
    case "ru":
      return `${n}-я сессия`;
    default:
      return `${englishOrdinal(n)} session`;
  }
}

const ONES = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"];
const TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
const ORDINAL: Record<string, string> = { one: "first", two: "second", three: "third", five: "fifth", eight: "eighth", nine: "ninth", twelve: "twelfth" };

function englishOrdinal(n: number): string {
  if (n < 1 || n > 199) return `${n}th`;
  const hundred = n >= 100 ? "one hundred" : "";
  const rest = n % 100;
  let words = rest < 20 ? ONES[rest]! : `${TENS[Math.floor(rest / 10)]}${rest % 10 ? `-${ONES[rest % 10]}` : ""}`;
  if (!words) words = "";
  const all = [hundred, words].filter(Boolean).join(" and ");
  const last = all.split(/([ -])/);
  const tail = last.pop()!;
  const ord = ORDINAL[tail] ?? (tail.endsWith("y") ? `${tail.slice(0, -1)}ieth` : `${tail}th`);
  const s = [...last, ord].join("");
  return s[0]!.toUpperCase() + s.slice(1);
}

export type ReportMeta = {
  symbol: string;
  title: string;
  session: number;
  agendaItem: string | null;
  /** YYYY-MM-DD. */
  date: string;
  originalLanguage: ReportLanguage;
  watermark: string | null;
  kind: PublicationKind;
};

/**
 * The renderers' model of issued (or working) paragraphs. A section's first
 * heading becomes its chapter ("I.") or annex ("Annex I") heading; annex
 * paragraphs are not numbered; footnotes are numbered through the whole text.
 * With a translation, each paragraph takes its translated text by identity.
 */
export function renderModel(
  meta: ReportMeta,
  paragraphs: IssuedParagraph[],
  language: ReportLanguage = meta.originalLanguage,
  translation: Record<string, { html: string; footnotes?: string[] }> | null = null,
): RenderedReport {
  const labels = REPORT_LABELS[language];
  const blocks: RenderBlock[] = [];
  const footnotes: RenderedReport["footnotes"] = [];
  let chapter = 0;
  let annex = 0;
  let section: string | undefined;
  for (const p of paragraphs) {
    const t = translation?.[p.pid];
    const html = t?.html || p.html;
    const notes = (t?.footnotes?.length ? t.footnotes : p.footnotes ?? []).map((note) => {
      footnotes.push({ number: footnotes.length + 1, html: note });
      return footnotes.length;
    });
    const inAnnex = p.section ? isAnnexKey(p.section) : false;
    if (p.section && p.section !== section && p.kind === "heading") {
      section = p.section;
      blocks.push(inAnnex ? { type: "annex", label: `${labels.annex} ${romanNumeral(++annex)}`, html } : { type: "chapter", label: `${romanNumeral(++chapter)}.`, html });
      continue;
    }
    section = p.section ?? section;
    if (p.kind === "heading") blocks.push({ type: "heading", html });
    else if (p.kind === "list_item") blocks.push({ type: "list_item", html, notes });
    else blocks.push({ type: "paragraph", number: p.number, html, notes });
  }
  return {
    symbol: meta.symbol,
    distribution: labels.distribution,
    date: meta.date,
    language,
    originalLanguage: meta.originalLanguage,
    session: sessionName(meta.session, language),
    agendaItem: meta.agendaItem,
    title: translation?.$title?.html ? translation.$title.html : escapeText(meta.title),
    watermark: meta.watermark,
    kind: meta.kind,
    blocks,
    footnotes,
  };
}

/** A corrigendum: each corrected paragraph, "For the existing text substitute", then its new text. */
export function corrigendumModel(meta: ReportMeta, base: RenderedReport, corrections: { paragraph: number; html: string }[]): RenderedReport {
  const blocks: RenderBlock[] = corrections.flatMap((c): RenderBlock[] => [
    { type: "heading", html: `Paragraph ${c.paragraph}` },
    { type: "paragraph", number: null, html: "<em>For the existing text substitute</em>", notes: [] },
    { type: "paragraph", number: c.paragraph, html: c.html, notes: [] },
  ]);
  return { ...base, symbol: meta.symbol, date: meta.date, kind: "corrigendum", watermark: null, blocks, footnotes: [] };
}
