import { useQuery } from "@tanstack/react-query";
import { ErrorState, Loading, PageTitle } from "../components/ui";
import { useI18n } from "../i18n";
import { tracksQuery } from "../queries/tracks";
import { Link } from "../router";

export default function Tracks() {
  const { t } = useI18n();
  const q = useQuery(tracksQuery);
  return (
    <>
      <PageTitle>{t("tracks.title")}</PageTitle>
      <p className="lead">{t("tracks.intro")}</p>
      {q.isPending ? (
        <Loading />
      ) : q.error ? (
        <ErrorState error={q.error} retry={() => q.refetch()} />
      ) : (
        <ol className="cards">
          {q.data.tracks.map((tr) => (
            <li key={tr.id} className="card">
              <h2>
                <Link href={`/tracks/${tr.slug}`}>{tr.title}</Link>
              </h2>
              <p className="clamp">{tr.mandate}</p>
              <h3>{t("tracks.coFacilitators")}</h3>
              {tr.coFacilitators.length ? (
                <ul className="plain">
                  {tr.coFacilitators.map((f, i) => (
                    <li key={i}>
                      {f.name ?? <span className="muted">{t("people.nameWithheld")}</span>}
                      {f.seatName && <span className="muted"> · {f.seatName}</span>}
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="muted">{t("tracks.noCoFacilitators")}</p>
              )}
              <p className="muted">{t("tracks.seatCount", { count: tr.seatCount })}</p>
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
