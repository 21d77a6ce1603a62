/**
 * Server-side drafts, so a signed-in citizen can resume on another device.
 *
 * `SyncedDraftStorage` is a `DraftStorage` that wraps the local one (IndexedDB in browsers). The local copy
 * stays the source of truth while the citizen types: every save lands there at once and works offline.
 * When a citizen is signed in, the draft is also copied to the back end (`PUT /drafts/{slug}`), debounced
 * (one request per quiet period, never one per keystroke), retried with backoff and when the browser comes
 * back online, without the values of `x-sensitive` nodes.
 *
 * Ordering rules (a stale device must never overwrite the draft of the device used last):
 * - every local copy remembers which server version it derives from (`sync.base`, the server's
 *   `updatedAt`) and whether it has changes the server lacks (`sync.dirty`);
 * - saves are conditional (`baseUpdatedAt`): the back end refuses one whose base is no longer the stored
 *   draft, so a device that did not see the latest server copy cannot replace it;
 * - on load the newer copy wins: an unchanged local copy gives way to a server copy saved since; when both
 *   changed, the one with the later `savedAt` wins;
 * - mid-session, a refused save never replaces what the citizen is typing: syncing pauses, the conflict is
 *   reported (`onConflict`, `conflict`) and the host decides (`resolveConflict`).
 *
 * Anonymous citizens (nobody signed in) cause no request at all. With `owner`, each citizen's local copy is
 * kept apart, so on a device several people use nobody sees or uploads someone else's draft. Deleting the draft (submission, "start
 * again") deletes the server copy too; a submitted record (one with a receipt) is never sent.
 */
import { decodeJwt } from 'jose';
import type { BackendClient, ServerDraft } from './backend.js';
import { ConflictError, isRetryable } from './backend.js';
import { secureLocalStorage } from './secure-storage.js';
import { DraftStore, type DraftRecord, type DraftStorage, type DraftSyncState } from './draft-store.js';
import type { FormModel } from './model.js';
import { withoutSensitive } from './sensitive.js';

/** A server copy that is newer than the open tab's and was not applied. */
export interface DraftConflict {
  /** The server's copy, as a local draft record. */
  server: DraftRecord;
  /** The tab's own copy. */
  local: DraftRecord;
}

/** Options of {@link SyncedDraftStorage}. */
export interface SyncedDraftStorageOptions {
  /** The local storage (the source of truth), e.g. `indexedDbStorage()`. */
  local: DraftStorage;
  /** The procedure: its slug names the server draft; its sensitive nodes are never sent. */
  model: FormModel;
  /** The back end (called lazily, only for a signed-in citizen). */
  client: BackendClient | (() => Promise<BackendClient>);
  /**
   * Who is signed in now: a stable identifier of the citizen (e.g. the token's `sub`), or `null` for nobody.
   * With it, each citizen's local copy is kept apart on a device several people use (a family phone): a
   * citizen never sees, nor sends to their account, a draft of someone else; a draft typed before signing
   * in is taken over by the citizen who signs in. The identifier is stored only as a SHA-256 digest.
   * Give `owner` or `signedIn`.
   */
  owner?: () => Promise<string | null>;
  /** Whether a citizen is signed in now, when no `owner` is given (one local copy for everyone). Nothing is sent otherwise. */
  signedIn?: () => Promise<boolean>;
  /** Days a draft is kept after its last change (as the local store's `ttlDays`). Default 30. */
  ttlDays?: number;
  /** Quiet period before a change is sent to the server. Default 2000 ms. */
  debounceMs?: number;
  /** Delays before successive retries after a network or server failure. Default 2, 5, 15, 30, 60 s (the last repeats). */
  retryDelaysMs?: number[];
  /** How long loading waits for the server before going on with the local copy. Default 5000 ms. */
  loadTimeoutMs?: number;
  /** Clock (epoch ms), for tests. */
  now?: () => number;
  /** Called when a newer server copy was found mid-session and the tab's copy was kept. */
  onConflict?: (conflict: DraftConflict) => void;
  /** Called on failures that are not retried (default: `console.warn`). */
  onError?: (error: unknown) => void;
}

