// /reports/:id/translations/:lang — the secretariat translates the adopted text of a
// progress report, paragraph by paragraph: the original on one side, a field per
// paragraph (and for the title and each footnote) on the other, in the target
// language's script and direction. Saved in progress or final (409 on a stale
// version, with a dialogue to load the newer one); a final translation of a published
// text is then published beside the original.
import { useQuery } from "@tanstack/react-query";
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type ClipboardEvent, type KeyboardEvent, type MouseEvent } from "react";
import { ApiError } from "../api";
import { isConflict } from "../queries/stale";
import { revLabel } from "../components/documents";
import { describeError, FormMessages } from "../components/form";
import { ErrorState, Loading, PageTitle, useFormatDate } from "../components/ui";
import { useI18n, type MessageKey, type Translate } from "../i18n";
import {
  reportDetailQuery,
  staleTranslation,
  translationQuery,
  usePublishTranslation,
  useSaveTranslation,
  type ReportDetail,
  type SavedTranslation,
  type SourceParagraph,
  type TranslatedText,
  type TranslationPage,
} from "../queries/report-translations";
import { Link } from "../router";
import { useMe } from "../session";
import { escapeText, sanitizeInline, toPlainText } from "../../worker/documents/markup";
import { isAnnexKey, REPORT_LANGUAGES, RTL_LANGUAGES, type ReportLanguage } from "../../worker/reports/model";
import "./ReportTranslation.css";

const TITLE = "$title";
const isLanguage = (x: string | undefined): x is ReportLanguage => !!x && (REPORT_LANGUAGES as readonly string[]).includes(x);
const dirOf = (l: ReportLanguage) => (RTL_LANGUAGES.has(l) ? "rtl" : "ltr");
const short = (html: string) => {
  const text = toPlainText(html).replace(/\s+/g, " ");
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
};

/** One field to fill: the title, a paragraph, or one footnote of a paragraph. */
type Unit = { key: string; domId: string; label: string };
type Note = Unit & { number: number; html: string };
type Row = Unit & { kind: "title" | SourceParagraph["kind"]; pid: string; number: number | null; html: string; notes: Note[] };
type Saved = { state: "missing" | "in_progress" | "final"; version: number; updatedAt: string | null; updatedBy: string | null };

const noteKey = (pid: string, i: number) => `${pid}#${i}`;

/** The rows of the screen, with footnotes numbered through the whole text as the published report numbers them. */
function buildRows(data: TranslationPage, t: Translate, language: string): Row[] {
  let footnote = 0;
  let n = 0;
  const rows: Row[] = [{ key: TITLE, domId: `rtr-${n++}`, label: t("rtr.titleIn", { language }), kind: "title", pid: TITLE, number: null, html: escapeText(data.title), notes: [] }];
  for (const p of data.source) {
    // Annex paragraphs are not numbered in the published text.
    const number = p.kind === "paragraph" && !(p.section && isAnnexKey(p.section)) ? p.number : null;
    const label =
      p.kind === "heading"
        ? t("rtr.headingIn", { text: short(p.html), language })
        : number !== null
          ? t("rtr.paragraphIn", { n: number, language })
          : p.kind === "list_item"
            ? t("rtr.listItemIn", { text: short(p.html), language })
            : t("rtr.unnumberedIn", { text: short(p.html), language });
    const notes = (p.footnotes ?? []).map((html, i) => {
      const number = ++footnote;
      return { key: noteKey(p.pid, i), domId: `rtr-${n++}`, label: t("rtr.footnoteIn", { n: number, language }), number, html };
    });
    rows.push({ key: p.pid, domId: `rtr-${n++}`, label, kind: p.kind, pid: p.pid, number, html: p.html, notes });
  }
  return rows;
}

/** The field values of a saved translation, keyed like the units. */
function valuesOf(paragraphs: Record<string, TranslatedText> | null | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const [pid, v] of Object.entries(paragraphs ?? {})) {
    out.set(pid, v.html);
    (v.footnotes ?? []).forEach((note, i) => out.set(noteKey(pid, i), note));
  }
  return out;
}

