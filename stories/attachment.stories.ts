/** Stories of <dvc-attachment>: one per state a reviewer checks (files are made in the page; uploads are simulated). */
import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../src/define/dvc-attachment.js';
import { AttachmentUploadQueue, type Uploader } from '../src/components/attachment/upload-queue.js';
import { OfflineError, ServerError, type CitizenDocument } from '../src/runtime/backend.js';
import type { AttachmentModel } from '../src/runtime/model.js';

const portrait: AttachmentModel = {
  id: 'photo',
  title: { vi: 'Ảnh chân dung', en: 'Portrait photo' },
  description: {
    vi: 'Ảnh 4x6 cm, nền trắng, chụp trong 6 tháng gần đây.',
    en: 'A 4x6 cm photo on a white background, taken in the last 6 months.',
  },
  required: true,
  accept: ['image/jpeg', 'image/png', 'application/pdf'],
  maxSizeMB: 5,
  maxFiles: 2,
  documentType: 'portrait',
};

const documents: CitizenDocument[] = [
  {
    id: 'doc-1',
    documentType: 'portrait',
    title: { vi: 'Ảnh chân dung (thẻ căn cước)', en: 'Portrait (ID card)' },
    issuedAt: '2024-05-02',
  },
];

const file = (name: string, type = 'image/jpeg', size = 480_000): File => new File([new Uint8Array(size)], name, { type });

/** Uploads that finish after a short while, reporting progress. */
const quick: Uploader = async (f, o) => {
  o.onProgress?.(f.size / 2, f.size);
  await new Promise((r) => setTimeout(r, 300));
  o.onProgress?.(f.size, f.size);
  return { uploadId: `up-${f.name ?? 'file'}` };
};

/** A queue holding one file whose upload is in the state `uploader` leads to. */
function queueWith(uploader: Uploader, ...files: File[]): AttachmentUploadQueue {
  const q = new AttachmentUploadQueue('photo', uploader);
  for (const f of files) void q.add(f);
  return q;
}

/** Shows the errors as after a submitted page. */
const showErrors = (el?: Element): void => {
  if (el) void customElements.whenDefined(el.localName).then(() => (el as unknown as { showErrors(): void }).showErrors());
};

/** Chooses files on the element's file input, as a citizen would. */
async function choose(el: HTMLElement & { updateComplete?: Promise<unknown> }, files: File[]): Promise<void> {
  await el.updateComplete;
  const input = el.shadowRoot!.querySelector<HTMLInputElement>('input[part~="input"]')!;
  const dt = new DataTransfer();
  for (const f of files) dt.items.add(f);
  input.files = dt.files;
  input.dispatchEvent(new Event('change'));
}

const meta: Meta = { title: 'Shell/Attachment', component: 'dvc-attachment' };
export default meta;

export const Empty: StoryObj = {
  render: () =>
    html`<dvc-attachment name="photo" required camera="off" .requirement=${portrait} .client=${{ upload: quick }}></dvc-attachment>`,
};

export const Optional: StoryObj = {
  render: () =>
    html`<dvc-attachment
      name="other"
      camera="off"
      .requirement=${{ ...portrait, id: 'other', title: { vi: 'Giấy tờ khác (nếu có)' }, description: undefined, required: false, accept: ['application/pdf'], maxFiles: 5, documentType: undefined }}
      .client=${{ upload: quick }}
    ></dvc-attachment>`,
};

export const ReusableDocument: StoryObj = {
  render: () =>
    html`<dvc-attachment
      name="photo"
      required
      camera="off"
      .requirement=${portrait}
      .documents=${documents}
      .client=${{ upload: quick }}
    ></dvc-attachment>`,
};

export const Uploading: StoryObj = {
  render: () => {
    const stuck: Uploader = (f, o) => {
      o.onProgress?.(f.size * 0.4, f.size);
      return new Promise(() => undefined);
    };
    return html`<dvc-attachment
      name="photo"
      required
      camera="off"
      .requirement=${portrait}
      .queue=${queueWith(stuck, file('chan-dung.jpg'))}
    ></dvc-attachment>`;
  },
};

export const Uploaded: StoryObj = {
  render: () => {
    const q = new AttachmentUploadQueue('photo', quick);
    q.restore([
      { name: 'chan-dung.jpg', uploadId: 'up-1' },
      { name: 'mat-sau.pdf', uploadId: 'up-2' },
    ]);
    return html`<dvc-attachment name="photo" required camera="off" .requirement=${portrait} .queue=${q}></dvc-attachment>`;
  },
};

export const WaitingForConnection: StoryObj = {
  render: () =>
    html`<dvc-attachment
      name="photo"
      required
      camera="off"
      .requirement=${portrait}
      .queue=${queueWith(() => Promise.reject(new OfflineError()), file('chan-dung.jpg'))}
    ></dvc-attachment>`,
};

export const UploadFailed: StoryObj = {
  render: () =>
    html`<dvc-attachment
      name="photo"
      required
      camera="off"
      .requirement=${portrait}
      .queue=${queueWith(() => Promise.reject(new ServerError(503)), file('chan-dung.jpg'))}
    ></dvc-attachment>`,
};

export const FilesRefused: StoryObj = {
  render: () =>
    html`<dvc-attachment
      name="photo"
      required
      camera="off"
      .requirement=${portrait}
      .client=${{ upload: quick }}
      ${ref((el) => {
        if (el) void choose(el as HTMLElement, [file('ghi-chu.txt', 'text/plain', 20), file('anh-goc.jpg', 'image/jpeg', 8 * 1024 * 1024)]);
      })}
    ></dvc-attachment>`,
};

export const Invalid: StoryObj = {
  render: () =>
    html`<dvc-attachment
      name="photo"
      required
      camera="off"
      .requirement=${portrait}
      .client=${{ upload: quick }}
      ${ref(showErrors)}
    ></dvc-attachment>`,
};

export const Disabled: StoryObj = {
  render: () =>
    html`<dvc-attachment
      name="photo"
      required
      disabled
      camera="off"
      .requirement=${portrait}
      .documents=${documents}
      .client=${{ upload: quick }}
    ></dvc-attachment>`,
};

export const PhoneCamera: StoryObj = {
  render: () =>
    html`<div style="inline-size:320px;border:1px dashed #999">
      <dvc-attachment name="photo" required camera="on" .requirement=${portrait} .client=${{ upload: quick }}></dvc-attachment>
    </div>`,
};

export const LongVietnameseTitle: StoryObj = {
  render: () =>
    html`<dvc-attachment
      name="photo"
      required
      camera="off"
      .requirement=${{
        ...portrait,
        title: {
          vi: 'Bản sao giấy tờ chứng minh nơi cư trú hợp pháp (hợp đồng thuê nhà, giấy chứng nhận quyền sử dụng đất, văn bản cho mượn chỗ ở)',
        },
      }}
      .client=${{ upload: quick }}
    ></dvc-attachment>`,
};

export const English: StoryObj = {
  render: () =>
    html`<dvc-attachment
      lang="en"
      name="photo"
      required
      camera="off"
      .requirement=${portrait}
      .documents=${documents}
      .client=${{ upload: quick }}
    ></dvc-attachment>`,
};