/** What the server side is doing, for hosts and tests. */
export type DraftSyncStatus = 'idle' | 'pending' | 'syncing' | 'offline' | 'conflict';

type Decision =
  | { pick: 'none' }
  | { pick: 'gone' }
  | { pick: 'local-only' }
  | { pick: 'server'; record: DraftRecord }
  | { pick: 'local'; base: string | null; dirty: boolean };

const DAY = 86_400_000;
const TOMBSTONE = '#discarded';

/** Rejects after `ms` (the load goes on with the local copy). */
function timeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    p,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the back end did not answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

function isRecord(v: unknown): v is DraftRecord {
  return typeof v === 'object' && v !== null && (v as DraftRecord).format === 1;
}

/** A local draft storage that also keeps a copy on the back end for a signed-in citizen. */
export class SyncedDraftStorage implements DraftStorage {
  /** Storage key of the draft this storage syncs (other keys only reach the local storage). */
  readonly key: string;
  private readonly local: DraftStorage;
  private readonly model: FormModel;
  private readonly ttlMs: number;
  private readonly debounceMs: number;
  private readonly retryDelays: number[];
  private readonly loadTimeoutMs: number;
  private readonly now: () => number;
  private readonly options: SyncedDraftStorageOptions;
  /** Local read-modify-writes of the key, one at a time. */
  private queue: Promise<unknown> = Promise.resolve();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private attempt = 0;
  private running: Promise<void> | null = null;
  private again = false;
  private listening = false;
  private _status: DraftSyncStatus = 'idle';
  private _conflict: DraftConflict | null = null;
  private refusals = 0;
  /** The local key of the current citizen's copy (`key`, or `key@<digest of the owner>`). */
  private slotKey: string;
  private readonly digests = new Map<string, string>();

  constructor(options: SyncedDraftStorageOptions) {
    this.options = options;
    this.local = options.local;
    this.model = options.model;
    this.key = DraftStore.keyOf(options.model);
    this.slotKey = this.key;
    if (!options.owner && !options.signedIn) throw new TypeError('SyncedDraftStorage: give `owner` or `signedIn`');
    const ttlDays = options.ttlDays ?? 30;
    if (!(ttlDays > 0)) throw new RangeError(`SyncedDraftStorage: ttlDays must be a positive number of days, got ${ttlDays}`);
    this.ttlMs = ttlDays * DAY;
    this.debounceMs = options.debounceMs ?? 2000;
    this.retryDelays = options.retryDelaysMs?.length ? options.retryDelaysMs : [2000, 5000, 15_000, 30_000, 60_000];
    if (this.retryDelays.some((d) => !(d >= 0))) throw new RangeError('SyncedDraftStorage: retryDelaysMs must be non-negative numbers');
    this.loadTimeoutMs = options.loadTimeoutMs ?? 5000;
    this.now = options.now ?? Date.now;
  }

  /** What the server side is doing now. */
  get status(): DraftSyncStatus {
    return this._status;
  }

  /** The unresolved conflict, if any (syncing is paused until {@link resolveConflict}). */
  get conflict(): DraftConflict | null {
    return this._conflict;
  }

  // ------------------------------------------------------------------ DraftStorage

