import { can, type SignedIn } from "../policy";

/** What the client knows about the signed-in person, including what the policy lets them do. */
export function toMe(actor: SignedIn) {
  return {
    id: actor.userId,
    name: actor.name,
    email: actor.email,
    locale: actor.locale,
    timeZone: actor.timeZone,
    seat: actor.seatId ? { id: actor.seatId, name: actor.seatName ?? "", kind: actor.seatKind } : null,
    seatRole: actor.seatRole,
    officerRole: actor.officerRole,
    facilitatedTrackIds: actor.facilitatedTrackIds,
    // The client shows or hides screens from these; the server still checks every request.
    permissions: {
      usersList: can(actor, "users.list"),
      invite: can(actor, "users.invite", { seatId: actor.seatId, grants: { seatRole: "delegate" } }),
      outbox: can(actor, "outbox.view"),
      audit: can(actor, "audit.view"),
      // Plenary meetings, or the meetings of at least one track.
      scheduleMeetings:
        can(actor, "meetings.schedule", { trackId: null }) || actor.facilitatedTrackIds.some((trackId) => can(actor, "meetings.schedule", { trackId })),
    },
  };
}
export type Me = ReturnType<typeof toMe>;
