import fc from 'fast-check';
import { join } from 'node:path';
import { loadCalendarYearsFromDir } from './calendar-files';
import { CalendarYear, fromDayNumber, toDayNumber } from './calendar-year';
import { generateProvisionalYear } from './provisional-calendar';
import { WorkingDayCalendar } from './working-day-calendar';

const shipped = loadCalendarYearsFromDir(join(__dirname, '../../../config/calendar'));
const calendar = WorkingDayCalendar.build(shipped);

/** Naive reference: walk day by day. */
function naiveAdd(cal: WorkingDayCalendar, date: string, n: number): string {
  let d = toDayNumber(date);
  for (let left = n; left > 0; ) {
    d += 1;
    if (cal.isWorkingDay(fromDayNumber(d))) left -= 1;
  }
  return fromDayNumber(d);
}

describe('WorkingDayCalendar with the shipped data', () => {
  it('covers 2015-2040, shipped years as given and the rest provisional', () => {
    expect(calendar.firstDate).toBe('2015-01-01');
    expect(calendar.lastDate).toBe('2040-12-31');
    expect(calendar.years().map((y) => y.year)).toEqual(Array.from({ length: 26 }, (_, i) => 2015 + i));
    expect(calendar.yearOf(2026).decisionRef).toBe('Cabinet Decision No. 362 of 2 Dec 2025');
    expect(calendar.yearOf(2025).status).toBe('official');
    expect(calendar.yearOf(2027).status).toBe('provisional');
    expect(calendar.yearOf(2024).status).toBe('provisional');
    expect(() => calendar.yearOf(2041)).toThrow(RangeError);
  });

  it('counts the official working days per year (2025: 239, 2026: 241, 2027: 241)', () => {
    expect(calendar.workingDaysInYear(2025)).toBe(239);
    expect(calendar.workingDaysInYear(2026)).toBe(241);
    expect(calendar.workingDaysInYear(2027)).toBe(241);
    expect(calendar.workingDaysBetween('2024-12-31', '2025-12-31')).toBe(239);
  });

  it('applies the rule of working-days-az.md', () => {
    expect(calendar.isWorkingDay('2026-03-02')).toBe(true); // Monday
    expect(calendar.isWorkingDay('2026-03-07')).toBe(false); // Saturday
    expect(calendar.isWorkingDay('2026-03-09')).toBe(false); // listed weekday
    expect(calendar.isWorkingDay('2026-10-19')).toBe(true); // Oct 18 is a Sunday and moves nothing
    expect(calendar.isWorkingDay('2026-11-12')).toBe(true); // Constitution Day is a working day
    expect(calendar.isWorkingDay('2025-01-29')).toBe(false); // municipal elections
  });

  it('worked example: received Mon 2 Mar 2026, 15 working days -> Thu 2 Apr 2026', () => {
    expect(calendar.addWorkingDays('2026-03-02', 15)).toBe('2026-04-02');
    expect(calendar.skippedDates('2026-03-02', '2026-04-02')).toEqual([
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
    ]);
  });

  it('worked example: received Fri 15 May 2026, 3 working days (referral) -> Wed 20 May 2026', () => {
    expect(calendar.addWorkingDays('2026-05-15', 3)).toBe('2026-05-20');
    expect(calendar.workingDaysBetween('2026-05-15', '2026-05-20')).toBe(3);
  });

  it('crosses year boundaries', () => {
    // Dec 31 2025 is a holiday; Jan 1-2 2026 too; then the weekend.
    expect(calendar.addWorkingDays('2025-12-30', 1)).toBe('2026-01-05');
    expect(calendar.addWorkingDays('2025-12-31', 1)).toBe('2026-01-05');
    // Dec 31, Jan 1 and Mon Jan 4 (for Sat Jan 2, 105.5) are off in the provisional 2027.
    expect(calendar.addWorkingDays('2026-12-30', 1)).toBe('2027-01-05');
    expect(calendar.addWorkingDays('2026-12-30', 2)).toBe('2027-01-06');
    expect(calendar.workingDaysBetween('2026-12-30', '2027-01-06')).toBe(2);
    expect(calendar.isProvisionalBetween('2026-12-30', '2027-01-05')).toBe(true);
    expect(calendar.isProvisionalBetween('2025-12-30', '2026-01-05')).toBe(false);
  });

  it('a receipt on a Saturday counts from Monday', () => {
    expect(calendar.addWorkingDays('2026-03-14', 1)).toBe('2026-03-16');
    expect(calendar.addWorkingDays('2026-03-14', 15)).toBe(calendar.addWorkingDays('2026-03-13', 15));
  });

  it('a receipt on a holiday counts from the next working day', () => {
    // Fri 20 Mar 2026 (Novruz): next working day is Tue 31 Mar.
    expect(calendar.addWorkingDays('2026-03-20', 1)).toBe('2026-03-31');
    expect(calendar.addWorkingDays('2026-03-20', 15)).toBe('2026-04-20');
  });

  it('n = 0 returns the date itself', () => {
    expect(calendar.addWorkingDays('2026-03-21', 0)).toBe('2026-03-21');
  });

  it('negative between', () => {
    expect(calendar.workingDaysBetween('2026-04-02', '2026-03-02')).toBe(-15);
  });

  it('rejects bad input and dates outside the range', () => {
    expect(() => calendar.addWorkingDays('2026-03-02', -1)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays('2026-03-02', 1.5)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays('2014-12-31', 1)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays('2040-12-28', 5)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => calendar.isWorkingDay('2041-01-01')).toThrow(RangeError);
    expect(() => calendar.workingDaysBetween('2026-03-02', 'tomorrow')).toThrow(RangeError);
  });

  it('exposes ordinals for the PostgreSQL mirror', () => {
    expect(calendar.ordinalOf('2015-01-01')).toBe(0); // Jan 1 2015 was a holiday
    const first = calendar.dateOfOrdinal(1);
    expect(calendar.isWorkingDay(first)).toBe(true);
    expect(calendar.ordinalOf(first)).toBe(1);
    const o = calendar.ordinalOf('2026-03-02');
    expect(calendar.dateOfOrdinal(o + 15)).toBe('2026-04-02');
    // A non-working day carries the ordinal of the working day before it.
    expect(calendar.ordinalOf('2026-03-30')).toBe(calendar.ordinalOf('2026-03-19'));
    expect(() => calendar.dateOfOrdinal(0)).toThrow(RangeError);
    const rows = [...calendar.dayRows()];
    expect(rows).toHaveLength(toDayNumber('2040-12-31') + 1);
    expect(rows.find((r) => r.day === '2026-04-02')).toEqual({ day: '2026-04-02', ordinal: o + 15, isWorking: true });
    expect(rows.filter((r) => r.isWorking)).toHaveLength(rows[rows.length - 1].ordinal);
  });

  it('keeps its data unchanged when the caller changes the input', () => {
    const year = structuredClone(shipped.find((y) => y.year === 2026)!);
    const cal = WorkingDayCalendar.build([year], { fromYear: 2026, toYear: 2026 });
    year.nonWorkingDays.pop();
    expect(cal.yearOf(2026).nonWorkingDays).toHaveLength(20);
    expect(() => cal.yearOf(2026).nonWorkingDays.pop()).toThrow(/Cannot/);
  });

  it('rejects invalid or duplicate data and a bad range', () => {
    const bad: CalendarYear = { ...generateProvisionalYear(2026), nonWorkingDays: [{ date: '2026-03-21', reason: 'x' }] };
    expect(() => WorkingDayCalendar.build([bad])).toThrow(/Invalid calendar year 2026/);
    const y = generateProvisionalYear(2026);
    expect(() => WorkingDayCalendar.build([y, y])).toThrow(/given twice/);
    expect(() => WorkingDayCalendar.build([], { fromYear: 2030, toYear: 2029 })).toThrow(RangeError);
    // Years outside the range are ignored.
    expect(
      WorkingDayCalendar.build([y], { fromYear: 2027, toYear: 2027 })
        .years()
        .map((c) => c.year),
    ).toEqual([2027]);
  });
});

