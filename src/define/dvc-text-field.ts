/** Registers `<dvc-text-field>`. */
import { define } from '../internal/define.js';
import { DvcTextField } from '../components/text-field/text-field.js';

define('dvc-text-field', DvcTextField);
