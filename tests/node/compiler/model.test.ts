import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyzeDefinition, compileDefinition, DefinitionError, type CompiledProcedure } from '../../../compiler/src/index.js';
import { ProblemList } from '../../../compiler/src/errors.js';
import { loadDefinition } from '../../../compiler/src/load.js';
import { getAt } from '../../../src/runtime/pointer.js';
import type { ArrayNode, CompiledValidator, FieldNode, FormModel, GroupNode, ModelNode } from '../../../src/runtime/model.js';

const PLAIN = 'tests/fixtures/definitions/household-survey.json';
const FULL = 'tests/fixtures/definitions/business-license.json';

function find(node: ModelNode, path: string): ModelNode | undefined {
  if (node.path === path) return node;
  if (node.kind === 'group')
    for (const c of node.children) {
      const hit = find(c, path);
      if (hit) return hit;
    }
  if (node.kind === 'array') return find(node.item, path);
  return undefined;
}
function field(model: FormModel, path: string): FieldNode {
  const n = find(model.root, path);
  assert.ok(n && n.kind === 'field', `${path} is a field`);
  return n;
}

/** Writes the generated files to a temp folder and imports the validator (the real emitted, bundled module). */
async function importValidator(c: CompiledProcedure): Promise<CompiledValidator> {
  const dir = mkdtempSync(join(tmpdir(), 'dvc-model-'));
  for (const [name, content] of c.files) writeFileSync(join(dir, name), content);
  return (await import(pathToFileURL(join(dir, 'validator.js')).href)) as CompiledValidator;
}

