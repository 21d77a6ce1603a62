/**
 * A small procedure for runtime tests: the schema is compiled by ajv (draft 2020-12) at test time, and the
 * model is written the way the compiler emits it (conditions referenced by id).
 */
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { CompiledValidator, FormModel, ValidateFn } from '../../../src/runtime/model.js';

const AjvCtor = Ajv2020 as unknown as typeof Ajv2020.default;
const addFormatsFn = addFormats as unknown as typeof addFormats.default;

export const schema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  properties: {
    applicant: {
      type: 'object',
      properties: {
        fullName: { type: 'string', minLength: 2, maxLength: 100 },
        idNumber: { type: 'string', pattern: '^[0-9]{12}$' },
        dateOfBirth: { type: 'string', format: 'date' },
        sex: { enum: ['male', 'female'] },
        email: { type: 'string', format: 'email' },
      },
      required: ['fullName', 'idNumber', 'dateOfBirth', 'sex'],
    },
    hasSpouse: { type: 'boolean' },
    spouseName: { type: 'string', minLength: 2 },
    category: { enum: ['normal', 'student'] },
    studentCard: { type: 'string', minLength: 3 },
    copies: { type: 'integer', minimum: 1, maximum: 10 },
    secret: { type: 'string' },
    history: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          from: { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}$' },
          to: { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}$' },
          address: { type: 'string' },
        },
        required: ['from', 'to', 'address'],
      },
    },
  },
  required: ['applicant', 'category', 'copies', 'studentCard'],
  if: { properties: { hasSpouse: { const: true } }, required: ['hasSpouse'] },
  then: { required: ['spouseName'] },
} as const;

/** Condition schemas by id, as the compiler would compile them. */
export const conditionSchemas: Record<string, object> = {
  'root.if0': { properties: { hasSpouse: { const: true } }, required: ['hasSpouse'] },
  'visible.studentCard': { properties: { category: { const: 'student' } }, required: ['category'] },
  'fee.student': { properties: { category: { const: 'student' } }, required: ['category'] },
  'step.history': { properties: { category: { const: 'normal' } }, required: ['category'] },
};

export function compileValidator(s: object = schema, conds: Record<string, object> = conditionSchemas): CompiledValidator {
  const ajv = new AjvCtor({ allErrors: true, strict: false });
  addFormatsFn(ajv, ['date', 'email']);
  const conditions: Record<string, ValidateFn> = {};
  for (const [id, c] of Object.entries(conds)) conditions[id] = ajv.compile(c) as unknown as ValidateFn;
  return { validate: ajv.compile(s) as unknown as ValidateFn, conditions };
}

const t = (vi: string, en?: string) => (en ? { vi, en } : { vi });

