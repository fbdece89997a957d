// The workspace of one progress report: its stage and what comes next, the word count
// against the General Assembly's limit, the text section by section (edited by the
// secretariat while drafting and under review; read only once adopted), regeneration from
// the group's data, review, publication and corrigenda, downloads and translations.
import { useQuery } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { paragraphNumbers, liveSections, sectionLabels } from "../components/reports/common";
import { ExportPanel } from "../components/reports/Exports";
import { CorrigendumForm, PublishedTexts, PublishPanel, ReopenPanel } from "../components/reports/Publication";
import { RegeneratePanel } from "../components/reports/Regenerate";
import { ReportForm } from "../components/reports/ReportForm";
import { ReviewPanel } from "../components/reports/Review";
import { AddSectionForm, SectionEditor, SectionsToc, SectionView, toDraft, type Draft, type Drafts } from "../components/reports/Sections";
import { NextStep, ReportSteps } from "../components/reports/Steps";
import { TranslationsPanel } from "../components/reports/Translations";
import { WordCount } from "../components/reports/WordCount";
import { StateBadge } from "../components/reports/common";
import { ErrorState, Loading, PageTitle } from "../components/ui";
import { useI18n } from "../i18n";
import { reportQuery, useReportWrites, type ReportData } from "../queries/reports";
import { Link } from "../router";

export default function Report({ params }: { params: Record<string, string> }) {
  const id = params.id ?? "";
  const q = useQuery(reportQuery(id));
  if (q.isPending) return <Loading />;
  if (q.error) return <ErrorState error={q.error} retry={() => q.refetch()} />;
  return <Workspace data={q.data} />;
}

