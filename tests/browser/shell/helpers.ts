/** Helpers for the shell suites: the compiled test procedure, its element, and page navigation. */
import { fixture, html, waitUntil } from '@open-wc/testing';
// The compiled procedure's own registration module (defines its field tags and dvc-test-permit).
import { DvcTestPermit } from './fixtures/generated/test-permit/define.js';
import { DraftStore, indexedDbStorage } from '../../../src/runtime/draft-store.js';
import { ReceiptStore } from '../../../src/runtime/receipt-store.js';
import { secureLocalStorage } from '../../../src/runtime/secure-storage.js';
import type { DvcProcedureForm } from '../../../src/components/procedure-form/procedure-form.js';
import { InPageBackend } from './in-page-backend.js';

export type TestForm = DvcProcedureForm<Record<string, unknown>>;
export const model = DvcTestPermit.model;
export const validator = DvcTestPermit.validator;

/** Key under which the shell stores the draft of the test procedure. */
export const draftKey = new DraftStore({ model, storage: null }).key;

/** Key under which the shell keeps the receipt of the test procedure while its fee is unpaid. */
export const receiptKey = ReceiptStore.keyOf(model.procedure.slug, model.procedure.version);

/** Deletes any saved draft and receipt of the test procedure. */
export async function clearDraft(): Promise<void> {
  await new DraftStore({ model, storage: indexedDbStorage() }).clear();
  await indexedDbStorage().del(receiptKey);
}

/** The stored draft, decrypted as the SDK reads it (undefined when none). */
export async function rawDraft(): Promise<unknown> {
  return secureLocalStorage()!.get(draftKey);
}

/** The stored receipt, decrypted as the SDK reads it (undefined when none). */
export async function storedReceipt(): Promise<unknown> {
  return secureLocalStorage()!.get(receiptKey);
}

/** Every record of an IndexedDB database as stored (no decryption): `[store, key, value]`. */
export async function rawIndexedDb(dbName: string): Promise<Array<[string, IDBValidKey, unknown]>> {
  const dbs = await indexedDB.databases();
  if (!dbs.some((d) => d.name === dbName)) return [];
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const r = indexedDB.open(dbName);
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
  try {
    const out: Array<[string, IDBValidKey, unknown]> = [];
    for (const name of [...db.objectStoreNames]) {
      const tx = db.transaction(name, 'readonly');
      const store = tx.objectStore(name);
      const [keys, values] = await Promise.all([
        new Promise<IDBValidKey[]>((res, rej) => {
          const q = store.getAllKeys();
          q.onsuccess = () => res(q.result);
          q.onerror = () => rej(q.error);
        }),
        new Promise<unknown[]>((res, rej) => {
          const q = store.getAll();
          q.onsuccess = () => res(q.result);
          q.onerror = () => rej(q.error);
        }),
      ]);
      keys.forEach((k, i) => out.push([name, k, values[i]]));
    }
    return out;
  } finally {
    db.close();
  }
}

/** Creates the element with an in-page back end and waits until draft and prefill are applied. */
export async function makeForm(
  opts: { drafts?: 'on' | 'off'; backend?: InPageBackend; lang?: string; token?: string } = {},
): Promise<{ el: TestForm; backend: InPageBackend }> {
  const backend = opts.backend ?? new InPageBackend(model, validator);
  const tokenProvider = opts.token ? async () => opts.token! : undefined;
  const el = await fixture<TestForm>(
    html`<dvc-test-permit
      .client=${backend}
      .tokenProvider=${tokenProvider}
      drafts=${opts.drafts ?? 'on'}
      lang=${opts.lang ?? 'vi'}
    ></dvc-test-permit>`,
  );
  await el.whenReady();
  await el.updateComplete;
  return { el, backend };
}

export function root(el: HTMLElement): ShadowRoot {
  return el.shadowRoot!;
}

/** The control of a pointer. */
export function control<T extends HTMLElement = HTMLElement & { value: unknown; checked?: boolean }>(el: HTMLElement, pointer: string): T {
  const c = root(el).querySelector<T>(`[name="${pointer}"]`);
  if (!c) throw new Error(`no control for ${pointer}`);
  return c;
}

