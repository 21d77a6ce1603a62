/**
 * `createServer(config)`: the reference back end as a Fastify instance (not listening yet). Opens and
 * migrates the database, loads the compiled procedures, wires authentication, the routes of
 * `api/openapi.yaml` under `/api/v1`, tus uploads, static files and RFC 9457 error answers.
 */
import { mkdir } from 'node:fs/promises';
import { constants as zlib } from 'node:zlib';
import compress from '@fastify/compress';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify';
import { createAuthenticator, createDevIssuer, DEV_AUDIENCE, DEV_ISSUER } from './auth.js';
import { WorkingCalendar } from './calendar.js';
import { findSampleCitizen } from './citizens.js';
import { assertProductionReady, type ServerConfig } from './config.js';
import { EMPTY_DIRECTORY, type AppContext, type CitizenDirectory } from './context.js';
import type { Db } from './db/db.js';
import { openDatabase } from './db/open.js';
import { loadTranslation } from 'dvc-forms/runtime/messages.js';
import { assertCleanJson } from './input.js';
import { REDACTED_LOG_PATHS, serializeError } from './log.js';
import { HttpProblem, problemFor, type Problem, type ProblemFieldError } from './problem.js';
import { loadProcedures, type LoadedProcedure } from './procedures.js';
import { citizenRoutes } from './routes/citizen.js';
import { devIdpRoutes } from './routes/devIdp.js';
import { officerRoutes } from './routes/officer.js';
import { dossierRoutes } from './routes/dossiers.js';
import { paymentRoutes } from './routes/payments.js';
import { referenceRoutes } from './routes/reference.js';
import { serviceRoutes } from './routes/service.js';
import { uploadRoutes } from './routes/uploads.js';
import { purgeIdempotencyKeys } from './store/dossiers.js';
import { purgeUnreferencedUploads } from './uploads.js';
import { loadHeaderRules } from './static-headers.js';

/** Base path of the JSON API. */
export const API_PREFIX = '/api/v1';

/** Extra parts a deployment (or a test) can plug in. */
export interface ServerOptions {
  /** Population-database / document-store connector; the sample citizens when `devIdp`, else none. */
  directory?: CitizenDirectory;
  /** Procedures to use instead of scanning `config.proceduresDir`. */
  procedures?: Map<string, LoadedProcedure>;
  /** Use this database instead of opening one from the configuration (not closed by the server). */
  db?: Db;
  /** Where the JSON log lines go (default stdout). */
  logStream?: { write(line: string): unknown };
}

/** The server and what tests may need to reach. */
export type DvcServer = FastifyInstance & { ctx: AppContext };

const SAMPLE_DIRECTORY: CitizenDirectory = {
  prefill: async (sub) => ({ ...(findSampleCitizen(sub)?.prefill ?? {}) }),
  documents: async (sub) => [...(findSampleCitizen(sub)?.documents ?? [])],
};

function send(reply: import('fastify').FastifyReply, problem: Problem, headers: Record<string, string> = {}): void {
  reply.code(problem.status).headers(headers).type('application/problem+json').send(problem);
}

function fastifyValidationProblem(err: FastifyError): Problem {
  const where = err.validationContext ?? 'body';
  const errors: ProblemFieldError[] = (err.validation ?? []).map((v) => {
    const params = v.params as Record<string, unknown>;
    let pointer = where === 'body' ? v.instancePath : '';
    if (v.keyword === 'required' && typeof params.missingProperty === 'string') {
      pointer = `${pointer}/${params.missingProperty}`;
    }
    if (v.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') {
      pointer = `${pointer}/${params.additionalProperty}`;
    }
    return { pointer, keyword: v.keyword, message: `${where}${v.instancePath} ${v.message ?? 'is not valid'}` };
  });
  if (where === 'body') {
    return { ...problemFor(422, 'The request body does not have the expected shape.', 'validation'), errors };
  }
  return { ...problemFor(400, `The request ${where} is not valid: ${err.message}`, 'bad-request'), errors };
}

/**
 * API paths whose answers are personal (the citizen's record, drafts, a dossier, payments, the officer
 * API): sent with `Cache-Control: no-store, private` so no shared cache or browser history keeps them.
 */
const PERSONAL_PATHS = /^\/api\/v1\/(me|drafts|dossiers|payments|officer|dev-idp\/token)(\/|$|\?)/;

