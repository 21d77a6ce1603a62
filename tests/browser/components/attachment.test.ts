import { expect, html, elementUpdated, waitUntil, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { controlSuite, mount, type Control } from './control-suite.js';
import '../../../src/define/dvc-attachment.js';
import type { DvcAttachment } from '../../../src/components/attachment/attachment.js';
import { AttachmentUploadQueue } from '../../../src/components/attachment/upload-queue.js';
import type { AttachmentModel } from '../../../src/runtime/model.js';
import { OfflineError, ServerError, type CitizenDocument, type UploadOptions, type UploadResult } from '../../../src/runtime/backend.js';

const photo: AttachmentModel = {
  id: 'photo',
  title: { vi: 'Ảnh chân dung', en: 'Portrait photo' },
  description: { vi: 'Ảnh 4x6, nền trắng, chụp trong 6 tháng gần đây.' },
  required: true,
  accept: ['image/jpeg', 'image/png', 'application/pdf'],
  maxSizeMB: 1,
  maxFiles: 2,
  documentType: 'portrait',
};

const jpeg = (name = 'anh.jpg', size = 2000): File => new File([new Uint8Array(size)], name, { type: 'image/jpeg' });

/** One upload as the test sees it: the file, its options, and the hands to settle it. */
interface PendingUpload {
  file: Blob & { name?: string };
  options: UploadOptions;
  resolve(r: UploadResult): void;
  reject(e: unknown): void;
}

/**
 * An uploader the test drives: `auto` answers at once with `up-<name>`; otherwise each upload waits in
 * `pending` until the test settles it. `failNext` makes the next uploads fail with the given errors.
 */
class TestUploads {
  auto = true;
  readonly calls: PendingUpload[] = [];
  readonly failNext: unknown[] = [];
  upload = (file: Blob & { name?: string }, options: UploadOptions): Promise<UploadResult> =>
    new Promise<UploadResult>((resolve, reject) => {
      const call: PendingUpload = { file, options, resolve, reject };
      this.calls.push(call);
      const failure = this.failNext.shift();
      if (failure !== undefined) reject(failure);
      else if (this.auto) resolve({ uploadId: `up-${file.name}` });
    });
}

async function choose(el: DvcAttachment, files: File[], part = 'input'): Promise<void> {
  const input =
    el.shadowRoot!.querySelector<HTMLInputElement>(`input[type=file][part~="${part}"]`) ??
    el.shadowRoot!.querySelector<HTMLInputElement>(`[part~="${part}"] input`)!;
  const dt = new DataTransfer();
  for (const f of files) dt.items.add(f);
  input.files = dt.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
  await new Promise((r) => setTimeout(r, 0));
  await elementUpdated(el);
}

async function make(
  opts: { uploads?: TestUploads; documents?: CitizenDocument[]; camera?: string; requirement?: AttachmentModel } = {},
): Promise<{ el: DvcAttachment; uploads: TestUploads }> {
  const uploads = opts.uploads ?? new TestUploads();
  const el = await mount<DvcAttachment>(
    html`<dvc-attachment
      name="#attachment:photo"
      lang="vi"
      required
      camera=${opts.camera ?? 'off'}
      .requirement=${opts.requirement ?? photo}
      .client=${{ upload: uploads.upload }}
      .documents=${opts.documents ?? []}
    ></dvc-attachment>`,
  );
  return { el, uploads };
}

const text = (el: DvcAttachment): string => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');
const deepActive = (): Element | null => {
  let a: Element | null = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a;
};

describe('<dvc-attachment>', () => {
  it('shows the title, required mark, description and accepted types and size', async () => {
    const { el } = await make();
    const legend = el.shadowRoot!.querySelector('legend')!.textContent!.replace(/\s+/g, ' ').trim();
    expect(legend).to.equal('Ảnh chân dung (Bắt buộc)');
    expect(text(el)).to.contain('Ảnh 4x6, nền trắng');
    expect(text(el)).to.contain('Loại tệp: JPG, PNG, PDF. Tối đa 1 MB mỗi tệp, 2 tệp.');
    const input = el.shadowRoot!.querySelector<HTMLInputElement>('[part~="input"]')!;
    expect(input.accept).to.equal('image/jpeg,image/png,application/pdf');
    expect(input.multiple).to.equal(true);
    expect(input.getAttribute('aria-describedby')).to.contain('hint');
    await expect(el).to.be.accessible();
  });

  it('refuses a file of the wrong type or too big, naming the file and what is wrong; uploads nothing', async () => {
    const { el, uploads } = await make();
    await choose(el, [new File(['x'], 'ghi-chu.txt', { type: 'text/plain' }), jpeg('to.jpg', 2 * 1024 * 1024)]);
    const rejections = el.shadowRoot!.querySelector('[part~="rejections"]') as HTMLElement;
    expect(rejections.hidden).to.equal(false);
    expect(rejections.getAttribute('role')).to.equal('alert');
    expect(rejections.textContent).to.contain('Tệp ghi-chu.txt không đúng loại. Chỉ nhận: JPG, PNG, PDF.');
    expect(rejections.textContent).to.contain('Tệp to.jpg lớn hơn 1 MB');
    expect(uploads.calls).to.have.length(0);
    expect(el.value).to.deep.equal([]);
    expect(el.shadowRoot!.querySelector('[part~="input"]')!.getAttribute('aria-describedby')).to.contain('rejections');
    await expect(el).to.be.accessible();
  });

  it('uploads as soon as a file is chosen, showing progress, then fires change with the reference', async () => {
    const uploads = new TestUploads();
    uploads.auto = false;
    const { el } = await make({ uploads });
    const seen: string[] = [];
    el.addEventListener('input', () => seen.push('input'));
    el.addEventListener('change', () => seen.push('change'));
    await choose(el, [jpeg('chan-dung.jpg')]);
    expect(uploads.calls).to.have.length(1);
    expect(uploads.calls[0]!.options.attachmentId).to.equal('photo');
    expect(seen).to.deep.equal(['input']);
    uploads.calls[0]!.options.onProgress!(1000, 2000);
    await elementUpdated(el);
    expect(text(el)).to.contain('Đang tải lên chan-dung.jpg: 50%');
    expect(el.shadowRoot!.querySelector('progress')!.value).to.equal(0.5);
    expect(el.matches(':state(uploading)')).to.equal(true);
    expect(el.validity.customError, 'invalid while uploading').to.equal(true);
    await expect(el).to.be.accessible();
    const changed = oneEvent(el, 'change');
    uploads.calls[0]!.resolve({ uploadId: 'up-42' });
    await changed;
    await elementUpdated(el);
    expect(text(el)).to.contain('Đã tải lên chan-dung.jpg');
    expect(el.value).to.deep.equal([{ attachmentId: 'photo', uploadId: 'up-42' }]);
    expect(el.validity.valid).to.equal(true);
    expect(el.matches(':state(uploading)')).to.equal(false);
  });

  it('keeps a file whose upload lost the connection and sends it by itself when back online', async () => {
    const uploads = new TestUploads();
    uploads.failNext.push(new OfflineError());
    const { el } = await make({ uploads });
    await choose(el, [jpeg('mat-mang.jpg')]);
    await new Promise((r) => setTimeout(r, 0));
    await elementUpdated(el);
    expect(text(el)).to.contain('Chưa có kết nối mạng: mat-mang.jpg được giữ lại');
    expect(el.shadowRoot!.querySelector('[part~="retry-button"]')).to.exist;
    expect(el.value).to.deep.equal([]);
    await expect(el).to.be.accessible();
    const changed = oneEvent(el, 'change');
    window.dispatchEvent(new Event('online'));
    await changed;
    await elementUpdated(el);
    expect(uploads.calls).to.have.length(2);
    expect(uploads.calls[1]!.file, 'the same file is sent again (tus resumes it)').to.equal(uploads.calls[0]!.file);
    expect(el.value).to.deep.equal([{ attachmentId: 'photo', uploadId: 'up-mat-mang.jpg' }]);
  });

  it('offers a retry after a failed upload, from the keyboard', async () => {
    const uploads = new TestUploads();
    uploads.failNext.push(new ServerError(503));
    const { el } = await make({ uploads });
    await choose(el, [jpeg('loi.jpg')]);
    await new Promise((r) => setTimeout(r, 0));
    await elementUpdated(el);
    expect(text(el)).to.contain('Không tải lên được loi.jpg. Bấm "Thử lại"');
    const retry = el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="retry-button"]')!;
    expect(retry.textContent!.trim()).to.equal('Thử lại loi.jpg');
    retry.focus();
    const changed = oneEvent(el, 'change');
    await sendKeys({ press: 'Enter' });
    await changed;
    await elementUpdated(el);
    expect(el.value).to.deep.equal([{ attachmentId: 'photo', uploadId: 'up-loi.jpg' }]);
    expect(el.shadowRoot!.querySelector('[part~="retry-button"]')).to.equal(null);
  });

  it('removes a file from the keyboard and puts focus back on the file input', async () => {
    const { el } = await make();
    await choose(el, [jpeg('a.jpg'), jpeg('b.jpg')]);
    await waitUntil(() => el.value.length === 2, 'both uploaded');
    await elementUpdated(el);
    const remove = el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="remove-button"]')[0]!;
    expect(remove.textContent!.trim()).to.equal('Xoá tệp a.jpg');
    remove.focus();
    const changed = oneEvent(el, 'change');
    await sendKeys({ press: 'Enter' });
    await changed;
    await elementUpdated(el);
    expect(el.value).to.deep.equal([{ attachmentId: 'photo', uploadId: 'up-b.jpg' }]);
    expect(deepActive()?.getAttribute('part')).to.equal('input');
  });

  it('stops at maxFiles: the input is disabled and a further file is refused by name', async () => {
    const { el } = await make();
    await choose(el, [jpeg('1.jpg'), jpeg('2.jpg'), jpeg('3.jpg')]);
    await waitUntil(() => el.value.length === 2, 'two uploaded');
    await elementUpdated(el);
    expect(text(el)).to.contain('Chỉ được gửi tối đa 2 tệp cho Ảnh chân dung.');
    expect(el.shadowRoot!.querySelector<HTMLInputElement>('[part~="input"]')!.disabled).to.equal(true);
  });

  it('lets the citizen use a reusable document of the same type instead of uploading (Space)', async () => {
    const documents: CitizenDocument[] = [
      { id: 'doc-1', documentType: 'portrait', title: { vi: 'Ảnh chân dung đã số hoá' }, issuedAt: '2025-03-01' },
      { id: 'doc-2', documentType: 'birth-certificate', title: { vi: 'Giấy khai sinh' }, issuedAt: '2020-01-01' },
    ];
    const { el, uploads } = await make({ documents });
    expect(text(el)).to.contain('Ảnh chân dung đã số hoá — cấp ngày 01/03/2025');
    expect(text(el)).to.not.contain('Giấy khai sinh');
    el.focus();
    // Tab order: the reusable document first, then the file input.
    const box = el.shadowRoot!.querySelector<HTMLInputElement>('input[type=checkbox]')!;
    box.focus();
    const changed = oneEvent(el, 'change');
    await sendKeys({ press: 'Space' });
    await changed;
    await elementUpdated(el);
    expect(el.value).to.deep.equal([{ attachmentId: 'photo', documentId: 'doc-1' }]);
    expect(uploads.calls).to.have.length(0);
    expect(text(el)).to.contain('Dùng giấy tờ có sẵn: Ảnh chân dung đã số hoá');
    await sendKeys({ press: 'Tab' });
    expect(deepActive()?.getAttribute('part')).to.equal('input');
    await expect(el).to.be.accessible();
  });

  it('offers the camera on a phone when images are accepted (accept + capture), never for PDF-only', async () => {
    const { el } = await make({ camera: 'on' });
    const camera = el.shadowRoot!.querySelector<HTMLInputElement>('[part~="camera-button"] input')!;
    expect(camera.getAttribute('capture')).to.equal('environment');
    expect(camera.accept).to.equal('image/jpeg,image/png');
    expect(el.shadowRoot!.querySelector('[part~="camera-button"]')!.textContent).to.contain('Chụp ảnh Ảnh chân dung');
    await choose(el, [jpeg('camera.jpg')], 'camera-button');
    await waitUntil(() => el.value.length === 1, 'photo uploaded');
    await expect(el).to.be.accessible();
    const { el: pdfOnly } = await make({ camera: 'on', requirement: { ...photo, id: 'cv', accept: ['application/pdf'] } });
    expect(pdfOnly.shadowRoot!.querySelector('[part~="camera-button"]')).to.equal(null);
  });

  it('keeps files and uploads in a queue the shell passes, across a re-created element', async () => {
    const uploads = new TestUploads();
    uploads.auto = false;
    const queue = new AttachmentUploadQueue('photo', uploads.upload);
    const first = await mount<DvcAttachment>(html`<dvc-attachment .requirement=${photo} .queue=${queue} camera="off"></dvc-attachment>`);
    await choose(first, [jpeg('dang-tai.jpg')]);
    first.remove();
    uploads.calls[0]!.resolve({ uploadId: 'up-later' });
    await new Promise((r) => setTimeout(r, 0));
    const again = await mount<DvcAttachment>(html`<dvc-attachment .requirement=${photo} .queue=${queue} camera="off"></dvc-attachment>`);
    expect(again.value).to.deep.equal([{ attachmentId: 'photo', uploadId: 'up-later' }]);
    expect(text(again)).to.contain('Đã tải lên dang-tai.jpg');
  });

  it('names what is wrong in English with lang="en"', async () => {
    const el = await mount<DvcAttachment>(
      html`<dvc-attachment
        lang="en"
        required
        camera="off"
        .requirement=${photo}
        .client=${{ upload: new TestUploads().upload }}
      ></dvc-attachment>`,
    );
    await waitUntil(() => text(el).includes('Portrait photo (Required)'), 'English messages loaded');
    await choose(el, [jpeg('big.jpg', 3 * 1024 * 1024)]);
    expect(text(el)).to.contain('The file big.jpg is larger than 1 MB');
    el.showErrors();
    await elementUpdated(el);
    expect(el.shadowRoot!.querySelector('[part~="error-message"]')!.textContent).to.contain('Upload Portrait photo');
  });
});

type AttachmentControl = DvcAttachment & Control;

controlSuite<AttachmentControl>({
  tag: 'dvc-attachment',
  setup(el) {
    el.camera = 'off';
    el.requirement = { ...photo, id: 'f' };
    el.client = { upload: new TestUploads().upload };
  },
  async userEnters(el) {
    await choose(el, [jpeg('the.jpg')]);
    await waitUntil(() => el.value.length === 1, 'uploaded');
  },
  sample: [{ attachmentId: 'f', uploadId: 'up-the.jpg' }],
  formEntries: [JSON.stringify({ attachmentId: 'f', uploadId: 'up-the.jpg' })],
  read: (el) => el.value,
  write: (el, v) => (el.value = v as DvcAttachment['value']),
  empty: [],
  restoreState: JSON.stringify([{ name: 'the.jpg', uploadId: 'up-the.jpg' }]),
});