export function maybeControl(el: HTMLElement, pointer: string): HTMLElement | null {
  return root(el).querySelector(`[name="${pointer}"]`);
}

/** Sets a control's value as a user would change it (the control's own `input` event). */
export async function answer(el: TestForm, pointer: string, value: string | boolean): Promise<void> {
  const c = control<HTMLElement & { value: unknown; checked?: boolean }>(el, pointer);
  if (typeof value === 'boolean') c.checked = value;
  else c.value = value;
  c.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  c.dispatchEvent(new Event('change', { bubbles: true }));
  await el.updateComplete;
}

export function button(el: HTMLElement, part: string): HTMLButtonElement {
  const b = root(el).querySelector<HTMLButtonElement>(`[part~="${part}"]`);
  if (!b) throw new Error(`no button part=${part}`);
  return b;
}

export async function click(el: TestForm, part: string): Promise<void> {
  button(el, part).click();
  await el.updateComplete;
  await new Promise((r) => setTimeout(r, 0));
  await el.updateComplete;
}

export function heading(el: HTMLElement): string {
  return root(el).querySelector('h2')?.textContent?.trim() ?? '';
}

/** Fills step 1 and 2 with valid answers and goes to the attachments page. */
export async function fillToAttachments(el: TestForm): Promise<void> {
  await click(el, 'start-button');
  await answer(el, '/applicant/fullName', 'Nguyễn Thị Lan');
  await answer(el, '/applicant/dateOfBirth', '1990-09-05');
  await click(el, 'next-button');
  await answer(el, '/category', 'normal');
  await answer(el, '/copies', '3');
  await click(el, 'next-button');
  await click(el, 'next-button'); // no accompanying members
}

/** The `<dvc-attachment>` of attachment `id`. */
export function attachmentOf(el: TestForm, id: string): HTMLElement & { updateComplete: Promise<unknown> } {
  const a = root(el).querySelector<HTMLElement & { updateComplete: Promise<unknown> }>(`dvc-attachment[name="#attachment:${id}"]`);
  if (!a) throw new Error(`no <dvc-attachment> for ${id}`);
  return a;
}

/** Chooses files on the file input of attachment `id` (inside its `<dvc-attachment>`). */
export async function chooseFiles(el: TestForm, id: string, files: File[]): Promise<void> {
  const input = attachmentOf(el, id).shadowRoot!.querySelector<HTMLInputElement>('input[type=file][part~="input"]')!;
  const dt = new DataTransfer();
  for (const f of files) dt.items.add(f);
  input.files = dt.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
  await new Promise((r) => setTimeout(r, 50));
  await el.updateComplete;
}

export const jpeg = (name = 'anh.jpg', size = 2000): File => new File([new Uint8Array(size)], name, { type: 'image/jpeg' });

export { InPageBackend };

/**
 * Holds the origin-wide Web Lock on the SDK's device storage (IndexedDB `dvc-forms`) for the tests of one file.
 * Test files run side by side in pages of one origin and share IndexedDB: a file that wipes it
 * (`clearCitizenData()`) takes it `exclusive`, files that keep drafts take it `shared`.
 */
export function lockDeviceStorage(mode: LockMode): void {
  let release: (() => void) | undefined;
  before(async function () {
    this.timeout(300_000);
    await new Promise<void>((acquired) => {
      void navigator.locks.request(
        'dvc-forms-device-storage',
        { mode },
        () =>
          new Promise<void>((done) => {
            release = done;
            acquired();
          }),
      );
    });
  });
  after(() => release?.());
}

/** Fills the form, attaches the photo, ticks the consent and submits; resolves on the payment page. */
export async function fileDossier(el: TestForm): Promise<void> {
  await fillToAttachments(el);
  await chooseFiles(el, 'photo', [jpeg()]);
  await click(el, 'next-button');
  root(el).querySelector<HTMLInputElement>('input[name="#consent"]')!.click();
  await click(el, 'submit-button');
  await waitUntil(() => heading(el) === 'Thanh toán lệ phí', 'payment page shown');
}
