/**
 * Loading a definition: strict JSON parsing with line/column errors, `$ref` inlining (local refs and
 * sibling files) with cycle detection, keyword checks, and validation against the meta-schema
 * `schemas/procedure.schema.json`.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, isAbsolute, join as joinPath, resolve as resolvePath } from 'node:path';
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule, { type FormatsPlugin } from 'ajv-formats';
import { ProblemList, type DefinitionProblem } from './errors.js';
import { getAt, joinPointer as join, parsePointer } from 'dvc-forms/runtime/pointer.js';
import { isObject } from './json.js';
import { walkDefinition, type SchemaObject } from './walk.js';
import { portablePatternProblem } from './portable-regex.js';
import { ROOT_ONLY_X_KEYWORDS, rootConditionSites } from './keywords.js';
import {
  JSON_SCHEMA_KEYWORDS,
  SUBSCHEMA_ARRAY_KEYWORDS,
  SUBSCHEMA_KEYWORDS,
  SUBSCHEMA_MAP_KEYWORDS,
  SUPPORTED_FORMATS,
  packageSchemaFile,
  xKeywords,
} from './vocabulary.js';

// ajv-formats is CommonJS; its default export arrives wrapped under Node's ESM interop.
export const addFormats = ((addFormatsModule as unknown as { default?: FormatsPlugin }).default ??
  addFormatsModule) as unknown as FormatsPlugin;

/** `$id` base of the schemas shipped in the compiler's `schemas/` folder (common.json, civil-status.json). */
const SHIPPED_BASE = 'https://dvc-forms.dev/schemas/';
const SHIPPED_SCHEMA = /^https:\/\/dvc-forms\.dev\/schemas\/([a-z0-9-]+\.json)$/;
const SHIPPED_NAMES = '"common.json" and "civil-status.json"';

/** A loaded definition. */
export interface LoadedDefinition {
  /** The file as given. */
  file: string;
  /** The definition as written. */
  raw: SchemaObject;
  /** The definition with every `$ref` inlined and `$defs` removed. */
  resolved: SchemaObject;
  /** Every file read (the definition and the files its refs point into), absolute paths. */
  files: string[];
  /** What the meta-schema found; merge with {@link mergeMetaProblems} once the compiler's own checks ran. */
  metaProblems: DefinitionProblem[];
  /**
   * Where a place of `resolved` (a JSON pointer into it) is written: the file and the pointer inside it.
   * Places inlined from a `$ref` lie in the schema the ref points to, perhaps in another file.
   */
  origin(pointer: string): { file: string; pointer: string };
}

/** Where a resolved schema object was written: its site, and for a `$ref` the target its other keys came from. */
interface Origin {
  file: string;
  pointer: string;
  /** For a schema with a `$ref`: where the inlined schema is written, and the keys written at the site itself. */
  ref?: { origin: Origin; ownKeys: Set<string> };
}

/** Marks a schema whose `$ref` could not be resolved (already reported): later checks stay quiet about it. */
export const UNRESOLVED: unique symbol = Symbol('dvc-forms.unresolved');

/**
 * Adds the meta-schema's findings to `problems`, except where the compiler's own checks already said
 * something about the same place (they speak more precisely).
 */
export function mergeMetaProblems(problems: ProblemList, meta: DefinitionProblem[]): void {
  // "Near" = one pointer is the other or lies below it. Index every own pointer and all its ancestors.
  const own = new Set<string>();
  const below = new Set<string>();
  for (const o of problems.items) {
    own.add(`${o.file}\0${o.pointer}`);
    for (let i = o.pointer.lastIndexOf('/'); i >= 0; i = o.pointer.lastIndexOf('/', i - 1)) {
      below.add(`${o.file}\0${o.pointer.slice(0, i)}`);
      if (i === 0) break;
    }
  }
  const near = (p: DefinitionProblem): boolean => {
    const key = `${p.file}\0${p.pointer}`;
    if (own.has(key) || below.has(key)) return true;
    for (let i = p.pointer.lastIndexOf('/'); i > 0; i = p.pointer.lastIndexOf('/', i - 1)) {
      if (own.has(`${p.file}\0${p.pointer.slice(0, i)}`)) return true;
    }
    return own.has(`${p.file}\0`) && p.pointer !== '';
  };
  for (const p of meta) if (!near(p)) problems.add(p.pointer, p.message, p.file);
}

