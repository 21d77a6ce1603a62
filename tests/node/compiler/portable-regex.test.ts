import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { portablePatternProblem } from '../../../compiler/src/portable-regex.js';
import { compileDefinition } from '../../../compiler/src/index.js';

/** Every `pattern` of a JSON document. */
function patterns(doc: unknown): string[] {
  if (Array.isArray(doc)) return doc.flatMap(patterns);
  if (doc && typeof doc === 'object') {
    return Object.entries(doc).flatMap(([k, v]) => (k === 'pattern' && typeof v === 'string' ? [v] : patterns(v)));
  }
  return [];
}

describe('portable patterns (docs/semantics.md, "Patterns")', () => {
  it('accepts every pattern of the shipped definitions', () => {
    const files = ['schemas/common.json', ...readdirSync('schemas/procedures').map((f) => `schemas/procedures/${f}`)];
    const all = files.flatMap((f) => patterns(JSON.parse(readFileSync(f, 'utf8'))));
    assert.ok(all.length >= 10);
    assert.deepEqual(
      all.filter((p) => portablePatternProblem(p) !== null),
      [],
    );
    assert.equal(portablePatternProblem("^[\\p{L}\\p{M}]+(?:[ '\\-][\\p{L}\\p{M}]+)*$"), null);
    assert.equal(portablePatternProblem('^(?:\\+84|0)(?:[35789][0-9]{8}|2[0-9]{9})$'), null);
    assert.equal(portablePatternProblem('^[0-9A-Z.]+-[0-9]{6}$'), null, 'a dot inside a class is a dot');
    assert.equal(portablePatternProblem('^\\.\\$\\^$'), null, 'escaped metacharacters are literals');
  });

  it('refuses what engines read differently, saying what to write instead', () => {
    const cases: Array<[string, RegExp]> = [
      ['^\\d{12}$', /"\\d" means ASCII digits .* write \[0-9\]/],
      ['^\\w+$', /write \[A-Za-z0-9_\]/],
      ['^a\\sb$', /"\\s"/],
      ['\\bword\\b', /word boundary/],
      ['^(a)\\1$', /back-references/],
      ['^(?<year>[0-9]{4})$', /"\(\?<…"/],
      ['^(?=a)a$', /look-arounds/],
      ['^(?i)a$', /flags/],
      ['^a.b$', /"\." matches different characters/],
      ['a$|^b', /"\$" is portable only as the last character/],
      ['^a|^b', /"\^" is portable only as the first character/],
      ['^\\p{Script=Latin}+$', /only Unicode general categories/],
      ['^\\p{Alphabetic}$', /only Unicode general categories/],
      ['^[a[b]]$', /nested class in Java/],
      ['^[a&&b]$', /intersection in Java/],
      ['^\\u{1F600}$', /JavaScript only/],
      ['^[^]$', /JavaScript only/],
    ];
    for (const [pattern, message] of cases) assert.match(portablePatternProblem(pattern) ?? 'accepted', message, pattern);
  });

  it('the compiler names the place and the reason', async () => {
    const source = JSON.stringify({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      title: 'Thử',
      properties: { id: { type: 'string', title: 'Số', pattern: '^\\d{12}$' } },
    });
    await assert.rejects(
      compileDefinition('/tmp/portable.json', { source }),
      (e: Error & { problems?: Array<{ pointer: string; message: string }> }) =>
        e.problems?.some((p) => p.pointer === '/properties/id/pattern' && /not portable: "\\d" means ASCII digits/.test(p.message)) ===
        true,
    );
  });
});
