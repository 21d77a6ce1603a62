/** The signed-in citizen: prefill record, reusable documents and server-side drafts. */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { withoutSensitive } from '../judge.js';
import { HttpProblem } from '../problem.js';
import { iso } from '../util.js';
import { SLUG_PARAMS } from './service.js';

/** Days a server-side draft is kept after its last save. */
export const DRAFT_TTL_DAYS = 30;

/** Registers `/me/prefill`, `/me/documents` and `/drafts/{slug}`. */
export async function citizenRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get('/me/prefill', async (req, reply) => {
    const citizen = await ctx.auth.require(req);
    reply.header('cache-control', 'no-store, private');
    return ctx.directory.prefill(citizen.sub);
  });

  app.get<{ Querystring: { documentType?: string } }>(
    '/me/documents',
    {
      schema: {
        querystring: {
          type: 'object',
          properties: { documentType: { type: 'string', minLength: 1, maxLength: 100 } },
        },
      },
    },
    async (req, reply) => {
      const citizen = await ctx.auth.require(req);
      reply.header('cache-control', 'no-store, private');
      const docs = await ctx.directory.documents(citizen.sub);
      return docs
        .filter((d) => !req.query.documentType || d.documentType === req.query.documentType)
        .sort((a, b) => b.issuedAt.localeCompare(a.issuedAt));
    },
  );

  interface DraftRow {
    procedure_slug: string;
    body: { version: string; data: Record<string, unknown>; stepId?: string };
    updated_at: unknown;
  }
  const toDraft = (r: DraftRow): Record<string, unknown> => {
    const updated = new Date(iso(r.updated_at));
    return {
      procedure: r.procedure_slug,
      version: r.body.version,
      data: r.body.data,
      ...(r.body.stepId ? { stepId: r.body.stepId } : {}),
      updatedAt: updated.toISOString(),
      expiresAt: new Date(updated.getTime() + DRAFT_TTL_DAYS * 86_400_000).toISOString(),
    };
  };

  app.get<{ Params: { slug: string } }>('/drafts/:slug', { schema: { params: SLUG_PARAMS } }, async (req, reply) => {
    const citizen = await ctx.auth.require(req);
    reply.header('cache-control', 'no-store, private');
    const cutoff = new Date(ctx.now().getTime() - DRAFT_TTL_DAYS * 86_400_000).toISOString();
    const r = await ctx.db.query<DraftRow & Record<string, unknown>>(
      'SELECT procedure_slug, body, updated_at FROM drafts WHERE citizen_subject = $1 AND procedure_slug = $2 AND updated_at > $3',
      [citizen.sub, req.params.slug, cutoff],
    );
    if (!r.rows[0]) throw new HttpProblem(404, 'not-found', `No saved draft of "${req.params.slug}".`);
    return toDraft(r.rows[0]);
  });

  app.put<{ Params: { slug: string }; Body: { version: string; data: Record<string, unknown>; stepId?: string } }>(
    '/drafts/:slug',
    {
      schema: {
        params: SLUG_PARAMS,
        body: {
          type: 'object',
          required: ['version', 'data'],
          additionalProperties: false,
          properties: {
            version: { type: 'string', minLength: 1, maxLength: 64 },
            data: { type: 'object' },
            stepId: { type: 'string', maxLength: 128 },
          },
        },
      },
    },
    async (req, reply) => {
      const citizen = await ctx.auth.require(req);
      const proc = ctx.procedures.get(req.params.slug);
      if (!proc) throw new HttpProblem(404, 'not-found', `No procedure "${req.params.slug}" on this back end.`);
      // Defence in depth: the SDK never sends x-sensitive fields; drop them if a client does.
      const body = { ...req.body, data: withoutSensitive(proc, req.body.data) };
      const now = ctx.now().toISOString();
      const r = await ctx.db.query<DraftRow & Record<string, unknown>>(
        `INSERT INTO drafts (citizen_subject, procedure_slug, body, updated_at) VALUES ($1, $2, $3::jsonb, $4)
         ON CONFLICT (citizen_subject, procedure_slug) DO UPDATE SET body = EXCLUDED.body, updated_at = EXCLUDED.updated_at
         RETURNING procedure_slug, body, updated_at`,
        [citizen.sub, req.params.slug, JSON.stringify(body), now],
      );
      reply.header('cache-control', 'no-store, private');
      return toDraft(r.rows[0]);
    },
  );

  app.delete<{ Params: { slug: string } }>('/drafts/:slug', { schema: { params: SLUG_PARAMS } }, async (req, reply) => {
    const citizen = await ctx.auth.require(req);
    await ctx.db.query('DELETE FROM drafts WHERE citizen_subject = $1 AND procedure_slug = $2', [
      citizen.sub,
      req.params.slug,
    ]);
    return reply.code(204).send();
  });
}
