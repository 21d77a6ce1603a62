/**
 * Personal data never reaches the log (issue 7, item 7). A dossier full of personal data (names, 12-digit
 * ID numbers, phone numbers, addresses) is driven through every error path the server has: validation
 * (422), database errors (real constraint violations: PostgreSQL quotes the whole failing row, PGlite
 * also attaches the statement's parameters), a payment callback error, an upload-create failure and
 * hostile characters. The captured log must hold the errors (so the test sees them) and none of the values.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { DatabaseError, redactMessage, toDatabaseError } from '../../../server/src/db/errors.js';
import { serializeError } from '../../../server/src/log.js';
import { signNotification } from '../../../server/src/payments/vietqr.js';
import { call, devToken, startServer, submit, type TestServer } from './helpers.js';

const PERSON = {
  fullName: 'PHẠM THỊ THU HƯƠNG',
  idNumber: '079190054321',
  dateOfBirth: '1990-07-21',
};
const SPOUSE = 'LÊ QUANG VINH';
const SPOUSE_ID = '001089076543';
const PHONE = '0912873465';
const STREET = '17 Hẻm 42 Lê Văn Sỹ';
const MOTHER = 'ĐỖ THỊ MAI';
/** Every personal value, in the forms a log could hold them (as typed, NFD, upper/lower case, ASCII). */
const SECRETS = [
  PERSON.fullName,
  PERSON.idNumber,
  SPOUSE,
  SPOUSE_ID,
  PHONE,
  STREET,
  MOTHER,
  'PHAM THI THU HUONG',
  'LE QUANG VINH',
  '873465',
];

describe('server: no personal data in the log on any error path', () => {
  let s: TestServer;
  let lines: string[];
  let citizen: string;
  let officer: string;
  const log = { write: (line: string) => lines.push(line) };

  before(async () => {
    lines = [];
    s = await startServer({ logLevel: 'trace' }, {}, { logStream: log });
    citizen = await devToken(s.api, 'dev-citizen-001');
    officer = await devToken(s.api, 'dev-officer-001');
    // Real database failures: constraints that refuse marked rows (the error then quotes the whole row).
    const db = s.app.ctx.db;
    await db.query(`ALTER TABLE dossiers ADD CONSTRAINT log_test_refuse CHECK ((data->>'copies') IS DISTINCT FROM '1')`);
    await db.query(`ALTER TABLE drafts ADD CONSTRAINT log_test_refuse CHECK (body->>'stepId' IS DISTINCT FROM 'refuse-me')`);
    await db.query(`ALTER TABLE payments ADD CONSTRAINT log_test_refuse CHECK (provider_ref IS NULL OR provider_ref NOT LIKE 'REFUSE%')`);
    await db.query(`ALTER TABLE uploads ADD CONSTRAINT log_test_refuse CHECK (filename IS NULL OR filename NOT LIKE 'CCCD%')`);
    await db.query(
      `ALTER TABLE dossier_history ADD CONSTRAINT log_test_refuse CHECK (note IS NULL OR note->>'en' IS DISTINCT FROM 'refuse-me')`,
    );
  });
  after(async () => s.stop());

  const auth = (t: string) => ({ authorization: `Bearer ${t}` });
  const full = (copies: number): Record<string, unknown> => ({ applicant: { ...PERSON }, copies });

  function assertClean(what: string): void {
    const text = lines.join('');
    for (const secret of SECRETS) {
      for (const form of new Set([secret, secret.normalize('NFD'), secret.toLowerCase(), JSON.stringify(secret).slice(1, -1)])) {
        assert.ok(
          !text.includes(form),
          `${what}: the log holds "${form}":\n${lines
            .filter((l) => l.includes(form))
            .join('')
            .slice(0, 2000)}`,
        );
      }
    }
  }
  function errorLines(): Array<{ msg: string; err?: Record<string, unknown> }> {
    return lines.map((l) => JSON.parse(l) as { msg: string; err?: Record<string, unknown>; level: number }).filter((l) => l.level >= 50);
  }

  it('validation (422): a dossier with extra personal fields', async () => {
    const r = await submit(
      s.api,
      { ...full(2), spouse: { fullName: SPOUSE, idNumber: SPOUSE_ID }, phone: PHONE, address: STREET, mother: MOTHER },
      { token: citizen },
    );
    assert.equal(r.status, 422);
    const bad = await submit(
      s.api,
      { applicant: { fullName: SPOUSE, idNumber: 'x' + SPOUSE_ID, dateOfBirth: '2030-01-01' }, copies: 99 },
      { token: citizen },
    );
    assert.equal(bad.status, 422);
    assertClean('validation');
  });

  it('database error on submission (the failing row holds the whole dossier) → 500, logged without values', async () => {
    const before = errorLines().length;
    const r = await submit(s.api, full(1), { token: citizen });
    assert.equal(r.status, 500, JSON.stringify(r.body));
    assert.doesNotMatch(JSON.stringify(r.body), new RegExp(PERSON.idNumber), 'nor in the answer');
    const logged = errorLines().slice(before);
    assert.ok(logged.length >= 1, 'the failure is logged');
    const err = logged.at(-1)!.err!;
    assert.equal(err.type, 'DatabaseError');
    assert.equal(err.sqlState, '23514', 'the SQLSTATE is kept');
    assert.equal(err.constraint, 'log_test_refuse', 'the constraint is kept');
    assert.equal(err.params, undefined);
    assert.equal(err.detail, undefined);
    assertClean('database error (dossier)');
  });

  it('database error on a draft holding phone, address, spouse and parents', async () => {
    const before = errorLines().length;
    const r = await call(`${s.api}/drafts/test-permit`, {
      method: 'PUT',
      headers: auth(citizen),
      body: {
        version: '1.2.0',
        stepId: 'refuse-me',
        data: { ...full(2), spouse: { fullName: SPOUSE, idNumber: SPOUSE_ID }, phone: PHONE, address: { street: STREET }, mother: MOTHER },
      },
    });
    assert.equal(r.status, 500);
    assert.ok(errorLines().length > before, 'the failure is logged');
    assertClean('database error (draft)');
  });

  it('payment callback error: a bank notification whose transaction names the payer', async () => {
    const d = await submit(s.api, full(2), { token: citizen });
    assert.equal(d.status, 201);
    const pay = await call(`${s.api}/dossiers/${d.body.code}/payments`, {
      method: 'POST',
      headers: auth(citizen),
      body: { method: 'vietqr' },
    });
    assert.equal(pay.status, 201, JSON.stringify(pay.body));
    const before = errorLines().length;
    const raw = JSON.stringify({
      transactionId: `REFUSE ${PERSON.fullName} ${PHONE} ${PERSON.idNumber}`,
      amount: pay.body.amount,
      purpose: `${d.body.code} ${PERSON.fullName} ${PHONE}`,
    });
    const r = await fetch(`${s.api}/payments/vietqr/notify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-signature': signNotification(s.app.ctx.config.vietqr.notifySecret, raw) },
      body: raw,
    });
    assert.equal(r.status, 500, await r.text());
    assert.ok(errorLines().length > before, 'the failure is logged');
    // A notification with a NUL in the payer's name: refused before the database.
    const nul = JSON.stringify({ transactionId: 'FT1', amount: 1, purpose: `${d.body.code} ${PERSON.fullName}\u0000 ${PHONE}` });
    const r2 = await fetch(`${s.api}/payments/vietqr/notify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-signature': signNotification(s.app.ctx.config.vietqr.notifySecret, nul) },
      body: nul,
    });
    assert.equal(r2.status, 422);
    assertClean('payment callback');
  });

  it('upload error: the upload record cannot be stored (file name with the name and ID number)', async () => {
    const b64 = (v: string): string => Buffer.from(v).toString('base64');
    const r = await fetch(`${s.url}/api/v1/uploads`, {
      method: 'POST',
      headers: {
        'tus-resumable': '1.0.0',
        'upload-length': '5',
        'upload-metadata': `filename ${b64(`CCCD ${PERSON.fullName} ${PERSON.idNumber} ${PHONE}.pdf`)},filetype ${b64('application/pdf')}`,
      },
    });
    assert.ok(r.status >= 400, `upload create ${r.status}`);
    await r.text();
    const ok = await call(`${s.api}/health`);
    assert.equal(ok.status, 200);
    assertClean('upload create');
  });

  it('officer note that cannot be stored, and hostile characters in a dossier', async () => {
    const d = await submit(s.api, full(2), { token: citizen });
    const before = errorLines().length;
    const r = await call(`${s.api}/officer/dossiers/${d.body.code}/transitions`, {
      headers: auth(officer),
      body: { status: 'supplement-requested', note: { vi: `Gọi ${PHONE} gặp ${MOTHER}, ${STREET}`, en: 'refuse-me' } },
    });
    assert.equal(r.status, 500);
    assert.ok(errorLines().length > before);
    const nul = await submit(s.api, { applicant: { ...PERSON, fullName: `${PERSON.fullName}\u0000` }, copies: 2 }, { token: citizen });
    assert.equal(nul.status, 422);
    assertClean('officer note, NUL');
  });

  it('the whole log, once more, and it is not empty', () => {
    assert.ok(lines.length > 20, `only ${lines.length} log lines`);
    assert.ok(lines.some((l) => l.includes('"sqlState":"23514"')));
    assertClean('whole log');
  });
});

