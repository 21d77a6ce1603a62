import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { forbiddenConstructs } from '../../../src/compiler/validator.js';
import type { CompiledValidator, FormModel } from '../../../src/runtime/model.js';
import { runCli, STACK_LINE } from './helpers.js';

const GENERATED = ['types.d.ts', 'validator.js', 'validator.d.ts', 'model.js', 'model.d.ts', 'element.js', 'element.d.ts', 'define.js', 'define.d.ts', 'definition.json'];

describe('dvc-forms compile schemas/procedures (end to end)', () => {
  const out = mkdtempSync(join(tmpdir(), 'dvc-cli-'));
  const definitions = readdirSync('schemas/procedures').filter((f) => f.endsWith('.json'));
  let result: Awaited<ReturnType<typeof runCli>>;

  before(async () => { result = await runCli(['compile', 'schemas/procedures', '--out', out, '--runtime-import', '../../../src', '--report-size']); });
  after(() => rmSync(out, { recursive: true, force: true }));

  it('compiles every example procedure', () => {
    assert.ok(definitions.length >= 4, 'the example procedures exist');
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr, '');
    assert.equal(readdirSync(out).length, definitions.length);
  });

  it('prints the gzip size of each validator.js and model.js', () => {
    for (const slug of readdirSync(out)) {
      assert.match(result.stdout, new RegExp(`${slug}/validator\\.js\\s+[\\d.]+ KB\\s+[\\d.]+ KB`));
      assert.match(result.stdout, new RegExp(`${slug}/model\\.js\\s+[\\d.]+ KB\\s+[\\d.]+ KB`));
    }
  });

  it('writes every output file; validators are pure ESM without require/eval/new Function', async () => {
    for (const slug of readdirSync(out)) {
      const dir = join(out, slug);
      assert.deepEqual(readdirSync(dir).sort(), [...GENERATED].sort());
      const code = readFileSync(join(dir, 'validator.js'), 'utf8');
      assert.deepEqual(forbiddenConstructs(code), []);
      const v = (await import(pathToFileURL(join(dir, 'validator.js')).href)) as CompiledValidator;
      assert.equal(v.validate({}), false);
      assert.ok(v.validate.errors && v.validate.errors.length > 0);
      const model = ((await import(pathToFileURL(join(dir, 'model.js')).href)) as { default: FormModel }).default;
      assert.equal(model.tag, `dvc-${slug}`);
      for (const id of Object.keys(v.conditions)) assert.equal(typeof v.conditions[id], 'function');
      assert.match(readFileSync(join(dir, 'element.js'), 'utf8'), /from '\.\.\/\.\.\/\.\.\/src\/components\/procedure-form\/procedure-form\.js'/);
      assert.ok(!readFileSync(join(dir, 'definition.json'), 'utf8').includes('"$ref"'));
    }
  });

  it('detects forbidden constructs by tokens, not by text', () => {
    assert.deepEqual(forbiddenConstructs('const a = "require(\\"x\\")"; // eval(1)\nconst r = /new Function/;'), []);
    assert.deepEqual(forbiddenConstructs('const m = require("x");'), ['require(']);
    assert.deepEqual(forbiddenConstructs('const f = new Function("return 1");'), ['new Function']);
    assert.deepEqual(forbiddenConstructs('eval("1")'), ['eval(']);
    assert.deepEqual(forbiddenConstructs('obj.require("x"); obj.eval(1)'), []);
  });
});

describe('dvc-forms CLI behaviour', () => {
  it('--help prints usage and exits 0', async () => {
    const r = await runCli(['--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^Usage: dvc-forms compile <dir\|file>\.\.\. --out <dir>/);
  });

  it('usage errors exit 2 without a stack trace', async () => {
    for (const args of [[], ['compile', 'schemas/procedures'], ['frobnicate', 'x', '--out', 'y'], ['compile', '--bogus']]) {
      const r = await runCli(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.doesNotMatch(r.stderr, STACK_LINE);
    }
    const missing = await runCli(['compile', 'no/such/dir', '--out', join(tmpdir(), 'dvc-none')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /^dvc-forms: ENOENT/);
  });

  it('writes the good definitions of a folder and none of the bad one, keeping previous output', async () => {
    const src = mkdtempSync(join(tmpdir(), 'dvc-mixed-src-'));
    const out = mkdtempSync(join(tmpdir(), 'dvc-mixed-out-'));
    cpSync('tests/fixtures/definitions', src, { recursive: true });
    const r1 = await runCli(['compile', src, '--out', out]);
    assert.equal(r1.code, 0, r1.stderr);
    const before = readFileSync(join(out, 'household-survey', 'model.js'), 'utf8');
    const def = JSON.parse(readFileSync(join(src, 'household-survey.json'), 'utf8')) as Record<string, unknown>;
    (def.properties as Record<string, Record<string, unknown>>).contactEmail['x-widget'] = 'nonexistent';
    writeFileSync(join(src, 'household-survey.json'), JSON.stringify(def));
    const r2 = await runCli(['compile', src, '--out', out]);
    assert.equal(r2.code, 1);
    assert.equal(r2.stderr.split('\n')[0], `${join(src, 'household-survey.json')}:/properties/contactEmail/x-widget: Unknown widget "nonexistent"; registered widgets: address, checkbox, consent, date, email, fieldset, id-number, multi-choice, number, person-name, phone, radio, repeat, select, text, textarea.`);
    assert.equal(readFileSync(join(out, 'household-survey', 'model.js'), 'utf8'), before, 'the previous output stays untouched');
    assert.match(r2.stdout, /compiled .*business-license\.json/);
    assert.ok(!readdirSync(out).some((n) => n.startsWith('.')), 'no temporary folder left behind');
    assert.ok(existsSync(join(out, 'business-license', 'element.js')));
  });
});
