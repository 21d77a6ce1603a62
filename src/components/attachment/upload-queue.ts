/**
 * The files of one attachment requirement and their uploads, kept apart from the view: the procedure shell
 * keeps one queue per attachment for the whole session, so an upload goes on (and a file waiting for the
 * connection stays queued) while the citizen moves between pages and the `<dvc-attachment>` element is
 * re-created. Nothing the citizen chose is dropped: a failed upload stays in the list with its `File` so it
 * can be retried (tus resumes where it stopped), and a file that failed for lack of connection is retried
 * by itself when the browser comes back online.
 */
import { OfflineError, type AttachmentRef, type CitizenDocument, type UploadOptions, type UploadResult } from '../../runtime/backend.js';

/** Where a file stands. */
export type AttachmentFileStatus =
  /** Chosen, upload not started yet. */
  | 'queued'
  /** Upload running (`progress` 0…1). */
  | 'uploading'
  /** Uploaded (`uploadId` set) or a reusable document chosen (`documentId` set). */
  | 'done'
  /** No connection: kept, retried when the browser is back online (or on "retry"). */
  | 'waiting'
  /** The back end refused or failed: kept, retried on "retry". */
  | 'failed';

/** One file of an attachment (an upload, or a reusable document standing in for one). */
export interface AttachmentFile {
  /** Local id, stable for the session. */
  readonly key: string;
  readonly name: string;
  readonly size?: number;
  readonly type?: string;
  readonly status: AttachmentFileStatus;
  /** Share sent, 0…1. */
  readonly progress: number;
  readonly uploadId?: string;
  readonly documentId?: string;
  /** What the back end said when the upload failed. */
  readonly failure?: string;
}

/** A finished file as drafts keep it (`DraftRecord.attachments[id][n]`). */
export interface SavedAttachmentFile {
  name: string;
  size?: number;
  type?: string;
  uploadId?: string;
  documentId?: string;
}

/** Uploads one file (the `BackendClient.upload` signature). */
export type Uploader = (file: Blob & { name?: string }, options: UploadOptions) => Promise<UploadResult>;

interface Entry {
  file: AttachmentFile;
  blob?: Blob & { name?: string };
  abort?: AbortController;
}

let keys = 0;

/** The queue of one attachment's files. Subscribe to hear of every change. */
export class AttachmentUploadQueue {
  private entries: Entry[] = [];
  private readonly listeners = new Set<() => void>();
  private onlineHooked = false;

  /**
   * @param attachmentId Id of the `x-attachments` entry (sent with every upload).
   * @param uploader Uploads one file; it is called again for a retry.
   */
  constructor(
    readonly attachmentId: string,
    private readonly uploader: Uploader,
  ) {
    if (!attachmentId) throw new Error('AttachmentUploadQueue: attachmentId must be a non-empty string.');
    if (typeof uploader !== 'function') throw new Error(`AttachmentUploadQueue "${attachmentId}": uploader must be a function.`);
  }

  /** The files, in the order chosen (a new array after every change). */
  get files(): readonly AttachmentFile[] {
    return this.entries.map((e) => e.file);
  }

  /** Files that count towards `maxFiles` (all of them: failed ones stay until removed). */
  get count(): number {
    return this.entries.length;
  }

  /** True while a file is queued, uploading or waiting to be sent. */
  get pending(): boolean {
    return this.entries.some((e) => e.file.status !== 'done');
  }

  /** True when at least one file is uploaded or one document chosen. */
  get hasDone(): boolean {
    return this.entries.some((e) => e.file.status === 'done');
  }

  /** What the submission sends for this attachment. */
  refs(): AttachmentRef[] {
    const out: AttachmentRef[] = [];
    for (const { file: f } of this.entries) {
      if (f.status !== 'done') continue;
      if (f.uploadId) out.push({ attachmentId: this.attachmentId, uploadId: f.uploadId });
      else if (f.documentId) out.push({ attachmentId: this.attachmentId, documentId: f.documentId });
    }
    return out;
  }

  /** The finished files, as a draft keeps them. */
  saved(): SavedAttachmentFile[] {
    return this.entries
      .filter((e) => e.file.status === 'done')
      .map(({ file: f }) => ({ name: f.name, size: f.size, type: f.type, uploadId: f.uploadId, documentId: f.documentId }));
  }