/** Options for {@link loadDefinition}. */
export interface LoadOptions {
  /** Path of the meta-schema; default: the package's `schemas/procedure.schema.json` (skipped when absent). */
  metaSchema?: string;
  /**
   * The definition's JSON text, used instead of reading `file` (which then only names the definition in
   * errors and anchors its sibling-file `$ref`s). Nothing is read from `file` itself.
   */
  source?: string;
}

const PARSE_ERROR_SENTENCES: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'malformed number',
  PropertyNameExpected: 'expected a property name in double quotes (is there a trailing comma?)',
  ValueExpected: 'expected a value (is there a trailing comma?)',
  ColonExpected: 'expected ":" after the property name',
  CommaExpected: 'expected "," between two values',
  CloseBraceExpected: 'expected "}" to close the object',
  CloseBracketExpected: 'expected "]" to close the array',
  EndOfFileExpected: 'unexpected text after the end of the JSON document',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfComment: 'unterminated comment',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'unterminated number',
  InvalidUnicode: 'invalid unicode escape',
  InvalidEscapeCharacter: 'invalid escape sequence in a string',
  InvalidCharacter: 'invalid character in a string (control characters must be escaped)',
};

function lineColumn(text: string, offset: number): string {
  let line = 1;
  let col = 1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      col = 1;
    } else col++;
  }
  return `${line}:${col}`;
}

/**
 * How deep a definition file may nest JSON objects and arrays. The examples nest 12 levels; the limit keeps
 * every recursive step of the compiler (parser, $ref inlining, ajv, type generation) far from the stack's end.
 */
export const MAX_JSON_NESTING = 100;

/** The longest string (value or property name) a definition file may hold. */
export const MAX_STRING_LENGTH = 20_000;

/** The pointer of the first string (or property name) longer than `max` characters in a JSON value, or undefined. */
export function tooLongStringAt(value: unknown, max: number): string | undefined {
  const stack: Array<{ v: unknown; p: string }> = [{ v: value, p: '' }];
  while (stack.length > 0) {
    const { v, p } = stack.pop()!;
    if (typeof v === 'string') {
      if (v.length > max) return p;
    } else if (Array.isArray(v)) v.forEach((x, i) => stack.push({ v: x, p: join(p, i) }));
    else if (isObject(v)) {
      for (const [k, x] of Object.entries(v)) {
        if (k.length > max) return join(p, k.slice(0, 40) + '…');
        stack.push({ v: x, p: join(p, k) });
      }
    }
  }
  return undefined;
}

/** The offset of the first `{` or `[` nested deeper than `max` levels (outside strings), or -1. */
export function tooDeepAt(text: string, max: number): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return i;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return -1;
}

/**
 * Parses strict JSON. On a syntax error records `file:line:column: Invalid JSON: …` and returns `undefined`;
 * so it does for text nesting deeper than {@link MAX_JSON_NESTING} levels.
 */
export function parseJsonText(text: string, file: string, problems: ProblemList): unknown {
  const deep = tooDeepAt(text, MAX_JSON_NESTING);
  if (deep >= 0) {
    problems.add(
      lineColumn(text, deep),
      `Objects and arrays are nested more than ${MAX_JSON_NESTING} levels deep here; a form definition needs far fewer (the examples use 12): flatten the structure.`,
      file,
    );
    return undefined;
  }
  const errors: ParseError[] = [];
  parseJsonc(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (errors.length > 0) {
    const e = errors[0];
    const code = printParseErrorCode(e.error);
    problems.add(lineColumn(text, e.offset), `Invalid JSON: ${PARSE_ERROR_SENTENCES[code] ?? code}.`, file);
    return undefined;
  }
  try {
    const value: unknown = JSON.parse(text);
    const long = tooLongStringAt(value, MAX_STRING_LENGTH);
    if (long !== undefined) {
      problems.add(
        long,
        `This text is longer than ${MAX_STRING_LENGTH.toLocaleString('en')} characters; a definition holds labels, hints and rules, not documents.`,
        file,
      );
      return undefined;
    }
    return value;
  } catch (err) {
    // jsonc-parser is slightly more lenient than JSON.parse (e.g. on some whitespace); report what JSON.parse says.
    const msg = err instanceof Error ? err.message : String(err);
    const m = /position (\d+)/.exec(msg);
    problems.add(m ? lineColumn(text, Number(m[1])) : '1:1', `Invalid JSON: ${msg.replace(/ in JSON at position \d+.*/, '')}.`, file);
    return undefined;
  }
}

/** Reads and parses a JSON file; records a problem and returns `undefined` on failure. */
export function readJsonFile(file: string, problems: ProblemList): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    problems.add('', code === 'ENOENT' ? 'The file does not exist.' : `The file cannot be read (${code ?? String(err)}).`, file);
    return undefined;
  }
  return parseJsonText(text.replace(/^\uFEFF/, ''), file, problems);
}

