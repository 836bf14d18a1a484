/**
 * The data of one calendar year (working-days-az.md "Rule") and its validation, plus the day-number
 * arithmetic every other calendar file builds on. Pure: no Nest, no I/O.
 */

/** One dated entry of a year's lists, with the reason shown to applicants and auditors. */
export interface CalendarEntry {
  /** YYYY-MM-DD */
  date: string;
  reason: string;
}

export type CalendarYearStatus = 'official' | 'provisional';

export interface CalendarYear {
  year: number;
  /** 'provisional' until the Cabinet's December decision for the year (Labour Code 105.4). */
  status: CalendarYearStatus;
  /** e.g. "Cabinet Decision No. 362 of 2 Dec 2025"; null for generated years. */
  decisionRef: string | null;
  /** Mon-Fri dates that are not working days (holidays, transfers, swaps, voting days). */
  nonWorkingDays: CalendarEntry[];
  /** Saturdays/Sundays made working days by a Cabinet swap (Labour Code 105.7). */
  workingWeekendDays: CalendarEntry[];
}

export interface CalendarFieldError {
  field: string;
  message: string;
}

export const MAX_ENTRIES_PER_LIST = 60;
export const MAX_REASON_LENGTH = 200;
export const MAX_DECISION_REF_LENGTH = 200;

// ---------------------------------------------------------------------------------------------
// Day numbers: whole days since 2015-01-01, the first day the appeals law (No. 1308-IVQ) applied.
// Parsing works on char codes, without allocating a Date, because it sits on the hot path.
// ---------------------------------------------------------------------------------------------

/** Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar (H. Hinnant's algorithm). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const EPOCH_UNIX_DAYS = daysFromCivil(2015, 1, 1);
/** 2015-01-01 was a Thursday (0 = Sunday ... 6 = Saturday). */
const EPOCH_DAY_OF_WEEK = 4;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function digitAt(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : NaN;
}

/** Day number of a strict YYYY-MM-DD date, or NaN when it is not a real calendar date. */
export function tryToDayNumber(date: string): number {
  if (typeof date !== 'string' || date.length !== 10) return NaN;
  if (date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) return NaN; // '-'
  const year = digitAt(date, 0) * 1000 + digitAt(date, 1) * 100 + digitAt(date, 2) * 10 + digitAt(date, 3);
  const month = digitAt(date, 5) * 10 + digitAt(date, 6);
  const day = digitAt(date, 8) * 10 + digitAt(date, 9);
  // NaN fails every comparison, so a non-digit anywhere lands here.
  if (!(month >= 1 && month <= 12 && day >= 1 && year >= 1)) return NaN;
  if (day > daysInMonth(year, month)) return NaN;
  return daysFromCivil(year, month, day) - EPOCH_UNIX_DAYS;
}

/** Day number (days since 2015-01-01, may be negative) of a YYYY-MM-DD date. */
export function toDayNumber(date: string): number {
  const n = tryToDayNumber(date);
  if (Number.isNaN(n)) throw new RangeError(`Invalid date "${String(date)}", expected YYYY-MM-DD`);
  return n;
}

/** Day number of a year, month (1-12) and day. */
export function dayNumberOf(year: number, month: number, day: number): number {
  return daysFromCivil(year, month, day) - EPOCH_UNIX_DAYS;
}

