/**
 * The payments aggregate: the `payments` table (read with the code, owner and agency of its dossier).
 * Every state change names the status it expects (`… AND status = 'pending'`, `… AND status = $2`) and
 * says whether it changed a row, so a concurrent change makes it a no-op, never a double; the callers
 * (server/routes/payments.ts) run them with the dossier row locked (store/dossiers.ts `lockDossierById`).
 * Partial unique indexes (migration 005) keep at most one `pending` and one `paid` payment per dossier.
 */
import type {
  PaymentMethod,
  PaymentStatusValue,
  PaymentSummary as PublicPaymentSummary,
  Text,
  VietqrInstructions,
} from 'dvc-forms/runtime/contract.js';
import type { Queryable } from '../db/db.js';
import { iso, num } from '../util.js';
import type { DossierId } from './keys.js';

/** What a payment keeps besides its state: the instructions given to the citizen, the VNPay return page. */
export interface PaymentDetails {
  vietqr?: VietqrInstructions;
  redirectUrl?: string;
  returnUrl?: string;
  counter?: Text;
}

/** A stored payment, with the dossier it pays. */
export interface PaymentRecord {
  id: string;
  dossierId: DossierId;
  dossierCode: string;
  /** The dossier's owner (server/owner.ts), or null. */
  dossierOwner: string | null;
  dossierAgency: string;
  method: PaymentMethod;
  amount: number;
  status: PaymentStatusValue;
  providerRef: string | null;
  /** RFC 3339. */
  createdAt: string;
  /** RFC 3339, or null when no money was received. */
  paidAt: string | null;
  details: PaymentDetails;
}

interface PaymentRow {
  id: string;
  dossier_id: unknown;
  dossier_code: string;
  dossier_owner: string | null;
  dossier_agency: string;
  method: PaymentMethod;
  amount: unknown;
  status: PaymentStatusValue;
  provider_ref: string | null;
  created_at: unknown;
  paid_at: unknown;
  details: PaymentDetails;
  [column: string]: unknown;
}

const PAYMENT_SELECT = `SELECT p.id, p.dossier_id, d.code AS dossier_code, d.owner AS dossier_owner, d.agency_code AS dossier_agency,
  p.method, p.amount, p.status, p.provider_ref, p.created_at, p.paid_at, p.details
  FROM payments p JOIN dossiers d ON d.id = p.dossier_id`;

function toPaymentRecord(p: PaymentRow): PaymentRecord {
  return {
    id: p.id,
    dossierId: String(p.dossier_id),
    dossierCode: p.dossier_code,
    dossierOwner: p.dossier_owner,
    dossierAgency: p.dossier_agency,
    method: p.method,
    amount: num(p.amount),
    status: p.status,
    providerRef: p.provider_ref,
    createdAt: iso(p.created_at),
    paidAt: p.paid_at ? iso(p.paid_at) : null,
    details: p.details,
  };
}

/** The payment `id`, or null. */
export async function findPayment(q: Queryable, id: string): Promise<PaymentRecord | null> {
  const r = await q.query<PaymentRow>(`${PAYMENT_SELECT} WHERE p.id = $1`, [id]);
  return r.rows[0] ? toPaymentRecord(r.rows[0]) : null;
}

/** The dossier's `paid` and `pending` payments, oldest first. */
export async function findOpenOrPaidPayments(q: Queryable, dossierId: DossierId): Promise<PaymentRecord[]> {
  const r = await q.query<PaymentRow>(
    `${PAYMENT_SELECT} WHERE p.dossier_id = $1 AND p.status IN ('paid', 'pending') ORDER BY p.created_at`,
    [dossierId],
  );
  return r.rows.map(toPaymentRecord);
}

/**
 * The VietQR payment a transfer is for: the one whose id (`paymentRef`, compared upper-case) the purpose
 * names, else the open one of the dossier `code`, else that dossier's latest. `''` matches nothing.
 */
export async function findVietqrPaymentId(q: Queryable, code: string, paymentRef: string): Promise<string | null> {
  const r = await q.query<{ id: string }>(
    `SELECT p.id FROM payments p JOIN dossiers d ON d.id = p.dossier_id
     WHERE p.method = 'vietqr' AND (upper(p.id) = $2 OR d.code = $1)
     ORDER BY (upper(p.id) = $2) DESC, (p.status = 'pending') DESC, p.created_at DESC LIMIT 1`,
    [code, paymentRef],
  );
  return r.rows[0]?.id ?? null;
}

