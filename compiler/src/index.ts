/**
 * The dvc-forms compiler: a procedure definition → model, types, standalone validator and element.
 *
 * ```ts
 * const { files, model } = await compileDefinition('schemas/procedures/birth-registration.json');
 * await compileDirectory('schemas/procedures', 'generated/procedures', { runtimeImport: '../../../src' });
 * ```
 */
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, join, relative, resolve } from 'node:path';
import type { FormModel } from 'dvc-forms/runtime/model.js';
import { DefinitionError, ProblemList, type DefinitionProblem } from './errors.js';
import { emitElement, emitModel } from './element.js';
import { loadDefinition, mergeMetaProblems } from './load.js';
import { buildModel, type BuiltModel } from './model.js';
import type { SchemaObject } from './walk.js';
import type { WidgetEntry } from './registry.js';
import { compileTypes } from './types.js';
import { bundleProcedure, sdkModuleUrl } from './bundle.js';
import { compileValidator } from './validator.js';

export { DefinitionError, formatProblem, type DefinitionProblem } from './errors.js';
export type { WidgetEntry, WidgetSubject, TesterContext } from './registry.js';
export { DEFAULT_WIDGETS } from './registry.js';

/** Compiler options. */
export interface CompileOptions {
  /** Module specifier the generated element imports the SDK from (default `dvc-forms`). */
  runtimeImport?: string;
  /** Site widget entries; they outrank the defaults on ties and are tried first. */
  components?: readonly WidgetEntry[];
  /** Meta-schema to validate definitions against (default: the package's `schemas/procedure.schema.json`). */
  metaSchema?: string;
  /**
   * The definition's JSON text, compiled instead of the content of `file` (which then only names the
   * definition in errors, the default slug and its sibling-file `$ref`s): compiles a definition held in
   * memory. Files its `$ref`s point into are still read from disk.
   */
  source?: string;
  /**
   * {@link compileDirectory} only: also write `<outDir>/<slug>.js`, one ready-to-serve ES module that
   * imports the SDK's `dist/sdk.js` from `sdkUrl` (relative to that file, or absolute), for a page with no
   * build step (`dvc-forms compile --bundle --sdk-url <url>`).
   */
  bundle?: { sdkUrl: string };
}

/** One compiled procedure. */
export interface CompiledProcedure {
  /** Generated files by name: types.d.ts, validator.js/.d.ts, model.js/.d.ts, element.js/.d.ts, define.js/.d.ts, definition.json. */
  files: Map<string, string>;
  model: FormModel;
  /** Every file the definition was read from (the definition and the files its `$ref`s point into). */
  dependencies: string[];
}

/** A definition understood by {@link analyzeDefinition}: resolved, checked and turned into a model. */
export interface AnalyzedDefinition {
  /** The definition with every `$ref` inlined. */
  resolved: SchemaObject;
  /** The model and what the later stages need. */
  built: BuiltModel;
  /** Every file the definition was read from. */
  dependencies: string[];
}

/**
 * The stages of {@link compileDefinition} that understand a definition (parsing, `$ref` inlining, keyword
 * and meta-schema checks, the model), without generating code. Throws {@link DefinitionError} when the
 * definition is wrong; any other exception is a compiler bug.
 */
export function analyzeDefinition(file: string, options: CompileOptions = {}): AnalyzedDefinition {
  const problems = new ProblemList(file);
  const loaded = loadDefinition(file, problems, { metaSchema: options.metaSchema, source: options.source });
  if (!loaded) throw new DefinitionError(problems.items);
  const modelProblemsFrom = problems.length;
  const built = buildModel(loaded.resolved, file, problems, { components: options.components });
  // The model speaks in places of the resolved tree: name where each is written (a $ref's target, perhaps in another file).
  problems.relocate(modelProblemsFrom, (p) => (p.file === file ? loaded.origin(p.pointer) : p));
  mergeMetaProblems(problems, loaded.metaProblems);
  problems.throwIfAny();
  if (!built) throw new Error(`no model was built for ${file}, yet no problem was recorded`);
  return { resolved: loaded.resolved, built, dependencies: loaded.files };
}

/**
 * Compiles one definition. Throws {@link DefinitionError} (with every problem found) when the definition
 * is wrong; any other exception is a compiler bug. Writes nothing: the generated files are returned.
 */
