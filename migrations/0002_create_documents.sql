-- Track and plenary documents, their revisions with stable paragraph
-- identities, comments and amendments with dispositions.

CREATE TABLE documents (
  id TEXT PRIMARY KEY,
  track_id INTEGER REFERENCES tracks (id),          -- NULL: a plenary document
  kind TEXT NOT NULL CHECK (kind IN ('issues_paper', 'synthesis_note', 'draft_outcome', 'non_paper')),
  title TEXT NOT NULL,
  symbol TEXT,
  visibility TEXT NOT NULL CHECK (visibility IN ('members', 'public')),
  created_by TEXT NOT NULL REFERENCES users (id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  -- The co-facilitators' working copy: JSON [{pid, kind, html}], versioned so a
  -- stale save is refused instead of overwriting a colleague's edits.
  draft_json TEXT NOT NULL DEFAULT '[]',
  draft_version INTEGER NOT NULL DEFAULT 1,
  draft_updated_by TEXT REFERENCES users (id),
  draft_updated_at TEXT
);
CREATE INDEX documents_track ON documents (track_id, updated_at);

-- A paragraph's identity, shared by its versions in every revision.
CREATE TABLE paragraphs (
  id TEXT PRIMARY KEY,
  document_id TEXT NOT NULL REFERENCES documents (id),
  created_in INTEGER NOT NULL
);
CREATE INDEX paragraphs_document ON paragraphs (document_id);

CREATE TABLE revisions (
  id TEXT PRIMARY KEY,
  document_id TEXT NOT NULL REFERENCES documents (id),
  number INTEGER NOT NULL,                           -- 0 zero draft, 1 Rev.1, ...
  issued_at TEXT NOT NULL,
  issued_by TEXT NOT NULL REFERENCES users (id),
  comments_open_at TEXT NOT NULL,
  comments_close_at TEXT NOT NULL,
  comments_time_zone TEXT NOT NULL,
  allow_late INTEGER NOT NULL DEFAULT 0,
  paragraph_count INTEGER NOT NULL,
  bracket_count INTEGER NOT NULL,
  -- When the co-facilitators published the disposition of this revision's comments.
  dispositions_published_at TEXT,
  UNIQUE (document_id, number)
);

CREATE TABLE revision_paragraphs (
  revision_id TEXT NOT NULL REFERENCES revisions (id),
  paragraph_id TEXT NOT NULL REFERENCES paragraphs (id),
  position INTEGER NOT NULL,
  number INTEGER,                                    -- NULL for headings
  kind TEXT NOT NULL CHECK (kind IN ('heading', 'paragraph', 'list_item')),
  html TEXT NOT NULL,
  PRIMARY KEY (revision_id, paragraph_id)
);
CREATE INDEX revision_paragraphs_order ON revision_paragraphs (revision_id, position);

CREATE TABLE comments (
  id TEXT PRIMARY KEY,
  document_id TEXT NOT NULL REFERENCES documents (id),
  revision_id TEXT NOT NULL REFERENCES revisions (id),
  paragraph_id TEXT REFERENCES paragraphs (id),      -- NULL: on the whole document
  parent_id TEXT REFERENCES comments (id),           -- a reply
  seat_id TEXT REFERENCES seats (id),
  author_id TEXT NOT NULL REFERENCES users (id),
  kind TEXT NOT NULL CHECK (kind IN ('general', 'amendment')),
  op TEXT CHECK (op IN ('replace', 'insert', 'delete')),
  quote TEXT,
  prefix TEXT,
  suffix TEXT,
  proposed_text TEXT,
  body TEXT NOT NULL,
  late INTEGER NOT NULL DEFAULT 0,
  idempotency_key TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  disposition TEXT CHECK (disposition IN ('accepted', 'partly_accepted', 'not_accepted', 'noted')),
  disposition_reason TEXT,
  disposed_by TEXT REFERENCES users (id),
  disposed_at TEXT,
  CHECK ((kind = 'amendment') = (op IS NOT NULL)),
  UNIQUE (author_id, idempotency_key)
);
CREATE INDEX comments_paragraph ON comments (document_id, paragraph_id, created_at);
CREATE INDEX comments_revision ON comments (revision_id, created_at);
CREATE INDEX comments_parent ON comments (parent_id);

-- Earlier wordings of an edited comment.
CREATE TABLE comment_edits (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  comment_id TEXT NOT NULL REFERENCES comments (id),
  edited_at TEXT NOT NULL,
  edited_by TEXT NOT NULL REFERENCES users (id),
  body TEXT NOT NULL,
  proposed_text TEXT
);
CREATE INDEX comment_edits_comment ON comment_edits (comment_id);
