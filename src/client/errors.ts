/**
 * Maps HTTP error answers (RFC 9457 problem details) to the typed errors of `src/runtime/backend.ts`,
 * so the shell can tell "no connection" from "fix these fields" from "already filed differently".
 */
import {
  AuthError,
  ConflictError,
  OfflineError,
  ProblemError,
  ServerError,
  ValidationProblemError,
  type BackendError,
  type ProblemFieldError,
} from '../runtime/backend.js';

/** Message of an OfflineError raised by this client. */
export const OFFLINE_MESSAGE = 'No connection to the back end; the answers are kept on this device.';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  410: 'Gone',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** The title HTTP gives a status (used when the back end sent no problem document). */
export function statusTitle(status: number, statusText = ''): string {
  return TITLES[status] ?? (statusText || `HTTP ${status}`);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function fieldErrors(v: unknown): ProblemFieldError[] {
  if (!Array.isArray(v)) return [];
  const out: ProblemFieldError[] = [];
  for (const e of v) {
    if (!isObject(e) || typeof e.pointer !== 'string' || typeof e.message !== 'string') continue;
    const fe: ProblemFieldError = {
      pointer: e.pointer,
      keyword: typeof e.keyword === 'string' ? e.keyword : '',
      message: e.message,
    };
    if (typeof e.messageKey === 'string') fe.messageKey = e.messageKey;
    if (isObject(e.params)) {
      const params: Record<string, string | number> = {};
      for (const [k, p] of Object.entries(e.params)) if (typeof p === 'string' || typeof p === 'number') params[k] = p;
      fe.params = params;
    }
    out.push(fe);
  }
  return out;
}

/** Parses `Retry-After` (delta-seconds or HTTP-date) into seconds from `now`; `undefined` when absent or invalid. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

/**
 * The typed error for an error answer. `body` is the parsed JSON (or the text) of the response. A body
 * that is not a problem document still gives an error with the status and HTTP's title for it.
 *
 * 422 → ValidationProblemError (field pointers), 409 → ConflictError, 401/403 → AuthError,
 * 5xx → ServerError, any other status → ProblemError.
 */
export function problemErrorFrom(status: number, body: unknown, statusText = ''): BackendError {
  const p = isObject(body) ? body : {};
  const title = typeof p.title === 'string' && p.title ? p.title : statusTitle(status, statusText);
  const detail = typeof p.detail === 'string' ? p.detail : typeof body === 'string' && body.trim() ? body.trim().slice(0, 500) : undefined;
  const type = typeof p.type === 'string' ? p.type : 'about:blank';
  if (status === 422) {
    const errors = fieldErrors(p.errors);
    if (errors.length > 0) return new ValidationProblemError(errors, title, detail, type);
    return new ProblemError(status, title, detail, type);
  }
  if (status === 409) return new ConflictError(title, detail, type);
  if (status === 401 || status === 403) return new AuthError(status, title, detail);
  if (status >= 500) return new ServerError(status, title, detail);
  return new ProblemError(status, title, detail, type);
}

/** An OfflineError for a network-level failure (or `navigator.onLine === false` when `cause` is absent). */
export function offlineError(cause?: unknown): OfflineError {
  return new OfflineError(OFFLINE_MESSAGE, cause === undefined ? undefined : { cause });
}

/** A ServerError for a 2xx answer that breaks the contract (missing or malformed body). */
export function contractError(what: string, status: number, detail: string): ServerError {
  return new ServerError(status, 'Answer does not match the contract', `${what}: ${detail}`);
}
