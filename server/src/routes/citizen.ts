/** The signed-in citizen: prefill record, reusable documents and server-side drafts. */
import type { FastifyInstance } from 'fastify';
import { withoutSensitive } from 'dvc-forms/runtime/sensitive.js';
import type { AppContext } from '../context.js';
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
    body: { version: string; data: Record<string, unknown>; stepId?: string; savedAt?: string };
    updated_at: unknown;
  }
  const toDraft = (r: DraftRow): Record<string, unknown> => {
    const updated = new Date(iso(r.updated_at));
    return {
      procedure: r.procedure_slug,
      version: r.body.version,
      data: r.body.data,
      ...(r.body.stepId ? { stepId: r.body.stepId } : {}),
      ...(r.body.savedAt ? { savedAt: r.body.savedAt } : {}),
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

  interface DraftBody {
    version: string;
    data: Record<string, unknown>;
    stepId?: string;
    savedAt?: string;
    baseUpdatedAt?: string | null;
  }
  app.put<{ Params: { slug: string }; Body: DraftBody }>(
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
            savedAt: { type: 'string', format: 'date-time' },
            baseUpdatedAt: { anyOf: [{ type: 'string', format: 'date-time' }, { type: 'null' }] },
          },
        },
      },
    },
    async (req, reply) => {
      const citizen = await ctx.auth.require(req);
      const proc = ctx.procedures.get(req.params.slug);
      if (!proc) throw new HttpProblem(404, 'not-found', `No procedure "${req.params.slug}" on this back end.`);
      // Defence in depth: the SDK never sends x-sensitive fields; drop them if a client does.
      const { baseUpdatedAt, ...input } = req.body;
      const body = { ...input, data: withoutSensitive(proc.model, input.data) };
      const now = ctx.now();
      const cutoff = new Date(now.getTime() - DRAFT_TTL_DAYS * 86_400_000).toISOString();
      const params = [citizen.sub, req.params.slug, JSON.stringify(body), now.toISOString()];
      // Each save moves updated_at forward (at least 1 ms), so it identifies the stored version.
      const next = `GREATEST($4::timestamptz, drafts.updated_at + interval '1 millisecond')`;
      const returning = 'RETURNING procedure_slug, body, updated_at';
      let r;
      if (baseUpdatedAt === undefined) {
        r = await ctx.db.query<DraftRow & Record<string, unknown>>(
          `INSERT INTO drafts (citizen_subject, procedure_slug, body, updated_at) VALUES ($1, $2, $3::jsonb, $4)
           ON CONFLICT (citizen_subject, procedure_slug) DO UPDATE SET body = EXCLUDED.body, updated_at = ${next} ${returning}`,
          params,
        );
      } else if (baseUpdatedAt === null) {
        // Only when there is none (or only an expired one).
        r = await ctx.db.query<DraftRow & Record<string, unknown>>(
          `INSERT INTO drafts (citizen_subject, procedure_slug, body, updated_at) VALUES ($1, $2, $3::jsonb, $4)
           ON CONFLICT (citizen_subject, procedure_slug) DO UPDATE SET body = EXCLUDED.body, updated_at = ${next}
           WHERE drafts.updated_at <= $5 ${returning}`,
          [...params, cutoff],
        );
      } else {
        // Only when the stored draft is still the one the client started from (and has not expired).
        r = await ctx.db.query<DraftRow & Record<string, unknown>>(
          `UPDATE drafts SET body = $3::jsonb, updated_at = ${next}
           WHERE citizen_subject = $1 AND procedure_slug = $2 AND updated_at = $5 AND updated_at > $6 ${returning}`,
          [...params, baseUpdatedAt, cutoff],
        );
      }
      if (!r.rows[0]) {
        throw new HttpProblem(
          409,
          'draft-conflict',
          baseUpdatedAt === null
            ? `A draft of "${req.params.slug}" was saved on another device; load it first.`
            : `The draft of "${req.params.slug}" changed since ${baseUpdatedAt} (saved on another device, or deleted); load it first.`,
        );
      }
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
