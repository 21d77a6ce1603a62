/**
 * Entry of `dist/dvc-forms.js`, the file a page loads with a single `<script type="module">`: it registers
 * every built-in tag and every compiled example procedure, and re-exports the public API of `src/index.ts`
 * (for sites that extend the shell or add widgets). It is built together with `dist/procedures/<slug>.js`
 * (rollup.config.mjs), so it imports the same shared chunks (`dist/chunks/`) and each procedure bundle:
 * a page that also loads one procedure alone downloads nothing twice.
 *
 * Keep the two lists complete: tests/node/build/entries.test.ts fails when a tag in src/define/ or a
 * procedure in schemas/procedures/ is missing here.
 */

// Built-in tags.
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

// Compiled example procedures (`npm run compile` writes generated/procedures/<slug>/).
import '../generated/procedures/birth-registration/define.js';
import '../generated/procedures/birth-residence-health-insurance/define.js';
import '../generated/procedures/criminal-record-certificate/define.js';
import '../generated/procedures/marriage-registration/define.js';
import '../generated/procedures/permanent-residence-registration/define.js';

export * from './index.js';
