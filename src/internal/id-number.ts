/**
 * The 12-digit personal identification number (số định danh cá nhân) and its cross-checks against the
 * birth date and sex (digit 4: century + sex; digits 5-6: birth year). DOM-free.
 */

/** Sex as the check understands it. */
export type Sex = 'male' | 'female';

/** Reads common sex codes (`male`/`m`/`nam`, `female`/`f`/`nu`/`nữ`); `undefined` otherwise. */
export function toSex(v: unknown): Sex | undefined {
  if (typeof v !== 'string') return undefined;
  const s = v.normalize('NFC').trim().toLowerCase();
  if (['male', 'm', 'nam'].includes(s)) return 'male';
  if (['female', 'f', 'nu', 'nữ', 'nư'].includes(s)) return 'female';
  return undefined;
}

/** Digits only: drops spaces, dots and dashes; `null` when anything else remains. */
export function normalizeIdNumber(text: string): string | null {
  const s = text.replace(/[\s.\-\u00a0]/g, '');
  return /^\d*$/.test(s) ? s : null;
}

/** `035199000123` → `035 199 000 123`. */
export function formatIdNumber(digits: string): string {
  return /^\d{12}$/.test(digits) ? digits.replace(/(\d{3})(?=\d)/g, '$1 ') : digits;
}

/** A disagreement between the ID number and the birth date / sex. */
export type IdMismatch =
  | { kind: 'century'; digit: string; expected: string; year: number; sex?: Sex }
  | { kind: 'year'; digits: string; expected: string; year: number };

/**
 * Compares digit 4 (century and sex: 1900s 0/1, 2000s 2/3, … 2300s 8/9; even = male) and digits 5-6 (last
 * two digits of the birth year) with the birth date (`YYYY-MM-DD` or `YYYY`) and sex. Returns the first
 * disagreement, or `null` (also when the ID or date is incomplete).
 */
export function idNumberMismatch(id: string, birthDate: string | undefined, sex?: Sex): IdMismatch | null {
  if (!/^\d{12}$/.test(id) || !birthDate) return null;
  const m = /^(\d{4})/.exec(birthDate);
  if (!m) return null;
  const year = Number(m[1]);
  const century = Math.floor(year / 100);
  if (century < 19 || century > 23) return null;
  const base = (century - 19) * 2;
  const digit = id[3]!;
  const allowed = sex === 'male' ? [base] : sex === 'female' ? [base + 1] : [base, base + 1];
  if (!allowed.includes(Number(digit))) {
    return { kind: 'century', digit, expected: allowed.join('/'), year, sex };
  }
  const yy = String(year % 100).padStart(2, '0');
  if (id.slice(4, 6) !== yy) return { kind: 'year', digits: id.slice(4, 6), expected: yy, year };
  return null;
}
