/**
 * What the server knows about uploads, apart from the tus protocol (server/routes/uploads.ts): who owns
 * each one, which dossier references it, the per-owner quota, the purge of unreferenced uploads and the
 * headers of a download.
 *
 * Rules (issue 7):
 * - an upload belongs to the owner that created it (server/owner.ts); only that owner may resume, look
 *   at, fetch or delete it, and only that owner may reference it in a dossier;
 * - once a stored dossier references an upload (`dossier_uploads`), it is never deleted;
 * - an upload no dossier references is purged `UPLOAD_RETENTION_HOURS` after its creation;
 * - an owner holds at most `UPLOAD_QUOTA_FILES` unreferenced uploads of `UPLOAD_QUOTA_MB` in all.
 */
import type { DataStore } from '@tus/server';
import type { AppContext } from './context.js';
import type { Db, Queryable } from './db/db.js';
import { ownsKey } from './owner.js';
import { HttpProblem } from './problem.js';
import { SNIFFABLE } from './sniff.js';
import type { DossierId } from './store/keys.js';
import {
  deleteUnreferencedUpload,
  deleteUpload,
  getUpload,
  insertUpload,
  linkDossierUploads,
  lockOwnedCompleteUploads,
  lockOwnerQuota,
  lockUpload,
  unreferencedUploadsBefore,
  unreferencedUsage,
  type NewUpload,
  type UploadRecord,
} from './store/uploads.js';

/** An upload id as this server makes them (tus: 32 hex characters); anything else is unknown. */
export const UPLOAD_ID = /^[A-Za-z0-9_-]{1,128}$/;

/** Reads an upload's row, or null (also for an id this server never makes). */
export async function findUpload(q: Queryable, id: string): Promise<UploadRecord | null> {
  if (!UPLOAD_ID.test(id)) return null;
  return getUpload(q, id);
}

/** The same answer for an upload that does not exist and one of another owner: existence is not revealed. */
export function uploadNotFound(id: string): HttpProblem {
  return new HttpProblem(404, 'not-found', `No upload ${id} of yours is on this server.`);
}

/**
 * Records a new upload for its owner, refusing it when the owner's unreferenced uploads would pass the
 * quota: 429 for the number of files, 413 for the bytes (declared sizes count from creation). Checked
 * and recorded in one transaction under a lock on the owner, so parallel creations cannot slip past.
 */
export async function recordNewUpload(ctx: AppContext, up: NewUpload): Promise<void> {
  const { uploadQuotaFiles: maxFiles, uploadQuotaMB: maxMB, uploadRetentionHours } = ctx.config;
  const now = ctx.now();
  const cutoff = new Date(now.getTime() - uploadRetentionHours * 3_600_000).toISOString();
  await ctx.db.transaction(async (tx) => {
    await lockOwnerQuota(tx, up.ownerKey);
    const { files: n, bytes } = await unreferencedUsage(tx, up.ownerKey, cutoff);
    if (n + 1 > maxFiles) {
      throw new HttpProblem(
        429,
        'upload-quota',
        `You already hold ${n} uploads not yet part of a dossier; the limit is ${maxFiles} (UPLOAD_QUOTA_FILES). Remove a file or submit the dossier first.`,
        { limit: 'files', max: maxFiles, used: n },
      );
    }
    if (bytes + up.size > maxMB * 1024 * 1024) {
      throw new HttpProblem(
        413,
        'upload-quota',
        `Uploads not yet part of a dossier may total ${maxMB} MB per person (UPLOAD_QUOTA_MB); you hold ${(bytes / 1048576).toFixed(1)} MB and this file is ${(up.size / 1048576).toFixed(1)} MB.`,
        { limit: 'bytes', max: maxMB * 1024 * 1024, used: bytes },
      );
    }
    await insertUpload(tx, up, now.toISOString());
  });
}

/**
 * Deletes the row of an upload its owner terminates; false when a dossier references it (the row and
 * the bytes stay). The row goes first, so once it is gone no dossier can take the upload any more.
 */
export async function deleteOwnUpload(db: Db, id: string, ownerKeys: readonly string[]): Promise<'deleted' | 'referenced' | 'missing'> {
  return db.transaction(async (tx) => {
    const row = await lockUpload(tx, id);
    if (!row || !ownsKey(ownerKeys, row.ownerKey)) return 'missing';
    if (row.referenced) return 'referenced';
    await deleteUpload(tx, id);
    return 'deleted';
  });
}

