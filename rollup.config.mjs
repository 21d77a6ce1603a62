// Rollup build of the SDK (run by scripts/build.mjs after the procedures are compiled).
//
// (a) dist/lib/             ESM library, one module per source file (preserveModules), dependencies external:
//                           per-component entry points for apps that bundle and tree-shake themselves.
// (b) dist/dvc-forms.js     ONE self-contained file (src/all.ts): every built-in tag and every compiled
//                           example procedure, for a page that adds a single <script type="module">.
// (c) dist/procedures/<slug>.js  each compiled example procedure alone, self-contained;
//     dist/procedures/<slug>/{validator,model}.js  its validator and model alone, for back ends.
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
 * the compiler (Node only) and `src/index.ts`.
 */
export function libraryEntries() {
  const files = [
    ...filesUnder('src/components', isSource),
    ...filesUnder('src/define', isSource),
    ...filesUnder('src/internal', (f) => f === 'src/internal/define.ts'),
    ...filesUnder('src/runtime', isSource),
    ...filesUnder('src/client', isSource),
    // The compiler (Node only; its dependencies stay external) for bin/dvc-forms.mjs and build plugins.
    ...filesUnder('src/compiler', isSource),
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
const isExternalDep = (id) =>
  externalDeps.some((dep) => (dep instanceof RegExp ? dep.test(id) : id === dep || id.startsWith(dep + '/')));

/** Plugins shared by every output. `browser` bundles pick the browser + production builds of dependencies. */
export function plugins({ minify = true } = {}) {
  return [
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

if (existsSync(join(root, 'src/all.ts'))) {
  configs.push({
    input: 'src/all.ts',
    plugins: plugins(),
    onwarn,
    output: { file: 'dist/dvc-forms.js', format: 'es', inlineDynamicImports: true, sourcemap: true },
  });
}

for (const slug of compiledProcedures()) {
  configs.push({
    input: `generated/procedures/${slug}/define.js`,
    plugins: plugins(),
    onwarn,
    output: { file: `dist/procedures/${slug}.js`, format: 'es', inlineDynamicImports: true, sourcemap: true },
  });
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
