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
}