/**
 * Records, inside the dossier's transaction, that the dossier references these uploads. The rows are
 * locked first, so a concurrent termination or purge either finished before (the upload is then missing
 * and the submission refused) or waits and then finds the upload referenced.
 *
 * @returns the indexes (into `uploadIds`) of uploads that are no longer there for this owner.
 */
export async function linkUploads(
  tx: Queryable,
  dossierId: DossierId,
  ownerKeys: readonly string[],
  uploadIds: string[],
): Promise<number[]> {
  const ids = [...new Set(uploadIds)];
  if (ids.length === 0) return [];
  const found = await lockOwnedCompleteUploads(tx, ids, ownerKeys);
  const missing = uploadIds.map((id, i) => (found.has(id) ? -1 : i)).filter((i) => i >= 0);
  if (missing.length > 0) return missing;
  await linkDossierUploads(tx, dossierId, ids);
  return [];
}

const stores = new WeakMap<AppContext, DataStore>();

/** Registers the upload store of a server (server/routes/uploads.ts does, at start). */
export function registerUploadStore(ctx: AppContext, store: DataStore): void {
  stores.set(ctx, store);
}

/** What a purge did. */
export interface PurgeResult {
  /** Uploads removed (row and bytes). */
  purged: number;
  /** Uploads whose row was removed but whose bytes could not be (already gone, or a store error). */
  bytesMissing: number;
}

/**
 * Removes uploads no dossier references, created more than `UPLOAD_RETENTION_HOURS` before `ctx.now()`:
 * first the row (guarded, so an upload a dossier took meanwhile stays), then the bytes in the store.
 * Runs hourly (server/app.ts); tests call it with a clock (`config.now`).
 */
export async function purgeUnreferencedUploads(ctx: AppContext, limit = 500): Promise<PurgeResult> {
  const store = stores.get(ctx);
  if (!store) throw new Error('purgeUnreferencedUploads: this server has no upload store registered');
  const cutoff = new Date(ctx.now().getTime() - ctx.config.uploadRetentionHours * 3_600_000).toISOString();
  const candidates = await unreferencedUploadsBefore(ctx.db, cutoff, limit);
  let purged = 0;
  let bytesMissing = 0;
  for (const id of candidates) {
    try {
      // Guarded again: a dossier may have taken it since (then the foreign key also refuses the delete).
      if (!(await deleteUnreferencedUpload(ctx.db, id))) continue;
    } catch {
      continue;
    }
    purged += 1;
    try {
      await store.remove(id);
    } catch {
      bytesMissing += 1;
    }
  }
  return { purged, bytesMissing };
}

const EXTENSIONS: Record<(typeof SNIFFABLE)[number], string> = {
  'application/pdf': '.pdf',
  'image/png': '.png',
  'image/jpeg': '.jpg',
  'image/gif': '.gif',
  'image/webp': '.webp',
};

/** The type a download is served as: the type found in its bytes, else `application/octet-stream`. */
export function downloadType(detected: string | null): string {
  return detected !== null && (SNIFFABLE as readonly string[]).includes(detected) ? detected : 'application/octet-stream';
}

/**
 * `Content-Disposition: attachment` with a filename that cannot break the header or reach outside the
 * download folder: no control, bidi-override, quote, slash or reserved characters, no leading dots, at
 * most 120 characters; the extension of the detected type; an ASCII `filename` and the UTF-8
 * `filename*` (RFC 6266 / RFC 8187) for Vietnamese names.
 */
export function contentDisposition(filename: string | null, id: string, detected: string | null): string {
  let name = (filename ?? '')
    .normalize('NFC')
    // C0/C1 controls, bidi embeddings/overrides/isolates, and characters reserved in file names.
    // eslint-disable-next-line no-control-regex -- control characters are what this replaces
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069"\\/:*?<>|%;]/g, '_')
    .replace(/^[\s.]+/, '')
    .trim();
  if (name.length > 120) name = name.slice(0, 120);
  if (!name) name = `upload-${id.slice(0, 12)}`;
  const type = downloadType(detected);
  const ext = type === 'application/octet-stream' ? null : EXTENSIONS[type as (typeof SNIFFABLE)[number]];
  if (ext) {
    const lower = name.toLowerCase();
    const ok = lower.endsWith(ext) || (ext === '.jpg' && lower.endsWith('.jpeg'));
    if (!ok) name = `${name}${ext}`;
  }
  const ascii = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
