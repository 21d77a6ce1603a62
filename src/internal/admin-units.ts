/**
 * Administrative units (province → commune) as the address field uses them: the shape the back end
 * serves at `GET /admin-units`, the decoder of the SDK's compact default table, and search folding.
 */

/** Kind of unit: 1 centrally-run city, 2 province, 3 ward (phường), 4 commune (xã), 5 special zone (đặc khu). */
export type AdminUnitKind = 1 | 2 | 3 | 4 | 5;

/** A commune-level unit. */
export interface Commune {
  /** 5-digit statistics code. */
  code: string;
  name: string;
  nameEn?: string;
  kind?: AdminUnitKind;
}

/** A province-level unit with its communes. */
export interface Province {
  /** 2-digit statistics code. */
  code: string;
  name: string;
  nameEn?: string;
  kind?: AdminUnitKind;
  communes: Commune[];
}

/** The list of units (`GET /admin-units` answers this shape). */
export interface AdminUnitsData {
  provinces: Province[];
}

/** Lower case, no diacritics, `đ` → `d`, single spaces: `"Thanh Hóa"` → `"thanh hoa"`. */
export function foldVietnamese(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Decodes the compact table written by scripts/gen-admin-units.mjs. */
export function decodeAdminUnits(table: string): AdminUnitsData {
  const provinces: Province[] = [];
  let current: Province | undefined;
  for (const line of table.split('\n')) {
    if (!line) continue;
    const m = /^(\d{2}|\d{5}) ([1-5]) ([^|]+)(?:\|(.+))?$/.exec(line);
    if (!m) throw new Error(`admin units: unreadable line "${line}"`);
    const [, code, kind, name, en] = m as unknown as [string, string, string, string, string | undefined];
    const nameEn =
      en ??
      name
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .replace(/đ/g, 'd')
        .replace(/Đ/g, 'D');
    if (code.length === 2) {
      current = { code, name, nameEn, kind: Number(kind) as AdminUnitKind, communes: [] };
      provinces.push(current);
    } else {
      if (!current) throw new Error(`admin units: commune ${code} before any province`);
      current.communes.push({ code, name, nameEn, kind: Number(kind) as AdminUnitKind });
    }
  }
  return { provinces };
}

/** Checks data served by a back end; throws naming the first bad entry. */
export function assertAdminUnits(data: unknown, where: string): asserts data is AdminUnitsData {
  const d = data as AdminUnitsData;
  if (!d || typeof d !== 'object' || !Array.isArray(d.provinces)) throw new TypeError(`${where}: expected { provinces: [...] }`);
  d.provinces.forEach((p, i) => {
    if (!p || typeof p.code !== 'string' || typeof p.name !== 'string' || !Array.isArray(p.communes)) {
      throw new TypeError(`${where}: provinces[${i}] must be { code, name, communes: [...] }`);
    }
    p.communes.forEach((c, j) => {
      if (!c || typeof c.code !== 'string' || typeof c.name !== 'string') {
        throw new TypeError(`${where}: provinces[${i}].communes[${j}] must be { code, name }`);
      }
    });
  });
}

/** Items matching `query` (diacritics and case ignored), best first: name starts with it, a word starts with it, contains it. */
export function searchUnits<T extends { name: string; nameEn?: string; code: string }>(
  items: readonly T[],
  query: string,
  kindWord?: (t: T) => string,
): T[] {
  const q = foldVietnamese(query);
  if (!q) return [...items];
  const scored: Array<[number, number, T]> = [];
  items.forEach((item, i) => {
    const name = foldVietnamese(item.name);
    const full = kindWord ? `${foldVietnamese(kindWord(item))} ${name}` : name;
    const en = item.nameEn ? foldVietnamese(item.nameEn) : '';
    let score = -1;
    if (name.startsWith(q) || full.startsWith(q)) score = 0;
    else if (` ${name}`.includes(` ${q}`) || (en && en.startsWith(q))) score = 1;
    else if (name.includes(q) || full.includes(q) || (en && en.includes(q)) || item.code === q) score = 2;
    if (score >= 0) scored.push([score, i, item]);
  });
  scored.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return scored.map((s) => s[2]);
}