describe('plain JSON Schema (no x- keyword) compiles to a usable model', () => {
  let c: CompiledProcedure;
  let m: FormModel;
  before(async () => {
    c = await compileDefinition(PLAIN);
    m = c.model;
  });

  it('derives the procedure and tag from the file name', () => {
    assert.equal(m.modelVersion, 1);
    assert.equal(m.procedure.slug, 'household-survey');
    assert.equal(m.tag, 'dvc-household-survey');
    assert.deepEqual(m.procedure.title, { vi: 'Phiếu khai thông tin hộ gia đình' });
  });

  it('takes labels from title and hints from description', () => {
    const email = field(m, '/contactEmail');
    assert.deepEqual(email.label, { vi: 'Thư điện tử' });
    assert.deepEqual(email.hint, { vi: 'Để nhận thông báo.' });
    assert.equal(email.widget, 'email');
    assert.equal(email.tag, 'dvc-email-field');
    assert.equal(email.required, true);
    assert.equal(field(m, '/surveyDate').required, false);
    assert.equal(field(m, '/surveyDate').tag, 'dvc-date-field');
  });

  it('makes nested objects fieldsets and resolves local $ref', () => {
    const head = find(m.root, '/headOfHousehold') as GroupNode;
    assert.equal(head.kind, 'group');
    assert.equal(head.tag, 'dvc-fieldset');
    assert.deepEqual(
      head.children.map((ch) => ch.key),
      ['fullName', 'dateOfBirth', 'sex', 'idNumber'],
    );
    const dob = field(m, '/headOfHousehold/dateOfBirth');
    assert.equal(dob.format, 'date');
    assert.deepEqual(dob.label, { vi: 'Ngày sinh' });
    assert.deepEqual(field(m, '/headOfHousehold/fullName').constraints, { minLength: 2, maxLength: 100 });
  });

  it('turns oneOf/anyOf const+title and enum into choices (radio up to 5, select above)', () => {
    const sex = field(m, '/headOfHousehold/sex');
    assert.equal(sex.tag, 'dvc-choice-field');
    assert.deepEqual(sex.widgetOptions, { appearance: 'radio' });
    assert.deepEqual(sex.options, [
      { value: 'male', label: { vi: 'Nam' } },
      { value: 'female', label: { vi: 'Nữ' } },
    ]);
    const tenure = field(m, '/housing/tenure');
    assert.deepEqual(
      tenure.options?.map((o) => o.value),
      ['owned', 'rented', 'other'],
    );
    const rel = field(m, '/members/-/relationship');
    assert.equal(rel.widget, 'select');
    assert.equal(rel.options?.length, 6);
    const amenities = field(m, '/housing/amenities');
    assert.equal(amenities.widget, 'multi-choice');
    assert.equal(amenities.valueType, 'array');
    assert.equal(amenities.options?.length, 4);
    assert.equal(field(m, '/agree').tag, 'dvc-checkbox-field');
  });

  it('makes arrays of objects repeating groups', () => {
    const members = find(m.root, '/members') as ArrayNode;
    assert.equal(members.kind, 'array');
    assert.equal(members.tag, 'dvc-repeating-group');
    assert.equal(members.minItems, 1);
    assert.equal(members.maxItems, 20);
    assert.equal(members.item.kind, 'group');
    assert.equal(members.item.path, '/members/-');
    assert.deepEqual((members.item as GroupNode).conditionals, [
      { whenPresent: 'email', then: { show: [], require: ['phone'] }, else: { show: [], require: [] } },
    ]);
  });

  it('turns if/then/else into conditionals with branch-only properties', async () => {
    const housing = find(m.root, '/housing') as GroupNode;
    assert.deepEqual(
      housing.children.map((ch) => ch.key),
      ['tenure', 'rooms', 'amenities', 'monthlyRent', 'ownershipCertificate'],
    );
    assert.deepEqual(housing.conditionals, [
      {
        if: '/properties/housing/if',
        then: { show: ['monthlyRent'], require: ['monthlyRent'] },
        else: { show: ['ownershipCertificate'], require: [] },
      },
    ]);
    const v = await importValidator(c);
    assert.equal(v.conditions['/properties/housing/if']({ tenure: 'rented' }), true);
    assert.equal(v.conditions['/properties/housing/if']({ tenure: 'owned' }), false);
  });

  it('builds default steps: loose fields first, then one per top-level object', () => {
    assert.deepEqual(
      m.steps.map((s) => [s.id, s.fields]),
      [
        ['general', ['/contactEmail', '/surveyDate', '/members', '/agree']],
        ['headOfHousehold', ['/headOfHousehold']],
        ['housing', ['/housing']],
      ],
    );
  });

  it('validates dossiers with the emitted standalone validator', async () => {
    const v = await importValidator(c);
    const good = {
      contactEmail: 'a@b.vn',
      headOfHousehold: { fullName: 'Nguyễn Văn A', dateOfBirth: '1980-02-29', sex: 'male' },
      housing: { tenure: 'rented', monthlyRent: 3000000 },
      members: [{ fullName: 'Trần Thị B', relationship: 'spouse' }],
    };
    assert.equal(v.validate(good), true, JSON.stringify(v.validate.errors));
    assert.equal(v.validate({ ...good, housing: { tenure: 'rented' } }), false);
    assert.equal(v.validate({ ...good, headOfHousehold: { ...good.headOfHousehold, dateOfBirth: '1981-02-29' } }), false);
    assert.ok(v.validate.errors?.some((e) => e.instancePath === '/headOfHousehold/dateOfBirth' && e.keyword === 'format'));
  });
});

