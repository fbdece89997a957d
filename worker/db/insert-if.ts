import { type SQL, sql } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Db } from "../env";

/**
 * INSERT ... SELECT of one constant row that happens only if `onlyIf` holds once the
 * statements before it in the batch have run (e.g. a guarded update that may lose a race).
 * SQLite wants every column, in table order: `row` must list them so; `null` values
 * for an INTEGER PRIMARY KEY let SQLite number the row.
 */
export function insertIf(db: Db, table: SQLiteTable, row: Record<string, unknown>, onlyIf: SQL) {
  const constants = Object.fromEntries(Object.entries(row).map(([k, v]) => [k, (v === null ? sql`NULL` : sql`${v}`).as(k)]));
  return db.insert(table).select(db.select(constants as never).from(sql`(select 1)`).where(onlyIf) as never);
}
