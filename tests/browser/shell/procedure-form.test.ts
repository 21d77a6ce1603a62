import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import {
  answer,
  attachmentOf,
  button,
  chooseFiles,
  clearDraft,
  click,
  draftKey,
  control,
  fileDossier,
  fillToAttachments,
  heading,
  jpeg,
  lockDeviceStorage,
  makeForm,
  maybeControl,
  rawDraft,
  root,
  type TestForm,
} from './helpers.js';
import type { DvcErrorSummary } from '../../../src/components/error-summary/error-summary.js';
import type { DvcReviewList } from '../../../src/components/review-list/review-list.js';
import type { DvcPaymentStatusEvent, DvcSubmittedEvent } from '../../../src/components/procedure-form/events.js';
import { ValidationProblemError, type DossierReceipt } from '../../../src/runtime/backend.js';
import { InPageBackend, model, validator } from './helpers.js';
import { OtherDeviceBackend } from './in-page-backend.js';
import { secureLocalStorage } from '../../../src/runtime/secure-storage.js';

const summaryOf = (el: TestForm): DvcErrorSummary => root(el).querySelector('dvc-error-summary')!;
const summaryLinks = (el: TestForm): HTMLAnchorElement[] => [...summaryOf(el).shadowRoot!.querySelectorAll('a')];

/** Identity check that never tries to print DOM nodes (chai's diff of elements can hang the page). */
function expectSame(actual: unknown, expected: unknown, what: string): void {
  const name = (x: unknown) => (x instanceof Element ? `<${x.localName} name=${x.getAttribute('name')}>` : String(x));
  expect(actual === expected, `${what}: got ${name(actual)}, expected ${name(expected)}`).to.equal(true);
}

async function flushDraft(el: TestForm): Promise<void> {
  el.remove(); // disconnecting flushes the pending draft write
  await new Promise((r) => setTimeout(r, 100));
}

