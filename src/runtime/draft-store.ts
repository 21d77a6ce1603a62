/**
 * Local drafts: the citizen's answers saved as they type (debounced) and restored after a reload or crash.
 * Browser storage is IndexedDB, encrypted at rest (`secure-storage.ts`); any `DraftStorage` can stand in (e.g.
 * `MemoryStorage` on a server or in Node). Sensitive nodes (`x-sensitive`) are never written
 * (`withoutSensitive`, sensitive.ts). Keyed by procedure slug + version.
 */
import type { FormModel } from './model.js';
import { secureLocalStorage } from './secure-storage.js';
import { withoutSensitive } from './sensitive.js';

/** Minimal async key-value storage. */
export interface DraftStorage {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  del(key: string): Promise<void>;
}

/** In-memory storage (values are deep-copied as IndexedDB would structured-clone them). */
export class MemoryStorage implements DraftStorage {
  private readonly map = new Map<string, string>();
  async get(key: string): Promise<unknown> {
    const s = this.map.get(key);
    return s === undefined ? undefined : JSON.parse(s);
  }
  async set(key: string, value: unknown): Promise<void> {
    this.map.set(key, JSON.stringify(value));
  }
  async del(key: string): Promise<void> {
    this.map.delete(key);
  }
  /** Keys currently stored. */
  keys(): string[] {
    return [...this.map.keys()];
  }
}

/**
 * Plain IndexedDB storage (database `dvc-forms`, store `drafts`); the database is opened on first use. Values
 * are stored as given: wrap it in `encryptedStorage()` for anything personal (the SDK's default does).
 */
export function indexedDbStorage(dbName = 'dvc-forms', storeName = 'drafts'): DraftStorage {
  let store: Promise<{ kv: typeof import('idb-keyval'); s: import('idb-keyval').UseStore }> | undefined;
  const open = () => (store ??= import('idb-keyval').then((kv) => ({ kv, s: kv.createStore(dbName, storeName) })));
  return {
    async get(key) {
      const { kv, s } = await open();
      return kv.get(key, s);
    },
    async set(key, value) {
      const { kv, s } = await open();
      await kv.set(key, value, s);
    },
    async del(key) {
      const { kv, s } = await open();
      await kv.del(key, s);
    },
  };
}

/** A saved draft. */
export interface DraftRecord {
  /** Record format version. */
  format: 1;
  slug: string;
  procedureVersion: string;
  /** Epoch milliseconds. */
  savedAt: number;
  expiresAt: number;
  /** The answers, without sensitive values. */
  data: unknown;
  /** Where the citizen was: a page name (`start`, `step`, `attachments`, `review`, …) and a step id. */
  page?: string;
  stepId?: string;
  /** The submission's idempotency key, kept so a retry after a reload never files twice. */
  idempotencyKey?: string;
  /** Completed uploads and chosen reusable documents per attachment id. */
  attachments?: Record<string, Array<{ uploadId?: string; documentId?: string; name: string; size?: number; type?: string }>>;
  /** Pointers filled from the population database. */
  prefilled?: string[];
  /** The back end's receipt once submitted (payment and receipt pages survive a reload). */
  receipt?: unknown;
  /** Id of the payment in progress (checked again after the gateway sends the citizen back). */
  paymentId?: string;
  /** The filing's anonymous session secret (`Dvc-Session`), so a reload or a resumed upload keeps it. */
  session?: string;
  /** Server-side copy bookkeeping, kept by `SyncedDraftStorage` (absent for purely local drafts). */
  sync?: DraftSyncState;
}

/** How a local draft relates to the server-side copy (see `synced-draft-storage.ts`). */
export interface DraftSyncState {
  /**
   * `updatedAt` of the server draft this copy derives from; `null` when the server had none; absent when
   * not known yet.
   */
  base?: string | null;
  /** True while this copy has changes the server does not have. */
  dirty: boolean;
}

