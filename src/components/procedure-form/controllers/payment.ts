/**
 * Paying the fee of a filed dossier: the payment (created by `<dvc-payment>`, or read again after a reload),
 * the methods the back end takes, and the back end as `<dvc-payment>` needs it.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { FormModel } from '../../../runtime/model.js';
import { OfflineError, type Payment, type PaymentMethod } from '../../../runtime/backend.js';
import type { DvcPaymentContinueEvent } from '../../payment/payment-events.js';
import type { PaymentClient } from '../../payment/payment.js';
import { DvcPaymentStatusEvent } from '../events.js';
import { definePaymentPart } from '../parts.js';
import type { BackendController } from './backend.js';

/** What the payment controller reads of the element. */
export interface PaymentHost extends ReactiveControllerHost {
  readonly model: FormModel;
  dispatchEvent(event: Event): boolean;
}

/**
 * Holds the payment of a procedure shell's filed dossier.
 *
 * @fires dvc-payment-status - The status read again after a reload changed ({@link DvcPaymentStatusEvent}, on
 * the host; the same event of `<dvc-payment>` goes out of the shell by itself).
 */
export class PaymentController implements ReactiveController {
  private _payment: Payment | null = null;
  private _methods: readonly PaymentMethod[] | null = null;
  private methodsLoad: Promise<void> | undefined;

  constructor(
    private readonly host: PaymentHost,
    private readonly options: {
      backend: BackendController;
      /** The fee is paid, or the citizen asked for the receipt: show it. */
      onDone(): void;
      /** The payment changed (it must be saved with the receipt). */
      onChange(): void;
    },
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** The payment of the filed dossier; null until created or read. */
  get payment(): Payment | null {
    return this._payment;
  }

  /** The methods the back end takes for this procedure (`paymentMethods` of `GET /procedures`); null until read. */
  get methods(): readonly PaymentMethod[] | null {
    return this._methods;
  }

  /** The back end as the payment element needs it (the client is built on first use). */
  readonly client: PaymentClient = {
    createPayment: (code, method, returnUrl) => this.options.backend.get().then((c) => c.createPayment(code, method, returnUrl)),
    getPayment: (id) => this.options.backend.get().then((c) => c.getPayment(id)),
  };

  /** The payment page is shown: reads the methods (once) and loads `<dvc-payment>`. */
  prepare(): Promise<void> {
    if (!this._methods) void this.loadMethods();
    return definePaymentPart();
  }

  /** Reads which methods the back end takes for this procedure, once (see {@link BackendController.paymentMethods}). */
  loadMethods(): Promise<void> {
    this.methodsLoad ??= this.options.backend.paymentMethods(this.host.model.procedure.slug).then((m) => {
      this._methods = m;
      this.host.requestUpdate();
    });
    return this.methodsLoad;
  }

  /** Reads a kept payment's status again (after a reload). */
  async refresh(id: string): Promise<void> {
    try {
      this.set(await (await this.options.backend.get()).getPayment(id), true);
    } catch (e) {
      if (!(e instanceof OfflineError)) console.warn('dvc-forms: could not read the payment status', e);
    }
  }

  /** Forgets the payment (the form starts again). */
  reset(): void {
    this._payment = null;
    this.host.requestUpdate();
  }

  /** The payment element created a payment or saw its status change (the event goes on out of the shell). */
  readonly onStatus = (e: DvcPaymentStatusEvent): void => {
    this.set(e.payment, false);
  };

  /** The citizen asked for the receipt (paid, or paying at the counter). */
  readonly onContinue = (e: DvcPaymentContinueEvent): void => {
    this._payment = e.payment;
    this.host.requestUpdate();
    this.options.onDone();
  };

  /** Takes a payment (created, or its status read); `announce` fires `dvc-payment-status` when it changed. */
  private set(p: Payment, announce: boolean): void {
    const changed = this._payment?.status !== p.status || this._payment?.id !== p.id;
    this._payment = p;
    this.host.requestUpdate();
    if (changed && announce) this.host.dispatchEvent(new DvcPaymentStatusEvent(p));
    if (p.status === 'paid') {
      this.options.onDone();
    } else if (changed) {
      this.options.onChange();
    }
  }
}
