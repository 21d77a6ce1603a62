import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { generateKeyPair, SignJWT } from 'jose';
import { DEV_AUDIENCE, DEV_ISSUER } from '../../../server/src/auth.js';
import { call, devToken, startServer, type TestServer } from './helpers.js';

describe('server: identity, prefill, documents, drafts', () => {
  let s: TestServer;
  let token: string;
  before(async () => {
    s = await startServer();
    token = await devToken(s.api, 'dev-citizen-002');
  });
  after(async () => s.stop());
  const auth = (t: string) => ({ authorization: `Bearer ${t}` });

  it('dev issuer lists sample citizens and publishes its ES256 key', async () => {
    const c = await call(`${s.api}/dev-idp/citizens`);
    assert.equal(c.status, 200);
    assert.ok(c.body.length >= 3 && c.body.length <= 5);
    for (const x of c.body) assert.match(x.idNumber, /^\d{12}$/);
    const jwks = await call(`${s.api}/dev-idp/jwks.json`);
    assert.equal(jwks.body.keys[0].kty, 'EC');
    assert.equal(jwks.body.keys[0].crv, 'P-256');
    assert.equal(jwks.body.keys[0].d, undefined, 'no private part');
    const unknown = await call(`${s.api}/dev-idp/token`, { body: { sub: 'nobody' } });
    assert.equal(unknown.status, 404);
  });

  it('prefill and documents for the signed-in citizen', async () => {
    const p = await call(`${s.api}/me/prefill`, { headers: auth(token) });
    assert.equal(p.status, 200);
    assert.equal(p.body['citizen.fullName'], 'TRẦN VĂN BÌNH');
    assert.equal(p.body['citizen.idNumber'], '079088001234');
    assert.deepEqual(p.body['citizen.permanentAddress'], { country: 'VN', province: '79', commune: '25747', street: '88 Yersin' });
    assert.equal(p.headers.get('cache-control'), 'no-store, private');
    const d = await call(`${s.api}/me/documents?documentType=cccd`, { headers: auth(token) });
    assert.deepEqual(
      d.body.map((x: { id: string }) => x.id),
      ['doc-002-cccd'],
    );
  });

  it('no token, a wrong signature, a wrong issuer, an expired token → 401 problems', async () => {
    const none = await call(`${s.api}/me/prefill`);
    assert.equal(none.status, 401);
    assert.equal(none.headers.get('content-type'), 'application/problem+json; charset=utf-8');
    assert.match(none.headers.get('www-authenticate') ?? '', /^Bearer/);

    const [h, p] = token.split('.');
    const forgedPayload = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), sub: 'dev-citizen-001' }),
    ).toString('base64url');
    const tampered = await call(`${s.api}/me/prefill`, { headers: auth(`${h}.${forgedPayload}.${token.split('.')[2]}`) });
    assert.equal(tampered.status, 401);

    const { privateKey } = await generateKeyPair('ES256');
    const sign = (iss: string, exp = '5m') =>
      new SignJWT({})
        .setProtectedHeader({ alg: 'ES256' })
        .setIssuer(iss)
        .setAudience(DEV_AUDIENCE)
        .setSubject('dev-citizen-001')
        .setIssuedAt()
        .setExpirationTime(exp)
        .sign(privateKey);
    const otherKey = await call(`${s.api}/me/prefill`, { headers: auth(await sign(DEV_ISSUER)) });
    assert.equal(otherKey.status, 401);

    const dev = s.app.ctx.dev!;
    const wrongIssuer = await new SignJWT({})
      .setProtectedHeader({ alg: 'ES256', kid: dev.kid })
      .setIssuer('https://evil.example')
      .setAudience(DEV_AUDIENCE)
      .setSubject('dev-citizen-001')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(dev.privateKey);
    const wi = await call(`${s.api}/me/prefill`, { headers: auth(wrongIssuer) });
    assert.equal(wi.status, 401);
    assert.match(wi.body.detail, /iss/);
    const expired = await dev.sign('dev-citizen-001', {}, -120);
    const ex = await call(`${s.api}/me/prefill`, { headers: auth(expired) });
    assert.equal(ex.status, 401);
    assert.match(ex.body.detail, /expired/);
    const garbage = await call(`${s.api}/me/prefill`, { headers: auth('not.a.jwt') });
    assert.equal(garbage.status, 401);
    const basic = await call(`${s.api}/me/prefill`, { headers: { authorization: 'Basic abc' } });
    assert.equal(basic.status, 401);
    // A present but invalid token on an endpoint that also allows anonymous callers is still refused.
    const sub = await call(`${s.api}/dossiers`, {
      body: { procedure: 'test-permit', version: '1.2.0', data: {}, attachments: [] },
      headers: { ...auth('bad'), 'idempotency-key': 'k-12345678' },
    });
    assert.equal(sub.status, 401);
  });

  it('drafts: per citizen and procedure; put, get, delete', async () => {
    const other = await devToken(s.api, 'dev-citizen-003');
    const none = await call(`${s.api}/drafts/test-permit`, { headers: auth(token) });
    assert.equal(none.status, 404);
    const put = await call(`${s.api}/drafts/test-permit`, {
      method: 'PUT',
      body: { version: '1.2.0', data: { copies: 3, applicant: { fullName: 'A B', idNumber: '001090012345' } }, stepId: 'main' },
      headers: auth(token),
    });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    assert.equal(put.body.procedure, 'test-permit');
    assert.ok(Date.parse(put.body.expiresAt) > Date.parse(put.body.updatedAt));
    const got = await call(`${s.api}/drafts/test-permit`, { headers: auth(token) });
    assert.deepEqual(got.body.data, { copies: 3, applicant: { fullName: 'A B' } }, 'x-sensitive values are not kept');
    assert.equal(got.body.stepId, 'main');
    assert.equal((await call(`${s.api}/drafts/test-permit`, { headers: auth(other) })).status, 404);
    const unknown = await call(`${s.api}/drafts/no-such`, { method: 'PUT', body: { version: '1', data: {} }, headers: auth(token) });
    assert.equal(unknown.status, 404);
    const anon = await call(`${s.api}/drafts/test-permit`, { method: 'PUT', body: { version: '1', data: {} } });
    assert.equal(anon.status, 401);
    const del = await fetch(`${s.api}/drafts/test-permit`, { method: 'DELETE', headers: auth(token) });
    assert.equal(del.status, 204);
    assert.equal((await call(`${s.api}/drafts/test-permit`, { headers: auth(token) })).status, 404);
  });

  it('admin units: 34 provinces with communes, cacheable', async () => {
    const r = await call(`${s.api}/admin-units`);
    assert.equal(r.status, 200);
    assert.equal(r.body.provinces.length, 34);
    const hn = r.body.provinces.find((p: { code: string }) => p.code === '01');
    assert.equal(hn.name, 'Hà Nội');
    assert.equal(hn.nameEn, 'Hanoi');
    assert.deepEqual(hn.communes[0], { code: '00004', name: 'Ba Đình', nameEn: 'Ba Dinh' });
    const total = r.body.provinces.reduce((n: number, p: { communes: unknown[] }) => n + p.communes.length, 0);
    assert.ok(total > 3000);
    const etag = r.headers.get('etag') ?? '';
    const again = await fetch(`${s.api}/admin-units`, { headers: { 'if-none-match': etag } });
    assert.equal(again.status, 304);
  });
});

