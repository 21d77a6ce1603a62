/**
 * Seeded mutations of procedure definitions for the compiler fuzz test (tests/node/compiler/fuzz.test.ts).
 * Everything here is deterministic: the same seed gives the same mutated text, so a failing case replays.
 */

/** A small, fast, seedable PRNG (mulberry32). Returns a function giving floats in [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };
type Path = Array<string | number>;

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** RFC 6901 pointer of a path. */
export function pointerOf(path: Path): string {
  return path.map((t) => '/' + String(t).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/** Sets an own property, even `__proto__` (a plain assignment would change the prototype instead). */
function setOwn(o: Obj, key: string, value: Json): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

/** The random choices of one case. */
class Dice {
  constructor(readonly next: () => number) {}
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(list: readonly T[]): T {
    return list[this.int(list.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** Every (path, value) of a JSON document, parents before children. */
function allNodes(doc: Json): Array<{ path: Path; value: Json }> {
  const out: Array<{ path: Path; value: Json }> = [];
  const stack: Array<{ path: Path; value: Json }> = [{ path: [], value: doc }];
  while (stack.length > 0) {
    const n = stack.pop()!;
    out.push(n);
    if (Array.isArray(n.value)) n.value.forEach((v, i) => stack.push({ path: [...n.path, i], value: v }));
    else if (isObj(n.value)) for (const k of Object.keys(n.value)) stack.push({ path: [...n.path, k], value: n.value[k] });
  }
  return out;
}

function getPath(doc: Json, path: Path): Json {
  let cur: Json = doc;
  for (const t of path) cur = (cur as Record<string | number, Json>)[t];
  return cur;
}

/** Replaces the value at `path` (the root cannot be replaced: returns false). */
function setPath(doc: Json, path: Path, value: Json): boolean {
  if (path.length === 0) return false;
  const parent = getPath(doc, path.slice(0, -1));
  const last = path[path.length - 1];
  if (Array.isArray(parent)) parent[last as number] = value;
  else if (isObj(parent)) setOwn(parent, last as string, value);
  else return false;
  return true;
}

/** Schema objects of the data tree (where JSON Schema keywords apply), found by the keys leading to them. */
function schemaNodes(doc: Json): Array<{ path: Path; value: Obj }> {
  const out: Array<{ path: Path; value: Obj }> = [];
  const visit = (v: Json, path: Path, depth: number): void => {
    if (!isObj(v) || depth > 40) return;
    out.push({ path, value: v });
    for (const kw of ['properties', '$defs', 'patternProperties', 'dependentSchemas']) {
      const m = v[kw];
      if (isObj(m)) for (const k of Object.keys(m)) visit(m[k], [...path, kw, k], depth + 1);
    }
    for (const kw of ['items', 'if', 'then', 'else', 'not', 'contains', 'additionalProperties', 'x-visible-when'])
      visit(v[kw], [...path, kw], depth + 1);
    for (const kw of ['allOf', 'anyOf', 'oneOf', 'prefixItems']) {
      const a = v[kw];
      if (Array.isArray(a)) a.forEach((s, i) => visit(s, [...path, kw, i], depth + 1));
    }
  };
  visit(doc, [], 0);
  return out;
}

const HUGE_NUMBERS: readonly Json[] = [
  1e308,
  -1e308,
  -1,
  -0.5,
  0,
  2 ** 53 + 1,
  5e-324,
  1.5,
  Number.MAX_SAFE_INTEGER,
  -2147483649,
  'NaN',
  'Infinity',
  '-Infinity',
  '1e999',
];
const OTHER_TYPES: readonly Json[] = [null, true, false, 0, 3.25, '', 'text', [], [1, 'a', null], {}, { type: 'string' }];
const GARBAGE: readonly string[] = [
  '\ud800',
  '\udfff',
  'a\u0000b',
  '\u202eevil\u202c',
  '🦄'.repeat(300),
  'e\u0301\u0301\u0301',
  '\uffff\ufffe',
  '</script><script>alert(1)</script>',
  '*/ alert(1); /*',
  '${globalThis.x}',
  '`',
  '\\',
  '\n\r\u2028\u2029',
  "'); alert(1); ('",
  '"',
  '<img src=x onerror=alert(1)>',
  '\u200b',
  'Ａ',
  '%s%n',
];
const PROTO_KEYS: readonly string[] = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  '__defineGetter__',
];
const BAD_REFS: readonly Json[] = [
  '#/nope',
  '#/$defs/',
  '#anchor',
  'http://evil.example/x.json',
  'https://json-schema.org/draft/2020-12/schema',
  '../nope.json#/a',
  '#/%',
  '#/properties/%E0%A4%A',
  '../common.json#/$defs/nothing',
  '../procedure.schema.json#/',
  '/etc/passwd#/',
  '../common.json',
  '#/x-steps/0',
  '#/properties/~2',
  '#/properties/~',
  '',
  '#//',
  42,
  null,
  ['#/a'],
  { $ref: '#' },
  'file:///etc/passwd',
  '..',
  '../',
  '#/$defs/%ZZ',
  'data:application/json,{}',
  'common.json#/$defs/date',
  '\u0000',
  '../../package.json#/name',
];
const BAD_PATTERNS: readonly Json[] = [
  '(a+)+$',
  '((((((((((a*)*)*)*)*)*)*)*)*)*)*$',
  '(',
  '[',
  '\\',
  '(?<a>x)(?<a>y)',
  '\\p{Nope}',
  'a{99999999999}',
  '(?=a)*',
  '[z-a]',
  '\\k<nope>',
  '(?<=a+)b',
  '\\u{110000}',
  '^(\\w+\\s?)*$',
  '',
  '.*'.repeat(500),
  42,
  null,
  '\ud800',
  '[\\d-z]',
];
const DEPTHS: readonly number[] = [30, 200, 2000, 12000];

/** One mutation: changes `doc` in place (or returns a replacement text) and describes what it did. */
type Op = (doc: Json, d: Dice) => string | undefined;

const ops: Record<string, Op> = {
  deleteKey(doc, d) {
    const members = allNodes(doc).filter((n) => n.path.length > 0 && typeof n.path[n.path.length - 1] === 'string');
    const n = d.pick(members);
    const parent = getPath(doc, n.path.slice(0, -1)) as Obj;
    delete parent[n.path[n.path.length - 1] as string];
    return `delete ${pointerOf(n.path)}`;
  },
  retype(doc, d) {
    const n = d.pick(allNodes(doc).filter((x) => x.path.length > 0));
    const v = structuredClone(d.pick(OTHER_TYPES));
    setPath(doc, n.path, v);
    return `set ${pointerOf(n.path)} to ${JSON.stringify(v)}`;
  },
  numbers(doc, d) {
    const nums = allNodes(doc).filter((x) => x.path.length > 0 && (typeof x.value === 'number' || d.chance(0.02)));
    const n = d.pick(nums);
    const v = d.pick(HUGE_NUMBERS);
    if (v === '1e999') return `RAW:${pointerOf(n.path)}:${d.chance(0.5) ? '1e999' : '-1e999'}`; // only JSON text can hold it (it parses to Infinity)
    setPath(doc, n.path, v);
    return `set ${pointerOf(n.path)} to ${JSON.stringify(v)}`;
  },
  keywordNumbers(doc, d) {
    const n = d.pick(schemaNodes(doc));
    const kw = d.pick([
      'minLength',
      'maxLength',
      'minimum',
      'maximum',
      'exclusiveMinimum',
      'multipleOf',
      'minItems',
      'maxItems',
      'minProperties',
      'maxContains',
      'minContains',
    ]);
    const v = d.pick(HUGE_NUMBERS);
    if (v === '1e999') {
      setOwn(n.value, kw, 0);
      return `RAW:${pointerOf([...n.path, kw])}:${d.chance(0.5) ? '1e999' : '-1e999'}`;
    }
    setOwn(n.value, kw, v);
    return `set ${pointerOf([...n.path, kw])} to ${JSON.stringify(v)}`;
  },
  emptyString(doc, d) {
    const strs = allNodes(doc).filter((x) => typeof x.value === 'string');
    const n = d.pick(strs);
    setPath(doc, n.path, '');
    return `set ${pointerOf(n.path)} to ""`;
  },
  deepNest(doc, d) {
    // Written into the text (a parsed document that deep could not even be serialised by JSON.stringify).
    const n = d.pick(schemaNodes(doc).filter((x) => x.path.length > 0));
    const depth = d.pick(DEPTHS);
    const shape = d.pick(['properties', 'allOf', 'items', 'not', 'array-value', 'object-value'] as const);
    const [open, inner, close] = {
      properties: ['{"type":"object","properties":{"a":', '{"type":"string"}', '}}'],
      allOf: ['{"allOf":[', '{"type":"string"}', ']}'],
      items: ['{"type":"array","items":', '{"type":"string"}', '}'],
      not: ['{"not":', '{"type":"string"}', '}'],
      'array-value': ['[', '1', ']'],
      'object-value': ['{"a":', '1', '}'],
    }[shape];
    const raw = open.repeat(depth) + inner + close.repeat(depth);
    if (shape === 'array-value' || shape === 'object-value') {
      const kw = d.pick(['default', 'enum', 'const', 'x-widget-options', 'examples']);
      setOwn(n.value, kw, 0);
      return `RAW:${pointerOf([...n.path, kw])}:${kw === 'enum' ? `[${raw}]` : raw}`;
    }
    return `RAW:${pointerOf(n.path)}:${raw}`;
  },
  unknownKeyword(doc, d) {
    const n = d.pick(d.chance(0.7) ? schemaNodes(doc) : (allNodes(doc).filter((x) => isObj(x.value)) as Array<{ path: Path; value: Obj }>));
    const key = d.pick([
      'x-',
      'x-evil',
      'x-steps',
      'x-procedure',
      'x-fees',
      'x-widget',
      'x-prefill',
      'x-i18n',
      'x-sensitive',
      'x-visible-when',
      'X-Widget',
      'minimun',
      '$recursiveRef',
      'x-' + 'a'.repeat(5000),
    ]);
    const v = structuredClone(d.pick([...OTHER_TYPES, 'constructor', '__proto__']));
    setOwn(n.value as Obj, key, v);
    return `add ${pointerOf([...n.path, key]).slice(0, 120)} = ${JSON.stringify(v)}`;
  },
  brokenRef(doc, d) {
    const n = d.pick(schemaNodes(doc).filter((x) => x.path.length > 0));
    const ref = structuredClone(d.pick(BAD_REFS));
    if (d.chance(0.5)) setPath(doc, n.path, { $ref: ref });
    else setOwn(n.value, '$ref', ref);
    return `$ref at ${pointerOf(n.path)} = ${JSON.stringify(ref)}`;
  },
  circularRef(doc, d) {
    const nodes = schemaNodes(doc).filter((x) => x.path.length > 0);
    const n = d.pick(nodes);
    const kind = d.int(4);
    let ref: string;
    if (kind === 0) ref = '#';
    else if (kind === 1) ref = '#' + pointerOf(n.path);
    else if (kind === 2) ref = '#' + pointerOf(n.path.slice(0, Math.max(0, n.path.length - 2)));
    else {
      // two $defs pointing at each other
      const root = doc as Obj;
      const defs: Obj = isObj(root.$defs) ? root.$defs : {};
      defs.loopA = { $ref: '#/$defs/loopB' };
      defs.loopB = { type: 'object', properties: { back: { $ref: '#/$defs/loopA' } } };
      root.$defs = defs;
      ref = '#/$defs/loopA';
    }
    setPath(doc, n.path, { $ref: ref });
    return `$ref cycle at ${pointerOf(n.path)} → ${ref}`;
  },
  duplicateIds(doc, d) {
    const root = doc as Obj;
    const lists: Array<[string, Json[] | undefined]> = [
      ['x-steps', root['x-steps'] as Json[]],
      ['x-attachments', root['x-attachments'] as Json[]],
      ['x-rules', root['x-rules'] as Json[]],
      ['x-fees/lines', isObj(root['x-fees']) ? (root['x-fees'].lines as Json[]) : undefined],
    ];
    const usable = lists.filter(([, l]) => Array.isArray(l) && l.length > 0 && l.every(isObj));
    if (usable.length === 0) return undefined;
    const [name, list] = d.pick(usable);
    const l = list as Obj[];
    const how = d.int(3);
    if (how === 0 && l.length > 1) {
      l[l.length - 1].id = l[0].id;
      return `duplicate id ${JSON.stringify(l[0].id)} in ${name}`;
    }
    if (how === 1) {
      l.push(structuredClone(l[0]));
      return `copy the first entry of ${name}`;
    }
    const id = d.pick(['__proto__', 'constructor', '', 'toString']);
    setOwn(l[d.int(l.length)], 'id', id);
    return `set an id in ${name} to ${JSON.stringify(id)}`;
  },
  badPattern(doc, d) {
    const strs = schemaNodes(doc).filter((x) => x.value.type === 'string' || 'pattern' in x.value);
    const n = d.pick(strs.length > 0 ? strs : schemaNodes(doc));
    const p = d.pick(BAD_PATTERNS);
    setOwn(n.value, d.chance(0.85) ? 'pattern' : 'format', p);
    return `pattern/format at ${pointerOf(n.path)} = ${JSON.stringify(p).slice(0, 80)}`;
  },
  unicode(doc, d) {
    const g = d.pick(GARBAGE);
    if (d.chance(0.35)) {
      // as a key
      const objs = allNodes(doc).filter((x) => isObj(x.value) && Object.keys(x.value).length > 0);
      const n = d.pick(objs);
      const o = n.value as Obj;
      const key = d.pick(Object.keys(o));
      const v = o[key];
      delete o[key];
      setOwn(o, key + g, v);
      return `rename ${pointerOf([...n.path, key])} to ${JSON.stringify(key + g).slice(0, 80)}`;
    }
    const strs = allNodes(doc).filter((x) => typeof x.value === 'string');
    const n = d.pick(strs);
    const v = d.chance(0.5) ? (n.value as string) + g : g;
    setPath(doc, n.path, v);
    return `set ${pointerOf(n.path)} to ${JSON.stringify(v).slice(0, 80)}`;
  },
  protoKeys(doc, d) {
    const key = d.pick(PROTO_KEYS);
    const root = doc as Obj;
    const where = d.int(7);
    const value = structuredClone(d.pick<Json>([{ type: 'string' }, { polluted: true }, 'x', 1, null, {}]));
    if (where === 0) {
      const n = d.pick(schemaNodes(doc).filter((x) => isObj(x.value.properties)));
      setOwn(n.value.properties as Obj, key, isObj(value) ? value : { type: 'string' });
      return `add property ${JSON.stringify(key)} at ${pointerOf([...n.path, 'properties'])} = ${JSON.stringify(value)}`;
    }
    if (where === 1) {
      const n = d.pick(schemaNodes(doc));
      setOwn(n.value, key, value);
      return `add keyword ${JSON.stringify(key)} at ${pointerOf(n.path)} = ${JSON.stringify(value)}`;
    }
    if (where === 2 && Array.isArray(root['x-rules']) && root['x-rules'].length > 0) {
      const r = d.pick(root['x-rules']) as Obj;
      if (isObj(r)) r.kind = key;
      return `set an x-rules kind to ${JSON.stringify(key)}`;
    }
    if (where === 3) {
      const n = d.pick(schemaNodes(doc));
      setOwn(n.value, d.pick(['x-prefill', 'x-widget', 'format', 'type']), key);
      return `set a string keyword at ${pointerOf(n.path)} to ${JSON.stringify(key)}`;
    }
    if (where === 4) {
      const n = d.pick(schemaNodes(doc));
      const holder: Obj = {};
      setOwn(holder, key, value);
      setOwn(n.value, d.pick(['x-widget-options', 'x-i18n', 'dependentRequired', '$defs', 'default']), holder);
      return `nested ${JSON.stringify(key)} object at ${pointerOf(n.path)}`;
    }
    if (where === 5 && isObj(root['x-procedure'])) {
      const k = d.pick(['slug', 'agencyLevel', 'resultDelivery', 'code']);
      setOwn(root['x-procedure'], k, k === 'resultDelivery' ? [key] : key);
      return `set /x-procedure/${k} to ${JSON.stringify(key)}`;
    }
    const n = d.pick(schemaNodes(doc).filter((x) => Array.isArray(x.value.required)));
    if (!n) return undefined;
    (n.value.required as Json[]).push(key);
    return `require ${JSON.stringify(key)} at ${pointerOf(n.path)}`;
  },
  hugeArray(doc, d) {
    const size = d.pick([1000, 10000, 30000]);
    const kind = d.int(6);
    const root = doc as Obj;
    if (kind === 0) {
      const n = d.pick(schemaNodes(doc).filter((x) => x.path.length > 0));
      setOwn(
        n.value,
        'enum',
        Array.from({ length: size }, (_, i) => (d.chance(0.5) ? `v${i}` : i)),
      );
      return `enum of ${size} at ${pointerOf(n.path)}`;
    }
    if (kind === 1 && Array.isArray(root['x-steps'])) {
      const steps = root['x-steps'];
      const first = steps[0];
      for (let i = 0; i < size / 10; i++) steps.push(isObj(first) ? { ...structuredClone(first), id: `s${i}` } : {});
      return `${size / 10} extra steps`;
    }
    if (kind === 2) {
      const n = d.pick(schemaNodes(doc).filter((x) => isObj(x.value.properties)));
      n.value.required = Array.from({ length: size }, (_, i) => `missing${i}`);
      return `required of ${size} undeclared names at ${pointerOf(n.path)}`;
    }
    if (kind === 3) {
      const n = d.pick(schemaNodes(doc).filter((x) => isObj(x.value.properties)));
      const props = n.value.properties as Obj;
      for (let i = 0; i < size / 10; i++) props[`extra${i}`] = { type: d.pick(['string', 'number', 'nope']) };
      return `${size / 10} extra properties at ${pointerOf(n.path)}`;
    }
    if (kind === 4) {
      const n = d.pick(schemaNodes(doc).filter((x) => x.path.length > 0));
      setOwn(
        n.value,
        'oneOf',
        Array.from({ length: size / 10 }, (_, i) => ({ const: i % 7 === 0 ? null : `c${i % 500}`, title: `T${i}` })),
      );
      return `oneOf of ${size / 10} consts (with duplicates) at ${pointerOf(n.path)}`;
    }
    const n = d.pick(allNodes(doc).filter((x) => typeof x.value === 'string'));
    setPath(doc, n.path, 'ư'.repeat(size * 30));
    return `a ${size * 30}-character string at ${pointerOf(n.path)}`;
  },
};

/** Text-level mutations: what a parsed document cannot hold (syntax errors, duplicate keys, 1e999). */
const textOps: Record<string, (text: string, d: Dice) => { text: string; what: string }> = {
  truncate(text, d) {
    const at = d.int(text.length);
    return { text: text.slice(0, at), what: `truncate at offset ${at}` };
  },
  insertChar(text, d) {
    const at = d.int(text.length);
    const c = d.pick(['{', '}', '[', ']', ',', ':', '"', '\\', '\u0000', '\ud800', '/*', '\u00a0', 'NaN', '01', '\t']);
    return { text: text.slice(0, at) + c + text.slice(at), what: `insert ${JSON.stringify(c)} at offset ${at}` };
  },
  duplicateKey(text, d) {
    const keys = [...text.matchAll(/\n(\s*)"([^"]+)": /g)];
    if (keys.length === 0) return { text, what: 'no key to duplicate' };
    const m = d.pick(keys);
    const dup = `\n${m[1]}"${m[2]}": ${d.pick(['null', '{}', '"dup"', '[]', '1'])},`;
    return { text: text.slice(0, m.index) + dup + text.slice(m.index), what: `duplicate key "${m[2]}" at offset ${m.index}` };
  },
};

/** The seed `mutate` gets for case `index` of a run seeded with `seed`. */
export function caseSeed(seed: number, index: number): number {
  return (Math.imul(seed, 100_003) + Math.imul(index, 7_919)) >>> 0;
}

/** One mutated definition. */
export interface Mutant {
  /** The mutated JSON text. */
  source: string;
  /** What was done, in order (for the failure message and replay). */
  steps: string[];
}

/** Mutates the JSON text of a definition with 1–3 seeded mutations. */
export function mutate(text: string, seed: number): Mutant {
  const d = new Dice(prng(seed));
  const doc = JSON.parse(text) as Json;
  const steps: string[] = [];
  const names = Object.keys(ops);
  const count = 1 + d.int(3);
  const raws: Array<{ pointer: string; raw: string }> = [];
  for (let i = 0; i < count; i++) {
    const name = d.pick(names);
    const what = ops[name](doc, d);
    if (what === undefined) continue;
    if (what.startsWith('RAW:')) {
      // `RAW:<pointer>:<json text>`: that text goes at the pointer once the document is serialised.
      const sep = what.indexOf(':', 4);
      const pointer = what.slice(4, sep);
      const raw = what.slice(sep + 1);
      raws.push({ pointer, raw });
      steps.push(`${name}: put ${raw.length > 60 ? `${raw.slice(0, 40)}… (${raw.length} characters)` : raw} at ${pointer}`);
    } else steps.push(`${name}: ${what}`);
  }
  raws.forEach((r, i) => {
    // Mark the place with a unique string, then swap the text (if a later mutation left the place).
    const tokens = r.pointer
      .split('/')
      .slice(1)
      .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
    const path: Path = [];
    let cur: Json = doc;
    for (const t of tokens) {
      if (Array.isArray(cur)) {
        path.push(Number(t));
        cur = cur[Number(t)];
      } else if (isObj(cur) && Object.prototype.hasOwnProperty.call(cur, t)) {
        path.push(t);
        cur = cur[t];
      } else return;
    }
    setPath(doc, path, `__fuzz_raw_${i}__`);
  });
  let source = JSON.stringify(doc, null, 2);
  raws.forEach((r, i) => {
    source = source.replace(`"__fuzz_raw_${i}__"`, () => r.raw);
  });
  if (d.chance(0.12)) {
    const name = d.pick(Object.keys(textOps));
    const r = textOps[name](source, d);
    source = r.text;
    steps.push(`${name}: ${r.what}`);
  }
  return { source, steps };
}
