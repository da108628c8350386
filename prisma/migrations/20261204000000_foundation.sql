-- migrate:up
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TYPE "Role" AS ENUM ('clinician', 'curator', 'admin');
CREATE TYPE "ImportKind" AS ENUM ('figure_records', 'jats', 'caption_set');
CREATE TYPE "ImportStatus" AS ENUM ('uploading', 'queued', 'running', 'succeeded', 'partial', 'failed');

CREATE TABLE "user" (
  id             text PRIMARY KEY,
  name           text NOT NULL,
  email          text NOT NULL UNIQUE,
  email_verified boolean NOT NULL DEFAULT false,
  image          text,
  role           "Role" NOT NULL DEFAULT 'clinician',
  disabled       boolean NOT NULL DEFAULT false,
  created_at     timestamptz(3) NOT NULL DEFAULT now(),
  updated_at     timestamptz(3) NOT NULL DEFAULT now()
);

CREATE TABLE session (
  id         text PRIMARY KEY,
  token      text NOT NULL UNIQUE,
  user_id    text NOT NULL REFERENCES "user"(id) ON DELETE CASCADE,
  expires_at timestamptz(3) NOT NULL,
  ip_address text,
  user_agent text,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX session_user_id_idx ON session (user_id);

CREATE TABLE account (
  id                       text PRIMARY KEY,
  account_id               text NOT NULL,
  provider_id              text NOT NULL,
  user_id                  text NOT NULL REFERENCES "user"(id) ON DELETE CASCADE,
  access_token             text,
  refresh_token            text,
  id_token                 text,
  access_token_expires_at  timestamptz(3),
  refresh_token_expires_at timestamptz(3),
  scope                    text,
  password                 text,
  created_at               timestamptz(3) NOT NULL DEFAULT now(),
  updated_at               timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX account_user_id_idx ON account (user_id);

CREATE TABLE verification (
  id         text PRIMARY KEY,
  identifier text NOT NULL,
  value      text NOT NULL,
  expires_at timestamptz(3) NOT NULL,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX verification_identifier_idx ON verification (identifier);

CREATE TABLE project (
  id            serial PRIMARY KEY,
  slug          text NOT NULL UNIQUE,
  name          text NOT NULL,
  description   text NOT NULL DEFAULT '',
  settings      jsonb NOT NULL DEFAULT '{}',
  label_schema  jsonb NOT NULL,
  created_by_id text REFERENCES "user"(id) ON DELETE SET NULL,
  created_at    timestamptz(3) NOT NULL DEFAULT now(),
  updated_at    timestamptz(3) NOT NULL DEFAULT now()
);

CREATE TABLE article (
  id         serial PRIMARY KEY,
  project_id integer NOT NULL REFERENCES project(id) ON DELETE CASCADE,
  handle     text NOT NULL,
  journal    text NOT NULL DEFAULT '',
  title      text NOT NULL DEFAULT '',
  doi        text,
  pmcid      text,
  year       integer,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  CONSTRAINT article_project_id_handle_key UNIQUE (project_id, handle)
);
CREATE INDEX article_project_id_journal_idx ON article (project_id, journal);

CREATE TABLE import (
  id            serial PRIMARY KEY,
  project_id    integer NOT NULL REFERENCES project(id) ON DELETE CASCADE,
  kind          "ImportKind",
  status        "ImportStatus" NOT NULL DEFAULT 'queued',
  source        text NOT NULL,
  file_name     text NOT NULL,
  total         integer NOT NULL DEFAULT 0,
  processed     integer NOT NULL DEFAULT 0,
  imported      integer NOT NULL DEFAULT 0,
  duplicates    integer NOT NULL DEFAULT 0,
  failed        integer NOT NULL DEFAULT 0,
  flagged       integer NOT NULL DEFAULT 0,
  errors        jsonb NOT NULL DEFAULT '[]',
  message       text,
  created_by_id text REFERENCES "user"(id) ON DELETE SET NULL,
  created_at    timestamptz(3) NOT NULL DEFAULT now(),
  started_at    timestamptz(3),
  finished_at   timestamptz(3)
);
CREATE INDEX import_project_id_id_idx ON import (project_id, id);

CREATE TABLE figure (
  id            serial PRIMARY KEY,
  project_id    integer NOT NULL REFERENCES project(id) ON DELETE CASCADE,
  article_id    integer NOT NULL REFERENCES article(id) ON DELETE CASCADE,
  import_id     integer REFERENCES import(id) ON DELETE SET NULL,
  custom_id     text NOT NULL,
  fig_label     text NOT NULL DEFAULT '',
  caption       text NOT NULL DEFAULT '',
  mentions      text[] NOT NULL DEFAULT '{}',
  page          integer,
  image_hash    text,
  image_name    text,
  image_missing boolean NOT NULL DEFAULT false,
  width         integer,
  height        integer,
  synthetic     boolean NOT NULL DEFAULT false,
  created_at    timestamptz(3) NOT NULL DEFAULT now(),
  CONSTRAINT figure_project_id_custom_id_key UNIQUE (project_id, custom_id),
  -- NULLs are distinct, so any number of caption-only figures may share a project.
  CONSTRAINT figure_project_id_image_hash_key UNIQUE (project_id, image_hash)
);
CREATE INDEX figure_project_id_article_id_id_idx ON figure (project_id, article_id, id);
-- Library filters: "has mentions" and caption text search (ILIKE '%…%').
CREATE INDEX figure_project_id_has_mentions_idx ON figure (project_id, id) WHERE cardinality(mentions) > 0;
CREATE INDEX figure_caption_trgm_idx ON figure USING gin (caption gin_trgm_ops);

CREATE TABLE audit_event (
  id        bigserial PRIMARY KEY,
  actor_id  text REFERENCES "user"(id) ON DELETE SET NULL,
  action    text NOT NULL,
  entity    text NOT NULL,
  entity_id text,
  before    jsonb,
  after     jsonb,
  at        timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX audit_event_entity_entity_id_idx ON audit_event (entity, entity_id);
CREATE INDEX audit_event_at_idx ON audit_event (at);

-- migrate:down
DROP TABLE audit_event, figure, import, article, project, verification, account, session, "user";
DROP TYPE "ImportStatus", "ImportKind", "Role";
