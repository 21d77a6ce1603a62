/**
 * Judging a dossier on the server with the runtime's own functions (the browser runs the same code):
 * pruneHidden + validateDossier for the data, computeFee for the fee, and the attachment rule of
 * dvc-forms/runtime/attachments.js (type, size, count, required) against the procedure's AttachmentModel,
 * the type being the one the upload's bytes tell (server/sniff.ts).
 */
import { attachmentShortfall, fileRefusals, isAttachmentRequired } from 'dvc-forms/runtime/attachments.js';
import { computeFee, type FeeQuote } from 'dvc-forms/runtime/fees.js';
import { interpolate, localize } from 'dvc-forms/runtime/messages.js';
import { pruneHidden, validateDossier } from 'dvc-forms/runtime/validate.js';
import type { AttachmentModel, Locale } from 'dvc-forms/runtime/model.js';
import type * as Contract from 'dvc-forms/runtime/contract.js';
import type { CitizenDocument } from './citizens.js';
import type { Queryable } from './db/db.js';
import { ownsKey } from './owner.js';
import type { ProblemFieldError } from './problem.js';
import type { LoadedProcedure } from './procedures.js';
import { effectiveType } from './sniff.js';
import { getUploads } from './store/uploads.js';

export type { FeeQuote };

/** One file given for an attachment (the contract's `AttachmentRef`). */
export type AttachmentRef = Contract.AttachmentRef;

/** Validation errors of the dossier data, pointers into the request body (`/data/...`). */
export function judgeData(proc: LoadedProcedure, data: unknown, locale: Locale, today: string): ProblemFieldError[] {
  const issues = validateDossier(proc.model, proc.validator, data, { today });
  return issues
    .filter((i) => i.severity === 'error')
    .map((i) => ({
      pointer: `/data${i.pointer}`,
      keyword: i.keyword,
      message: localize(i.message, locale),
      ...(i.messageKey ? { messageKey: i.messageKey } : {}),
    }));
}

/** The data as stored: values of hidden nodes dropped. */
export function storedData(proc: LoadedProcedure, data: unknown): unknown {
  return pruneHidden(proc.model, proc.validator, data);
}

/** The server-computed fee of (pruned) data. */
export function feeOf(proc: LoadedProcedure, data: unknown): FeeQuote {
  return computeFee(proc.model, proc.validator, data);
}

const MSG = {
  unknown: { vi: 'Thành phần hồ sơ không có trong thủ tục này.', en: 'This procedure has no such attachment.' },
  required: { vi: 'Thiếu thành phần hồ sơ bắt buộc: {title}.', en: 'A required attachment is missing: {title}.' },
  tooMany: { vi: 'Quá số tệp cho phép ({max}) cho {title}.', en: 'Too many files ({max} allowed) for {title}.' },
  noUpload: { vi: 'Không tìm thấy tệp đã tải lên.', en: 'The uploaded file was not found.' },
  incomplete: { vi: 'Tệp chưa tải lên xong.', en: 'The file has not finished uploading.' },
  type: { vi: 'Loại tệp không được chấp nhận cho {title}.', en: 'This file type is not accepted for {title}.' },
  size: { vi: 'Tệp lớn hơn {max} MB.', en: 'The file is larger than {max} MB.' },
  signIn: { vi: 'Cần đăng nhập để dùng giấy tờ trong kho dữ liệu.', en: 'Sign in to use a stored document.' },
  noDoc: {
    vi: 'Giấy tờ không có trong kho dữ liệu của công dân hoặc không đúng loại.',
    en: "The document is not among the citizen's stored documents, or is of another type.",
  },
  both: { vi: 'Chỉ ghi một trong uploadId và documentId.', en: 'Give exactly one of uploadId and documentId.' },
};

/** A message of the attachment checks in `locale`, with its `{placeholders}` filled. */
export function attachmentMessage(key: keyof typeof MSG, locale: Locale, params: Record<string, string | number> = {}): string {
  return interpolate(localize(MSG[key], locale), params);
}