describe('x- keywords', () => {
  let c: CompiledProcedure;
  let m: FormModel;
  let v: CompiledValidator;
  before(async () => {
    c = await compileDefinition(FULL, { runtimeImport: 'https://cdn.example/dvc' });
    m = c.model;
    v = await importValidator(c);
  });

  it('reads x-procedure and x-i18n', () => {
    assert.equal(m.procedure.code, '2.000720');
    assert.deepEqual(m.procedure.title, { vi: 'Đăng ký hộ kinh doanh', en: 'Household business registration' });
    assert.deepEqual(m.procedure.resultDelivery, ['online', 'counter']);
    assert.deepEqual((find(m.root, '/owner') as GroupNode).label, { vi: 'Chủ hộ kinh doanh', en: 'Owner' });
    assert.deepEqual(field(m, '/business/sector').options?.[0], { value: 'retail', label: { vi: 'Bán lẻ', en: 'Retail' } });
  });

  it('resolves sibling-file refs and applies x-prefill, x-widget, x-widget-options, x-sensitive', () => {
    const name = field(m, '/owner/fullName');
    assert.equal(name.widget, 'person-name');
    assert.equal(name.prefill, 'citizen.fullName');
    assert.deepEqual(name.widgetOptions, { uppercase: true });
    assert.equal(name.constraints.pattern, '^[^0-9]+$');
    const id = field(m, '/owner/idNumber');
    assert.equal(id.widget, 'id-number');
    assert.equal(id.sensitive, true);
    assert.equal(field(m, '/owner/phone').tag, 'dvc-phone-field');
    const desc = field(m, '/business/description');
    assert.equal(desc.widget, 'textarea');
    assert.deepEqual(desc.widgetOptions, { rows: 4 });
    assert.equal(field(m, '/business/capital').valueType, 'integer');
    assert.equal(field(m, '/declaration').widget, 'consent');
    assert.equal(field(m, '/copies').default, 1);
    assert.equal(field(m, '/business/startDate').constraints.formatMinimum, '2000-01-01');
    assert.deepEqual((find(m.root, '/employees') as ArrayNode).addLabel, { vi: 'Thêm người lao động', en: 'Add employee' });
  });

  it("compiles x-visible-when and drops the key from the validator's required list", () => {
    const licence = field(m, '/business/foodLicence');
    assert.equal(licence.visibleWhen, '/properties/business/properties/foodLicence/x-visible-when');
    const cond = v.conditions[licence.visibleWhen!];
    assert.equal(cond({ business: { sector: 'food' } }), true);
    assert.equal(cond({ business: { sector: 'retail' } }), false);
  });

  it('reads steps, attachments, fees and rules, with every condition id compiled', () => {
    assert.deepEqual(
      m.steps.map((s) => s.id),
      ['owner', 'business', 'finish'],
    );
    assert.deepEqual(m.steps[0].title, { vi: 'Chủ hộ', en: 'Owner' });
    assert.equal(m.steps[2].visibleWhen, '/x-steps/2/visibleWhen');
    assert.equal(m.attachments[0].requiredWhen, '/x-attachments/0/requiredWhen');
    assert.deepEqual(m.attachments[0].accept, ['application/pdf', 'image/jpeg']);
    assert.deepEqual(m.fees?.lines[0].cases, [
      { when: '/x-fees/lines/0/cases/0/when', amount: 0, note: { vi: 'Miễn lệ phí', en: 'Exempt' } },
      { amount: 100000 },
    ]);
    assert.deepEqual(m.fees?.lines[1].quantity, { field: '/copies', offset: 0 });
    assert.deepEqual(
      m.rules.map((r) => r.kind),
      ['minAge', 'dateOrder', 'noGaps'],
    );
    assert.equal(m.rules[2].when, '/x-rules/2/when');
    const ids = new Set<string>();
    const collect = (n: ModelNode): void => {
      if (n.visibleWhen) ids.add(n.visibleWhen);
      if (n.kind === 'group') {
        n.conditionals.forEach((cd) => cd.if && ids.add(cd.if));
        n.children.forEach(collect);
      }
      if (n.kind === 'array') collect(n.item);
    };
    collect(m.root);
    m.steps.forEach((s) => s.visibleWhen && ids.add(s.visibleWhen));
    m.attachments.forEach((a) => a.requiredWhen && ids.add(a.requiredWhen));
    m.fees?.lines.forEach((l) => l.cases.forEach((cs) => cs.when && ids.add(cs.when)));
    m.rules.forEach((r) => r.when && ids.add(r.when));
    assert.deepEqual([...ids].sort(), Object.keys(v.conditions).sort());
    for (const id of ids) assert.equal(typeof v.conditions[id], 'function');
  });

  it('emits the element, define and model modules against runtimeImport', () => {
    const el = c.files.get('element.js')!;
    assert.match(el, /import \{ DvcProcedureForm \} from 'https:\/\/cdn\.example\/dvc\/components\/procedure-form\/procedure-form\.js';/);
    assert.match(
      el,
      /export class DvcBusinessLicense extends DvcProcedureForm \{\n {2}static model = model;\n {2}static validator = \{ validate, conditions \};\n\}/,
    );
    assert.match(c.files.get('element.d.ts')!, /export declare class DvcBusinessLicense extends DvcProcedureForm<BusinessLicenseDossier>/);
    const def = c.files.get('define.js')!;
    assert.match(def, /import \{ define \} from 'https:\/\/cdn\.example\/dvc\/internal\/define\.js';/);
    for (const tag of [
      'dvc-person-name-field',
      'dvc-id-number-field',
      'dvc-phone-field',
      'dvc-textarea-field',
      'dvc-choice-field',
      'dvc-consent-field',
      'dvc-fieldset',
      'dvc-repeating-group',
      'dvc-number-field',
      'dvc-date-field',
    ]) {
      assert.ok(def.includes(`import 'https://cdn.example/dvc/define/${tag}.js';`), tag);
    }
    assert.ok(!def.includes('dvc-email-field'), 'only the tags the model uses');
    assert.match(def, /define\('dvc-business-license', DvcBusinessLicense\);/);
    assert.match(c.files.get('types.d.ts')!, /export interface BusinessLicenseDossier \{/);
    assert.match(
      c.files.get('validator.d.ts')!,
      /import type \{ CompiledValidator \} from 'https:\/\/cdn\.example\/dvc\/runtime\/model\.js';/,
    );
    const resolved = JSON.parse(c.files.get('definition.json')!) as Record<string, unknown>;
    assert.ok(!JSON.stringify(resolved).includes('$ref'));
    assert.ok(!('$defs' in resolved));
  });

  it('lets a site widget outrank the defaults, and imports its define module', async () => {
    const c2 = await compileDefinition(FULL, {
      components: [
        {
          widget: 'vn-date',
          tag: 'acme-lunar-date',
          tester: (s) => (s.schema.format === 'date' ? 3 : -1),
          defineModule: '@acme/lunar-date/define.js',
        },
      ],
    });
    assert.equal(field(c2.model, '/owner/dateOfBirth').tag, 'acme-lunar-date');
    assert.equal(field(c2.model, '/owner/dateOfBirth').widget, 'vn-date');
    assert.match(c2.files.get('define.js')!, /import '@acme\/lunar-date\/define\.js';/);
    assert.ok(!c2.files.get('define.js')!.includes('dvc-date-field'));
  });

  it('rejects a definition when no entry can render a node', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dvc-norender-'));
    const file = join(dir, 'odd.json');
    writeFileSync(
      file,
      JSON.stringify({ type: 'object', properties: { when: { type: 'string', format: 'date', 'x-widget': 'vn-date' } } }),
    );
    await assert.rejects(compileDefinition(file), (e: unknown) => {
      assert.ok(e instanceof DefinitionError);
      assert.equal(e.problems[0].pointer, '/properties/when/x-widget');
      assert.match(e.problems[0].message, /^Unknown widget "vn-date"/);
      return true;
    });
  });
});

