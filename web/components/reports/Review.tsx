// Submitting the report for review: its saved sections are issued as the document's next
// revision, with a comment window typed on the wall clock of a chosen zone (Geneva's by
// default). Members then comment and take positions on the revision page, and the Chair
// runs the silence procedure or consensus round on its board.
import { useId, useState } from "react";
import { instantToZonedLocal, zonedToInstant } from "../../../worker/lib/zonedTime";
import { ReviewBody } from "../../../worker/reports/schemas";
import { useI18n } from "../../i18n";
import { GENEVA } from "../../i18n/time";
import { useReportWrites, type ReportData } from "../../queries/reports";
import { Link } from "../../router";
import { revLabel, WindowInfo } from "../documents";
import { FormMessages, useForm } from "../form";
import { ZonedDateTimeField, ZoneSelect } from "../ZonedDateTimeField";
import { boardHref, revisionHref, STATUS_FOCUS } from "./common";

const DAY = 86_400_000;

export function ReviewPanel({ data, unsaved, overLimit }: { data: ReportData; unsaved: string[]; overLimit: boolean }) {
  const { t } = useI18n();
  const writes = useReportWrites(data.report.id);
  const form = useForm();
  const hid = useId();
  const { report } = data;
  const rev = report.latestRevision;
  const nextNumber = rev ? rev.number + 1 : 0;
  const nextLabel = revLabel(t, nextNumber);
  const underReview = report.state === "under_review" && rev;
  const [zone, setZone] = useState(GENEVA);
  const [openAt, setOpenAt] = useState(() => instantToZonedLocal(Date.now() - 60_000, GENEVA));
  const [closeAt, setCloseAt] = useState(() => `${instantToZonedLocal(Date.now() + 14 * DAY, GENEVA).slice(0, 10)}T18:00`);
  const [allowLate, setAllowLate] = useState(false);
  const o = zonedToInstant(openAt, zone);
  const c = zonedToInstant(closeAt, zone);

  return (
    <section className="card review-panel" aria-labelledby={`${hid}-h`}>
      <h2 id={`${hid}-h`}>{t("report.review.title")}</h2>
      {underReview && (
        <div className="review-current">
          <p>
            <strong>{t("report.review.current", { label: revLabel(t, rev.number) })}</strong>
          </p>
          <WindowInfo w={rev} />
          <ul className="doc-links">
            <li>
              <Link href={revisionHref(report.documentId, rev.number)}>{t("report.review.openRevision", { label: revLabel(t, rev.number) })}</Link>
            </li>
            <li>
              <Link href={boardHref(report.documentId, rev.number)}>{t("report.review.openBoard", { label: revLabel(t, rev.number) })}</Link>
            </li>
          </ul>
        </div>
      )}
      <h3>{underReview ? t("report.review.next", { label: nextLabel }) : t("report.review.submit")}</h3>
      <p>{t("report.review.intro", { label: nextLabel })}</p>
      {unsaved.length > 0 && (
        <p className="notice" role="note">
          {t("report.review.unsaved", { sections: unsaved.join(", ") })}
        </p>
      )}
      {overLimit && <p className="notice">{t("report.review.over")}</p>}
      <FormMessages alert={form.alert} status={form.status} />
      <form
        ref={form.formRef}
        noValidate
        className="form limited"
        onSubmit={(e) => {
          e.preventDefault();
          if (form.busy) return;
          if (unsaved.length) {
            form.setAlert(t("report.review.unsaved", { sections: unsaved.join(", ") }));
            return;
          }
          if (!o || !c) {
            form.setErrors({ ...(o ? {} : { commentsOpenAt: t("report.badTime") }), ...(c ? {} : { commentsCloseAt: t("report.badTime") }) });
            form.setAlert(t("common.formErrors"));
            return;
          }
          const parsed = ReviewBody.safeParse({ commentsOpenAt: o.iso, commentsCloseAt: c.iso, commentsTimeZone: zone, allowLate });
          void form.submit(parsed, async (body) => {
            const res = await writes.review(body);
            STATUS_FOCUS();
            return t("report.review.issued", { label: revLabel(t, res.revision.number) });
          });
        }}
      >
        <ZoneSelect label={t("editor.timeZone")} name="commentsTimeZone" value={zone} onChange={(e) => setZone(e.target.value)} hint={t("report.zoneHint")} error={form.errors.commentsTimeZone} />
        <div className="form-row">
          <ZonedDateTimeField label={t("editor.opens")} name="commentsOpenAt" zone={zone} value={openAt} onChange={(e) => setOpenAt(e.target.value)} error={form.errors.commentsOpenAt} />
          <ZonedDateTimeField label={t("editor.closes")} name="commentsCloseAt" zone={zone} value={closeAt} onChange={(e) => setCloseAt(e.target.value)} error={form.errors.commentsCloseAt} />
        </div>
        <label className="check">
          <input type="checkbox" name="allowLate" checked={allowLate} onChange={(e) => setAllowLate(e.target.checked)} />
          {t("report.allowLate")}
        </label>
        <div className="actions">
          <button type="submit" className="button" aria-disabled={form.busy}>
            {form.busy ? t("report.issuing") : underReview ? t("report.review.issueNext", { label: nextLabel }) : t("report.review.submitButton", { label: nextLabel })}
          </button>
        </div>
      </form>
    </section>
  );
}
