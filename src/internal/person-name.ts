/** Person names: NFC, single spaces, optional Vietnamese upper-casing. DOM-free. */

/** NFC-normalises, trims, collapses whitespace; upper-cases (Vietnamese rules) when asked. */
export function normalizePersonName(text: string, uppercase = false): string {
  const s = text.normalize('NFC').replace(/\s+/gu, ' ').trim();
  return uppercase ? s.toLocaleUpperCase('vi') : s;
}
