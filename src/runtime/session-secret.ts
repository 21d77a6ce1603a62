/**
 * The anonymous session secret of a filing: a citizen who files without signing in proves, request after
 * request (uploads, the submission, the payment), that they are the one who started the filing by sending
 * the same secret in `Dvc-Session`. 32 random bytes, base64url (43 characters), made once per filing in the
 * browser; the back end stores only its SHA-256 (`server/owner.ts`).
 */
import { toBase64Url } from './secure-storage.js';

/** Request header carrying the session secret. */
export const SESSION_HEADER = 'Dvc-Session';

/** The shape the back end accepts: 43 to 128 base64url characters. */
export const SESSION_SECRET_PATTERN = /^[A-Za-z0-9_-]{43,128}$/;

/** A new session secret: 32 bytes from `crypto.getRandomValues`, base64url without padding (43 characters). */
export function newSessionSecret(): string {
  const c = globalThis.crypto as Crypto | undefined;
  if (!c || typeof c.getRandomValues !== 'function') throw new Error('dvc-forms: no Web Crypto in this environment.');
  return toBase64Url(c.getRandomValues(new Uint8Array(32)));
}

/** True for a well-formed session secret. */
export function isSessionSecret(v: unknown): v is string {
  return typeof v === 'string' && SESSION_SECRET_PATTERN.test(v);
}
