/**
 * A BackendClient that runs in the test page: it validates submissions with the procedure's own model and
 * validator (as the reference server does), keeps idempotency keys (same key + body → same receipt; same key,
 * other body → ConflictError), stores uploads, and records every call. `offline = true` makes calls fail
 * like a dropped connection.
 */
import type {
  AdminUnits,
  AttachmentRef,
  BackendClient,
  CitizenDocument,
  DossierReceipt,
  DossierStatus,
  Payment,
  PaymentMethod,
  ServerDraft,
  SessionProvider,
  UploadOptions,
  UploadResult,
} from '../../../src/runtime/backend.js';
import { ConflictError, OfflineError, ValidationProblemError } from '../../../src/runtime/backend.js';
import type { ProcedureSummary } from '../../../src/runtime/contract.js';
import type { CompiledValidator, FormModel } from '../../../src/runtime/model.js';
import type { PrefillRecord } from '../../../src/runtime/prefill.js';
import { validateDossier } from '../../../src/runtime/validate.js';
import { computeFee } from '../../../src/runtime/fees.js';

export interface Call {
  method: string;
  args: unknown[];
}

export class InPageBackend implements BackendClient {
  readonly calls: Call[] = [];
  offline = false;
  prefill: PrefillRecord | null = null;
  documents: CitizenDocument[] = [];
  readonly uploads = new Map<string, { name: string; size: number }>();
  readonly dossiers = new Map<string, { key: string; body: string; receipt: DossierReceipt }>();
  private seq = 0;
  /** The session secret provider the shell gave (`useSession`). */
  private session: SessionProvider | null = null;
  /** The `Dvc-Session` each owner-bound call would carry (null: none), as the HTTP client sends it. */
  readonly sessions: Array<{ method: string; session: string | null }> = [];

  constructor(
    protected readonly model: FormModel,
    private readonly validator: CompiledValidator,
  ) {}

  private record(method: string, ...args: unknown[]): void {
    this.calls.push({ method, args });
    if (this.offline) throw new OfflineError('offline (test)');
  }

  useSession(provider: SessionProvider): void {
    this.session = provider;
  }

  /** Notes the session secret an owner-bound call carries. */
  private async owner(method: string): Promise<void> {
    this.sessions.push({ method, session: this.session ? await this.session() : null });
  }

  /** What `listProcedures` says this back end takes for the procedure's fee (undefined: lists none). */
  paymentMethods: PaymentMethod[] | undefined;

  /** The procedure, with `paymentMethods` when set (not recorded in `calls`: read once per payment page). */
  async listProcedures(): Promise<ProcedureSummary[]> {
    if (this.offline) throw new OfflineError('offline (test)');
    const p = this.model.procedure;
    return [
      {
        slug: p.slug,
        code: p.code,
        version: p.version,
        title: p.title,
        ...(this.paymentMethods ? { paymentMethods: this.paymentMethods } : {}),
      },
    ];
  }

  callsOf(method: string): Call[] {
    return this.calls.filter((c) => c.method === method);
  }