describe('a working Saturday (Labour Code 105.7 swap)', () => {
  // A made-up 2026 where Sat 28 Mar is worked in exchange for Mon 30 Mar, which was already off.
  const year2026 = shipped.find((y) => y.year === 2026)!;
  const swapped: CalendarYear = {
    ...year2026,
    workingWeekendDays: [{ date: '2026-03-28', reason: 'İş günü (swap, Labour Code 105.7)' }],
  };
  const cal = WorkingDayCalendar.build([swapped], { fromYear: 2026, toYear: 2027 });

  it('counts the Saturday as a working day', () => {
    expect(cal.isWorkingDay('2026-03-28')).toBe(true);
    expect(cal.isWorkingDay('2026-03-29')).toBe(false);
    expect(cal.workingDaysInYear(2026)).toBe(242);
    expect(cal.addWorkingDays('2026-03-27', 1)).toBe('2026-03-28');
    expect(cal.addWorkingDays('2026-03-02', 15)).toBe('2026-04-01');
  });

  it('a receipt on the working Saturday counts from the next working day', () => {
    expect(cal.addWorkingDays('2026-03-28', 1)).toBe('2026-03-31');
    expect(cal.workingDaysBetween('2026-03-28', '2026-03-31')).toBe(1);
    expect(cal.skippedDates('2026-03-27', '2026-03-31')).toEqual(['2026-03-29', '2026-03-30']);
  });
});

describe('properties', () => {
  const first = toDayNumber('2015-01-01');
  const last = toDayNumber('2039-12-31');
  const date = fc.integer({ min: first, max: last }).map(fromDayNumber);
  const n = fc.integer({ min: 0, max: 60 });

  it('addWorkingDays(d, n) is a working day for n >= 1', () => {
    fc.assert(fc.property(date, fc.integer({ min: 1, max: 60 }), (d, k) => calendar.isWorkingDay(calendar.addWorkingDays(d, k))));
  });

  it('workingDaysBetween(d, addWorkingDays(d, n)) === n', () => {
    fc.assert(fc.property(date, n, (d, k) => calendar.workingDaysBetween(d, calendar.addWorkingDays(d, k)) === k));
  });

  it('is strictly increasing in n', () => {
    fc.assert(
      fc.property(date, n, n, (d, a, b) => {
        fc.pre(a !== b);
        const [lo, hi] = a < b ? [a, b] : [b, a];
        return calendar.addWorkingDays(d, lo) < calendar.addWorkingDays(d, hi);
      }),
    );
  });

  it('skippedDates length === calendar days between - n', () => {
    fc.assert(
      fc.property(date, n, (d, k) => {
        const due = calendar.addWorkingDays(d, k);
        return calendar.skippedDates(d, due).length === toDayNumber(due) - toDayNumber(d) - k;
      }),
    );
  });

  it('agrees with a day-by-day walk', () => {
    fc.assert(fc.property(date, n, (d, k) => calendar.addWorkingDays(d, k) === naiveAdd(calendar, d, k)));
  });

  it('the day before the result has fewer working days than n (the result is the first such day)', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 1, max: 60 }), (d, k) => {
        const due = calendar.addWorkingDays(d, k);
        return calendar.workingDaysBetween(d, fromDayNumber(toDayNumber(due) - 1)) === k - 1;
      }),
    );
  });
});
