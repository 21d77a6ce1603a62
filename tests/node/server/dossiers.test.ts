import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { validData } from './fixtures/procedure.js';
import { call, devToken, startServer, submit, type TestServer } from './helpers.js';

const CODE = /^000\.00\.00\.H30-\d{6}-\d{4}$/;

describe('server: dossiers', () => {
  let s: TestServer;
  let token: string;
  before(async () => {
    s = await startServer();
    token = await devToken(s.api);
  });
  after(async () => s.stop());

  it('health checks the database and lists the procedure', async () => {
    const h = await call(`${s.api}/health`);
    assert.equal(h.status, 200);
    assert.equal(h.body.status, 'ok');
    assert.equal(h.body.database, 'ok');
    const p = await call(`${s.api}/procedures`);
    assert.deepEqual(p.body, [
      {
        slug: 'test-permit',
        code: '9.999999',
        version: '1.2.0',
        title: { vi: 'Cấp giấy phép thử nghiệm', en: 'Test permit' },
        paymentMethods: ['vietqr', 'vnpay', 'counter'],
      },
    ]);
  });

  it('submit → code → status with history', async () => {
    const r = await submit(s.api, validData(2), { token });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.match(r.body.code, CODE);
    assert.equal(r.body.status, 'submitted');
    assert.equal(r.body.fee.total, 200000);
    assert.match(r.body.appointmentDate, /^\d{4}-\d{2}-\d{2}$/);
    assert.equal(r.headers.get('location'), `dossiers/${r.body.code}`);
    const st = await call(`${s.api}/dossiers/${r.body.code}`);
    assert.equal(st.status, 200);
    assert.equal(st.body.code, r.body.code);
    assert.equal(st.body.procedure, 'test-permit');
    assert.equal(st.body.status, 'submitted');
    assert.equal(st.body.appointmentDate, r.body.appointmentDate);
    assert.equal(st.body.submittedAt, r.body.submittedAt);
    assert.deepEqual(
      st.body.history.map((h: { status: string }) => h.status),
      ['submitted'],
    );
  });

  it('the same submission twice with one key makes one dossier; another body with the key is 409', async () => {
    const key = randomUUID();
    const a = await submit(s.api, validData(3), { key, token, attachments: [{ attachmentId: 'id-card', documentId: 'doc-001-cccd' }] });
    assert.equal(a.status, 422, 'copies ≥ 3 requires the extra attachment');
    const first = await submit(s.api, validData(2), { key, token });
    assert.equal(first.status, 201);
    const again = await submit(s.api, validData(2), { key, token });
    assert.equal(again.status, 200);
    assert.deepEqual(again.body, first.body);
    const other = await submit(s.api, validData(1), { key, token });
    assert.equal(other.status, 409);
    assert.equal(other.headers.get('content-type'), 'application/problem+json; charset=utf-8');
    const count = await s.app.ctx.db.query<{ n: unknown }>('SELECT count(*) AS n FROM dossiers WHERE code = $1', [first.body.code]);
    assert.equal(Number(count.rows[0].n), 1);
  });

  it('50 concurrent submissions get 50 distinct codes', async () => {
    const results = await Promise.all(Array.from({ length: 50 }, () => submit(s.api, validData(2), { token })));
    for (const r of results) assert.equal(r.status, 201, JSON.stringify(r.body));
    const codes = new Set(results.map((r) => r.body.code as string));
    assert.equal(codes.size, 50);
    const seq = [...codes].map((c) => Number(c.slice(-4))).sort((a, b) => a - b);
    assert.equal(seq[49] - seq[0], 49, 'the sequence has no gaps');
  });

  it('concurrent retries of one key make one dossier', async () => {
    const key = randomUUID();
    const results = await Promise.all(Array.from({ length: 8 }, () => submit(s.api, validData(2), { key, token })));
    const codes = new Set(results.map((r) => r.body.code));
    assert.equal(codes.size, 1);
    assert.equal(results.filter((r) => r.status === 201).length, 1);
    assert.equal(results.filter((r) => r.status === 200).length, 7);
  });

  it('an invalid dossier is a 422 with pointers to the bad fields', async () => {
    const r = await submit(s.api, { applicant: { fullName: 'A', idNumber: '12345', dateOfBirth: '2020-02-02' }, copies: 0 }, { token });
    assert.equal(r.status, 422);
    assert.equal(r.headers.get('content-type'), 'application/problem+json; charset=utf-8');
    assert.equal(r.body.status, 422);
    const pointers = r.body.errors.map((e: { pointer: string }) => e.pointer).sort();
    assert.deepEqual(pointers, ['/data/applicant/dateOfBirth', '/data/applicant/fullName', '/data/applicant/idNumber', '/data/copies']);
    const rule = r.body.errors.find((e: { keyword: string }) => e.keyword === 'rule:min-age');
    assert.equal(rule.message, 'Người yêu cầu phải đủ 14 tuổi.');
    const en = await call(`${s.api}/dossiers`, {
      body: { procedure: 'test-permit', version: '1.2.0', data: { copies: 1 }, attachments: [] },
      headers: { 'idempotency-key': randomUUID(), 'accept-language': 'en-GB,en;q=0.9,vi;q=0.5' },
    });
    assert.equal(en.status, 422);
    const ptrs = en.body.errors.map((e: { pointer: string }) => e.pointer);
    assert.ok(ptrs.includes('/data/applicant/fullName') || ptrs.includes('/data/applicant'), JSON.stringify(en.body.errors));
    assert.ok(
      en.body.errors.every((e: { message: string }) => !/[ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđ]/i.test(e.message)),
      'English messages',
    );
    assert.ok(ptrs.includes('/attachments'), 'the required attachment is reported');
    assert.match(en.body.errors.find((e: { pointer: string }) => e.pointer === '/attachments').message, /required attachment/);
  });

  it('unknown procedure, wrong version, missing key and a malformed body are problems', async () => {
    const unknown = await submit(s.api, validData(), { token, procedure: 'no-such-thing' });
    assert.equal(unknown.status, 422);
    assert.deepEqual(
      unknown.body.errors.map((e: { keyword: string }) => e.keyword),
      ['procedure'],
    );
    const version = await submit(s.api, validData(), { token, version: '0.9.0' });
    assert.equal(version.status, 422);
    assert.equal(version.body.errors[0].pointer, '/version');
    const noKey = await call(`${s.api}/dossiers`, {
      body: { procedure: 'test-permit', version: '1.2.0', data: validData(), attachments: [] },
    });
    assert.equal(noKey.status, 400);
    assert.match(noKey.body.detail, /Idempotency-Key/);
    const shape = await call(`${s.api}/dossiers`, {
      body: { procedure: 'test-permit', data: [], attachments: 'x' },
      headers: { 'idempotency-key': randomUUID() },
    });
    assert.equal(shape.status, 422);
    assert.ok(shape.body.errors.some((e: { pointer: string }) => e.pointer === '/version'));
    const badJson = await call(`${s.api}/dossiers`, {
      raw: '{"procedure":',
      headers: { 'idempotency-key': randomUUID(), 'content-type': 'application/json' },
    });
    assert.equal(badJson.status, 400);
    assert.equal(badJson.body.status, 400);
    assert.ok(!JSON.stringify(badJson.body).includes('at '), 'no stack trace');
    const missing = await call(`${s.api}/dossiers/000.00.00.H30-990101-0001`);
    assert.equal(missing.status, 404);
    assert.equal(missing.body.type, 'https://dvc-forms.dev/problems/not-found');
  });

  it('a document of another citizen or type is refused; without a token documents need sign-in', async () => {
    const other = await submit(s.api, validData(), {
      token,
      attachments: [{ attachmentId: 'id-card', documentId: 'doc-002-cccd' }],
    });
    assert.equal(other.status, 422);
    assert.equal(other.body.errors[0].pointer, '/attachments/0/documentId');
    const anonymous = await submit(s.api, validData(), {});
    assert.equal(anonymous.status, 422);
    assert.equal(anonymous.body.errors[0].pointer, '/attachments/0/documentId');
  });

  it('a body over the limit is a 413 problem', async () => {
    const big = { ...validData(), filler: 'x'.repeat(1024 * 1024 + 10) };
    const r = await submit(s.api, big, { token });
    assert.equal(r.status, 413);
    assert.equal(r.headers.get('content-type'), 'application/problem+json; charset=utf-8');
    assert.equal(r.body.status, 413);
    assert.match(r.body.detail, /1048576 bytes/);
  });

  it('fee quote equals the fee at submission', async () => {
    const q = await call(`${s.api}/procedures/test-permit/fee-quote`, { body: { data: { ...validData(5), student: true } } });
    assert.equal(q.status, 200);
    assert.equal(q.body.total, 115000);
    const r = await submit(
      s.api,
      { ...validData(5), student: true },
      {
        token,
        attachments: [{ attachmentId: 'id-card', documentId: 'doc-001-cccd' }],
      },
    );
    assert.equal(r.status, 422, 'copies 5 needs the extra attachment');
    const nf = await call(`${s.api}/procedures/nope/fee-quote`, { body: { data: {} } });
    assert.equal(nf.status, 404);
  });

  it('unknown routes answer 404 problems and the favicon 204', async () => {
    const r = await call(`${s.api}/nothing-here`);
    assert.equal(r.status, 404);
    assert.equal(r.body.title, 'Not Found');
    const f = await fetch(`${s.url}/favicon.ico`);
    assert.equal(f.status, 204);
  });
});
