/**
 * The renderer of model nodes: each field, group and repeating group of a step as its control (the tag the
 * compiler chose), bound to the form state, with its error, warning and prefill note; the rows of a repeating
 * group keep stable keys across add, remove and move.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { live } from 'lit/directives/live.js';
import { unsafeStatic, html as staticHtml, type StaticValue } from 'lit/static-html.js';
import type { ArrayNode, FieldNode, GroupNode, StepModel } from '../../runtime/model.js';
import type { FormState } from '../../runtime/form-state.js';
import type { NodeInstance } from '../../runtime/conditions.js';
import type { DossierIssue } from '../../runtime/validate.js';
import { escapeToken, getAt } from '../../runtime/pointer.js';
import type { ShellWords } from './words.js';
import type { AdminUnitsData } from '../../internal/admin-units.js';
import type { DvcRowsChangeEvent } from '../repeating-group/repeating-group.js';
import { controlValue, spreadProps } from './field-binding.js';

/** What the node renderer reads of the shell. */
export interface NodeRendererHost<T extends object> {
  readonly form: FormState<T>;
  /** The shell's messages and the model's texts in the form's language. */
  readonly words: ShellWords;
  /** The message of an issue, as the citizen reads it. */
  issueText(issue: DossierIssue): string;
  /** True when the field holds the back end's prefilled answer. */
  prefilled(pointer: string): boolean;
  /** True when the control found a problem itself (text it could not read): it shows its own message. */
  controlProblem(pointer: string): boolean;
  /** The loader given to address fields. */
  readonly unitsLoader: () => Promise<AdminUnitsData>;
  /** Rows of a repeating group were added, removed or moved (the data changed). */
  onRowsChange(): void;
}

const staticTags = new Map<string, StaticValue>();
function staticTag(tag: string): StaticValue {
  if (!/^[a-z][a-z0-9._-]*-[a-z0-9._-]*$/.test(tag)) throw new Error(`dvc-forms: "${tag}" is not a custom-element tag`);
  let s = staticTags.get(tag);
  if (!s) staticTags.set(tag, (s = unsafeStatic(tag)));
  return s;
}

let localIds = 0;
const nextId = (prefix: string): string => `${prefix}${++localIds}`;

const EMPTY_OPTIONS: readonly never[] = Object.freeze([]);

/** Renders the nodes of a procedure's model for a shell (one per shell: it keeps the row keys). */
export class NodeRenderer<T extends object> {
  private readonly rowKeys = new Map<string, string[]>();

  constructor(private readonly host: NodeRendererHost<T>) {}

  /**
   * The fields of a step. A step that holds one group titled like the step shows the group's fields without
   * the group's fieldset, so the title is not said twice (step heading, then the same legend).
   */
  renderStep(step: StepModel): unknown {
    const only = step.fields.length === 1 ? this.host.form.evaluation.nodes.get(step.fields[0]!) : undefined;
    if (
      only &&
      only.visible &&
      only.node.kind === 'group' &&
      sameTitle(this.host.words.l(only.node.label), this.host.words.l(step.title))
    ) {
      const group = only.node;
      const hint = this.host.words.l(group.hint);
      return html`${hint && !sameTitle(hint, this.host.words.l(step.description)) ? html`<p class="hint">${hint}</p>` : nothing}
      ${repeat(
        group.children,
        (c) => c.key,
        (c) => this.renderNode(`${only.pointer}/${escapeToken(c.key)}`),
      )}`;
    }
    return repeat(
      step.fields,
      (p) => p,
      (p) => this.renderNode(p),
    );
  }

  renderNode(pointer: string): TemplateResult | typeof nothing {
    const inst = this.host.form.evaluation.nodes.get(pointer);
    if (!inst || !inst.visible) return nothing;
    switch (inst.node.kind) {
      case 'field':
        return this.renderField(inst, inst.node);
      case 'group':
        return this.renderGroup(inst, inst.node);
      case 'array':
        return this.renderArray(inst, inst.node);
    }
  }

  private renderGroup(inst: NodeInstance, node: GroupNode): TemplateResult {
    const tag = staticTag(node.tag);
    return staticHtml`<${tag} part="group" .label=${this.host.words.l(node.label)} .hint=${this.host.words.l(node.hint)} lang=${this.host.words.locale}>
      ${repeat(
        node.children,
        (c) => c.key,
        (c) => this.renderNode(`${inst.pointer}/${escapeToken(c.key)}`),
      )}
    </${tag}>`;
  }

  private keysFor(pointer: string, length: number): string[] {
    let keys = this.rowKeys.get(pointer);
    if (!keys) this.rowKeys.set(pointer, (keys = []));
    while (keys.length < length) keys.push(nextId('r'));
    if (keys.length > length) keys.length = length;
    return keys;
  }

