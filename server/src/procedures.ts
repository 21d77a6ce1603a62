/**
 * Loads the compiled procedures at start-up: every `<dir>/<slug>/` holding `model.js` and
 * `validator.js` (compiler output). The server judges dossiers with exactly these files, the same
 * ones the browser element has bound in.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CompiledValidator, FormModel } from 'dvc-forms/runtime/model.js';

/** One loaded procedure. */
export interface LoadedProcedure {
  slug: string;
  model: FormModel;
  validator: CompiledValidator;
}

/** Procedures by slug. */
export type ProcedureRegistry = ReadonlyMap<string, LoadedProcedure>;

function isModel(v: unknown): v is FormModel {
  const m = v as Partial<FormModel> | null;
  return (
    typeof m === 'object' &&
    m !== null &&
    m.modelVersion === 1 &&
    typeof m.procedure?.slug === 'string' &&
    typeof m.procedure?.version === 'string' &&
    typeof m.root === 'object' &&
    Array.isArray(m.attachments)
  );
}

/**
 * Imports every compiled procedure under `dir`. A missing directory gives an empty registry (the server
 * still starts and says so in the log); a folder with a broken model is an error naming the folder.
 */
export async function loadProcedures(dir: string): Promise<Map<string, LoadedProcedure>> {
  const out = new Map<string, LoadedProcedure>();
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch {
    return out;
  }
  for (const name of entries.sort()) {
    const folder = path.join(dir, name);
    const modelFile = path.join(folder, 'model.js');
    const validatorFile = path.join(folder, 'validator.js');
    const ok = await Promise.all(
      [modelFile, validatorFile].map((f) =>
        stat(f).then(
          (s) => s.isFile(),
          () => false,
        ),
      ),
    );
    if (!ok.every(Boolean)) continue;
    const modelMod = (await import(pathToFileURL(modelFile).href)) as { default?: unknown };
    const validatorMod = (await import(pathToFileURL(validatorFile).href)) as Partial<CompiledValidator>;
    if (!isModel(modelMod.default)) {
      throw new Error(`${modelFile}: the default export is not a FormModel (modelVersion 1)`);
    }
    if (typeof validatorMod.validate !== 'function' || typeof validatorMod.conditions !== 'object') {
      throw new Error(`${validatorFile}: expected exports "validate" (function) and "conditions" (object)`);
    }
    const model = modelMod.default;
    out.set(model.procedure.slug, {
      slug: model.procedure.slug,
      model,
      validator: { validate: validatorMod.validate, conditions: validatorMod.conditions ?? {} },
    });
  }
  return out;
}
