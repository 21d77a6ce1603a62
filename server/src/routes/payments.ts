/**
 * Payments: create (VietQR, VNPay, counter) with the amount the server computes from the stored
 * dossier, read status, and the providers' signed callbacks (VNPay return + IPN, bank notification).
 *
 * Who may act: only the dossier's owner (the citizen's bearer token, or the `Dvc-Session` secret the
 * dossier was filed with; server/owner.ts) or an officer of the dossier's agency. Anyone else gets the
 * same 404 as for an unknown code; a caller with neither a token nor a session secret gets 401.
 *
 * Money rules: a dossier has at most one open (`pending`) payment and at most one `paid` one (also
 * enforced by partial unique indexes, migration 005). Every state change runs with the dossier row
 * locked and is guarded by the state it expects (`… WHERE status = 'pending'`). A confirmation that
 * cannot be credited (the dossier is already paid by another payment, refused or withdrawn) is kept as
 * `refund-due` with a note in the dossier history, never as a second `paid`.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { InpOrderAlreadyConfirmed, IpnFailChecksum, IpnInvalidAmount, IpnOrderNotFound, IpnSuccess, IpnUnknownError } from 'vnpay';
import type { Payment, PaymentRequest } from 'dvc-forms/runtime/contract.js';
import type { ServerConfig } from '../config.js';
import type { AppContext } from '../context.js';
import type { Queryable } from '../db/db.js';
import { feeOf } from '../judge.js';
import { officerOf, type Officer } from '../officers.js';
import { citizenKey, SESSION_HEADER, SESSION_SECRET, sameOwner, sessionKey } from '../owner.js';
import { buildVietQr, verifyNotification } from '../payments/vietqr.js';
import { createVnpay, VNPAY_EXPIRY_MS, verifyVnpayQuery, vnpayPaymentUrl } from '../payments/vnpay.js';
import { DOSSIER_CODE_PARAM } from '../dossier-code.js';
import { assertCleanJson } from '../input.js';
import { HttpProblem } from '../problem.js';
import { addHistoryNote, lockDossier, lockDossierById } from '../store/dossiers.js';
import {
  cancelOtherPendingPayments,
  closePendingPayment,
  failPendingPayment,
  findOpenOrPaidPayments,
  findPayment,
  findVietqrPaymentId,
  insertPayment,
  otherPaymentPaid,
  recordPaymentReceived,
  setPendingReturnUrl,
  vietqrTransferRecorded,
  type PaymentDetails,
  type PaymentRecord,
} from '../store/payments.js';
import { num } from '../util.js';

/** Every payment status (the `PaymentStatusValue` enum of api/openapi.yaml). */
export const PAYMENT_STATUSES = ['pending', 'paid', 'failed', 'cancelled', 'expired', 'refund-due'] as const;

/** Dossier statuses in which no new payment may be started. */
const CLOSED_FOR_PAYMENT = ['rejected', 'withdrawn', 'completed'];
/** Dossier statuses after which money received is given back instead of credited. */
const REFUSED = ['rejected', 'withdrawn'];

/** When a pending payment stops being offered again (null: never, for counter payments). */
function expiresAt(p: Pick<PaymentRecord, 'method' | 'createdAt'>, config: Pick<ServerConfig, 'vietqrValidityMinutes'>): Date | null {
  const created = new Date(p.createdAt).getTime();
  if (p.method === 'vnpay') return new Date(created + VNPAY_EXPIRY_MS);
  if (p.method === 'vietqr') return new Date(created + config.vietqrValidityMinutes * 60_000);
  return null;
}

/** The payment as the API shows it (to its owner and the agency's officers only). */
function toPayment(p: PaymentRecord, config: Pick<ServerConfig, 'vietqrValidityMinutes'>): Payment {
  const expires = p.status === 'pending' ? expiresAt(p, config) : null;
  return {
    id: p.id,
    dossierCode: p.dossierCode,
    status: p.status,
    amount: p.amount,
    currency: 'VND',
    method: p.method,
    createdAt: p.createdAt,
    ...(expires ? { expiresAt: expires.toISOString() } : {}),
    ...(p.paidAt ? { paidAt: p.paidAt } : {}),
    ...(p.details.vietqr ? { vietqr: p.details.vietqr } : {}),
    ...(p.details.redirectUrl ? { redirectUrl: p.details.redirectUrl } : {}),
    ...(p.details.counter ? { counter: p.details.counter } : {}),
  };
}

