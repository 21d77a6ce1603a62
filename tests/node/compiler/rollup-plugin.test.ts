import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { rollup, type Plugin } from 'rollup';
import { dvcForms } from '../../../compiler/src/rollup-plugin.js';
import { forbiddenConstructs } from '../../../compiler/src/validator.js';
import type { CompiledValidator, FormModel } from '../../../src/runtime/model.js';

const PLAIN = resolve('tests/fixtures/definitions/household-survey.json');

/** A virtual entry module (the test's "site code"). */
function entry(code: string): Plugin {
  return {
    name: 'entry',
    resolveId: (id) => (id === 'entry' ? resolve('tests/fixtures/definitions/entry.js') : null),
    load: (id) => (id === resolve('tests/fixtures/definitions/entry.js') ? code : null),
  };
}

async function bundle(code: string, plugin = dvcForms({ include: /household-survey\.json$/ })): Promise<string> {
  const build = await rollup({
    input: 'entry',
    plugins: [entry(code), plugin],
    external: (id) => id.startsWith('dvc-forms/'),
    onwarn: (w) => {
      throw new Error(w.message);
    },
  });
  const { output } = await build.generate({ format: 'es' });
  await build.close();
  return output[0].code;
}

describe('rollup plugin dvcForms()', () => {
  it('turns "definition.json?dvc-procedure" into the compiled element module', async () => {
    const code = await bundle(`export { DvcBusinessLicense, model } from './business-license.json?dvc-procedure';`);
    assert.match(code, /import \{ DvcProcedureForm \} from 'dvc-forms\/components\/procedure-form\/procedure-form\.js';/);
    assert.match(code, /class DvcBusinessLicense extends DvcProcedureForm/);
    assert.match(code, /"tag":\s*"dvc-business-license"/);
    assert.deepEqual(forbiddenConstructs(code), []);
  });

  it('compiles files matched by "include" when imported plainly, and registers the tag with ?dvc-procedure=define', async () => {
    const code = await bundle(`import './household-survey.json'; import './household-survey.json?dvc-procedure=define';`);
    assert.match(code, /class DvcHouseholdSurvey extends DvcProcedureForm/);
    assert.match(code, /define\('dvc-household-survey', DvcHouseholdSurvey\)/);
    assert.match(code, /from 'dvc-forms\/internal\/define\.js'/);
  });

  it('bundles a working validator and model', async () => {
    const code = await bundle(
      `export { default as model } from './business-license.json?dvc-procedure=model';\nexport { validate, conditions } from './business-license.json?dvc-procedure=validator';`,
    );
    const dir = mkdtempSync(join(tmpdir(), 'dvc-rollup-'));
    writeFileSync(join(dir, 'out.mjs'), code);
    const mod = (await import(pathToFileURL(join(dir, 'out.mjs')).href)) as CompiledValidator & { model: FormModel };
    assert.equal(mod.model.procedure.slug, 'business-license');
    assert.equal(mod.validate({}), false);
    assert.ok(mod.validate.errors?.some((e) => e.keyword === 'required'));
    assert.equal(typeof mod.conditions['/x-steps/2/visibleWhen'], 'function');
  });

  it('turns definition errors into a rollup error with file and pointer', async () => {
    const bad = resolve('tests/fixtures/bad-definitions/unknown-widget.json');
    await assert.rejects(bundle(`import '${bad}?dvc-procedure';`), (e: Error) => {
      assert.match(e.message, /unknown-widget\.json:\/properties\/name\/x-widget: Unknown widget "slider"/);
      return true;
    });
  });

  it('passes compiler options through (runtimeImport)', async () => {
    const code = await bundle(`export * from '${PLAIN}?dvc-procedure';`, dvcForms({ runtimeImport: 'dvc-forms/custom' }));
    assert.match(code, /from 'dvc-forms\/custom\/components\/procedure-form\/procedure-form\.js'/);
  });
});
