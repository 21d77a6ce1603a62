import { LitElement, html, nothing, svg, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { encode as encodeQr } from 'uqr';
import {
  OfflineError,
  PAYMENT_METHODS,
  ProblemError,
  type BackendClient,
  type Payment,
  type PaymentMethod,
} from '../../runtime/backend.js';
import { stripBidiControls } from '../../internal/bidi.js';
import type { Locale } from '../../runtime/model.js';
import type { ShellMessages } from '../../runtime/i18n/translation.js';
import { formatAmount, interpolate, localize } from '../../runtime/messages.js';
import { resolveLang, toLocale, translationFor, DocumentLangController } from '../../internal/i18n.js';
import { styles } from './payment.styles.js';
import { DvcPaymentContinueEvent, DvcPaymentRedirectEvent, DvcPaymentStatusEvent } from './payment-events.js';

export { DvcPaymentContinueEvent, DvcPaymentRedirectEvent, DvcPaymentStatusEvent };

/** The back-end methods the payment element uses. */
export type PaymentClient = Pick<BackendClient, 'createPayment' | 'getPayment'>;

const METHOD_TEXT: Record<PaymentMethod, [keyof ShellMessages, keyof ShellMessages]> = {
  vietqr: ['payVietqr', 'payVietqrHint'],
  vnpay: ['payVnpay', 'payVnpayHint'],
  counter: ['payCounter', 'payCounterHint'],
};

/**
 * @summary Pays a dossier's fee: the citizen chooses VietQR (bank transfer by QR code, with the bank details
 * and amount), the VNPay gateway (redirect), or paying at the counter. A pending payment's status is polled
 * until it is paid, failed, cancelled or expired (the methods are offered again) or refund-due (the money will
 * be refunded: nothing more to pay, contact the agency); each state says what to do next. The amount is the one
 * the back end computed. A gateway address that is not http(s) is never followed nor linked.
 *
 * @event dvc-payment-status - A payment was created, or its status changed (`payment`, `status`).
 * @event dvc-payment-redirect - About to go to the VNPay gateway (`url`); cancelable.
 * @event dvc-payment-continue - The citizen pressed "see the receipt" (paid, or paying at the counter).
 *
 * @csspart methods - The fieldset of payment methods.
 * @csspart pay-button - The "pay" button.
 * @csspart panel - The panel of the current payment.
 * @csspart qr - The VietQR image.
 * @csspart details - The bank details.
 * @csspart check-button - The "check the payment status" button.
 * @csspart gateway-link - The link to the VNPay gateway.
 * @csspart continue-button - The "see the receipt" button.
 * @csspart refund-message - The notice that a payment will be refunded (`refund-due`).
 * @csspart error-message - A problem (no method chosen, no connection, failed payment).
 *
 * @cssproperty --dvc-payment-qr-size - Largest width of the VietQR image.
 * @cssproperty --dvc-color-panel - Background of the payment panel.
 */
export class DvcPayment extends LitElement {
  static override styles = styles;

  /** The dossier code (mã hồ sơ) the fee is for. */
  @property() code = '';
  /** The fee to pay (VND), as the back end computed it at submission. */
  @property({ type: Number }) amount = 0;
  /** The back end. */
  @property({ attribute: false }) client: PaymentClient | null = null;
  /** The current payment (set it to resume one, e.g. after returning from the gateway). */
  @property({ attribute: false }) payment: Payment | null = null;
  /** The methods offered, in order. */
  @property({ attribute: false }) methods: readonly PaymentMethod[] = PAYMENT_METHODS;
  /** Where the gateway sends the citizen back (default: this page's address). */
  @property({ attribute: 'return-url' }) returnUrl = '';
  /** Milliseconds between status checks of a pending payment. */
  @property({ attribute: 'poll-interval', type: Number }) pollInterval = 5000;
  /** Language of the texts (`vi` or `en`); defaults to the nearest ancestor's `lang`. */
  @property({ reflect: true }) override lang!: string;

  /** The method ticked. */
  @state() private method: PaymentMethod | null = null;
  /** A request is running. */
  @state() private busy = false;
  /** What went wrong with the last action. */
  @state() private problem: '' | 'choose' | 'offline' | 'server' | 'refused' = '';
  /** What the back end said when it refused the payment (a 4xx problem's `detail`), shown as text. */
  @state() private refusal = '';
  /** The citizen asked to choose another method while a payment is pending. */
  @state() private choosing = false;

  private pollTimer: ReturnType<typeof setTimeout> | undefined;
  /** Re-renders when the document's `lang` changes. */
  private readonly langWatch = new DocumentLangController(this);
  private pendingFocus: string | null = null;

  private get locale(): Locale {
    return toLocale(this.lang || resolveLang(this));
  }

  private get t(): ShellMessages {
    return translationFor(this.locale, () => this.requestUpdate()).shell;
  }

  private text(key: keyof ShellMessages, params: Record<string, string | number> = {}): string {
    return interpolate(this.t[key], params);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopPolling();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('methods') && this.methods.length === 0) {
      throw new Error('<dvc-payment>: "methods" must name at least one of vietqr, vnpay, counter.');
    }
    if (changed.has('payment') && this.payment && !this.method) this.method = this.payment.method;
  }

  protected override updated(): void {
    if (this.needsPolling) {
      if (this.pollTimer === undefined) this.schedulePoll();
    } else this.stopPolling();
    const part = this.pendingFocus;
    this.pendingFocus = null;
    if (part) this.renderRoot.querySelector<HTMLElement>(part)?.focus();
  }

  private get needsPolling(): boolean {
    const p = this.payment;
    return this.isConnected && !!p && p.status === 'pending' && p.method !== 'counter' && !!this.client && this.pollInterval > 0;
  }

  private schedulePoll(): void {
    this.stopPolling();
    this.pollTimer = setTimeout(() => {
      this.pollTimer = undefined;
      if (!this.needsPolling) return;
      void this.refresh().finally(() => {
        if (this.needsPolling && this.pollTimer === undefined) this.schedulePoll();
      });
    }, this.pollInterval);
  }

  private stopPolling(): void {
    if (this.pollTimer !== undefined) clearTimeout(this.pollTimer);
    this.pollTimer = undefined;
  }

  private requireClient(): PaymentClient {
    if (!this.client) throw new Error('<dvc-payment>: set the "client" property (a back end with createPayment and getPayment).');
    return this.client;
  }

  private setPayment(p: Payment): void {
    const changed = this.payment?.status !== p.status || this.payment?.id !== p.id;
    this.payment = p;
    if (changed) {
      if (p.status === 'pending' && p.method !== 'counter') this.choosing = false;
      this.dispatchEvent(new DvcPaymentStatusEvent(p));
    }
  }

  /** Creates a payment with the chosen method (VNPay: then goes to the gateway). */
  async pay(): Promise<void> {
    if (this.busy) return;
    if (!this.method || !this.methods.includes(this.method)) {
      this.problem = 'choose';
      this.pendingFocus = 'input[type=radio]';
      return;
    }
    if (!this.code) throw new Error('<dvc-payment>: set the "code" attribute (the dossier code) before paying.');
    const client = this.requireClient();
    this.busy = true;
    this.problem = '';
    try {
      const here = typeof location !== 'undefined' && /^https?:/.test(location.href) ? location.href : undefined;
      const p = await client.createPayment(this.code, this.method, this.returnUrl || here);
      this.choosing = false;
      this.setPayment(p);
      this.pendingFocus = '[part~="panel"]';
      const gateway = webUrl(p.redirectUrl);
      if (p.method === 'vnpay' && gateway && p.status === 'pending') {
        const ev = new DvcPaymentRedirectEvent(gateway, p);
        this.dispatchEvent(ev);
        if (!ev.defaultPrevented) location.assign(gateway);
      }
    } catch (e) {
      if (e instanceof ProblemError && e.status >= 400 && e.status < 500 && (e.detail || e.title)) {
        // The back end refused this payment (a method it does not take, a dossier already paid…): say what
        // it said, not "the system has a problem".
        this.problem = 'refused';
        this.refusal = this.refusalText(e);
      } else {
        this.problem = e instanceof OfflineError ? 'offline' : 'server';
        if (!(e instanceof OfflineError)) console.warn('dvc-forms: could not create the payment', e);
      }
    } finally {
      this.busy = false;
    }
  }

  /** Reads the current payment's status from the back end. */
  async refresh(): Promise<void> {
    const p = this.payment;
    if (!p) return;
    try {
      const next = await this.requireClient().getPayment(p.id);
      if (this.payment?.id !== p.id) return;
      this.problem = '';
      this.setPayment(next);
    } catch (e) {
      this.problem = e instanceof OfflineError ? 'offline' : 'server';
      if (!(e instanceof OfflineError)) console.warn('dvc-forms: could not read the payment status', e);
    }
  }

  private continue(): void {
    if (this.payment) this.dispatchEvent(new DvcPaymentContinueEvent(this.payment));
  }

  // ---- rendering

  private renderQr(payload: string): TemplateResult {
    const qr = encodeQr(payload, { ecc: 'M', border: 2 });
    const size = qr.size;
    let d = '';
    qr.data.forEach((row, y) =>
      row.forEach((on, x) => {
        if (on) d += `M${x} ${y}h1v1h-1z`;
      }),
    );
    return html`<svg part="qr" class="qr" viewBox="0 0 ${size} ${size}" role="img" aria-label="VietQR" shape-rendering="crispEdges">
      ${svg`<rect width=${size} height=${size} fill="#fff"></rect><path d=${d} fill="#000"></path>`}
    </svg>`;
  }

  /** A refusal in the citizen's words: the contract's problem types by name, else what the back end said. */
  private refusalText(e: ProblemError): string {
    const kind = e.type.split('/').pop();
    if (kind === 'payment-method') return this.t.paymentMethodRefused;
    if (kind === 'already-paid') return this.t.paymentAlreadyPaid;
    if (kind === 'nothing-to-pay' || kind === 'dossier-closed') return this.t.paymentNothingDue;
    return interpolate(this.t.paymentRefused, { detail: stripBidiControls(e.detail || e.title) });
  }

  private renderProblem(): TemplateResult | typeof nothing {
    const p = this.payment;
    const text =
      this.problem === 'refused'
        ? this.refusal
        : this.problem === 'offline'
          ? this.t.paymentOffline
          : this.problem === 'server'
            ? this.t.serverError
            : p?.status === 'failed'
              ? this.t.paymentFailed
              : p?.status === 'cancelled'
                ? this.t.paymentCancelled
                : p?.status === 'expired'
                  ? this.t.paymentExpired
                  : '';
    return text ? html`<p part="error-message" class="error-message" role="alert">${text}</p>` : nothing;
  }

  private renderPending(p: Payment): TemplateResult | typeof nothing {
    const check = html`<button part="check-button" class="secondary" type="button" @click=${() => void this.refresh()}>
      ${this.t.checkPayment}
    </button>`;
    const other = html`<button class="link" type="button" @click=${() => this.chooseAgain()}>${this.t.payOtherMethod}</button>`;
    if (p.method === 'vietqr' && p.vietqr) {
      const q = p.vietqr;
      return html`<div part="panel" class="panel" tabindex="-1">
        <p>${this.t.vietqrScan}</p>
        ${this.renderQr(q.payload)}
        <dl part="details" class="facts">
          <dt>${this.t.bank}</dt>
          <dd>${q.bankBin}</dd>
          <dt>${this.t.accountNumber}</dt>
          <dd>${q.accountNumber}</dd>
          ${
            q.accountName
              ? html`<dt>${this.t.accountName}</dt>
                  <dd>${q.accountName}</dd>`
              : nothing
          }
          <dt>${this.t.amount}</dt>
          <dd>${formatAmount(p.amount, this.locale)}</dd>
          ${
            q.purpose
              ? html`<dt>${this.t.transferContent}</dt>
                  <dd>${q.purpose}</dd>`
              : nothing
          }
        </dl>
        <p role="status">${this.t.paymentPending}</p>
        <div class="actions">${check} ${other}</div>
      </div>`;
    }
    if (p.method === 'vnpay') {
      const gateway = webUrl(p.redirectUrl);
      return html`<div part="panel" class="panel" tabindex="-1">
        <p role="status">${gateway ? this.t.vnpayRedirecting : this.t.paymentPending}</p>
        <p>${this.t.amount}: <strong>${formatAmount(p.amount, this.locale)}</strong></p>
        <div class="actions">
          ${gateway ? html`<a part="gateway-link" class="button" href=${gateway}>${this.t.goToGateway}</a>` : nothing} ${check} ${other}
        </div>
      </div>`;
    }
    return nothing;
  }

  private chooseAgain(): void {
    this.choosing = true;
    this.pendingFocus = 'input[type=radio]';
  }

  private renderChoice(): TemplateResult {
    const invalid = this.problem === 'choose';
    return html`<fieldset part="methods" class="choices ${invalid ? 'invalid' : ''}" aria-describedby=${invalid ? 'choose-error' : nothing}>
        <legend>${this.t.payChoose}</legend>
        ${invalid ? html`<p id="choose-error" class="error-message" role="alert">${this.t.payChoose}</p>` : nothing}
        ${this.methods.map((m) => {
          const [label, hint] = METHOD_TEXT[m];
          return html`<label class="check">
            <input
              type="radio"
              name="method"
              value=${m}
              .checked=${this.method === m}
              aria-invalid=${invalid ? 'true' : 'false'}
              @change=${() => {
                this.method = m;
                if (this.problem === 'choose') this.problem = '';
              }}
            />
            <span><strong>${this.t[label]}</strong><br /><span class="hint">${this.t[hint]}</span></span>
          </label>`;
        })}
      </fieldset>
      <div class="actions">
        <button
          part="pay-button"
          type="button"
          ?disabled=${this.busy}
          aria-busy=${this.busy ? 'true' : 'false'}
          @click=${() => void this.pay()}
        >
          ${this.t.payButton}
        </button>
      </div>`;
  }

  protected override render(): TemplateResult {
    const p = this.payment;
    const amount = formatAmount(p?.amount ?? this.amount, this.locale);
    let body: TemplateResult | typeof nothing;
    if (p && p.status === 'refund-due') {
      body = html`<div part="panel" class="panel" tabindex="-1">
        <p part="refund-message" role="status">${this.t.paymentRefundDue}</p>
        <button part="continue-button" type="button" @click=${() => this.continue()}>${this.t.receiptTitle}</button>
      </div>`;
    } else if (p && p.status === 'paid') {
      body = html`<div part="panel" class="panel paid" tabindex="-1">
        <p role="status">${this.t.paymentPaidNotice} ${this.t.amountPaid}: <strong>${formatAmount(p.amount, this.locale)}</strong></p>
        <button part="continue-button" type="button" @click=${() => this.continue()}>${this.t.receiptTitle}</button>
      </div>`;
    } else if (p && p.method === 'counter' && p.status === 'pending' && !this.choosing) {
      body = html`<div part="panel" class="panel" role="status" tabindex="-1">
        <p>${p.counter ? localize(p.counter, this.locale) : this.t.payCounterHint}</p>
        <p>${this.t.amountDue}: <strong>${formatAmount(p.amount, this.locale)}</strong></p>
        <div class="actions">
          <button part="continue-button" type="button" @click=${() => this.continue()}>${this.t.receiptTitle}</button>
          <button class="link" type="button" @click=${() => this.chooseAgain()}>${this.t.payOtherMethod}</button>
        </div>
      </div>`;
    } else if (p && p.status === 'pending' && !this.choosing) {
      body = this.renderPending(p);
      if (body === nothing) body = this.renderChoice();
    } else {
      body = this.renderChoice();
    }
    return html`${this.code ? html`<p>${this.t.dossierCode}: <strong>${this.code}</strong></p>` : nothing}
    ${p?.status === 'paid' || p?.status === 'refund-due' ? nothing : html`<p>${this.text('paymentIntro', { amount })}</p>`}
    ${this.renderProblem()} ${body}`;
  }
}

/** `url` when it is an absolute http(s) address, else undefined (a `javascript:` or `data:` URL is never used). */
function webUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dvc-payment': DvcPayment;
  }
}
