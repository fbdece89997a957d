import { useQueryClient } from "@tanstack/react-query";
import { useMemo } from "react";
import { ProfileBody, type Locale } from "../../worker/auth/schemas";
import { api, request } from "../api";
import { Field, FormMessages, formValues, SelectField, useForm } from "../components/form";
import { PageTitle } from "../components/ui";
import { ENDONYMS, LOCALES, setLocale, useI18n } from "../i18n";
import { keys } from "../queries";
import { useMe } from "../session";

function timeZones(current: string): string[] {
  const all = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  const list = all.filter((z) => z.includes("/"));
  for (const z of ["UTC", current]) if (!list.includes(z)) list.push(z);
  return list.sort();
}

export default function Profile() {
  const { t } = useI18n();
  const { me } = useMe();
  const qc = useQueryClient();
  const form = useForm();
  const zones = useMemo(() => timeZones(me?.timeZone ?? "UTC"), [me?.timeZone]);
  if (!me) return null;

  return (
    <>
      <PageTitle>{t("profile.title")}</PageTitle>
      <p className="muted">{t("profile.email", { email: me.email })}</p>
      <form
        ref={form.formRef}
        noValidate
        className="card form limited"
        onSubmit={(e) => {
          e.preventDefault();
          const v = formValues(e.currentTarget);
          void form.submit(ProfileBody.safeParse({ name: v.name ?? "", locale: v.locale, timeZone: v.timeZone }), async (body) => {
            const res = await request(api.me.$patch({ json: body }));
            qc.setQueryData(keys.me, res);
            if (body.locale) await setLocale(body.locale);
            return t("profile.saved");
          });
        }}
      >
        <FormMessages alert={form.alert} status={form.status} />
        <Field label={t("field.name")} name="name" defaultValue={me.name} autoComplete="name" required error={form.errors.name} />
        <SelectField label={t("profile.locale")} name="locale" defaultValue={me.locale} error={form.errors.locale} key={me.locale}>
          {LOCALES.map((l: Locale) => (
            <option key={l} value={l} lang={l}>
              {ENDONYMS[l]}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t("profile.timeZone")}
          name="timeZone"
          defaultValue={me.timeZone}
          hint={t("profile.timeZoneHint")}
          error={form.errors.timeZone}
        >
          {zones.map((z) => (
            <option key={z} value={z}>
              {z.replaceAll("_", " ")}
            </option>
          ))}
        </SelectField>
        <div className="actions">
          <button type="submit" className="button" disabled={form.busy}>
            {form.busy ? t("common.saving") : t("common.save")}
          </button>
        </div>
      </form>
    </>
  );
}
