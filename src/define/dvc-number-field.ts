/** Registers `<dvc-number-field>`. */
import { define } from '../internal/define.js';
import { DvcNumberField } from '../components/number-field/number-field.js';

define('dvc-number-field', DvcNumberField);
