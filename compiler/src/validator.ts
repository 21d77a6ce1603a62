/**
 * The standalone validator: ajv (draft 2020-12) compiles the data schema and every condition schema to
 * code, esbuild bundles it to pure ESM (no `require`, `eval`, `new Function`), so strict-CSP pages and the
 * server run the same validator.
 */
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _, Ajv2020, type Options as AjvOptions } from 'ajv/dist/2020.js';
import formatsModule from 'ajv-formats/dist/formats.js';
import standaloneModule from 'ajv/dist/standalone/index.js';
import { tokenizer, tokTypes } from 'acorn';
import { build } from 'esbuild';
import type { CondId } from 'dvc-forms/runtime/model.js';
import { addFormats } from './load.js';
import { isObject } from './json.js';
import {
  SUPPORTED_FORMATS,
  ANNOTATION_KEYWORDS,
  SUBSCHEMA_ARRAY_KEYWORDS,
  SUBSCHEMA_KEYWORDS,
  SUBSCHEMA_MAP_KEYWORDS,
  xKeywords,
} from './vocabulary.js';
import type { SchemaObject } from './walk.js';

type StandaloneCode = (ajv: Ajv2020, refs: Record<string, string>) => string;
// ajv's standalone entry is CommonJS; under Node's ESM interop the function may sit under `.default`.
const standaloneCode = ((standaloneModule as unknown as { default?: StandaloneCode }).default ??
  standaloneModule) as unknown as StandaloneCode;

/**
 * A copy of a schema for validation: annotations (`title`, `description`, …) and every `x-` keyword
 * removed, and the keys whose schema has `x-visible-when` taken out of `required` lists (the runtime
 * requires them only while visible).
 */
export function stripForValidation(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(stripForValidation);
  if (!isObject(schema)) return schema;
  const out: SchemaObject = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k.startsWith('x-') || ANNOTATION_KEYWORDS.has(k) || k === '$id' || k === '$schema') continue;
    if (SUBSCHEMA_KEYWORDS.includes(k)) out[k] = stripForValidation(v);
    else if (SUBSCHEMA_ARRAY_KEYWORDS.includes(k) && Array.isArray(v)) out[k] = v.map(stripForValidation);
    else if (SUBSCHEMA_MAP_KEYWORDS.includes(k) && isObject(v))
      out[k] = Object.fromEntries(Object.entries(v).map(([n, s]) => [n, stripForValidation(s)]));
    else out[k] = structuredClone(v);
  }
  // A choice list (oneOf/anyOf of consts, titles stripped) is an enum: same verdicts, a fraction of the code.
  for (const kw of ['oneOf', 'anyOf']) {
    const list = out[kw];
    if (!Array.isArray(list) || 'enum' in out || list.length === 0) continue;
    if (!list.every((e) => isObject(e) && Object.keys(e).length === 1 && 'const' in e)) continue;
    const values = list.map((e) => (e as SchemaObject).const);
    // With repeated values: anyOf accepts each once listed; oneOf refuses a value two entries match.
    const keys = values.map((v) => JSON.stringify(v));
    // Objects equal with their keys in another order would escape the text comparison: rewrite those only when distinct.
    if (values.some((v) => v !== null && typeof v === 'object') && new Set(keys).size !== keys.length) continue;
    const counts = new Map<string, number>();
    for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
    const first = new Set<string>();
    const kept = values.filter((_, i) =>
      kw === 'anyOf' ? !first.has(keys[i]) && first.add(keys[i]) !== undefined : counts.get(keys[i]) === 1,
    );
    delete out[kw];
    if (kept.length > 0) out.enum = kept;
    else out.not = {};
  }
  // Keys declared with x-visible-when, here or in a branch / allOf entry, are required only while visible.
  const hidden = new Set<string>();
  const collect = (s: unknown): void => {
    if (!isObject(s)) return;
    if (isObject(s.properties)) for (const [n, p] of Object.entries(s.properties)) if (isObject(p) && 'x-visible-when' in p) hidden.add(n);
    for (const kw of ['then', 'else']) collect(s[kw]);
    if (Array.isArray(s.allOf))
      s.allOf.forEach((e) => {
        if (isObject(e)) {
          collect(e.then);
          collect(e.else);
        }
      });
  };
  collect(schema);
  if (hidden.size > 0) {
    const prune = (s: unknown): void => {
      if (!isObject(s)) return;
      if (Array.isArray(s.required)) {
        s.required = s.required.filter((r) => !hidden.has(r as string));
        if ((s.required as unknown[]).length === 0) delete s.required;
      }
      for (const kw of ['then', 'else']) prune(s[kw]);
      if (Array.isArray(s.allOf))
        s.allOf.forEach((e) => {
          if (isObject(e)) {
            prune(e);
          }
        });
    };
    prune(out);
  }
  return out;
}

