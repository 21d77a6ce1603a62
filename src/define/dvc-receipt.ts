/** Registers `<dvc-receipt>`. */
import { define } from '../internal/define.js';
import { DvcReceipt } from '../components/receipt/receipt.js';

define('dvc-receipt', DvcReceipt);
