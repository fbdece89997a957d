// Overlaps worth a warning before a meeting is saved: the same officers or
// co-facilitators, the same room, or tracks with many seats in common.
import { and, eq, gt, gte, inArray, lt, ne } from "drizzle-orm";
import { meetings, seats, trackFacilitators, trackSeats, tracks, users } from "../db/schema";
import type { Db } from "../env";
import type { MeetingFormat, MeetingKind } from "../db/enums";

export type Slot = {
  meetingId?: string;
  kind: MeetingKind;
  trackId: number | null;
  startsAt: string;
  endsAt: string;
  room?: string | null;
  format: MeetingFormat;
};

export type ConflictReason =
  | { type: "people"; names: string[] }
  | { type: "room"; room: string }
  | { type: "seats"; common: number; of: number };

export type Conflict = {
  meetingId: string;
  title: string;
  kind: MeetingKind;
  track: string | null;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  reasons: ConflictReason[];
};

/** The longest a meeting may last; it also bounds how far back an overlapping meeting can start. */
export const MAX_MEETING_MS = 14 * 86_400_000;

/** "Many seats in common": a third of the smaller meeting, and never fewer than three. */
export const sharedSeatsThreshold = (smaller: number) => Math.max(3, Math.ceil(smaller / 3));

const normalRoom = (room: string | null | undefined) => room?.trim().toLowerCase().replace(/\s+/g, " ") || null;

/**
 * One round trip: every overlapping meeting and who and what each of them involves.
 * No meeting lasts longer than MAX_MEETING_MS, so the overlaps all start within that
 * much before the slot: a bounded range on the start index, never a truncated list.
 */
export async function findConflicts(db: Db, slot: Slot): Promise<Conflict[]> {
  const earliestStart = new Date(Date.parse(slot.startsAt) - MAX_MEETING_MS).toISOString();
  const overlap = and(
    eq(meetings.status, "scheduled"),
    gte(meetings.startsAt, earliestStart),
    lt(meetings.startsAt, slot.endsAt),
    gt(meetings.endsAt, slot.startsAt),
    slot.meetingId ? ne(meetings.id, slot.meetingId) : undefined,
  );
  const [others, facilitators, officers, trackSeatRows, memberSeats, trackRows] = await db.batch([
    db
      .select({
        id: meetings.id,
        title: meetings.title,
        kind: meetings.kind,
        trackId: meetings.trackId,
        startsAt: meetings.startsAt,
        endsAt: meetings.endsAt,
        timeZone: meetings.timeZone,
        room: meetings.room,
        format: meetings.format,
      })
      .from(meetings)
      .where(overlap),
    db
      .select({ trackId: trackFacilitators.trackId, userId: users.id, name: users.name })
      .from(trackFacilitators)
      .innerJoin(users, eq(users.id, trackFacilitators.userId))
      .where(eq(users.active, true)),
    db
      .select({ userId: users.id, name: users.name })
      .from(users)
      .where(and(eq(users.active, true), inArray(users.officerRole, ["chair", "vice_chair"]))),
    db
      .select({ trackId: trackSeats.trackId, seatId: trackSeats.seatId })
      .from(trackSeats)
      .innerJoin(seats, eq(seats.id, trackSeats.seatId))
      .where(ne(seats.kind, "observer")),
    db.select({ id: seats.id }).from(seats).where(ne(seats.kind, "observer")),
    db.select({ id: tracks.id, shortTitle: tracks.shortTitle }).from(tracks),
  ]);
  if (others.length === 0) return [];

  // Track business involves its co-facilitators and seats; anything else, the presiding officers and every seat.
  const people = (trackId: number | null) =>
    trackId == null ? officers : facilitators.filter((f) => f.trackId === trackId);
  const seatSet = (trackId: number | null) =>
    new Set(trackId == null ? memberSeats.map((s) => s.id) : trackSeatRows.filter((s) => s.trackId === trackId).map((s) => s.seatId));

  const mine = { people: people(slot.trackId), seats: seatSet(slot.trackId), room: slot.format === "online" ? null : normalRoom(slot.room) };
  const out: Conflict[] = [];
  for (const o of others) {
    const reasons: ConflictReason[] = [];
    const theirIds = new Set(people(o.trackId).map((p) => p.userId));
    const shared = mine.people.filter((p) => theirIds.has(p.userId)).map((p) => p.name);
    if (shared.length) reasons.push({ type: "people", names: shared });
    if (mine.room && o.format !== "online" && normalRoom(o.room) === mine.room) reasons.push({ type: "room", room: o.room! });
    const theirs = seatSet(o.trackId);
    const common = [...mine.seats].filter((s) => theirs.has(s)).length;
    const smaller = Math.min(mine.seats.size, theirs.size);
    if (smaller > 0 && common >= sharedSeatsThreshold(smaller)) reasons.push({ type: "seats", common, of: smaller });
    if (reasons.length)
      out.push({
        meetingId: o.id,
        title: o.title,
        kind: o.kind,
        track: trackRows.find((t) => t.id === o.trackId)?.shortTitle ?? null,
        startsAt: o.startsAt,
        endsAt: o.endsAt,
        timeZone: o.timeZone,
        reasons,
      });
  }
  return out;
}
