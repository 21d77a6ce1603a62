/** Registers `<dvc-step-progress>`. */
import { define } from '../internal/define.js';
import { DvcStepProgress } from '../components/step-progress/step-progress.js';

define('dvc-step-progress', DvcStepProgress);
