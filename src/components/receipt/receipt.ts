import { LitElement, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import type { DossierReceipt, Payment } from '../../runtime/backend.js';
import type { Locale } from '../../runtime/model.js';
import { formatAmount, formatDate, getTranslation } from '../../runtime/messages.js';
import { receiptStyles } from './receipt.styles.js';

/**
 * @summary The receipt after submission: dossier code, appointment date, amount; can be printed.
 *
 * @csspart panel - The confirmation panel with the dossier code.
 * @csspart code - The dossier code.
 * @csspart details - The list of details.
 * @csspart print-button - The print button.
 */
export class DvcReceipt extends LitElement {
  static override styles = receiptStyles;

  /** What the back end answered to the submission. */
  @property({ attribute: false }) receipt: DossierReceipt | null = null;
  /** The payment, once made. */
  @property({ attribute: false }) payment: Payment | null = null;
  /** Language of the texts. */
  @property() override lang = 'vi';

  protected override render() {
    const r = this.receipt;
    if (!r) return nothing;
    const locale: Locale = this.lang === 'en' ? 'en' : 'vi';
    const t = getTranslation(locale).shell;
    const submitted = new Date(r.submittedAt);
    const paid = this.payment?.status === 'paid';
    return html`<div part="panel" class="panel" role="status">
        <h2>${t.receiptTitle}</h2>
        <div>${t.dossierCode}</div>
        <div part="code" class="code">${r.code}</div>
      </div>
      <p>${t.receiptIntro}</p>
      <dl part="details">
        <dt>${t.appointmentDate}</dt>
        <dd>${formatDate(r.appointmentDate)}</dd>
        <dt>${t.submittedAt}</dt>
        <dd>
          ${
            Number.isNaN(submitted.getTime())
              ? r.submittedAt
              : submitted.toLocaleString(locale === 'en' ? 'en-GB' : 'vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' })
          }
        </dd>
        ${
          r.fee.total > 0
            ? html`<dt>${paid ? t.amountPaid : t.amountDue}</dt>
                <dd>${formatAmount(paid ? this.payment!.amount : r.fee.total, locale)}</dd>`
            : html`<dt>${t.fee}</dt>
                <dd>${t.feeFree}</dd>`
        }
      </dl>
      <button part="print-button" type="button" @click=${() => window.print()}>${t.print}</button>`;
  }
}
