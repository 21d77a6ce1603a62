#!/usr/bin/env node
// `npm run build`: everything a page, a bundler or the server needs, from the sources.
//
//   1. TypeScript declarations for src/ → dist/types (tsconfig.build.json; types are checked by `tsc`);
//   2. the compiler package → compiler/dist (plain JS: its CLI runs with plain Node);
//   3. compile the example procedures (schemas/procedures → generated/procedures) with that CLI (the SDK's
//      runtime it imports read from its sources: dist/lib is made in step 4), and the
//      shell's test fixture (tests/browser/shell/fixtures → …/generated);
//   4. rollup (rollup.config.mjs) → dist/lib, the page bundles (dist/dvc-forms.js, dist/sdk.js,
//      dist/procedures/<slug>.js and their shared and lazy chunks in dist/chunks/),
//      dist/procedures/<slug>/{validator,model}.js;
//   5. the reference server → server/dist and the conformance kit → conformance/dist (plain JS);
//   6. the custom-elements manifest (custom-elements.json, copied into dist/);
//   7. the gzip size report (scripts/size-report.mjs): files, per-page totals, lazy chunks.
//
// A step that fails stops the build with the step's name and a non-zero exit code. Type errors fail the
// build too, unless `--allow-type-errors` is given (then declarations are still written).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);

/** Runs one build step; exits the process when it fails. */
function step(title, command, args, { env, okCodes = [0] } = {}) {
  const started = Date.now();
  process.stdout.write(`build: ${title}\n`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.error || !okCodes.includes(result.status ?? -1)) {
    const why = result.error ? result.error.message : `exit code ${result.status ?? result.signal}`;
    process.stderr.write(`build: FAILED at "${title}" (${why}) after ${seconds}s\n`);
    process.exit(1);
  }
  if (result.status !== 0) process.stdout.write(`build: ${title} finished with exit code ${result.status} (tolerated)\n`);
  process.stdout.write(`build: ${title} done in ${seconds}s\n`);
}

const started = Date.now();
/** `--allow-type-errors` (used by `npm test`, whose typecheck suite reports them): emit declarations anyway. */
const allowTypeErrors = process.argv.includes('--allow-type-errors');

rmSync(join(root, 'dist'), { recursive: true, force: true });
mkdirSync(join(root, 'dist'), { recursive: true });

// 1. The SDK's declarations (the compiler's and the server's types import them as `dvc-forms/...`).
// tsc exits 2 when it found type errors but still wrote the declarations.
step('declarations (tsc -p tsconfig.build.json) → dist/types', bin('tsc'), ['-p', 'tsconfig.build.json'], {
  okCodes: allowTypeErrors ? [0, 2] : [0],
});

// tsc does not copy hand-written or generated .d.ts inputs (src/runtime/openapi.d.ts): copy them beside.
for (const file of readdirSync(join(root, 'src'), { recursive: true })
  .map(String)
  .filter((f) => f.endsWith('.d.ts'))) {
  mkdirSync(dirname(join(root, 'dist', 'types', file)), { recursive: true });
  copyFileSync(join(root, 'src', file), join(root, 'dist', 'types', file));
}

// 2. The compiler package (@dvc-forms/compiler): plain JS, so its CLI runs with plain Node.
const compilerBin = join(root, 'compiler', 'bin', 'dvc-forms.mjs');
const hasCompiler = existsSync(join(root, 'compiler', 'tsconfig.json'));
if (hasCompiler) {
  rmSync(join(root, 'compiler', 'dist'), { recursive: true, force: true });
  step('compiler (tsc -p compiler/tsconfig.json) → compiler/dist', bin('tsc'), ['-p', 'compiler/tsconfig.json'], {
    okCodes: allowTypeErrors ? [0, 2] : [0],
  });
}

