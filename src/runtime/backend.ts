/**
 * What the procedure shell needs from a back end. `src/client/http-client.ts` implements it over the HTTP
 * API (`api/openapi.yaml`); a site with its own back end can implement it directly.
 *
 * Every method rejects with one of the `BackendError` subclasses below so the shell can tell
 * "no connection" (answers kept, retry) from "fix these fields" from "already filed differently".
 */
import type * as Contract from './contract.js';
import type { PrefillRecord } from './prefill.js';

// The wire types are the contract's (src/runtime/contract.ts, generated from api/openapi.yaml), never
// written again here: what the shell, the HTTP client and the reference server exchange is one shape.
export type {
  AdminUnits,
  CitizenDocument,
  DossierReceipt,
  DossierStatus,
  DossierStatusValue,
  Payment,
  PaymentMethod,
  PaymentStatusValue,
} from './contract.js';

/** The contract's payment methods, in the order they are offered when a back end lists none. */
export const PAYMENT_METHODS: readonly Contract.PaymentMethod[] = Object.freeze(['vietqr', 'vnpay', 'counter']);

/** A server-side draft (`Draft` of the contract). */
export type ServerDraft = Contract.Draft;

/**
 * What the shell sends to save a server-side draft (`DraftInput` of the contract). `baseUpdatedAt` is the
 * optimistic-concurrency check: the `updatedAt` of the stored draft this one replaces, or `null` when none
 * is expected; absent: replace unconditionally.
 */
export type ServerDraftInput = Omit<Contract.DraftInput, 'data'> & { data: unknown };

/** Options of an upload. */
export interface UploadOptions {
  /** Id of the `x-attachments` entry the file is for. */
  attachmentId: string;
  /** Called with bytes sent and total. */
  onProgress?: (sent: number, total: number) => void;
  /** Aborts the upload (the promise rejects with an `AbortError`). */
  signal?: AbortSignal;
  /** Extra tus metadata. */
  metadata?: Record<string, string>;
}

/** A finished upload. */
export interface UploadResult {
  /** Id of the completed upload (given back in the submission's `attachments`). */
  uploadId: string;
}

/**
 * One file given for an attachment: the contract's `AttachmentRef`, narrowed to what its `oneOf` says
 * (exactly one of `uploadId` and `documentId`), which the generated type cannot express.
 */
export type AttachmentRef = Contract.AttachmentRef & ({ uploadId: string; documentId?: never } | { documentId: string; uploadId?: never });

/** The back end as the shell sees it. */
export interface BackendClient {
  /** The signed-in citizen's prefill record; `null` when nobody is signed in. */
  getPrefill(): Promise<PrefillRecord | null>;
  /** The citizen's reusable documents; `[]` when nobody is signed in. */
  listDocuments(): Promise<Contract.CitizenDocument[]>;
  /** Uploads a file resumably; resolves with the upload id once complete. */
  upload(file: Blob & { name?: string }, options: UploadOptions): Promise<UploadResult>;
  /** Submits a dossier; the same key and body again returns the same receipt. */
  submitDossier(
    slug: string,
    version: string,
    data: unknown,
    attachments: AttachmentRef[],
    idempotencyKey: string,
    locale?: 'vi' | 'en',
  ): Promise<Contract.DossierReceipt>;
  getDossier(code: string): Promise<Contract.DossierStatus>;
  createPayment(code: string, method: Contract.PaymentMethod, returnUrl?: string): Promise<Contract.Payment>;
  getPayment(id: string): Promise<Contract.Payment>;
  /** The signed-in citizen's server-side draft, or `null`. */
  loadDraft(slug: string): Promise<ServerDraft | null>;
  /** Saves the signed-in citizen's server-side draft; resolves with the stored draft (older clients: nothing). */
  saveDraft(slug: string, draft: ServerDraftInput): Promise<ServerDraft | void>;
  deleteDraft(slug: string): Promise<void>;
  getAdminUnits(): Promise<Contract.AdminUnits>;
  /** Optional: the procedures the back end takes, with the payment methods it accepts for each. */
  listProcedures?(): Promise<Contract.ProcedureSummary[]>;
  /**
   * Optional: the shell gives the filing's anonymous session secret provider (null while a citizen is signed
   * in). A client sends the secret as `Dvc-Session` on uploads, the submission, payments and downloads when
   * it sends no bearer token, so the back end ties them to this filing.
   */
  useSession?(provider: SessionProvider): void;
}

/** Gives the filing's anonymous session secret, or null. */
export type SessionProvider = () => string | null | Promise<string | null>;

/** One field-level error of a validation problem. */
export interface ProblemFieldError {
  /** JSON pointer into the request body (`/data/...` for dossier fields). */
  pointer: string;
  keyword: string;
  message: string;
  messageKey?: string;
  params?: Record<string, string | number>;
}

/** Base class of every back-end failure. */
export class BackendError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BackendError';
  }
}

/** The back end could not be reached (offline, DNS, connection reset, timeout). Retry later. */
export class OfflineError extends BackendError {
  constructor(message = 'The back end could not be reached.', options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'OfflineError';
  }
}

/** An RFC 9457 problem answered by the back end. */
export class ProblemError extends BackendError {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly type: string = 'about:blank',
  ) {
    super(`${status} ${title}${detail ? `: ${detail}` : ''}`);
    this.name = 'ProblemError';
  }
}

/** 422: the dossier has problems at these pointers. */
export class ValidationProblemError extends ProblemError {
  constructor(
    readonly errors: ProblemFieldError[],
    title = 'Validation failed',
    detail?: string,
    type?: string,
  ) {
    super(422, title, detail, type);
    this.name = 'ValidationProblemError';
  }
  /** The errors under `/data`, with pointers relative to the dossier. */
  dataErrors(): ProblemFieldError[] {
    return this.errors
      .filter((e) => e.pointer === '/data' || e.pointer.startsWith('/data/'))
      .map((e) => ({ ...e, pointer: e.pointer.slice(5) }));
  }
}

/** 409: the idempotency key was used with another body (already filed differently). */
export class ConflictError extends ProblemError {
  constructor(title = 'Conflict', detail?: string, type?: string) {
    super(409, title, detail, type);
    this.name = 'ConflictError';
  }
}

/** 401/403: not signed in or not allowed. */
export class AuthError extends ProblemError {
  constructor(status: 401 | 403, title = status === 401 ? 'Unauthorized' : 'Forbidden', detail?: string) {
    super(status, title, detail);
    this.name = 'AuthError';
  }
}

/** 5xx or an answer that does not match the contract. Retry later. */
export class ServerError extends ProblemError {
  constructor(status: number, title = 'Server error', detail?: string) {
    super(status, title, detail);
    this.name = 'ServerError';
  }
}

/** True for failures where the citizen's answers are kept and a retry may succeed. */
export function isRetryable(error: unknown): boolean {
  return error instanceof OfflineError || error instanceof ServerError;
}
