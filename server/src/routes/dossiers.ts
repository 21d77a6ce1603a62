/**
 * `POST /dossiers` (idempotent submission) and `GET /dossiers/{code}` (status and history).
 */
import type { FastifyInstance } from 'fastify';
import { vnParts, yymmdd } from '../calendar.js';
import type { AppContext } from '../context.js';
import type { Queryable } from '../db/db.js';
import type { DossierReceipt, DossierStatus, DossierSubmission } from 'dvc-forms/runtime/contract.js';
import { localize } from 'dvc-forms/runtime/messages.js';
import { withoutSensitive } from 'dvc-forms/runtime/sensitive.js';
import { attachmentMessage, feeOf, judgeAttachments, judgeData, storedData, type FeeQuote } from '../judge.js';
import { requestOwner } from '../owner.js';
import type { LoadedProcedure } from '../procedures.js';
import { HttpProblem } from '../problem.js';
import { linkUploads } from '../uploads.js';
import { canonicalJson, requestLocale, sha256 } from '../util.js';
import { DOSSIER_CODE_PARAM } from '../dossier-code.js';
import {
  addSubmissionEntry,
  claimIdempotencyKey,
  findIdempotencyKey,
  insertDossier,
  loadDossier,
  nextDaySequence,
  recordIdempotentReceipt,
  type LoadedDossier,
} from '../store/dossiers.js';

/** Body of `POST /dossiers`. */
type Submission = DossierSubmission;

const SLUG = '^[a-z][a-z0-9]*(-[a-z0-9]+)*$';

/** The detail of a 422 for a dossier with errors. */
const HAS_ERRORS = { vi: 'Hồ sơ còn lỗi; chưa được lưu.', en: 'The dossier has errors; nothing was stored.' };

const submissionSchema = {
  type: 'object',
  required: ['procedure', 'version', 'data', 'attachments'],
  additionalProperties: false,
  properties: {
    procedure: { type: 'string', pattern: SLUG, maxLength: 64 },
    version: { type: 'string', minLength: 1, maxLength: 64 },
    data: { type: 'object' },
    attachments: {
      type: 'array',
      maxItems: 200,
      items: {
        type: 'object',
        required: ['attachmentId'],
        additionalProperties: false,
        properties: {
          attachmentId: { type: 'string', minLength: 1, maxLength: 128 },
          uploadId: { type: 'string', minLength: 1, maxLength: 128 },
          documentId: { type: 'string', minLength: 1, maxLength: 128 },
        },
      },
    },
    locale: { type: 'string', enum: ['vi', 'en'] },
  },
} as const;

const IDEMPOTENCY_KEY = /^[\x21-\x7E]{8,255}$/;

/**
 * The fee as anyone holding the code may see it: a line's note ("Exempt", "50% reduction") is dropped
 * when the case it comes from depends on an `x-sensitive` field (the fee category: disability, poor
 * household…). Found by computing the fee again without the sensitive values: a line whose case or amount
 * changes then was decided by them. Without the procedure version the dossier was judged by, every note
 * is dropped. Amounts and the total stay: the citizen needs them to pay.
 */
export function publicFee(fee: FeeQuote, data: unknown, proc: LoadedProcedure | undefined, procedureVersion: string): FeeQuote {
  const comparable = proc && proc.model.procedure.version === procedureVersion ? feeOf(proc, withoutSensitive(proc.model, data)) : null;
  return {
    ...fee,
    lines: fee.lines.map((line) => {
      if (!line.note) return line;
      const other = comparable?.lines.find((l) => l.id === line.id);
      const same =
        other &&
        other.amount === line.amount &&
        other.unitAmount === line.unitAmount &&
        canonicalJson(other.note) === canonicalJson(line.note);
      if (same) return line;
      const { note: _sensitive, ...rest } = line;
      return rest;
    }),
  };
}

/**
 * What anyone holding the code may see (tra cứu hồ sơ): status, dates, fee, history with notes to the
 * citizen. Never the dossier's data, the citizen, which officer made a change, a fee note that tells a
 * sensitive fee category (`publicFee`; `proc` is the dossier's procedure, `undefined` when this back end
 * no longer serves it), or the payment's id (with it, anyone could read the payment).
 */
export function publicView(d: LoadedDossier, proc: LoadedProcedure | undefined): DossierStatus {
  return {
    code: d.code,
    procedure: d.procedure,
    status: d.status,
    submittedAt: d.submittedAt,
    appointmentDate: d.appointmentDate,
    fee: publicFee(d.fee, d.data, proc, d.procedureVersion),
    history: d.history.map((e) => ({ status: e.status, at: e.at, ...(e.note ? { note: e.note } : {}) })),
    ...(d.payment ? { payment: { status: d.payment.status, amount: d.payment.amount } } : {}),
  };
}

