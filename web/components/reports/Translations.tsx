// The other five official languages of the adopted text: missing, in progress or final, and
// for translators the way to each translation page.
import { useId } from "react";
import { useI18n, type MessageKey } from "../../i18n";
import type { ReportData } from "../../queries/reports";
import { Link } from "../../router";
import { revLabel } from "../documents";
import { DateTime } from "../ui";
import { useLanguageName } from "./common";

export function TranslationsPanel({ data }: { data: ReportData }) {
  const { t } = useI18n();
  const hid = useId();
  const lang = useLanguageName();
  const { report, translations } = data;
  const rev = translations.revision;
  return (
    <section className="card translations-panel" aria-labelledby={`${hid}-h`}>
      <h2 id={`${hid}-h`}>{t("report.tr.title")}</h2>
      {!rev ? (
        <p className="muted">{t("report.tr.notYet")}</p>
      ) : (
        <>
          <p>{t("report.tr.intro", { label: revLabel(t, rev.number) })}</p>
          <ul className="plain translation-list">
            {translations.languages.map((l) => (
              <li key={l.language} className="translation-item">
                <span className="translation-lang">{lang(l.language)}</span>
                <span className={`tag tr-${l.state}`}>{t(`report.tr.state.${l.state}` as MessageKey)}</span>
                {l.updatedAt && (
                  <span className="small muted">
                    {t("report.tr.updated")} <DateTime iso={l.updatedAt} />
                  </span>
                )}
                {report.permissions.translate && (
                  <Link href={`/reports/${encodeURIComponent(report.id)}/translations/${l.language}`}>
                    {t(l.state === "missing" ? "report.tr.start" : "report.tr.open", { language: lang(l.language) })}
                  </Link>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
