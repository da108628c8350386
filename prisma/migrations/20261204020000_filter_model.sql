-- migrate:up
CREATE TABLE filter_model (
  id          serial PRIMARY KEY,
  project_id  integer NOT NULL REFERENCES project(id) ON DELETE CASCADE,
  extractor   text NOT NULL,
  label_count integer NOT NULL,
  metrics     jsonb NOT NULL,
  created_at  timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX filter_model_project_id_id_idx ON filter_model (project_id, id);

CREATE TABLE figure_prediction (
  figure_id integer PRIMARY KEY REFERENCES figure(id) ON DELETE CASCADE,
  model_id  integer NOT NULL,
  p_keep2   double precision NOT NULL,
  p_keep12  double precision NOT NULL
);

-- migrate:down
DROP TABLE figure_prediction, filter_model;
