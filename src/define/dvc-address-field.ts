/** Registers `<dvc-address-field>`. */
import { define } from '../internal/define.js';
import { DvcAddressField } from '../components/address-field/address-field.js';

define('dvc-address-field', DvcAddressField);
