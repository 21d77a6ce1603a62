#!/usr/bin/env node
/**
 * Generates src/runtime/openapi.d.ts from api/openapi.yaml with openapi-typescript.
 *
 *   node scripts/gen-client-types.mjs           write the file
 *   node scripts/gen-client-types.mjs --check   exit 1 when the committed file differs (drift)
 *
 * The test tests/node/client/openapi-types.test.ts runs the same generation and compares.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SPEC = path.join(root, 'api/openapi.yaml');
export const OUT = path.join(root, 'src/runtime/openapi.d.ts');

const HEADER =
  '/**\n * Generated from api/openapi.yaml by scripts/gen-client-types.mjs (openapi-typescript).\n' +
  ' * Do not edit: change the contract and run `node scripts/gen-client-types.mjs`.\n */\n\n';

/** Returns the text of src/runtime/openapi.d.ts for the current contract. */
export async function generateClientTypes() {
  const { default: openapiTS, astToString } = await import('openapi-typescript');
  const ast = await openapiTS(new URL(`file://${SPEC}`), { alphabetize: false, exportType: false });
  return HEADER + astToString(ast);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const text = await generateClientTypes();
  if (process.argv.includes('--check')) {
    const current = await readFile(OUT, 'utf8').catch(() => '');
    if (current !== text) {
      console.error('src/runtime/openapi.d.ts is out of date: run `node scripts/gen-client-types.mjs`.');
      process.exit(1);
    }
    console.log('src/runtime/openapi.d.ts is up to date.');
  } else {
    await writeFile(OUT, text);
    console.log(`wrote ${path.relative(root, OUT)}`);
  }
}
