/**
 * The pages of the procedure shell: before you start, each step, the attachments, review and consent,
 * payment, and the receipt; also the choice between two copies of a draft. Each page reads the form state and
 * the shell's controllers, and calls the shell's navigation.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { AttachmentModel, CompiledValidator, FormModel, Locale, Text } from '../../runtime/model.js';
import type { DossierReceipt } from '../../runtime/backend.js';
import type { FormState } from '../../runtime/form-state.js';
import { computeFee } from '../../runtime/fees.js';
import { formatAmount } from '../../runtime/messages.js';
import type { ShellMessages } from '../../runtime/i18n/translation.js';
import type { ErrorSummaryItem } from '../error-summary/error-summary.js';
import type { DvcChangeRequestEvent, DvcErrorLinkEvent, ShellPage } from './events.js';
import type { AttachmentsController } from './controllers/attachments.js';
import type { DraftConflictChoice, DraftController } from './controllers/draft.js';
import type { PaymentController } from './controllers/payment.js';
import type { ReviewController } from './controllers/review.js';
import type { SubmissionController } from './controllers/submission.js';
import type { NodeRenderer } from './node-renderer.js';

/** What the pages read of the shell, and the shell's actions they call. */
export interface PagesHost<T extends object> {
  readonly model: FormModel;
  readonly validator: CompiledValidator;
  readonly form: FormState<T>;
  readonly draft: DraftController;
  readonly attachments: AttachmentsController<T>;
  readonly submission: SubmissionController<T>;
  readonly payment: PaymentController;
  readonly review: ReviewController<T>;
  readonly nodes: NodeRenderer<T>;
  /** The form's language. */
  locale(): Locale;
  /** The shell's messages in the form's language. */
  t(): ShellMessages;
  /** A shell message in the form's language. */
  text(key: keyof ShellMessages, params?: Record<string, string | number>): string;
  /** A text of the model in the form's language. */
  l(text: Text | undefined): string;
  /** The page shown now. */
  page(): ShellPage;
  /** The errors of the error summary. */
  summary(): ErrorSummaryItem[];
  /** The consent box is ticked. */
  consent(): boolean;
  setConsent(on: boolean): void;
  start(): void;
  next(e: Event): Promise<void>;
  back(): void;
  attachmentsNext(e: Event): void;
  discardDraft(): Promise<void>;
  submit(): Promise<void>;
  readonly onFieldEvent: (e: Event) => void;
  readonly onErrorLink: (e: DvcErrorLinkEvent) => void;
  readonly onChangeRequest: (e: DvcChangeRequestEvent) => void;
}

/** Renders the pages of a procedure shell. */
export class PageRenderer<T extends object> {
  constructor(private readonly host: PagesHost<T>) {}

  /** The choice between this device's draft and a newer copy saved on another device. */
  renderDraftConflict(c: DraftConflictChoice): TemplateResult {
    const time = new Intl.DateTimeFormat(this.host.locale() === 'en' ? 'en-GB' : 'vi-VN', {
      dateStyle: 'short',
      timeStyle: 'short',
    }).format(c.savedAt);
    return html`<div part="banner" class="banner info" role="alert">
      <p>${this.host.text('draftConflict', { time })}</p>
      <p class="actions">
        <button part="button" type="button" data-action="draft-use-other" @click=${() => void c.choose('server')}>
          ${this.host.t().draftConflictUseOther}
        </button>
        <button part="button" class="secondary" type="button" data-action="draft-keep-this" @click=${() => void c.choose('local')}>
          ${this.host.t().draftConflictKeepThis}
        </button>
      </p>
    </div>`;
  }

  /** The page shown now. */
  renderPage(): TemplateResult {
    switch (this.host.page()) {
      case 'start':
        return this.renderStart();
      case 'step':
        return this.renderStep();
      case 'attachments':
        return this.renderAttachments();
      case 'review':
        return this.renderReview();
      case 'payment':
        return this.renderPayment();
      case 'receipt':
        return html`<h2 part="heading" tabindex="-1" class="visually-hidden">${this.host.t().receiptTitle}</h2>
          <dvc-receipt
            .receipt=${this.host.submission.receipt}
            .payment=${this.host.payment.payment}
            lang=${this.host.locale()}
          ></dvc-receipt>`;
    }
  }

  private renderSummary(): TemplateResult {
    return html`<dvc-error-summary
      .heading=${this.host.t().errorSummaryTitle}
      .errors=${this.host.summary()}
      ?hidden=${this.host.summary().length === 0}
      @dvc-error-link=${this.host.onErrorLink}
    ></dvc-error-summary>`;
  }