/** Checks that every keyword of every schema node is known and root-only `x-` keywords sit at the root. */
export function checkKeywords(doc: unknown, file: string, problems: ProblemList, isDefinitionRoot: boolean): void {
  const known = new Set(xKeywords());
  walkDefinition(doc, (node, pointer) => {
    if (typeof node === 'boolean') return;
    if (!isObject(node)) {
      problems.add(pointer, 'A schema must be a JSON object or a boolean.', file);
      return false;
    }
    for (const key of Object.keys(node)) {
      if (key.startsWith('x-')) {
        if (!known.has(key))
          problems.add(join(pointer, key), `Unknown keyword "${key}"; known x- keywords: ${[...known].join(', ')}.`, file);
        else if (ROOT_ONLY_X_KEYWORDS.has(key) && (pointer !== '' || !isDefinitionRoot))
          problems.add(join(pointer, key), `"${key}" is only allowed at the root of a definition.`, file);
      } else if (!JSON_SCHEMA_KEYWORDS.has(key)) {
        problems.add(
          join(pointer, key),
          `Unknown keyword "${key}" (not a JSON Schema 2020-12 keyword; extensions must start with "x-").`,
          file,
        );
      }
    }
    for (const kw of SUBSCHEMA_ARRAY_KEYWORDS)
      if (kw in node && !Array.isArray(node[kw])) problems.add(join(pointer, kw), `"${kw}" must be an array of schemas.`, file);
    for (const kw of SUBSCHEMA_MAP_KEYWORDS)
      if (kw in node && !isObject(node[kw])) problems.add(join(pointer, kw), `"${kw}" must be an object mapping names to schemas.`, file);
    if ('format' in node && (typeof node.format !== 'string' || !SUPPORTED_FORMATS.includes(node.format))) {
      problems.add(
        join(pointer, 'format'),
        `Unknown format ${JSON.stringify(node.format)}; supported formats: ${SUPPORTED_FORMATS.join(', ')}.`,
        file,
      );
    }
    if ('pattern' in node && typeof node.pattern === 'string') {
      let valid = true;
      try {
        new RegExp(node.pattern, 'u');
      } catch (err) {
        valid = false;
        problems.add(join(pointer, 'pattern'), `"pattern" is not a valid regular expression: ${(err as Error).message}.`, file);
      }
      const unportable = valid ? portablePatternProblem(node.pattern) : null;
      if (unportable) problems.add(join(pointer, 'pattern'), `"pattern" is not portable: ${unportable}`, file);
    }
    return true;
  });
}

interface RefSite {
  file: string;
  pointer: string;
}

/** How deep schemas may nest once `$ref`s are inlined (the examples reach 8). */
export const MAX_SCHEMA_DEPTH = 48;
/** How many schemas a definition may have once `$ref`s are inlined (the examples have about 500). */
export const MAX_SCHEMA_NODES = 50_000;

/** Inlines `$ref`s. Every file a ref points into is read once, checked and cached. */
class RefResolver {
  readonly docs = new Map<string, unknown>();
  /** Schemas produced so far, against {@link MAX_SCHEMA_NODES}. */
  private nodes = 0;
  /** Where each resolved schema object was written. */
  readonly origins = new WeakMap<object, Origin>();

