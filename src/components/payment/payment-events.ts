/**
 * Events of `<dvc-payment>`, in a module of their own: the shell re-exports the status event without loading
 * the payment element (which it loads only when the payment page is reached).
 */
import type { Payment, PaymentStatusValue } from '../../runtime/backend.js';

/** A payment was created or its status changed. */
export class DvcPaymentStatusEvent extends Event {
  static readonly eventName = 'dvc-payment-status';
  constructor(readonly payment: Payment) {
    super(DvcPaymentStatusEvent.eventName, { bubbles: true, composed: true });
  }
  /** The payment's status. */
  get status(): PaymentStatusValue {
    return this.payment.status;
  }
}

/** The browser is about to go to the payment gateway; cancelable (`preventDefault()` keeps the page). */
export class DvcPaymentRedirectEvent extends Event {
  static readonly eventName = 'dvc-payment-redirect';
  constructor(
    /** The gateway URL. */
    readonly url: string,
    readonly payment: Payment,
  ) {
    super(DvcPaymentRedirectEvent.eventName, { bubbles: true, composed: true, cancelable: true });
  }
}

/** The citizen asked to go on to the receipt (after paying, or choosing to pay at the counter). */
export class DvcPaymentContinueEvent extends Event {
  static readonly eventName = 'dvc-payment-continue';
  constructor(readonly payment: Payment) {
    super(DvcPaymentContinueEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'dvc-payment-status': DvcPaymentStatusEvent;
    'dvc-payment-redirect': DvcPaymentRedirectEvent;
    'dvc-payment-continue': DvcPaymentContinueEvent;
  }
}