/** Registers the dossier routes. */
export async function dossierRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.post<{ Body: Submission; Reply: { 200: DossierReceipt; 201: DossierReceipt } }>(
    '/dossiers',
    { schema: { body: submissionSchema } },
    async (req, reply) => {
      const key = req.headers['idempotency-key'];
      if (typeof key !== 'string' || !IDEMPOTENCY_KEY.test(key)) {
        throw new HttpProblem(
          400,
          'idempotency-key',
          'The Idempotency-Key header is required: 8 to 255 visible ASCII characters (a UUID made once per submission).',
        );
      }
      // The submitter (signed-in citizen or anonymous session secret, Dvc-Session) owns the dossier and
      // its uploads: only they (or the agency's officers) may pay it later.
      const owner = await requestOwner(req, ctx);
      const citizen = owner?.kind === 'citizen' ? owner.citizen : null;
      // Keys are scoped to the caller (the citizen's `sub`, the anonymous session's `session:<hash>`, or ''
      // with neither): another caller reusing a key never gets this caller's receipt.
      const subject = owner?.kind === 'session' ? owner.key : (citizen?.sub ?? '');
      const body = req.body;
      const locale = requestLocale(req, body.locale);
      const requestHash = sha256(canonicalJson(body));

      const replay = async (q: Queryable): Promise<boolean> => {
        const stored = await findIdempotencyKey(q, subject, key);
        if (!stored) return false;
        if (stored.requestHash !== requestHash) {
          throw new HttpProblem(
            409,
            'idempotency-key-reused',
            'This Idempotency-Key was already used for a different submission. Make a new key for a new submission.',
          );
        }
        reply.header('location', `dossiers/${stored.receipt.code}`).code(200).send(stored.receipt);
        return true;
      };
      if (await replay(ctx.db)) return reply;

      const proc = ctx.procedures.get(body.procedure);
      if (!proc) {
        throw new HttpProblem(422, 'validation', 'The dossier names a procedure this back end does not accept.', {
          errors: [{ pointer: '/procedure', keyword: 'procedure', message: `Unknown procedure "${body.procedure}".` }],
        });
      }
      if (proc.model.procedure.version !== body.version) {
        throw new HttpProblem(422, 'validation', 'The form was made from another version of the procedure.', {
          errors: [
            {
              pointer: '/version',
              keyword: 'version',
              message: localize(
                {
                  vi: `Hệ thống chỉ nhận phiên bản ${proc.model.procedure.version}; vui lòng tải lại biểu mẫu.`,
                  en: `This back end accepts version ${proc.model.procedure.version}; reload the form.`,
                },
                locale,
              ),
            },
          ],
        });
      }

      const now = ctx.now();
      const today = vnParts(now).date;
      const dataErrors = judgeData(proc, body.data, locale, today);
      const data = storedData(proc, body.data);
      const documents = citizen ? await ctx.directory.documents(citizen.sub) : null;
      const attachmentErrors = await judgeAttachments(proc, body.attachments, data, ctx.db, documents, locale, owner?.keys ?? []);
      const errors = [...dataErrors, ...attachmentErrors];
      if (errors.length > 0) {
        throw new HttpProblem(422, 'validation', localize(HAS_ERRORS, locale), { errors });
      }
      const fee = feeOf(proc, data);
      const appointmentDate = ctx.calendar.appointmentDate(now, proc.model.procedure.processingTime.workingDays, ctx.config.cutoffHour);

      const result = await ctx.db.transaction(async (tx) => {
        // A concurrent request with this key won the race.
        if (!(await claimIdempotencyKey(tx, subject, key, requestHash))) return null;
        const n = await nextDaySequence(tx, ctx.config.agencyCode, today);
        if (n > 9999) {
          throw new HttpProblem(503, 'sequence-exhausted', 'The daily dossier sequence (9999) is exhausted.');
        }
        const code = `${ctx.config.agencyCode}-${yymmdd(now)}-${String(n).padStart(4, '0')}`;
        const dossierId = await insertDossier(tx, {
          code,
          procedure: proc.slug,
          procedureVersion: proc.model.procedure.version,
          data,
          attachments: body.attachments,
          fee,
          submittedAt: now.toISOString(),
          appointmentDate,
          citizenSubject: citizen?.sub ?? null,
          agency: ctx.config.agencyCode,
          owner: owner?.key ?? null,
        });
        // The uploads it references are the dossier's now: never deleted, never purged.
        const refs = body.attachments
          .map((a, i) => ({ i, uploadId: a.uploadId }))
          .filter((r): r is { i: number; uploadId: string } => r.uploadId !== undefined);
        const vanished = await linkUploads(
          tx,
          dossierId,
          owner?.keys ?? [],
          refs.map((r) => r.uploadId),
        );
        if (vanished.length > 0) {
          throw new HttpProblem(422, 'validation', localize(HAS_ERRORS, locale), {
            errors: vanished.map((k) => ({
              pointer: `/attachments/${refs[k].i}/uploadId`,
              keyword: 'attachment',
              message: attachmentMessage('noUpload', locale),
            })),
          });
        }
        await addSubmissionEntry(tx, dossierId, now.toISOString());
        const receipt: DossierReceipt = {
          code,
          procedure: proc.slug,
          appointmentDate,
          status: 'submitted',
          fee,
          submittedAt: now.toISOString(),
        };
        await recordIdempotentReceipt(tx, subject, key, receipt);
        return receipt;
      });
      if (result === null) {
        if (await replay(ctx.db)) return reply;
        throw new HttpProblem(409, 'idempotency-key-reused', 'A request with this Idempotency-Key is in progress.');
      }
      req.log.info({ dossier: result.code, procedure: proc.slug }, 'dossier submitted');
      return reply.header('location', `dossiers/${result.code}`).code(201).send(result);
    },
  );

  const lookupLimit = ctx.config.lookupRateLimit;
  app.get<{ Params: { code: string }; Reply: DossierStatus }>(
    '/dossiers/:code',
    {
      schema: { params: { type: 'object', properties: { code: DOSSIER_CODE_PARAM } } },
      // Codes are sequential: without a limit, a day's dossiers can be read in seconds.
      ...(lookupLimit > 0 ? { config: { rateLimit: { max: lookupLimit, timeWindow: 60_000 } } } : {}),
    },
    async (req) => {
      const d = await loadDossier(ctx.db, req.params.code);
      if (!d) throw new HttpProblem(404, 'not-found', `No dossier has the code ${req.params.code}.`);
      return publicView(d, ctx.procedures.get(d.procedure));
    },
  );
}
