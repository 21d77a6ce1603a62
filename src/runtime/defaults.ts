import type { FormModel, JsonValue, ModelNode } from './model.js';
import { cloneJson, getAt, joinPointer, setAt } from './pointer.js';

/** The value a field starts with: its schema `default`, or `false` for a plain checkbox (unticked means "no"). */
export function startValue(node: ModelNode): JsonValue | undefined {
  if (node.kind !== 'field') return undefined;
  if (node.default !== undefined) return node.default;
  return node.valueType === 'boolean' && node.widget === 'checkbox' ? false : undefined;
}

/**
 * Fills every unset field of the dossier (and of each existing array row) with its start value: the
 * schema's `default`, or `false` for a plain checkbox. Values already present, from the citizen, a draft
 * or prefill, are never changed. Returns the same object when nothing was missing.
 */
export function applyDefaults<T>(model: FormModel, data: T): T {
  let out = (data ?? {}) as T;
  const visit = (node: ModelNode, pointer: string): void => {
    if (node.kind === 'field') {
      const start = startValue(node);
      if (start !== undefined && getAt(out, pointer) === undefined) out = setAt(out, pointer, cloneJson(start));
    } else if (node.kind === 'group') {
      for (const child of node.children) visit(child, joinPointer(pointer, child.key));
    } else {
      const rows = getAt(out, pointer);
      if (Array.isArray(rows)) rows.forEach((_, i) => visit(node.item, joinPointer(pointer, i)));
    }
  };
  visit(model.root, '');
  return out;
}

/** Whether `value` is the field's start value (so the form put it there, not the citizen, unless they touched it). */
export function isStartValue(node: ModelNode, value: unknown): boolean {
  const start = startValue(node);
  return start !== undefined && value !== undefined && JSON.stringify(value) === JSON.stringify(start);
}
