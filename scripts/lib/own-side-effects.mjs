// A Rollup/Vite plugin shared by rollup.config.mjs and .storybook/main.ts.
import { sep } from 'node:path';

/**
 * The repository's own modules (src/, generated/, tests/, stories/: anything under `root` outside
 * node_modules) keep their side effects in the builds made here. The package's `sideEffects` list names
 * the built files a site's bundler may prune (dist/); bundlers apply it to every file of the package,
 * these sources included, and would drop side-effect-only imports such as src/all.ts's
 * `import '../generated/procedures/<slug>/define.js'` or a story's import of a compiled define.js.
 * @param {string} root the repository root
 */
export function ownSideEffects(root) {
  const prefix = root.endsWith(sep) ? root : root + sep;
  const nodeModules = `${sep}node_modules${sep}`;
  return {
    name: 'dvc-forms-own-side-effects',
    transform(code, id) {
      const file = id.split('?')[0];
      if (!file.startsWith(prefix) || file.includes(nodeModules)) return null;
      return { code, map: null, moduleSideEffects: true };
    },
  };
}
