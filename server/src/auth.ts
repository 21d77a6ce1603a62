/**
 * Citizen authentication: `Authorization: Bearer <JWT>` verified with jose against the configured
 * issuer and key (JWKS URL or PEM public key), or against the development issuer's own key when
 * `DEV_IDP=1`. Anything else (no token, bad signature, wrong issuer or audience, expired, no `exp`) is a 401.
 */
import type { FastifyRequest } from 'fastify';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  exportJWK,
  generateKeyPair,
  importSPKI,
  jwtVerify,
  SignJWT,
  type CryptoKey,
  type JSONWebKeySet,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import type { ServerConfig } from './config.js';
import { HttpProblem } from './problem.js';

/** Who is calling. */
export interface Citizen {
  sub: string;
  claims: JWTPayload;
}

/** Issuer name of the development identity issuer. */
export const DEV_ISSUER = 'urn:dvc-forms:dev-idp';
/** Audience of development tokens. */
export const DEV_AUDIENCE = 'dvc-forms';

/** The development issuer's signing key (generated at each start, never persisted). */
export interface DevIssuerKeys {
  privateKey: CryptoKey;
  jwks: JSONWebKeySet;
  kid: string;
  /** Signs an ES256 token for `sub`, valid `ttlSeconds`. */
  sign(sub: string, extra?: Record<string, unknown>, ttlSeconds?: number): Promise<string>;
}

/** Makes a fresh ES256 key for the development issuer. */
export async function createDevIssuer(issuer: string, audience: string): Promise<DevIssuerKeys> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = await exportJWK(publicKey);
  const kid = `dev-${Date.now().toString(36)}`;
  const jwks: JSONWebKeySet = { keys: [{ ...jwk, kid, alg: 'ES256', use: 'sig' }] };
  return {
    privateKey,
    jwks,
    kid,
    sign: (sub, extra = {}, ttlSeconds = 3600) =>
      new SignJWT(extra)
        .setProtectedHeader({ alg: 'ES256', kid, typ: 'JWT' })
        .setIssuer(issuer)
        .setAudience(audience)
        .setSubject(sub)
        .setIssuedAt()
        .setExpirationTime(`${ttlSeconds}s`)
        .sign(privateKey),
  };
}

/** Verifies bearer tokens. */
export interface Authenticator {
  /** The citizen of a request; throws a 401 problem when there is no valid token. */
  require(req: FastifyRequest): Promise<Citizen>;
  /** The citizen when a token is present (a present but invalid token is still a 401). */
  optional(req: FastifyRequest): Promise<Citizen | null>;
}

const unauthorized = (detail: string): HttpProblem =>
  new HttpProblem(401, 'unauthorized', detail, {}, { 'www-authenticate': 'Bearer realm="dvc-forms"' });

/** Builds the authenticator from the configuration (and the dev issuer's keys when enabled). */
export async function createAuthenticator(config: ServerConfig, dev?: DevIssuerKeys): Promise<Authenticator> {
  let keys: JWTVerifyGetKey | CryptoKey | undefined;
  let issuer = config.jwtIssuer;
  let audience = config.jwtAudience;
  let algorithms: string[] | undefined;
  if (dev) {
    keys = createLocalJWKSet(dev.jwks);
    issuer = config.jwtIssuer ?? DEV_ISSUER;
    audience = config.jwtAudience ?? DEV_AUDIENCE;
    algorithms = ['ES256'];
  } else if (config.jwtJwksUrl) {
    keys = createRemoteJWKSet(new URL(config.jwtJwksUrl));
  } else if (config.jwtPublicKey) {
    try {
      keys = await importSPKI(config.jwtPublicKey.replace(/\\n/g, '\n'), 'ES256');
    } catch (err) {
      throw new Error(`JWT_PUBLIC_KEY: not a PEM ES256 public key (${(err as Error).message})`);
    }
    algorithms = ['ES256'];
  }

  async function verify(token: string): Promise<Citizen> {
    if (!keys) throw unauthorized('This server has no token issuer configured (JWT_JWKS_URL or JWT_PUBLIC_KEY).');
    try {
      // A token without `exp` would never expire: refused.
      const opts = { issuer, audience, algorithms, clockTolerance: 30, requiredClaims: ['exp'] };
      const { payload } = typeof keys === 'function' ? await jwtVerify(token, keys, opts) : await jwtVerify(token, keys, opts);
      if (!payload.sub) throw unauthorized('The token has no subject (sub).');
      return { sub: payload.sub, claims: payload };
    } catch (err) {
      if (err instanceof HttpProblem) throw err;
      const code = (err as { code?: string }).code ?? 'ERR_JWT_INVALID';
      const { claim, reason: why } = err as { claim?: string; reason?: string };
      if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' && claim === 'exp' && why === 'missing') {
        throw unauthorized('The token has no expiry (exp claim); tokens that never expire are refused.');
      }
      const reason: Record<string, string> = {
        ERR_JWT_EXPIRED: 'The token has expired.',
        ERR_JWT_CLAIM_VALIDATION_FAILED: `The token's ${(err as { claim?: string }).claim ?? 'claims'} claim is not accepted.`,
        ERR_JWS_SIGNATURE_VERIFICATION_FAILED: 'The token signature is not valid.',
        ERR_JWKS_NO_MATCHING_KEY: 'The token was not signed by a key of the trusted issuer.',
      };
      throw unauthorized(reason[code] ?? 'The token is not valid.');
    }
  }

  function bearer(req: FastifyRequest): string | null {
    const h = req.headers.authorization;
    if (!h) return null;
    const m = /^Bearer\s+(\S+)$/i.exec(h);
    if (!m) throw unauthorized('The Authorization header must be "Bearer <token>".');
    return m[1];
  }

  return {
    async require(req) {
      const token = bearer(req);
      if (!token) throw unauthorized('Sign-in required: send "Authorization: Bearer <token>".');
      return verify(token);
    },
    async optional(req) {
      const token = bearer(req);
      return token ? verify(token) : null;
    },
  };
}
