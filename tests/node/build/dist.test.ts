/**
 * Checks over the real build output in dist/ (made by `npm run build`; `npm test` builds first):
 * no eval-like code anywhere, a truly self-contained one-file bundle, library imports limited to declared
 * dependencies, and each procedure's shipped validator judging dossiers in Node.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseAst } from 'rollup/parseAst';
import type { CompiledValidator } from '../../../src/runtime/model.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const dist = join(root, 'dist');

function filesUnder(dir: string, ext: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true })
    .map((f) => join(dir, String(f)))
    .filter((f) => f.endsWith(ext) && statSync(f).isFile())
    .sort();
}

/** Every module specifier a file imports or re-exports, statically or dynamically. */
function specifiers(file: string): string[] {
  const ast = parseAst(readFileSync(file, 'utf8')) as unknown as { body: unknown[] };
  const found: string[] = [];
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    const n = node as { type?: string; source?: { type?: string; value?: unknown } | null };
    if (
      (n.type === 'ImportDeclaration' ||
        n.type === 'ExportAllDeclaration' ||
        n.type === 'ExportNamedDeclaration' ||
        n.type === 'ImportExpression') &&
      n.source
    ) {
      found.push(n.source.type === 'Literal' ? String(n.source.value) : '<computed>');
    }
    for (const [key, value] of Object.entries(node)) if (key !== 'source') visit(value);
  };
  visit(ast.body);
  return found;
}

/** Calls of eval, the Function constructor and require in a file: direct, indirect or through a global. */
function forbiddenCalls(file: string): string[] {
  const ast = parseAst(readFileSync(file, 'utf8')) as unknown;
  const found: string[] = [];
  const GLOBALS = new Set(['globalThis', 'window', 'self', 'global']);
  /** The name a callee refers to, when it is `name`, `(0, name)` or `globalThis.name`. */
  const calleeName = (callee: Node): string | undefined => {
    if (callee.type === 'Identifier') return callee.name as string;
    if (callee.type === 'SequenceExpression') {
      const exprs = callee.expressions as Node[];
      return calleeName(exprs[exprs.length - 1]!);
    }
    if (callee.type === 'MemberExpression' && !callee.computed) {
      const obj = callee.object as Node;
      if (obj.type === 'Identifier' && GLOBALS.has(obj.name as string)) return (callee.property as Node).name as string;
    }
    return undefined;
  };
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    const n = node as Node;
    if (n.type === 'CallExpression' || n.type === 'NewExpression') {
      const name = calleeName(n.callee as Node);
      const at = `at offset ${n.start as number}`;
      if (name === 'eval' || name === 'require') found.push(`${name}( ${at}`);
      if (name === 'Function') found.push(n.type === 'NewExpression' ? `new Function( ${at}` : `Function( ${at}`);
    }
    for (const value of Object.values(n)) if (value && typeof value === 'object') visit(value);
  };
  visit(ast);
  return found;
}

type Node = { type: string; [key: string]: unknown };

const isBare = (s: string) => !s.startsWith('./') && !s.startsWith('../') && !s.startsWith('/');

const jsFiles = filesUnder(dist, '.js');
const procedureBundles = filesUnder(join(dist, 'procedures'), '.js').filter((f) => !relative(join(dist, 'procedures'), f).includes(sep));
const slugs = procedureBundles.map((f) => f.slice(f.lastIndexOf(sep) + 1, -3));

describe('dist/: no eval-like code', () => {
  it('dist/ holds the library, the one-file bundle and the procedures', () => {
    assert.ok(existsSync(join(dist, 'dvc-forms.js')), 'dist/dvc-forms.js is missing: run `npm run build`');
    assert.ok(filesUnder(join(dist, 'lib'), '.js').length > 0, 'dist/lib/ holds no module');
    assert.ok(slugs.length > 0, 'dist/procedures/ holds no compiled procedure');
  });

  it('no eval( / new Function / Function( / require( call in any of dist/**/*.js', () => {
    assert.ok(jsFiles.length > 0);
    const hits: string[] = [];
    for (const file of jsFiles) {
      for (const call of forbiddenCalls(file)) hits.push(`${relative(root, file)}: ${call}`);
    }
    assert.deepEqual(hits, []);
  });

  it('the detector finds each forbidden form (it can fail)', () => {
    const probe = join(root, '.tmp', 'dist-probe.js');
    mkdirSync(dirname(probe), { recursive: true });
    writeFileSync(probe, 'eval("1");(0,eval)("2");new Function("x");Function("y");globalThis.eval("3");window.Function("z");require("fs");const s="eval(";');
    try {
      assert.deepEqual(forbiddenCalls(probe).map((c) => c.split(' ')[0]), ['eval(', 'eval(', 'new', 'Function(', 'eval(', 'Function(', 'require(']);
    } finally {
      rmSync(probe, { force: true });
    }
  });
});

