/**
 * The officer API of the reference back end (`/officer/…`): the handling agency's own system moves a
 * dossier through its statuses. Not called by the SDK and not required of other back ends (see
 * docs/server.md): what the contract requires is only that `GET /dossiers/{code}` shows the changes.
 *
 * - `GET  /officer/dossiers` — the agency's dossiers, newest first, filtered by status, paged by cursor;
 * - `GET  /officer/dossiers/{code}` — one dossier in full (data, attachments, history with officers);
 * - `POST /officer/dossiers/{code}/transitions` — `{ status, note?, expectedStatus? }`: one status change.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { OfficerDossier, OfficerDossierPage, Text } from 'dvc-forms/runtime/contract.js';
import type { AppContext } from '../context.js';
import {
  assertSameAgency,
  DOSSIER_STATUSES,
  isDossierStatus,
  nextStatuses,
  NOTE_REQUIRED,
  requireOfficer,
  type DossierStatusValue,
} from '../officers.js';
import { DOSSIER_CODE_PARAM } from '../dossier-code.js';
import { BIDI_CONTROLS } from '../input.js';
import { HttpProblem, type ProblemFieldError } from '../problem.js';
import {
  listAgencyDossiers,
  loadDossier,
  lockDossier,
  recordStatusChange,
  setAppointmentDate,
  type LoadedDossier,
} from '../store/dossiers.js';
import { publicView } from './dossiers.js';

/** Body of a status change. */
interface TransitionBody {
  status: DossierStatusValue;
  note?: Text;
  expectedStatus?: DossierStatusValue;
}

const codeParams = {
  type: 'object',
  required: ['code'],
  properties: { code: DOSSIER_CODE_PARAM },
} as const;

const transitionSchema = {
  type: 'object',
  required: ['status'],
  additionalProperties: false,
  properties: {
    status: { type: 'string', enum: DOSSIER_STATUSES },
    note: {
      type: 'object',
      required: ['vi'],
      additionalProperties: false,
      properties: {
        vi: { type: 'string', minLength: 1, maxLength: 2000 },
        en: { type: 'string', minLength: 1, maxLength: 2000 },
      },
    },
    expectedStatus: { type: 'string', enum: DOSSIER_STATUSES },
  },
} as const;

const listQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    status: { type: 'string', pattern: '^[a-z-]+(,[a-z-]+)*$', maxLength: 200 },
    limit: { type: 'string', pattern: '^[0-9]{1,3}$' },
    cursor: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,200}$' },
  },
} as const;

/** The officer's view: everything the public sees, plus the full fee, payment, data, attachments and who changed what. */
function officerView(d: LoadedDossier): OfficerDossier {
  return {
    ...publicView(d, undefined),
    fee: d.fee,
    ...(d.payment ? { payment: d.payment } : {}),
    history: d.history,
    agency: d.agency,
    procedureVersion: d.procedureVersion,
    data: d.data,
    attachments: d.attachments,
    filedBy: d.citizenSubject ? { sub: d.citizenSubject } : null,
    allowedTransitions: [...nextStatuses(d.status)],
  };
}

function noStore(reply: FastifyReply): void {
  reply.header('cache-control', 'no-store, private');
}

function encodeCursor(submittedAt: string, id: string): string {
  return Buffer.from(JSON.stringify([submittedAt, id]), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(v) &&
      v.length === 2 &&
      typeof v[0] === 'string' &&
      !Number.isNaN(Date.parse(v[0])) &&
      /^\d{1,19}$/.test(String(v[1]))
    ) {
      return [v[0], String(v[1])];
    }
  } catch {
    // fall through
  }
  throw new HttpProblem(400, 'bad-request', 'The cursor is not one this server gave (use nextCursor of the previous page).');
}

