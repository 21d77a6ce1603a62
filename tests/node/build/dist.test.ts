/**
 * Checks over the real build output in dist/ (made by `npm run build`; `npm test` builds first):
 * no eval-like code anywhere, page bundles (dvc-forms.js, procedures/<slug>.js) that share their chunks and
 * import only relative siblings, the admin-unit list in a lazily loaded chunk, library imports limited to
 * declared dependencies, and each procedure's shipped validator judging dossiers in Node.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, posix, relative, sep } from 'node:path';
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
    writeFileSync(
      probe,
      'eval("1");(0,eval)("2");new Function("x");Function("y");globalThis.eval("3");window.Function("z");require("fs");const s="eval(";',
    );
    try {
      assert.deepEqual(
        forbiddenCalls(probe).map((c) => c.split(' ')[0]),
        ['eval(', 'eval(', 'new', 'Function(', 'eval(', 'Function(', 'require('],
      );
    } finally {
      rmSync(probe, { force: true });
    }
  });
});

/** Page-bundle files (relative to dist/, `/`-separated): the entries and the chunks they share or load lazily. */
const pageEntries = [join(dist, 'dvc-forms.js'), ...procedureBundles].map((f) => relative(dist, f).split(sep).join('/'));
const chunkFiles = filesUnder(join(dist, 'chunks'), '.js').map((f) => relative(dist, f).split(sep).join('/'));

/** Static imports of a page-bundle file, resolved to paths relative to dist/. */
function staticImports(file: string): string[] {
  const ast = parseAst(readFileSync(join(dist, file), 'utf8')) as unknown as {
    body: Array<{ type: string; source?: { value: unknown } | null }>;
  };
  return ast.body
    .filter((n) => ['ImportDeclaration', 'ExportAllDeclaration', 'ExportNamedDeclaration'].includes(n.type) && n.source)
    .map((n) => posix.normalize(posix.join(posix.dirname(file), String(n.source!.value))));
}

/** `file` and everything it imports statically, transitively. */
function closure(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const f of staticImports(file)) closure(f, seen);
  return seen;
}

describe('dist/dvc-forms.js, dist/procedures/*.js and dist/chunks/: page bundles', () => {
  for (const file of [...pageEntries, ...chunkFiles]) {
    it(`dist/${file} imports only sibling files of dist/, by relative URL`, () => {
      assert.ok(existsSync(join(dist, file)), `dist/${file} is missing`);
      const problems: string[] = [];
      for (const s of specifiers(join(dist, file))) {
        if (s === '<computed>') problems.push('a computed dynamic import');
        else if (!s.startsWith('./') && !s.startsWith('../')) problems.push(`${s} (not relative: a site may copy dist/ anywhere)`);
        else {
          const target = posix.normalize(posix.join(posix.dirname(file), s));
          if (target.startsWith('../')) problems.push(`${s} (outside dist/)`);
          else if (!existsSync(join(dist, target))) problems.push(`${s} (dist/${target} does not exist)`);
        }
      }
      assert.deepEqual(problems, []);
      assert.ok(existsSync(join(dist, `${file}.map`)), `dist/${file}.map is missing`);
    });
  }

  it('dist/dvc-forms.js loads every compiled procedure bundle, and each defines its tag', () => {
    const loaded = closure('dvc-forms.js');
    for (const slug of slugs) {
      assert.ok(loaded.has(`procedures/${slug}.js`), `dist/dvc-forms.js does not load dist/procedures/${slug}.js`);
      const code = readFileSync(join(dist, 'procedures', `${slug}.js`), 'utf8');
      assert.ok(code.includes(`dvc-${slug}`), `dvc-${slug} is not in dist/procedures/${slug}.js`);
    }
  });

  it('dist/dvc-forms.js exports the public API (src/index.ts); a procedure bundle exports its class only', () => {
    const exportsOf = (file: string): string[] => {
      const ast = parseAst(readFileSync(join(dist, file), 'utf8')) as unknown as {
        body: Array<{ type: string; specifiers?: Array<{ exported: { name?: string; value?: string } }> }>;
      };
      return ast.body
        .filter((n) => n.type === 'ExportNamedDeclaration')
        .flatMap((n) => (n.specifiers ?? []).map((x) => String(x.exported.name ?? x.exported.value)));
    };
    const all = exportsOf('dvc-forms.js');
    for (const name of ['createHttpClient', 'DvcProcedureForm', 'DvcAddressField', 'define']) {
      assert.ok(all.includes(name), `dist/dvc-forms.js does not export ${name}`);
    }
    for (const slug of slugs) {
      const names = exportsOf(`procedures/${slug}.js`);
      assert.equal(names.length, 1, `dist/procedures/${slug}.js exports ${JSON.stringify(names)}`);
      assert.match(names[0]!, /^Dvc[A-Z]\w*$/);
    }
  });

  it('one shared SDK chunk (Lit, the shell) is loaded by every page bundle', () => {
    const sdk = chunkFiles.filter((f) => /^chunks\/sdk-[\w-]+\.js$/.test(f));
    assert.equal(sdk.length, 1, `expected one dist/chunks/sdk-<hash>.js: ${JSON.stringify(chunkFiles)}`);
    for (const entry of pageEntries) assert.ok(closure(entry).has(sdk[0]!), `dist/${entry} does not load dist/${sdk[0]}`);
    const lit = /\bLitElement\b|lit-html/;
    assert.match(
      readFileSync(join(dist, sdk[0]!), 'utf8'),
      lit,
      'the Lit marker is not in the shared chunk (the check below would prove nothing)',
    );
    const withLit = [...pageEntries, ...chunkFiles].filter((f) => f !== sdk[0] && lit.test(readFileSync(join(dist, f), 'utf8')));
    assert.deepEqual(withLit, [], 'Lit is bundled outside the shared chunk');
  });

  it('the admin-unit list is only in its own chunk, which no bundle imports statically', () => {
    // A commune only the SDK's list names (Hà Nội, 00226).
    const marker = 'Văn Miếu - Quốc Tử Giám';
    const holders = [...pageEntries, ...chunkFiles].filter((f) => readFileSync(join(dist, f), 'utf8').includes(marker));
    assert.equal(holders.length, 1, `the list is in ${JSON.stringify(holders)}`);
    assert.match(holders[0]!, /^chunks\/admin-units-[\w-]+\.js$/);
    for (const entry of pageEntries) assert.ok(!closure(entry).has(holders[0]!), `dist/${entry} loads the list before it is needed`);
    const importers = [...pageEntries, ...chunkFiles].filter((f) =>
      specifiers(join(dist, f)).some((s) => posix.normalize(posix.join(posix.dirname(f), s)) === holders[0]),
    );
    assert.ok(importers.length > 0, 'nothing imports the admin-unit chunk');
    for (const f of importers) assert.ok(!staticImports(f).includes(holders[0]!), `dist/${f} imports the list statically`);
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

  it('every relative import of a declaration in dist/types resolves to a shipped .d.ts (no type silently any)', () => {
    const problems: string[] = [];
    const files = filesUnder(join(dist, 'types'), '.d.ts');
    assert.ok(files.length > 50, `dist/types holds ${files.length} declarations`);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
        const target = join(file, '..', m[1]!.replace(/\.js$/, '.d.ts'));
        if (!existsSync(target)) problems.push(`${relative(root, file)}: ${m[1]} (no ${relative(root, target)})`);
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