const hasText = (html: string | undefined) => !!html && toPlainText(sanitizeInline(html)).trim() !== "";

export default function ReportTranslation({ params }: { params: Record<string, string> }) {
  const id = params.id ?? "";
  const lang = params.lang;
  const { t } = useI18n();
  if (!isLanguage(lang)) {
    return (
      <>
        <PageTitle>{t("app.notFound.title")}</PageTitle>
        <p>{t("rtr.unknownLanguage")}</p>
        <p>
          <Link href={`/reports/${encodeURIComponent(id)}`}>{t("rtr.back")}</Link>
        </p>
      </>
    );
  }
  return <TranslationScreen key={`${id}/${lang}`} id={id} lang={lang} />;
}

function TranslationScreen({ id, lang }: { id: string; lang: ReportLanguage }) {
  const { t } = useI18n();
  const q = useQuery(translationQuery(id, lang));
  const detailQ = useQuery(reportDetailQuery(id));
  const back = `/reports/${encodeURIComponent(id)}`;
  const language = t(`lang.${lang}` as MessageKey);

  if (q.isPending) return <Loading />;
  if (q.error) {
    const notAdopted = isConflict(q.error);
    return (
      <>
        <p className="breadcrumb">
          <Link href={back}>{t("rtr.back")}</Link>
        </p>
        <PageTitle>{t("rtr.title", { language })}</PageTitle>
        {notAdopted ? (
          <section className="card" aria-labelledby="rtr-wait">
            <h2 id="rtr-wait">{t("rtr.notAdopted")}</h2>
            <p>{t("rtr.notAdoptedBody")}</p>
            <p>
              <Link className="button secondary" href={back}>
                {t("rtr.back")}
              </Link>
            </p>
          </section>
        ) : (
          <ErrorState error={q.error} retry={() => q.refetch()} />
        )}
      </>
    );
  }
  const original = detailQ.data?.report.originalLanguage ?? "en";
  if (lang === original) {
    return (
      <>
        <p className="breadcrumb">
          <Link href={back}>{t("rtr.back")}</Link>
        </p>
        <PageTitle>{t("rtr.title", { language })}</PageTitle>
        <p className="notice">{t("rtr.isOriginal", { language })}</p>
        <Languages id={id} lang={lang} detail={detailQ.data} revisionId={q.data.revision.id} />
      </>
    );
  }
  return <Editor id={id} lang={lang} data={q.data} detail={detailQ.data} original={original} />;
}

type Detail = ReportDetail | undefined;

/** The published text of the adopted revision (not a corrigendum), if it is published. */
const publicationOf = (detail: Detail, revisionId: string) => detail?.report.publications.find((p) => p.kind !== "corrigendum" && p.revisionId === revisionId) ?? null;

/** Asks before an in-app link drops unsaved changes (the browser asks on reload or closing). */
const guard = (dirty: boolean, t: Translate) => (e: MouseEvent) => {
  if (dirty && !window.confirm(t("rtr.leave"))) e.preventDefault();
};

