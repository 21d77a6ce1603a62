/**
 * Where interrupted uploads are remembered between page loads, encrypted: one record (`dvc-uploads`) in the
 * SDK's encrypted IndexedDB storage instead of tus-js-client's default `localStorage`, whose keys and values
 * hold the file name and the upload URL in clear.
 */
import type { DraftStorage } from '../runtime/draft-store.js';
import { secureLocalStorage } from '../runtime/secure-storage.js';
import type { UploadUrlStorage } from './uploads.js';

type PreviousUpload = Awaited<ReturnType<UploadUrlStorage['findAllUploads']>>[number];
interface Entry extends PreviousUpload {
  fingerprint: string;
}

/** Storage key of the remembered uploads. */
export const UPLOADS_KEY = 'dvc-uploads';

/** An upload URL storage over `storage` (default: the SDK's encrypted IndexedDB storage). */
export function encryptedUrlStorage(storage: DraftStorage): UploadUrlStorage {
  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <R>(fn: () => Promise<R>): Promise<R> => {
    const next = queue.then(fn, fn);
    queue = next.catch(() => undefined);
    return next;
  };
  const read = async (): Promise<Entry[]> => {
    const v = (await storage.get(UPLOADS_KEY)) as { entries?: unknown } | undefined;
    return Array.isArray(v?.entries) ? (v.entries as Entry[]) : [];
  };
  const write = (entries: Entry[]): Promise<void> => (entries.length ? storage.set(UPLOADS_KEY, { entries }) : storage.del(UPLOADS_KEY));
  const strip = ({ fingerprint: _f, ...u }: Entry): PreviousUpload => u;
  let n = 0;
  return {
    findAllUploads: () => exclusive(async () => (await read()).map(strip)),
    findUploadsByFingerprint: (fingerprint) =>
      exclusive(async () => (await read()).filter((e) => e.fingerprint === fingerprint).map(strip)),
    removeUpload: (key) =>
      exclusive(async () => {
        const all = await read();
        const rest = all.filter((e) => e.urlStorageKey !== key);
        if (rest.length !== all.length) await write(rest);
      }),
    addUpload: (fingerprint, upload) =>
      exclusive(async () => {
        const key = `dvc-upload:${Date.now().toString(36)}:${(++n).toString(36)}:${Math.random().toString(36).slice(2, 8)}`;
        const all = await read();
        all.push({ ...upload, urlStorageKey: key, fingerprint });
        await write(all);
        return key;
      }),
  };
}

/** Remembers nothing (a page that cannot encrypt: an interrupted upload starts again rather than being kept in clear). */
const noUrlStorage: UploadUrlStorage = {
  findAllUploads: async () => [],
  findUploadsByFingerprint: async () => [],
  removeUpload: async () => undefined,
  addUpload: async () => '',
};

/**
 * The browser default: the encrypted storage where the page can encrypt, else nothing; `undefined` outside
 * browsers (tus-js-client remembers nothing in Node).
 */
export function defaultUploadUrlStorage(): UploadUrlStorage | undefined {
  if (typeof window === 'undefined') return undefined;
  const storage = secureLocalStorage();
  return storage ? encryptedUrlStorage(storage) : noUrlStorage;
}
