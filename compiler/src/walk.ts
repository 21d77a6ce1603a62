/** Walking the schema nodes of a definition (every position where JSON Schema expects a schema). */
import { joinPointer as join } from 'dvc-forms/runtime/pointer.js';
import { isObject } from './json.js';
import { rootConditionSites } from './keywords.js';
import { SUBSCHEMA_ARRAY_KEYWORDS, SUBSCHEMA_KEYWORDS, SUBSCHEMA_MAP_KEYWORDS } from './vocabulary.js';

/** A schema node: an object schema (boolean schemas are reported as `true`/`false`). */
export type SchemaObject = Record<string, unknown>;

/** Called for each schema node with its pointer; return `false` to skip its subschemas. */
export type SchemaVisitor = (node: unknown, pointer: string) => void | boolean;

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

/**
 * Visits every schema node of a whole definition, including the condition schemas the root-level `x-`
 * keywords hold (where they sit: the table of compiler/src/keywords.ts).
 */
export function walkDefinition(root: unknown, visit: SchemaVisitor): void {
  walkSchema(root, '', visit);
  if (!isObject(root)) return;
  for (const site of rootConditionSites(root)) walkSchema(site.holder[site.key], site.pointer, visit);
}

/** Deep copy of a JSON value. */
export function clone<T>(v: T): T {
  return structuredClone(v);
}
