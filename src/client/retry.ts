/**
 * A `fetch` wrapper that retries safe requests with exponential backoff and full jitter, honours
 * `Retry-After`, and turns network failures into OfflineError.
 *
 * A request is retried when it is safe to send twice: GET, HEAD, OPTIONS, PUT and DELETE (idempotent by
 * HTTP), a POST carrying an `Idempotency-Key` (the same key goes out on every attempt, because the same
 * Request is cloned), and a POST the caller marked as side-effect free (fee quotes).
 */
import { offlineError, parseRetryAfter } from './errors.js';

/** Retry settings. All optional. */
export interface RetryOptions {
  /** Retries after the first attempt (default 4, so at most 5 attempts). */
  retries?: number;
  /** Base of the exponential backoff in ms (default 300). */
  baseDelayMs?: number;
  /** Largest backoff delay in ms, before `Retry-After` (default 8000). */
  maxDelayMs?: number;
  /** Largest `Retry-After` honoured, in ms; longer ones give up and return the response (default 60000). */
  maxRetryAfterMs?: number;
  /** Random source in [0, 1) for jitter (tests pass a fixed one). */
  random?: () => number;
  /** Waits `ms` (tests pass a recorder). Must reject when `signal` aborts. */
  sleep?: (ms: number, signal?: AbortSignal | null) => Promise<void>;
  /** Called before each retry with the attempt number (1-based), the delay and why. */
  onRetry?: (info: { attempt: number; delayMs: number; reason: string; request: Request }) => void;
}

/** Statuses worth another try: the back end or a proxy is overloaded or restarting. */
export const RETRY_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);

const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/** Header the client sets on a POST that has no side effect, so the wrapper may retry it. Never sent. */
export const SAFE_POST_HEADER = 'x-dvc-safe-to-retry';

/** True when sending `request` twice cannot do harm. */
export function isRetryable(request: Request): boolean {
  return (
    IDEMPOTENT_METHODS.has(request.method.toUpperCase()) || request.headers.has('Idempotency-Key') || request.headers.has(SAFE_POST_HEADER)
  );
}

/** Whether the browser says it has no network. Node has no `navigator.onLine`: never offline there. */
export function browserSaysOffline(): boolean {
  const nav = (globalThis as { navigator?: { onLine?: boolean } }).navigator;
  return nav !== undefined && nav.onLine === false;
}

function defaultSleep(ms: number, signal?: AbortSignal | null): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function isAbort(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { name?: string }).name === 'AbortError';
}

/**
 * Wraps `fetchImpl` with retries. The returned function takes a Request (as openapi-fetch passes it)
 * and resolves with the last response, or rejects with OfflineError after the last network failure.
 */
export function withRetry(
  fetchImpl: (input: Request) => Promise<Response>,
  options: RetryOptions = {},
): (input: Request) => Promise<Response> {
  const retries = options.retries ?? 4;
  const base = options.baseDelayMs ?? 300;
  const cap = options.maxDelayMs ?? 8000;
  const maxRetryAfter = options.maxRetryAfterMs ?? 60_000;
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? defaultSleep;

  return async (input: Request): Promise<Response> => {
    const template = input.headers.has(SAFE_POST_HEADER) ? stripMarker(input) : input;
    const retryable = isRetryable(input);
    const maxAttempts = retryable ? retries + 1 : 1;
    for (let attempt = 0; ; attempt++) {
      if (browserSaysOffline()) {
        throw offlineError();
      }
      const last = attempt + 1 >= maxAttempts;
      const backoff = (): number => Math.floor(random() * Math.min(cap, base * 2 ** attempt));
      let response: Response;
      try {
        response = await fetchImpl(last ? template : template.clone());
      } catch (err) {
        if (isAbort(err)) throw err;
        if (last) {
          throw offlineError(err);
        }
        const delayMs = backoff();
        options.onRetry?.({ attempt: attempt + 1, delayMs, reason: describe(err), request: template });
        await sleep(delayMs, template.signal);
        continue;
      }
      if (last || !RETRY_STATUSES.has(response.status)) return response;
      const retryAfter = parseRetryAfter(response.headers.get('Retry-After'));
      if (retryAfter !== undefined && retryAfter * 1000 > maxRetryAfter) return response;
      const delayMs = retryAfter !== undefined ? Math.max(retryAfter * 1000, backoff()) : backoff();
      options.onRetry?.({ attempt: attempt + 1, delayMs, reason: `HTTP ${response.status}`, request: template });
      // Free the connection before waiting.
      await response.body?.cancel().catch(() => undefined);
      await sleep(delayMs, template.signal);
    }
  };
}

function stripMarker(request: Request): Request {
  const headers = new Headers(request.headers);
  headers.delete(SAFE_POST_HEADER);
  return new Request(request, { headers });
}

function describe(err: unknown): string {
  if (err instanceof Error) {
    const cause = (err as { cause?: unknown }).cause;
    const code = typeof cause === 'object' && cause !== null ? (cause as { code?: string }).code : undefined;
    return code ? `${err.message} (${code})` : err.message;
  }
  return String(err);
}
