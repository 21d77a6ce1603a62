#!/usr/bin/env node
// `npm run pack [-- --out <dir>]`: the four packages as the tarballs a registry would receive.
//
//   dvc-forms               the SDK (root):      dist/ (bundles, dist/lib, dist/types), custom-elements.json
//   @dvc-forms/compiler     compiler/:           bin/, dist/ (plain JS), schemas/ (the meta-schema)
//   @dvc-forms/server       server/:             bin/, dist/ (plain JS), migrations/, Dockerfile
//   @dvc-forms/conformance  conformance/:        bin/, dist/ (plain JS), fixtures/, openapi.yaml
//
// Each package is staged in <out>/stage/<name>/ from its `files` list, with its package.json made
// publishable: scripts, devDependencies and workspaces dropped, `file:..` dependencies on the SDK turned
// into `^<version>`, and the repository-only `dvc-source` export condition (TypeScript sources) removed.
// Then `npm pack` writes <out>/<name>-<version>.tgz. Needs `npm run build` first (it says so if not).
// Prints one line per tarball; `--json` prints `{ "<name>": "<tarball path>" }` instead.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const outAt = argv.indexOf('--out');
const out = resolve(outAt >= 0 && argv[outAt + 1] ? argv[outAt + 1] : join(root, '.tmp', 'pack'));
const asJson = argv.includes('--json');

/** The packages: directory, files that must exist (built), and extra files copied in from the repository. */
const PACKAGES = [
  {
    dir: '.',
    needs: ['dist/sdk.js', 'dist/dvc-forms.js', 'dist/lib/index.js', 'dist/types/index.d.ts', 'custom-elements.json'],
    extra: [],
  },
  {
    dir: 'compiler',
    needs: ['dist/cli.js', 'dist/index.js', 'dist/index.d.ts'],
    extra: readdirSync(join(root, 'schemas'))
      .filter((f) => f.endsWith('.json'))
      .map((f) => [`schemas/${f}`, `schemas/${f}`]),
  },
  { dir: 'server', needs: ['dist/main.js', 'dist/app.js'], extra: [] },
  { dir: 'conformance', needs: ['dist/cli.js', 'dist/kit.js'], extra: [['api/openapi.yaml', 'openapi.yaml']] },
];

const fail = (message) => {
  process.stderr.write(`pack: ${message}\n`);
  process.exit(1);
};

/** Removes the `dvc-source` condition (it points at TypeScript sources the tarball does not hold). */
function stripSourceCondition(value) {
  if (Array.isArray(value)) return value.map(stripSourceCondition);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => k !== 'dvc-source')
      .map(([k, v]) => [k, stripSourceCondition(v)]),
  );
}

const sdkVersion = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;

/** The package.json a registry receives. */
function publishable(pkg) {
  const { scripts: _s, devDependencies: _d, workspaces: _w, ...rest } = pkg;
  const deps = (list) =>
    list &&
    Object.fromEntries(Object.entries(list).map(([name, range]) => [name, String(range).startsWith('file:') ? `^${sdkVersion}` : range]));
  return stripSourceCondition({
    ...rest,
    ...(rest.dependencies ? { dependencies: deps(rest.dependencies) } : {}),
    ...(rest.peerDependencies ? { peerDependencies: deps(rest.peerDependencies) } : {}),
  });
}

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'stage'), { recursive: true });
const tarballs = {};
for (const { dir, needs, extra } of PACKAGES) {
  const from = join(root, dir);
  const pkg = JSON.parse(readFileSync(join(from, 'package.json'), 'utf8'));
  const missing = needs.filter((f) => !existsSync(join(from, f)));
  if (missing.length > 0) fail(`${pkg.name}: ${missing.map((f) => join(dir, f)).join(', ')} missing; run \`npm run build\` first`);
  const stage = join(out, 'stage', pkg.name.replace('/', '+'));
  mkdirSync(stage, { recursive: true });
  for (const entry of pkg.files ?? []) {
    const src = join(from, entry);
    if (existsSync(src)) cpSync(src, join(stage, entry), { recursive: true });
  }
  for (const [src, to] of extra) cpSync(join(root, src), join(stage, to), { recursive: true });
  if (!existsSync(join(stage, 'LICENSE'))) cpSync(join(root, 'LICENSE'), join(stage, 'LICENSE'));
  if (!existsSync(join(stage, 'README.md'))) fail(`${pkg.name}: ${join(dir, 'README.md')} is missing`);
  writeFileSync(join(stage, 'package.json'), `${JSON.stringify(publishable(pkg), null, 2)}\n`);
  const r = spawnSync('npm', ['pack', '--json', '--pack-destination', out], { cwd: stage, encoding: 'utf8' });
  if (r.status !== 0) fail(`npm pack ${pkg.name} failed: ${r.stderr.trim()}`);
  const [info] = JSON.parse(r.stdout);
  tarballs[pkg.name] = join(out, info.filename);
  if (!asJson)
    process.stdout.write(
      `pack: ${pkg.name}@${pkg.version} → ${tarballs[pkg.name]} (${info.entryCount} files, ${(info.size / 1024).toFixed(0)} KB)\n`,
    );
}
if (asJson) process.stdout.write(`${JSON.stringify(tarballs)}\n`);
