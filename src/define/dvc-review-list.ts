/** Registers `<dvc-review-list>`. */
import { define } from '../internal/define.js';
import { DvcReviewList } from '../components/review-list/review-list.js';

define('dvc-review-list', DvcReviewList);
