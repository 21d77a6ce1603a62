/** Walking the schema nodes of a definition (every position where JSON Schema expects a schema). */
import { joinPointer as join } from 'dvc-forms/runtime/pointer.js';
import { isObject } from './json.js';
import { SUBSCHEMA_ARRAY_KEYWORDS, SUBSCHEMA_KEYWORDS, SUBSCHEMA_MAP_KEYWORDS } from './vocabulary.js';

/** A schema node: an object schema (boolean schemas are reported as `true`/`false`). */
export type SchemaObject = Record<string, unknown>;

/** Called for each schema node with its pointer; return `false` to skip its subschemas. */
export type SchemaVisitor = (node: unknown, pointer: string) => void | boolean;

/** Pointers (relative to the root) of the root-level condition schemas the `x-` keywords hold. */
export function rootConditionPositions(root: SchemaObject): string[] {
  const out: string[] = [];
  const steps = root['x-steps'];
  if (Array.isArray(steps)) steps.forEach((s, i) => { if (isObject(s) && 'visibleWhen' in s) out.push(join('', 'x-steps', i, 'visibleWhen')); });
  const atts = root['x-attachments'];
  if (Array.isArray(atts)) atts.forEach((a, i) => { if (isObject(a) && 'requiredWhen' in a) out.push(join('', 'x-attachments', i, 'requiredWhen')); });
  const fees = root['x-fees'];
  if (isObject(fees) && Array.isArray(fees.lines)) {
    fees.lines.forEach((l, i) => {
      if (isObject(l) && Array.isArray(l.cases)) l.cases.forEach((c, j) => { if (isObject(c) && 'when' in c) out.push(join('', 'x-fees', 'lines', i, 'cases', j, 'when')); });
    });
  }
  const rules = root['x-rules'];
  if (Array.isArray(rules)) rules.forEach((r, i) => { if (isObject(r) && 'when' in r) out.push(join('', 'x-rules', i, 'when')); });
  return out;
}

/** Visits `node` and every subschema below it (depth first, parents before children). */
export function walkSchema(node: unknown, pointer: string, visit: SchemaVisitor): void {
  if (visit(node, pointer) === false || !isObject(node)) return;
  for (const kw of SUBSCHEMA_KEYWORDS) if (kw in node) walkSchema(node[kw], join(pointer, kw), visit);
  for (const kw of SUBSCHEMA_ARRAY_KEYWORDS) {
    const v = node[kw];
    if (Array.isArray(v)) v.forEach((s, i) => walkSchema(s, join(pointer, kw, i), visit));
  }
  for (const kw of SUBSCHEMA_MAP_KEYWORDS) {
    const v = node[kw];
    if (isObject(v)) for (const [k, s] of Object.entries(v)) walkSchema(s, join(pointer, kw, k), visit);
  }
}

/** Visits every schema node of a whole definition, including the root-level `x-` condition schemas. */
export function walkDefinition(root: unknown, visit: SchemaVisitor): void {
  walkSchema(root, '', visit);
  if (!isObject(root)) return;
  for (const p of rootConditionPositions(root)) {
    const tokens = p.split('/').slice(1);
    let cur: unknown = root;
    for (const t of tokens) cur = Array.isArray(cur) ? cur[Number(t)] : (cur as SchemaObject)[t];
    walkSchema(cur, p, visit);
  }
}

/** Deep copy of a JSON value. */
export function clone<T>(v: T): T {
  return structuredClone(v);
}
