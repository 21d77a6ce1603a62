/**
 * scripts/size-report.mjs over the real dist/: per-page totals are the static import closure of the page's
 * bundles (shared chunks counted once), the admin-unit list is reported as a lazy chunk, and the budgets
 * a citizen on a slow connection depends on hold (gzip -9 bytes; see README "Build output").
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, posix } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { parse } from 'acorn';
// @ts-expect-error: plain ESM script without declarations (scripts/ holds Node build scripts only).
import { formatReport, sizeReport } from '../../../scripts/size-report.mjs';

interface Row {
  name: string;
  bytes: number;
  gzip: number;
  files?: string[];
  entries?: string[];
  requests?: number;
  importedBy?: string[];
}
interface Report {
  files: Row[];
  pages: Row[];
  lazy: Row[];
  sdk: Row[];
}

const root = fileURLToPath(new URL('../../..', import.meta.url));
const KB = 1024;
/** Budgets (gzip -9): what a page downloads before its first step shows. */
// Measured 07:20 UTC 2026-11-22: 68.7–75.7 / 89.6 / 143.7 KB. Raising a budget is a decision: say why in
// the commit, and prefer making the new code lazy (a dynamic import) when a page does not need it at once.
// 2026-12-07: all-procedures page 154.0 -> 155.5 KB when the shell was split into reactive controllers
// (issue 14 item 7: the controllers' accessors and wiring, ~1.5 KB gzip; all of it needed at the first step),
// so that budget went from 155 to 157 KB.
const BUDGET = { onePage: 80 * KB, twoPages: 100 * KB, allPage: 157 * KB };

/**
 * The relative static imports of a built file (paths under dist/), read with acorn: a second parser and
 * a second walk, so that the report's own (rollup's parseAst) cannot agree with itself by mistake.
 */
function staticImportsOf(distDir: string, file: string): string[] {
  const ast = parse(readFileSync(join(distDir, file), 'utf8'), { ecmaVersion: 'latest', sourceType: 'module' });
  const out: string[] = [];
  for (const node of ast.body) {
    if (
      (node.type === 'ImportDeclaration' || node.type === 'ExportAllDeclaration' || node.type === 'ExportNamedDeclaration') &&
      node.source
    ) {
      const spec = String(node.source.value);
      assert.ok(spec.startsWith('./') || spec.startsWith('../'), `dist/${file} imports ${spec}`);
      out.push(posix.normalize(posix.join(posix.dirname(file), spec)));
    }
  }
  return out;
}

/** A page's files, computed here: the entries and every file they import statically, transitively. */
function closureOf(distDir: string, entries: string[]): string[] {
  const seen = new Set<string>();
  const todo = [...entries];
  while (todo.length > 0) {
    const f = todo.pop()!;
    if (seen.has(f)) continue;
    seen.add(f);
    todo.push(...staticImportsOf(distDir, f));
  }
  return [...seen].sort();
}

describe('size report (dist/)', async () => {
  assert.ok(existsSync(join(root, 'dist', 'dvc-forms.js')), 'dist/ is not built: run `npm run build`');
  const report = (await sizeReport({ comparison: false })) as Report;
  const size = (name: string) => report.files.find((f) => f.name === name);
  const single = report.pages.filter((p) => p.entries?.length === 1 && p.entries[0]!.startsWith('dist/procedures/'));
  const pair = report.pages.find((p) => p.entries?.length === 2);

  it('a page total is the sum of its files, each counted once', () => {
    assert.ok(single.length > 0 && pair);
    for (const page of [...single, pair!]) {
      assert.equal(new Set(page.files).size, page.files!.length);
      assert.equal(page.requests, page.files!.length);
      const sum = page.files!.reduce((t, f) => t + size(f)!.gzip, 0);
      assert.equal(page.gzip, sum, page.name);
    }
  });

  it('each page total matches a closure computed independently (acorn, gzip -9 of the files on disk)', () => {
    const distDir = join(root, 'dist');
    // The pages there must be: dist/dvc-forms.js, one per dist/procedures/*.js, and the pair.
    const procedureEntries = readdirSync(join(distDir, 'procedures'))
      .filter((f) => f.endsWith('.js'))
      .map((f) => `dist/procedures/${f}`);
    assert.ok(procedureEntries.length >= 5, `only ${procedureEntries.length} procedure bundles in dist/procedures`);
    const entryLists = report.pages.map((p) => (p.entries ?? []).join(' ')).sort();
    assert.deepEqual(
      entryLists.filter((e) => !e.includes(' ')),
      ['dist/dvc-forms.js', ...procedureEntries].sort(),
      'one page per entry bundle',
    );
    assert.ok(pair, 'the pair page');
    for (const page of report.pages) {
      const entries = page.entries!.map((e) => e.replace(/^dist\//, ''));
      const files = closureOf(distDir, entries);
      const gzip = files.reduce((t, f) => t + gzipSync(readFileSync(join(distDir, f)), { level: 9 }).length, 0);
      const bytes = files.reduce((t, f) => t + readFileSync(join(distDir, f)).length, 0);
      assert.ok(files.length > entries.length, `${page.name}: the entries import no chunk`);
      assert.deepEqual(
        [...page.files!].sort(),
        files.map((f) => `dist/${f}`),
        `${page.name}: files`,
      );
      assert.equal(page.requests, files.length, `${page.name}: file count`);
      assert.equal(page.gzip, gzip, `${page.name}: gzip -9 total`);
      assert.equal(page.bytes, bytes, `${page.name}: byte total`);
    }
  });

  it('two procedures share their chunks: the pair costs less than the two pages apart', () => {
    const apart = pair!.entries!.map((e) => single.find((p) => p.entries![0] === e)!.gzip).reduce((a, b) => a + b, 0);
    const shared = report.files.find((f) => /^dist\/chunks\/sdk-/.test(f.name))!;
    assert.ok(pair!.gzip <= apart - shared.gzip, `pair ${pair!.gzip} B, apart ${apart} B, shared chunk ${shared.gzip} B`);
  });

  it('the admin-unit list is a lazy chunk, in no page total', () => {
    const admin = report.lazy.find((l) => /^dist\/chunks\/admin-units-/.test(l.name));
    assert.ok(admin, `no admin-units chunk among the lazy ones: ${JSON.stringify(report.lazy.map((l) => l.name))}`);
    assert.ok(admin.gzip > 10 * KB, 'the admin-unit chunk is suspiciously small');
    for (const page of report.pages) assert.ok(!page.files!.includes(admin.name), `${page.name} counts ${admin.name}`);
  });

  it(`budgets: one procedure ≤ ${BUDGET.onePage / KB} KB, two ≤ ${BUDGET.twoPages / KB} KB, dvc-forms.js ≤ ${BUDGET.allPage / KB} KB (gzip)`, () => {
    for (const page of single) assert.ok(page.gzip <= BUDGET.onePage, `${page.name}: ${(page.gzip / KB).toFixed(1)} KB`);
    assert.ok(pair!.gzip <= BUDGET.twoPages, `${pair!.name}: ${(pair!.gzip / KB).toFixed(1)} KB`);
    const all = report.pages.find((p) => p.entries?.[0] === 'dist/dvc-forms.js')!;
    assert.ok(all.gzip <= BUDGET.allPage, `${all.name}: ${(all.gzip / KB).toFixed(1)} KB`);
  });

  it('prints every section', () => {
    const text = formatReport(report) as string;
    for (const heading of ['files', 'pages: before the first step shows', 'lazy chunks']) assert.ok(text.includes(heading), heading);
  });
});
