import fc from 'fast-check';
import { INSTANT_PATTERN, toInstant, toInstantOrNull } from './instant';

describe('toInstant: the API form of an instant (issue 14)', () => {
  it('writes every form it is given as UTC with exactly three fraction digits', () => {
    expect(toInstant(new Date('2026-03-02T11:00:00+04:00'))).toBe('2026-03-02T07:00:00.000Z');
    // PostgreSQL's text of a timestamptz (microseconds, offset), a Baku offset by hand, an epoch.
    expect(toInstant('2026-03-02 11:00:00.123456+04')).toBe('2026-03-02T07:00:00.123Z');
    expect(toInstant('2015-07-15T23:59:59+05:00')).toBe('2015-07-15T18:59:59.000Z');
    expect(toInstant(Date.UTC(2026, 11, 31, 19, 59, 59))).toBe('2026-12-31T19:59:59.000Z');
  });

  it('matches the pattern for any instant of the years the law has cases in', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1970-01-01'), max: new Date('2200-01-01'), noInvalidDate: true }), (date) => {
        const text = toInstant(date);
        expect(text).toMatch(INSTANT_PATTERN);
        expect(new Date(text).getTime()).toBe(date.getTime());
      }),
    );
  });

  it('refuses what is not an instant rather than write "Invalid Date"', () => {
    expect(() => toInstant('yesterday')).toThrow(RangeError);
    expect(() => toInstant(new Date(Number.NaN))).toThrow(RangeError);
  });

  it('keeps null for a moment that has not come', () => {
    expect(toInstantOrNull(null)).toBeNull();
    expect(toInstantOrNull(undefined)).toBeNull();
    expect(toInstantOrNull(new Date('2026-03-02T07:00:00Z'))).toBe('2026-03-02T07:00:00.000Z');
  });
});
