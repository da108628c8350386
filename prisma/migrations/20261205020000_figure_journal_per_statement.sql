-- migrate:up
-- The row trigger of 20261205000000_figure_journal ran a PL/pgSQL function and
-- an article lookup for every inserted figure: ~45 µs a row, +3.7 s on an
-- 80,000-figure COPY and +5 s on the same import (B1 in docs/benchmarks.md).
-- Inserts are now checked once per statement, over the rows the statement
-- inserted, and only rows whose journal differs from their article's are
-- written again; the import supplies the journal itself, so for it the check is
-- one hash join. Updates that move a figure or write the copy stay row by row
-- (rare), through the same function as before.
DROP TRIGGER figure_journal_from_article ON figure;

CREATE FUNCTION figure_journal_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE figure f SET journal = a.journal
    FROM new_figures n JOIN article a ON a.id = n.article_id
   WHERE f.id = n.id AND f.journal IS DISTINCT FROM a.journal;
  RETURN NULL;
END $$;
CREATE TRIGGER figure_journal_after_insert AFTER INSERT ON figure
  REFERENCING NEW TABLE AS new_figures FOR EACH STATEMENT EXECUTE FUNCTION figure_journal_after_insert();
CREATE TRIGGER figure_journal_from_article BEFORE UPDATE OF article_id, journal ON figure
  FOR EACH ROW EXECUTE FUNCTION figure_journal_from_article();

-- migrate:down
DROP TRIGGER figure_journal_from_article ON figure;
DROP TRIGGER figure_journal_after_insert ON figure;
DROP FUNCTION figure_journal_after_insert();
CREATE TRIGGER figure_journal_from_article BEFORE INSERT OR UPDATE OF article_id, journal ON figure
  FOR EACH ROW EXECUTE FUNCTION figure_journal_from_article();
