// The calendar at /meetings: an agenda list grouped by day or a month grid, every time
// with its date and zone (the meeting's own and the reader's), a track filter, calendar
// feeds to subscribe to, and which regional groups keep getting the inconvenient hours.
// Anonymous visitors see the public meetings.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { ErrorState, Loading, PageTitle } from "../components/ui";
import { useI18n, type MessageKey, type Translate } from "../i18n";
import { intlLocale, zonePlace } from "../i18n/time";
import { FeedAddress } from "../components/meetings/FeedAddress";
import { MeetingTime } from "../components/meetings/MeetingTime";
import { instantToZonedLocal, zonedToInstant } from "../../worker/lib/zonedTime";
import { tracksQuery } from "../queries/tracks";
import { fairnessQuery, feedUrl, meetingListQuery, type MeetingSummary } from "../queries/meetings";
import { Link, useLocation } from "../router";
import { useMe, useTimeZone } from "../session";
import type { Locale } from "../../worker/auth/schemas";

type View = "list" | "month";
const DAY = 86_400_000;

/** Calendar-date arithmetic on "YYYY-MM-DD" strings, done in UTC so no zone shifts a day. */
const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);
const dayKey = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const monthOf = (day: string) => day.slice(0, 7);
function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return dayKey(Date.UTC(y, m - 1 + by, 1)).slice(0, 7);
}
/** The instant a calendar day starts in `zone`, as the API's ISO form. */
const dayStart = (day: string, zone: string) => new Date(zonedToInstant(`${day}T00:00`, zone)?.ms ?? dayMs(day)).toISOString();
const fmt = (locale: Locale, opts: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(intlLocale(locale), { timeZone: "UTC", ...opts });

/** Days (in `zone`) on which a meeting takes place; a meeting lasts at most 14 days. */
function daysOf(m: Pick<MeetingSummary, "startsAt" | "endsAt">, zone: string): string[] {
  const first = instantToZonedLocal(m.startsAt, zone).slice(0, 10);
  const last = instantToZonedLocal(Math.max(Date.parse(m.startsAt), Date.parse(m.endsAt) - 60_000), zone).slice(0, 10);
  const out: string[] = [];
  for (let d = dayMs(first); d <= dayMs(last) && out.length < 15; d += DAY) out.push(dayKey(d));
  return out;
}

const kindLabel = (t: Translate, m: { kind: string; trackTitle?: string | null }) =>
  m.kind === "track" && m.trackTitle ? m.trackTitle : t(`schedule.kind.${m.kind}` as MessageKey);

export default function Meetings() {
  const { t } = useI18n();
  const { me } = useMe();
  const zone = useTimeZone();
  const { search } = useLocation();
  const view: View = search.get("view") === "month" ? "month" : "list";
  const track = search.get("track") ?? "";
  const today = instantToZonedLocal(Date.now(), zone).slice(0, 10);
  const month = /^\d{4}-\d{2}$/.test(search.get("month") ?? "") ? search.get("month")! : monthOf(today);
  const past = search.get("when") === "past";
  const tracks = useQuery(tracksQuery);

  /** This page's URL with some query parameters changed (null removes one). */
  const href = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(search);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    const qs = next.toString();
    return `/meetings${qs ? `?${qs}` : ""}`;
  };
  // Replace the query without navigate()'s scroll to the top: the month buttons and the
  // track filter keep their place (and focus) on a small screen.
  const go = (changes: Record<string, string | null>) => {
    history.replaceState(null, "", href(changes));
    window.dispatchEvent(new PopStateEvent("popstate"));
  };

  return (
    <>
      <PageTitle>{t("meetings.title")}</PageTitle>
      <p className="lead">{t("meetings.intro", { zone: zonePlace(t, zone) })}</p>

      <div className="cal-toolbar">
        <nav aria-label={t("meetings.view.label")} className="view-switch">
          <Link href={href({ view: null })} current={view === "list"}>
            {t("meetings.view.list")}
          </Link>
          <Link href={href({ view: "month" })} current={view === "month"}>
            {t("meetings.view.month")}
          </Link>
        </nav>
        <div className="field track-filter">
          <label htmlFor="cal-track">{t("meetings.filter.track")}</label>
          <select id="cal-track" value={track} onChange={(e) => go({ track: e.target.value || null })}>
            <option value="">{t("meetings.filter.all")}</option>
            {tracks.data?.tracks.map((tr) => (
              <option key={tr.id} value={tr.slug}>
                {tr.shortTitle}
              </option>
            ))}
          </select>
        </div>
        {/* The server says who may schedule anything at all; it checks each meeting's own scope. */}
        {me?.permissions.scheduleMeetings && (
          <Link href="/meetings/new" className="button cal-new">
            {t("meetings.schedule")}
          </Link>
        )}
      </div>

      {view === "month" ? (
        <MonthView month={month} today={today} zone={zone} track={track} onMonth={(m) => go({ month: m === monthOf(today) ? null : m })} />
      ) : (
        <AgendaView past={past} today={today} zone={zone} track={track} href={href} />
      )}

      <Subscribe signedIn={!!me} tracks={tracks.data?.tracks ?? []} />
      {me && <FairnessSection year={Number((view === "month" ? month : today).slice(0, 4))} track={track} />}
    </>
  );
}