/**
 * Checks the attachments against the model: known ids, required ones present (`required` or
 * `requiredWhen` on the pruned data), at most `maxFiles`, uploads that exist, belong to the submitter
 * (one of `ownerKeys`, server/owner.ts; another owner's upload is answered like an unknown one) and are complete
 * with an accepted type and size, documents that belong to the citizen and have the attachment's type.
 */
export async function judgeAttachments(
  proc: LoadedProcedure,
  refs: AttachmentRef[],
  data: unknown,
  q: Queryable,
  citizenDocuments: CitizenDocument[] | null,
  locale: Locale,
  ownerKeys: readonly string[],
): Promise<ProblemFieldError[]> {
  const errors: ProblemFieldError[] = [];
  const byId = new Map<string, AttachmentModel>(proc.model.attachments.map((a) => [a.id, a]));
  const counts = new Map<string, number>();
  const uploadIds = refs.map((r) => r.uploadId).filter((id): id is string => typeof id === 'string');
  const uploads = await getUploads(q, uploadIds);
  refs.forEach((ref, i) => {
    const at = `/attachments/${i}`;
    const model = byId.get(ref.attachmentId);
    if (!model) {
      errors.push({ pointer: `${at}/attachmentId`, keyword: 'attachment', message: attachmentMessage('unknown', locale) });
      return;
    }
    const title = localize(model.title, locale);
    counts.set(model.id, (counts.get(model.id) ?? 0) + 1);
    if ((ref.uploadId === undefined) === (ref.documentId === undefined)) {
      errors.push({ pointer: at, keyword: 'attachment', message: attachmentMessage('both', locale) });
      return;
    }
    if (ref.uploadId !== undefined) {
      const up = uploads.get(ref.uploadId);
      if (!up || !ownsKey(ownerKeys, up.ownerKey)) {
        errors.push({ pointer: `${at}/uploadId`, keyword: 'attachment', message: attachmentMessage('noUpload', locale) });
        return;
      }
      const size = up.size ?? 0;
      if (!up.complete || up.offset !== size) {
        errors.push({ pointer: `${at}/uploadId`, keyword: 'attachment', message: attachmentMessage('incomplete', locale) });
        return;
      }
      const refusals = fileRefusals(model, { name: up.filename, type: effectiveType(up.filetype, up.detectedType), size });
      if (refusals.includes('type')) {
        errors.push({ pointer: `${at}/uploadId`, keyword: 'attachment', message: attachmentMessage('type', locale, { title }) });
      }
      if (refusals.includes('size')) {
        errors.push({
          pointer: `${at}/uploadId`,
          keyword: 'attachment',
          message: attachmentMessage('size', locale, { max: model.maxSizeMB }),
        });
      }
    } else if (ref.documentId !== undefined) {
      if (citizenDocuments === null) {
        errors.push({ pointer: `${at}/documentId`, keyword: 'attachment', message: attachmentMessage('signIn', locale) });
        return;
      }
      const doc = citizenDocuments.find((d) => d.id === ref.documentId);
      if (!doc || (model.documentType !== undefined && doc.documentType !== model.documentType)) {
        errors.push({ pointer: `${at}/documentId`, keyword: 'attachment', message: attachmentMessage('noDoc', locale) });
      }
    }
  });
  for (const model of proc.model.attachments) {
    const title = localize(model.title, locale);
    const shortfall = attachmentShortfall(model, counts.get(model.id) ?? 0, isAttachmentRequired(model, proc.validator, data));
    if (shortfall === 'missing') {
      errors.push({ pointer: '/attachments', keyword: 'attachment', message: attachmentMessage('required', locale, { title }) });
    }
    if (shortfall === 'too-many') {
      errors.push({
        pointer: '/attachments',
        keyword: 'attachment',
        message: attachmentMessage('tooMany', locale, { max: model.maxFiles, title }),
      });
    }
  }
  return errors;
}
