import { type Column, sql } from "drizzle-orm";

/**
 * drizzle's D1 batch maps rows by column name, so two joined columns called
 * `name` collapse into one. Selecting a joined column under its own alias
 * keeps both.
 */
export const aliased = <C extends Column>(column: C, alias: string) =>
  sql<C["_"]["data"] | (C["_"]["notNull"] extends true ? never : null)>`${column}`.mapWith(column).as(alias);
