/** Events of the procedure shell (typed `Event` subclasses, registered in `GlobalEventHandlersEventMap`). */
import type { DossierReceipt } from '../../runtime/backend.js';
import { DvcPaymentStatusEvent } from '../payment/payment-events.js';

/** Re-exported: the payment step's status event is the shell's too (it bubbles out of the shell). */
export { DvcPaymentStatusEvent };

/** Which page of the shell is shown. */
export type ShellPage = 'start' | 'step' | 'attachments' | 'review' | 'payment' | 'receipt';

/** The citizen moved to another step or page. */
export class DvcStepChangeEvent extends Event {
  static readonly eventName = 'dvc-step-change';
  constructor(
    /** The page now shown. */
    readonly page: ShellPage,
    /** Id of the step shown (for `page === 'step'`). */
    readonly stepId: string | undefined,
    /** 0-based index among the visible steps. */
    readonly stepIndex: number,
  ) {
    super(DvcStepChangeEvent.eventName, { bubbles: true, composed: true });
  }
}

/** The citizen pressed "submit"; cancelable (`preventDefault()` stops the submission). */
export class DvcSubmitEvent<T = unknown> extends Event {
  static readonly eventName = 'dvc-submit';
  constructor(
    /** The dossier about to be sent (hidden values removed). */
    readonly data: T,
    /** The idempotency key of this submission. */
    readonly idempotencyKey: string,
  ) {
    super(DvcSubmitEvent.eventName, { bubbles: true, composed: true, cancelable: true });
  }
}

/** The back end accepted the dossier. */
export class DvcSubmittedEvent extends Event {
  static readonly eventName = 'dvc-submitted';
  constructor(readonly receipt: DossierReceipt) {
    super(DvcSubmittedEvent.eventName, { bubbles: true, composed: true });
  }
  /** The dossier code (mã hồ sơ). */
  get code(): string {
    return this.receipt.code;
  }
}

/** A saved draft was restored into the form. */
export class DvcDraftRestoredEvent extends Event {
  static readonly eventName = 'dvc-draft-restored';
  constructor(
    /** When the draft was saved (epoch ms). */
    readonly savedAt: number,
    /** The step the citizen was on. */
    readonly stepId: string | undefined,
  ) {
    super(DvcDraftRestoredEvent.eventName, { bubbles: true, composed: true });
  }
}

/** A link of the error summary was followed. */
export class DvcErrorLinkEvent extends Event {
  static readonly eventName = 'dvc-error-link';
  constructor(readonly pointer: string) {
    super(DvcErrorLinkEvent.eventName, { bubbles: true, composed: true });
  }
}

/** A "change" link of the review list was followed. */
export class DvcChangeRequestEvent extends Event {
  static readonly eventName = 'dvc-change-request';
  constructor(
    readonly stepId: string,
    readonly pointer: string,
  ) {
    super(DvcChangeRequestEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'dvc-step-change': DvcStepChangeEvent;
    'dvc-submit': DvcSubmitEvent;
    'dvc-submitted': DvcSubmittedEvent;
    'dvc-draft-restored': DvcDraftRestoredEvent;
    'dvc-error-link': DvcErrorLinkEvent;
    'dvc-change-request': DvcChangeRequestEvent;
  }
}
