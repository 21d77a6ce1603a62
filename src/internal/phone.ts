/** Vietnamese phone numbers: normalisation to national digits, validation and grouping. DOM-free. */

/**
 * Normalises a typed phone number to national digits: drops spaces, dots, dashes and parentheses and
 * turns `+84` / `0084` / `84` (followed by 9-10 digits) into a leading `0`. `null` when other characters remain.
 */
export function normalizePhone(text: string): string | null {
  let s = text.trim().replace(/[\s.\-()\u00a0]/g, '');
  if (s === '') return '';
  if (s.startsWith('+')) {
    if (!s.startsWith('+84')) return /^\+\d+$/.test(s) ? s : null; // foreign number: kept, fails validation
    s = '0' + s.slice(3);
  } else if (s.startsWith('0084')) {
    s = '0' + s.slice(4);
  } else if (/^84\d{9,10}$/.test(s)) {
    s = '0' + s.slice(2);
  }
  if (s.startsWith('00')) s = s.slice(1);
  return /^\d+$/.test(s) ? s : null;
}

/** Mobile: 10 digits `0[35789]…`; landline: 11 digits `02…` (area code 2xx + 8 digits). */
export function isVietnamesePhone(digits: string): boolean {
  return /^0[35789]\d{8}$/.test(digits) || /^02\d{9}$/.test(digits);
}

/** Groups national digits for reading: `0912 345 678`, `024 3825 1234`. Other text unchanged. */
export function formatPhone(digits: string): string {
  if (/^0[35789]\d{8}$/.test(digits)) return `${digits.slice(0, 4)} ${digits.slice(4, 7)} ${digits.slice(7)}`;
  if (/^02\d{9}$/.test(digits)) return `${digits.slice(0, 3)} ${digits.slice(3, 7)} ${digits.slice(7)}`;
  return digits;
}
