/**
 * The receipt kept on the device after a filing, while its fee is not paid yet (so the payment page survives
 * a reload and the return from the gateway): only what the citizen needs to pay and to follow the dossier —
 * its code, the procedure, the submission and appointment dates, the fee amount and the payment's id and
 * status, and, for a citizen who is not signed in, the filing's session secret (the payment needs it). No
 * names, ID numbers, addresses or answers. Stored through the same (encrypted) storage as drafts, deleted once
 * the fee is paid, on "start again" and on sign-out.
 */
import type { DossierReceipt, PaymentStatusValue } from './backend.js';
import type { DraftStorage } from './draft-store.js';
import { isSessionSecret } from './session-secret.js';

/** A stored receipt. */
export interface ReceiptRecord {
  /** Record format version. */
  format: 1;
  /** Dossier code. */
  code: string;
  /** Procedure slug. */
  procedure: string;
  /** When the back end took the dossier (ISO instant). */
  submittedAt: string;
  /** Appointment date for the result (ISO date). */
  appointmentDate: string;
  /** Fee to pay (VND). */
  feeTotal: number;
  /** Page the citizen was on: `payment`, or `receipt` (e.g. paying at the counter). */
  page: 'payment' | 'receipt';
  /** The payment in progress. */
  paymentId?: string;
  /** Its last known status. */
  paymentStatus?: PaymentStatusValue;
  /** The filing's anonymous session secret (citizens who are not signed in), until the fee is paid. */
  session?: string;
}

/** What the shell gives to save. */
export interface ReceiptInput {
  receipt: DossierReceipt;
  procedure: string;
  page: 'payment' | 'receipt';
  paymentId?: string;
  paymentStatus?: PaymentStatusValue;
  session?: string;
}

/** Only the fields a receipt may keep (whatever else the inputs carry is dropped). */
export function toReceiptRecord(input: ReceiptInput): ReceiptRecord {
  const r = input.receipt;
  return {
    format: 1,
    code: String(r.code),
    procedure: String(input.procedure),
    submittedAt: String(r.submittedAt),
    appointmentDate: String(r.appointmentDate),
    feeTotal: Number(r.fee?.total ?? 0),
    page: input.page === 'receipt' ? 'receipt' : 'payment',
    ...(input.paymentId ? { paymentId: String(input.paymentId) } : {}),
    ...(input.paymentStatus ? { paymentStatus: input.paymentStatus } : {}),
    ...(isSessionSecret(input.session) && input.paymentStatus !== 'paid' ? { session: input.session } : {}),
  };
}

/** A stored receipt as the shell shows it. */
export function receiptOf(rec: ReceiptRecord): DossierReceipt {
  return {
    code: rec.code,
    submittedAt: rec.submittedAt,
    appointmentDate: rec.appointmentDate,
    status: 'submitted',
    fee: { currency: 'VND', total: rec.feeTotal, lines: [] },
  };
}

function isReceiptRecord(v: unknown): v is ReceiptRecord {
  const r = v as ReceiptRecord;
  return (
    typeof v === 'object' &&
    v !== null &&
    r.format === 1 &&
    typeof r.code === 'string' &&
    typeof r.submittedAt === 'string' &&
    typeof r.appointmentDate === 'string' &&
    typeof r.feeTotal === 'number'
  );
}

/** Saves, reads and deletes one procedure's receipt. */
export class ReceiptStore {
  /** Storage key of a procedure's receipt: `dvc-receipt:<slug>@<version>`. */
  static keyOf(slug: string, version: string): string {
    return `dvc-receipt:${slug}@${version}`;
  }

  constructor(
    private readonly storage: DraftStorage | null,
    readonly key: string,
  ) {}

  /** The stored receipt, or null (a malformed record is deleted). */
  async load(): Promise<ReceiptRecord | null> {
    if (!this.storage) return null;
    const raw = await this.storage.get(this.key);
    if (raw === undefined) return null;
    if (isReceiptRecord(raw)) return raw;
    await this.storage.del(this.key);
    return null;
  }

  /** Stores the receipt (only the fields of {@link ReceiptRecord}). */
  async save(input: ReceiptInput): Promise<void> {
    if (!this.storage) return;
    await this.storage.set(this.key, toReceiptRecord(input));
  }

  /** Deletes the receipt. */
  async clear(): Promise<void> {
    if (!this.storage) return;
    await this.storage.del(this.key);
  }
}
