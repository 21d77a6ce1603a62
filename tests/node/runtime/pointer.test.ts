import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  expandPointer,
  formatPointer,
  getAt,
  parsePointer,
  PointerError,
  removeAt,
  setAt,
  toTemplate,
} from '../../../src/runtime/pointer.js';

describe('pointer', () => {
  it('parses and formats RFC 6901 escapes', () => {
    assert.deepEqual(parsePointer('/a~1b/c~0d/0'), ['a/b', 'c~d', '0']);
    assert.equal(formatPointer(['a/b', 'c~d', 0]), '/a~1b/c~0d/0');
    assert.deepEqual(parsePointer(''), []);
    assert.throws(() => parsePointer('a/b'), PointerError);
    assert.throws(() => parsePointer('/a~2'), /invalid escape/);
  });
  it('gets values and undefined for missing paths', () => {
    const doc = { a: { b: [10, { c: 'x' }] } };
    assert.equal(getAt(doc, '/a/b/1/c'), 'x');
    assert.equal(getAt(doc, '/a/b/0'), 10);
    assert.equal(getAt(doc, '/a/x/y'), undefined);
    assert.equal(getAt(doc, '/a/b/-'), undefined);
    assert.equal(getAt(doc, ''), doc);
  });
  it('sets immutably with structural sharing and creates containers', () => {
    const doc = { a: { b: 1 }, keep: { z: 1 } };
    const next = setAt(doc, '/a/b', 2);
    assert.equal(doc.a.b, 1);
    assert.equal(next.a.b, 2);
    assert.equal(next.keep, doc.keep);
    const created = setAt({}, '/rows/0/name', 'n');
    assert.deepEqual(created, { rows: [{ name: 'n' }] });
    assert.deepEqual(setAt({ r: [1] }, '/r/-', 2), { r: [1, 2] });
    assert.throws(() => setAt({ r: [1] }, '/r/5', 2), /past the end/);
    assert.throws(() => setAt({ s: 'text' }, '/s/x', 1), /cannot set/);
  });
  it('removes immutably and splices arrays', () => {
    const doc = { a: { b: 1, c: 2 }, r: [1, 2, 3] };
    assert.deepEqual(removeAt(doc, '/a/b'), { a: { c: 2 }, r: [1, 2, 3] });
    assert.deepEqual(removeAt(doc, '/r/1'), { a: { b: 1, c: 2 }, r: [1, 3] });
    assert.equal(removeAt(doc, '/nope'), doc);
    assert.deepEqual(doc.r, [1, 2, 3]);
  });
  it('expands templates over rows and maps back to templates', () => {
    const doc = { h: [{ f: 1 }, { f: 2 }] };
    assert.deepEqual(expandPointer(doc, '/h/-/f'), ['/h/0/f', '/h/1/f']);
    assert.deepEqual(expandPointer({}, '/h/-/f'), []);
    assert.deepEqual(expandPointer(doc, '/x'), ['/x']);
    assert.equal(toTemplate('/h/1/f', new Set(['/h'])), '/h/-/f');
  });
});
