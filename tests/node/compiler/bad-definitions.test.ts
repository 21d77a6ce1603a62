import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, STACK_LINE } from './helpers.js';

const DIR = 'tests/fixtures/bad-definitions';

/** For each broken definition: the first error the CLI must print, verbatim (`file:pointer: sentence`). */
const EXPECTED: Record<string, string> = {
  'invalid-json.json': '5:3: Invalid JSON: expected a property name in double quotes (is there a trailing comma?).',
  'unknown-keyword.json':
    '/properties/age/minimun: Unknown keyword "minimun" (not a JSON Schema 2020-12 keyword; extensions must start with "x-").',
  'unknown-x-keyword.json':
    '/properties/name/x-placeholder: Unknown keyword "x-placeholder"; known x- keywords: x-attachments, x-fees, x-i18n, x-prefill, x-procedure, x-rules, x-sensitive, x-steps, x-visible-when, x-widget, x-widget-options.',
  'root-only-keyword-nested.json': '/properties/name/x-steps: "x-steps" is only allowed at the root of a definition.',
  'ref-to-nowhere.json':
    '/properties/name/$ref: "$ref": "#/$defs/personName" points to nothing: there is no "/$defs/personName" in this file.',
  'ref-missing-file.json':
    '/properties/name/$ref: "$ref": "nowhere.json#/$defs/personName" points to nothing: the file "nowhere.json" does not exist next to the definition or in its parent folder.',
  'ref-cycle.json':
    '/$defs/guardian/$ref: "$ref": "#/$defs/person" makes a cycle (#/$defs/person/properties/guardian → #/$defs/guardian → #/$defs/person); a form cannot nest itself.',
  'unsupported-not.json':
    '/properties/name/not: "not" is not supported on a data node: a form cannot show "anything but"; express the constraint positively (enum, pattern, if/then).',
  'unsupported-prefix-items.json':
    '/properties/range/prefixItems: "prefixItems" is not supported on a data node: tuples (a fixed list of differently typed items) cannot be rendered; use an object.',
  'unsupported-type-array.json':
    '/properties/amount/type: "type": ["string","number"] is not supported on a data node; use one type, or [T, "null"].',
  'unsupported-pattern-properties.json':
    '/properties/extras/patternProperties: "patternProperties" is not supported on a data node: properties with free names cannot be rendered; declare each property.',
  'unknown-widget.json':
    '/properties/name/x-widget: Unknown widget "slider"; registered widgets: address, checkbox, consent, date, email, fieldset, id-number, multi-choice, number, person-name, phone, radio, repeat, select, text, textarea.',
  'widget-mismatch.json': '/properties/count/x-widget: Widget "date" cannot render an integer.',
  'bad-prefill.json':
    '/properties/name/x-prefill: Unknown prefill source "citizen.shoeSize"; use a key of the population-database vocabulary such as "citizen.fullName" (see docs/architecture.md).',
  'step-pointer-to-nowhere.json': '/x-steps/0/fields/1: "/fullName" points to no data node.',
  'step-field-inside-array.json':
    '/x-steps/0/fields/1: "/children/-/name" is inside the repeating group "/children"; list the group itself.',
  'field-on-no-step.json':
    '/properties/applicant/properties/email: The field "/applicant/email" is on no step; add it (or its group) to a step\'s "fields" in "x-steps".',
  'duplicate-step-id.json': '/x-steps/1/id: Duplicate step id "main" (also used by step 0).',
  'rule-pointer-to-nowhere.json': '/x-rules/0/date: "/birthDate" points to no data node.',
  'fee-quantity-field-missing.json': '/x-fees/lines/0/quantity/field: "/copies" points to no data node.',
  'choice-without-const.json':
    '/properties/sex/oneOf/1: This "oneOf" entry has no "const": every entry of a choice list needs a "const" value and a "title".',
  'enum-empty.json': '/properties/kind/enum: "enum" must list at least one value.',
  'bad-slug.json':
    '/x-procedure/slug: The slug "Birth_Registration" is not valid: use lowercase letters and digits in kebab-case, starting with a letter (e.g. "birth-registration"); it gives the tag "dvc-<slug>".',
  'required-undeclared.json': '/required: "phone" is required but declared nowhere; add it to "properties".',
  'unknown-format.json':
    '/properties/phone/format: Unknown format "phone-vn"; supported formats: date, time, date-time, iso-time, iso-date-time, duration, uri, uri-reference, uri-template, url, email, hostname, ipv4, ipv6, regex, uuid, json-pointer, json-pointer-uri-fragment, relative-json-pointer, byte, int32, int64, float, double, password, binary.',
  'invalid-pattern.json':
    '/properties/code/pattern: "pattern" is not a valid regular expression: Invalid regular expression: /^[0-9{3}$/u: Unterminated character class.',
  // Found by the compiler fuzz test (fuzz.test.ts): each crashed, hung or misreported before its fix.
  'ref-malformed-percent.json':
    '/properties/name/$ref: "$ref": "#/$defs/%E0%A4%A" has a malformed percent-encoding (a "%" must be followed by two hex digits of UTF-8).',
  'rule-kind-prototype-key.json': '/x-rules/0/kind: Unknown rule kind "constructor"; kinds: minAge, dateOrder, noGaps, idNumberMatches.',
  'rule-without-kind.json': '/x-rules/0: A rule needs "kind"; kinds: minAge, dateOrder, noGaps, idNumberMatches.',
  'choice-duplicate-const.json':
    '/properties/sex/oneOf/2/const: The choice value "male" is already used by entry 0; each choice needs its own value (with "oneOf" a value matching two entries is refused).',
  'required-prototype-key.json': '/required: "constructor" is required but declared nowhere; add it to "properties".',
  'string-too-long.json':
    '/properties/name/description: This text is longer than 20,000 characters; a definition holds labels, hints and rules, not documents.',
  'nesting-too-deep.json':
    '6:529: Objects and arrays are nested more than 100 levels deep here; a form definition needs far fewer (the examples use 12): flatten the structure.',
  'ref-nesting-too-deep.json':
    '/$defs/d23/properties/next: Schemas are nested more than 48 levels deep here once "$ref"s are inlined; a form this deep cannot be shown: flatten it.',
  'ref-blowup.json':
    '/$defs/m12: The definition grows beyond 50,000 schemas once "$ref"s are inlined (refs repeating refs multiply); reuse fewer or smaller definitions.',
};

