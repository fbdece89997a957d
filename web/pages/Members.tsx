import { useQuery } from "@tanstack/react-query";
import { groupSeats } from "../components/groups";
import { ErrorState, Loading, PageTitle } from "../components/ui";
import { useI18n } from "../i18n";
import { seatsQuery } from "../queries";
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
                      {seat.delegates &&
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
