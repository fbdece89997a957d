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
