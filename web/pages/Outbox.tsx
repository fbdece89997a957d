import { useInfiniteQuery } from "@tanstack/react-query";
import { Fragment } from "react";
import { AdminNav } from "../components/Shell";
import { DateTime, ErrorState, Loading, PageTitle } from "../components/ui";
import { useI18n } from "../i18n";
import { outboxQuery } from "../queries/admin";

const URL_RE = /(https?:\/\/[^\s<>"]+)/g;

/** Plain-text mail with its links made clickable. */
function Linkified({ text }: { text: string }) {
  return (
    <>
      {text.split(URL_RE).map((part, i) =>
        i % 2 === 1 ? (
          <a key={i} href={part}>
            {part}
          </a>
        ) : (
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
    </>
  );
}

export default function Outbox() {
  const { t } = useI18n();
  const q = useInfiniteQuery(outboxQuery);
  const messages = q.data?.pages.flatMap((p) => p.messages) ?? [];
  return (
    <>
      <AdminNav />
      <PageTitle>{t("outbox.title")}</PageTitle>
      <p className="lead">{t("outbox.intro")}</p>
      <p>{t("outbox.redacted")}</p>
      {q.isPending ? (
        <Loading />
      ) : q.error ? (
        <ErrorState error={q.error} retry={() => q.refetch()} />
      ) : messages.length === 0 ? (
        <p>{t("outbox.empty")}</p>
      ) : (
        <ol className="mails">
          {messages.map((m) => (
            <li key={m.id} className="card mail">
              <h2 className="mail-subject">{m.subject}</h2>
              <dl className="facts inline">
                <dt>{t("outbox.to")}</dt>
                <dd>{m.toAddress}</dd>
                <dt>{t("outbox.kind")}</dt>
                <dd>{m.kind}</dd>
                <dt>{t("outbox.status")}</dt>
                <dd>
                  {m.status} ({m.transport})
                </dd>
              </dl>
              <p className="muted small">
                <DateTime iso={m.createdAt} />
              </p>
              <pre className="mail-body">
                <Linkified text={m.bodyText} />
              </pre>
            </li>
          ))}
        </ol>
      )}
      {q.hasNextPage && (
        <button type="button" className="button secondary" disabled={q.isFetchingNextPage} onClick={() => q.fetchNextPage()}>
          {q.isFetchingNextPage ? t("app.loading") : t("common.older")}
        </button>
      )}
    </>
  );
}