/** Who is calling a payment route: the owner keys they prove, and the officer their token makes them. */
interface Caller {
  keys: string[];
  officer: Officer | null;
}

/**
 * The caller's owner keys (`citizen:<sub>` from a valid bearer token, `session:<hash>` from the
 * `Dvc-Session` header; both when both are sent) and officer standing. A present but invalid token is
 * a 401, a malformed session secret a 400; neither at all is a 401.
 */
async function callerOf(req: FastifyRequest, ctx: AppContext): Promise<Caller> {
  const citizen = await ctx.auth.optional(req);
  const keys: string[] = [];
  let officer: Officer | null = null;
  if (citizen) {
    keys.push(citizenKey(citizen.sub));
    officer = officerOf(citizen, ctx.config);
  }
  const raw = req.headers[SESSION_HEADER];
  if (raw !== undefined) {
    if (typeof raw !== 'string' || !SESSION_SECRET.test(raw)) {
      throw new HttpProblem(
        400,
        'bad-session',
        `The ${SESSION_HEADER} header must be 43 to 128 base64url characters (32 random bytes or more, made once per filing).`,
      );
    }
    keys.push(sessionKey(raw));
  }
  if (keys.length === 0) {
    throw new HttpProblem(
      401,
      'unauthorized',
      `Only the citizen who filed the dossier (or an officer of its agency) may pay it or see its payments: send "Authorization: Bearer <token>" or the filing's ${SESSION_HEADER} secret.`,
      {},
      { 'www-authenticate': 'Bearer realm="dvc-forms"' },
    );
  }
  return { keys, officer };
}

/** True when the caller owns the dossier or is an officer of its agency. */
function mayAct(caller: Caller, dossier: { owner: string | null; agency: string }): boolean {
  if (caller.officer && caller.officer.agency === dossier.agency) return true;
  return caller.keys.some((k) => sameOwner(k, dossier.owner));
}

/** The stored return URL when its origin is (still) one the operator allows, else null. */
function allowedReturnUrl(raw: string | undefined, config: Pick<ServerConfig, 'paymentReturnOrigins'>): URL | null {
  if (!raw) return null;
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return null;
  }
  if ((u.protocol !== 'http:' && u.protocol !== 'https:') || u.username || u.password) return null;
  return config.paymentReturnOrigins.includes(u.origin) ? u : null;
}

const vnd = (amount: number): string => amount.toLocaleString('vi-VN');

/** What a provider's confirmation did. */
type Settled = 'paid' | 'refund-due' | 'failed' | 'unchanged';

/**
 * Applies a provider's outcome to a payment. Call with the dossier row locked (`FOR UPDATE`) and `p`
 * read after that lock. A failure only moves a `pending` payment to `failed`. A success is credited
 * (`paid`; the dossier's other open payment is cancelled) unless the dossier is refused/withdrawn or
 * another payment of it is already paid: then the money is kept on record as `refund-due` with a note.
 * Every update names the status it expects, so a concurrent change makes it a no-op, never a double.
 */
async function settle(
  tx: Queryable,
  p: PaymentRecord,
  dossierStatus: string,
  outcome: { success: boolean; providerRef: string; at: Date; received: number; via: string },
): Promise<Settled> {
  if (p.status === 'paid' || p.status === 'refund-due') return 'unchanged';
  if (!outcome.success) {
    if (p.status !== 'pending') return 'unchanged';
    return (await failPendingPayment(tx, p.id, outcome.providerRef)) ? 'failed' : 'unchanged';
  }
  const otherPaid = await otherPaymentPaid(tx, p.dossierId, p.id);
  const refused = REFUSED.includes(dossierStatus);
  if (refused || otherPaid) {
    const recorded = await recordPaymentReceived(tx, {
      id: p.id,
      expected: p.status,
      status: 'refund-due',
      paidAt: outcome.at.toISOString(),
      providerRef: outcome.providerRef,
    });
    if (!recorded) return 'unchanged';
    const whyVi = refused
      ? `hồ sơ đã ${dossierStatus === 'rejected' ? 'bị từ chối' : 'được rút'}`
      : 'lệ phí của hồ sơ đã được thanh toán bằng một khoản khác';
    const whyEn = refused ? `the dossier was ${dossierStatus}` : 'the fee was already paid by another payment';
    await addHistoryNote(tx, p.dossierId, outcome.at.toISOString(), {
      vi: `Đã nhận ${vnd(outcome.received)} đồng qua ${outcome.via} (mã giao dịch ${outcome.providerRef}) nhưng ${whyVi}; khoản tiền này sẽ được hoàn trả.`,
      en: `Received ${outcome.received} VND via ${outcome.via} (transaction ${outcome.providerRef}) but ${whyEn}; this money is to be refunded.`,
    });
    return 'refund-due';
  }
  const credited = await recordPaymentReceived(tx, {
    id: p.id,
    expected: p.status,
    status: 'paid',
    paidAt: outcome.at.toISOString(),
    providerRef: outcome.providerRef,
  });
  if (!credited) return 'unchanged';
  // The citizen paid with this one (maybe one they had switched away from): nothing else stays open.
  await cancelOtherPendingPayments(tx, p.dossierId, p.id);
  await addHistoryNote(tx, p.dossierId, outcome.at.toISOString(), {
    vi: `Đã thanh toán ${vnd(p.amount)} đồng`,
    en: `Fee of ${p.amount} VND paid`,
  });
  return 'paid';
}

