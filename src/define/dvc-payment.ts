/** Registers `<dvc-payment>`. */
import { define } from '../internal/define.js';
import { DvcPayment } from '../components/payment/payment.js';

define('dvc-payment', DvcPayment);
