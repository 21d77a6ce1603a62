/**
 * Server configuration, read from environment variables (all documented in docs/server.md).
 * `loadConfig(env)` validates and names the variable at fault; `createServer(config)` takes the result,
 * so tests can build a config in code and start on port 0.
 */
import path from 'node:path';
import { PAYMENT_METHODS, type PaymentMethod } from 'dvc-forms/runtime/backend.js';

/** S3-compatible object storage for uploads (used instead of the disk store when `S3_BUCKET` is set). */
export interface S3Config {
  bucket: string;
  region: string;
  endpoint?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle: boolean;
}

/** VietQR (NAPAS 247) receiving account and the secret the bank signs transfer notifications with. */
export interface VietQrConfig {
  bankBin: string;
  accountNumber: string;
  accountName?: string;
  /** HMAC-SHA256 secret for `POST /payments/vietqr/notify` (header `X-Signature`). */
  notifySecret: string;
}

/** VNPay merchant configuration (sandbox by default). */
export interface VnpayConfig {
  tmnCode: string;
  secureSecret: string;
  host: string;
  /**
   * Absolute URL VNPay sends the citizen back to (our `GET /payments/vnpay/return`); unset: built from
   * `publicOrigin`, never from the request's `Host`.
   */
  returnUrl?: string;
  testMode: boolean;
}

