/**
 * `POST /dossiers` (idempotent submission) and `GET /dossiers/{code}` (status and history).
 */
import type { FastifyInstance } from 'fastify';
import { vnParts, yymmdd } from '../calendar.js';
import type { AppContext } from '../context.js';
import type { Queryable } from '../db/db.js';
import { localize } from 'dvc-forms/runtime/messages.js';
import { withoutSensitive } from 'dvc-forms/runtime/sensitive.js';
import { attachmentMessage, feeOf, judgeAttachments, judgeData, storedData, type AttachmentRef, type FeeQuote } from '../judge.js';
import { requestOwner } from '../owner.js';
import type { LoadedProcedure } from '../procedures.js';
import { HttpProblem } from '../problem.js';
import { linkUploads } from '../uploads.js';
import { canonicalJson, iso, num, requestLocale, sha256 } from '../util.js';
import { DOSSIER_CODE_PARAM } from '../dossier-code.js';
import { paymentSummary } from '../payments/summary.js';

/** Body of `POST /dossiers`. */
interface Submission {
  procedure: string;
  version: string;
  data: Record<string, unknown>;
  attachments: AttachmentRef[];
  locale?: 'vi' | 'en';
}

/** The receipt answered to a submission. */
export interface DossierReceipt {
  code: string;
  procedure: string;
  appointmentDate: string;
  status: string;
  fee: FeeQuote;
  submittedAt: string;
}

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

/** Next number of the agency's sequence for `day`, atomically (row lock until the transaction ends). */
async function nextSequence(tx: Queryable, agency: string, day: string): Promise<number> {
  const r = await tx.query<{ last_number: unknown }>(
    `INSERT INTO day_sequences (agency_code, day, last_number) VALUES ($1, $2::date, 1)
     ON CONFLICT (agency_code, day) DO UPDATE SET last_number = day_sequences.last_number + 1
     RETURNING last_number`,
    [agency, day],
  );
  return num(r.rows[0].last_number);
}

/** One entry of a dossier's status history, as stored. */
export interface HistoryRow {
  status: string;
  at: string;
  note?: { vi: string; en?: string };
  /** Who changed the status: the officer's token subject and agency (absent for the submission itself). */
  officer?: { sub: string; agency: string };
}

/** A stored dossier with its history (oldest first) and payment summary. */
export interface LoadedDossier {
  id: unknown;
  code: string;
  procedure: string;
  procedureVersion: string;
  agency: string;
  status: string;
  submittedAt: string;
  appointmentDate: string;
  fee: FeeQuote;
  data: Record<string, unknown>;
  attachments: unknown[];
  citizenSubject: string | null;
  /** Who filed it (server/owner.ts): `citizen:<sub>`, `session:<hash>`, or null (anonymous, before owners were kept). */
  owner: string | null;
  history: HistoryRow[];
  payment: Awaited<ReturnType<typeof paymentSummary>>;
}

