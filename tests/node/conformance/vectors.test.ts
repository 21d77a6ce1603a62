/**
 * The test vectors (compiler/src/vectors.ts, docs/semantics.md "Test vectors") hold against the reference
 * server over HTTP: for every case of every example procedure, POST /dossiers answers 422 with exactly the
 * case's errors (under /data; the attachments, which vectors do not cover, aside) or accepts it, and
 * POST /procedures/{slug}/fee-quote answers the case's fee. The server judges with the same runtime the
 * vectors come from, but through its own body parsing, pointer mapping and attachment rule: these are the
 * answers a back end in another language is held to.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createServer, type DvcServer } from '../../../server/src/app.js';
import { loadConfig } from '../../../server/src/config.js';
import { compileDirectory } from '../../../compiler/src/index.js';
import { caseData, VECTORS_FORMAT, writeVectors, type VectorFile } from '../../../compiler/src/vectors.js';
import { FIXTURES_DIR } from '../../../conformance/src/kit.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
let tmp: string;
let app: DvcServer;
let api: string;
const vectors: VectorFile[] = [];

before(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'dvc-vectors-'));
  const proceduresDir = path.join(tmp, 'procedures');
  const compiled = await compileDirectory(path.join(root, 'schemas/procedures'), proceduresDir, { runtimeImport: path.join(root, 'src') });
  assert.deepEqual(compiled.problems, []);
  const files = await writeVectors(compiled.compiled, FIXTURES_DIR);
  assert.equal(files.length, compiled.compiled.length, 'every example procedure has vectors (each has a fixture)');
  for (const f of files) vectors.push(JSON.parse(await readFile(f, 'utf8')) as VectorFile);
  app = await createServer({
    ...loadConfig({ LOG_LEVEL: 'warn' }, tmp),
    port: 0,
    dataDir: path.join(tmp, 'data'),
    uploadsDir: path.join(tmp, 'data/uploads'),
    proceduresDir,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  api = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/api/v1`;
});

after(async () => {
  await app?.close();
  await rm(tmp, { recursive: true, force: true });
});

const post = async (
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown> }> => {
  const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: r.status, body: (await r.json()) as Record<string, unknown> };
};

/** Runs `fn` over `items`, `n` at a time. */
async function pool<T>(items: T[], n: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

describe('test vectors', () => {
  it('are many, varied and well formed', () => {
    assert.equal(vectors.length, 5);
    for (const v of vectors) {
      assert.equal(v.format, VECTORS_FORMAT);
      assert.match(v.today, /^\d{4}-\d{2}-\d{2}$/);
      assert.deepEqual(v.cases[0]!.expect.errors, [], `${v.procedure}: the first case is the valid dossier`);
      const failing = v.cases.filter((c) => c.expect.errors.length > 0).length;
      assert.ok(
        failing >= 50 && v.cases.length - failing >= 20,
        `${v.procedure}: ${failing} failing and ${v.cases.length - failing} passing cases`,
      );
      assert.ok(
        v.cases.some((c) => c.expect.pruned.length > 0),
        `${v.procedure}: some case prunes a value`,
      );
    }
    const totals = new Set(vectors.flatMap((v) => v.cases.map((c) => c.expect.fee.total)));
    assert.ok(totals.size >= 3, `the fees vary from case to case (${[...totals].join(', ')})`);
  });

  it('the reference server answers every case as the vectors say (422 errors and fee quotes)', async () => {
    const procedures = (await (await fetch(`${api}/procedures`)).json()) as Array<{ slug: string; version: string }>;
    const mismatches: string[] = [];
    let checked = 0;
    for (const v of vectors) {
      const version = procedures.find((p) => p.slug === v.procedure)?.version;
      assert.equal(version, v.version, `${v.procedure}: the server serves the version the vectors are for`);
      await pool(v.cases, 8, async (c) => {
        const data = caseData(v.base, c);
        const quote = await post(`${api}/procedures/${v.procedure}/fee-quote`, { data });
        const fee = {
          total: quote.body.total,
          lines: (quote.body.lines as Array<{ id: string; amount: number }>).map((l) => ({ id: l.id, amount: l.amount })),
        };
        if (JSON.stringify(fee) !== JSON.stringify(c.expect.fee))
          mismatches.push(`${v.procedure} "${c.name}": fee ${JSON.stringify(fee)}, vectors ${JSON.stringify(c.expect.fee)}`);
        const key = `vectors-${v.procedure}-${checked++}-${Math.random().toString(36).slice(2)}`;
        const r = await post(
          `${api}/dossiers`,
          { procedure: v.procedure, version: v.version, data, attachments: [], locale: 'vi' },
          { 'Idempotency-Key': key },
        );
        const errors =
          r.status === 422
            ? ((r.body.errors ?? []) as Array<{ pointer: string; keyword: string }>)
                .filter((e) => e.pointer.startsWith('/data'))
                .map((e) => `${e.pointer.slice('/data'.length)} ${e.keyword}`)
                .sort()
            : [];
        const want = c.expect.errors.map((e) => `${e.pointer} ${e.keyword}`).sort();
        if (r.status !== 201 && r.status !== 422) mismatches.push(`${v.procedure} "${c.name}": HTTP ${r.status}`);
        else if (JSON.stringify(errors) !== JSON.stringify(want))
          mismatches.push(`${v.procedure} "${c.name}": server ${JSON.stringify(errors)}, vectors ${JSON.stringify(want)}`);
      });
    }
    assert.deepEqual(mismatches.slice(0, 20), [], `${mismatches.length} of ${checked} cases differ`);
    assert.ok(checked > 1500, `${checked} cases checked`);
  });
});
