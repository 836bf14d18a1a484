/**
 * The working-day calendar of Azerbaijan for state bodies (five-day week, working-days-az.md).
 * Built once from the year data; every question afterwards is a few array lookups.
 */
import {
  CalendarEntry,
  CalendarYear,
  CalendarYearValidationError,
  dayNumberOf,
  fromDayNumber,
  isWeekend,
  toDayNumber,
  validateCalendarYear,
} from './calendar-year';
import { generateProvisionalYear } from './provisional-calendar';

export { dayOfWeek, fromDayNumber, toDayNumber } from './calendar-year';

export interface CalendarRange {
  fromYear: number;
  toYear: number;
}

/** 2015: the appeals law No. 1308-IVQ; 2040: far enough for any open term and its extension. */
export const DEFAULT_CALENDAR_RANGE: Readonly<CalendarRange> = { fromYear: 2015, toYear: 2040 };

/** One row of the PostgreSQL mirror table (day, ordinal, is_working). */
export interface CalendarDayRow {
  day: string;
  ordinal: number;
  isWorking: boolean;
}

/** A deep copy the caller cannot change under the precomputed tables. */
function frozenCopy(data: CalendarYear): CalendarYear {
  const entries = (list: CalendarEntry[]): CalendarEntry[] =>
    Object.freeze(list.map((e) => Object.freeze({ date: e.date, reason: e.reason }))) as CalendarEntry[];
  return Object.freeze({
    year: data.year,
    status: data.status,
    decisionRef: data.decisionRef,
    nonWorkingDays: entries(data.nonWorkingDays),
    workingWeekendDays: entries(data.workingWeekendDays),
  });
}

export class WorkingDayCalendar {
  private constructor(
    readonly range: Readonly<CalendarRange>,
    private readonly yearData: readonly CalendarYear[],
    /** Day number of the first day of the range. */
    private readonly firstDay: number,
    /** YYYY-MM-DD of every day of the range, so results never format a date. */
    private readonly dates: readonly string[],
    private readonly working: Uint8Array,
    /** Working days from the range start up to and including each day. */
    private readonly ordinals: Int32Array,
    /** Index of the (k+1)-th working day of the range. */
    private readonly workingDayIndex: Int32Array,
    /** Provisional years among those before each year of the range (prefix count). */
    private readonly provisionalBefore: Int32Array,
  ) {}

  /**
   * Builds the calendar of `range` from the given years; each year of the range without data gets
   * generateProvisionalYear. Data for years outside the range is ignored.
   */
  static build(years: readonly CalendarYear[], range: CalendarRange = DEFAULT_CALENDAR_RANGE): WorkingDayCalendar {
    const { fromYear, toYear } = range;
    const validYear = (y: number): boolean => Number.isInteger(y) && y >= 1000 && y <= 9999;
    if (!validYear(fromYear) || !validYear(toYear) || fromYear > toYear) {
      throw new RangeError(`Invalid calendar range ${fromYear}-${toYear}`);
    }
    const given = new Map<number, CalendarYear>();
    for (const data of years) {
      if (data.year < fromYear || data.year > toYear) continue;
      if (given.has(data.year)) throw new Error(`Calendar year ${data.year} is given twice`);
      const errors = validateCalendarYear(data.year, data);
      if (errors.length > 0) throw new CalendarYearValidationError(data.year, errors);
      given.set(data.year, frozenCopy(data));
    }

    const yearData: CalendarYear[] = [];
    const provisionalBefore = new Int32Array(toYear - fromYear + 2);
    for (let y = fromYear; y <= toYear; y++) {
      const data = given.get(y) ?? frozenCopy(generateProvisionalYear(y));
      yearData.push(data);
      const i = y - fromYear;
      provisionalBefore[i + 1] = provisionalBefore[i] + (data.status === 'provisional' ? 1 : 0);
    }

    const firstDay = dayNumberOf(fromYear, 1, 1);
    const dayCount = dayNumberOf(toYear, 12, 31) - firstDay + 1;
    const working = new Uint8Array(dayCount);
    for (let i = 0; i < dayCount; i++) working[i] = isWeekend(firstDay + i) ? 0 : 1;
    // The rule of working-days-az.md: a listed working weekend day works; otherwise Sat/Sun rest;
    // a listed non-working weekday rests. Validation guarantees each list holds the right weekdays.
    for (const data of yearData) {
      for (const e of data.nonWorkingDays) working[toDayNumber(e.date) - firstDay] = 0;
      for (const e of data.workingWeekendDays) working[toDayNumber(e.date) - firstDay] = 1;
    }

    const dates: string[] = [];
    const ordinals = new Int32Array(dayCount);
    let count = 0;
    for (let i = 0; i < dayCount; i++) {
      dates.push(fromDayNumber(firstDay + i));
      count += working[i];
      ordinals[i] = count;
    }
    const workingDayIndex = new Int32Array(count);
    for (let i = 0, k = 0; i < dayCount; i++) if (working[i] === 1) workingDayIndex[k++] = i;

    return new WorkingDayCalendar({ fromYear, toYear }, yearData, firstDay, dates, working, ordinals, workingDayIndex, provisionalBefore);
  }

