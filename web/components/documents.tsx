import { Fragment, type ReactNode } from "react";
import { LIST_ENUMERATOR } from "../../worker/db/enums";
import { EM, htmlToRuns, STRONG, SUB, SUP, toPlainText, U } from "../../worker/documents/markup";
import type { BlockKind } from "../../worker/documents/types";
import { useI18n, type MessageKey, type Translate } from "../i18n";
import { formatDateTime } from "../i18n/time";
import { useTimeZone } from "../session";

/** "Zero draft" / "Rev.2", translated. */
export const revLabel = (t: Translate, n: number) => (n === 0 ? t("doc.rev.0") : t("doc.rev.n", { n }));

function wrap(fmt: number, node: ReactNode, key: string | number): ReactNode {
  let out = node;
  if (fmt & SUB) out = <sub>{out}</sub>;
  if (fmt & SUP) out = <sup>{out}</sup>;
  if (fmt & U) out = <u>{out}</u>;
  if (fmt & EM) out = <em>{out}</em>;
  if (fmt & STRONG) out = <strong>{out}</strong>;
  return <Fragment key={key}>{out}</Fragment>;
}

/**
 * Renders the restricted block markup as React elements (never innerHTML), with text in
 * [square brackets] marked: a dotted underline for the eye, and a visually hidden
 * "not agreed" for screen readers. The hints carry data-nonquote so quoting skips them.
 */
export function RichText({ html }: { html: string }) {
  const { t } = useI18n();
  const out: ReactNode[] = [];
  let depth = 0;
  let k = 0;
  for (const run of htmlToRuns(html)) {
    if ("br" in run) {
      out.push(<br key={k++} />);
      continue;
    }
    // Split on brackets; brackets belong to the bracketed passage.
    for (const piece of run.text.split(/(\[|\])/)) {
      if (!piece) continue;
      if (piece === "[") {
        if (depth === 0)
          out.push(
            <span key={k++} className="visually-hidden" data-nonquote="">
              {t("doc.notAgreed")}{" "}
            </span>,
          );
        depth++;
        out.push(wrap(run.fmt, <mark className="bracketed">[</mark>, k++));
        continue;
      }
      if (piece === "]" && depth > 0) {
        depth--;
        out.push(wrap(run.fmt, <mark className="bracketed">]</mark>, k++));
        if (depth === 0)
          out.push(
            <span key={k++} className="visually-hidden" data-nonquote="">
              {" "}
              {t("doc.notAgreedEnd")}
            </span>,
          );
        continue;
      }
      out.push(wrap(run.fmt, depth > 0 ? <mark className="bracketed">{piece}</mark> : piece, k++));
    }
  }
  return <>{out}</>;
}

// "(a)", "iv)": UN drafts write list enumerators into the text itself (the exports' rule).
const ENUMERATED = LIST_ENUMERATOR;

/**
 * A numbered paragraph, a heading or a list item, as UN documents set them. `refs` follow
 * the text inside it (footnote references); `notes` sit under it (the footnotes).
 */
export function ParagraphView({
  kind,
  number,
  html,
  id,
  children,
  refs,
  notes,
}: {
  kind: BlockKind;
  number: number | null;
  html: string;
  id?: string;
  children?: ReactNode;
  refs?: ReactNode;
  notes?: ReactNode;
}) {
  const { t } = useI18n();
  if (kind === "heading")
    return (
      <div className="para para-heading" id={id}>
        <h3 className="para-text" dir="auto">
          <RichText html={html} />
          {refs}
        </h3>
        {notes}
        {children}
      </div>
    );
  return (
    <div className={`para para-${kind}`} id={id}>
      <span className="para-number" aria-hidden={number === null ? true : undefined}>
        {number !== null ? (
          <>
            <span className="visually-hidden">{t("doc.paragraph", { n: number })}: </span>
            <span aria-hidden="true">{number}.</span>
          </>
        ) : (
          kind === "list_item" && !ENUMERATED.test(toPlainText(html)) && "•"
        )}
      </span>
      <div className="para-body">
        <p className="para-text" dir="auto">
          <RichText html={html} />
          {refs}
        </p>
        {notes}
        {children}
      </div>
    </div>
  );
}

export function bracketText(t: Translate, count: number) {
  return count === 0 ? t("doc.brackets.none") : count === 1 ? t("doc.brackets.one") : t("doc.brackets", { count });
}

type WindowSummary = { commentsOpenAt: string; commentsCloseAt: string; commentsTimeZone: string; window: string; allowLate: boolean };

export function WindowState({ w }: { w: WindowSummary }) {
  const { t } = useI18n();
  const cls = w.window === "open" ? "tag tag-ok" : w.window === "closed" ? "tag tag-off" : "tag";
  return <span className={cls}>{t(`doc.window.${w.window}` as MessageKey)}</span>;
}

/** The comment window in its own zone, and (when different) in the reader's. */
export function WindowInfo({ w, compact = false }: { w: WindowSummary; compact?: boolean }) {
  const { t, locale } = useI18n();
  const mine = useTimeZone();
  const inZone = (zone: string) => ({
    open: formatDateTime(w.commentsOpenAt, locale, zone),
    close: formatDateTime(w.commentsCloseAt, locale, zone),
  });
  const own = inZone(w.commentsTimeZone);
  return (
    <div className="window-info">
      <p className="window-line">
        <WindowState w={w} />{" "}
        <span>
          {t("doc.window.range", { ...own, zone: w.commentsTimeZone })}
        </span>
      </p>
      {!compact && mine !== w.commentsTimeZone && <p className="muted small window-line">{t("doc.window.yours", { ...inZone(mine), zone: mine })}</p>}
      {!compact && w.allowLate && <p className="muted small window-line">{t("doc.window.late")}</p>}
    </div>
  );
}
