/**
 * The typed catalogue every locale implements: a key missing from a locale is a type error.
 * Messages may contain `{field}`, `{limit}` and other `{name}` placeholders filled from issue params.
 */

/** Generic messages of validators (JSON Schema keywords and SDK checks). */
export interface ValidationMessages {
  required: string;
  type: string;
  minLength: string;
  maxLength: string;
  pattern: string;
  format: string;
  minimum: string;
  maximum: string;
  exclusiveMinimum: string;
  exclusiveMaximum: string;
  multipleOf: string;
  enum: string;
  const: string;
  minItems: string;
  maxItems: string;
  uniqueItems: string;
  formatMinimum: string;
  formatMaximum: string;
  additionalProperties: string;
  /** Any other keyword. */
  invalid: string;
}

/** Messages specific to a format or a widget; looked up before the generic ones. */
export interface SpecificMessages {
  'format.date': string;
  'format.email': string;
  'format.date-time': string;
  'format.uri': string;
  'date.required': string;
  'date.formatMinimum': string;
  'date.formatMaximum': string;
  'id-number.pattern': string;
  'id-number.required': string;
  'phone.pattern': string;
  'email.format': string;
  'person-name.pattern': string;
  'select.required': string;
  'radio.required': string;
  'checkbox.required': string;
  'consent.required': string;
  'consent.const': string;
  'address.required': string;
  'number.type': string;
  'repeat.minItems': string;
  'repeat.maxItems': string;
  'multi-choice.minItems': string;
  'multi-choice.required': string;
}

/** Texts of the procedure shell. */
export interface ShellMessages {
  startTitle: string;
  startButton: string;
  resumeNotice: string;
  discardDraft: string;
  whatYouNeed: string;
  fee: string;
  feeFree: string;
  feeOnlineSaving: string;
  processingTime: string;
  workingDays: string;
  legalBasis: string;
  resultDelivery: string;
  deliveryOnline: string;
  deliveryPost: string;
  deliveryCounter: string;
  agencyCommune: string;
  agencyProvince: string;
  agencyMinistry: string;
  fullyOnline: string;
  stepOf: string;
  progressLabel: string;
  back: string;
  continue: string;
  errorSummaryTitle: string;
  attachmentsTitle: string;
  attachmentsIntro: string;
  attachmentRequired: string;
  attachmentOptional: string;
  attachmentAccept: string;
  chooseFile: string;
  uploading: string;
  uploaded: string;
  uploadFailed: string;
  removeFile: string;
  fileTooLarge: string;
  fileWrongType: string;
  tooManyFiles: string;
  attachmentMissing: string;
  reuseDocument: string;
  reuseDocumentIssued: string;
  /** Button that opens the phone camera for an attachment (`{title}`). */
  takePhoto: string;
  /** A file waits for the connection to come back (`{name}`). */
  uploadWaiting: string;
  /** A file could not be uploaded; a retry button follows (`{name}`). */
  uploadFailedRetry: string;
  /** The retry button of one file (`{name}`). */
  retryUpload: string;
  /** A reusable document was chosen in place of an upload (`{name}`). */
  documentChosen: string;
  /** An attachment still has files waiting or uploading (`{title}`). */
  attachmentPending: string;
  reviewTitle: string;
  reviewIntro: string;
  change: string;
  notAnswered: string;
  yes: string;
  no: string;
  rowLabel: string;
  addRow: string;
  filesGiven: string;
  consentTitle: string;
  consentText: string;
  consentRequired: string;
  submit: string;
  submitting: string;
  offline: string;
  serverError: string;
  conflict: string;
  serverValidation: string;
  paymentTitle: string;
  paymentIntro: string;
  payVietqr: string;
  payVietqrHint: string;
  payVnpay: string;
  payVnpayHint: string;
  payCounter: string;
  payCounterHint: string;
  payButton: string;
  payChoose: string;
  vietqrScan: string;
  bank: string;
  accountNumber: string;
  accountName: string;
  amount: string;
  transferContent: string;
  paymentPending: string;
  paymentPaid: string;
  paymentFailed: string;
  checkPayment: string;
  goToGateway: string;
  /** The payment request expired; a new one can be made. */
  paymentExpired: string;
  /** The citizen cancelled at the gateway. */
  paymentCancelled: string;
  /** The payment arrived when it was no longer due (dossier refused, paid twice): it will be refunded. */
  paymentRefundDue: string;
  /** Shown while the browser goes to the VNPay gateway. */
  vnpayRedirecting: string;
  /** Link back to the choice of method while a payment is pending. */
  payOtherMethod: string;
  /** Said when the payment is confirmed. */
  paymentPaidNotice: string;
  /** No connection while paying (the dossier is filed). */
  paymentOffline: string;
  /** The back end does not take the chosen method (problem `payment-method`). */
  paymentMethodRefused: string;
  /** The fee is already paid (problem `already-paid`). */
  paymentAlreadyPaid: string;
  /** Nothing is due any more (problems `nothing-to-pay`, `dossier-closed`). */
  paymentNothingDue: string;
  /** Another refusal of the back end; `{detail}` is what it said. */
  paymentRefused: string;
  receiptTitle: string;
  receiptIntro: string;
  dossierCode: string;
  appointmentDate: string;
  submittedAt: string;
  amountPaid: string;
  amountDue: string;
  print: string;
  prefilledNote: string;
  draftRestored: string;
  /** A newer copy of the draft was saved on another device while this one was open (`{time}`). */
  draftConflict: string;
  draftConflictUseOther: string;
  draftConflictKeepThis: string;
  total: string;
  copies: string;
  procedureCode: string;
  removeRow: string;
}

