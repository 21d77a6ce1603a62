/** Registers `<dvc-multi-choice-field>`. */
import { define } from '../internal/define.js';
import { DvcMultiChoiceField } from '../components/multi-choice-field/multi-choice-field.js';

define('dvc-multi-choice-field', DvcMultiChoiceField);
