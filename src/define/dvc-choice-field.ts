/** Registers `<dvc-choice-field>`. */
import { define } from '../internal/define.js';
import { DvcChoiceField } from '../components/choice-field/choice-field.js';

define('dvc-choice-field', DvcChoiceField);
