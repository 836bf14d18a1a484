/**
 * Deadlines of the appeals law in working days (appeals-rules.md items 7-11) and in clock hours
 * (item 10, urgent appeals), as instants in Asia/Baku.
 */
import { toInstant } from '../../platform/clock/instant';
import { civilOf, toDayNumber } from './calendar-year';
import { WorkingDayCalendar } from './working-day-calendar';

export const BAKU_TIME_ZONE = 'Asia/Baku';

export interface Deadline {
  /** The receipt (registration) date, day 0 of the term. */
  from: string;
  workingDays: number;
  dueDate: string;
  /** End of dueDate, 23:59:59 Baku time, as the API writes instants (UTC, milliseconds: toInstant). */
  dueAt: string;
  /** True when a year the term touches has no official calendar yet. */
  provisional: boolean;
  /** Non-working days the term passed over, receipt date excluded. */
  skippedDates: string[];
}

export interface TermLedger {
  workingDaysUsed: number;
  workingDaysLeft: number;
}

const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 60 * MS_PER_MINUTE;
const END_OF_DAY_SECONDS = 23 * 3600 + 59 * 60 + 59;

/**
 * Item 7: a term of N working days ends at the end (23:59:59 Asia/Baku) of the N-th working day
 * after the receipt date; the receipt date itself is day 0.
 */
export function computeDeadline(calendar: WorkingDayCalendar, receivedOn: string, workingDays: number): Deadline {
  const dueDate = calendar.addWorkingDays(receivedOn, workingDays);
  return {
    from: receivedOn,
    workingDays,
    dueDate,
    dueAt: endOfDayInBaku(dueDate),
    provisional: calendar.isProvisionalBetween(receivedOn, dueDate),
    skippedDates: calendar.skippedDates(receivedOn, dueDate),
  };
}

/**
 * Item 10 (Art. 10.4): an urgent appeal is due 24 clock hours after receipt, not working days. The
 * instant as the API writes it (toInstant); its Baku date is bakuDateOf's.
 */
export function urgentDueAt(receivedAt: Date): string {
  const start = receivedAt.getTime();
  if (Number.isNaN(start)) throw new RangeError('urgentDueAt needs a valid Date');
  // Elapsed hours, so across a 2015 clock change the local time shifts by the hour.
  return toInstant(start + 24 * MS_PER_HOUR);
}

/**
 * How much of a term is used, for showing an applicant. Today counts as left, not used: on the
 * due date one working day is left (today), and after it none. Used + left = the whole term.
 */
export function ledger(calendar: WorkingDayCalendar, receivedOn: string, dueDate: string, today: string): TermLedger {
  const total = Math.max(calendar.workingDaysBetween(receivedOn, dueDate), 0);
  // Working days strictly between the receipt date and today are the ones fully spent.
  let used = calendar.workingDaysBetween(receivedOn, today);
  if (used > 0 && calendar.isWorkingDay(today)) used -= 1;
  used = Math.min(Math.max(used, 0), total);
  return { workingDaysUsed: used, workingDaysLeft: total - used };
}

// ---------------------------------------------------------------------------------------------
// Baku time. UTC+4 since 2016; until then summer time UTC+5 (last Sunday of March to last Sunday
// of October), so the offset comes from the time-zone database, not a constant.
// ---------------------------------------------------------------------------------------------

let offsetFormat: Intl.DateTimeFormat | undefined;

const offsetByHour = new Map<number, number>();
const MS_PER_HOUR_BUCKET = 3_600_000;

/**
 * Offset of Asia/Baku from UTC, in minutes, at an instant. Clock changes happen on the hour, so
 * the answer is cached per UTC hour (Intl.formatToParts is slow on a hot path).
 */
export function bakuOffsetMinutes(epochMs: number): number {
  const hour = Math.floor(epochMs / MS_PER_HOUR_BUCKET);
  const cached = offsetByHour.get(hour);
  if (cached !== undefined) return cached;
  if (offsetByHour.size > 100_000) offsetByHour.clear();
  const offset = computeBakuOffsetMinutes(epochMs);
  offsetByHour.set(hour, offset);
  return offset;
}

function computeBakuOffsetMinutes(epochMs: number): number {
  offsetFormat ??= new Intl.DateTimeFormat('en-US', { timeZone: BAKU_TIME_ZONE, timeZoneName: 'longOffset' });
  const name = offsetFormat.formatToParts(new Date(epochMs)).find((p) => p.type === 'timeZoneName')?.value ?? '';
  const match = /^GMT(?:([+-])(\d{2}):(\d{2}))?$/.exec(name);
  if (match === null) throw new Error(`Unexpected time-zone offset "${name}" for ${BAKU_TIME_ZONE}`);
  if (match[1] === undefined) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** 23:59:59 Baku time on a date (with the offset in force then), as the API writes instants (toInstant). */
export function endOfDayInBaku(date: string): string {
  const { year, month, day } = civilOf(toDayNumber(date));
  const wallClockAsUtc = Date.UTC(year, month - 1, day) + END_OF_DAY_SECONDS * 1000;
  // Guess with the standard offset, then re-read at the real instant (Baku never changed its clocks
  // near midnight, so one correction is enough).
  let offset = bakuOffsetMinutes(wallClockAsUtc - 4 * MS_PER_HOUR);
  offset = bakuOffsetMinutes(wallClockAsUtc - offset * MS_PER_MINUTE);
  return toInstant(wallClockAsUtc - offset * MS_PER_MINUTE);
}

/**
 * An instant as Baku wall-clock time, ISO-8601 to the second with its offset: for reading the Baku
 * day or hour of an instant; what the API writes is toInstant's form.
 */
export function formatInBaku(epochMs: number): string {
  const offset = bakuOffsetMinutes(epochMs);
  const local = new Date(Math.floor(epochMs / 1000) * 1000 + offset * MS_PER_MINUTE);
  const date = local.toISOString().slice(0, 19);
  return `${date}${formatOffset(offset)}`;
}
