import { useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { ErrorState, Loading, PageTitle } from "../components/ui";
import { useI18n } from "../i18n";
import { documentQuery } from "../queries/documents";
import { Link, navigate } from "../router";

/** /documents/:id → the latest revision, or (before the zero draft) a pointer to the working copy. */
export default function DocumentHome({ params }: { params: Record<string, string> }) {
  const id = params.id ?? "";
  const { t } = useI18n();
  const q = useQuery(documentQuery(id));
  const latest = q.data?.revisions.at(-1);
  useEffect(() => {
    if (latest) navigate(`/documents/${encodeURIComponent(id)}/rev/${latest.number}`, { replace: true });
  }, [id, latest]);
  if (q.isPending || latest) return <Loading />;
  if (q.error) return <ErrorState error={q.error} retry={() => q.refetch()} />;
  const { document: d, track, permissions } = q.data;
  return (
    <>
      {track && (
        <p className="breadcrumb">
          <Link href={`/tracks/${track.slug}`}>{track.shortTitle}</Link>
        </p>
      )}
      <PageTitle>{d.title}</PageTitle>
      <p className="notice">{t("doc.notIssued")}</p>
      {d.kind === "progress_report" ? (
        // A progress report is written section by section in its workspace; the generic editor refuses it.
        d.reportId && (
          <p>
            {t("rtr.doc.workspaceHint")}{" "}
            <Link className="button" href={`/reports/${encodeURIComponent(d.reportId)}`}>
              {t("rtr.doc.workspace")}
            </Link>
          </p>
        )
      ) : permissions.edit && (
        <p>
          {t("doc.notIssuedEditor")}{" "}
          <Link className="button" href={`/documents/${encodeURIComponent(id)}/edit`}>
            {t("doc.editWorkingCopy")}
          </Link>
        </p>
      )}
    </>
  );
}