  /** The file and pointer a place of the resolved tree `root` is written at (see {@link LoadedDefinition.origin}). */
  origin(root: unknown, pointer: string, definitionFile: string): { file: string; pointer: string } {
    let loc = { file: definitionFile, pointer: '' };
    let node: unknown = root;
    let tokens: string[];
    try {
      tokens = parsePointer(pointer);
    } catch {
      return { file: definitionFile, pointer };
    }
    for (const t of tokens) {
      const o = isObject(node) ? this.origins.get(node) : undefined;
      if (o)
        loc =
          o.ref && !o.ref.ownKeys.has(t)
            ? { file: o.ref.origin.file, pointer: o.ref.origin.pointer }
            : { file: o.file, pointer: o.pointer };
      loc = { file: loc.file, pointer: join(loc.pointer, t) };
      node = isObject(node) && Object.hasOwn(node, t) ? node[t] : Array.isArray(node) ? node[Number(t)] : undefined;
      const child = isObject(node) ? this.origins.get(node) : undefined;
      if (child) loc = { file: child.file, pointer: child.pointer };
    }
    return loc;
  }

  constructor(
    private readonly problems: ProblemList,
    private readonly definitionFile: string,
  ) {}

  private loadDoc(file: string): unknown {
    if (this.docs.has(file)) return this.docs.get(file);
    const doc = readJsonFile(file, this.problems);
    this.docs.set(file, doc);
    if (doc !== undefined) checkKeywords(doc, file, this.problems, file === this.definitionFile);
    return doc;
  }

  /**
   * Where a `$ref` value leads, or a sentence saying why it leads nowhere. A definition written outside
   * this repository reaches the shared pieces by their `$id` (`https://dvc-forms.dev/schemas/common.json#/$defs/…`),
   * read from the copy the compiler ships.
   */
  private locate(ref: string, from: string): { file: string; pointer: string; value: unknown } | string {
    const hash = ref.indexOf('#');
    const filePart = hash < 0 ? ref : ref.slice(0, hash);
    let fragment = '';
    try {
      fragment = hash < 0 ? '' : decodeURIComponent(ref.slice(hash + 1));
    } catch {
      return `"$ref": "${ref}" has a malformed percent-encoding (a "%" must be followed by two hex digits of UTF-8).`;
    }
    const shipped = SHIPPED_SCHEMA.exec(filePart);
    if (shipped && !existsSync(packageSchemaFile(shipped[1])))
      return `"$ref": "${ref}" names a schema the compiler does not ship; it ships ${SHIPPED_NAMES}.`;
    if (!shipped && /^[a-z][a-z0-9+.-]*:/i.test(filePart))
      return `"$ref": "${ref}" points outside the definition's files; only "#/…", sibling files (e.g. "common.json#/$defs/address") and the schemas the compiler ships (e.g. "${SHIPPED_BASE}common.json#/$defs/address") are supported.`;
    if (fragment !== '' && !fragment.startsWith('/'))
      return `"$ref": "${ref}" uses an anchor; use a JSON pointer fragment such as "#/$defs/name".`;
    let file = from;
    if (shipped) {
      file = packageSchemaFile(shipped[1]);
    } else if (filePart !== '') {
      const candidates = isAbsolute(filePart) ? [filePart] : [resolvePath(dirname(from), filePart)];
      if (!isAbsolute(filePart) && !filePart.includes('/')) candidates.push(resolvePath(dirname(from), '..', filePart));
      const found = candidates.find((c) => this.docs.has(c) || existsSync(c));
      if (!found)
        return `"$ref": "${ref}" points to nothing: the file "${filePart}" does not exist next to the definition or in its parent folder.`;
      file = found;
    }
    const doc = this.loadDoc(file);
    if (doc === undefined) return `"$ref": "${ref}" points into a file that could not be read (see the error reported for it).`;
    let value: unknown;
    try {
      value = getAt(doc, fragment);
    } catch {
      return `"$ref": "${ref}" has a malformed JSON pointer.`;
    }
    if (value === undefined)
      return `"$ref": "${ref}" points to nothing: there is no "${fragment}" in ${filePart === '' ? 'this file' : `"${filePart}"`}.`;
    return { file, pointer: fragment, value };
  }

