/**
 * Development identity issuer (`DEV_IDP=1` only): sample citizens and officers, ES256 tokens, JWKS. For
 * the demo and tests; never enable it in production. An officer's token carries the officer scope and
 * the agency claim the officer API checks.
 */
import type { FastifyInstance } from 'fastify';
import type { DevToken } from 'dvc-forms/runtime/contract.js';
import { SAMPLE_CITIZENS, findSampleCitizen } from '../citizens.js';
import type { AppContext } from '../context.js';
import { findSampleOfficer, SAMPLE_OFFICERS } from '../officers.js';
import { HttpProblem } from '../problem.js';

const DESCRIPTIONS: Record<string, string> = {
  'dev-citizen-001': 'Đã kết hôn, sống ở Hà Nội (khai sinh cho con, đăng ký thường trú)',
  'dev-citizen-002': 'Độc thân, TP Hồ Chí Minh (đăng ký kết hôn, lý lịch tư pháp)',
  'dev-citizen-003': 'Sinh viên, tạm trú Hà Nội (lý lịch tư pháp, tạm trú)',
  'dev-citizen-004': 'Người cao tuổi, tài khoản mức 1, CMND cũ',
};

/** Token lifetime of the development issuer. */
export const DEV_TOKEN_TTL = 3600;

/** Registers `/dev-idp/*` when the development issuer is on. */
export async function devIdpRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const dev = ctx.dev;
  if (!dev) return;
  app.get('/dev-idp/citizens', async () =>
    SAMPLE_CITIZENS.map((c) => ({
      sub: c.sub,
      level: c.level,
      fullName: c.prefill['citizen.fullName'],
      idNumber: c.prefill['citizen.idNumber'],
      dateOfBirth: c.prefill['citizen.dateOfBirth'],
      description: DESCRIPTIONS[c.sub],
    })),
  );
  app.post<{ Body: { sub: string }; Reply: DevToken }>(
    '/dev-idp/token',
    {
      schema: {
        body: {
          type: 'object',
          required: ['sub'],
          additionalProperties: false,
          properties: { sub: { type: 'string', minLength: 1, maxLength: 128 } },
        },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      const officer = findSampleOfficer(req.body.sub);
      if (officer) {
        const claims = {
          scope: ctx.config.officerScope,
          [ctx.config.officerAgencyClaim]: officer.agency ?? ctx.config.agencyCode,
          name: officer.name,
        };
        const token = await dev.sign(officer.sub, claims, DEV_TOKEN_TTL);
        return { access_token: token, token_type: 'Bearer', expires_in: DEV_TOKEN_TTL };
      }
      const c = findSampleCitizen(req.body.sub);
      if (!c) throw new HttpProblem(404, 'not-found', `No sample citizen or officer has sub "${req.body.sub}".`);
      const token = await dev.sign(c.sub, { acr: `vneid-level-${c.level}` }, DEV_TOKEN_TTL);
      return { access_token: token, token_type: 'Bearer', expires_in: DEV_TOKEN_TTL };
    },
  );
  app.get('/dev-idp/officers', async () =>
    SAMPLE_OFFICERS.map((o) => ({ sub: o.sub, name: o.name, agency: o.agency ?? ctx.config.agencyCode, description: o.description })),
  );
  app.get('/dev-idp/jwks.json', async () => dev.jwks);
}
