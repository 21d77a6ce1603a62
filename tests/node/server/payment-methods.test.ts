/**
 * Payment methods a back end declares (issue 13, capabilities): `PAYMENT_METHODS` decides what
 * `GET /procedures` lists per procedure, any other method is refused with 422 at `/method` naming the
 * accepted ones, production asks only for the secrets of the methods offered, and the conformance kit
 * checks only what is declared.
 */
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { runConformance } from '../../../conformance/src/kit.js';
import { ConfigError, loadConfig, productionProblems } from '../../../server/src/config.js';
import { validData } from './fixtures/procedure.js';
import { call, conformanceFixtures, devToken, startServer, submit, type TestServer } from './helpers.js';

describe('PAYMENT_METHODS', () => {
  it('defaults to every method; a subset keeps its order; unknown or repeated names are a ConfigError naming the variable', () => {
    assert.deepEqual(loadConfig({}).paymentMethods, ['vietqr', 'vnpay', 'counter']);
    assert.deepEqual(loadConfig({ PAYMENT_METHODS: ' counter, vietqr ' }).paymentMethods, ['counter', 'vietqr']);
    assert.throws(
      () => loadConfig({ PAYMENT_METHODS: 'vietqr,cash' }),
      (e: unknown) => e instanceof ConfigError && /PAYMENT_METHODS/.test(e.message) && /"cash"/.test(e.message),
    );
    assert.throws(
      () => loadConfig({ PAYMENT_METHODS: 'counter,counter' }),
      (e: unknown) => e instanceof ConfigError && /twice/.test(e.message),
    );
  });

  it('production asks for the VNPay and VietQR settings only while those methods are offered', () => {
    const settings = (env: NodeJS.ProcessEnv): string[] => productionProblems(loadConfig(env)).map((p) => p.split(':')[0]!);
    const all = settings({});
    for (const s of ['VNPAY_SECURE_SECRET', 'VNPAY_TMN_CODE', 'VNPAY_HOST', 'VIETQR_NOTIFY_SECRET', 'VIETQR_ACCOUNT_NUMBER'])
      assert.ok(all.includes(s), s);
    const counterOnly = settings({ PAYMENT_METHODS: 'counter' });
    assert.deepEqual(
      counterOnly.filter((s) => /^(VNPAY|VIETQR)_/.test(s)),
      [],
    );
    assert.ok(counterOnly.includes('JWT_ISSUER'), 'the other rules still apply');
    const noVnpay = settings({ PAYMENT_METHODS: 'vietqr,counter' });
    assert.deepEqual(
      noVnpay.filter((s) => /^VNPAY_/.test(s)),
      [],
    );
    assert.ok(noVnpay.includes('VIETQR_NOTIFY_SECRET'));
  });
});

describe('server: a back end that takes VietQR and the counter only', () => {
  let s: TestServer;
  let token: string;
  let fixtures: string;

  before(async () => {
    s = await startServer({}, { PAYMENT_METHODS: 'vietqr,counter' });
    token = await devToken(s.api);
    fixtures = await conformanceFixtures();
  });
  after(async () => {
    await s.stop();
    await rm(fixtures, { recursive: true, force: true });
  });

  it('GET /procedures lists paymentMethods for every procedure', async () => {
    const r = await call(`${s.api}/procedures`);
    assert.equal(r.status, 200);
    assert.ok(r.body.length > 0);
    for (const p of r.body as Array<{ slug: string; paymentMethods: string[] }>)
      assert.deepEqual(p.paymentMethods, ['vietqr', 'counter'], p.slug);
  });

  it('VNPay is refused with 422 at /method naming what is accepted; VietQR and the counter are taken', async () => {
    const filed = await submit(s.api, validData(2), { token });
    assert.equal(filed.status, 201, JSON.stringify(filed.body));
    const pay = (method: string) =>
      call(`${s.api}/dossiers/${filed.body.code}/payments`, { body: { method }, headers: { authorization: `Bearer ${token}` } });
    const refused = await pay('vnpay');
    assert.equal(refused.status, 422);
    assert.equal(refused.body.errors[0].pointer, '/method');
    assert.match(refused.body.detail, /does not accept payment by vnpay; it accepts vietqr, counter/);
    assert.deepEqual(refused.body.paymentMethods, ['vietqr', 'counter']);
    assert.equal((await pay('vietqr')).status, 201);
    assert.equal((await pay('counter')).status, 201);
  });

  it('the conformance kit checks what is declared: the undeclared method refused, no VNPay check failing', async () => {
    const report = await runConformance({ baseUrl: s.api, fixturesDirs: [fixtures] });
    const status = (title: string) => report.results.find((r) => r.title === title)?.status;
    assert.equal(status('payment with a method the back end does not list answers 422 pointing at /method'), 'pass');
    assert.equal(status('payment (VietQR): the QR payload carries the amount of the fee'), 'pass');
    assert.equal(status('payment (a method the back end lists): 201 with the amount the server computed'), 'pass');
    assert.deepEqual(
      report.results.filter((r) => r.status === 'fail').map((r) => `${r.title}: ${r.message}`),
      [],
    );
  });
});

describe('conformance kit against a back end that takes fees at the counter only', () => {
  let s: TestServer;
  let fixtures: string;
  before(async () => {
    s = await startServer({}, { PAYMENT_METHODS: 'counter' });
    fixtures = await conformanceFixtures();
  });
  after(async () => {
    await s.stop();
    await rm(fixtures, { recursive: true, force: true });
  });

  it('skips the VietQR check, saying why, and fails nothing', async () => {
    const report = await runConformance({ baseUrl: s.api, fixturesDirs: [fixtures] });
    const vietqr = report.results.find((r) => r.title === 'payment (VietQR): the QR payload carries the amount of the fee');
    assert.equal(vietqr?.status, 'skip');
    assert.match(vietqr?.message ?? '', /does not list vietqr/);
    assert.equal(
      report.results.find((r) => r.title === 'payment with a method the back end does not list answers 422 pointing at /method')?.status,
      'pass',
    );
    assert.deepEqual(
      report.results.filter((r) => r.status === 'fail').map((r) => `${r.title}: ${r.message}`),
      [],
    );
  });
});
