// Word counts for the General Assembly's word limits. Shared by the server
// (stored counts, warnings) and the client (live count while editing), so
// both always agree.

import { toPlainText } from "./markup";

const segmenters = new Map<string, Intl.Segmenter>();

/**
 * Words as the UN counts them: in languages written with spaces, runs of
 * letters or digits; in Chinese, each word the segmenter finds.
 */
export function countWords(text: string, language = "en"): number {
  if (language.startsWith("zh")) {
    let seg = segmenters.get(language);
    if (!seg) segmenters.set(language, (seg = new Intl.Segmenter(language, { granularity: "word" })));
    let n = 0;
    for (const s of seg.segment(text)) if (s.isWordLike) n++;
    return n;
  }
  return text.match(/[\p{L}\p{N}][\p{L}\p{N}\p{M}'’\-./]*/gu)?.length ?? 0;
}

/** The words of a block of markup with its footnotes. */
export const blockWords = (b: { html: string; footnotes?: string[] | null }, language = "en") =>
  countWords(toPlainText(b.html), language) + (b.footnotes ?? []).reduce((n, f) => n + countWords(toPlainText(f), language), 0);
