import { join } from 'node:path';
import { loadCalendarYearsFromDir } from './calendar-files';
import { CalendarYear, validateCalendarYear } from './calendar-year';
import { generateProvisionalYear, lunarHolidayStarts } from './provisional-calendar';
import { toDayNumber, fromDayNumber } from './calendar-year';

const shipped = new Map<number, CalendarYear>(
  loadCalendarYearsFromDir(join(__dirname, '../../../config/calendar')).map((y) => [y.year, y]),
);
const dates = (y: CalendarYear): string[] => y.nonWorkingDays.map((e) => e.date);
const reasonOn = (y: CalendarYear, date: string): string | undefined => y.nonWorkingDays.find((e) => e.date === date)?.reason;

describe('generateProvisionalYear compared with the shipped data', () => {
  it('2026: the generated year equals the official Cabinet Decision No. 362', () => {
    const generated = generateProvisionalYear(2026);
    expect(dates(generated)).toEqual(dates(shipped.get(2026)!));
    expect(generated.status).toBe('provisional');
    expect(generated.decisionRef).toBeNull();
  });

  it('2027: the generated year equals the shipped provisional year (Umm al-Qura agrees on the lunar dates)', () => {
    const generated = generateProvisionalYear(2027);
    expect(dates(generated)).toEqual(dates(shipped.get(2027)!));
    expect(generated.workingWeekendDays).toEqual([]);
  });

  it('2025: differs from the official year only by the Cabinet swaps and the voting day, which are data', () => {
    const generated = dates(generateProvisionalYear(2025));
    const official = dates(shipped.get(2025)!);
    // The rules give Mar 10 (for Sat Mar 8) and Apr 1 (for Sun Mar 30, Ramazan day 1); the Cabinet
    // swapped both to Mar 27-28 (Labour Code 105.7).
    expect(generated.filter((d) => !official.includes(d))).toEqual(['2025-03-10', '2025-04-01']);
    // Jan 3: swap for the worked Sat 28 Dec 2024 (105.7); Jan 29: municipal elections (105-1);
    // Mar 27-28: the swap above. None of these follows from the holiday rules.
    expect(official.filter((d) => !generated.includes(d))).toEqual(['2025-01-03', '2025-01-29', '2025-03-27', '2025-03-28']);
  });
});

