// Co-facilitators extend or shorten a revision's comment window and allow late
// comments after it closed (PATCH /api/documents/:id/revisions/:n).
import { useState } from "react";
import { useI18n } from "../i18n";
import { instantToZonedLocal, zonedToInstant } from "../../worker/lib/zonedTime";
import { useDocumentWrites } from "../queries/documents";
import { WindowBody } from "../../worker/documents/schemas";
import { FormMessages, useForm } from "./form";
import { ZonedDateTimeField, ZoneSelect } from "./ZonedDateTimeField";

type Props = { id: string; n: number; closeAt: string; zone: string; allowLate: boolean };

export function WindowControls({ id, n, closeAt, zone: initialZone, allowLate }: Props) {
  const { t } = useI18n();
  const form = useForm();
  const { setWindow } = useDocumentWrites();
  const [zone, setZone] = useState(initialZone);
  const [local, setLocal] = useState(() => instantToZonedLocal(closeAt, initialZone));
  const [late, setLate] = useState(allowLate);
  const instant = zonedToInstant(local, zone);

  return (
    <details className="window-controls">
      <summary>{t("window.change")}</summary>
      <FormMessages alert={form.alert} status={form.status} />
      <form
        ref={form.formRef}
        noValidate
        className="form limited"
        onSubmit={(e) => {
          e.preventDefault();
          if (!instant) {
            form.setErrors({ commentsCloseAt: t("editor.badTime") });
            form.setAlert(t("common.formErrors"));
            return;
          }
          void form.submit(WindowBody.safeParse({ commentsCloseAt: instant.iso, allowLate: late }), async (json) => {
            await setWindow(id, n, json);
            return t("window.saved");
          });
        }}
      >
        <ZoneSelect label={t("editor.timeZone")} name="zone" value={zone} onChange={(e) => setZone(e.target.value)} />
        <ZonedDateTimeField label={t("editor.closes")} name="commentsCloseAt" zone={zone} value={local} onChange={(e) => setLocal(e.target.value)} error={form.errors.commentsCloseAt} />
        <label className="check">
          <input type="checkbox" name="allowLate" checked={late} onChange={(e) => setLate(e.target.checked)} />
          {t("editor.allowLate")}
        </label>
        <div className="actions">
          <button type="submit" className="button" disabled={form.busy}>
            {t("window.save")}
          </button>
        </div>
      </form>
    </details>
  );
}