describe("the shape of x-fees is the meta-schema's to check", () => {
  const def = JSON.parse(readFileSync(FULL, 'utf8')) as Record<string, unknown>;
  type Fees = { currency?: unknown; lines: Array<Record<string, unknown> & { cases: Array<Record<string, unknown>> }> };
  const cases: Array<[string, (f: Fees) => void, string, RegExp]> = [
    [
      'a currency other than VND',
      (f) => {
        f.currency = 'USD';
      },
      '/x-fees/currency',
      /^Must be "VND"\.$/,
    ],
    [
      'no currency',
      (f) => {
        delete f.currency;
      },
      '/x-fees',
      /^Missing required property "currency"\.$/,
    ],
    [
      'a negative amount',
      (f) => {
        f.lines[0].cases[0].amount = -5;
      },
      '/x-fees/lines/0/cases/0/amount',
      /^Must be at least 0\.$/,
    ],
    [
      'an amount in a string',
      (f) => {
        f.lines[0].cases[0].amount = '100';
      },
      '/x-fees/lines/0/cases/0/amount',
      /^Must be an integer\.$/,
    ],
    [
      'a case that is no object',
      (f) => {
        f.lines[0].cases[0] = 5 as never;
      },
      '/x-fees/lines/0/cases/0',
      /^Must be an object\.$/,
    ],
    [
      'a quantity without its field',
      (f) => {
        f.lines[1].quantity = { offset: 1 };
      },
      '/x-fees/lines/1/quantity',
      /^Missing required property "field"\.$/,
    ],
  ];
  for (const [name, mutate, pointer, message] of cases) {
    it(`${name} is refused at ${pointer}, once`, () => {
      const broken = structuredClone(def);
      mutate(broken['x-fees'] as Fees);
      try {
        analyzeDefinition(FULL, { source: JSON.stringify(broken) });
        assert.fail('compiled');
      } catch (e) {
        assert.ok(e instanceof DefinitionError, String(e));
        assert.deepEqual(
          e.problems.map((p) => [p.file, p.pointer]),
          [[FULL, pointer]],
        );
        assert.match(e.problems[0].message, message);
      }
    });
  }
});

