// The life of a procedure: opened by the Chair, broken by an objection, adopted by the
// scheduler at its deadline, or closed by the Chair. Each change is one D1 batch whose
// guarded UPDATE stamps the procedure with a fresh claim token; the audit rows, the
// revision's adoption and the mail of that change follow only the writer's own token, so
// the log, the stored state and the outbox always tell the same story.
import { and, eq, inArray, isNull, lte, ne, type SQL, sql } from "drizzle-orm";
import { rowExists } from "../db/guarded";
import { auditLog, documents, procedures, revisions } from "../db/schema";
import { type AuditContext, writeAudited } from "../audit";
import { newId } from "../auth/crypto";
import { insertIf } from "../db/insert-if";
import type { Bindings, Db } from "../env";
import { conflict } from "../errors";
import { revisionLabel } from "../documents/types";
import type { DocumentRow } from "../documents/access";
import { objectingSeats, objectionStands, procedureOpenOn, revisionAdopted, transitionedBy } from "./guards";
import { mailHeads } from "./mail";

export type RevisionRow = typeof revisions.$inferSelect;
export type ProcedureRow = typeof procedures.$inferSelect;

export const SILENCE_ADOPTED = "Adopted under the silence procedure: no objection by the deadline.";

/**
 * The audit row of a change of status, for the procedure this write claimed on the
 * revision (the writer may not know its id: an objection breaks whichever silence is open).
 */
export function auditTransition(ctx: AuditContext, revisionId: string, claim: string, action: string, before: unknown, after: unknown) {
  const { db, actor } = ctx;
  const constant = <T>(value: T, name: string) => (value === null ? sql<null>`NULL` : sql<T>`${value}`).as(name);
  return db.insert(auditLog).select(
    db
      .select({
        id: constant(null, "audit_id"),
        at: constant(new Date().toISOString(), "at"),
        actorUserId: constant(actor.kind === "user" ? actor.userId : null, "actor_user_id"),
        actorSeatId: constant(actor.kind === "user" ? actor.seatId : null, "actor_seat_id"),
        action: constant(action, "action"),
        targetType: constant("procedure", "target_type"),
        targetId: procedures.id,
        beforeJson: constant(JSON.stringify(before), "before_json"),
        afterJson: constant(JSON.stringify(after), "after_json"),
        requestId: constant(ctx.requestId, "request_id"),
      })
      .from(procedures)
      .where(and(eq(procedures.revisionId, revisionId), eq(procedures.transitionClaim, claim))),
  );
}

/** The outcome, announced to every head of delegation in the same batch. */
export function announce(db: Db, env: Bindings, doc: DocumentRow, revision: RevisionRow, outcome: "adopted" | "not_adopted", onlyIf: SQL, decision?: string | null) {
  const label = `${doc.symbol ?? doc.title}, ${revisionLabel(revision.number)}`;
  return mailHeads(
    db,
    env,
    {
      kind: "procedure_outcome",
      subject: outcome === "adopted" ? `Adopted: ${label}` : `Not adopted: ${label}`,
      text: `${label} was ${outcome === "adopted" ? "adopted" : "not adopted"}.${decision ? `\n\nDecision: ${decision}` : ""}\n\nReservations stay recorded in context, beside their paragraphs.`,
    },
    sql`1 = 1`,
    onlyIf,
  );
}

const objectionMessage = (label: string, seats: { seatName: string }[]) =>
  `${label} cannot go under silence: ${seats.map((s) => s.seatName).join(", ")} ${seats.length === 1 ? "objects" : "object"} to this text, and one objection breaks silence. Ask ${seats.length === 1 ? "that seat" : "those seats"} to review ${seats.length === 1 ? "its" : "their"} position, or open a consensus round.`;

export type OpenRequest = { kind: "silence" | "round"; deadline: string; deadlineTimeZone: string; remindBeforeHours: number };

/**
 * Opens a procedure. A silence is refused (409 naming the seats) while any seat stands at
 * objection on the revision: it would be broken at once, and the scheduler must never adopt
 * over an objection. There is no override: a Chair who means to proceed over an objection
 * does so openly, by a round closed with a recorded decision (modified consensus), or asks
 * the seat to withdraw it first.
 */
