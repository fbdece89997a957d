// The conditions consensus writes check inside their own D1 batch. A request's earlier
// reads only pick the message; which of two racing writes wins is decided here, by the
// database, in one transaction.
import { asc, and, eq, isNotNull, lte, not } from "drizzle-orm";
import { rowExists } from "../db/guarded";
import { positions, procedures, revisions, seats } from "../db/schema";
import type { Db } from "../env";

/** A seat stands at objection on this revision. */
export const objectionStands = (revisionId: string) => rowExists(positions, and(eq(positions.revisionId, revisionId), eq(positions.stance, "objection")));

export const revisionAdopted = (revisionId: string) => rowExists(revisions, and(eq(revisions.id, revisionId), isNotNull(revisions.adoptedAt)));

/** Positions on the revision may still change at `now`: it is not adopted, and no open procedure is past its deadline. */
export const positionsOpen = (revisionId: string, now: string) =>
  and(
    not(revisionAdopted(revisionId)),
    not(rowExists(procedures, and(eq(procedures.revisionId, revisionId), eq(procedures.status, "open"), lte(procedures.deadline, now)))),
  )!;

export const procedureOpenOn = (revisionId: string) => rowExists(procedures, and(eq(procedures.revisionId, revisionId), eq(procedures.status, "open")));

/** This write (its claim token) made the procedure's last change of status. */
export const transitionedBy = (procedureId: string, claim: string) => rowExists(procedures, and(eq(procedures.id, procedureId), eq(procedures.transitionClaim, claim)));

/** The seats that stand at objection on this revision, by name (what a 409 names). */
export const objectingSeats = (db: Db, revisionId: string) =>
  db
    .select({ seatId: seats.id, seatName: seats.name })
    .from(positions)
    .innerJoin(seats, eq(seats.id, positions.seatId))
    .where(and(eq(positions.revisionId, revisionId), eq(positions.stance, "objection")))
    .orderBy(asc(seats.name));
