// drizzle's view of the tables (worker/db/schema.ts) must say what the migrations built: a column
// drizzle thinks exists, or thinks cannot be null, fails only at run time on the query that meets it.
import { env } from "cloudflare:workers";
import { is } from "drizzle-orm";
import { getTableConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import { describe, expect, it } from "vitest";
import * as schema from "../worker/db/schema";

type PragmaColumn = { name: string; type: string; notnull: number; pk: number };

const tables = (Object.values(schema) as unknown[]).filter((t): t is SQLiteTable => is(t, SQLiteTable)).map((t) => getTableConfig(t));

// What drizzle and SQLite call the same column, in one notation.
const drizzleColumn = (c: (typeof tables)[number]["columns"][number], composite: Set<string>) =>
  `${c.name} ${c.getSQLType().toLowerCase()}${c.notNull ? " not null" : ""}${c.primary || composite.has(c.name) ? " primary key" : ""}`;
const sqlColumn = (c: PragmaColumn) =>
  // Primary keys count as NOT NULL: drizzle cannot say otherwise. (SQLite lets a TEXT primary key
  // declared without NOT NULL hold one NULL; every id here is generated, so none does.)
  `${c.name} ${c.type.toLowerCase()}${c.notnull || c.pk ? " not null" : ""}${c.pk ? " primary key" : ""}`;

// Lists drizzle types but the database does not check (no CHECK in their CREATE TABLE): only the
// server writes them, from validated input. Adding a CHECK means rebuilding the table in a migration.
const UNCHECKED = new Set(["minutes_versions.stage", "reports.original_language", "publication_texts.language"]);

describe("worker/db/schema.ts and the migrations", () => {
  it("know the same tables", async () => {
    const { results } = await env.DB.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name <> 'd1_migrations' ORDER BY name").all<{ name: string }>();
    expect(tables.map((t) => t.name).sort()).toEqual(results.map((r) => r.name));
  });

  it("agree on every table's columns, types, nullability and primary key", async () => {
    expect(tables.length).toBeGreaterThan(20);
    const disagreements: string[] = [];
    for (const t of tables) {
      const { results } = await env.DB.prepare(`PRAGMA table_info("${t.name}")`).all<PragmaColumn>();
      const composite = new Set(t.primaryKeys.flatMap((pk) => pk.columns.map((c) => c.name)));
      const inDrizzle = t.columns.map((c) => drizzleColumn(c, composite)).sort();
      const inSql = results.map(sqlColumn).sort();
      for (const c of inDrizzle.filter((c) => !inSql.includes(c))) disagreements.push(`${t.name}: drizzle says "${c}"; SQL has "${inSql.find((s) => s.split(" ")[0] === c.split(" ")[0]) ?? "no such column"}"`);
      for (const c of inSql.filter((c) => !inDrizzle.some((d) => d.split(" ")[0] === c.split(" ")[0]))) disagreements.push(`${t.name}: SQL has "${c}"; drizzle does not know it`);
    }
    expect(disagreements).toEqual([]);
  });

  it("allow the same values where a column has a list (CHECK … IN in SQL, enum in drizzle)", async () => {
    const disagreements: string[] = [];
    for (const t of tables) {
      const row = await env.DB.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?1").bind(t.name).first<{ sql: string }>();
      const checks = new Map([...row!.sql.matchAll(/CHECK \((\w+) IN \(('[^)]*)\)\)/g)].map((m) => [m[1]!, [...m[2]!.matchAll(/'([^']*)'/g)].map((v) => v[1]!).sort()]));
      for (const c of t.columns) {
        const listed = c.enumValues?.length ? [...c.enumValues].sort() : undefined;
        const checked = checks.get(c.name);
        if (!checked && UNCHECKED.has(`${t.name}.${c.name}`)) continue;
        if (JSON.stringify(listed) !== JSON.stringify(checked)) disagreements.push(`${t.name}.${c.name}: drizzle ${JSON.stringify(listed ?? "any text")}, SQL ${JSON.stringify(checked ?? "any text")}`);
      }
    }
    expect(disagreements).toEqual([]);
  });
});