export async function openProcedure(ctx: AuditContext, env: Bindings, doc: DocumentRow, revision: RevisionRow, chairId: string, body: OpenRequest) {
  const { db } = ctx;
  const label = `${doc.symbol ?? doc.title}, ${revisionLabel(revision.number)}`;
  if (body.kind === "silence") {
    const seats = await objectingSeats(db, revision.id);
    if (seats.length) throw conflict(objectionMessage(revisionLabel(revision.number), seats), { objections: seats });
  }
  const row = {
    id: newId(),
    revisionId: revision.id,
    kind: body.kind,
    openedBy: chairId,
    openedAt: new Date().toISOString(),
    deadline: body.deadline,
    deadlineTimeZone: body.deadlineTimeZone,
    remindBeforeHours: body.remindBeforeHours,
    reminderSentAt: null,
    status: "open" as const,
    closedAt: null,
    closedBy: null,
    decision: null,
    brokenBySeat: null,
    brokenByUser: null,
    brokenText: null,
    transitionClaim: null,
    reminderClaim: null,
  };
  const mayOpen = sql`not ${revisionAdopted(revision.id)} and not ${procedureOpenOn(revision.id)}${body.kind === "silence" ? sql` and not ${objectionStands(revision.id)}` : sql``}`;
  const opened = rowExists(procedures, eq(procedures.id, row.id));
  await writeAudited(
    ctx,
    [{ action: "procedure.open", targetType: "procedure", targetId: row.id, after: { ...row, transitionClaim: undefined, reminderClaim: undefined }, onlyIf: opened }],
    [
      insertIf(db, procedures, row, mayOpen),
      mailHeads(
        db,
        env,
        {
          kind: body.kind === "silence" ? "silence_opened" : "round_opened",
          subject: body.kind === "silence" ? `Silence procedure: ${label}` : `Consensus round: ${label}`,
          text:
            body.kind === "silence"
              ? `The Chair has placed ${label} under a silence procedure. Unless a seat objects before ${row.deadline} (UTC; time zone of the procedure: ${row.deadlineTimeZone}), the text is adopted.\n\nRecord your seat's position in Plenary.`
              : `The Chair has opened a consensus round on ${label}, until ${row.deadline} (UTC).\n\nRecord your seat's position in Plenary.`,
        },
        sql`1 = 1`,
        opened,
      ),
    ],
  );
  const [stored] = await db.select({ id: procedures.id }).from(procedures).where(eq(procedures.id, row.id));
  if (!stored) {
    // Someone else's write landed first: say whose.
    const [rev] = await db.select({ adoptedAt: revisions.adoptedAt }).from(revisions).where(eq(revisions.id, revision.id));
    if (rev?.adoptedAt) throw conflict(`${revisionLabel(revision.number)} was adopted and is locked.`);
    const seats = body.kind === "silence" ? await objectingSeats(db, revision.id) : [];
    if (seats.length) throw conflict(objectionMessage(revisionLabel(revision.number), seats), { objections: seats });
    throw conflict("A procedure is already open on this revision.");
  }
  return row;
}

