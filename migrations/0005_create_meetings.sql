-- Meetings: plenary and track meetings, informal consultations; their agendas,
-- materials (files in R2), replies, the attendance register, minutes and
-- corrections, and personal calendar-feed tokens.

-- Times are UTC instants; `time_zone` is the zone the meeting was scheduled in
-- (Geneva by default), so it can be shown on its own wall clock and in ICS.
-- `sequence` is the RFC 5545 SEQUENCE: raised on every change a calendar copy shows.
CREATE TABLE meetings (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('plenary', 'track', 'informal')),
  track_id INTEGER REFERENCES tracks (id),
  starts_at TEXT NOT NULL,
  ends_at TEXT NOT NULL,
  time_zone TEXT NOT NULL,
  format TEXT NOT NULL CHECK (format IN ('in_person', 'online', 'hybrid')),
  room TEXT,
  online_url TEXT,
  description TEXT NOT NULL DEFAULT '',
  visibility TEXT NOT NULL CHECK (visibility IN ('public', 'members')),
  status TEXT NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'cancelled')),
  cancel_reason TEXT,
  override_reason TEXT,                     -- why a conflict warning was overridden
  quorum INTEGER,                           -- seats required; null: a majority of the participating member seats
  minutes_status TEXT NOT NULL DEFAULT 'draft' CHECK (minutes_status IN ('draft', 'circulated', 'approved')),
  corrections_close_at TEXT,
  minutes_approved_at TEXT,
  minutes_approved_by TEXT REFERENCES users (id),
  sequence INTEGER NOT NULL DEFAULT 0,
  version INTEGER NOT NULL DEFAULT 1,       -- optimistic concurrency for edits
  created_by TEXT NOT NULL REFERENCES users (id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK (ends_at > starts_at),
  CHECK ((kind = 'track') = (track_id IS NOT NULL) OR kind = 'informal')
);
CREATE INDEX meetings_starts ON meetings (starts_at);
CREATE INDEX meetings_track ON meetings (track_id, starts_at);

CREATE TABLE agenda_items (
  id TEXT PRIMARY KEY,
  meeting_id TEXT NOT NULL REFERENCES meetings (id),
  position INTEGER NOT NULL,
  title TEXT NOT NULL,
  revision_id TEXT REFERENCES revisions (id),
  minutes TEXT NOT NULL DEFAULT '',
  minutes_version INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX agenda_items_meeting ON agenda_items (meeting_id, position);

-- Every saved text of an item's minutes, for the history view.
CREATE TABLE minutes_versions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  agenda_item_id TEXT NOT NULL REFERENCES agenda_items (id),
  version INTEGER NOT NULL,
  text TEXT NOT NULL,
  stage TEXT NOT NULL,
  saved_by TEXT NOT NULL REFERENCES users (id),
  saved_at TEXT NOT NULL,
  UNIQUE (agenda_item_id, version)
);

CREATE TABLE minutes_corrections (
  id TEXT PRIMARY KEY,
  meeting_id TEXT NOT NULL REFERENCES meetings (id),
  agenda_item_id TEXT NOT NULL REFERENCES agenda_items (id),
  user_id TEXT NOT NULL REFERENCES users (id),
  seat_id TEXT REFERENCES seats (id),
  text TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'declined')),
  response TEXT,
  resolved_by TEXT REFERENCES users (id),
  resolved_at TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX minutes_corrections_meeting ON minutes_corrections (meeting_id, created_at);

-- Files attached to a meeting (optionally to one agenda item); the bytes live in R2.
CREATE TABLE materials (
  id TEXT PRIMARY KEY,
  meeting_id TEXT NOT NULL REFERENCES meetings (id),
  agenda_item_id TEXT REFERENCES agenda_items (id),
  object_key TEXT NOT NULL,
  file_name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size INTEGER NOT NULL,
  uploaded_by TEXT NOT NULL REFERENCES users (id),
  uploaded_at TEXT NOT NULL
);
CREATE INDEX materials_meeting ON materials (meeting_id);

-- How each person says they will take part.
CREATE TABLE meeting_replies (
  meeting_id TEXT NOT NULL REFERENCES meetings (id),
  user_id TEXT NOT NULL REFERENCES users (id),
  seat_id TEXT REFERENCES seats (id),
  reply TEXT NOT NULL CHECK (reply IN ('in_person', 'online', 'not_attending')),
  replied_at TEXT NOT NULL,
  PRIMARY KEY (meeting_id, user_id)
);

-- The register kept by the secretariat or co-facilitators, one row per seat.
CREATE TABLE attendance (
  meeting_id TEXT NOT NULL REFERENCES meetings (id),
  seat_id TEXT NOT NULL REFERENCES seats (id),
  status TEXT NOT NULL CHECK (status IN ('present', 'absent', 'excused')),
  recorded_by TEXT NOT NULL REFERENCES users (id),
  recorded_at TEXT NOT NULL,
  PRIMARY KEY (meeting_id, seat_id)
);

-- Personal calendar feeds: only the SHA-256 of the secret token is kept.
CREATE TABLE calendar_tokens (
  user_id TEXT PRIMARY KEY REFERENCES users (id),
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
);
