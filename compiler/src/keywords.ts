/**
 * The `x-` keywords of the definition format: one table, and everything the compiler derives from it.
 *
 * Each entry says where the keyword may appear, which places of its value hold condition schemas (JSON
 * Schemas evaluated against the whole dossier, which the loader inlines `$ref`s in and the walker visits),
 * and which `$defs` entry of the meta-schema (schemas/procedure.schema.json) describes its value.
 * `npm run gen:keywords` writes schemas/x-keywords.json and the keyword lists of the meta-schema from it
 * (compiler/src/keywords-files.ts); tests/node/compiler/keywords.test.ts fails when they differ.
 * Adding a keyword: docs/architecture.md, "Adding an x- keyword".
 */
import { joinPointer as join } from 'dvc-forms/runtime/pointer.js';
import { isObject } from './json.js';

/**
 * Where an `x-` keyword may appear:
 * - `root`: only on the root schema of a definition;
 * - `node`: on any schema node, root included;
 * - `data`: meant for the nodes that describe data (fields, groups, repeating groups); like `node`, the
 *   loader and the meta-schema accept it on any schema node (a node inside a `then` branch describes data
 *   too), and the model builder says where it has no effect.
 */
export type KeywordPlace = 'root' | 'node' | 'data';

/** One `x-` keyword. */
export interface XKeyword {
  readonly name: `x-${string}`;
  readonly place: KeywordPlace;
  /**
   * Where condition schemas sit inside the keyword's value, as paths of property names; `*` stands for
   * every item of an array. `[]`: the value itself is a condition schema.
   */
  readonly conditions: readonly (readonly string[])[];
  /** The meta-schema `$defs` entry that describes the keyword's value. */
  readonly def: string;
  /** What the keyword is for, in one line. */
  readonly description: string;
}

/** Every `x-` keyword, in the order the meta-schema and schemas/x-keywords.json list them. */
export const X_KEYWORDS = [
  {
    name: 'x-procedure',
    place: 'root',
    conditions: [],
    def: 'procedure',
    description:
      'Procedure metadata: national code, slug (gives the tag dvc-<slug>), version, agency level, legal basis, processing time, result delivery, requirements.',
  },
  {
    name: 'x-i18n',
    place: 'node',
    conditions: [],
    def: 'i18n',
    description: "English translations of the node's own Vietnamese title and description.",
  },
  {
    name: 'x-steps',
    place: 'root',
    conditions: [['*', 'visibleWhen']],
    def: 'steps',
    description: 'The steps of the form: which data nodes each shows, in order, and when a step is shown (visibleWhen).',
  },
  {
    name: 'x-widget',
    place: 'data',
    conditions: [],
    def: 'widgetName',
    description: 'The widget that renders the node (a registry name), instead of the one the registry picks.',
  },
  {
    name: 'x-widget-options',
    place: 'data',
    conditions: [],
    def: 'widgetOptions',
    description: 'Parameters of the widget, e.g. { "rows": 4 } for a textarea.',
  },
  {
    name: 'x-prefill',
    place: 'data',
    conditions: [],
    def: 'prefillKey',
    description: 'The population-database key the field is prefilled from.',
  },
  {
    name: 'x-sensitive',
    place: 'data',
    conditions: [],
    def: 'sensitive',
    description: 'true: the value is never written to drafts (local or server).',
  },
  {
    name: 'x-visible-when',
    place: 'data',
    conditions: [[]],
    def: 'condition',
    description: 'A JSON Schema evaluated against the whole dossier; the node is shown (and validated) only while it matches.',
  },
  {
    name: 'x-attachments',
    place: 'root',
    conditions: [['*', 'requiredWhen']],
    def: 'attachments',
    description: 'The documents to upload: accepted types, sizes, and when one is required (requiredWhen).',
  },
  {
    name: 'x-fees',
    place: 'root',
    conditions: [['lines', '*', 'cases', '*', 'when']],
    def: 'fees',
    description: 'The fee lines in VND: a fixed amount or cases chosen by a condition (when), an optional quantity.',
  },
  {
    name: 'x-rules',
    place: 'root',
    conditions: [['*', 'when']],
    def: 'rules',
    description: 'Cross-field rules (minAge, dateOrder, noGaps, idNumberMatches), each optionally applying only when a condition holds.',
  },
] as const satisfies readonly XKeyword[];

/** The name of a built-in `x-` keyword. */
export type XKeywordName = (typeof X_KEYWORDS)[number]['name'];

/** The table, each entry seen through {@link XKeyword}. */
const ENTRIES: readonly XKeyword[] = X_KEYWORDS;

/** The `x-` keyword names, in table order. */
export const BUILTIN_X_KEYWORDS: readonly XKeywordName[] = X_KEYWORDS.map((k) => k.name);

/** `x-` keywords that may only appear at the root of a definition. */
export const ROOT_ONLY_X_KEYWORDS: ReadonlySet<string> = new Set(ENTRIES.filter((k) => k.place === 'root').map((k) => k.name));

/** `x-` keywords allowed on any schema node (`node` and `data`), in table order. */
export const NODE_X_KEYWORDS: readonly string[] = ENTRIES.filter((k) => k.place !== 'root').map((k) => k.name);

/** Node `x-` keywords whose value is itself a schema (a condition): walked like `not` or `if`. */
export const SUBSCHEMA_X_KEYWORDS: readonly string[] = ENTRIES.filter(
  (k) => k.place !== 'root' && k.conditions.some((p) => p.length === 0),
).map((k) => k.name);

/** A condition schema inside the value of a root `x-` keyword: `holder[key]`, at `pointer` from the root. */
export interface ConditionSite {
  pointer: string;
  holder: Record<string, unknown>;
  key: string;
}

/** Every place of `value` (at `pointer`) that `path` leads to, as the object holding it and its key. */
function sitesAlong(value: unknown, path: readonly string[], pointer: string, out: ConditionSite[]): void {
  const [head, ...rest] = path;
  if (head === '*') {
    if (Array.isArray(value)) value.forEach((item, i) => sitesAlong(item, rest, join(pointer, i), out));
    return;
  }
  if (!isObject(value) || !Object.hasOwn(value, head)) return;
  if (rest.length === 0) out.push({ pointer: join(pointer, head), holder: value, key: head });
  else sitesAlong(value[head], rest, join(pointer, head), out);
}

/**
 * The condition schemas the root-level `x-` keywords of `root` hold (x-steps `visibleWhen`, x-attachments
 * `requiredWhen`, fee case and rule `when`), in table order, each with its pointer from the root.
 */
export function rootConditionSites(root: Record<string, unknown>): ConditionSite[] {
  const out: ConditionSite[] = [];
  for (const k of ENTRIES) {
    if (k.place !== 'root' || !Object.hasOwn(root, k.name)) continue;
    for (const path of k.conditions) {
      if (path.length === 0) out.push({ pointer: join('', k.name), holder: root, key: k.name });
      else sitesAlong(root[k.name], path, join('', k.name), out);
    }
  }
  return out;
}
