/**
 * What the shell leaves on the citizen's device (issue 7, item 8): drafts and receipts encrypted at rest with a
 * non-extractable key, only a bare receipt after filing, everything gone on sign-out; and the filing's
 * anonymous session secret (`Dvc-Session`) kept with the draft and the receipt.
 */
import { expect, waitUntil } from '@open-wc/testing';
import {
  chooseFiles,
  clearDraft,
  draftKey,
  fileDossier,
  fillToAttachments,
  heading,
  jpeg,
  lockDeviceStorage,
  makeForm,
  model,
  rawDraft,
  rawIndexedDb,
  receiptKey,
  root,
  storedReceipt,
  validator,
  InPageBackend,
  type TestForm,
} from './helpers.js';
import { DraftStore, MemoryStorage, indexedDbStorage } from '../../../src/runtime/draft-store.js';
import {
  CLEAR_CHANNEL,
  DATA_DB,
  KEY_DB,
  clearCitizenData,
  deviceKey,
  isEnvelope,
  secureLocalStorage,
} from '../../../src/runtime/secure-storage.js';
import { encryptedUrlStorage } from '../../../src/client/upload-url-storage.js';

const NAME = 'Nguyễn Thị Lan';
const BIRTH = '1990-09-05';
const SECRET = /^[A-Za-z0-9_-]{43}$/;
const RECEIPT_FIELDS = [
  'appointmentDate',
  'code',
  'feeTotal',
  'format',
  'page',
  'paymentId',
  'paymentStatus',
  'procedure',
  'session',
  'submittedAt',
];

/** Every stored byte of the SDK's database as text: the records as stored, and their ciphertexts decoded. */
async function storedText(): Promise<string> {
  const records = await rawIndexedDb(DATA_DB);
  const decoded = records.map(([, , v]) => {
    if (!isEnvelope(v)) return '';
    const b64 = v.data.replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4)), (c) => c.charCodeAt(0));
    return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  });
  return JSON.stringify(records) + decoded.join('\n');
}

async function flushDraft(el: TestForm): Promise<void> {
  el.remove(); // disconnecting flushes the pending draft write
  await new Promise((r) => setTimeout(r, 100));
}

type PaymentEl = HTMLElement & { updateComplete: Promise<unknown> };

async function payWith(el: TestForm, method: 'vietqr' | 'counter'): Promise<PaymentEl> {
  await customElements.whenDefined('dvc-payment');
  const pay = root(el).querySelector<PaymentEl>('dvc-payment')!;
  await pay.updateComplete;
  pay.shadowRoot!.querySelector<HTMLInputElement>(`input[value=${method}]`)!.click();
  pay.shadowRoot!.querySelector<HTMLButtonElement>('[part~="pay-button"]')!.click();
  await waitUntil(() => pay.shadowRoot!.querySelector('[part~="panel"]'), 'payment panel shown');
  return pay;
}

