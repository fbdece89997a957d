// "Regenerate from data": generated sections are rebuilt from the tracks' adopted texts, the
// meetings, comments and attendance as they are now. Sections edited by hand are kept and
// listed, each with a way to regenerate it anyway (after a confirmation: the edits are lost).
import { useId, useState } from "react";
import { useI18n } from "../../i18n";
import { useReportWrites, type RegenerateResult, type ReportData } from "../../queries/reports";
import { describeError, FormMessages } from "../form";

export function RegeneratePanel({ data, labels, unsaved }: { data: ReportData; labels: Map<string, string>; unsaved: string[] }) {
  const { t } = useI18n();
  const id = data.report.id;
  const writes = useReportWrites(id);
  const hid = useId();
  const [result, setResult] = useState<Pick<RegenerateResult, "regenerated" | "kept" | "unchanged"> | null>(null);
  const [busy, setBusy] = useState(false);
  const [alert, setAlert] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [discarded, setDiscarded] = useState<string[]>([]);

  const title = (key: string) => {
    const s = data.sections.find((x) => x.key === key);
    return s ? `${labels.get(key) ?? ""} ${s.title}` : key;
  };

  async function run(keys?: string[]) {
    if (busy) return;
    setBusy(true);
    setAlert(null);
    try {
      const res = await writes.regenerate(keys ? { keys, discardEdits: true } : {});
      if (keys) {
        setDiscarded((d) => [...d, ...res.regenerated]);
        setResult((r) => (r ? { ...r, kept: r.kept.filter((k) => !keys.includes(k)) } : r));
        setConfirming(null);
      } else {
        setResult({ regenerated: res.regenerated, kept: res.kept, unchanged: res.unchanged });
        setDiscarded([]);
      }
    } catch (err) {
      setAlert(describeError(err, t).message);
    } finally {
      setBusy(false);
    }
  }

  const list = (keys: string[]) => (
    <ul className="plain regen-list">
      {keys.map((k) => (
        <li key={k}>
          <bdi>{title(k)}</bdi>
        </li>
      ))}
    </ul>
  );

  return (
    <section className="card regenerate" aria-labelledby={`${hid}-h`}>
      <h2 id={`${hid}-h`}>{t("report.regen.title")}</h2>
      <p>{t("report.regen.intro")}</p>
      {unsaved.length > 0 && <p className="notice">{t("report.regen.unsaved", { sections: unsaved.map(title).join(", ") })}</p>}
      <div className="actions">
        <button type="button" className="button secondary" aria-disabled={busy} onClick={() => void run()}>
          {busy && !confirming ? t("report.regen.running") : t("report.regen.run")}
        </button>
      </div>
      <FormMessages alert={alert} />
      <div className="live" role="status" aria-atomic="false">
        {result && (
          <div className="regen-result">
            <h3>{t("report.regen.done")}</h3>
            <p className="strong">{t("report.regen.regenerated", { n: result.regenerated.length + discarded.length })}</p>
            {result.regenerated.length + discarded.length > 0 && list([...result.regenerated, ...discarded])}
            <p className="strong">{t("report.regen.kept", { n: result.kept.length })}</p>
            {result.kept.length > 0 && (
              <ul className="plain regen-list">
                {result.kept.map((k) => (
                  <li key={k} className="regen-kept">
                    <bdi>{title(k)}</bdi>
                    {confirming === k ? (
                      <span className="confirm-inline" role="group" aria-label={t("report.regen.confirmLabel", { title: title(k) })}>
                        <span>{t("report.regen.confirm", { title: title(k) })}</span>
                        <button type="button" className="button danger small" aria-disabled={busy} onClick={() => void run([k])}>
                          {t("report.regen.confirmYes")}
                        </button>
                        <button type="button" className="button secondary small" onClick={() => setConfirming(null)}>
                          {t("common.cancel")}
                        </button>
                      </span>
                    ) : (
                      <button type="button" className="link-button small" onClick={() => setConfirming(k)}>
                        {t("report.regen.anyway")}
                        <span className="visually-hidden">: {title(k)}</span>
                      </button>
                    )}
                  </li>
                ))}
              </ul>
            )}
            <p className="strong">{t("report.regen.unchanged", { n: result.unchanged.length })}</p>
            {result.unchanged.length > 0 && list(result.unchanged)}
          </div>
        )}
      </div>
    </section>
  );
}
