import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { decodeVietQr, signNotification } from '../../../server/src/payments/vietqr.js';
import { validData } from './fixtures/procedure.js';
import { call, devToken, startServer, submit, type TestServer } from './helpers.js';

const VNP_SECRET = 'test-vnpay-secret-0123456789';
const NOTIFY_SECRET = 'test-bank-secret';

/** Signs a VNPay callback query as VNPay does: HMAC-SHA512 over the sorted, URL-encoded parameters. */
function signVnp(params: Record<string, string>, secret = VNP_SECRET): string {
  const sorted = new URLSearchParams(Object.entries(params).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const hash = createHmac('sha512', secret).update(sorted.toString()).digest('hex');
  sorted.set('vnp_SecureHash', hash);
  return sorted.toString();
}

describe('server: payments', () => {
  let s: TestServer;
  let token: string;
  before(async () => {
    s = await startServer(
      {},
      {
        VNPAY_SECURE_SECRET: VNP_SECRET,
        VNPAY_TMN_CODE: 'TESTTMN1',
        VIETQR_NOTIFY_SECRET: NOTIFY_SECRET,
        VIETQR_BANK_BIN: '970436',
        VIETQR_ACCOUNT_NUMBER: '0011001234567',
        CORS_ORIGINS: 'http://localhost:5173',
      },
    );
    token = await devToken(s.api);
  });
  after(async () => s.stop());

  /** The dossier's owner: the citizen who filed it. */
  const asOwner = (): Record<string, string> => ({ authorization: `Bearer ${token}` });

  async function newDossier(copies = 4, student = false): Promise<string> {
    const attachments = [{ attachmentId: 'id-card', documentId: 'doc-001-cccd' }];
    const r = await submit(s.api, { ...validData(Math.min(copies, 2)), student }, { token, attachments });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    return r.body.code as string;
  }

  it('VietQR: the payload decodes to the server-computed amount and the dossier code as purpose', async () => {
    const code = await newDossier();
    // The browser cannot choose the amount: extra fields are refused.
    const tamper = await call(`${s.api}/dossiers/${code}/payments`, { body: { method: 'vietqr', amount: 1 }, headers: asOwner() });
    assert.equal(tamper.status, 422);
    const r = await call(`${s.api}/dossiers/${code}/payments`, { body: { method: 'vietqr' }, headers: asOwner() });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.equal(r.body.amount, 200000);
    assert.equal(r.body.status, 'pending');
    assert.equal(r.body.dossierCode, code);
    const decoded = decodeVietQr(r.body.vietqr.payload);
    assert.deepEqual(decoded, {
      valid: true,
      bankBin: '970436',
      accountNumber: '0011001234567',
      amount: 200000,
      purpose: code,
      dynamic: true,
    });
    // Asking again answers the same pending payment.
    const again = await call(`${s.api}/dossiers/${code}/payments`, { body: { method: 'vietqr' }, headers: asOwner() });
    assert.equal(again.status, 200);
    assert.equal(again.body.id, r.body.id);

    // Bank notification: bad signature 401, short amount 422, good 204, then paid.
    const body = JSON.stringify({ transactionId: 'FT2611220001', amount: 200000, purpose: `CK ${code} NGUYEN VAN AN` });
    const bad = await call(`${s.api}/payments/vietqr/notify`, {
      raw: body,
      headers: { 'content-type': 'application/json', 'x-signature': signNotification('wrong', body) },
    });
    assert.equal(bad.status, 401);
    const shortBody = JSON.stringify({ transactionId: 'FT1', amount: 1000, purpose: code });
    const short = await call(`${s.api}/payments/vietqr/notify`, {
      raw: shortBody,
      headers: { 'content-type': 'application/json', 'x-signature': signNotification(NOTIFY_SECRET, shortBody) },
    });
    assert.equal(short.status, 422);
    const good = await call(`${s.api}/payments/vietqr/notify`, {
      raw: body,
      headers: { 'content-type': 'application/json', 'x-signature': signNotification(NOTIFY_SECRET, body) },
    });
    assert.equal(good.status, 204);
    const p = await call(`${s.api}/payments/${r.body.id}`, { headers: asOwner() });
    assert.equal(p.body.status, 'paid');
    assert.ok(p.body.paidAt);
    const st = await call(`${s.api}/dossiers/${code}`);
    assert.equal(st.body.payment.status, 'paid');
    assert.equal(st.body.history.length, 2);
    const more = await call(`${s.api}/dossiers/${code}/payments`, { body: { method: 'counter' }, headers: asOwner() });
    assert.equal(more.status, 409);
  });

  it('VNPay: redirect URL is signed; IPN bad checksum 97, unknown 01, wrong amount 04, good 00, repeated 02', async () => {
    const code = await newDossier();
    const r = await call(`${s.api}/dossiers/${code}/payments`, {
      body: { method: 'vnpay', returnUrl: 'http://localhost:5173/receipt' },
      headers: asOwner(),
    });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    const redirect = new URL(r.body.redirectUrl);
    assert.equal(redirect.origin, 'https://sandbox.vnpayment.vn');
    assert.equal(redirect.searchParams.get('vnp_Amount'), '20000000');
    assert.equal(redirect.searchParams.get('vnp_TxnRef'), r.body.id);
    assert.equal(redirect.searchParams.get('vnp_TmnCode'), 'TESTTMN1');
    const params = Object.fromEntries([...redirect.searchParams].filter(([k]) => k !== 'vnp_SecureHash'));
    assert.equal(signVnp(params).split('vnp_SecureHash=')[1], redirect.searchParams.get('vnp_SecureHash'));

    const ipn = (q: string) => call(`${s.api}/payments/vnpay/ipn?${q}`);
    const base = {
      vnp_Amount: '20000000',
      vnp_BankCode: 'NCB',
      vnp_OrderInfo: `Thanh toan phi ho so ${code}`,
      vnp_PayDate: '20261122103000',
      vnp_ResponseCode: '00',
      vnp_TmnCode: 'TESTTMN1',
      vnp_TransactionNo: '14012345',
      vnp_TransactionStatus: '00',
      vnp_TxnRef: r.body.id as string,
    };
    assert.equal((await ipn(signVnp(base, 'not-the-secret'))).body.RspCode, '97');
    assert.equal((await ipn(signVnp(base).replace('vnp_Amount=20000000', 'vnp_Amount=100'))).body.RspCode, '97');
    assert.equal((await ipn(signVnp({ ...base, vnp_TxnRef: 'P000000000000000000000000' }))).body.RspCode, '01');
    assert.equal((await ipn(signVnp({ ...base, vnp_Amount: '100' }))).body.RspCode, '04');
    assert.equal((await call(`${s.api}/payments/${r.body.id}`, { headers: asOwner() })).body.status, 'pending');
    const ok = await ipn(signVnp(base));
    assert.deepEqual(ok.body.RspCode, '00');
    assert.equal((await call(`${s.api}/payments/${r.body.id}`, { headers: asOwner() })).body.status, 'paid');
    assert.equal((await ipn(signVnp(base))).body.RspCode, '02');

    const back = await call(`${s.api}/payments/vnpay/return?${signVnp(base)}`);
    assert.equal(back.status, 302);
    const loc = new URL(back.headers.get('location') ?? '');
    assert.equal(loc.origin + loc.pathname, 'http://localhost:5173/receipt');
    assert.equal(loc.searchParams.get('payment'), r.body.id);
    const forged = await call(`${s.api}/payments/vnpay/return?${signVnp(base, 'x')}`);
    assert.equal(forged.status, 400);
  });

  it('counter payment; unknown dossier 404', async () => {
    const code = await newDossier();
    const c = await call(`${s.api}/dossiers/${code}/payments`, { body: { method: 'counter' }, headers: asOwner() });
    assert.equal(c.status, 201);
    assert.match(c.body.counter.vi, new RegExp(code.replace(/\./g, '\\.')));
    const nf = await call(`${s.api}/dossiers/000.00.00.H30-990101-0001/payments`, { body: { method: 'counter' }, headers: asOwner() });
    assert.equal(nf.status, 404);
  });
});
