/**
 * The shell's memory on the device: the draft of the answers (kept locally, encrypted, and for a signed-in
 * citizen also on the back end), the receipt kept after filing while the fee is unpaid, the choice between two
 * copies of a draft, and forgetting the citizen at sign-out.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { FormModel } from '../../../runtime/model.js';
import type { DossierReceipt, Payment } from '../../../runtime/backend.js';
import { DraftStore, type DraftContent, type DraftRecord, type DraftStorage } from '../../../runtime/draft-store.js';
import { ReceiptStore, type ReceiptRecord } from '../../../runtime/receipt-store.js';
import { listenForSignOutElsewhere, secureLocalStorage, DvcCitizenDataClearEvent } from '../../../runtime/secure-storage.js';
import { DvcDraftRestoredEvent } from '../events.js';
import type { BackendController } from './backend.js';

/** What the draft controller reads of the element (its public properties). */
export interface DraftHost extends ReactiveControllerHost {
  readonly model: FormModel;
  readonly drafts: 'on' | 'off';
  readonly draftTtlDays: number;
  readonly serverDrafts: 'on' | 'off';
  readonly draftStorage?: DraftStorage | null | undefined;
  readonly tokenProvider?: (() => Promise<string | null>) | undefined;
  dispatchEvent(event: Event): boolean;
}

/** A filed dossier as it is kept while its fee is unpaid. */
export interface Filed {
  receipt: DossierReceipt;
  /** The page to show it on again. */
  page: 'receipt' | 'payment';
  payment: Payment | null;
  session: string | undefined;
}

/** A newer copy of the draft saved on another device while this tab was open: the citizen chooses. */
export interface DraftConflictChoice {
  savedAt: number;
  choose(choice: 'local' | 'server'): Promise<void>;
}

/** What the draft controller asks of the shell. */
export interface DraftOptions {
  backend: BackendController;
  /** The answers and the place in the form, as a draft keeps them. */
  content(): DraftContent;
  /** The filed dossier, once the back end accepted it (then only the receipt is kept). */
  filed(): Filed | null;
  /** Puts a saved draft back into the form. */
  restoreDraft(d: DraftRecord): void;
  /** Shows a kept receipt (payment page or receipt page). */
  restoreReceipt(r: ReceiptRecord): void;
  /** Empties the form in memory (the citizen is forgotten). */
  reset(): void;
}

/**
 * Keeps the draft and the unpaid receipt of a procedure shell (`drafts`, `draft-ttl-days`, `server-drafts`,
 * `draftStorage` of the element), writes a pending draft before the page goes away, and forgets the citizen
 * when `clearCitizenData()` is called (here or anywhere on the page).
 *
 * @fires dvc-draft-restored - A saved draft was put back into the form ({@link DvcDraftRestoredEvent}, on the host).
 */
export class DraftController implements ReactiveController {
  private store: DraftStore | null = null;
  /** The receipt kept while the fee is unpaid (same storage as the draft). */
  private receiptStore: ReceiptStore | null = null;
  /** The draft storage wrapper that also syncs with the back end, when used. */
  private synced: { dispose(): void } | null = null;
  /** True while the form forgets the citizen: nothing is saved meanwhile. */
  private forgetting = false;
  private receiptWrites: Promise<void> = Promise.resolve();
  private _conflict: DraftConflictChoice | null = null;
  private _restoredAt: number | null = null;

  constructor(
    private readonly host: DraftHost,
    private readonly options: DraftOptions,
  ) {
    host.addController(this);
  }

  /** A newer copy saved on another device, waiting for the citizen's choice. */
  get conflict(): DraftConflictChoice | null {
    return this._conflict;
  }

  /** When the draft put back into the form was saved (epoch ms); null when the form started empty. */
  get restoredAt(): number | null {
    return this._restoredAt;
  }

  /** Writes a pending draft before the page goes away (reload, tab closed, app switched on a phone). */
  private readonly onPageHide = (): void => {
    void this.store?.flush();
  };

  /** `clearCitizenData()` was called: forget everything held in memory and stop pending writes. */
  private readonly onCitizenDataClear = (e: DvcCitizenDataClearEvent): void => {
    e.waitUntil(this.forget());
  };

  hostConnected(): void {
    window.addEventListener(DvcCitizenDataClearEvent.eventName, this.onCitizenDataClear);
    listenForSignOutElsewhere();
    window.addEventListener('pagehide', this.onPageHide);
    document.addEventListener('visibilitychange', this.onPageHide);
  }

  hostDisconnected(): void {
    window.removeEventListener(DvcCitizenDataClearEvent.eventName, this.onCitizenDataClear);
    window.removeEventListener('pagehide', this.onPageHide);
    document.removeEventListener('visibilitychange', this.onPageHide);
    void this.store?.flush();
  }

