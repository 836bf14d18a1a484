import {
  CalendarYearValidationError,
  dayOfWeek,
  fromDayNumber,
  parseCalendarYear,
  toDayNumber,
  tryToDayNumber,
  validateCalendarYear,
} from './calendar-year';

const fields = (year: number, body: unknown): string[] => validateCalendarYear(year, body).map((e) => e.field);

const body = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  year: 2026,
  status: 'official',
  decisionRef: 'Cabinet Decision No. 362 of 2 Dec 2025',
  nonWorkingDays: [{ date: '2026-01-01', reason: 'Yeni il (New Year)' }],
  workingWeekendDays: [],
  ...overrides,
});

describe('day numbers', () => {
  it('counts days from 2015-01-01', () => {
    expect(toDayNumber('2015-01-01')).toBe(0);
    expect(toDayNumber('2015-01-02')).toBe(1);
    expect(toDayNumber('2014-12-31')).toBe(-1);
    expect(toDayNumber('2016-03-01')).toBe(365 + 31 + 29);
  });

  it('round-trips and agrees with Date for 2000-2100', () => {
    for (let t = Date.UTC(2000, 0, 1); t <= Date.UTC(2100, 11, 31); t += 86_400_000) {
      const iso = new Date(t).toISOString().slice(0, 10);
      const n = toDayNumber(iso);
      expect(n).toBe((t - Date.UTC(2015, 0, 1)) / 86_400_000);
      expect(fromDayNumber(n)).toBe(iso);
      expect(dayOfWeek(n)).toBe(new Date(t).getUTCDay());
    }
  });

  it.each(['2026-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '2026-4-01', '2026/04/01', '2026-04-01T00:00', 'abcd-ef-gh', ''])(
    'rejects %p',
    (date) => {
      expect(Number.isNaN(tryToDayNumber(date))).toBe(true);
      expect(() => toDayNumber(date)).toThrow(RangeError);
    },
  );

  it('accepts Feb 29 of a leap year', () => {
    expect(fromDayNumber(toDayNumber('2028-02-29'))).toBe('2028-02-29');
  });
});

describe('validateCalendarYear', () => {
  it('accepts a valid year', () => {
    expect(validateCalendarYear(2026, body())).toEqual([]);
    expect(validateCalendarYear(2027, body({ year: 2027, status: 'provisional', decisionRef: null, nonWorkingDays: [] }))).toEqual([]);
  });

  it('rejects a body that is not an object, a bad year, status and decisionRef', () => {
    expect(fields(2026, null)).toEqual(['']);
    expect(fields(2026, [])).toEqual(['']);
    expect(fields(26, body())).toEqual(['year']);
    expect(fields(2026, body({ year: 2025 }))).toEqual(['year']);
    expect(fields(2026, body({ status: 'draft' }))).toEqual(['status']);
    expect(fields(2026, body({ decisionRef: '' }))).toEqual(['decisionRef']);
    expect(fields(2026, body({ decisionRef: 'x'.repeat(201) }))).toEqual(['decisionRef']);
    expect(fields(2026, body({ nonWorkingDays: 'Jan 1', workingWeekendDays: undefined }))).toEqual([
      'nonWorkingDays',
      'workingWeekendDays',
    ]);
  });

  it('rejects invalid dates and dates outside the year', () => {
    const errors = validateCalendarYear(
      2026,
      body({
        nonWorkingDays: [
          { date: '2026-02-30', reason: 'x' },
          { date: '2025-12-31', reason: 'x' },
          { date: 20260101, reason: 'x' },
          'Jan 1',
        ],
      }),
    );
    expect(errors).toEqual([
      { field: 'nonWorkingDays[0].date', message: 'date must be a valid YYYY-MM-DD date' },
      { field: 'nonWorkingDays[1].date', message: '2025-12-31 is not in 2026' },
      { field: 'nonWorkingDays[2].date', message: 'date must be a valid YYYY-MM-DD date' },
      { field: 'nonWorkingDays[3]', message: 'entry must be an object with date and reason' },
    ]);
  });

  it('requires non-working days on Mon-Fri and working weekend days on Sat/Sun', () => {
    expect(
      validateCalendarYear(
        2026,
        body({
          nonWorkingDays: [{ date: '2026-03-21', reason: 'Saturday' }],
          workingWeekendDays: [{ date: '2026-03-23', reason: 'Monday' }],
        }),
      ),
    ).toEqual([
      {
        field: 'nonWorkingDays[0].date',
        message: '2026-03-21 is a Saturday or Sunday; only Mon-Fri dates can be non-working days',
      },
      {
        field: 'workingWeekendDays[0].date',
        message: '2026-03-23 is not a Saturday or Sunday; only weekend dates can be working weekend days',
      },
    ]);
  });

  it('rejects duplicates, a date in both lists, and bad reasons', () => {
    expect(
      validateCalendarYear(
        2026,
        body({
          nonWorkingDays: [
            { date: '2026-01-01', reason: 'Yeni il' },
            { date: '2026-01-01', reason: 'again' },
            { date: '2026-01-02', reason: '   ' },
            { date: '2026-01-20', reason: 'x'.repeat(201) },
          ],
        }),
      ),
    ).toEqual([
      { field: 'nonWorkingDays[1].date', message: '2026-01-01 appears more than once in nonWorkingDays' },
      { field: 'nonWorkingDays[2].reason', message: 'reason must be a non-empty string' },
      { field: 'nonWorkingDays[3].reason', message: 'reason must be at most 200 characters' },
    ]);
    // The same date cannot be both; a weekday fails the weekend check as well.
    expect(
      fields(
        2026,
        body({
          nonWorkingDays: [{ date: '2026-01-05', reason: 'x' }],
          workingWeekendDays: [{ date: '2026-01-05', reason: 'x' }],
        }),
      ),
    ).toEqual(['workingWeekendDays[0].date', 'workingWeekendDays[0].date']);
    expect(
      validateCalendarYear(
        2026,
        body({ nonWorkingDays: [{ date: '2026-01-05', reason: 'x' }], workingWeekendDays: [{ date: '2026-01-05', reason: 'x' }] }),
      )[1].message,
    ).toBe('2026-01-05 is in both nonWorkingDays and workingWeekendDays');
  });

  it('allows at most 60 entries per list', () => {
    const weekdays: { date: string; reason: string }[] = [];
    for (let d = toDayNumber('2026-01-01'); weekdays.length < 61; d++) {
      if (dayOfWeek(d) !== 0 && dayOfWeek(d) !== 6) weekdays.push({ date: fromDayNumber(d), reason: 'x' });
    }
    expect(fields(2026, body({ nonWorkingDays: weekdays.slice(0, 60) }))).toEqual([]);
    expect(validateCalendarYear(2026, body({ nonWorkingDays: weekdays }))).toEqual([
      { field: 'nonWorkingDays', message: 'nonWorkingDays must have at most 60 entries' },
    ]);
  });
});

describe('parseCalendarYear', () => {
  it('returns sorted entries without unknown keys', () => {
    const parsed = parseCalendarYear(
      2026,
      body({
        nonWorkingDays: [
          { date: '2026-01-20', reason: 'hüzn günü', extra: true },
          { date: '2026-01-01', reason: 'Yeni il' },
        ],
      }),
    );
    expect(parsed).toEqual({
      year: 2026,
      status: 'official',
      decisionRef: 'Cabinet Decision No. 362 of 2 Dec 2025',
      nonWorkingDays: [
        { date: '2026-01-01', reason: 'Yeni il' },
        { date: '2026-01-20', reason: 'hüzn günü' },
      ],
      workingWeekendDays: [],
    });
  });

  it('throws with every error', () => {
    expect(() => parseCalendarYear(2026, body({ status: 'x', nonWorkingDays: [{ date: '2026-01-03', reason: 'x' }] }))).toThrow(
      CalendarYearValidationError,
    );
    let thrown: unknown;
    try {
      parseCalendarYear(2026, body({ status: 'x' }));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(CalendarYearValidationError);
    expect((thrown as CalendarYearValidationError).errors).toHaveLength(1);
    expect((thrown as Error).message).toContain('status');
  });
});
