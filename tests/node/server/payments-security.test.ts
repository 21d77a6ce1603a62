/**
 * Payments under attack and bad luck (issue 7, items 3, 4, 5 and the `vnp_Amount` part of 9): only the
 * dossier's owner or an officer of its agency may pay or read payments; `returnUrl` only to allowed
 * origins; gateway URLs from PUBLIC_ORIGIN, never from Host; one open payment per dossier with the
 * gateway's expiry; guarded state changes (also with 40 parallel IPNs on PostgreSQL when DATABASE_URL
 * is set); money that cannot be credited is kept as `refund-due`; malformed callbacks never give 500.
 */
import assert from 'node:assert/strict';
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runConformance } from '../../../conformance/src/kit.js';
import { ConfigError, loadConfig } from '../../../server/src/config.js';
import { MIGRATIONS_DIR, migrate } from '../../../server/src/db/migrate.js';
import { openPglite } from '../../../server/src/db/pglite.js';
import { openPostgres } from '../../../server/src/db/postgres.js';
import { signNotification } from '../../../server/src/payments/vietqr.js';
import { validData } from './fixtures/procedure.js';
import { call, conformanceFixtures, devToken, freshPgSchema, startServer, submit, type TestServer } from './helpers.js';

const VNP_SECRET = 'test-vnpay-secret-security-0123';
const NOTIFY_SECRET = 'test-bank-secret-security';
const PUBLIC = 'https://dvc.example.gov.vn';
const PORTAL = 'https://portal.example.gov.vn';

/** Signs a VNPay callback query as VNPay does: HMAC-SHA512 over the sorted, form-encoded parameters. */
function signVnp(params: Record<string, string>, secret = VNP_SECRET): string {
  const sorted = new URLSearchParams(Object.entries(params).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const hash = createHmac('sha512', secret).update(sorted.toString()).digest('hex');
  sorted.set('vnp_SecureHash', hash);
  return sorted.toString();
}

const newSession = (): string => randomBytes(32).toString('base64url');
const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });
const session = (secret: string): Record<string, string> => ({ 'dvc-session': secret });

