// Reading a meeting the actor may see, and the one rule for whom a meeting concerns.
import { eq, sql } from "drizzle-orm";
import type { Context } from "hono";
import { meetings, users } from "../db/schema";
import type { AppEnv, Db } from "../env";
import { badRequest, conflict, notFound } from "../errors";
import { zonedToInstant } from "../lib/zonedTime";
import { type Action, type Actor, authorize, can } from "../policy";

export type MeetingRow = typeof meetings.$inferSelect;

export const meetingScope = (m: Pick<MeetingRow, "trackId" | "visibility">) => ({ trackId: m.trackId, visibility: m.visibility });

/** A members-only meeting answers 404 to those who may not see it, like a members-only document. */
export async function loadMeeting(db: Db, actor: Actor, id: string): Promise<MeetingRow> {
  const [m] = await db.select().from(meetings).where(eq(meetings.id, id));
  if (!m || !can(actor, "meetings.view", meetingScope(m))) throw notFound("The meeting");
  return m;
}

/** A wall-clock time typed in `zone` → the UTC instant in ms, or 400 naming `field`. */
export function instantOr400(local: string, zone: string, field: string): number {
  const t = zonedToInstant(local, zone);
  if (!t) throw badRequest(field, "Not a valid date and time.");
  return t.ms;
}

export const hasStarted = (m: Pick<MeetingRow, "startsAt">, now = Date.now()) => Date.parse(m.startsAt) <= now;
export const hasEnded = (m: Pick<MeetingRow, "endsAt">, now = Date.now()) => Date.parse(m.endsAt) <= now;

/** Changes to a cancelled meeting or to approved minutes are refused the same way everywhere. */
export function assertOpen(m: MeetingRow, what: "meeting" | "minutes" = "meeting") {
  if (m.status === "cancelled") throw conflict("This meeting was cancelled.");
  if (what === "minutes" && m.minutesStatus === "approved") throw conflict("The minutes of this meeting were approved and are locked.");
}

/**
 * The meeting `id`, for someone whose role allows `action` on it, while it is open to
 * that change: 404 if they may not see it, 403 if they may not act, 409 once cancelled
 * (or, with lock "minutes", once its minutes are approved).
 */
export async function meetingFor(c: Context<AppEnv>, id: string, action: Action, lock: "meeting" | "minutes" = "meeting") {
  const db = c.get("db");
  const m = await loadMeeting(db, c.get("actor"), id);
  const actor = authorize(c.get("actor"), action, meetingScope(m));
  assertOpen(m, lock);
  return { db, m, actor };
}

/**
 * Whether a meeting concerns a person, over the `meetings` and `users` tables:
 * they may see it, and it is plenary business, their seat's or their own track's,
 * they are an officer, or they said they would attend. Personal calendar feeds
 * and notices to participants both use it, so the two never disagree.
 */
export const concernsUser = sql`(
  (${meetings.visibility} = 'public'
    OR ${users.officerRole} IS NOT NULL
    OR ${users.seatId} IN (SELECT id FROM seats WHERE kind <> 'observer')
    OR EXISTS (SELECT 1 FROM track_facilitators f WHERE f.user_id = ${users.id}))
  AND (${users.officerRole} IS NOT NULL
    OR ${meetings.trackId} IS NULL
    OR EXISTS (SELECT 1 FROM track_seats s WHERE s.track_id = ${meetings.trackId} AND s.seat_id = ${users.seatId})
    OR EXISTS (SELECT 1 FROM track_facilitators f WHERE f.track_id = ${meetings.trackId} AND f.user_id = ${users.id})
    OR EXISTS (SELECT 1 FROM meeting_replies r WHERE r.meeting_id = ${meetings.id} AND r.user_id = ${users.id} AND r.reply <> 'not_attending')))`;
