-- migrate:up
-- The article's journal, copied onto each figure so that the library's journal
-- filter is an index range in id order, (project_id, journal, id), and a journal
-- with a caption search can AND that index with the caption trigram index. Through
-- the article join, journal + caption word walked the primary key testing ILIKE
-- row by row: 40–150 ms a page at 100,000 figures (B2 in docs/benchmarks.md).
-- Triggers keep the copy true for every writer (imports, seeds, COPY), so no
-- code path can forget it; the app never writes the column itself.
ALTER TABLE figure ADD COLUMN journal text NOT NULL DEFAULT '';
UPDATE figure f SET journal = a.journal FROM article a WHERE a.id = f.article_id AND a.journal <> '';
CREATE INDEX figure_project_id_journal_id_idx ON figure (project_id, journal, id);

CREATE FUNCTION figure_journal_from_article() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.journal := COALESCE((SELECT journal FROM article WHERE id = NEW.article_id), '');
  RETURN NEW;
END $$;
CREATE TRIGGER figure_journal_from_article BEFORE INSERT OR UPDATE OF article_id, journal ON figure
  FOR EACH ROW EXECUTE FUNCTION figure_journal_from_article();

CREATE FUNCTION article_journal_to_figures() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE figure SET journal = NEW.journal WHERE article_id = NEW.id;
  RETURN NULL;
END $$;
-- An import fills in a journal an earlier import left empty (lib/imports/insert-batch.ts).
CREATE TRIGGER article_journal_to_figures AFTER UPDATE OF journal ON article
  FOR EACH ROW WHEN (OLD.journal IS DISTINCT FROM NEW.journal) EXECUTE FUNCTION article_journal_to_figures();

-- migrate:down
DROP TRIGGER article_journal_to_figures ON article;
DROP FUNCTION article_journal_to_figures();
DROP TRIGGER figure_journal_from_article ON figure;
DROP FUNCTION figure_journal_from_article();
DROP INDEX figure_project_id_journal_id_idx;
ALTER TABLE figure DROP COLUMN journal;
