/** Registers `<dvc-person-name-field>`. */
import { define } from '../internal/define.js';
import { DvcPersonNameField } from '../components/person-name-field/person-name-field.js';

define('dvc-person-name-field', DvcPersonNameField);