/** Everything `createServer` needs. */
export interface ServerConfig {
  port: number;
  host: string;
  /** PostgreSQL connection string; when absent, PGlite stores the database under `dataDir/pglite`. */
  databaseUrl?: string;
  /** Directory for PGlite data and uploads. */
  dataDir: string;
  /** Agency code (QCVN 102:2016) that prefixes dossier codes. */
  agencyCode: string;
  /** Directory of compiled procedures (`<slug>/{validator.js, model.js, definition.json}`). */
  proceduresDir: string;
  /** Largest accepted JSON body, in bytes. */
  bodyLimit: number;
  /** Largest accepted upload, in MiB. */
  uploadMaxMB: number;
  /** Uploads directory for the disk store. */
  uploadsDir: string;
  /** Hours an upload no dossier references is kept before its bytes and row are purged. */
  uploadRetentionHours: number;
  /** Per owner (citizen or anonymous session): MiB of uploads no dossier references yet. */
  uploadQuotaMB: number;
  /** Per owner: number of uploads no dossier references yet. */
  uploadQuotaFiles: number;
  s3?: S3Config;
  /** Expected `iss` of citizen tokens. */
  jwtIssuer?: string;
  /** JWKS URL of the issuer. */
  jwtJwksUrl?: string;
  /** PEM (SPKI) public key of the issuer, as an alternative to a JWKS URL. */
  jwtPublicKey?: string;
  /** Expected `aud`, when the issuer sets one. */
  jwtAudience?: string;
  /** Mount the development identity issuer under `/api/v1/dev-idp` (demo and tests only). */
  devIdp: boolean;
  /** Scope an officer token must carry (in `scope`, space-separated, or the `scp` array) for the officer API. */
  officerScope: string;
  /** Claim of an officer token that names the officer's agency code (QCVN 102:2016). */
  officerAgencyClaim: string;
  vietqr: VietQrConfig;
  vnpay: VnpayConfig;
  /**
   * The public origin of this back end (`https://dvc.example.gov.vn`, no path), from `PUBLIC_ORIGIN`:
   * the origin of the URLs handed to payment gateways (the signed `vnp_ReturnUrl`, the IPN URL to
   * register). Never taken from a request's `Host` header. Unset: `http://localhost:<PORT>`
   * (development only; see `publicOriginSet`).
   */
  publicOrigin: string;
  /** True when `PUBLIC_ORIGIN` was set explicitly (production must set it). */
  publicOriginSet: boolean;
  /**
   * Origins a payment's `returnUrl` may point to (`PAYMENT_RETURN_ORIGINS`); default: the origins of
   * `CORS_ORIGINS` (never `*`) plus `publicOrigin` (and, when `PUBLIC_ORIGIN` is unset,
   * `http://127.0.0.1:<PORT>`).
   */
  paymentReturnOrigins: string[];
  /** Minutes a pending VietQR payment is offered again before a fresh one is made (`VIETQR_VALIDITY_MINUTES`). */
  vietqrValidityMinutes: number;
  /**
   * Payment methods this back end accepts, in the order clients offer them (`PAYMENT_METHODS`, default
   * `vietqr,vnpay,counter`); listed per procedure by `GET /procedures`, any other is refused (422).
   */
  paymentMethods: PaymentMethodName[];
  /** Allowed CORS origins; `['*']` allows any; empty disables CORS headers. */
  corsOrigins: string[];
  /** Static directories: `{ prefix, dir }`, served with @fastify/static. */
  staticDirs: Array<{ prefix: string; dir: string }>;
  /** Extra days off (`YYYY-MM-DD`) skipped when computing appointment dates: the government's yearly decision. */
  holidays: string[];
  /** Weekend days (`YYYY-MM-DD`) worked by decision, and statutory days a decision moved. */
  workingDays: string[];
  /** Count the Labour Code holidays computed each year (Tết and Hùng Kings from the lunar calendar). */
  statutoryHolidays: boolean;
  /** Hour (local, UTC+7) after which a dossier counts as received the next working day. */
  cutoffHour: number;
  /** Admin-units data file (compact `{provinces}` or the raw thanglequoc array); searched when absent. */
  adminUnitsFile?: string;
  /** pino log level. */
  logLevel: string;
  /** Hours an Idempotency-Key and its answer are kept (at least 24, per the contract). */
  idempotencyTtlHours: number;
  /** Trust `X-Forwarded-*` from a reverse proxy (client IP for VNPay, protocol and host for URLs). */
  trustProxy: boolean;
  /**
   * Production mode (`NODE_ENV=production`, any letter case): `createServer` refuses every development
   * default (see `productionProblems`). `createServer` is also in production mode whenever the process's
   * own `NODE_ENV` says so, whatever this field holds.
   */
  production?: boolean;
  /** Public dossier lookups (`GET /dossiers/{code}`) allowed per client IP per minute; 0 turns the limit off. */
  lookupRateLimit: number;
  /**
   * Uploads a client IP may create per minute (`POST /uploads`; resuming and chunks are not counted); 0
   * turns the limit off. The per-owner quota alone cannot stop one client minting session secrets.
   */
  uploadRateLimit: number;
  /** `Strict-Transport-Security` max-age in seconds sent on every answer; 0 (default) sends none. */
  hstsMaxAge: number;
  /** Clock, for tests. */
  now?: () => Date;
}

/** Demo agency code: the example of Circular 01/2018/TT-VPCP. Replace with the agency's own code. */
export const DEFAULT_AGENCY_CODE = '000.00.00.H30';

/** VNPay's public sandbox merchant used in its documentation examples; replace in production. */
const SANDBOX_TMN = 'DVCDEMO1';

/**
 * The development defaults: public values that let the demo run without any setting. Production mode
 * refuses each of them (`productionProblems`).
 */
export const DEV_DEFAULTS = {
  vietqrNotifySecret: 'dev-vietqr-notify-secret',
  vietqrAccountNumber: '257678859',
  vnpaySecureSecret: 'dev-vnpay-secure-secret',
  vnpayTmnCode: SANDBOX_TMN,
  vnpayHost: 'https://sandbox.vnpayment.vn',
} as const;

/** Shortest shared secret (VIETQR_NOTIFY_SECRET, VNPAY_SECURE_SECRET) accepted in production. */
export const MIN_SECRET_LENGTH = 32;