  /** The newer of the local and the server copy (the server is asked only for a signed-in citizen). */
  async get(key: string): Promise<unknown> {
    if (key !== this.key) return this.local.get(key);
    await this.refreshSlot();
    const local = await this.exclusive(() => this.adopt());
    if (!(await this.signedIn())) return local;
    let server: ServerDraft | null;
    try {
      server = await timeout(
        this.client().then((c) => c.loadDraft(this.model.procedure.slug)),
        this.loadTimeoutMs,
      );
    } catch (e) {
      this.report(e);
      if (isRecord(local) && local.sync?.dirty) this.schedule(0);
      return local;
    }
    return this.exclusive(async () => {
      const current = await this.local.get(this.slotKey);
      const cur = isRecord(current) ? current : null;
      try {
        server = await this.settleTombstone(await this.client(), server);
      } catch (e) {
        this.report(e);
        return cur ?? undefined;
      }
      const chosen = await this.apply(cur, this.decide(cur, server));
      if (chosen?.sync?.dirty) this.schedule(0);
      return chosen ?? undefined;
    });
  }

  /** Writes the local copy at once and sends it to the server after the quiet period. */
  async set(key: string, value: unknown): Promise<void> {
    if (key !== this.key || !isRecord(value)) return this.local.set(key, value);
    await this.refreshSlot();
    const justSubmitted = await this.exclusive(async () => {
      const prev = await this.local.get(this.slotKey);
      let base = isRecord(prev) ? prev.sync?.base : undefined;
      if (!isRecord(prev)) {
        // A new draft after one discarded offline: it replaces the discarded server copy, if still unchanged.
        const tomb = (await this.local.get(this.slotKey + TOMBSTONE)) as { base?: string } | undefined;
        if (tomb) {
          base = tomb.base;
          await this.local.del(this.slotKey + TOMBSTONE);
        }
      }
      const submitted = value.receipt !== undefined;
      const sync: DraftSyncState = submitted ? { base: null, dirty: false } : { dirty: true, ...(base !== undefined ? { base } : {}) };
      await this.local.set(this.slotKey, { ...value, sync });
      return submitted && (!isRecord(prev) || prev.receipt === undefined);
    });
    if (justSubmitted) {
      // Filed: the server copy has served its purpose.
      this.cancel();
      await this.deleteOnServer().catch((e: unknown) => this.report(e));
    } else if (value.receipt === undefined && !this._conflict) {
      this.schedule(this.debounceMs);
    }
  }

  /** Deletes the local copy and the server copy (retried later when offline). */
  async del(key: string): Promise<void> {
    if (key !== this.key) return this.local.del(key);
    await this.refreshSlot();
    this.cancel();
    this._conflict = null;
    await this.exclusive(async () => {
      const prev = await this.local.get(this.slotKey);
      await this.local.del(this.slotKey);
      const b = isRecord(prev) ? prev.sync?.base : undefined;
      // Remember the deletion until the server has it: the server copy it was based on must go too.
      if (typeof b === 'string') await this.local.set(this.slotKey + TOMBSTONE, { base: b, at: this.now() });
    });
    try {
      await this.deleteOnServer();
    } catch (e) {
      this.report(e);
      if (isRetryable(e)) this.schedule(this.nextDelay());
    }
  }

  // ------------------------------------------------------------------ control