describe('generateProvisionalYear rules', () => {
  it('Labour Code 105.5: a holiday on a weekend moves the rest day to the next working day after the holiday', () => {
    const y2026 = generateProvisionalYear(2026);
    // Sun Mar 8 -> Mon Mar 9; Sat May 9 -> Mon May 11; Sun Nov 8 -> Tue Nov 10 (Nov 9 is a holiday).
    expect(reasonOn(y2026, '2026-03-09')).toContain('ƏM 105.5');
    expect(reasonOn(y2026, '2026-03-09')).toContain('8 Mar');
    expect(reasonOn(y2026, '2026-05-11')).toContain('9 May');
    expect(dates(y2026)).toContain('2026-11-09');
    expect(reasonOn(y2026, '2026-11-10')).toContain('8 Nov');
    // 2024: Sat Jun 15 and Sun Jun 16 (Qurban) were both holidays -> Jun 18 and 19 (research item 66).
    const y2024 = generateProvisionalYear(2024);
    expect(dates(y2024).filter((d) => d.startsWith('2024-06'))).toEqual(['2024-06-17', '2024-06-18', '2024-06-19', '2024-06-26']);
  });

  it('Labour Code 105.6: Ramazan on Novruz and Qurban on Independence Day give extra days off', () => {
    const y2026 = generateProvisionalYear(2026);
    // Mar 20-21: Ramazan on Novruz; Mar 21-22 on the weekend. 105.5 gives Mar 25-26, 105.6 Mar 27 and 30.
    expect(dates(y2026).filter((d) => d >= '2026-03-20' && d <= '2026-03-31')).toEqual([
      '2026-03-20',
      '2026-03-23',
      '2026-03-24',
      '2026-03-25',
      '2026-03-26',
      '2026-03-27',
      '2026-03-30',
    ]);
    expect(reasonOn(y2026, '2026-03-25')).toContain('105.5');
    expect(reasonOn(y2026, '2026-03-26')).toContain('105.5');
    expect(reasonOn(y2026, '2026-03-27')).toContain('105.6');
    expect(reasonOn(y2026, '2026-03-30')).toContain('105.6');
    expect(reasonOn(y2026, '2026-03-20')).toBe('Novruz bayramı, Ramazan bayramı (Novruz, Eid al-Fitr)');
    expect(reasonOn(y2026, '2026-05-29')).toContain('105.6');
    expect(reasonOn(y2026, '2026-05-29')).toContain('Independence Day');
  });

  it('moves a Dec 31 / New Year weekend into January of the next year', () => {
    // Fri Dec 31 2027, Sat Jan 1 and Sun Jan 2 2028 -> Mon Jan 3 and Tue Jan 4.
    expect(dates(generateProvisionalYear(2027)).slice(-1)).toEqual(['2027-12-31']);
    const y2028 = generateProvisionalYear(2028);
    expect(dates(y2028).slice(0, 2)).toEqual(['2028-01-03', '2028-01-04']);
    // Sat Dec 31 2033 moves its rest day past the whole New Year holiday of 2034.
    expect(dates(generateProvisionalYear(2034)).slice(0, 3)).toEqual(['2034-01-02', '2034-01-03', '2034-01-04']);
    expect(reasonOn(generateProvisionalYear(2034), '2034-01-03')).toContain('31 Dec 2033');
  });

  it('Jan 20 (Labour Code 106) is non-working but moves no rest day', () => {
    // Sat Jan 20 2024: no weekday in January is added for it.
    expect(dates(generateProvisionalYear(2024)).filter((d) => d.startsWith('2024-01'))).toEqual([
      '2024-01-01',
      '2024-01-02',
      '2024-01-03', // for Sun Dec 31 2023
    ]);
    expect(reasonOn(generateProvisionalYear(2026), '2026-01-20')).toBe('Ümumxalq hüzn günü (National Mourning Day)');
  });

  it('handles a lunar holiday twice in one Gregorian year (2033) and one next to New Year', () => {
    expect(lunarHolidayStarts(toDayNumber('2033-01-01'), toDayNumber('2033-12-31')).ramazan.map(fromDayNumber)).toEqual([
      '2033-01-03',
      '2033-12-23',
    ]);
    const y2033 = dates(generateProvisionalYear(2033));
    // Ramazan Jan 3-4 follows the weekend New Year, so the New Year rest days land on Jan 5-6.
    expect(y2033.slice(0, 4)).toEqual(['2033-01-03', '2033-01-04', '2033-01-05', '2033-01-06']);
    // Fri Dec 23, Sat Dec 24 -> Mon Dec 26.
    expect(y2033).toEqual(expect.arrayContaining(['2033-12-23', '2033-12-26']));
  });

  it('gives Umm al-Qura 1 Shawwal and 10 Dhu al-Hijjah for 2025-2027', () => {
    const starts = lunarHolidayStarts(toDayNumber('2025-01-01'), toDayNumber('2027-12-31'));
    expect(starts.ramazan.map(fromDayNumber)).toEqual(['2025-03-30', '2026-03-20', '2027-03-09']);
    expect(starts.qurban.map(fromDayNumber)).toEqual(['2025-06-06', '2026-05-27', '2027-05-16']);
  });

  it('generates valid data for every year of the default range', () => {
    for (let year = 2015; year <= 2040; year++) {
      const generated = generateProvisionalYear(year);
      expect(validateCalendarYear(year, generated)).toEqual([]);
      // 10 fixed holidays + mourning day + Novruz 5 + 2 x 2 lunar = 20 days; some fall on weekends.
      expect(generated.nonWorkingDays.length).toBeGreaterThanOrEqual(16);
      expect(generated.nonWorkingDays.length).toBeLessThanOrEqual(24);
    }
  });

  it('rejects a year that is not an integer', () => {
    expect(() => generateProvisionalYear(2026.5)).toThrow(RangeError);
  });
});
