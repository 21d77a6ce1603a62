/**
 * The files generated from the `x-` keyword table (compiler/src/keywords.ts): schemas/x-keywords.json
 * (for tools) and the keyword lists of the meta-schema schemas/procedure.schema.json (the rest of the
 * meta-schema is written by hand). `npm run gen:keywords` (scripts/gen-keywords.mjs) writes them;
 * tests/node/compiler/keywords.test.ts fails when the checked-in files differ.
 */
import { X_KEYWORDS, type XKeyword } from './keywords.js';
import { isObject } from './json.js';
import { RULE_KINDS } from './model.js';
import { PREFILL_SOURCES } from './vocabulary.js';

type JsonObject = Record<string, unknown>;

const ENTRIES: readonly XKeyword[] = X_KEYWORDS;
const names = (place: (k: XKeyword) => boolean): string[] => ENTRIES.filter(place).map((k) => k.name);
const ROOT = names((k) => k.place === 'root');
const NODE = names((k) => k.place !== 'root');

/** JSON as the repository writes it: two-space indentation, a final newline. */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}

/** The content of schemas/x-keywords.json. */
export function xKeywordsDocument(): JsonObject {
  return {
    $comment:
      'The x- keywords of the dvc-forms definition format (docs/definition-format.md). `root`: allowed only on the root schema of a definition; `node`: allowed on any schema node, root included; `data`: those of `node` meant for data nodes (fields, groups, repeating groups). `keywords` lists every name; register each with ajv.addKeyword({ keyword }) so strict mode accepts them as annotations. Generated from compiler/src/keywords.ts by `npm run gen:keywords`; do not edit.',
    root: ROOT,
    node: NODE,
    data: names((k) => k.place === 'data'),
    keywords: ENTRIES.map((k) => k.name),
    descriptions: Object.fromEntries(ENTRIES.map((k) => [k.name, k.description])),
    prefillKeys: [...PREFILL_SOURCES],
    ruleKinds: [...RULE_KINDS],
  };
}

/** The pattern of `x-` property names that are no keyword (each is refused as unknown). */
export function unknownKeywordPattern(): string {
  const alternatives = [...NODE, ...ROOT].map((n) => n.slice(2).replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return `^x-(?!(?:${alternatives.join('|')})$)`;
}

/**
 * `obj` (an object of the meta-schema at `where`, or undefined) with its entries whose key starts with
 * `prefix` replaced by `entries`, placed where the first of them was (or at the end); the other entries
 * keep their order.
 */
function withEntries(obj: unknown, prefix: string, entries: Array<[string, unknown]>, where: string): JsonObject {
  if (obj !== undefined && !isObject(obj)) throw new Error(`${where} is not an object in the meta-schema`);
  const out: Array<[string, unknown]> = [];
  let placed = false;
  for (const [k, v] of Object.entries(obj ?? {})) {
    if (!k.startsWith(prefix)) out.push([k, v]);
    else if (!placed) {
      out.push(...entries);
      placed = true;
    }
  }
  if (!placed) out.push(...entries);
  return Object.fromEntries(out);
}

/** The `x-` keywords of `place`, each as a property of the meta-schema whose value is `value(keyword)`. */
function keywordEntries(place: (k: XKeyword) => boolean, value: (k: XKeyword) => unknown): Array<[string, unknown]> {
  return ENTRIES.filter(place).map((k) => [k.name, value(k)]);
}

function defOf(meta: JsonObject, name: string): JsonObject {
  const defs = meta.$defs;
  const def = isObject(defs) ? defs[name] : undefined;
  if (!isObject(def)) throw new Error(`the meta-schema has no $defs.${name}`);
  return def;
}

/**
 * The meta-schema `meta` (schemas/procedure.schema.json as written) with its keyword lists generated:
 * the root's `x-` properties and unknown-keyword pattern, `nodeObject` (root-only keywords refused below
 * the root), `nodeRules` (the node keywords), the prefill keys and the rule kinds. Returns a new object.
 */
export function withGeneratedKeywordLists(meta: JsonObject): JsonObject {
  const out = structuredClone(meta);
  const isRoot = (k: XKeyword): boolean => k.place === 'root';
  const isNode = (k: XKeyword): boolean => k.place !== 'root';
  const valueDef = (k: XKeyword): unknown => ({ $ref: `#/$defs/${k.def}` });
  const unknown: Array<[string, unknown]> = [[unknownKeywordPattern(), { $ref: '#/$defs/unknownKeyword' }]];
  out.properties = withEntries(out.properties, 'x-', keywordEntries(isRoot, valueDef), 'properties');
  out.patternProperties = withEntries(out.patternProperties, '^x-', unknown, 'patternProperties');
  const nodeObject = defOf(out, 'nodeObject');
  nodeObject.description = `Any schema node below the root: the node x- keywords are allowed; the root-only ones (${ROOT.join(', ')}) are not; unknown x- keywords are rejected.`;
  nodeObject.properties = withEntries(
    nodeObject.properties,
    'x-',
    keywordEntries(isRoot, () => ({ $ref: '#/$defs/rootOnlyKeyword' })),
    '$defs.nodeObject.properties',
  );
  nodeObject.patternProperties = withEntries(nodeObject.patternProperties, '^x-', unknown, '$defs.nodeObject.patternProperties');
  const nodeRules = defOf(out, 'nodeRules');
  nodeRules.properties = withEntries(nodeRules.properties, 'x-', keywordEntries(isNode, valueDef), '$defs.nodeRules.properties');
  defOf(out, 'prefillKey').enum = [...PREFILL_SOURCES];
  const rule = defOf(out, 'rule');
  if (!isObject(rule.properties) || !isObject(rule.properties.kind)) throw new Error('the meta-schema has no $defs.rule.properties.kind');
  rule.properties.kind.enum = [...RULE_KINDS];
  return out;
}

/** The `$defs` names the table refers to that the meta-schema `meta` lacks. */
export function missingDefs(meta: JsonObject): string[] {
  const defs = isObject(meta.$defs) ? meta.$defs : {};
  return ENTRIES.filter((k) => !isObject(defs[k.def])).map((k) => `${k.name}: $defs.${k.def}`);
}
