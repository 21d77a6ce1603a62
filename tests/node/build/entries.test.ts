/**
 * The hand-written entry points stay complete: src/all.ts (the one-file bundle) registers every built-in
 * tag and every example procedure, src/sdk.ts (the shell for `--bundle` procedures) registers every
 * built-in tag and exports what a compiled define.js imports, and src/index.ts exports every component class.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const read = (f: string) => readFileSync(join(root, f), 'utf8');

describe('src/all.ts', () => {
  const all = read('src/all.ts');

  it('imports every src/define/<tag>.ts', () => {
    const tags = readdirSync(join(root, 'src/define'))
      .filter((f) => f.endsWith('.ts'))
      .map((f) => f.slice(0, -3));
    assert.ok(tags.length > 0);
    const missing = tags.filter((t) => !all.includes(`import './define/${t}.js';`));
    assert.deepEqual(missing, [], 'tags not registered by src/all.ts');
  });

  it('imports the compiled define.js of every procedure in schemas/procedures', () => {
    const slugs = readdirSync(join(root, 'schemas/procedures'))
      .filter((f) => f.endsWith('.json'))
      .map((f) => (JSON.parse(read(`schemas/procedures/${f}`)) as { 'x-procedure': { slug: string } })['x-procedure'].slug);
    assert.ok(slugs.length > 0);
    const missing = slugs.filter((s) => !all.includes(`import '../generated/procedures/${s}/define.js';`));
    assert.deepEqual(missing, [], 'procedures not registered by src/all.ts');
  });
});

describe('src/sdk.ts', () => {
  const sdk = read('src/sdk.ts');

  it('imports every src/define/<tag>.ts', () => {
    const tags = readdirSync(join(root, 'src/define'))
      .filter((f) => f.endsWith('.ts'))
      .map((f) => f.slice(0, -3));
    assert.ok(tags.length > 0);
    const missing = tags.filter((t) => !sdk.includes(`import './define/${t}.js';`));
    assert.deepEqual(missing, [], 'tags not registered by src/sdk.ts');
  });

  it('exports the names a compiled element.js and define.js import from the SDK', () => {
    for (const name of ['DvcProcedureForm', 'define']) assert.match(sdk, new RegExp(`export \\{ ${name} \\}`), name);
  });

  it('registers no procedure', () => {
    assert.doesNotMatch(sdk, /generated\/procedures/);
  });
});

describe('src/index.ts', () => {
  const index = read('src/index.ts');

  it('exports the class of every component in src/components', () => {
    const missing: string[] = [];
    for (const name of readdirSync(join(root, 'src/components'))) {
      const file = `src/components/${name}/${name}.ts`;
      let source: string;
      try {
        source = read(file);
      } catch {
        continue;
      }
      for (const m of source.matchAll(/^export (?:abstract )?class (Dvc\w+)/gm)) {
        if (!new RegExp(`\\b${m[1]}\\b`).test(index)) missing.push(`${m[1]} (${file})`);
      }
    }
    assert.deepEqual(missing, []);
  });

  it('has no side effect: no define() call and no define/ import', () => {
    assert.doesNotMatch(index, /^\s*define\(/m);
    assert.doesNotMatch(index, /from '\.\/define\//);
    assert.doesNotMatch(index, /^import '/m);
  });
});
