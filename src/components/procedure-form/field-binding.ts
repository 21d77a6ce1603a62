/**
 * How the shell reads and writes field controls: data value ↔ control property, per value type; and the
 * `spreadProps` directive that sets widget options as properties only when they change.
 */
import { nothing, type ElementPart } from 'lit';
import { Directive, PartType, directive, type PartInfo } from 'lit/directive.js';
import type { FieldNode, JsonValue } from '../../runtime/model.js';

/** The subset of a field control the shell talks to (see docs/architecture.md "Field components"). */
export interface FieldControl extends HTMLElement {
  name: string;
  value?: unknown;
  checked?: boolean;
  typedValue?: unknown;
  showErrors?: () => void;
}

/** The data value a control holds now, typed for the node (`undefined`: no answer). */
export function readControl(el: FieldControl, node: FieldNode): unknown {
  if (node.valueType === 'boolean') {
    if (typeof el.checked === 'boolean') return el.checked;
    const v = el.value;
    if (v === '' || v === undefined || v === null) return undefined;
    return v === true || v === 'true';
  }
  if (node.options && node.options.length > 0 && node.valueType !== 'array') {
    const raw = el.value;
    if (raw === '' || raw === undefined || raw === null) return undefined;
    const hit = node.options.find((o) => String(o.value) === String(raw));
    return hit ? hit.value : raw;
  }
  const raw = el.value;
  if (node.valueType === 'number' || node.valueType === 'integer') {
    if (raw === '' || raw === undefined || raw === null) return undefined;
    if (typeof raw === 'number') return raw;
    const s = String(raw).trim().replace(',', '.');
    return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : String(raw);
  }
  if (node.valueType === 'array') {
    if (!Array.isArray(raw) || raw.length === 0) return undefined;
    if (node.options) {
      return raw.map((x) => node.options!.find((o) => String(o.value) === String(x))?.value ?? x);
    }
    return raw;
  }
  if (node.valueType === 'object') {
    if (raw === null || typeof raw !== 'object') return undefined;
    return raw;
  }
  if (raw === '' || raw === undefined || raw === null) return undefined;
  return raw;
}

const EMPTY_ARRAY: readonly never[] = Object.freeze([]);

/** The value to give the control's `value` property for a data value. */
export function controlValue(node: FieldNode, value: unknown): unknown {
  if (node.valueType === 'array') {
    return Array.isArray(value) ? value.map((x) => String(x)) : EMPTY_ARRAY;
  }
  if (node.valueType === 'object') return value ?? null;
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : String(value);
}

class SpreadProps extends Directive {
  private last: Record<string, JsonValue> | undefined;
  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('spreadProps() must be used on an element');
  }
  render(_props: Record<string, JsonValue> | undefined) {
    return nothing;
  }
  override update(part: ElementPart, [props]: [Record<string, JsonValue> | undefined]) {
    if (props !== this.last) {
      this.last = props;
      if (props) for (const [k, v] of Object.entries(props)) (part.element as unknown as Record<string, unknown>)[k] = v;
    }
    return nothing;
  }
}

/** Sets each entry as a property of the element whenever the object (by identity) changes. */
export const spreadProps = directive(SpreadProps);
