/**
 * The payment a dossier shows: read by the dossier views (routes/dossiers.ts, routes/officer.ts) and
 * the payment routes alike, so it lives apart from both (a route module importing another route module
 * made the import cycle dossiers.ts ⇄ payments.ts).
 */
import type { Queryable } from '../db/db.js';
import { num } from '../util.js';

/** What a dossier view says of its payment. */
export interface PaymentSummary {
  id: string;
  status: string;
  amount: number;
  method: string;
}

/**
 * The payment of a dossier that tells its state best: the paid one, else the open one, else the latest.
 * The public lookup shows only its status and amount; the id is for the owner's and officers' views.
 */
export async function paymentSummary(q: Queryable, dossierId: unknown): Promise<PaymentSummary | null> {
  const r = await q.query<{ id: string; status: string; amount: unknown; method: string }>(
    `SELECT id, status, amount, method FROM payments WHERE dossier_id = $1
     ORDER BY (status = 'paid') DESC, (status = 'pending') DESC, created_at DESC LIMIT 1`,
    [dossierId],
  );
  const p = r.rows[0];
  return p ? { id: p.id, status: p.status, amount: num(p.amount), method: p.method } : null;
}
