/**
 * Language-neutral test vectors of a compiled procedure (`vectors.json`, docs/semantics.md §9): dossiers
 * with the outcome the reference implementation gives them — the errors (pointer and keyword), the
 * values a back end drops before storing (hidden branches, empty values) and the fee. A back end in any
 * language replays them to check it judges dossiers as the SDK and the reference server do.
 *
 * Generated from a valid dossier of the procedure (a conformance fixture) and changes made to it
 * mechanically: each value removed, emptied, of the wrong type, set to every other choice.
 */
import type { CompiledValidator, FormModel } from 'dvc-forms/runtime/model.js';
import { findNode } from 'dvc-forms/runtime/conditions.js';
import { computeFee } from 'dvc-forms/runtime/fees.js';
import { escapeToken, removeAt, setAt } from 'dvc-forms/runtime/pointer.js';
import { pruneHidden, validateDossier } from 'dvc-forms/runtime/validate.js';
import { isObject } from './json.js';

/** The vectors format's version: a back end's runner refuses a file of another major version. */
export const VECTORS_FORMAT = '1.0';

/** The outcome the reference implementation gives one case. */
export interface VectorExpectation {
  /** Errors (not warnings): what makes a submission answer 422. Sorted by pointer, then keyword. */
  errors: Array<{ pointer: string; keyword: string }>;
  /** Pointers of the case's data a back end drops before judging and storing (hidden or empty), sorted. */
  pruned: string[];
  /** The fee of the dossier (after pruning). */
  fee: { total: number; lines: Array<{ id: string; amount: number }> };
}

/** One case: `base` with `set` applied (in order) and then `remove`d. */
export interface VectorCase {
  name: string;
  /** Pointer → value (missing objects on the way are created). */
  set?: Record<string, unknown>;
  /** Pointers removed (an array item is spliced out). */
  remove?: string[];
  expect: VectorExpectation;
}

/** The content of `vectors.json`. */
export interface VectorFile {
  $comment: string;
  format: string;
  procedure: string;
  version: string;
  /** The day (Vietnam, `YYYY-MM-DD`) date and age rules are judged on. */
  today: string;
  base: Record<string, unknown>;
  cases: VectorCase[];
}

/** A valid dossier to start from, and optional variants (the conformance fixture's `invalid` and `sensitive`). */
export interface VectorSource {
  data: Record<string, unknown>;
  variants?: Array<{ name: string; set?: Record<string, unknown>; remove?: string[] }>;
}

/** The day vectors are judged on by default: fixed, so the file does not change from one day to the next. */
export const VECTORS_TODAY = '2026-07-01';

/** The data of a case. */
export function caseData(base: unknown, c: Pick<VectorCase, 'set' | 'remove'>): unknown {
  let data: unknown = base;
  for (const [pointer, value] of Object.entries(c.set ?? {})) data = setAt(data, pointer, value);
  for (const pointer of c.remove ?? []) data = removeAt(data, pointer);
  return data;
}

