/** VietQR (NAPAS 247) dynamic QR payloads, built and read with `vietnam-qr-pay`. */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { QRPay } from 'vietnam-qr-pay';

/** Builds a dynamic VietQR payload (initiation method 12) for a transfer of `amount` VND. */
export function buildVietQr(opts: { bankBin: string; accountNumber: string; amount: number; purpose: string }): string {
  const qr = QRPay.initVietQR({
    bankBin: opts.bankBin,
    bankNumber: opts.accountNumber,
    amount: String(opts.amount),
    purpose: opts.purpose,
  });
  qr.initMethod = '12';
  return qr.build();
}

/** What a VietQR payload says. */
export interface DecodedVietQr {
  valid: boolean;
  bankBin?: string;
  accountNumber?: string;
  amount?: number;
  purpose?: string;
  dynamic: boolean;
}

/** Decodes a VietQR payload (checks its CRC). */
export function decodeVietQr(payload: string): DecodedVietQr {
  const qr = new QRPay(payload);
  return {
    valid: qr.isValid,
    bankBin: qr.consumer?.bankBin,
    accountNumber: qr.consumer?.bankNumber,
    amount: qr.amount === undefined ? undefined : Number(qr.amount),
    purpose: qr.additionalData?.purpose,
    dynamic: qr.initMethod === '12',
  };
}

/** Lower-case hex HMAC-SHA256 of `body` with `secret`. */
export function signNotification(secret: string, body: string | Buffer): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

/** Constant-time check of an `X-Signature` header against the raw body. */
export function verifyNotification(secret: string, body: string | Buffer, signature: string | undefined): boolean {
  if (!signature || !/^[0-9a-f]{64}$/i.test(signature)) return false;
  const expected = Buffer.from(signNotification(secret, body), 'hex');
  const given = Buffer.from(signature.toLowerCase(), 'hex');
  return expected.length === given.length && timingSafeEqual(expected, given);
}