export async function compileDefinition(file: string, options: CompileOptions = {}): Promise<CompiledProcedure> {
  const runtimeImport = (options.runtimeImport ?? 'dvc-forms').replace(/\/+$/, '');
  const { resolved, built, dependencies } = analyzeDefinition(file, options);
  const loaded = { resolved, files: dependencies };
  const files = new Map<string, string>();
  let validator;
  try {
    validator = await compileValidator(loaded.resolved, built.conditions, runtimeImport);
  } catch (err) {
    // ajv rejects schemas its strict mode finds meaningless (e.g. "minContains" without "contains"): a definition error.
    const msg = err instanceof Error ? err.message : String(err);
    if (/^strict mode|schema is invalid|unknown (format|keyword)|\$ref|reference/i.test(msg)) {
      throw new DefinitionError([{ file, pointer: '', message: `The data schema cannot be compiled: ${msg.replace(/\.$/, '')}.` }]);
    }
    throw err;
  }
  files.set('validator.js', validator.code);
  files.set('validator.d.ts', validator.dts);
  files.set('types.d.ts', await compileTypes(loaded.resolved, built.pascal));
  emitModel(built.model, runtimeImport, files);
  emitElement(built.model, built.pascal, built.entriesUsed, runtimeImport, files);
  files.set('definition.json', JSON.stringify(loaded.resolved, null, 2) + '\n');
  return { files, model: built.model, dependencies: loaded.files };
}

/** The outcome of {@link compileDirectory}. */
export interface DirectoryResult {
  /** Procedures written, with their output folders. */
  compiled: Array<{ file: string; slug: string; outDir: string; files: Map<string, string>; bundle?: string }>;
  /** Every problem of every definition that failed (those wrote nothing). */
  problems: DefinitionProblem[];
}

/** The definition files of a folder (its `*.json` files, sorted), or the file itself. */
export async function definitionFiles(path: string): Promise<string[]> {
  const s = await stat(path);
  if (!s.isDirectory()) return [path];
  return (await readdir(path))
    .filter((n) => n.endsWith('.json'))
    .sort()
    .map((n) => join(path, n));
}

/**
 * Compiles every definition in `dir` (or the single file `dir`) into `<outDir>/<slug>/` (and, with
 * `options.bundle`, `<outDir>/<slug>.js`). A definition
 * with any problem writes nothing (its previous output, if any, stays as it was); problems of all files
 * are collected. Each procedure folder is written to a temporary folder and renamed into place.
 */
export async function compileDirectory(dir: string | string[], outDir: string, options: CompileOptions = {}): Promise<DirectoryResult> {
  const inputs = Array.isArray(dir) ? dir : [dir];
  if (options.bundle) sdkModuleUrl(options.bundle.sdkUrl); // a bad URL fails before anything is compiled
  const files = (await Promise.all(inputs.map(definitionFiles))).flat();
  const result: DirectoryResult = { compiled: [], problems: [] };
  const ready: Array<{ file: string; compiled: CompiledProcedure }> = [];
  const slugs = new Map<string, string>();
  for (const file of files) {
    try {
      const compiled = await compileDefinition(file, options);
      const slug = compiled.model.procedure.slug;
      const other = slugs.get(slug);
      if (other !== undefined) {
        result.problems.push({
          file,
          pointer: '/x-procedure/slug',
          message: `The slug "${slug}" is already used by ${basename(other)}; each procedure needs its own slug.`,
        });
        continue;
      }
      slugs.set(slug, file);
      ready.push({ file, compiled });
    } catch (err) {
      if (err instanceof DefinitionError) result.problems.push(...err.problems);
      else throw err;
    }
  }
  if (ready.length > 0) await mkdir(outDir, { recursive: true });
  for (const { file, compiled } of ready) {
    const slug = compiled.model.procedure.slug;
    const target = resolve(outDir, slug);
    const tmp = resolve(outDir, `.${slug}.tmp-${process.pid}`);
    await rm(tmp, { recursive: true, force: true });
    await mkdir(tmp, { recursive: true });
    for (const [name, content] of compiled.files) await writeFile(join(tmp, name), content);
    await rm(target, { recursive: true, force: true });
    await rename(tmp, target);
    let bundle: string | undefined;
    if (options.bundle) {
      const { code, map } = await bundleProcedure(target, {
        runtimeImport: options.runtimeImport ?? 'dvc-forms',
        sdkUrl: options.bundle.sdkUrl,
      });
      const js = `${target}.js`;
      await writeFile(`${js}.map.tmp-${process.pid}`, map);
      await writeFile(`${js}.tmp-${process.pid}`, code);
      await rename(`${js}.map.tmp-${process.pid}`, `${js}.map`);
      await rename(`${js}.tmp-${process.pid}`, js);
      bundle = relative(process.cwd(), js) || js;
    }
    result.compiled.push({
      file,
      slug,
      outDir: relative(process.cwd(), target) || '.',
      files: compiled.files,
      ...(bundle ? { bundle } : {}),
    });
  }
  return result;
}