/** Pointers present in `before` and absent from `after`, where `after` is `before` with values removed. */
function removedPointers(before: unknown, after: unknown, at = ''): string[] | null {
  if (isObject(before) && isObject(after)) {
    const out: string[] = [];
    for (const key of Object.keys(before)) {
      const p = `${at}/${escapeToken(key)}`;
      if (!Object.prototype.hasOwnProperty.call(after, key)) out.push(p);
      else {
        const sub = removedPointers(before[key], after[key], p);
        if (!sub) return null;
        out.push(...sub);
      }
    }
    return Object.keys(after).every((k) => Object.prototype.hasOwnProperty.call(before, k)) ? out : null;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    if (before.length !== after.length) return null;
    const out: string[] = [];
    for (let i = 0; i < before.length; i++) {
      const sub = removedPointers(before[i], after[i], `${at}/${i}`);
      if (!sub) return null;
      out.push(...sub);
    }
    return out;
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : null;
}

/** The reference outcome of a dossier. Throws when pruning did something a list of removals cannot say. */
export function expectationOf(model: FormModel, validator: CompiledValidator, data: unknown, today: string): VectorExpectation {
  const pruned = pruneHidden(model, validator, data);
  const removed = removedPointers(data ?? {}, pruned);
  if (!removed) throw new Error(`vectors: pruning changed the dossier in a way a list of removed pointers cannot say`);
  const errors = validateDossier(model, validator, data, { today })
    .filter((i) => i.severity === 'error')
    .map((i) => ({ pointer: i.pointer, keyword: i.keyword }))
    .sort((a, b) => (a.pointer < b.pointer ? -1 : a.pointer > b.pointer ? 1 : a.keyword < b.keyword ? -1 : a.keyword > b.keyword ? 1 : 0));
  const fee = computeFee(model, validator, data);
  return { errors, pruned: removed.sort(), fee: { total: fee.total, lines: fee.lines.map((l) => ({ id: l.id, amount: l.amount })) } };
}

/** Every value of `data` with its pointer, depth first (objects and arrays too, before their members). */
function* values(data: unknown, at = ''): Generator<[string, unknown]> {
  if (at !== '') yield [at, data];
  if (isObject(data)) for (const [k, v] of Object.entries(data)) yield* values(v, `${at}/${escapeToken(k)}`);
  else if (Array.isArray(data)) for (let i = 0; i < data.length; i++) yield* values(data[i], `${at}/${i}`);
}

/** A value of another JSON type than `value`'s. */
function wrongType(value: unknown): unknown {
  if (typeof value === 'string') return 12345;
  if (typeof value === 'number') return 'not a number';
  if (typeof value === 'boolean') return 'yes';
  if (Array.isArray(value)) return 'not a list';
  return 'not an object';
}

/** The cases of one procedure: the source dossier, its variants, and the mechanical changes to it. */
export function buildVectors(
  slug: string,
  model: FormModel,
  validator: CompiledValidator,
  source: VectorSource,
  today: string = VECTORS_TODAY,
): VectorFile {
  const cases: VectorCase[] = [];
  const seen = new Set<string>();
  const add = (name: string, change: Pick<VectorCase, 'set' | 'remove'>): void => {
    const data = caseData(source.data, change);
    const key = JSON.stringify(data);
    if (seen.has(key)) return;
    seen.add(key);
    cases.push({ name, ...change, expect: expectationOf(model, validator, data, today) });
  };
  add('the valid dossier', {});
  for (const v of source.variants ?? []) add(v.name, { ...(v.set ? { set: v.set } : {}), ...(v.remove ? { remove: v.remove } : {}) });
  for (const [pointer, value] of values(source.data)) {
    add(`without ${pointer}`, { remove: [pointer] });
    add(`${pointer} of the wrong type`, { set: { [pointer]: wrongType(value) } });
    if (typeof value === 'string') {
      add(`${pointer} empty`, { set: { [pointer]: '' } });
      add(`${pointer} only spaces`, { set: { [pointer]: '   ' } });
      add(`${pointer} a stray character`, { set: { [pointer]: '?' } });
    }
    if (typeof value === 'number') {
      add(`${pointer} negative`, { set: { [pointer]: -1 } });
      add(`${pointer} a fraction`, { set: { [pointer]: value + 0.5 } });
    }
    if (typeof value === 'boolean') add(`${pointer} ${!value}`, { set: { [pointer]: !value } });
    if (Array.isArray(value)) add(`${pointer} with no rows`, { set: { [pointer]: [] } });
    const node = findNode(model, pointer);
    if (node?.kind === 'field' && node.options) {
      for (const option of node.options) {
        if (JSON.stringify(option.value) !== JSON.stringify(value))
          add(`${pointer} = ${JSON.stringify(option.value)}`, { set: { [pointer]: option.value } });
      }
    }
  }
  add('an unknown member at the root', { set: { '/unknownMember': 'x' } });
  return {
    $comment:
      'Test vectors of this procedure, generated by dvc-forms from the reference implementation (docs/semantics.md, "Test vectors"). Each case is `base` with `set` applied and `remove`d; `expect` is what a back end must find.',
    format: VECTORS_FORMAT,
    procedure: slug,
    version: model.procedure.version,
    today,
    base: source.data,
    cases,
  };
}

/**
 * Reads a conformance fixture (`<slug>.json`: `data`, and optionally `invalid` and `sensitive` with
 * `set`/`remove`) as the source of a procedure's vectors. Throws an Error naming the file when it is not one.
 */
export async function readVectorSource(file: string): Promise<VectorSource> {
  const { readFile } = await import('node:fs/promises');
  const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
  if (!isObject(parsed) || !isObject(parsed.data)) throw new Error(`${file}: a fixture needs "data", the valid dossier (an object).`);
  const variants: NonNullable<VectorSource['variants']> = [];
  for (const [key, name] of [
    ['invalid', 'the fixture’s broken variant'],
    ['sensitive', 'the fixture’s x-sensitive variant'],
  ] as const) {
    const v = parsed[key];
    if (!isObject(v) || (!isObject(v.set) && !Array.isArray(v.remove))) continue;
    variants.push({
      name,
      ...(isObject(v.set) ? { set: v.set } : {}),
      ...(Array.isArray(v.remove) ? { remove: v.remove.filter((p): p is string => typeof p === 'string') } : {}),
    });
  }
  return { data: parsed.data, variants };
}

/**
 * Writes `<outDir>/<slug>/vectors.json` for each compiled procedure that has a fixture `<fixturesDir>/<slug>.json`,
 * judging with the compiled `model.js` and `validator.js` just written there. Returns the files written.
 */
export async function writeVectors(compiled: ReadonlyArray<{ slug: string; outDir: string }>, fixturesDir: string): Promise<string[]> {
  const { existsSync } = await import('node:fs');
  const { writeFile } = await import('node:fs/promises');
  const { join, resolve } = await import('node:path');
  const { pathToFileURL } = await import('node:url');
  const written: string[] = [];
  for (const { slug, outDir } of compiled) {
    const fixture = join(fixturesDir, `${slug}.json`);
    if (!existsSync(fixture)) continue;
    const dir = resolve(outDir);
    const model = ((await import(pathToFileURL(join(dir, 'model.js')).href)) as { default: FormModel }).default;
    const validator = (await import(pathToFileURL(join(dir, 'validator.js')).href)) as CompiledValidator;
    const vectors = buildVectors(slug, model, validator, await readVectorSource(fixture));
    const file = join(dir, 'vectors.json');
    await writeFile(file, JSON.stringify(vectors, null, 1) + '\n');
    written.push(file);
  }
  return written;
}
