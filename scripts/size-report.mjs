#!/usr/bin/env node
// Prints the shipped sizes (raw and gzip level 9, like `gzip -9`) of:
//   - dist/dvc-forms.js                 everything in one file (all tags, all example procedures);
//   - the SDK without procedures        src/index.ts + every src/define/*.ts, bundled and minified here;
//   - the runtime alone                 the DOM-free src/runtime/**, bundled and minified here;
//   - dist/procedures/<slug>.js         each compiled procedure, self-contained.
// and writes the same numbers to dist/size-report.json. Run after `rollup -c` (scripts/build.mjs does).
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { rollup } from 'rollup';
import { filesUnder, plugins } from '../rollup.config.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Gzip -9 size of a text. */
const gzip9 = (text) => gzipSync(Buffer.from(text), { level: 9 }).length;

/** Bundles a virtual entry that imports `files` (re-exporting them, so nothing is shaken away), minified. */
async function bundleOf(files) {
  const id = '\0dvc-size-entry';
  const entry = files.map((f) => `export * from ${JSON.stringify(join(root, f))};`).join('\n');
  const bundle = await rollup({
    input: id,
    onwarn: () => {},
    plugins: [
      { name: 'virtual-entry', resolveId: (s) => (s === id ? id : null), load: (s) => (s === id ? entry : null) },
      ...plugins(),
    ],
  });
  const { output } = await bundle.generate({ format: 'es', inlineDynamicImports: true });
  await bundle.close();
  return output.filter((o) => o.type === 'chunk').map((o) => o.code).join('\n');
}

/** @type {Array<{ name: string, bytes: number, gzip: number }>} */
const rows = [];
const add = (name, code) => rows.push({ name, bytes: Buffer.byteLength(code), gzip: gzip9(code) });

const all = join(root, 'dist', 'dvc-forms.js');
if (existsSync(all)) add('dist/dvc-forms.js (all tags + all procedures)', readFileSync(all, 'utf8'));

const sdk = [
  ...['src/index.ts'].filter((f) => existsSync(join(root, f))),
  ...filesUnder('src/define', (f) => f.endsWith('.ts') && !f.endsWith('.d.ts')),
];
if (sdk.length > 0) add('SDK without procedures (index + all built-in tags)', await bundleOf(sdk));

const runtime = filesUnder('src/runtime', (f) => f.endsWith('.ts') && !f.endsWith('.d.ts'));
if (runtime.length > 0) add('runtime alone (src/runtime, DOM-free)', await bundleOf(runtime));

const procDir = join(root, 'dist', 'procedures');
if (existsSync(procDir)) {
  for (const f of readdirSync(procDir).filter((n) => n.endsWith('.js')).sort()) {
    add(`dist/procedures/${f}`, readFileSync(join(procDir, f), 'utf8'));
  }
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const width = Math.max(10, ...rows.map((r) => r.name.length));
process.stdout.write(`${'bundle'.padEnd(width)}  ${'minified'.padStart(10)}  ${'gzip -9'.padStart(10)}\n`);
for (const r of rows) {
  process.stdout.write(`${r.name.padEnd(width)}  ${kb(r.bytes).padStart(10)}  ${kb(r.gzip).padStart(10)}\n`);
}
if (existsSync(join(root, 'dist'))) {
  writeFileSync(join(root, 'dist', 'size-report.json'), JSON.stringify(rows, null, 2) + '\n');
}