export const model: FormModel = {
  modelVersion: 1,
  tag: 'dvc-test-permit',
  procedure: {
    code: '9.999999',
    slug: 'test-permit',
    version: '1.0.0',
    title: t('Cấp giấy phép thử nghiệm', 'Test permit'),
    agencyLevel: 'commune',
    fullyOnline: true,
    legalBasis: [t('Thông tư 01/2024/TT-TEST')],
    processingTime: { workingDays: 5 },
    resultDelivery: ['online', 'counter'],
    requirements: [t('Thẻ căn cước')],
  },
  root: {
    kind: 'group',
    key: '',
    path: '',
    label: t('Hồ sơ'),
    required: true,
    tag: 'dvc-fieldset',
    conditionals: [{ if: 'root.if0', then: { show: ['spouseName'], require: ['spouseName'] }, else: { show: [], require: [] } }],
    children: [
      {
        kind: 'group',
        key: 'applicant',
        path: '/applicant',
        label: t('Người yêu cầu', 'Applicant'),
        required: true,
        tag: 'dvc-fieldset',
        conditionals: [],
        children: [
          {
            kind: 'field',
            key: 'fullName',
            path: '/applicant/fullName',
            label: t('Họ và tên', 'Full name'),
            required: true,
            valueType: 'string',
            widget: 'person-name',
            tag: 'dvc-text-field',
            constraints: { minLength: 2, maxLength: 100 },
            prefill: 'citizen.fullName',
          },
          {
            kind: 'field',
            key: 'idNumber',
            path: '/applicant/idNumber',
            label: t('Số định danh cá nhân', 'Personal ID number'),
            required: true,
            valueType: 'string',
            widget: 'id-number',
            tag: 'dvc-text-field',
            constraints: { pattern: '^[0-9]{12}$' },
            prefill: 'citizen.idNumber',
          },
          {
            kind: 'field',
            key: 'dateOfBirth',
            path: '/applicant/dateOfBirth',
            label: t('Ngày sinh', 'Date of birth'),
            required: true,
            valueType: 'string',
            widget: 'date',
            format: 'date',
            tag: 'dvc-date-field',
            constraints: {},
            prefill: 'citizen.dateOfBirth',
          },
          {
            kind: 'field',
            key: 'sex',
            path: '/applicant/sex',
            label: t('Giới tính', 'Sex'),
            required: true,
            valueType: 'string',
            widget: 'radio',
            tag: 'dvc-choice-field',
            constraints: {},
            prefill: 'citizen.sex',
            options: [
              { value: 'male', label: t('Nam', 'Male') },
              { value: 'female', label: t('Nữ', 'Female') },
            ],
          },
          {
            kind: 'field',
            key: 'email',
            path: '/applicant/email',
            label: t('Thư điện tử', 'Email'),
            required: false,
            valueType: 'string',
            widget: 'email',
            format: 'email',
            tag: 'dvc-text-field',
            constraints: {},
          },
        ],
      },
      {
        kind: 'field',
        key: 'hasSpouse',
        path: '/hasSpouse',
        label: t('Đã kết hôn', 'Married'),
        required: false,
        valueType: 'boolean',
        widget: 'checkbox',
        tag: 'dvc-checkbox',
        constraints: {},
      },
      {
        kind: 'field',
        key: 'spouseName',
        path: '/spouseName',
        label: t('Họ tên vợ/chồng', 'Spouse name'),
        required: false,
        valueType: 'string',
        widget: 'person-name',
        tag: 'dvc-text-field',
        constraints: { minLength: 2 },
      },
      {
        kind: 'field',
        key: 'category',
        path: '/category',
        label: t('Đối tượng', 'Category'),
        required: true,
        valueType: 'string',
        widget: 'select',
        tag: 'dvc-choice-field',
        constraints: {},
        options: [
          { value: 'normal', label: t('Thông thường', 'Normal') },
          { value: 'student', label: t('Học sinh, sinh viên', 'Student') },
        ],
      },
      {
        kind: 'field',
        key: 'studentCard',
        path: '/studentCard',
        label: t('Số thẻ sinh viên', 'Student card number'),
        required: true,
        visibleWhen: 'visible.studentCard',
        valueType: 'string',
        widget: 'text',
        tag: 'dvc-text-field',
        constraints: { minLength: 3 },
      },
      {
        kind: 'field',
        key: 'copies',
        path: '/copies',
        label: t('Số bản', 'Copies'),
        required: true,
        valueType: 'integer',
        widget: 'number',
        tag: 'dvc-text-field',
        constraints: { minimum: 1, maximum: 10 },
      },
      {
        kind: 'field',
        key: 'secret',
        path: '/secret',
        label: t('Mã bí mật', 'Secret'),
        required: false,
        sensitive: true,
        valueType: 'string',
        widget: 'text',
        tag: 'dvc-text-field',
        constraints: {},
      },
      {
        kind: 'array',
        key: 'history',
        path: '/history',
        label: t('Quá trình cư trú', 'Residence history'),
        required: false,
        tag: 'dvc-repeating-group',
        minItems: 0,
        addLabel: t('Thêm nơi cư trú', 'Add a residence'),
        item: {
          kind: 'group',
          key: '',
          path: '/history/-',
          label: t('Nơi cư trú', 'Residence'),
          required: true,
          tag: 'dvc-fieldset',
          conditionals: [],
          children: [
            {
              kind: 'field',
              key: 'from',
              path: '/history/-/from',
              label: t('Từ tháng', 'From'),
              required: true,
              valueType: 'string',
              widget: 'text',
              tag: 'dvc-text-field',
              constraints: {},
            },
            {
              kind: 'field',
              key: 'to',
              path: '/history/-/to',
              label: t('Đến tháng', 'To'),
              required: true,
              valueType: 'string',
              widget: 'text',
              tag: 'dvc-text-field',
              constraints: {},
            },
            {
              kind: 'field',
              key: 'address',
              path: '/history/-/address',
              label: t('Địa chỉ', 'Address'),
              required: true,
              valueType: 'string',
              widget: 'text',
              tag: 'dvc-text-field',
              constraints: {},
            },
          ],
        },
      },
    ],
  },
  steps: [
    { id: 'applicant', title: t('Người yêu cầu', 'Applicant'), fields: ['/applicant'] },
    {
      id: 'request',
      title: t('Nội dung yêu cầu', 'Request'),
      fields: ['/hasSpouse', '/spouseName', '/category', '/studentCard', '/copies', '/secret'],
    },
    { id: 'history', title: t('Quá trình cư trú', 'Residence history'), fields: ['/history'], visibleWhen: 'step.history' },
  ],
  attachments: [
    {
      id: 'photo',
      title: t('Ảnh chân dung'),
      required: true,
      accept: ['image/jpeg', 'image/png'],
      maxSizeMB: 5,
      maxFiles: 1,
      documentType: 'portrait',
    },
  ],
  fees: {
    currency: 'VND',
    lines: [
      {
        id: 'base',
        title: t('Lệ phí', 'Fee'),
        cases: [{ when: 'fee.student', amount: 100000, note: t('Giảm cho học sinh, sinh viên') }, { amount: 200000 }],
        counterAmount: 200000,
      },
      {
        id: 'extra',
        title: t('Bản thứ ba trở đi', 'Third copy onwards'),
        cases: [{ amount: 5000 }],
        quantity: { field: '/copies', offset: -2 },
      },
    ],
  },
  rules: [
    {
      id: 'adult',
      kind: 'minAge',
      severity: 'error',
      date: '/applicant/dateOfBirth',
      years: 18,
      message: t('Người yêu cầu phải đủ {years} tuổi', 'The applicant must be at least {years}'),
    },
    {
      id: 'idMatches',
      kind: 'idNumberMatches',
      severity: 'warning',
      idNumber: '/applicant/idNumber',
      birthDate: '/applicant/dateOfBirth',
      sex: '/applicant/sex',
      message: t('Số định danh không khớp với năm sinh hoặc giới tính', 'The ID number does not match the birth year or sex'),
    },
    {
      id: 'contiguous',
      kind: 'noGaps',
      severity: 'error',
      array: '/history',
      from: 'from',
      to: 'to',
      message: t('Quá trình cư trú bị gián đoạn trước dòng {row}', 'There is a gap before row {row}'),
    },
    {
      id: 'order',
      kind: 'dateOrder',
      severity: 'error',
      earlier: '/history/-/from',
      later: '/history/-/to',
      allowEqual: true,
      message: t('"Đến tháng" phải sau "Từ tháng"', '"To" must not be before "From"'),
    },
  ],
};

export const validator = compileValidator();

/** A complete, valid dossier. */
export function validDossier(): Record<string, unknown> {
  return {
    applicant: { fullName: 'Nguyễn Thị Lan', idNumber: '001199000123', dateOfBirth: '1999-03-04', sex: 'female' },
    category: 'normal',
    copies: 1,
    history: [
      { from: '2010-01', to: '2015-06', address: 'Hà Nội' },
      { from: '2015-07', to: '2020-12', address: 'Hà Nam' },
    ],
  };
}
