// Calendar feeds (RFC 5545): public meetings, one feed per track, a personal feed
// at a secret URL, and a single meeting's file. Each answers in one D1 round trip.
import { and, asc, eq, gte, sql } from "drizzle-orm";
import { type Context, Hono } from "hono";
import { describeRoute } from "hono-openapi";
import { emptyResponse, errors, fileResponse, jsonResponse } from "../openapi";
import { auditContext, writeAudited } from "../audit";
import { newToken, sha256Hex } from "../auth/crypto";
import { calendarTokens, meetings, seats, tracks, users } from "../db/schema";
import { aliased } from "../db/alias";
import { type AppEnv, publicOrigin } from "../env";
import { notFound } from "../errors";
import { authorize, can, type SignedIn } from "../policy";
import { v } from "../validation";
import { concernsUser, loadMeeting, type MeetingRow, meetingScope } from "./access";
import { type IcsEvent, renderCalendar } from "./ics";
import { FeedQuery, MeetingParam } from "./schemas";

/** Feeds carry a year of past meetings and everything ahead: enough history, bounded size. */
const FEED_HISTORY_MS = 366 * 86_400_000;

const KIND_LABEL = { plenary: "Plenary", track: "Track meeting", informal: "Informal consultation" } as const;

type FeedRow = Pick<
  MeetingRow,
  | "id"
  | "title"
  | "kind"
  | "trackId"
  | "visibility"
  | "startsAt"
  | "endsAt"
  | "timeZone"
  | "format"
  | "room"
  | "onlineUrl"
  | "description"
  | "status"
  | "cancelReason"
  | "sequence"
  | "createdAt"
  | "updatedAt"
> & { track: string | null };

const feedColumns = {
  id: meetings.id,
  title: meetings.title,
  kind: meetings.kind,
  trackId: meetings.trackId,
  visibility: meetings.visibility,
  startsAt: meetings.startsAt,
  endsAt: meetings.endsAt,
  timeZone: meetings.timeZone,
  format: meetings.format,
  room: meetings.room,
  onlineUrl: meetings.onlineUrl,
  description: meetings.description,
  status: meetings.status,
  cancelReason: meetings.cancelReason,
  sequence: meetings.sequence,
  createdAt: meetings.createdAt,
  updatedAt: meetings.updatedAt,
  track: tracks.shortTitle,
};

export function toIcsEvent(m: FeedRow, origin: string, withLink: boolean): IcsEvent {
  const url = `${origin}/meetings/${m.id}`;
  const place = m.room?.trim() || "Geneva";
  const location = m.format === "online" ? "Online" : m.format === "hybrid" ? `${place} and online` : place;
  const description = [
    m.status === "cancelled" ? `CANCELLED${m.cancelReason ? `: ${m.cancelReason}` : ""}` : null,
    m.description || null,
    withLink && m.onlineUrl && m.format !== "in_person" ? `Join online: ${m.onlineUrl}` : null,
    `Agenda, papers and replies: ${url}`,
  ]
    .filter(Boolean)
    .join("\n\n");
  return {
    // Stable across reschedules, so calendars move the event instead of adding one.
    uid: `${m.id}@plenary`,
    sequence: m.sequence,
    cancelled: m.status === "cancelled",
    startsAt: m.startsAt,
    endsAt: m.endsAt,
    timeZone: m.timeZone,
    title: m.title,
    description,
    location,
    url,
    createdAt: m.createdAt,
    updatedAt: m.updatedAt,
    categories: [KIND_LABEL[m.kind], ...(m.track ? [m.track] : [])],
  };
}

/** Bump when the feed's rendering changes, so clients' cached copies are refetched. */
const FEED_FORMAT = 1;

/**
 * Who a calendar answer is for, which decides how it may be cached:
 * - "everyone": the same for every reader (public feeds): shared caches may keep it;
 * - "token": a personal feed, the same for whoever holds its secret URL: the reader's own cache only;
 * - "session": depends on the signed-in reader (the link, or 404): never stored, and keyed on the cookie.
 */
type Audience = "everyone" | "token" | "session";
const CACHE: Record<Audience, Record<string, string>> = {
  everyone: { "cache-control": "public, max-age=300" },
  token: { "cache-control": "private, max-age=300" },
  session: { "cache-control": "private, no-store", vary: "Cookie" },
};

