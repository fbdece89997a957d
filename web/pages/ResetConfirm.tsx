import { useState } from "react";
import { ResetConfirmBody } from "../../worker/auth/schemas";
import { ApiError } from "../api";
import { FormMessages, formValues, NewPasswordFields, passwordsDiffer, useForm } from "../components/form";
import { PageTitle } from "../components/ui";
import { useI18n } from "../i18n";
import { useSignIn } from "../queries/auth";
import { Link, navigate } from "../router";

export default function ResetConfirm({ params }: { params: Record<string, string> }) {
  const token = params.token ?? "";
  const { t } = useI18n();
  const form = useForm();
  const signIn = useSignIn();
  const [gone, setGone] = useState(false);

  if (gone || token.length < 20) {
    return (
      <>
        <PageTitle>{t("reset.gone")}</PageTitle>
        <p>
          <Link href="/reset-password" className="button">
            {t("reset.askAgain")}
          </Link>
        </p>
      </>
    );
  }
  return (
    <>
      <PageTitle>{t("reset.setTitle")}</PageTitle>
      <form
        ref={form.formRef}
        noValidate
        className="card form"
        onSubmit={(e) => {
          e.preventDefault();
          const v = formValues(e.currentTarget);
          if (passwordsDiffer(form, v, t)) return;
          void form.submit(ResetConfirmBody.safeParse({ token, password: v.password ?? "" }), async (body) => {
            try {
              await signIn.reset(body);
              navigate("/", { replace: true });
            } catch (err) {
              if (err instanceof ApiError && err.status === 410) setGone(true);
              else throw err;
            }
          });
        }}
      >
        <FormMessages alert={form.alert ?? (form.errors.token ? t("reset.gone") : null)} status={form.status} />
        <NewPasswordFields label={t("field.newPassword")} errors={form.errors} />
        <div className="actions">
          <button type="submit" className="button" disabled={form.busy}>
            {form.busy ? t("common.saving") : t("reset.setSubmit")}
          </button>
        </div>
      </form>
    </>
  );
}
