// Footnotes of an issued paragraph, numbered through the whole revision as the
// published report numbers them: a superscript reference after the paragraph's
// text (linking to its note) and the notes themselves under it (linking back).
import { RichText } from "./documents";
import { useI18n } from "../i18n";
import "./footnotes.css";

/** Footnote numbers through a revision: the first number of each paragraph's notes, by paragraph identity. */
export function footnoteStarts(paragraphs: { pid: string; footnotes?: string[] }[]): Map<string, number> {
  const starts = new Map<string, number>();
  let n = 0;
  for (const p of paragraphs) {
    if (!p.footnotes?.length) continue;
    starts.set(p.pid, n + 1);
    n += p.footnotes.length;
  }
  return starts;
}

/** The references, set after the paragraph's text; left out of quotes (data-nonquote). */
export function NoteRefs({ start, count }: { start: number; count: number }) {
  const { t } = useI18n();
  return (
    <>
      {Array.from({ length: count }, (_, i) => {
        const n = start + i;
        return (
          <sup key={n} className="fn-ref" data-nonquote="">
            <a href={`#fn-${n}`} id={`fnref-${n}`} role="doc-noteref" aria-label={t("rtr.fn.ref", { n })}>
              {n}
            </a>
          </sup>
        );
      })}
    </>
  );
}

/** The notes of one paragraph, as a list numbered from `start`. */
export function NoteList({ start, notes, label }: { start: number; notes: string[]; label: string }) {
  const { t } = useI18n();
  return (
    <ol className="fn-notes" start={start} aria-label={label}>
      {notes.map((html, i) => {
        const n = start + i;
        return (
          <li key={n} id={`fn-${n}`} value={n}>
            <span dir="auto">
              <RichText html={html} />
            </span>{" "}
            <a href={`#fnref-${n}`} className="fn-back" role="doc-backlink" aria-label={t("rtr.fn.back", { n })}>
              ↩
            </a>
          </li>
        );
      })}
    </ol>
  );
}
