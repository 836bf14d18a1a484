import fc from 'fast-check';
import { digitisationShare } from './digitisation';
import { EvaluationInputError } from './methodology';

function inputErrors(n: number, m: number): string[] {
  try {
    digitisationShare(n, m);
  } catch (error) {
    expect(error).toBeInstanceOf(EvaluationInputError);
    return (error as EvaluationInputError).fields.map((f) => `${f.field}: ${f.message}`);
  }
  throw new Error('expected digitisationShare to throw');
}

describe('digitisationShare: the source agency rows (sect. 3)', () => {
  it.each([
    [54, 35, 65, 'yellow'],
    [22, 21, 95, 'green'],
    [42, 36, 86, 'green'],
    [83, 55, 66, 'yellow'],
    [65, 20, 31, 'red'],
  ])('N = %p, M = %p -> %p %% %p', (n, m, percent, colour) => {
    const r = digitisationShare(n, m);
    expect(r).toEqual({ servicesTotal: n, servicesElectronic: m, share: m / n, percent, colour });
  });

  it('keeps the exact fraction', () => {
    expect(digitisationShare(54, 35).share).toBe(35 / 54);
    expect(digitisationShare(54, 35).share).toBeCloseTo(0.648148, 6);
  });
});

describe('digitisationShare boundaries', () => {
  it.each([
    [4, 3, 'yellow'], // exactly 75 %: not "more than 75 %"
    [100, 76, 'green'],
    [1000, 751, 'green'],
    [2, 1, 'red'], // exactly 50 %: "up to 50 %"
    [100, 51, 'yellow'],
    [1000, 501, 'yellow'],
    [10, 0, 'red'],
    [10, 10, 'green'],
  ])('%p / %p -> %p', (n, m, colour) => {
    expect(digitisationShare(n, m).colour).toBe(colour);
  });

  it('colours on the exact share, not on the rounded percent', () => {
    const r = digitisationShare(1000, 754);
    expect(r.percent).toBe(75);
    expect(r.colour).toBe('green');
  });

  it('rounds half percents up exactly', () => {
    expect(digitisationShare(200, 29).percent).toBe(15); // 14.5 %
    expect(digitisationShare(8, 1).percent).toBe(13); // 12.5 %
  });

  it('N = 0 has no share and no colour', () => {
    expect(digitisationShare(0, 0)).toEqual({ servicesTotal: 0, servicesElectronic: 0, share: null, percent: null, colour: null });
  });

  it('uses custom thresholds when given', () => {
    expect(digitisationShare(10, 8, { greenAbove: 0.9, yellowAbove: 0.6 }).colour).toBe('yellow');
  });
});

describe('digitisationShare validation', () => {
  it('rejects M > N (the source misprint "7 77 100%")', () => {
    expect(inputErrors(7, 77)).toEqual(['servicesElectronic: cannot exceed servicesTotal']);
  });

  it('rejects negative, fractional and non-finite counts', () => {
    expect(inputErrors(-1, 0)).toEqual(['servicesTotal: must be a non-negative integer']);
    expect(inputErrors(10, 2.5)).toEqual(['servicesElectronic: must be a non-negative integer']);
    expect(inputErrors(Number.NaN, Number.POSITIVE_INFINITY)).toHaveLength(2);
  });
});

describe('digitisationShare properties', () => {
  it('share is M / N in 0..1 and the colour follows the thresholds', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }).chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 0, max: n }))),
        ([n, m]) => {
          const r = digitisationShare(n, m);
          expect(r.share).toBe(m / n);
          const expected = m * 4 > n * 3 ? 'green' : m * 2 > n ? 'yellow' : 'red'; // integer arithmetic
          expect(r.colour).toBe(expected);
          expect(r.percent).toBeGreaterThanOrEqual(0);
          expect(r.percent).toBeLessThanOrEqual(100);
        },
      ),
    );
  });
});
