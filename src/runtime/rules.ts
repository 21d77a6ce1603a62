/**
 * Cross-field rules (`x-rules`): minAge, dateOrder, noGaps, idNumberMatches. DOM-free; the server runs the
 * same code. Rules see the dossier with hidden values removed.
 */
import type { CompiledValidator, FormModel, RuleModel, Text } from './model.js';
import { pruneToFixpoint, testCondition } from './conditions.js';
import { expandPointer, getAt, parsePointer } from './pointer.js';
import { interpolate } from './messages.js';

/** One finding of a rule, at the pointer of the field the citizen should correct. */
export interface RuleIssue {
  ruleId: string;
  severity: 'error' | 'warning';
  pointer: string;
  message: Text;
}

/** Today's date in Vietnam (UTC+7) as `YYYY-MM-DD`. */
export function todayInVietnam(now: Date = new Date()): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

interface Ymd {
  y: number;
  m: number;
  d: number;
}

/** Parses `YYYY-MM-DD` (a real calendar date) or returns undefined. */
export function parseDate(value: unknown): Ymd | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return undefined;
  return { y, m: mo, d };
}

/** Completed years from `birth` to `on`. */
export function ageOn(birth: Ymd, on: Ymd): number {
  let age = on.y - birth.y;
  if (on.m < birth.m || (on.m === birth.m && on.d < birth.d)) age -= 1;
  return age;
}

/** A comparable day or month number for `YYYY-MM-DD` or `YYYY-MM`, with its unit; undefined otherwise. */
function periodOrdinal(value: unknown): { n: number; unit: 'day' | 'month' } | undefined {
  if (typeof value !== 'string') return undefined;
  if (/^\d{4}-\d{2}$/.test(value)) {
    const [y, m] = value.split('-').map(Number) as [number, number];
    if (m < 1 || m > 12) return undefined;
    return { n: y * 12 + (m - 1), unit: 'month' };
  }
  const d = parseDate(value);
  if (!d) return undefined;
  return { n: Math.round(Date.UTC(d.y, d.m - 1, d.d) / 86_400_000), unit: 'day' };
}

/** Substitutes the row indices of `concrete` (matched against `template`'s `-`) into `other`'s `-` tokens. */
function pairPointer(template: string, concrete: string, other: string): string {
  const t = parsePointer(template);
  const c = parsePointer(concrete);
  const rows: string[] = [];
  t.forEach((tok, i) => {
    if (tok === '-') rows.push(c[i]!);
  });
  let k = 0;
  return other
    .split('/')
    .map((tok, i) => (i > 0 && tok === '-' ? (rows[k++] ?? '-') : tok))
    .join('/');
}

const MALE = new Set(['male', 'nam', 'm']);
const FEMALE = new Set(['female', 'nu', 'nữ', 'f']);

/** Reads a sex value as used in the data (`male`/`female`, also `nam`/`nữ`, `M`/`F`). */
function readSex(value: unknown): 'male' | 'female' | undefined {
  if (typeof value !== 'string') return undefined;
  const v = value.trim().toLowerCase();
  if (MALE.has(v)) return 'male';
  if (FEMALE.has(v)) return 'female';
  return undefined;
}

/**
 * Decodes digit 4 (century and sex) and digits 5-6 (year within the century) of a 12-digit personal
 * identification number. Returns undefined for anything that is not 12 digits.
 */
export function decodeIdNumber(id: unknown): { birthYear: number; sex: 'male' | 'female'; province: string } | undefined {
  if (typeof id !== 'string' || !/^\d{12}$/.test(id)) return undefined;
  const c = Number(id[3]);
  const century = 1900 + Math.floor(c / 2) * 100;
  return { birthYear: century + Number(id.slice(4, 6)), sex: c % 2 === 0 ? 'male' : 'female', province: id.slice(0, 3) };
}

function message(rule: RuleModel, params: Record<string, string | number>): Text {
  const out: Text = { vi: interpolate(rule.message.vi, params) };
  if (rule.message.en !== undefined) out.en = interpolate(rule.message.en, params);
  return out;
}