  private renderStart(): TemplateResult {
    const p = this.host.model.procedure;
    const fee = computeFee(this.host.model, this.host.validator, this.host.form.data);
    const delivery: Record<string, keyof ShellMessages> = {
      online: 'deliveryOnline',
      post: 'deliveryPost',
      counter: 'deliveryCounter',
    };
    const level: Record<string, keyof ShellMessages> = {
      commune: 'agencyCommune',
      province: 'agencyProvince',
      ministry: 'agencyMinistry',
    };
    return html`<h2 part="heading" tabindex="-1">${this.host.l(p.title)}</h2>
      <p class="hint">
        ${this.host.t()[level[p.agencyLevel]!]} ·
        ${this.host.text('procedureCode', { code: p.code })}${
          p.fullyOnline ? html` · <strong>${this.host.t().fullyOnline}</strong>` : nothing
        }
      </p>
      ${p.description ? html`<p>${this.host.l(p.description)}</p>` : nothing}
      ${
        this.host.draft.restoredAt !== null
          ? html`<div class="panel" role="status">
              <p>${this.host.t().resumeNotice}</p>
              <button part="button" class="link" type="button" @click=${() => void this.host.discardDraft()}>
                ${this.host.t().discardDraft}
              </button>
            </div>`
          : nothing
      }
      ${
        p.requirements.length
          ? html`<h3>${this.host.t().whatYouNeed}</h3>
              <ul class="plain">
                ${p.requirements.map((r) => html`<li>${this.host.l(r)}</li>`)}
              </ul>`
          : nothing
      }
      <dl class="facts">
        <dt>${this.host.t().fee}</dt>
        <dd>${this.renderFee(fee)}</dd>
        <dt>${this.host.t().processingTime}</dt>
        <dd>
          ${this.host.text('workingDays', { days: p.processingTime.workingDays })}${
            p.processingTime.note ? html`<br />${this.host.l(p.processingTime.note)}` : nothing
          }
        </dd>
        <dt>${this.host.t().resultDelivery}</dt>
        <dd>${p.resultDelivery.map((d) => this.host.t()[delivery[d]!]).join('; ')}</dd>
        ${
          p.legalBasis.length
            ? html`<dt>${this.host.t().legalBasis}</dt>
                <dd>
                  <ul class="plain">
                    ${p.legalBasis.map((b) => html`<li>${this.host.l(b)}</li>`)}
                  </ul>
                </dd>`
            : nothing
        }
      </dl>
      <div class="actions">
        <button part="button start-button" type="button" @click=${() => this.host.start()}>
          ${this.host.draft.restoredAt !== null ? this.host.t().continue : this.host.t().startButton}
        </button>
      </div>`;
  }

  private renderFee(fee: ReturnType<typeof computeFee>): TemplateResult {
    if (fee.total === 0 && fee.lines.every((l) => l.unitAmount === 0)) return html`${this.host.t().feeFree}`;
    return html`<ul class="plain">
        ${fee.lines
          .filter((l) => l.amount > 0 || l.unitAmount > 0)
          .map(
            (l) =>
              html`<li>
                ${this.host.l(l.title)}: ${formatAmount(l.amount, this.host.locale())}${l.note ? html` (${this.host.l(l.note)})` : nothing}
                ${
                  l.counterAmount !== undefined && l.counterAmount > l.amount
                    ? html`<br /><small
                          >${this.host.text('feeOnlineSaving', { amount: formatAmount(l.counterAmount, this.host.locale()) })}</small
                        >`
                    : nothing
                }
              </li>`,
          )}
      </ul>
      <span class="total">${this.host.t().total}: ${formatAmount(fee.total, this.host.locale())}</span>`;
  }

  private renderProgress(current: number): TemplateResult {
    const titles = [
      ...this.host.form.visibleSteps.map((s) => this.host.l(s.title)),
      ...(this.host.model.attachments.length ? [this.host.t().attachmentsTitle] : []),
      this.host.t().reviewTitle,
    ];
    return html`<dvc-step-progress
      .steps=${titles}
      .current=${current}
      .label=${this.host.t().progressLabel}
      .countText=${this.host.text('stepOf', { current: current + 1, total: titles.length })}
    ></dvc-step-progress>`;
  }

