/**
 * Prefill against schema defaults: a value from the population database wins over a schema `default`
 * (the form starts with the default filled in), but never over what the citizen entered.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyPrefill } from '../../../src/runtime/prefill.js';
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
    slug: 'prefill-defaults',
    version: '1.0.0',
    title: { vi: 'Thử' },
    agencyLevel: 'commune',
    fullyOnline: true,
    legalBasis: [],
    processingTime: { workingDays: 1 },
    resultDelivery: ['online'],
    requirements: [],
  },
  tag: 'dvc-prefill-defaults',
  root: group('', '', [
    group('applicant', '/applicant', [
      field('fullName', '/applicant/fullName', { prefill: 'citizen.fullName' }),
      field('nationality', '/applicant/nationality', {
        prefill: 'citizen.nationality',
        default: 'VN',
        widget: 'select',
        tag: 'dvc-choice-field',
        options: [
          { value: 'VN', label: { vi: 'Việt Nam' } },
          { value: 'LA', label: { vi: 'Lào' } },
        ],
      }),
      field('married', '/applicant/married', {
        prefill: 'citizen.maritalStatus',
        valueType: 'boolean',
        widget: 'checkbox',
        tag: 'dvc-checkbox',
      }),
      field('copies', '/applicant/copies', { prefill: 'citizen.copies', valueType: 'integer', widget: 'number', default: 1 }),
    ]),
  ]),
  steps: [{ id: 'main', title: { vi: 'Chính' }, fields: ['/applicant'] }],
  attachments: [],
  rules: [],
};
const record = { 'citizen.fullName': 'SOMSAK', 'citizen.nationality': 'LA', 'citizen.maritalStatus': true, 'citizen.copies': 2 };

describe('applyPrefill and schema defaults', () => {
  it('a prefilled value wins over a schema default (and over a plain checkbox left unticked)', () => {
    const state = new FormState(model, validator);
    assert.deepEqual(state.data, { applicant: { nationality: 'VN', married: false, copies: 1 } }, 'the form starts with the defaults');
    const r = applyPrefill(model, state.data, record);
    assert.deepEqual(r.data, { applicant: { fullName: 'SOMSAK', nationality: 'LA', married: true, copies: 2 } });
    assert.deepEqual(r.prefilled, ['/applicant/fullName', '/applicant/nationality', '/applicant/married', '/applicant/copies']);
  });
  it('never overrides what the citizen entered, even a value equal to the default', () => {
    const state = new FormState(model, validator);
    state.set('/applicant/nationality', 'LA');
    state.set('/applicant/nationality', 'VN'); // changed back: the citizen's own choice now
    state.set('/applicant/copies', 3);
    const r = applyPrefill(model, state.data, record, { touched: state.touched });
    assert.deepEqual(r.data, { applicant: { fullName: 'SOMSAK', nationality: 'VN', married: true, copies: 3 } });
    assert.deepEqual(r.prefilled, ['/applicant/fullName', '/applicant/married']);
  });
  it('a value other than the default is the citizen\u2019s (from a draft) and stays', () => {
    const r = applyPrefill(
      model,
      { applicant: { nationality: 'VN', married: false, copies: 4, fullName: 'TỰ NHẬP' } },
      { ...record, 'citizen.copies': 2 },
    );
    assert.deepEqual(r.data, { applicant: { fullName: 'TỰ NHẬP', nationality: 'LA', married: true, copies: 4 } });
  });
});
