-- Positions of seats on document revisions, consensus procedures (silence
-- procedures and consensus rounds) and their outcomes.

-- A seat's current position on one revision. `version` guards against two
-- delegates of one seat overwriting each other.
CREATE TABLE positions (
  revision_id TEXT NOT NULL REFERENCES revisions (id),
  seat_id TEXT NOT NULL REFERENCES seats (id),
  stance TEXT NOT NULL CHECK (stance IN ('support', 'can_live', 'reservation', 'objection', 'abstain')),
  explanation TEXT,
  paragraph_ids TEXT NOT NULL DEFAULT '[]',       -- JSON: paragraphs a reservation names
  recorded_by TEXT NOT NULL REFERENCES users (id),
  recorded_at TEXT NOT NULL,
  confirmed_from INTEGER,                         -- revision number it was carried from, when confirmed
  version INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (revision_id, seat_id),
  CHECK (stance NOT IN ('reservation', 'objection') OR length(trim(coalesce(explanation, ''))) > 0)
);

CREATE TABLE position_history (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  revision_id TEXT NOT NULL REFERENCES revisions (id),
  seat_id TEXT NOT NULL REFERENCES seats (id),
  stance TEXT NOT NULL,
  explanation TEXT,
  paragraph_ids TEXT NOT NULL DEFAULT '[]',
  recorded_by TEXT NOT NULL REFERENCES users (id),
  recorded_at TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('record', 'confirm'))
);
CREATE INDEX position_history_seat ON position_history (revision_id, seat_id, id);

-- Delegates a head of delegation allows to record the seat's positions.
CREATE TABLE position_delegates (
  seat_id TEXT NOT NULL REFERENCES seats (id),
  user_id TEXT NOT NULL REFERENCES users (id),
  granted_by TEXT NOT NULL REFERENCES users (id),
  granted_at TEXT NOT NULL,
  PRIMARY KEY (seat_id, user_id)
);

CREATE TABLE procedures (
  id TEXT PRIMARY KEY,
  revision_id TEXT NOT NULL REFERENCES revisions (id),
  kind TEXT NOT NULL CHECK (kind IN ('silence', 'round')),
  opened_by TEXT NOT NULL REFERENCES users (id),
  opened_at TEXT NOT NULL,
  deadline TEXT NOT NULL,
  deadline_time_zone TEXT NOT NULL,
  remind_before_hours INTEGER NOT NULL DEFAULT 24,
  reminder_sent_at TEXT,
  status TEXT NOT NULL CHECK (status IN ('open', 'adopted', 'broken', 'not_adopted')),
  closed_at TEXT,
  closed_by TEXT REFERENCES users (id),            -- NULL when the scheduler closed it
  decision TEXT,
  broken_by_seat TEXT REFERENCES seats (id),
  broken_by_user TEXT REFERENCES users (id),
  broken_text TEXT
);
CREATE INDEX procedures_revision ON procedures (revision_id);
CREATE INDEX procedures_due ON procedures (status, deadline);
-- One open procedure per revision at a time.
CREATE UNIQUE INDEX procedures_one_open ON procedures (revision_id) WHERE status = 'open';

-- An adopted revision is locked: no comments, positions or procedures after this.
ALTER TABLE revisions ADD COLUMN adopted_at TEXT;
