/**
 * The server's drafts keep what the browser's draft store keeps: both strip `x-sensitive` values with
 * the runtime's `withoutSensitive` (src/runtime/sensitive.ts), held here to the cases of
 * tests/node/runtime/sensitive-cases.ts through `PUT /drafts/{slug}` and `GET /drafts/{slug}`.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadProcedures } from '../../../server/src/procedures.js';
import { SENSITIVE_CASES, sensitiveModel } from '../runtime/sensitive-cases.js';
import { writeTestProcedure } from './fixtures/procedure.js';
import { call, devToken, startServer, type TestServer } from './helpers.js';

describe("server drafts: x-sensitive values stripped by the runtime's rule", () => {
  let s: TestServer;
  let dir: string;
  let token: string;
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'dvc-sensitive-'));
    await writeTestProcedure(dir);
    const procedures = await loadProcedures(dir);
    const proc = procedures.get('test-permit')!;
    procedures.set('test-permit', { ...proc, model: sensitiveModel() });
    s = await startServer({}, {}, { procedures });
    token = await devToken(s.api);
  });
  after(async () => {
    await s.stop();
    await rm(dir, { recursive: true, force: true });
  });

  for (const c of SENSITIVE_CASES) {
    it(c.name, async () => {
      const headers = { authorization: `Bearer ${token}` };
      const put = await call(`${s.api}/drafts/test-permit`, { method: 'PUT', body: { version: '1.2.0', data: c.data }, headers });
      assert.equal(put.status, 200, JSON.stringify(put.body));
      const got = await call(`${s.api}/drafts/test-permit`, { headers });
      assert.deepEqual(got.body.data, c.kept);
    });
  }
});