/** Whether `NODE_ENV` names production (`production`, `Production`, `PRODUCTION`, with spaces trimmed). */
export function isProductionEnv(nodeEnv: string | undefined): boolean {
  return (nodeEnv ?? '').trim().toLowerCase() === 'production';
}

/** One production rule: the setting to change and why, when `config` breaks the rule; else `null`. */
export type ProductionRule = (config: ServerConfig) => { setting: string; problem: string } | null;

const secretRule =
  (setting: string, get: (c: ServerConfig) => string, devValue: string): ProductionRule =>
  (c) => {
    const v = get(c);
    if (v === devValue)
      return { setting, problem: 'not set (the public development default is in use); set the secret the provider gave you' };
    if (v.length < MIN_SECRET_LENGTH) return { setting, problem: `too short (${v.length} characters); use at least ${MIN_SECRET_LENGTH}` };
    return null;
  };

/** A rule that applies only while `method` is offered (`PAYMENT_METHODS`): a method not offered needs no secret. */
const offered =
  (method: PaymentMethodName, rule: ProductionRule): ProductionRule =>
  (c) =>
    c.paymentMethods.includes(method) ? rule(c) : null;

/**
 * What production mode refuses, one rule each. A rule names the environment variable to set, so the
 * operator knows what to do. Add a rule here to refuse one more development default.
 */
export const PRODUCTION_RULES: readonly ProductionRule[] = [
  offered(
    'vietqr',
    secretRule('VIETQR_NOTIFY_SECRET', (c) => c.vietqr.notifySecret, DEV_DEFAULTS.vietqrNotifySecret),
  ),
  offered(
    'vnpay',
    secretRule('VNPAY_SECURE_SECRET', (c) => c.vnpay.secureSecret, DEV_DEFAULTS.vnpaySecureSecret),
  ),
  (c) =>
    c.paymentMethods.includes('vnpay') && c.vnpay.tmnCode === DEV_DEFAULTS.vnpayTmnCode
      ? {
          setting: 'VNPAY_TMN_CODE',
          problem: `"${DEV_DEFAULTS.vnpayTmnCode}" is the sandbox merchant; set the agency's VNPay terminal code`,
        }
      : null,
  (c) =>
    c.paymentMethods.includes('vnpay') && c.vnpay.host === DEV_DEFAULTS.vnpayHost
      ? { setting: 'VNPAY_HOST', problem: `${DEV_DEFAULTS.vnpayHost} is VNPay's sandbox; set the production gateway` }
      : null,
  (c) =>
    c.paymentMethods.includes('vietqr') && c.vietqr.accountNumber === DEV_DEFAULTS.vietqrAccountNumber
      ? {
          setting: 'VIETQR_ACCOUNT_NUMBER',
          problem: `${DEV_DEFAULTS.vietqrAccountNumber} is the demo account; set the agency's receiving account`,
        }
      : null,
  (c) => (c.devIdp ? { setting: 'DEV_IDP', problem: 'the development identity issuer is on; remove DEV_IDP' } : null),
  (c) => (!c.jwtIssuer ? { setting: 'JWT_ISSUER', problem: "not set; set the identity provider's issuer (iss)" } : null),
  (c) =>
    !c.jwtJwksUrl && !c.jwtPublicKey
      ? { setting: 'JWT_JWKS_URL', problem: "no token key configured; set JWT_JWKS_URL (or JWT_PUBLIC_KEY) to the identity provider's key" }
      : null,
  (c) =>
    !c.publicOriginSet
      ? {
          setting: 'PUBLIC_ORIGIN',
          problem: `not set; gateway return URLs would point at ${c.publicOrigin}: set the origin citizens reach this back end at (https://…)`,
        }
      : null,
];

/** Every production rule `config` breaks, as `SETTING: problem` lines (empty when it may run in production). */
export function productionProblems(config: ServerConfig, rules: readonly ProductionRule[] = PRODUCTION_RULES): string[] {
  return rules.flatMap((rule) => {
    const hit = rule(config);
    return hit ? [`${hit.setting}: ${hit.problem}`] : [];
  });
}

