/** Health, the accepted procedures and fee quotes. */
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { FeeQuote, Health, ProcedureSummary } from 'dvc-forms/runtime/contract.js';
import type { AppContext } from '../context.js';
import { feeOf, storedData } from '../judge.js';
import { HttpProblem } from '../problem.js';
import { pingDatabase } from '../store/health.js';

const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

const SLUG_PARAMS = {
  type: 'object',
  properties: { slug: { type: 'string', pattern: '^[a-z][a-z0-9]*(-[a-z0-9]+)*$', maxLength: 64 } },
} as const;

/** Registers `/health`, `/procedures` and `/procedures/{slug}/fee-quote`. */
export async function serviceRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get<{ Reply: { 200: Health; 503: Health } }>('/health', async (_req, reply) => {
    let database: 'ok' | 'error' = 'ok';
    try {
      await pingDatabase(ctx.db);
    } catch {
      database = 'error';
    }
    const body: Health = {
      status: database === 'ok' ? 'ok' : 'degraded',
      database,
      version: VERSION,
      procedures: ctx.procedures.size,
    };
    return reply
      .header('cache-control', 'no-store')
      .code(database === 'ok' ? 200 : 503)
      .send(body);
  });

  app.get<{ Reply: ProcedureSummary[] }>('/procedures', async () =>
    [...ctx.procedures.values()].map((p) => ({
      slug: p.slug,
      code: p.model.procedure.code,
      version: p.model.procedure.version,
      title: p.model.procedure.title,
      paymentMethods: ctx.config.paymentMethods,
    })),
  );

  app.post<{ Params: { slug: string }; Body: { data: Record<string, unknown> }; Reply: FeeQuote }>(
    '/procedures/:slug/fee-quote',
    {
      schema: {
        params: SLUG_PARAMS,
        body: { type: 'object', required: ['data'], additionalProperties: false, properties: { data: { type: 'object' } } },
      },
    },
    async (req) => {
      const proc = ctx.procedures.get(req.params.slug);
      if (!proc) throw new HttpProblem(404, 'not-found', `No procedure "${req.params.slug}" on this back end.`);
      return feeOf(proc, storedData(proc, req.body.data));
    },
  );
}

export { SLUG_PARAMS };
