/** Registers `<dvc-repeating-group>`. */
import { define } from '../internal/define.js';
import { DvcRepeatingGroup } from '../components/repeating-group/repeating-group.js';

define('dvc-repeating-group', DvcRepeatingGroup);
