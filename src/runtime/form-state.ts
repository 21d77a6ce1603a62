/**
 * DOM-free form state: values, touched fields, errors, the current step and the visible steps. The shell
 * renders from it; Node tests drive it directly.
 */
import type { CompiledValidator, FormModel, ModelNode, StepModel } from './model.js';
import { evaluateConditions, pruneToFixpoint, type Evaluation } from './conditions.js';
import { applyDefaults } from './defaults.js';
import { getAt, isUnder, removeAt, setAt } from './pointer.js';
import { hasErrors, validateDossier, type DossierIssue } from './validate.js';

/** What changed in a state update. */
export interface StateChange {
  /** Pointers whose value changed. */
  values: string[];
  /** Visibility or requiredness of some node, or the set of visible steps, changed. */
  structure: boolean;
  /** Pointers whose error changed. */
  errors: string[];
  /** Current step changed. */
  step: boolean;
}

/** True when visibility can depend on data at all (any condition in the model). */
export function modelHasConditions(model: FormModel): boolean {
  if (model.steps.some((s) => s.visibleWhen)) return true;
  const rec = (n: ModelNode): boolean => {
    if (n.visibleWhen) return true;
    if (n.kind === 'group') return n.conditionals.length > 0 || n.children.some(rec);
    if (n.kind === 'array') return rec(n.item);
    return false;
  };
  return rec(model.root);
}

function structureKey(ev: Evaluation): string {
  let s = ev.visibleSteps.map((x) => x.id).join(',') + '|';
  for (const inst of ev.nodes.values()) s += `${inst.pointer}:${inst.visible ? 1 : 0}${inst.required ? 1 : 0};`;
  return s;
}

/** The state of one filing. */
export class FormState<T = Record<string, unknown>> {
  private _data: T;
  private _ev: Evaluation | undefined;
  private _structure = '';
  private readonly conditional: boolean;
  private readonly listeners = new Set<(change: StateChange) => void>();
  /** Pointers the citizen has changed. */
  readonly touched = new Set<string>();
  /** Current issues (errors and warnings) by pointer. */
  readonly issues = new Map<string, DossierIssue>();
  /** Index into `visibleSteps`. */
  stepIndex = 0;
  /** `YYYY-MM-DD` for age rules; default today in Vietnam. */
  today: string | undefined;

  constructor(
    readonly model: FormModel,
    readonly validator: CompiledValidator,
    initial?: T,
  ) {
    this._data = applyDefaults(model, (initial ?? {}) as T);
    this.conditional = modelHasConditions(model);
    this._structure = structureKey(this.evaluation);
  }

  /** The dossier as entered (hidden values kept, so they come back when the branch is taken again). */
  get data(): T {
    return this._data;
  }

  /** Conditions evaluated on the current data (cached). */
  get evaluation(): Evaluation {
    return (this._ev ??= evaluateConditions(this.model, this.validator, this._data));
  }

  /** Steps currently shown. */
  get visibleSteps(): StepModel[] {
    return this.evaluation.visibleSteps;
  }

  /** The current step (undefined for a model without steps). */
  get step(): StepModel | undefined {
    const steps = this.visibleSteps;
    return steps[Math.min(this.stepIndex, steps.length - 1)];
  }

  /** Value at a pointer. */
  get(pointer: string): unknown {
    return getAt(this._data, pointer);
  }

  /** Whether a concrete node is shown. Nodes without an instance (rows not yet added) are hidden. */
  isVisible(pointer: string): boolean {
    return this.evaluation.nodes.get(pointer)?.visible ?? false;
  }

  /** Whether a concrete node is required while shown. */
  isRequired(pointer: string): boolean {
    return this.evaluation.nodes.get(pointer)?.required ?? false;
  }

