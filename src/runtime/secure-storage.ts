/**
 * What the SDK keeps on the citizen's device, encrypted at rest.
 *
 * Drafts, receipts and remembered upload URLs go to IndexedDB (database `dvc-forms`, store `drafts`) as
 * AES-GCM envelopes: a fresh 96-bit IV per write, the storage key as additional data (a record copied under
 * another key does not decrypt). The AES key is a non-extractable `CryptoKey` made on first use with
 * `crypto.subtle.generateKey(…, false, …)` and kept, as the key object itself, in its own database
 * (`dvc-forms-keys`): page scripts can use it but never read its bytes, and a copy of the records alone
 * (a disk image, a browser profile copied off a shared computer after sign-out) reads as noise.
 *
 * Without Web Crypto (a page served over plain http) nothing is stored: drafts are off rather than in clear.
 *
 * `clearCitizenData()` is what a host page calls when the citizen signs out: it deletes every draft, receipt,
 * remembered upload and the key.
 */
import { clear as idbClear, createStore, del as idbDel, promisifyRequest, type UseStore } from 'idb-keyval';
import type { DraftStorage } from './draft-store.js';

/** IndexedDB database of the SDK's records (drafts, receipts, upload URLs). */
export const DATA_DB = 'dvc-forms';
/** Object store of the SDK's records. */
export const DATA_STORE = 'drafts';
/** IndexedDB database holding the device key. */
export const KEY_DB = 'dvc-forms-keys';
/** Object store holding the device key. */
export const KEY_STORE = 'keys';
/** Id of the device key in its store. */
export const KEY_ID = 'device-key-v1';

/**
 * Fired on `window` by {@link clearCitizenData} before it deletes anything: open forms forget what they hold
 * in memory and stop pending writes (handing the wait to `waitUntil`), so nothing is written back afterwards.
 */
export class DvcCitizenDataClearEvent extends Event {
  static readonly eventName = 'dvc-citizen-data-clear';
  /** Work the deletion waits for. */
  readonly pending: Promise<unknown>[] = [];
  constructor() {
    super(DvcCitizenDataClearEvent.eventName);
  }
  /** Makes the deletion wait for `p` (e.g. a form's write in flight). */
  waitUntil(p: Promise<unknown>): void {
    this.pending.push(p.catch(() => undefined));
  }
}

declare global {
  interface WindowEventMap {
    'dvc-citizen-data-clear': DvcCitizenDataClearEvent;
  }
}

/** An encrypted record as stored. */
export interface EncryptedEnvelope {
  /** Envelope format. */
  dvcEncrypted: 1;
  /** The AES-GCM IV, base64url (12 bytes, fresh for every write). */
  iv: string;
  /** The ciphertext with its tag, base64url. */
  data: string;
}

/** True when `v` is an {@link EncryptedEnvelope}. */
export function isEnvelope(v: unknown): v is EncryptedEnvelope {
  return (
    typeof v === 'object' &&
    v !== null &&
    (v as EncryptedEnvelope).dvcEncrypted === 1 &&
    typeof (v as EncryptedEnvelope).iv === 'string' &&
    typeof (v as EncryptedEnvelope).data === 'string'
  );
}

/** Whether this page can encrypt (Web Crypto is only there in secure contexts) and has IndexedDB. */
export function canStoreSecurely(): boolean {
  return typeof indexedDB !== 'undefined' && typeof globalThis.crypto?.subtle?.encrypt === 'function';
}

/** base64url of bytes (no padding). */
export function toBase64Url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  const raw = atob(b64);
  const out = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
  return out;
}

let keyDb: UseStore | undefined;
let dataDb: UseStore | undefined;
const keyStore = (): UseStore => (keyDb ??= createStore(KEY_DB, KEY_STORE));
const dataStore = (): UseStore => (dataDb ??= createStore(DATA_DB, DATA_STORE));

let deviceKeyPromise: Promise<CryptoKey> | undefined;

/** BroadcastChannel name on which a sign-out in one tab reaches the other tabs of the site. */
export const CLEAR_CHANNEL = 'dvc-forms-citizen-data';
let channel: BroadcastChannel | null | undefined;

/**
 * The channel that tells other tabs about a sign-out (opened on first use of the device key or of
 * `listenForSignOutElsewhere`). When another tab clears, this one drops its cached key and its open forms
 * forget the citizen.
 */
function clearChannel(): BroadcastChannel | null {
  if (channel !== undefined) return channel;
  channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(CLEAR_CHANNEL) : null;
  if (channel) {
    channel.onmessage = (e: MessageEvent) => {
      if (e.data !== 'cleared') return;
      deviceKeyPromise = undefined;
      if (typeof window !== 'undefined') window.dispatchEvent(new DvcCitizenDataClearEvent());
    };
  }
  return channel;
}

/** Makes this tab react to `clearCitizenData()` called in another tab of the site (procedure forms call it). */
export function listenForSignOutElsewhere(): void {
  clearChannel();
}

/**
 * The device key: an AES-GCM 256 `CryptoKey`, non-extractable, kept in IndexedDB (`dvc-forms-keys`). Made
 * on first use; two tabs making one at once agree on the first one stored.
 */