/** Registers the officer routes. */
export async function officerRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get<{ Querystring: { status?: string; limit?: string; cursor?: string }; Reply: OfficerDossierPage }>(
    '/officer/dossiers',
    { schema: { querystring: listQuery } },
    async (req, reply) => {
      const officer = await requireOfficer(req, ctx.auth, ctx.config);
      const statuses = req.query.status ? req.query.status.split(',') : [];
      const unknown = statuses.filter((s) => !isDossierStatus(s));
      if (unknown.length > 0) {
        throw new HttpProblem(
          400,
          'bad-request',
          `Unknown status ${unknown.map((s) => `"${s}"`).join(', ')}; use ${DOSSIER_STATUSES.join(', ')}.`,
        );
      }
      const limit = req.query.limit === undefined ? 50 : Number(req.query.limit);
      if (limit < 1 || limit > 200) throw new HttpProblem(400, 'bad-request', `limit must be between 1 and 200, got ${limit}.`);
      let before: { submittedAt: string; id: string } | undefined;
      if (req.query.cursor) {
        const [submittedAt, id] = decodeCursor(req.query.cursor);
        before = { submittedAt, id };
      }
      const found = await listAgencyDossiers(ctx.db, { agency: officer.agency, statuses, before, limit: limit + 1 });
      const rows = found.slice(0, limit);
      const last = rows.at(-1);
      noStore(reply);
      return {
        items: rows.map((d) => ({
          code: d.code,
          procedure: d.procedure,
          status: d.status,
          submittedAt: d.submittedAt,
          appointmentDate: d.appointmentDate,
          updatedAt: d.updatedAt ?? d.submittedAt,
        })),
        ...(found.length > limit && last ? { nextCursor: encodeCursor(last.submittedAt, last.id) } : {}),
      };
    },
  );

  app.get<{ Params: { code: string }; Reply: OfficerDossier }>(
    '/officer/dossiers/:code',
    { schema: { params: codeParams } },
    async (req, reply) => {
      const officer = await requireOfficer(req, ctx.auth, ctx.config);
      const d = await loadDossier(ctx.db, req.params.code);
      if (!d) throw new HttpProblem(404, 'not-found', `No dossier has the code ${req.params.code}.`);
      assertSameAgency(officer, d.agency, d.code);
      noStore(reply);
      return officerView(d);
    },
  );

  app.post<{ Params: { code: string }; Body: TransitionBody; Reply: OfficerDossier }>(
    '/officer/dossiers/:code/transitions',
    { schema: { params: codeParams, body: transitionSchema } },
    async (req, reply) => {
      const officer = await requireOfficer(req, ctx.auth, ctx.config);
      const { code } = req.params;
      const { status, note, expectedStatus } = req.body;
      // A note is shown to the citizen as written: direction overrides could make it read otherwise.
      const bidi: ProblemFieldError[] = (['vi', 'en'] as const)
        .filter((k) => note?.[k] !== undefined && BIDI_CONTROLS.test(note[k] as string))
        .map((k) => ({
          pointer: `/note/${k}`,
          keyword: 'characters',
          message: 'The note holds text-direction control characters (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F); remove them.',
        }));
      if (bidi.length > 0)
        throw new HttpProblem(422, 'validation', 'The note holds characters that are refused; nothing was changed.', { errors: bidi });
      const now = ctx.now();
      await ctx.db.transaction(async (tx) => {
        const d = await lockDossier(tx, code);
        if (!d) throw new HttpProblem(404, 'not-found', `No dossier has the code ${code}.`);
        assertSameAgency(officer, d.agency, code);
        if (expectedStatus !== undefined && expectedStatus !== d.status) {
          throw new HttpProblem(
            409,
            'status-changed',
            `Dossier ${code} is now "${d.status}", not "${expectedStatus}" as expected: someone changed it meanwhile. Reload it and decide again.`,
            { currentStatus: d.status, requestedStatus: status, expectedStatus },
          );
        }
        const allowed = nextStatuses(d.status);
        if (!allowed.includes(status)) {
          throw new HttpProblem(
            409,
            'illegal-transition',
            `Dossier ${code} is "${d.status}" and cannot move to "${status}". ` +
              (allowed.length > 0 ? `From "${d.status}" it can move to: ${allowed.join(', ')}.` : `"${d.status}" is final.`),
            { currentStatus: d.status, requestedStatus: status, allowedTransitions: allowed },
          );
        }
        if (NOTE_REQUIRED.includes(status) && !note) {
          throw new HttpProblem(422, 'validation', `Moving a dossier to "${status}" needs a note telling the citizen why.`, {
            errors: [
              {
                pointer: '/note',
                keyword: 'required',
                message:
                  status === 'rejected'
                    ? 'A refusal must give the reason (note.vi).'
                    : 'A request for more documents must list what to add, all at once (note.vi).',
              },
            ],
          });
        }
        // Keep the history ordered even if this server's clock is behind the one that wrote the last entry.
        await recordStatusChange(tx, {
          dossierId: d.id,
          status,
          at: now.toISOString(),
          note: note ?? null,
          officerSubject: officer.sub,
          officerAgency: officer.agency,
        });
        if (d.status === 'supplement-requested' && (status === 'received' || status === 'processing')) {
          // The completed dossier is received anew: the processing time counts again from now (Decree
          // 61/2018/NĐ-CP, art. 16), so the citizen sees a new appointment date.
          const workingDays = ctx.procedures.get(d.procedure)?.model.procedure.processingTime.workingDays;
          if (workingDays !== undefined) {
            const appointment = ctx.calendar.appointmentDate(now, workingDays, ctx.config.cutoffHour);
            await setAppointmentDate(tx, d.id, appointment);
          }
        }
      });
      req.log.info({ dossier: code, status, officer: officer.sub }, 'dossier status changed');
      const d = await loadDossier(ctx.db, code);
      if (!d) throw new HttpProblem(404, 'not-found', `No dossier has the code ${code}.`);
      noStore(reply);
      return officerView(d);
    },
  );
}
