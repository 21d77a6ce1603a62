/**
 * The definition format: the meta-schema (schemas/procedure.schema.json), the shared pieces
 * (schemas/common.json) and the real procedure definitions (schemas/procedures/*.json).
 *
 * - every definition passes the meta-schema and compiles as a data schema in ajv's strict mode;
 * - the meta-schema rejects broken definitions at the expected place;
 * - a complete hand-written dossier per procedure is valid, and dossiers that break a required or
 *   conditional rule are not, with the error where a citizen would have to correct it.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule, { type FormatsPlugin } from 'ajv-formats';
import { analyzeDefinition, DefinitionError } from '../../../compiler/src/index.js';

// ajv-formats is CommonJS; under Node's ESM interop its default export may arrive wrapped.
const addFormats = ((addFormatsModule as unknown as { default?: FormatsPlugin }).default ?? addFormatsModule) as unknown as FormatsPlugin;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const schemasDir = fileURLToPath(new URL('../../../schemas/', import.meta.url));
const dossiersDir = fileURLToPath(new URL('./dossiers/', import.meta.url));

function readJson(path: string): JsonObject {
  return JSON.parse(readFileSync(path, 'utf8')) as JsonObject;
}

const meta = readJson(`${schemasDir}procedure.schema.json`);
const common = readJson(`${schemasDir}common.json`);
const civilStatus = readJson(`${schemasDir}civil-status.json`);
/** Schema libraries that definitions reference: file name → document. */
const libraries = new Map([
  ['common.json', common],
  ['civil-status.json', civilStatus],
]);
const xKeywords = readJson(`${schemasDir}x-keywords.json`) as unknown as {
  keywords: string[];
  root: string[];
  node: string[];
  prefillKeys: string[];
  ruleKinds: string[];
};
const procedureFiles = readdirSync(`${schemasDir}procedures`)
  .filter((f) => f.endsWith('.json'))
  .sort();
const definitions = new Map(procedureFiles.map((f) => [f.replace(/\.json$/, ''), readJson(`${schemasDir}procedures/${f}`)]));

const OFFICIAL_META = 'https://json-schema.org/draft/2020-12/schema';

/** ajv as the compiler would use it: strict (types, tuples, unknown keywords), all errors. */
function newAjv(): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
  addFormats(ajv);
  return ajv;
}

const metaAjv = newAjv();
const validateDefinition = metaAjv.compile(meta);

/** ajv for dossier data: the x- keywords registered as annotations, common.json added for `$ref`s. */
function dataAjv(): Ajv2020 {
  const ajv = newAjv();
  for (const keyword of xKeywords.keywords) ajv.addKeyword({ keyword });
  for (const lib of libraries.values()) ajv.addSchema(lib);
  return ajv;
}
const dossierAjv = dataAjv();
const dossierValidators = new Map<string, ValidateFunction>();
function dossierValidator(slug: string): ValidateFunction {
  let v = dossierValidators.get(slug);
  if (!v) {
    const def = definitions.get(slug);
    assert.ok(def, `no definition ${slug}`);
    v = dossierAjv.compile(def);
    dossierValidators.set(slug, v);
  }
  return v;
}

function clone<T>(v: T): T {
  return structuredClone(v);
}

