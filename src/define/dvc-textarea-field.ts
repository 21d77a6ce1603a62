/** Registers `<dvc-textarea-field>`. */
import { define } from '../internal/define.js';
import { DvcTextareaField } from '../components/textarea-field/textarea-field.js';

define('dvc-textarea-field', DvcTextareaField);