/** True when a VietQR payment of the dossier already records the bank transaction `transactionId`. */
export async function vietqrTransferRecorded(q: Queryable, dossierId: DossierId, transactionId: string): Promise<boolean> {
  const r = await q.query(`SELECT 1 FROM payments WHERE dossier_id = $1 AND method = 'vietqr' AND provider_ref = $2`, [
    dossierId,
    transactionId,
  ]);
  return r.rows.length > 0;
}

/** True when another payment than `exceptId` of the dossier is `paid`. */
export async function otherPaymentPaid(q: Queryable, dossierId: DossierId, exceptId: string): Promise<boolean> {
  const r = await q.query(`SELECT id FROM payments WHERE dossier_id = $1 AND status = 'paid' AND id <> $2`, [dossierId, exceptId]);
  return r.rows.length > 0;
}

/** A new payment. */
export interface NewPayment {
  id: string;
  dossierId: DossierId;
  method: PaymentMethod;
  amount: number;
  status: 'pending' | 'refund-due';
  providerRef: string | null;
  /** RFC 3339. */
  createdAt: string;
  /** RFC 3339, or null. */
  paidAt: string | null;
  details: PaymentDetails;
}

/** Stores a new payment. */
export async function insertPayment(q: Queryable, p: NewPayment): Promise<void> {
  await q.query(
    `INSERT INTO payments (id, dossier_id, method, amount, status, provider_ref, created_at, paid_at, details)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb)`,
    [p.id, p.dossierId, p.method, p.amount, p.status, p.providerRef, p.createdAt, p.paidAt, JSON.stringify(p.details)],
  );
}

/** Sets the VNPay return page of a payment that is still `pending`. */
export async function setPendingReturnUrl(q: Queryable, id: string, returnUrl: string): Promise<void> {
  await q.query(
    `UPDATE payments SET details = jsonb_set(details, '{returnUrl}', to_jsonb($2::text)) WHERE id = $1 AND status = 'pending'`,
    [id, returnUrl],
  );
}

/** Closes a payment that is still `pending` (replaced by another method, or past its expiry). */
export async function closePendingPayment(q: Queryable, id: string, status: 'expired' | 'cancelled'): Promise<void> {
  await q.query(`UPDATE payments SET status = $2 WHERE id = $1 AND status = 'pending'`, [id, status]);
}

/** Marks a `pending` payment `failed` (the gateway said no); false when it was no longer pending. */
export async function failPendingPayment(q: Queryable, id: string, providerRef: string): Promise<boolean> {
  const u = await q.query(`UPDATE payments SET status = 'failed', provider_ref = $2 WHERE id = $1 AND status = 'pending' RETURNING id`, [
    id,
    providerRef,
  ]);
  return u.rows.length > 0;
}

/**
 * Records money received for a payment still in `expected`: `paid` (credited) or `refund-due` (to give
 * back); false when its status changed meanwhile.
 */
export async function recordPaymentReceived(
  q: Queryable,
  p: { id: string; expected: PaymentStatusValue; status: 'paid' | 'refund-due'; paidAt: string; providerRef: string },
): Promise<boolean> {
  const u = await q.query(`UPDATE payments SET status = $5, paid_at = $3, provider_ref = $4 WHERE id = $1 AND status = $2 RETURNING id`, [
    p.id,
    p.expected,
    p.paidAt,
    p.providerRef,
    p.status,
  ]);
  return u.rows.length > 0;
}

/** Cancels every `pending` payment of the dossier but `keepId`. */
export async function cancelOtherPendingPayments(q: Queryable, dossierId: DossierId, keepId: string): Promise<void> {
  await q.query(`UPDATE payments SET status = 'cancelled' WHERE dossier_id = $1 AND status = 'pending' AND id <> $2`, [dossierId, keepId]);
}

/** What a dossier view says of its payment: the contract's `PaymentSummary` (all the public sees), with the id and method. */
export type PaymentSummary = PublicPaymentSummary & { id: string; method: PaymentMethod };

/**
 * The payment of a dossier that tells its state best: the paid one, else the open one, else the latest.
 * The public lookup shows only its status and amount; the id is for the owner's and officers' views.
 */
export async function paymentSummary(q: Queryable, dossierId: DossierId): Promise<PaymentSummary | null> {
  const r = await q.query<{ id: string; status: PaymentStatusValue; amount: unknown; method: PaymentMethod }>(
    `SELECT id, status, amount, method FROM payments WHERE dossier_id = $1
     ORDER BY (status = 'paid') DESC, (status = 'pending') DESC, created_at DESC LIMIT 1`,
    [dossierId],
  );
  const p = r.rows[0];
  return p ? { id: p.id, status: p.status, amount: num(p.amount), method: p.method } : null;
}
