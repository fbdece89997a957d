import { useQuery } from "@tanstack/react-query";
import { PendingPositions, PositionDelegates } from "../components/consensus/Dashboard";
import { MeetingTime } from "../components/meetings/MeetingTime";
import { describeRoles, ErrorState, Loading, PageTitle } from "../components/ui";
import { useI18n, type MessageKey } from "../i18n";
import { formatDateTime } from "../i18n/time";
import { tracksQuery } from "../queries/tracks";
import { myMeetingsQuery } from "../queries/meetings";
import { reportListQuery } from "../queries/reports";
import { revLabel } from "../components/documents";
import { Link } from "../router";
import { useMe, useTimeZone } from "../session";

export default function Dashboard() {
  const { t } = useI18n();
  const { me } = useMe();
  const zone = useTimeZone();
  const tracks = useQuery(tracksQuery);
  if (!me) return null;
  const mine = (tracks.data?.tracks ?? []).filter((tr) => me.facilitatedTrackIds.includes(tr.id));

  return (
    <>
      <PageTitle>{t("dashboard.title", { name: me.name })}</PageTitle>
      <div className="grid">
        <NextMeetings />
        <section className="card" aria-labelledby="dash-seat">
          <h2 id="dash-seat">{t("dashboard.yourSeat")}</h2>
          {me.seat ? (
            <dl className="facts">
              <dt>{t("dashboard.seat")}</dt>
              <dd>
                {me.seat.name}
                {me.seat.kind && <span className="tag">{t(`kind.${me.seat.kind}`)}</span>}
              </dd>
              <dt>{t("dashboard.role")}</dt>
              <dd>{describeRoles(t, me, me.seat.name)}</dd>
            </dl>
          ) : (
            <>
              <p>{t("dashboard.noSeat")}</p>
              {me.officerRole && (
                <dl className="facts">
                  <dt>{t("dashboard.officer")}</dt>
                  <dd>{t(`roleShort.${me.officerRole}`)}</dd>
                </dl>
              )}
            </>
          )}
          <p className="muted">{t("dashboard.timeZone", { zone })}</p>
        </section>
        <section className="card" aria-labelledby="dash-tracks">
          <h2 id="dash-tracks">{t("dashboard.facilitating")}</h2>
          {mine.length ? (
            <ul className="plain">
              {mine.map((tr) => (
                <li key={tr.id}>
                  <Link href={`/tracks/${tr.slug}`}>
                    {t("track.number", { n: tr.id })}: {tr.shortTitle}
                  </Link>
                </li>
              ))}
            </ul>
          ) : (
            <p>{t("dashboard.noFacilitating")}</p>
          )}
        </section>
        {me.seat && me.seat.kind !== "observer" && <ReportsForComment />}
        {me.seat && me.seat.kind !== "observer" && <PendingPositions />}
        {me.seat && me.seatRole === "head" && <PositionDelegates />}
      </div>
      <section aria-labelledby="dash-links">
        <h2 id="dash-links">{t("dashboard.shortcuts")}</h2>
        <ul className="link-list">
          <li>
            <Link href="/tracks">{t("dashboard.shortcut.tracks")}</Link>
          </li>
          <li>
            <Link href="/members">{t("dashboard.shortcut.members")}</Link>
          </li>
          <li>
            <Link href="/meetings">{t("dashboard.shortcut.meetings")}</Link>
          </li>
          <li>
            <Link href="/reports">{t("dashboard.shortcut.reports")}</Link>
          </li>
          {me.permissions.invite && !me.permissions.usersList && (
            <li>
              <Link href="/admin">{t("dashboard.shortcut.inviteDelegates")}</Link>
            </li>
          )}
          {me.permissions.usersList && (
            <li>
              <Link href="/admin">{t("dashboard.shortcut.admin")}</Link>
            </li>
          )}
        </ul>
      </section>
    </>
  );
}