describe('dist/dvc-forms.js and dist/procedures/*.js: self-contained', () => {
  for (const file of [join(dist, 'dvc-forms.js'), ...procedureBundles]) {
    it(`${relative(root, file)} imports nothing (one file, no bare or relative imports)`, () => {
      assert.ok(existsSync(file), `${relative(root, file)} is missing`);
      assert.deepEqual(specifiers(file), []);
    });
  }

  it('dist/dvc-forms.js defines every compiled procedure tag', () => {
    const code = readFileSync(join(dist, 'dvc-forms.js'), 'utf8');
    for (const slug of slugs) assert.ok(code.includes(`dvc-${slug}`), `dvc-${slug} is not in dist/dvc-forms.js`);
  });
});

describe('dist/lib: an ESM library for bundlers', () => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  const deps = Object.keys(pkg.dependencies ?? {});

  it('bare imports name declared dependencies only (node: built-ins only in the compiler); relative imports exist', () => {
    const problems: string[] = [];
    for (const file of filesUnder(join(dist, 'lib'), '.js')) {
      for (const s of specifiers(file)) {
        if (s === '<computed>') problems.push(`${relative(root, file)}: computed dynamic import`);
        else if (isBare(s)) {
          const nodeOnly = relative(join(dist, 'lib'), file).startsWith(`compiler${sep}`);
          if (s.startsWith('node:')) {
            if (!nodeOnly) problems.push(`${relative(root, file)}: imports ${s} outside the Node-only compiler`);
          } else if (!deps.some((d) => s === d || s.startsWith(`${d}/`))) {
            problems.push(`${relative(root, file)}: ${s} is not a dependency`);
          }
        } else if (!existsSync(join(file, '..', s))) problems.push(`${relative(root, file)}: ${s} does not exist`);
      }
    }
    assert.deepEqual(problems, []);
  });

  it('has an entry and declarations for src/index.ts', () => {
    assert.ok(existsSync(join(dist, 'lib', 'index.js')), 'dist/lib/index.js');
    assert.ok(existsSync(join(dist, 'types', 'index.d.ts')), 'dist/types/index.d.ts');
  });
});

/** A complete, valid dossier for a procedure: from tests/fixtures/dossiers or tests/node/schemas/dossiers. */
function completeDossier(slug: string): unknown {
  for (const dir of ['tests/fixtures/dossiers', 'tests/node/schemas/dossiers']) {
    const file = join(root, dir, `${slug}.json`);
    if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
  }
  throw new Error(`no complete dossier fixture for ${slug} (tests/fixtures/dossiers/${slug}.json)`);
}

describe("each procedure's shipped validator runs in Node", () => {
  for (const slug of slugs) {
    it(`dist/procedures/${slug}/validator.js accepts a complete dossier and rejects each missing required field`, async () => {
      const dir = join(dist, 'procedures', slug);
      const validator = (await import(pathToFileURL(join(dir, 'validator.js')).href)) as CompiledValidator;
      assert.equal(typeof validator.validate, 'function');
      assert.equal(typeof validator.conditions, 'object');

      const dossier = completeDossier(slug) as Record<string, unknown>;
      const ok = validator.validate(dossier);
      assert.equal(ok, true, `complete dossier rejected: ${JSON.stringify(validator.validate.errors, null, 1)}`);

      const definition = JSON.parse(readFileSync(join(dir, 'definition.json'), 'utf8')) as { required?: string[] };
      const required = definition.required ?? [];
      assert.ok(required.length > 0, `${slug} declares no required top-level field`);
      for (const field of required) {
        const { [field]: _dropped, ...incomplete } = dossier;
        assert.equal(validator.validate(incomplete), false, `a dossier without "${field}" was accepted`);
        const errors = validator.validate.errors ?? [];
        assert.ok(
          errors.some((e) => e.keyword === 'required' && e.params.missingProperty === field),
          `no "required" error for "${field}": ${JSON.stringify(errors.slice(0, 3))}`,
        );
      }
    });
  }
});