describe('hostile definitions found by the compiler fuzz test (tests/node/compiler/fuzz.test.ts)', () => {
  const BIRTH = 'schemas/procedures/birth-registration.json';

  it('compiles a definition held in memory ("source"): nothing is read at its file name', async () => {
    const text = readFileSync('tests/fixtures/definitions/household-survey.json', 'utf8');
    const c = await compileDefinition('tests/fixtures/definitions/not-on-disk.json', { source: text });
    assert.equal(c.model.procedure.slug, 'not-on-disk');
    assert.ok(c.files.get('validator.js'));
  });

  it("names the file and place a $ref'd node is written at, not a place of the inlined tree", () => {
    // "/child" is a $ref to ../civil-status.json#/$defs/child; take it off every step.
    const def = JSON.parse(readFileSync(BIRTH, 'utf8')) as { 'x-steps': Array<{ fields: string[] }> };
    for (const s of def['x-steps']) s.fields = s.fields.filter((f) => f !== '/child');
    assert.throws(
      () => analyzeDefinition(BIRTH, { source: JSON.stringify(def) }),
      (e: unknown) => {
        assert.ok(e instanceof DefinitionError);
        const p = e.problems.find((x) => x.message.startsWith('The field "/child/fullName" is on no step'));
        assert.ok(p, e.message);
        assert.equal(p.file, resolve('schemas/civil-status.json'));
        assert.equal(p.pointer, '/$defs/child/properties/fullName');
        assert.ok(getAt(JSON.parse(readFileSync(p.file, 'utf8')), p.pointer), 'the pointer exists in that file');
        return true;
      },
    );
  });

  it(
    'reports 100,000 undeclared required names without hanging (a repeated problem is found by key, not by scanning the list)',
    { timeout: 60_000 },
    () => {
      const def = {
        type: 'object',
        properties: { a: { type: 'string' } },
        required: Array.from({ length: 100_000 }, (_, i) => `missing${i}`),
      };
      assert.throws(
        () => analyzeDefinition('/tmp/many-required.json', { source: JSON.stringify(def) }),
        (e: unknown) => {
          assert.ok(e instanceof DefinitionError);
          assert.equal(e.problems.filter((p) => p.pointer === '/required').length, 100_000);
          return true;
        },
      );
    },
  );

  it('keeps a "__proto__" keyword an own key when inlining $refs (the prototype stays Object.prototype)', () => {
    const text = '{"type":"object","properties":{"a":{"$ref":"#/$defs/a","__proto__":{"type":"number"}}},"$defs":{"a":{"type":"string"}}}';
    const problems = new ProblemList('/tmp/proto.json');
    const loaded = loadDefinition('/tmp/proto.json', problems, { source: text });
    const a = (loaded!.resolved.properties as Record<string, Record<string, unknown>>).a;
    assert.equal(Object.getPrototypeOf(a), Object.prototype);
    assert.deepEqual(Object.getOwnPropertyDescriptor(a, '__proto__')?.value, { type: 'number' });
    assert.equal(a.type, 'string');
    assert.ok(
      problems.items.some((p) => p.pointer === '/properties/a/__proto__'),
      'reported as an unknown keyword',
    );
  });
});