/** The Chair closes a procedure by hand. Refused once the revision was adopted, by this procedure or another. */
export async function closeByChair(
  ctx: AuditContext,
  env: Bindings,
  doc: DocumentRow,
  revision: RevisionRow,
  proc: ProcedureRow,
  chairId: string,
  { outcome, decision }: { outcome: "adopted" | "not_adopted"; decision: string },
) {
  const { db } = ctx;
  const adoptedMessage = (at: string) => `${revisionLabel(revision.number)} was already adopted on ${at} (UTC); this procedure can no longer be closed.`;
  if (revision.adoptedAt) throw conflict(adoptedMessage(revision.adoptedAt));
  if (proc.status !== "open" && proc.status !== "broken") throw conflict(`This procedure was already closed (${proc.status}).`);
  const now = new Date().toISOString();
  const claim = newId();
  const closed = transitionedBy(proc.id, claim);
  // Adopting while another procedure is open on the text would leave that one running over a locked text.
  const otherOpen = rowExists(procedures, and(eq(procedures.revisionId, revision.id), eq(procedures.status, "open"), ne(procedures.id, proc.id)));
  const result = await writeAudited(
    ctx,
    [{ action: "procedure.close", targetType: "procedure", targetId: proc.id, before: { status: proc.status }, after: { status: outcome, decision }, onlyIf: closed }],
    [
      db
        .update(procedures)
        .set({ status: outcome, closedAt: now, closedBy: chairId, decision, transitionClaim: claim })
        .where(and(eq(procedures.id, proc.id), inArray(procedures.status, ["open", "broken"]), sql`not ${revisionAdopted(revision.id)}`, outcome === "adopted" ? sql`not ${otherOpen}` : undefined))
        .returning({ id: procedures.id }),
      ...(outcome === "adopted" ? [db.update(revisions).set({ adoptedAt: now }).where(and(eq(revisions.id, revision.id), isNull(revisions.adoptedAt), closed))] : []),
      announce(db, env, doc, revision, outcome, closed, decision),
    ],
  );
  if ((result[0] as unknown[]).length === 0) {
    const [[rev], others] = await db.batch([
      db.select({ adoptedAt: revisions.adoptedAt }).from(revisions).where(eq(revisions.id, revision.id)),
      db.select({ id: procedures.id }).from(procedures).where(and(eq(procedures.revisionId, revision.id), eq(procedures.status, "open"))),
    ]);
    if (rev?.adoptedAt) throw conflict(adoptedMessage(rev.adoptedAt));
    if (outcome === "adopted" && others.some((o) => o.id !== proc.id)) throw conflict("Another procedure is open on this text; close it before adopting the text.");
    throw conflict("This procedure was closed meanwhile.");
  }
  return { id: proc.id, status: outcome, closedAt: now, decision };
}

type Due = { proc: ProcedureRow; revision: RevisionRow; doc: typeof documents.$inferSelect };

/**
 * A silence at its deadline: adopted if no seat stands at objection, otherwise closed as
 * broken by the earliest objection still on record (one that reached the table without
 * breaking silence). Exactly one of the two updates can match, and only once.
 */
export async function closeAtDeadline(ctx: AuditContext, env: Bindings, { proc, revision, doc }: Due, now: string) {
  const { db } = ctx;
  const claim = newId();
  const mine = transitionedBy(proc.id, claim);
  const adoptedHere = and(mine, rowExists(procedures, and(eq(procedures.id, proc.id), eq(procedures.status, "adopted"))))!;
  const brokenHere = and(mine, rowExists(procedures, and(eq(procedures.id, proc.id), eq(procedures.status, "broken"))))!;
  const stillDue = and(eq(procedures.id, proc.id), eq(procedures.status, "open"), eq(procedures.kind, "silence"), lte(procedures.deadline, now));
  const firstObjection = (column: "seat_id" | "recorded_by" | "explanation") =>
    sql`(select ${sql.identifier(column)} from positions where revision_id = ${revision.id} and stance = 'objection' order by recorded_at, seat_id limit 1)`;
  const label = revisionLabel(revision.number);
  const result = await writeAudited(
    ctx,
    [
      { action: "procedure.adopted", targetType: "procedure", targetId: proc.id, before: { status: "open" }, after: { status: "adopted", revision: label }, onlyIf: adoptedHere },
      { action: "procedure.broken", targetType: "procedure", targetId: proc.id, before: { status: "open" }, after: { status: "broken", reason: "An objection stood at the deadline." }, onlyIf: brokenHere },
    ],
    [
      db
        .update(procedures)
        .set({ status: "adopted", closedAt: now, decision: SILENCE_ADOPTED, transitionClaim: claim })
        .where(and(stillDue, sql`not ${objectionStands(revision.id)}`, sql`not ${revisionAdopted(revision.id)}`))
        .returning({ id: procedures.id }),
      db
        .update(procedures)
        .set({ status: "broken", closedAt: now, brokenBySeat: firstObjection("seat_id"), brokenByUser: firstObjection("recorded_by"), brokenText: firstObjection("explanation"), transitionClaim: claim })
        .where(and(stillDue, objectionStands(revision.id)))
        .returning({ id: procedures.id }),
      db.update(revisions).set({ adoptedAt: now }).where(and(eq(revisions.id, revision.id), isNull(revisions.adoptedAt), adoptedHere)),
      announce(db, env, doc, revision, "adopted", adoptedHere, SILENCE_ADOPTED),
    ],
  );
  return (result[0] as unknown[]).length ? "adopted" : (result[1] as unknown[]).length ? "broken" : null;
}
