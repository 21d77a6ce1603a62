/**
 * `withoutSensitive` (src/runtime/sensitive.ts), the one rule of what is left without `x-sensitive`
 * values, and the browser's draft store writing exactly that. The server's drafts route is held to the
 * same cases in tests/node/server/sensitive.test.ts.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DraftStore, MemoryStorage } from '../../../src/runtime/draft-store.js';
import { withoutSensitive } from '../../../src/runtime/sensitive.js';
import { SENSITIVE_CASES, sensitiveModel } from './sensitive-cases.js';

describe('withoutSensitive: one rule', () => {
  const model = sensitiveModel();
  for (const c of SENSITIVE_CASES) {
    it(c.name, async () => {
      const given = structuredClone(c.data);
      assert.deepEqual(withoutSensitive(model, given), c.kept);
      assert.deepEqual(given, c.data, 'the data given is not changed');
      const storage = new MemoryStorage();
      await new DraftStore({ model, storage }).save({ data: c.data });
      assert.deepEqual((await new DraftStore({ model, storage }).load())?.data, c.kept, 'the draft store keeps the same');
    });
  }

  it('a sensitive root leaves an empty dossier', () => {
    const model = sensitiveModel();
    model.root.sensitive = true;
    assert.deepEqual(withoutSensitive(model, { copies: 1 }), {});
  });
});
