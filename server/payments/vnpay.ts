/** VNPay 2.1.0 redirect payments through the `vnpay` package (sandbox unless configured otherwise). */
import { HashAlgorithm, ignoreLogger, VNPay, type ReturnQueryFromVNPay, type VerifyReturnUrl } from 'vnpay';
import type { VnpayConfig } from '../config.js';

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
    vnp_ExpireDate: vnpDate(new Date(p.at.getTime() + 15 * 60 * 1000)),
  });
}

/** Verifies a signed VNPay query (return or IPN); `vnp_Amount` in the result is in VND. */
export function verifyVnpayQuery(vnpay: VNPay, query: Record<string, string>): VerifyReturnUrl {
  return vnpay.verifyIpnCall(query as unknown as ReturnQueryFromVNPay);
}
