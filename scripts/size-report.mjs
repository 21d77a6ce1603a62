#!/usr/bin/env node
// Prints the shipped sizes (raw and gzip level 9, like `gzip -9`; each file gzipped on its own, as a server
// sends it) and writes them to dist/size-report.json. Run after the rollup build (scripts/build.mjs does).
//
//   files   every page-bundle file: dist/dvc-forms.js, dist/procedures/<slug>.js, dist/chunks/*.js;
//   pages   what a page downloads before its first step shows: the entry and every chunk it imports
//           statically (its static import closure), for a page with dvc-forms.js, with each procedure, and
//           with two procedures (the largest pair; shared chunks counted once, as the browser does);
//   lazy    chunks imported dynamically, loaded only when needed: the admin-unit list (an address field
//           without a back-end list is shown), the back-end client (`api-base` set), …;
//   sdk     the SDK without procedures (src/index.ts + every src/define/*.ts) and the runtime alone
//           (src/runtime/**), each bundled into one minified file here, for comparison over time.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, posix, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { rollup } from 'rollup';
import { parseAst } from 'rollup/parseAst';
import { CHUNK_DIR, filesUnder, plugins } from '../rollup.config.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The dist/ directory measured: `DVC_DIST_DIR` (for trying a build elsewhere), else the repo's dist/. */
const dist = process.env.DVC_DIST_DIR ? resolve(process.env.DVC_DIST_DIR) : join(root, 'dist');

/** Gzip -9 size of a text. */
const gzip9 = (text) => gzipSync(Buffer.from(text), { level: 9 }).length;

/** Bundles a virtual entry that imports `files` (re-exporting them, so nothing is shaken away), minified. */
async function bundleOf(files) {
  const id = '\0dvc-size-entry';
  const entry = files.map((f) => `export * from ${JSON.stringify(join(root, f))};`).join('\n');
  const bundle = await rollup({
    input: id,
    onwarn: () => {},
    plugins: [{ name: 'virtual-entry', resolveId: (s) => (s === id ? id : null), load: (s) => (s === id ? entry : null) }, ...plugins()],
  });
  const { output } = await bundle.generate({ format: 'es', inlineDynamicImports: true });
  await bundle.close();
  return output
    .filter((o) => o.type === 'chunk')
    .map((o) => o.code)
    .join('\n');
}

/**
 * The relative imports of a built module (paths relative to dist/, `/`-separated), static and dynamic.
 * Bare or absolute specifiers are an error: a page bundle must only import its siblings.
 * @param {string} file path relative to dist/
 * @returns {{ static: string[], dynamic: string[] }}
 */
export function importsOf(file) {
  const code = readFileSync(join(dist, file), 'utf8');
  const found = { static: [], dynamic: [] };
  const visit = (node) => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    const kind =
      node.type === 'ImportExpression'
        ? 'dynamic'
        : ['ImportDeclaration', 'ExportAllDeclaration', 'ExportNamedDeclaration'].includes(node.type) && node.source
          ? 'static'
          : undefined;
    if (kind) {
      const spec = node.source.type === 'Literal' ? String(node.source.value) : undefined;
      if (spec === undefined || !(spec.startsWith('./') || spec.startsWith('../'))) {
        throw new Error(`dist/${file}: import of ${spec ?? 'a computed specifier'} (page bundles import only relative siblings)`);
      }
      found[kind].push(posix.normalize(posix.join(posix.dirname(file), spec)));
    }
    for (const [key, value] of Object.entries(node)) if (key !== 'source') visit(value);
  };
  visit(parseAst(code));
  return found;
}

/**
 * Files a page downloads before anything renders when it loads `entries`: the entries and everything they
 * import statically, transitively (each file once).
 * @param {string[]} entries paths relative to dist/
 */
export function staticClosure(entries) {
  const seen = new Set();
  const walk = (f) => {
    if (seen.has(f)) return;
    seen.add(f);
    importsOf(f).static.forEach(walk);
  };
  entries.forEach(walk);
  return [...seen].sort();
}

/** The page-bundle files in dist/: entries and chunks (paths relative to dist/). */
export function pageFiles() {
  const entries = [
    ...(existsSync(join(dist, 'dvc-forms.js')) ? ['dvc-forms.js'] : []),
    ...(existsSync(join(dist, 'procedures'))
      ? readdirSync(join(dist, 'procedures'))
          .filter((f) => f.endsWith('.js'))
          .sort()
          .map((f) => `procedures/${f}`)
      : []),
  ];
  const chunks = existsSync(join(dist, CHUNK_DIR))
    ? readdirSync(join(dist, CHUNK_DIR))
        .filter((f) => f.endsWith('.js'))
        .sort()
        .map((f) => `${CHUNK_DIR}/${f}`)
    : [];
  return { entries, chunks };
}

