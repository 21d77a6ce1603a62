/** Registers `<dvc-error-summary>`. */
import { define } from '../internal/define.js';
import { DvcErrorSummary } from '../components/error-summary/error-summary.js';

define('dvc-error-summary', DvcErrorSummary);