/** Reads a dossier by code (with history, oldest first) or `null`. */
export async function loadDossier(q: Queryable, code: string): Promise<LoadedDossier | null> {
  const r = await q.query<{
    id: unknown;
    code: string;
    procedure_slug: string;
    procedure_version: string;
    agency_code: string;
    status: string;
    submitted_at: unknown;
    appointment_date: string;
    fee: FeeQuote;
    data: Record<string, unknown>;
    attachments: unknown[];
    citizen_subject: string | null;
    owner: string | null;
  }>(
    `SELECT id, code, procedure_slug, procedure_version, agency_code, status, submitted_at,
       appointment_date::text AS appointment_date, fee, data, attachments, citizen_subject, owner
     FROM dossiers WHERE code = $1`,
    [code],
  );
  const d = r.rows[0];
  if (!d) return null;
  const h = await q.query<{
    status: string;
    at: unknown;
    note: { vi: string; en?: string } | null;
    officer_subject: string | null;
    officer_agency: string | null;
  }>('SELECT status, at, note, officer_subject, officer_agency FROM dossier_history WHERE dossier_id = $1 ORDER BY at, id', [d.id]);
  return {
    id: d.id,
    code: d.code,
    procedure: d.procedure_slug,
    procedureVersion: d.procedure_version,
    agency: d.agency_code,
    status: d.status,
    submittedAt: iso(d.submitted_at),
    appointmentDate: d.appointment_date,
    fee: d.fee,
    data: d.data,
    attachments: d.attachments,
    citizenSubject: d.citizen_subject,
    owner: d.owner,
    history: h.rows.map((e) => ({
      status: e.status,
      at: iso(e.at),
      ...(e.note ? { note: e.note } : {}),
      ...(e.officer_subject ? { officer: { sub: e.officer_subject, agency: e.officer_agency ?? d.agency_code } } : {}),
    })),
    payment: await paymentSummary(q, d.id),
  };
}

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
      const same = other && other.amount === line.amount && other.unitAmount === line.unitAmount && canonicalJson(other.note) === canonicalJson(line.note);
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
export function publicView(d: LoadedDossier, proc: LoadedProcedure | undefined): Record<string, unknown> {
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

/** The payment summary without its id. */
/** Registers the dossier routes. */
export async function dossierRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.post<{ Body: Submission }>(
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
        const r = await q.query<{ request_hash: string; response: DossierReceipt }>(
          'SELECT request_hash, response FROM idempotency_keys WHERE subject = $1 AND key = $2',
          [subject, key],
        );
        if (r.rows.length === 0) return false;
        if (r.rows[0].request_hash !== requestHash) {
          throw new HttpProblem(
            409,
            'idempotency-key-reused',
            'This Idempotency-Key was already used for a different submission. Make a new key for a new submission.',
          );
        }
        reply.code(200).header('location', `dossiers/${r.rows[0].response.code}`).send(r.rows[0].response);
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
      const appointmentDate = ctx.calendar.appointmentDate(
        now,
        proc.model.procedure.processingTime.workingDays,
        ctx.config.cutoffHour,
      );

      const result = await ctx.db.transaction(async (tx) => {
        const inserted = await tx.query(
          `INSERT INTO idempotency_keys (subject, key, request_hash, status_code, response) VALUES ($1, $2, $3, 201, '{}'::jsonb)
           ON CONFLICT (subject, key) DO NOTHING RETURNING key`,
          [subject, key, requestHash],
        );
        if (inserted.rows.length === 0) return null; // a concurrent request with this key won the race
        const n = await nextSequence(tx, ctx.config.agencyCode, today);
        if (n > 9999) {
          throw new HttpProblem(503, 'sequence-exhausted', 'The daily dossier sequence (9999) is exhausted.');
        }
        const code = `${ctx.config.agencyCode}-${yymmdd(now)}-${String(n).padStart(4, '0')}`;
        const d = await tx.query<{ id: unknown }>(
          `INSERT INTO dossiers (code, procedure_slug, procedure_version, data, attachments, status, fee,
             submitted_at, appointment_date, citizen_subject, agency_code, owner)
           VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, 'submitted', $6::jsonb, $7, $8::date, $9, $10, $11) RETURNING id`,
          [
            code,
            proc.slug,
            proc.model.procedure.version,
            JSON.stringify(data),
            JSON.stringify(body.attachments),
            JSON.stringify(fee),
            now.toISOString(),
            appointmentDate,
            citizen?.sub ?? null,
            ctx.config.agencyCode,
            owner?.key ?? null,
          ],
        );
        // The uploads it references are the dossier's now: never deleted, never purged.
        const refs = body.attachments.map((a, i) => ({ i, uploadId: a.uploadId })).filter((r): r is { i: number; uploadId: string } => r.uploadId !== undefined);
        const vanished = await linkUploads(tx, d.rows[0].id, owner?.keys ?? [], refs.map((r) => r.uploadId));
        if (vanished.length > 0) {
          throw new HttpProblem(422, 'validation', localize(HAS_ERRORS, locale), {
            errors: vanished.map((k) => ({
              pointer: `/attachments/${refs[k].i}/uploadId`,
              keyword: 'attachment',
              message: attachmentMessage('noUpload', locale),
            })),
          });
        }
        await tx.query(`INSERT INTO dossier_history (dossier_id, status, at) VALUES ($1, 'submitted', $2)`, [
          d.rows[0].id,
          now.toISOString(),
        ]);
        const receipt: DossierReceipt = {
          code,
          procedure: proc.slug,
          appointmentDate,
          status: 'submitted',
          fee,
          submittedAt: now.toISOString(),
        };
        await tx.query('UPDATE idempotency_keys SET response = $3::jsonb WHERE subject = $1 AND key = $2', [
          subject,
          key,
          JSON.stringify(receipt),
        ]);
        return receipt;
      });
      if (result === null) {
        if (await replay(ctx.db)) return reply;
        throw new HttpProblem(409, 'idempotency-key-reused', 'A request with this Idempotency-Key is in progress.');
      }
      req.log.info({ dossier: result.code, procedure: proc.slug }, 'dossier submitted');
      return reply.code(201).header('location', `dossiers/${result.code}`).send(result);
    },
  );

  const lookupLimit = ctx.config.lookupRateLimit;
  app.get<{ Params: { code: string } }>(
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
