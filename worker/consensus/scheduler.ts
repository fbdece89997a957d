// Run by the Cron Trigger every minute: closes silence procedures whose deadline passed
// (adopted, or broken if an objection stands) and sends the one reminder each procedure
// owes to seats without a position. Every write claims its procedure with a fresh token,
// so a platform retry or a second run for the same minute records and mails nothing
// twice; each procedure is handled on its own, so one failure stops none of the others
// (the next minute's run retries it).
import { and, eq, isNull, lte, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { writeAudited } from "../audit";
import { newId } from "../auth/crypto";
import { rowExists } from "../db/guarded";
import * as schema from "../db/schema";
import { documents, procedures, revisions } from "../db/schema";
import type { Bindings } from "../env";
import { revisionLabel } from "../documents/types";
import { mailHeads } from "./mail";
import { closeAtDeadline } from "./procedures";

const SCHEDULER = { kind: "anonymous" } as const;

function logFailure(event: string, procedureId: string, now: string, err: unknown) {
  console.error(JSON.stringify({ level: "error", event, procedureId, at: now, message: err instanceof Error ? err.message : String(err), stack: err instanceof Error ? err.stack : undefined }));
}

export async function consensusTick(env: Bindings, nowMs = Date.now()) {
  const db = drizzle(env.DB, { schema });
  const now = new Date(nowMs).toISOString();
  // Two runs for the same minute share `now`; the audit log tells them apart.
  const ctx = { db, actor: SCHEDULER, requestId: `cron-${now}-${newId().slice(0, 8)}` };
  const failed: string[] = [];
  let adopted = 0;
  let broken = 0;

  const due = await db
    .select({ proc: procedures, revision: revisions, doc: documents })
    .from(procedures)
    .innerJoin(revisions, eq(revisions.id, procedures.revisionId))
    .innerJoin(documents, eq(documents.id, revisions.documentId))
    .where(and(eq(procedures.status, "open"), eq(procedures.kind, "silence"), lte(procedures.deadline, now)));
  for (const row of due) {
    try {
      const outcome = await closeAtDeadline(ctx, env, row, now);
      if (outcome === "adopted") adopted++;
      if (outcome === "broken") broken++;
    } catch (err) {
      failed.push(row.proc.id);
      logFailure("consensus.close_failed", row.proc.id, now, err);
    }
  }

  const reminders = await db
    .select({ proc: procedures, revision: revisions, doc: documents })
    .from(procedures)
    .innerJoin(revisions, eq(revisions.id, procedures.revisionId))
    .innerJoin(documents, eq(documents.id, revisions.documentId))
    .where(
      and(
        eq(procedures.status, "open"),
        isNull(procedures.reminderSentAt),
        sql`${procedures.deadline} > ${now}`,
        sql`strftime('%Y-%m-%dT%H:%M:%fZ', ${procedures.deadline}, '-' || ${procedures.remindBeforeHours} || ' hours') <= ${now}`,
      ),
    );
  let reminded = 0;
  for (const { proc, revision, doc } of reminders) {
    const claim = newId();
    const claimed = rowExists(procedures, and(eq(procedures.id, proc.id), eq(procedures.reminderClaim, claim)));
    const label = `${doc.symbol ?? doc.title}, ${revisionLabel(revision.number)}`;
    try {
      const [sent] = await writeAudited(
        ctx,
        [{ action: "procedure.reminder", targetType: "procedure", targetId: proc.id, after: { at: now }, onlyIf: claimed }],
        [
          db
            .update(procedures)
            .set({ reminderSentAt: now, reminderClaim: claim })
            .where(and(eq(procedures.id, proc.id), eq(procedures.status, "open"), isNull(procedures.reminderSentAt)))
            .returning({ id: procedures.id }),
          mailHeads(
            db,
            env,
            {
              kind: "position_reminder",
              subject: `Reminder: your seat's position on ${label}`,
              text: `Your seat has not recorded a position on ${label}. The ${proc.kind === "silence" ? "silence procedure" : "consensus round"} closes on ${proc.deadline} (UTC; time zone of the procedure: ${proc.deadlineTimeZone}).`,
            },
            sql`not exists (select 1 from positions p where p.revision_id = ${revision.id} and p.seat_id = ${schema.seats.id})`,
            claimed,
          ),
        ],
      );
      if ((sent as unknown[]).length) reminded++;
    } catch (err) {
      failed.push(proc.id);
      logFailure("consensus.reminder_failed", proc.id, now, err);
    }
  }
  return { closed: adopted + broken, adopted, broken, reminded, failed };
}
