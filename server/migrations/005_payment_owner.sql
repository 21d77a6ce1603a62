-- Who filed a dossier: `citizen:<sub>` (signed in) or `session:<sha256 hex of the Dvc-Session secret>`
-- (server/owner.ts). Only the owner (or an officer of the dossier's agency) may pay it or read its
-- payments. Dossiers filed before this migration by a signed-in citizen get that citizen; anonymous
-- ones keep NULL (only an officer of the agency can act on their payments).
ALTER TABLE dossiers ADD COLUMN owner text;
UPDATE dossiers SET owner = 'citizen:' || citizen_subject WHERE citizen_subject IS NOT NULL AND owner IS NULL;

-- One open payment per dossier: of several pending ones, only the newest stays open.
UPDATE payments SET status = 'cancelled'
WHERE status = 'pending' AND id NOT IN (
  SELECT DISTINCT ON (dossier_id) id FROM payments WHERE status = 'pending' ORDER BY dossier_id, created_at DESC, id DESC
);
-- A dossier already paid has nothing open.
UPDATE payments SET status = 'cancelled'
WHERE status = 'pending' AND dossier_id IN (SELECT dossier_id FROM payments WHERE status = 'paid');
-- A dossier credited twice (before this fix) keeps its first payment; the others are money to give back.
UPDATE payments SET status = 'refund-due'
WHERE status = 'paid' AND id NOT IN (
  SELECT DISTINCT ON (dossier_id) id FROM payments WHERE status = 'paid' ORDER BY dossier_id, paid_at, created_at, id
);

CREATE UNIQUE INDEX payments_one_open_idx ON payments (dossier_id) WHERE status = 'pending';
CREATE UNIQUE INDEX payments_one_paid_idx ON payments (dossier_id) WHERE status = 'paid';
