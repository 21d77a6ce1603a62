/**
 * The conformance fixtures are right by the SDK's own judgement: each valid dossier passes the compiled
 * validator and rules of its procedure with no error, and each broken variant fails at exactly the
 * pointers the fixture tells the kit to expect.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { compileDirectory } from '../../../compiler/src/index.js';
import { validateDossier } from '../../../src/runtime/validate.js';
import { withoutSensitive } from '../../../src/runtime/sensitive.js';
import type { CompiledValidator, FormModel } from '../../../src/runtime/model.js';
import { breakData, FIXTURES_DIR, loadFixtures, valueAt, type Fixture } from '../../../conformance/src/kit.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
let fixtures: Map<string, Fixture>;
const compiled = new Map<string, { model: FormModel; validator: CompiledValidator }>();

before(async () => {
  fixtures = await loadFixtures([FIXTURES_DIR]);
  const out = await mkdtemp(path.join(os.tmpdir(), 'dvc-fixtures-'));
  try {
    const result = await compileDirectory(path.join(root, 'schemas/procedures'), out, { runtimeImport: path.join(root, 'src') });
    assert.deepEqual(result.problems, []);
    for (const c of result.compiled) {
      const model = ((await import(pathToFileURL(path.join(out, c.slug, 'model.js')).href)) as { default: FormModel }).default;
      const validator = (await import(pathToFileURL(path.join(out, c.slug, 'validator.js')).href)) as CompiledValidator;
      compiled.set(c.slug, { model, validator });
    }
  } finally {
    await rm(out, { recursive: true, force: true });
  }
});

describe('conformance fixtures', () => {
  it('cover every example procedure', () => {
    assert.deepEqual([...fixtures.keys()].sort(), [...compiled.keys()].sort());
  });

  it('each valid dossier has no error; each broken one fails exactly at the expected pointers', () => {
    for (const [slug, fx] of fixtures) {
      const proc = compiled.get(slug);
      assert.ok(proc, `${slug}: no compiled procedure`);
      const errors = validateDossier(proc.model, proc.validator, fx.data).filter((i) => i.severity === 'error');
      assert.deepEqual(
        errors.map((e) => `${e.pointer}: ${e.message.vi}`),
        [],
        `${slug}: the valid dossier has errors`,
      );
      const broken = validateDossier(proc.model, proc.validator, breakData(fx.data, fx.invalid))
        .filter((i) => i.severity === 'error')
        .map((i) => `/data${i.pointer}`);
      assert.deepEqual([...new Set(broken)].sort(), [...fx.invalid.expect].sort(), `${slug}: the broken dossier's errors`);
      const ids = new Set(proc.model.attachments.map((a) => a.id));
      for (const f of fx.attachments) assert.ok(ids.has(f.attachmentId), `${slug}: unknown attachment "${f.attachmentId}"`);
    }
  });

  it('each fixture names exactly the x-sensitive answers its dossier holds (the kit expects drafts back without them)', () => {
    let named = 0;
    for (const [slug, fx] of fixtures) {
      const proc = compiled.get(slug)!;
      const pointers = fx.sensitive?.pointers ?? [];
      for (const data of [fx.data, ...(fx.sensitive?.set ? [breakData(fx.data, { set: fx.sensitive.set, expect: [] })] : [])]) {
        assert.deepEqual(
          breakData(data, { remove: pointers, expect: [] }),
          withoutSensitive(proc.model, data),
          `${slug}: sensitive.pointers`,
        );
      }
      for (const ptr of pointers) assert.notEqual(valueAt(fx.data, ptr), undefined, `${slug}: ${ptr} is not in the fixture's data`);
      named += pointers.length;
    }
    assert.ok(named >= 2, 'the fixtures name x-sensitive answers (criminal record fee category, divorce judgment)');
  });
});
