import { useQuery } from "@tanstack/react-query";
import { PendingPositions, PositionDelegates } from "../components/consensus/Dashboard";
import { describeRoles, PageTitle } from "../components/ui";
import { useI18n } from "../i18n";
import { tracksQuery } from "../queries";
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
