-- Whether a person lets the public (and observers) see their name. Members and
-- officers always see it; everyone else sees it only where the person allowed it
-- (worker/people.ts). Default: not shown.
ALTER TABLE users ADD COLUMN name_public INTEGER NOT NULL DEFAULT 0 CHECK (name_public IN (0, 1));
