import { join } from 'node:path';
import { loadCalendarYearsFromDir } from './calendar-files';
import { bakuOffsetMinutes, computeDeadline, endOfDayInBaku, formatInBaku, ledger, urgentDueAt } from './deadline';
import { WorkingDayCalendar } from './working-day-calendar';

const calendar = WorkingDayCalendar.build(loadCalendarYearsFromDir(join(__dirname, '../../../config/calendar')));
/** An instant as Baku's wall clock read it then, with the offset in force. */
const inBaku = (instant: string) => formatInBaku(Date.parse(instant));

describe('computeDeadline (appeals-rules.md item 7)', () => {
  it('review term of 15 working days from Mon 2 Mar 2026', () => {
    expect(computeDeadline(calendar, '2026-03-02', 15)).toEqual({
      from: '2026-03-02',
      workingDays: 15,
      dueDate: '2026-04-02',
      // 23:59:59 in Baku (UTC+4), in the API's one instant form (UTC, milliseconds).
      dueAt: '2026-04-02T19:59:59.000Z',
      provisional: false,
      skippedDates: [
        '2026-03-07',
        '2026-03-08',
        '2026-03-09',
        '2026-03-14',
        '2026-03-15',
        '2026-03-20',
        '2026-03-21',
        '2026-03-22',
        '2026-03-23',
        '2026-03-24',
        '2026-03-25',
        '2026-03-26',
        '2026-03-27',
        '2026-03-28',
        '2026-03-29',
        '2026-03-30',
      ],
    });
  });

  it('referral within 3 working days from Fri 15 May 2026', () => {
    const deadline = computeDeadline(calendar, '2026-05-15', 3);
    expect(deadline.dueDate).toBe('2026-05-20');
    expect(inBaku(deadline.dueAt)).toBe('2026-05-20T23:59:59+04:00');
    expect(deadline.skippedDates).toEqual(['2026-05-16', '2026-05-17']);
  });

  it('is provisional when the term reaches a provisional year', () => {
    const deadline = computeDeadline(calendar, '2026-12-15', 30);
    expect(deadline.dueDate > '2027-01-01').toBe(true);
    expect(deadline.provisional).toBe(true);
    expect(deadline.skippedDates).toEqual(expect.arrayContaining(['2026-12-31', '2027-01-01', '2027-01-04']));
  });
});

describe('Baku offsets', () => {
  it('is UTC+4 since 2016', () => {
    expect(inBaku(endOfDayInBaku('2016-07-01'))).toBe('2016-07-01T23:59:59+04:00');
    expect(inBaku(endOfDayInBaku('2026-12-31'))).toBe('2026-12-31T23:59:59+04:00');
    expect(bakuOffsetMinutes(Date.UTC(2030, 6, 1))).toBe(240);
  });

  it('was UTC+5 in the 2015 summer, until the last Sunday of October', () => {
    expect(inBaku(endOfDayInBaku('2015-07-15'))).toBe('2015-07-15T23:59:59+05:00');
    expect(inBaku(endOfDayInBaku('2015-10-24'))).toBe('2015-10-24T23:59:59+05:00');
    expect(inBaku(endOfDayInBaku('2015-10-25'))).toBe('2015-10-25T23:59:59+04:00');
    expect(inBaku(endOfDayInBaku('2015-02-02'))).toBe('2015-02-02T23:59:59+04:00');
    expect(inBaku(computeDeadline(calendar, '2015-07-01', 3).dueAt)).toMatch(/T23:59:59\+05:00$/);
  });

  it('writes the dueAt instant as the API does: UTC with milliseconds, never an offset', () => {
    expect(endOfDayInBaku('2026-04-02')).toBe('2026-04-02T19:59:59.000Z');
    expect(endOfDayInBaku('2015-07-15')).toBe('2015-07-15T18:59:59.000Z');
  });
});

describe('urgentDueAt (Art. 10.4)', () => {
  it('is 24 clock hours after receipt, written as the API writes instants', () => {
    expect(urgentDueAt(new Date('2026-03-20T10:15:30Z'))).toBe('2026-03-21T10:15:30.000Z');
    // Received late on Friday: due Saturday evening, weekends do not matter for hours.
    expect(inBaku(urgentDueAt(new Date('2026-05-15T18:00:00+04:00')))).toBe('2026-05-16T18:00:00+04:00');
  });

  it('counts elapsed hours across the 2015 clock change', () => {
    // Sat 24 Oct 2015 12:00 +05:00; clocks went back overnight, so 24 h later reads 11:00 +04:00.
    expect(inBaku(urgentDueAt(new Date('2015-10-24T12:00:00+05:00')))).toBe('2015-10-25T11:00:00+04:00');
  });

  it('rejects an invalid Date', () => {
    expect(() => urgentDueAt(new Date('nope'))).toThrow(RangeError);
  });
});

describe('ledger', () => {
  const receivedOn = '2026-03-02';
  const dueDate = '2026-04-02';

  it.each([
    ['2026-03-01', 0, 15], // before receipt
    ['2026-03-02', 0, 15], // receipt day
    ['2026-03-03', 0, 15], // first working day, in progress
    ['2026-03-04', 1, 14],
    ['2026-03-08', 4, 11], // Sunday: Mar 3-6 are spent
    ['2026-03-25', 12, 3], // inside the Novruz break: Mar 3-19 spent, Mar 31 - Apr 2 left
    ['2026-04-01', 13, 2],
    ['2026-04-02', 14, 1], // due date: today is the last day
    ['2026-04-03', 15, 0],
    ['2026-05-01', 15, 0], // overdue
  ])('on %s: %i used, %i left', (today, used, left) => {
    expect(ledger(calendar, receivedOn, dueDate, today)).toEqual({ workingDaysUsed: used, workingDaysLeft: left });
  });
});
