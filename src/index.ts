/**
 * dvc-forms: the package entry. Importing it has no side effect (no tag is registered); register tags
 * with the per-tag modules `dvc-forms/define/<tag>.js`, or load `dist/dvc-forms.js` for everything at
 * once. This is the one module that re-exports; modules inside `src/` import each other directly.
 *
 * @packageDocumentation
 */

// Registration and version.
export { define } from './internal/define.js';
export { SDK_VERSION } from './internal/version.js';

// The procedure shell every compiled procedure extends, and its events.
export { DvcProcedureForm } from './components/procedure-form/procedure-form.js';
export {
  DvcStepChangeEvent,
  DvcSubmitEvent,
  DvcSubmittedEvent,
  DvcPaymentStatusEvent,
  DvcDraftRestoredEvent,
  type ShellPage,
} from './components/procedure-form/events.js';

// Field controls and containers (classes only; see `dvc-forms/define/<tag>.js` to register them).
export { DvcFormControl, type ControlContext, type Problem } from './internal/form-control.js';
export { DvcTextControl } from './internal/text-control.js';
export { DvcTextField } from './components/text-field/text-field.js';
export { DvcTextareaField } from './components/textarea-field/textarea-field.js';
export { DvcNumberField } from './components/number-field/number-field.js';
export { DvcDateField } from './components/date-field/date-field.js';
export { DvcEmailField } from './components/email-field/email-field.js';
export { DvcPhoneField } from './components/phone-field/phone-field.js';
export { DvcPersonNameField } from './components/person-name-field/person-name-field.js';
export { DvcIdNumberField } from './components/id-number-field/id-number-field.js';
export { DvcChoiceField, type ChoiceAppearance } from './components/choice-field/choice-field.js';
export { DvcMultiChoiceField } from './components/multi-choice-field/multi-choice-field.js';
export { DvcCheckboxField } from './components/checkbox-field/checkbox-field.js';
export { DvcConsentField } from './components/consent-field/consent-field.js';
export {
  DvcAddressField,
  defaultAdminUnitsLoader,
  type AddressValue,
  type AdminUnitsLoader,
} from './components/address-field/address-field.js';
export { DvcFieldset } from './components/fieldset/fieldset.js';
export {
  DvcRepeatingGroup,
  DvcRowsChangeEvent,
  type RowRenderer,
  type RowsChangeDetail,
} from './components/repeating-group/repeating-group.js';
export { DvcErrorSummary, type ErrorSummaryItem } from './components/error-summary/error-summary.js';
export { DvcStepProgress } from './components/step-progress/step-progress.js';
export { DvcReviewList, type ReviewRow, type ReviewSection } from './components/review-list/review-list.js';
export { DvcReceipt } from './components/receipt/receipt.js';
export { DvcAttachment, acceptLabel, type CameraMode } from './components/attachment/attachment.js';
export { acceptsFile } from './runtime/attachments.js';
export {
  AttachmentUploadQueue,
  type AttachmentFile,
  type AttachmentFileStatus,
  type SavedAttachmentFile,
  type Uploader,
} from './components/attachment/upload-queue.js';
export { DvcPayment, DvcPaymentRedirectEvent, DvcPaymentContinueEvent, type PaymentClient } from './components/payment/payment.js';
export {
  DvcDossierStatus,
  DvcDossierLookupEvent,
  DvcDossierLoadedEvent,
  formatDateTimeVn,
  type DossierStatusClient,
} from './components/dossier-status/dossier-status.js';
export { checkDossierCode, DOSSIER_CODE_EXAMPLE, DOSSIER_CODE_PATTERN, type DossierCodeCheck } from './runtime/dossier-code.js';

// The DOM-free runtime (also what the reference server judges dossiers with).
export type * from './runtime/model.js';
export { FormState } from './runtime/form-state.js';
export { pruneHidden, validateDossier, hasErrors, type DossierIssue, type ValidateOptions } from './runtime/validate.js';
export { computeFee, type FeeQuote, type FeeQuoteLine } from './runtime/fees.js';
export { checkRules, type RuleIssue } from './runtime/rules.js';
export { applyPrefill, prefillTargets, type PrefillRecord, type PrefillResult } from './runtime/prefill.js';
export {
  DraftStore,
  MemoryStorage,
  indexedDbStorage,
  type DraftStorage,
  type DraftStoreOptions,
  type DraftRecord,
} from './runtime/draft-store.js';
// What the SDK keeps on the device (encrypted at rest) and how a host deletes it when the citizen signs out.
export {
  clearCitizenData,
  encryptedStorage,
  secureLocalStorage,
  deviceKey,
  DvcCitizenDataClearEvent,
  type EncryptedEnvelope,
} from './runtime/secure-storage.js';
export { ReceiptStore, type ReceiptRecord } from './runtime/receipt-store.js';
export { newSessionSecret, isSessionSecret, SESSION_HEADER } from './runtime/session-secret.js';
export { registerTranslation, loadTranslation, getTranslation } from './runtime/messages.js';
export type { Translation } from './runtime/i18n/translation.js';
export {
  BackendError,
  OfflineError,
  ProblemError,
  ValidationProblemError,
  ConflictError,
  AuthError,
  type BackendClient,
  type AdminUnits,
  type CitizenDocument,
  type DossierReceipt,
  type DossierStatus,
  type Payment,
  type PaymentMethod,
  type ServerDraft,
  type SessionProvider,
  type PaymentStatusValue,
} from './runtime/backend.js';

// The HTTP client for any back end implementing api/openapi.yaml.
export { createHttpClient, newIdempotencyKey, type HttpBackendClient, type HttpClientOptions } from './client/http-client.js';
