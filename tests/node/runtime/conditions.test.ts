import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConditionError, evaluateConditions, findNode, owningPointer } from '../../../src/runtime/conditions.js';
import { model, validator, validDossier } from './fixture.js';

describe('conditions', () => {
  it('shows a branch-only field only while its if holds, and requires it then', () => {
    let ev = evaluateConditions(model, validator, { hasSpouse: false });
    assert.equal(ev.nodes.get('/spouseName')!.visible, false);
    ev = evaluateConditions(model, validator, { hasSpouse: true });
    assert.equal(ev.nodes.get('/spouseName')!.visible, true);
    assert.equal(ev.nodes.get('/spouseName')!.required, true);
  });
  it('evaluates x-visible-when on the whole dossier', () => {
    assert.equal(evaluateConditions(model, validator, { category: 'normal' }).nodes.get('/studentCard')!.visible, false);
    assert.equal(evaluateConditions(model, validator, { category: 'student' }).nodes.get('/studentCard')!.visible, true);
  });
  it('hides steps whose visibleWhen fails and prunes hidden values', () => {
    const ev = evaluateConditions(model, validator, { category: 'student', hasSpouse: false, spouseName: 'X Y', studentCard: 'SV1' });
    assert.deepEqual(
      ev.visibleSteps.map((s) => s.id),
      ['applicant', 'request'],
    );
    assert.deepEqual(ev.data, { category: 'student', hasSpouse: false, studentCard: 'SV1' });
    const ev2 = evaluateConditions(model, validator, { ...validDossier() });
    assert.deepEqual(
      ev2.visibleSteps.map((s) => s.id),
      ['applicant', 'request', 'history'],
    );
  });
  it('expands array rows into concrete nodes', () => {
    const ev = evaluateConditions(model, validator, validDossier());
    assert.ok(ev.nodes.has('/history/1/address'));
    assert.equal(ev.nodes.get('/history/1/address')!.node.path, '/history/-/address');
  });
  it('names a condition missing from the validator', () => {
    const broken = { ...validator, conditions: {} };
    assert.throws(
      () => evaluateConditions(model, broken, {}),
      (e: unknown) => e instanceof ConditionError && /root\.if0/.test(e.message),
    );
  });
  it('finds nodes and owning pointers', () => {
    assert.equal(findNode(model, '/history/3/from')?.path, '/history/-/from');
    assert.equal(findNode(model, '/nope'), undefined);
    assert.equal(owningPointer(model, '/applicant/fullName'), '/applicant/fullName');
    assert.equal(owningPointer(model, '/history/0/from'), '/history/0/from');
  });
});
