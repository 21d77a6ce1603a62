/**
 * Dates in Vietnam's time zone (Asia/Ho_Chi_Minh, UTC+7 all year, no daylight saving), working days
 * and appointment dates.
 */

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

/** Working-day calendar: Monday to Friday except the configured holidays. */
export class WorkingCalendar {
  private readonly holidays: Set<string>;
  private readonly fixed: Set<string>;

  /**
   * @param holidays dates `YYYY-MM-DD` (lunar-calendar holidays and substitute days)
   * @param fixedMonthDays `MM-DD` holidays every year (1 Jan, 30 Apr, 1 May, 2 Sep)
   */
  constructor(holidays: string[], fixedMonthDays: string[] = []) {
    this.holidays = new Set(holidays);
    this.fixed = new Set(fixedMonthDays);
  }

  /** Whether `date` (`YYYY-MM-DD`) is a working day. */
  isWorkingDay(date: string): boolean {
    const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
    if (dow === 0 || dow === 6) return false;
    return !this.holidays.has(date) && !this.fixed.has(date.slice(5));
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