describe('log redaction: the pieces', () => {
  it('toDatabaseError keeps SQLSTATE and names, drops parameters, detail and quoted values', () => {
    const raw = Object.assign(new Error(`invalid input syntax for type integer: "${PHONE}"`), {
      severity: 'ERROR',
      code: '22P02',
      detail: `Failing row contains (${PERSON.fullName}, ${PERSON.idNumber}).`,
      where: `unnamed portal parameter $1 = '${PHONE}'`,
      params: [PERSON.fullName, PERSON.idNumber],
      table: 'dossiers',
      constraint: 'dossiers_pkey',
    });
    const e = toDatabaseError(raw);
    assert.ok(e instanceof DatabaseError);
    assert.equal(e.code, '22P02');
    assert.equal(e.table, 'dossiers');
    const text = JSON.stringify({ ...e, message: e.message, s: serializeError(e) });
    for (const secret of [PHONE, PERSON.fullName, PERSON.idNumber]) assert.ok(!text.includes(secret), secret);
    const other = new Error('boom');
    assert.equal(toDatabaseError(other), other, 'not a driver error: unchanged');
  });

  it('serializeError: allow-list only, no message line in the stack', () => {
    const err = Object.assign(new TypeError(`Unexpected token in "${PERSON.fullName} ${PHONE}"`), {
      body: { name: PERSON.fullName },
      statusCode: 500,
      code: 'X_CODE',
    });
    const out = serializeError(err);
    assert.deepEqual(Object.keys(out).sort(), ['code', 'message', 'stack', 'statusCode', 'type']);
    assert.ok(!JSON.stringify(out).includes(PHONE));
    assert.ok(!JSON.stringify(out).includes(PERSON.fullName));
    assert.match(out.stack ?? '', /^\s+at /);
    assert.equal(redactMessage(`id ${PERSON.idNumber} and '${PHONE}'`), "id # and '…'");
    assert.equal(randomUUID().length, 36);
  });
});
