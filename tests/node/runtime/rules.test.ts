import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ageOn, checkRules, decodeIdNumber, parseDate, todayInVietnam } from '../../../src/runtime/rules.js';
import type { FormModel } from '../../../src/runtime/model.js';
import { model, validator, validDossier } from './fixture.js';

describe('checkRules', () => {
  it('decodes the 12-digit ID structure (DOMAIN.md example)', () => {
    assert.deepEqual(decodeIdNumber('035199000123'), { birthYear: 1999, sex: 'female', province: '035' });
    assert.deepEqual(decodeIdNumber('079205000001'), { birthYear: 2005, sex: 'male', province: '079' });
    assert.equal(decodeIdNumber('12345'), undefined);
  });
  it('computes ages by calendar and rejects impossible dates', () => {
    assert.equal(ageOn(parseDate('2000-02-29')!, parseDate('2018-02-28')!), 17);
    assert.equal(ageOn(parseDate('2000-02-29')!, parseDate('2018-03-01')!), 18);
    assert.equal(parseDate('2021-02-29'), undefined);
    assert.equal(todayInVietnam(new Date('2026-01-01T18:00:00Z')), '2026-01-02');
  });
  it('minAge flags the birth date of someone too young on the given day', () => {
    const d = { applicant: { dateOfBirth: '2008-01-16' } };
    assert.deepEqual(
      checkRules(model, validator, d, '2026-01-15').map((r) => r.ruleId),
      ['adult'],
    );
    assert.deepEqual(checkRules(model, validator, d, '2026-01-16'), []);
  });
  it('noGaps finds a gap between month ranges, in any row order', () => {
    const d = validDossier() as { history: Array<Record<string, string>> };
    assert.deepEqual(checkRules(model, validator, d, '2026-01-01'), []);
    d.history = [d.history[1]!, { from: '2010-01', to: '2015-04', address: 'X' }];
    const issues = checkRules(model, validator, d, '2026-01-01');
    assert.deepEqual(
      issues.map((r) => [r.ruleId, r.pointer]),
      [['contiguous', '/history/0/from']],
    );
    assert.equal(issues[0]!.message.vi, 'Quá trình cư trú bị gián đoạn trước dòng 1');
  });
  it('noGaps accepts contiguous day ranges', () => {
    const m: FormModel = {
      ...model,
      rules: [{ id: 'g', kind: 'noGaps', severity: 'error', array: '/h', from: '/a', to: '/b', message: { vi: 'gap' } }],
    };
    assert.deepEqual(
      checkRules(m, validator, {
        h: [
          { a: '2020-01-01', b: '2020-01-31' },
          { a: '2020-02-01', b: '2020-03-01' },
        ],
      }),
      [],
    );
    assert.equal(
      checkRules(m, validator, {
        h: [
          { a: '2020-01-01', b: '2020-01-30' },
          { a: '2020-02-01', b: '2020-03-01' },
        ],
      }).length,
      1,
    );
  });
  it('dateOrder pairs rows and respects allowEqual', () => {
    const d = {
      history: [
        { from: '2012-01', to: '2012-01', address: 'a' },
        { from: '2012-02', to: '2011-12', address: 'b' },
      ],
    };
    const issues = checkRules(model, validator, d, '2026-01-01').filter((r) => r.ruleId === 'order');
    assert.deepEqual(
      issues.map((r) => r.pointer),
      ['/history/1/to'],
    );
  });
  it('idNumberMatches compares century/sex digit and year digits', () => {
    const ok = { applicant: { idNumber: '001199000123', dateOfBirth: '1999-05-05', sex: 'female' } };
    assert.deepEqual(checkRules(model, validator, ok, '2026-01-01'), []);
    const wrongSex = { applicant: { ...ok.applicant, sex: 'male' } };
    assert.deepEqual(
      checkRules(model, validator, wrongSex, '2026-01-01').map((r) => r.ruleId),
      ['idMatches'],
    );
    const wrongYear = { applicant: { ...ok.applicant, dateOfBirth: '1998-05-05' } };
    assert.deepEqual(
      checkRules(model, validator, wrongYear, '2026-01-01').map((r) => r.pointer),
      ['/applicant/idNumber'],
    );
  });
  it('skips rules whose when does not hold and rejects a bad today', () => {
    const m: FormModel = { ...model, rules: [{ ...model.rules[0]!, when: 'fee.student' }] };
    const d = { applicant: { dateOfBirth: '2015-01-01' }, category: 'normal' };
    assert.deepEqual(checkRules(m, validator, d, '2026-01-01'), []);
    assert.equal(checkRules(m, validator, { ...d, category: 'student' }, '2026-01-01').length, 1);
    assert.throws(() => checkRules(model, validator, {}, '15/01/2026'), /today/);
  });
});
