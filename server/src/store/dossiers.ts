/**
 * The dossier aggregate: `dossiers`, their status history (`dossier_history`), the per-day sequence of
 * dossier codes (`day_sequences`) and the Idempotency-Key records of `POST /dossiers`
 * (`idempotency_keys`). Rows become the types below here, once per table.
 *
 * Locks: `lockDossier` / `lockDossierById` read the row `FOR UPDATE`, held until the caller's
 * transaction ends (status changes, payments); `nextDaySequence` locks the day's sequence row;
 * `claimIdempotencyKey` inserts the key first, so of two concurrent submissions with one key one wins.
 */
import type { AttachmentRef, DossierReceipt, DossierStatusValue, FeeQuote, OfficerHistoryEntry, Text } from 'dvc-forms/runtime/contract.js';
import type { Queryable } from '../db/db.js';
import { iso, num } from '../util.js';
import type { DossierId } from './keys.js';
import { paymentSummary, type PaymentSummary } from './payments.js';

export type { DossierId };

/**
 * One entry of a dossier's status history, as stored: the contract's `OfficerHistoryEntry` (`officer`,
 * who changed the status, is absent for the submission itself and for payments).
 */
export type HistoryRow = OfficerHistoryEntry;

/** A stored dossier. */
export interface DossierRecord {
  id: DossierId;
  code: string;
  procedure: string;
  procedureVersion: string;
  agency: string;
  status: DossierStatusValue;
  submittedAt: string;
  appointmentDate: string;
  fee: FeeQuote;
  data: Record<string, unknown>;
  attachments: AttachmentRef[];
  citizenSubject: string | null;
  /** Who filed it (server/owner.ts): `citizen:<sub>`, `session:<hash>`, or null (anonymous, before owners were kept). */
  owner: string | null;
}

/** A stored dossier with its history (oldest first) and payment summary. */
export interface LoadedDossier extends DossierRecord {
  history: HistoryRow[];
  payment: PaymentSummary | null;
}

interface DossierRow {
  id: unknown;
  code: string;
  procedure_slug: string;
  procedure_version: string;
  agency_code: string;
  status: DossierStatusValue;
  submitted_at: unknown;
  appointment_date: string;
  fee: FeeQuote;
  data: Record<string, unknown>;
  attachments: AttachmentRef[];
  citizen_subject: string | null;
  owner: string | null;
  [column: string]: unknown;
}

const DOSSIER_SELECT = `SELECT id, code, procedure_slug, procedure_version, agency_code, status, submitted_at,
       appointment_date::text AS appointment_date, fee, data, attachments, citizen_subject, owner
     FROM dossiers`;

function toDossier(d: DossierRow): DossierRecord {
  return {
    id: String(d.id),
    code: d.code,
    procedure: d.procedure_slug,
    procedureVersion: d.procedure_version,
    agency: d.agency_code,
    status: d.status,
    submittedAt: iso(d.submitted_at),
    appointmentDate: d.appointment_date,
    fee: d.fee,
    data: d.data,
    attachments: d.attachments,
    citizenSubject: d.citizen_subject,
    owner: d.owner,
  };
}

/** The dossier `code`, or null. */
export async function findDossier(q: Queryable, code: string): Promise<DossierRecord | null> {
  const r = await q.query<DossierRow>(`${DOSSIER_SELECT} WHERE code = $1`, [code]);
  return r.rows[0] ? toDossier(r.rows[0]) : null;
}

/** The dossier `code`, its row locked (`FOR UPDATE`) until the transaction `tx` ends; or null. */
export async function lockDossier(tx: Queryable, code: string): Promise<DossierRecord | null> {
  const r = await tx.query<DossierRow>(`${DOSSIER_SELECT} WHERE code = $1 FOR UPDATE`, [code]);
  return r.rows[0] ? toDossier(r.rows[0]) : null;
}

/** The dossier `id`, its row locked (`FOR UPDATE`) until the transaction `tx` ends; or null. */
export async function lockDossierById(tx: Queryable, id: DossierId): Promise<DossierRecord | null> {
  const r = await tx.query<DossierRow>(`${DOSSIER_SELECT} WHERE id = $1 FOR UPDATE`, [id]);
  return r.rows[0] ? toDossier(r.rows[0]) : null;
}

