/**
 * The attachments of a procedure shell: one upload queue per attachment requirement (kept for the session,
 * so uploads go on while the citizen changes page), the errors shown beside each, and the citizen's reusable
 * documents (`GET /documents`).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { AttachmentModel, CompiledValidator, FormModel } from '../../../runtime/model.js';
import { OfflineError, type AttachmentRef, type CitizenDocument } from '../../../runtime/backend.js';
import type { DraftRecord } from '../../../runtime/draft-store.js';
import type { FormState } from '../../../runtime/form-state.js';
import { attachmentShortfall, isAttachmentRequired } from '../../../runtime/attachments.js';
import { pruneHidden } from '../../../runtime/validate.js';
import type { ShellWords } from '../words.js';
import type { ErrorSummaryItem } from '../../error-summary/error-summary.js';
import { AttachmentUploadQueue } from '../../attachment/upload-queue.js';
import type { BackendController } from './backend.js';

/** What the attachments controller reads of the element. */
export interface AttachmentsHost extends ReactiveControllerHost {
  readonly model: FormModel;
  readonly validator: CompiledValidator;
}

/** The finished files of each attachment, as a draft keeps them. */
export type SavedAttachments = NonNullable<DraftRecord['attachments']>;

/** What the attachments controller asks of the shell. */
export interface AttachmentsOptions<T extends object> {
  form: FormState<T>;
  backend: BackendController;
  /** The shell's messages and the model's texts in the form's language. */
  words: ShellWords;
  /** The finished files of an attachment changed (an upload done, a file removed): the draft should be saved. */
  onFilesChange(): void;
}

/**
 * Holds the upload queues of a procedure shell and checks them before review and submission (the runtime's
 * count rule, as the back end applies it). Fires no event (`<dvc-attachment>` fires its own).
 */
export class AttachmentsController<T extends object> implements ReactiveController {
  private readonly queues = new Map<string, AttachmentUploadQueue>();
  /** Draft JSON of the finished files of each attachment, to save the draft only when it changes. */
  private readonly saved = new Map<string, string>();
  private readonly errors = new Map<string, string>();
  private _documents: CitizenDocument[] = [];
  private documentsLoaded = false;

  constructor(
    private readonly host: AttachmentsHost,
    private readonly options: AttachmentsOptions<T>,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** The signed-in citizen's documents that can stand for an attachment (empty until read). */
  get documents(): CitizenDocument[] {
    return this._documents;
  }

  /** The file queue of an attachment (created on first use, kept for the session). */
  queueOf(id: string): AttachmentUploadQueue {
    let q = this.queues.get(id);
    if (!q) {
      q = new AttachmentUploadQueue(id, (file, options) => this.options.backend.get().then((c) => c.upload(file, options)));
      const queue = q;
      q.subscribe(() => this.onQueueChange(id, queue));
      this.queues.set(id, q);
    }
    return q;
  }

  /** The error shown beside an attachment ('' when none). */
  error(id: string): string {
    return this.errors.get(id) ?? '';
  }

  /** True when the attachment must be given with the answers as they are now. */
  required(a: AttachmentModel): boolean {
    const { model, validator } = this.host;
    // `required` needs no pruning of the answers.
    return a.required || isAttachmentRequired(a, validator, pruneHidden(model, validator, this.options.form.data));
  }

  /** Puts back the finished files a draft kept (of the attachments this procedure still has). */
  restore(attachments: SavedAttachments | undefined): void {
    for (const [id, files] of Object.entries(attachments ?? {})) {
      if (!this.host.model.attachments.some((a) => a.id === id)) continue;
      const saved = files.filter((f) => f && typeof f.name === 'string' && (f.uploadId || f.documentId));
      this.saved.set(id, JSON.stringify(saved));
      this.queueOf(id).restore(saved);
    }
  }

  /** The finished files of each attachment, for the draft. */
  content(): SavedAttachments {
    const attachments: SavedAttachments = {};
    for (const [id, queue] of this.queues) {
      const done = queue.saved();
      if (done.length) attachments[id] = done;
    }
    return attachments;
  }

  /** The uploaded files and chosen documents of every attachment, for the submission. */
  refs(): AttachmentRef[] {
    const refs: AttachmentRef[] = [];
    for (const a of this.host.model.attachments) refs.push(...this.queueOf(a.id).refs());
    return refs;
  }

  /** Empties every queue and forgets the errors and the documents read. */
  reset(): void {
    for (const q of this.queues.values()) q.clear();
    this.errors.clear();
    this.saved.clear();
    this._documents = [];
    this.documentsLoaded = false;
  }

  /** Reads the citizen's reusable documents once (when an attachment accepts one and a back end is set). */
  async loadDocuments(): Promise<void> {
    if (this.documentsLoaded || !this.host.model.attachments.some((a) => a.documentType)) return;
    if (!this.options.backend.configured) return;
    this.documentsLoaded = true;
    try {
      this._documents = await this.options.backend.listDocuments();
      this.host.requestUpdate();
    } catch (e) {
      this.documentsLoaded = false;
      if (!(e instanceof OfflineError)) console.warn('dvc-forms: could not list reusable documents', e);
    }
  }

  /** Saves the draft when the finished files of an attachment changed (an upload done, a file removed). */
  private onQueueChange(id: string, queue: AttachmentUploadQueue): void {
    // A "still uploading" error goes as soon as nothing is left to send.
    if (!queue.pending && this.errors.has(id)) {
      this.errors.delete(id);
      this.host.requestUpdate();
    }
    const saved = JSON.stringify(queue.saved());
    if (saved === (this.saved.get(id) ?? '[]')) return;
    this.saved.set(id, saved);
    this.options.onFilesChange();
  }

  /** The citizen changed an attachment: its "missing" error goes until the next check. */
  inputChanged(a: AttachmentModel): void {
    if (this.errors.delete(a.id)) this.host.requestUpdate();
  }

  /** Checks every attachment (uploads finished, none failed, the number of files): the errors, for the summary. */
  check(): ErrorSummaryItem[] {
    const { words } = this.options;
    const items: ErrorSummaryItem[] = [];
    for (const a of this.host.model.attachments) {
      const queue = this.queueOf(a.id);
      const title = words.l(a.title);
      const failed = queue.files.find((f) => f.status === 'failed');
      if (failed || queue.pending) {
        const msg = failed ? words.text('uploadFailedRetry', { name: failed.name }) : words.text('attachmentPending', { title });
        this.errors.set(a.id, msg);
        items.push({ pointer: `#attachment:${a.id}`, message: msg });
      } else {
        // Every file is uploaded (or a document chosen): the runtime's count rule, as the server applies it.
        const shortfall = attachmentShortfall(a, queue.count, this.required(a));
        if (shortfall) {
          const msg =
            shortfall === 'missing' ? words.text('attachmentMissing', { title }) : words.text('tooManyFiles', { count: a.maxFiles, title });
          this.errors.set(a.id, msg);
          items.push({ pointer: `#attachment:${a.id}`, message: msg });
        }
      }
    }
    return items;
  }
}