describe('server: payment security', () => {
  let s: TestServer;
  let citizen: string;
  let otherCitizen: string;
  let officer: string;
  let otherAgency: string;
  let clock = Date.parse('2026-03-02T02:00:00Z');
  const tick = (minutes: number): void => {
    clock += minutes * 60_000;
  };

  before(async () => {
    s = await startServer(
      { now: () => new Date(clock) },
      {
        VNPAY_SECURE_SECRET: VNP_SECRET,
        VNPAY_TMN_CODE: 'TESTTMN2',
        VIETQR_NOTIFY_SECRET: NOTIFY_SECRET,
        PUBLIC_ORIGIN: PUBLIC,
        CORS_ORIGINS: PORTAL,
        VIETQR_VALIDITY_MINUTES: '30',
      },
    );
    citizen = await devToken(s.api, 'dev-citizen-001');
    otherCitizen = await devToken(s.api, 'dev-citizen-002');
    officer = await devToken(s.api, 'dev-officer-001');
    otherAgency = await devToken(s.api, 'dev-officer-other');
  });
  after(async () => s.stop());

  /** A dossier filed by the signed-in sample citizen. */
  async function citizenDossier(): Promise<string> {
    const r = await submit(s.api, validData(2), { token: citizen });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    return r.body.code as string;
  }

  /** A dossier filed without signing in, with an uploaded ID scan, under the session secret `secret`. */
  async function anonymousDossier(secret: string): Promise<string> {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\n'), Buffer.alloc(200, 0x20), Buffer.from('\n%%EOF\n')]);
    const meta = { filename: 'cccd.pdf', filetype: 'application/pdf', procedure: 'test-permit', attachmentId: 'id-card' };
    const created = await fetch(`${s.api}/uploads`, {
      method: 'POST',
      headers: {
        ...session(secret),
        'tus-resumable': '1.0.0',
        'upload-length': String(pdf.length),
        'upload-metadata': Object.entries(meta)
          .map(([k, v]) => `${k} ${Buffer.from(v).toString('base64')}`)
          .join(','),
      },
    });
    assert.equal(created.status, 201);
    const location = new URL(created.headers.get('location') ?? '', `${s.api}/uploads`).href;
    const patched = await fetch(location, {
      method: 'PATCH',
      headers: { ...session(secret), 'tus-resumable': '1.0.0', 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' },
      body: pdf,
    });
    assert.equal(patched.status, 204);
    const uploadId = decodeURIComponent(new URL(location).pathname.split('/').pop() ?? '');
    const r = await call(`${s.api}/dossiers`, {
      body: { procedure: 'test-permit', version: '1.2.0', data: validData(2), attachments: [{ attachmentId: 'id-card', uploadId }] },
      headers: { ...session(secret), 'idempotency-key': randomUUID() },
    });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    return r.body.code as string;
  }

  const pay = (code: string, body: Record<string, unknown>, headers: Record<string, string> = bearer(citizen)) =>
    call(`${s.api}/dossiers/${code}/payments`, { body, headers });
  const getPayment = (id: string, headers: Record<string, string> = bearer(citizen)) => call(`${s.api}/payments/${id}`, { headers });

  const vnpBase = (id: string, code: string, amount = 200000): Record<string, string> => ({
    vnp_Amount: String(amount * 100),
    vnp_BankCode: 'NCB',
    vnp_OrderInfo: `Thanh toan phi ho so ${code}`,
    vnp_PayDate: '20260302100000',
    vnp_ResponseCode: '00',
    vnp_TmnCode: 'TESTTMN2',
    vnp_TransactionNo: String(14000000 + Math.floor(Math.random() * 999999)),
    vnp_TransactionStatus: '00',
    vnp_TxnRef: id,
  });
  const ipn = async (params: Record<string, string>): Promise<string> => {
    const r = await call(`${s.api}/payments/vnpay/ipn?${signVnp(params)}`);
    assert.equal(r.status, 200);
    return r.body.RspCode as string;
  };
  const notify = (body: unknown) => {
    const raw = JSON.stringify(body);
    return call(`${s.api}/payments/vietqr/notify`, {
      raw,
      headers: { 'content-type': 'application/json', 'x-signature': signNotification(NOTIFY_SECRET, raw) },
    });
  };
  /** History notes of a dossier that record a payment or a refund. */
  const moneyNotes = async (code: string): Promise<{ paid: number; refund: number }> => {
    const st = await call(`${s.api}/dossiers/${code}`);
    const notes = (st.body.history as Array<{ note?: { en?: string } }>).map((h) => h.note?.en ?? '');
    return { paid: notes.filter((n) => / paid$/.test(n)).length, refund: notes.filter((n) => /refunded/.test(n)).length };
  };

  it('payment creation and lookup: anonymous 401, another citizen 404, the owner and the agency’s officer allowed', async () => {
    const code = await citizenDossier();
    const anon = await call(`${s.api}/dossiers/${code}/payments`, { body: { method: 'counter' } });
    assert.equal(anon.status, 401);
    assert.match(anon.headers.get('content-type') ?? '', /problem\+json/);
    assert.match(anon.headers.get('www-authenticate') ?? '', /Bearer/);
    const stranger = await pay(code, { method: 'counter' }, bearer(otherCitizen));
    assert.equal(stranger.status, 404);
    const strangerSession = await pay(code, { method: 'counter' }, session(newSession()));
    assert.equal(strangerSession.status, 404);
    const foreignOfficer = await pay(code, { method: 'counter' }, bearer(otherAgency));
    assert.equal(foreignOfficer.status, 404);
    const forged = await pay(code, { method: 'counter' }, { authorization: 'Bearer not.a.token' });
    assert.equal(forged.status, 401);
    // Unknown and foreign codes answer alike: codes are sequential and guessable.
    const unknown = await pay('000.00.00.H30-990101-0001', { method: 'counter' }, bearer(otherCitizen));
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.detail.replace('990101-0001', ''), stranger.body.detail.replace(code.slice(-11), ''));

    const own = await pay(code, { method: 'counter' });
    assert.equal(own.status, 201, JSON.stringify(own.body));
    assert.equal(own.headers.get('cache-control'), 'no-store, private');
    const byOfficer = await pay(code, { method: 'counter' }, bearer(officer));
    assert.equal(byOfficer.status, 200);
    assert.equal(byOfficer.body.id, own.body.id);

    const id = own.body.id as string;
    assert.equal((await call(`${s.api}/payments/${id}`)).status, 401);
    assert.equal((await getPayment(id, bearer(otherCitizen))).status, 404);
    assert.equal((await getPayment(id, session(newSession()))).status, 404);
    assert.equal((await getPayment(id, bearer(otherAgency))).status, 404);
    assert.equal((await getPayment(id)).status, 200);
    assert.equal((await getPayment(id, bearer(officer))).status, 200);
  });

  it('a dossier filed without signing in is paid with its Dvc-Session secret only', async () => {
    const secret = newSession();
    const code = await anonymousDossier(secret);
    assert.equal((await pay(code, { method: 'counter' }, {})).status, 401);
    assert.equal((await pay(code, { method: 'counter' }, session(newSession()))).status, 404);
    assert.equal((await pay(code, { method: 'counter' }, bearer(citizen))).status, 404);
    assert.equal((await pay(code, { method: 'counter' }, { 'dvc-session': 'too-short' })).status, 400);
    const own = await pay(code, { method: 'counter' }, session(secret));
    assert.equal(own.status, 201, JSON.stringify(own.body));
    // The citizen signed in meanwhile: the token and the same secret together still work.
    const both = await pay(code, { method: 'counter' }, { ...bearer(citizen), ...session(secret) });
    assert.equal(both.status, 200);
    assert.equal((await getPayment(own.body.id, session(secret))).status, 200);
    assert.equal((await getPayment(own.body.id, bearer(officer))).status, 200);
  });

  it('returnUrl: a foreign origin is refused (422 at /returnUrl naming the allowed origins); an allowed one is where VNPay’s return goes', async () => {
    const code = await citizenDossier();
    for (const bad of [
      'https://evil.example/steal',
      'javascript:alert(1)',
      `${PORTAL}.evil.example/x`,
      `https://user@${PORTAL.slice(8)}/x`,
    ]) {
      const r = await pay(code, { method: 'vnpay', returnUrl: bad });
      assert.equal(r.status, 422, bad);
      assert.deepEqual(
        r.body.errors.map((e: { pointer: string }) => e.pointer),
        ['/returnUrl'],
        bad,
      );
      assert.deepEqual(r.body.allowedOrigins, [PORTAL, PUBLIC]);
      assert.match(r.body.detail, new RegExp(PORTAL.replace(/\./g, '\\.')));
    }
    const ok = await pay(code, { method: 'vnpay', returnUrl: `${PORTAL}/ho-so?buoc=thanh-toan` });
    assert.equal(ok.status, 201, JSON.stringify(ok.body));
    const back = await call(`${s.api}/payments/vnpay/return?${signVnp(vnpBase(ok.body.id, code))}`);
    assert.equal(back.status, 302);
    const loc = new URL(back.headers.get('location') ?? '');
    assert.equal(loc.origin + loc.pathname, `${PORTAL}/ho-so`);
    assert.equal(loc.searchParams.get('buoc'), 'thanh-toan');
    assert.equal(loc.searchParams.get('payment'), ok.body.id);
  });

  it('gateway URLs come from PUBLIC_ORIGIN, never from a forged Host header', async () => {
    const code = await citizenDossier();
    const created = await s.app.inject({
      method: 'POST',
      url: `/api/v1/dossiers/${code}/payments`,
      headers: { host: 'evil.example', 'x-forwarded-host': 'evil.example', ...bearer(citizen), 'content-type': 'application/json' },
      payload: JSON.stringify({ method: 'vnpay' }),
    });
    assert.equal(created.statusCode, 201, created.body);
    const p = created.json() as { id: string; redirectUrl: string };
    const redirect = new URL(p.redirectUrl);
    assert.equal(redirect.searchParams.get('vnp_ReturnUrl'), `${PUBLIC}/api/v1/payments/vnpay/return`);
    assert.doesNotMatch(p.redirectUrl, /evil/);
    // Without a stored returnUrl the return goes to the public origin, not to the Host of the request.
    const back = await s.app.inject({
      method: 'GET',
      url: `/api/v1/payments/vnpay/return?${signVnp(vnpBase(p.id, code))}`,
      headers: { host: 'evil.example' },
    });
    assert.equal(back.statusCode, 302);
    assert.equal(new URL(String(back.headers.location)).origin, PUBLIC);
  });

  it('one open payment per dossier: switching method cancels the other; the same method is reused only before the gateway’s expiry', async () => {
    const code = await citizenDossier();
    const qr = await pay(code, { method: 'vietqr' });
    assert.equal(qr.status, 201);
    assert.ok(qr.body.expiresAt, 'a VietQR payment says until when it is offered');
    const vnp = await pay(code, { method: 'vnpay', returnUrl: `${PORTAL}/r` });
    assert.equal(vnp.status, 201);
    assert.equal((await getPayment(qr.body.id)).body.status, 'cancelled');
    assert.equal(Date.parse(vnp.body.expiresAt) - Date.parse(vnp.body.createdAt), 15 * 60_000);
    const expire = new URL(vnp.body.redirectUrl).searchParams.get('vnp_ExpireDate');
    assert.equal(expire, '20260302091500', 'vnp_ExpireDate is creation + 15 min in GMT+7');

    tick(14);
    const same = await pay(code, { method: 'vnpay', returnUrl: `${PORTAL}/r` });
    assert.equal(same.status, 200);
    assert.equal(same.body.id, vnp.body.id);
    tick(2); // past vnp_ExpireDate: VNPay would refuse the old URL
    const fresh = await pay(code, { method: 'vnpay', returnUrl: `${PORTAL}/r` });
    assert.equal(fresh.status, 201);
    assert.notEqual(fresh.body.id, vnp.body.id);
    assert.equal((await getPayment(vnp.body.id)).body.status, 'expired');

    // VietQR validity is configurable (VIETQR_VALIDITY_MINUTES=30 here).
    const qr2 = await pay(code, { method: 'vietqr' });
    assert.equal(qr2.status, 201);
    assert.equal((await getPayment(fresh.body.id)).body.status, 'cancelled');
    tick(29);
    assert.equal((await pay(code, { method: 'vietqr' })).body.id, qr2.body.id);
    tick(2);
    const qr3 = await pay(code, { method: 'vietqr' });
    assert.equal(qr3.status, 201);
    assert.equal((await getPayment(qr2.body.id)).body.status, 'expired');
  });

  it('no payment for a dossier already paid (409 already-paid), refused or completed (409 dossier-closed)', async () => {
    const code = await citizenDossier();
    const qr = await pay(code, { method: 'vietqr' });
    assert.equal((await notify({ transactionId: `FT${Date.now()}`, amount: 200000, purpose: code })).status, 204);
    assert.equal((await getPayment(qr.body.id)).body.status, 'paid');
    const again = await pay(code, { method: 'vnpay' });
    assert.equal(again.status, 409);
    assert.match(again.body.type, /already-paid$/);

    const refused = await citizenDossier();
    const moved = await call(`${s.api}/officer/dossiers/${refused}/transitions`, {
      body: { status: 'rejected', note: { vi: 'Không đủ điều kiện.' } },
      headers: bearer(officer),
    });
    assert.equal(moved.status, 200);
    const r = await pay(refused, { method: 'counter' });
    assert.equal(r.status, 409);
    assert.match(r.body.type, /dossier-closed$/);

    const done = await citizenDossier();
    for (const status of ['received', 'processing', 'result-ready', 'completed']) {
      tick(1);
      const m = await call(`${s.api}/officer/dossiers/${done}/transitions`, { body: { status }, headers: bearer(officer) });
      assert.equal(m.status, 200, JSON.stringify(m.body));
    }
    const c = await pay(done, { method: 'vietqr' });
    assert.equal(c.status, 409);
    assert.match(c.body.detail, /completed/);
  });

  it('a confirmation for a cancelled payment while another one is paid is kept as refund-due, never a second paid', async () => {
    const code = await citizenDossier();
    const vnp = await pay(code, { method: 'vnpay', returnUrl: `${PORTAL}/r` });
    const qr = await pay(code, { method: 'vietqr' }); // cancels the VNPay one
    assert.equal((await getPayment(vnp.body.id)).body.status, 'cancelled');
    assert.equal((await notify({ transactionId: `FT-A-${Date.now()}`, amount: 200000, purpose: `CK ${code}` })).status, 204);
    assert.equal((await getPayment(qr.body.id)).body.status, 'paid');
    // The citizen had finished the VNPay page in another tab: VNPay confirms the cancelled payment.
    assert.equal(await ipn(vnpBase(vnp.body.id, code)), '00');
    const late = await getPayment(vnp.body.id);
    assert.equal(late.body.status, 'refund-due');
    assert.ok(late.body.paidAt, 'the money trail keeps when it was received');
    assert.equal((await getPayment(qr.body.id)).body.status, 'paid');
    assert.deepEqual(await moneyNotes(code), { paid: 1, refund: 1 });
    // Told again: already recorded.
    assert.equal(await ipn(vnpBase(vnp.body.id, code)), '02');
    assert.deepEqual(await moneyNotes(code), { paid: 1, refund: 1 });
    // The officer sees the refund too.
    const seen = await call(`${s.api}/officer/dossiers/${code}`, { headers: bearer(officer) });
    assert.ok((seen.body.history as Array<{ note?: { vi: string } }>).some((h) => /hoàn trả/.test(h.note?.vi ?? '')));
  });

  it('a confirmation for a cancelled payment of an unpaid dossier is credited once, and the open one is cancelled', async () => {
    const code = await citizenDossier();
    const vnp = await pay(code, { method: 'vnpay', returnUrl: `${PORTAL}/r` });
    const qr = await pay(code, { method: 'vietqr' });
    assert.equal(await ipn(vnpBase(vnp.body.id, code)), '00');
    assert.equal((await getPayment(vnp.body.id)).body.status, 'paid');
    assert.equal((await getPayment(qr.body.id)).body.status, 'cancelled');
    // Then the bank transfer comes too: it is money to give back.
    assert.equal((await notify({ transactionId: `FT-B-${Date.now()}`, amount: 200000, purpose: code })).status, 204);
    assert.equal((await getPayment(qr.body.id)).body.status, 'refund-due');
    assert.deepEqual(await moneyNotes(code), { paid: 1, refund: 1 });
    const pub = await call(`${s.api}/dossiers/${code}`);
    assert.deepEqual(pub.body.payment, { status: 'paid', amount: 200000 });
  });

  it('a confirmation after a refusal is refund-due; a second bank transfer is refund-due; the same transfer twice is recorded once', async () => {
    const code = await citizenDossier();
    const vnp = await pay(code, { method: 'vnpay', returnUrl: `${PORTAL}/r` });
    const moved = await call(`${s.api}/officer/dossiers/${code}/transitions`, {
      body: { status: 'rejected', note: { vi: 'Hồ sơ không hợp lệ.' } },
      headers: bearer(officer),
    });
    assert.equal(moved.status, 200);
    assert.equal(await ipn(vnpBase(vnp.body.id, code)), '00');
    assert.equal((await getPayment(vnp.body.id)).body.status, 'refund-due');
    assert.deepEqual(await moneyNotes(code), { paid: 0, refund: 1 });

    const other = await citizenDossier();
    const qr = await pay(other, { method: 'vietqr' });
    const first = { transactionId: `FT-C-${Date.now()}`, amount: 200000, purpose: other };
    assert.equal((await notify(first)).status, 204);
    assert.equal((await notify(first)).status, 204);
    assert.equal((await getPayment(qr.body.id)).body.status, 'paid');
    assert.deepEqual(await moneyNotes(other), { paid: 1, refund: 0 });
    assert.equal((await notify({ ...first, transactionId: `${first.transactionId}-2` })).status, 204);
    assert.deepEqual(await moneyNotes(other), { paid: 1, refund: 1 });
    assert.equal((await getPayment(qr.body.id)).body.status, 'paid');
  });

  it('20 success and 20 failure IPNs in parallel end consistently: status and paidAt agree, one history note at most', async () => {
    for (let round = 0; round < 3; round++) {
      const code = await citizenDossier();
      const vnp = await pay(code, { method: 'vnpay', returnUrl: `${PORTAL}/r` });
      const ok = vnpBase(vnp.body.id, code);
      const fail = { ...ok, vnp_ResponseCode: '24', vnp_TransactionStatus: '02' };
      const answers = await Promise.all(
        Array.from({ length: 40 }, (_, i) => call(`${s.api}/payments/vnpay/ipn?${signVnp(i % 2 === 0 ? ok : fail)}`)),
      );
      const codes = answers.map((a) => a.body.RspCode as string);
      assert.ok(
        codes.every((c) => c === '00' || c === '02'),
        codes.join(','),
      );
      // At most one failure (pending → failed) and exactly one success (→ paid: money taken is
      // credited, even after a failure report) change the payment; every other IPN is "already confirmed".
      assert.equal(
        codes.filter((c, i) => i % 2 === 0 && c === '00').length,
        1,
        `successes: ${codes.filter((_, i) => i % 2 === 0).join(',')}`,
      );
      assert.ok(
        codes.filter((c, i) => i % 2 === 1 && c === '00').length <= 1,
        `failures: ${codes.filter((_, i) => i % 2 === 1).join(',')}`,
      );
      const p = await getPayment(vnp.body.id);
      assert.equal(p.body.status, 'paid');
      assert.ok(p.body.paidAt, `status ${p.body.status} with paidAt ${p.body.paidAt}`);
      assert.deepEqual(await moneyNotes(code), { paid: 1, refund: 0 }, 'exactly one history note');
    }
  });

  it('malformed VNPay and VietQR callbacks get the gateway’s error answer or a 4xx, never a 500', async () => {
    const code = await citizenDossier();
    const vnp = await pay(code, { method: 'vnpay', returnUrl: `${PORTAL}/r` });
    const base = vnpBase(vnp.body.id, code);
    for (const amount of ['abc', '12.5', '-100', '1e10', '99999999999999999999999', '150', '0x10']) {
      // Signed with the right secret: the amount is what is wrong (04).
      assert.equal(await ipn({ ...base, vnp_Amount: amount }), '04', amount);
      const back = await call(`${s.api}/payments/vnpay/return?${signVnp({ ...base, vnp_Amount: amount })}`);
      assert.ok(back.status === 302 || (back.status >= 400 && back.status < 500), `return with vnp_Amount=${amount}: ${back.status}`);
      // Unsigned (wrong secret): 97 and 400.
      const forged = signVnp({ ...base, vnp_Amount: amount }, 'wrong');
      assert.equal((await call(`${s.api}/payments/vnpay/ipn?${forged}`)).body.RspCode, '97');
      assert.equal((await call(`${s.api}/payments/vnpay/return?${forged}`)).status, 400);
    }
    const q = signVnp(base);
    for (const bad of [
      `${q}&vnp_Amount=1`, // a repeated parameter
      q.replace(/vnp_SecureHash=[0-9a-f]+/, 'vnp_SecureHash=zz'),
      q.replace(/&?vnp_SecureHash=[0-9a-f]+/, ''),
      '',
      'vnp_Amount[x]=1',
    ]) {
      const a = await call(`${s.api}/payments/vnpay/ipn?${bad}`);
      assert.equal(a.status, 200, bad);
      assert.equal(a.body.RspCode, '97', bad);
      const b = await call(`${s.api}/payments/vnpay/return?${bad}`);
      assert.equal(b.status, 400, bad);
    }
    assert.equal(await ipn({ ...base, vnp_TxnRef: '../x' }), '01');
    assert.equal((await getPayment(vnp.body.id)).body.status, 'pending');

    for (const body of [
      { transactionId: 'FT1', amount: 'abc', purpose: code },
      { transactionId: 'FT1', amount: 1e300, purpose: code },
      { transactionId: 'FT1', amount: 200000, purpose: code, paidAt: 'yesterday' },
      { transactionId: ['FT1'], amount: 200000, purpose: code },
      { transactionId: 'FT1', amount: 200000, purpose: { code } },
    ]) {
      const r = await notify(body);
      assert.equal(r.status, 422, JSON.stringify(body));
      assert.ok(r.body.errors.length > 0);
    }
    for (const raw of ['[1,2]', 'null', '"x"']) {
      const r = await call(`${s.api}/payments/vietqr/notify`, {
        raw,
        headers: { 'content-type': 'application/json', 'x-signature': signNotification(NOTIFY_SECRET, raw) },
      });
      assert.equal(r.status, 422, raw); // well-formed JSON of the wrong shape
    }
  });

  it('the public lookup shows the payment’s status and amount, never its id', async () => {
    const code = await citizenDossier();
    const p = await pay(code, { method: 'vnpay', returnUrl: `${PORTAL}/r` });
    const pub = await call(`${s.api}/dossiers/${code}`);
    assert.deepEqual(pub.body.payment, { status: 'pending', amount: 200000 });
    assert.ok(!JSON.stringify(pub.body).includes(p.body.id), 'the payment id is not in the public lookup');
  });
});