/** What the shell saves (the store adds the bookkeeping fields). */
export type DraftContent = Omit<DraftRecord, 'format' | 'slug' | 'procedureVersion' | 'savedAt' | 'expiresAt' | 'sync'>;

/** Options of a draft store. */
export interface DraftStoreOptions {
  model: FormModel;
  /** Default: encrypted IndexedDB when the page can encrypt; without it, drafts are off. */
  storage?: DraftStorage | null;
  /** Default true. When false nothing is read or written. */
  enabled?: boolean;
  /** Days a draft is kept after its last save. Default 30. */
  ttlDays?: number;
  /** Delay of `schedule` before writing. Default 400 ms. */
  debounceMs?: number;
  /** Clock (epoch ms), for tests. */
  now?: () => number;
}

const DAY = 86_400_000;

/** Saves and restores one procedure's draft. */
export class DraftStore {
  /** The storage key of a procedure's draft: `dvc-draft:<slug>@<version>`. */
  static keyOf(model: FormModel): string {
    return `dvc-draft:${model.procedure.slug}@${model.procedure.version}`;
  }

  readonly key: string;
  private readonly storage: DraftStorage | null;
  private readonly ttlMs: number;
  private readonly debounceMs: number;
  private readonly now: () => number;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private pending: DraftContent | undefined;
  private writing: Promise<void> = Promise.resolve();
  enabled: boolean;

  constructor(private readonly options: DraftStoreOptions) {
    const { model } = options;
    this.key = DraftStore.keyOf(model);
    this.storage = options.storage !== undefined ? options.storage : secureLocalStorage();
    const ttlDays = options.ttlDays ?? 30;
    if (!(ttlDays > 0)) throw new RangeError(`draft TTL must be a positive number of days, got ${ttlDays}`);
    this.ttlMs = ttlDays * DAY;
    this.debounceMs = options.debounceMs ?? 400;
    this.now = options.now ?? Date.now;
    this.enabled = (options.enabled ?? true) && this.storage !== null;
  }

  /** The draft, or null when none, disabled, expired (then deleted) or of another format. */
  async load(): Promise<DraftRecord | null> {
    if (!this.enabled || !this.storage) return null;
    const raw = (await this.storage.get(this.key)) as DraftRecord | undefined;
    if (!raw || raw.format !== 1 || raw.slug !== this.options.model.procedure.slug) return null;
    if (raw.expiresAt <= this.now()) {
      await this.storage.del(this.key);
      return null;
    }
    return raw;
  }

  /** Writes the draft now (sensitive values stripped). */
  async save(content: DraftContent): Promise<void> {
    if (!this.enabled || !this.storage) return;
    const { model } = this.options;
    const now = this.now();
    const record: DraftRecord = {
      ...content,
      format: 1,
      slug: model.procedure.slug,
      procedureVersion: model.procedure.version,
      savedAt: now,
      expiresAt: now + this.ttlMs,
      data: withoutSensitive(model, content.data),
    };
    const storage = this.storage;
    this.writing = this.writing.then(() => storage.set(this.key, record));
    await this.writing;
  }

  /** Saves after `debounceMs` of quiet; a later call replaces the pending content. */
  schedule(content: DraftContent): void {
    if (!this.enabled) return;
    this.pending = content;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), this.debounceMs);
  }

  /** Writes pending content now. */
  async flush(): Promise<void> {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    const content = this.pending;
    this.pending = undefined;
    if (content) await this.save(content);
    else await this.writing;
  }

  /** Drops pending content without writing it; resolves when the write in flight (if any) has landed. */
  cancel(): Promise<void> {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = undefined;
    return this.writing.catch(() => undefined);
  }

  /** Deletes the draft (and drops pending content). */
  async clear(): Promise<void> {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = undefined;
    if (!this.storage) return;
    const storage = this.storage;
    this.writing = this.writing.then(() => storage.del(this.key));
    await this.writing;
  }
}
