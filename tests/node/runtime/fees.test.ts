import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { computeFee } from '../../../src/runtime/fees.js';
import { model, validator } from './fixture.js';

describe('computeFee', () => {
  it('uses the first matching case and multiplies by the clamped quantity', () => {
    const q = computeFee(model, validator, { category: 'normal', copies: 1 });
    assert.equal(q.total, 200000);
    assert.deepEqual(
      q.lines.map((l) => [l.id, l.unitAmount, l.quantity, l.amount]),
      [
        ['base', 200000, 1, 200000],
        ['extra', 5000, 0, 0],
      ],
    );
    const s = computeFee(model, validator, { category: 'student', copies: 4 });
    assert.equal(s.total, 100000 + 2 * 5000);
    assert.equal(s.lines[0]!.note?.vi, 'Giảm cho học sinh, sinh viên');
    assert.equal(s.lines[0]!.counterAmount, 200000);
  });
  it('treats a missing quantity as 0 and returns an empty quote without x-fees', () => {
    assert.equal(computeFee(model, validator, {}).lines[1]!.quantity, 0);
    assert.deepEqual(computeFee({ ...model, fees: undefined }, validator, {}), { currency: 'VND', total: 0, lines: [] });
  });
});