  /** Returns a `$ref`-free copy of the schema `node` that sits at `site`, `depth` schemas below the root. */
  schema(node: unknown, site: RefSite, chain: RefSite[], depth = 0): unknown {
    if (!isObject(node)) return structuredClone(node);
    if (depth > MAX_SCHEMA_DEPTH || ++this.nodes > MAX_SCHEMA_NODES) {
      // Inlining made it too deep or too large (refs that nest or repeat each other): stop here, say where.
      const message =
        depth > MAX_SCHEMA_DEPTH
          ? `Schemas are nested more than ${MAX_SCHEMA_DEPTH} levels deep here once "$ref"s are inlined; a form this deep cannot be shown: flatten it.`
          : `The definition grows beyond ${MAX_SCHEMA_NODES.toLocaleString('en')} schemas once "$ref"s are inlined (refs repeating refs multiply); reuse fewer or smaller definitions.`;
      if (depth > MAX_SCHEMA_DEPTH || this.nodes === MAX_SCHEMA_NODES + 1) this.problems.add(site.pointer, message, site.file);
      return { [UNRESOLVED]: true };
    }
    let base: SchemaObject = {};
    const { $ref, ...rest } = node;
    if (typeof $ref === 'string') {
      const target = this.locate($ref, site.file);
      const refPointer = join(site.pointer, '$ref');
      let failed = typeof target === 'string';
      if (typeof target === 'string') {
        this.problems.add(refPointer, target, site.file);
      } else {
        const sites = [...chain, site];
        const loop = sites.findIndex(
          (s) =>
            s.file === target.file && (target.pointer === '' || s.pointer === target.pointer || s.pointer.startsWith(target.pointer + '/')),
        );
        if (loop >= 0) {
          const trail = [...sites.slice(loop).map((s) => s.pointer || '#'), target.pointer || '#'].map((p) => (p === '#' ? p : '#' + p));
          this.problems.add(refPointer, `"$ref": "${$ref}" makes a cycle (${trail.join(' → ')}); a form cannot nest itself.`, site.file);
          failed = true;
        } else {
          const inlined = this.schema(target.value, { file: target.file, pointer: target.pointer }, sites, depth + 1);
          if (isObject(inlined)) base = inlined;
          else if (inlined === false) base = { not: {} };
        }
      }
      if (failed) (base as Record<symbol, boolean>)[UNRESOLVED] = true;
    } else if ($ref !== undefined) {
      this.problems.add(join(site.pointer, '$ref'), '"$ref" must be a string.', site.file);
    }
    const out: SchemaObject = { ...base };
    const baseOrigin = this.origins.get(base);
    this.origins.set(out, {
      file: site.file,
      pointer: site.pointer,
      ...(baseOrigin ? { ref: { origin: baseOrigin, ownKeys: new Set(Object.keys(rest)) } } : {}),
    });
    if ((base as Record<symbol, boolean>)[UNRESOLVED]) (out as Record<symbol, boolean>)[UNRESOLVED] = true;
    delete out.$id;
    delete out.$anchor;
    delete out.$schema;
    for (const [key, value] of Object.entries(rest)) {
      const ptr = join(site.pointer, key);
      let v: unknown;
      if (SUBSCHEMA_KEYWORDS.includes(key)) v = this.schema(value, { file: site.file, pointer: ptr }, chain, depth + 1);
      else if (SUBSCHEMA_ARRAY_KEYWORDS.includes(key) && Array.isArray(value))
        v = value.map((s, i) => this.schema(s, { file: site.file, pointer: join(ptr, i) }, chain, depth + 1));
      else if (SUBSCHEMA_MAP_KEYWORDS.includes(key) && isObject(value)) {
        if (key === '$defs') continue;
        v = Object.fromEntries(
          Object.entries(value).map(([k, s]) => [k, this.schema(s, { file: site.file, pointer: join(ptr, k) }, chain, depth + 1)]),
        );
      } else v = structuredClone(value);
      if (
        Object.hasOwn(base, key) &&
        !['title', 'description', '$comment', 'default', 'examples', 'readOnly', 'deprecated'].includes(key) &&
        !key.startsWith('x-')
      ) {
        this.problems.add(ptr, `"${key}" is set both here and in the schema "$ref" points to; move it into one place.`, site.file);
      }
      // A defined property, not an assignment: a key "__proto__" must stay a key, not replace the prototype.
      Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
    }
    return out;
  }

