import { and, eq, ne } from "drizzle-orm";
import type { AuditEntry } from "../audit";
import { users, type OfficerRole, type SeatRole } from "../db/schema";
import type { Db } from "../env";

const OFFICER_LABELS: Record<OfficerRole, string> = {
  chair: "Chair",
  vice_chair: "Vice-Chair",
  secretariat: "member of the secretariat",
};

export function roleLabel(seatRole: SeatRole | null, seatName: string | null, officerRole: OfficerRole | null): string {
  const parts: string[] = [];
  if (seatRole && seatName) parts.push(`${seatRole === "head" ? "head of delegation" : "delegate"} of ${seatName}`);
  if (officerRole) parts.push(OFFICER_LABELS[officerRole]);
  return parts.join(" and ");
}

/**
 * A seat has one head of delegation. Naming a new one makes the current head
 * a delegate, in the same batch, so the seat is never without its delegates.
 */
export async function demoteOtherHeads(db: Db, seatId: string, newHeadId: string) {
  const heads = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.seatId, seatId), eq(users.seatRole, "head"), eq(users.active, true), ne(users.id, newHeadId)));
  const now = new Date().toISOString();
  return {
    statements: heads.map((h) => db.update(users).set({ seatRole: "delegate", updatedAt: now }).where(eq(users.id, h.id))),
    audit: heads.map(
      (h): AuditEntry => ({
        action: "user.roles",
        targetType: "user",
        targetId: h.id,
        before: { seatRole: "head" },
        after: { seatRole: "delegate" },
      }),
    ),
  };
}

/** The seat and officer roles a person or invitation holds, as recorded in audit rows. */
export const grantsOf = (u: { seatId: string | null; seatRole: SeatRole | null; officerRole: OfficerRole | null }) => ({
  seatId: u.seatId,
  seatRole: u.seatRole,
  officerRole: u.officerRole,
});
