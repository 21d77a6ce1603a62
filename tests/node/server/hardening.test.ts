/**
 * Issue 7 server hardening: JWT without exp, the public lookup (rate limit, no sensitive fee note, no
 * payment id), security headers, Unicode (NFC, bidi controls in officer notes).
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SignJWT } from 'jose';
import { loadProcedures, type LoadedProcedure } from '../../../server/src/procedures.js';
import { publicFee } from '../../../server/src/routes/dossiers.js';
import { feeOf } from '../../../server/src/judge.js';
import { validData, writeTestProcedure } from './fixtures/procedure.js';
import { call, devToken, startServer, submit, type TestServer } from './helpers.js';

/** The test procedure with `student` marked x-sensitive and a note on the student fee case. */
async function sensitiveFeeProcedures(): Promise<{ procedures: Map<string, LoadedProcedure>; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'dvc-sensitive-fee-'));
  await writeTestProcedure(dir);
  const procedures = await loadProcedures(dir);
  const proc = procedures.get('test-permit')!;
  const model = structuredClone(proc.model);
  const student = model.root.children.find((c) => c.key === 'student')!;
  student.sensitive = true;
  const base = model.fees!.lines.find((l) => l.id === 'base')!;
  base.cases[0].note = { vi: 'Miễn giảm: học sinh, sinh viên', en: 'Reduced: student' };
  const copies = model.fees!.lines.find((l) => l.id === 'copies')!;
  copies.cases[0].note = { vi: 'Tính từ bản thứ ba', en: 'From the third copy' };
  procedures.set('test-permit', { ...proc, model });
  return { procedures, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

describe('server hardening: tokens, lookup, headers, Unicode', () => {
  let s: TestServer;
  let procs: Awaited<ReturnType<typeof sensitiveFeeProcedures>>;
  let citizen: string;
  let officer: string;
  before(async () => {
    procs = await sensitiveFeeProcedures();
    s = await startServer({ lookupRateLimit: 1_000_000 }, {}, { procedures: procs.procedures });
    citizen = await devToken(s.api, 'dev-citizen-001');
    officer = await devToken(s.api, 'dev-officer-001');
  });
  after(async () => {
    await s.stop();
    await procs.cleanup();
  });
  const auth = (t: string) => ({ authorization: `Bearer ${t}` });

  it('a JWT without exp is a 401 that says why', async () => {
    const dev = s.app.ctx.dev!;
    const noExp = await new SignJWT({})
      .setProtectedHeader({ alg: 'ES256', kid: dev.kid })
      .setIssuer('urn:dvc-forms:dev-idp')
      .setAudience('dvc-forms')
      .setSubject('dev-citizen-001')
      .setIssuedAt()
      .sign(dev.privateKey);
    const r = await call(`${s.api}/me/prefill`, { headers: auth(noExp) });
    assert.equal(r.status, 401);
    assert.match(r.body.detail, /no expiry \(exp claim\)/);
    const ok = await call(`${s.api}/me/prefill`, { headers: auth(citizen) });
    assert.equal(ok.status, 200);
  });

  it('public lookup: no fee note decided by an x-sensitive field, no payment id; the officer sees both', async () => {
    const r = await submit(s.api, { ...validData(2), student: true }, { token: citizen });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    const code = r.body.code as string;
    assert.equal(r.body.fee.lines[0].note.en, 'Reduced: student', 'the receipt (to the citizen) keeps the note');
    const pay = await call(`${s.api}/dossiers/${code}/payments`, { body: { method: 'counter' }, headers: auth(citizen) });
    assert.equal(pay.status, 201);
    const look = await call(`${s.api}/dossiers/${code}`);
    assert.equal(look.status, 200);
    const text = JSON.stringify(look.body);
    assert.doesNotMatch(text, /student|học sinh/i, 'no note telling the fee category');
    assert.equal(look.body.fee.total, 100000, 'the amount stays');
    assert.equal(look.body.fee.lines[0].note, undefined);
    assert.deepEqual(
      look.body.fee.lines[1].note,
      { vi: 'Tính từ bản thứ ba', en: 'From the third copy' },
      'a note not decided by a sensitive field stays',
    );
    assert.equal(look.body.payment.status, 'pending');
    assert.equal(look.body.payment.id, undefined, 'no payment id');
    assert.ok(!text.includes(pay.body.id), 'the payment id appears nowhere');
    const off = await call(`${s.api}/officer/dossiers/${code}`, { headers: auth(officer) });
    assert.equal(off.status, 200);
    assert.equal(off.body.fee.lines[0].note.en, 'Reduced: student');
    assert.equal(off.body.payment.id, pay.body.id);
  });

  it('publicFee: without the sensitive value the case changes → note dropped; unknown procedure → every note dropped', () => {
    const proc = procs.procedures.get('test-permit')!;
    const data = { ...validData(2), student: true };
    const fee = feeOf(proc, data);
    assert.equal(fee.lines[0].note?.vi, 'Miễn giảm: học sinh, sinh viên');
    const pub = publicFee(fee, data, proc, proc.model.procedure.version);
    assert.equal(pub.lines[0].note, undefined);
    assert.ok(pub.lines[1].note);
    assert.equal(pub.total, fee.total);
    const gone = publicFee(fee, data, undefined, '1.2.0');
    assert.ok(gone.lines.every((l) => l.note === undefined));
  });

  it('nosniff on every answer; no-store on personal answers; none on public reference data', async () => {
    const r = await submit(s.api, validData(2), { token: citizen });
    const code = r.body.code as string;
    await call(`${s.api}/drafts/test-permit`, { method: 'PUT', body: { version: '1.2.0', data: validData(2) }, headers: auth(citizen) });
    const personal = [
      ['GET', `${s.api}/me/prefill`, auth(citizen)],
      ['GET', `${s.api}/me/documents`, auth(citizen)],
      ['GET', `${s.api}/me/prefill`, {}],
      ['GET', `${s.api}/drafts/test-permit`, auth(citizen)],
      ['DELETE', `${s.api}/drafts/test-permit`, auth(citizen)],
      ['GET', `${s.api}/dossiers/${code}`, {}],
      ['GET', `${s.api}/dossiers/000.00.00.H30-260101-9999`, {}],
      ['GET', `${s.api}/officer/dossiers`, auth(officer)],
      ['GET', `${s.api}/officer/dossiers/${code}`, auth(officer)],
      ['GET', `${s.api}/payments/P000000000000000000000000`, {}],
    ] as const;
    for (const [method, url, headers] of personal) {
      const res = await call(url, { method, headers: { ...headers } });
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff', `${method} ${url}`);
      assert.match(res.headers.get('cache-control') ?? '', /no-store/, `${method} ${url} (${res.status})`);
    }
    const created = await call(`${s.api}/dossiers/${code}/payments`, { body: { method: 'counter' } });
    assert.match(created.headers.get('cache-control') ?? '', /no-store/);
    for (const url of [`${s.api}/procedures`, `${s.api}/health`, `${s.url}/nowhere`]) {
      const res = await call(url);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff', url);
    }
    const tus = await fetch(`${s.url}/api/v1/uploads`, { method: 'OPTIONS' });
    assert.equal(tus.headers.get('x-content-type-options'), 'nosniff', 'tus answers too');
    assert.equal((await call(`${s.api}/procedures`)).headers.get('strict-transport-security'), null, 'HSTS is opt-in');
  });

  it('NFD names are stored NFC (dossiers and drafts)', async () => {
    const nfd = 'NGUYỄN VĂN ÁNH'.normalize('NFD');
    assert.notEqual(nfd, nfd.normalize('NFC'));
    const data = validData(2);
    (data.applicant as Record<string, unknown>).fullName = nfd;
    const r = await submit(s.api, data, { token: citizen });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    const off = await call(`${s.api}/officer/dossiers/${r.body.code}`, { headers: auth(officer) });
    assert.equal(off.body.data.applicant.fullName, 'NGUYỄN VĂN ÁNH'.normalize('NFC'));
    const put = await call(`${s.api}/drafts/test-permit`, { method: 'PUT', body: { version: '1.2.0', data }, headers: auth(citizen) });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    const got = await call(`${s.api}/drafts/test-permit`, { headers: auth(citizen) });
    assert.equal(got.body.data.applicant.fullName, 'NGUYỄN VĂN ÁNH'.normalize('NFC'));
  });

  it('bidi override, embedding, isolate and mark characters in officer notes → 422 naming the note', async () => {
    const r = await submit(s.api, validData(2), { token: citizen });
    const code = r.body.code as string;
    for (const ch of ['\u202E', '\u202A', '\u2066', '\u2069', '\u200F', '\u200E']) {
      const bad = await call(`${s.api}/officer/dossiers/${code}/transitions`, {
        body: { status: 'supplement-requested', note: { vi: `Bổ sung ${ch}bản sao${ch}`, en: 'Add a copy' } },
        headers: auth(officer),
      });
      assert.equal(bad.status, 422, `U+${ch.codePointAt(0)!.toString(16)}`);
      assert.equal(bad.body.errors[0].pointer, '/note/vi');
    }
    const en = await call(`${s.api}/officer/dossiers/${code}/transitions`, {
      body: { status: 'supplement-requested', note: { vi: 'Bổ sung bản sao', en: 'Add \u202Eypoc a' } },
      headers: auth(officer),
    });
    assert.equal(en.status, 422);
    assert.equal(en.body.errors[0].pointer, '/note/en');
    const look = await call(`${s.api}/dossiers/${code}`);
    assert.equal(look.body.status, 'submitted', 'nothing changed');
    const ok = await call(`${s.api}/officer/dossiers/${code}/transitions`, {
      body: { status: 'supplement-requested', note: { vi: 'Bổ sung bản sao', en: 'Add a copy' } },
      headers: auth(officer),
    });
    assert.equal(ok.status, 200);
  });
});

describe('server hardening: public lookup rate limit', () => {
  let s: TestServer;
  before(async () => {
    s = await startServer({ trustProxy: true, hstsMaxAge: 31_536_000 }, { LOOKUP_RATE_LIMIT: '60' });
  });
  after(async () => s.stop());

  it('2,000 lookups from one client → 429 problem details with Retry-After; another client still gets through', async () => {
    const token = await devToken(s.api);
    const r = await submit(s.api, validData(2), { token });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    const code = r.body.code as string;
    const statuses: number[] = [];
    let limited: Awaited<ReturnType<typeof call>> | undefined;
    const one = async (): Promise<void> => {
      const res = await call(`${s.api}/dossiers/${code}`, { headers: { 'x-forwarded-for': '203.0.113.7' } });
      statuses.push(res.status);
      if (res.status === 429) limited ??= res;
    };
    for (let i = 0; i < 2000; i += 100) await Promise.all(Array.from({ length: 100 }, one));
    assert.equal(
      statuses.filter((x) => x === 200).length,
      60,
      `exactly the limit answered: ${JSON.stringify([...new Set(statuses)])} ${JSON.stringify(limited?.body)}`,
    );
    assert.equal(statuses.filter((x) => x === 429).length, 1940);
    assert.ok(limited);
    assert.equal(limited.headers.get('content-type'), 'application/problem+json; charset=utf-8');
    assert.equal(limited.body.status, 429);
    assert.match(limited.body.type, /too-many-requests$/);
    assert.match(limited.body.detail, /at most 60 a minute/);
    assert.match(limited.headers.get('retry-after') ?? '', /^[1-9]\d*$/);
    const other = await call(`${s.api}/dossiers/${code}`, { headers: { 'x-forwarded-for': '198.51.100.20' } });
    assert.equal(other.status, 200, 'another client (X-Forwarded-For behind TRUST_PROXY) is counted apart');
    const submitStill = await submit(s.api, validData(2), { token, key: 'rate-limit-other-route-1' });
    assert.equal(submitStill.status, 201, 'only the lookup is limited');
    assert.equal(submitStill.headers.get('strict-transport-security'), 'max-age=31536000; includeSubDomains', 'HSTS_MAX_AGE opted in');
  });
});
