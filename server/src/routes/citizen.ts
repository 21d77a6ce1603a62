/** The signed-in citizen: prefill record, reusable documents and server-side drafts. */
import type { FastifyInstance } from 'fastify';
import type { CitizenDocument, Draft, DraftInput } from 'dvc-forms/runtime/contract.js';
import { withoutSensitive } from 'dvc-forms/runtime/sensitive.js';
import type { AppContext } from '../context.js';
import { HttpProblem } from '../problem.js';
import { deleteDraft, findDraft, saveDraft, type DraftGuard, type DraftRecord } from '../store/drafts.js';
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

  app.get<{ Querystring: { documentType?: string }; Reply: CitizenDocument[] }>(
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

  const toDraft = (r: DraftRecord): Draft => {
    const updated = new Date(r.updatedAt);
    return {
      procedure: r.procedure,
      version: r.body.version,
      data: r.body.data,
      ...(r.body.stepId ? { stepId: r.body.stepId } : {}),
      ...(r.body.savedAt ? { savedAt: r.body.savedAt } : {}),
      updatedAt: updated.toISOString(),
      expiresAt: new Date(updated.getTime() + DRAFT_TTL_DAYS * 86_400_000).toISOString(),
    };
  };

  app.get<{ Params: { slug: string }; Reply: Draft }>('/drafts/:slug', { schema: { params: SLUG_PARAMS } }, async (req, reply) => {
    const citizen = await ctx.auth.require(req);
    reply.header('cache-control', 'no-store, private');
    const cutoff = new Date(ctx.now().getTime() - DRAFT_TTL_DAYS * 86_400_000).toISOString();
    const draft = await findDraft(ctx.db, citizen.sub, req.params.slug, cutoff);
    if (!draft) throw new HttpProblem(404, 'not-found', `No saved draft of "${req.params.slug}".`);
    return toDraft(draft);
  });

  app.put<{ Params: { slug: string }; Body: DraftInput; Reply: Draft }>(
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
      // Each save moves updatedAt forward (at least 1 ms), so it identifies the stored version. With
      // baseUpdatedAt null, only when there is none (or only an expired one); with a time, only when the
      // stored draft is still the one the client started from (and has not expired).
      const guard: DraftGuard =
        baseUpdatedAt === undefined
          ? { kind: 'any' }
          : baseUpdatedAt === null
            ? { kind: 'none', expiredBefore: cutoff }
            : { kind: 'version', updatedAt: baseUpdatedAt, expiredBefore: cutoff };
      const saved = await saveDraft(ctx.db, { citizen: citizen.sub, procedure: req.params.slug, body, now: now.toISOString() }, guard);
      if (!saved) {
        throw new HttpProblem(
          409,
          'draft-conflict',
          baseUpdatedAt === null
            ? `A draft of "${req.params.slug}" was saved on another device; load it first.`
            : `The draft of "${req.params.slug}" changed since ${baseUpdatedAt} (saved on another device, or deleted); load it first.`,
        );
      }
      reply.header('cache-control', 'no-store, private');
      return toDraft(saved);
    },
  );

  app.delete<{ Params: { slug: string } }>('/drafts/:slug', { schema: { params: SLUG_PARAMS } }, async (req, reply) => {
    const citizen = await ctx.auth.require(req);
    await deleteDraft(ctx.db, citizen.sub, req.params.slug);
    return reply.code(204).send();
  });
}
