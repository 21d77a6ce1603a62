/**
 * Visibility and requiredness of every concrete node of a dossier, from the model's conditionals
 * (`if`/`then`/`else`, `dependentRequired`), `x-visible-when` and step `visibleWhen`, using the compiled
 * `conditions` of the procedure's validator. DOM-free.
 */
import type { ArrayNode, CompiledValidator, CondId, FormModel, GroupNode, ModelNode, StepModel } from './model.js';
import { escapeToken, getAt, parsePointer } from './pointer.js';

/** One node of the model at a concrete place in the dossier (array rows expanded). */
export interface NodeInstance {
  /** Concrete pointer (row indices instead of `-`). */
  pointer: string;
  node: ModelNode;
  /** Shown (and validated): every ancestor shown, branch taken, `visibleWhen` holds. */
  visible: boolean;
  /** Required while visible: unconditionally, or by a branch that applies. */
  required: boolean;
}

/** The result of evaluating every condition of a model on one dossier. */
export interface Evaluation {
  /** The dossier the evaluation is based on, with hidden values and empty strings removed. */
  data: unknown;
  /** Every concrete node, in model order, keyed by concrete pointer. */
  nodes: Map<string, NodeInstance>;
  /** Steps whose `visibleWhen` holds and which show at least one visible node. */
  visibleSteps: StepModel[];
}

/** Thrown when the model references a condition the validator does not export. */
export class ConditionError extends Error {
  constructor(
    readonly condId: string,
    where: string,
  ) {
    super(`Condition "${condId}" (used by ${where}) is missing from the validator's conditions map.`);
    this.name = 'ConditionError';
  }
}

/** Runs one compiled condition. */
export function testCondition(v: CompiledValidator, id: CondId, value: unknown, where: string): boolean {
  const fn = v.conditions[id];
  if (!fn) throw new ConditionError(id, where);
  return fn(value) === true;
}

/** True for `undefined`, `null`, `''`, and empty arrays/objects. */
export function isEmptyValue(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.values(value as object).every(isEmptyValue);
  return false;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function walk(model: FormModel, v: CompiledValidator, whole: unknown, visit: (inst: NodeInstance) => void): void {
  const walkNode = (node: ModelNode, pointer: string, visible: boolean, required: boolean): void => {
    let shown = visible;
    if (shown && node.visibleWhen) shown = testCondition(v, node.visibleWhen, whole, node.path || '/');
    visit({ pointer, node, visible: shown, required });
    if (node.kind === 'group') walkGroup(node, pointer, shown);
    else if (node.kind === 'array') walkArray(node, pointer, shown);
  };
  const walkGroup = (group: GroupNode, pointer: string, visible: boolean): void => {
    const raw = getAt(whole, pointer);
    const value = isObject(raw) ? raw : {};
    const conditional = new Set<string>();
    const shownBy = new Set<string>();
    const requiredBy = new Set<string>();
    for (const c of group.conditionals) {
      for (const k of [...c.then.show, ...c.else.show]) conditional.add(k);
      let holds: boolean;
      if (c.if) holds = testCondition(v, c.if, value, `the if/then/else of ${group.path || 'the root'}`);
      else if (c.whenPresent !== undefined) holds = !isEmptyValue(value[c.whenPresent]);
      else holds = true;
      const branch = holds ? c.then : c.else;
      for (const k of branch.show) shownBy.add(k);
      for (const k of branch.require) requiredBy.add(k);
    }
    for (const child of group.children) {
      const shown = visible && (!conditional.has(child.key) || shownBy.has(child.key));
      walkNode(child, `${pointer}/${escapeToken(child.key)}`, shown, child.required || requiredBy.has(child.key));
    }
  };
  const walkArray = (node: ArrayNode, pointer: string, visible: boolean): void => {
    const rows = getAt(whole, pointer);
    if (!Array.isArray(rows)) return;
    rows.forEach((_, i) => walkNode(node.item, `${pointer}/${i}`, visible, true));
  };
  visit({ pointer: '', node: model.root, visible: true, required: true });
  walkGroup(model.root, '', true);
}

/** Copy of `data` without values of hidden nodes, without empty strings (a cleared field) and `null`s under objects. */
function pruneOnce(model: FormModel, v: CompiledValidator, data: unknown): unknown {
  const hidden: string[] = [];
  walk(model, v, data, (inst) => {
    if (!inst.visible) hidden.push(inst.pointer);
  });
  const hiddenSet = new Set(hidden);
  const rec = (value: unknown, pointer: string): unknown => {
    if (Array.isArray(value)) return value.map((x, i) => rec(x, `${pointer}/${i}`));
    if (isObject(value)) {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(value)) {
        const p = `${pointer}/${escapeToken(k)}`;
        if (hiddenSet.has(p) || x === '' || x === null || x === undefined) continue;
        out[k] = rec(x, p);
      }
      return out;
    }
    return value;
  };
  return rec(data, '');
}

