// A published text is a public record: no SQL statement the application can issue may
// change or remove it, whatever conflict clause it carries (issue 11, item 14).
import { beforeAll, describe, expect, it } from "vitest";
import { env } from "./helpers";

const PUB = "pub-immutable";
const ORIGINAL = { content: '{"title":"Progress report"}', sha256: "a".repeat(64) };

async function snapshot() {
  const pubs = await env.DB.prepare("SELECT * FROM publications WHERE report_id = 'rep-immutable' ORDER BY id").all();
  const texts = await env.DB.prepare("SELECT * FROM publication_texts WHERE publication_id LIKE 'pub-immutable%' ORDER BY publication_id, language").all();
  return JSON.stringify([pubs.results, texts.results]);
}

beforeAll(async () => {
  const secretariat = await env.DB.prepare("SELECT id FROM users WHERE email = 'secretariat@plenary.test'").first<{ id: string }>();
  const by = secretariat!.id;
  const at = "2026-09-01T10:00:00.000Z";
  await env.DB.batch([
    env.DB.prepare(
      "INSERT INTO documents (id, track_id, kind, title, symbol, visibility, created_by, created_at, updated_at) VALUES ('doc-immutable', NULL, 'progress_report', 'Progress report', 'A/81/999', 'public', ?1, ?2, ?2)",
    ).bind(by, at),
    env.DB.prepare("INSERT INTO reports (id, document_id, session, created_by, created_at) VALUES ('rep-immutable', 'doc-immutable', 81, ?1, ?2)").bind(by, at),
    env.DB.prepare(
      "INSERT INTO publications (id, report_id, kind, symbol, title, revision_id, corrects_id, published_at, published_by) VALUES (?1, 'rep-immutable', 'original', 'A/81/999', 'Progress report', NULL, NULL, ?2, ?3)",
    ).bind(PUB, at, by),
    env.DB.prepare("INSERT INTO publication_texts (publication_id, language, content, sha256, published_at, published_by) VALUES (?1, 'en', ?2, ?3, ?4, ?5)").bind(
      PUB,
      ORIGINAL.content,
      ORIGINAL.sha256,
      at,
      by,
    ),
  ]);
});