  private renderStep(): TemplateResult {
    const step = this.host.form.step;
    if (!step) return this.renderStart();
    return html`${this.renderProgress(this.host.form.stepIndex)} ${this.renderSummary()}
      <h2 part="heading" tabindex="-1">${this.host.l(step.title)}</h2>
      ${step.description ? html`<p class="hint">${this.host.l(step.description)}</p>` : nothing}
      <form novalidate @submit=${(e: Event) => void this.host.next(e)} @input=${this.host.onFieldEvent} @change=${this.host.onFieldEvent}>
        ${this.host.nodes.renderStep(step)}
        <div class="actions">
          <button part="button next-button" type="submit">${this.host.t().continue}</button>
          <button part="button back-button" class="secondary" type="button" @click=${() => this.host.back()}>${this.host.t().back}</button>
        </div>
      </form>`;
  }

  private renderAttachments(): TemplateResult {
    const stepCount = this.host.form.visibleSteps.length;
    return html`${this.renderProgress(stepCount)} ${this.renderSummary()}
      <h2 part="heading" tabindex="-1">${this.host.t().attachmentsTitle}</h2>
      <p class="hint">${this.host.t().attachmentsIntro}</p>
      <form novalidate @submit=${(e: Event) => this.host.attachmentsNext(e)}>
        ${repeat(
          this.host.model.attachments,
          (a) => a.id,
          (a) => this.renderAttachment(a),
        )}
        <div class="actions">
          <button part="button next-button" type="submit">${this.host.t().continue}</button>
          <button part="button back-button" class="secondary" type="button" @click=${() => this.host.back()}>${this.host.t().back}</button>
        </div>
      </form>`;
  }

  private renderAttachment(a: AttachmentModel): TemplateResult {
    return html`<dvc-attachment
      part="attachment"
      name="#attachment:${a.id}"
      .requirement=${a}
      .queue=${this.host.attachments.queueOf(a.id)}
      .documents=${this.host.attachments.documents}
      .required=${this.host.attachments.required(a)}
      .error=${this.host.attachments.error(a.id)}
      lang=${this.host.locale()}
      @input=${() => this.host.attachments.inputChanged(a)}
    ></dvc-attachment>`;
  }

  private renderReview(): TemplateResult {
    const fee = computeFee(this.host.model, this.host.validator, this.host.form.data);
    const total = this.host.form.visibleSteps.length + (this.host.model.attachments.length ? 1 : 0);
    return html`${this.renderProgress(total)} ${this.renderSummary()}
      <h2 part="heading" tabindex="-1">${this.host.t().reviewTitle}</h2>
      <p class="hint">${this.host.t().reviewIntro}</p>
      <dvc-review-list
        .sections=${this.host.review.sections()}
        .changeLabel=${this.host.t().change}
        .emptyLabel=${this.host.t().notAnswered}
        @dvc-change-request=${this.host.onChangeRequest}
      ></dvc-review-list>
      ${
        fee.lines.length
          ? html`<h3>${this.host.t().fee}</h3>
              ${this.renderFee(fee)}`
          : nothing
      }
      <h3>${this.host.t().consentTitle}</h3>
      <label class="check">
        <input
          type="checkbox"
          name="#consent"
          .checked=${this.host.consent()}
          aria-invalid=${this.host.summary().some((s) => s.pointer === '#consent') ? 'true' : 'false'}
          @change=${(e: Event) => this.host.setConsent((e.target as HTMLInputElement).checked)}
        />
        <span>${this.host.t().consentText}</span>
      </label>
      <div class="actions">
        <button
          part="button submit-button"
          type="button"
          ?disabled=${this.host.submission.submitting}
          aria-busy=${this.host.submission.submitting ? 'true' : 'false'}
          @click=${() => void this.host.submit()}
        >
          ${this.host.submission.submitting ? this.host.t().submitting : this.host.t().submit}
        </button>
        <button
          part="button back-button"
          class="secondary"
          type="button"
          ?disabled=${this.host.submission.submitting}
          @click=${() => this.host.back()}
        >
          ${this.host.t().back}
        </button>
      </div>`;
  }

  private renderPayment(): TemplateResult {
    const r = this.host.submission.receipt;
    if (!r) return this.renderReview();
    return html`${this.renderSummary()}
      <h2 part="heading" tabindex="-1">${this.host.t().paymentTitle}</h2>
      ${this.host.payment.methods ? this.renderPaymentPart(r) : nothing}`;
  }

  private renderPaymentPart(r: DossierReceipt): TemplateResult {
    return html`<dvc-payment
      part="payment"
      exportparts="qr"
      code=${r.code}
      .methods=${this.host.payment.methods}
      .amount=${r.fee.total}
      .client=${this.host.payment.client}
      .payment=${this.host.payment.payment}
      lang=${this.host.locale()}
      @dvc-payment-status=${this.host.payment.onStatus}
      @dvc-payment-continue=${this.host.payment.onContinue}
    ></dvc-payment>`;
  }
}
