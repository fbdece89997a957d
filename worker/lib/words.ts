// Word counts for the General Assembly's word limits. Shared by the server
// (stored counts, warnings) and the client (live count while editing), so
// both always agree.

const segmenters = new Map<string, Intl.Segmenter>();

/** The text of the restricted inline markup, tags dropped and entities decoded enough to count. */
export function markupText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, " ")
    .replace(/<[^>]*>/g, "")
    .replace(/&(?:amp|lt|gt|quot|#\d+|#x[0-9a-f]+|[a-z]+);/gi, "x");
}

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
  countWords(markupText(b.html), language) + (b.footnotes ?? []).reduce((n, f) => n + countWords(markupText(f), language), 0);