/** Subschemas at least this long (as JSON) are shared when they occur more than once. */
const HOIST_MIN_LENGTH = 80;

/**
 * Moves subschemas that occur more than once (typically a `$ref` the loader inlined in several places,
 * such as an address or a list of ethnicities) into `$defs` and refers to them with `$ref`, so ajv
 * generates their code once. Same verdicts and instance paths; only schema paths change.
 */
export function shareRepeatedSubschemas(schema: unknown): unknown {
  if (!isObject(schema)) return schema;
  const counts = new Map<string, number>();
  const eachChild = (node: SchemaObject, fn: (child: unknown, replace: (v: unknown) => void) => void): void => {
    for (const kw of SUBSCHEMA_KEYWORDS)
      if (kw in node)
        fn(node[kw], (v) => {
          node[kw] = v;
        });
    for (const kw of SUBSCHEMA_ARRAY_KEYWORDS) {
      const a = node[kw];
      if (Array.isArray(a))
        a.forEach((c, i) =>
          fn(c, (v) => {
            a[i] = v;
          }),
        );
    }
    for (const kw of SUBSCHEMA_MAP_KEYWORDS) {
      const m = node[kw];
      if (isObject(m))
        for (const k of Object.keys(m))
          fn(m[k], (v) => {
            m[k] = v;
          });
    }
  };
  const count = (node: unknown): void => {
    if (!isObject(node)) return;
    const key = JSON.stringify(node);
    if (key.length >= HOIST_MIN_LENGTH) counts.set(key, (counts.get(key) ?? 0) + 1);
    eachChild(node, count);
  };
  const root = structuredClone(schema);
  eachChild(root, count);
  const defs: SchemaObject = {};
  const ids = new Map<string, string>();
  const replace = (node: unknown, set: (v: unknown) => void): void => {
    if (!isObject(node)) return;
    const key = JSON.stringify(node);
    if ((counts.get(key) ?? 0) > 1) {
      let id = ids.get(key);
      if (id === undefined) {
        id = `s${ids.size}`;
        ids.set(key, id);
        defs[id] = node;
        eachChild(node, replace);
      }
      set({ $ref: `#/$defs/${id}` });
      return;
    }
    eachChild(node, replace);
  };
  eachChild(root, replace);
  if (ids.size > 0) root.$defs = defs;
  return root;
}

/** Formats used anywhere in the schemas (so only those are bundled). */
export function usedFormats(schemas: unknown[]): string[] {
  const found = new Set<string>();
  const visit = (s: unknown): void => {
    if (Array.isArray(s)) {
      s.forEach(visit);
      return;
    }
    if (!isObject(s)) return;
    for (const [k, v] of Object.entries(s)) {
      if (k === 'format' && typeof v === 'string') found.add(v);
      else if (k !== 'const' && k !== 'enum' && k !== 'default' && k !== 'examples') visit(v);
    }
  };
  schemas.forEach(visit);
  return [...found].sort();
}

const FORMAT_TABLE = ((formatsModule as unknown as { default?: typeof formatsModule }).default ?? formatsModule).fullFormats as Record<
  string,
  unknown
>;

