/** VNPay 2.1.0 redirect payments through the `vnpay` package (sandbox unless configured otherwise). */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { HashAlgorithm, ignoreLogger, VNPay } from 'vnpay';
import type { VnpayConfig } from '../config.js';

/** How long a VNPay payment can be paid: `vnp_ExpireDate` = creation + this. */
export const VNPAY_EXPIRY_MS = 15 * 60 * 1000;

/** Creates the VNPay client for the merchant configuration. */
export function createVnpay(cfg: VnpayConfig): VNPay {
  return new VNPay({
    tmnCode: cfg.tmnCode,
    secureSecret: cfg.secureSecret,
    vnpayHost: cfg.host,
    testMode: cfg.testMode,
    hashAlgorithm: HashAlgorithm.SHA512,
    loggerFn: ignoreLogger,
  });
}

/** `yyyyMMddHHmmss` in GMT+7, as a number (VNPay's date format). */
export function vnpDate(at: Date): number {
  const s = new Date(at.getTime() + 7 * 3600 * 1000).toISOString();
  return Number(s.slice(0, 19).replace(/[-T:]/g, ''));
}

/** VNPay `vnp_OrderInfo`: Vietnamese without diacritics, as VNPay requires. */
export function orderInfo(dossierCode: string): string {
  return `Thanh toan phi ho so ${dossierCode}`;
}

/** Builds the gateway URL for a payment. */
export function vnpayPaymentUrl(
  vnpay: VNPay,
  p: { paymentId: string; amount: number; dossierCode: string; ip: string; returnUrl: string; at: Date },
): string {
  return vnpay.buildPaymentUrl({
    vnp_Amount: p.amount,
    vnp_IpAddr: p.ip,
    vnp_TxnRef: p.paymentId,
    vnp_OrderInfo: orderInfo(p.dossierCode),
    vnp_ReturnUrl: p.returnUrl,
    vnp_CreateDate: vnpDate(p.at),
    vnp_ExpireDate: vnpDate(new Date(p.at.getTime() + VNPAY_EXPIRY_MS)),
  });
}

/** A VNPay callback query (return or IPN) after its signature was checked. */
export type VnpayCallback =
  | {
      /** The signature is missing, malformed or wrong, or the query is not a flat set of strings. */
      verified: false;
      reason: string;
    }
  | {
      verified: true;
      /** `vnp_TxnRef` (our payment id), or null when absent or not a payment id. */
      txnRef: string | null;
      /** `vnp_Amount` / 100 in VND, or null when absent, not a whole number of hundredths, or too large. */
      amount: number | null;
      /** `vnp_ResponseCode` ("" when absent). */
      responseCode: string;
      /** `vnp_TransactionNo` ("" when absent). */
      transactionNo: string;
      /** `vnp_ResponseCode` is "00" and `vnp_TransactionStatus`, when sent, is "00". */
      success: boolean;
    };

/** The string VNPay signs: the parameters but the hash, sorted by name, form-encoded (as `vnpay` builds it). */
function signedData(params: Record<string, string>): string {
  const out = new URLSearchParams();
  for (const key of Object.keys(params).sort()) {
    if (key === 'vnp_SecureHash' || key === 'vnp_SecureHashType' || params[key] === '') continue;
    out.append(key, params[key]);
  }
  return out.toString();
}

/**
 * Checks a VNPay callback query (HMAC-SHA512 with the merchant's secret, compared in constant time) and
 * reads its fields without ever throwing: a repeated parameter, a missing or malformed hash gives
 * `verified: false`; a malformed `vnp_Amount` or `vnp_TxnRef` under a good signature gives `null`.
 */
export function verifyVnpayQuery(secureSecret: string, query: unknown): VnpayCallback {
  if (!query || typeof query !== 'object') return { verified: false, reason: 'no query' };
  const params: Record<string, string> = {};
  for (const [k, v] of Object.entries(query as Record<string, unknown>)) {
    if (typeof v !== 'string') return { verified: false, reason: `the parameter ${k} is repeated or not text` };
    params[k] = v;
  }
  const given = params.vnp_SecureHash ?? '';
  if (!/^[0-9a-fA-F]{128}$/.test(given)) return { verified: false, reason: 'vnp_SecureHash is missing or not 128 hex digits' };
  const expected = createHmac('sha512', secureSecret)
    .update(Buffer.from(signedData(params), 'utf8'))
    .digest();
  if (!timingSafeEqual(expected, Buffer.from(given, 'hex'))) return { verified: false, reason: 'wrong vnp_SecureHash' };
  const rawAmount = params.vnp_Amount ?? '';
  const amount = /^[0-9]{1,17}$/.test(rawAmount) && rawAmount.endsWith('00') ? Number(rawAmount) / 100 : null;
  const txnRef = params.vnp_TxnRef ?? '';
  const responseCode = params.vnp_ResponseCode ?? '';
  const status = params.vnp_TransactionStatus;
  return {
    verified: true,
    txnRef: /^[A-Za-z0-9]{1,100}$/.test(txnRef) ? txnRef : null,
    amount: amount !== null && Number.isSafeInteger(amount) ? amount : null,
    responseCode,
    transactionNo: (params.vnp_TransactionNo ?? '').slice(0, 100),
    success: responseCode === '00' && (status === undefined || status === '00'),
  };
}
