/**
 * What is left of a dossier without its `x-sensitive` values: cases shared by the runtime's test
 * (tests/node/runtime/sensitive.test.ts: `withoutSensitive`, the draft store) and the server's
 * (tests/node/server/sensitive.test.ts: the drafts route), so all of them are held to one answer.
 *
 * The model is the server tests' procedure (`applicant.idNumber` sensitive) with two arrays added:
 * `history` (rows of `{ from, address }`, `address` sensitive) and `codes` (rows that are sensitive
 * themselves). Before one function did it, the server answered `codes` with a row of `null` per row and
 * the browser with no row.
 */
import type { FormModel, ModelNode } from '../../../src/runtime/model.js';
import { MODEL } from '../server/fixtures/procedure.js';

const t = (vi: string) => ({ vi });

const history: ModelNode = {
  kind: 'array',
  key: 'history',
  path: '/history',
  label: t('Nơi cư trú'),
  required: false,
  tag: 'dvc-array',
  minItems: 0,
  item: {
    kind: 'group',
    key: '',
    path: '/history/-',
    label: t('Nơi'),
    required: false,
    tag: 'dvc-fieldset',
    conditionals: [],
    children: [
      {
        kind: 'field',
        key: 'from',
        path: '/history/-/from',
        label: t('Từ'),
        required: false,
        valueType: 'string',
        widget: 'text',
        tag: 'dvc-text-field',
        constraints: {},
      },
      {
        kind: 'field',
        key: 'address',
        path: '/history/-/address',
        label: t('Địa chỉ'),
        required: false,
        sensitive: true,
        valueType: 'string',
        widget: 'text',
        tag: 'dvc-text-field',
        constraints: {},
      },
    ],
  },
};

const codes: ModelNode = {
  kind: 'array',
  key: 'codes',
  path: '/codes',
  label: t('Mã'),
  required: false,
  tag: 'dvc-array',
  minItems: 0,
  item: {
    kind: 'field',
    key: '',
    path: '/codes/-',
    label: t('Mã'),
    required: false,
    sensitive: true,
    valueType: 'string',
    widget: 'text',
    tag: 'dvc-text-field',
    constraints: {},
  },
};

/** The server tests' procedure with the two arrays. */
export function sensitiveModel(): FormModel {
  const model = structuredClone(MODEL);
  if (model.root.kind !== 'group') throw new Error('the test model root is a group');
  model.root.children.push(history, codes);
  return model;
}

/** One case: the data given, and what must be left of it. */
export interface SensitiveCase {
  name: string;
  data: Record<string, unknown>;
  kept: Record<string, unknown>;
}

export const SENSITIVE_CASES: SensitiveCase[] = [
  {
    name: 'a sensitive member of a group is removed; its siblings stay',
    data: { copies: 3, applicant: { fullName: 'A B', idNumber: '001090012345' } },
    kept: { copies: 3, applicant: { fullName: 'A B' } },
  },
  {
    name: 'a sensitive member of each row is removed; the rows stay',
    data: { history: [{ from: '2020-01-01', address: 'Số 1' }, { address: 'Số 2' }] },
    kept: { history: [{ from: '2020-01-01' }, {}] },
  },
  {
    name: 'an array of sensitive rows keeps no row',
    data: { copies: 1, codes: ['a', 'b'] },
    kept: { copies: 1, codes: [] },
  },
  {
    name: "members the model does not know and values not of the node's shape are left alone",
    data: { extra: { idNumber: 'x' }, applicant: 'not a group', history: 'not an array' },
    kept: { extra: { idNumber: 'x' }, applicant: 'not a group', history: 'not an array' },
  },
  {
    name: 'nothing sensitive given: everything stays',
    data: { copies: 2, student: true, applicant: { fullName: 'C D' } },
    kept: { copies: 2, student: true, applicant: { fullName: 'C D' } },
  },
];
