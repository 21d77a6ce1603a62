/**
 * Dates in Vietnam's time zone (Asia/Ho_Chi_Minh, UTC+7 all year, no daylight saving), working days,
 * public holidays (the lunar ones through @nghiavuive/lunar_date_vi) and appointment dates.
 */
import { LunarDate } from '@nghiavuive/lunar_date_vi';

const OFFSET_MS = 7 * 60 * 60 * 1000;

/** Local (UTC+7) calendar parts of an instant. */
export interface LocalParts {
  /** `YYYY-MM-DD` */
  date: string;
  hour: number;
  minute: number;
}

/** The UTC+7 calendar date and time of `at`. */
export function vnParts(at: Date): LocalParts {
  const shifted = new Date(at.getTime() + OFFSET_MS);
  return { date: shifted.toISOString().slice(0, 10), hour: shifted.getUTCHours(), minute: shifted.getUTCMinutes() };
}

/** `YYMMDD` of the UTC+7 date of `at` (the date part of a dossier code). */
export function yymmdd(at: Date): string {
  return vnParts(at).date.slice(2).replace(/-/g, '');
}

function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The weekday (0 = Sunday … 6 = Saturday) of a `YYYY-MM-DD` date. */
function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

const isWeekend = (date: string): boolean => weekday(date) === 0 || weekday(date) === 6;

/** The solar date (`YYYY-MM-DD`) of a day of the Vietnamese lunar calendar (UTC+7, Hồ Ngọc Đức's algorithm). */
export function lunarToSolar(day: number, month: number, lunarYear: number): string {
  const l = new LunarDate({ day, month, year: lunarYear });
  l.init();
  const s = l.toSolarDate().get();
  return `${s.year}-${String(s.month).padStart(2, '0')}-${String(s.day).padStart(2, '0')}`;
}

/** One public holiday of a year, with the reason (for logs, docs and tests). */
export interface Holiday {
  /** `YYYY-MM-DD` */
  date: string;
  name: string;
}

/**
 * The public holidays of the Labour Code 2019, Article 112, for the solar year `year`, as the reference
 * server assumes them when the government's yearly decision is not configured:
 * - 1 January; 30 April; 1 May;
 * - Tết Nguyên đán, 5 days: the last day of the lunar year and the first four days of the new one;
 * - the Hùng Kings' Commemoration, 10th day of the 3rd lunar month;
 * - National Day, 2 September and one day next to it (1 September when that joins a weekend, else 3 September);
 * - a holiday on a Saturday or Sunday gives a compensatory day off on the next working day (Art. 112(3)).
 * Each year the Prime Minister fixes the exact Tết and 2 September days and any swapped days; configure those
 * (HOLIDAYS, WORKING_DAYS) to follow the decision exactly.
 */
export function statutoryHolidays(year: number): Holiday[] {
  const pad = (n: number) => String(n).padStart(2, '0');
  const ymd = (m: number, d: number) => `${year}-${pad(m)}-${pad(d)}`;
  const days: Holiday[] = [
    { date: ymd(1, 1), name: 'Tết Dương lịch' },
    { date: ymd(4, 30), name: 'Ngày Chiến thắng' },
    { date: ymd(5, 1), name: 'Ngày Quốc tế lao động' },
    { date: ymd(9, 2), name: 'Quốc khánh' },
  ];
  const sep1 = ymd(9, 1);
  const extra = weekday(sep1) === 1 || weekday(sep1) === 5 ? sep1 : ymd(9, 3);
  days.push({ date: extra, name: 'Quốc khánh (ngày liền kề)' });
  // Tết of this solar year (lunar new year `year`) and the eve of the next one when it falls in this year.
  for (const lunarYear of [year, year + 1]) {
    const newYear = lunarToSolar(1, 1, lunarYear);
    const tet = [addDays(newYear, -1), newYear, addDays(newYear, 1), addDays(newYear, 2), addDays(newYear, 3)];
    for (const d of tet) if (d.startsWith(`${year}-`)) days.push({ date: d, name: 'Tết Nguyên đán' });
  }
  days.push({ date: lunarToSolar(10, 3, year), name: 'Giỗ Tổ Hùng Vương' });
  // Compensatory days: each holiday on a weekend moves to the next day that is neither weekend nor holiday.
  const taken = new Set(days.map((h) => h.date));
  const out = [...days];
  for (const h of [...days].sort((a, b) => a.date.localeCompare(b.date))) {
    if (!isWeekend(h.date)) continue;
    let d = addDays(h.date, 1);
    while (isWeekend(d) || taken.has(d)) d = addDays(d, 1);
    taken.add(d);
    out.push({ date: d, name: `Nghỉ bù (${h.name})` });
  }
  return out.sort((a, b) => a.date.localeCompare(b.date));
}

/** Options of {@link WorkingCalendar}. */
export interface CalendarOptions {
  /** Extra days off `YYYY-MM-DD` (the government's yearly decision: Tết, swapped days). */
  holidays?: string[];
  /** Weekend days `YYYY-MM-DD` worked by decision (làm bù), and statutory days the decision moved. */
  workingDays?: string[];
  /** Count the Labour Code holidays computed by {@link statutoryHolidays} (default true). */
  statutory?: boolean;
}

/** Working-day calendar: Monday to Friday except public holidays (computed and configured). */
export class WorkingCalendar {
  private readonly holidays: Set<string>;
  private readonly workingDays: Set<string>;
  private readonly statutory: boolean;
  private readonly byYear = new Map<number, Set<string>>();

  constructor(options: CalendarOptions = {}) {
    this.holidays = new Set(options.holidays ?? []);
    this.workingDays = new Set(options.workingDays ?? []);
    this.statutory = options.statutory ?? true;
  }

  /** Whether `date` (`YYYY-MM-DD`) is a public holiday here (computed or configured). */
  isHoliday(date: string): boolean {
    if (this.holidays.has(date)) return true;
    if (!this.statutory) return false;
    const year = Number(date.slice(0, 4));
    let set = this.byYear.get(year);
    if (!set) {
      set = new Set(statutoryHolidays(year).map((h) => h.date));
      this.byYear.set(year, set);
    }
    return set.has(date);
  }

  /** Whether `date` (`YYYY-MM-DD`) is a working day. */
  isWorkingDay(date: string): boolean {
    if (this.workingDays.has(date)) return true;
    return !isWeekend(date) && !this.isHoliday(date);
  }

  /** The first working day strictly after `date`. */
  nextWorkingDay(date: string): string {
    let d = addDays(date, 1);
    while (!this.isWorkingDay(d)) d = addDays(d, 1);
    return d;
  }

  /**
   * Appointment date (ngày hẹn trả kết quả) for a dossier submitted at `submittedAt`: the dossier is
   * received the same day when that is a working day and before `cutoffHour`, otherwise the next working
   * day; the result is due `workingDays` working days after receipt (0 = the day of receipt).
   */
  appointmentDate(submittedAt: Date, workingDays: number, cutoffHour: number): string {
    const { date, hour } = vnParts(submittedAt);
    let day = this.isWorkingDay(date) && hour < cutoffHour ? date : this.nextWorkingDay(date);
    for (let i = 0; i < Math.max(0, Math.floor(workingDays)); i++) day = this.nextWorkingDay(day);
    return day;
  }
}
