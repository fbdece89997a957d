// Publication: the adopted text made public under its symbol, frozen and hashed (SHA-256 for
// each language); the published texts (original, /Rev.N, /Corr.N) with their public pages;
// corrigenda to a published text, paragraph by paragraph; and "prepare a revised text".
// Public pages are server-rendered outside the app: plain links, full page loads.
import { Fragment, useId, useState } from "react";
import { ApiError } from "../../api";
import { useI18n, type MessageKey } from "../../i18n";
import { useReportWrites, type Published, type ReportData } from "../../queries/reports";
import { revLabel } from "../documents";
import { escapeText } from "../../../worker/documents/markup";
import { describeError, Field, FormMessages, SelectField, TextAreaField } from "../form";
import { DateTime } from "../ui";
import { stateLabel, STATUS_FOCUS, useLanguageName } from "./common";


/** The secretariat publishes the adopted text, after confirming; otherwise it says why not yet. */
export function PublishPanel({ data }: { data: ReportData }) {
  const { t } = useI18n();
  const hid = useId();
  const writes = useReportWrites(data.report.id);
  const { report } = data;
  const rev = report.latestRevision;
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [alert, setAlert] = useState<string | null>(null);
  const [done, setDone] = useState<Published | null>(null);
  const nextSymbol = (() => {
    const earlier = report.publications.filter((p) => p.kind !== "corrigendum").length;
    return earlier === 0 ? report.symbol : `${report.symbol}/Rev.${earlier}`;
  })();

  let body;
  if (report.state === "adopted" && rev) {
    body = !report.symbol ? (
      <p className="notice">{t("report.publish.noSymbol")}</p>
    ) : confirming ? (
      <div className="confirm-box" role="group" aria-labelledby={`${hid}-c`}>
        <p id={`${hid}-c`}>
          <strong>{t("report.publish.confirm", { label: revLabel(t, rev.number), symbol: nextSymbol ?? "" })}</strong>
        </p>
        <p className="hint">{t("report.publish.confirmHint")}</p>
        <div className="actions">
          <button
            type="button"
            className="button"
            aria-disabled={busy}
            onClick={async () => {
              if (busy) return;
              setBusy(true);
              setAlert(null);
              try {
                const res = await writes.publish();
                setDone(res.publication);
                setConfirming(false);
                STATUS_FOCUS();
              } catch (err) {
                setAlert(describeError(err, t).message);
              } finally {
                setBusy(false);
              }
            }}
          >
            {busy ? t("report.publish.busy") : t("report.publish.yes", { symbol: nextSymbol ?? "" })}
          </button>
          <button type="button" className="button secondary" onClick={() => setConfirming(false)}>
            {t("common.cancel")}
          </button>
        </div>
      </div>
    ) : (
      <>
        <p>{t("report.publish.ready", { label: revLabel(t, rev.number), symbol: nextSymbol ?? "" })}</p>
        <div className="actions">
          <button type="button" className="button" onClick={() => setConfirming(true)}>
            {t("report.publish.start", { symbol: nextSymbol ?? "" })}
          </button>
        </div>
      </>
    );
  } else if (report.state === "published") {
    body = <p>{t("report.publish.isPublished")}</p>;
  } else {
    body = <p className="muted">{t("report.publish.notYet", { state: stateLabel(t, report.state) })}</p>;
  }

  return (
    <section className="card publish-panel" aria-labelledby={`${hid}-h`}>
      <h2 id={`${hid}-h`}>{t("report.publish.title")}</h2>
      {body}
      <FormMessages alert={alert} />
      <div className="live" aria-live="polite">
        {done && (
          <div className="alert alert-ok published-now">
            <p>{t("report.publish.done", { symbol: done.symbol })}</p>
            <p>
              <a href={done.href}>{t("report.publicPage", { symbol: done.symbol })}</a>
            </p>
            <Hashes texts={done.texts} />
          </div>
        )}
      </div>
    </section>
  );
}

