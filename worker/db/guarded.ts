// The one guarded write. A change applies only if the row is still as the request saw it
// (its version, or its stage); the proof that *this* request's change is the one on record
// is checked inside the same D1 batch, so an audit row, a mail or a follow-up statement
// happens only for the write that won a race. Built on drizzle's query builder: renaming a
// column fails the type check instead of silently matching nothing.
import { and, eq, exists, not, type SQL, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { getTableColumns } from "drizzle-orm";
import { QueryBuilder, type SQLiteTable, type SQLiteUpdateSetSource } from "drizzle-orm/sqlite-core";
import { type AuditContext, type AuditEntry, writeAudited } from "../audit";
import type { Db } from "../env";
import { conflict } from "../errors";
import { insertIf } from "./insert-if";

/** Values a change writes that no other change would write (when, by whom, the version it makes). */
export type Stamp<T extends SQLiteTable> = Partial<T["$inferInsert"]>;
type ColumnOf<T extends SQLiteTable> = T["_"]["columns"][keyof T["_"]["columns"]];

// Conditions need no connection: they are built once and run inside someone else's batch.
const qb = new QueryBuilder();

/** `exists (select 1 from table where …)`, typed. */
export const rowExists = (table: SQLiteTable, where: SQL | undefined) => exists(qb.select({ one: sql`1` }).from(table).where(where));

/** The row matched by `row` carries `stamp`: this request's change is the one on record. */
export function stamped<T extends SQLiteTable>(table: T, row: SQL | undefined, stamp: Stamp<T>) {
  const columns = getTableColumns(table) as Record<string, ColumnOf<T>>;
  const marks = Object.entries(stamp).map(([key, value]) => eq(columns[key]!, value));
  return rowExists(table, and(row, ...marks));
}

export type GuardedUpdate = {
  /** The UPDATE; it returns one row when it applied, none when the guard refused it. */
  update: BatchItem<"sqlite">;
  /** Holds, later in the same batch, only if this update is the change on record. */
  won: SQL;
};

/**
 * UPDATE `row` SET `set` + `stamp` WHERE `when` (the state the change expects), with the
 * condition under which what follows it in the batch may happen.
 */
export function guardedUpdate<T extends SQLiteTable>(
  db: Db,
  table: T,
  spec: { row: SQL | undefined; when: SQL | undefined; set: SQLiteUpdateSetSource<T>; stamp: Stamp<T> },
): GuardedUpdate {
  return {
    update: db
      .update(table as SQLiteTable)
      .set({ ...spec.set, ...spec.stamp } as never)
      .where(and(spec.row, spec.when))
      .returning({ applied: sql<number>`1` }),
    won: stamped(table, spec.row, spec.stamp),
  };
}

/**
 * The versioned update: applies only if `version` is still `base` (a colleague's save
 * meanwhile wins), and sets it to `base + 1`. `stamp` tells this save from another that
 * reaches the same version (usually when and by whom); `when` adds further conditions.
 */
export function versionedUpdate<T extends SQLiteTable>(
  db: Db,
  table: T,
  spec: { row: SQL | undefined; version: ColumnOf<T>; base: number; set: SQLiteUpdateSetSource<T>; stamp: Stamp<T>; when?: SQL },
): GuardedUpdate {
  const key = Object.entries(getTableColumns(table)).find(([, column]) => column === spec.version)?.[0];
  if (!key) throw new Error(`${spec.version.name} is not a column of ${String(table)}`);
  return guardedUpdate(db, table, {
    row: spec.row,
    when: and(eq(spec.version, spec.base), spec.when),
    set: spec.set,
    stamp: { ...spec.stamp, [key]: spec.base + 1 } as Stamp<T>,
  });
}

/**
 * Runs a guarded update, its audit rows (written only if it won) and `then` (statements
 * that guard themselves with `g.won`) in one batch. When it lost, throws what `stale`
 * returns (a 409 with the current copy, read again) or, without `stale`, reports it.
 */
export async function writeGuarded(
  ctx: AuditContext,
  g: GuardedUpdate,
  entries: Omit<AuditEntry, "onlyIf">[],
  options: { then?: BatchItem<"sqlite">[]; stale?: () => Error | Promise<Error> } = {},
) {
  const statements: BatchItem<"sqlite">[] = [g.update, ...(options.then ?? [])];
  const results = await writeAudited<BatchItem<"sqlite">[]>(
    ctx,
    entries.map((e) => ({ ...e, onlyIf: g.won })),
    statements,
  );
  const won = (results[0] as unknown[]).length > 0;
  if (!won && options.stale) throw await options.stale();
  return { won, results };
}

/**
 * INSERT `row` only if no row matches `key` (and `when` holds) once the statements before
 * it in the batch have run. `row` lists every column in table order (see `insertIf`).
 */
export const insertIfAbsent = <T extends SQLiteTable>(db: Db, table: T, row: T["$inferInsert"], key: SQL | undefined, when?: SQL) =>
  insertIf(db, table, row as Record<string, unknown>, and(not(rowExists(table, key)), when)!);

/**
 * Whether a write failed on a UNIQUE or PRIMARY KEY constraint: two requests racing for
 * the same number or symbol. D1 says so only in the message, which drizzle may wrap.
 */
export function isUniqueViolation(err: unknown): boolean {
  for (let e = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const message = e instanceof Error ? e.message : String(e);
    if (/(UNIQUE|PRIMARY KEY) constraint failed|SQLITE_CONSTRAINT_(UNIQUE|PRIMARYKEY)/.test(message)) return true;
  }
  return false;
}

/** Runs `write`; a UNIQUE violation (someone else took the number or symbol first) answers 409 with `message`. */
export async function uniqueOr409<R>(write: () => Promise<R>, message: string): Promise<R> {
  try {
    return await write();
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict(message);
    throw err;
  }
}
