import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyDefaults } from '../../../src/runtime/defaults.js';
import { FormState } from '../../../src/runtime/form-state.js';
import type { FieldNode, FormModel, GroupNode, ModelNode } from '../../../src/runtime/model.js';
import { validator } from './fixture.js';

const field = (key: string, path: string, extra: Partial<FieldNode>): FieldNode => ({
  kind: 'field',
  key,
  path,
  label: { vi: key },
  required: false,
  valueType: 'string',
  widget: 'text',
  tag: 'dvc-text-field',
  constraints: {},
  ...extra,
});
const group = (key: string, path: string, children: ModelNode[]): GroupNode => ({
  kind: 'group',
  key,
  path,
  label: { vi: key },
  required: false,
  tag: 'dvc-fieldset',
  children,
  conditionals: [],
});
const model: FormModel = {
  modelVersion: 1,
  procedure: {
    code: '0.000000',
    slug: 'defaults-test',
    version: '1.0.0',
    title: { vi: 'Thử' },
    agencyLevel: 'commune',
    fullyOnline: true,
    legalBasis: [],
    processingTime: { workingDays: 1 },
    resultDelivery: ['online'],
    requirements: [],
  },
  tag: 'dvc-defaults-test',
  root: group('', '', [
    field('fatherDetermined', '/fatherDetermined', { valueType: 'boolean', widget: 'checkbox', default: true }),
    field('hasSpouse', '/hasSpouse', { valueType: 'boolean', widget: 'checkbox' }),
    field('declaration', '/declaration', { valueType: 'boolean', widget: 'consent' }),
    field('name', '/name', {}),
    {
      kind: 'array',
      key: 'rows',
      path: '/rows',
      label: { vi: 'rows' },
      required: false,
      tag: 'dvc-repeating-group',
      minItems: 0,
      item: group('', '/rows/-', [field('count', '/rows/-/count', { valueType: 'integer', widget: 'number', default: 1 })]),
    },
  ]),
  steps: [{ id: 'main', title: { vi: 'Chính' }, fields: ['/fatherDetermined', '/hasSpouse', '/declaration', '/name', '/rows'] }],
  attachments: [],
  rules: [],
};

describe('applyDefaults', () => {
  it('fills schema defaults, false for a plain checkbox, and leaves consent and text unset', () => {
    assert.deepEqual(applyDefaults(model, {}), { fatherDetermined: true, hasSpouse: false });
  });
  it('never overrides a value from the citizen, a draft or prefill', () => {
    assert.deepEqual(applyDefaults(model, { fatherDetermined: false, name: 'An' }), {
      fatherDetermined: false,
      hasSpouse: false,
      name: 'An',
    });
  });
  it('fills the defaults of every existing array row', () => {
    assert.deepEqual(applyDefaults(model, { rows: [{}, { count: 3 }] }).rows, [{ count: 1 }, { count: 3 }]);
  });
  it('is applied by FormState at start, on setData and when a row is added', () => {
    const state = new FormState(model, validator);
    assert.equal(state.get('/fatherDetermined'), true);
    state.setData({});
    assert.equal(state.get('/hasSpouse'), false);
    state.set('/rows', [{}]);
    assert.equal(state.get('/rows/0/count'), 1);
  });
});