const MAX_PASSES = 8;

/**
 * Drops hidden values until stable (a hidden field can hide another through its own condition).
 * Returns a copy; `data` is not modified.
 */
export function pruneToFixpoint(model: FormModel, v: CompiledValidator, data: unknown): unknown {
  let cur: unknown = data ?? {};
  let prev = JSON.stringify(cur);
  for (let i = 0; i < MAX_PASSES; i++) {
    const next = pruneOnce(model, v, cur);
    const s = JSON.stringify(next);
    if (s === prev) return next;
    cur = next;
    prev = s;
  }
  return cur;
}

/** Evaluates every condition of the model on the dossier: visible and required nodes, visible steps. */
export function evaluateConditions(model: FormModel, v: CompiledValidator, data: unknown): Evaluation {
  const pruned = pruneToFixpoint(model, v, data);
  const nodes = new Map<string, NodeInstance>();
  walk(model, v, pruned, (inst) => nodes.set(inst.pointer, inst));
  const visibleSteps = model.steps.filter((step) => {
    if (step.visibleWhen && !testCondition(v, step.visibleWhen, pruned, `step "${step.id}"`)) return false;
    if (step.fields.length === 0) return true;
    return step.fields.some((p) => nodes.get(p)?.visible ?? isStaticallyVisible(model, p));
  });
  return { data: pruned, nodes, visibleSteps };
}

/** A step field inside an array without rows has no instance: it counts as visible when its ancestors are. */
function isStaticallyVisible(model: FormModel, pointer: string): boolean {
  return findNode(model, pointer) !== undefined;
}

/** Finds the model node of a concrete pointer or a `-` template (row indices match array items). */
export function findNode(model: FormModel, pointer: string): ModelNode | undefined {
  let node: ModelNode = model.root;
  for (const t of parsePointer(pointer)) {
    if (node.kind === 'group') {
      const child: ModelNode | undefined = node.children.find((c) => c.key === t);
      if (!child) return undefined;
      node = child;
    } else if (node.kind === 'array') {
      if (t !== '-' && !/^[0-9]+$/.test(t)) return undefined;
      node = node.item;
    } else {
      return node.valueType === 'object' || node.valueType === 'array' ? node : undefined;
    }
  }
  return node;
}

/** The pointer of the field (or group/array) that owns a concrete pointer: sub-values of composite fields map to the field. */
export function owningPointer(model: FormModel, pointer: string): string {
  let node: ModelNode = model.root;
  let out = '';
  for (const t of parsePointer(pointer)) {
    if (node.kind === 'field') return out;
    if (node.kind === 'group') {
      const child: ModelNode | undefined = node.children.find((c) => c.key === t);
      if (!child) return out + '/' + escapeToken(t);
      node = child;
    } else {
      node = node.item;
    }
    out += '/' + escapeToken(t);
  }
  return out;
}
