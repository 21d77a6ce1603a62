// Rollup build of the SDK (run by scripts/build.mjs after the procedures are compiled).
//
// (a) dist/lib/             ESM library, one module per source file (preserveModules), dependencies external:
//                           per-component entry points for apps that bundle and tree-shake themselves.
// (b) page bundles, built together so that what they share is downloaded once per page:
//     dist/dvc-forms.js              every built-in tag and every compiled example procedure (src/all.ts);
//     dist/procedures/<slug>.js      one compiled example procedure and the tags it uses;
//     dist/chunks/sdk-<hash>.js      the code every page bundle needs (Lit, the shell, the runtime, …);
//     dist/chunks/<name>-<hash>.js   code only some bundles share, and lazily loaded code: the admin-unit
//                                    list (admin-units-<hash>.js, only when an address field shows), the
//                                    back-end client (http-client-<hash>.js, only with `api-base`).
//     A page still adds ONE <script type="module" src=".../procedures/<slug>.js"> (or dvc-forms.js): chunks
//     are imported with relative URLs, so dist/ works from any path it is copied to, and nothing needs
//     eval, inline script or blob: URLs (strict CSP).
// (c) dist/procedures/<slug>/{validator,model}.js  a procedure's validator and model alone, for back ends.
//
// TypeScript goes through esbuild (rollup-plugin-esbuild; types are checked separately by `tsc`), whose
// resolver also maps `./x.js` to `./x.ts` when only the TS source exists. Everything is minified by terser
// and ships with source maps.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import esbuild from 'rollup-plugin-esbuild';
import commonjs from '@rollup/plugin-commonjs';
import json from '@rollup/plugin-json';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { ownSideEffects } from './scripts/lib/own-side-effects.mjs';

