/**
 * Attachment acceptance: the one rule of which files an attachment of a procedure takes (type, size,
 * count) and when it must be given (`required`, `requiredWhen`). The browser applies it as files are
 * chosen (`<dvc-attachment>`) and before the review (the shell), the reference server when an upload is
 * created (server/src/routes/uploads.ts) and when a dossier is judged (server/src/judge.ts). What only
 * the server can add, reading the bytes to tell a file's real type (server/src/sniff.ts), changes the
 * type it judges by, never the rule. DOM-free.
 *
 * The type rule (`acceptsFile`). An attachment's `accept` lists MIME types (`application/pdf`), families
 * (`image/*`) and file-name extensions (`.pdf`); an empty list takes every file. Compared without regard
 * to case or surrounding spaces, and without a MIME type's parameters (`; charset=…`):
 * - `type/subtype` takes a file whose MIME type is that one; `type/*` one whose type is of that family;
 * - `.ext` takes a file whose name ends in `.ext`, and, when the extension is one whose content is
 *   known (`EXTENSION_TYPES`: `.pdf`, `.jpg`, `.png`…), whose MIME type is that content's type too.
 *   So a name cannot pass off other content: a `fake.pdf` that is a PNG is refused, in the browser by
 *   its type and on the server by its bytes;
 * - a file's name never stands in for a missing MIME type (`scan.pdf` with no type is not
 *   `application/pdf`): the server would have to believe it even for bytes it cannot read.
 */
import { testCondition } from './conditions.js';
import type { AttachmentModel, CompiledValidator } from './model.js';

/** What the rule knows of a file: its name, its MIME type and its size in bytes (each when known). */
export interface FileFacts {
  name?: string | null;
  type?: string | null;
  size?: number | null;
}

/** The MIME type of each extension whose content the rule knows (the types the server can recognise). */
export const EXTENSION_TYPES: Readonly<Record<string, string>> = {
  '.pdf': 'application/pdf',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
};

/** A MIME type without its parameters, lower-cased: `Application/PDF; x=1` → `application/pdf`. */
function essence(type: string | null | undefined): string {
  return (type ?? '').split(';')[0]!.trim().toLowerCase();
}

/** Whether `accept` (an attachment's list of types and extensions) takes the file; see the module's rule. */
export function acceptsFile(accept: readonly string[], file: Pick<FileFacts, 'name' | 'type'>): boolean {
  if (accept.length === 0) return true;
  const type = essence(file.type);
  const name = (file.name ?? '').trim().toLowerCase();
  return accept.some((entry) => {
    const a = entry.trim().toLowerCase();
    if (a.startsWith('.')) {
      const known = EXTENSION_TYPES[a];
      return a.length > 1 && name.endsWith(a) && (known === undefined || type === known);
    }
    const want = essence(a);
    if (want.endsWith('/*')) return type.startsWith(want.slice(0, -1));
    return type !== '' && type === want;
  });
}

/** Why a file cannot be given for an attachment: its type, or its size (more than `maxSizeMB` MiB). */
export type FileRefusal = 'type' | 'size';

/** Every reason the attachment refuses the file, type first; `[]` when it takes it. An unknown size is not judged. */
export function fileRefusals(model: Pick<AttachmentModel, 'accept' | 'maxSizeMB'>, file: FileFacts): FileRefusal[] {
  const out: FileRefusal[] = [];
  if (!acceptsFile(model.accept, file)) out.push('type');
  if (typeof file.size === 'number' && file.size > model.maxSizeMB * 1024 * 1024) out.push('size');
  return out;
}

/**
 * Whether the attachment must be given for `data` (the dossier with hidden answers pruned): `required`,
 * or its `requiredWhen` condition holds. A condition the validator lacks is a broken procedure
 * (`ConditionError`), as for every other condition.
 */
export function isAttachmentRequired(
  model: Pick<AttachmentModel, 'id' | 'required' | 'requiredWhen'>,
  validator: CompiledValidator,
  data: unknown,
): boolean {
  if (model.required) return true;
  if (!model.requiredWhen) return false;
  return testCondition(validator, model.requiredWhen, data, `attachment "${model.id}"`);
}

/** What is wrong with the number of files given for an attachment: none while required, or more than `maxFiles`. */
export type AttachmentShortfall = 'missing' | 'too-many';

/** Judges the number of files (uploads and documents) given for an attachment; `null` when it is right. */
export function attachmentShortfall(
  model: Pick<AttachmentModel, 'maxFiles'>,
  count: number,
  required: boolean,
): AttachmentShortfall | null {
  if (required && count === 0) return 'missing';
  if (count > model.maxFiles) return 'too-many';
  return null;
}