function Badges({ m }: { m: MeetingSummary }) {
  const { t } = useI18n();
  return (
    <>
      {m.status === "cancelled" && <span className="tag tag-cancelled">{t("meetings.cancelled")}</span>}
      {m.visibility === "members" && <span className="tag tag-members">{t("meetings.membersOnly")}</span>}
      {m.myReply && <span className="tag tag-reply">{t("meetings.yourReply", { reply: t(`meetings.reply.${m.myReply}` as MessageKey) })}</span>}
    </>
  );
}

function AgendaView({ past, today, zone, track, href }: { past: boolean; today: string; zone: string; track: string; href: (c: Record<string, string | null>) => string }) {
  const { t, locale } = useI18n();
  const startOfToday = dayStart(today, zone);
  const from = past ? dayStart(dayKey(dayMs(today) - 366 * DAY), zone) : startOfToday;
  const to = past ? startOfToday : dayStart(dayKey(dayMs(today) + 366 * DAY), zone);
  const q = useQuery(meetingListQuery(from, to, track));
  const heading = t(past ? "meetings.past" : "meetings.upcoming");

  let body;
  if (q.isPending) body = <Loading />;
  else if (q.error) body = <ErrorState error={q.error} retry={() => q.refetch()} />;
  else {
    // Past meetings: most recent first. Upcoming: soonest first. Grouped by the reader's day.
    const list = past ? [...q.data.meetings].reverse() : q.data.meetings;
    const groups = new Map<string, MeetingSummary[]>();
    for (const m of list) {
      const day = instantToZonedLocal(m.startsAt, zone).slice(0, 10);
      // A meeting still running today belongs under today in the upcoming list.
      const key = !past && day < today ? today : day;
      groups.set(key, [...(groups.get(key) ?? []), m]);
    }
    const dayName = fmt(locale, { weekday: "long", day: "numeric", month: "long", year: "numeric" });
    body =
      groups.size === 0 ? (
        <p className="empty card">{t(past ? "meetings.noPast" : "meetings.noUpcoming")}</p>
      ) : (
        [...groups].map(([day, items]) => (
          <section key={day} className="cal-day" aria-labelledby={`day-${day}`}>
            <h3 id={`day-${day}`}>
              {dayName.format(dayMs(day))}
              {day === today && <span className="tag tag-today">{t("meetings.today")}</span>}
            </h3>
            <ul className="plain meeting-list">
              {items.map((m) => (
                <MeetingItem key={m.id} m={m} />
              ))}
            </ul>
          </section>
        ))
      );
  }

  return (
    <section aria-labelledby="cal-heading" className="cal-agenda">
      <div className="cal-heading-row">
        <h2 id="cal-heading">{heading}</h2>
        <Link href={href({ when: past ? null : "past" })} className="button secondary small">
          {t(past ? "meetings.showUpcoming" : "meetings.showPast")}
        </Link>
      </div>
      {body}
    </section>
  );
}

function MeetingItem({ m }: { m: MeetingSummary }) {
  const { t } = useI18n();
  const cancelled = m.status === "cancelled";
  const place = [t(`schedule.format.${m.format}` as MessageKey), m.format !== "online" ? m.room : null].filter(Boolean).join(" · ");
  return (
    <li className={`meeting-item${cancelled ? " is-cancelled" : ""}`}>
      <p className="meeting-head">
        <Link href={`/meetings/${encodeURIComponent(m.id)}`} className="meeting-title">
          {m.title}
        </Link>
        <Badges m={m} />
      </p>
      <p className="meeting-when">
        <MeetingTime m={m} compact />
      </p>
      <p className="meeting-meta muted">
        {kindLabel(t, m)} · {place}
      </p>
    </li>
  );
}

