import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DraftStore, MemoryStorage } from '../../../src/runtime/draft-store.js';
import { withoutSensitive } from '../../../src/runtime/sensitive.js';
import { model } from './fixture.js';

describe('DraftStore', () => {
  it('saves without sensitive values and restores', async () => {
    const storage = new MemoryStorage();
    const store = new DraftStore({ model, storage });
    await store.save({ data: { copies: 2, secret: 'xyz' }, stepId: 'request', idempotencyKey: 'k1' });
    assert.deepEqual(storage.keys(), ['dvc-draft:test-permit@1.0.0']);
    const raw = JSON.stringify(await storage.get(store.key));
    assert.ok(!raw.includes('xyz'));
    const back = await new DraftStore({ model, storage }).load();
    assert.deepEqual(back?.data, { copies: 2 });
    assert.equal(back?.stepId, 'request');
    assert.equal(back?.idempotencyKey, 'k1');
  });
  it('expires after the TTL and deletes the record', async () => {
    const storage = new MemoryStorage();
    let now = 1_000_000;
    const store = new DraftStore({ model, storage, ttlDays: 2, now: () => now });
    await store.save({ data: { copies: 1 } });
    now += 86_400_000;
    assert.ok(await store.load());
    now += 86_400_000;
    assert.equal(await store.load(), null);
    assert.deepEqual(storage.keys(), []);
  });
  it('debounces writes and keeps the last content', async () => {
    const storage = new MemoryStorage();
    const store = new DraftStore({ model, storage, debounceMs: 20 });
    store.schedule({ data: { copies: 1 } });
    store.schedule({ data: { copies: 2 } });
    assert.deepEqual(storage.keys(), []);
    await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual((await store.load())?.data, { copies: 2 });
  });
  it('stores nothing when disabled', async () => {
    const storage = new MemoryStorage();
    const store = new DraftStore({ model, storage, enabled: false });
    await store.save({ data: { copies: 1 } });
    store.schedule({ data: { copies: 2 } });
    await store.flush();
    assert.deepEqual(storage.keys(), []);
    assert.equal(await store.load(), null);
  });
  it('rejects a non-positive TTL and strips sensitive values in rows', () => {
    assert.throws(() => new DraftStore({ model, storage: new MemoryStorage(), ttlDays: 0 }), /TTL/);
    const m = structuredClone(model);
    const item = (m.root.children.find((c) => c.key === 'history') as { item: { children: Array<{ key: string; sensitive?: boolean }> } })
      .item;
    item.children.find((c) => c.key === 'address')!.sensitive = true;
    assert.deepEqual(withoutSensitive(m, { history: [{ from: 'a', address: 'x' }, { address: 'y' }] }), { history: [{ from: 'a' }, {}] });
  });
});