describe("published texts", () => {
  const by = "(SELECT id FROM users WHERE email = 'secretariat@plenary.test')";
  const attempts: [string, string][] = [
    ["UPDATE a text", "UPDATE publication_texts SET content = 'forged' WHERE publication_id = 'pub-immutable'"],
    ["UPDATE OR REPLACE a text", "UPDATE OR REPLACE publication_texts SET content = 'forged' WHERE publication_id = 'pub-immutable'"],
    ["DELETE a text", "DELETE FROM publication_texts WHERE publication_id = 'pub-immutable'"],
    [
      "INSERT OR REPLACE a text",
      `INSERT OR REPLACE INTO publication_texts (publication_id, language, content, sha256, published_at, published_by) VALUES ('pub-immutable', 'en', 'forged', '${"b".repeat(64)}', '2026-09-02T00:00:00.000Z', ${by})`,
    ],
    [
      "REPLACE a text",
      `REPLACE INTO publication_texts (publication_id, language, content, sha256, published_at, published_by) VALUES ('pub-immutable', 'en', 'forged', '${"b".repeat(64)}', '2026-09-02T00:00:00.000Z', ${by})`,
    ],
    [
      "upsert a text (ON CONFLICT DO UPDATE)",
      `INSERT INTO publication_texts (publication_id, language, content, sha256, published_at, published_by) VALUES ('pub-immutable', 'en', 'forged', '${"b".repeat(64)}', '2026-09-02T00:00:00.000Z', ${by}) ON CONFLICT (publication_id, language) DO UPDATE SET content = excluded.content, sha256 = excluded.sha256`,
    ],
    [
      "upsert a text with a bare ON CONFLICT DO UPDATE",
      `INSERT INTO publication_texts (publication_id, language, content, sha256, published_at, published_by) VALUES ('pub-immutable', 'en', 'forged', '${"b".repeat(64)}', '2026-09-02T00:00:00.000Z', ${by}) ON CONFLICT DO UPDATE SET content = excluded.content`,
    ],
    ["UPDATE a publication", "UPDATE publications SET title = 'Forged' WHERE id = 'pub-immutable'"],
    ["DELETE a publication", "DELETE FROM publications WHERE id = 'pub-immutable'"],
    [
      "INSERT OR REPLACE a publication (same id)",
      `INSERT OR REPLACE INTO publications (id, report_id, kind, symbol, title, published_at, published_by) VALUES ('pub-immutable', 'rep-immutable', 'original', 'A/81/999', 'Forged', '2026-09-02T00:00:00.000Z', ${by})`,
    ],
    [
      "REPLACE a publication through its symbol (another id)",
      `REPLACE INTO publications (id, report_id, kind, symbol, title, published_at, published_by) VALUES ('pub-immutable-2', 'rep-immutable', 'original', 'A/81/999', 'Forged', '2026-09-02T00:00:00.000Z', ${by})`,
    ],
    [
      "upsert a publication (ON CONFLICT DO UPDATE)",
      `INSERT INTO publications (id, report_id, kind, symbol, title, published_at, published_by) VALUES ('pub-immutable', 'rep-immutable', 'original', 'A/81/999', 'Forged', '2026-09-02T00:00:00.000Z', ${by}) ON CONFLICT (id) DO UPDATE SET title = excluded.title`,
    ],
    [
      "upsert a publication through its symbol",
      `INSERT INTO publications (id, report_id, kind, symbol, title, published_at, published_by) VALUES ('pub-immutable-3', 'rep-immutable', 'original', 'A/81/999', 'Forged', '2026-09-02T00:00:00.000Z', ${by}) ON CONFLICT (symbol) DO UPDATE SET title = excluded.title`,
    ],
  ];

  it.each(attempts)("refuses to %s", async (_what, statement) => {
    const before = await snapshot();
    await expect(env.DB.prepare(statement).run()).rejects.toThrow(/immutable/);
    expect(await snapshot()).toBe(before);
  });

  it("refuses the same statements inside a batch, leaving nothing of the batch behind", async () => {
    const before = await snapshot();
    await expect(
      env.DB.batch([
        env.DB.prepare("INSERT INTO publication_texts (publication_id, language, content, sha256, published_at, published_by) VALUES ('pub-immutable', 'fr', 'x', 'y', 'z', " + by + ")"),
        env.DB.prepare(attempts[3]![1]),
      ]),
    ).rejects.toThrow(/immutable/);
    expect(await snapshot()).toBe(before);
  });

  it("still accepts new publications and new languages of a published text", async () => {
    await env.DB.prepare(
      `INSERT INTO publications (id, report_id, kind, symbol, title, published_at, published_by) VALUES ('pub-immutable-new', 'rep-immutable', 'revision', 'A/81/999/Rev.1', 'Progress report', '2026-09-03T00:00:00.000Z', ${by})`,
    ).run();
    await env.DB.prepare(
      `INSERT INTO publication_texts (publication_id, language, content, sha256, published_at, published_by) VALUES ('pub-immutable', 'fr', 'Rapport', '${"c".repeat(64)}', '2026-09-03T00:00:00.000Z', ${by})`,
    ).run();
    const text = await env.DB.prepare("SELECT content, sha256 FROM publication_texts WHERE publication_id = ?1 AND language = 'en'").bind(PUB).first();
    expect(text).toEqual(ORIGINAL);
    // A repeated publication is refused in words the routes already turn into 409.
    await expect(
      env.DB.prepare(
        `INSERT INTO publication_texts (publication_id, language, content, sha256, published_at, published_by) VALUES ('pub-immutable', 'fr', 'Autre', 'd', 'e', ${by})`,
      ).run(),
    ).rejects.toThrow(/UNIQUE/);
  });
});
