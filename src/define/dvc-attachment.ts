/** Registers `<dvc-attachment>`. */
import { define } from '../internal/define.js';
import { DvcAttachment } from '../components/attachment/attachment.js';

define('dvc-attachment', DvcAttachment);