  /** Resolves the root-level x- condition schemas (x-steps visibleWhen, requiredWhen, fee and rule `when`). */
  rootConditions(out: SchemaObject): void {
    for (const { holder, key, pointer } of rootConditionSites(out))
      holder[key] = this.schema(holder[key], { file: this.definitionFile, pointer }, []);
  }
}

const DEFAULT_META_SCHEMA = packageSchemaFile('procedure.schema.json');
const metaValidators = new Map<string, ValidateFunction>();

function metaValidator(file: string): ValidateFunction {
  const cached = metaValidators.get(file);
  if (cached) return cached;
  const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: true });
  addFormats(ajv);
  // Sibling schemas with an $id (e.g. schemas/common.json) may be referenced by the meta-schema.
  const dir = dirname(file);
  for (const name of readdirSync(dir)) {
    const p = joinPath(dir, name);
    if (!name.endsWith('.json') || p === file) continue;
    try {
      const s: unknown = JSON.parse(readFileSync(p, 'utf8'));
      if (isObject(s) && typeof s.$id === 'string') ajv.addSchema(s);
    } catch {
      // not a schema we need
    }
  }
  const meta: unknown = JSON.parse(readFileSync(file, 'utf8'));
  const validate = ajv.compile(meta as SchemaObject);
  metaValidators.set(file, validate);
  return validate;
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function listValues(values: unknown[]): string {
  const shown = values
    .slice(0, 8)
    .map((v) => JSON.stringify(v))
    .join(', ');
  return values.length > 8 ? `${shown} … (${values.length - 8} more)` : shown;
}

/** Translates one ajv error into a pointer and a plain sentence. */
export function ajvErrorSentence(e: ErrorObject): { pointer: string; message: string } {
  const p = e.params as Record<string, unknown>;
  const at = e.instancePath;
  switch (e.keyword) {
    case 'required':
      return { pointer: at, message: `Missing required property "${String(p.missingProperty)}".` };
    case 'additionalProperties':
    case 'unevaluatedProperties': {
      const name = String(p.additionalProperty ?? p.unevaluatedProperty);
      return { pointer: join(at, name), message: name.startsWith('x-') ? `Unknown keyword "${name}".` : `Unknown property "${name}".` };
    }
    case 'type': {
      const t = String(p.type).split(',');
      return { pointer: at, message: `Must be ${t.map(article).join(' or ')}.` };
    }
    case 'enum':
      return { pointer: at, message: `Must be one of: ${listValues(p.allowedValues as unknown[])}.` };
    case 'const':
      return { pointer: at, message: `Must be ${JSON.stringify(p.allowedValue)}.` };
    case 'pattern':
      return { pointer: at, message: `Does not match the expected pattern ${String(p.pattern)}.` };
    case 'format':
      return { pointer: at, message: `Is not a valid ${String(p.format)}.` };
    case 'minLength':
      return { pointer: at, message: `Must be at least ${String(p.limit)} characters long.` };
    case 'maxLength':
      return { pointer: at, message: `Must be at most ${String(p.limit)} characters long.` };
    case 'minimum':
      return { pointer: at, message: `Must be at least ${String(p.limit)}.` };
    case 'maximum':
      return { pointer: at, message: `Must be at most ${String(p.limit)}.` };
    case 'exclusiveMinimum':
      return { pointer: at, message: `Must be greater than ${String(p.limit)}.` };
    case 'exclusiveMaximum':
      return { pointer: at, message: `Must be less than ${String(p.limit)}.` };
    case 'minItems':
      return { pointer: at, message: `Must have at least ${String(p.limit)} item(s).` };
    case 'maxItems':
      return { pointer: at, message: `Must have at most ${String(p.limit)} item(s).` };
    case 'minProperties':
      return { pointer: at, message: `Must have at least ${String(p.limit)} propert${p.limit === 1 ? 'y' : 'ies'}.` };
    case 'uniqueItems':
      return { pointer: at, message: `Must not contain duplicates (items ${String(p.j)} and ${String(p.i)} are equal).` };
    case 'propertyNames':
      return { pointer: join(at, String(p.propertyName)), message: `The name "${String(p.propertyName)}" is not allowed here.` };
    case 'dependentRequired':
      return { pointer: at, message: `Property "${String(p.missingProperty)}" is required when "${String(p.property)}" is present.` };
    case 'anyOf':
    case 'oneOf':
      return { pointer: at, message: 'Does not match any of the allowed forms.' };
    case 'not':
      return { pointer: at, message: 'This value is not allowed here.' };
    default: {
      const m = e.message ?? e.keyword;
      return { pointer: at, message: m.charAt(0).toUpperCase() + m.slice(1) + '.' };
    }
  }
}

