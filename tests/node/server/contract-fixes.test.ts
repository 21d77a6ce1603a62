/**
 * Regression tests of three contract bugs: idempotency keys were global (another citizen reusing a key got
 * the first citizen's receipt), a `text/plain` submission answered 422 instead of 415, and a tus request
 * with an unsupported `Tus-Resumable` answered 400 instead of 412.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { validData } from './fixtures/procedure.js';
import { call, devToken, startServer, submit, type TestServer } from './helpers.js';

describe('server: contract fixes', () => {
  let s: TestServer;
  let lan: string;
  let binh: string;
  before(async () => {
    s = await startServer();
    lan = await devToken(s.api, 'dev-citizen-001');
    binh = await devToken(s.api, 'dev-citizen-002');
  });
  after(async () => s.stop());

  it('an Idempotency-Key is scoped to the citizen: another citizen reusing it never gets the first receipt', async () => {
    const key = randomUUID();
    const first = await submit(s.api, validData(2), { key, token: lan });
    assert.equal(first.status, 201, JSON.stringify(first.body));
    // The very same request by another citizen (or anonymously) is judged as a new submission: the
    // document doc-001-cccd is not theirs, so it is refused, and the first receipt is never shown.
    for (const token of [binh, undefined]) {
      const other = await submit(s.api, validData(2), { key, token });
      assert.equal(other.status, 422, JSON.stringify(other.body));
      assert.equal(other.body.code, undefined);
      assert.ok(!JSON.stringify(other.body).includes(first.body.code), 'the answer leaks the first dossier code');
    }
    // The first citizen's retry (even with a fresh token) is still a replay.
    const again = await submit(s.api, validData(2), { key, token: await devToken(s.api, 'dev-citizen-001') });
    assert.equal(again.status, 200);
    assert.deepEqual(again.body, first.body);
  });

  it('another citizen can use the same key for their own dossier and gets their own code', async () => {
    const key = randomUUID();
    const a = await submit(s.api, validData(1), { key, token: lan });
    assert.equal(a.status, 201, JSON.stringify(a.body));
    const b = await submit(s.api, validData(1), {
      key,
      token: binh,
      attachments: [{ attachmentId: 'id-card', documentId: 'doc-002-cccd' }],
    });
    assert.equal(b.status, 201, JSON.stringify(b.body));
    assert.notEqual(b.body.code, a.body.code);
    // Each citizen's replay answers their own receipt.
    const a2 = await submit(s.api, validData(1), { key, token: lan });
    assert.equal(a2.body.code, a.body.code);
  });

  it('POST /dossiers with Content-Type text/plain answers 415 problem details', async () => {
    const r = await call(`${s.api}/dossiers`, {
      method: 'POST',
      raw: JSON.stringify({ procedure: 'test-permit', version: '1.2.0', data: validData(1), attachments: [] }),
      headers: { 'content-type': 'text/plain', 'idempotency-key': randomUUID() },
    });
    assert.equal(r.status, 415, JSON.stringify(r.body));
    assert.match(r.headers.get('content-type') ?? '', /^application\/problem\+json/);
    assert.equal(r.body.status, 415);
    assert.match(r.body.detail, /application\/json/);
  });

  it('other JSON routes also refuse text/plain with 415', async () => {
    const r = await call(`${s.api}/procedures/test-permit/fee-quote`, {
      method: 'POST',
      raw: JSON.stringify({ data: {} }),
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
    assert.equal(r.status, 415, JSON.stringify(r.body));
  });

  it('a tus request with an unsupported Tus-Resumable answers 412 with Tus-Version', async () => {
    for (const version of ['0.2.2', 'banana']) {
      const r = await fetch(`${s.url}/api/v1/uploads`, {
        method: 'POST',
        headers: { 'tus-resumable': version, 'upload-length': '10' },
      });
      await r.arrayBuffer();
      assert.equal(r.status, 412, `Tus-Resumable: ${version}`);
      assert.match(r.headers.get('tus-version') ?? '', /1\.0\.0/);
    }
    const head = await fetch(`${s.url}/api/v1/uploads/nonexistent-id`, { method: 'HEAD', headers: { 'tus-resumable': '2.0.0' } });
    assert.equal(head.status, 412);
  });
});
