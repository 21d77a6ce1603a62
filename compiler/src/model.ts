/**
 * Building the `FormModel` (src/runtime/model.ts) from a resolved definition, with every check that needs
 * the data tree: widgets, steps, attachments, fees and rules.
 */
import { basename } from 'node:path';
import type {
  AgencyLevel,
  ArrayNode,
  AttachmentModel,
  ChoiceOption,
  CondId,
  Conditional,
  Constraints,
  FeeLine,
  FeeModel,
  FieldNode,
  FormModel,
  GroupNode,
  JsonValue,
  ModelNode,
  ProcedureMeta,
  ResultDelivery,
  RuleModel,
  StepModel,
  Text,
  ValueType,
} from 'dvc-forms/runtime/model.js';
import type { ProblemList } from './errors.js';
import { joinPointer as join } from 'dvc-forms/runtime/pointer.js';
import { isObject } from './json.js';
import { chooseWidget, DEFAULT_WIDGETS, type WidgetEntry, type WidgetSubject } from './registry.js';
import { PREFILL_SOURCES } from './vocabulary.js';
import { UNRESOLVED } from './load.js';
import type { SchemaObject } from './walk.js';

/** Options of {@link buildModel}. */
export interface ModelOptions {
  /** Site widget entries; they come before (and so outrank on ties) the defaults. */
  components?: readonly WidgetEntry[];
}

/** What {@link buildModel} returns. */
export interface BuiltModel {
  model: FormModel;
  /** Every condition schema the model references, by id (the id is the schema's pointer in the definition). */
  conditions: Map<CondId, unknown>;
  /** Entries that render the model's nodes (for `define.js`). */
  entriesUsed: Set<WidgetEntry>;
  /** PascalCase name derived from the slug. */
  pascal: string;
}

/** A slug gives the tag `dvc-<slug>`: lowercase letters and digits in kebab-case, starting with a letter. */
export const SLUG_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** `birth-registration` → `BirthRegistration`. */
export function pascalCase(slug: string): string {
  return slug
    .split('-')
    .map((p) => p.charAt(0).toUpperCase() + p.slice(1))
    .join('');
}

const CONSTRAINT_KEYS: Array<keyof Constraints> = [
  'minLength',
  'maxLength',
  'pattern',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'formatMinimum',
  'formatMaximum',
];

const BRANCH_KEYS = new Set([
  'properties',
  'required',
  'dependentRequired',
  'title',
  'description',
  '$comment',
  'minProperties',
  'maxProperties',
  'x-i18n',
]);
const CONDITION_HOLDER_KEYS = new Set(['if', 'then', 'else', 'required', 'dependentRequired', 'title', 'description', '$comment']);

interface IndexedNode {
  node: ModelNode;
  /** Schema pointer of the node in the definition. */
  pointer: string;
  /** Inside an array row. */
  inArray: boolean;
}

class ModelBuilder {
  readonly conditions = new Map<CondId, unknown>();
  readonly entriesUsed = new Set<WidgetEntry>();
  /** Data path template → node. */
  readonly index = new Map<string, IndexedNode>();
  private readonly entries: readonly WidgetEntry[];

  constructor(
    private readonly problems: ProblemList,
    options: ModelOptions,
  ) {
    this.entries = [...(options.components ?? []), ...DEFAULT_WIDGETS];
  }

  /** A localised text from a Vietnamese string plus `x-i18n.en[field]`. */
  text(node: SchemaObject, field: 'title' | 'description', ptr: string): Text | undefined {
    const vi = node[field];
    const i18n = node['x-i18n'];
    let en: string | undefined;
    if (i18n !== undefined) {
      if (!isObject(i18n)) {
        this.problems.add(join(ptr, 'x-i18n'), '"x-i18n" must be an object such as { "en": { "title": "…" } }.');
      } else {
        for (const [lang, tr] of Object.entries(i18n)) {
          if (lang !== 'en') {
            this.problems.add(
              join(ptr, 'x-i18n', lang),
              `Locale "${lang}" is not supported; the SDK ships "vi" (the node's own text) and "en".`,
            );
            continue;
          }
          if (!isObject(tr)) {
            this.problems.add(join(ptr, 'x-i18n', lang), 'A translation must be an object with "title" and/or "description".');
            continue;
          }
          const v = tr[field];
          if (v !== undefined && typeof v !== 'string')
            this.problems.add(join(ptr, 'x-i18n', lang, field), `The translated ${field} must be a string.`);
          else if (typeof v === 'string') en = v;
          if (typeof v === 'string' && typeof vi !== 'string')
            this.problems.add(
              join(ptr, 'x-i18n', lang, field),
              `"x-i18n" translates a "${field}" the node does not have; add the Vietnamese "${field}".`,
            );
        }
      }
    }
    if (typeof vi !== 'string') return undefined;
    return en === undefined ? { vi } : { vi, en };
  }

  /** A localised text written either as a string or as `{ vi, en? }`. */
  looseText(value: unknown, ptr: string, what: string): Text | undefined {
    if (typeof value === 'string') return { vi: value };
    if (isObject(value) && typeof value.vi === 'string' && (value.en === undefined || typeof value.en === 'string')) {
      return value.en === undefined ? { vi: value.vi } : { vi: value.vi, en: value.en as string };
    }
    this.problems.add(ptr, `${what} must be a string or an object { "vi": "…", "en": "…" }.`);
    return undefined;
  }

  condition(schema: unknown, ptr: string): CondId {
    if (typeof schema !== 'boolean' && !isObject(schema))
      this.problems.add(ptr, 'A condition must be a JSON Schema (an object or a boolean).');
    this.conditions.set(ptr, schema);
    return ptr;
  }

