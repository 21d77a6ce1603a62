#!/usr/bin/env node
// dvc-forms command line. In a checkout of the repository (src/compiler/cli.ts present) it runs the
// TypeScript sources through tsx, so it never runs a stale build; an installed package runs the built
// compiler (dist/lib/compiler/cli.js).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const source = fileURLToPath(new URL('../src/compiler/cli.ts', import.meta.url));
const built = fileURLToPath(new URL('../dist/lib/compiler/cli.js', import.meta.url));
let cli;
try {
  if (existsSync(source)) {
    const { register } = await import('tsx/esm/api');
    register();
    cli = await import(pathToFileURL(source).href);
  } else {
    cli = await import(pathToFileURL(built).href);
  }
} catch (e) {
  process.stderr.write(`dvc-forms: internal error: the compiler could not be loaded (${e?.message ?? e}). Reinstall dvc-forms; set DVC_FORMS_DEBUG=1 for details.\n`);
  if (process.env.DVC_FORMS_DEBUG) process.stderr.write(String(e?.stack) + '\n');
  process.exit(2);
}
process.exitCode = await cli.main(process.argv.slice(2));
