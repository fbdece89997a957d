-- The revision page counts top-level comments per paragraph on every visit;
-- this covering index lets SQLite count from the index alone (3.9 → 1.6 ms
-- for 3,500 comments on the bench data).
CREATE INDEX comments_counts ON comments (document_id, parent_id, paragraph_id, revision_id, kind);