function Hashes({ texts }: { texts: { language: string; sha256: string }[] }) {
  const { t } = useI18n();
  const languageName = useLanguageName();
  return (
    <dl className="facts hashes">
      {texts.map((x) => (
        <Fragment key={x.language}>
          <dt>
            {t("report.sha256", { language: languageName(x.language) })}
          </dt>
          <dd>
            <code className="hash">{x.sha256}</code>
          </dd>
        </Fragment>
      ))}
    </dl>
  );
}

/** Every published text of the report, with its date, public page and hashes. */
export function PublishedTexts({ data }: { data: ReportData }) {
  const { t } = useI18n();
  const hid = useId();
  const pubs = data.report.publications;
  if (pubs.length === 0) return null;
  return (
    <section className="card published-texts" aria-labelledby={`${hid}-h`}>
      <h2 id={`${hid}-h`}>{t("report.published.title")}</h2>
      <ul className="plain publication-list">
        {pubs.map((p) => (
          <li key={p.id} className="publication">
            <h3 className="publication-head">
              {/* The public page is server-rendered, outside the app. */}
              <a href={p.href}>
                <span className="symbol">{p.symbol}</span>
              </a>{" "}
              <span className="tag">{t(`report.kind.${p.kind}` as MessageKey)}</span>
            </h3>
            <p className="small muted">
              {t("report.published.on")} <DateTime iso={p.publishedAt} />
            </p>
            <Hashes texts={p.texts} />
          </li>
        ))}
      </ul>
      <p className="small">
        <a href="/published">{t("report.published.archive")}</a>
      </p>
    </section>
  );
}

type Row = { key: number; paragraph: string; html: string };
let rowKey = 0;

/** A corrigendum (/Corr.N) to a published text: each paragraph number with its corrected wording. */
export function CorrigendumForm({ data }: { data: ReportData }) {
  const { t } = useI18n();
  const hid = useId();
  const writes = useReportWrites(data.report.id);
  const bases = data.report.publications.filter((p) => p.kind !== "corrigendum");
  // Kept mounted while the report refreshes, so the "issued" message stays; a newly published text becomes the default only if none is chosen.
  const [chosen, setBase] = useState<string>("");
  const base = bases.some((p) => p.id === chosen) ? chosen : (bases.at(-1)?.id ?? "");
  const [rows, setRows] = useState<Row[]>(() => [{ key: ++rowKey, paragraph: "", html: "" }]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [alert, setAlert] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [issued, setIssued] = useState<{ symbol: string; href: string } | null>(null);
  if (bases.length === 0) return null;
  const setRow = (key: number, patch: Partial<Row>) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const err = (field: string) => errors[field];

  return (
    <section className="card corrigendum" aria-labelledby={`${hid}-h`}>
      <h2 id={`${hid}-h`}>{t("report.corr.title")}</h2>
      <p>{t("report.corr.intro")}</p>
      <FormMessages alert={alert} status={status} />
      {issued && (
        <p className="small">
          <a href={issued.href}>{t("report.publicPage", { symbol: issued.symbol })}</a>
        </p>
      )}
      <form
        className="form"
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          if (busy) return;
          setAlert(null);
          setStatus(null);
          const local: Record<string, string> = {};
          rows.forEach((r, i) => {
            const n = Number(r.paragraph);
            if (!r.paragraph || !Number.isInteger(n) || n < 1) local[`corrections.${i}.paragraph`] = t("report.corr.badNumber");
            if (!r.html.trim()) local[`corrections.${i}.html`] = t("validation.required");
          });
          setErrors(local);
          if (Object.keys(local).length) {
            setAlert(t("common.formErrors"));
            document.querySelector<HTMLElement>(`[data-field="${Object.keys(local)[0]}"]`)?.focus();
            return;
          }
          setBusy(true);
          try {
            const res = await writes.corrigendum({
              publicationId: base,
              corrections: rows.map((r) => ({ paragraph: Number(r.paragraph), html: escapeText(r.html.trim()) })),
            });
            setIssued({ symbol: res.publication.symbol, href: res.publication.href });
            setRows([{ key: ++rowKey, paragraph: "", html: "" }]);
            setStatus(t("report.corr.done", { symbol: res.publication.symbol }));
          } catch (error) {
            const fields: Record<string, string> = {};
            if (error instanceof ApiError) for (const f of error.fields) fields[f.field] ??= f.message;
            setErrors(fields);
            setAlert(describeError(error, t).message);
            const first = Object.keys(fields)[0];
            if (first) document.querySelector<HTMLElement>(`[data-field="${first}"]`)?.focus();
          } finally {
            setBusy(false);
          }
        }}
      >
        <SelectField label={t("report.corr.base")} name="publicationId" data-field="publicationId" value={base} onChange={(e) => setBase(e.target.value)} error={err("publicationId")}>
          {bases.map((p) => (
            <option key={p.id} value={p.id}>
              {p.symbol}
            </option>
          ))}
        </SelectField>
        <fieldset className="corr-rows">
          <legend>{t("report.corr.rows")}</legend>
          {err("corrections") && <p className="field-error">{err("corrections")}</p>}
          <ol className="plain">
            {rows.map((r, i) => {
              return (
                <li key={r.key} className="corr-row">
                  <Field
                    fieldClass="corr-n"
                    label={t("report.corr.paragraph", { n: i + 1 })}
                    name={`corrections.${i}.paragraph`}
                    data-field={`corrections.${i}.paragraph`}
                    type="number"
                    inputMode="numeric"
                    min={1}
                    value={r.paragraph}
                    onChange={(e) => setRow(r.key, { paragraph: e.target.value })}
                    error={err(`corrections.${i}.paragraph`)}
                  />
                  <TextAreaField
                    fieldClass="grow"
                    label={t("report.corr.text", { n: i + 1 })}
                    name={`corrections.${i}.html`}
                    data-field={`corrections.${i}.html`}
                    rows={3}
                    dir="auto"
                    maxLength={20_000}
                    value={r.html}
                    onChange={(e) => setRow(r.key, { html: e.target.value })}
                    error={err(`corrections.${i}.html`)}
                  />
                  {rows.length > 1 && (
                    <button type="button" className="icon-button danger corr-remove" aria-label={t("report.corr.remove", { n: i + 1 })} title={t("report.corr.remove", { n: i + 1 })} onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))}>
                      ×
                    </button>
                  )}
                </li>
              );
            })}
          </ol>
          <button type="button" className="link-button small" onClick={() => setRows((rs) => [...rs, { key: ++rowKey, paragraph: "", html: "" }])}>
            {t("report.corr.add")}
          </button>
        </fieldset>
        <div className="actions">
          <button type="submit" className="button" aria-disabled={busy}>
            {t("report.corr.submit")}
          </button>
        </div>
      </form>
    </section>
  );
}

