// The one write of a seat's position, whether recorded or confirmed from an earlier text.
import { and, eq, sql } from "drizzle-orm";
import { type AuditContext, writeAudited } from "../audit";
import { newId } from "../auth/crypto";
import { stamped, versionedUpdate } from "../db/guarded";
import { positionHistory, positions, procedures, revisions } from "../db/schema";
import type { Db } from "../env";
import { conflict } from "../errors";
import { revisionLabel } from "../documents/types";
import { positionsOpen } from "./guards";
import { auditTransition, type RevisionRow } from "./procedures";

export type PositionValue = {
  stance: (typeof positions.$inferSelect)["stance"];
  explanation: string | null;
  paragraphIds: string; // JSON
  recordedBy: string;
  recordedAt: string;
  confirmedFrom: number | null;
};

/**
 * Writes the position in one batch, guarded so that exactly one outcome wins a race:
 * - a first position is inserted only if none exists, a change applies only to the version
 *   the delegate saw (two delegates of a seat);
 * - either only while the revision is not adopted and no open procedure is past its deadline
 *   (the scheduler closing a silence);
 * - an objection breaks whichever silence is open on the revision in the same batch, even
 *   one opened after this request looked (the Chair opening a silence).
 * Returns null when the write lost; `refusal` then says to whom.
 */
export async function writePosition(
  ctx: AuditContext,
  revision: RevisionRow,
  seatId: string,
  value: PositionValue,
  baseVersion: number | null,
  kind: "record" | "confirm",
) {
  const { db } = ctx;
  const version = (baseVersion ?? 0) + 1;
  const open = positionsOpen(revision.id, value.recordedAt);
  const row = { revisionId: revision.id, seatId, ...value, version };
  const thisSeat = and(eq(positions.revisionId, revision.id), eq(positions.seatId, seatId));
  // What tells this write from a colleague's reaching the same version.
  const mark = { recordedAt: value.recordedAt, recordedBy: value.recordedBy };
  const write =
    baseVersion === null
      ? db
          .insert(positions)
          .select(
            db
              .select({
                revisionId: sql<string>`${row.revisionId}`.as("revision_id"),
                seatId: sql<string>`${row.seatId}`.as("seat_id"),
                stance: sql<PositionValue["stance"]>`${row.stance}`.as("stance"),
                explanation: (row.explanation === null ? sql<null>`NULL` : sql<string>`${row.explanation}`).as("explanation"),
                paragraphIds: sql<string>`${row.paragraphIds}`.as("paragraph_ids"),
                recordedBy: sql<string>`${row.recordedBy}`.as("recorded_by"),
                recordedAt: sql<string>`${row.recordedAt}`.as("recorded_at"),
                confirmedFrom: (row.confirmedFrom === null ? sql<null>`NULL` : sql<number>`${row.confirmedFrom}`).as("confirmed_from"),
                version: sql<number>`${version}`.as("version"),
              })
              .from(sql`(select 1)`)
              .where(open),
          )
          .onConflictDoNothing()
          .returning({ version: positions.version })
      : versionedUpdate(db, positions, { row: thisSeat, version: positions.version, base: baseVersion, set: value, stamp: mark, when: open }).update;
  const mineNow = stamped(positions, thisSeat, { ...mark, version });
  const breaks = value.stance === "objection";
  const claim = newId();
  const result = await writeAudited(
    ctx,
    [{ action: `position.${kind}`, targetType: "revision", targetId: revision.id, after: { seatId, ...value, version }, onlyIf: mineNow }],
    [
      write,
      db.insert(positionHistory).select(
        db
          .select({
            id: sql<null>`NULL`.as("id"),
            revisionId: positions.revisionId,
            seatId: positions.seatId,
            stance: positions.stance,
            explanation: positions.explanation,
            paragraphIds: positions.paragraphIds,
            recordedBy: positions.recordedBy,
            recordedAt: positions.recordedAt,
            kind: sql<typeof kind>`${kind}`.as("kind"),
          })
          .from(positions)
          .where(and(eq(positions.revisionId, revision.id), eq(positions.seatId, seatId), mineNow)),
      ),
      // One objection breaks silence, at once.
      ...(breaks
        ? [
            db
              .update(procedures)
              .set({ status: "broken", closedAt: value.recordedAt, brokenBySeat: seatId, brokenByUser: value.recordedBy, brokenText: value.explanation, transitionClaim: claim })
              .where(and(eq(procedures.revisionId, revision.id), eq(procedures.kind, "silence"), eq(procedures.status, "open"), mineNow))
              .returning({ id: procedures.id }),
            auditTransition(ctx, revision.id, claim, "procedure.broken", { status: "open" }, { status: "broken", seatId, text: value.explanation }),
          ]
        : []),
    ],
  );
  if ((result[0] as unknown[]).length === 0) return null;
  return { version, silenceBroken: breaks && (result[2] as unknown[]).length > 0 };
}

/** Why a position write lost: the text was adopted, the deadline passed, or a colleague changed it first. */
export async function refusal(db: Db, revision: RevisionRow, seatId: string) {
  const label = revisionLabel(revision.number);
  const [[rev], [open], [current]] = await db.batch([
    db.select({ adoptedAt: revisions.adoptedAt }).from(revisions).where(eq(revisions.id, revision.id)),
    db.select({ deadline: procedures.deadline }).from(procedures).where(and(eq(procedures.revisionId, revision.id), eq(procedures.status, "open"))),
    db.select().from(positions).where(and(eq(positions.revisionId, revision.id), eq(positions.seatId, seatId))),
  ]);
  if (rev?.adoptedAt) return conflict(`${label} was adopted on ${rev.adoptedAt} (UTC) before your seat's position was recorded; the text is locked and the position was not recorded.`);
  if (open && open.deadline <= new Date().toISOString()) return conflict(`The deadline for positions on ${label} passed on ${open.deadline} (UTC); the position was not recorded.`);
  return conflict("Another delegate of your seat changed its position meanwhile. Review it before changing it again.", { current: current ?? null });
}
