/**
 * Resumable uploads over tus 1.0 with tus-js-client. The upload URL is stored under a fingerprint of the
 * file (name, type, size, last modification, procedure, attachment and endpoint), so choosing the same
 * file again after a reload resumes where it stopped instead of starting over.
 */
import { Upload, type HttpRequest, type PreviousUpload, type UploadOptions as TusOptions } from 'tus-js-client';
import { ProblemError, type BackendError, type UploadOptions } from '../runtime/backend.js';
import { offlineError, problemErrorFrom, statusTitle } from './errors.js';
import { browserSaysOffline } from './retry.js';

/** Where upload URLs are remembered between page loads (tus-js-client's `UrlStorage`). */
export type UploadUrlStorage = NonNullable<TusOptions['urlStorage']>;

/** Options of one upload: the shell's `UploadOptions` plus what a Node caller may need. */
export interface HttpUploadOptions extends UploadOptions {
  /** File name; defaults to `File.name`. */
  filename?: string;
  /** MIME type; defaults to `Blob.type`. */
  filetype?: string;
  /**
   * Key identifying the file across reloads when it is not a `File` (a `File` is fingerprinted by name,
   * type, size and modification time). Without either, an interrupted upload restarts from zero.
   */
  resumeKey?: string;
}

/** A finished upload. */
export interface HttpUploadResult {
  /** The id to send as `attachments[].uploadId` (last path segment of the upload URL). */
  uploadId: string;
  /** The upload URL. */
  url: string;
  /** Size in bytes. */
  size: number;
  /** True when an earlier, interrupted upload of the same file was found and continued. */
  resumed: boolean;
}

/** Settings shared by every upload of one client. */
export interface UploadSettings {
  /** tus creation endpoint, e.g. `https://host/api/v1/uploads`. */
  endpoint: string;
  /** The owner headers of each request (`Authorization`, or the filing's `Dvc-Session`). */
  ownerHeaders?: () => Promise<Record<string, string>>;
  /** Gives the citizen's JWT; used when `ownerHeaders` is not given. */
  tokenProvider?: () => Promise<string | null>;
  /** Delays between tus-js-client's own retries (ms). Default `[0, 1000, 3000, 5000]`. */
  retryDelays?: number[];
  /** Where to remember upload URLs (default: tus-js-client's, `localStorage` in browsers; the HTTP client passes an encrypted one). */
  urlStorage?: UploadUrlStorage;
  /** Size of each PATCH in bytes (default: the whole file in one request). */
  chunkSize?: number;
}

/** The file types an upload takes: a browser `File`/`Blob`, or bytes. */
export type UploadInput = (Blob & { name?: string }) | Uint8Array;