function MonthView({ month, today, zone, track, onMonth }: { month: string; today: string; zone: string; track: string; onMonth: (m: string) => void }) {
  const { t, locale } = useI18n();
  const first = `${month}-01`;
  const nextFirst = `${shiftMonth(month, 1)}-01`;
  const monthName = fmt(locale, { month: "long", year: "numeric" }).format(dayMs(first));
  const weekdayShort = fmt(locale, { weekday: "short" });
  const weekdayLong = fmt(locale, { weekday: "long" });
  const dayName = fmt(locale, { weekday: "long", day: "numeric", month: "long" });
  const timeOf = (iso: string) => instantToZonedLocal(iso, zone).slice(11);

  // Weeks from the Monday on or before the 1st to the Sunday on or after the last day.
  const start = dayMs(first) - ((new Date(dayMs(first)).getUTCDay() + 6) % 7) * DAY;
  const end = dayMs(nextFirst) - DAY;
  const weeks: string[][] = [];
  for (let d = start; d <= end; d += 7 * DAY) weeks.push(Array.from({ length: 7 }, (_, i) => dayKey(d + i * DAY)));
  // The whole grid, so days of the neighbouring months show their meetings too.
  const q = useQuery(meetingListQuery(dayStart(weeks[0]![0]!, zone), dayStart(dayKey(dayMs(weeks.at(-1)![6]!) + DAY), zone), track));

  const byDay = new Map<string, MeetingSummary[]>();
  for (const m of q.data?.meetings ?? []) for (const d of daysOf(m, zone)) byDay.set(d, [...(byDay.get(d) ?? []), m]);
  const count = q.data?.meetings.filter((m) => daysOf(m, zone).some((d) => monthOf(d) === month)).length ?? 0;

  return (
    <section aria-labelledby="cal-heading" className="cal-month">
      <div className="cal-heading-row">
        <h2 id="cal-heading" aria-live="polite">
          {monthName}
        </h2>
        <div className="month-nav">
          <button type="button" className="button secondary small" onClick={() => onMonth(shiftMonth(month, -1))}>
            <span aria-hidden="true" className="arrow">
              ‹
            </span>{" "}
            {t("meetings.prevMonth")}
          </button>
          <button type="button" className="button secondary small" onClick={() => onMonth(shiftMonth(month, 1))}>
            {t("meetings.nextMonth")}{" "}
            <span aria-hidden="true" className="arrow">
              ›
            </span>
          </button>
          {month !== monthOf(today) && (
            <button type="button" className="button secondary small" onClick={() => onMonth(monthOf(today))}>
              {t("meetings.thisMonth")}
            </button>
          )}
        </div>
      </div>
      <p className="muted small">{t("meetings.monthZone", { zone: zonePlace(t, zone) })}</p>
      {q.isPending ? (
        <Loading />
      ) : q.error ? (
        <ErrorState error={q.error} retry={() => q.refetch()} />
      ) : (
        count === 0 && <p className="empty card">{t("meetings.noneInMonth", { month: monthName })}</p>
      )}
      <table className="month-grid">
        <caption className="visually-hidden">{t("meetings.gridCaption", { month: monthName, count })}</caption>
        <thead>
          <tr>
            {weeks[0]!.map((d) => (
              <th key={d} scope="col" abbr={weekdayLong.format(dayMs(d))}>
                {weekdayShort.format(dayMs(d))}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr key={week[0]}>
              {week.map((d) => {
                const items = byDay.get(d) ?? [];
                const inMonth = monthOf(d) === month;
                const isToday = d === today;
                return (
                  <td key={d} className={[inMonth ? "" : "other-month", isToday ? "is-today" : "", items.length ? "has-meetings" : "no-meetings"].filter(Boolean).join(" ")}>
                    <p className="day-label" aria-current={isToday ? "date" : undefined}>
                      <span className="day-number" aria-hidden="true">
                        {fmt(locale, { day: "numeric" }).format(dayMs(d))}
                      </span>
                      <span className="day-full">{dayName.format(dayMs(d))}</span>
                      {isToday && <span className="tag tag-today">{t("meetings.today")}</span>}
                    </p>
                    {items.length > 0 && (
                      <ul className="plain day-meetings">
                        {items.map((m) => {
                          const startsHere = instantToZonedLocal(m.startsAt, zone).slice(0, 10) === d;
                          return (
                            <li key={m.id} className={m.status === "cancelled" ? "is-cancelled" : undefined}>
                              <Link href={`/meetings/${encodeURIComponent(m.id)}`} className="cal-event">
                                <span className="cal-time">{startsHere ? <time dateTime={m.startsAt}>{timeOf(m.startsAt)}</time> : t("meetings.continues")}</span>{" "}
                                <span className="cal-title">{m.title}</span>
                                {m.status === "cancelled" && <span className="tag tag-cancelled">{t("meetings.cancelled")}</span>}
                                {m.myReply && <span className="visually-hidden">{` (${t("meetings.yourReply", { reply: t(`meetings.reply.${m.myReply}` as MessageKey) })})`}</span>}
                              </Link>
                            </li>
                          );
                        })}
                      </ul>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Subscribe({ signedIn, tracks }: { signedIn: boolean; tracks: { id: number; slug: string; shortTitle: string }[] }) {
  const { t } = useI18n();
  return (
    <details className="card subscribe">
      <summary>{t("meetings.feed.title")}</summary>
      <p>{t("meetings.feed.intro")}</p>
      <ul className="plain feeds">
        <li className="feed">
          <FeedAddress label={t("meetings.feed.all")} url={`${location.origin}${feedUrl()}`} />
        </li>
        {tracks.map((tr) => (
          <li key={tr.id} className="feed">
            <FeedAddress label={t("meetings.feed.track", { track: tr.shortTitle })} url={`${location.origin}${feedUrl(tr.slug)}`} />
          </li>
        ))}
      </ul>
      <p>
        {signedIn ? (
          <Link href="/profile#calendar-feed">{t("meetings.feed.personal")}</Link>
        ) : (
          <>
            {t("meetings.feed.personalSignIn")} <Link href="/signin?next=%2Fprofile">{t("nav.signIn")}</Link>
          </>
        )}
      </p>
    </details>
  );
}

function FairnessSection({ year, track }: { year: number; track: string }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <details className="card fairness" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t("fairness.title")}</summary>
      {open && <FairnessTable year={year} track={track} />}
    </details>
  );
}

function FairnessTable({ year, track }: { year: number; track: string }) {
  const { t } = useI18n();
  const q = useQuery(fairnessQuery(`${year}-01-01`, `${year + 1}-01-01`, track));
  if (q.isPending) return <Loading />;
  if (q.error) return <ErrorState error={q.error} retry={() => q.refetch()} />;
  const { meetings, regions } = q.data;
  return (
    <>
      <p>{t("fairness.intro", { year, count: meetings })}</p>
      {meetings === 0 ? (
        <p className="muted">{t("fairness.none")}</p>
      ) : (
        <div className="table-wrap" role="region" aria-labelledby="fairness-caption" tabIndex={0}>
          <table className="fairness-table">
            <caption id="fairness-caption">{t("fairness.caption", { year })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("fairness.col.region")}</th>
                <th scope="col">{t("fairness.col.zone")}</th>
                <th scope="col">{t("fairness.col.outside")}</th>
                <th scope="col">{t("fairness.col.share")}</th>
              </tr>
            </thead>
            <tbody>
              {regions.map((r) => {
                const pct = r.meetings ? Math.round((100 * r.outside) / r.meetings) : 0;
                return (
                  <tr key={r.region}>
                    <th scope="row">{t(`region.${r.region}` as MessageKey)}</th>
                    <td>
                      {zonePlace(t, r.zone)} <span className="muted small">({r.zone})</span>
                    </td>
                    <td>{t("fairness.outsideOf", { outside: r.outside, count: r.meetings })}</td>
                    <td>
                      <span className="share">
                        <svg className="share-bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                          <rect className="share-track" width="100" height="10" />
                          <rect className="share-fill" width={pct} height="10" />
                        </svg>
                        <span>{pct}%</span>
                      </span>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <p className="muted small">{t("fairness.method")}</p>
    </>
  );
}
