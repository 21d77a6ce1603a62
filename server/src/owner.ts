/**
 * Who owns what a request creates (uploads, dossiers, payments): the signed-in citizen, or, for a
 * citizen who files without signing in, an anonymous session secret the browser makes once per form
 * (`Dvc-Session: <43+ base64url characters>`, 32 random bytes or more) and sends with every request of
 * that filing. The server never stores the secret, only its SHA-256, so a database leak does not hand
 * out the right to act on anyone's uploads or dossiers.
 *
 * An owner is written as one string in the database: `citizen:<sub>` or `session:<sha256 hex>`.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Citizen } from './auth.js';
import type { AppContext } from './context.js';
import { HttpProblem } from './problem.js';

/** Request header carrying the anonymous session secret. */
export const SESSION_HEADER = 'dvc-session';

/** The shape of a session secret: base64url, 43 to 128 characters (at least 256 bits). */
export const SESSION_SECRET = /^[A-Za-z0-9_-]{43,128}$/;

/** The caller as an owner. */
export type Owner =
  | { kind: 'citizen'; sub: string; citizen: Citizen; key: string; keys: string[] }
  | { kind: 'session'; hash: string; key: string; keys: string[] };

/** The database key of a citizen. */
export const citizenKey = (sub: string): string => `citizen:${sub}`;

/** The database key of a session secret. */
export function sessionKey(secret: string): string {
  return `session:${createHash('sha256').update(secret).digest('hex')}`;
}

/**
 * The owner of a request: the citizen when a bearer token is sent (a present but invalid token is a
 * 401, never a fall-back to anonymous), else the session secret when one is sent (a malformed one is a
 * 400), else null.
 *
 * `key` is who owns what the request creates; `keys` is everything the caller proves to hold: a citizen
 * who began the filing anonymously and signed in half way sends both the token and the filing's
 * session secret, and may still use (and, at submission, claim) what the session created.
 */
export async function requestOwner(req: FastifyRequest, ctx: AppContext): Promise<Owner | null> {
  const citizen = await ctx.auth.optional(req);
  const raw = req.headers[SESSION_HEADER];
  if (raw !== undefined && (typeof raw !== 'string' || !SESSION_SECRET.test(raw))) {
    throw new HttpProblem(
      400,
      'bad-session',
      `The ${SESSION_HEADER} header must be 43 to 128 base64url characters (32 random bytes or more, made once per filing).`,
    );
  }
  const session = raw === undefined ? null : sessionKey(raw);
  if (citizen) {
    const key = citizenKey(citizen.sub);
    return { kind: 'citizen', sub: citizen.sub, citizen, key, keys: session ? [key, session] : [key] };
  }
  if (!session) return null;
  return { kind: 'session', hash: session.slice('session:'.length), key: session, keys: [session] };
}

/** Like `requestOwner`, but a request with neither a token nor a session secret is a 401. */
export async function requireOwner(req: FastifyRequest, ctx: AppContext): Promise<Owner> {
  const owner = await requestOwner(req, ctx);
  if (!owner) {
    throw new HttpProblem(
      401,
      'unauthorized',
      `Sign in ("Authorization: Bearer <token>") or send the filing's anonymous session secret (${SESSION_HEADER}).`,
      {},
      { 'www-authenticate': 'Bearer realm="dvc-forms"' },
    );
  }
  return owner;
}

/** True when `stored` (an owner key from the database) is one of the caller's `keys`. */
export function ownsKey(keys: readonly string[], stored: string | null | undefined): boolean {
  return keys.some((k) => sameOwner(k, stored));
}

/** Constant-time comparison of two owner keys (either may be null). */
export function sameOwner(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!a || !b) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
