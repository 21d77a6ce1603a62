/** Registers `<dvc-fieldset>`. */
import { define } from '../internal/define.js';
import { DvcFieldset } from '../components/fieldset/fieldset.js';

define('dvc-fieldset', DvcFieldset);
