import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { ProfileBody, type Locale } from "../../worker/auth/schemas";
import { describeError, Field, FormMessages, formValues, SelectField, useForm } from "../components/form";
import { FeedAddress } from "../components/meetings/FeedAddress";
import { ZoneSelect } from "../components/ZonedDateTimeField";
import { DateTime, ErrorState, Loading, PageTitle } from "../components/ui";
import { ENDONYMS, LOCALES, setLocale, useI18n } from "../i18n";
import { useSaveProfile } from "../queries/auth";
import { feedQuery, useCreateFeed, useDeleteFeed } from "../queries/meeting";
import { useMe } from "../session";

export default function Profile() {
  const { t } = useI18n();
  const { me } = useMe();
  const saveProfile = useSaveProfile();
  const form = useForm();
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
            await saveProfile(body);
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
        <ZoneSelect label={t("profile.timeZone")} name="timeZone" defaultValue={me.timeZone} hint={t("profile.timeZoneHint")} error={form.errors.timeZone} />
        <div className="actions">
          <button type="submit" className="button" disabled={form.busy}>
            {form.busy ? t("common.saving") : t("common.save")}
          </button>
        </div>
      </form>
      <CalendarFeed />
    </>
  );
}

/** The personal calendar feed: a secret address, shown once when made, that calendar apps subscribe to. */
function CalendarFeed() {
  const { t } = useI18n();
  const uid = useId();
  const q = useQuery(feedQuery);
  const create = useCreateFeed();
  const remove = useDeleteFeed();
  const [url, setUrl] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [alert, setAlert] = useState<string | null>(null);
  const busy = create.isPending || remove.isPending;
  const fail = (err: unknown) => setAlert(describeError(err, t).message);

  return (
    <section id="calendar-feed" className="card limited feed" aria-labelledby={`${uid}-h`}>
      <h2 id={`${uid}-h`}>{t("feed.title")}</h2>
      <p>{t("feed.intro")}</p>
      <p className="hint">{t("feed.secret")}</p>
      <FormMessages alert={alert} status={status} />
      {q.isPending ? (
        <Loading />
      ) : q.error ? (
        <ErrorState error={q.error} retry={() => q.refetch()} />
      ) : (
        <>
          <p>
            {q.data.active && q.data.createdAt ? (
              <>
                <span className="tag tag-ok">{t("feed.active")}</span> {t("feed.since")} <DateTime iso={q.data.createdAt} />
              </>
            ) : (
              <span className="tag tag-off">{t("feed.off")}</span>
            )}
          </p>
          {url && (
            <div className="feed-url">
              <FeedAddress label={t("feed.url")} url={url} note={<strong>{t("feed.once")}</strong>} />
            </div>
          )}
          <div className="actions">
            <button
              type="button"
              className="button"
              disabled={busy}
              onClick={() => {
                if (q.data.active && !window.confirm(t("feed.replaceConfirm"))) return;
                setAlert(null);
                setStatus(null);
                create.mutate(undefined, {
                  onSuccess: (res) => {
                    setUrl(res.url);
                    setStatus(t(q.data.active ? "feed.replaced" : "feed.created"));
                  },
                  onError: fail,
                });
              }}
            >
              {q.data.active ? t("feed.replace") : t("feed.create")}
            </button>
            {q.data.active && (
              <button
                type="button"
                className="button danger"
                disabled={busy}
                onClick={() => {
                  setAlert(null);
                  setStatus(null);
                  remove.mutate(undefined, {
                    onSuccess: () => {
                      setUrl(null);
                      setStatus(t("feed.turnedOff"));
                    },
                    onError: fail,
                  });
                }}
              >
                {t("feed.turnOff")}
              </button>
            )}
          </div>
          {q.data.active && <p className="hint">{t("feed.replaceHint")}</p>}
        </>
      )}
    </section>
  );
}
