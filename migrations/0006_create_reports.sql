-- Progress reports to the General Assembly. A report is itself a document
-- (kind 'progress_report'): its revisions, comments, positions and silence
-- procedures are the documents' and consensus machinery. Around it: the
-- sections it is compiled from, translations, and immutable publications.

-- SQLite cannot change a CHECK in place: rebuild `documents` with the new kind.
-- Deferred foreign keys let the rows that reference it survive the swap (D1 runs
-- a migration in one transaction, so PRAGMA foreign_keys cannot be turned off).
PRAGMA defer_foreign_keys = on;
CREATE TABLE documents_new (
  id TEXT PRIMARY KEY,
  track_id INTEGER REFERENCES tracks (id),          -- NULL: a plenary document
  kind TEXT NOT NULL CHECK (kind IN ('issues_paper', 'synthesis_note', 'draft_outcome', 'non_paper', 'progress_report')),
  title TEXT NOT NULL,
  symbol TEXT,
  visibility TEXT NOT NULL CHECK (visibility IN ('members', 'public')),
  created_by TEXT NOT NULL REFERENCES users (id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  draft_json TEXT NOT NULL DEFAULT '[]',
  draft_version INTEGER NOT NULL DEFAULT 1,
  draft_updated_by TEXT REFERENCES users (id),
  draft_updated_at TEXT
);
INSERT INTO documents_new SELECT id, track_id, kind, title, symbol, visibility, created_by, created_at, updated_at, draft_json, draft_version, draft_updated_by, draft_updated_at FROM documents;
DROP TABLE documents;
ALTER TABLE documents_new RENAME TO documents;
CREATE INDEX documents_track ON documents (track_id, updated_at);
PRAGMA defer_foreign_keys = off;

-- Footnotes of an issued paragraph (JSON array of inline markup; NULL: none) and,
-- for reports, the section it belongs to, so a revision renders as chapters and annexes.
ALTER TABLE revision_paragraphs ADD COLUMN footnotes TEXT;
ALTER TABLE revision_paragraphs ADD COLUMN section TEXT;

CREATE TABLE reports (
  id TEXT PRIMARY KEY,
  document_id TEXT NOT NULL UNIQUE REFERENCES documents (id),
  session INTEGER NOT NULL,                      -- the General Assembly session, e.g. 81
  agenda_item TEXT,                              -- "Item 17 of the preliminary list"
  word_limit INTEGER NOT NULL DEFAULT 8500,
  original_language TEXT NOT NULL DEFAULT 'en',
  -- Set when the secretariat starts preparing a revised text after publication.
  reopened_at TEXT,
  created_by TEXT NOT NULL REFERENCES users (id),
  created_at TEXT NOT NULL
);

-- The sections a report is compiled from. Generated sections remember the hash
-- of what was last generated: when the text still matches it, regenerating may
-- replace it; when it does not, someone edited it and their edits are kept.
CREATE TABLE report_sections (
  report_id TEXT NOT NULL REFERENCES reports (id),
  key TEXT NOT NULL,
  position INTEGER NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('introduction', 'track', 'work', 'annex_members', 'annex_meetings', 'custom')),
  title TEXT NOT NULL,                           -- keys starting "annex-" are annexes
  track_id INTEGER REFERENCES tracks (id),
  source_revision_id TEXT REFERENCES revisions (id), -- a chosen revision; NULL: the track's latest adopted one
  blocks_json TEXT NOT NULL DEFAULT '[]',        -- [{pid?, kind, html, footnotes?, source?}]
  generated_hash TEXT,                           -- NULL for hand-written sections
  generated_at TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  updated_by TEXT REFERENCES users (id),
  updated_at TEXT NOT NULL,
  PRIMARY KEY (report_id, key)
);

-- A translation of one revision, aligned by paragraph identity.
CREATE TABLE report_translations (
  report_id TEXT NOT NULL REFERENCES reports (id),
  revision_id TEXT NOT NULL REFERENCES revisions (id),
  language TEXT NOT NULL CHECK (language IN ('fr', 'es', 'ar', 'zh', 'ru', 'en')),
  state TEXT NOT NULL CHECK (state IN ('in_progress', 'final')),
  paragraphs_json TEXT NOT NULL DEFAULT '{}',    -- {pid: {html, footnotes?}}
  version INTEGER NOT NULL DEFAULT 1,
  updated_by TEXT NOT NULL REFERENCES users (id),
  updated_at TEXT NOT NULL,
  PRIMARY KEY (revision_id, language)
);

-- A published text: the original, a revision (/Rev.N) or a corrigendum (/Corr.N).
CREATE TABLE publications (
  id TEXT PRIMARY KEY,
  report_id TEXT NOT NULL REFERENCES reports (id),
  kind TEXT NOT NULL CHECK (kind IN ('original', 'revision', 'corrigendum')),
  symbol TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  revision_id TEXT REFERENCES revisions (id),    -- the adopted revision it froze (not for corrigenda)
  corrects_id TEXT REFERENCES publications (id), -- a corrigendum's base text
  published_at TEXT NOT NULL,
  published_by TEXT NOT NULL REFERENCES users (id),
  CHECK ((kind = 'corrigendum') = (corrects_id IS NOT NULL))
);
CREATE INDEX publications_report ON publications (report_id, published_at);
CREATE INDEX publications_published ON publications (published_at);

-- Each language of a published text, frozen: `content` is the canonical JSON the
-- pages and files are rendered from, and `sha256` its hash (hex).
CREATE TABLE publication_texts (
  publication_id TEXT NOT NULL REFERENCES publications (id),
  language TEXT NOT NULL,
  content TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  published_at TEXT NOT NULL,
  published_by TEXT NOT NULL REFERENCES users (id),
  PRIMARY KEY (publication_id, language)
);

-- Published means immutable, whatever code runs against the database.
CREATE TRIGGER publications_no_update BEFORE UPDATE ON publications
BEGIN SELECT RAISE(ABORT, 'immutable: a published text cannot be changed; issue a corrigendum'); END;
CREATE TRIGGER publications_no_delete BEFORE DELETE ON publications
BEGIN SELECT RAISE(ABORT, 'immutable: a published text cannot be deleted'); END;
CREATE TRIGGER publication_texts_no_update BEFORE UPDATE ON publication_texts
BEGIN SELECT RAISE(ABORT, 'immutable: a published text cannot be changed; issue a corrigendum'); END;
CREATE TRIGGER publication_texts_no_delete BEFORE DELETE ON publication_texts
BEGIN SELECT RAISE(ABORT, 'immutable: a published text cannot be deleted'); END;
