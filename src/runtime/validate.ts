/**
 * Whole-dossier validation shared by the browser and the server: prune hidden values, run the compiled ajv
 * validator, add required-while-visible, run `x-rules`, and map everything to the pointers of the fields the
 * citizen must correct, with message keys and localised messages.
 */
import type { CompiledValidator, FormModel, ModelNode, Text, ValidationError } from './model.js';
import { evaluateConditions, isEmptyValue, owningPointer, pruneToFixpoint, type NodeInstance } from './conditions.js';
import { escapeToken, getAt, isUnder, parentPointer } from './pointer.js';
import { formatDate, messageText, resolveMessageKey } from './messages.js';
import { checkRulesOnPruned, todayInVietnam } from './rules.js';

/** One problem with a dossier, at the concrete pointer of the field (or group/array) to correct. */
export interface DossierIssue {
  pointer: string;
  /** JSON Schema keyword (`required`, `pattern`, …) or `rule:<id>` for an `x-rules` rule. */
  keyword: string;
  severity: 'error' | 'warning';
  /** Catalogue key (`validation.required`, `specific.date.format`, …) or `rule:<id>`. */
  messageKey: string;
  /** Placeholder values: `field` (the label in Vietnamese), `limit`, … */
  params: Record<string, string | number>;
  /** The message in every loaded locale. */
  message: Text;
}

/** Options of `validateDossier`. */
export interface ValidateOptions {
  /** `YYYY-MM-DD` used by age rules; default today in Vietnam. */
  today?: string;
  /** Keep only issues at or under these pointers (the fields of one step). */
  pointers?: string[];
}

/** Drops values of hidden nodes (x-visible-when, conditional branches not taken) and empty strings. Returns a copy. */
export function pruneHidden(model: FormModel, v: CompiledValidator, data: unknown): unknown {
  return pruneToFixpoint(model, v, data);
}

const PRIORITY: Record<string, number> = { required: 0, type: 1, format: 2, enum: 3, pattern: 4 };

function rawPointer(e: ValidationError): { pointer: string; keyword: string } {
  const p = e.params as Record<string, unknown>;
  if (e.keyword === 'required' || e.keyword === 'dependentRequired') {
    return { pointer: `${e.instancePath}/${escapeToken(String(p.missingProperty))}`, keyword: 'required' };
  }
  if (e.keyword === 'additionalProperties' && typeof p.additionalProperty === 'string') {
    return { pointer: `${e.instancePath}/${escapeToken(p.additionalProperty)}`, keyword: e.keyword };
  }
  return { pointer: e.instancePath, keyword: e.keyword };
}

function limitParam(keyword: string, params: Record<string, unknown>): string | number | undefined {
  const limit = params.limit;
  if (typeof limit === 'number') return limit;
  if (typeof limit === 'string') return keyword.startsWith('format') ? formatDate(limit) : limit;
  if (typeof params.multipleOf === 'number') return params.multipleOf;
  return undefined;
}

function widgetOf(node: ModelNode | undefined): { widget?: string; format?: string } {
  if (!node) return {};
  if (node.kind === 'field') return { widget: node.widget, format: node.format };
  return { widget: node.kind === 'array' ? 'repeat' : 'fieldset' };
}

/** Whether a required node is demanded: its parent object exists or is itself demanded. */
function demanded(inst: NodeInstance, nodes: Map<string, NodeInstance>, data: unknown): boolean {
  if (!inst.required) return false;
  const parentPtr = parentPointer(inst.pointer);
  const parent = nodes.get(parentPtr);
  if (!parent || parent.pointer === '') return true;
  if (parent.node.kind === 'array') return true;
  if (!isEmptyValue(getAt(data, parentPtr))) return true;
  return demanded(parent, nodes, data);
}

