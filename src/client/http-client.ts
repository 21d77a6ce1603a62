/**
 * The SDK's HTTP client for the back-end contract (`api/openapi.yaml`), built on openapi-fetch with the
 * types generated from the contract (`openapi.d.ts`). Safe requests are retried with backoff and jitter,
 * network failures become OfflineError, error answers become ProblemError with field pointers, and
 * uploads go through tus-js-client (resumable).
 */
import createClient from 'openapi-fetch';
import type { AttachmentRef, BackendClient, DossierReceipt, PaymentMethod, SessionProvider } from '../runtime/backend.js';
import type { FeeQuote } from '../runtime/fees.js';
import type { paths } from '../runtime/openapi.js';
import { contractError, problemErrorFrom } from './errors.js';
import { SAFE_POST_HEADER, withRetry, type RetryOptions } from './retry.js';
import { uploadFile, type HttpUploadOptions, type HttpUploadResult, type UploadInput, type UploadUrlStorage } from './uploads.js';
import type { DossierData, Health, ProcedureSummary } from '../runtime/contract.js';
import { SESSION_HEADER } from '../runtime/session-secret.js';
import { defaultUploadUrlStorage } from './upload-url-storage.js';

/** Options of {@link createHttpClient}. */
export interface HttpClientOptions {
  /** The API root, e.g. `https://dvc.example.gov.vn/api/v1` (relative roots work in browsers). */
  baseUrl: string;
  /** Gives the citizen's JWT (or null when nobody is signed in); called before every request. */
  tokenProvider?: () => Promise<string | null>;
  /**
   * Gives the filing's anonymous session secret (see `newSessionSecret`), or null. Called before every request;
   * it goes out as `Dvc-Session` (uploads, submission, payments, downloads), so the back end ties what a
   * citizen who is not signed in creates to that filing; with a token too, both are sent.
   */
  sessionProvider?: SessionProvider;
  /** The fetch to use (defaults to the global one). */
  fetch?: typeof fetch;
  /** Retry settings of safe requests. */
  retry?: RetryOptions;
  /** Upload settings. */
  uploads?: {
    /** Delays between tus-js-client's retries (ms). */
    retryDelays?: number[];
    /**
     * Where interrupted uploads are remembered (default in browsers: the SDK's encrypted IndexedDB storage, or
     * nowhere when the page cannot encrypt; nowhere in Node).
     */
    urlStorage?: UploadUrlStorage;
    /** Bytes per PATCH (default: the whole file). */
    chunkSize?: number;
  };
}

/** The answer to a submission with how it was obtained. */
export interface SubmitOutcome {
  receipt: DossierReceipt;
  /** True when the back end answered 200: this key and body were already stored (a replay). */
  replayed: boolean;
}

/**
 * The HTTP implementation of {@link BackendClient}, plus the calls of the contract the shell does not
 * need (health, procedures, fee quotes, upload termination).
 */
export interface HttpBackendClient extends BackendClient {
  /** Liveness and database state (a 503 answer is returned, not thrown). */
  health(): Promise<Health>;
  /** Procedures the back end accepts. */
  listProcedures(): Promise<ProcedureSummary[]>;
  /** The server-computed fee for (partial) dossier data. */
  quoteFee(slug: string, data: unknown): Promise<FeeQuote>;
  /** Uploads a file resumably (a `Uint8Array` works too, e.g. in Node). */
  upload(file: UploadInput, options: HttpUploadOptions): Promise<HttpUploadResult>;
  /** Terminates an upload (the citizen removed the file). An upload already gone is not an error. */
  removeUpload(uploadId: string): Promise<void>;
  /** Sets (or replaces) the session secret provider (see `HttpClientOptions.sessionProvider`). */
  useSession(provider: SessionProvider): void;
  /** Downloads an upload's bytes (`GET /uploads/{uploadId}`, as its owner: token or session secret). */
  downloadUpload(uploadId: string): Promise<Blob>;
  /** Like `submitDossier`, also telling whether the answer was a replay (200) of an earlier submission. */
  submitDossierWithOutcome(
    slug: string,
    version: string,
    data: unknown,
    attachments: AttachmentRef[],
    idempotencyKey: string,
    locale?: 'vi' | 'en',
  ): Promise<SubmitOutcome>;
}

