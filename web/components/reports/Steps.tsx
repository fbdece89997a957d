// Where the report stands: drafting → under review → adopted → published, the current step
// marked for screen readers, and one sentence saying what happens next and who does it.
import type { ReactNode } from "react";
import { useI18n } from "../../i18n";
import type { ReportData } from "../../queries/reports";
import { Link } from "../../router";
import { revLabel } from "../documents";
import { DateTime, useFormatDate } from "../ui";
import { boardHref, revisionHref, stateLabel, STATUS_ID } from "./common";

const STEPS = ["drafting", "under_review", "adopted", "published"] as const;


export function ReportSteps({ data }: { data: ReportData }) {
  const { t } = useI18n();
  const { report } = data;
  const current = STEPS.indexOf(report.state);
  const latest = report.latestRevision;
  const lastPublication = report.publications.filter((p) => p.kind !== "corrigendum").at(-1);
  return (
    <ol className="stepper report-steps" aria-label={t("report.steps")}>
      {STEPS.map((s, i) => (
        <li key={s} className={i < current ? "done" : i === current ? "current" : "todo"} aria-current={i === current ? "step" : undefined}>
          <span className="step-n" aria-hidden="true">
            {i < current ? "✓" : i + 1}
          </span>
          <span>
            {stateLabel(t, s)}
            {i < current && <span className="visually-hidden"> ({t("report.stepDone")})</span>}
            {s === "under_review" && latest && i <= current && report.state !== "drafting" && <span className="step-detail">{revLabel(t, latest.number)}</span>}
            {s === "adopted" && latest?.adoptedAt && i <= current && (
              <span className="step-detail">
                <DateTime iso={latest.adoptedAt} />
              </span>
            )}
            {s === "published" && report.state === "published" && lastPublication && (
              <span className="step-detail">
                <span className="symbol">{lastPublication.symbol}</span>
              </span>
            )}
          </span>
        </li>
      ))}
    </ol>
  );
}

/** What happens next, and who does it; under review, with the ways to the revision and its board. */
export function NextStep({ data }: { data: ReportData }) {
  const { t } = useI18n();
  const { report } = data;
  const rev = report.latestRevision;
  const compile = report.permissions.compile;
  const fmt = useFormatDate();
  let text: ReactNode;
  let links: ReactNode = null;
  if (report.state === "drafting") {
    text = report.publications.length ? t(compile ? "report.next.revisedCompile" : "report.next.revised") : t(compile ? "report.next.draftingCompile" : "report.next.drafting");
  } else if (report.state === "under_review" && rev) {
    const label = revLabel(t, rev.number);
    const when = rev.window === "closed" ? "closed" : rev.window === "open" ? "open" : "notOpen";
    text = t(`report.next.review.${when}`, { label, date: fmt(when === "notOpen" ? rev.commentsOpenAt : rev.commentsCloseAt) });
    links = (
      <ul className="doc-links next-links">
        <li>
          <Link href={revisionHref(report.documentId, rev.number)}>{t(report.permissions.comment ? "report.commentOn" : "report.readRevision", { label })}</Link>
        </li>
        <li>
          <Link href={boardHref(report.documentId, rev.number)}>{t(report.permissions.runConsensus ? "report.boardChair" : "report.board", { label })}</Link>
        </li>
      </ul>
    );
  } else if (report.state === "adopted" && rev) {
    const vars = { label: revLabel(t, rev.number), date: rev.adoptedAt ? fmt(rev.adoptedAt) : "", symbol: report.symbol ?? "" };
    text = t(report.symbol ? (report.permissions.publish ? "report.next.adoptedPublisher" : "report.next.adopted") : "report.next.adoptedNoSymbol", vars);
  } else {
    const last = report.publications.filter((p) => p.kind !== "corrigendum").at(-1);
    text = last ? t("report.next.published", { symbol: last.symbol, date: fmt(last.publishedAt) }) : stateLabel(t, report.state);
    if (last)
      links = (
        <ul className="doc-links next-links">
          <li>
            {/* A server-rendered page outside the app: a full page load. */}
            <a href={last.href}>{t("report.publicPage", { symbol: last.symbol })}</a>
          </li>
        </ul>
      );
  }
  return (
    <div id={STATUS_ID} tabIndex={-1} className={`status-line report-status report-status-${report.state}`}>
      <p>{text}</p>
      {links}
    </div>
  );
}