  /** Puts back finished files from a draft (replaces the list; running uploads are aborted). */
  restore(saved: readonly SavedAttachmentFile[]): void {
    for (const e of this.entries) e.abort?.abort();
    this.entries = saved.map((s, i) => {
      if (!s || typeof s.name !== 'string' || (!s.uploadId && !s.documentId)) {
        throw new TypeError(`attachment "${this.attachmentId}": saved file ${i} needs a name and an uploadId or a documentId.`);
      }
      return {
        file: {
          key: nextKey(),
          name: s.name,
          size: s.size,
          type: s.type,
          status: 'done',
          progress: 1,
          uploadId: s.uploadId,
          documentId: s.documentId,
        },
      };
    });
    this.emit();
  }

  /** Adds a chosen file and starts uploading it. Resolves when that upload settles (never rejects). */
  add(blob: Blob & { name?: string }): Promise<void> {
    const entry: Entry = {
      file: { key: nextKey(), name: blob.name ?? 'file', size: blob.size, type: blob.type, status: 'queued', progress: 0 },
      blob,
    };
    this.entries = [...this.entries, entry];
    this.emit();
    return this.run(entry);
  }

  /** Uses a reusable document (replaces an earlier pick of the same document). */
  addDocument(doc: Pick<CitizenDocument, 'id'>, name: string): void {
    this.entries = this.entries.filter((e) => e.file.documentId !== doc.id);
    this.entries.push({ file: { key: nextKey(), name, status: 'done', progress: 1, documentId: doc.id } });
    this.emit();
  }

  /** Stops using a reusable document. */
  removeDocument(documentId: string): void {
    const before = this.entries.length;
    this.entries = this.entries.filter((e) => e.file.documentId !== documentId);
    if (this.entries.length !== before) this.emit();
  }

  /** Removes a file (aborting its upload). */
  remove(key: string): void {
    const e = this.entries.find((x) => x.file.key === key);
    if (!e) return;
    e.abort?.abort();
    this.entries = this.entries.filter((x) => x !== e);
    this.emit();
  }

  /** Retries a waiting or failed file. Resolves when that upload settles. */
  retry(key: string): Promise<void> {
    const e = this.entries.find((x) => x.file.key === key);
    if (!e || !e.blob || (e.file.status !== 'failed' && e.file.status !== 'waiting')) return Promise.resolve();
    return this.run(e);
  }

  /** Retries every file that waits for the connection. */
  retryWaiting(): Promise<void> {
    return Promise.all(this.entries.filter((e) => e.file.status === 'waiting').map((e) => this.retry(e.file.key))).then(() => undefined);
  }

  /** Removes every file (aborting uploads). */
  clear(): void {
    for (const e of this.entries) e.abort?.abort();
    this.entries = [];
    this.emit();
  }

  /** Calls `fn` after every change; returns the unsubscribe function. */
  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private update(entry: Entry, patch: Partial<AttachmentFile>): void {
    if (!this.entries.includes(entry)) return;
    entry.file = { ...entry.file, ...patch };
    this.entries = [...this.entries];
    this.emit();
  }

  private async run(entry: Entry): Promise<void> {
    const blob = entry.blob!;
    entry.abort = new AbortController();
    const signal = entry.abort.signal;
    this.update(entry, { status: 'uploading', progress: 0, failure: undefined });
    try {
      const r = await this.uploader(blob, {
        attachmentId: this.attachmentId,
        signal,
        onProgress: (sent, total) => {
          if (!signal.aborted) this.update(entry, { progress: total > 0 ? Math.min(1, sent / total) : 0 });
        },
      });
      if (signal.aborted) return;
      entry.abort = undefined;
      entry.blob = undefined;
      this.update(entry, { status: 'done', progress: 1, uploadId: r.uploadId });
    } catch (e) {
      if (signal.aborted || (e as { name?: string } | null)?.name === 'AbortError') return;
      entry.abort = undefined;
      const offline = e instanceof OfflineError;
      this.update(entry, { status: offline ? 'waiting' : 'failed', failure: e instanceof Error ? e.message : String(e) });
      if (offline) this.hookOnline();
    }
  }

  private hookOnline(): void {
    if (this.onlineHooked || typeof window === 'undefined') return;
    this.onlineHooked = true;
    const onOnline = (): void => {
      this.onlineHooked = false;
      window.removeEventListener('online', onOnline);
      void this.retryWaiting();
    };
    window.addEventListener('online', onOnline);
  }

  private emit(): void {
    for (const fn of this.listeners) {
      try {
        fn();
      } catch (e) {
        console.error(`dvc-forms: a listener of attachment "${this.attachmentId}" failed`, e);
      }
    }
  }
}

function nextKey(): string {
  return `f${++keys}`;
}
