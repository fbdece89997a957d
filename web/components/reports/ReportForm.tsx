// The report's particulars: title, document symbol, session, agenda item, word limit. Used
// to create a report (then compiled from the group's data) and to correct them later.
import { useState } from "react";
import { useI18n } from "../../i18n";
import type { CreateJson } from "../../queries/reports";
import { Field, FormMessages, useForm } from "../form";

export type ReportFieldValues = { title: string; symbol: string; session: string; agendaItem: string; wordLimit: string };

const toJson = (v: ReportFieldValues) => ({
  title: v.title.trim(),
  symbol: v.symbol.trim() ? v.symbol.trim().toUpperCase() : null,
  session: v.session.trim() === "" ? Number.NaN : Number(v.session),
  agendaItem: v.agendaItem.trim() || null,
  wordLimit: v.wordLimit.trim() === "" ? undefined : Number(v.wordLimit.replace(/[\s,.\u202f\u00a0']/g, "")),
});

export function ReportForm({
  initial,
  submitLabel,
  busyLabel,
  onSubmit,
  locked = false,
}: {
  initial: ReportFieldValues;
  submitLabel: string;
  busyLabel: string;
  onSubmit: (json: CreateJson) => Promise<string | void>;
  /** Published: the title and symbol are on every published text and cannot change. */
  locked?: boolean;
}) {
  const { t } = useI18n();
  const form = useForm();
  const [v, setV] = useState(initial);
  const set = (k: keyof ReportFieldValues) => (e: { target: { value: string } }) => setV((x) => ({ ...x, [k]: e.target.value }));
  return (
    <>
      <FormMessages alert={form.alert} status={form.status} />
      <form
        ref={form.formRef}
        noValidate
        className="form limited report-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (form.busy) return;
          const json = toJson(v);
          // Checked here in the reader's language; the symbol's form is checked by the server,
          // whose 400 names the field and is shown beside it.
          const local: Record<string, string> = {};
          if (json.title.length < 3) local.title = json.title ? t("validation.min", { min: 3 }) : t("validation.required");
          if (!Number.isInteger(json.session) || json.session < 1 || json.session > 200) local.session = t("report.field.sessionInvalid");
          if (json.wordLimit !== undefined && (!Number.isInteger(json.wordLimit) || json.wordLimit < 500 || json.wordLimit > 50_000)) local.wordLimit = t("report.field.wordLimitInvalid");
          if (Object.keys(local).length) {
            form.setErrors(local);
            form.setAlert(t("common.formErrors"));
            form.formRef.current?.querySelector<HTMLElement>(`[name="${Object.keys(local)[0]}"]`)?.focus();
            return;
          }
          void form.submit({ success: true, data: json as CreateJson }, onSubmit);
        }}
      >
        <Field label={t("report.field.title")} name="title" value={v.title} onChange={set("title")} required maxLength={300} dir="auto" readOnly={locked} error={form.errors.title} hint={locked ? t("report.field.locked") : undefined} />
        <div className="form-row">
          <Field
            label={t("report.field.symbol")}
            name="symbol"
            value={v.symbol}
            onChange={set("symbol")}
            maxLength={60}
            dir="ltr"
            autoCapitalize="characters"
            spellCheck={false}
            readOnly={locked}
            hint={t("report.field.symbolHint")}
            error={form.errors.symbol}
          />
          <Field label={t("report.field.session")} name="session" type="number" inputMode="numeric" min={1} max={200} value={v.session} onChange={set("session")} required hint={t("report.field.sessionHint")} error={form.errors.session} />
        </div>
        <div className="form-row">
          <Field label={t("report.field.agendaItem")} name="agendaItem" value={v.agendaItem} onChange={set("agendaItem")} maxLength={200} dir="auto" hint={t("report.field.agendaItemHint")} error={form.errors.agendaItem} />
          <Field label={t("report.field.wordLimit")} name="wordLimit" type="number" inputMode="numeric" min={500} max={50000} step={1} value={v.wordLimit} onChange={set("wordLimit")} hint={t("report.field.wordLimitHint")} error={form.errors.wordLimit} />
        </div>
        <div className="actions">
          <button type="submit" className="button" aria-disabled={form.busy}>
            {form.busy ? busyLabel : submitLabel}
          </button>
        </div>
      </form>
    </>
  );
}