/** ajv-formats' `date` check and comparison (RFC 3339 full-date), as ESM so the bundle stays small. */
const DATE_FORMAT_SOURCE = `const DATE = /^(\\d\\d\\d\\d)-(\\d\\d)-(\\d\\d)$/;
const DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeapYear = (y) => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
const date = {
  validate(str) {
    const m = DATE.exec(str);
    if (!m) return false;
    const year = +m[1], month = +m[2], day = +m[3];
    return month >= 1 && month <= 12 && day >= 1 && day <= (month === 2 && isLeapYear(year) ? 29 : DAYS[month]);
  },
  compare(d1, d2) {
    if (!(d1 && d2)) return undefined;
    return d1 > d2 ? 1 : d1 < d2 ? -1 : 0;
  },
};`;

/**
 * The module the standalone code takes its formats from: only the formats used. Regular-expression
 * formats are copied from ajv-formats' table, `date` is the ESM twin of ajv-formats' check; any other
 * format falls back to ajv-formats' (CommonJS, larger) table.
 */
export function formatsModuleSource(formats: string[]): string {
  const portable = formats.every((f) => f === 'date' || FORMAT_TABLE[f] instanceof RegExp);
  if (!portable) return `export { fullFormats as formats } from 'ajv-formats/dist/formats.js';`;
  const lines = formats.includes('date') ? [DATE_FORMAT_SOURCE] : [];
  const entries = formats.map((f) => {
    if (f === 'date') return `  date,`;
    const re = FORMAT_TABLE[f] as RegExp;
    return `  ${JSON.stringify(f)}: /${re.source}/${re.flags},`;
  });
  lines.push(`export const formats = {\n${entries.join('\n')}\n};`);
  return lines.join('\n');
}

/** ajv options shared by the standalone build and the agreement tests. */
export function ajvOptions(standalone: boolean): AjvOptions {
  return {
    allErrors: true,
    strict: true,
    // Condition schemas routinely use "properties"/"required" without "type": "object" (valid JSON Schema).
    strictTypes: false,
    strictRequired: false,
    ...(standalone ? { code: { source: true, esm: true, optimize: true, formats: _`require("dvc-formats").formats` } } : {}),
  };
}

/** A configured Ajv2020 instance: the given formats and every x- keyword registered as an annotation. */
export function createAjv(formats: string[], standalone: boolean): Ajv2020 {
  const ajv = new Ajv2020(ajvOptions(standalone));
  for (const kw of xKeywords()) ajv.addKeyword({ keyword: kw });
  if (formats.length > 0) addFormats(ajv, { formats: formats as never, keywords: true });
  else addFormats(ajv, { formats: [], keywords: true });
  return ajv;
}

/** The compiled validator module. */
export interface ValidatorOutput {
  /** `validator.js`: pure ESM. */
  code: string;
  /** `validator.d.ts`. */
  dts: string;
  /** The stripped data schema the validator checks. */
  schema: unknown;
}

/**
 * Returns the forbidden constructs found in bundled code (empty when it is clean): calls of `require` and
 * `eval`, and `Function` used as a constructor or called. Uses a real tokenizer, so strings, comments and
 * regular expressions that merely mention them do not count.
 */
export function forbiddenConstructs(code: string): string[] {
  const found = new Set<string>();
  const tokens = [...tokenizer(code, { ecmaVersion: 'latest', sourceType: 'module' })];
  tokens.forEach((t, i) => {
    const prev = tokens[i - 1];
    const next = tokens[i + 1];
    const isMember = prev !== undefined && (prev.type === tokTypes.dot || prev.type === tokTypes.questionDot);
    if (t.type !== tokTypes.name || isMember) return;
    const value = (t as unknown as { value: unknown }).value;
    const calls = next !== undefined && next.type === tokTypes.parenL;
    if ((value === 'require' || value === 'eval') && calls) found.add(`${value}(`);
    if (value === 'Function' && (calls || (prev !== undefined && prev.type === tokTypes._new))) found.add('new Function');
  });
  return [...found];
}

const here = dirname(fileURLToPath(import.meta.url));