const root = dirname(fileURLToPath(import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** Files under `dir` (relative to the repo) whose path matches `test`, sorted; `[]` when `dir` is missing. */
export function filesUnder(dir, test) {
  const abs = join(root, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs, { recursive: true })
    .map((f) => join(dir, String(f)).split(sep).join('/'))
    .filter((f) => statSync(join(root, f)).isFile() && test(f))
    .sort();
}

const isSource = (f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !/\.(test|stories)\.ts$/.test(f);

/**
 * Entry points of the ESM library: each component module (`src/components/<name>/<name>.ts`, and the other
 * component files), each `src/define/<tag>.ts`, `src/internal/define.ts`, every runtime and client module,
 * and `src/index.ts` (the compiler is its own package, compiler/).
 */
export function libraryEntries() {
  const files = [
    ...filesUnder('src/components', isSource),
    ...filesUnder('src/define', isSource),
    ...filesUnder('src/internal', (f) => f === 'src/internal/define.ts'),
    ...filesUnder('src/runtime', isSource),
    ...filesUnder('src/client', isSource),
    ...['src/index.ts'].filter((f) => existsSync(join(root, f))),
  ];
  return Object.fromEntries(files.map((f) => [relative('src', f).replace(/\.ts$/, '').split(sep).join('/'), f]));
}

/** Slugs of the compiled procedures in generated/procedures (those with a define.js). */
export function compiledProcedures() {
  const dir = join(root, 'generated', 'procedures');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((slug) => existsSync(join(dir, slug, 'define.js')))
    .sort();
}

/** Bare specifiers the library leaves to the consumer's bundler: runtime dependencies and Node built-ins. */
const externalDeps = [...Object.keys(pkg.dependencies ?? {}), ...builtinModules, /^node:/];
const isExternalDep = (id) => externalDeps.some((dep) => (dep instanceof RegExp ? dep.test(id) : id === dep || id.startsWith(dep + '/')));

/** Plugins shared by every output. `browser` bundles pick the browser + production builds of dependencies. */
export function plugins({ minify = true } = {}) {
  return [
    ownSideEffects(root),
    nodeResolve({ browser: true, exportConditions: ['browser', 'production'], extensions: ['.mjs', '.js', '.ts', '.json'] }),
    // Some browser dependencies still ship CommonJS inside their ESM build (tus-js-client → url-parse).
    commonjs({ include: /node_modules/, requireReturnsDefault: 'auto' }),
    json({ preferConst: true }),
    esbuild({ tsconfig: join(root, 'tsconfig.json'), target: 'es2022', sourceMap: true, minify: false }),
    ...(minify
      ? [
          terser({
            module: true,
            ecma: 2022,
            compress: { passes: 1 },
            format: { comments: false },
          }),
        ]
      : []),
  ];
}

/** Rollup warnings that are errors here: a missing import must never produce a half-built bundle. */
function onwarn(warning, warn) {
  if (warning.code === 'UNRESOLVED_IMPORT' || warning.code === 'MISSING_EXPORT') {
    throw new Error(`${warning.code}: ${warning.message}`);
  }
  if (warning.code === 'CIRCULAR_DEPENDENCY' && /node_modules/.test(warning.message)) return;
  // Type-only modules (model.ts, openapi types) are library entries on purpose: they compile to nothing.
  if (warning.code === 'EMPTY_BUNDLE') return;
  warn(warning);
}

const configs = [];

const lib = libraryEntries();
if (Object.keys(lib).length > 0) {
  configs.push({
    input: lib,
    external: isExternalDep,
    plugins: plugins(),
    onwarn,
    output: {
      dir: 'dist/lib',
      format: 'es',
      preserveModules: true,
      preserveModulesRoot: 'src',
      entryFileNames: '[name].js',
      sourcemap: true,
    },
  });
}

/**
 * Inputs of the page bundles: `dvc-forms` (src/all.ts), `sdk` (src/sdk.ts: the shell and every control,
 * for procedures compiled with `--bundle`) and `procedures/<slug>` (each compiled procedure's
 * define.js). They are built together so that code they share lands in shared chunks.
 */
export function pageEntries() {
  const entries = {};
  if (existsSync(join(root, 'src/all.ts'))) entries['dvc-forms'] = 'src/all.ts';
  if (existsSync(join(root, 'src/sdk.ts'))) entries['sdk'] = 'src/sdk.ts';
  for (const slug of compiledProcedures()) entries[`procedures/${slug}`] = `generated/procedures/${slug}/define.js`;
  return entries;
}

/** Where the page bundles put their shared and lazily loaded chunks (relative to dist/). */
export const CHUNK_DIR = 'chunks';

/**
 * File name of a shared or lazy chunk: `sdk` for the one every page loads (it holds Lit), otherwise rollup's
 * name (the first module's: `admin-units`, `http-client`, a component shared by some procedures).
 * @param {import('rollup').PreRenderedChunk} chunk
 */
function chunkFileName(chunk) {
  const core = chunk.moduleIds.some((id) => /[\\/]node_modules[\\/]lit-element[\\/]/.test(id));
  // Code only dvc-forms.js and sdk.js share (tags no example procedure uses) would take the name of the
  // `sdk` entry: name it apart, so `sdk-<hash>.js` stays the one chunk every page loads.
  const name = core ? 'sdk' : chunk.name === 'sdk' ? 'more-controls' : '[name]';
  return `${CHUNK_DIR}/${name}-[hash].js`;
}

/**
 * Chunks smaller than this (bytes, before minification) are merged into another chunk where that runs no
 * extra side effect on any page (rollup's experimentalMinChunkSize), so a page pays fewer requests for
 * small modules a subset of procedures happens to share. Tag registrations (side effects) stay apart.
 */
const MIN_CHUNK_SIZE = 20_000;

const pages = pageEntries();
if (Object.keys(pages).length > 0) {
  configs.push({
    input: pages,
    plugins: plugins(),
    onwarn,
    // Entries export exactly what their module exports (dvc-forms.js: the public API; a procedure: its
    // class), never internals another entry happens to need.
    preserveEntrySignatures: 'strict',
    // experimentalMinChunkSize reports its merging at the info level: keep the build output to warnings.
    logLevel: 'warn',
    output: {
      dir: 'dist',
      format: 'es',
      entryFileNames: '[name].js',
      // Content-hashed, so a site can cache them for ever; imported relatively (`./chunks/…`, `../chunks/…`),
      // so dist/ works from whatever path a site copies it to.
      chunkFileNames: chunkFileName,
      experimentalMinChunkSize: MIN_CHUNK_SIZE,
      sourcemap: true,
    },
  });
}

for (const slug of compiledProcedures()) {
  // The procedure's validator and model alone (no DOM), for a back end that judges dossiers with the very
  // code the browser runs. scripts/build.mjs copies definition.json and the .d.ts files next to them.
  configs.push({
    input: {
      validator: `generated/procedures/${slug}/validator.js`,
      model: `generated/procedures/${slug}/model.js`,
    },
    plugins: plugins(),
    onwarn,
    output: { dir: `dist/procedures/${slug}`, format: 'es', entryFileNames: '[name].js', sourcemap: true },
  });
}

export default configs;
