import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { call, devToken, startServer, submit, type TestServer } from './helpers.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const GENERATED = path.join(ROOT, 'generated/procedures');

/**
 * The procedures of schemas/procedures, written out rather than read from the directory under test: a
 * definition that stops compiling, or a build that drops one, must fail here, not shrink the list.
 */
const EXPECTED_SLUGS = [
  'birth-registration',
  'birth-residence-health-insurance',
  'criminal-record-certificate',
  'marriage-registration',
  'permanent-residence-registration',
];

/** The real compiled procedures: `generated/procedures` when built, else compiled now into a temp dir. */
async function realProcedures(): Promise<{ dir: string; slugs: string[]; cleanup(): Promise<void> }> {
  if (existsSync(GENERATED)) {
    const slugs = (await readdir(GENERATED)).filter((n) => existsSync(path.join(GENERATED, n, 'model.js')));
    if (slugs.length > 0) return { dir: GENERATED, slugs, cleanup: async () => {} };
  }
  const { compileDirectory } = await import('../../../compiler/src/index.js');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'dvc-real-procs-'));
  const r = await compileDirectory(path.join(ROOT, 'schemas/procedures'), dir, {
    runtimeImport: path.join(ROOT, 'src/index.js'),
  });
  // Definitions with problems are the compiler's tests' business; serve the ones that compile.
  return { dir, slugs: r.compiled.map((c) => c.slug), cleanup: () => rm(dir, { recursive: true, force: true }) };
}

describe('server: the real compiled procedures', () => {
  let s: TestServer;
  let procs: { dir: string; slugs: string[]; cleanup(): Promise<void> };
  let token: string;
  before(async () => {
    procs = await realProcedures();
    s = await startServer({ proceduresDir: procs.dir });
    token = await devToken(s.api);
  });
  after(async () => {
    await s.stop();
    await procs.cleanup();
  });

  it('every procedure of schemas/procedures is compiled', () => {
    assert.deepEqual([...procs.slugs].sort(), EXPECTED_SLUGS);
  });

  it('loads every compiled procedure', async () => {
    const r = await call(`${s.api}/procedures`);
    const slugs = r.body.map((p: { slug: string }) => p.slug).sort();
    assert.deepEqual(slugs, EXPECTED_SLUGS);
    for (const p of r.body) {
      assert.match(p.version, /^\d+\.\d+\.\d+/);
      assert.ok(p.title.vi);
    }
  });

  it('an empty dossier of each is a 422 whose pointers all point into the body', async () => {
    const list = (await call(`${s.api}/procedures`)).body as Array<{ slug: string; version: string }>;
    assert.deepEqual(list.map((p) => p.slug).sort(), EXPECTED_SLUGS);
    for (const p of list) {
      const r = await submit(s.api, {}, { token, procedure: p.slug, version: p.version, attachments: [] });
      assert.equal(r.status, 422, p.slug);
      assert.ok(r.body.errors.length > 0);
      for (const e of r.body.errors) {
        assert.match(e.pointer, /^\/(data|attachments)(\/|$)/, `${p.slug}: ${e.pointer}`);
        assert.ok(e.message.length > 0);
      }
    }
  });

  it('fee quotes come from the definitions (criminal record certificate: 200,000 VND by default)', async () => {
    const r = await call(`${s.api}/procedures/criminal-record-certificate/fee-quote`, { body: { data: {} } });
    assert.equal(r.status, 200);
    assert.equal(r.body.currency, 'VND');
    assert.equal(r.body.total, 200000);
  });
});
