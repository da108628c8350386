-- migrate:up
-- Sample generation: providers, versioned prompts, runs, one row per request
-- (its key is the exactly-once guard), provider batches, and samples.
CREATE TYPE "ProviderKind" AS ENUM ('openai', 'anthropic', 'openai_compatible');
CREATE TYPE "GenerationTask" AS ENUM ('ift', 'mcq', 'ddx');
CREATE TYPE "GenerationMode" AS ENUM ('realtime', 'batch');
CREATE TYPE "GenerationRunStatus" AS ENUM ('running', 'paused', 'cancelled', 'budget_stopped', 'succeeded', 'partial', 'failed');
CREATE TYPE "GenerationRequestStatus" AS ENUM ('queued', 'sending', 'batched', 'succeeded', 'failed', 'cancelled');
CREATE TYPE "ProviderBatchStatus" AS ENUM ('creating', 'submitted', 'ended', 'failed');
CREATE TYPE "SampleStatus" AS ENUM ('pending', 'approved', 'rejected');

CREATE TABLE provider (
  id                       serial PRIMARY KEY,
  name                     text NOT NULL UNIQUE,
  kind                     "ProviderKind" NOT NULL,
  base_url                 text,
  model                    text NOT NULL,
  api_key_env              text,
  api_key_encrypted        text,
  requests_per_minute      integer NOT NULL,
  tokens_per_minute        integer,
  input_tokens_per_minute  integer,
  output_tokens_per_minute integer,
  input_price_per_mtok     double precision NOT NULL DEFAULT 0,
  output_price_per_mtok    double precision NOT NULL DEFAULT 0,
  concurrency              integer NOT NULL DEFAULT 32,
  max_output_tokens        integer NOT NULL DEFAULT 2048,
  timeout_seconds          integer NOT NULL DEFAULT 120,
  enabled                  boolean NOT NULL DEFAULT true,
  created_at               timestamptz(3) NOT NULL DEFAULT now(),
  updated_at               timestamptz(3) NOT NULL DEFAULT now()
);

CREATE TABLE prompt_version (
  id             serial PRIMARY KEY,
  project_id     integer NOT NULL REFERENCES project(id) ON DELETE CASCADE,
  task           "GenerationTask" NOT NULL,
  version        integer NOT NULL,
  system_prompt  text NOT NULL,
  few_shots      jsonb NOT NULL DEFAULT '[]',
  few_shot_k     integer NOT NULL DEFAULT 4,
  note           text NOT NULL DEFAULT '',
  created_by_id  text REFERENCES "user"(id) ON DELETE SET NULL,
  created_at     timestamptz(3) NOT NULL DEFAULT now(),
  UNIQUE (project_id, task, version)
);

CREATE TABLE generation_run (
  id                 serial PRIMARY KEY,
  project_id         integer NOT NULL REFERENCES project(id) ON DELETE CASCADE,
  name               text NOT NULL,
  status             "GenerationRunStatus" NOT NULL DEFAULT 'running',
  mode               "GenerationMode" NOT NULL DEFAULT 'realtime',
  tasks              "GenerationTask"[] NOT NULL,
  samples_per_figure integer NOT NULL DEFAULT 1,
  budget_usd         double precision,
  spent_usd          double precision NOT NULL DEFAULT 0,
  settings           jsonb NOT NULL DEFAULT '{}',
  message            text,
  created_by_id      text REFERENCES "user"(id) ON DELETE SET NULL,
  created_at         timestamptz(3) NOT NULL DEFAULT now(),
  finished_at        timestamptz(3)
);
CREATE INDEX generation_run_project_id_id_idx ON generation_run (project_id, id);

CREATE TABLE provider_batch (
  id            serial PRIMARY KEY,
  run_id        integer NOT NULL REFERENCES generation_run(id) ON DELETE CASCADE,
  provider_id   integer NOT NULL REFERENCES provider(id) ON DELETE RESTRICT,
  status        "ProviderBatchStatus" NOT NULL DEFAULT 'creating',
  external_id   text,
  input_file_id text,
  request_count integer NOT NULL DEFAULT 0,
  error         text,
  created_at    timestamptz(3) NOT NULL DEFAULT now(),
  submitted_at  timestamptz(3),
  ended_at      timestamptz(3)
);
CREATE INDEX provider_batch_status_idx ON provider_batch (status);

CREATE TABLE generation_request (
  id                serial PRIMARY KEY,
  key               text NOT NULL UNIQUE,
  run_id            integer NOT NULL REFERENCES generation_run(id) ON DELETE CASCADE,
  figure_id         integer NOT NULL REFERENCES figure(id) ON DELETE CASCADE,
  task              "GenerationTask" NOT NULL,
  provider_id       integer NOT NULL REFERENCES provider(id) ON DELETE RESTRICT,
  prompt_version_id integer NOT NULL REFERENCES prompt_version(id) ON DELETE RESTRICT,
  sample_index      integer NOT NULL,
  seed              integer NOT NULL,
  params            jsonb NOT NULL DEFAULT '{}',
  status            "GenerationRequestStatus" NOT NULL DEFAULT 'queued',
  attempts          integer NOT NULL DEFAULT 0,
  sends             integer NOT NULL DEFAULT 0,
  error_kind        text,
  error             text,
  input_tokens      integer,
  output_tokens     integer,
  cost_usd          double precision,
  latency_ms        integer,
  raw_response      jsonb,
  batch_id          integer REFERENCES provider_batch(id) ON DELETE SET NULL,
  created_at        timestamptz(3) NOT NULL DEFAULT now(),
  sent_at           timestamptz(3),
  finished_at       timestamptz(3)
);
CREATE INDEX generation_request_run_id_status_idx ON generation_request (run_id, status);
CREATE INDEX generation_request_batch_id_idx ON generation_request (batch_id);

CREATE TABLE sample (
  id           serial PRIMARY KEY,
  project_id   integer NOT NULL REFERENCES project(id) ON DELETE CASCADE,
  run_id       integer NOT NULL REFERENCES generation_run(id) ON DELETE CASCADE,
  request_id   integer NOT NULL UNIQUE REFERENCES generation_request(id) ON DELETE CASCADE,
  figure_id    integer NOT NULL REFERENCES figure(id) ON DELETE CASCADE,
  task         "GenerationTask" NOT NULL,
  output       jsonb NOT NULL,
  structured   jsonb NOT NULL,
  conversation jsonb NOT NULL,
  problems     jsonb NOT NULL DEFAULT '[]',
  status       "SampleStatus" NOT NULL DEFAULT 'pending',
  created_at   timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX sample_project_id_task_status_idx ON sample (project_id, task, status);
CREATE INDEX sample_run_id_idx ON sample (run_id);

-- migrate:down
DROP TABLE sample;
DROP TABLE generation_request;
DROP TABLE provider_batch;
DROP TABLE generation_run;
DROP TABLE prompt_version;
DROP TABLE provider;
DROP TYPE "SampleStatus";
DROP TYPE "ProviderBatchStatus";
DROP TYPE "GenerationRequestStatus";
DROP TYPE "GenerationRunStatus";
DROP TYPE "GenerationMode";
DROP TYPE "GenerationTask";
DROP TYPE "ProviderKind";