/** Translates ajv errors into problems, dropping the summary errors of composite keywords when a precise one exists. */
export function addAjvProblems(errors: ErrorObject[], file: string, problems: ProblemList): void {
  const precise = errors.filter((e) => !['anyOf', 'oneOf', 'if', 'allOf', 'not'].includes(e.keyword));
  const kept = errors.filter((e) => {
    if (!['anyOf', 'oneOf', 'if', 'allOf'].includes(e.keyword)) return true;
    return !precise.some((o) => o.instancePath === e.instancePath || o.instancePath.startsWith(e.instancePath + '/'));
  });
  // When alternatives of a oneOf/anyOf disagree, ajv reports each branch's complaints: keep the deepest ones.
  const deepest = kept.filter((e) => e.keyword !== 'type' || !kept.some((o) => o !== e && o.instancePath.startsWith(e.instancePath + '/')));
  const seen = new Set<string>();
  for (const e of deepest) {
    const { pointer, message } = ajvErrorSentence(e);
    if (seen.has(pointer)) continue; // one sentence per place is enough
    seen.add(pointer);
    problems.add(pointer, message, file);
  }
}

/**
 * Loads a definition: parses it, checks its keywords, validates it against the meta-schema and inlines
 * its `$ref`s. Problems are recorded in `problems`; `undefined` when nothing usable could be read.
 */
export function loadDefinition(file: string, problems: ProblemList, options: LoadOptions = {}): LoadedDefinition | undefined {
  const abs = resolvePath(file);
  const resolver = new RefResolver(problems, abs);
  // Problems are reported against the file name the caller used.
  const origAdd = problems.add.bind(problems);
  problems.add = (pointer: string, message: string, f: string = file): void => origAdd(pointer, message, f === abs ? file : f);
  try {
    const raw =
      options.source === undefined ? readJsonFile(abs, problems) : parseJsonText(options.source.replace(/^\uFEFF/, ''), abs, problems);
    if (raw === undefined) return undefined;
    if (!isObject(raw)) {
      problems.add('', 'A definition must be a JSON object (a JSON Schema for the dossier).');
      return undefined;
    }
    resolver.docs.set(abs, raw);
    checkKeywords(raw, abs, problems, true);
    const metaFile = options.metaSchema ?? DEFAULT_META_SCHEMA;
    const metaProblems = new ProblemList(file);
    if (existsSync(metaFile)) {
      const validate = metaValidator(metaFile);
      if (!validate(raw) && validate.errors) addAjvProblems(validate.errors, file, metaProblems);
    }
    const resolved = resolver.schema(raw, { file: abs, pointer: '' }, []) as SchemaObject;
    if (raw.$schema !== undefined) resolved.$schema = raw.$schema;
    resolver.rootConditions(resolved);
    if (typeof raw.$schema === 'string' && !raw.$schema.includes('2020-12')) {
      problems.add(
        '/$schema',
        `Definitions use JSON Schema draft 2020-12 ("https://json-schema.org/draft/2020-12/schema"), not "${raw.$schema}".`,
      );
    }
    const origin = (pointer: string): { file: string; pointer: string } => {
      const o = resolver.origin(resolved, pointer, abs);
      return { file: o.file === abs ? file : o.file, pointer: o.pointer };
    };
    return { file, raw, resolved, files: [...resolver.docs.keys()], metaProblems: metaProblems.items, origin };
  } finally {
    problems.add = origAdd;
  }
}

export { parsePointer };