  private renderArray(inst: NodeInstance, node: ArrayNode): TemplateResult {
    const tag = staticTag(node.tag);
    const rows = getAt(this.host.form.data, inst.pointer);
    const n = Array.isArray(rows) ? rows.length : 0;
    const keys = this.keysFor(inst.pointer, n);
    const issue = this.host.form.issues.get(inst.pointer);
    const indices = keys.map((k, i) => ({ k, i }));
    return staticHtml`<${tag}
      part="array"
      data-focus=${inst.pointer}
      .label=${this.host.words.l(node.label)}
      .hint=${this.host.words.l(node.hint)}
      .error=${issue && issue.severity === 'error' ? this.host.issueText(issue) : ''}
      .addLabel=${node.addLabel ? this.host.words.l(node.addLabel) : ''}
      .min=${node.minItems}
      .max=${node.maxItems}
      lang=${this.host.words.locale}
      @dvc-rows-change=${(e: DvcRowsChangeEvent) => this.onRowsChange(inst.pointer, node, e)}
    >
      ${repeat(
        indices,
        (x) => x.k,
        ({ i }) =>
          html`<div class="row-fields">
            ${
              node.item.kind === 'group'
                ? repeat(
                    node.item.children,
                    (c) => c.key,
                    (c) => this.renderNode(`${inst.pointer}/${i}/${escapeToken(c.key)}`),
                  )
                : this.renderNode(`${inst.pointer}/${i}`)
            }
          </div>`,
      )}
    </${tag}>`;
  }

  /** Applies an add / remove / move of the repeating group to the data and to the row keys. */
  private onRowsChange(pointer: string, node: ArrayNode, e: DvcRowsChangeEvent): void {
    if (e.target !== e.currentTarget) return;
    const current = getAt(this.host.form.data, pointer);
    const rows = Array.isArray(current) ? current.slice() : [];
    const keys = this.keysFor(pointer, rows.length);
    const d = e.detail;
    if (d.action === 'add') {
      rows.push(node.item.kind === 'group' ? {} : '');
      keys.push(nextId('r'));
    } else if (d.action === 'remove') {
      rows.splice(d.index, 1);
      keys.splice(d.index, 1);
    } else if (d.action === 'move' && d.to !== undefined) {
      const [row] = rows.splice(d.index, 1);
      rows.splice(d.to, 0, row);
      const [key] = keys.splice(d.index, 1);
      keys.splice(d.to, 0, key!);
    }
    this.host.form.set(pointer, rows.length ? rows : undefined);
    this.host.onRowsChange();
  }

  private renderField(inst: NodeInstance, node: FieldNode): TemplateResult {
    const tag = staticTag(node.tag);
    const issue = this.host.form.issues.get(inst.pointer);
    const error = this.host.controlProblem(inst.pointer) ? '' : issue && issue.severity === 'error' ? this.host.issueText(issue) : '';
    const warning = issue && issue.severity === 'warning' ? this.host.issueText(issue) : '';
    const value = this.host.form.get(inst.pointer);
    const prefilled = this.host.prefilled(inst.pointer);
    const hint = this.host.words.l(node.hint) + (prefilled ? (node.hint ? ' · ' : '') + this.host.words.t.prefilledNote : '');
    if (node.valueType === 'boolean') {
      return staticHtml`<${tag}
        name=${inst.pointer}
        .label=${this.host.words.l(node.label)}
        .hint=${hint}
        .required=${inst.required}
        .checked=${live(value === true)}
        .error=${error}
        .warning=${warning}
        .prefilled=${prefilled}
        .readonly=${node.readOnly === true}
        lang=${this.host.words.locale}
        ${spreadProps(node.widgetOptions)}
      ></${tag}>`;
    }
    return staticHtml`<${tag}
      name=${inst.pointer}
      .label=${this.host.words.l(node.label)}
      .hint=${hint}
      .required=${inst.required}
      .options=${node.options ?? EMPTY_OPTIONS}
      .value=${live(controlValue(node, value))}
      .error=${error}
      .warning=${warning}
      .prefilled=${prefilled}
      .readonly=${node.readOnly === true}
      .loader=${node.widget === 'address' ? this.host.unitsLoader : undefined}
      lang=${this.host.words.locale}
      ${spreadProps(node.widgetOptions)}
    ></${tag}>`;
  }
}

/** Two titles read the same (case, spacing and Unicode normalisation aside). */
function sameTitle(a: string, b: string): boolean {
  const norm = (x: string): string => x.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase('vi');
  return norm(a) !== '' && norm(a) === norm(b);
}