describe('device storage of <dvc-procedure-form>', () => {
  lockDeviceStorage('exclusive');
  beforeEach(async () => {
    await new Promise((r) => setTimeout(r, 100));
    await clearCitizenData();
  });
  after(async () => {
    await clearDraft();
  });

  it('keeps nothing personal in clear: every IndexedDB record is an AES-GCM envelope, the key is not extractable', async () => {
    const { el } = await makeForm();
    await fillToAttachments(el);
    await flushDraft(el);

    const records = await rawIndexedDb(DATA_DB);
    expect(records.map(([, k]) => k)).to.include(draftKey);
    for (const [, key, value] of records) expect(isEnvelope(value), `record ${String(key)} is encrypted`).to.equal(true);
    const stored = await storedText();
    for (const personal of [NAME, 'Nguyễn', BIRTH, '05/09/1990']) expect(stored).to.not.contain(personal);
    // The SDK itself still reads it back.
    expect(JSON.stringify(await rawDraft())).to.contain(NAME);

    const keys = await rawIndexedDb(KEY_DB);
    expect(keys).to.have.length(1);
    const key = keys[0]![2] as CryptoKey;
    expect(key).to.be.instanceOf(CryptoKey);
    expect(key.extractable).to.equal(false);
    expect(key.algorithm.name).to.equal('AES-GCM');
    let exported = true;
    await crypto.subtle.exportKey('raw', key).catch(() => (exported = false));
    expect(exported, 'the device key cannot be exported').to.equal(false);
  });

  it('encrypts ID numbers too, with a fresh IV on every write', async () => {
    const storage = secureLocalStorage()!;
    const store = new DraftStore({ model, storage });
    const data = { applicant: { fullName: NAME, idNumber: '001203004567' } };
    await store.save({ data });
    const first = (await indexedDbStorage().get(draftKey)) as { iv: string; data: string };
    await store.save({ data });
    const second = (await indexedDbStorage().get(draftKey)) as { iv: string; data: string };
    expect(first.iv).to.not.equal(second.iv);
    expect(first.data).to.not.equal(second.data);
    expect(await storedText()).to.not.contain('001203004567');
    expect(((await store.load())!.data as typeof data).applicant.idNumber).to.equal('001203004567');
  });

  it('after filing the answers are deleted; the receipt keeps only code, procedure, dates, fee and payment', async () => {
    const { el, backend } = await makeForm();
    await fileDossier(el);
    await waitUntil(async () => (await rawDraft()) === undefined, 'the draft is deleted once filed');
    const rec = (await storedReceipt()) as Record<string, unknown>;
    expect(rec, 'a receipt is kept while the fee is unpaid').to.be.an('object');
    for (const k of Object.keys(rec)) expect(RECEIPT_FIELDS, `receipt field ${k}`).to.include(k);
    expect(rec.code).to.equal([...backend.dossiers.keys()][0]);
    expect(rec.feeTotal).to.be.greaterThan(0);
    expect(rec.session, 'not signed in: the session secret is kept until paid').to.match(SECRET);
    expect(JSON.stringify(rec)).to.not.contain(NAME);
    expect(await storedText()).to.not.contain(NAME);

    const pay = await payWith(el, 'vietqr');
    await waitUntil(
      async () => ((await storedReceipt()) as { paymentStatus?: string } | undefined)?.paymentStatus === 'pending',
      'payment noted',
    );
    const [paymentId] = [...backend.payments.keys()];
    backend.payments.get(paymentId!)!.status = 'paid';
    pay.shadowRoot!.querySelector<HTMLButtonElement>('[part~="check-button"]')!.click();
    await waitUntil(() => root(el).querySelector('dvc-receipt'), 'receipt shown');
    await waitUntil(async () => (await rawIndexedDb(DATA_DB)).length === 0, 'nothing is kept once paid');
  });

  it('a reload on the payment page shows the payment again, with the same session secret', async () => {
    const backend = new InPageBackend(model, validator);
    const { el } = await makeForm({ backend });
    await fileDossier(el);
    await payWith(el, 'counter');
    await waitUntil(async () => ((await storedReceipt()) as { paymentId?: string } | undefined)?.paymentId, 'payment noted');
    await flushDraft(el);
    const { el: again } = await makeForm({ backend });
    expect(heading(again)).to.equal('Thanh toán lệ phí');
    await waitUntil(() => backend.callsOf('getPayment').length > 0, 'the payment status is read again');
    const seen = backend.sessions.filter((s) => ['upload', 'submitDossier', 'createPayment', 'getPayment'].includes(s.method));
    expect(seen.map((s) => s.method)).to.include.members(['upload', 'submitDossier', 'createPayment', 'getPayment']);
    const secrets = new Set(seen.map((s) => s.session));
    expect(secrets.size, 'one secret for the whole filing').to.equal(1);
    expect([...secrets][0]).to.match(SECRET);
  });

  it('one session secret per filing: kept with the draft across a reload, a new one for the next filing, none when signed in', async () => {
    const backend = new InPageBackend(model, validator);
    const { el } = await makeForm({ backend });
    await fillToAttachments(el);
    await chooseFiles(el, 'photo', [jpeg('mot.jpg')]);
    await flushDraft(el);
    const first = backend.sessions.find((s) => s.method === 'upload')!.session;
    expect(first).to.match(SECRET);
    expect(((await rawDraft()) as { session?: string }).session).to.equal(first);
    expect(await storedText()).to.not.contain(first!);

    const { el: again } = await makeForm({ backend });
    expect(heading(again)).to.equal('Giấy tờ kèm theo');
    await chooseFiles(again, 'photo', [jpeg('hai.jpg')]);
    expect(backend.sessions.filter((s) => s.method === 'upload').map((s) => s.session)).to.deep.equal([first, first]);

    await (again as unknown as { discardDraft(): Promise<void> }).discardDraft();
    await again.updateComplete;
    await fillToAttachments(again);
    await chooseFiles(again, 'photo', [jpeg('ba.jpg')]);
    const third = backend.sessions.filter((s) => s.method === 'upload')[2]!.session;
    expect(third).to.match(SECRET);
    expect(third, 'a new filing has a new secret').to.not.equal(first);
    await flushDraft(again);
    await clearCitizenData();

    const signedIn = new InPageBackend(model, validator);
    const { el: citizen } = await makeForm({ backend: signedIn, token: 'header.payload.sig' });
    await fillToAttachments(citizen);
    await chooseFiles(citizen, 'photo', [jpeg()]);
    expect(signedIn.sessions.find((s) => s.method === 'upload')!.session, 'the token says who it is').to.equal(null);
    citizen.remove();
  });

  it('reads records of an older SDK: a plain draft is encrypted in place; a plain filed draft becomes a bare receipt; a broken record is dropped', async () => {
    const now = Date.now();
    const plain = {
      format: 1,
      slug: model.procedure.slug,
      procedureVersion: model.procedure.version,
      savedAt: now,
      expiresAt: now + 86_400_000,
      data: { applicant: { fullName: NAME, dateOfBirth: BIRTH } },
      page: 'start',
    };
    await indexedDbStorage().set(draftKey, plain);
    const { el } = await makeForm();
    expect((el.value as { applicant?: { fullName?: string } }).applicant?.fullName).to.equal(NAME);
    expect(isEnvelope(await indexedDbStorage().get(draftKey)), 'encrypted in place').to.equal(true);
    expect(await storedText()).to.not.contain(NAME);
    el.remove();
    await clearCitizenData();

    const receipt = {
      code: '000.00.00.H30-260115-0042',
      appointmentDate: '2026-01-22',
      status: 'submitted',
      fee: { currency: 'VND', total: 200000, lines: [{ id: 'fee', title: { vi: 'Lệ phí' }, amount: 200000 }] },
      submittedAt: '2026-01-15T03:00:00.000Z',
    };
    await indexedDbStorage().set(draftKey, { ...plain, page: 'payment', receipt });
    const { el: filed } = await makeForm();
    expect(heading(filed)).to.equal('Thanh toán lệ phí');
    expect(root(filed).querySelector('dvc-payment')!.getAttribute('code')).to.equal(receipt.code);
    await waitUntil(async () => (await indexedDbStorage().get(draftKey)) === undefined, 'the old answers are deleted');
    const rec = (await storedReceipt()) as Record<string, unknown>;
    for (const k of Object.keys(rec)) expect(RECEIPT_FIELDS).to.include(k);
    expect(await storedText()).to.not.contain(NAME);
    filed.remove();
    await clearCitizenData();

    await indexedDbStorage().set(draftKey, { dvcEncrypted: 1, iv: 'AAAAAAAAAAAAAAAA', data: 'bm90IGEgY2lwaGVydGV4dA' });
    await indexedDbStorage().set(receiptKey, { dvcEncrypted: 1, iv: 'AAAAAAAAAAAAAAAA', data: 'bm90IGEgY2lwaGVydGV4dA' });
    const { el: fresh } = await makeForm();
    expect(heading(fresh)).to.equal('Cấp giấy phép thử nghiệm');
    expect(await indexedDbStorage().get(draftKey)).to.equal(undefined);
    expect(await indexedDbStorage().get(receiptKey)).to.equal(undefined);
  });

  it('clearCitizenData() on sign-out deletes drafts, receipts, remembered uploads and the key; an open form forgets the citizen', async () => {
    const { el } = await makeForm();
    await fileDossier(el);
    await waitUntil(async () => (await storedReceipt()) !== undefined, 'receipt kept');
    const uploads = encryptedUrlStorage(secureLocalStorage()!);
    await uploads.addUpload('dvc-tus|test-permit|photo|ảnh-cccd-Lan.jpg', {
      size: 10,
      metadata: { filename: 'ảnh-cccd-Lan.jpg' },
      creationTime: new Date().toISOString(),
      uploadUrl: 'https://example.test/uploads/abc',
      urlStorageKey: '',
      parallelUploadUrls: null,
    });
    expect(await uploads.findUploadsByFingerprint('dvc-tus|test-permit|photo|ảnh-cccd-Lan.jpg')).to.have.length(1);
    expect(await storedText()).to.not.contain('cccd');
    const oldKey = await deviceKey();

    await clearCitizenData();
    expect(await rawIndexedDb(DATA_DB)).to.deep.equal([]);
    expect(await rawIndexedDb(KEY_DB)).to.deep.equal([]);
    await el.updateComplete;
    expect(heading(el)).to.equal('Cấp giấy phép thử nghiệm');
    expect(JSON.stringify(el.value)).to.not.contain(NAME);
    // Nothing is written back afterwards (the form's pending writes were dropped).
    await flushDraft(el);
    expect(await rawIndexedDb(DATA_DB)).to.deep.equal([]);
    expect(await deviceKey(), 'a new key for what comes next').to.not.equal(oldKey);
  });

  it('a sign-out in another tab of the site empties the open form here', async () => {
    const { el } = await makeForm();
    await fillToAttachments(el);
    expect(JSON.stringify(el.value)).to.contain(NAME);
    const otherTab = new BroadcastChannel(CLEAR_CHANNEL);
    otherTab.postMessage('cleared');
    otherTab.close();
    await waitUntil(() => !JSON.stringify(el.value).includes(NAME), 'the form forgot the citizen');
    await el.updateComplete;
    expect(heading(el)).to.equal('Cấp giấy phép thử nghiệm');
  });

  it('the element method also clears storage the host gave the form', async () => {
    const storage = new MemoryStorage();
    const { fixture, html } = await import('@open-wc/testing');
    const el = await fixture<TestForm>(
      html`<dvc-test-permit .client=${new InPageBackend(model, validator)} .draftStorage=${storage}></dvc-test-permit>`,
    );
    await el.whenReady();
    await fillToAttachments(el);
    await waitUntil(() => storage.keys().includes(draftKey), 'draft saved');
    await (el as unknown as { clearCitizenData(): Promise<void> }).clearCitizenData();
    expect(storage.keys()).to.deep.equal([]);
    expect(JSON.stringify(el.value)).to.not.contain(NAME);
    await el.updateComplete;
    expect(heading(el)).to.equal('Cấp giấy phép thử nghiệm');
  });
});