/** The corrected wording is typed as plain text; the server takes the restricted markup. */

/** After publication, the secretariat may start a revised text (/Rev.N): the sections open again. */
export function ReopenPanel({ data }: { data: ReportData }) {
  const { t } = useI18n();
  const hid = useId();
  const writes = useReportWrites(data.report.id);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [alert, setAlert] = useState<string | null>(null);
  const n = data.report.publications.filter((p) => p.kind !== "corrigendum").length;
  const symbol = `${data.report.symbol ?? ""}/Rev.${n}`;
  return (
    <section className="card reopen" aria-labelledby={`${hid}-h`}>
      <h2 id={`${hid}-h`}>{t("report.reopen.title")}</h2>
      <p>{t("report.reopen.intro", { symbol })}</p>
      <FormMessages alert={alert} />
      {confirming ? (
        <div className="actions" role="group" aria-label={t("report.reopen.title")}>
          <span>{t("report.reopen.confirm")}</span>
          <button
            type="button"
            className="button"
            aria-disabled={busy}
            onClick={async () => {
              if (busy) return;
              setBusy(true);
              setAlert(null);
              try {
                await writes.reopen();
                setConfirming(false);
                STATUS_FOCUS();
              } catch (err) {
                setAlert(describeError(err, t).message);
              } finally {
                setBusy(false);
              }
            }}
          >
            {t("report.reopen.yes")}
          </button>
          <button type="button" className="button secondary" onClick={() => setConfirming(false)}>
            {t("common.cancel")}
          </button>
        </div>
      ) : (
        <button type="button" className="button secondary" onClick={() => setConfirming(true)}>
          {t("report.reopen.start")}
        </button>
      )}
    </section>
  );
}
