// The conditions consensus writes check inside their own D1 batch. A request's earlier
// reads only pick the message; which of two racing writes wins is decided here, by the
// database, in one transaction.
import { asc, and, eq, sql } from "drizzle-orm";
import { positions, seats } from "../db/schema";
import type { Db } from "../env";

/** A seat stands at objection on this revision. */
export const objectionStands = (revisionId: string) => sql`exists (select 1 from positions where revision_id = ${revisionId} and stance = 'objection')`;

export const revisionAdopted = (revisionId: string) => sql`exists (select 1 from revisions where id = ${revisionId} and adopted_at is not null)`;

/** Positions on the revision may still change at `now`: it is not adopted, and no open procedure is past its deadline. */
export const positionsOpen = (revisionId: string, now: string) =>
  sql`not ${revisionAdopted(revisionId)} and not exists (select 1 from procedures where revision_id = ${revisionId} and status = 'open' and deadline <= ${now})`;

export const procedureOpenOn = (revisionId: string) => sql`exists (select 1 from procedures where revision_id = ${revisionId} and status = 'open')`;

/** This write (its claim token) made the procedure's last change of status. */
export const transitionedBy = (procedureId: string, claim: string) => sql`exists (select 1 from procedures where id = ${procedureId} and transition_claim = ${claim})`;

/** The seats that stand at objection on this revision, by name (what a 409 names). */
export const objectingSeats = (db: Db, revisionId: string) =>
  db
    .select({ seatId: seats.id, seatName: seats.name })
    .from(positions)
    .innerJoin(seats, eq(seats.id, positions.seatId))
    .where(and(eq(positions.revisionId, revisionId), eq(positions.stance, "objection")))
    .orderBy(asc(seats.name));
