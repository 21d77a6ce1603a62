-- Uploads belong to their owner (server/owner.ts: `citizen:<sub>` or `session:<sha256 of the secret>`).
-- Uploads from before this migration have no owner: only an officer can fetch those a dossier references.
ALTER TABLE uploads ADD COLUMN owner_key text;
CREATE INDEX uploads_owner_idx ON uploads (owner_key, created_at);

-- Which uploads a stored dossier references. An upload with a row here is never deleted (no tus DELETE,
-- no purge; the foreign key refuses removing its row); one without is purged after UPLOAD_RETENTION_HOURS.
CREATE TABLE dossier_uploads (
  dossier_id bigint NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
  upload_id text NOT NULL REFERENCES uploads (id) ON DELETE RESTRICT,
  PRIMARY KEY (dossier_id, upload_id)
);
CREATE INDEX dossier_uploads_upload_idx ON dossier_uploads (upload_id);

-- Dossiers stored before this migration keep their files.
INSERT INTO dossier_uploads (dossier_id, upload_id)
  SELECT DISTINCT d.id, u.id
  FROM dossiers d
  CROSS JOIN LATERAL jsonb_array_elements(d.attachments) AS a(ref)
  JOIN uploads u ON u.id = a.ref ->> 'uploadId';
