/**
 * The pages of the procedure shell: before you start, each step, the attachments, review and consent,
 * payment, and the receipt; also the choice between two copies of a draft. Each page reads the form state and
 * the shell's controllers, and calls the shell's navigation.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { AttachmentModel, CompiledValidator, FormModel } from '../../runtime/model.js';
import type { DossierReceipt } from '../../runtime/backend.js';
import type { FormState } from '../../runtime/form-state.js';
import { computeFee } from '../../runtime/fees.js';
import { formatAmount } from '../../runtime/messages.js';
import type { ShellMessages } from '../../runtime/i18n/translation.js';
import type { ShellWords } from './words.js';
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
  /** The shell's messages and the model's texts in the form's language. */
  readonly words: ShellWords;
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
    const time = new Intl.DateTimeFormat(this.host.words.locale === 'en' ? 'en-GB' : 'vi-VN', {
      dateStyle: 'short',
      timeStyle: 'short',
    }).format(c.savedAt);
    return html`<div part="banner" class="banner info" role="alert">
      <p>${this.host.words.text('draftConflict', { time })}</p>
      <p class="actions">
        <button part="button" type="button" data-action="draft-use-other" @click=${() => void c.choose('server')}>
          ${this.host.words.t.draftConflictUseOther}
        </button>
        <button part="button" class="secondary" type="button" data-action="draft-keep-this" @click=${() => void c.choose('local')}>
          ${this.host.words.t.draftConflictKeepThis}
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
        return html`<h2 part="heading" tabindex="-1" class="visually-hidden">${this.host.words.t.receiptTitle}</h2>
          <dvc-receipt
            .receipt=${this.host.submission.receipt}
            .payment=${this.host.payment.payment}
            lang=${this.host.words.locale}
          ></dvc-receipt>`;
    }
  }

  private renderSummary(): TemplateResult {
    return html`<dvc-error-summary
      .heading=${this.host.words.t.errorSummaryTitle}
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
    return html`<h2 part="heading" tabindex="-1">${this.host.words.l(p.title)}</h2>
      <p class="hint">
        ${this.host.words.t[level[p.agencyLevel]!]} ·
        ${this.host.words.text('procedureCode', { code: p.code })}${
          p.fullyOnline ? html` · <strong>${this.host.words.t.fullyOnline}</strong>` : nothing
        }
      </p>
      ${p.description ? html`<p>${this.host.words.l(p.description)}</p>` : nothing}
      ${
        this.host.draft.restoredAt !== null
          ? html`<div class="panel" role="status">
              <p>${this.host.words.t.resumeNotice}</p>
              <button part="button" class="link" type="button" @click=${() => void this.host.discardDraft()}>
                ${this.host.words.t.discardDraft}
              </button>
            </div>`
          : nothing
      }
      ${
        p.requirements.length
          ? html`<h3>${this.host.words.t.whatYouNeed}</h3>
              <ul class="plain">
                ${p.requirements.map((r) => html`<li>${this.host.words.l(r)}</li>`)}
              </ul>`
          : nothing
      }
      <dl class="facts">
        <dt>${this.host.words.t.fee}</dt>
        <dd>${this.renderFee(fee)}</dd>
        <dt>${this.host.words.t.processingTime}</dt>
        <dd>
          ${this.host.words.text('workingDays', { days: p.processingTime.workingDays })}${
            p.processingTime.note ? html`<br />${this.host.words.l(p.processingTime.note)}` : nothing
          }
        </dd>
        <dt>${this.host.words.t.resultDelivery}</dt>
        <dd>${p.resultDelivery.map((d) => this.host.words.t[delivery[d]!]).join('; ')}</dd>
        ${
          p.legalBasis.length
            ? html`<dt>${this.host.words.t.legalBasis}</dt>
                <dd>
                  <ul class="plain">
                    ${p.legalBasis.map((b) => html`<li>${this.host.words.l(b)}</li>`)}
                  </ul>
                </dd>`
            : nothing
        }
      </dl>
      <div class="actions">
        <button part="button start-button" type="button" @click=${() => this.host.start()}>
          ${this.host.draft.restoredAt !== null ? this.host.words.t.continue : this.host.words.t.startButton}
        </button>
      </div>`;
  }

  private renderFee(fee: ReturnType<typeof computeFee>): TemplateResult {
    if (fee.total === 0 && fee.lines.every((l) => l.unitAmount === 0)) return html`${this.host.words.t.feeFree}`;
    return html`<ul class="plain">
        ${fee.lines
          .filter((l) => l.amount > 0 || l.unitAmount > 0)
          .map(
            (l) =>
              html`<li>
                ${this.host.words.l(l.title)}:
                ${formatAmount(l.amount, this.host.words.locale)}${l.note ? html` (${this.host.words.l(l.note)})` : nothing}
                ${
                  l.counterAmount !== undefined && l.counterAmount > l.amount
                    ? html`<br /><small
                          >${this.host.words.text('feeOnlineSaving', { amount: formatAmount(l.counterAmount, this.host.words.locale) })}</small
                        >`
                    : nothing
                }
              </li>`,
          )}
      </ul>
      <span class="total">${this.host.words.t.total}: ${formatAmount(fee.total, this.host.words.locale)}</span>`;
  }

  private renderProgress(current: number): TemplateResult {
    const titles = [
      ...this.host.form.visibleSteps.map((s) => this.host.words.l(s.title)),
      ...(this.host.model.attachments.length ? [this.host.words.t.attachmentsTitle] : []),
      this.host.words.t.reviewTitle,
    ];
    return html`<dvc-step-progress
      .steps=${titles}
      .current=${current}
      .label=${this.host.words.t.progressLabel}
      .countText=${this.host.words.text('stepOf', { current: current + 1, total: titles.length })}
    ></dvc-step-progress>`;
  }

  private renderStep(): TemplateResult {
    const step = this.host.form.step;
    if (!step) return this.renderStart();
    return html`${this.renderProgress(this.host.form.stepIndex)} ${this.renderSummary()}
      <h2 part="heading" tabindex="-1">${this.host.words.l(step.title)}</h2>
      ${step.description ? html`<p class="hint">${this.host.words.l(step.description)}</p>` : nothing}
      <form novalidate @submit=${(e: Event) => void this.host.next(e)} @input=${this.host.onFieldEvent} @change=${this.host.onFieldEvent}>
        ${this.host.nodes.renderStep(step)}
        <div class="actions">
          <button part="button next-button" type="submit">${this.host.words.t.continue}</button>
          <button part="button back-button" class="secondary" type="button" @click=${() => this.host.back()}>
            ${this.host.words.t.back}
          </button>
        </div>
      </form>`;
  }

  private renderAttachments(): TemplateResult {
    const stepCount = this.host.form.visibleSteps.length;
    return html`${this.renderProgress(stepCount)} ${this.renderSummary()}
      <h2 part="heading" tabindex="-1">${this.host.words.t.attachmentsTitle}</h2>
      <p class="hint">${this.host.words.t.attachmentsIntro}</p>
      <form novalidate @submit=${(e: Event) => this.host.attachmentsNext(e)}>
        ${repeat(
          this.host.model.attachments,
          (a) => a.id,
          (a) => this.renderAttachment(a),
        )}
        <div class="actions">
          <button part="button next-button" type="submit">${this.host.words.t.continue}</button>
          <button part="button back-button" class="secondary" type="button" @click=${() => this.host.back()}>
            ${this.host.words.t.back}
          </button>
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
      lang=${this.host.words.locale}
      @input=${() => this.host.attachments.inputChanged(a)}
    ></dvc-attachment>`;
  }

  private renderReview(): TemplateResult {
    const fee = computeFee(this.host.model, this.host.validator, this.host.form.data);
    const total = this.host.form.visibleSteps.length + (this.host.model.attachments.length ? 1 : 0);
    return html`${this.renderProgress(total)} ${this.renderSummary()}
      <h2 part="heading" tabindex="-1">${this.host.words.t.reviewTitle}</h2>
      <p class="hint">${this.host.words.t.reviewIntro}</p>
      <dvc-review-list
        .sections=${this.host.review.sections()}
        .changeLabel=${this.host.words.t.change}
        .emptyLabel=${this.host.words.t.notAnswered}
        @dvc-change-request=${this.host.onChangeRequest}
      ></dvc-review-list>
      ${
        fee.lines.length
          ? html`<h3>${this.host.words.t.fee}</h3>
              ${this.renderFee(fee)}`
          : nothing
      }
      <h3>${this.host.words.t.consentTitle}</h3>
      <label class="check">
        <input
          type="checkbox"
          name="#consent"
          .checked=${this.host.consent()}
          aria-invalid=${this.host.summary().some((s) => s.pointer === '#consent') ? 'true' : 'false'}
          @change=${(e: Event) => this.host.setConsent((e.target as HTMLInputElement).checked)}
        />
        <span>${this.host.words.t.consentText}</span>
      </label>
      <div class="actions">
        <button
          part="button submit-button"
          type="button"
          ?disabled=${this.host.submission.submitting}
          aria-busy=${this.host.submission.submitting ? 'true' : 'false'}
          @click=${() => void this.host.submit()}
        >
          ${this.host.submission.submitting ? this.host.words.t.submitting : this.host.words.t.submit}
        </button>
        <button
          part="button back-button"
          class="secondary"
          type="button"
          ?disabled=${this.host.submission.submitting}
          @click=${() => this.host.back()}
        >
          ${this.host.words.t.back}
        </button>
      </div>`;
  }

  private renderPayment(): TemplateResult {
    const r = this.host.submission.receipt;
    if (!r) return this.renderReview();
    return html`${this.renderSummary()}
      <h2 part="heading" tabindex="-1">${this.host.words.t.paymentTitle}</h2>
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
      lang=${this.host.words.locale}
      @dvc-payment-status=${this.host.payment.onStatus}
      @dvc-payment-continue=${this.host.payment.onContinue}
    ></dvc-payment>`;
  }
}