  /** Choices from `enum` or `oneOf`/`anyOf` of `{ const, title }`; `undefined` when the node is no choice. */
  choices(schema: SchemaObject, ptr: string): ChoiceOption[] | undefined {
    if ('enum' in schema) {
      const values = schema.enum;
      if (!Array.isArray(values) || values.length === 0) {
        this.problems.add(join(ptr, 'enum'), '"enum" must list at least one value.');
        return [];
      }
      const out: ChoiceOption[] = [];
      values.forEach((v, i) => {
        if (v === null) return;
        if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') {
          this.problems.add(join(ptr, 'enum', i), 'A choice value must be a string, a number or a boolean.');
          return;
        }
        out.push({ value: v, label: { vi: String(v) } });
      });
      return out;
    }
    for (const kw of ['oneOf', 'anyOf'] as const) {
      const list = schema[kw];
      if (!Array.isArray(list)) continue;
      const withConst = list.filter((s) => isObject(s) && 'const' in s);
      if (withConst.length === 0) return undefined; // not a choice list: reported as unsupported by the caller
      const out: ChoiceOption[] = [];
      const seen = new Map<string, number>();
      list.forEach((s, i) => {
        const p = join(ptr, kw, i);
        if (!isObject(s) || !('const' in s)) {
          this.problems.add(p, `This "${kw}" entry has no "const": every entry of a choice list needs a "const" value and a "title".`);
          return;
        }
        const extra = Object.keys(s).filter((k) => !['const', 'title', 'description', 'x-i18n', '$comment'].includes(k));
        if (extra.length > 0)
          this.problems.add(
            join(p, extra[0]),
            `A choice entry may only hold "const", "title", "description" and "x-i18n", not "${extra[0]}".`,
          );
        const v = s.const;
        const key = JSON.stringify(v);
        if (seen.has(key)) {
          this.problems.add(
            join(p, 'const'),
            `The choice value ${key.length > 60 ? key.slice(0, 60) + '…' : key} is already used by entry ${seen.get(key)}; each choice needs its own value${kw === 'oneOf' ? ' (with "oneOf" a value matching two entries is refused)' : ''}.`,
          );
          return;
        }
        seen.set(key, i);
        if (v === null) return;
        if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') {
          this.problems.add(join(p, 'const'), 'A choice value must be a string, a number or a boolean.');
          return;
        }
        out.push({ value: v, label: this.text(s, 'title', p) ?? { vi: String(v) } });
      });
      return out;
    }
    return undefined;
  }

  /** The value type of a data node, or `undefined` (with a problem recorded). */
  valueType(schema: SchemaObject, ptr: string, options: ChoiceOption[] | undefined): { type: ValueType; nullable: boolean } | undefined {
    const t = schema.type;
    const valid: ValueType[] = ['string', 'number', 'integer', 'boolean', 'object', 'array'];
    if (Array.isArray(t)) {
      const nonNull = t.filter((x) => x !== 'null');
      if (t.length === 2 && nonNull.length === 1 && valid.includes(nonNull[0] as ValueType))
        return { type: nonNull[0] as ValueType, nullable: true };
      this.problems.add(join(ptr, 'type'), `"type": ${JSON.stringify(t)} is not supported on a data node; use one type, or [T, "null"].`);
      return undefined;
    }
    if (typeof t === 'string') {
      if (valid.includes(t as ValueType)) return { type: t as ValueType, nullable: false };
      this.problems.add(
        join(ptr, 'type'),
        t === 'null' ? 'A data node that can only be null cannot be filled in; remove it.' : `Unknown type "${t}".`,
      );
      return undefined;
    }
    if (t !== undefined) {
      this.problems.add(join(ptr, 'type'), '"type" must be a string or an array of strings.');
      return undefined;
    }
    if (isObject(schema.properties)) return { type: 'object', nullable: false };
    if ('items' in schema) return { type: 'array', nullable: false };
    const values = options?.map((o) => o.value) ?? ('const' in schema ? [schema.const] : []);
    if (values.length > 0) {
      const kinds = new Set(values.map((v) => (typeof v === 'number' ? (Number.isInteger(v) ? 'integer' : 'number') : typeof v)));
      if (kinds.size === 1) return { type: [...kinds][0] as ValueType, nullable: false };
      if ([...kinds].every((k) => k === 'integer' || k === 'number')) return { type: 'number', nullable: false };
    }
    if (typeof schema.format === 'string' || 'pattern' in schema || 'minLength' in schema || 'maxLength' in schema)
      return { type: 'string', nullable: false };
    this.problems.add(ptr, 'Cannot tell what kind of value this data node holds; add "type".');
    return undefined;
  }

  /** Constructs JSON Schema allows but a form cannot render, reported instead of skipped. */
  unsupported(schema: SchemaObject, ptr: string, type: ValueType, isChoice: boolean): boolean {
    let found = false;
    const bad = (kw: string, why: string): void => {
      found = true;
      this.problems.add(join(ptr, kw), `"${kw}" is not supported on a data node: ${why}`);
    };
    if ('not' in schema) bad('not', 'a form cannot show "anything but"; express the constraint positively (enum, pattern, if/then).');
    if ('prefixItems' in schema) bad('prefixItems', 'tuples (a fixed list of differently typed items) cannot be rendered; use an object.');
    if ('patternProperties' in schema) bad('patternProperties', 'properties with free names cannot be rendered; declare each property.');
    if ('dependentSchemas' in schema) bad('dependentSchemas', 'use "if"/"then" with "required" instead.');
    if ('$dynamicRef' in schema) bad('$dynamicRef', 'dynamic references cannot be resolved at compile time.');
    if (isObject(schema.additionalProperties) && Object.keys(schema.additionalProperties).length > 0)
      bad('additionalProperties', 'maps with free keys cannot be rendered; use "additionalProperties": false or declare each property.');
    if (isObject(schema.unevaluatedProperties)) bad('unevaluatedProperties', 'only true or false is supported.');
    for (const kw of ['oneOf', 'anyOf'])
      if (kw in schema && !isChoice)
        bad(kw, 'only a list of { "const", "title" } choices is supported; for alternatives use "if"/"then"/"else".');
    if (type !== 'object') {
      for (const kw of ['if', 'then', 'else', 'dependentRequired', 'allOf'])
        if (kw in schema) bad(kw, `conditionals are supported on objects only; move it to the enclosing object.`);
    }
    if (type === 'array' && !found && 'items' in schema && typeof schema.items === 'boolean')
      bad('items', '"items" must be a schema for the rows.');
    return found;
  }

  node(
    schema: unknown,
    ptr: string,
    path: string,
    key: string,
    required: boolean,
    inArray: boolean,
    isRoot = false,
  ): ModelNode | undefined {
    if (isObject(schema) && (schema as Record<symbol, unknown>)[UNRESOLVED]) return undefined; // its $ref was reported
    if (!isObject(schema)) {
      this.problems.add(
        ptr,
        schema === true
          ? 'A data node must be a schema object with a "type" (true accepts anything and cannot be rendered).'
          : 'A data node must be a schema object.',
      );
      return undefined;
    }
    const options = schema.type === 'array' || 'items' in schema ? undefined : this.choices(schema, ptr);
    const vt = this.valueType(schema, ptr, options);
    if (!vt) return undefined;
    if (this.unsupported(schema, ptr, vt.type, options !== undefined)) return undefined;
    let itemOptions: ChoiceOption[] | undefined;
    if (vt.type === 'array') {
      if (!('items' in schema)) {
        this.problems.add(ptr, 'An array needs "items" describing one row.');
        return undefined;
      }
      if (isObject(schema.items)) itemOptions = this.choices(schema.items, join(ptr, 'items'));
    }
    const subject: WidgetSubject = { schema, pointer: ptr, path, valueType: vt.type, nullable: vt.nullable, options, itemOptions, isRoot };
    const requested = schema['x-widget'];
    if (requested !== undefined && typeof requested !== 'string') {
      this.problems.add(join(ptr, 'x-widget'), '"x-widget" must be a widget name.');
      return undefined;
    }
    const choice = isRoot
      ? { entry: DEFAULT_WIDGETS.find((e) => e.widget === 'fieldset')! }
      : chooseWidget(this.entries, subject, requested);
    if ('error' in choice) {
      this.problems.add(requested !== undefined ? join(ptr, 'x-widget') : ptr, choice.error);
      return undefined;
    }
    const entry = choice.entry;
    this.entriesUsed.add(entry);
    const kind = entry.kind ?? 'field';
    if (kind === 'group' && vt.type !== 'object') {
      this.problems.add(ptr, `Widget "${entry.widget}" renders objects only.`);
      return undefined;
    }
    if (kind === 'array' && vt.type !== 'array') {
      this.problems.add(ptr, `Widget "${entry.widget}" renders arrays only.`);
      return undefined;
    }

    const label = this.text(schema, 'title', ptr) ?? { vi: key === '' ? '' : humanize(key) };
    const hint = this.text(schema, 'description', ptr);
    const base = {
      key,
      path,
      label,
      required,
      ...(hint ? { hint } : {}),
      ...(!isRoot && 'x-visible-when' in schema
        ? { visibleWhen: this.condition(schema['x-visible-when'], join(ptr, 'x-visible-when')) }
        : {}),
      ...(schema['x-sensitive'] === true ? { sensitive: true } : {}),
    };
    if (isRoot && 'x-visible-when' in schema) this.problems.add(join(ptr, 'x-visible-when'), 'The root cannot be hidden.');
    if (schema['x-sensitive'] !== undefined && typeof schema['x-sensitive'] !== 'boolean')
      this.problems.add(join(ptr, 'x-sensitive'), '"x-sensitive" must be true or false.');
    const widgetOptions = this.widgetOptions(schema, ptr, entry, subject);

    let result: ModelNode | undefined;
    if (kind === 'group') {
      const group: GroupNode = { kind: 'group', ...base, tag: entry.tag, children: [], conditionals: [] };
      this.index.set(path, { node: group, pointer: ptr, inArray });
      this.objectChildren(schema, ptr, path, group, inArray);
      result = group;
    } else if (kind === 'array') {
      const itemLabel = isObject(schema.items) && typeof schema.items.title === 'string' ? undefined : label;
      const arr: ArrayNode = {
        kind: 'array',
        ...base,
        tag: entry.tag,
        item: {
          kind: 'field',
          key: '',
          path: `${path}/-`,
          label,
          required: true,
          valueType: 'string',
          widget: 'text',
          tag: '',
          constraints: {},
        },
        minItems: typeof schema.minItems === 'number' ? schema.minItems : 0,
        ...(typeof schema.maxItems === 'number' ? { maxItems: schema.maxItems } : {}),
      };
      const add = widgetOptions?.addLabel;
      if (add !== undefined) {
        const t = this.looseText(add, join(ptr, 'x-widget-options', 'addLabel'), '"addLabel"');
        if (t) arr.addLabel = t;
      }
      this.index.set(path, { node: arr, pointer: ptr, inArray });
      const item = this.node(schema.items, join(ptr, 'items'), `${path}/-`, '', true, true);
      if (!item) return undefined;
      if (itemLabel && item.label.vi === '') item.label = itemLabel;
      arr.item = item;
      result = arr;
    } else {
      const constraints: Constraints = {};
      for (const k of CONSTRAINT_KEYS) if (k in schema) (constraints as Record<string, unknown>)[k] = schema[k];
      const field: FieldNode = {
        kind: 'field',
        ...base,
        valueType: vt.type,
        widget: entry.widget,
        tag: entry.tag,
        ...(widgetOptions ? { widgetOptions } : {}),
        ...(typeof schema.format === 'string' ? { format: schema.format } : {}),
        ...(options ? { options } : itemOptions ? { options: itemOptions } : {}),
        constraints,
        ...(schema.readOnly === true ? { readOnly: true } : {}),
        ...('default' in schema ? { default: schema.default as JsonValue } : {}),
      };
      const pre = schema['x-prefill'];
      if (pre !== undefined) {
        if (typeof pre !== 'string' || !PREFILL_SOURCES.has(pre)) {
          this.problems.add(
            join(ptr, 'x-prefill'),
            `Unknown prefill source ${JSON.stringify(pre)}; use a key of the population-database vocabulary such as "citizen.fullName" (see docs/architecture.md).`,
          );
        } else field.prefill = pre;
      }
      this.index.set(path, { node: field, pointer: ptr, inArray });
      result = field;
    }
    if (kind !== 'field' && schema['x-prefill'] !== undefined)
      this.problems.add(join(ptr, 'x-prefill'), '"x-prefill" fills a single field; put it on the fields inside.');
    return result;
  }

  widgetOptions(schema: SchemaObject, ptr: string, entry: WidgetEntry, subject: WidgetSubject): Record<string, JsonValue> | undefined {
    const own = schema['x-widget-options'];
    if (own !== undefined && !isObject(own)) {
      this.problems.add(join(ptr, 'x-widget-options'), '"x-widget-options" must be an object.');
      return undefined;
    }
    const implied = entry.widgetOptions?.(subject);
    if (!implied && !own) return undefined;
    return { ...(implied ?? {}), ...((own as Record<string, JsonValue> | undefined) ?? {}) };
  }

  objectChildren(schema: SchemaObject, ptr: string, path: string, group: GroupNode, inArray: boolean): void {
    const props = isObject(schema.properties) ? schema.properties : {};
    const required = new Set<string>(strings(schema.required, join(ptr, 'required'), this.problems));
    // Conditional holders: the object itself and each allOf entry.
    const holders: Array<{ s: SchemaObject; p: string }> = [{ s: schema, p: ptr }];
    if (Array.isArray(schema.allOf)) {
      schema.allOf.forEach((s, i) => {
        const p = join(ptr, 'allOf', i);
        if (!isObject(s)) {
          this.problems.add(p, 'An "allOf" entry must be a schema object.');
          return;
        }
        const extra = Object.keys(s).filter((k) => !CONDITION_HOLDER_KEYS.has(k));
        if (extra.length > 0) {
          this.problems.add(
            join(p, extra[0]),
            `"${extra[0]}" is not supported inside "allOf" of a data object; "allOf" may only hold "if"/"then"/"else", "required" and "dependentRequired". Put properties in the object's own "properties".`,
          );
          return;
        }
        for (const r of strings(s.required, join(p, 'required'), this.problems)) required.add(r);
        holders.push({ s, p });
      });
    }
    const branchOnly = new Map<string, { schema: unknown; ptr: string }>();
    const conditionals: Conditional[] = [];
    for (const { s, p } of holders) {
      if ('if' in s) {
        const id = this.condition(s.if, join(p, 'if'));
        const branch = (kw: 'then' | 'else'): { show: string[]; require: string[] } => {
          const b = s[kw];
          const out = { show: [] as string[], require: [] as string[] };
          if (b === undefined || typeof b === 'boolean') return out;
          const bp = join(p, kw);
          if (!isObject(b)) {
            this.problems.add(bp, `"${kw}" must be a schema object.`);
            return out;
          }
          const extra = Object.keys(b).filter((k) => !BRANCH_KEYS.has(k));
          if (extra.length > 0)
            this.problems.add(
              join(bp, extra[0]),
              `"${extra[0]}" is not supported inside "${kw}"; a branch may hold "properties", "required" and "dependentRequired". For several conditions use "allOf" with one "if"/"then" each.`,
            );
          if (isObject(b.properties)) {
            for (const [k, sub] of Object.entries(b.properties)) {
              if (Object.hasOwn(props, k)) continue; // refines a declared property: validation only
              out.show.push(k);
              if (!branchOnly.has(k)) branchOnly.set(k, { schema: sub, ptr: join(bp, 'properties', k) });
            }
          }
          out.require = strings(b.required, join(bp, 'required'), this.problems);
          for (const r of out.require) {
            if (!Object.hasOwn(props, r) && !(isObject(b.properties) && Object.hasOwn(b.properties, r)) && !branchOnly.has(r)) {
              this.problems.add(join(bp, 'required'), `"${r}" is required here but declared nowhere; add it to "properties".`);
            }
          }
          if (isObject(b.dependentRequired))
            this.problems.add(join(bp, 'dependentRequired'), '"dependentRequired" inside a branch is not supported; put it on the object.');
          return out;
        };
        conditionals.push({ if: id, then: branch('then'), else: branch('else') });
      } else {
        for (const kw of ['then', 'else']) if (kw in s) this.problems.add(join(p, kw), `"${kw}" without "if" has no effect; add the "if".`);
      }
      if (s !== schema && isObject(s.dependentRequired))
        this.dependentRequired(s.dependentRequired, join(p, 'dependentRequired'), props, conditionals);
    }
    if (isObject(schema.dependentRequired))
      this.dependentRequired(schema.dependentRequired, join(ptr, 'dependentRequired'), props, conditionals);
    for (const r of required) {
      if (!Object.hasOwn(props, r) && !branchOnly.has(r))
        this.problems.add(join(ptr, 'required'), `"${r}" is required but declared nowhere; add it to "properties".`);
    }
    for (const [k, sub] of Object.entries(props)) {
      const child = this.node(sub, join(ptr, 'properties', k), join(path, k), k, required.has(k), inArray);
      if (child) group.children.push(child);
    }
    for (const [k, { schema: sub, ptr: p }] of branchOnly) {
      const child = this.node(sub, p, join(path, k), k, required.has(k), inArray);
      if (child) group.children.push(child);
    }
    group.conditionals = conditionals;
  }

  dependentRequired(dr: Record<string, unknown>, ptr: string, props: Record<string, unknown>, out: Conditional[]): void {
    for (const [k, list] of Object.entries(dr)) {
      const keys = strings(list, join(ptr, k), this.problems);
      for (const name of [k, ...keys])
        if (!Object.hasOwn(props, name)) this.problems.add(join(ptr, k), `"${name}" is not a property of this object.`);
      out.push({ whenPresent: k, then: { show: [], require: keys }, else: { show: [], require: [] } });
    }
  }
}

