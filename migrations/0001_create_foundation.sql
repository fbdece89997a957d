-- Membership, officers, tracks, sign-in, mail outbox and the audit log.
-- Times are UTC ISO-8601 strings ("2026-11-27T10:00:00.000Z").

CREATE TABLE seats (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  short_name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('member_state', 'non_state', 'observer')),
  regional_group TEXT CHECK (regional_group IN ('african', 'asia_pacific', 'eastern_european', 'grulac', 'weog')),
  stakeholder_group TEXT CHECK (stakeholder_group IN ('civil_society', 'private_sector', 'technical_community', 'academia', 'international_organizations')),
  created_at TEXT NOT NULL,
  -- A Member State sits in a regional group, a non-state member in a stakeholder group.
  CHECK (kind <> 'member_state' OR (regional_group IS NOT NULL AND stakeholder_group IS NULL)),
  CHECK (kind <> 'non_state' OR (stakeholder_group IS NOT NULL AND regional_group IS NULL))
);
CREATE INDEX seats_kind ON seats (kind, name);

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE COLLATE NOCASE,
  name TEXT NOT NULL,
  password_hash TEXT,
  seat_id TEXT REFERENCES seats (id),
  seat_role TEXT CHECK (seat_role IN ('head', 'delegate')),
  officer_role TEXT CHECK (officer_role IN ('chair', 'vice_chair', 'secretariat')),
  locale TEXT NOT NULL DEFAULT 'en',
  time_zone TEXT NOT NULL DEFAULT 'Europe/Zurich',
  active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK ((seat_id IS NULL) = (seat_role IS NULL))
);
CREATE INDEX users_seat ON users (seat_id);
-- One head of delegation per seat.
CREATE UNIQUE INDEX users_one_head_per_seat ON users (seat_id) WHERE seat_role = 'head' AND active = 1;

CREATE TABLE sessions (
  -- SHA-256 of the cookie token: a leaked table does not leak live sessions.
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expiry ON sessions (expires_at);

CREATE TABLE tracks (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  short_title TEXT NOT NULL,
  mandate TEXT NOT NULL
);

CREATE TABLE track_facilitators (
  track_id INTEGER NOT NULL REFERENCES tracks (id),
  user_id TEXT NOT NULL REFERENCES users (id),
  PRIMARY KEY (track_id, user_id)
);
CREATE INDEX track_facilitators_user ON track_facilitators (user_id);

CREATE TABLE track_seats (
  track_id INTEGER NOT NULL REFERENCES tracks (id),
  seat_id TEXT NOT NULL REFERENCES seats (id),
  PRIMARY KEY (track_id, seat_id)
);

CREATE TABLE invitations (
  id TEXT PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  email TEXT NOT NULL COLLATE NOCASE,
  name TEXT NOT NULL,
  seat_id TEXT REFERENCES seats (id),
  seat_role TEXT CHECK (seat_role IN ('head', 'delegate')),
  officer_role TEXT CHECK (officer_role IN ('chair', 'vice_chair', 'secretariat')),
  invited_by TEXT NOT NULL REFERENCES users (id),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  accepted_at TEXT,
  revoked_at TEXT,
  CHECK ((seat_id IS NULL) = (seat_role IS NULL)),
  CHECK (seat_id IS NOT NULL OR officer_role IS NOT NULL)
);
CREATE INDEX invitations_created ON invitations (created_at);

CREATE TABLE password_resets (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT
);

-- Fixed-window counters for login and reset attempts, keyed by account or address.
CREATE TABLE rate_limits (
  key TEXT PRIMARY KEY,
  window_start TEXT NOT NULL,
  count INTEGER NOT NULL
);

CREATE TABLE outbox (
  id TEXT PRIMARY KEY,
  to_address TEXT NOT NULL,
  subject TEXT NOT NULL,
  body_text TEXT NOT NULL,
  kind TEXT NOT NULL,
  transport TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('stored', 'sent', 'failed')),
  error TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX outbox_created ON outbox (created_at);

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  actor_user_id TEXT,
  actor_seat_id TEXT,
  action TEXT NOT NULL,
  target_type TEXT NOT NULL,
  target_id TEXT,
  before_json TEXT,
  after_json TEXT,
  request_id TEXT
);
CREATE INDEX audit_log_target ON audit_log (target_type, target_id);
CREATE INDEX audit_log_action ON audit_log (action, id);
