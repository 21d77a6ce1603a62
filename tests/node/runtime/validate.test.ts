import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { hasErrors, pruneHidden, validateDossier } from '../../../src/runtime/validate.js';
import { loadTranslation } from '../../../src/runtime/messages.js';
import { model, validator, validDossier } from './fixture.js';

const today = '2026-01-15';

describe('validateDossier', () => {
  it('accepts a complete dossier', () => {
    assert.deepEqual(validateDossier(model, validator, validDossier(), { today }), []);
  });
  it('drops the unconditional required error of a hidden x-visible-when field, requires it while visible', () => {
    const d = validDossier();
    assert.equal(validateDossier(model, validator, d, { today }).length, 0);
    const issues = validateDossier(model, validator, { ...d, category: 'student' }, { today });
    assert.deepEqual(
      issues.map((i) => [i.pointer, i.keyword]),
      [['/studentCard', 'required']],
    );
    assert.equal(issues[0]!.message.vi, 'Nhập Số thẻ sinh viên');
  });
  it('maps ajv errors to concrete pointers with field-specific messages', async () => {
    await loadTranslation('en');
    const d = validDossier() as { applicant: Record<string, unknown> };
    d.applicant.idNumber = '12345';
    d.applicant.dateOfBirth = '1999-02-30';
    d.applicant.fullName = '';
    const issues = validateDossier(model, validator, d, { today });
    const byPtr = Object.fromEntries(issues.map((i) => [i.pointer, i]));
    assert.equal(byPtr['/applicant/fullName']!.keyword, 'required');
    assert.equal(byPtr['/applicant/idNumber']!.messageKey, 'specific.id-number.pattern');
    assert.match(byPtr['/applicant/idNumber']!.message.vi, /12 chữ số/);
    assert.equal(byPtr['/applicant/dateOfBirth']!.messageKey, 'specific.format.date');
    assert.equal(byPtr['/applicant/dateOfBirth']!.message.vi, 'Nhập Ngày sinh theo dạng ngày/tháng/năm, ví dụ 05/09/2024');
    assert.equal(byPtr['/applicant/dateOfBirth']!.message.en, 'Enter Date of birth as day/month/year, for example 05/09/2024');
    assert.deepEqual(
      issues.map((i) => i.pointer),
      ['/applicant/fullName', '/applicant/idNumber', '/applicant/dateOfBirth'],
      'model order',
    );
  });
  it('fills {limit} from the validator params', () => {
    const issues = validateDossier(model, validator, { ...validDossier(), copies: 11 }, { today });
    assert.equal(issues[0]!.pointer, '/copies');
    assert.equal(issues[0]!.params.limit, 10);
    assert.equal(issues[0]!.message.vi, 'Số bản phải nhỏ hơn hoặc bằng 10');
  });
  it('requires a branch field while the branch applies (if/then)', () => {
    const issues = validateDossier(model, validator, { ...validDossier(), hasSpouse: true }, { today });
    assert.deepEqual(
      issues.map((i) => i.pointer),
      ['/spouseName'],
    );
  });
  it('filters to the pointers of one step', () => {
    const issues = validateDossier(model, validator, {}, { today, pointers: ['/applicant'] });
    assert.deepEqual(issues.map((i) => i.pointer).sort(), [
      '/applicant/dateOfBirth',
      '/applicant/fullName',
      '/applicant/idNumber',
      '/applicant/sex',
    ]);
  });
  it('reports required fields of array rows', () => {
    const issues = validateDossier(model, validator, { ...validDossier(), history: [{ from: '2010-01', to: '2012-01' }] }, { today });
    assert.deepEqual(
      issues.map((i) => i.pointer),
      ['/history/0/address'],
    );
  });
  it('includes rule issues; warnings do not block', () => {
    const d = validDossier() as { applicant: Record<string, unknown> };
    d.applicant.idNumber = '001299000123';
    const issues = validateDossier(model, validator, d, { today });
    assert.equal(issues.length, 1);
    assert.equal(issues[0]!.keyword, 'rule:idMatches');
    assert.equal(issues[0]!.severity, 'warning');
    assert.equal(hasErrors(issues), false);
    d.applicant.dateOfBirth = '2015-01-01';
    d.applicant.idNumber = '001315000123';
    const minor = validateDossier(model, validator, d, { today });
    assert.deepEqual(
      minor.map((i) => i.keyword),
      ['rule:adult'],
    );
    assert.equal(minor[0]!.message.vi, 'Người yêu cầu phải đủ 18 tuổi');
    assert.equal(hasErrors(minor), true);
  });
  it('pruneHidden removes hidden values and empty strings without touching the input', () => {
    const input = { category: 'normal', studentCard: 'SV', spouseName: 'A B', applicant: { fullName: '' } };
    assert.deepEqual(pruneHidden(model, validator, input), { category: 'normal', applicant: {} });
    assert.equal(input.studentCard, 'SV');
  });
});
