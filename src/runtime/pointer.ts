/**
 * JSON Pointer (RFC 6901) helpers with immutable updates. DOM-free.
 *
 * Model paths use `-` for "every row of an array" (see `NodeBase.path` in model.ts); these helpers work on
 * concrete pointers (row indices), and `expandPointer` turns a template into the concrete pointers present
 * in a value.
 */
import type { JsonValue } from './model.js';

/** Thrown for a malformed pointer or an update that cannot be applied; names the pointer and the reason. */
export class PointerError extends Error {
  constructor(
    readonly pointer: string,
    reason: string,
  ) {
    super(`JSON pointer "${pointer}": ${reason}`);
    this.name = 'PointerError';
  }
}

/** Splits a pointer into unescaped reference tokens (`''` → `[]`). */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new PointerError(pointer, 'must be empty or start with "/"');
  return pointer
    .slice(1)
    .split('/')
    .map((t) => {
      if (/~[^01]|~$/.test(t)) throw new PointerError(pointer, `invalid escape in token "${t}"`);
      return t.replace(/~1/g, '/').replace(/~0/g, '~');
    });
}

/** Escapes one reference token. */
export function escapeToken(token: string | number): string {
  return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Joins reference tokens into a pointer. */
export function formatPointer(tokens: ReadonlyArray<string | number>): string {
  return tokens.map((t) => '/' + escapeToken(t)).join('');
}

/** Appends tokens to a pointer. */
export function joinPointer(base: string, ...tokens: Array<string | number>): string {
  return base + formatPointer(tokens);
}

/** True when `pointer` equals `ancestor` or lies under it. */
export function isUnder(pointer: string, ancestor: string): boolean {
  return ancestor === '' || pointer === ancestor || pointer.startsWith(ancestor + '/');
}

/** The parent pointer (`''` for a top-level member and for the root). */
export function parentPointer(pointer: string): string {
  const i = pointer.lastIndexOf('/');
  return i <= 0 ? '' : pointer.slice(0, i);
}

function isIndex(token: string): boolean {
  return /^(0|[1-9][0-9]*)$/.test(token);
}

/** Value at `pointer`, or `undefined` when any step is missing. Never throws for missing values. */
export function getAt(doc: unknown, pointer: string): unknown {
  let cur: unknown = doc;
  for (const t of parsePointer(pointer)) {
    if (Array.isArray(cur)) {
      if (!isIndex(t)) return undefined;
      cur = cur[Number(t)];
    } else if (cur !== null && typeof cur === 'object') {
      if (!Object.prototype.hasOwnProperty.call(cur, t)) return undefined;
      cur = (cur as Record<string, unknown>)[t];
    } else {
      return undefined;
    }
  }
  return cur;
}

/** True when the pointer resolves to a value (even `null`). */
export function hasAt(doc: unknown, pointer: string): boolean {
  const tokens = parsePointer(pointer);
  let cur: unknown = doc;
  for (const t of tokens) {
    if (Array.isArray(cur)) {
      if (!isIndex(t) || Number(t) >= cur.length) return false;
      cur = cur[Number(t)];
    } else if (cur !== null && typeof cur === 'object') {
      if (!Object.prototype.hasOwnProperty.call(cur, t)) return false;
      cur = (cur as Record<string, unknown>)[t];
    } else return false;
  }
  return true;
}

/**
 * Returns a copy of `doc` with `value` at `pointer`; only the objects on the path are copied (structural
 * sharing). Missing containers are created: an array when the next token is an index or `-`, else an
 * object. `-` appends to an array. Setting `''` returns `value`.
 */
export function setAt<T = unknown>(doc: T, pointer: string, value: unknown): T {
  const tokens = parsePointer(pointer);
  const rec = (cur: unknown, i: number): unknown => {
    if (i === tokens.length) return value;
    const t = tokens[i]!;
    const next = tokens[i + 1];
    const wantsArray = next !== undefined && (next === '-' || isIndex(next));
    if (Array.isArray(cur)) {
      const idx = t === '-' ? cur.length : isIndex(t) ? Number(t) : NaN;
      if (Number.isNaN(idx)) throw new PointerError(pointer, `"${t}" is not an array index`);
      if (idx > cur.length) throw new PointerError(pointer, `index ${idx} is past the end (length ${cur.length})`);
      const copy = cur.slice();
      copy[idx] = rec(cur[idx] ?? (wantsArray ? [] : {}), i + 1);
      return copy;
    }
    if (cur === undefined || cur === null) cur = {};
    if (typeof cur !== 'object') {
      throw new PointerError(pointer, `cannot set "${t}" inside a ${typeof cur}`);
    }
    const obj = cur as Record<string, unknown>;
    const child = Object.prototype.hasOwnProperty.call(obj, t) ? obj[t] : undefined;
    return { ...obj, [t]: rec(child ?? (i + 1 < tokens.length ? (wantsArray ? [] : {}) : undefined), i + 1) };
  };
  return rec(doc, 0) as T;
}

/**
 * Returns a copy of `doc` without the value at `pointer` (array items are spliced out). A missing value
 * leaves the document unchanged (same reference).
 */
export function removeAt<T = unknown>(doc: T, pointer: string): T {
  const tokens = parsePointer(pointer);
  if (tokens.length === 0) return undefined as T;
  if (!hasAt(doc, pointer)) return doc;
  const rec = (cur: unknown, i: number): unknown => {
    const t = tokens[i]!;
    const last = i === tokens.length - 1;
    if (Array.isArray(cur)) {
      const idx = Number(t);
      const copy = cur.slice();
      if (last) copy.splice(idx, 1);
      else copy[idx] = rec(cur[idx], i + 1);
      return copy;
    }
    const obj = { ...(cur as Record<string, unknown>) };
    if (last) delete obj[t];
    else obj[t] = rec(obj[t], i + 1);
    return obj;
  };
  return rec(doc, 0) as T;
}

/**
 * Expands a pointer template (with `-` standing for every row) into the concrete pointers that exist in
 * `doc`. Tokens after an array that is missing yield no pointer; a template without `-` yields itself.
 */
export function expandPointer(doc: unknown, template: string): string[] {
  const tokens = parsePointer(template);
  const out: string[] = [];
  const rec = (cur: unknown, i: number, prefix: string): void => {
    if (i === tokens.length) {
      out.push(prefix);
      return;
    }
    const t = tokens[i]!;
    if (t === '-') {
      if (!Array.isArray(cur)) return;
      cur.forEach((row, idx) => rec(row, i + 1, `${prefix}/${idx}`));
      return;
    }
    const child = cur !== null && typeof cur === 'object' ? (cur as Record<string, unknown>)[t] : undefined;
    rec(child, i + 1, `${prefix}/${escapeToken(t)}`);
  };
  rec(doc, 0, '');
  return out;
}

/** Replaces concrete row indices with `-`, giving the model path template of a concrete pointer. */
export function toTemplate(pointer: string, arrayPaths: ReadonlySet<string>): string {
  const tokens = parsePointer(pointer);
  let path = '';
  for (const t of tokens) {
    if (arrayPaths.has(path) && isIndex(t)) path += '/-';
    else path += '/' + escapeToken(t);
  }
  return path;
}

/** Deep copy of a JSON value (structuredClone without the DOM dependency on older runtimes). */
export function cloneJson<T extends JsonValue | unknown>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}
