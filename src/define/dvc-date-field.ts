/** Registers `<dvc-date-field>`. */
import { define } from '../internal/define.js';
import { DvcDateField } from '../components/date-field/date-field.js';

define('dvc-date-field', DvcDateField);