const newPaymentId = (): string => `P${randomBytes(12).toString('hex')}`;

/** Registers the payment routes. */
export async function paymentRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const vnpay = createVnpay(ctx.config.vnpay);
  // The origin of gateway URLs comes from configuration (PUBLIC_ORIGIN), never from the Host header.
  const vnpReturnUrl = ctx.config.vnpay.returnUrl ?? `${ctx.config.publicOrigin}/api/v1/payments/vnpay/return`;

  /** Locks the dossier of a payment and reads the payment again under that lock. */
  const lockForPayment = async (tx: Queryable, id: string): Promise<{ p: PaymentRecord; dossierStatus: string } | null> => {
    const first = await findPayment(tx, id);
    if (!first) return null;
    const d = await lockDossierById(tx, first.dossierId);
    const p = await findPayment(tx, id);
    return p && d ? { p, dossierStatus: d.status } : null;
  };

  app.post<{ Params: { code: string }; Body: PaymentRequest; Reply: { 200: Payment; 201: Payment } }>(
    '/dossiers/:code/payments',
    {
      schema: {
        params: { type: 'object', properties: { code: DOSSIER_CODE_PARAM } },
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
      const caller = await callerOf(req, ctx);
      const { method, returnUrl } = req.body;
      if (returnUrl !== undefined && !allowedReturnUrl(returnUrl, ctx.config)) {
        const allowed = ctx.config.paymentReturnOrigins;
        const message = `returnUrl must be an http(s) URL on one of the origins this back end allows: ${allowed.join(', ') || '(none configured)'}.`;
        throw new HttpProblem(422, 'validation', message, {
          errors: [{ pointer: '/returnUrl', keyword: 'origin', message }],
          allowedOrigins: allowed,
        });
      }
      if (!ctx.config.paymentMethods.includes(method)) {
        const offered = ctx.config.paymentMethods;
        const message = `This back end does not accept payment by ${method}; it accepts ${offered.join(', ')}.`;
        throw new HttpProblem(422, 'payment-method', message, {
          errors: [{ pointer: '/method', keyword: 'enum', message }],
          paymentMethods: offered,
        });
      }
      const now = ctx.now();
      const out = await ctx.db.transaction(async (tx) => {
        const d = await lockDossier(tx, req.params.code);
        // The same answer for an unknown code and for someone else's dossier: codes are guessable.
        if (!d || !mayAct(caller, { owner: d.owner, agency: d.agency })) {
          throw new HttpProblem(
            404,
            'not-found',
            `No dossier with the code ${req.params.code} that you may pay: check the code, and send the sign-in or ${SESSION_HEADER} secret it was filed with.`,
          );
        }
        if (CLOSED_FOR_PAYMENT.includes(d.status)) {
          throw new HttpProblem(409, 'dossier-closed', `Dossier ${d.code} was ${d.status}: there is nothing to pay.`, {
            dossierStatus: d.status,
          });
        }
        const existing = await findOpenOrPaidPayments(tx, d.id);
        if (existing.some((p) => p.status === 'paid')) {
          throw new HttpProblem(409, 'already-paid', `The fee of dossier ${d.code} is already paid.`);
        }
        for (const p of existing) {
          const expires = expiresAt(p, ctx.config);
          if (p.method === method && (!expires || expires.getTime() > now.getTime())) {
            // Still payable at the gateway: answer it again (with the newly given, allowed return page).
            if (method === 'vnpay' && returnUrl !== undefined && returnUrl !== p.details.returnUrl) {
              await setPendingReturnUrl(tx, p.id, returnUrl);
            }
            return { created: false, payment: await findPayment(tx, p.id) };
          }
          // Another method asked for (switching cancels the other), or past the gateway's expiry.
          const next = p.method === method ? 'expired' : 'cancelled';
          await closePendingPayment(tx, p.id, next);
        }
        // The amount comes from the stored dossier, recomputed with the procedure it was judged by.
        const proc = ctx.procedures.get(d.procedure);
        const amount = proc && proc.model.procedure.version === d.procedureVersion ? feeOf(proc, d.data).total : num(d.fee.total);
        if (amount <= 0) {
          throw new HttpProblem(409, 'nothing-to-pay', `Dossier ${d.code} has no fee to pay.`);
        }
        const id = newPaymentId();
        const details: PaymentDetails = {};
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
          details.returnUrl = returnUrl;
          details.redirectUrl = vnpayPaymentUrl(vnpay, {
            paymentId: id,
            amount,
            dossierCode: d.code,
            ip: req.ip,
            returnUrl: vnpReturnUrl,
            at: now,
          });
        } else {
          details.counter = {
            vi: `Nộp ${vnd(amount)} đồng tại Bộ phận Một cửa khi nhận kết quả; đọc mã hồ sơ ${d.code}.`,
            en: `Pay ${amount} VND at the one-stop counter when you collect the result; give the dossier code ${d.code}.`,
          };
        }
        await insertPayment(tx, {
          id,
          dossierId: d.id,
          method,
          amount,
          status: 'pending',
          providerRef: null,
          createdAt: now.toISOString(),
          paidAt: null,
          details,
        });
        return { created: true, payment: await findPayment(tx, id) };
      });
      // Read back in the transaction that wrote it: always there.
      if (!out.payment) throw new Error(`payment of dossier ${req.params.code} not found after it was written`);
      reply.header('cache-control', 'no-store, private');
      return reply.code(out.created ? 201 : 200).send(toPayment(out.payment, ctx.config));
    },
  );

  app.get<{ Params: { id: string }; Reply: Payment }>(
    '/payments/:id',
    { schema: { params: { type: 'object', properties: { id: { type: 'string', pattern: '^[A-Za-z0-9_.:-]{1,128}$' } } } } },
    async (req, reply) => {
      const caller = await callerOf(req, ctx);
      const p = await findPayment(ctx.db, req.params.id);
      if (!p || !mayAct(caller, { owner: p.dossierOwner, agency: p.dossierAgency })) {
        throw new HttpProblem(404, 'not-found', `No payment with the id ${req.params.id} that you may see.`);
      }
      reply.header('cache-control', 'no-store, private');
      return toPayment(p, ctx.config);
    },
  );

  // VNPay IPN: answer in VNPay's format, always HTTP 200, never a 500 (a malformed query is 97 / 01 / 04).
  app.get('/payments/vnpay/ipn', async (req) => {
    try {
      const v = verifyVnpayQuery(ctx.config.vnpay.secureSecret, req.query);
      if (!v.verified) return IpnFailChecksum;
      if (!v.txnRef) return IpnOrderNotFound;
      if (v.amount === null) return IpnInvalidAmount;
      const txnRef = v.txnRef;
      const amount = v.amount;
      return await ctx.db.transaction(async (tx) => {
        const locked = await lockForPayment(tx, txnRef);
        if (!locked || locked.p.method !== 'vnpay') return IpnOrderNotFound;
        const { p, dossierStatus } = locked;
        if (amount !== p.amount) return IpnInvalidAmount;
        const done = await settle(tx, p, dossierStatus, {
          success: v.success,
          providerRef: v.transactionNo,
          at: ctx.now(),
          received: amount,
          via: 'VNPay',
        });
        if (done === 'unchanged') return InpOrderAlreadyConfirmed;
        if (done === 'refund-due')
          req.log.warn({ payment: p.id, dossier: p.dossierCode }, 'VNPay payment received for a dossier that cannot take it: refund due');
        return IpnSuccess;
      });
    } catch (err) {
      req.log.error({ err }, 'VNPay IPN failed');
      return IpnUnknownError;
    }
  });

  // VNPay return: the citizen's browser comes back; check the signature and send it to the stored,
  // still-allowed page it came from (or to the public origin), never anywhere a request names.
  app.get('/payments/vnpay/return', async (req, reply) => {
    const v = verifyVnpayQuery(ctx.config.vnpay.secureSecret, req.query);
    if (!v.verified) {
      throw new HttpProblem(400, 'bad-signature', `The VNPay return is not validly signed (vnp_SecureHash): ${v.reason}.`);
    }
    if (!v.txnRef) throw new HttpProblem(400, 'bad-request', 'vnp_TxnRef is missing or not a payment id.');
    const p = await findPayment(ctx.db, v.txnRef);
    if (!p) throw new HttpProblem(404, 'not-found', 'No payment matches vnp_TxnRef.');
    const target = allowedReturnUrl(p.details.returnUrl, ctx.config) ?? new URL('/', ctx.config.publicOrigin);
    target.searchParams.set('payment', p.id);
    target.searchParams.set('dossier', p.dossierCode);
    target.searchParams.set('vnp_ResponseCode', /^[0-9A-Za-z]{1,8}$/.test(v.responseCode) ? v.responseCode : '');
    reply.header('cache-control', 'no-store');
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
      if (typeof n.transactionId !== 'string' || n.transactionId === '' || n.transactionId.length > 128)
        errors.push({
          pointer: '/transactionId',
          keyword: 'required',
          message: 'transactionId (a string of 1 to 128 characters) is required.',
        });
      if (!Number.isSafeInteger(n.amount) || (n.amount as number) < 0)
        errors.push({ pointer: '/amount', keyword: 'type', message: 'amount must be a whole number of VND.' });
      if (typeof n.purpose !== 'string' || n.purpose.length > 1000)
        errors.push({ pointer: '/purpose', keyword: 'required', message: 'purpose (a string of at most 1000 characters) is required.' });
      if (n.paidAt !== undefined && (typeof n.paidAt !== 'string' || Number.isNaN(Date.parse(n.paidAt))))
        errors.push({ pointer: '/paidAt', keyword: 'format', message: 'paidAt must be an RFC 3339 date-time.' });
      if (errors.length > 0) throw new HttpProblem(422, 'validation', 'The notification is incomplete or malformed.', { errors });
      const transactionId = n.transactionId as string;
      const received = n.amount as number;
      const purpose = (n.purpose as string).toUpperCase();
      const code = /[0-9A-Z.]+-\d{6}-\d{4}/.exec(purpose)?.[0];
      const paymentRef = /P[0-9A-F]{24}/.exec(purpose)?.[0];
      const at = typeof n.paidAt === 'string' ? new Date(n.paidAt) : ctx.now();
      const done = await ctx.db.transaction(async (tx) => {
        // The payment the purpose names, else the dossier's open VietQR payment, else its latest one.
        const found = await findVietqrPaymentId(tx, code ?? '', paymentRef ?? '');
        if (!found) return 'not-found' as const;
        const locked = await lockForPayment(tx, found);
        if (!locked) return 'not-found' as const;
        const { p, dossierStatus } = locked;
        // The same transfer notified again: already recorded.
        if (await vietqrTransferRecorded(tx, p.dossierId, transactionId)) return 'ok' as const;
        if (received < p.amount) return 'amount' as const;
        if (p.status === 'paid' || p.status === 'refund-due') {
          // A second transfer for a payment already settled: the money is on record, to be given back.
          await insertPayment(tx, {
            id: newPaymentId(),
            dossierId: p.dossierId,
            method: 'vietqr',
            amount: received,
            status: 'refund-due',
            providerRef: transactionId,
            createdAt: at.toISOString(),
            paidAt: at.toISOString(),
            details: {},
          });
          await addHistoryNote(tx, p.dossierId, at.toISOString(), {
            vi: `Đã nhận thêm ${vnd(received)} đồng chuyển khoản (mã giao dịch ${transactionId}) cho lệ phí đã thanh toán; khoản tiền này sẽ được hoàn trả.`,
            en: `Received another ${received} VND transfer (transaction ${transactionId}) for a fee already paid; this money is to be refunded.`,
          });
          req.log.warn({ dossier: p.dossierCode }, 'VietQR transfer for a fee already paid: refund due');
          return 'ok' as const;
        }
        const settled = await settle(tx, p, dossierStatus, { success: true, providerRef: transactionId, at, received, via: 'VietQR' });
        if (settled === 'refund-due')
          req.log.warn({ payment: p.id, dossier: p.dossierCode }, 'VietQR transfer for a dossier that cannot take it: refund due');
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