  /** Sends pending changes now (also retries a failed send); resolves when done or failed. */
  async syncNow(): Promise<void> {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.running) {
      this.again = true;
      await this.running;
      return;
    }
    this.running = this.run().finally(() => {
      this.running = null;
    });
    await this.running;
    if (this.again) {
      this.again = false;
      await this.syncNow();
    }
  }

  /**
   * Ends a conflict: `local` keeps the tab's copy and sends it over the server's; `server` stores the
   * server's copy locally and returns it (the host shows it).
   */
  async resolveConflict(choice: 'local' | 'server'): Promise<DraftRecord | null> {
    const c = this._conflict;
    if (!c) return null;
    this._conflict = null;
    const base = c.server.sync?.base ?? null;
    if (choice === 'server') {
      await this.exclusive(() => this.local.set(this.slotKey, c.server));
      this.setStatus('idle');
      return c.server;
    }
    await this.exclusive(async () => {
      const cur = await this.local.get(this.slotKey);
      if (isRecord(cur)) await this.local.set(this.slotKey, { ...cur, sync: { base, dirty: true } });
    });
    await this.syncNow();
    return null;
  }

  /** Stops timers and listeners (pending changes stay in the local copy and are sent on the next load). */
  dispose(): void {
    this.cancel();
  }

  // ------------------------------------------------------------------ internals

  /** Points `slotKey` at the copy of whoever is signed in now. */
  private async refreshSlot(): Promise<void> {
    if (!this.options.owner) return;
    let owner: string | null;
    try {
      owner = await this.options.owner();
    } catch (e) {
      this.report(e);
      owner = null;
    }
    if (owner === null) {
      this.slotKey = this.key;
      return;
    }
    let digest = this.digests.get(owner);
    if (digest === undefined) {
      digest = await sha256Hex(owner);
      this.digests.set(owner, digest);
    }
    this.slotKey = `${this.key}@${digest}`;
  }

  /**
   * The current citizen's local copy; when they have none, a draft typed before signing in on this device
   * (never synced: nobody's account) becomes theirs. Runs inside `exclusive`.
   */
  private async adopt(): Promise<unknown> {
    const own = await this.local.get(this.slotKey);
    if (own !== undefined || this.slotKey === this.key) return own;
    const anonymous = await this.local.get(this.key);
    if (!isRecord(anonymous) || typeof anonymous.sync?.base === 'string' || anonymous.receipt !== undefined) return own;
    await this.local.set(this.slotKey, anonymous);
    await this.local.del(this.key);
    return anonymous;
  }

  private client(): Promise<BackendClient> {
    const c = this.options.client;
    return typeof c === 'function' ? c() : Promise.resolve(c);
  }

  private async signedIn(): Promise<boolean> {
    try {
      if (this.options.owner) return (await this.options.owner()) !== null;
      return (await this.options.signedIn?.()) ?? false;
    } catch (e) {
      this.report(e);
      return false;
    }
  }

  private exclusive<R>(fn: () => Promise<R>): Promise<R> {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private report(e: unknown): void {
    if (this.options.onError) this.options.onError(e);
    else console.warn('dvc-forms: server-side draft', e);
  }

  private setStatus(s: DraftSyncStatus): void {
    this._status = s;
  }

  private nextDelay(): number {
    const d = this.retryDelays[Math.min(this.attempt, this.retryDelays.length - 1)];
    this.attempt++;
    return d;
  }

  private schedule(ms: number): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    if (this._status !== 'offline' && this._status !== 'conflict') this.setStatus('pending');
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.syncNow();
    }, ms);
    this.listen(true);
  }

  private cancel(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.attempt = 0;
    this.listen(false);
    this.setStatus('idle');
  }

  /** While work is pending: send at once when the browser comes online or the page is hidden. */
  private readonly onWake = (): void => {
    void this.syncNow();
  };

  private listen(on: boolean): void {
    const g = globalThis as { addEventListener?: typeof addEventListener; removeEventListener?: typeof removeEventListener };
    if (typeof g.addEventListener !== 'function' || typeof g.removeEventListener !== 'function') return;
    if (on === this.listening) return;
    this.listening = on;
    for (const type of ['online', 'pagehide']) {
      if (on) g.addEventListener(type, this.onWake);
      else g.removeEventListener(type, this.onWake);
    }
  }

  /** A server draft as a local record (null when expired or of another procedure version). */
  private fromServer(s: ServerDraft): DraftRecord | null {
    const p = this.model.procedure;
    if (s.version !== p.version) return null;
    const saved = Date.parse(s.savedAt ?? s.updatedAt);
    if (Number.isNaN(saved)) return null;
    const expiresAt = saved + this.ttlMs;
    if (expiresAt <= this.now()) return null;
    return {
      format: 1,
      slug: p.slug,
      procedureVersion: s.version,
      savedAt: saved,
      expiresAt,
      data: s.data,
      ...(s.stepId ? { page: 'step', stepId: s.stepId } : {}),
      sync: { base: s.updatedAt, dirty: false },
    };
  }

  /** Which copy is the newer one. Pure: writes nothing. */
  private decide(local: DraftRecord | null, server: ServerDraft | null): Decision {
    const remote = server ? this.fromServer(server) : null;
    if (local?.receipt !== undefined) return { pick: 'local-only' }; // submitted here: never synced
    if (!remote) {
      if (!local) return { pick: 'none' };
      if (typeof local.sync?.base === 'string' && !server && !local.sync.dirty) {
        // It was on the server and is gone: submitted or discarded on another device.
        return { pick: 'gone' };
      }
      // The server has none (or one that is expired or of another version, which may be replaced).
      return { pick: 'local', base: server?.updatedAt ?? null, dirty: true };
    }
    if (!local) return { pick: 'server', record: remote };
    const dirty = local.sync?.dirty ?? true;
    if (local.sync?.base === server!.updatedAt) return { pick: 'local', base: server!.updatedAt, dirty };
    // The server copy changed since this one was synced (another device saved).
    if (dirty && local.savedAt > remote.savedAt) return { pick: 'local', base: server!.updatedAt, dirty: true };
    return { pick: 'server', record: remote };
  }

  /** Applies a decision to the local storage (inside `exclusive`); returns the draft to show. */
  private async apply(local: DraftRecord | null, d: Decision): Promise<DraftRecord | null> {
    switch (d.pick) {
      case 'none':
        return null;
      case 'local-only':
        return local;
      case 'gone':
        await this.local.del(this.slotKey);
        return null;
      case 'server':
        await this.local.set(this.slotKey, d.record);
        return d.record;
      case 'local': {
        const next: DraftRecord = { ...local!, sync: { base: d.base, dirty: d.dirty } };
        if (local!.sync?.base !== d.base || local!.sync?.dirty !== d.dirty) await this.local.set(this.slotKey, next);
        return next;
      }
    }
  }

  /** Deletes the server copy if it is still the one discarded on this device while offline. */
  private async settleTombstone(client: BackendClient, server: ServerDraft | null): Promise<ServerDraft | null> {
    const tomb = (await this.local.get(this.slotKey + TOMBSTONE)) as { base?: string } | undefined;
    if (!tomb) return server;
    if (server && server.updatedAt === tomb.base) {
      await client.deleteDraft(this.model.procedure.slug);
      server = null;
    }
    await this.local.del(this.slotKey + TOMBSTONE);
    return server;
  }

  private async deleteOnServer(): Promise<void> {
    if (this.running) await this.running.catch(() => undefined); // a save in flight must not bring it back
    if (!(await this.signedIn())) return;
    await (await this.client()).deleteDraft(this.model.procedure.slug);
    await this.exclusive(() => this.local.del(this.slotKey + TOMBSTONE));
  }

  /** One send of the local copy (a conditional save). */
  private async run(): Promise<void> {
    if (this._conflict) return;
    await this.refreshSlot();
    if (!(await this.signedIn())) {
      this.cancel();
      return;
    }
    const slug = this.model.procedure.slug;
    try {
      const client = await this.client();
      const rec = await this.exclusive(async () => {
        const cur = await this.local.get(this.slotKey);
        if (!isRecord(cur) && (await this.local.get(this.slotKey + TOMBSTONE)) !== undefined) {
          await this.settleTombstone(client, await client.loadDraft(slug));
        }
        return cur;
      });
      if (!isRecord(rec) || !rec.sync?.dirty || rec.receipt !== undefined) {
        this.cancel();
        return;
      }
      this.setStatus('syncing');
      let base = rec.sync.base;
      if (base === undefined) {
        // Never compared with the server (e.g. signed in after the form was opened): compare now.
        const server = await client.loadDraft(slug);
        const d = this.decide(rec, server);
        if (d.pick === 'server') {
          // The server's copy is newer than what this tab typed: never replace it silently.
          this.raiseConflict(d.record, rec);
          return;
        }
        if (d.pick !== 'local') {
          this.cancel();
          return;
        }
        base = d.base;
      }
      await this.send(client, rec, base);
    } catch (e) {
      if (e instanceof ConflictError) {
        await this.onRefused().catch((err: unknown) => {
          this.report(err);
          if (isRetryable(err)) this.schedule(this.nextDelay());
        });
        return;
      }
      this.report(e);
      if (isRetryable(e)) {
        this.setStatus('offline');
        this.schedule(this.nextDelay());
      } else {
        this.cancel();
      }
    }
  }

  private async send(client: BackendClient, rec: DraftRecord, base: string | null): Promise<void> {
    const slug = this.model.procedure.slug;
    const answer = await client.saveDraft(slug, {
      version: this.model.procedure.version,
      data: withoutSensitive(this.model, rec.data ?? {}),
      ...(rec.stepId ? { stepId: rec.stepId } : {}),
      savedAt: new Date(rec.savedAt).toISOString(),
      baseUpdatedAt: base,
    });
    const stored = answer ?? (await client.loadDraft(slug));
    const updatedAt = stored?.updatedAt ?? null;
    let stillDirty = false;
    await this.exclusive(async () => {
      const cur = await this.local.get(this.slotKey);
      if (!isRecord(cur) || cur.receipt !== undefined) return;
      stillDirty = cur.savedAt !== rec.savedAt;
      await this.local.set(this.slotKey, { ...cur, sync: { base: updatedAt, dirty: stillDirty } });
    });
    this.attempt = 0;
    this.refusals = 0;
    if (stillDirty) this.schedule(this.debounceMs);
    else this.cancel();
  }

  /** The server refused a save: another device saved (or deleted) since this tab's base. */
  private async onRefused(): Promise<void> {
    const server = await (await this.client()).loadDraft(this.model.procedure.slug);
    const rec = await this.exclusive(() => this.local.get(this.slotKey));
    if (!isRecord(rec)) return this.cancel();
    const remote = server ? this.fromServer(server) : null;
    if (remote) {
      this.raiseConflict(remote, rec);
      return;
    }
    // Deleted, expired or of another version on the server: nothing newer to lose; send this copy over it.
    if (++this.refusals > 3) {
      this.report(new Error(`dvc-forms: the back end keeps refusing the draft of "${this.model.procedure.slug}"`));
      this.cancel();
      return;
    }
    await this.exclusive(async () => {
      const cur = await this.local.get(this.slotKey);
      if (isRecord(cur)) await this.local.set(this.slotKey, { ...cur, sync: { base: server?.updatedAt ?? null, dirty: true } });
    });
    this.schedule(0);
  }

  private raiseConflict(server: DraftRecord, local: DraftRecord): void {
    this.cancel();
    this._conflict = { server, local };
    this.setStatus('conflict');
    this.options.onConflict?.(this._conflict);
  }
}

/**
 * The owner of a bearer token for {@link SyncedDraftStorageOptions.owner}: the JWT's `iss` and `sub` (read, not
 * verified: it only picks a local slot, the back end checks the token), `null` without a token, and one
 * shared slot (`"signed-in"`) for a token that is not a JWT.
 */
export function tokenOwner(token: string | null | undefined): string | null {
  if (!token) return null;
  try {
    const { iss, sub } = decodeJwt(token);
    return sub ? `${iss ?? ''} ${sub}` : 'signed-in';
  } catch {
    return 'signed-in';
  }
}

/** Hex SHA-256 of a text (Web Crypto; the text itself where there is none, e.g. a page served over plain http). */
async function sha256Hex(text: string): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return encodeURIComponent(text);
  const bytes = new Uint8Array(await subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The local storage a `DraftStore` uses by default: encrypted IndexedDB where the page can encrypt, else none. */
export function defaultLocalDraftStorage(): DraftStorage | null {
  return secureLocalStorage();
}
