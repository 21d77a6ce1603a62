/**
 * Dates as Vietnamese people write them (day/month/year) ↔ ISO `YYYY-MM-DD`. DOM-free.
 */

/** Why typed text is not a date. */
export type DateParseError =
  | { reason: 'unreadable' }
  | { reason: 'month'; month: number }
  | { reason: 'year' }
  | { reason: 'impossible'; day: number; month: number; year: number; days: number };

/** Days in `month` (1-12) of `year` (Gregorian). */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function iso(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * Reads a date typed as `d/m/yyyy` (separators `/ . - space`), `ddmmyyyy` (8 digits) or ISO `yyyy-mm-dd`.
 * Returns the ISO date or why it cannot.
 */
export function parseVietnameseDate(text: string): string | DateParseError {
  const s = text.trim();
  let d: number, m: number, y: number;
  let match: RegExpExecArray | null;
  if ((match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s))) {
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else if ((match = /^(\d{1,2})\s*[/.\-\s]\s*(\d{1,2})\s*[/.\-\s]\s*(\d+)$/.exec(s))) {
    [d, m] = [Number(match[1]), Number(match[2])];
    if (match[3]!.length !== 4) return { reason: 'year' };
    y = Number(match[3]);
  } else if ((match = /^(\d{2})(\d{2})(\d{4})$/.exec(s))) {
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else {
    return { reason: 'unreadable' };
  }
  if (m < 1 || m > 12) return { reason: 'month', month: m };
  if (y < 1) return { reason: 'year' };
  const days = daysInMonth(y, m);
  if (d < 1 || d > days) return { reason: 'impossible', day: d, month: m, year: y, days };
  return iso(y, m, d);
}

/** True for a real ISO calendar date `YYYY-MM-DD`. */
export function isIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

/** `YYYY-MM-DD` → `DD/MM/YYYY`; other text unchanged. */
export function formatVietnameseDate(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : value;
}
