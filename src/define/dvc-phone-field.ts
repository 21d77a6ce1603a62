/** Registers `<dvc-phone-field>`. */
import { define } from '../internal/define.js';
import { DvcPhoneField } from '../components/phone-field/phone-field.js';

define('dvc-phone-field', DvcPhoneField);
