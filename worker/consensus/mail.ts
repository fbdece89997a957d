// Mail that consensus procedures send to heads of delegation. Each is one
// INSERT ... SELECT guarded by a condition, so it joins the batch of the change
// that causes it and is written exactly once.
import { and, eq, inArray, type SQL, sql } from "drizzle-orm";
import { outbox, seats, users } from "../db/schema";
import type { Bindings, Db } from "../env";

export type Letter = { subject: string; text: string; kind: string };

/** Queue a letter to the active heads of Member State and non-state seats matching `seatFilter`, if `onlyIf` holds. */
export function mailHeads(db: Db, env: Bindings, letter: Letter, seatFilter: SQL, onlyIf: SQL) {
  const now = new Date().toISOString();
  return db.insert(outbox).select(
    db
      .select({
        id: sql<string>`lower(hex(randomblob(16)))`.as("id"),
        toAddress: sql<string>`${users.email}`.as("to_address"),
        subject: sql<string>`${letter.subject}`.as("subject"),
        bodyText: sql<string>`${letter.text}`.as("body_text"),
        kind: sql<string>`${letter.kind}`.as("kind"),
        transport: sql<string>`${env.MAIL_TRANSPORT}`.as("transport"),
        status: sql<"stored">`'stored'`.as("status"),
        error: sql<null>`NULL`.as("error"),
        createdAt: sql<string>`${now}`.as("created_at"),
      })
      .from(users)
      .innerJoin(seats, eq(seats.id, users.seatId))
      .where(and(eq(users.seatRole, "head"), eq(users.active, true), inArray(seats.kind, ["member_state", "non_state"]), seatFilter, onlyIf)),
  );
}
