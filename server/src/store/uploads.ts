/**
 * The uploads aggregate: `uploads` (what the server knows of each tus upload) and `dossier_uploads`
 * (which stored dossier references which upload). The rules (ownership, quota, purge) are
 * server/uploads.ts'; this module holds their SQL. An upload's row becomes an `UploadRecord` here only.
 *
 * Locks: `lockOwnerQuota` takes a transaction-scoped advisory lock on the owner (parallel creations of
 * one owner are counted one after the other); `lockUpload` and `lockOwnedCompleteUploads` read rows
 * `FOR UPDATE`. Deletions of unreferenced rows are guarded (`NOT EXISTS` a reference) and the foreign key
 * of `dossier_uploads` refuses removing a referenced one.
 */
import type { Queryable } from '../db/db.js';
import { num } from '../util.js';
import type { DossierId } from './keys.js';

/** The row of an upload. */
export interface UploadRecord {
  id: string;
  ownerKey: string | null;
  size: number | null;
  offset: number;
  filename: string | null;
  filetype: string | null;
  detectedType: string | null;
  complete: boolean;
  /** True when a stored dossier references it. */
  referenced: boolean;
}

interface UploadRow {
  id: string;
  owner_key: string | null;
  size: unknown;
  upload_offset: unknown;
  filename: string | null;
  filetype: string | null;
  detected_type: string | null;
  complete: boolean;
  referenced: boolean;
  [column: string]: unknown;
}

const UPLOAD_SELECT = `SELECT id, owner_key, size, upload_offset, filename, filetype, detected_type, complete,
       EXISTS (SELECT 1 FROM dossier_uploads r WHERE r.upload_id = u.id) AS referenced
     FROM uploads u`;

function toUpload(row: UploadRow): UploadRecord {
  return {
    id: row.id,
    ownerKey: row.owner_key,
    size: row.size === null ? null : num(row.size),
    offset: num(row.upload_offset),
    filename: row.filename,
    filetype: row.filetype,
    detectedType: row.detected_type,
    complete: row.complete,
    referenced: row.referenced,
  };
}

/** The upload `id`, or null. */
export async function getUpload(q: Queryable, id: string): Promise<UploadRecord | null> {
  const r = await q.query<UploadRow>(`${UPLOAD_SELECT} WHERE id = $1`, [id]);
  return r.rows[0] ? toUpload(r.rows[0]) : null;
}

/** The uploads of these ids that exist, by id. */
export async function getUploads(q: Queryable, ids: readonly string[]): Promise<Map<string, UploadRecord>> {
  const uploads = new Map<string, UploadRecord>();
  if (ids.length === 0) return uploads;
  const r = await q.query<UploadRow>(`${UPLOAD_SELECT} WHERE id = ANY($1::text[])`, [[...ids]]);
  for (const row of r.rows) uploads.set(row.id, toUpload(row));
  return uploads;
}

/** True when a dossier of `agency` references the upload. */
export async function referencedByAgency(q: Queryable, id: string, agency: string): Promise<boolean> {
  const r = await q.query(
    `SELECT 1 FROM dossier_uploads r JOIN dossiers d ON d.id = r.dossier_id
     WHERE r.upload_id = $1 AND d.agency_code = $2 LIMIT 1`,
    [id, agency],
  );
  return r.rows.length > 0;
}

/** Serialises, until the transaction `tx` ends, the quota checks of one owner. */
export async function lockOwnerQuota(tx: Queryable, ownerKey: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`upload-quota:${ownerKey}`]);
}

/** How many uploads no dossier references the owner created since `since` (RFC 3339), and their bytes (declared, else received). */
export async function unreferencedUsage(q: Queryable, ownerKey: string, since: string): Promise<{ files: number; bytes: number }> {
  const r = await q.query<{ n: unknown; bytes: unknown }>(
    `SELECT count(*) AS n, coalesce(sum(coalesce(size, upload_offset)), 0) AS bytes FROM uploads u
     WHERE owner_key = $1 AND created_at >= $2
       AND NOT EXISTS (SELECT 1 FROM dossier_uploads r WHERE r.upload_id = u.id)`,
    [ownerKey, since],
  );
  return { files: num(r.rows[0]?.n ?? 0), bytes: num(r.rows[0]?.bytes ?? 0) };
}

