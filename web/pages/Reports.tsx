// The progress reports a person may read, each with its stage, latest revision and published
// texts; the secretariat starts a new one here (compiled at once from the group's data).
// Published texts live on public, server-rendered pages: plain links, full page loads.
import { useQuery } from "@tanstack/react-query";
import { useId } from "react";
import { revLabel } from "../components/documents";
import { reportHref, StateBadge } from "../components/reports/common";
import { ReportForm } from "../components/reports/ReportForm";
import { DateTime, ErrorState, Loading, PageTitle } from "../components/ui";
import { useI18n } from "../i18n";
import { reportListQuery, useReportWrites, type ReportListItem } from "../queries/reports";
import { Link, navigate } from "../router";

export default function Reports() {
  const { t } = useI18n();
  const q = useQuery(reportListQuery);
  return (
    <>
      <PageTitle>{t("reportList.title")}</PageTitle>
      <p className="lead">{t("reportList.intro")}</p>
      <p>
        {/* The public archive is server-rendered and works without signing in. */}
        <a href="/published">{t("reportList.archive")}</a>
      </p>
      {q.isPending ? (
        <Loading />
      ) : q.error ? (
        <ErrorState error={q.error} retry={() => q.refetch()} />
      ) : (
        <>
          <section aria-labelledby="reports-list-h">
            <h2 id="reports-list-h">{t("reportList.listTitle")}</h2>
            {q.data.reports.length === 0 ? (
              <p className="muted">{q.data.canCreate ? t("reportList.emptyCreate") : t("reportList.empty")}</p>
            ) : (
              <ul className="plain report-list">
                {q.data.reports.map((r) => (
                  <ReportItem key={r.id} r={r} />
                ))}
              </ul>
            )}
          </section>
          {q.data.canCreate && <NewReport />}
        </>
      )}
    </>
  );
}

function ReportItem({ r }: { r: ReportListItem }) {
  const { t } = useI18n();
  return (
    <li className="report-item">
      <h3 className="report-item-title">
        <Link href={reportHref(r.id)}>
          <bdi>{r.title}</bdi>
        </Link>
      </h3>
      <p className="doc-meta">
        {r.symbol ? <span className="symbol">{r.symbol}</span> : <span className="muted">{t("reportList.noSymbol")}</span>}
        <span aria-hidden="true"> · </span>
        <span>{t("report.session", { n: r.session })}</span>
        <span aria-hidden="true"> · </span>
        <StateBadge state={r.state} />
      </p>
      <p className="doc-meta small muted">
        {r.latestRevision ? t("reportList.latest", { label: revLabel(t, r.latestRevision.number) }) : t("reportList.noRevision")}
        <span aria-hidden="true"> · </span>
        {t("reportList.updated")} <DateTime iso={r.updatedAt} />
      </p>
      {r.publications.length > 0 && (
        <p className="doc-meta small">
          {t("reportList.publishedAs")}{" "}
          {r.publications.map((p, i) => (
            <span key={p.symbol}>
              {i > 0 && ", "}
              <a href={p.href}>
                <span className="symbol">{p.symbol}</span>
              </a>
            </span>
          ))}
        </p>
      )}
    </li>
  );
}

function NewReport() {
  const { t } = useI18n();
  const hid = useId();
  const writes = useReportWrites();
  return (
    <section className="card new-report" aria-labelledby={`${hid}-h`}>
      <h2 id={`${hid}-h`}>{t("reportList.new")}</h2>
      <p>{t("reportList.newIntro")}</p>
      <ReportForm
        initial={{ title: "", symbol: "", session: "", agendaItem: "", wordLimit: "8500" }}
        submitLabel={t("reportList.create")}
        busyLabel={t("reportList.creating")}
        onSubmit={async (json) => {
          const res = await writes.create(json);
          navigate(reportHref(res.report.id));
        }}
      />
    </section>
  );
}
