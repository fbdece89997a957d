import { useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { AdminNav } from "../components/Shell";
import { DateTime, ErrorState, Loading, PageTitle } from "../components/ui";
import { useI18n } from "../i18n";
import { auditQuery } from "../queries";

function pretty(json: string | null): string {
  if (!json) return "";
  try {
    return JSON.stringify(JSON.parse(json), null, 1);
  } catch {
    return json;
  }
}

export default function Audit() {
  const { t } = useI18n();
  const [action, setAction] = useState("");
  const q = useInfiniteQuery(auditQuery(action));
  const entries = q.data?.pages.flatMap((p) => p.entries) ?? [];
  return (
    <>
      <AdminNav />
      <PageTitle>{t("audit.title")}</PageTitle>
      <p className="lead">{t("audit.intro")}</p>
      <form
        className="toolbar"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setAction(String(new FormData(e.currentTarget).get("action") ?? "").trim());
        }}
      >
        <div className="field">
          <label htmlFor="audit-action">{t("audit.filter")}</label>
          <input id="audit-action" name="action" defaultValue={action} placeholder="user." />
        </div>
        <button type="submit" className="button secondary">
          {t("common.search")}
        </button>
      </form>
      {q.isPending ? (
        <Loading />
      ) : q.error ? (
        <ErrorState error={q.error} retry={() => q.refetch()} />
      ) : entries.length === 0 ? (
        <p>{t("audit.empty")}</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t("audit.title")}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("audit.col.when")}</th>
                <th scope="col">{t("audit.col.who")}</th>
                <th scope="col">{t("audit.col.action")}</th>
                <th scope="col">{t("audit.col.target")}</th>
                <th scope="col">{t("audit.col.change")}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id}>
                  <td>
                    <DateTime iso={e.at} />
                  </td>
                  <td>
                    {e.actorName ?? t("audit.system")}
                    {e.actorSeatId && <span className="muted small"> · {e.actorSeatId}</span>}
                  </td>
                  <td>
                    <code>{e.action}</code>
                  </td>
                  <td>
                    {e.targetType}
                    {e.targetId && <span className="muted small"> {e.targetId}</span>}
                  </td>
                  <td className="change">
                    {e.before && (
                      <div>
                        <span className="small">{t("audit.before")}</span>
                        <pre>{pretty(e.before)}</pre>
                      </div>
                    )}
                    {e.after && (
                      <div>
                        <span className="small">{t("audit.after")}</span>
                        <pre>{pretty(e.after)}</pre>
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {q.hasNextPage ? (
        <button type="button" className="button secondary" disabled={q.isFetchingNextPage} onClick={() => q.fetchNextPage()}>
          {q.isFetchingNextPage ? t("app.loading") : t("common.older")}
        </button>
      ) : (
        entries.length > 0 && <p className="muted">{t("common.noMore")}</p>
      )}
    </>
  );
}
