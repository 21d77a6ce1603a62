/**
 * Payments: create (VietQR, VNPay, counter) with the amount the server computes from the stored
 * dossier, read status, and the providers' signed callbacks (VNPay return + IPN, bank notification).
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import {
  InpOrderAlreadyConfirmed,
  IpnFailChecksum,
  IpnInvalidAmount,
  IpnOrderNotFound,
  IpnSuccess,
  IpnUnknownError,
} from 'vnpay';
import type { AppContext } from '../context.js';
import type { Queryable } from '../db/db.js';
import { feeOf } from '../judge.js';
import { buildVietQr, verifyNotification } from '../payments/vietqr.js';
import { createVnpay, verifyVnpayQuery, vnpayPaymentUrl } from '../payments/vnpay.js';
import { assertCleanJson } from '../input.js';
import { HttpProblem } from '../problem.js';
import { iso, num } from '../util.js';
import { DOSSIER_CODE } from './dossiers.js';

type Method = 'vietqr' | 'vnpay' | 'counter';

interface PaymentRow {
  id: string;
  dossier_id: unknown;
  dossier_code: string;
  method: Method;
  amount: unknown;
  status: string;
  provider_ref: string | null;
  created_at: unknown;
  paid_at: unknown;
  details: { vietqr?: Record<string, string>; redirectUrl?: string; returnUrl?: string; counter?: { vi: string; en?: string } };
}

const PAYMENT_SELECT = `SELECT p.id, p.dossier_id, d.code AS dossier_code, p.method, p.amount, p.status, p.provider_ref,
  p.created_at, p.paid_at, p.details FROM payments p JOIN dossiers d ON d.id = p.dossier_id`;

/** The payment as the API shows it. */
function toPayment(p: PaymentRow): Record<string, unknown> {
  return {
    id: p.id,
    dossierCode: p.dossier_code,
    status: p.status,
    amount: num(p.amount),
    currency: 'VND',
    method: p.method,
    createdAt: iso(p.created_at),
    ...(p.paid_at ? { paidAt: iso(p.paid_at) } : {}),
    ...(p.details.vietqr ? { vietqr: p.details.vietqr } : {}),
    ...(p.details.redirectUrl ? { redirectUrl: p.details.redirectUrl } : {}),
    ...(p.details.counter ? { counter: p.details.counter } : {}),
  };
}

/** The latest payment of a dossier (paid first), for its status page. */
export async function paymentSummary(
  q: Queryable,
  dossierId: unknown,
): Promise<{ id: string; status: string; amount: number; method: string } | null> {
  const r = await q.query<{ id: string; status: string; amount: unknown; method: string }>(
    `SELECT id, status, amount, method FROM payments WHERE dossier_id = $1
     ORDER BY (status = 'paid') DESC, created_at DESC LIMIT 1`,
    [dossierId],
  );
  const p = r.rows[0];
  return p ? { id: p.id, status: p.status, amount: num(p.amount), method: p.method } : null;
}

/** Marks a payment paid (once) and notes it in the dossier history. Returns false when it already was. */
async function markPaid(tx: Queryable, p: PaymentRow, providerRef: string, at: Date): Promise<boolean> {
  const u = await tx.query(
    `UPDATE payments SET status = 'paid', paid_at = $2, provider_ref = $3 WHERE id = $1 AND status <> 'paid' RETURNING id`,
    [p.id, at.toISOString(), providerRef],
  );
  if (u.rows.length === 0) return false;
  await tx.query(
    `INSERT INTO dossier_history (dossier_id, status, at, note)
     SELECT id, status, $2, $3::jsonb FROM dossiers WHERE id = $1`,
    [
      p.dossier_id,
      at.toISOString(),
      JSON.stringify({
        vi: `Đã thanh toán ${num(p.amount).toLocaleString('vi-VN')} đồng`,
        en: `Fee of ${num(p.amount)} VND paid`,
      }),
    ],
  );
  return true;
}

const newPaymentId = (): string => `P${randomBytes(12).toString('hex')}`;