function relKey(key: string): string {
  return key.startsWith('/') ? key : '/' + key;
}

/** Checks rules on an already pruned dossier. */
export function checkRulesOnPruned(model: FormModel, v: CompiledValidator, data: unknown, today: string): RuleIssue[] {
  const todayYmd = parseDate(today);
  if (!todayYmd) throw new Error(`checkRules: "today" must be a date YYYY-MM-DD, got "${today}"`);
  const out: RuleIssue[] = [];
  for (const rule of model.rules) {
    if (rule.when && !testCondition(v, rule.when, data, `rule "${rule.id}"`)) continue;
    const push = (pointer: string, params: Record<string, string | number>): void => {
      out.push({ ruleId: rule.id, severity: rule.severity, pointer, message: message(rule, params) });
    };
    switch (rule.kind) {
      case 'minAge': {
        for (const p of expandPointer(data, rule.date)) {
          const birth = parseDate(getAt(data, p));
          if (!birth) continue;
          let on = todayYmd;
          if (rule.on) {
            const onValue = parseDate(getAt(data, pairPointer(rule.date, p, rule.on)));
            if (!onValue) continue;
            on = onValue;
          }
          const age = ageOn(birth, on);
          if (age < rule.years) push(p, { years: rule.years, age });
        }
        break;
      }
      case 'dateOrder': {
        for (const pe of expandPointer(data, rule.earlier)) {
          const pl = pairPointer(rule.earlier, pe, rule.later);
          const e = periodOrdinal(getAt(data, pe));
          const l = periodOrdinal(getAt(data, pl));
          if (!e || !l || e.unit !== l.unit) continue;
          if (l.n < e.n || (l.n === e.n && !rule.allowEqual)) push(pl, {});
        }
        break;
      }
      case 'noGaps': {
        for (const arrPtr of expandPointer(data, rule.array)) {
          const rows = getAt(data, arrPtr);
          if (!Array.isArray(rows)) continue;
          const spans = rows
            .map((row, i) => ({
              i,
              from: periodOrdinal(getAt(row, relKey(rule.from))),
              to: periodOrdinal(getAt(row, relKey(rule.to))),
            }))
            .filter(
              (s): s is { i: number; from: { n: number; unit: 'day' | 'month' }; to: { n: number; unit: 'day' | 'month' } } =>
                s.from !== undefined && s.to !== undefined && s.from.unit === s.to.unit,
            )
            .sort((a, b) => a.from.n - b.from.n);
          let reach: number | undefined;
          for (const s of spans) {
            if (reach !== undefined && s.from.n > reach + 1) {
              push(`${arrPtr}/${s.i}${relKey(rule.from)}`, { row: s.i + 1 });
            }
            reach = reach === undefined ? s.to.n : Math.max(reach, s.to.n);
          }
        }
        break;
      }
      case 'idNumberMatches': {
        for (const pid of expandPointer(data, rule.idNumber)) {
          const decoded = decodeIdNumber(getAt(data, pid));
          if (!decoded) continue;
          const birth = getAt(data, pairPointer(rule.idNumber, pid, rule.birthDate));
          const year = parseDate(birth)?.y ?? (typeof birth === 'string' && /^\d{4}$/.test(birth) ? Number(birth) : undefined);
          let mismatch = year !== undefined && year !== decoded.birthYear;
          if (rule.sex) {
            const sex = readSex(getAt(data, pairPointer(rule.idNumber, pid, rule.sex)));
            if (sex !== undefined && sex !== decoded.sex) mismatch = true;
          }
          if (mismatch) push(pid, { year: decoded.birthYear });
        }
        break;
      }
      default: {
        const never: never = rule;
        throw new Error(`Unknown rule kind in ${JSON.stringify(never)}`);
      }
    }
  }
  return out;
}

/** Checks every `x-rules` rule whose `when` holds; `today` (`YYYY-MM-DD`) defaults to today in Vietnam. */
export function checkRules(model: FormModel, v: CompiledValidator, data: unknown, today?: string): RuleIssue[] {
  return checkRulesOnPruned(model, v, pruneToFixpoint(model, v, data), today ?? todayInVietnam());
}
