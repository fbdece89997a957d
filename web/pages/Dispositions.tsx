import { useMutation, useQuery } from "@tanstack/react-query";
import { ApiError } from "../api";
import { revLabel } from "../components/documents";
import { describeError, FormMessages } from "../components/form";
import { Amendment } from "../components/Thread";
import { DateTime, ErrorState, Loading, PageTitle } from "../components/ui";
import { useI18n } from "../i18n";
import { dispositionsQuery, downloadUrl, revisionQuery, useDocumentWrites } from "../queries/documents";
import { Link } from "../router";

export default function Dispositions({ params }: { params: Record<string, string> }) {
  const id = params.id ?? "";
  const n = Number(params.n);
  const { t } = useI18n();
  const writes = useDocumentWrites();
  const revQ = useQuery(revisionQuery(id, n));
  const q = useQuery(dispositionsQuery(id, n));
  const publish = useMutation({
    mutationFn: () => writes.publishDispositions(id, n),
  });
  const base = `/documents/${encodeURIComponent(id)}`;

  if (revQ.isPending) return <Loading />;
  if (revQ.error) return <ErrorState error={revQ.error} retry={() => revQ.refetch()} />;
  const { document: d, revision: r, permissions } = revQ.data;
  const label = revLabel(t, n);
  const forbidden = q.error instanceof ApiError && q.error.status === 403;

  return (
    <>
      <p className="breadcrumb">
        <Link href={`${base}/rev/${n}`}>{t("editor.backToDocument")}</Link>
      </p>
      <PageTitle>{t("matrix.title", { title: d.title, label })}</PageTitle>
      <FormMessages alert={publish.error ? describeError(publish.error, t).message : null} status={publish.isSuccess ? t("matrix.publishedNow") : null} />
      {r.dispositionsPublishedAt ? (
        <p className="notice">
          {t("matrix.published")}{" "}
          <DateTime iso={r.dispositionsPublishedAt} />
        </p>
      ) : (
        <div className="notice">
          <p>{t("matrix.unpublished")}</p>
          {permissions.dispose && (
            <button type="button" className="button" disabled={publish.isPending} onClick={() => publish.mutate()}>
              {t("matrix.publish")}
            </button>
          )}
        </div>
      )}
      {forbidden ? (
        <p className="notice">{t("matrix.forbidden")}</p>
      ) : q.isPending ? (
        <Loading />
      ) : q.error ? (
        <ErrorState error={q.error} retry={() => q.refetch()} />
      ) : (
        <>
          <ul className="doc-links downloads-inline">
            <li>
              <a href={downloadUrl.dispositions(id, n, "csv")} download>
                {t("doc.dispositionsCsv")}
              </a>
            </li>
            <li>
              <a href={downloadUrl.dispositions(id, n, "docx")} download>
                {t("doc.dispositionsDocx")}
              </a>
            </li>
          </ul>
          {q.data.rows.length === 0 ? (
            <p>{t("matrix.empty")}</p>
          ) : (
            <div className="table-wrap" tabIndex={0} role="region" aria-label={t("doc.dispositionsPage")}>
              <table className="matrix">
                <thead>
                  <tr>
                    <th scope="col">{t("matrix.paragraph")}</th>
                    <th scope="col">{t("matrix.seat")}</th>
                    <th scope="col">{t("matrix.comment")}</th>
                    <th scope="col">{t("matrix.disposition")}</th>
                    <th scope="col">{t("matrix.reason")}</th>
                  </tr>
                </thead>
                <tbody>
                  {q.data.rows.map((row) => (
                    <tr key={row.id}>
                      <td>{row.paragraphNumber ?? (row.paragraphPid ? "–" : t("matrix.general"))}</td>
                      <td>
                        {row.seatName ?? row.authorName}
                        {row.late && <span className="tag tag-late">{t("thread.late")}</span>}
                      </td>
                      <td>
                        {row.kind === "amendment" && <Amendment op={row.op} quote={row.quote} proposedText={row.proposedText} />}
                        <p className="comment-body">{row.body}</p>
                      </td>
                      <td>{row.disposition ? t(`disposition.${row.disposition}`) : <span className="muted">{t("thread.noDisposition")}</span>}</td>
                      <td>{row.dispositionReason}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </>
  );
}
