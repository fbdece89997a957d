import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { ParagraphView, revLabel } from "../components/documents";
import { ErrorState, Loading, PageTitle } from "../components/ui";
import { useI18n, type MessageKey } from "../i18n";
import { diffQuery, documentQuery } from "../queries/documents";
import { Link, navigate, useLocation } from "../router";
import type { DiffToken, ParagraphChange } from "../../worker/documents/types";

function Words({ words }: { words: DiffToken[] }) {
  const { t } = useI18n();
  return (
    <>
      {words.map((w, i) =>
        w.op === "equal" ? (
          <span key={i}>{w.text}</span>
        ) : w.op === "insert" ? (
          <ins key={i}>
            <span className="visually-hidden">[{t("thread.inserted")} </span>
            {w.text}
            <span className="visually-hidden">]</span>
          </ins>
        ) : (
          <del key={i}>
            <span className="visually-hidden">[{t("thread.deleted")} </span>
            {w.text}
            <span className="visually-hidden">]</span>
          </del>
        ),
      )}
    </>
  );
}

function Change({ c }: { c: ParagraphChange }) {
  const { t } = useI18n();
  const p = c.status === "deleted" ? c.from : c.to;
  const words = c.status === "edited" || c.status === "moved" ? c.words : null;
  const status = (
    <p className={`change-label change-${c.status}`}>
      <strong>{t(`compare.status.${c.status}` as MessageKey)}</strong>
      {c.status === "moved" && c.from.number !== null && <span> ({t("compare.movedFrom", { n: c.from.number })})</span>}
    </p>
  );
  return (
    <li className={`change change-${c.status}`}>
      {c.status !== "unchanged" && status}
      {words ? (
        <div className={`para para-${p.kind}`}>
          <span className="para-number">{p.number !== null ? `${p.number}.` : ""}</span>
          <div className="para-body">
            <p className="para-text diff-text" dir="auto">
              <Words words={words} />
            </p>
          </div>
        </div>
      ) : c.status === "deleted" ? (
        <del className="deleted-para">
          <ParagraphView kind={p.kind} number={p.number} html={p.html} />
        </del>
      ) : (
        <ParagraphView kind={p.kind} number={p.number} html={p.html} />
      )}
    </li>
  );
}

export default function Compare({ params }: { params: Record<string, string> }) {
  const id = params.id ?? "";
  const { t } = useI18n();
  const { search } = useLocation();
  const docQ = useQuery(documentQuery(id));
  const revs = docQ.data?.revisions ?? [];
  const last = revs.at(-1)?.number ?? 0;
  const from = Number(search.get("from") ?? Math.max(0, last - 1));
  const to = Number(search.get("to") ?? last);
  const [onlyChanges, setOnlyChanges] = useState(false);
  const q = useQuery({ ...diffQuery(id, from, to), enabled: revs.length > 1 });
  const base = `/documents/${encodeURIComponent(id)}`;

  if (docQ.isPending) return <Loading />;
  if (docQ.error) return <ErrorState error={docQ.error} retry={() => docQ.refetch()} />;
  const d = docQ.data.document;
  const changes = q.data?.changes ?? [];
  const count = (s: ParagraphChange["status"]) => changes.filter((c) => c.status === s).length;
  const shown = onlyChanges ? changes.filter((c) => c.status !== "unchanged") : changes;

  return (
    <>
      <p className="breadcrumb">
        <Link href={`${base}/rev/${to}`}>{t("editor.backToDocument")}</Link>
      </p>
      <PageTitle>{t("compare.title", { title: d.title })}</PageTitle>
      {revs.length < 2 ? (
        <p className="notice">{t("compare.needTwo")}</p>
      ) : (
        <>
          <form
            className="toolbar"
            onSubmit={(e) => {
              e.preventDefault();
              const f = new FormData(e.currentTarget);
              navigate(`${base}/compare?from=${f.get("from")}&to=${f.get("to")}`);
            }}
          >
            <div className="field">
              <label htmlFor="cmp-from">{t("compare.from")}</label>
              <select id="cmp-from" name="from" defaultValue={String(from)} key={`f${from}`}>
                {revs.map((r) => (
                  <option key={r.number} value={r.number}>
                    {revLabel(t, r.number)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="cmp-to">{t("compare.to")}</label>
              <select id="cmp-to" name="to" defaultValue={String(to)} key={`t${to}`}>
                {revs.map((r) => (
                  <option key={r.number} value={r.number}>
                    {revLabel(t, r.number)}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="button secondary">
              {t("doc.show")}
            </button>
            <label className="check">
              <input type="checkbox" checked={onlyChanges} onChange={(e) => setOnlyChanges(e.target.checked)} />
              {t("compare.onlyChanges")}
            </label>
          </form>
          {q.isPending ? (
            <Loading />
          ) : q.error ? (
            <ErrorState error={q.error} retry={() => q.refetch()} />
          ) : (
            <section aria-labelledby="cmp-summary">
              <h2 id="cmp-summary">
                {revLabel(t, from)} → {revLabel(t, to)}
              </h2>
              <p className="muted">
                {t("compare.summary", { edited: count("edited"), moved: count("moved"), added: count("new"), deleted: count("deleted") })}
              </p>
              {shown.length === 0 ? (
                <p>{t("compare.noChanges")}</p>
              ) : (
                <ol className="changes">
                  {shown.map((c) => (
                    <Change key={`${c.status}-${c.pid}`} c={c} />
                  ))}
                </ol>
              )}
            </section>
          )}
        </>
      )}
    </>
  );
}
