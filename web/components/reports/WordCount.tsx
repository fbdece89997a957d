// The General Assembly's word limit: the body's words against the limit (a meter and the
// numbers in words), a warning in text when over, each section's count, and the annexes,
// which do not count. Unsaved text counts as it is typed (same counting as the server).
import { useId } from "react";
import { useI18n } from "../../i18n";
import type { LiveSection } from "./common";
import { useNumber } from "./common";

export function WordCount({ sections, labels, limit }: { sections: LiveSection[]; labels: Map<string, string>; limit: number }) {
  const { t } = useI18n();
  const num = useNumber();
  const id = useId();
  const body = sections.filter((s) => !s.annex);
  const annexes = sections.filter((s) => s.annex);
  const total = body.reduce((n, s) => n + s.words, 0);
  const annexWords = annexes.reduce((n, s) => n + s.words, 0);
  const over = total > limit;
  const live = sections.some((s) => s.live);
  const text = t("report.words.ofLimit", { words: num(total), limit: num(limit) });
  return (
    <section className={`card word-count${over ? " is-over" : ""}`} aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t("report.words.title")}</h2>
      <p className="word-total" id={`${id}-total`}>
        <strong>{text}</strong>
        {over && <span className="word-over-by"> {t("report.words.overBy", { n: num(total - limit) })}</span>}
        {live && <span className="muted small"> {t("report.words.live")}</span>}
      </p>
      {/* The meter's value in words is the paragraph above; a meter has no live region of its own. */}
      <meter className="word-meter" min={0} max={Math.max(limit, total)} low={limit * 0.9} high={limit} optimum={limit * 0.5} value={total} aria-labelledby={`${id}-h`} aria-describedby={`${id}-total`}>
        {text}
      </meter>
      <div className="live" role="alert">
        {over && (
          <p className="alert alert-error word-over">
            <strong>{t("report.words.over")}</strong> {t("report.words.overHint")}
          </p>
        )}
      </div>
      <details className="word-details">
        <summary>{t("report.words.perSection")}</summary>
        <table className="word-table">
          <caption className="visually-hidden">{t("report.words.perSection")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("report.words.section")}</th>
              <th scope="col">{t("report.words.words")}</th>
            </tr>
          </thead>
          <tbody>
            {body.map((s) => (
              <tr key={s.key}>
                <th scope="row">
                  {labels.get(s.key)} <bdi>{s.title}</bdi>
                  {s.live && <span className="muted small"> ({t("report.words.unsaved")})</span>}
                </th>
                <td>{num(s.words)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t("report.words.body")}</th>
              <td>{num(total)}</td>
            </tr>
          </tfoot>
        </table>
        {annexes.length > 0 && (
          <>
            <h3 className="word-annex-title">{t("report.words.annexes")}</h3>
            <ul className="plain word-annexes">
              {annexes.map((s) => (
                <li key={s.key}>
                  {labels.get(s.key)} <bdi>{s.title}</bdi>: {t("report.words.annexCount", { n: num(s.words) })}
                </li>
              ))}
            </ul>
            <p className="hint">{t("report.words.annexTotal", { n: num(annexWords) })}</p>
          </>
        )}
      </details>
    </section>
  );
}
