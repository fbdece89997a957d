import { useQuery } from "@tanstack/react-query";
import { AcceptInvitationBody } from "../../worker/auth/schemas";
import { ApiError } from "../api";
import { Field, FormMessages, formValues, NewPasswordFields, passwordsDiffer, useForm } from "../components/form";
import { describeRoles, ErrorState, Loading, PageTitle, useFormatDate } from "../components/ui";
import { useI18n } from "../i18n";
import { invitationByTokenQuery, useSignIn } from "../queries/auth";
import { Link, navigate } from "../router";

export default function AcceptInvitation({ params }: { params: Record<string, string> }) {
  const token = params.token ?? "";
  const { t } = useI18n();
  const q = useQuery(invitationByTokenQuery(token));
  const form = useForm();
  const signIn = useSignIn();
  const formatDate = useFormatDate();

  if (q.isPending) return <Loading />;
  if (q.error) {
    const err = q.error;
    // 404 unknown link (or malformed token: 400); 410 used, withdrawn or expired, with the reason from the server.
    if (err instanceof ApiError && (err.status === 410 || err.status === 404 || err.status === 400)) {
      const gone = err.status === 410;
      return (
        <>
          <PageTitle>{gone ? t("invite.gone") : t("invite.notFound")}</PageTitle>
          <div className="alert alert-error" role="alert">
            <p>{gone ? err.message : t("invite.notFoundBody")}</p>
          </div>
          <p>
            <Link href="/signin" className="button">
              {t("invite.goSignIn")}
            </Link>
          </p>
        </>
      );
    }
    return <ErrorState error={err} retry={() => q.refetch()} />;
  }
  const inv = q.data.invitation;
  const role = describeRoles(t, inv, inv.seat?.name);

  return (
    <>
      <PageTitle>{t("invite.title")}</PageTitle>
      <p className="lead">{t("invite.offer", { email: inv.email, role })}</p>
      <p className="muted">{t("invite.expires", { date: formatDate(inv.expiresAt) })}</p>
      <form
        ref={form.formRef}
        noValidate
        className="card form"
        onSubmit={(e) => {
          e.preventDefault();
          const v = formValues(e.currentTarget);
          if (passwordsDiffer(form, v, t)) return;
          void form.submit(AcceptInvitationBody.safeParse({ name: v.name ?? "", password: v.password ?? "" }), async (body) => {
            await signIn.invitation(token, body);
            navigate("/", { replace: true });
          });
        }}
      >
        <FormMessages alert={form.alert} status={form.status} />
        <Field label={t("field.email")} name="email-shown" type="email" value={inv.email} readOnly autoComplete="username" />
        <Field label={t("field.name")} name="name" defaultValue={inv.name} autoComplete="name" required error={form.errors.name} />
        <NewPasswordFields label={t("field.password")} errors={form.errors} />
        <div className="actions">
          <button type="submit" className="button" disabled={form.busy}>
            {form.busy ? t("invite.submitting") : t("invite.submit")}
          </button>
        </div>
      </form>
    </>
  );
}
