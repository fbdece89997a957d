// Mail that consensus procedures send to heads of delegation. Each is one
// INSERT ... SELECT guarded by a condition, so it joins the batch of the change
// that causes it and is written exactly once.
import { and, eq, inArray, type SQL } from "drizzle-orm";
import { seats, users } from "../db/schema";
import type { Bindings, Db } from "../env";
import { type Letter, mailPeople } from "../mail/mailer";

export type { Letter };

/** Queue a letter to the active heads of Member State and non-state seats matching `seatFilter`, if `onlyIf` holds. */
export function mailHeads(db: Db, env: Bindings, letter: Letter, seatFilter: SQL, onlyIf: SQL) {
  return mailPeople(
    db,
    env,
    letter,
    and(eq(users.seatRole, "head"), inArray(seats.kind, ["member_state", "non_state"]), seatFilter, onlyIf)!,
  );
}
