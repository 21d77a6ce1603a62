/** Registers `<dvc-id-number-field>`. */
import { define } from '../internal/define.js';
import { DvcIdNumberField } from '../components/id-number-field/id-number-field.js';

define('dvc-id-number-field', DvcIdNumberField);