export function deviceKey(): Promise<CryptoKey> {
  clearChannel();
  deviceKeyPromise ??= (async (): Promise<CryptoKey> => {
    const subtle = globalThis.crypto?.subtle;
    if (!subtle) throw new Error('dvc-forms: no Web Crypto here (a page served over plain http?); nothing is stored.');
    const fresh = await subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
    return keyStore()('readwrite', (s) => {
      const got = s.get(KEY_ID);
      let chosen: CryptoKey = fresh;
      got.onsuccess = () => {
        const prior: unknown = got.result;
        if (prior instanceof CryptoKey && prior.algorithm.name === 'AES-GCM' && !prior.extractable) chosen = prior;
        else s.put(fresh, KEY_ID);
      };
      return promisifyRequest(s.transaction).then(() => chosen);
    });
  })();
  deviceKeyPromise.catch(() => {
    deviceKeyPromise = undefined;
  });
  return deviceKeyPromise;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Encrypts a JSON value for storage under `key` (the key is bound as additional data). */
export async function seal(value: unknown, key: string, cryptoKey: CryptoKey): Promise<EncryptedEnvelope> {
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(12));
  const plain = encoder.encode(JSON.stringify(value));
  const ct = await globalThis.crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: encoder.encode(key) }, cryptoKey, plain);
  return { dvcEncrypted: 1, iv: toBase64Url(iv), data: toBase64Url(new Uint8Array(ct)) };
}

/** Decrypts an envelope stored under `key`; rejects when it was not made with this key for this storage key. */
export async function open(envelope: EncryptedEnvelope, key: string, cryptoKey: CryptoKey): Promise<unknown> {
  const plain = await globalThis.crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: fromBase64Url(envelope.iv), additionalData: encoder.encode(key) },
    cryptoKey,
    fromBase64Url(envelope.data),
  );
  return JSON.parse(decoder.decode(plain));
}

/**
 * A `DraftStorage` that encrypts every value into `inner` (values must be JSON). Reading a record that does
 * not decrypt (the key was deleted, the record was tampered with) deletes it and reads as nothing. Reading a
 * plain record written by an older SDK encrypts it in place (the citizen keeps the answers); one that cannot be
 * rewritten is deleted.
 */
export function encryptedStorage(inner: DraftStorage, key: () => Promise<CryptoKey> = deviceKey): DraftStorage {
  const write = async (k: string, value: unknown): Promise<void> => inner.set(k, await seal(value, k, await key()));
  return {
    async get(k) {
      const raw = await inner.get(k);
      if (raw === undefined || raw === null) return undefined;
      if (isEnvelope(raw)) {
        try {
          return await open(raw, k, await key());
        } catch (e) {
          console.warn(`dvc-forms: a stored record (${k}) could not be decrypted and was deleted`, e);
          await inner.del(k).catch(() => undefined);
          return undefined;
        }
      }
      // A record from before encryption: encrypt it now, or delete it if that fails.
      try {
        await write(k, raw);
        return raw;
      } catch (e) {
        console.warn(`dvc-forms: an unencrypted record (${k}) could not be encrypted and was deleted`, e);
        await inner.del(k).catch(() => undefined);
        return undefined;
      }
    },
    set: write,
    del: (k) => inner.del(k),
  };
}

/**
 * The SDK's default storage: IndexedDB (`dvc-forms` / `drafts`) behind {@link encryptedStorage}; `null` where
 * the page cannot encrypt or has no IndexedDB (then nothing is stored).
 */
export function secureLocalStorage(): DraftStorage | null {
  if (!canStoreSecurely()) return null;
  const store = dataStore();
  const plain: DraftStorage = {
    get: (k) => store('readonly', (s) => promisifyRequest(s.get(k))),
    set: (k, v) =>
      store('readwrite', (s) => {
        s.put(v, k);
        return promisifyRequest(s.transaction);
      }),
    del: (k) => idbDel(k, store),
  };
  return encryptedStorage(plain);
}

/**
 * Deletes everything the SDK keeps about the citizen on this device: every draft and receipt of every
 * procedure, remembered upload URLs, the anonymous session secrets kept with them, and the device key
 * (records left anywhere else can then never be decrypted). Other tabs of the site are told too (their forms
 * forget the citizen). Open forms are told first
 * ({@link DvcCitizenDataClearEvent} on `window`) and forget what they hold in memory. Server-side drafts of a
 * signed-in citizen stay on the back end (they can resume on another device). Call it when the citizen signs
 * out.
 *
 * Storage the host gave a form itself (`draftStorage`) is not reached here: call the form's own
 * `clearCitizenData()` for that.
 *
 * @example
 * import { clearCitizenData } from 'dvc-forms';
 * signOutButton.addEventListener('click', async () => { await clearCitizenData(); await auth.signOut(); });
 */
export async function clearCitizenData(): Promise<void> {
  const failures: unknown[] = [];
  if (typeof window !== 'undefined') {
    const ev = new DvcCitizenDataClearEvent();
    window.dispatchEvent(ev);
    await Promise.all(ev.pending);
  }
  if (typeof indexedDB !== 'undefined') {
    await idbClear(dataStore()).catch((e: unknown) => failures.push(e));
    await idbClear(keyStore()).catch((e: unknown) => failures.push(e));
  }
  deviceKeyPromise = undefined;
  // Upload URLs remembered by tus-js-client's own storage (SDK versions before encryption).
  for (const area of [globalThis.localStorage, globalThis.sessionStorage]) {
    try {
      if (!area) continue;
      const doomed: string[] = [];
      for (let i = 0; i < area.length; i++) {
        const k = area.key(i);
        if (k && (k.startsWith('tus::dvc-tus') || k.startsWith('dvc-'))) doomed.push(k);
      }
      for (const k of doomed) area.removeItem(k);
    } catch (e) {
      failures.push(e);
    }
  }
  clearChannel()?.postMessage('cleared');
  if (failures.length) throw new AggregateError(failures, 'dvc-forms: some stored citizen data could not be deleted');
}
