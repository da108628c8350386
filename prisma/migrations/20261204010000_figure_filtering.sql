-- migrate:up
CREATE TYPE "RunStatus" AS ENUM ('queued', 'running', 'succeeded', 'partial', 'failed');

CREATE TABLE figure_feature (
  figure_id  integer NOT NULL REFERENCES figure(id) ON DELETE CASCADE,
  extractor  text NOT NULL,
  vector     bytea NOT NULL,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (figure_id, extractor)
);
CREATE INDEX figure_feature_extractor_figure_id_idx ON figure_feature (extractor, figure_id);

CREATE TABLE analysis_run (
  id            serial PRIMARY KEY,
  project_id    integer NOT NULL REFERENCES project(id) ON DELETE CASCADE,
  kind          text NOT NULL,
  extractor     text NOT NULL,
  status        "RunStatus" NOT NULL DEFAULT 'queued',
  total         integer NOT NULL DEFAULT 0,
  processed     integer NOT NULL DEFAULT 0,
  failed        integer NOT NULL DEFAULT 0,
  errors        jsonb NOT NULL DEFAULT '[]',
  message       text,
  created_by_id text REFERENCES "user"(id) ON DELETE SET NULL,
  created_at    timestamptz(3) NOT NULL DEFAULT now(),
  finished_at   timestamptz(3)
);
CREATE INDEX analysis_run_project_id_kind_id_idx ON analysis_run (project_id, kind, id);

CREATE TABLE figure_pca (
  figure_id integer NOT NULL REFERENCES figure(id) ON DELETE CASCADE,
  extractor text NOT NULL,
  pc1       double precision NOT NULL,
  pc2       double precision NOT NULL,
  scores    bytea NOT NULL,
  PRIMARY KEY (figure_id, extractor)
);
-- Labeling walks figures in PC1 order.
CREATE INDEX figure_pca_extractor_pc1_idx ON figure_pca (extractor, pc1, figure_id);

CREATE TABLE label (
  figure_id  integer NOT NULL REFERENCES figure(id) ON DELETE CASCADE,
  user_id    text NOT NULL REFERENCES "user"(id) ON DELETE CASCADE,
  project_id integer NOT NULL,
  value      integer NOT NULL,
  updated_at timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (figure_id, user_id)
);
CREATE INDEX label_project_id_user_id_idx ON label (project_id, user_id);

CREATE TABLE label_event (
  id         bigserial PRIMARY KEY,
  figure_id  integer NOT NULL,
  user_id    text NOT NULL,
  project_id integer NOT NULL,
  value      integer,
  request_id text NOT NULL UNIQUE,
  at         timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX label_event_figure_id_at_idx ON label_event (figure_id, at);
CREATE INDEX label_event_project_id_at_idx ON label_event (project_id, at);

CREATE TABLE label_lease (
  figure_id  integer PRIMARY KEY,
  user_id    text NOT NULL,
  expires_at timestamptz(3) NOT NULL
);
CREATE INDEX label_lease_user_id_idx ON label_lease (user_id);

-- migrate:down
DROP TABLE label_lease, label_event, label, figure_pca, analysis_run, figure_feature;
DROP TYPE "RunStatus";