describe('broken definitions, through the CLI', () => {
  let out: string;
  let result: { code: number | null; stdout: string; stderr: string };

  before(async () => {
    out = mkdtempSync(join(tmpdir(), 'dvc-bad-'));
    rmSync(out, { recursive: true });
    result = await runCli(['compile', DIR, '--out', out]);
  });

  it('has an expectation for every fixture (and a fixture for every expectation)', () => {
    const files = readdirSync(DIR)
      .filter((f) => f.endsWith('.json'))
      .sort();
    assert.deepEqual(files, Object.keys(EXPECTED).sort());
    assert.ok(files.length >= 20, `${files.length} fixtures`);
  });

  it('exits with code 1, writes nothing and prints no stack trace', () => {
    assert.equal(result.code, 1, result.stderr);
    assert.equal(existsSync(out), false, 'the output folder must not be created');
    assert.doesNotMatch(result.stderr + result.stdout, STACK_LINE);
    assert.doesNotMatch(result.stderr, /internal error/);
    assert.match(result.stderr, /dvc-forms: \d+ error\(s\) in 35 definition\(s\); nothing was written for them\.\n$/);
  });

  for (const [file, expected] of Object.entries(EXPECTED)) {
    it(`${file} → ${expected.slice(0, 60)}…`, () => {
      const lines = result.stderr.split('\n').filter((l) => l.startsWith(`${DIR}/${file}:`));
      assert.ok(lines.length >= 1, `no error printed for ${file}`);
      assert.equal(lines[0], `${DIR}/${file}:${expected}`);
    });
  }

  it('reports a single broken file alone with exit code 1', async () => {
    const single = await runCli(['compile', `${DIR}/ref-cycle.json`, '--out', out]);
    assert.equal(single.code, 1);
    assert.equal(single.stdout, '');
    assert.equal(single.stderr.split('\n')[0], `${DIR}/ref-cycle.json:${EXPECTED['ref-cycle.json']}`);
    assert.equal(existsSync(out), false);
  });
});
