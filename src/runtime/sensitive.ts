/**
 * `x-sensitive` (docs/definition-format.md): values that are never kept in a draft. The one rule of what
 * is left of a dossier without them, used by the browser's draft store (`draft-store.ts`) and its server
 * sync (`synced-draft-storage.ts`), and by the reference server for the drafts it keeps
 * (server/src/routes/citizen.ts) and for the fee it shows the public (server/src/routes/dossiers.ts).
 * DOM-free.
 */
import type { FormModel, ModelNode } from './model.js';

/**
 * A copy of `data` without the values of the model's `x-sensitive` nodes:
 * - a sensitive member of an object is removed (with everything under it);
 * - an array whose rows are sensitive (the array's `item` is) keeps no row: `[]`;
 * - a sensitive root leaves `{}`;
 * - members the model does not know, and values not of the node's shape (a string where a group is
 *   expected), are left as they are: judging them is the validator's business, not this one's.
 * `data` is not changed; objects and arrays on the way to a removed value are copied.
 */
export function withoutSensitive(model: Pick<FormModel, 'root'>, data: unknown): unknown {
  const walk = (node: ModelNode, value: unknown): { keep: boolean; value?: unknown } => {
    if (node.sensitive) return { keep: false };
    if (node.kind === 'group' && value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
      for (const child of node.children) {
        if (!Object.prototype.hasOwnProperty.call(out, child.key)) continue;
        const r = walk(child, out[child.key]);
        if (r.keep) out[child.key] = r.value;
        else delete out[child.key];
      }
      return { keep: true, value: out };
    }
    if (node.kind === 'array' && Array.isArray(value)) {
      if (node.item.sensitive) return { keep: true, value: [] };
      return { keep: true, value: value.map((row) => walk(node.item, row).value) };
    }
    return { keep: true, value };
  };
  const r = walk(model.root, data);
  return r.keep ? r.value : {};
}
