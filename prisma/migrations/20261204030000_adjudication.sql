-- migrate:up
CREATE TABLE adjudication (
  figure_id  integer PRIMARY KEY REFERENCES figure(id) ON DELETE CASCADE,
  project_id integer NOT NULL,
  value      integer NOT NULL,
  user_id    text,
  at         timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX adjudication_project_id_idx ON adjudication (project_id);

-- migrate:down
DROP TABLE adjudication;
