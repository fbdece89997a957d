import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { bracketText, ParagraphView, revLabel, WindowInfo } from "../components/documents";
import { footnoteStarts, NoteList, NoteRefs } from "../components/Footnotes";
import { Thread, type Quote } from "../components/Thread";
import { DateTime, ErrorState, Loading, PageTitle } from "../components/ui";
import { useI18n } from "../i18n";
import { WindowControls } from "../components/WindowControls";
import { documentQuery, downloadUrl, revisionQuery, type RevisionData } from "../queries/documents";
import { Link } from "../router";
import { toPlainText } from "../../worker/documents/markup";

const CONTEXT = 32;

/** Text of a node without the screen-reader hints. */
function cleanText(fragment: DocumentFragment | Node): string {
  const box = document.createElement("div");
  box.appendChild(fragment.cloneNode(true));
  box.querySelectorAll("[data-nonquote]").forEach((n) => n.remove());
  return box.textContent ?? "";
}

/** The quote selected inside one paragraph, with up to 32 characters of context on each side. */
function selectionQuote(): Quote | null {
  const sel = window.getSelection();
  if (!sel || sel.isCollapsed || sel.rangeCount === 0) return null;
  const range = sel.getRangeAt(0);
  const para = (n: Node | null) => (n instanceof Element ? n : n?.parentElement)?.closest<HTMLElement>("[data-pid] .para-text");
  const a = para(range.startContainer);
  if (!a || a !== para(range.endContainer)) return null;
  const pid = a.closest<HTMLElement>("[data-pid]")!.dataset.pid!;
  const before = document.createRange();
  before.selectNodeContents(a);
  before.setEnd(range.startContainer, range.startOffset);
  const start = cleanText(before.cloneContents()).length;
  const quote = cleanText(range.cloneContents());
  if (!quote.trim()) return null;
  const all = cleanText(a);
  const end = start + quote.length;
  return { pid, quote, prefix: all.slice(Math.max(0, start - CONTEXT), start), suffix: all.slice(end, end + CONTEXT) };
}