/**
 * text/calendar with an ETag. The tag is a fingerprint of what the feed is made of
 * (every meeting's id and last change, and whether it shows the online link), so a
 * polling client that already has this version gets 304 before the feed is rendered at all.
 */
async function calendarResponse(
  c: Context<AppEnv>,
  name: string,
  rows: FeedRow[],
  withLink: (m: FeedRow) => boolean,
  opts: { audience: Audience; fileName: string; download?: boolean },
) {
  const origin = publicOrigin(c.env);
  const shown = rows.map((m) => ({ m, link: withLink(m) }));
  const parts = [FEED_FORMAT, origin, name, ...shown.map(({ m, link }) => `${m.id}|${m.updatedAt}|${m.track ?? ""}|${link}`)];
  const etag = `"${(await sha256Hex(parts.join("\n"))).slice(0, 32)}"`;
  const headers = {
    "content-type": "text/calendar; charset=utf-8",
    ...CACHE[opts.audience],
    "content-disposition": `${opts.download ? "attachment" : "inline"}; filename="${opts.fileName}"`,
    etag,
  };
  if (c.req.header("if-none-match") === etag) return c.body(null, 304, headers);
  const body = renderCalendar({ name, events: shown.map(({ m, link }) => toIcsEvent(m, origin, link)) });
  return c.body(body, 200, headers);
}

/** The owner of a personal feed as the policy sees them, so the feed shows the links they would get signed in. */
function feedOwner(row: {
  id: string;
  name: string;
  email: string;
  seatId: string | null;
  seatKind: SignedIn["seatKind"];
  seatName: string | null;
  seatRole: SignedIn["seatRole"];
  officerRole: SignedIn["officerRole"];
  tracks: string | null;
  locale: string;
  timeZone: string;
}): SignedIn {
  const { id, tracks: facilitated, ...rest } = row;
  return { kind: "user", userId: id, ...rest, facilitatedTrackIds: facilitated ? facilitated.split(",").map(Number) : [] };
}

const since = () => new Date(Date.now() - FEED_HISTORY_MS).toISOString();

