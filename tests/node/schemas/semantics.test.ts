/**
 * The shipped definitions mean what DOMAIN.md says: compiled with the real compiler and judged with the
 * real runtime (the same code the server runs), the sample dossiers are accepted without any issue,
 * fees come out as the fee circulars say, and the cross-field rules fire where they should.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compileDefinition } from '../../../compiler/src/index.js';
import type { CompiledValidator, FormModel } from '../../../src/runtime/model.js';
import { computeFee } from '../../../src/runtime/fees.js';
import { checkRules } from '../../../src/runtime/rules.js';
import { validateDossier } from '../../../src/runtime/validate.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const proceduresDir = fileURLToPath(new URL('../../../schemas/procedures/', import.meta.url));
const dossiersDir = fileURLToPath(new URL('./dossiers/', import.meta.url));
const TODAY = '2026-11-22';

interface Compiled {
  model: FormModel;
  v: CompiledValidator;
  dossier: JsonObject;
}

const compiled = new Map<string, Compiled>();
let outDir = '';

before(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'dvc-schemas-'));
  for (const file of readdirSync(proceduresDir).filter((f) => f.endsWith('.json'))) {
    const slug = file.replace(/\.json$/, '');
    const result = await compileDefinition(join(proceduresDir, file));
    const validatorFile = join(outDir, `${slug}.validator.js`);
    const code = result.files.get('validator.js');
    assert.ok(code, `${slug}: no validator.js`);
    writeFileSync(validatorFile, code);
    const mod = (await import(pathToFileURL(validatorFile).href)) as CompiledValidator;
    const dossier = JSON.parse(readFileSync(join(dossiersDir, file), 'utf8')) as JsonObject;
    compiled.set(slug, { model: result.model, v: { validate: mod.validate, conditions: mod.conditions }, dossier });
  }
});

after(() => {
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

function get(slug: string): Compiled {
  const c = compiled.get(slug);
  assert.ok(c, `${slug} was not compiled`);
  return { ...c, dossier: structuredClone(c.dossier) };
}

function fee(slug: string, change: (d: JsonObject) => void = () => {}): { total: number; lines: Record<string, number> } {
  const { model, v, dossier } = get(slug);
  change(dossier);
  const q = computeFee(model, v, dossier);
  assert.equal(q.currency, 'VND');
  return { total: q.total, lines: Object.fromEntries(q.lines.map((l) => [l.id, l.amount])) };
}

function obj(v: Json | undefined): JsonObject {
  assert.ok(v && typeof v === 'object' && !Array.isArray(v));
  return v;
}

describe('sample dossiers through the compiled validator and the runtime', () => {
  test('every procedure compiled', () => {
    assert.ok(compiled.size >= 4, `compiled ${compiled.size}`);
  });

  for (const slug of readdirSync(proceduresDir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.replace(/\.json$/, ''))) {
    test(`${slug}: the sample dossier has no issue at all (errors or warnings)`, () => {
      const { model, v, dossier } = get(slug);
      const issues = validateDossier(model, v, dossier, { today: TODAY });
      assert.deepEqual(
        issues.map((i) => `${i.pointer} ${i.keyword}`),
        [],
      );
    });

    test(`${slug}: an empty dossier is refused with errors on required fields`, () => {
      const { model, v } = get(slug);
      const issues = validateDossier(model, v, {}, { today: TODAY });
      assert.ok(
        issues.some((i) => i.severity === 'error' && i.keyword === 'required'),
        JSON.stringify(issues.slice(0, 3)),
      );
    });
  }
});

describe('fees', () => {
  test('birth registration: free registration, 8,000 VND per extract copy', () => {
    assert.deepEqual(fee('birth-registration'), { total: 16000, lines: { registration: 0, extractCopies: 16000 } });
    assert.equal(
      fee('birth-registration', (d) => {
        d.extractCopies = 0;
      }).total,
      0,
    );
    assert.equal(
      fee('birth-registration', (d) => {
        d.extractCopies = 5;
      }).total,
      40000,
    );
  });

  test('marriage registration: free, copies 8,000 VND each', () => {
    assert.equal(fee('marriage-registration').total, 8000);
    assert.equal(
      fee('marriage-registration', (d) => {
        d.extractCopies = 0;
      }).total,
      0,
    );
  });

  test('criminal record: 200,000 VND, +5,000 VND per certificate from the third', () => {
    assert.deepEqual(fee('criminal-record-certificate'), { total: 205000, lines: { certificate: 200000, extraCopies: 5000 } });
    assert.equal(
      fee('criminal-record-certificate', (d) => {
        d.copies = 1;
      }).total,
      200000,
    );
    assert.equal(
      fee('criminal-record-certificate', (d) => {
        d.copies = 2;
      }).total,
      200000,
    );
  });

  test('criminal record: 100,000 VND for students and families of people with merit', () => {
    assert.equal(
      fee('criminal-record-certificate', (d) => {
        d.feeCategory = 'student';
        d.copies = 4;
      }).total,
      110000,
    );
    assert.equal(
      fee('criminal-record-certificate', (d) => {
        d.feeCategory = 'meritFamily';
        d.copies = 1;
      }).total,
      100000,
    );
  });

  test('criminal record: free for exempt people, extra certificates still 5,000 VND', () => {
    for (const cat of ['child', 'elderly', 'disability', 'poorHousehold', 'disadvantagedCommune']) {
      assert.equal(
        fee('criminal-record-certificate', (d) => {
          d.feeCategory = cat;
          d.copies = 1;
        }).total,
        0,
        cat,
      );
    }
    assert.equal(
      fee('criminal-record-certificate', (d) => {
        d.feeCategory = 'elderly';
        d.copies = 3;
      }).total,
      5000,
    );
  });

  test('permanent residence: 10,000 VND online, 20,000 VND shown as the counter price', () => {
    const { model, v, dossier } = get('permanent-residence-registration');
    const q = computeFee(model, v, dossier);
    assert.equal(q.total, 10000);
    assert.equal(q.lines[0]?.counterAmount, 20000);
  });

  test('interlinked group: only the extract copies cost money', () => {
    assert.equal(fee('birth-residence-health-insurance').total, 8000);
  });
});

describe('cross-field rules', () => {
  test('marriage: the groom must be 20, the bride 18', () => {
    const { model, v, dossier } = get('marriage-registration');
    obj(dossier.groom).dateOfBirth = '2007-01-01';
    obj(dossier.bride).dateOfBirth = '2008-11-23';
    const issues = checkRules(model, v, dossier, TODAY);
    const ids = issues
      .filter((i) => i.severity === 'error')
      .map((i) => `${i.ruleId} ${i.pointer}`)
      .sort();
    assert.deepEqual(ids, ['brideMinAge /bride/dateOfBirth', 'groomMinAge /groom/dateOfBirth']);
    obj(dossier.bride).dateOfBirth = '2008-11-22';
    obj(dossier.groom).dateOfBirth = '2006-11-22';
    assert.deepEqual(
      checkRules(model, v, dossier, TODAY).filter((i) => i.severity === 'error'),
      [],
    );
  });

  test('marriage: an ID number that does not match the birth year is a warning, not an error', () => {
    const { model, v, dossier } = get('marriage-registration');
    obj(obj(dossier.bride).idDocument).number = '001301012345';
    const issues = validateDossier(model, v, dossier, { today: TODAY });
    assert.deepEqual(
      issues.map((i) => `${i.severity} ${i.pointer}`),
      ['warning /bride/idDocument/number'],
    );
  });

  test('criminal record: a gap in the residence history is an error on the row after it', () => {
    const { model, v, dossier } = get('criminal-record-certificate');
    const rows = dossier.residenceHistory as JsonObject[];
    rows[1]!.from = '2008-11';
    const issues = checkRules(model, v, dossier, TODAY);
    assert.deepEqual(
      issues.map((i) => `${i.ruleId} ${i.pointer}`),
      ['residenceNoGaps /residenceHistory/1/from'],
    );
    assert.match(issues[0]!.message.vi, /dòng 2/);
  });

  test('criminal record: a row ending before it starts is an error', () => {
    const { model, v, dossier } = get('criminal-record-certificate');
    const rows = dossier.residenceHistory as JsonObject[];
    rows[2]!.to = '2012-06';
    const issues = checkRules(model, v, dossier, TODAY);
    assert.ok(
      issues.some((i) => i.ruleId === 'residenceRowOrder' && i.pointer === '/residenceHistory/2/to'),
      JSON.stringify(issues),
    );
  });

  test('criminal record: an ID number of the other sex is a warning', () => {
    const { model, v, dossier } = get('criminal-record-certificate');
    obj(dossier.applicant).sex = 'female';
    const issues = checkRules(model, v, dossier, TODAY);
    assert.deepEqual(
      issues.map((i) => `${i.severity} ${i.ruleId}`),
      ['warning applicantIdMatches'],
    );
  });

  test('residence: each member row is checked against its own ID number', () => {
    const { model, v, dossier } = get('permanent-residence-registration');
    const members = dossier.otherMembers as JsonObject[];
    members.push({
      fullName: 'Trần Minh Đức',
      dateOfBirth: '2021-03-03',
      sex: 'male',
      idNumber: '079221001111',
      relationshipToHead: 'grandchild',
    });
    members.push({
      fullName: 'Trần Minh An',
      dateOfBirth: '2023-03-03',
      sex: 'male',
      idNumber: '079220002222',
      relationshipToHead: 'grandchild',
    });
    const issues = checkRules(model, v, dossier, TODAY);
    assert.deepEqual(
      issues.map((i) => `${i.ruleId} ${i.pointer}`),
      ['memberIdMatches /otherMembers/2/idNumber'],
    );
  });

  test('birth: the mother must be born before the child', () => {
    const { model, v, dossier } = get('birth-registration');
    obj(dossier.mother).dateOfBirth = '2026-11-03';
    const issues = checkRules(model, v, dossier, TODAY);
    assert.ok(
      issues.some((i) => i.ruleId === 'motherBornBeforeChild' && i.severity === 'error'),
      JSON.stringify(issues),
    );
  });

  test('birth: father rules are silent while the father is undetermined', () => {
    const { model, v, dossier } = get('birth-registration');
    dossier.fatherDetermined = false;
    obj(dossier.father).dateOfBirth = '2027-01-01';
    assert.deepEqual(checkRules(model, v, dossier, TODAY), []);
    dossier.fatherDetermined = true;
    assert.ok(checkRules(model, v, dossier, TODAY).some((i) => i.ruleId === 'fatherBornBeforeChild'));
  });
});

describe('sensitive data', () => {
  test('the criminal-record fee category and the divorce judgments are never written to drafts', () => {
    const paths = (slug: string): string[] => {
      const out: string[] = [];
      const walk = (n: FormModel['root'] | FormModel['root']['children'][number]): void => {
        if (n.sensitive) out.push(n.path);
        if (n.kind === 'group') n.children.forEach(walk);
        if (n.kind === 'array') walk(n.item);
      };
      walk(get(slug).model.root);
      return out.sort();
    };
    assert.deepEqual(paths('criminal-record-certificate'), ['/feeCategory']);
    assert.deepEqual(paths('marriage-registration'), ['/bride/divorceJudgment', '/groom/divorceJudgment']);
  });
});

describe('conditional requirements seen by the runtime', () => {
  test('birth: the power of attorney is required only when an authorised person files', () => {
    const { model, v, dossier } = get('birth-registration');
    const poa = model.attachments.find((a) => a.id === 'powerOfAttorney');
    assert.ok(poa?.requiredWhen);
    const cond = v.conditions[poa.requiredWhen];
    assert.ok(cond);
    assert.equal(cond(dossier), false);
    obj(dossier.requester).relationship = 'authorised';
    assert.equal(cond(dossier), true);
  });

  test('criminal record: certificate No. 2 through a representative is refused at the request type', () => {
    const { model, v, dossier } = get('criminal-record-certificate');
    dossier.certificateType = 2;
    dossier.requestType = 'representative';
    dossier.representative = { fullName: 'Đỗ Văn Thành', idNumber: '033062001111', phone: '0911222333' };
    const issues = validateDossier(model, v, dossier, { today: TODAY });
    assert.ok(
      issues.some((i) => i.pointer === '/requestType' && i.severity === 'error'),
      JSON.stringify(issues.map((i) => i.pointer)),
    );
  });

  test("birth: the parents' marriage block is dropped while the father is undetermined", () => {
    const { model, v, dossier } = get('birth-registration');
    dossier.fatherDetermined = false;
    delete dossier.father;
    obj(dossier.parentsMarriage).issuedOn = 'not a date';
    assert.deepEqual(validateDossier(model, v, dossier, { today: TODAY }), []);
  });
});