function Languages({
  id,
  lang,
  detail,
  revisionId,
  current,
  dirty = false,
}: {
  id: string;
  lang: ReportLanguage;
  detail: Detail;
  revisionId: string;
  /** This language's state as this screen knows it (the report's page may be older). */
  current?: Saved["state"];
  dirty?: boolean;
}) {
  const { t } = useI18n();
  if (!detail) return null;
  const published = new Set(publicationOf(detail, revisionId)?.texts.map((x) => x.language) ?? []);
  return (
    <nav className="rtr-languages" aria-label={t("rtr.otherLanguages")}>
      <ul>
        {detail.translations.languages.map((l) => {
          const state = published.has(l.language) ? "published" : l.language === lang && current ? current : l.state;
          return (
            <li key={l.language}>
              <Link href={`/reports/${encodeURIComponent(id)}/translations/${l.language}`} current={l.language === lang} onClick={l.language === lang ? undefined : guard(dirty, t)}>
                {t(`lang.${l.language}` as MessageKey)}
              </Link>{" "}
              <span className={`tag rtr-tag-${state}`}>{t(`rtr.state.${state}` as MessageKey)}</span>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

function Editor({ id, lang, data, detail, original }: { id: string; lang: ReportLanguage; data: TranslationPage; detail: Detail; original: ReportLanguage }) {
  const { t, locale } = useI18n();
  const { me } = useMe();
  const fmt = useFormatDate();
  const language = t(`lang.${lang}` as MessageKey);
  const rows = useMemo(() => buildRows(data, t, language), [data.source, data.title, locale, language]); // eslint-disable-line react-hooks/exhaustive-deps
  const units = useMemo(() => rows.flatMap((r): Unit[] => [r, ...r.notes]), [rows]);
  const paragraphKeys = useMemo(() => rows.map((r) => r.key), [rows]);
  const noteKeys = useMemo(() => rows.flatMap((r) => r.notes.map((n) => n.key)), [rows]);

  // The fields are uncontrolled (the browser owns their text); their current html is kept here.
  const values = useRef<Map<string, string>>(valuesOf(data.translation?.paragraphs));
  const [gen, setGen] = useState(0);
  const [filled, setFilled] = useState<Record<string, boolean>>(() => Object.fromEntries(units.map((u) => [u.key, hasText(values.current.get(u.key))])));
  const [saved, setSaved] = useState<Saved>(() =>
    data.translation
      ? { state: data.translation.state, version: data.translation.version, updatedAt: data.translation.updatedAt, updatedBy: data.translation.updatedBy }
      : { state: "missing", version: 0, updatedAt: null, updatedBy: null },
  );
  const [dirty, setDirty] = useState(false);
  const [onlyUntranslated, setOnlyUntranslated] = useState(false);
  // Which rows the filter hides: taken when the filter is turned on and after each save, so a
  // row does not vanish under the translator's caret while they type.
  const [doneAtSnapshot, setDoneAtSnapshot] = useState<Set<string>>(new Set());
  const [alert, setAlert] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [stale, setStale] = useState<SavedTranslation | null>(null);
  const pendingState = useRef<"in_progress" | "final">("in_progress");
  const save = useSaveTranslation(id, lang, me?.name ?? null);
  const publish = usePublishTranslation(id, lang);

  const filledRef = useRef(filled);
  filledRef.current = filled;
  const rowDone = useCallback((r: Row, f: Record<string, boolean>) => !!f[r.key] && r.notes.every((n) => f[n.key]), []);
  const snapshot = useCallback((f = filledRef.current) => setDoneAtSnapshot(new Set(rows.filter((r) => rowDone(r, f)).map((r) => r.key))), [rows, rowDone]);

  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  // The field last worked in, so "next untranslated" starts from there even after the button takes the focus.
  const lastField = useRef<string | null>(null);
  const onFocusField = useCallback((key: string) => {
    lastField.current = key;
  }, []);
  const onInput = useCallback((key: string, html: string) => {
    values.current.set(key, html);
    const now = hasText(html);
    if (filledRef.current[key] !== now) setFilled((f) => ({ ...f, [key]: now }));
    setDirty(true);
  }, []);

  // The publication of the adopted revision, and whether this language is already in it.
  const publication = publicationOf(detail, data.revision.id);
  const published = !!publication?.texts.some((x) => x.language === lang);
  const publishedHref = publication ? `${publication.href}?lang=${lang}` : null;
  const readOnly = published || !(detail?.report.permissions.translate ?? true);

  const domIdOf = useMemo(() => new Map(units.map((u) => [u.key, u.domId])), [units]);
  const rowOf = useMemo(() => new Map(rows.flatMap((r) => [[r.key, r] as const, ...r.notes.map((n) => [n.key, r] as const)])), [rows]);
  const focusUnit = (key: string) => {
    const row = rowOf.get(key);
    if (onlyUntranslated && row && doneAtSnapshot.has(row.key)) setDoneAtSnapshot((s) => new Set([...s].filter((k) => k !== row.key)));
    requestAnimationFrame(() => {
      const el = document.getElementById(domIdOf.get(key) ?? "");
      el?.scrollIntoView({ block: "center" });
      el?.focus({ preventScroll: true });
    });
  };

  const doneParagraphs = paragraphKeys.filter((k) => filled[k]).length;
  const doneNotes = noteKeys.filter((k) => filled[k]).length;
  const empty = units.filter((u) => !filled[u.key]);

  async function submit(state: "in_progress" | "final", baseVersion = saved.version) {
    pendingState.current = state;
    setAlert(null);
    setStatus(null);
    const paragraphs: Record<string, TranslatedText> = {};
    for (const r of rows) {
      const html = sanitizeInline(values.current.get(r.key) ?? "");
      const notes = r.notes.map((n) => sanitizeInline(values.current.get(n.key) ?? ""));
      if (html) paragraphs[r.pid] = { html, ...(notes.some(Boolean) ? { footnotes: notes } : {}) };
      else if (notes.some(Boolean)) {
        // The server keeps footnotes with their paragraph's text; without it they would be lost.
        setAlert(t("rtr.notesNeedText", { label: r.label }));
        focusUnit(r.key);
        return;
      }
    }
    if (state === "final" && empty.length) {
      setAlert(t("rtr.missingFinal", { count: empty.length }));
      focusUnit(empty[0]!.key);
      return;
    }
    try {
      const { translation: now } = await save.mutateAsync({ baseVersion, state, paragraphs });
      if (!now) throw new ApiError(500, { error: { code: "http_error", message: "HTTP 500" } });
      setSaved({ state: now.state, version: now.version, updatedAt: now.updatedAt, updatedBy: me?.name ?? null });
      setDirty(false);
      setStale(null);
      snapshot();
      setStatus(t(state === "final" ? "rtr.savedFinal" : "rtr.saved", { version: now.version }));
    } catch (err) {
      const theirs = staleTranslation(err);
      if (theirs) {
        setStale(theirs);
        return;
      }
      const { message, fields } = describeError(err, t);
      setAlert(message);
      // "paragraphs.<pid>" names the paragraph the server found wanting.
      const bad = err instanceof ApiError ? err.fields.map((f) => f.field.replace(/^paragraphs\.?/, "")).find((pid) => pid && domIdOf.has(pid)) : undefined;
      if (bad) focusUnit(bad);
      else if (fields.paragraphs && empty[0]) focusUnit(empty[0].key);
    }
  }
  const submitRef = useRef(submit);
  submitRef.current = submit;

  // Ctrl+S (⌘S on a Mac) saves as in progress.
  useEffect(() => {
    if (readOnly) return;
    const onKey = (e: globalThis.KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === "s") {
        e.preventDefault();
        if (!save.isPending) void submitRef.current("in_progress");
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [readOnly, save.isPending]);

  const loadTheirs = (theirs: SavedTranslation) => {
    values.current = valuesOf(theirs.paragraphs);
    const f = Object.fromEntries(units.map((u) => [u.key, hasText(values.current.get(u.key))]));
    setFilled(f);
    setSaved({ state: theirs.state, version: theirs.version, updatedAt: theirs.updatedAt, updatedBy: null });
    setGen((g) => g + 1);
    setDirty(false);
    setStale(null);
    snapshot(f);
    setAlert(null);
    setStatus(t("rtr.loaded", { version: theirs.version }));
  };

  const nextEmpty = () => {
    if (!empty.length) {
      setStatus(t("rtr.allDone"));
      return;
    }
    const at = units.findIndex((u) => u.key === lastField.current);
    const after = empty.find((u) => units.indexOf(u) > at) ?? empty[0]!;
    focusUnit(after.key);
  };

  const stateKey = published ? "published" : saved.state;
  const visibleRows = onlyUntranslated ? rows.filter((r) => !doneAtSnapshot.has(r.key)) : rows;
  const back = `/reports/${encodeURIComponent(id)}`;
  const dir = dirOf(lang);
  const fromDir = dirOf(original);

  return (
    <>
      <p className="breadcrumb">
        <Link href={back} onClick={guard(dirty, t)}>
          {t("rtr.back")}
        </Link>
      </p>
      <header className="doc-header">
        <p className="eyebrow">
          {t("doc.kind.progress_report")}
          {detail?.report.symbol && (
            <>
              {" · "}
              <span className="symbol">{detail.report.symbol}</span>
            </>
          )}
        </p>
        <PageTitle title={`${t("rtr.title", { language })}: ${data.title}`}>{t("rtr.title", { language })}</PageTitle>
        <p className="lead">
          <bdi lang={original} dir={fromDir}>
            {data.title}
          </bdi>
        </p>
        <p className="doc-facts">{t("rtr.adoptedText", { label: revLabel(t, data.revision.number), date: data.revision.adoptedAt ? fmt(data.revision.adoptedAt) : "" })}</p>
        <p className="rtr-state">
          <span>{t("rtr.state")}: </span>
          <span className={`tag rtr-tag-${stateKey}`}>{t(`rtr.state.${stateKey}` as MessageKey)}</span>
          {saved.updatedAt && (
            <span className="muted">
              {" "}
              {saved.updatedBy
                ? t("rtr.savedBy", { version: saved.version, name: saved.updatedBy, date: fmt(saved.updatedAt) })
                : t("rtr.savedVersion", { version: saved.version, date: fmt(saved.updatedAt) })}
            </span>
          )}
        </p>
      </header>

      <Languages id={id} lang={lang} detail={detail} revisionId={data.revision.id} current={saved.state} dirty={dirty} />

      <section className="rtr-progress" aria-labelledby="rtr-progress-text">
        <p id="rtr-progress-text">
          <strong>{t("rtr.progress", { done: doneParagraphs, total: paragraphKeys.length })}</strong>
          {noteKeys.length > 0 && <span> · {t("rtr.progressNotes", { done: doneNotes, total: noteKeys.length })}</span>}
        </p>
        <progress max={units.length} value={units.length - empty.length} aria-labelledby="rtr-progress-text" />
      </section>

      {published && publication && (
        <div className="notice rtr-published">
          <p>{t("rtr.publishedLocked", { symbol: publication.symbol })}</p>
          <p>
            <a href={publishedHref!}>{t("rtr.openPublished", { language, symbol: publication.symbol })}</a>
          </p>
        </div>
      )}

      {!readOnly && (
        <div className="rtr-bar" role="region" aria-label={t("rtr.tools")}>
          <label className="check">
            <input
              type="checkbox"
              checked={onlyUntranslated}
              onChange={(e) => {
                setOnlyUntranslated(e.target.checked);
                if (e.target.checked) snapshot();
              }}
            />
            {t("rtr.onlyUntranslated")}
          </label>
          <button type="button" className="button secondary small" onClick={nextEmpty}>
            {t("rtr.nextEmpty")}
          </button>
          <span className="bar-gap" />
          {dirty && <span className="unsaved">{t("rtr.unsaved")}</span>}
          <button type="button" className="button secondary" disabled={save.isPending} aria-keyshortcuts="Control+S" onClick={() => void submit("in_progress")}>
            {save.isPending && pendingState.current === "in_progress" ? t("common.saving") : t("rtr.saveProgress")}
          </button>
          <button
            type="button"
            className="button"
            disabled={save.isPending}
            onClick={() => void submit("final")}
          >
            {t("rtr.markFinal")}
          </button>
          {/* In the bar, so a message stays in sight however far down the text the translator is. */}
          <div className="rtr-messages">
            <FormMessages alert={alert} status={status} />
          </div>
        </div>
      )}
      {readOnly && <FormMessages alert={alert} status={status} />}
      {!readOnly && <p className="hint">{t("rtr.keys")}</p>}

      {!readOnly && saved.state === "final" && !dirty && !published && detail?.report.permissions.publish && (
        <PublishCard
          publication={publication}
          language={language}
          busy={publish.isPending}
          onPublish={async () => {
            if (!publication || !window.confirm(t("rtr.publishConfirm", { language, symbol: publication.symbol }))) return;
            setAlert(null);
            setStatus(null);
            try {
              await publish.mutateAsync(publication.id);
              setStatus(t("rtr.publishedNow", { language, symbol: publication.symbol }));
            } catch (err) {
              setAlert(describeError(err, t).message);
            }
          }}
        />
      )}

      <section className="rtr-text" aria-labelledby="rtr-text-title">
        <h2 id="rtr-text-title" className="visually-hidden">
          {t("rtr.textTitle")}
        </h2>
        <div className="rtr-columns" aria-hidden="true">
          <span>{t("rtr.colOriginal", { language: t(`lang.${original}` as MessageKey) })}</span>
          <span>{t("rtr.colTranslation", { language })}</span>
        </div>
        {onlyUntranslated && visibleRows.length === 0 && <p className="notice">{t("rtr.allDone")}</p>}
        <ol className="rtr-rows">
          {rows.map((r) => (
            <RowView
              key={`${gen}:${r.key}`}
              row={r}
              hidden={onlyUntranslated && doneAtSnapshot.has(r.key)}
              filled={filled[r.key] ?? false}
              notesFilled={r.notes.map((n) => filled[n.key] ?? false).join()}
              initial={values.current}
              lang={lang}
              dir={dir}
              from={original}
              fromDir={fromDir}
              readOnly={readOnly}
              onInput={onInput}
              onFocusField={onFocusField}
            />
          ))}
        </ol>
      </section>

      {stale && (
        <StaleDialog
          theirs={stale}
          busy={save.isPending}
          onLoad={() => loadTheirs(stale)}
          onKeep={() => void submit(pendingState.current, stale.version)}
          onClose={() => setStale(null)}
        />
      )}
    </>
  );
}

function PublishCard({ publication, language, busy, onPublish }: { publication: { symbol: string } | null; language: string; busy: boolean; onPublish: () => void }) {
  const { t } = useI18n();
  return (
    <section className="card rtr-publish" aria-labelledby="rtr-publish-title">
      <h2 id="rtr-publish-title">{t("rtr.publishTitle")}</h2>
      {publication ? (
        <>
          <p>{t("rtr.publishIntro", { symbol: publication.symbol, language })}</p>
          <button type="button" className="button" disabled={busy} onClick={onPublish}>
            {busy ? t("rtr.publishing") : t("rtr.publish")}
          </button>
        </>
      ) : (
        <p>{t("rtr.withReport", { language })}</p>
      )}
    </section>
  );
}

type RowProps = {
  row: Row;
  hidden: boolean;
  filled: boolean;
  /** The footnotes' filled flags, joined, so the row re-renders only when one flips. */
  notesFilled: string;
  initial: Map<string, string>;
  lang: ReportLanguage;
  dir: "rtl" | "ltr";
  from: ReportLanguage;
  fromDir: "rtl" | "ltr";
  readOnly: boolean;
  onInput: (key: string, html: string) => void;
  onFocusField: (key: string) => void;
};

const RowView = memo(function RowView({ row, hidden, filled, notesFilled, initial, lang, dir, from, fromDir, readOnly, onInput, onFocusField }: RowProps) {
  const { t } = useI18n();
  const notes = notesFilled.split(",");
  const kind = row.kind === "title" ? t("rtr.kind.title") : t(`rtr.kind.${row.kind}` as MessageKey);
  return (
    <li className={`rtr-row rtr-row-${row.kind}`} hidden={hidden}>
      <div className="rtr-pair">
        <div className="rtr-src">
          <p className="rtr-meta">
            {row.number !== null && <span className="rtr-number">{row.number}.</span>}
            <span className="rtr-kind">{kind}</span>
          </p>
          {/* The adopted text is the documents' restricted markup, sanitized again before it is set. */}
          <div className="rtr-source-text" lang={from} dir={fromDir}>
            <span dangerouslySetInnerHTML={{ __html: sanitizeInline(row.html) }} />
            {row.notes.map((n) => (
              <sup key={n.key} className="rtr-noteref">
                {n.number}
              </sup>
            ))}
          </div>
        </div>
        <FieldCell unit={row} filled={filled} initial={initial} lang={lang} dir={dir} readOnly={readOnly} onInput={onInput} onFocusField={onFocusField} heading={row.kind === "heading" || row.kind === "title"} />
      </div>
      {row.notes.map((n, i) => (
        <div className="rtr-pair rtr-note" key={n.key}>
          <div className="rtr-src">
            <p className="rtr-meta">
              <span className="rtr-kind">{t("rtr.footnote", { n: n.number })}</span>
            </p>
            <div className="rtr-source-text" lang={from} dir={fromDir} dangerouslySetInnerHTML={{ __html: sanitizeInline(n.html) }} />
          </div>
          <FieldCell unit={n} filled={notes[i] === "true"} initial={initial} lang={lang} dir={dir} readOnly={readOnly} onInput={onInput} onFocusField={onFocusField} heading={false} />
        </div>
      ))}
    </li>
  );
});

function FieldCell({
  unit,
  filled,
  initial,
  lang,
  dir,
  readOnly,
  onInput,
  onFocusField,
  heading,
}: {
  unit: Unit;
  filled: boolean;
  initial: Map<string, string>;
  lang: ReportLanguage;
  dir: "rtl" | "ltr";
  readOnly: boolean;
  onInput: (key: string, html: string) => void;
  onFocusField: (key: string) => void;
  heading: boolean;
}) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  // Uncontrolled: React sets the text once; the browser owns it afterwards.
  useLayoutEffect(() => {
    ref.current!.innerHTML = sanitizeInline(initial.get(unit.key) ?? "");
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    // One paragraph is one field: Enter breaks the line inside it.
    if (e.key === "Enter" && !e.nativeEvent.isComposing) {
      e.preventDefault();
      document.execCommand("insertLineBreak");
    }
  };
  const onPaste = (e: ClipboardEvent<HTMLDivElement>) => {
    e.preventDefault();
    const html = e.clipboardData.getData("text/html");
    const text = e.clipboardData.getData("text/plain");
    const clean = html ? sanitizeInline(html) : escapeText(text).replace(/\r?\n/g, "<br>");
    if (clean) document.execCommand("insertHTML", false, clean);
  };
  return (
    <div className="rtr-tgt">
      <p className="rtr-meta">
        <span id={`${unit.domId}-label`} className="rtr-label">
          {unit.label}
        </span>
        {!filled && (
          <span id={`${unit.domId}-state`} className="rtr-missing">
            {t("rtr.untranslated")}
          </span>
        )}
      </p>
      <div
        ref={ref}
        id={unit.domId}
        className={`rtr-field${heading ? " rtr-field-heading" : ""}${filled ? "" : " is-empty"}`}
        role="textbox"
        aria-multiline="true"
        aria-labelledby={`${unit.domId}-label`}
        aria-describedby={filled ? undefined : `${unit.domId}-state`}
        aria-readonly={readOnly || undefined}
        contentEditable={!readOnly}
        suppressContentEditableWarning
        tabIndex={0}
        lang={lang}
        dir={dir}
        spellCheck
        onInput={(e) => onInput(unit.key, e.currentTarget.innerHTML)}
        onFocus={() => onFocusField(unit.key)}
        onKeyDown={readOnly ? undefined : onKeyDown}
        onPaste={readOnly ? undefined : onPaste}
      />
    </div>
  );
}

function StaleDialog({ theirs, busy, onLoad, onKeep, onClose }: { theirs: SavedTranslation; busy: boolean; onLoad: () => void; onKeep: () => void; onClose: () => void }) {
  const { t } = useI18n();
  const fmt = useFormatDate();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current!;
    if (!d.open) d.showModal();
    return () => d.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className="rtr-dialog"
      aria-labelledby="rtr-stale-title"
      aria-describedby="rtr-stale-body"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <h2 id="rtr-stale-title">{t("rtr.staleTitle")}</h2>
      <p id="rtr-stale-body">{t("rtr.staleBody", { version: theirs.version, date: fmt(theirs.updatedAt) })}</p>
      <p>{t("rtr.staleChoice")}</p>
      <div className="actions">
        <button type="button" className="button" onClick={onLoad} autoFocus>
          {t("rtr.loadTheirs")}
        </button>
        <button type="button" className="button danger" disabled={busy} onClick={onKeep}>
          {t("rtr.keepMine")}
        </button>
        <button type="button" className="button secondary" onClick={onClose}>
          {t("common.cancel")}
        </button>
      </div>
    </dialog>
  );
}
