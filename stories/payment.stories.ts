/** Stories of <dvc-payment>: one per state (the back end is simulated in the page; polling is off). */
import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../src/define/dvc-payment.js';
import type { PaymentClient } from '../src/components/payment/payment.js';
import { OfflineError, type Payment, type PaymentMethod, type PaymentStatusValue } from '../src/runtime/backend.js';

const CODE = '000.00.00.H30-260115-0001';
const QR = '00020101021138530010A0000007270123000697041601092576788590208QRIBFTTA53037045802VN6304AE9F';

function payment(method: PaymentMethod, status: PaymentStatusValue = 'pending'): Payment {
  return {
    id: `pay-${method}`,
    dossierCode: CODE,
    status,
    amount: 200000,
    currency: 'VND',
    method,
    createdAt: '2026-01-15T03:01:00.000Z',
    ...(method === 'vietqr'
      ? { vietqr: { payload: QR, bankBin: '970416', accountNumber: '257678859', accountName: 'UBND XA THU NGHIEM', purpose: CODE } }
      : {}),
    ...(method === 'vnpay' ? { redirectUrl: 'https://sandbox.vnpayment.vn/paymentv2/vpcpay.html' } : {}),
    ...(method === 'counter'
      ? {
          counter: {
            vi: 'Nộp tại bộ phận một cửa UBND xã Thử Nghiệm, sáng thứ Hai đến thứ Sáu.',
            en: 'Pay at the one-stop counter, Monday to Friday mornings.',
          },
        }
      : {}),
  };
}

/** A back end that makes pending payments (VNPay's redirect is stopped in the stories). */
const client = (offline = false): PaymentClient => ({
  createPayment: async (_code, method) => {
    if (offline) throw new OfflineError();
    return payment(method);
  },
  getPayment: async (id) => payment((id.replace('pay-', '') as PaymentMethod) || 'vietqr'),
});

const stopRedirect = (e: Event): void => e.preventDefault();

const pay = (p: Payment | null, lang = 'vi', c: PaymentClient = client()) =>
  html`<dvc-payment
    lang=${lang}
    code=${CODE}
    .amount=${200000}
    poll-interval="0"
    .client=${c}
    .payment=${p}
    @dvc-payment-redirect=${stopRedirect}
  ></dvc-payment>`;

/** Presses "pay" without choosing a method (shows the error), or after choosing `method`. */
const press = (method?: PaymentMethod) => (el?: Element) => {
  if (!el) return;
  void customElements.whenDefined('dvc-payment').then(async () => {
    const p = el as HTMLElement & { updateComplete: Promise<unknown> };
    await p.updateComplete;
    if (method) p.shadowRoot!.querySelector<HTMLInputElement>(`input[value=${method}]`)!.click();
    await p.updateComplete;
    p.shadowRoot!.querySelector<HTMLButtonElement>('[part~="pay-button"]')!.click();
  });
};

const meta: Meta = { title: 'Shell/Payment', component: 'dvc-payment' };
export default meta;

export const ChooseMethod: StoryObj = { render: () => pay(null) };

export const NoMethodChosen: StoryObj = {
  render: () => html`<dvc-payment code=${CODE} .amount=${200000} .client=${client()} ${ref(press())}></dvc-payment>`,
};

export const VietQRPending: StoryObj = { render: () => pay(payment('vietqr')) };

export const VNPayRedirecting: StoryObj = { render: () => pay(payment('vnpay')) };

export const Counter: StoryObj = { render: () => pay(payment('counter')) };

export const Paid: StoryObj = { render: () => pay(payment('vietqr', 'paid')) };

export const Failed: StoryObj = { render: () => pay(payment('vnpay', 'failed')) };

export const Cancelled: StoryObj = { render: () => pay(payment('vnpay', 'cancelled')) };

export const Expired: StoryObj = { render: () => pay(payment('vietqr', 'expired')) };

/** The money came when nothing was due any more (dossier refused, or paid twice): it will be refunded. */
export const RefundDue: StoryObj = { render: () => pay(payment('vietqr', 'refund-due')) };

export const RefundDueEnglish: StoryObj = { render: () => pay(payment('vnpay', 'refund-due'), 'en') };

export const Offline: StoryObj = {
  render: () => html`<dvc-payment code=${CODE} .amount=${200000} .client=${client(true)} ${ref(press('vietqr'))}></dvc-payment>`,
};

export const English: StoryObj = { render: () => pay(payment('vietqr'), 'en') };

export const NarrowPhone: StoryObj = {
  render: () => html`<div style="inline-size:320px;border:1px dashed #999">${pay(payment('vietqr'))}</div>`,
};
