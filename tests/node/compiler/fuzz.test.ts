/**
 * Compiler fuzzing (issue 7, hostile inputs): 1,000 seeded mutations of the example definitions in
 * schemas/procedures (deleted keys, changed types, huge/negative/NaN-ish numbers, 1e999, empty strings,
 * deep nesting, unknown x- keywords, broken and circular $refs, duplicate ids, catastrophic and invalid
 * regular expressions, unicode garbage, `__proto__`/`constructor` keys, huge arrays, truncated text,
 * duplicate JSON keys; see fuzz/mutate.ts). Each mutant is compiled in memory (`source` option: nothing is
 * read from or written to disk for it) and must end either with a DefinitionError whose every problem has
 * a file, a JSON pointer that exists in the mutant (or line:column) and a sentence, or with a sane output.
 * Any other exception, a crash of the compiling process, or a case slower than CASE_TIMEOUT_MS fails the
 * test with the seed, the case index and the mutations, so it replays:
 *
 *     FUZZ_SEED=<seed> FUZZ_ONLY=<index> node --import tsx --test tests/node/compiler/fuzz.test.ts
 *
 * Cost: the definition-understanding stages (parse, $ref inlining, keyword and meta-schema checks, model:
 * `analyzeDefinition`) take ~15 ms a case and run on all 1,000 mutants. The code-generating stages (ajv's
 * standalone code bundled with esbuild ~160 ms, json-schema-to-typescript ~50 ms) run on every
 * FULL_EVERY-th mutant through `compileDefinition`; there the emitted modules must parse (acorn, the
 * TypeScript parser for the .d.ts files) and the validator, loaded from a data: URL, must validate.
 *
 * The cases run in a child process: a synchronous hang cannot be timed out in-process, so the parent
 * watches each case and kills the child when one takes too long.
 *
 * Environment: FUZZ_SEED (default 20261203), FUZZ_CASES (default 1000), FUZZ_ONLY (one case index),
 * FUZZ_FULL_EVERY (default 10), FUZZ_CASE_TIMEOUT_MS (default 10000).
 */
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileDirectory, definitionFiles } from '../../../compiler/src/index.js';
import { caseSeed, mutate } from './fuzz/mutate.js';
import type { CaseReport, WorkerConfig } from './fuzz/worker.js';
import { repoRoot } from './helpers.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20261203);
const CASES = Number(process.env.FUZZ_CASES ?? 1000);
const FULL_EVERY = Number(process.env.FUZZ_FULL_EVERY ?? 3);
const CASE_TIMEOUT_MS = Number(process.env.FUZZ_CASE_TIMEOUT_MS ?? 10_000);
const ONLY = process.env.FUZZ_ONLY === undefined ? undefined : Number(process.env.FUZZ_ONLY);
const WORKER = fileURLToPath(new URL('./fuzz/worker.ts', import.meta.url));

interface RunResult {
  reports: CaseReport[];
  /** Cases that hung or crashed the process (never reported back). */
  lost: Array<{ index: number; why: string }>;
  examples: string[];
}

/** How to replay case `index`, with its mutations. */
function describeCase(examples: string[], index: number): string {
  const file = examples[index % examples.length];
  const { steps } = mutate(readFileSync(file, 'utf8'), caseSeed(SEED, index));
  return `case ${index} of seed ${SEED} (${file}): ${steps.join('; ')}\n  replay: FUZZ_SEED=${SEED} FUZZ_ONLY=${index} node --import tsx --test tests/node/compiler/fuzz.test.ts`;
}

