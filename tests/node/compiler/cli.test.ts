import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'acorn';
import { forbiddenConstructs } from '../../../compiler/src/validator.js';
import type { CompiledValidator, FormModel } from '../../../src/runtime/model.js';
import { runCli, STACK_LINE } from './helpers.js';

const GENERATED = [
  'types.d.ts',
  'validator.js',
  'validator.d.ts',
  'model.js',
  'model.d.ts',
  'element.js',
  'element.d.ts',
  'define.js',
  'define.d.ts',
  'definition.json',
];

describe('dvc-forms compile schemas/procedures (end to end)', () => {
  const out = mkdtempSync(join(tmpdir(), 'dvc-cli-'));
  const definitions = readdirSync('schemas/procedures').filter((f) => f.endsWith('.json'));
  let result: Awaited<ReturnType<typeof runCli>>;

  before(async () => {
    result = await runCli(['compile', 'schemas/procedures', '--out', out, '--runtime-import', '../../../src', '--report-size']);
  });
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
      assert.match(
        readFileSync(join(dir, 'element.js'), 'utf8'),
        /from '\.\.\/\.\.\/\.\.\/src\/components\/procedure-form\/procedure-form\.js'/,
      );
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
    assert.equal(
      r2.stderr.split('\n')[0],
      `${join(src, 'household-survey.json')}:/properties/contactEmail/x-widget: Unknown widget "nonexistent"; registered widgets: address, checkbox, consent, date, email, fieldset, id-number, multi-choice, number, person-name, phone, radio, repeat, select, text, textarea.`,
    );
    assert.equal(readFileSync(join(out, 'household-survey', 'model.js'), 'utf8'), before, 'the previous output stays untouched');
    assert.match(r2.stdout, /compiled .*business-license\.json/);
    assert.ok(!readdirSync(out).some((n) => n.startsWith('.')), 'no temporary folder left behind');
    assert.ok(existsSync(join(out, 'business-license', 'element.js')));
  });
});

/** Every module a script imports (static imports, re-exports and dynamic imports), read by acorn. */
function moduleSpecifiers(code: string): string[] {
  const found: string[] = [];
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const n = node as { type?: string; source?: { value?: unknown } };
    if (
      (n.type === 'ImportDeclaration' ||
        n.type === 'ExportNamedDeclaration' ||
        n.type === 'ExportAllDeclaration' ||
        n.type === 'ImportExpression') &&
      typeof n.source?.value === 'string'
    ) {
      found.push(n.source.value);
    }
    for (const v of Object.values(node)) {
      if (Array.isArray(v)) v.forEach(visit);
      else if (v && typeof v === 'object') visit(v);
    }
  };
  visit(parse(code, { ecmaVersion: 'latest', sourceType: 'module' }));
  return found;
}

describe('dvc-forms compile --bundle', () => {
  const out = mkdtempSync(join(tmpdir(), 'dvc-cli-bundle-'));
  after(() => rmSync(out, { recursive: true, force: true }));

  it("writes <out>/<slug>.js whose only import is the SDK's sdk.js under --sdk-url, and keeps <out>/<slug>/ for the server", async () => {
    const r = await runCli([
      'compile',
      'schemas/procedures/criminal-record-certificate.json',
      '--out',
      out,
      '--bundle',
      '--sdk-url',
      '../vendor/dvc-forms/',
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /criminal-record-certificate\.js/);
    assert.deepEqual(readdirSync(join(out, 'criminal-record-certificate')).sort(), [...GENERATED].sort());
    const code = readFileSync(join(out, 'criminal-record-certificate.js'), 'utf8');
    const specifiers = moduleSpecifiers(code);
    assert.ok(specifiers.length > 0, 'the bundle imports the SDK');
    assert.deepEqual([...new Set(specifiers)], ['../vendor/dvc-forms/sdk.js']);
    assert.match(code, /customElements|"dvc-criminal-record-certificate"/);
    assert.deepEqual(forbiddenConstructs(code), []);
    assert.match(code, /\/\/# sourceMappingURL=criminal-record-certificate\.js\.map\s*$/);
    assert.ok(existsSync(join(out, 'criminal-record-certificate.js.map')));
  });

  it('--vectors <fixtures> writes <slug>/vectors.json for a procedure with a fixture, and none without', async () => {
    const fixtures = mkdtempSync(join(tmpdir(), 'dvc-cli-fixtures-'));
    try {
      cpSync('conformance/fixtures/criminal-record-certificate.json', join(fixtures, 'criminal-record-certificate.json'));
      const r = await runCli([
        'compile',
        'schemas/procedures/criminal-record-certificate.json',
        'schemas/procedures/birth-registration.json',
        '--out',
        out,
        '--vectors',
        fixtures,
      ]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /wrote .*criminal-record-certificate\/vectors\.json/);
      const v = JSON.parse(readFileSync(join(out, 'criminal-record-certificate', 'vectors.json'), 'utf8')) as {
        procedure: string;
        cases: Array<{ expect: { errors: unknown[] } }>;
      };
      assert.equal(v.procedure, 'criminal-record-certificate');
      assert.ok(v.cases.length > 100 && v.cases.some((c) => c.expect.errors.length > 0));
      assert.ok(!existsSync(join(out, 'birth-registration', 'vectors.json')), 'no fixture, no vectors');
    } finally {
      rmSync(fixtures, { recursive: true, force: true });
    }
  });

  it('defaults --sdk-url to ./dvc-forms/ and accepts an absolute URL or a file', async () => {
    for (const [arg, expected] of [
      [undefined, './dvc-forms/sdk.js'],
      ['/static/dvc/', '/static/dvc/sdk.js'],
      ['https://cdn.example/dvc/sdk.js', 'https://cdn.example/dvc/sdk.js'],
    ] as const) {
      const r = await runCli([
        'compile',
        'schemas/procedures/permanent-residence-registration.json',
        '--out',
        out,
        '--bundle',
        ...(arg ? ['--sdk-url', arg] : []),
      ]);
      assert.equal(r.code, 0, r.stderr);
      const code = readFileSync(join(out, 'permanent-residence-registration.js'), 'utf8');
      assert.ok(code.includes(`"${expected}"`), `${arg}: imports ${expected}`);
    }
  });

  it('refuses an --sdk-url a browser cannot import, and --sdk-url without --bundle, writing nothing', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'dvc-cli-bundle-bad-'));
    try {
      const bare = await runCli([
        'compile',
        'schemas/procedures/permanent-residence-registration.json',
        '--out',
        empty,
        '--bundle',
        '--sdk-url',
        'dvc-forms',
      ]);
      assert.equal(bare.code, 2);
      assert.match(bare.stderr, /--sdk-url "dvc-forms" is not a URL a browser can import/);
      assert.doesNotMatch(bare.stderr, STACK_LINE);
      const alone = await runCli([
        'compile',
        'schemas/procedures/permanent-residence-registration.json',
        '--out',
        empty,
        '--sdk-url',
        './x/',
      ]);
      assert.equal(alone.code, 2);
      assert.match(alone.stderr, /--sdk-url only applies with --bundle/);
      assert.deepEqual(readdirSync(empty), []);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
