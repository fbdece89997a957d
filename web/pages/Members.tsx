import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { groupSeats } from "../components/groups";
import { describeError, FormMessages } from "../components/form";
import { ErrorState, Loading, PageTitle } from "../components/ui";
import { useI18n } from "../i18n";
import { seatsQuery, useSetNamePublic } from "../queries/tracks";
import { Link } from "../router";
import { useMe } from "../session";

export default function Members() {
  const { t } = useI18n();
  const { me } = useMe();
  const q = useQuery(seatsQuery);
  return (
    <>
      <PageTitle>{t("members.title")}</PageTitle>
      <p className="lead">{t("members.intro")}</p>
      {!me && (
        <p className="notice">
          <Link href="/signin?next=/members">{t("members.signInForDelegates")}</Link>
        </p>
      )}
      {q.data?.delegateNames === "consented" && <p className="muted">{t("members.consentedOnly")}</p>}
      {q.data?.me && <NameInPublic namePublic={q.data.me.namePublic} />}
      {q.isPending ? (
        <Loading />
      ) : q.error ? (
        <ErrorState error={q.error} retry={() => q.refetch()} />
      ) : (
        groupSeats(q.data.seats).map((section) => (
          <section key={section.kind} aria-labelledby={`sec-${section.kind}`} className="members-section">
            <h2 id={`sec-${section.kind}`}>
              {t(section.label)}{" "}
              <span className="count">{t("members.count", { count: section.groups.reduce((n, g) => n + g.seats.length, 0) })}</span>
            </h2>
            {section.groups.map((g) => (
              <div key={g.key} className="member-group">
                {section.kind !== "observer" && <h3>{t(g.label)}</h3>}
                <ul className="seat-list">
                  {g.seats.map((seat) => (
                    <li key={seat.id} className="seat">
                      <span className="seat-name">
                        {seat.name} <abbr className="muted">{seat.shortName}</abbr>
                      </span>
                      {(seat.delegates.length > 0 || q.data.delegateNames === "all") &&
                        (seat.delegates.length ? (
                          <ul className="delegates" aria-label={t("members.delegatesOf", { seat: seat.name })}>
                            {seat.delegates.map((d) => (
                              <li key={d.id}>
                                {d.name}
                                {d.head && <span className="tag">{t("members.head")}</span>}
                                {d.email && (
                                  <>
                                    {" "}
                                    <a href={`mailto:${d.email}`} className="muted">
                                      {d.email}
                                    </a>
                                  </>
                                )}
                              </li>
                            ))}
                          </ul>
                        ) : (
                          <p className="muted small">{t("members.noDelegates")}</p>
                        ))}
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </section>
        ))
      )}
    </>
  );
}

/** The person's own choice: whether the public and observers see their name (members and officers always do). */
function NameInPublic({ namePublic }: { namePublic: boolean }) {
  const { t } = useI18n();
  const setNamePublic = useSetNamePublic();
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [alert, setAlert] = useState<string | null>(null);
  async function change(next: boolean) {
    setBusy(true);
    setStatus(null);
    setAlert(null);
    try {
      await setNamePublic(next);
      setStatus(t(next ? "members.nameShown" : "members.nameHidden"));
    } catch (err) {
      setAlert(describeError(err, t).message);
    } finally {
      setBusy(false);
    }
  }
  return (
    <section className="card limited" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t("members.nameTitle")}</h2>
      <label className="check">
        <input type="checkbox" checked={namePublic} aria-describedby={`${id}-hint`} disabled={busy} onChange={(e) => void change(e.currentTarget.checked)} />
        {t("members.namePublic")}
      </label>
      <p id={`${id}-hint`} className="hint">
        {t("members.namePublicHint")}
      </p>
      <FormMessages alert={alert} status={status} />
    </section>
  );
}
