/**
 * The shell's own parts (error summary, step progress, review list, attachment, receipt; the payment element is
 * loaded when the payment page is reached: it carries the QR encoder, which most visits never need). A procedure element registers
 * them when it first connects, so a compiled procedure's `define.js` does not need to know them. Importing
 * this module registers nothing.
 */
import { define } from '../../internal/define.js';
import { DvcErrorSummary } from '../error-summary/error-summary.js';
import { DvcStepProgress } from '../step-progress/step-progress.js';
import { DvcReviewList } from '../review-list/review-list.js';
import { DvcReceipt } from '../receipt/receipt.js';
import { DvcAttachment } from '../attachment/attachment.js';

let done = false;

/** Registers the shell's parts through the guarded `define()` (idempotent). */
export function defineShellParts(registry: CustomElementRegistry = customElements): void {
  if (done && registry === customElements) return;
  define('dvc-error-summary', DvcErrorSummary, registry);
  define('dvc-step-progress', DvcStepProgress, registry);
  define('dvc-review-list', DvcReviewList, registry);
  define('dvc-receipt', DvcReceipt, registry);
  define('dvc-attachment', DvcAttachment, registry);
  if (registry === customElements) done = true;
}

let payment: Promise<void> | undefined;

/** Loads and registers `<dvc-payment>` (once); resolves when the tag is defined. */
export function definePaymentPart(registry: CustomElementRegistry = customElements): Promise<void> {
  const load = (): Promise<void> =>
    import('../payment/payment.js').then(({ DvcPayment }) => {
      define('dvc-payment', DvcPayment, registry);
    });
  if (registry !== customElements) return load();
  payment ??= load().catch((e: unknown) => {
    payment = undefined;
    throw e;
  });
  return payment;
}