/**
 * Throws a ConfigError naming every setting to set when `config` runs in production mode
 * (`config.production`, or `nodeEnv` names production) with a development default. Called by
 * `loadConfig` (with its env's NODE_ENV) and again by `createServer` (with the process's: a config may
 * be built by hand).
 */
export function assertProductionReady(config: ServerConfig, nodeEnv: string | undefined = process.env.NODE_ENV): void {
  if (config.production !== true && !isProductionEnv(nodeEnv)) return;
  const problems = productionProblems(config);
  if (problems.length === 0) return;
  throw new ConfigError(
    'NODE_ENV=production',
    `refusing to start with development defaults. Set:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
  );
}

/** A configuration error naming the variable. */
export class ConfigError extends Error {
  /** The variable at fault. */
  readonly variable: string;
  constructor(variable: string, problem: string) {
    super(`${variable}: ${problem}`);
    this.name = 'ConfigError';
    this.variable = variable;
  }
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `expected a whole number, got "${raw}"`);
  const n = Number(raw);
  if (n < min || n > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${n}`);
  return n;
}

function bool(env: NodeJS.ProcessEnv, name: string): boolean {
  const raw = (env[name] ?? '').toLowerCase();
  return raw === '1' || raw === 'true' || raw === 'yes';
}

/** The contract's payment methods. */
export const PAYMENT_METHOD_NAMES = PAYMENT_METHODS;
export type PaymentMethodName = PaymentMethod;

/** `PAYMENT_METHODS`: a comma-separated, non-empty subset of the contract's methods, without repeats. */
function paymentMethods(env: NodeJS.ProcessEnv): PaymentMethodName[] {
  const raw = env.PAYMENT_METHODS;
  if (raw === undefined || raw.trim() === '') return [...PAYMENT_METHOD_NAMES];
  const names = list(raw);
  const unknown = names.filter((n) => !(PAYMENT_METHOD_NAMES as readonly string[]).includes(n));
  if (unknown.length > 0) {
    throw new ConfigError(
      'PAYMENT_METHODS',
      `unknown method ${unknown.map((n) => `"${n}"`).join(', ')}; use some of ${PAYMENT_METHOD_NAMES.join(', ')}`,
    );
  }
  if (new Set(names).size !== names.length) throw new ConfigError('PAYMENT_METHODS', `lists a method twice ("${raw}")`);
  return names as PaymentMethodName[];
}

