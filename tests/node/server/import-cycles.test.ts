/**
 * The reference server's modules import each other without a cycle (issue 14, item 9). A cycle makes
 * the order modules are evaluated in matter (a `const` read before its module ran is a TDZ error) and
 * ties the modules in it into one piece; a module both sides need goes into a module of its own (as
 * `paymentSummary` went to a module apart from both, now server/src/store/payments.ts). Type-only imports count too: they are the
 * same dependency, only erased at run time.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = fileURLToPath(new URL('../../..', import.meta.url));

/** Every .ts file under `dir`. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

/** The module graph of `dir`: each file and the files of `dir` it imports or re-exports (relative specifiers). */
function importGraph(dir: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sources(dir)) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets: string[] = [];
    for (const { fileName } of importedFiles) {
      if (!fileName.startsWith('.')) continue;
      const base = path.resolve(path.dirname(file), fileName);
      const target = [base.replace(/\.js$/, '.ts'), base, `${base}.ts`, path.join(base, 'index.ts')].find(
        (f) => f.endsWith('.ts') && existsSync(f),
      );
      if (target && target.startsWith(dir + path.sep)) targets.push(target);
    }
    graph.set(file, targets);
  }
  return graph;
}

/** Every import cycle of the graph, each as the list of files on it (relative to the repository), the first repeated last. */
function importCycles(graph: Map<string, string[]>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string): void => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next].map((f) => path.relative(root, f)));
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of [...graph.keys()].sort()) if (!state.has(file)) visit(file);
  return cycles;
}

describe('server modules: no import cycle', () => {
  it('the walker finds a cycle when there is one (a → b → a) and none in a chain', () => {
    const a = path.join(root, 'x/a.ts');
    const b = path.join(root, 'x/b.ts');
    const c = path.join(root, 'x/c.ts');
    assert.deepEqual(
      importCycles(
        new Map([
          [a, [b]],
          [b, [a]],
          [c, [a]],
        ]),
      ),
      [['x/a.ts', 'x/b.ts', 'x/a.ts']],
    );
    assert.deepEqual(
      importCycles(
        new Map([
          [a, [b]],
          [b, [c]],
          [c, []],
        ]),
      ),
      [],
    );
  });

  it('reads imports, type imports and re-exports of server/src', () => {
    const graph = importGraph(path.join(root, 'server/src'));
    assert.ok(graph.size > 20, `found ${graph.size} modules`);
    const app = graph.get(path.join(root, 'server/src/app.ts')) ?? [];
    assert.ok(app.includes(path.join(root, 'server/src/routes/dossiers.ts')), 'app.ts imports routes/dossiers.ts');
  });

  it('server/src has no import cycle', () => {
    const cycles = importCycles(importGraph(path.join(root, 'server/src')));
    assert.deepEqual(
      cycles.map((c) => c.join(' → ')),
      [],
    );
  });
});
