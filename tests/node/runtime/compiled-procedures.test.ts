/**
 * The runtime against the compiler's real output: every example procedure in schemas/procedures validates,
 * prices and evaluates without surprises.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compileDefinition } from '../../../compiler/src/index.js';
import type { CompiledValidator, FormModel } from '../../../src/runtime/model.js';
import { validateDossier } from '../../../src/runtime/validate.js';
import { computeFee } from '../../../src/runtime/fees.js';
import { evaluateConditions } from '../../../src/runtime/conditions.js';
import { checkRules } from '../../../src/runtime/rules.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

describe('compiled procedures', () => {
  describe('examples in schemas/procedures', () => {
    let dir: string;
    const loaded: Array<{ name: string; model: FormModel; v: CompiledValidator }> = [];
    before(async () => {
      dir = await mkdtemp(path.join(os.tmpdir(), 'dvc-runtime-'));
      const defs = (await readdir(path.join(ROOT, 'schemas/procedures'))).filter((f) => f.endsWith('.json'));
      for (const f of defs) {
        const compiled = await compileDefinition(path.join(ROOT, 'schemas/procedures', f), { runtimeImport: path.join(ROOT, 'src') });
        const sub = path.join(dir, compiled.model.procedure.slug);
        await mkdir(sub, { recursive: true });
        await writeFile(path.join(sub, 'validator.js'), compiled.files.get('validator.js')!);
        const mod = (await import(pathToFileURL(path.join(sub, 'validator.js')).href)) as CompiledValidator;
        loaded.push({ name: f, model: compiled.model, v: { validate: mod.validate, conditions: mod.conditions } });
      }
    });
    after(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('reports an empty dossier with localised messages at known nodes', () => {
      assert.ok(loaded.length >= 5);
      for (const { name, model, v } of loaded) {
        const issues = validateDossier(model, v, {}, { today: '2026-01-15' });
        assert.ok(issues.length > 0, `${name}: an empty dossier must have issues`);
        const ev = evaluateConditions(model, v, {});
        for (const x of issues) {
          assert.ok(ev.nodes.has(x.pointer), `${name}: issue at unknown pointer ${x.pointer}`);
          assert.doesNotMatch(x.message.vi, /\{[a-z]+\}/, `${name}: unfilled placeholder in "${x.message.vi}"`);
          assert.ok(x.message.vi.length > 3);
        }
      }
    });

    it('validates step by step without issues outside the step', () => {
      for (const { name, model, v } of loaded) {
        for (const step of model.steps) {
          const issues = validateDossier(model, v, {}, { today: '2026-01-15', pointers: step.fields });
          for (const x of issues)
            assert.ok(
              step.fields.some((f) => x.pointer === f || x.pointer.startsWith(f + '/')),
              `${name}: ${x.pointer} outside step ${step.id}`,
            );
        }
      }
    });

    it('prices an empty dossier and runs every rule and condition', () => {
      for (const { name, model, v } of loaded) {
        const fee = computeFee(model, v, {});
        assert.equal(fee.currency, 'VND');
        assert.ok(Number.isInteger(fee.total) && fee.total >= 0, name);
        assert.deepEqual(checkRules(model, v, {}, '2026-01-15'), [], `${name}: no rule fires on an empty dossier`);
        assert.ok(evaluateConditions(model, v, {}).visibleSteps.length > 0, name);
      }
    });

    it('applies the residence fee: 10,000 VND online against 20,000 at the counter', () => {
      const ct01 = loaded.find((x) => x.model.procedure.code === '1.004222');
      assert.ok(ct01, 'permanent-residence-registration is among the examples');
      const fee = computeFee(ct01.model, ct01.v, {});
      assert.equal(fee.total, 10000);
      assert.equal(fee.lines[0]!.counterAmount, 20000);
    });
  });
});