  /** First day of the range, YYYY-MM-DD. */
  get firstDate(): string {
    return this.dates[0];
  }

  /** Last day of the range, YYYY-MM-DD. */
  get lastDate(): string {
    return this.dates[this.dates.length - 1];
  }

  /** Index of a date in the range; RangeError for a malformed date or one outside the range. */
  private indexOf(date: string): number {
    const i = toDayNumber(date) - this.firstDay;
    if (i < 0 || i >= this.dates.length) {
      throw new RangeError(`${date} is outside the calendar range ${this.dates[0]}..${this.lastDate}`);
    }
    return i;
  }

  isWorkingDay(date: string): boolean {
    return this.working[this.indexOf(date)] === 1;
  }

  /**
   * The n-th working day strictly after `date` (appeals-rules.md item 7: the receipt date is day
   * 0, so a receipt on a non-working day counts from the next working day). n = 0 returns date.
   */
  addWorkingDays(date: string, n: number): string {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`Working days must be a whole number >= 0, got ${n}`);
    const i = this.indexOf(date);
    if (n === 0) return date;
    const k = this.ordinals[i] + n - 1;
    if (k >= this.workingDayIndex.length) {
      throw new RangeError(`${date} + ${n} working days is after the calendar range end ${this.lastDate}`);
    }
    return this.dates[this.workingDayIndex[k]];
  }

  /** Working days d with a < d <= b; negative when b < a. */
  workingDaysBetween(a: string, b: string): number {
    return this.ordinals[this.indexOf(b)] - this.ordinals[this.indexOf(a)];
  }

  /** Non-working days d with from < d <= to (the days a term skipped). */
  skippedDates(from: string, to: string): string[] {
    const result: string[] = [];
    const end = this.indexOf(to);
    for (let i = this.indexOf(from) + 1; i <= end; i++) if (this.working[i] === 0) result.push(this.dates[i]);
    return result;
  }

  /** Whether any year from the year of `from` to the year of `to` is provisional (either order). */
  isProvisionalBetween(from: string, to: string): boolean {
    const a = this.yearIndexOf(from);
    const b = this.yearIndexOf(to);
    const lo = Math.min(a, b);
    const hi = Math.max(a, b);
    return this.provisionalBefore[hi + 1] - this.provisionalBefore[lo] > 0;
  }

  private yearIndexOf(date: string): number {
    this.indexOf(date); // validates format and range
    return Number(date.slice(0, 4)) - this.range.fromYear;
  }

  /** The data of a year of the range: as given, or generated provisional. */
  yearOf(year: number): CalendarYear {
    if (!Number.isInteger(year) || year < this.range.fromYear || year > this.range.toYear) {
      throw new RangeError(`${year} is outside the calendar range ${this.range.fromYear}-${this.range.toYear}`);
    }
    return this.yearData[year - this.range.fromYear];
  }

  /** Every year of the range, in order. */
  years(): CalendarYear[] {
    return [...this.yearData];
  }

  /**
   * Working days from the range start up to and including `date`. Equal ordinals mean no working
   * day in between, so the mirror table answers "date + n" as the working day with ordinal + n.
   */
  ordinalOf(date: string): number {
    return this.ordinals[this.indexOf(date)];
  }

  /** The working day with the given ordinal (1 = first working day of the range). */
  dateOfOrdinal(ordinal: number): string {
    if (!Number.isInteger(ordinal) || ordinal < 1 || ordinal > this.workingDayIndex.length) {
      throw new RangeError(`Working-day ordinal ${ordinal} is outside 1..${this.workingDayIndex.length}`);
    }
    return this.dates[this.workingDayIndex[ordinal - 1]];
  }

  /** Number of working days in a year of the range. */
  workingDaysInYear(year: number): number {
    this.yearOf(year);
    const lastOfYear = dayNumberOf(year, 12, 31) - this.firstDay;
    const beforeYear = dayNumberOf(year, 1, 1) - this.firstDay - 1;
    return this.ordinals[lastOfYear] - (beforeYear < 0 ? 0 : this.ordinals[beforeYear]);
  }

  /** Every day of the range as a row of the PostgreSQL mirror table. */
  *dayRows(): Generator<CalendarDayRow> {
    for (let i = 0; i < this.dates.length; i++) {
      yield { day: this.dates[i], ordinal: this.ordinals[i], isWorking: this.working[i] === 1 };
    }
  }
}
