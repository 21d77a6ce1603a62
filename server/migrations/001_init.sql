-- dvc-forms reference back end: initial schema. Plain PostgreSQL (runs on PGlite and PostgreSQL 13+).

-- Per-day dossier sequence: <agency code>-YYMMDD-XXXX (Circular 01/2018/TT-VPCP, Art. 19).
CREATE TABLE day_sequences (
  agency_code text NOT NULL,
  day date NOT NULL,
  last_number integer NOT NULL,
  PRIMARY KEY (agency_code, day)
);

CREATE TABLE dossiers (
  id bigserial PRIMARY KEY,
  code text NOT NULL UNIQUE,
  procedure_slug text NOT NULL,
  procedure_version text NOT NULL,
  data jsonb NOT NULL,
  attachments jsonb NOT NULL DEFAULT '[]'::jsonb,
  status text NOT NULL,
  fee jsonb NOT NULL,
  submitted_at timestamptz NOT NULL,
  appointment_date date NOT NULL,
  citizen_subject text
);

CREATE INDEX dossiers_citizen_idx ON dossiers (citizen_subject);

CREATE TABLE dossier_history (
  id bigserial PRIMARY KEY,
  dossier_id bigint NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
  status text NOT NULL,
  at timestamptz NOT NULL,
  note jsonb
);

CREATE INDEX dossier_history_dossier_idx ON dossier_history (dossier_id, at);

-- Idempotency-Key of POST /dossiers: the same key and body get the stored answer again.
CREATE TABLE idempotency_keys (
  key text PRIMARY KEY,
  request_hash text NOT NULL,
  status_code integer NOT NULL,
  response jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE payments (
  id text PRIMARY KEY,
  dossier_id bigint NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
  method text NOT NULL,
  amount bigint NOT NULL,
  status text NOT NULL,
  provider_ref text,
  created_at timestamptz NOT NULL,
  paid_at timestamptz,
  details jsonb NOT NULL DEFAULT '{}'::jsonb
);

CREATE INDEX payments_dossier_idx ON payments (dossier_id);

CREATE TABLE drafts (
  citizen_subject text NOT NULL,
  procedure_slug text NOT NULL,
  body jsonb NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (citizen_subject, procedure_slug)
);

-- tus uploads: metadata only (the bytes are in the upload store).
CREATE TABLE uploads (
  id text PRIMARY KEY,
  size bigint,
  upload_offset bigint NOT NULL DEFAULT 0,
  filename text,
  filetype text,
  complete boolean NOT NULL DEFAULT false,
  citizen_subject text,
  created_at timestamptz NOT NULL,
  completed_at timestamptz
);
