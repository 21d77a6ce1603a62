/**
 * Property test: for every procedure definition (schemas/procedures and the compiler's fixtures), the
 * emitted standalone validator (esbuild-bundled validator.js, imported from disk) judges generated
 * dossiers exactly like ajv's own runtime `compile` of the same stripped schema, and every compiled
 * condition agrees with ajv on the same condition schema.
 */
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import type { ValidateFunction } from 'ajv';
import { compileDefinition } from '../../../compiler/src/index.js';
import { ProblemList } from '../../../compiler/src/errors.js';
import { loadDefinition } from '../../../compiler/src/load.js';
import { compileValidator, createAjv, stripForValidation, usedFormats } from '../../../compiler/src/validator.js';
import type { CompiledValidator, ValidateFn } from '../../../src/runtime/model.js';

type Schema = Record<string, unknown>;
const isObj = (v: unknown): v is Schema => v !== null && typeof v === 'object' && !Array.isArray(v);

const definitions = [
  ...readdirSync('schemas/procedures')
    .filter((f) => f.endsWith('.json'))
    .map((f) => join('schemas/procedures', f)),
  ...readdirSync('tests/fixtures/definitions')
    .filter((f) => f.endsWith('.json'))
    .map((f) => join('tests/fixtures/definitions', f)),
];

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** Dossiers built from the schema: mostly valid, with every declared property (branch-only ones too) reachable. */
function arbitraryFor(schema: unknown, depth = 0): fc.Arbitrary<unknown> {
  if (schema === true || !isObj(schema)) return fc.anything();
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  for (const kw of ['oneOf', 'anyOf']) {
    const list = schema[kw];
    if (Array.isArray(list) && list.every((s) => isObj(s) && 'const' in s)) return fc.constantFrom(...list.map((s) => (s as Schema).const));
  }
  let type = schema.type;
  let nullable = false;
  if (Array.isArray(type)) {
    nullable = type.includes('null');
    type = type.find((t) => t !== 'null');
  }
  if (type === undefined) type = isObj(schema.properties) ? 'object' : 'items' in schema ? 'array' : 'string';
  let arb: fc.Arbitrary<unknown>;
  switch (type) {
    case 'string': {
      const min = typeof schema.minLength === 'number' ? schema.minLength : 0;
      const max = typeof schema.maxLength === 'number' ? Math.min(schema.maxLength, min + 30) : min + 30;
      if (schema.format === 'date')
        arb = fc.date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }).map(isoDate);
      else if (schema.format === 'email') arb = fc.emailAddress();
      else if (typeof schema.pattern === 'string')
        arb = fc
          .stringMatching(new RegExp(schema.pattern, 'u'))
          .filter((s) => s.length >= min && s.length <= (typeof schema.maxLength === 'number' ? schema.maxLength : Infinity));
      else arb = fc.string({ minLength: min, maxLength: max, unit: fc.constantFrom('a', 'ă', 'Đ', 'ệ', ' ', 'Z', '1') });
      break;
    }
    case 'integer':
    case 'number': {
      const min =
        typeof schema.minimum === 'number'
          ? schema.minimum
          : typeof schema.exclusiveMinimum === 'number'
            ? schema.exclusiveMinimum + 1
            : -1000;
      const max =
        typeof schema.maximum === 'number'
          ? schema.maximum
          : typeof schema.exclusiveMaximum === 'number'
            ? schema.exclusiveMaximum - 1
            : 1_000_000_000;
      arb =
        type === 'integer'
          ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) })
          : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
      break;
    }
    case 'boolean':
      arb = fc.boolean();
      break;
    case 'array': {
      const minLength = typeof schema.minItems === 'number' ? schema.minItems : 0;
      const maxLength = Math.min(typeof schema.maxItems === 'number' ? schema.maxItems : 3, minLength + (depth > 2 ? 1 : 3));
      const item = arbitraryFor(schema.items, depth + 1);
      arb =
        schema.uniqueItems === true
          ? fc.uniqueArray(item, { minLength, maxLength, selector: (v) => JSON.stringify(v) })
          : fc.array(item, { minLength, maxLength });
      break;
    }
    case 'object': {
      const props: Record<string, unknown> = { ...(isObj(schema.properties) ? schema.properties : {}) };
      const branches: unknown[] = [schema.then, schema.else];
      if (Array.isArray(schema.allOf)) for (const e of schema.allOf) if (isObj(e)) branches.push(e.then, e.else);
      for (const b of branches)
        if (isObj(b) && isObj(b.properties)) for (const [k, s] of Object.entries(b.properties)) if (!(k in props)) props[k] = s;
      const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, s] of Object.entries(props)) model[k] = arbitraryFor(s, depth + 1);
      // Either the required keys plus a random subset, or every key (fills conditional branches too).
      arb = fc.oneof(fc.record(model, { requiredKeys: [...required].filter((k) => k in model) }), fc.record(model));
      break;
    }
    default:
      arb = fc.constant(null);
  }
  return nullable ? fc.oneof({ weight: 1, arbitrary: fc.constant(null) }, { weight: 4, arbitrary: arb }) : arb;
}