  /**
   * Opens the stores and puts back what they keep: the unpaid receipt if any, else the draft (a draft an older
   * SDK saved after filing keeps only its receipt). With `drafts="off"` a stored draft is deleted.
   */
  async open(): Promise<void> {
    const host = this.host;
    const ttlDays = host.draftTtlDays > 0 ? host.draftTtlDays : 30;
    // The SDK's own storage is encrypted at rest (a page that cannot encrypt stores nothing).
    let storage = host.draftStorage === undefined && host.drafts !== 'off' ? secureLocalStorage() : host.draftStorage;
    const local = storage ?? null;
    if (host.drafts !== 'off' && host.serverDrafts !== 'off' && storage !== null && this.options.backend.configured) {
      // Server-side drafts: the local copy stays the source of truth; a signed-in citizen's is also synced.
      try {
        const m = await import('../../../runtime/synced-draft-storage.js');
        if (local && !(local instanceof m.SyncedDraftStorage)) {
          const synced: InstanceType<typeof m.SyncedDraftStorage> = new m.SyncedDraftStorage({
            local,
            model: host.model,
            client: () => this.options.backend.get(),
            // Each citizen's copy is kept apart on a device several people use (read from the token).
            owner: async () => m.tokenOwner(host.tokenProvider ? await host.tokenProvider() : null),
            ttlDays,
            onConflict: (c) => {
              this._conflict = {
                savedAt: c.server.savedAt,
                choose: async (choice) => {
                  this._conflict = null;
                  host.requestUpdate();
                  const rec = await synced.resolveConflict(choice);
                  if (rec) this.restore(rec);
                },
              };
              host.requestUpdate();
            },
          });
          storage = synced;
          this.synced = synced;
        }
      } catch (e) {
        console.warn('dvc-forms: server-side drafts are unavailable; the draft stays on this device', e);
      }
    }
    this.store = new DraftStore({ model: host.model, storage: storage ?? null, enabled: host.drafts !== 'off', ttlDays });
    const p = host.model.procedure;
    this.receiptStore = new ReceiptStore(host.drafts === 'off' ? null : local, ReceiptStore.keyOf(p.slug, p.version));
    if (host.drafts === 'off') {
      await this.store.clear().catch(() => undefined);
      return;
    }
    const receipt = await this.receiptStore.load().catch((e: unknown) => {
      console.warn('dvc-forms: could not read the saved receipt', e);
      return null;
    });
    const draft = receipt
      ? null
      : await this.store.load().catch((e: unknown) => {
          console.warn('dvc-forms: could not read the saved draft', e);
          return null;
        });
    if (receipt) this.options.restoreReceipt(receipt);
    else if (draft?.receipt) await this.migrateFiledDraft(draft);
    else if (draft) this.restore(draft);
  }

  /** Puts a draft back into the form and says so. */
  private restore(d: DraftRecord): void {
    this.options.restoreDraft(d);
    this._restoredAt = d.savedAt;
    this.host.requestUpdate();
    this.host.dispatchEvent(new DvcDraftRestoredEvent(d.savedAt, d.stepId));
  }

  /**
   * A draft saved by an older SDK after filing (the answers with the receipt): keep only the receipt while the
   * fee is unpaid, and delete the answers.
   */
  private async migrateFiledDraft(d: DraftRecord): Promise<void> {
    const r = d.receipt as DossierReceipt;
    const total = Number(r?.fee?.total ?? 0);
    if (typeof r?.code === 'string' && total > 0) {
      await this.receiptStore?.save({
        receipt: r,
        procedure: this.host.model.procedure.slug,
        page: d.page === 'receipt' ? 'receipt' : 'payment',
        paymentId: d.paymentId,
        session: d.session,
      });
      const kept = await this.receiptStore?.load();
      if (kept) this.options.restoreReceipt(kept);
    }
    await this.store?.clear();
  }

  /** Schedules a write of the draft (or of the receipt, once filed). */
  saveSoon(): void {
    if (!this.store?.enabled || this.forgetting) return;
    if (this.options.filed()) {
      void this.saveReceipt();
      return;
    }
    this.store.schedule(this.options.content());
  }

  /** Writes the draft (or the receipt, once filed) now. */
  async saveNow(): Promise<void> {
    if (!this.store || this.forgetting) return;
    if (this.options.filed()) {
      await this.saveReceipt();
      return;
    }
    this.store.schedule(this.options.content());
    await this.store.flush().catch((e: unknown) => console.warn('dvc-forms: could not save the draft', e));
  }

  /** After filing: keeps the receipt (no answers) while the fee is unpaid; deletes it once paid or free. */
  private saveReceipt(): Promise<void> {
    const f = this.options.filed();
    const rs = this.receiptStore;
    if (!f || !rs || !this.store?.enabled) return this.receiptWrites;
    const done = f.receipt.fee.total === 0 || f.payment?.status === 'paid' || f.payment?.status === 'refund-due';
    const input = {
      receipt: f.receipt,
      procedure: this.host.model.procedure.slug,
      page: f.page,
      paymentId: f.payment?.id,
      paymentStatus: f.payment?.status,
      session: f.session,
    };
    this.receiptWrites = this.receiptWrites
      .then(() => (done ? rs.clear() : rs.save(input)))
      .catch((e: unknown) => console.warn('dvc-forms: could not save the receipt', e));
    return this.receiptWrites;
  }

  /** Deletes the draft of the answers (the dossier was filed). */
  async clearDraft(): Promise<void> {
    await this.store?.clear();
  }

  /** Deletes the draft and the kept receipt. */
  async discard(): Promise<void> {
    await this.store?.clear();
    await this.receiptStore?.clear();
  }

  /** Forgets the citizen in memory and stops pending writes (nothing is written back afterwards). */
  async forget(): Promise<void> {
    this.forgetting = true;
    try {
      this.synced?.dispose();
      this.options.reset();
      await this.store?.cancel();
      await this.receiptWrites;
    } finally {
      this.forgetting = false;
    }
  }

  /** Deletes this form's draft and receipt from the host's own `draftStorage` (the SDK's storage is cleared apart). */
  async clearOwnStorage(): Promise<void> {
    const storage = this.host.draftStorage;
    if (!storage) return;
    const p = this.host.model.procedure;
    await storage.del(DraftStore.keyOf(this.host.model)).catch(() => undefined);
    await storage.del(ReceiptStore.keyOf(p.slug, p.version)).catch(() => undefined);
  }

  /** Forgets the restored draft's time and any open conflict (the form starts again). */
  reset(): void {
    this._restoredAt = null;
    this._conflict = null;
    this.host.requestUpdate();
  }
}