describe('conformance kit: payment security checks', () => {
  const TITLES = [
    'payment security: creating a payment without sign-in or the filing’s session secret answers 401',
    'payment security: a payment for another citizen’s dossier is refused (403 or 404)',
    'payment security: a returnUrl to a foreign origin answers 422 pointing at /returnUrl',
    'payment security: GET /payments/{id} without sign-in or the filing’s session secret answers 401',
  ];
  let s: TestServer;
  let fixtures: string;
  let proxy: http.Server;
  let proxyUrl: string;

  before(async () => {
    s = await startServer();
    fixtures = await conformanceFixtures();
    // A back end that lets anyone pay any dossier, look at any payment, and come back anywhere: every
    // payment call is passed on as the filer's (the first Dvc-Session seen), without its returnUrl.
    const target = new URL(s.url);
    let filer: string | undefined;
    proxy = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const url = req.url ?? '/';
        const headers = { ...req.headers };
        let body = Buffer.concat(chunks);
        if (req.method === 'POST' && url === '/api/v1/dossiers' && typeof headers['dvc-session'] === 'string') {
          filer ??= headers['dvc-session'];
        }
        if (/\/payments(\/|$)/.test(url) && filer) {
          delete headers.authorization;
          headers['dvc-session'] = filer;
          if (req.method === 'POST' && body.length > 0) {
            const b = JSON.parse(body.toString()) as Record<string, unknown>;
            delete b.returnUrl;
            body = Buffer.from(JSON.stringify(b));
            headers['content-length'] = String(body.length);
          }
        }
        const up = http.request({ host: target.hostname, port: target.port, path: url, method: req.method, headers }, (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        });
        up.on('error', () => res.destroy());
        up.end(body);
      });
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  });

  after(async () => {
    proxy.closeAllConnections();
    await new Promise<void>((resolve) => proxy.close(() => resolve()));
    await s.stop();
    await rm(fixtures, { recursive: true, force: true });
  });

  it('pass against the reference back end, without a token (the filing’s Dvc-Session makes the kit the owner)', async () => {
    const report = await runConformance({ baseUrl: s.api, fixturesDirs: [fixtures] });
    for (const title of TITLES) assert.equal(report.results.find((r) => r.title === title)?.status, 'pass', title);
    for (const title of [
      'payment (a method the back end lists): 201 with the amount the server computed',
      'GET /payments/{id} answers the payment',
    ]) {
      assert.equal(report.results.find((r) => r.title === title)?.status, 'pass', title);
    }
  });

  it('fail, saying what is wrong, against a back end that lets anyone pay and look', async () => {
    const report = await runConformance({ baseUrl: `${proxyUrl}/api/v1`, fixturesDirs: [fixtures] });
    const msg = (title: string): string => {
      const r = report.results.find((x) => x.title === title);
      assert.equal(r?.status, 'fail', `${title} should fail`);
      return r?.message ?? '';
    };
    assert.match(msg(TITLES[0]), /answered 20[01].*expected 401/);
    assert.match(msg(TITLES[1]), /answered 20[01].*expected 403 or 404/);
    assert.match(msg(TITLES[2]), /answered 20[01].*expected 422/);
    assert.match(msg(TITLES[3]), /answered 200.*expected 401/);
  });
});

