#!/usr/bin/env node
// dvc-forms command line (`dvc-forms compile <dir> --out <dir>`): runs the built compiler (dist/cli.js) with
// plain Node. In a checkout of the repository, `npm run build` builds it first.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const built = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
if (!existsSync(built)) {
  process.stderr.write(
    `dvc-forms: the compiler is not built (${built} is missing). In the repository run \`npm run build\`; otherwise reinstall @dvc-forms/compiler.\n`,
  );
  process.exit(2);
}
let cli;
try {
  cli = await import(pathToFileURL(built).href);
} catch (e) {
  process.stderr.write(
    `dvc-forms: internal error: the compiler could not be loaded (${e?.message ?? e}). Reinstall @dvc-forms/compiler; set DVC_FORMS_DEBUG=1 for details.\n`,
  );
  if (process.env.DVC_FORMS_DEBUG) process.stderr.write(String(e?.stack) + '\n');
  process.exit(2);
}
process.exitCode = await cli.main(process.argv.slice(2));
