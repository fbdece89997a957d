// Notices to the people a meeting concerns. Each person reads the times on their
// own clock: one INSERT ... SELECT per time zone among the recipients.
import { and, eq, type SQL, sql } from "drizzle-orm";
import { meetings, users } from "../db/schema";
import type { Bindings, Db } from "../env";
import { describeInstant } from "../lib/zonedTime";
import { type Letter, mailPeople } from "../mail/mailer";
import { concernsUser, type MeetingRow } from "./access";

type Times = Pick<MeetingRow, "startsAt" | "endsAt" | "timeZone">;

/** "…, 10:00 Europe/Zurich (UTC+02:00)", then the reader's own clock when it differs. */
export function whenText(m: Times, readerZone: string) {
  const lines = [`Starts: ${describeInstant(m.startsAt, m.timeZone)}`, `Ends:   ${describeInstant(m.endsAt, m.timeZone)}`];
  if (readerZone !== m.timeZone) lines.push(`In your time zone: ${describeInstant(m.startsAt, readerZone)} to ${describeInstant(m.endsAt, readerZone).split(", ").at(-1)}`);
  return lines.join("\n");
}

/** Statements that queue `letterFor(zone)` to every participant, grouped by their time zone. */
export async function mailParticipants(db: Db, env: Bindings, meetingId: string, letterFor: (zone: string) => Letter, onlyIf: SQL) {
  const concerned = sql`EXISTS (SELECT 1 FROM meetings WHERE ${meetings.id} = ${meetingId} AND ${concernsUser})`;
  const zones = await db.selectDistinct({ zone: users.timeZone }).from(users).where(and(eq(users.active, true), concerned));
  return zones.map(({ zone }) => mailPeople(db, env, letterFor(zone), and(eq(users.timeZone, zone), concerned, onlyIf)!));
}

export function rescheduledLetter(before: MeetingRow, after: MeetingRow, link: string, reason: string | undefined) {
  return (zone: string): Letter => ({
    kind: "meeting_changed",
    subject: `Changed: ${after.title}`,
    text: [
      `The meeting "${after.title}" has changed.`,
      "",
      whenText(after, zone),
      `Format: ${after.format.replace("_", " ")}${after.room ? `; room: ${after.room}` : ""}`,
      ...(before.startsAt !== after.startsAt || before.endsAt !== after.endsAt ? ["", "It was:", whenText(before, zone)] : []),
      ...(reason ? ["", `Reason: ${reason}`] : []),
      "",
      "The online link is on the meeting page; calendar subscriptions update by themselves.",
      link,
    ].join("\n"),
  });
}

export function cancelledLetter(m: MeetingRow, link: string, reason: string) {
  return (zone: string): Letter => ({
    kind: "meeting_cancelled",
    subject: `Cancelled: ${m.title}`,
    text: [`The meeting "${m.title}" is cancelled.`, "", whenText(m, zone), "", `Reason: ${reason}`, "", link].join("\n"),
  });
}

export function minutesLetter(m: MeetingRow, link: string, closesAt: string) {
  return (zone: string): Letter => ({
    kind: "minutes_circulated",
    subject: `Draft minutes for corrections: ${m.title}`,
    text: [
      `The draft minutes of "${m.title}" are circulated for corrections.`,
      `Send corrections until ${describeInstant(closesAt, zone)}.`,
      "",
      link,
    ].join("\n"),
  });
}