/**
 * Builds the server (call `.listen()` on it; `.close()` also closes the database). Throws a ConfigError
 * in production mode (see `assertProductionReady`) when `config` keeps a development default.
 */
export async function createServer(config: ServerConfig, options: ServerOptions = {}): Promise<DvcServer> {
  assertProductionReady(config, process.env.NODE_ENV);
  const app = Fastify({
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy,
    // Prototype-polluting keys in a JSON body are a 400 (Fastify's secure-json-parse), never merged.
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: true } },
    logger: {
      level: config.logLevel,
      ...(options.logStream ? { stream: options.logStream } : {}),
      redact: { paths: REDACTED_LOG_PATHS, remove: true },
      serializers: {
        // Kind, code, redacted message and stack frames only: never parameters, rows or quoted values.
        err: (e: Error) => {
          const o = serializeError(e);
          return { ...o, stack: o.stack ?? '' };
        },
        // Method and path only: no query string (gateway callbacks), no headers, no body.
        req: (req: { method: string; url: string; id: string }) => ({
          id: req.id,
          method: req.method,
          path: req.url.split('?')[0],
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    },
  });

  // Validation messages in both locales (the runtime loads locales lazily).
  await loadTranslation('en');
  const db = options.db ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
  const procedures = options.procedures ?? (await loadProcedures(config.proceduresDir));
  if (procedures.size === 0) app.log.warn({ dir: config.proceduresDir }, 'no compiled procedures found');
  const dev = config.devIdp ? await createDevIssuer(config.jwtIssuer ?? DEV_ISSUER, config.jwtAudience ?? DEV_AUDIENCE) : undefined;
  const ctx: AppContext = {
    config,
    db,
    procedures,
    auth: await createAuthenticator(config, dev),
    dev,
    directory: options.directory ?? (dev ? SAMPLE_DIRECTORY : EMPTY_DIRECTORY),
    calendar: new WorkingCalendar({ holidays: config.holidays, workingDays: config.workingDays, statutory: config.statutoryHolidays }),
    now: config.now ?? (() => new Date()),
  };
  if (!config.s3) await mkdir(config.uploadsDir, { recursive: true });
  app.decorate('ctx', ctx);
  // Housekeeping: forget idempotency keys past their retention, hourly.
  // A timer runs outside any request: nothing it throws may reach the process.
  const purgeKeys = (): void => {
    try {
      const cutoff = new Date(ctx.now().getTime() - config.idempotencyTtlHours * 3_600_000).toISOString();
      purgeIdempotencyKeys(db, cutoff).catch((err: unknown) => app.log.error({ err }, 'idempotency key purge failed'));
    } catch (err) {
      app.log.error({ err }, 'idempotency key purge failed');
    }
  };
  // ... and purge uploads no dossier took within UPLOAD_RETENTION_HOURS.
  const purgeUploads = (): void => {
    purgeUnreferencedUploads(ctx).then(
      (r) => (r.purged > 0 ? app.log.info(r, 'unreferenced uploads purged') : undefined),
      (err: unknown) => app.log.error({ err }, 'upload purge failed'),
    );
  };
  const housekeeping = setInterval(() => {
    purgeKeys();
    purgeUploads();
  }, 3_600_000);
  housekeeping.unref();
  app.addHook('onClose', async () => {
    clearInterval(housekeeping);
    if (!options.db) await db.close();
  });

  // Headers of every answer, also those tus writes itself (set on the raw response, so they survive hijack).
  app.addHook('onRequest', async (req, reply) => {
    reply.raw.setHeader('x-content-type-options', 'nosniff');
    if (config.hstsMaxAge > 0) reply.raw.setHeader('strict-transport-security', `max-age=${config.hstsMaxAge}; includeSubDomains`);
    if (PERSONAL_PATHS.test(req.url)) reply.raw.setHeader('cache-control', 'no-store, private');
  });

  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof HttpProblem) return send(reply, err.problem, err.headers);
    if (err.validation) return send(reply, fastifyValidationProblem(err));
    const status = err.statusCode ?? 500;
    if (status === 413 || err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return send(reply, problemFor(413, `The body is larger than the limit of ${config.bodyLimit} bytes.`, 'too-large'));
    }
    if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return send(reply, problemFor(415, 'The body must be application/json.', 'unsupported-media-type'));
    }
    if (err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
      return send(reply, problemFor(400, 'The body is empty; send a JSON document.', 'bad-json'));
    }
    if (err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (status === 400 && err instanceof SyntaxError)) {
      // Not err.message: V8 quotes the text it could not parse.
      const poisoned = /__proto__|constructor/i.test(err.message);
      return send(
        reply,
        poisoned
          ? problemFor(400, 'The body has a "__proto__" or "constructor.prototype" key; such keys are refused.', 'bad-json')
          : problemFor(400, 'The body is not valid JSON.', 'bad-json'),
      );
    }
    if (status >= 400 && status < 500) return send(reply, problemFor(status, err.message));
    req.log.error({ err }, 'request failed');
    return send(reply, problemFor(500, 'The server could not complete the request. Try again later.'));
  });
  app.setNotFoundHandler((req, reply) => send(reply, problemFor(404, `Nothing at ${req.method} ${req.url.split('?')[0]}.`, 'not-found')));

  // Responses over 1 KB compressed (Brotli or gzip, as the client accepts): the administrative-unit list
  // is 197 KB of JSON and ~35 KB compressed; pages, scripts and JSON answers shrink alike. Brotli at a
  // moderate level: answers are compressed per request.
  await app.register(compress, {
    encodings: ['br', 'gzip'],
    threshold: 1024,
    brotliOptions: { params: { [zlib.BROTLI_PARAM_QUALITY]: 5 } },
  });

  if (config.corsOrigins.length > 0) {
    await app.register(cors, {
      origin: config.corsOrigins.includes('*') ? true : config.corsOrigins,
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
      allowedHeaders: [
        'Authorization',
        'Content-Type',
        'Idempotency-Key',
        'Dvc-Session',
        'Accept-Language',
        'Tus-Resumable',
        'Upload-Length',
        'Upload-Metadata',
        'Upload-Offset',
        'Upload-Defer-Length',
        'X-HTTP-Method-Override',
        'X-Requested-With',
      ],
      exposedHeaders: [
        'Location',
        'Upload-Offset',
        'Upload-Length',
        'Upload-Metadata',
        'Tus-Resumable',
        'Tus-Version',
        'Tus-Max-Size',
        'Tus-Extension',
        'Content-Disposition',
      ],
      maxAge: 600,
    });
  }

  // Per-route limits (the public dossier lookup, upload creation), keyed by client IP (X-Forwarded-For
  // with TRUST_PROXY). Registered at the root so the API and the tus routes can both opt in.
  await app.register(rateLimit, {
    global: false,
    keyGenerator: (req) => req.ip,
    errorResponseBuilder: (_req, c) =>
      new HttpProblem(
        429,
        'too-many-requests',
        `Too many requests: at most ${c.max} a minute from one client. Try again in ${c.after}.`,
        {},
        { 'retry-after': String(Math.max(1, Math.ceil(c.ttl / 1000))) },
      ),
  });

  await app.register(
    async (api) => {
      // JSON only: without Fastify's default text/plain parser a text body is 415, not a shape error (422).
      api.removeContentTypeParser('text/plain');
      // Hostile bodies: too deep → 400, NUL or lone surrogates → 422 naming the place; strings to NFC.
      api.addHook('preValidation', async (req) => {
        const body: unknown = req.body;
        if (body === null || body === undefined || Buffer.isBuffer(body)) return;
        assertCleanJson(body);
      });
      await serviceRoutes(api, ctx);
      await citizenRoutes(api, ctx);
      await dossierRoutes(api, ctx);
      await officerRoutes(api, ctx);
      await paymentRoutes(api, ctx);
      await referenceRoutes(api, ctx);
      await devIdpRoutes(api, ctx);
    },
    { prefix: API_PREFIX },
  );
  await uploadRoutes(app, ctx);

  app.get('/favicon.ico', async (_req, reply) => reply.code(204).send());
  config.staticDirs.forEach((s, i) => {
    const headersFor = loadHeaderRules(s.dir, s.prefix);
    void app.register(fastifyStatic, {
      root: s.dir,
      prefix: s.prefix,
      decorateReply: i === 0,
      index: ['index.html'],
      ...(headersFor && {
        setHeaders: (reply: FastifyReply, filePath: string) => {
          for (const [name, value] of Object.entries(headersFor(filePath))) reply.header(name, value);
        },
      }),
    });
  });

  return app as unknown as DvcServer;
}