/**
 * ajv's runtime helpers (`ajv/dist/runtime/ucs2length.js`, `equal.js`, …) carry the line that imports them
 * as a string, e.g. `ucs2length.code = 'require("ajv/dist/runtime/ucs2length").default'`, for ajv's own code
 * generator; the generated validator never reads it. Removes those assignments, so the bundled validator
 * holds no `require(` at all, not even in a string.
 */
export function stripRuntimeCodeRefs(source: string): string {
  return source.replace(/^[ \t]*[\w$]+\.code[ \t]*=[ \t]*(['"`])require\((?:(?!\1).)*\1[ \t]*;?[ \t]*$/gm, '');
}

/** ajv's CommonJS runtime helpers, as esbuild sees their paths. */
const AJV_RUNTIME = /[\\/]ajv[\\/]dist[\\/]runtime[\\/][\w-]+\.js$/;

/**
 * Compiles the data schema and the condition schemas to one bundled ESM module exporting `validate` and
 * `conditions` (keyed by condition id). Throws on an internal failure (ajv or esbuild).
 */
export async function compileValidator(
  resolved: SchemaObject,
  conditions: Map<CondId, unknown>,
  runtimeImport: string,
): Promise<ValidatorOutput> {
  const schema = stripForValidation(resolved);
  const condSchemas = [...conditions.entries()].map(([id, s], i) => ({ id, name: `c${i}`, schema: stripForValidation(s) }));
  const formats = usedFormats([schema, ...condSchemas.map((c) => c.schema)]);
  const ajv = createAjv(formats, true);
  ajv.addSchema(shareRepeatedSubschemas(schema) as SchemaObject, 'dvc:validate');
  const refs: Record<string, string> = { validate: 'dvc:validate' };
  for (const c of condSchemas) {
    ajv.addSchema(typeof c.schema === 'boolean' ? c.schema : (c.schema as SchemaObject), `dvc:${c.name}`);
    refs[c.name] = `dvc:${c.name}`;
  }
  const source = standaloneCode(ajv, refs);
  const entry = [
    `import { validate, ${condSchemas.map((c) => c.name).join(', ')} } from 'dvc-standalone';`,
    'export { validate };',
    `export const conditions = {${condSchemas.map((c) => `\n  ${JSON.stringify(c.id)}: ${c.name},`).join('')}\n};`,
  ].join('\n');
  const result = await build({
    stdin: { contents: entry, resolveDir: here, sourcefile: 'validator-entry.js', loader: 'js' },
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    target: 'es2020',
    minify: true,
    legalComments: 'none',
    write: false,
    logLevel: 'silent',
    plugins: [
      {
        name: 'dvc-standalone',
        setup(b) {
          b.onResolve({ filter: /^dvc-(standalone|formats)$/ }, (a) => ({ path: a.path, namespace: 'dvc' }));
          b.onLoad({ filter: /.*/, namespace: 'dvc' }, (a) => ({
            contents: a.path === 'dvc-formats' ? formatsModuleSource(formats) : source,
            loader: 'js',
            resolveDir: here,
          }));
          b.onLoad({ filter: AJV_RUNTIME }, (a) => ({
            contents: stripRuntimeCodeRefs(readFileSync(a.path, 'utf8')),
            loader: 'js',
            resolveDir: dirname(a.path),
          }));
        },
      },
    ],
  });
  const code = result.outputFiles[0].text;
  const bad = forbiddenConstructs(code);
  if (bad.length > 0) throw new Error(`the bundled validator contains ${bad.join(', ')}; it would not run under a strict CSP`);
  const dts = [
    `import type { CompiledValidator } from '${runtimeImport}/runtime/model.js';`,
    '',
    '/** Validates a whole dossier (all errors). */',
    `export declare const validate: CompiledValidator['validate'];`,
    '/** Compiled condition schemas, keyed by the condition ids the model references. */',
    `export declare const conditions: CompiledValidator['conditions'];`,
    '',
  ].join('\n');
  return { code: `// Generated by dvc-forms. Do not edit.\n${code}`, dts, schema };
}

export { SUPPORTED_FORMATS };