/**
 * Measures dist/ and returns the report (also used by tests/node/build).
 * @param {{ comparison?: boolean }} [options] `comparison: false` skips the two one-file bundles built here.
 */
export async function sizeReport({ comparison = true } = {}) {
  const sizes = new Map();
  const size = (file) => {
    if (!sizes.has(file)) {
      const code = readFileSync(join(dist, file), 'utf8');
      sizes.set(file, { bytes: Buffer.byteLength(code), gzip: gzip9(code) });
    }
    return sizes.get(file);
  };
  const total = (files) => files.reduce((t, f) => ({ bytes: t.bytes + size(f).bytes, gzip: t.gzip + size(f).gzip }), { bytes: 0, gzip: 0 });

  const { entries, chunks } = pageFiles();
  const files = [...entries, ...chunks].map((f) => ({ name: `dist/${f}`, ...size(f) }));

  const pages = [];
  const procedures = entries.filter((e) => e.startsWith('procedures/'));
  const page = (name, list) => {
    const closure = staticClosure(list);
    pages.push({
      name,
      entries: list.map((e) => `dist/${e}`),
      files: closure.map((f) => `dist/${f}`),
      requests: closure.length,
      ...total(closure),
    });
  };
  if (entries.includes('dvc-forms.js')) page('page with dist/dvc-forms.js (all tags, all procedures)', ['dvc-forms.js']);
  for (const p of procedures) page(`page with ${p.slice('procedures/'.length, -3)}`, [p]);
  let pair;
  for (let i = 0; i < procedures.length; i++) {
    for (let j = i + 1; j < procedures.length; j++) {
      const g = total(staticClosure([procedures[i], procedures[j]])).gzip;
      if (!pair || g > pair.gzip) pair = { list: [procedures[i], procedures[j]], gzip: g };
    }
  }
  if (pair) {
    const names = pair.list.map((p) => p.slice('procedures/'.length, -3));
    page(`page with two procedures (largest pair: ${names.join(' + ')})`, pair.list);
  }

  // Chunks some module imports dynamically (dvc-forms.js may still import one statically, e.g. the back-end
  // client it re-exports; a procedure page loads them only when needed).
  const all = [...entries, ...chunks];
  const lazy = chunks
    .map((c) => ({
      name: `dist/${c}`,
      ...size(c),
      importedBy: all.filter((f) => importsOf(f).dynamic.includes(c)).map((f) => `dist/${f}`),
    }))
    .filter((c) => c.importedBy.length > 0);

  const sdk = [];
  const sdkFiles = [
    ...['src/index.ts'].filter((f) => existsSync(join(root, f))),
    ...filesUnder('src/define', (f) => f.endsWith('.ts') && !f.endsWith('.d.ts')),
  ];
  const addBundle = (name, code) => sdk.push({ name, bytes: Buffer.byteLength(code), gzip: gzip9(code) });
  if (comparison && sdkFiles.length > 0)
    addBundle('SDK without procedures (index + all built-in tags, one file)', await bundleOf(sdkFiles));
  const runtime = filesUnder('src/runtime', (f) => f.endsWith('.ts') && !f.endsWith('.d.ts'));
  if (comparison && runtime.length > 0) addBundle('runtime alone (src/runtime, DOM-free, one file)', await bundleOf(runtime));

  return { files, pages, lazy, sdk };
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

/** The report as a plain-text table. */
export function formatReport({ files, pages, lazy, sdk }) {
  const sections = [
    ['files', files],
    ['pages: before the first step shows', pages],
    ['lazy chunks (only when needed)', lazy],
    ['for comparison', sdk],
  ];
  const width = Math.max(10, ...sections.flatMap(([, rows]) => rows.map((r) => r.name.length)));
  const lines = [];
  for (const [title, rows] of sections) {
    if (rows.length === 0) continue;
    lines.push(
      `${title.padEnd(width)}  ${'minified'.padStart(10)}  ${'gzip -9'.padStart(10)}${title.startsWith('pages') ? '  files' : ''}`,
    );
    for (const r of rows) {
      const extra =
        r.requests !== undefined ? `  ${String(r.requests).padStart(5)}` : r.importedBy ? `  (from ${r.importedBy.join(', ')})` : '';
      lines.push(`  ${r.name.padEnd(width - 2)}  ${kb(r.bytes).padStart(10)}  ${kb(r.gzip).padStart(10)}${extra}`);
    }
  }
  return lines.join('\n') + '\n';
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const report = await sizeReport();
  process.stdout.write(formatReport(report));
  if (existsSync(dist)) writeFileSync(join(dist, 'size-report.json'), JSON.stringify(report, null, 2) + '\n');
}
