import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  formatAmount,
  formatDate,
  formatMessage,
  getTranslation,
  interpolate,
  loadTranslation,
  localize,
  resolveMessageKey,
} from '../../../src/runtime/messages.js';
import vi from '../../../src/runtime/i18n/vi.js';
import en from '../../../src/runtime/i18n/en.js';

describe('messages', () => {
  it('looks up field-specific keys before generic ones', () => {
    assert.equal(resolveMessageKey('pattern', 'id-number'), 'specific.id-number.pattern');
    assert.equal(resolveMessageKey('format', 'text', 'date'), 'specific.format.date');
    assert.equal(resolveMessageKey('minLength', 'text'), 'validation.minLength');
    assert.equal(resolveMessageKey('weird', 'text'), 'validation.invalid');
  });
  it('interpolates {field} and {limit}', () => {
    assert.equal(formatMessage('validation.minLength', { field: 'Họ và tên', limit: 2 }), 'Họ và tên phải có ít nhất 2 ký tự');
    assert.equal(interpolate('{a} {b}', { a: 1 }), '1 {b}');
  });
  it('loads English lazily and falls back to Vietnamese texts', async () => {
    await loadTranslation('en');
    assert.equal(getTranslation('en').shell.continue, 'Continue');
    assert.equal(localize({ vi: 'Xin chào' }, 'en'), 'Xin chào');
    await assert.rejects(loadTranslation('fr' as 'en'), /Unknown locale/);
  });
  it('has the same keys in every locale', () => {
    const keys = (t: object): string[] =>
      Object.entries(t).flatMap(([k, v]) => (typeof v === 'object' ? keys(v).map((x) => `${k}.${x}`) : [k]));
    assert.deepEqual(keys(en).sort(), keys(vi).sort());
  });
  it('formats amounts and dates', () => {
    assert.equal(formatAmount(200000).replace(/\s/g, ' '), '200.000 ₫');
    assert.equal(formatDate('2024-09-05'), '05/09/2024');
  });
});