/** A random UUID v4, for `Idempotency-Key` (one per submission, reused on every retry of it). */
export function newIdempotencyKey(): string {
  const c = globalThis.crypto as Crypto | undefined;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  if (!c) throw new Error('newIdempotencyKey: no Web Crypto in this environment.');
  const b = new Uint8Array(16);
  c.getRandomValues(b);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

interface FetchResult<D> {
  data?: D;
  error?: unknown;
  response: Response;
}

/** Returns `data` of a successful answer or throws the typed error of a failed one. */
function unwrap<D>(result: FetchResult<D>, what: string): D {
  const { response } = result;
  if (!response.ok) throw problemErrorFrom(response.status, result.error, response.statusText);
  if (result.data === undefined || result.data === null) {
    throw contractError(what, response.status, 'the answer has no JSON body.');
  }
  return result.data;
}

function expectOk(result: FetchResult<unknown>, ...alsoOk: number[]): void {
  const { response } = result;
  if (!response.ok && !alsoOk.includes(response.status)) {
    throw problemErrorFrom(response.status, result.error, response.statusText);
  }
}

function absolute(url: string): string {
  const loc = (globalThis as { location?: { href: string } }).location;
  return (loc ? new URL(url, loc.href).href : url).replace(/\/+$/, '');
}

function asData(data: unknown, what: string): DossierData {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new TypeError(`${what}: the dossier data must be a JSON object.`);
  }
  return data as DossierData;
}

/**
 * Creates the HTTP client of the back-end contract (`api/openapi.yaml`).
 *
 * @example
 * const client = createHttpClient({ baseUrl: '/api/v1', tokenProvider: async () => session.token });
 * const receipt = await client.submitDossier('birth-registration', '1.0.0', data, [], crypto.randomUUID());
 */
