/** See own-side-effects.mjs. */
export function ownSideEffects(root: string): {
  name: string;
  transform(code: string, id: string): { code: string; map: null; moduleSideEffects: true } | null;
};
