/**
 * Maps the back end's prefill record (keys of the prefill vocabulary, `citizen.fullName`, …) onto the model's
 * nodes that declare `x-prefill`. Never overwrites what the citizen already entered; does replace a schema
 * `default` the form started with (the population database knows better than a guess).
 */
import type { FieldNode, FormModel, JsonValue, ModelNode } from './model.js';
import { isEmptyValue } from './conditions.js';
import { isStartValue } from './defaults.js';
import { escapeToken, getAt, setAt } from './pointer.js';

/** The prefill record: vocabulary key → value (dates `YYYY-MM-DD`, addresses objects). */
export type PrefillRecord = Record<string, JsonValue | undefined>;

/** The result of applying a prefill record. */
export interface PrefillResult<T = unknown> {
  /** The dossier with prefilled values (a copy). */
  data: T;
  /** Concrete pointers of the fields that were filled from the record. */
  prefilled: string[];
  /** Pointers whose record value did not fit the field (wrong type, not one of the options). */
  skipped: Array<{ pointer: string; key: string; reason: string }>;
}

/** Every field node with `prefill`, outside arrays, with its absolute pointer. */
export function prefillTargets(model: FormModel): Array<{ pointer: string; node: FieldNode }> {
  const out: Array<{ pointer: string; node: FieldNode }> = [];
  const rec = (node: ModelNode, pointer: string): void => {
    if (node.kind === 'field') {
      if (node.prefill) out.push({ pointer, node });
    } else if (node.kind === 'group') {
      for (const c of node.children) rec(c, `${pointer}/${escapeToken(c.key)}`);
    }
  };
  rec(model.root, '');
  return out;
}

function fit(node: FieldNode, value: JsonValue): { ok: true; value: JsonValue } | { ok: false; reason: string } {
  switch (node.valueType) {
    case 'string':
      if (typeof value === 'number') value = String(value);
      if (typeof value !== 'string') return { ok: false, reason: `expected text, got ${typeof value}` };
      break;
    case 'number':
    case 'integer': {
      const n = typeof value === 'string' ? Number(value) : value;
      if (typeof n !== 'number' || Number.isNaN(n) || (node.valueType === 'integer' && !Number.isInteger(n))) {
        return { ok: false, reason: `expected a ${node.valueType}` };
      }
      value = n;
      break;
    }
    case 'boolean':
      if (typeof value !== 'boolean') return { ok: false, reason: 'expected true/false' };
      break;
    case 'object':
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return { ok: false, reason: 'expected an object' };
      break;
    case 'array':
      if (!Array.isArray(value)) return { ok: false, reason: 'expected a list' };
      break;
  }
  if (node.options && node.options.length > 0 && typeof value !== 'object') {
    const exact = node.options.find((o) => o.value === value);
    if (exact) return { ok: true, value: exact.value };
    const s = String(value).toLowerCase();
    const loose = node.options.find(
      (o) => String(o.value).toLowerCase() === s || o.label.vi.toLowerCase() === s || o.label.en?.toLowerCase() === s,
    );
    if (!loose) return { ok: false, reason: `"${String(value)}" is not one of the options` };
    return { ok: true, value: loose.value };
  }
  return { ok: true, value };
}

/** Options of {@link applyPrefill}. */
export interface PrefillOptions {
  /** Pointers the citizen changed (e.g. `FormState.touched`): their values are kept even when equal to the default. */
  touched?: ReadonlySet<string>;
}

/**
 * Fills `x-prefill` fields from the record and reports which were filled. A field is filled when it is
 * empty, or still holds its start value (schema `default`, or `false` for a plain checkbox) and is not in
 * `options.touched`. Any other value was entered by the citizen (now or in a restored draft) and is kept.
 */
export function applyPrefill<T>(model: FormModel, data: T, record: PrefillRecord, options: PrefillOptions = {}): PrefillResult<T> {
  let out = (data ?? {}) as T;
  const prefilled: string[] = [];
  const skipped: PrefillResult['skipped'] = [];
  for (const { pointer, node } of prefillTargets(model)) {
    const key = node.prefill!;
    const value = record[key];
    if (value === undefined || value === null || value === '') continue;
    const current = getAt(out, pointer);
    if (!isEmptyValue(current) && (options.touched?.has(pointer) || !isStartValue(node, current))) continue;
    const r = fit(node, value);
    if (!r.ok) {
      skipped.push({ pointer, key, reason: r.reason });
      continue;
    }
    out = setAt(out, pointer, r.value);
    prefilled.push(pointer);
  }
  return { data: out, prefilled, skipped };
}