export function createHttpClient(options: HttpClientOptions): HttpBackendClient {
  if (!options || typeof options.baseUrl !== 'string' || options.baseUrl.trim() === '') {
    throw new TypeError('createHttpClient: "baseUrl" must be the API root URL, e.g. "/api/v1".');
  }
  const baseUrl = absolute(options.baseUrl.trim());
  const tokenProvider = options.tokenProvider;
  const userFetch = options.fetch;
  const rawFetch = (input: Request): Promise<Response> => (userFetch ? userFetch(input) : globalThis.fetch(input));

  const token = async (): Promise<string | null> => (tokenProvider ? tokenProvider() : null);
  let sessionProvider = options.sessionProvider;
  /**
   * The owner headers of a request: the bearer token and the filing's session secret, each when there is
   * one (a citizen who signed in half way owns the filing's earlier uploads through the secret).
   */
  const ownerHeaders = async (): Promise<Record<string, string>> => {
    const t = await token();
    const secret = sessionProvider ? await sessionProvider() : null;
    return { ...(t ? { Authorization: `Bearer ${t}` } : {}), ...(secret ? { [SESSION_HEADER]: secret } : {}) };
  };
  const authed = async (input: Request): Promise<Response> => {
    const extra = Object.entries(await ownerHeaders()).filter(([k]) => !input.headers.has(k));
    if (extra.length) {
      const headers = new Headers(input.headers);
      for (const [k, v] of extra) headers.set(k, v);
      return rawFetch(new Request(input, { headers }));
    }
    return rawFetch(input);
  };
  const urlStorage = options.uploads?.urlStorage ?? defaultUploadUrlStorage();

  const api = createClient<paths>({ baseUrl, fetch: withRetry(authed, options.retry) });

  const submit = async (
    slug: string,
    version: string,
    data: unknown,
    attachments: AttachmentRef[],
    idempotencyKey: string,
    locale?: 'vi' | 'en',
  ): Promise<SubmitOutcome> => {
    if (typeof idempotencyKey !== 'string' || idempotencyKey.length < 8) {
      throw new TypeError('submitDossier: "idempotencyKey" must be a string of at least 8 characters (a UUID).');
    }
    const body = { procedure: slug, version, data: asData(data, 'submitDossier'), attachments, ...(locale ? { locale } : {}) };
    const r = await api.POST('/dossiers', { params: { header: { 'Idempotency-Key': idempotencyKey } }, body });
    const receipt = unwrap(r, 'POST /dossiers');
    return { receipt, replayed: r.response.status === 200 };
  };

  return {
    async health() {
      const r = await api.GET('/health');
      if (r.response.status === 503 && typeof r.error === 'object' && r.error !== null) return r.error as Health;
      return unwrap(r, 'GET /health');
    },
    async listProcedures() {
      return unwrap(await api.GET('/procedures'), 'GET /procedures');
    },
    async quoteFee(slug, data) {
      const r = await api.POST('/procedures/{slug}/fee-quote', {
        params: { path: { slug } },
        body: { data: asData(data, 'quoteFee') },
        headers: { [SAFE_POST_HEADER]: '1' },
      });
      return unwrap(r, 'POST /procedures/{slug}/fee-quote');
    },
    async getPrefill() {
      if (!(await token())) return null;
      return unwrap(await api.GET('/me/prefill'), 'GET /me/prefill');
    },
    async listDocuments() {
      if (!(await token())) return [];
      return unwrap(await api.GET('/me/documents'), 'GET /me/documents');
    },
    upload(file, uploadOptions) {
      return uploadFile(
        {
          endpoint: `${baseUrl}/uploads`,
          ownerHeaders,
          retryDelays: options.uploads?.retryDelays,
          urlStorage,
          chunkSize: options.uploads?.chunkSize,
        },
        file,
        uploadOptions,
      );
    },
    async removeUpload(uploadId) {
      const r = await api.DELETE('/uploads/{uploadId}', {
        params: { path: { uploadId }, header: { 'Tus-Resumable': '1.0.0' } },
      });
      expectOk(r, 404, 410);
    },
    async downloadUpload(uploadId) {
      const url = `${baseUrl}/uploads/${encodeURIComponent(uploadId)}`;
      const res = await withRetry(authed, options.retry)(new Request(url, { method: 'GET', headers: { 'Tus-Resumable': '1.0.0' } }));
      if (!res.ok) {
        let body: unknown;
        try {
          body = await res.json();
        } catch {
          body = undefined;
        }
        throw problemErrorFrom(res.status, body, res.statusText);
      }
      return res.blob();
    },
    async submitDossier(slug, version, data, attachments, idempotencyKey, locale) {
      return (await submit(slug, version, data, attachments, idempotencyKey, locale)).receipt;
    },
    submitDossierWithOutcome: submit,
    async getDossier(code) {
      return unwrap(await api.GET('/dossiers/{code}', { params: { path: { code } } }), 'GET /dossiers/{code}');
    },
    async createPayment(code: string, method: PaymentMethod, returnUrl?: string) {
      const r = await api.POST('/dossiers/{code}/payments', {
        params: { path: { code } },
        body: returnUrl ? { method, returnUrl } : { method },
      });
      return unwrap(r, 'POST /dossiers/{code}/payments');
    },
    async getPayment(id) {
      const r = await api.GET('/payments/{paymentId}', { params: { path: { paymentId: id } } });
      return unwrap(r, 'GET /payments/{paymentId}');
    },
    async loadDraft(slug) {
      if (!(await token())) return null;
      const r = await api.GET('/drafts/{slug}', { params: { path: { slug } } });
      if (r.response.status === 404) return null;
      return unwrap(r, 'GET /drafts/{slug}');
    },
    async saveDraft(slug, draft) {
      const body = {
        version: draft.version,
        data: asData(draft.data, 'saveDraft'),
        ...(draft.stepId ? { stepId: draft.stepId } : {}),
        ...(draft.savedAt ? { savedAt: draft.savedAt } : {}),
        ...(draft.baseUpdatedAt !== undefined ? { baseUpdatedAt: draft.baseUpdatedAt } : {}),
      };
      return unwrap(await api.PUT('/drafts/{slug}', { params: { path: { slug } }, body }), 'PUT /drafts/{slug}');
    },
    async deleteDraft(slug) {
      expectOk(await api.DELETE('/drafts/{slug}', { params: { path: { slug } } }), 404);
    },
    useSession(provider) {
      sessionProvider = provider;
    },
    async getAdminUnits() {
      return unwrap(await api.GET('/admin-units'), 'GET /admin-units');
    },
  };
}
