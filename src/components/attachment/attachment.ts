import { html, nothing, type CSSResultGroup, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { attachmentShortfall, fileRefusals } from '../../runtime/attachments.js';
import type { AttachmentModel } from '../../runtime/model.js';
import type { AttachmentRef, BackendClient, CitizenDocument } from '../../runtime/backend.js';
import type { ShellMessages } from '../../runtime/i18n/translation.js';
import { formatDate, interpolate, localize } from '../../runtime/messages.js';
import { DvcFormControl, type ControlContext, type Problem } from '../../internal/form-control.js';
import { AttachmentUploadQueue, type AttachmentFile, type SavedAttachmentFile } from './upload-queue.js';
import { styles } from './attachment.styles.js';
import { stripBidiControls } from '../../internal/bidi.js';

/** Whether an attachment's `accept` takes a file: the runtime's rule (src/runtime/attachments.ts), re-exported here. */
export { acceptsFile } from '../../runtime/attachments.js';

/** The accepted types as a citizen reads them: `image/jpeg, application/pdf` → `JPG, PDF`. */
export function acceptLabel(accept: readonly string[]): string {
  return accept
    .map((a) => (a.includes('/') ? (a.split('/')[1] ?? a).replace('*', '').replace(/^x-/, '') || a : a))
    .map((a) =>
      a
        .replace(/^jpeg$/, 'JPG')
        .replace(/^\./, '')
        .toUpperCase(),
    )
    .filter((a, i, all) => all.indexOf(a) === i)
    .join(', ');
}

/** Where the camera button is offered: `auto` on touch screens (phones, tablets), `on` always, `off` never. */
export type CameraMode = 'auto' | 'on' | 'off';

/**
 * @summary One attachment requirement of a dossier: what is asked for, the accepted types and size, and the
 * files given for it. Each chosen file is checked (type, size, count) and uploaded at once through the back
 * end's resumable upload, with progress; a failed upload keeps the file with a retry button, and a file that
 * failed for lack of connection is retried by itself once the browser is back online. On a phone a second
 * button opens the camera when the requirement accepts images. A reusable digitised document of the citizen
 * can stand in for an upload. Form-associated: the value is the list of attachment references.
 *
 * @event input - The citizen chose, removed or retried a file, or ticked / unticked a reusable document.
 * @event change - The value (the uploaded files and chosen documents) changed after a citizen's action: an
 *   upload finished, a file was removed, a document was ticked or unticked.
 *
 * @csspart base - The fieldset of the attachment.
 * @csspart label - The legend (title and "required" / "optional").
 * @csspart hint - The description and the accepted types.
 * @csspart error-message - The error (missing, still uploading, or set from outside).
 * @csspart rejections - Why chosen files were refused (wrong type, too big, too many).
 * @csspart input - The file input ("choose a file").
 * @csspart file-button - The visible "choose a file" button around the input.
 * @csspart camera-button - The "take a photo" button (phones).
 * @csspart documents - The list of reusable documents.
 * @csspart files - The list of files given.
 * @csspart retry-button - The retry button of a file.
 * @csspart remove-button - The remove button of a file.
 *
 * @cssstate user-invalid - Invalid with the error shown.
 * @cssstate uploading - A file is being uploaded or waits for the connection.
 *
 * @cssproperty --dvc-attachment-border - Border of the block.
 */
export class DvcAttachment extends DvcFormControl<AttachmentRef[]> {
  static override styles: CSSResultGroup = styles;
  static override widget = 'attachment';

  /** The requirement (an entry of the model's `attachments`). */
  @property({ attribute: false }) requirement: AttachmentModel | null = null;
  /** The file queue. The shell passes one it keeps across pages; by default the element makes its own from `client`. */
  @property({ attribute: false }) queue: AttachmentUploadQueue | null = null;
  /** The back end that uploads files (used for the element's own queue). */
  @property({ attribute: false }) client: Pick<BackendClient, 'upload'> | null = null;
  /** The citizen's reusable documents; those of the requirement's `documentType` are offered. */
  @property({ attribute: false }) documents: readonly CitizenDocument[] = [];
  /** Whether to offer the camera button: `auto` (touch screens), `on`, `off`. */
  @property() camera: CameraMode = 'auto';

  /** Why the last chosen files were refused, one sentence per file. */
  @state() private rejections: string[] = [];
  @state() private files: readonly AttachmentFile[] = [];

  private ownQueue: AttachmentUploadQueue | null = null;
  private unsubscribe: (() => void) | null = null;
  private subscribed: AttachmentUploadQueue | null = null;
  /** JSON of the refs last seen, to fire `change` only when they change. */
  private lastRefs = '[]';
  /** A programmatic change is being applied: no event. */
  private silent = false;

  /** The queue in use (the given one, or the element's own). */
  get activeQueue(): AttachmentUploadQueue {
    if (this.queue) return this.queue;
    if (!this.ownQueue) {
      const id = this.requirement?.id || this.name || 'attachment';
      this.ownQueue = new AttachmentUploadQueue(id, (file, options) => {
        if (!this.client) {
          return Promise.reject(new Error(`<dvc-attachment name="${this.name}">: set the "client" or "queue" property to upload files.`));
        }
        return this.client.upload(file, options);
      });
    }
    return this.ownQueue;
  }

  /** The attachment references given (uploaded files and chosen documents). Setting it restores them. */
  @property({ attribute: false })
  get value(): AttachmentRef[] {
    return this.activeQueue.refs();
  }
  set value(refs: AttachmentRef[]) {
    this.setSaved((refs ?? []).map((r) => ({ name: r.uploadId ?? r.documentId ?? '', uploadId: r.uploadId, documentId: r.documentId })));
  }

  /** The files given, with names (what a draft keeps). Setting it restores them without an event. */
  get savedFiles(): SavedAttachmentFile[] {
    return this.activeQueue.saved();
  }
  set savedFiles(saved: SavedAttachmentFile[]) {
    this.setSaved(saved);
  }

  /** Every file with its status and progress. */
  get fileList(): readonly AttachmentFile[] {
    return this.activeQueue.files;
  }

  /** Focuses the first usable control (the file input, or the first document when the input is full). */
  override focus(options?: FocusOptions): void {
    const input = this.renderRoot.querySelector<HTMLInputElement>('input[part~="input"]:not([disabled])');
    const first = input ?? this.renderRoot.querySelector<HTMLElement>('input, button');
    if (first) first.focus(options);
    else super.focus(options);
  }

  private setSaved(saved: SavedAttachmentFile[]): void {
    this.silent = true;
    try {
      this.activeQueue.restore(saved);
    } finally {
      this.silent = false;
    }
    this.lastRefs = JSON.stringify(this.activeQueue.refs());
  }

  private get s(): ShellMessages {
    return this.t.shell;
  }

  private text(key: keyof ShellMessages, params: Record<string, string | number> = {}): string {
    return interpolate(this.s[key], params);
  }

  private get requirementTitle(): string {
    return this.label || localize(this.requirement?.title, this.locale) || this.name;
  }

  // ---- queue wiring

  override connectedCallback(): void {
    super.connectedCallback();
    this.subscribe();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.subscribed = null;
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('requirement') && this.ownQueue && this.requirement && this.ownQueue.attachmentId !== this.requirement.id) {
      // The element's own queue was made before the requirement was known: remake it under the right id.
      const old = this.ownQueue;
      const saved = old.saved();
      this.silent = true;
      try {
        old.clear();
        this.ownQueue = null;
        if (saved.length) this.activeQueue.restore(saved);
      } finally {
        this.silent = false;
      }
    }
    if (changed.has('queue') || changed.has('requirement')) this.subscribe();
    super.willUpdate(changed);
  }

  private subscribe(): void {
    if (!this.isConnected) return;
    const q = this.activeQueue;
    if (this.subscribed === q) return;
    this.unsubscribe?.();
    this.subscribed = q;
    this.unsubscribe = q.subscribe(() => this.onQueueChange());
    this.files = q.files;
    this.lastRefs = JSON.stringify(q.refs());
  }

  private onQueueChange(): void {
    const q = this.activeQueue;
    this.files = q.files;
    const refs = JSON.stringify(q.refs());
    if (refs === this.lastRefs) return;
    this.lastRefs = refs;
    if (!this.silent) this.userChanged(true);
  }

  // ---- form control

  protected isEmpty(): boolean {
    return !this.activeQueue.hasDone;
  }

  protected toFormValue(): FormData | null {
    const refs = this.activeQueue.refs();
    if (!this.name || refs.length === 0) return null;
    const fd = new FormData();
    for (const r of refs) fd.append(this.name, JSON.stringify(r));
    return fd;
  }

  protected override toState(): string {
    return JSON.stringify(this.activeQueue.saved());
  }

  protected resetValue(): void {
    this.silent = true;
    try {
      this.activeQueue.clear();
    } finally {
      this.silent = false;
    }
    this.rejections = [];
    this.lastRefs = '[]';
  }

  protected restoreState(state: string): void {
    try {
      const saved = JSON.parse(state) as unknown;
      if (Array.isArray(saved)) this.setSaved(saved as SavedAttachmentFile[]);
    } catch {
      // A state this element did not write: ignored.
    }
  }

  protected override computeProblem(): Problem | null {
    if (this.error) return { flag: 'customError', key: '', text: this.error };
    const q = this.activeQueue;
    const failed = q.files.find((f) => f.status === 'failed');
    if (failed) return { flag: 'customError', key: '', text: this.text('uploadFailedRetry', { name: failed.name }) };
    if (q.files.some((f) => f.status === 'queued' || f.status === 'uploading' || f.status === 'waiting')) {
      return { flag: 'customError', key: '', text: this.text('attachmentPending', { title: this.requirementTitle }) };
    }
    if (this.required && !q.hasDone)
      return { flag: 'valueMissing', key: '', text: this.text('attachmentMissing', { title: this.requirementTitle }) };
    return null;
  }

  protected override get validationAnchor(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('input[part~="input"]') ?? this.renderRoot.querySelector<HTMLElement>('input');
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.toggleState(
      'uploading',
      this.files.some((f) => f.status === 'uploading' || f.status === 'queued' || f.status === 'waiting'),
    );
  }

  // ---- citizen actions

  private get showCamera(): boolean {
    if (this.camera === 'off' || this.imageTypes.length === 0) return false;
    if (this.camera === 'on') return true;
    return typeof matchMedia === 'function' && matchMedia('(pointer: coarse)').matches;
  }

  private get imageTypes(): string[] {
    return (this.requirement?.accept ?? []).filter((a) => a.toLowerCase().startsWith('image/'));
  }

  private onFilesChosen(input: HTMLInputElement): void {
    const chosen = [...(input.files ?? [])];
    input.value = '';
    if (chosen.length === 0) return;
    // Without a requirement the element takes any file (no type, size or count to judge by).
    const r = this.requirement ?? { accept: [], maxSizeMB: Infinity, maxFiles: Infinity };
    const types = acceptLabel(r.accept);
    const problems: string[] = [];
    const accepted: File[] = [];
    const q = this.activeQueue;
    for (const file of chosen) {
      const refusal = fileRefusals(r, file)[0];
      if (refusal === 'type') problems.push(this.text('fileWrongType', { name: file.name, types }));
      else if (refusal === 'size') problems.push(this.text('fileTooLarge', { name: file.name, size: r.maxSizeMB }));
      else if (attachmentShortfall(r, q.count + accepted.length + 1, false) === 'too-many') {
        problems.push(this.text('tooManyFiles', { count: r.maxFiles, title: this.requirementTitle }));
      } else accepted.push(file);
    }
    this.rejections = problems;
    for (const file of accepted) void q.add(file);
    this.userChanged(false);
  }

  private removeFile(f: AttachmentFile): void {
    this.rejections = [];
    this.activeQueue.remove(f.key);
    this.userChanged(false);
    void this.updateComplete.then(() => this.focus());
  }

  private retry(f: AttachmentFile): void {
    void this.activeQueue.retry(f.key);
    this.userChanged(false);
  }

  private toggleDocument(doc: CitizenDocument, on: boolean): void {
    const q = this.activeQueue;
    if (on) q.addDocument(doc, localize(doc.title, this.locale));
    else q.removeDocument(doc.id);
    this.userChanged(false);
  }

  // ---- rendering

  protected renderControl(ctx: ControlContext): TemplateResult {
    const r = this.requirement;
    const files = this.files;
    const docs = r?.documentType ? this.documents.filter((d) => d.documentType === r.documentType) : [];
    const full = r ? files.length >= r.maxFiles : false;
    const disabled = ctx.disabled || full;
    const invalid = ctx.invalid || this.rejections.length > 0;
    const describedBy = [ctx.describedBy, this.rejections.length ? 'rejections' : ''].filter(Boolean).join(' ');
    const accept = r?.accept.join(',') ?? '';
    return html`${
        docs.length
          ? html`<div part="documents">
              <p>${this.s.reuseDocument}</p>
              ${docs.map(
                (d) =>
                  html`<label class="check">
                    <input
                      type="checkbox"
                      .checked=${files.some((f) => f.documentId === d.id)}
                      ?disabled=${ctx.disabled}
                      @change=${(e: Event) => this.toggleDocument(d, (e.target as HTMLInputElement).checked)}
                    />
                    <span>${localize(d.title, this.locale)} — ${this.text('reuseDocumentIssued', { date: formatDate(d.issuedAt) })}</span>
                  </label>`,
              )}
            </div>`
          : nothing
      }
      <div class="pickers">
        ${
          this.showCamera
            ? html`<label part="camera-button" class="file button ${disabled ? 'disabled' : ''}">
                ${this.text('takePhoto', { title: this.requirementTitle })}
                <input
                  type="file"
                  accept=${this.imageTypes.join(',')}
                  capture="environment"
                  ?disabled=${disabled}
                  aria-describedby=${describedBy || nothing}
                  aria-invalid=${invalid ? 'true' : 'false'}
                  @change=${(e: Event) => this.onFilesChosen(e.target as HTMLInputElement)}
                />
              </label>`
            : nothing
        }
        <label part="file-button" class="file button ${disabled ? 'disabled' : ''}">
          ${this.text('chooseFile', { title: this.requirementTitle })}
          <input
            part="input"
            type="file"
            accept=${accept || nothing}
            ?multiple=${!r || r.maxFiles > 1}
            ?disabled=${disabled}
            aria-describedby=${describedBy || nothing}
            aria-invalid=${invalid ? 'true' : 'false'}
            @change=${(e: Event) => this.onFilesChosen(e.target as HTMLInputElement)}
          />
        </label>
      </div>
      ${
        files.length
          ? html`<ul part="files" class="files" aria-live="polite">
              ${repeat(
                files,
                (f) => f.key,
                (f) => this.renderFile(f, ctx.disabled),
              )}
            </ul>`
          : nothing
      }`;
  }

  private renderFile(file: AttachmentFile, disabled: boolean): TemplateResult {
    // A file name cannot reorder its own text ("photo\u202Egpj.exe" would read "photoexe.jpg").
    const f = { ...file, name: stripBidiControls(file.name) };
    const status =
      f.status === 'uploading' || f.status === 'queued'
        ? this.text('uploading', { name: f.name, percent: Math.round(f.progress * 100) })
        : f.status === 'done'
          ? f.documentId
            ? this.text('documentChosen', { name: f.name })
            : this.text('uploaded', { name: f.name })
          : f.status === 'waiting'
            ? this.text('uploadWaiting', { name: f.name })
            : this.text('uploadFailedRetry', { name: f.name });
    return html`<li class=${f.status}>
      <span>${status}</span>
      ${
        f.status === 'uploading' || f.status === 'queued'
          ? html`<progress max="1" .value=${f.progress} aria-label=${f.name}></progress>`
          : nothing
      }
      ${
        f.status === 'failed' || f.status === 'waiting'
          ? html`<button part="retry-button" type="button" ?disabled=${disabled} @click=${() => this.retry(file)}>
              ${this.text('retryUpload', { name: f.name })}
            </button>`
          : nothing
      }
      ${
        f.documentId
          ? nothing
          : html`<button part="remove-button" class="link" type="button" ?disabled=${disabled} @click=${() => this.removeFile(file)}>
              ${this.text('removeFile', { name: f.name })}
            </button>`
      }
    </li>`;
  }

  protected override render(): TemplateResult {
    const r = this.requirement;
    const error = this.shownError;
    const accept = r ? this.text('attachmentAccept', { types: acceptLabel(r.accept), size: r.maxSizeMB, count: r.maxFiles }) : '';
    const description = this.hint || localize(r?.description, this.locale);
    const hint = [description, accept].filter(Boolean).join(' ');
    const describedBy = [hint && 'hint', error && 'error'].filter(Boolean).join(' ');
    const ctx: ControlContext = { describedBy, invalid: Boolean(error), disabled: this.isDisabled };
    return html`<fieldset
      part="base"
      class="field group attachment ${error || this.rejections.length ? 'has-error' : ''}"
      ?disabled=${this.isDisabled}
    >
      <legend part="label" class="label">
        ${this.requirementTitle} <span class="need">(${this.required ? this.s.attachmentRequired : this.s.attachmentOptional})</span>
      </legend>
      ${hint ? html`<p id="hint" part="hint" class="hint">${hint}</p>` : nothing}
      <div id="error" part="error-message" class="error" role="alert" ?hidden=${!error}>
        ${error ? html`<span class="visually-hidden">${this.t.field.errorPrefix} </span>${error}` : nothing}
      </div>
      <div id="rejections" part="rejections" class="error" role="alert" ?hidden=${this.rejections.length === 0}>
        ${
          this.rejections.length === 1
            ? this.rejections[0]
            : this.rejections.length > 1
              ? html`<ul class="rejections">
                  ${this.rejections.map((x) => html`<li>${x}</li>`)}
                </ul>`
              : nothing
        }
      </div>
      ${this.renderControl(ctx)}
    </fieldset>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dvc-attachment': DvcAttachment;
  }
}