/** The dossier's status history, oldest first. */
export async function dossierHistory(q: Queryable, dossier: Pick<DossierRecord, 'id' | 'agency'>): Promise<HistoryRow[]> {
  const h = await q.query<{
    status: DossierStatusValue;
    at: unknown;
    note: Text | null;
    officer_subject: string | null;
    officer_agency: string | null;
  }>('SELECT status, at, note, officer_subject, officer_agency FROM dossier_history WHERE dossier_id = $1 ORDER BY at, id', [dossier.id]);
  return h.rows.map((e) => ({
    status: e.status,
    at: iso(e.at),
    ...(e.note ? { note: e.note } : {}),
    ...(e.officer_subject ? { officer: { sub: e.officer_subject, agency: e.officer_agency ?? dossier.agency } } : {}),
  }));
}

/** Reads a dossier by code with its history (oldest first) and payment summary, or `null`. */
export async function loadDossier(q: Queryable, code: string): Promise<LoadedDossier | null> {
  const d = await findDossier(q, code);
  if (!d) return null;
  const history = await dossierHistory(q, d);
  return { ...d, history, payment: await paymentSummary(q, d.id) };
}

/** One line of an agency's dossier list. */
export interface DossierListItem {
  id: DossierId;
  code: string;
  procedure: string;
  status: DossierStatusValue;
  submittedAt: string;
  appointmentDate: string;
  /** When the last history entry was written (RFC 3339), or null with no history. */
  updatedAt: string | null;
}

/**
 * The agency's dossiers, newest first (by submission, then id), in one of `statuses` (any when empty),
 * submitted before the `before` position when given; at most `limit`.
 */
export async function listAgencyDossiers(
  q: Queryable,
  opts: { agency: string; statuses: readonly string[]; before?: { submittedAt: string; id: string }; limit: number },
): Promise<DossierListItem[]> {
  const params: unknown[] = [opts.agency];
  const where = ['d.agency_code = $1'];
  if (opts.statuses.length > 0) {
    where.push(`d.status IN (${opts.statuses.map((s) => `$${params.push(s)}`).join(', ')})`);
  }
  if (opts.before) {
    where.push(`(d.submitted_at, d.id) < ($${params.push(opts.before.submittedAt)}::timestamptz, $${params.push(opts.before.id)}::bigint)`);
  }
  const r = await q.query<{
    id: unknown;
    code: string;
    procedure_slug: string;
    status: DossierStatusValue;
    submitted_at: unknown;
    appointment_date: string;
    updated_at: unknown;
  }>(
    `SELECT d.id, d.code, d.procedure_slug, d.status, d.submitted_at, d.appointment_date::text AS appointment_date,
       (SELECT max(h.at) FROM dossier_history h WHERE h.dossier_id = d.id) AS updated_at
     FROM dossiers d WHERE ${where.join(' AND ')}
     ORDER BY d.submitted_at DESC, d.id DESC LIMIT $${params.push(opts.limit)}`,
    params,
  );
  return r.rows.map((d) => ({
    id: String(d.id),
    code: d.code,
    procedure: d.procedure_slug,
    status: d.status,
    submittedAt: iso(d.submitted_at),
    appointmentDate: d.appointment_date,
    updatedAt: d.updated_at ? iso(d.updated_at) : null,
  }));
}

/** Next number of the agency's sequence for `day` (`YYYY-MM-DD`), atomically (row lock until the transaction ends). */
export async function nextDaySequence(tx: Queryable, agency: string, day: string): Promise<number> {
  const r = await tx.query<{ last_number: unknown }>(
    `INSERT INTO day_sequences (agency_code, day, last_number) VALUES ($1, $2::date, 1)
     ON CONFLICT (agency_code, day) DO UPDATE SET last_number = day_sequences.last_number + 1
     RETURNING last_number`,
    [agency, day],
  );
  return num(r.rows[0].last_number);
}

/** A dossier to store (status `submitted`). */
export interface NewDossier {
  code: string;
  procedure: string;
  procedureVersion: string;
  data: unknown;
  attachments: AttachmentRef[];
  fee: FeeQuote;
  /** RFC 3339. */
  submittedAt: string;
  /** `YYYY-MM-DD`. */
  appointmentDate: string;
  citizenSubject: string | null;
  agency: string;
  owner: string | null;
}

/** Stores a submitted dossier with the first entry of its history; returns its id. */
export async function insertDossier(tx: Queryable, d: NewDossier): Promise<DossierId> {
  const r = await tx.query<{ id: unknown }>(
    `INSERT INTO dossiers (code, procedure_slug, procedure_version, data, attachments, status, fee,
       submitted_at, appointment_date, citizen_subject, agency_code, owner)
     VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, 'submitted', $6::jsonb, $7, $8::date, $9, $10, $11) RETURNING id`,
    [
      d.code,
      d.procedure,
      d.procedureVersion,
      JSON.stringify(d.data),
      JSON.stringify(d.attachments),
      JSON.stringify(d.fee),
      d.submittedAt,
      d.appointmentDate,
      d.citizenSubject,
      d.agency,
      d.owner,
    ],
  );
  return String(r.rows[0].id);
}

