// Run by the Cron Trigger every minute: closes silence procedures whose
// deadline passed (adopted, since any objection would already have broken
// them) and sends the one reminder each procedure owes to seats without a
// position. Every write is guarded, so a second or late run records nothing twice.
import { and, eq, isNull, lte, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { writeAudited } from "../audit";
import * as schema from "../db/schema";
import { documents, procedures, revisions } from "../db/schema";
import type { Bindings } from "../env";
import { revisionLabel } from "../documents/types";
import { announce } from "./routes";
import { mailHeads } from "./mail";

const SCHEDULER = { kind: "anonymous" } as const;

export async function consensusTick(env: Bindings, nowMs = Date.now()) {
  const db = drizzle(env.DB, { schema });
  const now = new Date(nowMs).toISOString();
  const ctx = { db, actor: SCHEDULER, requestId: `cron-${now}` };

  const due = await db
    .select({ proc: procedures, revision: revisions, doc: documents })
    .from(procedures)
    .innerJoin(revisions, eq(revisions.id, procedures.revisionId))
    .innerJoin(documents, eq(documents.id, revisions.documentId))
    .where(and(eq(procedures.status, "open"), eq(procedures.kind, "silence"), lte(procedures.deadline, now)));
  for (const { proc, revision, doc } of due) {
    const closedHere = sql`exists (select 1 from procedures where id = ${proc.id} and status = 'adopted' and closed_at = ${now} and closed_by is null)`;
    await writeAudited(
      ctx,
      [{ action: "procedure.adopted", targetType: "procedure", targetId: proc.id, before: { status: "open" }, after: { status: "adopted", revision: revisionLabel(revision.number) }, onlyIf: closedHere }],
      [
        db.update(procedures).set({ status: "adopted", closedAt: now, decision: "Adopted under the silence procedure: no objection by the deadline." }).where(and(eq(procedures.id, proc.id), eq(procedures.status, "open"))),
        db.update(revisions).set({ adoptedAt: now }).where(and(eq(revisions.id, revision.id), isNull(revisions.adoptedAt), closedHere)),
        ...announce(db, env, doc, revision, "adopted", closedHere, "Adopted under the silence procedure: no objection by the deadline."),
      ],
    );
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
  for (const { proc, revision, doc } of reminders) {
    const claimed = sql`exists (select 1 from procedures where id = ${proc.id} and reminder_sent_at = ${now})`;
    const label = `${doc.symbol ?? doc.title}, ${revisionLabel(revision.number)}`;
    await writeAudited(
      ctx,
      [{ action: "procedure.reminder", targetType: "procedure", targetId: proc.id, after: { at: now }, onlyIf: claimed }],
      [
        db.update(procedures).set({ reminderSentAt: now }).where(and(eq(procedures.id, proc.id), isNull(procedures.reminderSentAt))),
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
  }
  return { closed: due.length, reminded: reminders.length };
}
