/** Registers `<dvc-email-field>`. */
import { define } from '../internal/define.js';
import { DvcEmailField } from '../components/email-field/email-field.js';

define('dvc-email-field', DvcEmailField);