export const feedRoutes = new Hono<AppEnv>()
  .get(
    "/meetings.ics",
    describeRoute({ tags: ["calendar"], summary: "Public meetings as an iCalendar feed; ?track=<slug> for one track", responses: { 200: fileResponse("The iCalendar feed", "text/calendar"), 304: emptyResponse("Not modified: the ETag in If-None-Match still matches"), ...errors(400, 404) } }),
    v("query", FeedQuery),
    async (c) => {
      const db = c.get("db");
      const { track } = c.req.valid("query");
      const [trackRows, rows] = await db.batch([
        db.select({ id: tracks.id, shortTitle: tracks.shortTitle }).from(tracks).where(eq(tracks.slug, track ?? "")),
        db
          .select(feedColumns)
          .from(meetings)
          .leftJoin(tracks, eq(tracks.id, meetings.trackId))
          .where(and(eq(meetings.visibility, "public"), gte(meetings.endsAt, since()), track ? eq(tracks.slug, track) : undefined))
          .orderBy(asc(meetings.startsAt)),
      ]);
      if (track && !trackRows[0]) throw notFound("The track");
      const name = trackRows[0] ? `Plenary: ${trackRows[0].shortTitle}` : "Plenary: CSTD Working Group on Data Governance";
      return calendarResponse(c, name, rows, () => false, { audience: "everyone", fileName: track ? `plenary-${track}.ics` : "plenary.ics" });
    },
  )
  .get(
    "/calendar/:file",
    describeRoute({ tags: ["calendar"], summary: "A person's own feed at their secret URL: their meetings, with online links", responses: { 200: fileResponse("The person's iCalendar feed", "text/calendar"), 304: emptyResponse("Not modified: the ETag in If-None-Match still matches"), ...errors(404) } }),
    async (c) => {
      const db = c.get("db");
      const file = c.req.param("file");
      const token = /^([A-Za-z0-9_-]{20,100})\.ics$/.exec(file)?.[1];
      if (!token) throw notFound("The calendar");
      const hash = await sha256Hex(token);
      const owner = sql`(select ${calendarTokens.userId} from ${calendarTokens} where ${calendarTokens.tokenHash} = ${hash})`;
      const [people, rows] = await db.batch([
        db
          .select({
            id: users.id,
            name: users.name,
            email: users.email,
            seatId: users.seatId,
            seatKind: seats.kind,
            seatName: aliased(seats.name, "seat_name"),
            seatRole: users.seatRole,
            officerRole: users.officerRole,
            tracks: sql<string | null>`(select group_concat(tf.track_id) from track_facilitators tf where tf.user_id = "users"."id")`.as("facilitated_tracks"),
            locale: users.locale,
            timeZone: users.timeZone,
          })
          .from(users)
          .leftJoin(seats, eq(seats.id, users.seatId))
          .where(and(sql`${users.id} = ${owner}`, eq(users.active, true))),
        db
          .select(feedColumns)
          .from(meetings)
          .innerJoin(users, and(sql`${users.id} = ${owner}`, eq(users.active, true)))
          .leftJoin(tracks, eq(tracks.id, meetings.trackId))
          .where(and(gte(meetings.endsAt, since()), concernsUser))
          .orderBy(asc(meetings.startsAt)),
      ]);
      if (!people[0]) throw notFound("The calendar");
      // The feed reaches observers too (public meetings): the links only where the owner may join.
      const me = feedOwner(people[0]);
      return calendarResponse(c, `Plenary: ${me.name}`, rows, (m) => can(me, "meetings.join", meetingScope(m)), { audience: "token", fileName: "plenary-mine.ics" });
    },
  )
  .get(
    "/meetings/:id/calendar.ics",
    describeRoute({ tags: ["calendar"], summary: "One meeting as an .ics file to add to a calendar", responses: { 200: fileResponse("The meeting as an iCalendar file", "text/calendar"), 304: emptyResponse("Not modified: the ETag in If-None-Match still matches"), ...errors(400, 404) } }),
    v("param", MeetingParam),
    async (c) => {
      const db = c.get("db");
      const actor = c.get("actor");
      const m = await loadMeeting(db, actor, c.req.valid("param").id);
      const [track] = m.trackId == null ? [] : await db.select({ shortTitle: tracks.shortTitle }).from(tracks).where(eq(tracks.id, m.trackId));
      const row = { ...m, track: track?.shortTitle ?? null };
      // The same URL answers each reader differently (the link, or 404): never a shared copy.
      return calendarResponse(c, m.title, [row], () => can(actor, "meetings.join", meetingScope(m)), { audience: "session", fileName: "meeting.ics", download: true });
    },
  )
  .get("/me/calendar-feed", describeRoute({ tags: ["calendar"], summary: "Whether you have a personal feed, and since when", responses: { 200: jsonResponse("Whether you have a personal feed, and since when"), ...errors(401, 403) } }), async (c) => {
    const me = authorize(c.get("actor"), "profile.update");
    const [row] = await c.get("db").select({ createdAt: calendarTokens.createdAt }).from(calendarTokens).where(eq(calendarTokens.userId, me.userId));
    return c.json({ active: !!row, createdAt: row?.createdAt ?? null }, 200);
  })
  .post(
    "/me/calendar-feed",
    describeRoute({ tags: ["calendar"], summary: "Create (or replace) your personal feed; its URL is shown this once", responses: { 201: jsonResponse("Created"), ...errors(401) } }),
    async (c) => {
      const me = authorize(c.get("actor"), "profile.update");
      const db = c.get("db");
      const token = newToken();
      const now = new Date().toISOString();
      const row = { userId: me.userId, tokenHash: await sha256Hex(token), createdAt: now };
      await writeAudited(auditContext(c), [{ action: "calendar.token", targetType: "user", targetId: me.userId, after: { createdAt: now } }], [
        db.insert(calendarTokens).values(row).onConflictDoUpdate({ target: calendarTokens.userId, set: { tokenHash: row.tokenHash, createdAt: now } }),
      ]);
      return c.json({ url: `${publicOrigin(c.env)}/api/calendar/${token}.ics`, createdAt: now }, 201);
    },
  )
  .delete("/me/calendar-feed", describeRoute({ tags: ["calendar"], summary: "Turn off your personal feed", responses: { 204: emptyResponse("Done"), ...errors(401) } }), async (c) => {
    const me = authorize(c.get("actor"), "profile.update");
    const db = c.get("db");
    await writeAudited(auditContext(c), [{ action: "calendar.revoke", targetType: "user", targetId: me.userId }], [
      db.delete(calendarTokens).where(eq(calendarTokens.userId, me.userId)),
    ]);
    return c.body(null, 204);
  });
