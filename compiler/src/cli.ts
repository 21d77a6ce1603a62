/**
 * `dvc-forms compile <dir|file>... --out <dir> [--runtime-import <spec>] [--bundle [--sdk-url <url>]] [--vectors <fixtures-dir>] [--report-size]`
 *
 * Errors in definitions are printed as `file:pointer: sentence` (exit code 1); a compiler bug prints
 * "internal error" (exit code 2). Never a stack trace unless DVC_FORMS_DEBUG=1.
 */
import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import { compileDirectory } from './index.js';
import { formatProblem } from './errors.js';
import { formatSizeReport, sizeReport } from './size-report.js';
import { sdkModuleUrl } from './bundle.js';
import { writeVectors } from './vectors.js';

/** Where `--bundle` looks for the SDK unless `--sdk-url` says: dist/ copied as `dvc-forms/` beside the bundle. */
export const DEFAULT_SDK_URL = './dvc-forms/';

const HELP = `Usage: dvc-forms compile <dir|file>... --out <dir> [options]

Compiles procedure definitions (JSON Schema 2020-12 + x- keywords) into
<out>/<slug>/: types.d.ts, validator.js, model.js, element.js, define.js, definition.json
(and <out>/<slug>.js with --bundle).
A definition with any error writes nothing; every error is printed as
  file:pointer: sentence

Options:
  --out <dir>             output folder (required)
  --runtime-import <spec> module specifier the generated element imports the SDK from
                          (default "dvc-forms"; the repository uses "../../../src")
  --bundle                also write <out>/<slug>.js: one ready-to-serve ES module for a page
                          with no build step; it imports the SDK's dist/sdk.js from --sdk-url
  --sdk-url <url>         where the page serves the SDK's dist/ folder, relative to <out>/<slug>.js
                          or absolute (default "./dvc-forms/": copy dist/ to <out>/dvc-forms/)
  --vectors <dir>         also write <out>/<slug>/vectors.json, test vectors for back ends in
                          any language (docs/semantics.md), from the fixture <dir>/<slug>.json
                          (a valid dossier; the conformance kit's fixture format)
  --report-size           print the raw and gzip size of each validator.js and model.js
  -h, --help              show this help

Exit codes: 0 compiled, 1 a definition has errors, 2 usage error or internal error.`;

/** Runs the CLI with `argv` (without node and script); returns the exit code. */
export async function main(
  argv: string[],
  out: (s: string) => void = (s) => process.stdout.write(s + '\n'),
  err: (s: string) => void = (s) => process.stderr.write(s + '\n'),
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        out: { type: 'string', short: 'o' },
        'runtime-import': { type: 'string' },
        'report-size': { type: 'boolean' },
        bundle: { type: 'boolean' },
        'sdk-url': { type: 'string' },
        vectors: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    err(`dvc-forms: ${(e as Error).message}\n\n${HELP}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help || positionals.length === 0) {
    (values.help ? out : err)(HELP);
    return values.help ? 0 : 2;
  }
  const [command, ...inputs] = positionals;
  if (command !== 'compile') {
    err(`dvc-forms: unknown command "${command}".\n\n${HELP}`);
    return 2;
  }
  if (inputs.length === 0 || !values.out) {
    err(`dvc-forms: "compile" needs at least one definition folder or file, and --out <dir>.\n\n${HELP}`);
    return 2;
  }
  if (values['sdk-url'] !== undefined && !values.bundle) {
    err(`dvc-forms: --sdk-url only applies with --bundle.\n\n${HELP}`);
    return 2;
  }
  let bundle: { sdkUrl: string } | undefined;
  if (values.bundle) {
    bundle = { sdkUrl: values['sdk-url'] ?? DEFAULT_SDK_URL };
    try {
      sdkModuleUrl(bundle.sdkUrl);
    } catch (e) {
      err(`dvc-forms: ${(e as Error).message}`);
      return 2;
    }
  }
  try {
    const result = await compileDirectory(inputs, values.out, { runtimeImport: values['runtime-import'], ...(bundle ? { bundle } : {}) });
    for (const p of result.problems) err(formatProblem(p));
    for (const c of result.compiled)
      out(`compiled ${relative(process.cwd(), c.file) || c.file} → ${c.outDir}${c.bundle ? ` and ${c.bundle}` : ''}`);
    if (values.vectors && result.problems.length === 0) {
      for (const f of await writeVectors(result.compiled, values.vectors)) out(`wrote ${relative(process.cwd(), f) || f}`);
    }
    if (values['report-size'] && result.compiled.length > 0) out(formatSizeReport(sizeReport(result.compiled)));
    if (result.problems.length > 0) {
      const files = new Set(result.problems.map((p) => p.file)).size;
      err(
        `dvc-forms: ${result.problems.length} error(s) in ${files} definition(s); nothing was written for ${files === 1 ? 'it' : 'them'}.`,
      );
      return 1;
    }
    return 0;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EACCES') {
      err(`dvc-forms: ${(e as Error).message}`);
      return 2;
    }
    err(`dvc-forms: internal error: ${(e as Error).message ?? String(e)}`);
    err(
      'This is a bug in dvc-forms, not in your definition. Please report it with the definition that triggers it; run with DVC_FORMS_DEBUG=1 to print the stack.',
    );
    if (process.env.DVC_FORMS_DEBUG) err(String((e as Error).stack));
    return 2;
  }
}

const isEntry = process.argv[1] !== undefined && /[\\/]cli\.(ts|js)$/.test(process.argv[1]);
if (isEntry) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