describe('server: without DEV_IDP', () => {
  let s: TestServer;
  let issuer: TestServer;
  before(async () => {
    s = await startServer({ devIdp: false });
    issuer = await startServer();
  });
  after(async () => {
    await s.stop();
    await issuer.stop();
  });

  it('verifies tokens against a configured issuer and JWKS URL', async () => {
    const verifier = await startServer({
      devIdp: false,
      jwtIssuer: DEV_ISSUER,
      jwtAudience: DEV_AUDIENCE,
      jwtJwksUrl: `${issuer.api}/dev-idp/jwks.json`,
    });
    try {
      const t = await devToken(issuer.api, 'dev-citizen-001');
      const ok = await call(`${verifier.api}/drafts/test-permit`, { headers: { authorization: `Bearer ${t}` } });
      assert.equal(ok.status, 404, 'authenticated: no draft yet');
      const { privateKey } = await generateKeyPair('ES256');
      const forged = await new SignJWT({})
        .setProtectedHeader({ alg: 'ES256', kid: issuer.app.ctx.dev!.kid })
        .setIssuer(DEV_ISSUER)
        .setAudience(DEV_AUDIENCE)
        .setSubject('dev-citizen-001')
        .setExpirationTime('5m')
        .sign(privateKey);
      const bad = await call(`${verifier.api}/drafts/test-permit`, { headers: { authorization: `Bearer ${forged}` } });
      assert.equal(bad.status, 401);
    } finally {
      await verifier.stop();
    }
  });

  it('has no dev issuer and refuses tokens when no issuer is configured', async () => {
    assert.equal((await call(`${s.api}/dev-idp/citizens`)).status, 404);
    const r = await call(`${s.api}/me/prefill`, { headers: { authorization: 'Bearer a.b.c' } });
    assert.equal(r.status, 401);
  });
});
