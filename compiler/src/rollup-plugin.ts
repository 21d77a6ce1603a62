/**
 * Rollup (and Vite) plugin: importing a procedure definition yields its compiled element module.
 *
 * ```js
 * // rollup.config.js
 * import { dvcForms } from '@dvc-forms/compiler/rollup-plugin.js';
 * export default { input: 'main.js', plugins: [dvcForms({ include: /procedures\/.*\.json$/ })] };
 * // main.js
 * import { DvcBirthRegistration, model } from './procedures/birth-registration.json?dvc-procedure';
 * import './procedures/birth-registration.json?dvc-procedure=define'; // registers <dvc-birth-registration>
 * ```
 */
import { dirname, isAbsolute, resolve } from 'node:path';
import type { Plugin } from 'rollup';
import { compileDefinition, DefinitionError, formatProblem, type CompileOptions, type CompiledProcedure } from './index.js';

/** Options of {@link dvcForms}. */
export interface DvcFormsPluginOptions extends CompileOptions {
  /** Definition files compiled when imported without the `?dvc-procedure` query (paths matched against the absolute id). */
  include?: RegExp | string | Array<RegExp | string>;
}

const QUERY = 'dvc-procedure';
const PREFIX = '\0dvc-procedure:';
/** The generated modules a procedure is made of, reachable as `<definition>?dvc-procedure=<part>`. */
const PARTS = ['element', 'model', 'validator', 'define'] as const;
type Part = (typeof PARTS)[number];

function matches(id: string, include: DvcFormsPluginOptions['include']): boolean {
  if (include === undefined) return false;
  const list = Array.isArray(include) ? include : [include];
  return list.some((p) => (typeof p === 'string' ? id === resolve(p) || id.endsWith(p) : p.test(id)));
}

/** Splits `<path>?dvc-procedure[=part]` (other query parameters are ignored). */
function parseRequest(source: string): { path: string; part: Part } | undefined {
  const q = source.indexOf('?');
  if (q < 0) return undefined;
  const params = new URLSearchParams(source.slice(q + 1));
  if (!params.has(QUERY)) return undefined;
  const part = (params.get(QUERY) || 'element') as Part;
  return PARTS.includes(part) ? { path: source.slice(0, q), part } : undefined;
}

/** The rollup / vite plugin. */
export function dvcForms(options: DvcFormsPluginOptions = {}): Plugin & { enforce: 'pre' } {
  const cache = new Map<string, Promise<CompiledProcedure>>();
  const compile = (file: string): Promise<CompiledProcedure> => {
    let p = cache.get(file);
    if (!p) {
      p = compileDefinition(file, options);
      cache.set(file, p);
      p.catch(() => cache.delete(file));
    }
    return p;
  };
  const virtualId = (file: string, part: Part): string => `${PREFIX}${file}:${part}`;
  const parseVirtual = (id: string): { file: string; part: Part } | undefined => {
    if (!id.startsWith(PREFIX)) return undefined;
    const rest = id.slice(PREFIX.length);
    const i = rest.lastIndexOf(':');
    return { file: rest.slice(0, i), part: rest.slice(i + 1) as Part };
  };

  return {
    name: 'dvc-forms',
    enforce: 'pre',
    async resolveId(source, importer) {
      const req = parseRequest(source);
      if (req) {
        const base = importer && !importer.startsWith('\0') ? dirname(importer) : process.cwd();
        const file = isAbsolute(req.path) ? req.path : resolve(base, req.path);
        return virtualId(file, req.part);
      }
      const from = importer ? parseVirtual(importer) : undefined;
      if (from) {
        // Imports inside generated modules: siblings are other parts; the rest resolve from the definition's folder.
        const sibling = /^\.\/(element|model|validator|define)\.js$/.exec(source);
        if (sibling) return virtualId(from.file, sibling[1] as Part);
        const resolved = await this.resolve(source, from.file, { skipSelf: true });
        return resolved ?? null;
      }
      if (importer && !source.startsWith('\0')) {
        const abs = isAbsolute(source) ? source : resolve(importer.startsWith('\0') ? process.cwd() : dirname(importer), source);
        if (matches(abs, options.include)) return virtualId(abs, 'element');
      }
      return null;
    },
    async load(id) {
      const v = parseVirtual(id);
      if (!v) return null;
      let compiled: CompiledProcedure;
      try {
        compiled = await compile(v.file);
      } catch (err) {
        if (err instanceof DefinitionError) {
          const first = err.problems[0];
          this.error({
            message: `dvc-forms: the procedure definition has errors:\n${err.problems.map(formatProblem).join('\n')}`,
            id: first?.file ?? v.file,
          });
        }
        throw err;
      }
      for (const dep of compiled.dependencies) this.addWatchFile(dep);
      const code = compiled.files.get(`${v.part}.js`);
      if (code === undefined) this.error(`dvc-forms: no generated module "${v.part}"`);
      if (v.part === 'element') return `${code}\nexport { default as model } from './model.js';\n`;
      return code;
    },
    watchChange(id) {
      for (const [file, p] of cache) {
        p.then(
          (c) => {
            if (c.dependencies.includes(id)) cache.delete(file);
          },
          () => cache.delete(file),
        );
        if (file === id) cache.delete(file);
      }
    },
  };
}

export default dvcForms;