export default function Revision({ params }: { params: Record<string, string> }) {
  const id = params.id ?? "";
  const n = Number(params.n);
  const { t } = useI18n();
  const q = useQuery(revisionQuery(id, n));
  const docQ = useQuery(documentQuery(id));
  const [open, setOpen] = useState<string | null>(null); // a pid, "document", or null
  const [quote, setQuote] = useState<Quote | null>(null);
  const [selected, setSelected] = useState<Quote | null>(null);
  const triggers = useRef(new Map<string, HTMLButtonElement | null>());

  useEffect(() => {
    const onChange = () => setSelected(selectionQuote());
    document.addEventListener("selectionchange", onChange);
    return () => document.removeEventListener("selectionchange", onChange);
  }, []);
  useEffect(() => {
    setOpen(null);
    setQuote(null);
  }, [id, n]);

  if (q.isPending) return <Loading />;
  if (q.error) return <ErrorState error={q.error} retry={() => q.refetch()} />;
  const rev = q.data;
  const { document: d, revision: r, permissions } = rev;
  const base = `/documents/${encodeURIComponent(id)}`;
  const label = revLabel(t, r.number);
  const track = docQ.data?.track;
  const canSeeDispositions = permissions.dispose || !!r.dispositionsPublishedAt;
  // Comments, amendments and positions are the members' and officers', even on a public text.
  const deliberations = permissions.deliberations;
  const noteStarts = footnoteStarts(rev.paragraphs);
  // A progress report is edited in its report workspace; the generic editor refuses it.
  const reportId = d.kind === "progress_report" ? docQ.data?.document.reportId : null;

  const close = () => {
    const key = open;
    setOpen(null);
    setQuote(null);
    if (key) requestAnimationFrame(() => triggers.current.get(key)?.focus());
  };
  const openThread = (key: string, withQuote: Quote | null = null) => {
    setQuote(withQuote);
    setOpen(key);
  };

  return (
    <>
      <p className="breadcrumb">{track ? <Link href={`/tracks/${track.slug}`}>{track.shortTitle}</Link> : <Link href="/tracks">{t("track.back")}</Link>}</p>
      <header className="doc-header">
        <p className="eyebrow">
          {t(`doc.kind.${d.kind}`)}
          {d.symbol && (
            <>
              {" · "}
              <span className="symbol">{d.symbol}</span>
            </>
          )}
        </p>
        <PageTitle title={`${d.title} (${label})`}>
          {d.title} <span className="rev-label">{label}</span>
        </PageTitle>
        <p className="doc-facts">
          <span>{t("doc.issued")} </span>
          <DateTime iso={r.issuedAt} />
          {" · "}
          <span>{t("doc.paragraphs", { count: rev.paragraphs.filter((p) => p.number !== null).length })}</span>
          {" · "}
          <span className={r.bracketCount ? "bracket-count has" : "bracket-count"}>{bracketText(t, r.bracketCount)}</span>
        </p>
        <WindowInfo w={r} />
        {permissions.edit && !r.adoptedAt && (
          <WindowControls id={id} n={r.number} closeAt={r.commentsCloseAt} zone={r.commentsTimeZone} allowLate={r.allowLate} />
        )}
      </header>

      <nav className="doc-tools" aria-label={t("doc.revision")}>
        <ul className="rev-switch">
          {rev.revisions.map((x) => (
            <li key={x.number}>
              <Link href={`${base}/rev/${x.number}`} current={x.number === r.number}>
                {revLabel(t, x.number)}
              </Link>
            </li>
          ))}
        </ul>
        <ul className="doc-links">
          {rev.revisions.length > 1 && (
            <li>
              <Link href={`${base}/compare?from=${r.number === 0 ? 0 : r.number - 1}&to=${r.number === 0 ? 1 : r.number}`}>{t("doc.compare")}</Link>
            </li>
          )}
          {canSeeDispositions && (
            <li>
              <Link href={`${base}/rev/${r.number}/dispositions`}>{t("doc.dispositionsPage")}</Link>
            </li>
          )}
          {deliberations && (
            <li>
              <Link href={`${base}/rev/${r.number}/board`}>{t("doc.board")}</Link>
            </li>
          )}
          {reportId ? (
            <li>
              <Link href={`/reports/${encodeURIComponent(reportId)}`}>{t("rtr.doc.workspace")}</Link>
            </li>
          ) : (
            permissions.edit &&
            d.kind !== "progress_report" && (
              <li>
                <Link href={`${base}/edit`}>{t("doc.editWorkingCopy")}</Link>
              </li>
            )
          )}
        </ul>
      </nav>

      {r.number < rev.latest && (
        <p className="notice">
          {t("doc.newerExists", { label })} <Link href={`${base}/rev/${rev.latest}`}>{t("doc.goLatest", { label: revLabel(t, rev.latest) })}</Link>
        </p>
      )}

      <section aria-labelledby="doc-text" className="doc-text">
        <h2 id="doc-text" className="visually-hidden">
          {t("doc.text")}
        </h2>
        {permissions.comment && r.number === rev.latest && r.window === "open" && <p className="hint">{t("doc.selectHint")}</p>}
        {!deliberations && <p className="muted">{t("doc.deliberationsMembers")}</p>}
        {deliberations && (
          <div className="doc-thread-toggle">
            <CountButton
              rev={rev}
              counts={rev.documentComments}
              expanded={open === "document"}
              label={t("doc.wholeDocument")}
              visible
              buttonRef={(el) => triggers.current.set("document", el)}
              onClick={() => (open === "document" ? close() : openThread("document"))}
            />
          </div>
        )}
        {open === "document" && <Thread docId={id} rev={rev} pid={null} title={t("doc.wholeDocument")} quote={null} onClose={close} />}
        <div className="paragraphs">
          {rev.paragraphs.map((p) => {
            const title = p.number !== null ? t("doc.commentsOn", { n: p.number }) : t("doc.commentsOnHeading", { text: toPlainText(p.html ?? "").slice(0, 60) });
            const sel = selected?.pid === p.pid ? selected : null;
            const notes = p.footnotes ?? [];
            const start = noteStarts.get(p.pid) ?? 0;
            return (
              <div key={p.pid} data-pid={p.pid} className={open === p.pid ? "para-wrap is-open" : "para-wrap"}>
                <ParagraphView
                  kind={p.kind}
                  number={p.number}
                  html={p.html ?? ""}
                  id={`p-${p.pid}`}
                  refs={notes.length ? <NoteRefs start={start} count={notes.length} /> : undefined}
                  notes={
                    notes.length ? (
                      <NoteList
                        start={start}
                        notes={notes}
                        label={p.number !== null ? t("rtr.fn.notesTo", { n: p.number }) : t("rtr.fn.notesToHeading", { text: toPlainText(p.html ?? "").slice(0, 60) })}
                      />
                    ) : undefined
                  }
                >
                  {deliberations && (
                    <div className="para-actions">
                      <CountButton
                        rev={rev}
                        counts={p.comments}
                        expanded={open === p.pid}
                        label={title}
                        buttonRef={(el) => triggers.current.set(p.pid, el)}
                        onClick={() => (open === p.pid ? close() : openThread(p.pid))}
                      />
                      {sel && permissions.comment && r.number === rev.latest && (
                        <button
                          type="button"
                          className="button small amend-selection"
                          onMouseDown={(e) => e.preventDefault()}
                          onClick={() => openThread(p.pid, sel)}
                        >
                          {t("doc.amendSelection")}
                        </button>
                      )}
                    </div>
                  )}
                </ParagraphView>
                {open === p.pid && <Thread key={quote ? `${quote.pid}${quote.quote}` : p.pid} docId={id} rev={rev} pid={p.pid} title={title} quote={quote} onClose={close} />}
              </div>
            );
          })}
        </div>
      </section>

      {(deliberations || canSeeDispositions) && (
        <section aria-labelledby="downloads" className="card downloads">
          <h2 id="downloads">{t("doc.downloads")}</h2>
          <ul className="link-list">
            {deliberations && (
              <>
                <li>
                  <a href={downloadUrl.compilation(id, r.number, "html")}>{t("doc.compilationHtml")}</a>
                </li>
                <li>
                  <a href={downloadUrl.compilation(id, r.number, "docx")} download>
                    {t("doc.compilationDocx")}
                  </a>
                </li>
              </>
            )}
            {canSeeDispositions && (
              <>
                <li>
                  <a href={downloadUrl.dispositions(id, r.number, "csv")} download>
                    {t("doc.dispositionsCsv")}
                  </a>
                </li>
                <li>
                  <a href={downloadUrl.dispositions(id, r.number, "docx")} download>
                    {t("doc.dispositionsDocx")}
                  </a>
                </li>
              </>
            )}
          </ul>
        </section>
      )}
    </>
  );
}

function CountButton({
  counts,
  expanded,
  label,
  onClick,
  buttonRef,
  visible = false,
}: {
  visible?: boolean;
  rev: RevisionData;
  counts: { total: number; carried: number; amendments: number };
  expanded: boolean;
  label: string;
  onClick: () => void;
  buttonRef: (el: HTMLButtonElement | null) => void;
}) {
  const { t } = useI18n();
  return (
    <button type="button" ref={buttonRef} className={counts.total ? "count-button has" : "count-button"} aria-expanded={expanded} onClick={onClick}>
      {visible ? (
        <span>
          {label} ({counts.total})
        </span>
      ) : (
        <>
          <span className="visually-hidden">{label}: </span>
          <span>{t("doc.commentsCount", { count: counts.total })}</span>
        </>
      )}
      {counts.carried > 0 && <span className="muted"> ({t("doc.carriedCount", { count: counts.carried })})</span>}
    </button>
  );
}
