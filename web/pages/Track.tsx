import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { FormMessages, formValues, TextAreaField, useForm } from "../components/form";
import { groupSeats } from "../components/groups";
import { TrackDocuments } from "../components/TrackDocuments";
import { ErrorState, Loading, PageTitle } from "../components/ui";
import { useI18n } from "../i18n";
import { trackQuery, useSaveMandate } from "../queries/tracks";
import { Link } from "../router";
import { MandateBody } from "../../worker/tracks/schemas";

export default function Track({ params }: { params: Record<string, string> }) {
  const slug = params.slug ?? "";
  const { t } = useI18n();
  const q = useQuery(trackQuery(slug));
  const saveMandate = useSaveMandate(slug);
  const [editing, setEditing] = useState(false);
  const form = useForm();

  if (q.isPending) return <Loading />;
  if (q.error) return <ErrorState error={q.error} retry={() => q.refetch()} />;
  const { track, coFacilitators, seats, canEditMandate } = q.data;
  const sections = groupSeats(seats);

  return (
    <>
      <p className="breadcrumb">
        <Link href="/tracks">{t("track.back")}</Link>
      </p>
      <PageTitle>{track.title}</PageTitle>
      <section aria-labelledby="mandate" className="card">
        <h2 id="mandate">{t("track.mandate")}</h2>
        <FormMessages alert={form.alert} status={form.status} />
        {editing ? (
          <form
            ref={form.formRef}
            noValidate
            className="form"
            onSubmit={(e) => {
              e.preventDefault();
              const v = formValues(e.currentTarget);
              void form.submit(MandateBody.safeParse({ mandate: v.mandate ?? "" }), async (body) => {
                await saveMandate(body);
                setEditing(false);
                return t("common.saved");
              });
            }}
          >
            <TextAreaField
              label={t("track.mandateLabel")}
              name="mandate"
              rows={8}
              defaultValue={track.mandate}
              hint={t("track.mandateHint")}
              error={form.errors.mandate}
            />
            <div className="actions">
              <button type="submit" className="button" disabled={form.busy}>
                {form.busy ? t("common.saving") : t("common.save")}
              </button>
              <button type="button" className="button secondary" onClick={() => setEditing(false)}>
                {t("common.cancel")}
              </button>
            </div>
          </form>
        ) : (
          <>
            <p className="prose">{track.mandate}</p>
            {canEditMandate && (
              <button
                type="button"
                className="button secondary"
                onClick={() => {
                  form.setStatus(null);
                  setEditing(true);
                }}
              >
                {t("track.editMandate")}
              </button>
            )}
          </>
        )}
      </section>
      <TrackDocuments trackId={track.id} />
      <section aria-labelledby="cofac">
        <h2 id="cofac">{t("tracks.coFacilitators")}</h2>
        {coFacilitators.length ? (
          <ul className="plain">
            {coFacilitators.map((f) => (
              <li key={f.id}>
                {f.name ? <strong>{f.name}</strong> : <span className="muted">{t("people.nameWithheld")}</span>}
                {f.seatName && (
                  <span className="muted">
                    {" "}
                    · {f.seatName}
                    {f.seatKind && ` (${t(`kind.${f.seatKind}`)})`}
                  </span>
                )}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t("tracks.noCoFacilitators")}</p>
        )}
      </section>
      <section aria-labelledby="seats">
        <h2 id="seats">{t("track.seats")}</h2>
        {sections.length === 0 && <p className="muted">{t("track.noSeats")}</p>}
        {sections.map((s) => (
          <div key={s.kind} className="seat-section">
            <h3>{t(s.label)}</h3>
            <div className="seat-groups">
              {s.groups.map((g) => (
                <div key={g.key} className="seat-group">
                  {s.kind !== "observer" && <h4>{t(g.label)}</h4>}
                  <ul className="plain">
                    {g.seats.map((seat) => (
                      <li key={seat.id}>{seat.name}</li>
                    ))}
                  </ul>
                </div>
              ))}
            </div>
          </div>
        ))}
      </section>
    </>
  );
}