// 3. Compile the example procedures with that CLI. It imports the SDK's DOM-free runtime
// (`dvc-forms/runtime/pointer.js`), whose plain JS (dist/lib) the bundles of step 4 make from these very
// procedures; so here the runtime is read from its TypeScript sources (the `dvc-source` condition, tsx).
// The CLI of an installed @dvc-forms/compiler runs with plain Node (tests/e2e/packages.test.ts).
const compilerNode = [process.execPath, ['--conditions=dvc-source', '--import', 'tsx', compilerBin]];
const definitions = join(root, 'schemas', 'procedures');
const hasDefinitions = existsSync(definitions) && readdirSync(definitions).some((f) => f.endsWith('.json'));
if (hasCompiler && hasDefinitions) {
  rmSync(join(root, 'generated', 'procedures'), { recursive: true, force: true });
  step('compile schemas/procedures → generated/procedures', compilerNode[0], [
    ...compilerNode[1],
    'compile',
    'schemas/procedures',
    '--out',
    'generated/procedures',
    '--runtime-import',
    '../../../src',
    ...(existsSync(join(root, 'conformance', 'fixtures')) ? ['--vectors', 'conformance/fixtures'] : []),
  ]);
} else {
  process.stdout.write('build: skipped compiling procedures (no compiler/ or no schemas/procedures/*.json)\n');
}

// 3b. Compile the test fixture the shell's browser tests and stories import (it is generated, not committed,
// so a fresh clone must build it like the example procedures).
const shellFixtures = join(root, 'tests', 'browser', 'shell', 'fixtures');
if (hasCompiler && existsSync(shellFixtures)) {
  rmSync(join(shellFixtures, 'generated'), { recursive: true, force: true });
  step('compile tests/browser/shell/fixtures → tests/browser/shell/fixtures/generated', compilerNode[0], [
    ...compilerNode[1],
    'compile',
    'tests/browser/shell/fixtures',
    '--out',
    'tests/browser/shell/fixtures/generated',
    '--runtime-import',
    '../../../../../../src',
  ]);
}

// 4. Bundles.
step('rollup → dist/lib, dist/dvc-forms.js, dist/procedures, dist/chunks', process.execPath, ['scripts/rollup-build.mjs'], {
  env: { NODE_ENV: 'production' },
});

// 5. The reference server and the conformance kit: plain JS that imports the SDK's dist/lib.
for (const pkg of ['server', 'conformance']) {
  if (!existsSync(join(root, pkg, 'tsconfig.json'))) continue;
  rmSync(join(root, pkg, 'dist'), { recursive: true, force: true });
  step(`${pkg} (tsc -p ${pkg}/tsconfig.json) → ${pkg}/dist`, bin('tsc'), ['-p', `${pkg}/tsconfig.json`], {
    okCodes: allowTypeErrors ? [0, 2] : [0],
  });
}

// Next to each procedure's validator.js and model.js: the resolved definition and the type declarations.
for (const slug of existsSync(join(root, 'dist', 'procedures')) ? readdirSync(join(root, 'dist', 'procedures')) : []) {
  const from = join(root, 'generated', 'procedures', slug);
  if (!existsSync(join(from, 'define.js'))) continue;
  for (const file of readdirSync(from).filter((f) => f === 'definition.json' || f === 'vectors.json' || f.endsWith('.d.ts'))) {
    copyFileSync(join(from, file), join(root, 'dist', 'procedures', slug, file));
  }
}

// 6. Custom-elements manifest.
if (existsSync(join(root, 'src/components'))) {
  step('custom-elements manifest → custom-elements.json', bin('cem'), [
    'analyze',
    '--config',
    'custom-elements-manifest.config.mjs',
    '--quiet',
  ]);
  copyFileSync(join(root, 'custom-elements.json'), join(root, 'dist', 'custom-elements.json'));
} else {
  process.stdout.write('build: skipped custom-elements manifest (no src/components yet)\n');
}

// 7. Sizes.
step('size report', process.execPath, ['scripts/size-report.mjs']);

process.stdout.write(`build: finished in ${((Date.now() - started) / 1000).toFixed(1)}s\n`);
