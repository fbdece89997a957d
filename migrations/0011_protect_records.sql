-- Records that must not change once made public or removed by mistake.

-- Published texts: INSERT OR REPLACE (and REPLACE INTO) deletes the row it conflicts with
-- without firing DELETE triggers (recursive_triggers is off), so the update and delete
-- triggers of 0006 did not cover it. An insert that meets a published key is refused
-- before any conflict clause runs. The messages say UNIQUE, as the constraint would, so
-- the routes that answer a racing publication with 409 keep doing so.
CREATE TRIGGER publications_no_replace BEFORE INSERT ON publications
WHEN EXISTS (SELECT 1 FROM publications WHERE id = NEW.id OR symbol = NEW.symbol)
BEGIN SELECT RAISE(ABORT, 'immutable: a published text cannot be replaced (UNIQUE publication id or symbol)'); END;
CREATE TRIGGER publication_texts_no_replace BEFORE INSERT ON publication_texts
WHEN EXISTS (SELECT 1 FROM publication_texts WHERE publication_id = NEW.publication_id AND language = NEW.language)
BEGIN SELECT RAISE(ABORT, 'immutable: a published text cannot be replaced (UNIQUE publication language)'); END;

-- Dispositions: each change raises the version a stale save is checked against, and
-- once a revision's disposition matrix is published it is a public record: its
-- dispositions no longer change, whatever code runs against the database.
ALTER TABLE comments ADD COLUMN disposition_version INTEGER NOT NULL DEFAULT 0;
CREATE TRIGGER comments_published_disposition_fixed
BEFORE UPDATE OF disposition, disposition_reason, disposed_by, disposed_at, disposition_version ON comments
WHEN (SELECT dispositions_published_at FROM revisions WHERE id = OLD.revision_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'immutable: the dispositions of this revision are published'); END;

-- Meeting papers removed by mistake can be restored by the secretariat: the row moves here
-- (same id) and the file to deleted/<its key> in R2, with its SHA-256 to check it by.
-- agenda_item_id is not a foreign key: the item may be gone by the time it is restored.
CREATE TABLE deleted_materials (
  id TEXT PRIMARY KEY,
  meeting_id TEXT NOT NULL REFERENCES meetings (id),
  agenda_item_id TEXT,
  object_key TEXT NOT NULL,                 -- where the bytes are kept now
  file_name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size INTEGER NOT NULL,
  sha256 TEXT,                              -- NULL only if the file was already missing from R2
  uploaded_by TEXT NOT NULL REFERENCES users (id),
  uploaded_at TEXT NOT NULL,
  deleted_by TEXT NOT NULL REFERENCES users (id),
  deleted_at TEXT NOT NULL
);
CREATE INDEX deleted_materials_meeting ON deleted_materials (meeting_id, deleted_at);
