import { useId, useState } from "react";
import type { Locale } from "../../worker/auth/schemas";
import { ENDONYMS, isLocale, LOCALES, useI18n } from "../i18n";
import { useChangeLocale } from "../session";

export function LanguageSwitcher() {
  const { t, locale } = useI18n();
  const change = useChangeLocale();
  const id = useId();
  const [failed, setFailed] = useState(false);
  return (
    <div className="lang-switch">
      <label htmlFor={id}>{t("lang.label")}</label>
      <select
        id={id}
        value={locale}
        onChange={(e) => {
          const next = e.target.value;
          if (isLocale(next)) change(next).then(() => setFailed(false), () => setFailed(true));
        }}
      >
        {LOCALES.map((l: Locale) => (
          <option key={l} value={l} lang={l}>
            {ENDONYMS[l]}
          </option>
        ))}
      </select>
      {failed && <span className="field-error" role="alert">{t("app.networkError")}</span>}
    </div>
  );
}
