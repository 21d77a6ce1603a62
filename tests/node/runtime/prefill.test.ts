import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyPrefill } from '../../../src/runtime/prefill.js';
import { model } from './fixture.js';

describe('applyPrefill', () => {
  it('fills empty x-prefill fields and remembers which', () => {
    const r = applyPrefill(
      model,
      { applicant: { fullName: 'Tên tự nhập' } },
      {
        'citizen.fullName': 'Nguyễn Văn A',
        'citizen.idNumber': '001099000123',
        'citizen.dateOfBirth': '1999-01-01',
        'citizen.sex': 'Nam',
        'citizen.phone': '0912345678',
      },
    );
    assert.deepEqual(r.data, { applicant: { fullName: 'Tên tự nhập', idNumber: '001099000123', dateOfBirth: '1999-01-01', sex: 'male' } });
    assert.deepEqual(r.prefilled, ['/applicant/idNumber', '/applicant/dateOfBirth', '/applicant/sex']);
  });
  it('skips values that do not fit the field', () => {
    const r = applyPrefill(model, {}, { 'citizen.sex': 'other', 'citizen.idNumber': { x: 1 } });
    assert.deepEqual(r.data, {});
    assert.deepEqual(
      r.skipped.map((s) => s.pointer),
      ['/applicant/idNumber', '/applicant/sex'],
    );
  });
});