/** The next meetings that concern the reader, with their reply or a prompt to give one, and minutes they may still correct. */
function NextMeetings() {
  const { t, locale } = useI18n();
  const zone = useTimeZone();
  const q = useQuery(myMeetingsQuery);
  const meetingHref = (id: string) => `/meetings/${encodeURIComponent(id)}`;
  let body;
  if (q.isPending) body = <Loading />;
  else if (q.error) body = <ErrorState error={q.error} retry={() => q.refetch()} />;
  else
    body = (
      <>
        {q.data.next.length === 0 ? (
          <p className="muted">{t("dashboard.meetings.none")}</p>
        ) : (
          <ul className="plain dash-meetings">
            {q.data.next.map((m) => {
              const cancelled = m.status === "cancelled";
              return (
                <li key={m.id} className={cancelled ? "is-cancelled" : undefined}>
                  <div>
                    <p className="meeting-head">
                      <Link href={meetingHref(m.id)} className="meeting-title">
                        {m.title}
                      </Link>
                      {cancelled && <span className="tag tag-cancelled">{t("meetings.cancelled")}</span>}
                    </p>
                    <p className="dash-when">
                      <MeetingTime m={m} compact />
                    </p>
                  </div>
                  {m.myReply ? (
                    <p className="dash-reply">
                      <span className="tag tag-reply">{t("meetings.yourReply", { reply: t(`meetings.reply.${m.myReply}` as MessageKey) })}</span>
                    </p>
                  ) : (
                    !cancelled && (
                      <p className="dash-reply">
                        <Link href={meetingHref(m.id)} className="button secondary small">
                          {t("dashboard.meetings.reply")}
                          <span className="visually-hidden">: {m.title}</span>
                        </Link>
                      </p>
                    )
                  )}
                </li>
              );
            })}
          </ul>
        )}
        <h3 id="dash-minutes">{t("dashboard.meetings.minutes")}</h3>
        {q.data.minutes.length === 0 ? (
          <p className="muted">{t("dashboard.meetings.noMinutes")}</p>
        ) : (
          <ul className="plain dash-minutes" aria-labelledby="dash-minutes">
            {q.data.minutes.map((m) => (
              <li key={m.id}>
                <Link href={`${meetingHref(m.id)}/minutes`}>{m.title}</Link>{" "}
                {m.correctionsCloseAt && (
                  <time className="muted" dateTime={m.correctionsCloseAt}>
                    {t("dashboard.meetings.until", { when: formatDateTime(m.correctionsCloseAt, locale, zone) })}
                  </time>
                )}
              </li>
            ))}
          </ul>
        )}
        {q.data.keeping.length > 0 && (
          <>
            <h3 id="dash-keeping">{t("dashboard.meetings.keeping")}</h3>
            <ul className="plain dash-minutes" aria-labelledby="dash-keeping">
              {q.data.keeping.map((m) => (
                <li key={m.id}>
                  <Link href={`${meetingHref(m.id)}/minutes`}>{m.title}</Link>{" "}
                  <span className="muted">
                    {m.waitingFor === "answers"
                      ? t("dashboard.meetings.waiting.answers", { n: m.openCorrections })
                      : m.waitingFor === "window"
                        ? t("dashboard.meetings.waiting.window", { when: formatDateTime(m.correctionsCloseAt!, locale, zone) })
                        : t(`dashboard.meetings.waiting.${m.waitingFor}`)}
                  </span>
                </li>
              ))}
            </ul>
          </>
        )}
      </>
    );
  return (
    <section className="card dash-next" aria-labelledby="dash-meetings">
      <h2 id="dash-meetings">{t("dashboard.meetings.title")}</h2>
      {body}
      <p className="dash-calendar">
        <Link href="/meetings">{t("dashboard.meetings.calendar")}</Link>
      </p>
    </section>
  );
}

/** Progress reports whose draft is open for comments now: members comment on them like on any draft. Shown only when there are some. */
function ReportsForComment() {
  const { t, locale } = useI18n();
  const zone = useTimeZone();
  const q = useQuery(reportListQuery);
  const open = (q.data?.reports ?? []).filter((r) => r.state === "under_review" && r.latestRevision?.window === "open");
  if (open.length === 0) return null;
  return (
    <section aria-labelledby="dash-reports" className="card">
      <h2 id="dash-reports">{t("dashboard.reports.title")}</h2>
      <ul className="plain">
        {open.map((r) => (
          <li key={r.id}>
            <Link href={`/documents/${encodeURIComponent(r.documentId)}/rev/${r.latestRevision!.number}`}>
              {r.symbol ? `${r.symbol}: ` : ""}
              {r.title}, {revLabel(t, r.latestRevision!.number)}
            </Link>{" "}
            <span className="muted">{t("dashboard.reports.until", { when: formatDateTime(r.latestRevision!.commentsCloseAt, locale, zone) })}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
