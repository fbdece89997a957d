import { useEffect } from "react";
import { LoginBody } from "../../worker/auth/schemas";
import { ApiError } from "../api";
import { Field, FormMessages, formValues, useForm } from "../components/form";
import { PageTitle } from "../components/ui";
import { useI18n } from "../i18n";
import { Link, navigate, useLocation } from "../router";
import { useSignIn } from "../queries/auth";
import { useMe } from "../session";

/** Only same-site paths are followed after sign-in. */
const safeNext = (next: string | null) => (next && next.startsWith("/") && !next.startsWith("//") ? next : "/");

export default function SignIn() {
  const { t } = useI18n();
  const { me } = useMe();
  const { search } = useLocation();
  const signIn = useSignIn();
  const form = useForm();
  const next = safeNext(search.get("next"));

  useEffect(() => {
    if (me) navigate(next, { replace: true });
  }, [me, next]);

  return (
    <>
      <PageTitle>{t("signin.title")}</PageTitle>
      <p className="lead">{t("signin.intro")}</p>
      <form
        ref={form.formRef}
        noValidate
        className="card form"
        onSubmit={(e) => {
          e.preventDefault();
          const values = formValues(e.currentTarget);
          void form.submit(LoginBody.safeParse({ email: values.email ?? "", password: values.password ?? "" }), async (body) => {
            try {
              await signIn.password(body);
              navigate(next, { replace: true });
            } catch (err) {
              // Translate the two answers everyone meets; others show the server's message.
              if (err instanceof ApiError && err.status === 401) form.setAlert(t("signin.invalid"));
              else if (err instanceof ApiError && err.status === 429) form.setAlert(t("signin.rateLimited"));
              else throw err;
            }
          });
        }}
      >
        <FormMessages alert={form.alert} status={form.status} />
        <Field label={t("field.email")} name="email" type="email" autoComplete="username" required error={form.errors.email} />
        <Field label={t("field.password")} name="password" type="password" autoComplete="current-password" required error={form.errors.password} />
        <div className="actions">
          <button type="submit" className="button" disabled={form.busy}>
            {form.busy ? t("signin.submitting") : t("signin.submit")}
          </button>
          <Link href="/reset-password">{t("signin.forgot")}</Link>
        </div>
      </form>
      <p className="muted">
        {t("signin.public")} <Link href="/tracks">{t("nav.tracks")}</Link> · <Link href="/members">{t("nav.members")}</Link>
      </p>
    </>
  );
}
