import { useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { AdminNav } from "../components/Shell";
import { DateTime, ErrorState, Loading, PageTitle } from "../components/ui";
import { useI18n } from "../i18n";
import { auditQuery } from "../queries/admin";

function parse(json: string | null): Record<string, unknown> | null {
  if (!json) return null;
  try {
    const v: unknown = JSON.parse(json);
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : { value: v };
  } catch {
    return { value: json };
  }
}
const show = (v: unknown) => (v === undefined ? "–" : typeof v === "string" ? v : JSON.stringify(v));

/** Only what changed: one line per field, before → after. */
function Change({ before, after }: { before: string | null; after: string | null }) {
  const b = parse(before);
  const a = parse(after);
  if (!b && !a) return null;
  const keys = [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])].filter(
    (k) => !b || !a || JSON.stringify(b[k]) !== JSON.stringify(a[k]),
  );
  return (
    <ul className="diff">
      {keys.map((k) => (
        <li key={k}>
          <code>{k}</code>: {b && <del>{show(b[k])}</del>}
          {b && a && " → "}
          {a && <ins>{show(a[k])}</ins>}
        </li>
      ))}
    </ul>
  );
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
                    <Change before={e.before} after={e.after} />
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
