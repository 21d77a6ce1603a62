/**
 * Filing the dossier: one submission at a time, with an idempotency key kept in the draft (a retry after a
 * reload files once), and the receipt the back end gives.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CompiledValidator, FormModel } from '../../../runtime/model.js';
import { ValidationProblemError, type DossierReceipt } from '../../../runtime/backend.js';
import type { FormState } from '../../../runtime/form-state.js';
import { findNode } from '../../../runtime/conditions.js';
import { pruneHidden, type DossierIssue } from '../../../runtime/validate.js';
import type { ErrorSummaryItem } from '../../error-summary/error-summary.js';
import { DvcSubmitEvent, DvcSubmittedEvent } from '../events.js';
import type { AttachmentsController } from './attachments.js';
import type { BackendController } from './backend.js';
import type { DraftController } from './draft.js';
import type { ShellWords } from '../words.js';

/** What the submission controller reads of the element. */
export interface SubmissionHost extends ReactiveControllerHost {
  readonly model: FormModel;
  readonly validator: CompiledValidator;
  dispatchEvent(event: Event): boolean;
}

/** What the submission controller asks of the shell. */
export interface SubmissionOptions<T extends object> {
  form: FormState<T>;
  backend: BackendController;
  draft: DraftController;
  attachments: AttachmentsController<T>;
  /** The shell's words (the back end answers in their language). */
  words: ShellWords;
  /** Validates everything the citizen gave: what they must fix first (empty when the dossier can go). */
  check(): ErrorSummaryItem[];
  /** The dossier cannot go yet: show what to fix. */
  onInvalid(items: ErrorSummaryItem[]): void;
  /** The dossier is being sent (earlier banners go). */
  onSending(): void;
  /** The back end filed the dossier. */
  onFiled(receipt: DossierReceipt): void;
  /** The submission failed (offline, refused, a conflict, a server error). */
  onError(error: unknown): void;
}

/**
 * Submits the dossier of a procedure shell and keeps its receipt.
 *
 * @fires dvc-submit - About to submit; cancelable ({@link DvcSubmitEvent}, on the host).
 * @fires dvc-submitted - The back end accepted the dossier ({@link DvcSubmittedEvent}, on the host).
 */
export class SubmissionController<T extends object> implements ReactiveController {
  private _submitting = false;
  private _receipt: DossierReceipt | null = null;
  private key: string | undefined;

  constructor(
    private readonly host: SubmissionHost,
    private readonly options: SubmissionOptions<T>,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** True while a submission is under way. */
  get submitting(): boolean {
    return this._submitting;
  }

  /** The receipt of the filed dossier; null until filed. */
  get receipt(): DossierReceipt | null {
    return this._receipt;
  }

  /** The idempotency key of this filing (made at the first attempt, saved with the draft). */
  get idempotencyKey(): string | undefined {
    return this.key;
  }

  /** Takes the key of a restored draft. */
  restoreKey(key: string | undefined): void {
    this.key = key;
  }

  /** Takes a kept receipt (the fee is still unpaid). */
  restoreReceipt(r: DossierReceipt): void {
    this._receipt = r;
    this.host.requestUpdate();
  }

  /** Forgets the key and the receipt (the form starts again). */
  reset(): void {
    this.key = undefined;
    this._receipt = null;
    this.host.requestUpdate();
  }

  /** Validates everything and submits; a second call while one is running does nothing. */
  async submit(): Promise<void> {
    if (this._submitting) return;
    const { form, backend, draft, attachments } = this.options;
    const { model, validator } = this.host;
    this.setSubmitting(true);
    try {
      const items = this.options.check();
      if (items.length) {
        this.options.onInvalid(items);
        return;
      }
      this.key ??= newKey();
      // Not signed in: the filing's session secret is saved with the draft before the first attempt, so a
      // retry after a reload is made by the same (anonymous) owner.
      if (!(await backend.signedIn())) backend.filingSession();
      await draft.saveNow();
      const data = pruneHidden(model, validator, form.data) as T;
      const event = new DvcSubmitEvent<T>(data, this.key);
      this.host.dispatchEvent(event);
      if (event.defaultPrevented) return;
      this.options.onSending();
      const client = await backend.get();
      const p = model.procedure;
      const receipt = await client.submitDossier(p.slug, p.version, data, attachments.refs(), this.key, this.options.words.locale);
      this._receipt = receipt;
      // Filed: the answers are no longer kept on the device (only the receipt while the fee is unpaid).
      await draft.clearDraft();
      this.host.dispatchEvent(new DvcSubmittedEvent(receipt));
      this.options.onFiled(receipt);
    } catch (e) {
      // The back end definitely did not file it: the next attempt (with corrected answers) gets a new key.
      if (e instanceof ValidationProblemError) this.key = undefined;
      this.options.onError(e);
    } finally {
      this.setSubmitting(false);
    }
  }

  private setSubmitting(on: boolean): void {
    this._submitting = on;
    this.host.requestUpdate();
  }
}

/** The back end's objections to the answers (`/data/...` of a 422), as issues of the form. */
export function serverIssues(model: FormModel, e: ValidationProblemError): DossierIssue[] {
  return e.dataErrors().map((x) => {
    const node = findNode(model, x.pointer);
    const params: Record<string, string | number> = { ...(x.params ?? {}), field: node?.label.vi ?? x.pointer };
    return {
      pointer: x.pointer,
      keyword: x.keyword,
      severity: 'error' as const,
      messageKey: x.messageKey && !x.messageKey.startsWith('rule:') ? x.messageKey : `rule:${x.keyword}`,
      params,
      message: { vi: x.message, en: x.message },
    };
  });
}

function newKey(): string {
  const c = globalThis.crypto as Crypto | undefined;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  const bytes = new Uint8Array(16);
  c?.getRandomValues(bytes);
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}