type Mutation = { kind: 'drop' | 'wrongType' | 'badFormat' | 'outOfRange' | 'extraKey' | 'nullify'; at: number; pick: number };

/** Every container path (objects and arrays) in a value, root included. */
function containers(v: unknown, path: Array<string | number> = [], out: Array<Array<string | number>> = []): Array<Array<string | number>> {
  if (Array.isArray(v)) {
    out.push(path);
    v.forEach((x, i) => containers(x, [...path, i], out));
  } else if (isObj(v)) {
    out.push(path);
    for (const [k, x] of Object.entries(v)) containers(x, [...path, k], out);
  }
  return out;
}

function mutate(value: unknown, mutations: Mutation[]): unknown {
  const v = structuredClone(value);
  for (const m of mutations) {
    const paths = containers(v);
    if (paths.length === 0) break;
    const path = paths[m.at % paths.length];
    let target: unknown = v;
    for (const p of path) target = (target as Record<string | number, unknown>)[p];
    const keys = Array.isArray(target) ? target.map((_, i) => i) : Object.keys(target as Schema);
    const t = target as Record<string | number, unknown>;
    if (m.kind === 'extraKey') {
      if (!Array.isArray(target)) t.zzUnexpected = 'x';
      continue;
    }
    if (keys.length === 0) continue;
    const key = keys[m.pick % keys.length];
    const cur = t[key];
    switch (m.kind) {
      case 'drop':
        if (Array.isArray(target)) target.splice(key as number, 1);
        else delete t[key];
        break;
      case 'wrongType':
        t[key] =
          typeof cur === 'string'
            ? 42
            : typeof cur === 'number'
              ? '42'
              : typeof cur === 'boolean'
                ? 'yes'
                : Array.isArray(cur)
                  ? {}
                  : 'text';
        break;
      case 'badFormat':
        t[key] = ['2023-02-30', '2023-13-01', 'not-an-email', '1999/01/01', 'a@', ''][m.pick % 6];
        break;
      case 'outOfRange':
        t[key] =
          typeof cur === 'number'
            ? m.pick % 2
              ? 1e13
              : -1e13
            : typeof cur === 'string'
              ? 'x'.repeat(3000)
              : Array.isArray(cur)
                ? [...cur, ...cur, ...cur, ...cur, ...cur, ...cur]
                : cur;
        break;
      case 'nullify':
        t[key] = null;
        break;
    }
  }
  return v;
}

const mutationArb = fc.array(
  fc.record({
    kind: fc.constantFrom('drop', 'wrongType', 'badFormat', 'outOfRange', 'extraKey', 'nullify') as fc.Arbitrary<Mutation['kind']>,
    at: fc.nat(),
    pick: fc.nat(),
  }),
  { maxLength: 3 },
);

/** Removes the properties ajv reports as not allowed (branch-only keys of branches not taken), a few passes. */
function repair(value: unknown, validate: ValidateFunction): unknown {
  const v = structuredClone(value);
  for (let pass = 0; pass < 5 && !validate(v); pass++) {
    let changed = false;
    for (const e of validate.errors ?? []) {
      const key =
        (e.params as { unevaluatedProperty?: string; additionalProperty?: string }).unevaluatedProperty ??
        (e.params as { additionalProperty?: string }).additionalProperty;
      if (key === undefined) continue;
      let target: unknown = v;
      for (const t of e.instancePath.split('/').slice(1))
        target = (target as Record<string, unknown>)?.[t.replace(/~1/g, '/').replace(/~0/g, '~')];
      if (isObj(target) && key in target) {
        delete target[key];
        changed = true;
      }
    }
    if (!changed) break;
  }
  return v;
}

function errorSet(errors: ValidateFn['errors'] | ValidateFunction['errors']): string[] {
  return (errors ?? []).map((e) => `${e.instancePath} ${e.keyword}`).sort();
}

