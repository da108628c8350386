-- migrate:up
-- Prisma filters "has mentions" as NOT (mentions = '{}'), which the old
-- partial index (cardinality(mentions) > 0) never matched; this one does.
DROP INDEX figure_project_id_has_mentions_idx;
CREATE INDEX figure_project_id_has_mentions_idx ON figure (project_id, id) WHERE mentions <> '{}';

-- migrate:down
DROP INDEX figure_project_id_has_mentions_idx;
CREATE INDEX figure_project_id_has_mentions_idx ON figure (project_id, id) WHERE cardinality(mentions) > 0;