/** Registers the payment routes. */
export async function paymentRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const vnpay = createVnpay(ctx.config.vnpay);

  const findPayment = async (q: Queryable, id: string): Promise<PaymentRow | undefined> =>
    (await q.query<PaymentRow & Record<string, unknown>>(`${PAYMENT_SELECT} WHERE p.id = $1`, [id])).rows[0];

  app.post<{ Params: { code: string }; Body: { method: Method; returnUrl?: string } }>(
    '/dossiers/:code/payments',
    {
      schema: {
        params: { type: 'object', properties: { code: { type: 'string', pattern: DOSSIER_CODE, maxLength: 64 } } },
        body: {
          type: 'object',
          required: ['method'],
          additionalProperties: false,
          properties: {
            method: { type: 'string', enum: ['vietqr', 'vnpay', 'counter'] },
            returnUrl: { type: 'string', format: 'uri', maxLength: 2048 },
          },
        },
      },
    },
    async (req, reply) => {
      const { method, returnUrl } = req.body;
      if (returnUrl !== undefined && !/^https?:\/\//i.test(returnUrl)) {
        throw new HttpProblem(422, 'validation', 'returnUrl must be an http(s) URL.', {
          errors: [{ pointer: '/returnUrl', keyword: 'format', message: 'returnUrl must be an http(s) URL.' }],
        });
      }
      const now = ctx.now();
      const out = await ctx.db.transaction(async (tx) => {
        const dr = await tx.query<{
          id: unknown;
          code: string;
          procedure_slug: string;
          procedure_version: string;
          data: unknown;
          fee: { total: number };
          status: string;
        }>('SELECT id, code, procedure_slug, procedure_version, data, fee, status FROM dossiers WHERE code = $1 FOR UPDATE', [
          req.params.code,
        ]);
        const d = dr.rows[0];
        if (!d) throw new HttpProblem(404, 'not-found', `No dossier has the code ${req.params.code}.`);
        if (d.status === 'rejected' || d.status === 'withdrawn') {
          throw new HttpProblem(409, 'dossier-closed', `Dossier ${d.code} was ${d.status}: there is nothing to pay.`);
        }
        const existing = await tx.query<PaymentRow & Record<string, unknown>>(
          `${PAYMENT_SELECT} WHERE p.dossier_id = $1 AND p.status IN ('paid', 'pending') ORDER BY p.created_at`,
          [d.id],
        );
        if (existing.rows.some((p) => p.status === 'paid')) {
          throw new HttpProblem(409, 'already-paid', `The fee of dossier ${d.code} is already paid.`);
        }
        const pending = existing.rows.find((p) => p.method === method);
        if (pending) return { status: 200, payment: pending };
        // The amount comes from the stored dossier, recomputed with the procedure it was judged by.
        const proc = ctx.procedures.get(d.procedure_slug);
        const amount =
          proc && proc.model.procedure.version === d.procedure_version ? feeOf(proc, d.data).total : num(d.fee.total);
        if (amount <= 0) {
          throw new HttpProblem(409, 'nothing-to-pay', `Dossier ${d.code} has no fee to pay.`);
        }
        const id = newPaymentId();
        const details: PaymentRow['details'] = {};
        if (method === 'vietqr') {
          const { bankBin, accountNumber, accountName } = ctx.config.vietqr;
          details.vietqr = {
            payload: buildVietQr({ bankBin, accountNumber, amount, purpose: d.code }),
            bankBin,
            accountNumber,
            ...(accountName ? { accountName } : {}),
            purpose: d.code,
          };
        } else if (method === 'vnpay') {
          const origin = `${req.protocol}://${req.host}`;
          details.returnUrl = returnUrl;
          details.redirectUrl = vnpayPaymentUrl(vnpay, {
            paymentId: id,
            amount,
            dossierCode: d.code,
            ip: req.ip,
            returnUrl: ctx.config.vnpay.returnUrl ?? `${origin}/api/v1/payments/vnpay/return`,
            at: now,
          });
        } else {
          details.counter = {
            vi: `Nộp ${amount.toLocaleString('vi-VN')} đồng tại Bộ phận Một cửa khi nhận kết quả; đọc mã hồ sơ ${d.code}.`,
            en: `Pay ${amount} VND at the one-stop counter when you collect the result; give the dossier code ${d.code}.`,
          };
        }
        await tx.query(
          `INSERT INTO payments (id, dossier_id, method, amount, status, created_at, details)
           VALUES ($1, $2, $3, $4, 'pending', $5, $6::jsonb)`,
          [id, d.id, method, amount, now.toISOString(), JSON.stringify(details)],
        );
        return { status: 201, payment: (await findPayment(tx, id)) as PaymentRow };
      });
      return reply.code(out.status).send(toPayment(out.payment));
    },
  );

  app.get<{ Params: { id: string } }>(
    '/payments/:id',
    { schema: { params: { type: 'object', properties: { id: { type: 'string', pattern: '^[A-Za-z0-9_.:-]{1,128}$' } } } } },
    async (req) => {
      const p = await findPayment(ctx.db, req.params.id);
      if (!p) throw new HttpProblem(404, 'not-found', `No payment has the id ${req.params.id}.`);
      return toPayment(p);
    },
  );

  // VNPay IPN: answer in VNPay's format, always HTTP 200.
  app.get('/payments/vnpay/ipn', async (req) => {
    const query = req.query as Record<string, string>;
    try {
      const v = verifyVnpayQuery(vnpay, query);
      if (!v.isVerified) return IpnFailChecksum;
      return await ctx.db.transaction(async (tx) => {
        const p = await findPayment(tx, String(v.vnp_TxnRef));
        if (!p || p.method !== 'vnpay') return IpnOrderNotFound;
        if (Number(v.vnp_Amount) !== num(p.amount)) return IpnInvalidAmount;
        if (p.status !== 'pending') return InpOrderAlreadyConfirmed;
        if (v.isSuccess) {
          await markPaid(tx, p, String(query.vnp_TransactionNo ?? ''), ctx.now());
        } else {
          await tx.query(`UPDATE payments SET status = 'failed', provider_ref = $2 WHERE id = $1`, [
            p.id,
            String(query.vnp_TransactionNo ?? ''),
          ]);
        }
        return IpnSuccess;
      });
    } catch (err) {
      req.log.error({ err }, 'VNPay IPN failed');
      return IpnUnknownError;
    }
  });

  // VNPay return: the citizen's browser comes back; check the signature and send it to the page it came from.
  app.get('/payments/vnpay/return', async (req, reply) => {
    const query = req.query as Record<string, string>;
    const v = verifyVnpayQuery(vnpay, query);
    if (!v.isVerified) throw new HttpProblem(400, 'bad-signature', 'The VNPay return signature (vnp_SecureHash) is not valid.');
    const p = await findPayment(ctx.db, String(v.vnp_TxnRef));
    if (!p) throw new HttpProblem(404, 'not-found', 'No payment matches vnp_TxnRef.');
    const target = new URL(p.details.returnUrl ?? '/', `${req.protocol}://${req.host}`);
    target.searchParams.set('payment', p.id);
    target.searchParams.set('dossier', p.dossier_code);
    target.searchParams.set('vnp_ResponseCode', String(query.vnp_ResponseCode ?? ''));
    return reply.redirect(target.toString(), 302);
  });

  // Bank transfer notification, signed over the raw body.
  await app.register(async (scope) => {
    scope.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
    scope.post('/payments/vietqr/notify', async (req, reply) => {
      const raw = req.body as Buffer;
      const signature = req.headers['x-signature'];
      if (!verifyNotification(ctx.config.vietqr.notifySecret, raw, typeof signature === 'string' ? signature : undefined)) {
        throw new HttpProblem(401, 'bad-signature', 'X-Signature is not the HMAC-SHA256 of the body with the shared secret.');
      }
      let n: { transactionId?: unknown; amount?: unknown; purpose?: unknown; paidAt?: unknown };
      try {
        n = JSON.parse(raw.toString('utf8')) as typeof n;
      } catch {
        throw new HttpProblem(400, 'bad-json', 'The body is not valid JSON.');
      }
      assertCleanJson(n); // too deep, polluting keys, NUL / lone surrogates: 4xx, never a database error
      if (n === null || typeof n !== 'object' || Array.isArray(n)) {
        throw new HttpProblem(422, 'validation', 'The notification must be a JSON object.', {
          errors: [{ pointer: '', keyword: 'type', message: 'The body must be an object { transactionId, amount, purpose, paidAt }.' }],
        });
      }
      const errors = [];
      if (typeof n.transactionId !== 'string' || n.transactionId === '')
        errors.push({ pointer: '/transactionId', keyword: 'required', message: 'transactionId (string) is required.' });
      if (!Number.isInteger(n.amount) || (n.amount as number) < 0)
        errors.push({ pointer: '/amount', keyword: 'type', message: 'amount must be a whole number of VND.' });
      if (typeof n.purpose !== 'string')
        errors.push({ pointer: '/purpose', keyword: 'required', message: 'purpose (string) is required.' });
      if (errors.length > 0) throw new HttpProblem(422, 'validation', 'The notification is incomplete.', { errors });
      const purpose = (n.purpose as string).toUpperCase();
      const code = /[0-9A-Z.]+-\d{6}-\d{4}/.exec(purpose)?.[0];
      const paymentRef = /P[0-9A-F]{24}/.exec(purpose)?.[0];
      const done = await ctx.db.transaction(async (tx) => {
        const r = await tx.query<PaymentRow & Record<string, unknown>>(
          `${PAYMENT_SELECT} WHERE p.method = 'vietqr' AND (d.code = $1 OR upper(p.id) = $2)
           ORDER BY (p.status = 'paid') DESC, p.created_at DESC LIMIT 1`,
          [code ?? '', paymentRef ?? ''],
        );
        const p = r.rows[0];
        if (!p) return 'not-found' as const;
        if (p.status === 'paid') return 'ok' as const;
        if ((n.amount as number) < num(p.amount)) return 'amount' as const;
        const at = typeof n.paidAt === 'string' && !Number.isNaN(Date.parse(n.paidAt)) ? new Date(n.paidAt) : ctx.now();
        await markPaid(tx, p, n.transactionId as string, at);
        return 'ok' as const;
      });
      if (done === 'not-found') throw new HttpProblem(404, 'not-found', 'No VietQR payment matches the transfer purpose.');
      if (done === 'amount') {
        throw new HttpProblem(422, 'validation', 'The amount transferred is less than the fee.', {
          errors: [{ pointer: '/amount', keyword: 'minimum', message: 'The amount transferred is less than the fee.' }],
        });
      }
      return reply.code(204).send();
    });
  });
}