function Workspace({ data }: { data: ReportData }) {
  const { t, locale } = useI18n();
  const { report, sections } = data;
  const [drafts, setDrafts] = useState<Drafts>({});
  const [openKey, setOpenKey] = useState<string | null>(() => sections[0]?.key ?? null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const focusOnOpen = useRef(false);
  const editable = report.permissions.compile && (report.state === "drafting" || report.state === "under_review");
  const open = sections.find((s) => s.key === openKey) ?? sections[0] ?? null;
  const draft = open ? drafts[open.key] : undefined;

  // The open section gets a draft to edit; a draft nobody has touched follows the server.
  useEffect(() => {
    if (!editable || !open) return;
    const d = drafts[open.key];
    if (!d || (!d.dirty && !d.stale && open.version !== d.baseVersion)) setDrafts((all) => ({ ...all, [open.key]: toDraft(open) }));
  }, [editable, open, drafts]);
  // Drafts of sections that are gone (removed) are dropped.
  useEffect(() => {
    const gone = Object.keys(drafts).filter((k) => !sections.some((s) => s.key === k));
    if (gone.length) setDrafts((all) => Object.fromEntries(Object.entries(all).filter(([k]) => !gone.includes(k))));
  }, [sections, drafts]);
  const unsavedKeys = Object.entries(drafts)
    .filter(([, d]) => d.dirty)
    .map(([k]) => k);
  useEffect(() => {
    if (unsavedKeys.length === 0) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [unsavedKeys.length]);
  // The opened section's heading takes focus once its editor (or text) is there.
  const ready = !!open && (!editable || !!draft);
  useEffect(() => {
    if (focusOnOpen.current && ready) {
      focusOnOpen.current = false;
      headingRef.current?.focus();
    }
  }, [openKey, ready]);

  const serverWords = useMemo(() => new Map(data.words.sections.map((s) => [s.key, s.words])), [data.words]);
  const live = liveSections(sections, serverWords, drafts);
  const labels = useMemo(() => sectionLabels(t, sections, locale === "ar"), [t, sections, locale]);
  const numbers = paragraphNumbers(live);
  const total = live.filter((s) => !s.annex).reduce((n, s) => n + s.words, 0);
  const titleOf = (key: string) => `${labels.get(key) ?? ""} ${sections.find((s) => s.key === key)?.title ?? ""}`.trim();

  const setDraft = useCallback(
    (key: string) => (update: (d: Draft) => Draft) => setDrafts((all) => (all[key] ? { ...all, [key]: update(all[key]!) } : all)),
    [],
  );
  const openSection = (key: string) => {
    focusOnOpen.current = true;
    setOpenKey(key);
    if (key === openKey) headingRef.current?.focus();
  };

  return (
    <>
      <p className="breadcrumb">
        <Link href="/reports">{t("report.back")}</Link>
      </p>
      <header className="report-header">
        <p className="eyebrow">{t("report.eyebrow")}</p>
        <PageTitle title={report.title}>
          <bdi>{report.title}</bdi>
        </PageTitle>
        <p className="doc-meta report-meta">
          {report.symbol ? <span className="symbol">{report.symbol}</span> : <span className="muted">{t("reportList.noSymbol")}</span>}
          <span aria-hidden="true"> · </span>
          <span>{t("report.session", { n: report.session })}</span>
          {report.agendaItem && (
            <>
              <span aria-hidden="true"> · </span>
              <span dir="auto">{report.agendaItem}</span>
            </>
          )}
          <span aria-hidden="true"> · </span>
          <StateBadge state={report.state} />
        </p>
      </header>

      <ReportSteps data={data} />
      <NextStep data={data} />

      <nav className="on-this-page" aria-label={t("report.onThisPage")}>
        <ul>
          <li>
            <a href="#report-text">{t("report.text")}</a>
          </li>
          {report.permissions.compile && (report.state === "drafting" || report.state === "under_review") && (
            <li>
              <a href="#report-review">{t("report.review.title")}</a>
            </li>
          )}
          <li>
            <a href="#report-publication">{t("report.publish.title")}</a>
          </li>
          <li>
            <a href="#report-downloads">{t("report.export.title")}</a>
          </li>
          <li>
            <a href="#report-translations">{t("report.tr.title")}</a>
          </li>
        </ul>
      </nav>

      {report.permissions.compile && <WordCount sections={live} labels={labels} limit={report.wordLimit} />}

      <section id="report-text" className="report-text" aria-labelledby="report-text-h" tabIndex={-1}>
        <h2 id="report-text-h">{t("report.text")}</h2>
        {/* The sections are the working text, its editors' alone: readers read the issued revisions. */}
        {!report.permissions.compile && <p className="notice">{t("report.workingForEditors")}</p>}
        {report.permissions.compile && !editable && (
          <p className="notice">
            {report.state === "adopted"
              ? t("report.locked.adopted")
              : report.state === "published"
                ? t("report.locked.published")
                : t("report.locked.readOnly")}
          </p>
        )}
        {report.permissions.compile && (
          <div className="report-layout">
            <SectionsToc sections={sections} live={live} labels={labels} drafts={drafts} openKey={open?.key ?? null} onOpen={openSection}>
              {editable && <AddSectionForm id={report.id} onAdded={openSection} />}
            </SectionsToc>
            <div className="report-main">
              {open &&
                (editable ? (
                  draft ? (
                    <SectionEditor
                      key={open.key}
                      id={report.id}
                      section={open}
                      draft={draft}
                      setDraft={setDraft(open.key)}
                      replaceDraft={(d) => setDrafts((all) => ({ ...all, [open.key]: d }))}
                      label={labels.get(open.key) ?? ""}
                      numbers={numbers.get(open.key) ?? []}
                      liveWords={live.find((l) => l.key === open.key)?.words ?? 0}
                      headingRef={headingRef}
                      onRemoved={() => setOpenKey(sections[0]?.key ?? null)}
                    />
                  ) : (
                    <Loading />
                  )
                ) : (
                  <SectionView section={open} label={labels.get(open.key) ?? ""} numbers={numbers.get(open.key) ?? []} headingRef={headingRef} />
                ))}
            </div>
          </div>
        )}
      </section>

      {editable && <RegeneratePanel data={data} labels={labels} unsaved={unsavedKeys} />}

      {editable && (
        <div id="report-review" tabIndex={-1}>
          <ReviewPanel data={data} unsaved={unsavedKeys.map(titleOf)} overLimit={total > report.wordLimit} />
        </div>
      )}

      <div id="report-publication" tabIndex={-1}>
        {report.permissions.publish ? <PublishPanel data={data} /> : <PublicationNote data={data} />}
        <PublishedTexts data={data} />
        {report.permissions.publish && <CorrigendumForm data={data} />}
        {report.permissions.compile && report.state === "published" && <ReopenPanel data={data} />}
      </div>

      <div id="report-downloads" tabIndex={-1}>
        <ExportPanel data={data} />
      </div>
      <div id="report-translations" tabIndex={-1}>
        <TranslationsPanel data={data} />
      </div>

      {report.permissions.compile && <DetailsPanel data={data} />}
    </>
  );
}

/** For readers who do not publish: only whether and where it is published. */
function PublicationNote({ data }: { data: ReportData }) {
  const { t } = useI18n();
  if (data.report.publications.length) return null;
  return (
    <section className="card" aria-labelledby="pub-note-h">
      <h2 id="pub-note-h">{t("report.publish.title")}</h2>
      <p className="muted">{t("report.publish.notYetReader")}</p>
    </section>
  );
}

function DetailsPanel({ data }: { data: ReportData }) {
  const { t } = useI18n();
  const { report } = data;
  const writes = useReportWrites(report.id);
  return (
    <section className="card report-details" aria-labelledby="details-h">
      <h2 id="details-h">{t("report.details.title")}</h2>
      <details>
        <summary>{t("report.details.open")}</summary>
        <ReportForm
          initial={{ title: report.title, symbol: report.symbol ?? "", session: String(report.session), agendaItem: report.agendaItem ?? "", wordLimit: String(report.wordLimit) }}
          locked={report.publications.length > 0}
          submitLabel={t("report.details.save")}
          busyLabel={t("common.saving")}
          onSubmit={async (json) => {
            await writes.update(json);
            return t("report.details.saved");
          }}
        />
      </details>
    </section>
  );
}