  /** Subscribes to changes; returns the unsubscribe function. */
  subscribe(listener: (change: StateChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(change: StateChange): void {
    for (const l of this.listeners) l(change);
  }

  private refreshStructure(): boolean {
    this._ev = undefined;
    const key = structureKey(this.evaluation);
    const changed = key !== this._structure;
    this._structure = key;
    return changed;
  }

  /** Sets a value (`undefined` removes it), marks it touched, re-checks an existing error on it. */
  set(pointer: string, value: unknown, options: { touch?: boolean } = {}): StateChange {
    const prev = getAt(this._data, pointer);
    if (prev === value) return { values: [], structure: false, errors: [], step: false };
    this._data = value === undefined ? removeAt(this._data, pointer) : setAt(this._data, pointer, value);
    if (options.touch !== false) this.touched.add(pointer);
    const rowsChanged = Array.isArray(prev) || Array.isArray(value);
    // A new row starts with its fields' defaults, like the form did.
    if (Array.isArray(value)) this._data = applyDefaults(this.model, this._data);
    let structure = false;
    if (this.conditional || rowsChanged || !this._ev) {
      structure = this.refreshStructure();
    } else {
      // Without conditions a value change cannot change visibility: keep the nodes, prune lazily.
      const { nodes, visibleSteps } = this._ev;
      const prune = (): unknown => pruneToFixpoint(this.model, this.validator, this._data);
      let pruned: unknown;
      let done = false;
      this._ev = {
        nodes,
        visibleSteps,
        get data() {
          if (!done) {
            pruned = prune();
            done = true;
          }
          return pruned;
        },
      };
    }
    const errors: string[] = [];
    if (this.issues.has(pointer) || structure) errors.push(...this.recheck(structure ? undefined : [pointer]));
    const change: StateChange = { values: [pointer], structure, errors, step: false };
    this.emit(change);
    return change;
  }

  /** Replaces the whole dossier (restore, prefill). */
  setData(data: T): StateChange {
    this._data = applyDefaults(this.model, data);
    this.refreshStructure();
    const change: StateChange = { values: [''], structure: true, errors: [], step: false };
    this.emit(change);
    return change;
  }

  /** Re-validates the pointers that currently have issues (or just `only`), keeping the set of flagged fields. */
  private recheck(only?: string[]): string[] {
    const flagged = only ?? [...this.issues.keys()];
    if (flagged.length === 0) return [];
    const fresh = validateDossier(this.model, this.validator, this._data, { today: this.today, pointers: flagged });
    const changed: string[] = [];
    for (const p of flagged) {
      const next = fresh.find((x) => x.pointer === p);
      const prev = this.issues.get(p);
      if (next) this.issues.set(p, next);
      else this.issues.delete(p);
      if (prev?.messageKey !== next?.messageKey) changed.push(p);
    }
    return changed;
  }

  /** Validates the given pointers (default: the current step's fields) and records their issues. */
  validate(pointers?: string[]): DossierIssue[] {
    const scope = pointers ?? this.step?.fields ?? [''];
    const found = validateDossier(this.model, this.validator, this._data, { today: this.today, pointers: scope });
    for (const p of [...this.issues.keys()]) if (scope.some((s) => isUnder(p, s))) this.issues.delete(p);
    for (const x of found) this.issues.set(x.pointer, x);
    this.emit({ values: [], structure: false, errors: found.map((x) => x.pointer), step: false });
    return found;
  }

  /** Replaces issues with ones from elsewhere (e.g. the server's 422). */
  setIssues(issues: DossierIssue[]): void {
    const changed = [...this.issues.keys(), ...issues.map((x) => x.pointer)];
    this.issues.clear();
    for (const x of issues) this.issues.set(x.pointer, x);
    this.emit({ values: [], structure: false, errors: changed, step: false });
  }

  /** Validates the current step; moves to the next visible step when it has no error. */
  next(): { ok: boolean; issues: DossierIssue[] } {
    const issues = this.validate();
    if (hasErrors(issues)) return { ok: false, issues };
    if (this.stepIndex < this.visibleSteps.length - 1) {
      this.stepIndex += 1;
      this.emit({ values: [], structure: false, errors: [], step: true });
    }
    return { ok: true, issues };
  }

  /** Moves to the previous visible step. */
  back(): void {
    if (this.stepIndex > 0) {
      this.stepIndex -= 1;
      this.emit({ values: [], structure: false, errors: [], step: true });
    }
  }

  /** Moves to a step by id, or to the step that shows a pointer. Returns false when not visible. */
  goTo(target: { stepId?: string; pointer?: string }): boolean {
    const steps = this.visibleSteps;
    const i = steps.findIndex((s) =>
      target.stepId !== undefined ? s.id === target.stepId : s.fields.some((f) => isUnder(target.pointer ?? '', f)),
    );
    if (i < 0) return false;
    this.stepIndex = i;
    this.emit({ values: [], structure: false, errors: [], step: true });
    return true;
  }

  /** The step that shows a pointer, if any. */
  stepOf(pointer: string): StepModel | undefined {
    return this.visibleSteps.find((s) => s.fields.some((f) => isUnder(pointer, f)));
  }
}
