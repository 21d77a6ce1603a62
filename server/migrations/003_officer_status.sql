-- Idempotency keys are scoped to the caller: the citizen's token subject, or '' for anonymous callers.
-- A key reused by another citizen is a new submission of theirs, never a replay of someone else's receipt.
ALTER TABLE idempotency_keys ADD COLUMN subject text NOT NULL DEFAULT '';
ALTER TABLE idempotency_keys DROP CONSTRAINT idempotency_keys_pkey;
ALTER TABLE idempotency_keys ADD PRIMARY KEY (subject, key);

-- The agency that handles a dossier (the prefix of its code); officers see and move only their agency's.
ALTER TABLE dossiers ADD COLUMN agency_code text;
UPDATE dossiers SET agency_code = substring(code from '^(.*)-[0-9]{6}-[0-9]{4}$');
ALTER TABLE dossiers ALTER COLUMN agency_code SET NOT NULL;
CREATE INDEX dossiers_agency_status_idx ON dossiers (agency_code, status, submitted_at);

-- Who made a status change (the officer's token subject; NULL for the citizen's own submission) and
-- through which agency. Never shown by the public lookup.
ALTER TABLE dossier_history ADD COLUMN officer_subject text;
ALTER TABLE dossier_history ADD COLUMN officer_agency text;