const inNode =
  typeof (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node === 'string' &&
  typeof (globalThis as { window?: unknown }).window === 'undefined';

/** tus-js-client reads Blobs in browsers and Buffers in Node: give each what it reads. */
async function toTusInput(file: UploadInput): Promise<Blob | Uint8Array> {
  const B = (globalThis as { Buffer?: { from(a: ArrayBuffer | Uint8Array): Uint8Array } }).Buffer;
  if (inNode && B) {
    if (file instanceof Uint8Array) return B.from(file);
    return B.from(await file.arrayBuffer());
  }
  return file instanceof Uint8Array ? new Blob([file as Uint8Array<ArrayBuffer>]) : file;
}

function fileSize(file: UploadInput): number {
  return file instanceof Uint8Array ? file.byteLength : file.size;
}

/** The last path segment of an upload URL. */
export function uploadIdFromUrl(url: string): string {
  const path = url.split(/[?#]/, 1)[0].replace(/\/+$/, '');
  const id = decodeURIComponent(path.slice(path.lastIndexOf('/') + 1));
  if (!id) throw new ProblemError(502, 'Bad upload URL', `The back end returned an upload URL without an id: ${url}`);
  return id;
}

interface TusDetailedError extends Error {
  originalResponse?: { getStatus(): number; getBody(): string } | null;
}

/** The typed error for a failed tus request. */
function uploadError(err: unknown, filename: string, filetype: string): BackendError {
  const res = (err as TusDetailedError).originalResponse;
  if (!res) return offlineError(err);
  const status = res.getStatus();
  let body = '';
  try {
    body = res.getBody().trim().slice(0, 300);
  } catch {
    /* no body */
  }
  const detail =
    status === 413
      ? `The file "${filename}" is larger than the back end accepts.`
      : status === 415
        ? `The back end does not accept files of type "${filetype || 'unknown'}".`
        : `Uploading "${filename}" failed${body ? `: ${body}` : '.'}`;
  let parsed: unknown = detail;
  if (body.startsWith('{')) {
    try {
      parsed = JSON.parse(body);
    } catch {
      /* plain text */
    }
  }
  const mapped = problemErrorFrom(status, parsed, statusTitle(status));
  (mapped as { cause?: unknown }).cause = err;
  return mapped;
}

/** Uploads one file with tus, continuing an earlier interrupted upload of the same file when one is remembered. */
export async function uploadFile(settings: UploadSettings, file: UploadInput, options: HttpUploadOptions): Promise<HttpUploadResult> {
  if (browserSaysOffline()) throw offlineError();
  if (!options || typeof options.attachmentId !== 'string' || options.attachmentId === '') {
    throw new TypeError('upload: "attachmentId" (the x-attachments id the file is for) is required.');
  }
  const asFile = typeof File !== 'undefined' && file instanceof File ? file : undefined;
  const filename = options.filename ?? (file instanceof Uint8Array ? undefined : file.name) ?? 'file';
  const filetype = options.filetype ?? (file instanceof Uint8Array ? '' : file.type);
  const size = fileSize(file);
  const identity = options.resumeKey ?? (asFile ? `${asFile.name}:${asFile.type}:${asFile.size}:${asFile.lastModified}` : undefined);
  const metadata: Record<string, string> = { ...options.metadata, filename, filetype, attachmentId: options.attachmentId };
  const input = await toTusInput(file);
  const signal = options.signal;

  return new Promise<HttpUploadResult>((resolve, reject) => {
    let resumed = false;
    let settled = false;
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const fingerprint = async (): Promise<string | null> =>
      identity === undefined ? null : ['dvc-tus', metadata.procedure ?? '', options.attachmentId, identity, settings.endpoint].join('|');
    const tusOptions: TusOptions = {
      endpoint: settings.endpoint,
      metadata,
      retryDelays: settings.retryDelays ?? [0, 1000, 3000, 5000],
      storeFingerprintForResuming: true,
      removeFingerprintOnSuccess: true,
      // tus-js-client accepts null ("do not remember"), though its typing says string.
      fingerprint: fingerprint as unknown as TusOptions['fingerprint'],
      // Every tus request (creation, HEAD on resume, each PATCH, termination) carries the owner headers.
      onBeforeRequest: async (r: HttpRequest) => {
        if (settings.ownerHeaders) {
          for (const [k, v] of Object.entries(await settings.ownerHeaders())) r.setHeader(k, v);
          return;
        }
        const token = settings.tokenProvider ? await settings.tokenProvider() : null;
        if (token) r.setHeader('Authorization', `Bearer ${token}`);
      },
      onProgress: options.onProgress ?? null,
      onSuccess: () =>
        finish(() => {
          const url = upload.url;
          if (!url) {
            reject(new ProblemError(502, 'Bad upload answer', 'The upload finished but the back end gave no upload URL.'));
            return;
          }
          try {
            resolve({ uploadId: uploadIdFromUrl(url), url, size, resumed });
          } catch (err) {
            reject(err);
          }
        }),
      onError: (err: Error) => finish(() => reject(uploadError(err, filename, filetype))),
    };
    if (settings.urlStorage) tusOptions.urlStorage = settings.urlStorage;
    if (settings.chunkSize) tusOptions.chunkSize = settings.chunkSize;
    const upload = new Upload(input as Blob, tusOptions);

    const onAbort = (): void =>
      finish(() => {
        void upload.abort(false);
        reject(signal?.reason ?? new DOMException('The upload was aborted.', 'AbortError'));
      });
    if (signal?.aborted) {
      onAbort();
      return;
    }
    signal?.addEventListener('abort', onAbort, { once: true });

    upload
      .findPreviousUploads()
      .then((previous: PreviousUpload[]) => {
        if (settled) return;
        const latest = [...previous].sort((a, b) => String(b.creationTime).localeCompare(String(a.creationTime)))[0];
        if (latest) {
          resumed = true;
          upload.resumeFromPreviousUpload(latest);
        }
        upload.start();
      })
      .catch(() => {
        // Remembered URLs cannot be read (storage disabled): upload from the start.
        if (!settled) upload.start();
      });
  });
}
