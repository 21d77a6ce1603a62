#!/usr/bin/env node
// `npm run gen:keywords`: writes schemas/x-keywords.json and the keyword lists of the meta-schema
// schemas/procedure.schema.json from the x- keyword table (compiler/src/keywords.ts; the generation is
// compiler/src/keywords-files.ts). Runs under tsx (`--import tsx`), which reads the TypeScript table.
//
//   node --conditions=dvc-source --import tsx scripts/gen-keywords.mjs [--check]
//
// --check: write nothing; exit 1 and name the files that differ from what the table generates.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { jsonText, missingDefs, withGeneratedKeywordLists, xKeywordsDocument } from '../compiler/src/keywords-files.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');
const metaFile = join(root, 'schemas', 'procedure.schema.json');
const meta = JSON.parse(readFileSync(metaFile, 'utf8'));

const missing = missingDefs(meta);
if (missing.length > 0) {
  process.stderr.write(`gen:keywords: the meta-schema lacks the $defs the table names (write them by hand first): ${missing.join(', ')}\n`);
  process.exit(1);
}

const outputs = [
  [join(root, 'schemas', 'x-keywords.json'), jsonText(xKeywordsDocument())],
  [metaFile, jsonText(withGeneratedKeywordLists(meta))],
];
const stale = [];
for (const [file, text] of outputs) {
  let current = '';
  try {
    current = readFileSync(file, 'utf8');
  } catch {
    /* written below */
  }
  if (current === text) continue;
  stale.push(relative(root, file));
  if (!check) writeFileSync(file, text);
}
if (check && stale.length > 0) {
  process.stderr.write(`gen:keywords: out of date (run \`npm run gen:keywords\`): ${stale.join(', ')}\n`);
  process.exit(1);
}
process.stdout.write(stale.length === 0 ? 'gen:keywords: up to date\n' : `gen:keywords: wrote ${stale.join(', ')}\n`);