/** Writes the history entry of the submission itself (`submitted`, no note, no officer). */
export async function addSubmissionEntry(tx: Queryable, dossierId: DossierId, at: string): Promise<void> {
  await tx.query(`INSERT INTO dossier_history (dossier_id, status, at) VALUES ($1, 'submitted', $2)`, [dossierId, at]);
}

/** Adds a note to the dossier's history under its current status (shown to the citizen and the officers). */
export async function addHistoryNote(tx: Queryable, dossierId: DossierId, at: string, note: Text): Promise<void> {
  await tx.query(
    `INSERT INTO dossier_history (dossier_id, status, at, note) SELECT id, status, $2, $3::jsonb FROM dossiers WHERE id = $1`,
    [dossierId, at, JSON.stringify(note)],
  );
}

/**
 * Writes an officer's status change to the history and the dossier. The entry is dated `at`, or just at
 * the last entry's time when that is later: the history stays ordered even if this server's clock is
 * behind the one that wrote the last entry.
 */
export async function recordStatusChange(
  tx: Queryable,
  change: {
    dossierId: DossierId;
    status: DossierStatusValue;
    at: string;
    note: Text | null;
    officerSubject: string;
    officerAgency: string;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO dossier_history (dossier_id, status, at, note, officer_subject, officer_agency)
     SELECT $1, $2, GREATEST($3::timestamptz, COALESCE(max(at), $3::timestamptz)), $4::jsonb, $5, $6
     FROM dossier_history WHERE dossier_id = $1`,
    [
      change.dossierId,
      change.status,
      change.at,
      change.note ? JSON.stringify(change.note) : null,
      change.officerSubject,
      change.officerAgency,
    ],
  );
  await tx.query('UPDATE dossiers SET status = $2 WHERE id = $1', [change.dossierId, change.status]);
}

/** Sets the dossier's appointment date (`YYYY-MM-DD`). */
export async function setAppointmentDate(tx: Queryable, dossierId: DossierId, date: string): Promise<void> {
  await tx.query('UPDATE dossiers SET appointment_date = $2::date WHERE id = $1', [dossierId, date]);
}

/** What an Idempotency-Key holds: the hash of the request it came with and the receipt answered to it. */
export interface IdempotencyRecord {
  requestHash: string;
  receipt: DossierReceipt;
}

/** The record of the caller `subject`'s key, or null. */
export async function findIdempotencyKey(q: Queryable, subject: string, key: string): Promise<IdempotencyRecord | null> {
  const r = await q.query<{ request_hash: string; response: DossierReceipt }>(
    'SELECT request_hash, response FROM idempotency_keys WHERE subject = $1 AND key = $2',
    [subject, key],
  );
  const row = r.rows[0];
  return row ? { requestHash: row.request_hash, receipt: row.response } : null;
}

/**
 * Takes the caller's key for this request inside the submission's transaction (its receipt is written
 * by `recordIdempotentReceipt` before the transaction commits); false when the key is already taken
 * (by an earlier submission, or a concurrent one that won the race).
 */
export async function claimIdempotencyKey(tx: Queryable, subject: string, key: string, requestHash: string): Promise<boolean> {
  const inserted = await tx.query(
    `INSERT INTO idempotency_keys (subject, key, request_hash, status_code, response) VALUES ($1, $2, $3, 201, '{}'::jsonb)
     ON CONFLICT (subject, key) DO NOTHING RETURNING key`,
    [subject, key, requestHash],
  );
  return inserted.rows.length > 0;
}

/** Stores the receipt a claimed key answers from now on. */
export async function recordIdempotentReceipt(tx: Queryable, subject: string, key: string, receipt: DossierReceipt): Promise<void> {
  await tx.query('UPDATE idempotency_keys SET response = $3::jsonb WHERE subject = $1 AND key = $2', [
    subject,
    key,
    JSON.stringify(receipt),
  ]);
}

/** Forgets the keys created before `before` (RFC 3339). */
export async function purgeIdempotencyKeys(q: Queryable, before: string): Promise<void> {
  await q.query('DELETE FROM idempotency_keys WHERE created_at < $1', [before]);
}
