import { expect, html, elementUpdated, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { mount } from './control-suite.js';
import '../../../src/define/dvc-dossier-status.js';
import { offlineError, problemErrorFrom } from '../../../src/client/errors.js';
import { loadTranslation } from '../../../src/runtime/messages.js';
import { checkDossierCode } from '../../../src/runtime/dossier-code.js';
import {
  formatDateTimeVn,
  type DvcDossierLoadedEvent,
  type DvcDossierLookupEvent,
  type DossierStatusClient,
  type DvcDossierStatus,
} from '../../../src/components/dossier-status/dossier-status.js';
import type { DossierStatus } from '../../../src/runtime/backend.js';

const CODE = '000.00.00.H30-260302-0007';

const DOSSIER: DossierStatus = {
  code: CODE,
  procedure: 'criminal-record-certificate',
  status: 'supplement-requested',
  submittedAt: '2026-03-02T02:05:00.000Z',
  appointmentDate: '2026-03-16',
  fee: { currency: 'VND', total: 200000, lines: [] },
  history: [
    { status: 'submitted', at: '2026-03-02T02:05:00.000Z' },
    { status: 'received', at: '2026-03-02T03:00:00.000Z' },
    {
      status: 'supplement-requested',
      at: '2026-03-03T08:30:00.000Z',
      note: { vi: 'Bổ sung bản sao sổ hộ khẩu.', en: 'Add a copy of the household register.' },
    },
  ],
  payment: { id: 'pay-1', status: 'paid', amount: 200000, method: 'vietqr' },
};

/**
 * An in-page back end answering like the HTTP API, turned into the SDK's error types by the client's own
 * mapping (`problemErrorFrom`, `offlineError`): dossiers by code, a procedure list, and switches for
 * "offline" (the connection drops), "broken" (500) and "hold" (an answer that has not come yet).
 * (The HTTP client itself is not loaded here: @web/test-runner does not convert tus-js-client's CommonJS
 * dependencies; the e2e suite drives the real client on the demo page.)
 */
function backend(dossiers: DossierStatus[] = [DOSSIER]) {
  const state = { offline: false, broken: false, calls: [] as string[], hold: null as Promise<void> | null };
  const answer = async (path: string): Promise<{ status: number; body: unknown }> => {
    state.calls.push(`GET ${path}`);
    if (state.hold) await state.hold;
    if (state.offline) throw offlineError(new TypeError('Failed to fetch'));
    if (path === '/procedures') {
      return {
        status: 200,
        body: [{ slug: 'criminal-record-certificate', title: { vi: 'Cấp Phiếu lý lịch tư pháp', en: 'Criminal record certificate' } }],
      };
    }
    if (state.broken) return { status: 500, body: { type: 'about:blank', title: 'Internal Server Error', status: 500 } };
    const code = path.slice('/dossiers/'.length);
    const d = dossiers.find((x) => x.code === code);
    if (d) return { status: 200, body: structuredClone(d) };
    return {
      status: 404,
      body: { type: 'https://dvc-forms.dev/problems/not-found', title: 'Not Found', status: 404, detail: 'No dossier' },
    };
  };
  const ok = async <T>(path: string): Promise<T> => {
    const a = await answer(path);
    if (a.status !== 200) throw problemErrorFrom(a.status, a.body);
    return a.body as T;
  };
  const client: DossierStatusClient = {
    getDossier: (code) => ok<DossierStatus>(`/dossiers/${code}`),
    listProcedures: () => ok<Array<{ slug: string; title: { vi: string; en?: string } }>>('/procedures'),
  };
  return { state, client };
}

const root = (el: DvcDossierStatus): ShadowRoot => el.shadowRoot!;
const input = (el: DvcDossierStatus): HTMLInputElement => root(el).querySelector('input')!;
const textOf = (el: DvcDossierStatus, sel: string): string => (root(el).querySelector(sel)?.textContent ?? '').replace(/\s+/g, ' ').trim();
const live = (el: DvcDossierStatus): string => textOf(el, '[role="status"]');
const deepActive = (): Element | null => {
  let a: Element | null = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a;
};

async function settled(el: DvcDossierStatus, what: string): Promise<void> {
  await waitUntil(
    () => !root(el).querySelector('.outcome[aria-busy="true"]') && root(el).querySelector('.outcome')!.children.length > 0,
    what,
  );
  await elementUpdated(el);
}

describe('checkDossierCode', () => {
  it('normalises what a citizen types and checks the shape and the date', () => {
    expect(checkDossierCode(' 000.00.00.h30 – 260302 – 0007 ')).to.deep.equal({ ok: true, code: CODE });
    expect(checkDossierCode('')).to.deep.include({ ok: false, reason: 'empty' });
    expect(checkDossierCode('H30-2603-7')).to.deep.include({ ok: false, reason: 'shape' });
    expect(checkDossierCode('000.00.00.H30-261332-0001')).to.deep.include({ ok: false, reason: 'date', date: '261332' });
    expect(checkDossierCode('000.00.00.H30-250229-0001')).to.deep.include({ ok: false, reason: 'date' });
    expect(checkDossierCode('000.00.00.H30-240229-0001').ok).to.equal(true);
  });

  it('formats instants as Vietnamese civil time (UTC+7)', () => {
    expect(formatDateTimeVn('2026-03-02T17:30:00Z')).to.equal('00:30 03/03/2026');
    expect(formatDateTimeVn('nonsense')).to.equal('nonsense');
  });
});

describe('<dvc-dossier-status>', () => {
  it('looks up a typed code with the keyboard and shows status, dates, fee, payment and the timeline', async () => {
    const { client, state } = backend();
    const el = await mount<DvcDossierStatus>(html`<dvc-dossier-status lang="vi" .client=${client}></dvc-dossier-status>`);
    let looked = '';
    let loaded: DossierStatus | null = null;
    el.addEventListener('dvc-dossier-lookup', (e: DvcDossierLookupEvent) => (looked = e.code));
    el.addEventListener('dvc-dossier-loaded', (e: DvcDossierLoadedEvent) => (loaded = e.dossier));
    input(el).focus();
    await sendKeys({ type: '000.00.00.h30-260302-0007' });
    await sendKeys({ press: 'Enter' });
    await settled(el, 'the result shows');
    expect(looked).to.equal(CODE);
    expect(loaded!.code).to.equal(CODE);
    expect(el.code).to.equal(CODE);
    expect(el.getAttribute('code')).to.equal(CODE);
    expect(state.calls).to.include(`GET /dossiers/${CODE}`);
    expect(textOf(el, '[part="status"]')).to.equal('Tình trạng: Cần bổ sung hồ sơ');
    const details = textOf(el, '[part="details"]');
    expect(details).to.include('Cấp Phiếu lý lịch tư pháp');
    expect(details).to.include('09:05 02/03/2026');
    expect(details).to.include('16/03/2026');
    expect(details).to.match(/200\.000\s₫/);
    expect(details).to.include('Đã thanh toán');
    const items = [...root(el).querySelectorAll('[part="timeline"] > li')];
    expect(items.map((li) => li.querySelector('.timeline__status')!.textContent)).to.deep.equal([
      'Đã nộp, chờ tiếp nhận',
      'Đã tiếp nhận',
      'Cần bổ sung hồ sơ',
    ]);
    expect(items[2].getAttribute('aria-current')).to.equal('step');
    expect(items[0].querySelector('time')!.getAttribute('datetime')).to.equal('2026-03-02T02:05:00.000Z');
    expect(items[2].textContent).to.include('Bổ sung bản sao sổ hộ khẩu.');
    expect(root(el).querySelector('[part="timeline"]')!.tagName).to.equal('OL');
    // Focus moved to the result's heading; the live region says what was found.
    expect(deepActive()?.id).to.equal('result-heading');
    expect(live(el)).to.equal(`Hồ sơ ${CODE}: Cần bổ sung hồ sơ.`);
    await expect(el).to.be.accessible();
  });

  it('refuses a malformed code with a Vietnamese message and an example, without asking the back end', async () => {
    const { client, state } = backend();
    const el = await mount<DvcDossierStatus>(html`<dvc-dossier-status lang="vi" .client=${client}></dvc-dossier-status>`);
    input(el).focus();
    await sendKeys({ press: 'Enter' });
    await elementUpdated(el);
    expect(textOf(el, '[part="error-message"]')).to.equal('Lỗi: Nhập mã hồ sơ, ví dụ 000.00.00.H30-250712-0001');
    await sendKeys({ type: 'H30-12345' });
    await sendKeys({ press: 'Enter' });
    await elementUpdated(el);
    const msg = textOf(el, '[part="error-message"]');
    expect(msg).to.include('Mã hồ sơ không đúng dạng');
    expect(msg).to.include('000.00.00.H30-250712-0001');
    expect(input(el).getAttribute('aria-invalid')).to.equal('true');
    expect(input(el).getAttribute('aria-describedby')).to.equal('hint error');
    expect(deepActive()).to.equal(input(el), 'focus stays in the box');
    await expect(el).to.be.accessible();
    input(el).select();
    await sendKeys({ type: '000.00.00.H30-261340-0001' });
    await sendKeys({ press: 'Enter' });
    await elementUpdated(el);
    expect(textOf(el, '[part="error-message"]')).to.include('"261340"');
    expect(state.calls.filter((c) => c.includes('/dossiers/'))).to.deep.equal([]);
  });

  it('says when no dossier has the code', async () => {
    const { client } = backend();
    const el = await mount<DvcDossierStatus>(
      html`<dvc-dossier-status lang="vi" code="000.00.00.H30-260302-0099" .client=${client}></dvc-dossier-status>`,
    );
    await settled(el, 'not found shows');
    expect(textOf(el, '[part="message"]')).to.equal(
      'Không tìm thấy hồ sơ có mã 000.00.00.H30-260302-0099. Kiểm tra lại mã trên giấy tiếp nhận hoặc thư thông báo.',
    );
    expect(root(el).querySelector('[part="retry-button"]')).to.equal(null);
    expect(live(el)).to.include('Không tìm thấy hồ sơ');
    expect(input(el).value).to.equal('000.00.00.H30-260302-0099', 'the box shows the code the host set');
    await expect(el).to.be.accessible();
  });

  it('offline: says there is no connection and retries from the keyboard', async () => {
    const { client, state } = backend();
    state.offline = true;
    const el = await mount<DvcDossierStatus>(html`<dvc-dossier-status lang="vi" code=${CODE} .client=${client}></dvc-dossier-status>`);
    await settled(el, 'offline shows');
    expect(textOf(el, '[part="message"] p')).to.include('Không có kết nối mạng');
    await expect(el).to.be.accessible();
    state.offline = false;
    const retry = root(el).querySelector<HTMLButtonElement>('[part="retry-button"]')!;
    expect(retry.textContent!.trim()).to.equal('Thử lại');
    retry.focus();
    await sendKeys({ press: 'Enter' });
    await settled(el, 'the result shows after the retry');
    await waitUntil(() => root(el).querySelector('[part="result"]'), 'result after retry');
    expect(textOf(el, '[part="status"]')).to.include('Cần bổ sung hồ sơ');
    await waitUntil(() => deepActive()?.id === 'result-heading', 'focus on the result after a retry');
  });

  it('a server error offers a retry; a code set by the host that is not a code is explained', async () => {
    const { client, state } = backend();
    state.broken = true;
    const el = await mount<DvcDossierStatus>(html`<dvc-dossier-status lang="vi" code=${CODE} .client=${client}></dvc-dossier-status>`);
    await settled(el, 'error shows');
    expect(textOf(el, '[part="message"] p')).to.include('Hệ thống tra cứu đang gặp sự cố');
    expect(root(el).querySelector('[part="retry-button"]')).to.not.equal(null);
    await expect(el).to.be.accessible();
    el.code = 'not-a-code';
    await settled(el, 'invalid code shows');
    await waitUntil(() => textOf(el, '[part="message"]').includes('không phải mã hồ sơ'), 'invalid code message');
    expect(textOf(el, '[part="message"]')).to.equal('"not-a-code" không phải mã hồ sơ. Mã hồ sơ có dạng 000.00.00.H30-250712-0001');
  });

  it('shows loading while the back end answers, with aria-busy and an announcement', async () => {
    const { client, state } = backend();
    let release!: () => void;
    state.hold = new Promise<void>((r) => (release = r));
    const el = await mount<DvcDossierStatus>(html`<dvc-dossier-status lang="vi" code=${CODE} .client=${client}></dvc-dossier-status>`);
    await waitUntil(() => root(el).querySelector('.outcome[aria-busy="true"]'), 'busy');
    expect(textOf(el, '[part="message"]')).to.equal(`Đang tra cứu hồ sơ ${CODE}…`);
    expect(live(el)).to.equal(`Đang tra cứu hồ sơ ${CODE}…`);
    await expect(el).to.be.accessible();
    release();
    await settled(el, 'result');
    expect(root(el).querySelector('[part="result"]')).to.not.equal(null);
  });

  it('speaks English with lang="en" and shows the note in English; hide-form hides the box', async () => {
    await loadTranslation('en');
    const { client } = backend([{ ...DOSSIER, status: 'completed', fee: { currency: 'VND', total: 0, lines: [] }, payment: undefined }]);
    const el = await mount<DvcDossierStatus>(
      html`<dvc-dossier-status lang="en" hide-form heading-level="3" code=${CODE} .client=${client}></dvc-dossier-status>`,
    );
    await settled(el, 'result');
    expect(root(el).querySelector('form')).to.equal(null);
    expect(textOf(el, '[part="status"]')).to.equal('Status: Result handed over');
    expect(textOf(el, '[part="details"]')).to.include('Criminal record certificate');
    expect(textOf(el, '[part="details"]')).to.include('Free');
    expect(textOf(el, '[part="details"]')).to.not.include('Payment');
    expect(textOf(el, '[part="timeline"]')).to.include('Add a copy of the household register.');
    expect(root(el).querySelector('#result-heading')!.getAttribute('aria-level')).to.equal('3');
    expect(root(el).querySelector('#history-heading')!.getAttribute('aria-level')).to.equal('4');
    await expect(el).to.be.accessible();
  });

  it('shows the procedure slug when the client cannot list procedures; refresh() looks up again', async () => {
    const { client, state } = backend();
    const bare: DossierStatusClient = { getDossier: (code) => client.getDossier(code) };
    const el = await mount<DvcDossierStatus>(html`<dvc-dossier-status lang="vi" code=${CODE} .client=${bare}></dvc-dossier-status>`);
    await settled(el, 'result');
    expect(textOf(el, '[part="details"]')).to.include('criminal-record-certificate');
    const before = state.calls.length;
    await el.refresh();
    expect(state.calls.length).to.equal(before + 1);
  });

  it('without client or api-base it fails loudly with what to set', async () => {
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args[0]);
    try {
      const el = await mount<DvcDossierStatus>(html`<dvc-dossier-status lang="vi" code=${CODE}></dvc-dossier-status>`);
      await settled(el, 'error');
      expect(textOf(el, '[part="message"] p')).to.include('Hệ thống tra cứu đang gặp sự cố');
      expect(String((errors[0] as Error)?.message)).to.include('"api-base"');
    } finally {
      console.error = original;
    }
  });

  it('shows officer notes with bidi override characters isolated and without the controls', async () => {
    const overrides = '\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069';
    const hostile: DossierStatus = {
      ...DOSSIER,
      procedure: 'criminal-record-certificate\u202Eevil',
      history: [
        ...DOSSIER.history,
        // Stored "Hồ sơ hợp lệ, \u202Efdp.exe" would read "Hồ sơ hợp lệ, exe.pdf".
        {
          status: 'processing',
          at: '2026-03-04T08:30:00.000Z',
          note: { vi: `Hồ sơ hợp lệ, \u202Efdp.exe ${overrides}xong`, en: 'Valid \u2067ltr\u2069' },
        },
      ],
    };
    const { client } = backend([hostile]);
    const el = await mount<DvcDossierStatus>(html`<dvc-dossier-status lang="vi" code=${CODE} .client=${client}></dvc-dossier-status>`);
    await settled(el, 'result');
    const notes = [...root(el).querySelectorAll('[part="timeline"] bdi[part="note"]')];
    expect(notes).to.have.length(2);
    const last = notes[1]!;
    expect(last.tagName).to.equal('BDI');
    expect(last.textContent).to.equal('Hồ sơ hợp lệ, fdp.exe xong');
    const shown = root(el).textContent!;
    expect(/[\u202A-\u202E\u2066-\u2069]/.test(shown), 'no bidi control is shown').to.equal(false);
    expect(textOf(el, '[part="details"] bdi')).to.equal('criminal-record-certificateevil');
    await expect(el).to.be.accessible();
  });

  it('Tab order: code box, then the lookup button; Space on the button looks up', async () => {
    const { client } = backend();
    const el = await mount<DvcDossierStatus>(html`<dvc-dossier-status lang="vi" .client=${client}></dvc-dossier-status>`);
    const before = document.createElement('button');
    before.textContent = 'before';
    el.before(before);
    before.focus();
    await sendKeys({ press: 'Tab' });
    expect(deepActive()).to.equal(input(el));
    await sendKeys({ type: CODE });
    await sendKeys({ press: 'Tab' });
    expect(deepActive()).to.equal(root(el).querySelector('[part="search-button"]'));
    await sendKeys({ press: 'Space' });
    await settled(el, 'result');
    expect(root(el).querySelector('[part="result"]')).to.not.equal(null);
    before.remove();
  });
});
