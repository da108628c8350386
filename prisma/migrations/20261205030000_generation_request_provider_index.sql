-- migrate:up
-- A provider's latest answered requests, for the run estimate's latency
-- (lib/generation/plan-run.ts); also what the provider foreign key's
-- ON DELETE RESTRICT check looks up.
CREATE INDEX generation_request_provider_id_id_idx ON generation_request (provider_id, id);

-- migrate:down
DROP INDEX generation_request_provider_id_id_idx;
