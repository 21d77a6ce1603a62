/**
 * The x- keyword table (compiler/src/keywords.ts) and what derives from it: the checked-in
 * schemas/x-keywords.json and the meta-schema's keyword lists are what `npm run gen:keywords` writes, every
 * entry's value has its $defs in the meta-schema, and the condition positions the table names are the ones
 * the loader resolves, the walker visits and the model builder turns into conditions.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeDefinition, DefinitionError } from '../../../compiler/src/index.js';
import { ProblemList } from '../../../compiler/src/errors.js';
import { X_KEYWORDS, BUILTIN_X_KEYWORDS, ROOT_ONLY_X_KEYWORDS, rootConditionSites } from '../../../compiler/src/keywords.js';
import {
  jsonText,
  missingDefs,
  unknownKeywordPattern,
  withGeneratedKeywordLists,
  xKeywordsDocument,
} from '../../../compiler/src/keywords-files.js';
import { loadDefinition } from '../../../compiler/src/load.js';
import { SUBSCHEMA_KEYWORDS, xKeywords } from '../../../compiler/src/vocabulary.js';
import { walkDefinition } from '../../../compiler/src/walk.js';
import { repoRoot } from './helpers.js';

type JsonObject = Record<string, unknown>;
const schemas = join(repoRoot, 'schemas');
const read = (file: string): string => readFileSync(join(schemas, file), 'utf8');
const meta = JSON.parse(read('procedure.schema.json')) as JsonObject;

describe('the x- keyword table', () => {
  it('names each keyword once, every name starting with "x-"', () => {
    assert.equal(new Set(BUILTIN_X_KEYWORDS).size, X_KEYWORDS.length);
    for (const k of X_KEYWORDS) assert.match(k.name, /^x-[a-z0-9]+(-[a-z0-9]+)*$/);
    assert.deepEqual(xKeywords(), [...BUILTIN_X_KEYWORDS].sort());
  });

  it('every entry has its $defs in the meta-schema', () => {
    assert.deepEqual(missingDefs(meta), []);
    const defs = meta.$defs as JsonObject;
    const { sensitive: _, ...withoutOne } = defs;
    assert.deepEqual(missingDefs({ ...meta, $defs: withoutOne }), ['x-sensitive: $defs.sensitive'], 'a missing $defs entry is found');
  });

  it('schemas/x-keywords.json is what the table generates', () => {
    assert.equal(read('x-keywords.json'), jsonText(xKeywordsDocument()), 'run `npm run gen:keywords`');
  });

  it("the meta-schema's keyword lists are what the table generates", () => {
    assert.equal(read('procedure.schema.json'), jsonText(withGeneratedKeywordLists(meta)), 'run `npm run gen:keywords`');
  });

  it('generation replaces the keyword lists whatever they held, and leaves the rest alone', () => {
    const stale = structuredClone(meta);
    const props = stale.properties as JsonObject;
    delete props['x-fees'];
    props['x-old'] = { $ref: '#/$defs/fees' };
    const nodeRules = (stale.$defs as JsonObject).nodeRules as JsonObject;
    (nodeRules.properties as JsonObject)['x-sensitive'] = { type: 'string' };
    stale.patternProperties = { '^x-(?!(?:i18n)$)': { $ref: '#/$defs/unknownKeyword' } };
    assert.deepEqual(withGeneratedKeywordLists(stale), meta);
  });

  it('the pattern of unknown names refuses exactly the names that are no keyword', () => {
    const re = new RegExp(unknownKeywordPattern(), 'u');
    for (const name of BUILTIN_X_KEYWORDS) assert.equal(re.test(name), false, name);
    for (const name of ['x-placeholder', 'x-fee', 'x-feesx', 'x-widget-option', 'x-']) assert.equal(re.test(name), true, name);
  });

  it('`npm run gen:keywords -- --check` finds the checked-in files up to date', () => {
    const r = spawnSync(
      process.execPath,
      ['--conditions=dvc-source', '--import', 'tsx', join(repoRoot, 'scripts', 'gen-keywords.mjs'), '--check'],
      { cwd: repoRoot, encoding: 'utf8' },
    );
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /up to date/);
  });

  it('root-only keywords and the subschema keywords come from the table', () => {
    assert.deepEqual(
      [...ROOT_ONLY_X_KEYWORDS],
      X_KEYWORDS.filter((k) => k.place === 'root').map((k) => k.name),
    );
    assert.deepEqual(
      SUBSCHEMA_KEYWORDS.filter((k) => k.startsWith('x-')),
      ['x-visible-when'],
    );
  });
});

describe('condition positions', () => {
  const root: JsonObject = {
    type: 'object',
    'x-steps': [{ id: 'a', visibleWhen: { required: ['x'] } }, { id: 'b' }, 'not a step'],
    'x-attachments': [{ id: 'p', requiredWhen: true }],
    'x-fees': {
      currency: 'VND',
      lines: [
        { id: 'f', cases: [{ amount: 1 }, { when: false, amount: 2 }] },
        { id: 'g', amount: 3 },
      ],
    },
    'x-rules': [{ id: 'r', when: { not: { required: ['x'] } } }],
    'x-procedure': { slug: 'when' },
  };

  it('are found where the table says, in table order', () => {
    assert.deepEqual(
      rootConditionSites(root).map((s) => s.pointer),
      ['/x-steps/0/visibleWhen', '/x-attachments/0/requiredWhen', '/x-fees/lines/0/cases/1/when', '/x-rules/0/when'],
    );
    for (const s of rootConditionSites(root)) assert.ok(Object.hasOwn(s.holder, s.key));
  });

  it('are visited by the walker, so their keywords are checked', () => {
    const seen: string[] = [];
    walkDefinition(root, (_node, pointer) => {
      seen.push(pointer);
    });
    for (const p of [
      '/x-steps/0/visibleWhen',
      '/x-attachments/0/requiredWhen',
      '/x-fees/lines/0/cases/1/when',
      '/x-rules/0/when',
      '/x-rules/0/when/not',
    ]) {
      assert.ok(seen.includes(p), p);
    }
  });

  it('have their $refs inlined by the loader', () => {
    const def = {
      ...root,
      properties: { x: { type: 'string' } },
      $defs: { yes: { required: ['x'] } },
      'x-fees': { currency: 'VND', lines: [{ id: 'f', title: 'F', cases: [{ when: { $ref: '#/$defs/yes' }, amount: 2 }] }] },
    };
    const problems = new ProblemList('mem.json');
    const loaded = loadDefinition('mem.json', problems, { source: JSON.stringify(def) });
    assert.ok(loaded);
    const fees = loaded.resolved['x-fees'] as { lines: Array<{ cases: Array<{ when: unknown }> }> };
    assert.deepEqual(fees.lines[0].cases[0].when, { required: ['x'] });
  });

  it('are exactly the conditions the model builds from x- keywords, for every example procedure', () => {
    const dir = join(schemas, 'procedures');
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    assert.ok(files.length >= 4);
    for (const f of files) {
      let analyzed;
      try {
        analyzed = analyzeDefinition(join(dir, f));
      } catch (err) {
        if (err instanceof DefinitionError) assert.fail(`${f}: ${JSON.stringify(err.problems.slice(0, 3))}`);
        throw err;
      }
      const { resolved, built } = analyzed;
      const expected = rootConditionSites(resolved).map((s) => s.pointer);
      walkDefinition(resolved, (node, pointer) => {
        if (pointer !== '' && typeof node === 'object' && node !== null && 'x-visible-when' in node)
          expected.push(`${pointer}/x-visible-when`);
      });
      assert.ok(expected.length > 0, f);
      // The other conditions are the `if`s of JSON Schema conditionals.
      const fromKeywords = [...built.conditions.keys()].filter((id) => !id.endsWith('/if'));
      assert.deepEqual(fromKeywords.sort(), [...new Set(expected)].sort(), f);
    }
  });
});
