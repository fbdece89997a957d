// Downloads of a draft (an issued revision or the working text) as PDF, Word or HTML, with
// a progress bar: on a slow mobile link a report takes a while, and the reader should see it
// coming and be able to stop it. The file is saved under the server's file name.
import { useId, useRef, useState } from "react";
import { ApiError } from "../../api";
import { useI18n } from "../../i18n";
import { downloadWithProgress, EXPORT_FORMATS, exportUrl, type ExportFormat, type Progress, type ReportData } from "../../queries/reports";
import { revLabel } from "../documents";
import { describeError } from "../form";
import { useSize } from "./common";

const FORMAT_KEYS = { pdf: "report.export.pdf", docx: "report.export.docx", html: "report.export.html" } as const;

export function ExportPanel({ data }: { data: ReportData }) {
  const { t } = useI18n();
  const size = useSize();
  const hid = useId();
  const { report, revisions } = data;
  const latest = revisions.at(-1);
  // The working text (not issued) is for its editors; readers download issued revisions.
  const working = report.permissions.compile;
  const [which, setWhich] = useState<string>(latest ? String(latest.number) : "working");
  const [progress, setProgress] = useState<(Progress & { format: ExportFormat }) | null>(null);
  const [milestone, setMilestone] = useState(0);
  const [status, setStatus] = useState<string | null>(null);
  const [alert, setAlert] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);
  const revision = which === "working" ? ("working" as const) : Number(which);
  const pct = progress?.total ? Math.min(100, Math.round((progress.loaded / progress.total) * 100)) : null;

  async function download(format: ExportFormat) {
    if (progress) return;
    setStatus(null);
    setAlert(null);
    setMilestone(0);
    abort.current = new AbortController();
    setProgress({ loaded: 0, total: null, format });
    try {
      const file = await downloadWithProgress(
        exportUrl(report.id, format, revision),
        `${(report.symbol ?? "report").replace(/[/\s]+/g, "-")}.${format}`,
        (p) => {
          setProgress({ ...p, format });
          // Say it every quarter, not on every chunk.
          if (p.total) setMilestone((m) => Math.max(m, Math.floor((p.loaded / p.total!) * 4) * 25));
        },
        abort.current.signal,
      );
      setStatus(t("report.export.done", { name: file.name, size: size(file.size) }));
    } catch (err) {
      if (err instanceof ApiError && err.code === "aborted") setStatus(t("report.export.cancelled"));
      else if (err instanceof ApiError && err.status === 422) setAlert(t("report.export.noPdf"));
      else setAlert(describeError(err, t).message);
    } finally {
      setProgress(null);
      abort.current = null;
    }
  }

  if (!working && !latest) return null;
  return (
    <section className="card export-panel" aria-labelledby={`${hid}-h`}>
      <h2 id={`${hid}-h`}>{t("report.export.title")}</h2>
      <p className="hint">{t("report.export.intro")}</p>
      <div className="field limited">
        <label htmlFor={`${hid}-which`}>{t("report.export.which")}</label>
        <select id={`${hid}-which`} value={which} onChange={(e) => setWhich(e.target.value)}>
          {[...revisions].reverse().map((r) => (
            <option key={r.number} value={String(r.number)}>
              {revLabel(t, r.number)}
              {r.adoptedAt ? ` — ${t("report.state.adopted")}` : ""}
            </option>
          ))}
          {working && <option value="working">{t("report.export.working")}</option>}
        </select>
      </div>
      <div className="actions export-buttons">
        {EXPORT_FORMATS.map((f) => (
          <button key={f} type="button" className="button secondary" aria-disabled={!!progress} onClick={() => void download(f)}>
            {t(FORMAT_KEYS[f])}
          </button>
        ))}
      </div>
      {progress && (
        <div className="download-progress">
          <label htmlFor={`${hid}-progress`}>
            {pct !== null
              ? t("report.export.progress", { percent: pct, format: progress.format.toUpperCase() })
              : t("report.export.progressBytes", { size: size(progress.loaded), format: progress.format.toUpperCase() })}
          </label>
          {/* Without a length, an indeterminate bar (no value) still shows that it is working. */}
          <progress id={`${hid}-progress`} max={100} value={pct ?? undefined} />
          <button type="button" className="button secondary small" onClick={() => abort.current?.abort()}>
            {t("report.export.cancel")}
          </button>
        </div>
      )}
      <div className="live" aria-live="polite" aria-atomic="true">
        {progress && milestone > 0 && milestone < 100 && <p className="visually-hidden">{t("report.export.progress", { percent: milestone, format: progress.format.toUpperCase() })}</p>}
        {status && <p className="alert alert-ok">{status}</p>}
      </div>
      <div className="live" aria-live="assertive" aria-atomic="true">
        {alert && <p className="alert alert-error">{alert}</p>}
      </div>
    </section>
  );
}