/** What a new upload declares. */
export interface NewUpload {
  id: string;
  ownerKey: string;
  size: number;
  filename: string | null;
  filetype: string | null;
}

/** Stores the row of a new upload (nothing received yet). */
export async function insertUpload(q: Queryable, up: NewUpload, createdAt: string): Promise<void> {
  await q.query(`INSERT INTO uploads (id, size, filename, filetype, created_at, owner_key) VALUES ($1, $2, $3, $4, $5, $6)`, [
    up.id,
    up.size,
    up.filename,
    up.filetype,
    createdAt,
    up.ownerKey,
  ]);
}

/** Marks an upload complete, with its size, offset, time of completion and the type found in its bytes. */
export async function markUploadComplete(
  q: Queryable,
  up: { id: string; size: number; offset: number; completedAt: string; detectedType: string | null },
): Promise<void> {
  await q.query(
    `UPDATE uploads SET complete = true, size = $2, upload_offset = $3, completed_at = $4, detected_type = $5
     WHERE id = $1`,
    [up.id, up.size, up.offset, up.completedAt, up.detectedType],
  );
}

/** Deletes the row of an upload that is neither complete nor referenced. */
export async function deleteUnfinishedUpload(q: Queryable, id: string): Promise<void> {
  await q.query(
    `DELETE FROM uploads u WHERE id = $1 AND NOT complete
       AND NOT EXISTS (SELECT 1 FROM dossier_uploads r WHERE r.upload_id = u.id)`,
    [id],
  );
}

/** The owner of an upload and whether a dossier references it, the row locked (`FOR UPDATE`); or null. */
export async function lockUpload(tx: Queryable, id: string): Promise<{ ownerKey: string | null; referenced: boolean } | null> {
  const r = await tx.query<{ owner_key: string | null; referenced: boolean }>(
    `SELECT owner_key, EXISTS (SELECT 1 FROM dossier_uploads r WHERE r.upload_id = u.id) AS referenced
     FROM uploads u WHERE id = $1 FOR UPDATE`,
    [id],
  );
  const row = r.rows[0];
  return row ? { ownerKey: row.owner_key, referenced: row.referenced } : null;
}

/** Deletes an upload's row (the foreign key refuses it while a dossier references the upload). */
export async function deleteUpload(q: Queryable, id: string): Promise<void> {
  await q.query('DELETE FROM uploads WHERE id = $1', [id]);
}

/** The ids among `ids` of complete uploads of one of `ownerKeys`, their rows locked (`FOR UPDATE`). */
export async function lockOwnedCompleteUploads(tx: Queryable, ids: readonly string[], ownerKeys: readonly string[]): Promise<Set<string>> {
  const r = await tx.query<{ id: string }>(
    'SELECT id FROM uploads WHERE id = ANY($1::text[]) AND owner_key = ANY($2::text[]) AND complete FOR UPDATE',
    [[...ids], [...ownerKeys]],
  );
  return new Set(r.rows.map((row) => row.id));
}

/** Records that the dossier references these uploads (again: no-op). */
export async function linkDossierUploads(tx: Queryable, dossierId: DossierId, uploadIds: readonly string[]): Promise<void> {
  await tx.query(
    `INSERT INTO dossier_uploads (dossier_id, upload_id) SELECT $1, id FROM unnest($2::text[]) AS t(id)
     ON CONFLICT DO NOTHING`,
    [dossierId, [...uploadIds]],
  );
}

/** Up to `limit` uploads no dossier references, created before `before` (RFC 3339), oldest first. */
export async function unreferencedUploadsBefore(q: Queryable, before: string, limit: number): Promise<string[]> {
  const r = await q.query<{ id: string }>(
    `SELECT u.id FROM uploads u
     WHERE u.created_at < $1 AND NOT EXISTS (SELECT 1 FROM dossier_uploads r WHERE r.upload_id = u.id)
     ORDER BY u.created_at LIMIT $2`,
    [before, limit],
  );
  return r.rows.map((row) => row.id);
}

/** Deletes an upload's row unless a dossier references it; true when it was deleted. */
export async function deleteUnreferencedUpload(q: Queryable, id: string): Promise<boolean> {
  const gone = await q.query(
    `DELETE FROM uploads u WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM dossier_uploads r WHERE r.upload_id = u.id)
     RETURNING id`,
    [id],
  );
  return gone.rows.length > 0;
}