function strings(v: unknown, ptr: string, problems: ProblemList): string[] {
  if (v === undefined) return [];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) {
    problems.add(ptr, 'Must be an array of property names.');
    return [];
  }
  return v as string[];
}

/** `dateOfBirth` → `Date of birth` (a label when the schema has no title). */
function humanize(key: string): string {
  const words = key
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Every unit (field or array) under a node; groups are made of units. */
function units(node: ModelNode, out: ModelNode[] = []): ModelNode[] {
  if (node.kind === 'group') for (const c of node.children) units(c, out);
  else out.push(node);
  return out;
}

/** Builds the model of a resolved definition. Problems are recorded; the model is only meaningful when none were. */
export function buildModel(
  resolved: SchemaObject,
  file: string,
  problems: ProblemList,
  options: ModelOptions = {},
): BuiltModel | undefined {
  const b = new ModelBuilder(problems, options);
  if (resolved.type !== undefined && resolved.type !== 'object') {
    problems.add('/type', 'The root of a definition must be an object schema ("type": "object").');
    return undefined;
  }
  const root = b.node(resolved, '', '', '', true, false, true);
  if (!root || root.kind !== 'group') return undefined;

  // Metadata
  const meta = procedureMeta(resolved, file, problems, b);
  const steps = buildSteps(resolved, root, b, problems);
  const attachments = buildAttachments(resolved, b, problems);
  const fees = buildFees(resolved, b, problems);
  const rules = buildRules(resolved, b, problems);
  if (!meta) return undefined;
  if (meta.title.vi === '') root.label = { vi: meta.slug };
  else root.label = meta.title;
  const model: FormModel = {
    modelVersion: 1,
    procedure: meta,
    tag: `dvc-${meta.slug}`,
    root,
    steps,
    attachments,
    ...(fees ? { fees } : {}),
    rules,
  };
  return {
    model: JSON.parse(JSON.stringify(model)) as FormModel,
    conditions: b.conditions,
    entriesUsed: b.entriesUsed,
    pascal: pascalCase(meta.slug),
  };
}

function procedureMeta(root: SchemaObject, file: string, problems: ProblemList, b: ModelBuilder): ProcedureMeta | undefined {
  const xp = root['x-procedure'];
  const rootTitle = b.text(root, 'title', '');
  const rootDescription = b.text(root, 'description', '');
  if (xp === undefined) {
    const slug = basename(file)
      .replace(/\.json$/i, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '');
    if (!SLUG_PATTERN.test(slug)) {
      problems.add('', `The file name gives no valid slug ("${slug}"); add "x-procedure" with a kebab-case "slug".`);
      return undefined;
    }
    return {
      code: '',
      slug,
      version: '0.0.0',
      title: rootTitle ?? { vi: slug },
      ...(rootDescription ? { description: rootDescription } : {}),
      agencyLevel: 'commune',
      fullyOnline: false,
      legalBasis: [],
      processingTime: { workingDays: 0 },
      resultDelivery: [],
      requirements: [],
    };
  }
  if (!isObject(xp)) {
    problems.add('/x-procedure', '"x-procedure" must be an object.');
    return undefined;
  }
  const p = '/x-procedure';
  const slug = xp.slug;
  let ok = true;
  if (typeof slug !== 'string' || !SLUG_PATTERN.test(slug)) {
    problems.add(
      join(p, 'slug'),
      `The slug ${JSON.stringify(slug)} is not valid: use lowercase letters and digits in kebab-case, starting with a letter (e.g. "birth-registration"); it gives the tag "dvc-<slug>".`,
    );
    ok = false;
  }
  const str = (k: string, req: boolean): string | undefined => {
    const v = xp[k];
    if (v === undefined) {
      if (req) {
        problems.add(p, `"x-procedure" needs "${k}".`);
        ok = false;
      }
      return undefined;
    }
    if (typeof v !== 'string') {
      problems.add(join(p, k), `"${k}" must be a string.`);
      ok = false;
      return undefined;
    }
    return v;
  };
  const code = str('code', true) ?? '';
  const version = str('version', true) ?? '';
  let title: Text | undefined;
  if (xp.title !== undefined) {
    title = b.looseText(xp.title, join(p, 'title'), '"title"');
    const en = b.text(xp, 'title', p);
    if (title && en?.en && !title.en) title = { vi: title.vi, en: en.en };
  }
  title ??= rootTitle;
  if (!title) {
    problems.add(p, 'The procedure needs a title: "x-procedure".title or the root "title".');
    ok = false;
  }
  let description: Text | undefined = rootDescription;
  if (xp.description !== undefined) description = b.looseText(xp.description, join(p, 'description'), '"description"');
  const levels: AgencyLevel[] = ['commune', 'province', 'ministry'];
  const agencyLevel = (xp.agencyLevel ?? 'commune') as AgencyLevel;
  if (!levels.includes(agencyLevel)) {
    problems.add(join(p, 'agencyLevel'), `"agencyLevel" must be one of ${levels.join(', ')}.`);
    ok = false;
  }
  const list = (k: string): Text[] => {
    const v = xp[k];
    if (v === undefined) return [];
    if (!Array.isArray(v)) {
      problems.add(join(p, k), `"${k}" must be an array.`);
      return [];
    }
    return v.map((t, i) => b.looseText(t, join(p, k, i), 'Each entry')).filter((t): t is Text => t !== undefined);
  };
  const deliveries: ResultDelivery[] = ['online', 'post', 'counter'];
  const rd = xp.resultDelivery ?? [];
  if (!Array.isArray(rd) || rd.some((d) => !deliveries.includes(d as ResultDelivery))) {
    problems.add(join(p, 'resultDelivery'), `"resultDelivery" must be an array of ${deliveries.join(', ')}.`);
    ok = false;
  }
  const pt = xp.processingTime ?? { workingDays: 0 };
  let processingTime: ProcedureMeta['processingTime'] = { workingDays: 0 };
  if (!isObject(pt) || typeof pt.workingDays !== 'number' || pt.workingDays < 0) {
    problems.add(join(p, 'processingTime'), '"processingTime" must be { "workingDays": number, "note"?: text }.');
    ok = false;
  } else {
    processingTime = { workingDays: pt.workingDays };
    if (pt.note !== undefined) {
      const n = b.looseText(pt.note, join(p, 'processingTime', 'note'), '"note"');
      if (n) processingTime.note = n;
    }
  }
  if (xp.fullyOnline !== undefined && typeof xp.fullyOnline !== 'boolean') {
    problems.add(join(p, 'fullyOnline'), '"fullyOnline" must be true or false.');
    ok = false;
  }
  if (!ok || !title || typeof slug !== 'string') return undefined;
  return {
    code,
    slug,
    version,
    title,
    ...(description ? { description } : {}),
    agencyLevel,
    fullyOnline: xp.fullyOnline === true,
    legalBasis: list('legalBasis'),
    processingTime,
    resultDelivery: (Array.isArray(rd) ? rd : []) as ResultDelivery[],
    requirements: list('requirements'),
  };
}

function buildSteps(root: SchemaObject, tree: GroupNode, b: ModelBuilder, problems: ProblemList): StepModel[] {
  const xs = root['x-steps'];
  const allUnits = units(tree);
  if (xs === undefined) {
    const steps: StepModel[] = [];
    const loose = tree.children.filter((c) => c.kind !== 'group').map((c) => c.path);
    const ids = new Set(tree.children.filter((c) => c.kind === 'group').map((c) => c.key));
    if (loose.length > 0) {
      let id = 'general';
      while (ids.has(id)) id = `_${id}`;
      steps.push({ id, title: { vi: 'Thông tin chung', en: 'General information' }, fields: loose });
    }
    for (const c of tree.children)
      if (c.kind === 'group') steps.push({ id: c.key, title: c.label, ...(c.hint ? { description: c.hint } : {}), fields: [c.path] });
    return steps;
  }
  if (!Array.isArray(xs) || xs.length === 0) {
    problems.add('/x-steps', '"x-steps" must be a non-empty array of steps.');
    return [];
  }
  const steps: StepModel[] = [];
  const ids = new Map<string, number>();
  const placed = new Map<string, string>(); // unit path → step pointer
  xs.forEach((s, i) => {
    const p = join('', 'x-steps', i);
    if (!isObject(s)) {
      problems.add(p, 'A step must be an object { id, title, fields }.');
      return;
    }
    const id = s.id;
    if (typeof id !== 'string' || id === '') {
      problems.add(join(p, 'id'), 'A step needs a string "id".');
      return;
    }
    if (ids.has(id)) problems.add(join(p, 'id'), `Duplicate step id "${id}" (also used by step ${ids.get(id)}).`);
    else ids.set(id, i);
    const title = b.text(s, 'title', p);
    if (!title) problems.add(p, 'A step needs a "title".');
    const description = b.text(s, 'description', p);
    const fields: string[] = [];
    if (!Array.isArray(s.fields)) problems.add(join(p, 'fields'), '"fields" must be an array of JSON pointers to data nodes.');
    else
      s.fields.forEach((f, j) => {
        const fp = join(p, 'fields', j);
        if (typeof f !== 'string') {
          problems.add(fp, 'A step field must be a JSON pointer string.');
          return;
        }
        const hit = b.index.get(f);
        if (!hit || f.includes('/-/') || f.endsWith('/-')) {
          const inside = [...b.index.entries()].find(([path, n]) => n.node.kind === 'array' && f.startsWith(path + '/'));
          problems.add(
            fp,
            inside ? `"${f}" is inside the repeating group "${inside[0]}"; list the group itself.` : `"${f}" points to no data node.`,
          );
          return;
        }
        fields.push(f);
        for (const u of units(hit.node)) {
          if (placed.has(u.path)) problems.add(fp, `"${u.path}" is already on step "${placed.get(u.path)}"; a field belongs to one step.`);
          else placed.set(u.path, id);
        }
      });
    steps.push({
      id,
      title: title ?? { vi: id },
      ...(description ? { description } : {}),
      fields,
      ...('visibleWhen' in s ? { visibleWhen: b.condition(s.visibleWhen, join(p, 'visibleWhen')) } : {}),
    });
  });
  for (const u of allUnits) {
    if (!placed.has(u.path)) {
      const ptr = b.index.get(u.path)?.pointer ?? '';
      problems.add(ptr, `The field "${u.path}" is on no step; add it (or its group) to a step's "fields" in "x-steps".`);
    }
  }
  return steps;
}

function buildAttachments(root: SchemaObject, b: ModelBuilder, problems: ProblemList): AttachmentModel[] {
  const xa = root['x-attachments'];
  if (xa === undefined) return [];
  if (!Array.isArray(xa)) {
    problems.add('/x-attachments', '"x-attachments" must be an array.');
    return [];
  }
  const ids = new Set<string>();
  const out: AttachmentModel[] = [];
  xa.forEach((a, i) => {
    const p = join('', 'x-attachments', i);
    if (!isObject(a) || typeof a.id !== 'string') {
      problems.add(p, 'An attachment must be an object with a string "id".');
      return;
    }
    if (ids.has(a.id)) problems.add(join(p, 'id'), `Duplicate attachment id "${a.id}".`);
    ids.add(a.id);
    const title = b.text(a, 'title', p);
    if (!title) problems.add(p, 'An attachment needs a "title".');
    const description = b.text(a, 'description', p);
    const accept = a.accept ?? ['application/pdf', 'image/jpeg', 'image/png'];
    if (
      !Array.isArray(accept) ||
      accept.length === 0 ||
      accept.some((m) => typeof m !== 'string' || !/^[a-z]+\/([a-z0-9.+-]+|\*)$/i.test(m))
    ) {
      problems.add(join(p, 'accept'), '"accept" must be a non-empty array of MIME types such as "application/pdf".');
    }
    const num = (k: string, dflt: number): number => {
      const v = a[k] ?? dflt;
      if (typeof v !== 'number' || v <= 0) {
        problems.add(join(p, k), `"${k}" must be a positive number.`);
        return dflt;
      }
      return v;
    };
    out.push({
      id: a.id,
      title: title ?? { vi: a.id },
      ...(description ? { description } : {}),
      required: a.required === true,
      ...('requiredWhen' in a ? { requiredWhen: b.condition(a.requiredWhen, join(p, 'requiredWhen')) } : {}),
      accept: Array.isArray(accept) ? (accept as string[]) : [],
      maxSizeMB: num('maxSizeMB', 10),
      maxFiles: num('maxFiles', 1),
      ...(typeof a.documentType === 'string' ? { documentType: a.documentType } : {}),
    });
  });
  return out;
}

/**
 * The fees. The meta-schema checks their shape (an object with `currency` "VND" and `lines`, each line's
 * `cases`, amounts as whole numbers of đồng, `quantity` as `{ field, offset? }`) and says where each is
 * wrong; here a value of the wrong shape is only skipped. The checks below are those the meta-schema
 * cannot make (ids, pointers into the data) or makes less clearly (a line's `title`, `amount` or `cases`).
 */
function buildFees(root: SchemaObject, b: ModelBuilder, problems: ProblemList): FeeModel | undefined {
  const xf = root['x-fees'];
  if (!isObject(xf) || !Array.isArray(xf.lines)) return undefined;
  const ids = new Set<string>();
  const lines: FeeLine[] = [];
  const isAmount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
  xf.lines.forEach((l, i) => {
    const p = join('', 'x-fees', 'lines', i);
    if (!isObject(l) || typeof l.id !== 'string') {
      problems.add(p, 'A fee line must be an object with a string "id".');
      return;
    }
    if (ids.has(l.id)) problems.add(join(p, 'id'), `Duplicate fee line id "${l.id}".`);
    ids.add(l.id);
    const title = b.text(l, 'title', p);
    if (!title) problems.add(p, 'A fee line needs a "title".');
    const cases: FeeLine['cases'] = [];
    if (Array.isArray(l.cases)) {
      l.cases.forEach((c, j) => {
        const cp = join(p, 'cases', j);
        if (!isObject(c) || !isAmount(c.amount)) return;
        const note = c.note === undefined ? undefined : b.looseText(c.note, join(cp, 'note'), '"note"');
        cases.push({
          ...('when' in c ? { when: b.condition(c.when, join(cp, 'when')) } : {}),
          amount: c.amount,
          ...(note ? { note } : {}),
        });
      });
    }
    if (isAmount(l.amount)) cases.push({ amount: l.amount });
    if (l.amount === undefined && l.cases === undefined) problems.add(p, 'A fee line needs "amount" or "cases".');
    const line: FeeLine = { id: l.id, title: title ?? { vi: l.id }, cases };
    const q = l.quantity;
    if (isObject(q) && typeof q.field === 'string') {
      const qp = join(p, 'quantity');
      const hit = b.index.get(q.field);
      if (!hit) problems.add(join(qp, 'field'), `"${q.field}" points to no data node.`);
      else if (hit.inArray) problems.add(join(qp, 'field'), `"${q.field}" is inside a repeating group; a fee quantity needs one number.`);
      else if (hit.node.kind !== 'field' || (hit.node.valueType !== 'integer' && hit.node.valueType !== 'number'))
        problems.add(join(qp, 'field'), `"${q.field}" is not a number field; a fee quantity needs an integer.`);
      line.quantity = { field: q.field, offset: typeof q.offset === 'number' && Number.isInteger(q.offset) ? q.offset : 0 };
    }
    if (isAmount(l.counterAmount)) line.counterAmount = l.counterAmount;
    lines.push(line);
  });
  return { currency: 'VND', lines };
}

const RULE_POINTERS: Record<string, { required: string[]; optional: string[] }> = {
  minAge: { required: ['date'], optional: ['on'] },
  dateOrder: { required: ['earlier', 'later'], optional: [] },
  noGaps: { required: ['array'], optional: [] },
  idNumberMatches: { required: ['idNumber', 'birthDate'], optional: ['sex'] },
};

/** The kinds of `x-rules` rules (schemas/x-keywords.json and the meta-schema's `rule` list them, generated). */
export const RULE_KINDS: readonly string[] = Object.keys(RULE_POINTERS);

function buildRules(root: SchemaObject, b: ModelBuilder, problems: ProblemList): RuleModel[] {
  const xr = root['x-rules'];
  if (xr === undefined) return [];
  if (!Array.isArray(xr)) {
    problems.add('/x-rules', '"x-rules" must be an array.');
    return [];
  }
  const ids = new Set<string>();
  const out: RuleModel[] = [];
  xr.forEach((r, i) => {
    const p = join('', 'x-rules', i);
    if (!isObject(r) || typeof r.id !== 'string') {
      problems.add(p, 'A rule must be an object with a string "id".');
      return;
    }
    if (ids.has(r.id)) problems.add(join(p, 'id'), `Duplicate rule id "${r.id}".`);
    ids.add(r.id);
    const kind = r.kind;
    const spec = typeof kind === 'string' && Object.hasOwn(RULE_POINTERS, kind) ? RULE_POINTERS[kind] : undefined;
    if (!spec) {
      if (kind === undefined) problems.add(p, `A rule needs "kind"; kinds: ${Object.keys(RULE_POINTERS).join(', ')}.`);
      else problems.add(join(p, 'kind'), `Unknown rule kind ${JSON.stringify(kind)}; kinds: ${Object.keys(RULE_POINTERS).join(', ')}.`);
      return;
    }
    if (r.severity !== 'error' && r.severity !== 'warning') problems.add(join(p, 'severity'), '"severity" must be "error" or "warning".');
    const message = b.looseText(r.message, join(p, 'message'), '"message"');
    let ok = true;
    for (const k of [...spec.required, ...spec.optional]) {
      const v = r[k];
      if (v === undefined) {
        if (spec.required.includes(k)) {
          problems.add(p, `A "${kind}" rule needs "${k}".`);
          ok = false;
        }
        continue;
      }
      if (typeof v !== 'string' || !b.index.has(v)) {
        problems.add(join(p, k), `${JSON.stringify(v)} points to no data node.`);
        ok = false;
        continue;
      }
      const node = b.index.get(v)!.node;
      if (k === 'array' && node.kind !== 'array') {
        problems.add(join(p, k), `"${v}" is not a repeating group.`);
        ok = false;
      }
      if (k !== 'array' && node.kind !== 'field') {
        problems.add(join(p, k), `"${v}" is not a single field.`);
        ok = false;
      }
    }
    const base = {
      id: r.id,
      severity: (r.severity === 'warning' ? 'warning' : 'error') as 'error' | 'warning',
      message: message ?? { vi: r.id },
      ...('when' in r ? { when: b.condition(r.when, join(p, 'when')) } : {}),
    };
    if (!ok) return;
    switch (kind) {
      case 'minAge':
        if (typeof r.years !== 'number' || r.years < 0) {
          problems.add(join(p, 'years'), '"years" must be a number, 0 or more.');
          return;
        }
        out.push({ ...base, kind, date: r.date as string, years: r.years, ...(typeof r.on === 'string' ? { on: r.on } : {}) });
        break;
      case 'dateOrder':
        out.push({
          ...base,
          kind,
          earlier: r.earlier as string,
          later: r.later as string,
          ...(typeof r.allowEqual === 'boolean' ? { allowEqual: r.allowEqual } : {}),
        });
        break;
      case 'noGaps': {
        const arr = b.index.get(r.array as string)!.node as ArrayNode;
        const rowKeys = arr.item.kind === 'group' ? arr.item.children.map((c) => c.key) : [];
        for (const k of ['from', 'to']) {
          const v = r[k];
          if (typeof v !== 'string' || !rowKeys.includes(v)) {
            problems.add(join(p, k), `${JSON.stringify(v)} is not a field of the rows of "${String(r.array)}".`);
            ok = false;
          }
        }
        if (ok) out.push({ ...base, kind, array: r.array as string, from: r.from as string, to: r.to as string });
        break;
      }
      case 'idNumberMatches':
        out.push({
          ...base,
          kind,
          idNumber: r.idNumber as string,
          birthDate: r.birthDate as string,
          ...(typeof r.sex === 'string' ? { sex: r.sex } : {}),
        });
        break;
    }
  });
  return out;
}