function describeErrors(errors: ErrorObject[] | null | undefined): string {
  return JSON.stringify(
    (errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.keyword} ${e.message ?? ''}`),
    null,
    1,
  );
}

/** Walks to `pointer` (RFC 6901) inside a JSON value, or undefined. */
function getAt(value: Json | undefined, pointer: string): Json | undefined {
  if (pointer === '') return value;
  let cur: Json | undefined = value;
  for (const raw of pointer.slice(1).split('/')) {
    const tok = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = Array.isArray(cur) ? cur[Number(tok)] : cur[tok];
  }
  return cur;
}

/** Resolves a `$ref` of a definition: local (`#/…`) or into a schema library (../common.json, …). */
function deref(def: JsonObject, schema: JsonObject): JsonObject {
  let cur = schema;
  for (let guard = 0; typeof cur.$ref === 'string' && guard < 20; guard++) {
    const [file, fragment = ''] = cur.$ref.split('#');
    const doc = file === '' ? def : libraries.get(file.replace(/^(\.\.\/)+/, ''));
    assert.ok(doc, `unexpected $ref target ${cur.$ref}`);
    const target = getAt(doc, fragment);
    assert.ok(target && typeof target === 'object' && !Array.isArray(target), `$ref ${cur.$ref} leads nowhere`);
    cur = { ...target, ...Object.fromEntries(Object.entries(cur).filter(([k]) => k !== '$ref')) };
  }
  return cur;
}

/** The schemas that may declare `key` on an object schema: its properties and every conditional branch. */
function propertySchemas(def: JsonObject, schema: JsonObject, key: string): JsonObject[] {
  const s = deref(def, schema);
  const found: JsonObject[] = [];
  const props = s.properties;
  if (props && typeof props === 'object' && !Array.isArray(props)) {
    const p = props[key];
    if (p && typeof p === 'object' && !Array.isArray(p)) found.push(p);
  }
  for (const branch of ['then', 'else'] as const) {
    const b = s[branch];
    if (b && typeof b === 'object' && !Array.isArray(b)) found.push(...propertySchemas(def, b, key));
  }
  for (const list of ['allOf', 'anyOf', 'oneOf'] as const) {
    const l = s[list];
    if (Array.isArray(l))
      for (const b of l) if (b && typeof b === 'object' && !Array.isArray(b)) found.push(...propertySchemas(def, b, key));
  }
  return found;
}

/** Whether an absolute data pointer (`-` = any row) names a data node declared by the definition. */
function declares(def: JsonObject, pointer: string): boolean {
  let nodes: JsonObject[] = [def];
  for (const tok of pointer.slice(1).split('/')) {
    const next: JsonObject[] = [];
    for (const n of nodes) {
      const s = deref(def, n);
      if (tok === '-') {
        if (s.items && typeof s.items === 'object' && !Array.isArray(s.items)) next.push(s.items);
      } else next.push(...propertySchemas(def, s, tok));
    }
    if (next.length === 0) return false;
    nodes = next;
  }
  return true;
}

/** Every condition schema at the root of a definition, with where it sits. */
function rootConditions(def: JsonObject): Array<[string, Json]> {
  const out: Array<[string, Json]> = [];
  const arr = (v: Json | undefined): Json[] => (Array.isArray(v) ? v : []);
  arr(def['x-steps']).forEach((s, i) => {
    if (s && typeof s === 'object' && !Array.isArray(s) && s.visibleWhen !== undefined)
      out.push([`/x-steps/${i}/visibleWhen`, s.visibleWhen]);
  });
  arr(def['x-attachments']).forEach((a, i) => {
    if (a && typeof a === 'object' && !Array.isArray(a) && a.requiredWhen !== undefined)
      out.push([`/x-attachments/${i}/requiredWhen`, a.requiredWhen]);
  });
  const fees = def['x-fees'];
  if (fees && typeof fees === 'object' && !Array.isArray(fees)) {
    arr(fees.lines).forEach((l, i) => {
      if (l && typeof l === 'object' && !Array.isArray(l)) {
        arr(l.cases).forEach((c, j) => {
          if (c && typeof c === 'object' && !Array.isArray(c) && c.when !== undefined)
            out.push([`/x-fees/lines/${i}/cases/${j}/when`, c.when]);
        });
      }
    });
  }
  arr(def['x-rules']).forEach((r, i) => {
    if (r && typeof r === 'object' && !Array.isArray(r) && r.when !== undefined) out.push([`/x-rules/${i}/when`, r.when]);
  });
  return out;
}

/** Every `x-visible-when` in the data schema, anywhere. */
function visibleWhenConditions(node: Json, at = ''): Array<[string, Json]> {
  if (node === null || typeof node !== 'object') return [];
  const out: Array<[string, Json]> = [];
  if (Array.isArray(node)) {
    node.forEach((n, i) => out.push(...visibleWhenConditions(n, `${at}/${i}`)));
    return out;
  }
  for (const [k, v] of Object.entries(node)) {
    if (k === 'x-visible-when') out.push([`${at}/${k}`, v]);
    else if (!['x-steps', 'x-attachments', 'x-fees', 'x-rules', 'x-procedure', 'x-i18n', 'x-widget-options'].includes(k)) {
      out.push(...visibleWhenConditions(v, `${at}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`));
    }
  }
  return out;
}

/** ajv for deciding the meta-schema's `if`s on their own (strict mode wants a type beside each `required`). */
const branchAjv = new Ajv2020({ strict: false });
addFormats(branchAjv);
branchAjv.addSchema(meta);

/**
 * Every key the meta-schema requires somewhere in `instance`, as the pointer of that key: found by walking
 * the meta-schema along the instance (local `$ref`, `allOf`, `if`/`then`/`else` as ajv decides the `if`,
 * `properties`, `items`). `oneOf`/`anyOf` alternatives are left out: deleting a key one of them requires
 * may satisfy another.
 */
function metaRequiredKeys(instance: Json, schemaPath = '', at = '', out: string[] = []): string[] {
  const schema = getAt(meta, schemaPath);
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return out;
  const isObj = instance !== null && typeof instance === 'object' && !Array.isArray(instance);
  const ref = schema.$ref;
  if (typeof ref === 'string' && ref.startsWith('#')) metaRequiredKeys(instance, ref.slice(1), at, out);
  if (isObj && Array.isArray(schema.required)) {
    for (const key of schema.required)
      if (typeof key === 'string' && key in instance) out.push(`${at}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
  }
  if (Array.isArray(schema.allOf)) schema.allOf.forEach((_, i) => metaRequiredKeys(instance, `${schemaPath}/allOf/${i}`, at, out));
  if (schema.if !== undefined) {
    const cond = branchAjv.getSchema(`${String(meta.$id)}#${schemaPath}/if`);
    assert.ok(cond, `meta-schema ${schemaPath}/if`);
    const branch = cond(instance) ? 'then' : 'else';
    if (schema[branch] !== undefined) metaRequiredKeys(instance, `${schemaPath}/${branch}`, at, out);
  }
  const props = schema.properties;
  if (isObj && props && typeof props === 'object' && !Array.isArray(props)) {
    for (const key of Object.keys(props)) {
      if (key in instance)
        metaRequiredKeys(
          instance[key]!,
          `${schemaPath}/properties/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`,
          `${at}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`,
          out,
        );
    }
  }
  if (Array.isArray(instance) && schema.items && typeof schema.items === 'object' && !Array.isArray(schema.items)) {
    instance.forEach((item, i) => metaRequiredKeys(item, `${schemaPath}/items`, `${at}/${i}`, out));
  }
  return out;
}

/** A copy of `def` without the key at `pointer`. */
function without(def: JsonObject, pointer: string): JsonObject {
  const copy = clone(def);
  const i = pointer.lastIndexOf('/');
  const parent = getAt(copy, pointer.slice(0, i));
  assert.ok(parent && typeof parent === 'object' && !Array.isArray(parent), `nothing at ${pointer}`);
  delete parent[
    pointer
      .slice(i + 1)
      .replace(/~1/g, '/')
      .replace(/~0/g, '~')
  ];
  return copy;
}

describe('meta-schema and keyword list', () => {
  test('the meta-schema is a draft 2020-12 schema that builds on the official meta-schema', () => {
    assert.equal(meta.$schema, OFFICIAL_META);
    assert.ok(metaAjv.validateSchema(meta), describeErrors(metaAjv.errors));
    assert.deepEqual(meta.allOf?.[0 as never], { $ref: OFFICIAL_META });
  });

  test('schemas/x-keywords.json lists exactly the x- keywords the meta-schema constrains', () => {
    const defs = meta.$defs as JsonObject;
    const rootProps = Object.keys(meta.properties as JsonObject).filter((k) => k.startsWith('x-'));
    const nodeProps = Object.keys((defs.nodeRules as JsonObject).properties as JsonObject).filter((k) => k.startsWith('x-'));
    assert.deepEqual([...rootProps].sort(), [...xKeywords.root].sort());
    assert.deepEqual([...nodeProps].sort(), [...xKeywords.node].sort());
    assert.deepEqual([...xKeywords.keywords].sort(), [...xKeywords.root, ...xKeywords.node].sort());
    assert.deepEqual((defs.prefillKey as JsonObject).enum, xKeywords.prefillKeys);
    assert.deepEqual(((defs.rule as JsonObject).properties as JsonObject).kind, { enum: xKeywords.ruleKinds });
    // the nested-node schema forbids the root-only keywords by name
    const nodeObject = defs.nodeObject as JsonObject;
    assert.deepEqual(Object.keys(nodeObject.properties as JsonObject).sort(), [...xKeywords.root].sort());
  });

  test('every prefill key of the architecture vocabulary is accepted, nothing else', () => {
    const prefill = metaAjv.compile({ $ref: `${String(meta.$id)}#/$defs/prefillKey` });
    for (const key of xKeywords.prefillKeys) assert.ok(prefill(key), key);
    for (const bad of ['citizen.fullname', 'citizen.mother.*', 'citizen.child.fullName', 'fullName', ''])
      assert.equal(prefill(bad), false, bad);
    assert.equal(xKeywords.prefillKeys.length, 27);
  });

  for (const [name, lib] of libraries) {
    test(`${name} is a valid schema library: every piece passes the node rules`, () => {
      const node = metaAjv.getSchema(`${String(meta.$id)}#/$defs/node`);
      assert.ok(node);
      assert.ok(node(lib), describeErrors(node.errors));
      assert.ok(metaAjv.validateSchema(lib), describeErrors(metaAjv.errors));
      assert.equal(lib.$id, `https://dvc-forms.dev/schemas/${name}`);
      const ajv = newAjv();
      for (const [where, schema] of visibleWhenConditions(lib)) {
        assert.doesNotThrow(() => ajv.compile(schema as JsonObject), `${where} does not compile`);
      }
    });
  }
});

describe('procedure definitions', () => {
  test('the four required procedures are there', () => {
    for (const slug of ['birth-registration', 'marriage-registration', 'criminal-record-certificate', 'permanent-residence-registration']) {
      assert.ok(definitions.has(slug), `schemas/procedures/${slug}.json is missing`);
    }
  });

  for (const [slug, def] of definitions) {
    describe(`${slug}.json`, () => {
      test('passes the meta-schema', () => {
        assert.ok(validateDefinition(def), describeErrors(validateDefinition.errors));
      });

      test('x-procedure names the file, and the $id is where the file is', () => {
        const proc = def['x-procedure'] as JsonObject;
        assert.equal(proc.slug, slug);
        assert.equal(def.$id, `https://dvc-forms.dev/schemas/procedures/${slug}.json`);
        assert.ok(typeof def.title === 'string' && def.title.length > 0, 'root title (Vietnamese procedure name)');
        const en = (def['x-i18n'] as JsonObject | undefined)?.en as JsonObject | undefined;
        assert.ok(en && typeof en.title === 'string', 'English procedure name in x-i18n.en.title');
      });

      test('deleting any key the meta-schema requires is reported at that key', (t) => {
        const keys = metaRequiredKeys(def);
        t.diagnostic(`${keys.length} required keys deleted one at a time`);
        // The contract, written out: the meta-schema must keep requiring at least these.
        const expected = [
          '/type',
          ...[
            'code',
            'slug',
            'version',
            'agencyLevel',
            'fullyOnline',
            'legalBasis',
            'processingTime',
            'resultDelivery',
            'requirements',
          ].map((k) => `/x-procedure/${k}`),
          '/x-procedure/processingTime/workingDays',
          ...['id', 'title', 'fields'].map((k) => `/x-steps/0/${k}`),
          ...(def['x-attachments']
            ? ['id', 'title', 'required', 'accept', 'maxSizeMB', 'maxFiles'].map((k) => `/x-attachments/0/${k}`)
            : []),
          ...(def['x-fees'] ? ['/x-fees/currency', '/x-fees/lines', '/x-fees/lines/0/id', '/x-fees/lines/0/title'] : []),
          ...(def['x-rules'] ? ['id', 'kind', 'severity', 'message'].map((k) => `/x-rules/0/${k}`) : []),
        ];
        const notFound = expected.filter((k) => !keys.includes(k));
        assert.deepEqual(notFound, [], 'keys the meta-schema no longer requires');
        const missed: string[] = [];
        for (const pointer of keys) {
          const ok = validateDefinition(without(def, pointer));
          const hit = (validateDefinition.errors ?? []).some(
            (e) =>
              e.keyword === 'required' &&
              `${e.instancePath}/${String((e.params as { missingProperty?: string }).missingProperty)
                .replace(/~/g, '~0')
                .replace(/\//g, '~1')}` === pointer,
          );
          if (ok || !hit) missed.push(`${pointer}: ${ok ? 'passed the meta-schema' : describeErrors(validateDefinition.errors)}`);
        }
        assert.deepEqual(missed, [], `${missed.length} of ${keys.length} deletions not reported at their key`);
      });

      test('the compiler refuses each of those deletions, at the key or at its parent naming it', () => {
        const file = `${schemasDir}procedures/${slug}.json`;
        const missed: string[] = [];
        for (const pointer of metaRequiredKeys(def)) {
          const parent = pointer.slice(0, pointer.lastIndexOf('/'));
          const key = pointer
            .slice(pointer.lastIndexOf('/') + 1)
            .replace(/~1/g, '/')
            .replace(/~0/g, '~');
          try {
            analyzeDefinition(file, { source: JSON.stringify(without(def, pointer)) });
            missed.push(`${pointer}: compiled`);
          } catch (err) {
            if (!(err instanceof DefinitionError)) throw err;
            const hit = err.problems.some((p) => p.pointer === pointer || (p.pointer === parent && p.message.includes(`"${key}"`)));
            if (!hit) missed.push(`${pointer}: ${JSON.stringify(err.problems.slice(0, 3).map((p) => `${p.pointer} ${p.message}`))}`);
          }
        }
        assert.deepEqual(missed, []);
      });

      test('compiles as a dossier schema in ajv strict mode', () => {
        assert.equal(typeof dossierValidator(slug), 'function');
      });

      test('every condition compiles on its own in strict mode (as the compiler compiles them)', () => {
        const conds = [...rootConditions(def), ...visibleWhenConditions(def)];
        assert.ok(conds.length > 0, 'the definition has conditions');
        const ajv = newAjv();
        for (const [where, schema] of conds) {
          assert.doesNotThrow(() => ajv.compile(schema as JsonObject), `${where} does not compile`);
        }
      });

      test('steps cover every top-level property once, and every pointer names a declared data node', () => {
        const steps = def['x-steps'] as Array<{ id: string; fields: string[] }>;
        const all = steps.flatMap((s) => s.fields);
        assert.equal(new Set(all).size, all.length, `a field is in two steps: ${all.join(', ')}`);
        for (const p of all) assert.ok(declares(def, p), `x-steps field ${p} is not declared`);
        const topLevel = new Set<string>();
        for (const key of Object.keys(def.properties as JsonObject)) topLevel.add(`/${key}`);
        for (const branch of ['then', 'else'] as const) {
          const b = def[branch] as JsonObject | undefined;
          if (b?.properties) for (const key of Object.keys(b.properties as JsonObject)) topLevel.add(`/${key}`);
        }
        for (const sub of (def.allOf as JsonObject[] | undefined) ?? []) {
          const then = sub.then as JsonObject | undefined;
          if (then?.properties) for (const key of Object.keys(then.properties as JsonObject)) topLevel.add(`/${key}`);
        }
        for (const p of topLevel) assert.ok(all.includes(p), `${p} is in no step`);
        assert.equal(new Set(steps.map((s) => s.id)).size, steps.length, 'step ids are unique');
      });

      test('fee quantities and rule pointers name declared data nodes', () => {
        const fees = def['x-fees'] as { lines: Array<{ id: string; quantity?: { field: string } }> } | undefined;
        for (const line of fees?.lines ?? []) {
          if (line.quantity) assert.ok(declares(def, line.quantity.field), `fee ${line.id}: ${line.quantity.field}`);
        }
        const pointerParams = ['date', 'on', 'earlier', 'later', 'array', 'idNumber', 'birthDate', 'sex'];
        const rules = (def['x-rules'] as JsonObject[] | undefined) ?? [];
        for (const rule of rules) {
          for (const param of pointerParams) {
            const p = rule[param];
            if (typeof p === 'string') assert.ok(declares(def, p), `rule ${String(rule.id)}.${param}: ${p}`);
          }
          if (rule.kind === 'noGaps') {
            for (const key of ['from', 'to'] as const) {
              assert.ok(declares(def, `${String(rule.array)}/-/${String(rule[key])}`), `rule ${String(rule.id)}.${key}`);
            }
          }
        }
        const ids = [...rules.map((r) => r.id), ...((def['x-attachments'] as JsonObject[] | undefined) ?? []).map((a) => a.id)];
        assert.equal(new Set(ids).size, ids.length, 'rule and attachment ids are unique');
      });

      test('attachments accept photos and PDFs', () => {
        for (const a of (def['x-attachments'] as Array<{ id: string; accept: string[] }> | undefined) ?? []) {
          assert.deepEqual([...a.accept].sort(), ['application/pdf', 'image/jpeg', 'image/png'], a.id);
        }
      });
    });
  }
});

/** A broken variant of criminal-record-certificate.json and where the meta-schema must complain. */
interface BrokenCase {
  name: string;
  mutate: (def: JsonObject) => void;
  instancePath: string;
  keyword?: string;
}

function at(def: JsonObject, pointer: string): JsonObject {
  const v = getAt(def, pointer);
  assert.ok(v && typeof v === 'object' && !Array.isArray(v), `fixture: nothing at ${pointer}`);
  return v;
}

const brokenCases: BrokenCase[] = [
  {
    name: 'misspelt x- keyword on a nested property (x-widgit)',
    mutate: (d) => {
      at(d, '/properties/applicant/properties/sex')['x-widgit'] = 'radio';
    },
    instancePath: '/properties/applicant/properties/sex/x-widgit',
    keyword: 'not',
  },
  {
    name: 'unknown x- keyword at the root (x-fee)',
    mutate: (d) => {
      d['x-fee'] = { currency: 'VND', lines: [] };
    },
    instancePath: '/x-fee',
    keyword: 'not',
  },
  {
    name: 'root-only keyword on a nested node',
    mutate: (d) => {
      at(d, '/properties/family')['x-steps'] = [];
    },
    instancePath: '/properties/family/x-steps',
    keyword: 'not',
  },
  {
    name: 'bad x-prefill key',
    mutate: (d) => {
      at(d, '/properties/applicant/properties/fullName')['x-prefill'] = 'citizen.fullname';
    },
    instancePath: '/properties/applicant/properties/fullName/x-prefill',
    keyword: 'enum',
  },
  {
    name: 'bad x-prefill key inside a then branch of an allOf',
    mutate: (d) => {
      at(d, '/allOf/0/then/properties/representative/properties/fullName')['x-prefill'] = 'citizen.dad.fullName';
    },
    instancePath: '/allOf/0/then/properties/representative/properties/fullName/x-prefill',
    keyword: 'enum',
  },
  {
    name: 'unknown x- keyword inside prefixItems',
    mutate: (d) => {
      at(d, '/properties')['pair'] = { type: 'array', prefixItems: [{ type: 'string', 'x-widgit': 'text' }] };
    },
    instancePath: '/properties/pair/prefixItems/0/x-widgit',
  },
  {
    name: 'bad x-prefill inside items',
    mutate: (d) => {
      at(d, '/properties')['list'] = { type: 'array', items: { type: 'string', 'x-prefill': 'citizen.children' } };
    },
    instancePath: '/properties/list/items/x-prefill',
    keyword: 'enum',
  },
  {
    name: 'bad x-widget-options inside dependentSchemas',
    mutate: (d) => {
      d.dependentSchemas = { purpose: { 'x-widget-options': 'rows=4' } };
    },
    instancePath: '/dependentSchemas/purpose/x-widget-options',
    keyword: 'type',
  },
  {
    name: 'x-sensitive is not a boolean (inside $defs)',
    mutate: (d) => {
      d.$defs = { secret: { type: 'string', 'x-sensitive': 'yes' } };
    },
    instancePath: '/$defs/secret/x-sensitive',
    keyword: 'type',
  },
  {
    name: 'x-widget name not in kebab-case (inside anyOf)',
    mutate: (d) => {
      at(d, '/properties')['alt'] = { anyOf: [{ type: 'string', 'x-widget': 'IdNumber' }, { type: 'null' }] };
    },
    instancePath: '/properties/alt/anyOf/0/x-widget',
    keyword: 'pattern',
  },
  {
    name: 'x-i18n with a locale the SDK does not ship',
    mutate: (d) => {
      d['x-i18n'] = { fr: { title: 'Extrait de casier judiciaire' } };
    },
    instancePath: '/x-i18n',
    keyword: 'additionalProperties',
  },
  {
    name: 'x-visible-when that is not a schema',
    mutate: (d) => {
      at(d, '/properties/purpose')['x-visible-when'] = 'certificateType == 2';
    },
    instancePath: '/properties/purpose/x-visible-when',
  },
  {
    name: 'x- keyword inside a condition',
    mutate: (d) => {
      at(d, '/x-attachments/0/requiredWhen')['x-widget'] = 'text';
    },
    instancePath: '/x-attachments/0/requiredWhen/x-widget',
  },
  {
    name: 'not valid JSON Schema (type "strnig")',
    mutate: (d) => {
      at(d, '/properties/purpose').type = 'strnig';
    },
    instancePath: '/properties/purpose/type',
  },
  {
    name: 'the root is not an object schema',
    mutate: (d) => {
      d.type = 'array';
    },
    instancePath: '/type',
    keyword: 'const',
  },
  {
    name: 'bad agencyLevel',
    mutate: (d) => {
      at(d, '/x-procedure').agencyLevel = 'district';
    },
    instancePath: '/x-procedure/agencyLevel',
    keyword: 'enum',
  },
  {
    name: 'x-procedure without a code',
    mutate: (d) => {
      delete at(d, '/x-procedure').code;
    },
    instancePath: '/x-procedure',
    keyword: 'required',
  },
  {
    name: 'malformed procedure code',
    mutate: (d) => {
      at(d, '/x-procedure').code = '1001193';
    },
    instancePath: '/x-procedure/code',
    keyword: 'pattern',
  },
  {
    name: 'slug not in kebab-case',
    mutate: (d) => {
      at(d, '/x-procedure').slug = 'CriminalRecord';
    },
    instancePath: '/x-procedure/slug',
    keyword: 'pattern',
  },
  {
    name: 'result delivery outside the vocabulary',
    mutate: (d) => {
      at(d, '/x-procedure').resultDelivery = ['online', 'email'];
    },
    instancePath: '/x-procedure/resultDelivery/1',
    keyword: 'enum',
  },
  {
    name: 'legal basis as plain strings instead of localised texts',
    mutate: (d) => {
      at(d, '/x-procedure').legalBasis = ['Luật Lý lịch tư pháp 2009'];
    },
    instancePath: '/x-procedure/legalBasis/0',
    keyword: 'type',
  },
  {
    name: 'step field that is not a JSON pointer',
    mutate: (d) => {
      (at(d, '/x-steps/1').fields as string[])[0] = 'child';
    },
    instancePath: '/x-steps/1/fields/0',
    keyword: 'pattern',
  },
  {
    name: 'step without fields',
    mutate: (d) => {
      delete at(d, '/x-steps/0').fields;
    },
    instancePath: '/x-steps/0',
    keyword: 'required',
  },
  {
    name: 'attachment accept entry that is not a MIME type',
    mutate: (d) => {
      (at(d, '/x-attachments/0').accept as string[])[0] = 'jpeg';
    },
    instancePath: '/x-attachments/0/accept/0',
    keyword: 'pattern',
  },
  {
    name: 'attachment without maxFiles',
    mutate: (d) => {
      delete at(d, '/x-attachments/0').maxFiles;
    },
    instancePath: '/x-attachments/0',
    keyword: 'required',
  },
  {
    name: 'fee line with neither amount nor cases',
    mutate: (d) => {
      delete at(d, '/x-fees/lines/1').amount;
    },
    instancePath: '/x-fees/lines/1',
    keyword: 'oneOf',
  },
  {
    name: 'fee line with both amount and cases',
    mutate: (d) => {
      at(d, '/x-fees/lines/1').cases = [{ amount: 5000 }];
    },
    instancePath: '/x-fees/lines/1',
    keyword: 'oneOf',
  },
  {
    name: 'fee amount that is not a whole number of đồng',
    mutate: (d) => {
      at(d, '/x-fees/lines/1').amount = 5000.5;
    },
    instancePath: '/x-fees/lines/1/amount',
    keyword: 'type',
  },
  {
    name: 'fee in another currency',
    mutate: (d) => {
      at(d, '/x-fees').currency = 'USD';
    },
    instancePath: '/x-fees/currency',
    keyword: 'const',
  },
  {
    name: 'fee quantity offset that is not an integer',
    mutate: (d) => {
      at(d, '/x-fees/lines/1/quantity').offset = '-2';
    },
    instancePath: '/x-fees/lines/1/quantity/offset',
    keyword: 'type',
  },
  {
    name: 'bad rule kind',
    mutate: (d) => {
      at(d, '/x-rules/0').kind = 'minimumAge';
    },
    instancePath: '/x-rules/0/kind',
    keyword: 'enum',
  },
  {
    name: 'rule without its parameters (minAge without years)',
    mutate: (d) => {
      (d['x-rules'] as Json[]).push({
        id: 'age',
        kind: 'minAge',
        severity: 'error',
        date: '/applicant/dateOfBirth',
        message: { vi: 'Tuổi' },
      });
    },
    instancePath: '/x-rules/3',
    keyword: 'required',
  },
  {
    name: 'rule with a parameter of another kind',
    mutate: (d) => {
      at(d, '/x-rules/0').years = 18;
    },
    instancePath: '/x-rules/0',
    keyword: 'additionalProperties',
  },
  {
    name: 'idNumberMatches naming its pointer "id" (the rule id) instead of "idNumber"',
    mutate: (d) => {
      const r = at(d, '/x-rules/2');
      delete r.idNumber;
      r.id = '/applicant/idDocument/number';
    },
    instancePath: '/x-rules/2',
    keyword: 'required',
  },
  {
    name: 'rule severity outside error/warning',
    mutate: (d) => {
      at(d, '/x-rules/0').severity = 'info';
    },
    instancePath: '/x-rules/0/severity',
    keyword: 'enum',
  },
  {
    name: 'rule message as a plain string',
    mutate: (d) => {
      at(d, '/x-rules/0').message = 'Ngày sinh không hợp lệ';
    },
    instancePath: '/x-rules/0/message',
    keyword: 'type',
  },
];

describe('the meta-schema rejects broken definitions', () => {
  const base = definitions.get('criminal-record-certificate');
  assert.ok(base);

  test('the unbroken base passes', () => {
    assert.ok(validateDefinition(base), describeErrors(validateDefinition.errors));
  });

  for (const c of brokenCases) {
    test(c.name, () => {
      const def = clone(base);
      c.mutate(def);
      assert.equal(validateDefinition(def), false, 'the broken definition passed');
      const errors = validateDefinition.errors ?? [];
      const hit = errors.find((e) => e.instancePath === c.instancePath && (c.keyword === undefined || e.keyword === c.keyword));
      assert.ok(hit, `expected an error at ${c.instancePath}${c.keyword ? ` (${c.keyword})` : ''}, got ${describeErrors(errors)}`);
    });
  }

  test('a misspelt x- keyword inside a schema library is rejected too', () => {
    const node = metaAjv.getSchema(`${String(meta.$id)}#/$defs/node`);
    assert.ok(node);
    const lib = clone(civilStatus);
    at(lib, '/$defs/child/properties/sex')['x-prefil'] = 'citizen.sex';
    assert.equal(node(lib), false);
    assert.ok(
      (node.errors ?? []).some((e) => e.instancePath === '/$defs/child/properties/sex/x-prefil'),
      describeErrors(node.errors),
    );
  });

  test('plain JSON Schema with no x- keyword is a valid definition', () => {
    const plain = {
      $schema: OFFICIAL_META,
      title: 'Phản ánh, kiến nghị',
      type: 'object',
      properties: {
        name: { type: 'string', title: 'Họ và tên' },
        topic: { type: 'string', title: 'Lĩnh vực', enum: ['Đất đai', 'Môi trường'] },
        details: { type: 'string', title: 'Nội dung' },
      },
      required: ['name', 'details'],
    };
    assert.ok(validateDefinition(plain), describeErrors(validateDefinition.errors));
  });
});

/** A dossier change and what the validator must then say (or that it must pass). */
interface DossierCase {
  name: string;
  mutate: (d: JsonObject) => void;
  /** Expected error place and keyword; absent = the changed dossier must be valid. */
  error?: { instancePath: string; keyword: string; missingProperty?: string };
}

function remove(d: JsonObject, pointer: string): void {
  const i = pointer.lastIndexOf('/');
  const parent = getAt(d, pointer.slice(0, i));
  assert.ok(parent && typeof parent === 'object', `fixture: nothing at ${pointer}`);
  const key = pointer.slice(i + 1);
  if (Array.isArray(parent)) parent.splice(Number(key), 1);
  else {
    assert.ok(key in parent, `fixture: nothing at ${pointer}`);
    delete parent[key];
  }
}

function set(d: JsonObject, pointer: string, value: Json): void {
  const i = pointer.lastIndexOf('/');
  const parent = getAt(d, pointer.slice(0, i));
  assert.ok(parent && typeof parent === 'object' && !Array.isArray(parent), `fixture: nothing at ${pointer.slice(0, i)}`);
  parent[pointer.slice(i + 1)] = value;
}

const dossierCases: Record<string, DossierCase[]> = {
  'birth-residence-health-insurance': [
    {
      name: 'missing the household head',
      mutate: (d) => remove(d, '/residence/headFullName'),
      error: { instancePath: '/residence', keyword: 'required', missingProperty: 'headFullName' },
    },
    {
      name: 'missing the primary care facility',
      mutate: (d) => remove(d, '/healthInsurance/initialFacility'),
      error: { instancePath: '/healthInsurance', keyword: 'required', missingProperty: 'initialFacility' },
    },
    {
      name: 'the birth part is checked as in birth registration (father block)',
      mutate: (d) => remove(d, '/father'),
      error: { instancePath: '', keyword: 'required', missingProperty: 'father' },
    },
    {
      name: 'the shared child piece is checked (place of birth)',
      mutate: (d) => remove(d, '/child/placeOfBirth/facilityName'),
      error: { instancePath: '/child/placeOfBirth', keyword: 'required', missingProperty: 'facilityName' },
    },
    {
      name: 'father undetermined: the father block may be absent',
      mutate: (d) => {
        set(d, '/fatherDetermined', false);
        remove(d, '/father');
        remove(d, '/parentsMarriage');
      },
    },
    {
      name: 'card format outside the choices',
      mutate: (d) => set(d, '/healthInsurance/cardForm', 'plastic'),
      error: { instancePath: '/healthInsurance/cardForm', keyword: 'oneOf' },
    },
  ],
  'birth-registration': [
    {
      name: "missing the child's date of birth",
      mutate: (d) => remove(d, '/child/dateOfBirth'),
      error: { instancePath: '/child', keyword: 'required', missingProperty: 'dateOfBirth' },
    },
    {
      name: 'father determined but no father block',
      mutate: (d) => remove(d, '/father'),
      error: { instancePath: '', keyword: 'required', missingProperty: 'father' },
    },
    {
      name: 'father undetermined: the father block may be absent',
      mutate: (d) => {
        set(d, '/fatherDetermined', false);
        remove(d, '/father');
        remove(d, '/parentsMarriage');
      },
    },
    {
      name: 'father undetermined: a father block is not accepted',
      mutate: (d) => set(d, '/fatherDetermined', false),
      error: { instancePath: '', keyword: 'unevaluatedProperties' },
    },
    {
      name: 'born in a health facility without its name',
      mutate: (d) => remove(d, '/child/placeOfBirth/facilityName'),
      error: { instancePath: '/child/placeOfBirth', keyword: 'required', missingProperty: 'facilityName' },
    },
    {
      name: 'born at home: no facility name needed',
      mutate: (d) => {
        set(d, '/child/placeOfBirth/kind', 'other');
        remove(d, '/child/placeOfBirth/facilityName');
      },
    },
    {
      name: 'marriage certificate number without its date',
      mutate: (d) => remove(d, '/parentsMarriage/issuedOn'),
      error: { instancePath: '/parentsMarriage', keyword: 'dependentRequired', missingProperty: 'issuedOn' },
    },
    {
      name: 'sworn statement not given',
      mutate: (d) => set(d, '/declaration', false),
      error: { instancePath: '/declaration', keyword: 'const' },
    },
    {
      name: 'ID number of 11 digits',
      mutate: (d) => set(d, '/mother/idNumber', '00119501234'),
      error: { instancePath: '/mother/idNumber', keyword: 'pattern' },
    },
    {
      name: 'a Vietnamese mother without an ID number',
      mutate: (d) => remove(d, '/mother/idNumber'),
      error: { instancePath: '/mother', keyword: 'required', missingProperty: 'idNumber' },
    },
    {
      name: 'ID card number of 9 digits on a căn cước',
      mutate: (d) => set(d, '/requester/idDocument/number', '012345678'),
      error: { instancePath: '/requester/idDocument/number', keyword: 'pattern' },
    },
    {
      name: 'old CMND: 9 digits are right',
      mutate: (d) => {
        set(d, '/requester/idDocument/type', 'cmnd');
        set(d, '/requester/idDocument/number', '012345678');
      },
    },
    {
      name: 'Vietnamese address without a commune',
      mutate: (d) => remove(d, '/mother/residence/commune'),
      error: { instancePath: '/mother/residence', keyword: 'required', missingProperty: 'commune' },
    },
    {
      name: 'commune code of 4 digits',
      mutate: (d) => set(d, '/mother/residence/commune', '0004'),
      error: { instancePath: '/mother/residence/commune', keyword: 'pattern' },
    },
    {
      name: 'date of birth that is not a date',
      mutate: (d) => set(d, '/child/dateOfBirth', '2026-02-30'),
      error: { instancePath: '/child/dateOfBirth', keyword: 'format' },
    },
    {
      name: 'phone number that is not Vietnamese',
      mutate: (d) => set(d, '/requester/phone', '12345'),
      error: { instancePath: '/requester/phone', keyword: 'pattern' },
    },
    {
      name: 'negative number of copies',
      mutate: (d) => set(d, '/extractCopies', -1),
      error: { instancePath: '/extractCopies', keyword: 'minimum' },
    },
  ],
  'marriage-registration': [
    {
      name: "missing the groom's date of birth",
      mutate: (d) => remove(d, '/groom/dateOfBirth'),
      error: { instancePath: '/groom', keyword: 'required', missingProperty: 'dateOfBirth' },
    },
    {
      name: 'divorced without the judgment',
      mutate: (d) => remove(d, '/groom/divorceJudgment'),
      error: { instancePath: '/groom', keyword: 'required', missingProperty: 'divorceJudgment' },
    },
    {
      name: 'judgment without the court',
      mutate: (d) => remove(d, '/groom/divorceJudgment/court'),
      error: { instancePath: '/groom/divorceJudgment', keyword: 'required', missingProperty: 'court' },
    },
    {
      name: 'second marriage while "never married"',
      mutate: (d) => set(d, '/bride/marriageOrdinal', 2),
      error: { instancePath: '/bride/maritalStatus', keyword: 'enum' },
    },
    {
      name: 'never married: a divorce judgment is not accepted',
      mutate: (d) => {
        set(d, '/bride/divorceJudgment', { number: '1/2020', date: '2020-01-01', court: 'Tòa án nhân dân' });
      },
      error: { instancePath: '/bride', keyword: 'unevaluatedProperties' },
    },
    {
      name: 'widowed: no judgment needed',
      mutate: (d) => {
        set(d, '/groom/maritalStatus', 'widowed');
        remove(d, '/groom/divorceJudgment');
      },
    },
    {
      name: 'marital status "married" is not a choice',
      mutate: (d) => set(d, '/bride/maritalStatus', 'married'),
      error: { instancePath: '/bride/maritalStatus', keyword: 'oneOf' },
    },
    {
      name: 'sworn statement not given',
      mutate: (d) => remove(d, '/declaration'),
      error: { instancePath: '', keyword: 'required', missingProperty: 'declaration' },
    },
  ],
  'criminal-record-certificate': [
    {
      name: 'missing the purpose',
      mutate: (d) => remove(d, '/purpose'),
      error: { instancePath: '', keyword: 'required', missingProperty: 'purpose' },
    },
    {
      name: 'certificate No. 2 through a representative',
      mutate: (d) => {
        set(d, '/certificateType', 2);
        set(d, '/requestType', 'representative');
        set(d, '/representative', { fullName: 'Đỗ Văn Thành', idNumber: '033062001111', phone: '0911222333', relationship: 'Cha' });
      },
      error: { instancePath: '/requestType', keyword: 'const' },
    },
    { name: 'certificate No. 2 for oneself', mutate: (d) => set(d, '/certificateType', 2) },
    {
      name: 'certificate No. 1 through a representative',
      mutate: (d) => {
        set(d, '/requestType', 'representative');
        set(d, '/representative', { fullName: 'Đỗ Văn Thành', idNumber: '033062001111', phone: '0911222333', relationship: 'Cha' });
      },
    },
    {
      name: 'through a representative without the representative',
      mutate: (d) => set(d, '/requestType', 'representative'),
      error: { instancePath: '', keyword: 'required', missingProperty: 'representative' },
    },
    {
      name: 'certificate type 3',
      mutate: (d) => set(d, '/certificateType', 3),
      error: { instancePath: '/certificateType', keyword: 'oneOf' },
    },
    {
      name: 'no residence history',
      mutate: (d) => set(d, '/residenceHistory', []),
      error: { instancePath: '/residenceHistory', keyword: 'minItems' },
    },
    {
      name: 'a residence row without its start month',
      mutate: (d) => remove(d, '/residenceHistory/1/from'),
      error: { instancePath: '/residenceHistory/1', keyword: 'required', missingProperty: 'from' },
    },
    {
      name: 'month 13',
      mutate: (d) => set(d, '/residenceHistory/0/to', '2008-13'),
      error: { instancePath: '/residenceHistory/0/to', keyword: 'pattern' },
    },
    {
      name: 'married without the spouse',
      mutate: (d) => remove(d, '/family/spouse'),
      error: { instancePath: '/family', keyword: 'required', missingProperty: 'spouse' },
    },
    {
      name: 'unknown receiving agency',
      mutate: (d) => set(d, '/receivingAgency', '99'),
      error: { instancePath: '/receivingAgency', keyword: 'oneOf' },
    },
    { name: 'zero copies', mutate: (d) => set(d, '/copies', 0), error: { instancePath: '/copies', keyword: 'minimum' } },
  ],
  'permanent-residence-registration': [
    {
      name: "missing the applicant's ID number",
      mutate: (d) => remove(d, '/applicant/idNumber'),
      error: { instancePath: '/applicant', keyword: 'required', missingProperty: 'idNumber' },
    },
    {
      name: "moving in with relatives without the head's consent",
      mutate: (d) => remove(d, '/ownerConsent'),
      error: { instancePath: '', keyword: 'required', missingProperty: 'ownerConsent' },
    },
    {
      name: 'own dwelling: no consent needed',
      mutate: (d) => {
        set(d, '/basis', 'ownDwelling');
        remove(d, '/ownerConsent');
      },
    },
    {
      name: "not the head: the head's ID number is required",
      mutate: (d) => remove(d, '/household/headIdNumber'),
      error: { instancePath: '/household', keyword: 'required', missingProperty: 'headIdNumber' },
    },
    {
      name: "the applicant is the head: no head's ID number needed",
      mutate: (d) => {
        set(d, '/household/relationshipToHead', 'self');
        remove(d, '/household/headIdNumber');
      },
    },
    {
      name: 'a member without the relationship',
      mutate: (d) => remove(d, '/otherMembers/0/relationshipToHead'),
      error: { instancePath: '/otherMembers/0', keyword: 'required', missingProperty: 'relationshipToHead' },
    },
    {
      name: 'a member with a malformed ID number',
      mutate: (d) => set(d, '/otherMembers/0/idNumber', '07931900567X'),
      error: { instancePath: '/otherMembers/0/idNumber', keyword: 'pattern' },
    },
    { name: 'no other members is fine', mutate: (d) => remove(d, '/otherMembers') },
  ],
};

describe('dossiers against the definitions', () => {
  for (const slug of definitions.keys()) {
    const dossierFile = `${dossiersDir}${slug}.json`;
    describe(slug, () => {
      const dossier = readJson(dossierFile);

      test('the complete hand-written dossier is valid', () => {
        const v = dossierValidator(slug);
        assert.ok(v(dossier), describeErrors(v.errors));
      });

      const cases = dossierCases[slug] ?? [];
      test('has dossier cases', () => assert.ok(cases.length >= 5, `only ${cases.length} cases for ${slug}`));
      for (const c of cases) {
        test(c.name, () => {
          const d = clone(dossier);
          c.mutate(d);
          const v = dossierValidator(slug);
          const ok = v(d);
          if (!c.error) {
            assert.ok(ok, describeErrors(v.errors));
            return;
          }
          assert.equal(ok, false, 'the broken dossier passed');
          const want = c.error;
          const hit = (v.errors ?? []).find(
            (e) =>
              e.instancePath === want.instancePath &&
              e.keyword === want.keyword &&
              (want.missingProperty === undefined || (e.params as { missingProperty?: string }).missingProperty === want.missingProperty),
          );
          assert.ok(hit, `expected ${want.keyword} at "${want.instancePath}", got ${describeErrors(v.errors)}`);
        });
      }
    });
  }
});
