/**
 * Entry of `dist/sdk.js`: the procedure shell and every built-in control, registered, with no procedure.
 * A procedure a site compiled itself with `dvc-forms compile --bundle` imports this file (by the URL given
 * to `--sdk-url`), so a page with no build step needs only dist/ and its own procedure's one file.
 *
 * It is built together with `dist/dvc-forms.js` and `dist/procedures/<slug>.js` (rollup.config.mjs), so the
 * three share their chunks: a page that loads more than one of them downloads nothing twice.
 *
 * Keep the list complete: tests/node/build/entries.test.ts fails when a tag in src/define/ is missing here.
 */
import './define/dvc-address-field.js';
import './define/dvc-attachment.js';
import './define/dvc-checkbox-field.js';
import './define/dvc-choice-field.js';
import './define/dvc-consent-field.js';
import './define/dvc-date-field.js';
import './define/dvc-dossier-status.js';
import './define/dvc-email-field.js';
import './define/dvc-error-summary.js';
import './define/dvc-fieldset.js';
import './define/dvc-id-number-field.js';
import './define/dvc-multi-choice-field.js';
import './define/dvc-number-field.js';
import './define/dvc-payment.js';
import './define/dvc-person-name-field.js';
import './define/dvc-phone-field.js';
import './define/dvc-receipt.js';
import './define/dvc-repeating-group.js';
import './define/dvc-review-list.js';
import './define/dvc-step-progress.js';
import './define/dvc-text-field.js';
import './define/dvc-textarea-field.js';

// What a compiled procedure's define.js imports from the SDK.
export { DvcProcedureForm } from './components/procedure-form/procedure-form.js';
export { define } from './internal/define.js';
export { SDK_VERSION } from './internal/version.js';