/** The YYYY-MM-DD date of a day number (inverse of toDayNumber). */
export function fromDayNumber(dayNumber: number): string {
  const { year, month, day } = civilOf(dayNumber);
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

/** Year, month (1-12) and day of a day number (H. Hinnant's civil_from_days). */
export function civilOf(dayNumber: number): { year: number; month: number; day: number } {
  const z = dayNumber + EPOCH_UNIX_DAYS + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** 0 = Sunday ... 6 = Saturday. */
export function dayOfWeek(dayNumber: number): number {
  return (((dayNumber + EPOCH_DAY_OF_WEEK) % 7) + 7) % 7;
}

/** Saturday or Sunday: the two rest days of the five-day week (Labour Code 90.1). */
export function isWeekend(dayNumber: number): boolean {
  const dow = dayOfWeek(dayNumber);
  return dow === 0 || dow === 6;
}

// ---------------------------------------------------------------------------------------------
// Validation of a year's data, as entered by admins or shipped in config/calendar.
// ---------------------------------------------------------------------------------------------

type ListName = 'nonWorkingDays' | 'workingWeekendDays';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks a year's body: dates real and inside the year, no duplicates, non-working days on Mon-Fri
 * and working weekend days on Sat/Sun, no date in both lists, reasons 1-200 chars, at most 60
 * entries per list. Returns every problem found (empty when valid).
 */
export function validateCalendarYear(year: number, body: unknown): CalendarFieldError[] {
  const errors: CalendarFieldError[] = [];
  if (!Number.isInteger(year) || year < 1000 || year > 9999) {
    errors.push({ field: 'year', message: 'year must be a four-digit integer' });
    return errors;
  }
  if (!isRecord(body)) {
    errors.push({ field: '', message: 'the calendar year must be an object' });
    return errors;
  }
  if (body.year !== undefined && body.year !== year) {
    errors.push({ field: 'year', message: `year must be ${year}` });
  }
  if (body.status !== 'official' && body.status !== 'provisional') {
    errors.push({ field: 'status', message: "status must be 'official' or 'provisional'" });
  }
  const ref = body.decisionRef;
  if (ref !== null && ref !== undefined) {
    if (typeof ref !== 'string' || ref.trim() === '') {
      errors.push({ field: 'decisionRef', message: 'decisionRef must be a non-empty string or null' });
    } else if (ref.length > MAX_DECISION_REF_LENGTH) {
      const message = `decisionRef must be at most ${MAX_DECISION_REF_LENGTH} characters`;
      errors.push({ field: 'decisionRef', message });
    }
  }

  const seen = new Map<string, ListName>();
  for (const list of ['nonWorkingDays', 'workingWeekendDays'] as const) {
    validateList(year, list, body[list], seen, errors);
  }
  return errors;
}

function validateList(year: number, list: ListName, value: unknown, seen: Map<string, ListName>, errors: CalendarFieldError[]): void {
  if (!Array.isArray(value)) {
    errors.push({ field: list, message: `${list} must be an array` });
    return;
  }
  if (value.length > MAX_ENTRIES_PER_LIST) {
    errors.push({ field: list, message: `${list} must have at most ${MAX_ENTRIES_PER_LIST} entries` });
  }
  const firstDay = dayNumberOf(year, 1, 1);
  const lastDay = dayNumberOf(year, 12, 31);
  value.forEach((entry: unknown, i: number) => {
    const at = `${list}[${i}]`;
    if (!isRecord(entry)) {
      errors.push({ field: at, message: 'entry must be an object with date and reason' });
      return;
    }
    const { date, reason } = entry;
    if (typeof reason !== 'string' || reason.trim() === '') {
      errors.push({ field: `${at}.reason`, message: 'reason must be a non-empty string' });
    } else if (reason.length > MAX_REASON_LENGTH) {
      errors.push({ field: `${at}.reason`, message: `reason must be at most ${MAX_REASON_LENGTH} characters` });
    }
    const day = typeof date === 'string' ? tryToDayNumber(date) : NaN;
    if (typeof date !== 'string' || Number.isNaN(day)) {
      errors.push({ field: `${at}.date`, message: 'date must be a valid YYYY-MM-DD date' });
      return;
    }
    if (day < firstDay || day > lastDay) {
      errors.push({ field: `${at}.date`, message: `${date} is not in ${year}` });
      return;
    }
    if (list === 'nonWorkingDays' && isWeekend(day)) {
      const message = `${date} is a Saturday or Sunday; only Mon-Fri dates can be non-working days`;
      errors.push({ field: `${at}.date`, message });
    }
    if (list === 'workingWeekendDays' && !isWeekend(day)) {
      const message = `${date} is not a Saturday or Sunday; only weekend dates can be working weekend days`;
      errors.push({ field: `${at}.date`, message });
    }
    const before = seen.get(date);
    if (before === list) {
      errors.push({ field: `${at}.date`, message: `${date} appears more than once in ${list}` });
    } else if (before !== undefined) {
      errors.push({ field: `${at}.date`, message: `${date} is in both nonWorkingDays and workingWeekendDays` });
    } else {
      seen.set(date, list);
    }
  });
}

/** Thrown by parseCalendarYear; carries every field error. */
export class CalendarYearValidationError extends Error {
  constructor(
    readonly year: number,
    readonly errors: CalendarFieldError[],
  ) {
    super(`Invalid calendar year ${year}: ${errors.map((e) => `${e.field || '(body)'}: ${e.message}`).join('; ')}`);
    this.name = 'CalendarYearValidationError';
  }
}

/** Validates and returns a clean CalendarYear (entries sorted by date, unknown keys dropped). */
export function parseCalendarYear(year: number, body: unknown): CalendarYear {
  const errors = validateCalendarYear(year, body);
  if (errors.length > 0 || !isRecord(body)) throw new CalendarYearValidationError(year, errors);
  // Validation above proved each list holds { date: string, reason: string } objects.
  const entries = (list: unknown): CalendarEntry[] =>
    (list as { date: string; reason: string }[])
      .map(({ date, reason }) => ({ date, reason }))
      .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return {
    year,
    status: body.status as CalendarYearStatus,
    decisionRef: typeof body.decisionRef === 'string' ? body.decisionRef : null,
    nonWorkingDays: entries(body.nonWorkingDays),
    workingWeekendDays: entries(body.workingWeekendDays),
  };
}