describe('<dvc-procedure-form> (compiled test-permit)', () => {
  lockDeviceStorage('shared');
  beforeEach(async () => {
    // The previous test's element flushes its draft when the fixture is removed; let that land first.
    await new Promise((r) => setTimeout(r, 100));
    await clearDraft();
  });

  it('shows the before-you-start page with fee, processing time and legal basis', async () => {
    const { el } = await makeForm();
    expect(heading(el)).to.equal('Cấp giấy phép thử nghiệm');
    const text = root(el).textContent!.replace(/\s+/g, ' ');
    expect(text).to.contain('5 ngày làm việc');
    expect(text).to.contain('Thông tư 01/2024/TT-TEST');
    expect(text).to.contain('Thẻ căn cước');
    expect(text).to.match(/200\.000\s₫/);
    await expect(el).to.be.accessible();
  });

  it('validates a step on "Tiếp tục": error summary focused, links focus the fields', async () => {
    const { el } = await makeForm();
    await click(el, 'start-button');
    expect(heading(el)).to.equal('Người yêu cầu');
    await click(el, 'next-button');
    await summaryOf(el).updateComplete;
    await new Promise((r) => setTimeout(r, 0));
    const links = summaryLinks(el);
    expect(links.map((a) => a.textContent)).to.deep.equal(['Nhập Họ và tên', 'Nhập Ngày sinh, ví dụ 05/09/2024']);
    expectSame(root(el).activeElement, summaryOf(el), 'focus');
    links[1]!.click();
    await el.updateComplete;
    expectSame(root(el).activeElement, control(el, '/applicant/dateOfBirth'), 'focus');
    expect(heading(el)).to.equal('Người yêu cầu');
    expect(control<HTMLElement & { error: string }>(el, '/applicant/fullName').error).to.equal('Nhập Họ và tên');
    await expect(el).to.be.accessible();
  });

  it('takes typed answers (real key presses) and clears the error once fixed', async () => {
    const { el } = await makeForm();
    await click(el, 'start-button');
    await click(el, 'next-button');
    control(el, '/applicant/fullName').focus();
    await sendKeys({ type: 'Trần Văn Bình' });
    await el.updateComplete;
    expect((el.value as { applicant: { fullName: string } }).applicant.fullName).to.equal('Trần Văn Bình');
    expect(control<HTMLElement & { error: string }>(el, '/applicant/fullName').error).to.equal('');
    control(el, '/applicant/dateOfBirth').focus();
    await sendKeys({ type: '5/9/1990' });
    await el.updateComplete;
    await click(el, 'next-button');
    expect(heading(el)).to.equal('Nội dung yêu cầu');
    expect((el.value as { applicant: { dateOfBirth: string } }).applicant.dateOfBirth).to.equal('1990-09-05');
  });

  it('blocks a step on a cross-field rule (minimum age)', async () => {
    const { el } = await makeForm();
    await click(el, 'start-button');
    await answer(el, '/applicant/fullName', 'Lê Minh');
    await answer(el, '/applicant/dateOfBirth', '2020-01-01');
    await click(el, 'next-button');
    expect(summaryLinks(el).map((a) => a.textContent)).to.deep.equal(['Người yêu cầu phải đủ 18 tuổi']);
    expect(heading(el)).to.equal('Người yêu cầu');
  });

  it('shows and hides conditional fields (if/then and x-visible-when)', async () => {
    const { el } = await makeForm();
    await click(el, 'start-button');
    await answer(el, '/applicant/fullName', 'Lê Minh');
    await answer(el, '/applicant/dateOfBirth', '1980-01-01');
    await click(el, 'next-button');
    expect(maybeControl(el, '/spouseName')).to.equal(null);
    await answer(el, '/hasSpouse', true);
    expect(maybeControl(el, '/spouseName')).to.not.equal(null);
    await answer(el, '/spouseName', 'Phạm Thu');
    await answer(el, '/hasSpouse', false);
    expect(maybeControl(el, '/spouseName')).to.equal(null);
    expect(maybeControl(el, '/studentCard')).to.equal(null);
    await answer(el, '/category', 'student');
    expect(maybeControl(el, '/studentCard')).to.not.equal(null);
    await answer(el, '/copies', '1');
    await click(el, 'next-button');
    expect(summaryLinks(el).map((a) => a.textContent)).to.deep.equal(['Nhập Số thẻ sinh viên']);
    await expect(el).to.be.accessible();
  });

  it('checks attachment type and size, uploads as soon as chosen, and requires it', async () => {
    const { el, backend } = await makeForm();
    await fillToAttachments(el);
    expect(heading(el)).to.equal('Giấy tờ kèm theo');
    await click(el, 'next-button');
    expect(summaryLinks(el).map((a) => a.textContent)).to.deep.equal(['Tải lên Ảnh chân dung']);
    const photo = attachmentOf(el, 'photo');
    await chooseFiles(el, 'photo', [new File(['x'], 'notes.txt', { type: 'text/plain' })]);
    await photo.updateComplete;
    expect(photo.shadowRoot!.textContent).to.contain('Tệp notes.txt không đúng loại. Chỉ nhận: JPG, PNG, PDF.');
    await chooseFiles(el, 'photo', [jpeg('big.jpg', 2 * 1024 * 1024)]);
    await photo.updateComplete;
    expect(photo.shadowRoot!.textContent).to.contain('Tệp big.jpg lớn hơn 1 MB');
    expect(backend.callsOf('upload')).to.have.length(0);
    await chooseFiles(el, 'photo', [jpeg('chan-dung.jpg')]);
    await new Promise((r) => setTimeout(r, 50));
    await el.updateComplete;
    await photo.updateComplete;
    expect(backend.callsOf('upload')).to.have.length(1);
    expect(photo.shadowRoot!.textContent).to.contain('Đã tải lên chan-dung.jpg');
    await expect(el).to.be.accessible();
    await click(el, 'next-button');
    expect(heading(el)).to.equal('Kiểm tra lại thông tin');
  });

  it('review lists every answer; "Thay đổi" returns to the field, then back to review', async () => {
    const { el } = await makeForm();
    await fillToAttachments(el);
    await chooseFiles(el, 'photo', [jpeg()]);
    await click(el, 'next-button');
    expect(heading(el)).to.equal('Kiểm tra lại thông tin');
    const review = root(el).querySelector<DvcReviewList>('dvc-review-list')!;
    await review.updateComplete;
    const text = review.shadowRoot!.textContent!.replace(/\s+/g, ' ');
    expect(text).to.contain('Nguyễn Thị Lan');
    expect(text).to.contain('05/09/1990');
    expect(text).to.contain('Thông thường');
    expect(text).to.contain('anh.jpg');
    await expect(el).to.be.accessible();
    const change = [...review.shadowRoot!.querySelectorAll<HTMLAnchorElement>('a')].find((a) => a.getAttribute('href') === '#/copies')!;
    change.click();
    await el.updateComplete;
    await el.updateComplete;
    expect(heading(el)).to.equal('Nội dung yêu cầu');
    expectSame(root(el).activeElement, control(el, '/copies'), 'focus');
    await answer(el, '/copies', '4');
    await click(el, 'next-button');
    expect(heading(el)).to.equal('Kiểm tra lại thông tin');
    expect(review.isConnected ? review : root(el).querySelector('dvc-review-list')!).to.exist;
    const after = root(el).querySelector<DvcReviewList>('dvc-review-list')!;
    await after.updateComplete;
    expect(after.shadowRoot!.textContent).to.contain('4');
  });

  it('restores the answers and the current step after a reload (draft)', async () => {
    const { el } = await makeForm();
    await click(el, 'start-button');
    await answer(el, '/applicant/fullName', 'Đỗ Hà');
    await answer(el, '/applicant/dateOfBirth', '1985-02-03');
    await click(el, 'next-button');
    await answer(el, '/copies', '2');
    await flushDraft(el);
    const restored = oneEvent(document, 'dvc-draft-restored' as never);
    const { el: again } = await makeForm();
    await restored;
    expect(heading(again)).to.equal('Nội dung yêu cầu');
    expect(control<HTMLElement & { value: string }>(again, '/copies').value).to.equal('2');
    expect(again.value).to.deep.include({ copies: 2 });
    expect((again.value as { applicant: unknown }).applicant).to.deep.equal({ fullName: 'Đỗ Hà', dateOfBirth: '1985-02-03' });
  });

  it('never stores sensitive fields in the draft', async () => {
    const { el } = await makeForm();
    await click(el, 'start-button');
    await answer(el, '/applicant/fullName', 'Đỗ Hà');
    await answer(el, '/applicant/dateOfBirth', '1985-02-03');
    await click(el, 'next-button');
    await answer(el, '/pin', 'SECRET-4321');
    await flushDraft(el);
    const raw = JSON.stringify(await rawDraft());
    expect(raw).to.contain('Đỗ Hà');
    expect(raw).to.not.contain('SECRET-4321');
  });

  it('stores nothing with drafts="off"', async () => {
    const { el } = await makeForm({ drafts: 'off' });
    await click(el, 'start-button');
    await answer(el, '/applicant/fullName', 'Đỗ Hà');
    await flushDraft(el);
    expect(await rawDraft()).to.equal(undefined);
    const { el: again } = await makeForm({ drafts: 'off' });
    expect(heading(again)).to.equal('Cấp giấy phép thử nghiệm');
  });

  it('prefills from the back end and marks the field', async () => {
    const backend = new InPageBackend(model, validator);
    backend.prefill = { 'citizen.fullName': 'Nguyễn Văn Công' };
    const { el } = await makeForm({ backend });
    await click(el, 'start-button');
    const c = control<HTMLElement & { value: string; prefilled: boolean }>(el, '/applicant/fullName');
    expect(c.value).to.equal('Nguyễn Văn Công');
    expect(c.prefilled).to.equal(true);
  });

  it('keeps the answers when offline and retries with the same idempotency key; a double click files once', async () => {
    const { el, backend } = await makeForm();
    await fillToAttachments(el);
    await chooseFiles(el, 'photo', [jpeg()]);
    await click(el, 'next-button');
    const consent = root(el).querySelector<HTMLInputElement>('input[name="#consent"]')!;
    await click(el, 'submit-button');
    expect(summaryLinks(el).map((a) => a.textContent)).to.deep.equal(['Đánh dấu vào ô cam đoan để nộp hồ sơ']);
    consent.click();
    await el.updateComplete;
    backend.offline = true;
    await click(el, 'submit-button');
    await waitUntil(() => root(el).querySelector('[part~="banner"]'), 'offline banner shown');
    expect(root(el).querySelector('[part~="banner"]')!.textContent).to.contain('Không có kết nối mạng');
    expect(heading(el)).to.equal('Kiểm tra lại thông tin');
    const firstKey = backend.callsOf('submitDossier')[0]!.args[4];
    expect(firstKey).to.be.a('string');
    backend.offline = false;
    const submitted = oneEvent(el, 'dvc-submitted');
    button(el, 'submit-button').click();
    button(el, 'submit-button').click();
    const ev = (await submitted) as unknown as DvcSubmittedEvent;
    await el.updateComplete;
    const calls = backend.callsOf('submitDossier');
    expect(calls).to.have.length(2);
    expect(calls[1]!.args[4]).to.equal(firstKey);
    expect(backend.dossiers.size).to.equal(1);
    expect(ev.code).to.match(/^000\.00\.00\.H30-260115-0001$/);
    expect((calls[1]!.args[2] as Record<string, unknown>).pin).to.equal(undefined);
    expect(heading(el)).to.equal('Thanh toán lệ phí');
  });

  it('pays by VietQR (QR image, bank details) and shows the receipt', async () => {
    const { el, backend } = await makeForm();
    await fileDossier(el);
    await expect(el).to.be.accessible();
    await customElements.whenDefined('dvc-payment'); // loaded when the payment page is reached
    const pay = root(el).querySelector<HTMLElement & { updateComplete: Promise<unknown> }>('dvc-payment')!;
    await pay.updateComplete;
    const radios = [...pay.shadowRoot!.querySelectorAll<HTMLInputElement>('input[type=radio]')];
    radios[0]!.click();
    const status = oneEvent(el, 'dvc-payment-status');
    pay.shadowRoot!.querySelector<HTMLButtonElement>('[part~="pay-button"]')!.click();
    const ev = (await status) as unknown as DvcPaymentStatusEvent;
    expect(ev.payment.status).to.equal('pending');
    await el.updateComplete;
    await pay.updateComplete;
    expect(pay.shadowRoot!.querySelector('svg[part~="qr"] path')).to.exist;
    expect(pay.shadowRoot!.textContent).to.contain('257678859');
    await expect(el).to.be.accessible();
    backend.payments.get(ev.payment.id)!.status = 'paid';
    const paid = oneEvent(el, 'dvc-payment-status');
    pay.shadowRoot!.querySelector<HTMLButtonElement>('[part~="check-button"]')!.click();
    expect(((await paid) as unknown as DvcPaymentStatusEvent).payment.status).to.equal('paid');
    await el.updateComplete;
    const receipt = root(el).querySelector('dvc-receipt')!;
    await (receipt as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    expect(receipt.shadowRoot!.textContent).to.contain('000.00.00.H30-260115-0001');
    expect(receipt.shadowRoot!.textContent).to.contain('22/01/2026');
    await expect(el).to.be.accessible();
    // The draft is deleted once paid (after the receipt page's own save, in order; IndexedDB is asynchronous).
    await waitUntil(async () => (await rawDraft()) === undefined, 'the draft is deleted once paid');
  });

  it('pays at the counter: the payment page says where, then the receipt shows the amount due', async () => {
    const { el, backend } = await makeForm();
    await fileDossier(el);
    await customElements.whenDefined('dvc-payment'); // loaded when the payment page is reached
    const pay = root(el).querySelector<HTMLElement & { updateComplete: Promise<unknown> }>('dvc-payment')!;
    await pay.updateComplete;
    pay.shadowRoot!.querySelector<HTMLInputElement>('input[value=counter]')!.click();
    pay.shadowRoot!.querySelector<HTMLButtonElement>('[part~="pay-button"]')!.click();
    await waitUntil(() => pay.shadowRoot!.querySelector('[part~="continue-button"]'), 'counter instructions shown');
    expect(backend.callsOf('createPayment')[0]!.args[1]).to.equal('counter');
    expect(pay.shadowRoot!.textContent).to.contain('Nộp tại bộ phận một cửa UBND xã');
    pay.shadowRoot!.querySelector<HTMLButtonElement>('[part~="continue-button"]')!.click();
    await el.updateComplete;
    const receipt = root(el).querySelector<HTMLElement & { updateComplete: Promise<unknown> }>('dvc-receipt')!;
    await receipt.updateComplete;
    const due = [...backend.dossiers.values()][0]!.receipt.fee.total.toLocaleString('vi-VN');
    expect(receipt.shadowRoot!.textContent!.replace(/\s+/g, ' ')).to.contain(`Lệ phí phải nộp ${due}`);
    await expect(el).to.be.accessible();
  });

  it('the payment page offers only the methods the back end lists for the procedure', async () => {
    const { el, backend } = await makeForm();
    backend.paymentMethods = ['counter'];
    await fileDossier(el);
    await customElements.whenDefined('dvc-payment');
    const pay = root(el).querySelector<HTMLElement & { updateComplete: Promise<unknown> }>('dvc-payment')!;
    await pay.updateComplete;
    const values = [...pay.shadowRoot!.querySelectorAll<HTMLInputElement>('input[type=radio]')].map((i) => i.value);
    expect(values).to.deep.equal(['counter']);
    await expect(el).to.be.accessible();
  });

  it('adds, fills and removes rows of a repeating group; rows appear on the review page', async () => {
    const { el } = await makeForm();
    await click(el, 'start-button');
    await answer(el, '/applicant/fullName', 'Lê Minh');
    await answer(el, '/applicant/dateOfBirth', '1980-01-01');
    await click(el, 'next-button');
    await answer(el, '/category', 'normal');
    await answer(el, '/copies', '1');
    await click(el, 'next-button');
    expect(heading(el)).to.equal('Thành viên đi cùng');
    const group = root(el).querySelector<
      HTMLElement & { addRow(): boolean; removeRow(i: number): boolean; updateComplete: Promise<unknown> }
    >('dvc-repeating-group')!;
    expect(group.addRow()).to.equal(true);
    await el.updateComplete;
    expect(group.addRow()).to.equal(true);
    await el.updateComplete;
    await group.updateComplete;
    expect(el.value).to.deep.include({ members: [{}, {}] });
    await answer(el, '/members/0/name', 'Lê An');
    await answer(el, '/members/1/name', 'Lê Bình');
    await click(el, 'next-button');
    expect(heading(el)).to.equal('Giấy tờ kèm theo');
    await click(el, 'back-button');
    await group.updateComplete;
    const again = root(el).querySelector<typeof group>('dvc-repeating-group')!;
    expect(again.removeRow(0)).to.equal(true);
    await el.updateComplete;
    expect(el.value).to.deep.include({ members: [{ name: 'Lê Bình' }] });
    expect((control(el, '/members/0/name') as HTMLElement & { value: string }).value).to.equal('Lê Bình');
    again.addRow();
    await el.updateComplete;
    await click(el, 'next-button');
    expect(summaryLinks(el).map((a) => a.textContent)).to.deep.equal(['Nhập Họ và tên thành viên']);
    await expect(el).to.be.accessible();
  });

  it("maps the back end's validation problems onto the fields", async () => {
    class StrictBackend extends InPageBackend {
      override async submitDossier(...args: Parameters<InPageBackend['submitDossier']>): Promise<DossierReceipt> {
        this.calls.push({ method: 'submitDossier', args });
        throw new ValidationProblemError([
          {
            pointer: '/data/applicant/fullName',
            keyword: 'rule:registry',
            message: 'Họ tên không khớp với Cơ sở dữ liệu quốc gia về dân cư',
          },
        ]);
      }
    }
    const { el } = await makeForm({ backend: new StrictBackend(model, validator) });
    await fillToAttachments(el);
    await chooseFiles(el, 'photo', [jpeg()]);
    await click(el, 'next-button');
    root(el).querySelector<HTMLInputElement>('input[name="#consent"]')!.click();
    await click(el, 'submit-button');
    await waitUntil(() => summaryLinks(el).length > 0, 'server problems shown');
    expect(summaryLinks(el).map((a) => a.textContent)).to.deep.equal(['Họ tên không khớp với Cơ sở dữ liệu quốc gia về dân cư']);
    summaryLinks(el)[0]!.click();
    await el.updateComplete;
    await new Promise((r) => setTimeout(r, 20));
    expect(heading(el)).to.equal('Người yêu cầu');
    expect(control<HTMLElement & { error: string }>(el, '/applicant/fullName').error).to.equal(
      'Họ tên không khớp với Cơ sở dữ liệu quốc gia về dân cư',
    );
  });

  it('keeps uploaded files in the draft: after a reload they are listed and submitted', async () => {
    const { el, backend } = await makeForm();
    await fillToAttachments(el);
    await chooseFiles(el, 'photo', [jpeg('giu-lai.jpg')]);
    await waitUntil(() => backend.uploads.size === 1, 'uploaded');
    await new Promise((r) => setTimeout(r, 50));
    await flushDraft(el);
    expect(JSON.stringify(await rawDraft())).to.contain('giu-lai.jpg');
    const { el: again } = await makeForm({ backend });
    expect(heading(again)).to.equal('Giấy tờ kèm theo');
    const photo = attachmentOf(again, 'photo');
    await photo.updateComplete;
    expect(photo.shadowRoot!.textContent).to.contain('Đã tải lên giu-lai.jpg');
    await click(again, 'next-button');
    expect(heading(again)).to.equal('Kiểm tra lại thông tin');
    root(again).querySelector<HTMLInputElement>('input[name="#consent"]')!.click();
    await click(again, 'submit-button');
    await waitUntil(() => backend.callsOf('submitDossier').length === 1, 'submitted');
    const [uploadId] = [...backend.uploads.keys()];
    expect(backend.callsOf('submitDossier')[0]!.args[3]).to.deep.equal([{ attachmentId: 'photo', uploadId }]);
  });

  it('holds the files kept for an attachment to its maxFiles before the review, as the server does', async () => {
    const { el, backend } = await makeForm();
    await fillToAttachments(el);
    await chooseFiles(el, 'photo', [jpeg('mot.jpg')]);
    await waitUntil(() => backend.uploads.size === 1, 'uploaded');
    await new Promise((r) => setTimeout(r, 50));
    await flushDraft(el);
    // A draft kept from when the procedure took more files (photo now takes at most 2).
    const draft = (await rawDraft()) as { attachments: Record<string, Array<Record<string, unknown>>> };
    const [kept] = draft.attachments.photo!;
    draft.attachments.photo = [kept!, { ...kept, name: 'hai.jpg' }, { ...kept, name: 'ba.jpg' }];
    await secureLocalStorage()!.set(draftKey, draft);
    const { el: again } = await makeForm({ backend });
    expect(heading(again)).to.equal('Giấy tờ kèm theo');
    await click(again, 'next-button');
    expect(heading(again)).to.equal('Giấy tờ kèm theo');
    expect(summaryLinks(again).map((a) => a.textContent)).to.deep.equal(['Chỉ được gửi tối đa 2 tệp cho Ảnh chân dung.']);
  });

  it('keeps a file chosen while offline, refuses to go on until it is sent, then sends it', async () => {
    const { el, backend } = await makeForm();
    await fillToAttachments(el);
    backend.offline = true;
    await chooseFiles(el, 'photo', [jpeg('offline.jpg')]);
    const photo = attachmentOf(el, 'photo');
    await waitUntil(() => photo.shadowRoot!.textContent!.includes('Chưa có kết nối mạng: offline.jpg'), 'file kept');
    await click(el, 'next-button');
    expect(heading(el)).to.equal('Giấy tờ kèm theo');
    expect(summaryLinks(el).map((a) => a.textContent)).to.deep.equal(['Chờ tải lên xong Ảnh chân dung']);
    backend.offline = false;
    const retry = photo.shadowRoot!.querySelector<HTMLButtonElement>('[part~="retry-button"]')!;
    retry.click();
    await waitUntil(() => backend.uploads.size === 1, 'uploaded after the retry');
    await waitUntil(() => !photo.shadowRoot!.textContent!.includes('Chờ tải lên xong'), 'error cleared');
    await click(el, 'next-button');
    expect(heading(el)).to.equal('Kiểm tra lại thông tin');
  });

  it('says the title of a step once when the step holds one group of the same title', async () => {
    const { el } = await makeForm();
    await click(el, 'start-button');
    expect(heading(el)).to.equal('Người yêu cầu');
    const legends = [...root(el).querySelectorAll<HTMLElement & { label: string }>('dvc-fieldset')].map((f) => f.label);
    expect(legends, 'no fieldset repeats the step heading').to.not.include('Người yêu cầu');
    expect(maybeControl(el, '/applicant/fullName'), "the group's fields are shown").to.not.equal(null);
    expect(maybeControl(el, '/applicant/dateOfBirth')).to.not.equal(null);
    await click(el, 'next-button');
    expect(summaryLinks(el).map((a) => a.textContent)).to.deep.equal(['Nhập Họ và tên', 'Nhập Ngày sinh, ví dụ 05/09/2024']);
    await expect(el).to.be.accessible();
  });

  it('names the province and commune of an address on the review page when the back end gives no units', async () => {
    const { el, backend } = await makeForm();
    await click(el, 'start-button');
    await answer(el, '/applicant/fullName', 'Nguyễn Thị Lan');
    await answer(el, '/applicant/dateOfBirth', '1990-09-05');
    await click(el, 'next-button');
    await answer(el, '/category', 'normal');
    await answer(el, '/copies', '1');
    const address = control<HTMLElement & { value: unknown }>(el, '/deliveryAddress');
    address.value = { country: 'VN', province: '01', commune: '00004', street: '1 Phố Tràng Thi' };
    address.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    address.dispatchEvent(new Event('change', { bubbles: true }));
    await el.updateComplete;
    await click(el, 'next-button');
    await click(el, 'next-button'); // no accompanying members
    await chooseFiles(el, 'photo', [jpeg()]);
    await click(el, 'next-button');
    expect(heading(el)).to.equal('Kiểm tra lại thông tin');
    await waitUntil(async () => {
      const review = root(el).querySelector<DvcReviewList>('dvc-review-list')!;
      await review.updateComplete;
      return review.shadowRoot!.textContent!.includes('Ba Đình');
    }, 'the commune is named');
    expect(backend.callsOf('getAdminUnits').length, 'the back end was asked first').to.be.greaterThan(0);
    const text = root(el).querySelector<DvcReviewList>('dvc-review-list')!.shadowRoot!.textContent!.replace(/\s+/g, ' ');
    expect(text).to.contain('1 Phố Tràng Thi, Ba Đình, Hà Nội');
    expect(text).to.not.contain('00004');
  });

  it('address fields list the back end\u2019s administrative units when it serves them', async () => {
    const backend = new InPageBackend(model, validator);
    backend.adminUnits = {
      provinces: [
        {
          code: '99',
          name: 'Tỉnh Thử Nghiệm',
          nameEn: 'Test Province',
          communes: [{ code: '99001', name: 'Xã Mới Lập', nameEn: 'Moi Lap' }],
        },
      ],
    };
    const { el } = await makeForm({ backend });
    await click(el, 'start-button');
    await answer(el, '/applicant/fullName', 'Nguyễn Thị Lan');
    await answer(el, '/applicant/dateOfBirth', '1990-09-05');
    await click(el, 'next-button');
    const address = control<HTMLElement & { unitsReady(): Promise<void>; focus(): void }>(el, '/deliveryAddress');
    await address.unitsReady();
    address.focus();
    await sendKeys({ type: 'thu nghiem' });
    await (address as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    const options = [...address.shadowRoot!.querySelectorAll('#province-list [role="option"]')].map((o) => o.textContent!.trim());
    expect(
      options.some((o) => o.includes('Tỉnh Thử Nghiệm')),
      options.join(' | '),
    ).to.equal(true);
    await sendKeys({ press: 'Enter' });
    expect(backend.callsOf('getAdminUnits').length).to.equal(1);
  });

  it('a draft changed on another device meanwhile: the citizen chooses the copy, by keyboard', async () => {
    const { el } = await makeForm({ backend: new OtherDeviceBackend(model, validator), token: 'session-token' });
    await click(el, 'start-button');
    await answer(el, '/applicant/dateOfBirth', '1991-01-01');
    // Sent after two seconds of quiet and refused: the other device's copy is newer.
    await waitUntil(() => root(el).querySelector('[data-action="draft-use-other"]'), 'the choice is offered', { timeout: 6000 });
    const banner = root(el).querySelector<HTMLElement>('[part~="banner"][role="alert"]')!;
    expect(banner.textContent).to.contain('vừa được sửa trên một thiết bị khác');
    expect(control<HTMLElement & { value: string }>(el, '/applicant/dateOfBirth').value, 'what was typed stays').to.equal('1991-01-01');
    await expect(el).to.be.accessible();
    root(el).querySelector<HTMLButtonElement>('[data-action="draft-use-other"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => !root(el).querySelector('[data-action="draft-use-other"]'), 'the choice is gone');
    await waitUntil(() => (el.value as { copies?: number }).copies === 2, 'the other device\u2019s copy is shown');
    expect((el.value as { applicant: { dateOfBirth: string } }).applicant.dateOfBirth).to.equal('1990-09-05');
  });

  it('fits a 320 px wide screen without horizontal scrolling', async () => {
    await setViewport({ width: 320, height: 640 });
    try {
      const { el } = await makeForm();
      await click(el, 'start-button');
      await click(el, 'next-button');
      expect(document.documentElement.scrollWidth).to.be.at.most(320);
      const r = button(el, 'next-button').getBoundingClientRect();
      expect(r.height).to.be.at.least(24);
      expect(r.right).to.be.at.most(320);
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });

  it('renders in English with lang="en"', async () => {
    const { el } = await makeForm({ lang: 'en' });
    expect(heading(el)).to.equal('Test permit');
    expect(button(el, 'start-button').textContent!.trim()).to.equal('Start now');
    await click(el, 'start-button');
    await click(el, 'next-button');
    expect(summaryLinks(el).map((a) => a.textContent)).to.deep.equal(['Enter Full name', 'Enter Date of birth, for example 05/09/2024']);
  });
});
