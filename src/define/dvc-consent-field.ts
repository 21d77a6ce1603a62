/** Registers `<dvc-consent-field>`. */
import { define } from '../internal/define.js';
import { DvcConsentField } from '../components/consent-field/consent-field.js';

define('dvc-consent-field', DvcConsentField);
