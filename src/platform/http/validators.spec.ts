import { IsObject, validateSync } from 'class-validator';
import { isDateOnly, IsOptionalNotNull } from './validators';

describe('isDateOnly', () => {
  it.each(['2024-02-29', '2026-02-28', '2026-01-01', '2026-12-31', '2015-09-30', '2000-02-29'])('accepts the real date %s', (value) => {
    expect(isDateOnly(value)).toBe(true);
  });

  it.each([
    ['2026-02-29', 'a 29 February outside a leap year'],
    ['1900-02-29', 'a 29 February in a century year that is not a leap year'],
    ['2026-13-01', 'month 13'],
    ['2026-00-10', 'month 0'],
    ['2026-04-31', 'the 31st of a 30-day month'],
    ['2026-01-00', 'day 0'],
    ['2026-01-32', 'day 32'],
    ['2026-1-01', 'a one-digit month'],
    ['2026-01-1', 'a one-digit day'],
    ['26-01-01', 'a two-digit year'],
    ['2026/01/01', 'slashes'],
    ['2026-01-01T00:00:00Z', 'an instant'],
    [' 2026-01-01', 'leading whitespace'],
    ['2026-01-01\n', 'a trailing newline'],
    ['', 'an empty string'],
    ['２０２６-01-01', 'full-width digits'],
  ])('refuses %j (%s)', (value) => {
    expect(isDateOnly(value)).toBe(false);
  });
});

describe('IsOptionalNotNull', () => {
  class Holder {
    @IsOptionalNotNull()
    @IsObject()
    representative?: object | null;
  }
  const errorsOf = (value: Record<string, unknown>) => validateSync(Object.assign(new Holder(), value)).map((error) => error.property);

  it('skips a left-out field, as IsOptional does', () => {
    expect(errorsOf({})).toEqual([]);
    expect(errorsOf({ representative: { fullName: 'x' } })).toEqual([]);
  });

  it('validates null, which IsOptional would let through as absent', () => {
    expect(errorsOf({ representative: null })).toEqual(['representative']);
    expect(errorsOf({ representative: [] })).toEqual(['representative']);
  });
});
