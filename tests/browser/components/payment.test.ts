import { expect, html, elementUpdated, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { mount } from './control-suite.js';
import '../../../src/define/dvc-payment.js';
import type {
  DvcPayment,
  DvcPaymentContinueEvent,
  DvcPaymentRedirectEvent,
  DvcPaymentStatusEvent,
  PaymentClient,
} from '../../../src/components/payment/payment.js';
import { OfflineError, ProblemError, ServerError, type Payment, type PaymentMethod } from '../../../src/runtime/backend.js';
import { problemErrorFrom } from '../../../src/client/errors.js';

const CODE = '000.00.00.H30-260115-0001';
/** The VietQR vector of DOMAIN.md (BIN 970416, account 257678859). */
const QR = '00020101021138530010A0000007270123000697041601092576788590208QRIBFTTA53037045802VN6304AE9F';

/** A back end kept in the page: payments it made, and the calls it got. */
class Payments implements PaymentClient {
  readonly made = new Map<string, Payment>();
  readonly calls: string[] = [];
  offline = false;
  /** When set, createPayment rejects with it (a refusal of the back end). */
  refuse: Error | null = null;
  private seq = 0;
  async createPayment(code: string, method: PaymentMethod, returnUrl?: string): Promise<Payment> {
    this.calls.push(`create ${method}${returnUrl ? ' return' : ''}`);
    if (this.offline) throw new OfflineError();
    if (this.refuse) throw this.refuse;
    const p: Payment = {
      id: `pay-${++this.seq}`,
      dossierCode: code,
      status: 'pending',
      amount: 200000,
      currency: 'VND',
      method,
      createdAt: '2026-01-15T03:01:00.000Z',
      ...(method === 'vietqr'
        ? { vietqr: { payload: QR, bankBin: '970416', accountNumber: '257678859', accountName: 'UBND XA THU NGHIEM', purpose: CODE } }
        : {}),
      ...(method === 'vnpay' ? { redirectUrl: 'https://sandbox.vnpayment.vn/paymentv2/vpcpay.html?vnp_TxnRef=pay' } : {}),
      ...(method === 'counter' ? { counter: { vi: 'Nộp tại bộ phận một cửa UBND xã', en: 'Pay at the commune one-stop counter' } } : {}),
    };
    this.made.set(p.id, p);
    return structuredClone(p);
  }
  async getPayment(id: string): Promise<Payment> {
    this.calls.push(`get ${id}`);
    if (this.offline) throw new OfflineError();
    const p = this.made.get(id);
    if (!p) throw new Error(`no payment ${id}`);
    return structuredClone(p);
  }
}

async function make(
  opts: { client?: Payments; payment?: Payment | null; lang?: string; poll?: number } = {},
): Promise<{ el: DvcPayment; client: Payments }> {
  const client = opts.client ?? new Payments();
  const el = await mount<DvcPayment>(
    html`<dvc-payment
      code=${CODE}
      .amount=${200000}
      lang=${opts.lang ?? 'vi'}
      poll-interval=${opts.poll ?? 60000}
      .client=${client}
      .payment=${opts.payment ?? null}
    ></dvc-payment>`,
  );
  return { el, client };
}

const root = (el: DvcPayment): ShadowRoot => el.shadowRoot!;
const text = (el: DvcPayment): string => root(el).textContent!.replace(/\s+/g, ' ');
const part = <T extends HTMLElement = HTMLElement>(el: DvcPayment, name: string): T | null =>
  root(el).querySelector<T>(`[part~="${name}"]`);
const focused = (el: DvcPayment): Element | null => root(el).activeElement;

async function tabTo(el: DvcPayment, where: (e: Element) => boolean, what: string): Promise<void> {
  for (let i = 0; i < 20; i++) {
    const f = focused(el);
    if (f && where(f)) return;
    await sendKeys({ press: 'Tab' });
  }
  throw new Error(`Tab never reached ${what}`);
}

describe('<dvc-payment>', () => {
  afterEach(() => {
    for (const el of document.querySelectorAll('dvc-payment')) el.remove();
  });

  it('shows the dossier code, the amount and the three methods', async () => {
    const { el } = await make();
    expect(text(el)).to.contain(`Mã hồ sơ: ${CODE}`);
    expect(text(el)).to.match(/Số tiền cần nộp: 200\.000\s₫/);
    const legend = part(el, 'methods')!.querySelector('legend')!.textContent!.trim();
    expect(legend).to.equal('Chọn một cách thanh toán');
    const radios = [...root(el).querySelectorAll<HTMLInputElement>('input[type=radio]')];
    expect(radios.map((r) => r.value)).to.deep.equal(['vietqr', 'vnpay', 'counter']);
    await expect(el).to.be.accessible();
  });

  it('asks for a method when none is chosen, and puts focus on the first one', async () => {
    const { el, client } = await make();
    part<HTMLButtonElement>(el, 'pay-button')!.click();
    await elementUpdated(el);
    await elementUpdated(el);
    expect(client.calls).to.deep.equal([]);
    const alert = root(el).querySelector('#choose-error')!;
    expect(alert.getAttribute('role')).to.equal('alert');
    expect(alert.textContent).to.contain('Chọn một cách thanh toán');
    expect((focused(el) as HTMLInputElement).value).to.equal('vietqr');
    expect(part(el, 'methods')!.getAttribute('aria-describedby')).to.equal('choose-error');
    await expect(el).to.be.accessible();
  });

  it('pays by VietQR from the keyboard: QR image, bank details, amount, then polls until paid', async () => {
    const { el, client } = await make({ poll: 40 });
    el.focus();
    await tabTo(el, (e) => e instanceof HTMLInputElement && e.type === 'radio', 'the first method');
    await sendKeys({ press: 'Space' });
    await elementUpdated(el);
    expect((focused(el) as HTMLInputElement).checked).to.equal(true);
    await tabTo(el, (e) => e.getAttribute('part') === 'pay-button', 'the pay button');
    const created = oneEvent(el, 'dvc-payment-status');
    await sendKeys({ press: 'Enter' });
    const ev = (await created) as unknown as DvcPaymentStatusEvent;
    expect(ev.status).to.equal('pending');
    expect(ev.payment.method).to.equal('vietqr');
    await elementUpdated(el);
    expect(part(el, 'qr')!.querySelector('path')!.getAttribute('d')!.length).to.be.greaterThan(100);
    const details = part(el, 'details')!.textContent!.replace(/\s+/g, ' ');
    expect(details).to.contain('970416');
    expect(details).to.contain('257678859');
    expect(details).to.contain('UBND XA THU NGHIEM');
    expect(details).to.match(/200\.000\s₫/);
    expect(details).to.contain(CODE);
    expect(text(el)).to.contain('Đang chờ xác nhận thanh toán');
    await expect(el).to.be.accessible();
    client.made.get(ev.payment.id)!.status = 'paid';
    const paid = (await oneEvent(el, 'dvc-payment-status')) as unknown as DvcPaymentStatusEvent;
    expect(paid.status).to.equal('paid');
    expect(client.calls.filter((c) => c.startsWith('get')).length).to.be.greaterThan(0);
    await elementUpdated(el);
    expect(text(el)).to.contain('Đã nhận được tiền lệ phí');
    const calls = client.calls.length;
    await new Promise((r) => setTimeout(r, 120));
    expect(client.calls.length, 'polling stops once paid').to.equal(calls);
    const next = oneEvent(el, 'dvc-payment-continue');
    part<HTMLButtonElement>(el, 'continue-button')!.click();
    expect(((await next) as unknown as DvcPaymentContinueEvent).payment.status).to.equal('paid');
    await expect(el).to.be.accessible();
  });

  it('goes to the VNPay gateway (a cancelable event) and keeps a link to it', async () => {
    const { el, client } = await make();
    root(el).querySelector<HTMLInputElement>('input[value=vnpay]')!.click();
    const redirect = oneEvent(el, 'dvc-payment-redirect');
    el.addEventListener('dvc-payment-redirect', (e) => e.preventDefault(), { once: true });
    part<HTMLButtonElement>(el, 'pay-button')!.click();
    const ev = (await redirect) as unknown as DvcPaymentRedirectEvent;
    expect(ev.url).to.contain('sandbox.vnpayment.vn');
    expect(ev.cancelable).to.equal(true);
    expect(client.calls[0]).to.equal('create vnpay return');
    await elementUpdated(el);
    expect(part<HTMLAnchorElement>(el, 'gateway-link')!.href).to.equal(ev.url);
    expect(text(el)).to.contain('Đang chuyển đến cổng thanh toán VNPay');
    await expect(el).to.be.accessible();
  });

  it('pays at the counter: says where, then lets the citizen go on to the receipt', async () => {
    const { el } = await make();
    root(el).querySelector<HTMLInputElement>('input[value=counter]')!.click();
    part<HTMLButtonElement>(el, 'pay-button')!.click();
    await waitUntil(() => part(el, 'continue-button'), 'counter panel shown');
    expect(text(el)).to.contain('Nộp tại bộ phận một cửa UBND xã');
    expect(text(el)).to.match(/Lệ phí phải nộp: 200\.000\s₫/);
    await expect(el).to.be.accessible();
    const next = oneEvent(el, 'dvc-payment-continue');
    part<HTMLButtonElement>(el, 'continue-button')!.click();
    expect(((await next) as unknown as DvcPaymentContinueEvent).payment.method).to.equal('counter');
  });

  for (const [status, message] of [
    ['failed', 'Thanh toán không thành công. Bạn có thể chọn cách khác.'],
    ['cancelled', 'Bạn đã huỷ thanh toán. Chọn cách thanh toán để thử lại.'],
    ['expired', 'Yêu cầu thanh toán đã hết hạn. Chọn cách thanh toán để tạo yêu cầu mới.'],
  ] as const) {
    it(`says the payment is ${status} and offers the methods again`, async () => {
      const client = new Payments();
      const old = await client.createPayment(CODE, 'vietqr');
      const { el } = await make({ client, payment: { ...old, status } });
      const alert = part(el, 'error-message')!;
      expect(alert.getAttribute('role')).to.equal('alert');
      expect(alert.textContent).to.equal(message);
      expect(part(el, 'qr')).to.equal(null);
      expect(root(el).querySelector<HTMLInputElement>('input[value=vietqr]')!.checked, 'the last method stays ticked').to.equal(true);
      await expect(el).to.be.accessible();
      const created = oneEvent(el, 'dvc-payment-status');
      part<HTMLButtonElement>(el, 'pay-button')!.click();
      expect(((await created) as unknown as DvcPaymentStatusEvent).payment.id).to.not.equal(old.id);
    });
  }

  it('refund-due: says the money will be refunded and offers no new payment; the receipt button works by keyboard', async () => {
    const client = new Payments();
    const old = await client.createPayment(CODE, 'vietqr');
    const { el } = await make({ client, payment: { ...old, status: 'refund-due' } });
    const notice = part(el, 'refund-message')!;
    expect(notice.getAttribute('role')).to.equal('status');
    expect(notice.textContent).to.contain('Khoản tiền bạn đã nộp sẽ được hoàn trả');
    expect(notice.textContent).to.contain('liên hệ cơ quan giải quyết hồ sơ');
    expect(part(el, 'methods'), 'nothing more to pay').to.equal(null);
    expect(part(el, 'pay-button')).to.equal(null);
    expect(text(el)).to.not.contain('Số tiền cần nộp');
    await expect(el).to.be.accessible();
    const button = part<HTMLButtonElement>(el, 'continue-button')!;
    button.focus();
    const next = oneEvent(el, 'dvc-payment-continue');
    await sendKeys({ press: 'Enter' });
    expect(((await next) as unknown as DvcPaymentContinueEvent).payment.status).to.equal('refund-due');
    el.lang = 'en';
    await waitUntil(() => text(el).includes('refunded'), 'English message');
    expect(part(el, 'refund-message')!.textContent).to.contain('The money you paid will be refunded');
  });

  it('polling a pending payment that becomes refund-due stops and says so', async () => {
    const client = new Payments();
    const p = await client.createPayment(CODE, 'vietqr');
    client.made.get(p.id)!.status = 'refund-due';
    const { el } = await make({ client, payment: p, poll: 30 });
    const ev = (await oneEvent(el, 'dvc-payment-status')) as unknown as DvcPaymentStatusEvent;
    expect(ev.status).to.equal('refund-due');
    await elementUpdated(el);
    expect(part(el, 'refund-message')).to.not.equal(null);
  });

  it('never follows nor links a gateway address that is not http(s) (javascript:, data:)', async () => {
    const w = window as unknown as { __dvcPwned?: number };
    delete w.__dvcPwned;
    for (const bad of [
      'javascript:window.__dvcPwned=1',
      'data:text/html,<script>parent.__dvcPwned=1</script>',
      'JaVaScRiPt:window.__dvcPwned=1',
    ]) {
      const client = new Payments();
      const create = client.createPayment.bind(client);
      client.createPayment = async (code, method, returnUrl) => ({ ...(await create(code, method, returnUrl)), redirectUrl: bad });
      const { el } = await make({ client });
      let redirected = false;
      el.addEventListener('dvc-payment-redirect', () => (redirected = true));
      root(el).querySelector<HTMLInputElement>('input[value=vnpay]')!.click();
      const status = oneEvent(el, 'dvc-payment-status');
      part<HTMLButtonElement>(el, 'pay-button')!.click();
      await status;
      await elementUpdated(el);
      expect(redirected, `${bad}: no redirect`).to.equal(false);
      expect(part(el, 'gateway-link'), `${bad}: no link`).to.equal(null);
      expect(root(el).querySelector('a[href^="javascript" i], a[href^="data" i]')).to.equal(null);
      expect(text(el)).to.contain('Đang chờ xác nhận thanh toán');
      el.remove();
    }
    expect(w.__dvcPwned).to.equal(undefined);
  });

  it('resumes polling a pending payment it is given (after a reload)', async () => {
    const client = new Payments();
    const p = await client.createPayment(CODE, 'vietqr');
    client.made.get(p.id)!.status = 'paid';
    const { el } = await make({ client, payment: p, poll: 30 });
    const ev = (await oneEvent(el, 'dvc-payment-status')) as unknown as DvcPaymentStatusEvent;
    expect(ev.status).to.equal('paid');
  });

  it('keeps the choice when offline and says so', async () => {
    const { el, client } = await make();
    client.offline = true;
    root(el).querySelector<HTMLInputElement>('input[value=vietqr]')!.click();
    part<HTMLButtonElement>(el, 'pay-button')!.click();
    await waitUntil(() => part(el, 'error-message'), 'offline message');
    expect(part(el, 'error-message')!.textContent).to.contain('Không có kết nối mạng');
    expect(root(el).querySelector<HTMLInputElement>('input[value=vietqr]')!.checked).to.equal(true);
    client.offline = false;
    const created = oneEvent(el, 'dvc-payment-status');
    part<HTMLButtonElement>(el, 'pay-button')!.click();
    await created;
    await elementUpdated(el);
    expect(part(el, 'error-message')).to.equal(null);
  });

  it("a refusal of the back end is said in the citizen's words, not as an outage; the choice is kept", async () => {
    const { el, client } = await make();
    const cases: Array<[Error, RegExp]> = [
      // As the HTTP client builds them from the reference back end's answers.
      [
        problemErrorFrom(422, {
          type: 'https://dvc-forms.dev/problems/payment-method',
          title: 'Unprocessable',
          status: 422,
          detail: 'This back end does not accept payment by vnpay; it accepts vietqr, counter.',
          errors: [{ pointer: '/method', keyword: 'enum', message: 'x' }],
        }),
        /chưa nhận thanh toán theo cách này/,
      ],
      [
        problemErrorFrom(409, {
          type: 'https://dvc-forms.dev/problems/already-paid',
          title: 'Conflict',
          status: 409,
          detail: 'The fee of dossier X is already paid.',
        }),
        /đã được nộp/,
      ],
      [
        problemErrorFrom(409, { type: 'https://dvc-forms.dev/problems/dossier-closed', title: 'Conflict', status: 409, detail: 'closed' }),
        /không phải nộp lệ phí/,
      ],
      [
        new ProblemError(422, 'Unprocessable', 'Số tài khoản nhận chưa được cấu hình\u202e.', 'https://other.example/problems/x'),
        /^Không thể thanh toán: Số tài khoản nhận chưa được cấu hình\.$/,
      ],
      [new ServerError(503, 'Service Unavailable'), /Hệ thống đang gặp sự cố/],
    ];
    for (const [error, expected] of cases) {
      client.refuse = error;
      root(el).querySelector<HTMLInputElement>('input[value=vnpay]')!.click();
      part<HTMLButtonElement>(el, 'pay-button')!.click();
      await waitUntil(() => part(el, 'error-message'), `message for ${error.message}`);
      expect(part(el, 'error-message')!.textContent!.trim()).to.match(expected);
      expect(root(el).querySelector<HTMLInputElement>('input[value=vnpay]')!.checked).to.equal(true);
    }
  });

  it('offers only the methods it is given (what the back end takes)', async () => {
    const { el } = await make();
    el.methods = ['vietqr', 'counter'];
    await elementUpdated(el);
    const values = [...root(el).querySelectorAll<HTMLInputElement>('input[type=radio]')].map((i) => i.value);
    expect(values).to.deep.equal(['vietqr', 'counter']);
  });

  it('lets the citizen switch from a pending VietQR payment to another method', async () => {
    const client = new Payments();
    const p = await client.createPayment(CODE, 'vietqr');
    const { el } = await make({ client, payment: p });
    const other = [...root(el).querySelectorAll<HTMLButtonElement>('button.link')].find((b) =>
      b.textContent!.includes('Chọn cách thanh toán khác'),
    )!;
    other.focus();
    await sendKeys({ press: 'Enter' });
    await elementUpdated(el);
    await elementUpdated(el);
    expect(part(el, 'qr')).to.equal(null);
    expect((focused(el) as HTMLInputElement).type).to.equal('radio');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await elementUpdated(el);
    expect((focused(el) as HTMLInputElement).value).to.equal('counter');
    const created = oneEvent(el, 'dvc-payment-status');
    part<HTMLButtonElement>(el, 'pay-button')!.click();
    expect(((await created) as unknown as DvcPaymentStatusEvent).payment.method).to.equal('counter');
  });

  it('speaks English with lang="en"', async () => {
    const { el } = await make({ lang: 'en' });
    await waitUntil(() => text(el).includes('Choose'), 'English messages loaded');
    expect(text(el)).to.contain(`Application code: ${CODE}`);
    expect(root(el).querySelector('legend')!.textContent!.trim()).to.equal('Choose a way to pay');
    await expect(el).to.be.accessible();
  });

  it('fits a 320 px wide screen without horizontal scrolling', async () => {
    const client = new Payments();
    const p = await client.createPayment(CODE, 'vietqr');
    const wrap = await mount<HTMLDivElement>(
      html`<div style="inline-size: 320px">
        <dvc-payment code=${CODE} .amount=${200000} .client=${client} .payment=${p}></dvc-payment>
      </div>`,
    );
    const el = wrap.firstElementChild as DvcPayment;
    await elementUpdated(el);
    expect(el.scrollWidth).to.be.at.most(320);
    expect(part(el, 'qr')!.getBoundingClientRect().right).to.be.at.most(wrap.getBoundingClientRect().right);
  });
});