/** Texts of the field components (labels of inner controls, warnings, announcements). */
export interface FieldMessages {
  errorPrefix: string;
  warningPrefix: string;
  dateImpossible: string;
  dateMonth: string;
  dateYear: string;
  dateHint: string;
  numberInteger: string;
  idCentury: string;
  idYear: string;
  sexMale: string;
  sexFemale: string;
  choosePlaceholder: string;
  addressCountry: string;
  addressCountryVietnam: string;
  addressProvince: string;
  addressCommune: string;
  addressStreet: string;
  addressSearchHint: string;
  addressNoResults: string;
  addressResults: string;
  addressChooseProvinceFirst: string;
  addressLoading: string;
  addressLoadFailed: string;
  addressShowOptions: string;
  repeatAdd: string;
  repeatRemove: string;
  repeatMoveUp: string;
  repeatMoveDown: string;
  repeatRowTitle: string;
  repeatAdded: string;
  repeatRemoved: string;
  repeatMoved: string;
  repeatEmpty: string;
}

/** Texts of `<dvc-dossier-status>` (tra cứu hồ sơ). `{code}`, `{example}`, `{status}`, `{date}` are filled in. */
export interface StatusMessages {
  /** Label of the code box. */
  codeLabel: string;
  /** Hint under the code box (`{example}`). */
  codeHint: string;
  /** The code box is empty. */
  codeRequired: string;
  /** The code does not have the `<agency>-YYMMDD-XXXX` shape (`{example}`). */
  codeInvalid: string;
  /** The YYMMDD part is not a real date (`{date}`, `{example}`). */
  codeBadDate: string;
  /** The code set by the host page is not a dossier code (`{code}`, `{example}`). */
  codeAttributeInvalid: string;
  /** The lookup button. */
  search: string;
  /** While the lookup runs (`{code}`). */
  loading: string;
  /** No dossier has the code (`{code}`). */
  notFound: string;
  /** No connection (`{code}`). */
  offline: string;
  /** Any other failure (`{code}`). */
  error: string;
  /** The retry button. */
  retry: string;
  /** Heading of the result (`{code}`). */
  resultTitle: string;
  /** Announced when the dossier is found (`{code}`, `{status}`). */
  found: string;
  currentStatus: string;
  procedure: string;
  submittedAt: string;
  appointmentDate: string;
  fee: string;
  feeFree: string;
  payment: string;
  paymentNone: string;
  paymentPending: string;
  paymentPaid: string;
  paymentFailed: string;
  paymentCancelled: string;
  paymentExpired: string;
  /** The payment will be refunded. */
  paymentRefundDue: string;
  /** Heading of the timeline. */
  historyTitle: string;
  /** The note of an officer in the timeline, before the text. */
  noteLabel: string;
  'label.submitted': string;
  'label.received': string;
  'label.supplement-requested': string;
  'label.processing': string;
  'label.result-ready': string;
  'label.completed': string;
  'label.rejected': string;
  'label.withdrawn': string;
  /** What the citizen should do now, for statuses that ask something of them. */
  'next.supplement-requested': string;
  'next.result-ready': string;
  'next.rejected': string;
}

/** One locale's catalogue. */
export interface Translation {
  /** BCP 47 tag. */
  locale: string;
  /** Number formatting locale for amounts. */
  numberLocale: string;
  validation: ValidationMessages;
  specific: SpecificMessages;
  shell: ShellMessages;
  field: FieldMessages;
  status: StatusMessages;
}
