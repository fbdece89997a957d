// The consensus board of one revision: where every seat stands, counted by
// constituency (regional groups for Member States, stakeholder groups for the others).
import type { RegionalGroup, Stance, StakeholderGroup } from "../db/schema";

export type SeatRow = { id: string; name: string; kind: "member_state" | "non_state" | "observer"; regionalGroup: RegionalGroup | null; stakeholderGroup: StakeholderGroup | null };
export type PositionRow = { seatId: string; stance: Stance; explanation: string | null; paragraphIds: string; recordedAt: string; recordedByName: string | null; version: number; confirmedFrom: number | null };

export type Tally = Record<Stance | "no_response", number> & { group: string; constituency: "member_states" | "non_state"; seats: number; earlierText: number };

const emptyTally = (group: string, constituency: Tally["constituency"]): Tally => ({
  group,
  constituency,
  seats: 0,
  support: 0,
  can_live: 0,
  reservation: 0,
  objection: 0,
  abstain: 0,
  no_response: 0,
  earlierText: 0,
});

/**
 * `current` are positions on this revision; `earlier` the latest position each seat
 * gave on an earlier revision, shown as given on an earlier text until re-confirmed.
 */
export function buildBoard(
  seats: SeatRow[],
  current: PositionRow[],
  earlier: (PositionRow & { revisionNumber: number })[],
  paragraphNumbers: Map<string, number | null>,
) {
  const members = seats.filter((s) => s.kind !== "observer");
  const now = new Map(current.map((p) => [p.seatId, p]));
  const before = new Map<string, PositionRow & { revisionNumber: number }>();
  for (const p of earlier) {
    const seen = before.get(p.seatId);
    if (!seen || seen.revisionNumber < p.revisionNumber) before.set(p.seatId, p);
  }

  const tallies = new Map<string, Tally>();
  const reservedParagraphs = new Map<string, number>();
  const seatsOut = members.map((s) => {
    const constituency = s.kind === "member_state" ? "member_states" : "non_state";
    const group = (s.kind === "member_state" ? s.regionalGroup : s.stakeholderGroup) ?? "unassigned";
    const key = `${constituency}:${group}`;
    const tally = tallies.get(key) ?? emptyTally(group, constituency);
    tallies.set(key, tally);
    tally.seats++;
    const position = now.get(s.id);
    const previous = before.get(s.id);
    if (position) tally[position.stance]++;
    else tally.no_response++;
    if (!position && previous) tally.earlierText++;
    const paragraphIds = position ? (JSON.parse(position.paragraphIds) as string[]) : [];
    if (position?.stance === "reservation") for (const pid of paragraphIds) reservedParagraphs.set(pid, (reservedParagraphs.get(pid) ?? 0) + 1);
    return {
      seat: { id: s.id, name: s.name, kind: s.kind, group },
      position: position
        ? {
            stance: position.stance,
            explanation: position.explanation,
            paragraphs: paragraphIds.map((pid) => ({ pid, number: paragraphNumbers.get(pid) ?? null })),
            recordedAt: position.recordedAt,
            recordedBy: position.recordedByName,
            version: position.version,
            confirmedFrom: position.confirmedFrom,
          }
        : null,
      // A position on an earlier text that the seat has not re-confirmed for this one.
      earlier: !position && previous ? { stance: previous.stance, revisionNumber: previous.revisionNumber, recordedAt: previous.recordedAt } : null,
    };
  });

  const order = (t: Tally) => (t.constituency === "member_states" ? 0 : 1);
  return {
    tallies: [...tallies.values()].sort((a, b) => order(a) - order(b) || a.group.localeCompare(b.group)),
    totals: {
      seats: members.length,
      responded: current.filter((p) => members.some((m) => m.id === p.seatId)).length,
      objections: current.filter((p) => p.stance === "objection").length,
      reservations: current.filter((p) => p.stance === "reservation").length,
    },
    seats: seatsOut,
    concerns: seatsOut.filter((s) => s.position && (s.position.stance === "objection" || s.position.stance === "reservation")),
    mostReserved: [...reservedParagraphs.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 10)
      .map(([pid, count]) => ({ pid, number: paragraphNumbers.get(pid) ?? null, count })),
    notResponded: seatsOut.filter((s) => !s.position).map((s) => ({ ...s.seat, earlier: s.earlier })),
  };
}
