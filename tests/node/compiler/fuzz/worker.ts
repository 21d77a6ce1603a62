/**
 * The child process of the compiler fuzz test: compiles the mutated definitions one by one and reports
 * each case to the parent (tests/node/compiler/fuzz.test.ts) over IPC. The parent watches the time each
 * case takes and kills this process when one hangs, so a synchronous hang is caught too.
 *
 * Messages: `{ type: 'start', index }` before a case, `{ type: 'done', index, outcome, problem? }` after it,
 * `{ type: 'end' }` when all cases ran.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { Parser } from 'acorn';
import ts from 'typescript';
import { analyzeDefinition, compileDefinition, DefinitionError } from '../../../../compiler/src/index.js';
import { getAt } from '../../../../src/runtime/pointer.js';
import type { CompiledValidator, FormModel, ModelNode } from '../../../../src/runtime/model.js';
import { caseSeed, mutate } from './mutate.js';

/** The configuration the parent passes in `process.argv[2]` (JSON). */
export interface WorkerConfig {
  seed: number;
  /** Case indexes to run. */
  cases: number[];
  /** The full pipeline (validator bundle, types, loading the module) runs on every `fullEvery`-th mutant the analysis accepts. */
  fullEvery: number;
  /** The example definitions (paths), mutated in turn. */
  examples: string[];
}

/** What the worker reports for one case. */
export interface CaseReport {
  type: 'done';
  index: number;
  outcome: 'error' | 'compiled' | 'failure';
  /** Whether the full pipeline ran. */
  full: boolean;
  /** Why the case failed (only for `failure`). */
  problem?: string;
  /** Size of the mutated source, for the "nothing written" check in the parent. */
  sourceLength: number;
}

const config = JSON.parse(process.argv[2]) as WorkerConfig;
const texts = config.examples.map((f) => readFileSync(f, 'utf8'));
const send = (m: unknown): Promise<void> => new Promise((resolve) => process.send!(m, () => resolve()));

const POINTER = /^(|(\/([^~/]|~[01])*)+)$/;
const LINE_COLUMN = /^\d+:\d+$/;