  async getPrefill(): Promise<PrefillRecord | null> {
    this.record('getPrefill');
    return this.prefill;
  }
  async listDocuments(): Promise<CitizenDocument[]> {
    this.record('listDocuments');
    return this.documents;
  }
  async upload(file: Blob & { name?: string }, options: UploadOptions): Promise<UploadResult> {
    this.record('upload', file.name, options.attachmentId);
    await this.owner('upload');
    const total = file.size;
    options.onProgress?.(Math.floor(total / 2), total);
    await new Promise((r) => setTimeout(r, 10));
    options.onProgress?.(total, total);
    const uploadId = `up-${++this.seq}`;
    this.uploads.set(uploadId, { name: file.name ?? 'file', size: file.size });
    return { uploadId };
  }
  async submitDossier(
    slug: string,
    version: string,
    data: unknown,
    attachments: AttachmentRef[],
    idempotencyKey: string,
  ): Promise<DossierReceipt> {
    this.record('submitDossier', slug, version, data, attachments, idempotencyKey);
    await this.owner('submitDossier');
    const body = JSON.stringify({ slug, version, data, attachments });
    const prior = [...this.dossiers.values()].find((d) => d.key === idempotencyKey);
    if (prior) {
      if (prior.body !== body) throw new ConflictError('Conflict', 'idempotency key reused with another body');
      return prior.receipt;
    }
    if (slug !== this.model.procedure.slug || version !== this.model.procedure.version) {
      throw new ValidationProblemError([{ pointer: '/procedure', keyword: 'procedure', message: 'unknown procedure' }]);
    }
    const issues = validateDossier(this.model, this.validator, data).filter((x) => x.severity === 'error');
    for (const a of this.model.attachments) {
      if (a.required && !attachments.some((r) => r.attachmentId === a.id)) {
        issues.push({
          pointer: '',
          keyword: 'attachment',
          severity: 'error',
          messageKey: 'attachment',
          params: {},
          message: { vi: `Thiếu ${a.title.vi}` },
        });
      }
    }
    for (const r of attachments) {
      if (r.uploadId && !this.uploads.has(r.uploadId))
        throw new ValidationProblemError([{ pointer: '/attachments', keyword: 'attachment', message: 'unknown upload' }]);
    }
    if (issues.length) {
      throw new ValidationProblemError(
        issues.map((x) => ({
          pointer: x.keyword === 'attachment' ? '/attachments' : `/data${x.pointer}`,
          keyword: x.keyword,
          message: x.message.vi,
          messageKey: x.messageKey,
          params: x.params,
        })),
      );
    }
    const n = this.dossiers.size + 1;
    const receipt: DossierReceipt = {
      code: `000.00.00.H30-260115-${String(n).padStart(4, '0')}`,
      appointmentDate: '2026-01-22',
      status: 'submitted',
      fee: computeFee(this.model, this.validator, data),
      submittedAt: '2026-01-15T03:00:00.000Z',
    };
    this.dossiers.set(receipt.code, { key: idempotencyKey, body, receipt });
    return receipt;
  }
  async getDossier(code: string): Promise<DossierStatus> {
    this.record('getDossier', code);
    const d = this.dossiers.get(code);
    if (!d) throw new Error(`no dossier ${code}`);
    return {
      code,
      procedure: this.model.procedure.slug,
      status: d.receipt.status,
      submittedAt: d.receipt.submittedAt,
      appointmentDate: d.receipt.appointmentDate,
      history: [{ status: 'submitted', at: d.receipt.submittedAt }],
    };
  }
  readonly payments = new Map<string, Payment>();
  async createPayment(code: string, method: PaymentMethod): Promise<Payment> {
    this.record('createPayment', code, method);
    await this.owner('createPayment');
    const d = this.dossiers.get(code);
    if (!d) throw new Error(`no dossier ${code}`);
    const p: Payment = {
      id: `pay-${++this.seq}`,
      dossierCode: code,
      status: 'pending',
      amount: d.receipt.fee.total,
      currency: 'VND',
      method,
      createdAt: '2026-01-15T03:01:00.000Z',
      ...(method === 'vietqr'
        ? {
            vietqr: {
              payload: '00020101021138530010A0000007270123000697041601092576788590208QRIBFTTA53037045802VN6304AE9F',
              bankBin: '970416',
              accountNumber: '257678859',
              purpose: code,
            },
          }
        : {}),
      ...(method === 'counter' ? { counter: { vi: 'Nộp tại bộ phận một cửa UBND xã', en: 'Pay at the commune one-stop counter' } } : {}),
    };
    this.payments.set(p.id, p);
    return structuredClone(p);
  }
  async getPayment(id: string): Promise<Payment> {
    this.record('getPayment', id);
    await this.owner('getPayment');
    const p = this.payments.get(id);
    if (!p) throw new Error(`no payment ${id}`);
    return structuredClone(p);
  }
  async loadDraft(slug: string): Promise<ServerDraft | null> {
    this.record('loadDraft', slug);
    return null;
  }
  async saveDraft(slug: string): Promise<void> {
    this.record('saveDraft', slug);
  }
  async deleteDraft(slug: string): Promise<void> {
    this.record('deleteDraft', slug);
  }
  /** What `getAdminUnits()` answers (none by default: the shell falls back to the SDK's list). */
  adminUnits: AdminUnits = { provinces: [] };
  async getAdminUnits(): Promise<AdminUnits> {
    this.record('getAdminUnits');
    if (this.offline) throw new OfflineError('offline (test)');
    return this.adminUnits;
  }
}

/**
 * A back end on which another device of the same citizen saved the draft after this tab opened: the tab's
 * save is refused (409) and the newer copy is there.
 */
export class OtherDeviceBackend extends InPageBackend {
  private saved = false;
  override async loadDraft(slug: string): Promise<ServerDraft | null> {
    await super.loadDraft(slug);
    if (!this.saved) return null;
    const at = new Date(Date.now() - 60_000).toISOString();
    return {
      procedure: slug,
      version: this.model.procedure.version,
      data: { applicant: { fullName: 'Nguyễn Thị Minh Khai', dateOfBirth: '1990-09-05' }, category: 'normal', copies: 2 },
      stepId: 'details',
      savedAt: at,
      updatedAt: new Date().toISOString(),
    };
  }
  override async saveDraft(slug: string): Promise<void> {
    await super.saveDraft(slug);
    this.saved = true;
    throw new ConflictError('Conflict', 'the draft changed on another device');
  }
}