describe('payment settings and migration 005', () => {
  it('PUBLIC_ORIGIN and PAYMENT_RETURN_ORIGINS: defaults, derivation from CORS_ORIGINS, errors naming the variable', () => {
    const dev = loadConfig({ PORT: '8090' });
    assert.equal(dev.publicOrigin, 'http://localhost:8090');
    assert.equal(dev.publicOriginSet, false);
    assert.deepEqual(dev.paymentReturnOrigins, ['http://localhost:8090', 'http://127.0.0.1:8090']);
    assert.equal(dev.vnpay.returnUrl, undefined);
    assert.equal(dev.vietqrValidityMinutes, 1440);

    const prod = loadConfig({ PUBLIC_ORIGIN: 'https://DVC.example.gov.vn/', CORS_ORIGINS: 'https://portal.example.gov.vn, *' });
    assert.equal(prod.publicOrigin, 'https://dvc.example.gov.vn');
    assert.equal(prod.publicOriginSet, true);
    assert.deepEqual(
      prod.paymentReturnOrigins,
      ['https://portal.example.gov.vn', 'https://dvc.example.gov.vn'],
      '"*" is never a return origin',
    );
    const explicit = loadConfig({
      PUBLIC_ORIGIN: 'https://dvc.example.gov.vn',
      PAYMENT_RETURN_ORIGINS: 'https://a.example, http://b.example:8443',
    });
    assert.deepEqual(explicit.paymentReturnOrigins, ['https://a.example', 'http://b.example:8443']);

    for (const [name, value] of [
      ['PUBLIC_ORIGIN', 'https://dvc.example.gov.vn/api'],
      ['PUBLIC_ORIGIN', 'dvc.example.gov.vn'],
      ['PUBLIC_ORIGIN', 'https://a.example,https://b.example'],
      ['PAYMENT_RETURN_ORIGINS', '*'],
      ['PAYMENT_RETURN_ORIGINS', 'javascript:alert(1)'],
      ['PAYMENT_RETURN_ORIGINS', 'https://user:pw@a.example'],
      ['VIETQR_VALIDITY_MINUTES', 'soon'],
      ['VNPAY_RETURN_URL', '/api/v1/payments/vnpay/return'],
    ]) {
      assert.throws(
        () => loadConfig({ [name]: value }),
        (err: unknown) => err instanceof ConfigError && err.message.startsWith(`${name}:`),
        `${name}=${value}`,
      );
    }
  });

  it('migration 005 backfills owners, leaves one open and one paid payment per dossier, and enforces it', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'dvc-mig005-'));
    const before005 = path.join(root, 'migrations');
    await mkdir(before005);
    for (const f of await readdir(MIGRATIONS_DIR))
      if (/^00[1-4].*\.sql$/.test(f)) await copyFile(path.join(MIGRATIONS_DIR, f), path.join(before005, f));
    const pgSchema = await freshPgSchema();
    const db = pgSchema ? await openPostgres(pgSchema.url) : await openPglite(path.join(root, 'pglite'));
    try {
      await migrate(db, before005);
      const dossier = async (code: string, citizen: string | null): Promise<unknown> =>
        (
          await db.query<{ id: unknown }>(
            `INSERT INTO dossiers (code, procedure_slug, procedure_version, data, status, fee, submitted_at, appointment_date, citizen_subject, agency_code)
             VALUES ($1, 'test-permit', '1.2.0', '{}', 'submitted', '{"total":200000}', now(), '2026-03-10', $2, '000.00.00.H30') RETURNING id`,
            [code, citizen],
          )
        ).rows[0].id;
      const payment = (id: string, d: unknown, status: string, minutes: number): Promise<unknown> =>
        db.query(
          `INSERT INTO payments (id, dossier_id, method, amount, status, created_at, paid_at) VALUES ($1, $2, 'vietqr', 200000, $3,
             now() + make_interval(mins => $4::int), CASE WHEN $3 = 'paid' THEN now() + make_interval(mins => $4::int) END)`,
          [id, d, status, minutes],
        );
      const a = await dossier('000.00.00.H30-260302-0001', 'dev-citizen-001');
      const b = await dossier('000.00.00.H30-260302-0002', null);
      await payment('PA1', a, 'pending', 1);
      await payment('PA2', a, 'pending', 2);
      await payment('PB1', b, 'paid', 1);
      await payment('PB2', b, 'paid', 2);
      await payment('PB3', b, 'pending', 3);

      assert.ok((await migrate(db)).some((f) => f.startsWith('005_')));
      const owners = await db.query<{ code: string; owner: string | null }>('SELECT code, owner FROM dossiers ORDER BY code');
      assert.deepEqual(
        owners.rows.map((r) => r.owner),
        ['citizen:dev-citizen-001', null],
      );
      const st = await db.query<{ id: string; status: string }>('SELECT id, status FROM payments ORDER BY id');
      assert.deepEqual(Object.fromEntries(st.rows.map((r) => [r.id, r.status])), {
        PA1: 'cancelled',
        PA2: 'pending',
        PB1: 'paid',
        PB2: 'refund-due',
        PB3: 'cancelled',
      });
      await assert.rejects(payment('PA3', a, 'pending', 4), /payments_one_open_idx|duplicate key/);
      await assert.rejects(payment('PB4', b, 'paid', 4), /payments_one_paid_idx|duplicate key/);
    } finally {
      await db.close();
      await pgSchema?.drop();
      await rm(root, { recursive: true, force: true });
    }
  });
});