/** Checks a definition error: every problem names a file, a JSON pointer (or line:column) that exists, and a sentence. */
function checkError(err: DefinitionError, file: string, source: string): string | undefined {
  if (err.problems.length === 0) return 'DefinitionError without problems';
  let doc: unknown;
  try {
    doc = JSON.parse(source);
  } catch {
    doc = undefined;
  }
  for (const p of err.problems) {
    const where = `problem ${JSON.stringify(p).slice(0, 300)}`;
    if (typeof p.file !== 'string' || p.file === '') return `${where}: no file`;
    if (typeof p.pointer !== 'string' || !(POINTER.test(p.pointer) || LINE_COLUMN.test(p.pointer)))
      return `${where}: not a JSON pointer or line:column`;
    if (typeof p.message !== 'string' || !/^\S[\s\S]*[.?]$/.test(p.message) || p.message.length < 8) return `${where}: not a sentence`;
    if (/\[object Object\]|\bundefined\b(?!")|\n\s+at /.test(p.message)) return `${where}: the sentence leaks internals`;
    if (p.file === file && doc !== undefined && !LINE_COLUMN.test(p.pointer)) {
      // The pointer leads to the offending node, or to the object missing something (its parent).
      const parent = p.pointer.slice(0, Math.max(0, p.pointer.lastIndexOf('/')));
      let found: unknown;
      try {
        found = getAt(doc, p.pointer) ?? getAt(doc, parent);
      } catch {
        found = undefined;
      }
      if (found === undefined) return `${where}: the pointer leads nowhere in the definition`;
    }
  }
  return undefined;
}

function nodes(n: ModelNode, out: ModelNode[] = []): ModelNode[] {
  out.push(n);
  if (n.kind === 'group') n.children.forEach((c) => nodes(c, out));
  if (n.kind === 'array') nodes(n.item, out);
  return out;
}

/** A sane model: its tag, a group root, steps that name existing nodes, and plain JSON. */
function checkModel(model: FormModel): string | undefined {
  if (model.modelVersion !== 1) return 'modelVersion is not 1';
  if (!/^dvc-[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(model.tag)) return `bad tag ${JSON.stringify(model.tag)}`;
  if (model.root.kind !== 'group') return 'the root is not a group';
  const paths = new Set(nodes(model.root).map((n) => n.path));
  for (const s of model.steps) for (const f of s.fields) if (!paths.has(f)) return `step ${s.id} names ${f}, which is no node`;
  if (JSON.stringify(JSON.parse(JSON.stringify(model))) !== JSON.stringify(model)) return 'the model is not plain JSON';
  return undefined;
}

function parsesAsModule(name: string, code: string): string | undefined {
  try {
    Parser.parse(code, { ecmaVersion: 'latest', sourceType: 'module' });
    return undefined;
  } catch (err) {
    return `${name} is not valid JavaScript: ${(err as Error).message}`;
  }
}

let accepted = 0;

async function runCase(index: number): Promise<CaseReport> {
  const file = config.examples[index % config.examples.length];
  const { source } = mutate(texts[index % texts.length], caseSeed(config.seed, index));
  let full = false;
  const report = (outcome: CaseReport['outcome'], problem?: string): CaseReport => ({
    type: 'done',
    index,
    outcome,
    full,
    sourceLength: source.length,
    ...(problem ? { problem } : {}),
  });
  try {
    const { built } = analyzeDefinition(file, { source });
    const badModel = checkModel(built.model);
    if (badModel) return report('failure', badModel);
    // Only a definition the analysis accepts reaches code generation.
    full = accepted++ % config.fullEvery === 0;
    if (!full) return report('compiled');
    const compiled = await compileDefinition(file, { source, runtimeImport: '../../../src' });
    const bad = checkModel(compiled.model);
    if (bad) return report('failure', bad);
    for (const name of ['model.js', 'element.js', 'define.js']) {
      const err = parsesAsModule(name, compiled.files.get(name) ?? '');
      if (err) return report('failure', err);
    }
    for (const name of ['types.d.ts', 'model.d.ts', 'element.d.ts', 'define.d.ts', 'validator.d.ts']) {
      const sf = ts.createSourceFile(name, compiled.files.get(name) ?? '', ts.ScriptTarget.Latest, true);
      const diags = (sf as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics;
      if (diags.length > 0)
        return report('failure', `${name} does not parse: ${ts.flattenDiagnosticMessageText(diags[0].messageText, ' ')}`);
    }
    // The emitted validator is a self-contained ESM module: load it from a data: URL (nothing is written).
    const code = compiled.files.get('validator.js') ?? '';
    const v = (await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)) as CompiledValidator;
    if (typeof v.validate !== 'function') return report('failure', 'validator.js exports no validate function');
    for (const sample of [{}, { x: 1 }, null]) {
      const ok = v.validate(sample);
      if (typeof ok !== 'boolean') return report('failure', 'validate() did not return a boolean');
      if (!ok && !Array.isArray(v.validate.errors)) return report('failure', 'validate() returned false without errors');
    }
    for (const [id, fn] of Object.entries(v.conditions))
      if (typeof fn({}) !== 'boolean') return report('failure', `condition ${id} did not return a boolean`);
    return report('compiled');
  } catch (err) {
    if (err instanceof DefinitionError) {
      const bad = checkError(err, file, source);
      return bad ? report('failure', bad) : report('error');
    }
    const e = err as Error;
    return report(
      'failure',
      `${e?.name ?? 'thrown'}: ${String(e?.message ?? e).slice(0, 500)}\n${(e?.stack ?? '').split('\n').slice(1, 6).join('\n')}`,
    );
  }
}

for (const index of config.cases) {
  await send({ type: 'start', index, example: basename(config.examples[index % config.examples.length]) });
  await send(await runCase(index));
}
await send({ type: 'end' });
process.disconnect();
