/** Registers `<dvc-checkbox-field>`. */
import { define } from '../internal/define.js';
import { DvcCheckboxField } from '../components/checkbox-field/checkbox-field.js';

define('dvc-checkbox-field', DvcCheckboxField);