/** pruneHidden + ajv + required-while-visible + x-rules, mapped to concrete pointers and localised messages. */
export function validateDossier(model: FormModel, v: CompiledValidator, data: unknown, opts: ValidateOptions = {}): DossierIssue[] {
  const ev = evaluateConditions(model, v, data);
  const pruned = ev.data;
  const byPointer = new Map<string, DossierIssue & { rank: number }>();
  const isHidden = (pointer: string): boolean => {
    for (let p = pointer; ; p = parentPointer(p)) {
      const inst = ev.nodes.get(p);
      if (inst && !inst.visible) return true;
      if (p === '') return false;
    }
  };
  const add = (pointer: string, keyword: string, params: Record<string, unknown>, rank: number): void => {
    if (isHidden(pointer)) return;
    const prev = byPointer.get(pointer);
    if (prev && prev.rank <= rank) return;
    const node = ev.nodes.get(pointer)?.node;
    const { widget, format } = widgetOf(node);
    const messageKey = resolveMessageKey(keyword, widget, format);
    const out: Record<string, string | number> = { field: node?.label.vi ?? pointer };
    const limit = limitParam(keyword, params);
    if (limit !== undefined) out.limit = limit;
    byPointer.set(pointer, {
      pointer,
      keyword,
      severity: 'error',
      messageKey,
      params: out,
      message: messageText(messageKey, out, node?.label),
      rank,
    });
  };

  if (!v.validate(pruned)) {
    for (const e of v.validate.errors ?? []) {
      if (e.keyword === 'if' || e.keyword === 'then' || e.keyword === 'else') continue;
      if (/\/(oneOf|anyOf)\/\d+\//.test(e.schemaPath)) continue;
      const raw = rawPointer(e);
      const pointer = owningPointer(model, raw.pointer);
      let keyword = raw.keyword;
      if (pointer !== raw.pointer && keyword !== 'required') keyword = 'invalid';
      if (pointer !== raw.pointer && keyword === 'required') {
        // A sub-value of a composite field (e.g. an address's commune) is missing: the field is incomplete.
        keyword = 'required';
      }
      if (keyword === 'oneOf' || keyword === 'anyOf') {
        const node = ev.nodes.get(pointer)?.node;
        keyword = node?.kind === 'field' && node.options ? 'enum' : 'invalid';
      }
      add(pointer, keyword, e.params as Record<string, unknown>, PRIORITY[keyword] ?? 5);
    }
  }

  for (const inst of ev.nodes.values()) {
    if (!inst.visible || inst.pointer === '' || inst.node.kind === 'group') continue;
    if (!isEmptyValue(getAt(pruned, inst.pointer))) continue;
    if (inst.node.kind === 'array' && inst.node.minItems === 0 && !inst.required) continue;
    if (demanded(inst, ev.nodes, pruned)) add(inst.pointer, 'required', {}, PRIORITY.required!);
  }

  // A missing group is reported through its required fields; keep the group's own issue only when none is.
  const all = [...byPointer.values()];
  const issues: DossierIssue[] = all
    .filter((x) => {
      if (ev.nodes.get(x.pointer)?.node.kind !== 'group') return true;
      return !all.some((y) => y !== x && isUnder(y.pointer, x.pointer));
    })
    .map(({ rank: _rank, ...issue }) => issue);
  for (const r of checkRulesOnPruned(model, v, pruned, opts.today ?? todayInVietnam())) {
    const pointer = owningPointer(model, r.pointer);
    if (isHidden(pointer)) continue;
    const node = ev.nodes.get(pointer)?.node;
    issues.push({
      pointer,
      keyword: `rule:${r.ruleId}`,
      severity: r.severity,
      messageKey: `rule:${r.ruleId}`,
      params: { field: node?.label.vi ?? pointer },
      message: r.message,
    });
  }

  const order = new Map<string, number>();
  let i = 0;
  for (const p of ev.nodes.keys()) order.set(p, i++);
  const filtered = opts.pointers ? issues.filter((x) => opts.pointers!.some((p) => isUnder(x.pointer, p))) : issues;
  const rank = (x: DossierIssue): number => order.get(x.pointer) ?? Number.MAX_SAFE_INTEGER;
  const sev = (x: DossierIssue): number => (x.severity === 'error' ? 0 : 1);
  return filtered.sort((a, b) => rank(a) - rank(b) || sev(a) - sev(b));
}

/** True when none of the issues is an error (warnings do not block). */
export function hasErrors(issues: DossierIssue[]): boolean {
  return issues.some((x) => x.severity === 'error');
}