function list(raw: string | undefined): string[] {
  return (raw ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Parses `"1mb"`, `"512kb"` or a byte count. */
function bytes(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const m = /^(\d+)\s*(b|kb|mb)?$/i.exec(raw.trim());
  if (!m) throw new ConfigError(name, `expected bytes like 1048576, 512kb or 1mb, got "${raw}"`);
  const unit = (m[2] ?? 'b').toLowerCase();
  const n = Number(m[1]) * (unit === 'mb' ? 1024 * 1024 : unit === 'kb' ? 1024 : 1);
  if (n < 1024) throw new ConfigError(name, 'must be at least 1kb');
  return n;
}

/** A scope or claim name: visible ASCII without spaces. */
function scopeToken(env: NodeJS.ProcessEnv, name: string, fallback: string): string {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^[\x21-\x7E]{1,128}$/.test(raw)) throw new ConfigError(name, `"${raw}" must be one word of visible ASCII (no spaces)`);
  return raw;
}

/**
 * An http(s) origin (`scheme://host[:port]`, lower-cased, no path, query or credentials) or null when
 * `raw` is not one. A trailing `/` is accepted.
 */
export function parseOrigin(raw: string): string | null {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  if (u.username || u.password || u.search || u.hash || (u.pathname !== '/' && u.pathname !== '')) return null;
  if (!/^https?:\/\/[^/?#]+\/?$/i.test(raw.trim())) return null;
  return u.origin;
}

function origins(env: NodeJS.ProcessEnv, name: string): string[] | undefined {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  return list(raw).map((o) => {
    const origin = parseOrigin(o);
    if (!origin) throw new ConfigError(name, `"${o}" is not an http(s) origin like https://dvc.example.gov.vn (no path, no "*")`);
    return origin;
  });
}

/** Builds the configuration from environment variables (defaults suit a local demo). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): ServerConfig {
  const config = readConfig(env, cwd);
  assertProductionReady(config, env.NODE_ENV);
  return config;
}

function readConfig(env: NodeJS.ProcessEnv, cwd: string): ServerConfig {
  const dataDir = path.resolve(cwd, env.DATA_DIR || '.data');
  const dates = (name: string): string[] => {
    const out = list(env[name]);
    for (const h of out) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(h) || Number.isNaN(Date.parse(`${h}T00:00:00Z`))) {
        throw new ConfigError(name, `"${h}" is not a YYYY-MM-DD date`);
      }
    }
    return out;
  };
  const holidays = dates('HOLIDAYS');
  const workingDays = dates('WORKING_DAYS');
  const agencyCode = env.AGENCY_CODE || DEFAULT_AGENCY_CODE;
  if (!/^[0-9A-Za-z.]{1,40}$/.test(agencyCode)) {
    throw new ConfigError('AGENCY_CODE', `"${agencyCode}" must be letters, digits and dots (QCVN 102:2016)`);
  }
  const bankBin = env.VIETQR_BANK_BIN || '970416';
  if (!/^\d{6}$/.test(bankBin)) throw new ConfigError('VIETQR_BANK_BIN', 'must be the 6-digit NAPAS bank BIN');
  const accountNumber = env.VIETQR_ACCOUNT_NUMBER || DEV_DEFAULTS.vietqrAccountNumber;
  if (!/^[0-9A-Za-z]{1,19}$/.test(accountNumber)) {
    throw new ConfigError('VIETQR_ACCOUNT_NUMBER', 'must be 1 to 19 letters or digits');
  }
  const staticDirs = list(env.STATIC_DIR).map((entry) => {
    const eq = entry.indexOf('=');
    const prefix = eq > 0 ? entry.slice(0, eq) : '/';
    const dir = path.resolve(cwd, eq > 0 ? entry.slice(eq + 1) : entry);
    return { prefix: prefix.endsWith('/') ? prefix : `${prefix}/`, dir };
  });
  const s3Bucket = env.S3_BUCKET;
  const port = int(env, 'PORT', 8080, 0, 65535);
  const corsOrigins = list(env.CORS_ORIGINS);
  const explicitOrigin = origins(env, 'PUBLIC_ORIGIN');
  if (explicitOrigin && explicitOrigin.length !== 1) throw new ConfigError('PUBLIC_ORIGIN', 'must be one origin');
  const publicOrigin = explicitOrigin?.[0] ?? `http://localhost:${port}`;
  if (env.VNPAY_RETURN_URL && !/^https?:\/\/[^/?#\s]+\/\S*$/i.test(env.VNPAY_RETURN_URL)) {
    throw new ConfigError('VNPAY_RETURN_URL', `"${env.VNPAY_RETURN_URL}" must be an absolute http(s) URL`);
  }
  const returnOrigins = origins(env, 'PAYMENT_RETURN_ORIGINS') ?? [
    ...corsOrigins.map(parseOrigin).filter((o): o is string => o !== null),
    publicOrigin,
    ...(explicitOrigin ? [] : [`http://127.0.0.1:${port}`]),
  ];
  return {
    port,
    host: env.HOST || '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir,
    agencyCode,
    proceduresDir: path.resolve(cwd, env.PROCEDURES_DIR || 'generated/procedures'),
    bodyLimit: bytes(env, 'BODY_LIMIT', 1024 * 1024),
    uploadMaxMB: int(env, 'UPLOAD_MAX_MB', 20, 1, 10240),
    uploadsDir: path.resolve(cwd, env.UPLOADS_DIR || path.join(dataDir, 'uploads')),
    uploadRetentionHours: int(env, 'UPLOAD_RETENTION_HOURS', 24, 1, 24 * 365),
    uploadQuotaMB: int(env, 'UPLOAD_QUOTA_MB', 100, 1, 1024 * 1024),
    uploadQuotaFiles: int(env, 'UPLOAD_QUOTA_FILES', 50, 1, 100_000),
    s3: s3Bucket
      ? {
          bucket: s3Bucket,
          region: env.S3_REGION || 'us-east-1',
          endpoint: env.S3_ENDPOINT || undefined,
          accessKeyId: env.S3_ACCESS_KEY_ID || undefined,
          secretAccessKey: env.S3_SECRET_ACCESS_KEY || undefined,
          forcePathStyle: bool(env, 'S3_FORCE_PATH_STYLE'),
        }
      : undefined,
    jwtIssuer: env.JWT_ISSUER || undefined,
    jwtJwksUrl: env.JWT_JWKS_URL || undefined,
    jwtPublicKey: env.JWT_PUBLIC_KEY || undefined,
    jwtAudience: env.JWT_AUDIENCE || undefined,
    devIdp: bool(env, 'DEV_IDP'),
    officerScope: scopeToken(env, 'OFFICER_SCOPE', 'dvc-forms:officer'),
    officerAgencyClaim: scopeToken(env, 'OFFICER_AGENCY_CLAIM', 'agency'),
    vietqr: {
      bankBin,
      accountNumber,
      accountName: env.VIETQR_ACCOUNT_NAME || undefined,
      notifySecret: env.VIETQR_NOTIFY_SECRET || DEV_DEFAULTS.vietqrNotifySecret,
    },
    vnpay: {
      tmnCode: env.VNPAY_TMN_CODE || DEV_DEFAULTS.vnpayTmnCode,
      secureSecret: env.VNPAY_SECURE_SECRET || DEV_DEFAULTS.vnpaySecureSecret,
      host: env.VNPAY_HOST || DEV_DEFAULTS.vnpayHost,
      returnUrl: env.VNPAY_RETURN_URL || undefined,
      testMode: env.VNPAY_TEST_MODE === undefined ? true : bool(env, 'VNPAY_TEST_MODE'),
    },
    publicOrigin,
    publicOriginSet: explicitOrigin !== undefined,
    paymentReturnOrigins: [...new Set(returnOrigins)],
    vietqrValidityMinutes: int(env, 'VIETQR_VALIDITY_MINUTES', 1440, 1, 60 * 24 * 90),
    paymentMethods: paymentMethods(env),
    corsOrigins,
    staticDirs,
    holidays,
    workingDays,
    statutoryHolidays: (env.STATUTORY_HOLIDAYS ?? '1') !== '0' && (env.STATUTORY_HOLIDAYS ?? '').toLowerCase() !== 'false',
    cutoffHour: int(env, 'CUTOFF_HOUR', 15, 0, 24),
    adminUnitsFile: env.ADMIN_UNITS_FILE ? path.resolve(cwd, env.ADMIN_UNITS_FILE) : undefined,
    logLevel: env.LOG_LEVEL || 'info',
    trustProxy: bool(env, 'TRUST_PROXY'),
    production: isProductionEnv(env.NODE_ENV),
    lookupRateLimit: int(env, 'LOOKUP_RATE_LIMIT', 60, 0, 1_000_000),
    uploadRateLimit: int(env, 'UPLOAD_RATE_LIMIT', 120, 0, 1_000_000),
    hstsMaxAge: int(env, 'HSTS_MAX_AGE', 0, 0, 2 * 365 * 86_400),
    idempotencyTtlHours: int(env, 'IDEMPOTENCY_TTL_HOURS', 168, 24, 24 * 3650),
  };
}
