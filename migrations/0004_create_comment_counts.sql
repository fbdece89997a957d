-- Top-level comments per paragraph and revision, kept up to date in the batch
-- that inserts a comment, so the revision page reads a few hundred small rows
-- instead of counting thousands of comments on every visit.
CREATE TABLE comment_counts (
  document_id TEXT NOT NULL REFERENCES documents (id),
  paragraph_key TEXT NOT NULL,                     -- a paragraph id, or '' for the whole document
  revision_number INTEGER NOT NULL,
  total INTEGER NOT NULL,
  amendments INTEGER NOT NULL,
  PRIMARY KEY (document_id, paragraph_key, revision_number)
);

INSERT INTO comment_counts (document_id, paragraph_key, revision_number, total, amendments)
SELECT c.document_id, coalesce(c.paragraph_id, ''), r.number, count(*), sum(c.kind = 'amendment')
FROM comments c JOIN revisions r ON r.id = c.revision_id
WHERE c.parent_id IS NULL
GROUP BY c.document_id, coalesce(c.paragraph_id, ''), r.number;