/** Runs `cases` in a child process; a hung case kills the child and the run goes on with the next case. */
async function runCases(examples: string[], cases: number[]): Promise<RunResult> {
  const result: RunResult = { reports: [], lost: [], examples };
  let todo = cases;
  while (todo.length > 0) {
    const config: WorkerConfig = { seed: SEED, cases: todo, fullEvery: FULL_EVERY, examples };
    const child = fork(WORKER, [JSON.stringify(config)], {
      execArgv: ['--import', 'tsx', '--max-old-space-size=1536'],
      cwd: repoRoot,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let current: number | undefined;
    let timer: NodeJS.Timeout | undefined;
    let hung = false;
    const done = new Set<number>();
    await new Promise<void>((resolve) => {
      child.on('message', (m: { type: 'start' | 'end'; index?: number } | CaseReport) => {
        if (m.type === 'start') {
          current = m.index;
          clearTimeout(timer);
          timer = setTimeout(() => {
            hung = true;
            child.kill('SIGKILL');
          }, CASE_TIMEOUT_MS);
        } else if (m.type === 'done') {
          clearTimeout(timer);
          done.add(m.index);
          result.reports.push(m);
          current = undefined;
        }
      });
      child.on('exit', (code, signal) => {
        clearTimeout(timer);
        if (current !== undefined) {
          result.lost.push({
            index: current,
            why: hung
              ? `took more than ${CASE_TIMEOUT_MS} ms (killed)`
              : `the compiling process died (exit code ${code}, signal ${signal})`,
          });
          done.add(current);
        }
        resolve();
      });
    });
    const next = todo.filter((i) => !done.has(i));
    // Nothing reported at all and no current case: the child failed to start; do not loop forever.
    if (next.length === todo.length) {
      result.lost.push({ index: todo[0], why: 'the compiling process did not start' });
      break;
    }
    todo = next;
  }
  return result;
}

describe('compiler fuzzing: 1,000 seeded mutations of the example definitions', () => {
  let run: RunResult;
  let examples: string[];

  before(async () => {
    examples = await definitionFiles(join(repoRoot, 'schemas/procedures'));
    const cases = ONLY !== undefined ? [ONLY] : Array.from({ length: CASES }, (_, i) => i);
    run = await runCases(examples, cases);
  });

  it('ends every case with a precise definition error or a valid output: no crash, no hang', () => {
    const failures = [
      ...run.lost.map((l) => `${l.why}\n  ${describeCase(examples, l.index)}`),
      ...run.reports.filter((r) => r.outcome === 'failure').map((r) => `${r.problem}\n  ${describeCase(examples, r.index)}`),
    ];
    assert.equal(run.reports.length + run.lost.length, ONLY !== undefined ? 1 : CASES, 'every case ran');
    assert.deepEqual(failures, [], `${failures.length} failing case(s):\n\n${failures.join('\n\n')}`);
  });

  it('exercises both outcomes and the full pipeline', { skip: ONLY !== undefined }, () => {
    const count = (pred: (r: CaseReport) => boolean): number => run.reports.filter(pred).length;
    const errors = count((r) => r.outcome === 'error');
    const compiled = count((r) => r.outcome === 'compiled');
    const fullCompiled = count((r) => r.full && r.outcome === 'compiled');
    console.log(
      `# fuzz seed ${SEED}: ${errors} definition errors, ${compiled} compiled (${fullCompiled} through the full pipeline), ${count((r) => r.full)} full runs`,
    );
    assert.ok(errors >= CASES / 10, `${errors} definition errors: the mutations are too tame`);
    assert.ok(compiled >= CASES / 20, `${compiled} compiled: the mutations break everything`);
    assert.ok(fullCompiled >= 5, `${fullCompiled} mutants went through the full pipeline and compiled`);
  });

  it('a failed compile leaves nothing written (compileDirectory on failing mutants)', { skip: ONLY !== undefined }, async () => {
    const failing = run.reports.filter((r) => r.outcome === 'error' && r.sourceLength < 200_000).slice(0, 12);
    assert.ok(failing.length >= 5, `${failing.length} failing mutants to try`);
    const root = mkdtempSync(join(tmpdir(), 'dvc-fuzz-'));
    try {
      // The definitions' sibling files ($refs to ../common.json, ../civil-status.json) next to the folder.
      const schemas = join(root, 'schemas');
      mkdirSync(join(schemas, 'procedures'), { recursive: true });
      for (const f of readdirSync(join(repoRoot, 'schemas')))
        if (f.endsWith('.json')) cpSync(join(repoRoot, 'schemas', f), join(schemas, f));
      for (const r of failing) {
        const example = examples[r.index % examples.length];
        const file = join(schemas, 'procedures', `case-${r.index}.json`);
        writeFileSync(file, mutate(readFileSync(example, 'utf8'), caseSeed(SEED, r.index)).source);
        const before = readdirSync(root, { recursive: true }).map(String).sort();
        const out = join(root, 'out');
        const result = await compileDirectory(file, out);
        assert.equal(result.compiled.length, 0, describeCase(examples, r.index));
        assert.ok(result.problems.length > 0, describeCase(examples, r.index));
        assert.equal(existsSync(out), false, `the output folder was created: ${describeCase(examples, r.index)}`);
        assert.deepEqual(readdirSync(root, { recursive: true }).map(String).sort(), before, 'no file appeared anywhere');
        rmSync(file);
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
