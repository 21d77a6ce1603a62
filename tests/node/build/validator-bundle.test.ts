/**
 * The bundled standalone validator holds no `require(` at all: ajv's runtime helpers carry their own import
 * line as a string (`ucs2length.code = 'require("ajv/dist/runtime/ucs2length").default'`), which the
 * compiler strips, so the no-require checks (compiler and dist) need no exception. A real `require(` call
 * is still caught.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { compileValidator, forbiddenConstructs, stripRuntimeCodeRefs } from '../../../compiler/src/validator.js';
import type { CompiledValidator } from '../../../src/runtime/model.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));

/** Imports bundled validator code as a module (data: URL; Node runs it like the browser would). */
async function load(code: string): Promise<CompiledValidator> {
  return (await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)) as CompiledValidator;
}

describe('stripRuntimeCodeRefs', () => {
  it("removes the `.code = 'require(…)'` line of ajv's real runtime helpers, nothing else", () => {
    for (const helper of ['ucs2length', 'equal', 'uri']) {
      const file = join(root, 'node_modules/ajv/dist/runtime', `${helper}.js`);
      const source = readFileSync(file, 'utf8');
      const stripped = stripRuntimeCodeRefs(source);
      assert.doesNotMatch(stripped, /\.code\s*=/, `${helper}.js still sets .code`);
      // Only that one line goes: the helper's own code and its real imports stay.
      assert.equal(source.split('\n').length, stripped.split('\n').length, `${helper}.js lost lines`);
      assert.equal(source.replace(/^.*\.code\s*=.*$/m, ''), stripped);
    }
    const equal = stripRuntimeCodeRefs(readFileSync(join(root, 'node_modules/ajv/dist/runtime/equal.js'), 'utf8'));
    assert.match(equal, /require\("fast-deep-equal"\)/, 'a real import was removed');
  });

  it('leaves code that is not such an assignment alone', () => {
    const code = 'const code = "require(x)";\nf.code = compute();\nobj.code = `x`;\nconst m = require("y");';
    assert.equal(stripRuntimeCodeRefs(code), code);
  });
});

describe('compileValidator output', () => {
  const schema = {
    type: 'object',
    properties: {
      name: { type: 'string', minLength: 2, maxLength: 3 },
      tags: { type: 'array', uniqueItems: true, items: { type: 'object' } },
    },
    required: ['name'],
  };

  it('a validator using ucs2length and deep equality has no `require(` anywhere, and still works', async () => {
    const out = await compileValidator(schema, new Map([['/if', { properties: { name: { const: 'ab' } } }]]), 'dvc-forms');
    assert.ok(
      !out.code.includes('require('),
      `require( found: …${out.code.slice(Math.max(0, out.code.indexOf('require(') - 80), out.code.indexOf('require(') + 80)}…`,
    );
    assert.deepEqual(forbiddenConstructs(out.code), []);
    const v = await load(out.code);
    // ucs2length: an astral character counts once (String.length would say 2).
    assert.equal(v.validate({ name: '😀😀' }), true);
    assert.equal(v.validate({ name: '😀' }), false);
    assert.equal(v.validate({ name: 'abcd' }), false);
    // fast-deep-equal through uniqueItems.
    assert.equal(v.validate({ name: 'ab', tags: [{ a: 1 }, { a: 2 }] }), true);
    assert.equal(v.validate({ name: 'ab', tags: [{ a: 1 }, { a: 1 }] }), false);
    assert.equal(v.conditions['/if']!({ name: 'ab' }), true);
  });

  it('a real require( call is still caught by the check', () => {
    assert.deepEqual(forbiddenConstructs('const m = require("ajv/dist/runtime/ucs2length").default;'), ['require(']);
  });

  it('the compiled example validators (generated/ and dist/) hold no `require(`', () => {
    const files: string[] = [];
    for (const dir of ['generated/procedures', 'dist/procedures']) {
      if (!existsSync(join(root, dir))) continue;
      for (const slug of readdirSync(join(root, dir))) {
        const file = join(root, dir, slug, 'validator.js');
        if (existsSync(file)) files.push(file);
      }
    }
    assert.ok(files.length > 0, 'no compiled validator: run `npm run build`');
    const offenders = files.filter((f) => readFileSync(f, 'utf8').includes('require('));
    assert.deepEqual(offenders, []);
  });
});
