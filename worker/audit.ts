import type { BatchItem } from "drizzle-orm/batch";
import type { SQL } from "drizzle-orm";
import { auditLog } from "./db/schema";
import { insertIf } from "./db/insert-if";
import type { Context } from "hono";
import type { AppEnv, Db } from "./env";

export type AuditEntry = {
  action: string;
  targetType: string;
  targetId: string | number | null;
  before?: unknown;
  after?: unknown;
  /** Record only if this holds once the change has run (a guarded update that may match nothing). */
  onlyIf?: SQL;
};

/** Who acted. Any `Actor` fits; sign-in passes the person it just verified. */
export type AuditActor = { kind: "anonymous" } | { kind: "user"; userId: string; seatId: string | null };
export type AuditContext = { db: Db; actor: AuditActor; requestId: string };

export const auditContext = (c: Context<AppEnv>): AuditContext => ({
  db: c.get("db"),
  actor: c.get("actor"),
  requestId: c.get("requestId"),
});

function auditRow(ctx: AuditContext, entry: AuditEntry, at: string) {
  const row = {
    at,
    actorUserId: ctx.actor.kind === "user" ? ctx.actor.userId : null,
    actorSeatId: ctx.actor.kind === "user" ? ctx.actor.seatId : null,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId === null ? null : String(entry.targetId),
    beforeJson: entry.before === undefined ? null : JSON.stringify(entry.before),
    afterJson: entry.after === undefined ? null : JSON.stringify(entry.after),
    requestId: ctx.requestId,
  };
  if (!entry.onlyIf) return ctx.db.insert(auditLog).values(row);
  return insertIf(ctx.db, auditLog, { id: null, ...row }, entry.onlyIf);
}

/**
 * Runs the change and its audit rows in one D1 batch (one transaction), so a
 * change is never recorded without its audit trail, or the other way round.
 */
export async function writeAudited<T extends BatchItem<"sqlite">[]>(
  ctx: AuditContext,
  entries: AuditEntry[],
  statements: [...T],
) {
  const at = new Date().toISOString();
  const rows = entries.map((e) => auditRow(ctx, e, at));
  const all = [...statements, ...rows] as unknown as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]];
  return ctx.db.batch(all);
}
