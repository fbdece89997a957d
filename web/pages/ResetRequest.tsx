import { ResetRequestBody } from "../../worker/auth/schemas";
import { Field, FormMessages, formValues, useForm } from "../components/form";
import { PageTitle } from "../components/ui";
import { useI18n } from "../i18n";
import { requestPasswordReset } from "../queries/auth";
import { Link } from "../router";

export default function ResetRequest() {
  const { t } = useI18n();
  const form = useForm();
  return (
    <>
      <PageTitle>{t("reset.title")}</PageTitle>
      <p className="lead">{t("reset.intro")}</p>
      <form
        ref={form.formRef}
        noValidate
        className="card form"
        onSubmit={(e) => {
          e.preventDefault();
          const v = formValues(e.currentTarget);
          void form.submit(ResetRequestBody.safeParse({ email: v.email ?? "" }), async (body) => {
            await requestPasswordReset(body);
            return t("reset.sent");
          });
        }}
      >
        <FormMessages alert={form.alert} status={form.status} />
        <Field label={t("field.email")} name="email" type="email" autoComplete="email" required error={form.errors.email} />
        <div className="actions">
          <button type="submit" className="button" disabled={form.busy}>
            {form.busy ? t("reset.submitting") : t("reset.submit")}
          </button>
          <Link href="/signin">{t("reset.backToSignIn")}</Link>
        </div>
      </form>
    </>
  );
}