/**
 * The pointers of every condition a definition (its definition.json) declares, found without the
 * compiler: `x-visible-when` on any data node, and the root's step, attachment, fee-case and rule
 * conditions.
 */
function declaredConditions(defn: Schema): string[] {
  const out: string[] = [];
  const esc = (k: string): string => k.replace(/~/g, '~0').replace(/\//g, '~1');
  const walk = (node: unknown, at: string): void => {
    if (Array.isArray(node)) node.forEach((n, i) => walk(n, `${at}/${i}`));
    else if (isObj(node)) {
      for (const [k, v] of Object.entries(node)) {
        if (at === '' && ['x-steps', 'x-attachments', 'x-fees', 'x-rules', 'x-procedure', 'x-i18n'].includes(k)) continue;
        if (k === 'x-visible-when') out.push(`${at}/${k}`);
        else if (!['const', 'enum', 'default', 'examples', 'x-widget-options', 'x-i18n'].includes(k)) walk(v, `${at}/${esc(k)}`);
      }
    }
  };
  walk(defn, '');
  const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
  list(defn['x-steps']).forEach((st, i) => {
    if (isObj(st) && 'visibleWhen' in st) out.push(`/x-steps/${i}/visibleWhen`);
  });
  list(defn['x-attachments']).forEach((a, i) => {
    if (isObj(a) && 'requiredWhen' in a) out.push(`/x-attachments/${i}/requiredWhen`);
  });
  const fees = defn['x-fees'];
  if (isObj(fees)) {
    list(fees.lines).forEach((l, i) => {
      if (isObj(l))
        list(l.cases).forEach((c, j) => {
          if (isObj(c) && 'when' in c) out.push(`/x-fees/lines/${i}/cases/${j}/when`);
        });
    });
  }
  list(defn['x-rules']).forEach((r, i) => {
    if (isObj(r) && 'when' in r) out.push(`/x-rules/${i}/when`);
  });
  return out.sort();
}

/** How many conditions the condition-agreement tests evaluated, over every definition. */
let conditionsExercisedOverall = 0;

for (const file of definitions) {
  describe(`standalone validator agrees with ajv: ${file}`, () => {
    let standalone: CompiledValidator;
    let runtime: ValidateFunction;
    let conditionRefs: Map<string, ValidateFunction>;
    let resolved: Schema;
    let declared: string[];

    before(async () => {
      const compiled = await compileDefinition(file);
      const dir = mkdtempSync(join(tmpdir(), 'dvc-agree-'));
      for (const [name, content] of compiled.files) writeFileSync(join(dir, name), content);
      standalone = (await import(pathToFileURL(join(dir, 'validator.js')).href)) as CompiledValidator;
      const problems = new ProblemList(file);
      resolved = loadDefinition(file, problems)!.resolved;
      assert.equal(problems.length, 0);
      const stripped = stripForValidation(resolved);
      const ajv = createAjv(usedFormats([resolved]), false);
      runtime = ajv.compile(stripped as Schema);
      conditionRefs = new Map();
      const defn = JSON.parse(compiled.files.get('definition.json')!) as Schema;
      declared = declaredConditions(defn);
      for (const id of Object.keys(standalone.conditions)) {
        let node: unknown = defn;
        for (const t of id.split('/').slice(1)) node = (node as Record<string, unknown>)[t.replace(/~1/g, '/').replace(/~0/g, '~')];
        const s = stripForValidation(node);
        conditionRefs.set(id, typeof s === 'boolean' ? ajv.compile(s as unknown as Schema) : ajv.compile(s as Schema));
      }
    });

    it('gives the same verdict and the same errors on generated and mutated dossiers', (t) => {
      let valid = 0;
      let invalid = 0;
      fc.assert(
        fc.property(arbitraryFor(resolved), mutationArb, (dossier, mutations) => {
          const base = repair(dossier, runtime);
          for (const data of [base, mutate(base, mutations)]) {
            const a = standalone.validate(data);
            const b = runtime(data);
            assert.equal(a, b, `verdicts differ on ${JSON.stringify(data).slice(0, 400)}`);
            assert.deepEqual(errorSet(standalone.validate.errors), errorSet(runtime.errors));
            if (a) valid++;
            else invalid++;
          }
        }),
        { numRuns: 250, seed: 20261122 },
      );
      t.diagnostic(`${valid} valid, ${invalid} invalid dossiers`);
      assert.ok(invalid > 0, 'some dossiers are invalid');
      if (file.startsWith('tests/')) assert.ok(valid > 0, 'the fixture generator yields valid dossiers too');
    });

    it('compiles every condition like ajv does', (t) => {
      // Every condition the definition declares is compiled, so none escapes the comparison below.
      const compiledIds = Object.keys(standalone.conditions);
      for (const pointer of declared)
        assert.ok(compiledIds.includes(pointer), `condition ${pointer} was not compiled (compiled: ${compiledIds.join(', ')})`);
      const exercised = new Set<string>();
      fc.assert(
        fc.property(arbitraryFor(resolved), mutationArb, (dossier, mutations) => {
          const data = mutate(dossier, mutations);
          const subjects = [
            data,
            ...containers(data).map((p) => p.reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], data)),
          ];
          for (const [id, ref] of conditionRefs) {
            for (const s of subjects) assert.equal(standalone.conditions[id](s), ref(s), `condition ${id}`);
            exercised.add(id);
          }
        }),
        { numRuns: 60, seed: 7 },
      );
      t.diagnostic(`${exercised.size} compiled conditions exercised, ${declared.length} of them declared as x- conditions`);
      if (declared.length > 0) assert.ok(exercised.size > 0, `${file} declares ${declared.length} conditions, none was exercised`);
      for (const pointer of declared) assert.ok(exercised.has(pointer), `condition ${pointer} was never exercised`);
      conditionsExercisedOverall += exercised.size;
    });
  });
}

