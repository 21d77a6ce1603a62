import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { generateClientTypes, OUT } from '../../../scripts/gen-client-types.mjs';

test('src/runtime/openapi.d.ts is what openapi-typescript makes from api/openapi.yaml (no drift)', async () => {
  const expected = await generateClientTypes();
  const committed = await readFile(OUT, 'utf8');
  assert.ok(expected.includes('export interface paths'), 'generation produced the paths interface');
  assert.equal(committed, expected, 'src/runtime/openapi.d.ts is stale: run `node scripts/gen-client-types.mjs`');
});
