import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FormState, type StateChange } from '../../../src/runtime/form-state.js';
import { model, validator, validDossier } from './fixture.js';

describe('FormState', () => {
  it('blocks next on step errors and advances when fixed', () => {
    const s = new FormState(model, validator);
    s.today = '2026-01-15';
    const r = s.next();
    assert.equal(r.ok, false);
    assert.equal(s.step?.id, 'applicant');
    assert.ok(s.issues.has('/applicant/fullName'));
    const d = validDossier();
    s.set('/applicant', d.applicant);
    s.validate();
    assert.equal(s.next().ok, true);
    assert.equal(s.step?.id, 'request');
  });
  it('clears a field error as soon as the value is fixed', () => {
    const s = new FormState(model, validator);
    s.validate(['/copies']);
    assert.ok(s.issues.has('/copies'));
    const change = s.set('/copies', 3);
    assert.deepEqual(change.errors, ['/copies']);
    assert.equal(s.issues.has('/copies'), false);
  });
  it('reports structure changes only when visibility changes', () => {
    const s = new FormState(model, validator, { category: 'normal' });
    const changes: StateChange[] = [];
    s.subscribe((c) => changes.push(c));
    assert.equal(s.set('/copies', 2).structure, false);
    assert.equal(s.set('/category', 'student').structure, true);
    assert.equal(s.isVisible('/studentCard'), true);
    assert.deepEqual(
      s.visibleSteps.map((x) => x.id),
      ['applicant', 'request'],
    );
    assert.equal(changes.length, 2);
    assert.ok(s.touched.has('/category'));
  });
  it('goes to the step showing a pointer', () => {
    const s = new FormState(model, validator, validDossier());
    assert.equal(s.goTo({ pointer: '/history/1/from' }), true);
    assert.equal(s.step?.id, 'history');
    assert.equal(s.goTo({ stepId: 'nope' }), false);
    s.back();
    assert.equal(s.step?.id, 'request');
  });
});
