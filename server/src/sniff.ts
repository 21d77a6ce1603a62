/**
 * File type detection from the first bytes (magic numbers) of the formats attachments accept. Whether an
 * attachment takes a file is the runtime's rule (dvc-forms/runtime/attachments.js); this only tells the
 * type the server judges an upload by.
 */

/** Types this module recognises. */
export const SNIFFABLE = ['application/pdf', 'image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;

/** The type of a file from its first 16 bytes, or null when it is none of {@link SNIFFABLE}. */
export function sniffType(head: Uint8Array): string | null {
  const b = Buffer.from(head.buffer, head.byteOffset, head.byteLength);
  if (b.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  const six = b.subarray(0, 6).toString('latin1');
  if (six === 'GIF87a' || six === 'GIF89a') return 'image/gif';
  if (b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  return null;
}

/**
 * The type to judge an upload by: the detected type when the bytes were inspected; a file that claims a
 * recognisable type but whose bytes are not of it counts as `application/octet-stream`.
 */
export function effectiveType(claimed: string | null, detected: string | null): string {
  if (detected === null) return claimed ?? 'application/octet-stream';
  if (detected !== 'unknown') return detected;
  const c = (claimed ?? '').toLowerCase();
  return (SNIFFABLE as readonly string[]).includes(c) ? 'application/octet-stream' : c || 'application/octet-stream';
}
