/**
 * The shell's own parts (error summary, step progress, review list, receipt). A procedure element registers
 * them when it first connects, so a compiled procedure's `define.js` does not need to know them. Importing
 * this module registers nothing.
 */
import { define } from '../../internal/define.js';
import { DvcErrorSummary } from '../error-summary/error-summary.js';
import { DvcStepProgress } from '../step-progress/step-progress.js';
import { DvcReviewList } from '../review-list/review-list.js';
import { DvcReceipt } from '../receipt/receipt.js';

let done = false;

/** Registers the shell's parts through the guarded `define()` (idempotent). */
export function defineShellParts(registry: CustomElementRegistry = customElements): void {
  if (done && registry === customElements) return;
  define('dvc-error-summary', DvcErrorSummary, registry);
  define('dvc-step-progress', DvcStepProgress, registry);
  define('dvc-review-list', DvcReviewList, registry);
  define('dvc-receipt', DvcReceipt, registry);
  if (registry === customElements) done = true;
}