describe('conditions, over every definition', () => {
  // Runs after the per-definition suites above (node:test runs a file's tests in order).
  it('the condition agreement tests exercised some conditions at all', () => {
    assert.ok(conditionsExercisedOverall > 0, 'no condition of any definition was compared with ajv');
  });
});

describe('the enum rewrite and subschema sharing keep verdicts (raw resolved schema, no stripping)', () => {
  it('agrees with ajv on the unstripped plain fixture', async () => {
    const file = 'tests/fixtures/definitions/household-survey.json';
    const compiled = await compileDefinition(file);
    const dir = mkdtempSync(join(tmpdir(), 'dvc-agree-raw-'));
    for (const [name, content] of compiled.files) writeFileSync(join(dir, name), content);
    const standalone = (await import(pathToFileURL(join(dir, 'validator.js')).href)) as CompiledValidator;
    const resolved = JSON.parse(compiled.files.get('definition.json')!) as Schema;
    delete resolved.$schema;
    const raw = createAjv(usedFormats([resolved]), false).compile(resolved);
    fc.assert(
      fc.property(arbitraryFor(resolved), mutationArb, (d, m) => {
        const data = mutate(d, m);
        assert.equal(standalone.validate(data), raw(data));
      }),
      { numRuns: 300, seed: 3 },
    );
  });
});

describe('choice lists with repeated values (found by the compiler fuzz test)', () => {
  // Before: a oneOf/anyOf of consts with a repeated value was not rewritten to an enum, and ajv's code for a
  // long one (3,000 entries in a condition) took minutes and megabytes. Now it is an exact enum rewrite.
  const values = ['a', 'b', 'a', 'c', 1, 1, true, null, null];
  for (const kw of ['oneOf', 'anyOf'] as const) {
    it(`rewrites ${kw} with repeated consts to an enum that gives ajv's verdicts`, () => {
      const schema = { [kw]: values.map((v) => ({ const: v, title: `t${String(v)}` })) };
      const stripped = stripForValidation(schema) as Schema;
      assert.equal(kw in stripped, false, `${kw} rewritten`);
      const ajv = createAjv([], false);
      const rewritten = ajv.compile(stripped);
      const original = createAjv([], false).compile({ [kw]: values.map((v) => ({ const: v })) }); // ajv itself, no rewrite
      for (const v of ['a', 'b', 'c', 1, 2, true, false, null, 'z'])
        assert.equal(rewritten(v), original(v), `${kw} on ${JSON.stringify(v)}`);
    });
  }

  it('compiles a condition holding a 3,000-entry oneOf with repeats, without hanging', { timeout: 120_000 }, async () => {
    const list = Array.from({ length: 3000 }, (_, i) => ({ const: `c${i % 500}` }));
    const v = await compileValidator(
      { type: 'object', properties: { a: { type: 'string' } } },
      new Map([['/x', { properties: { a: { oneOf: list } } }]]),
      'x',
    );
    assert.ok(v.code.length < 100_000, `${v.code.length} characters of validator`);
  });
});
