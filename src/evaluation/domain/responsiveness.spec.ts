import fc from 'fast-check';
import v1 from '../../../config/methodology/v1.json';
import { EvaluationInputError, parseMethodology } from './methodology';
import {
  DEFAULT_RESPONSIVENESS_OPTIONS,
  ResponsivenessCounts,
  computeResponsiveness,
  percentile,
  responsivenessOptions,
  wilsonInterval,
} from './responsiveness';

const BASE: ResponsivenessCounts = {
  dueCohort: 40,
  onTime: 36,
  referralCohort: 25,
  referredOnTime: 20,
  answeredWorkingDays: [3, 12, 5, 9, 15, 7, 1, 10, 4, 8],
  extended: 4,
  openOverdue: 2,
  feedbackCount: 10,
  satisfiedCount: 7,
};

function inputErrors(counts: unknown, options = DEFAULT_RESPONSIVENESS_OPTIONS): string[] {
  try {
    computeResponsiveness(counts as ResponsivenessCounts, options);
  } catch (error) {
    expect(error).toBeInstanceOf(EvaluationInputError);
    return (error as EvaluationInputError).fields.map((f) => `${f.field}: ${f.message}`);
  }
  throw new Error('expected computeResponsiveness to throw');
}

describe('computeResponsiveness (sect. 5)', () => {
  it('computes every field of the API object', () => {
    const r = computeResponsiveness(BASE);
    expect(r).toEqual({
      dueCohort: 40,
      onTime: 36,
      onTimeReviewRate: 0.9,
      referralCohort: 25,
      onTimeReferralRate: 0.8,
      medianWorkingDaysToAnswer: 7, // nearest rank 5 of 10 sorted: 1 3 4 5 [7] 8 9 10 12 15
      p90WorkingDaysToAnswer: 12, // nearest rank 9 of 10
      extensionRate: 0.1,
      openOverdue: 2,
      satisfactionRate: 0.7,
      index: expect.closeTo(87, 10), // 100 * (0.7 * 0.9 + 0.3 * 0.8)
      colour: 'green',
      insufficientData: false,
    });
  });

  it('accepts a precomputed median and p90', () => {
    const { answeredWorkingDays: _days, ...rest } = BASE as ResponsivenessCounts & { answeredWorkingDays: number[] };
    const r = computeResponsiveness({ ...rest, medianWorkingDaysToAnswer: 6.5, p90WorkingDaysToAnswer: 14 });
    expect(r.medianWorkingDaysToAnswer).toBe(6.5);
    expect(r.p90WorkingDaysToAnswer).toBe(14);
  });

  it('no answered appeals: median and p90 null', () => {
    const r = computeResponsiveness({ ...BASE, answeredWorkingDays: [] });
    expect(r.medianWorkingDaysToAnswer).toBeNull();
    expect(r.p90WorkingDaysToAnswer).toBeNull();
  });
});

describe('computeResponsiveness: empty cohorts and renormalised weights', () => {
  it('an empty referral cohort leaves the index = on-time review rate (weight 0.7 renormalised to 1)', () => {
    const r = computeResponsiveness({ ...BASE, referralCohort: 0, referredOnTime: 0 });
    expect(r.onTimeReferralRate).toBeNull();
    expect(r.index).toBeCloseTo(90, 10);
    expect(r.colour).toBe('green');
    expect(r.insufficientData).toBe(false); // the empty cohort did not enter the index
  });

  it('an empty due cohort leaves the index = on-time referral rate', () => {
    const r = computeResponsiveness({ ...BASE, dueCohort: 0, onTime: 0, extended: 0 });
    expect(r.onTimeReviewRate).toBeNull();
    expect(r.extensionRate).toBeNull();
    expect(r.index).toBeCloseTo(80, 10);
  });

  it('both cohorts empty: no index and no colour (not 0 and not red), flagged insufficient', () => {
    const r = computeResponsiveness({
      ...BASE,
      dueCohort: 0,
      onTime: 0,
      extended: 0,
      referralCohort: 0,
      referredOnTime: 0,
      feedbackCount: 0,
      satisfiedCount: 0,
      answeredWorkingDays: [],
    });
    expect(r).toMatchObject({
      onTimeReviewRate: null,
      onTimeReferralRate: null,
      extensionRate: null,
      satisfactionRate: null,
      index: null,
      colour: null,
      insufficientData: true,
    });
  });

  it('uses the configured weights', () => {
    const r = computeResponsiveness(BASE, { ...DEFAULT_RESPONSIVENESS_OPTIONS, weights: { review: 1, referral: 1 } });
    expect(r.index).toBeCloseTo(85, 10);
  });
});

describe('computeResponsiveness: insufficientData (a cohort entering the index below minCohort)', () => {
  it('19 in the due cohort with minCohort 20 is insufficient, 20 is enough', () => {
    const small = { ...BASE, dueCohort: 19, onTime: 18, extended: 0 };
    expect(computeResponsiveness(small).insufficientData).toBe(true);
    expect(computeResponsiveness({ ...small, dueCohort: 20 }).insufficientData).toBe(false);
  });

  it('a small referral cohort makes the whole index insufficient', () => {
    expect(computeResponsiveness({ ...BASE, referralCohort: 3, referredOnTime: 3 }).insufficientData).toBe(true);
  });

  it('reports no index and no colour when insufficient: never a light on a handful of cases (sect. 5)', () => {
    const allLate = computeResponsiveness({ ...BASE, dueCohort: 5, onTime: 0, extended: 0, referralCohort: 0, referredOnTime: 0 });
    expect(allLate).toMatchObject({ index: null, colour: null, insufficientData: true, dueCohort: 5, onTimeReviewRate: 0 });
    const allOnTime = computeResponsiveness({ ...BASE, dueCohort: 5, onTime: 5, extended: 0, referralCohort: 0, referredOnTime: 0 });
    expect(allOnTime).toMatchObject({ index: null, colour: null, insufficientData: true, onTimeReviewRate: 1 });
  });

  it('minCohort comes from the methodology, overridable per request', () => {
    const methodology = parseMethodology(v1);
    expect(responsivenessOptions(methodology)).toEqual(DEFAULT_RESPONSIVENESS_OPTIONS);
    const lenient = responsivenessOptions(methodology, 3);
    expect(computeResponsiveness({ ...BASE, referralCohort: 3, referredOnTime: 3 }, lenient).insufficientData).toBe(false);
    expect(
      computeResponsiveness({ ...BASE, referralCohort: 3, referredOnTime: 3 }, responsivenessOptions(methodology, 0)).insufficientData,
    ).toBe(false);
  });
});

describe('computeResponsiveness colour boundaries (sect. 3 thresholds on index / 100)', () => {
  const only = (onTime: number, dueCohort: number, referredOnTime: number, referralCohort: number) =>
    computeResponsiveness({ ...BASE, dueCohort, onTime, extended: 0, referralCohort, referredOnTime });

  it('exactly 75 is yellow, even through the float noise of 0.7 * 0.75 + 0.3 * 0.75', () => {
    const r = only(30, 40, 15, 20);
    expect(r.index).toBeCloseTo(75, 10);
    expect(r.colour).toBe('yellow');
  });

  it('exactly 50 is red, just above is yellow; just above 75 is green', () => {
    expect(only(20, 40, 10, 20).colour).toBe('red');
    expect(only(21, 40, 10, 20).colour).toBe('yellow');
    expect(only(31, 40, 15, 20).colour).toBe('green');
  });
});

describe('computeResponsiveness validation', () => {
  it('rejects parts larger than their cohort', () => {
    expect(inputErrors({ ...BASE, onTime: 41, referredOnTime: 26, satisfiedCount: 11, extended: 41 })).toEqual([
      'onTime: cannot exceed dueCohort',
      'referredOnTime: cannot exceed referralCohort',
      'satisfiedCount: cannot exceed feedbackCount',
      'extended: cannot exceed dueCohort',
    ]);
  });

  it('rejects negative or fractional counts and bad working days', () => {
    expect(inputErrors({ ...BASE, dueCohort: -1, openOverdue: 1.5, answeredWorkingDays: [1, -2] })).toEqual([
      'dueCohort: must be a non-negative integer',
      'openOverdue: must be a non-negative integer',
      'answeredWorkingDays: must be an array of non-negative numbers',
    ]);
  });

  it('rejects an inconsistent precomputed median / p90', () => {
    const { answeredWorkingDays: _days, ...rest } = BASE as ResponsivenessCounts & { answeredWorkingDays: number[] };
    expect(inputErrors({ ...rest, medianWorkingDaysToAnswer: 10, p90WorkingDaysToAnswer: 5 })).toEqual([
      'p90WorkingDaysToAnswer: cannot be below the median',
    ]);
    expect(inputErrors({ ...rest, medianWorkingDaysToAnswer: 10, p90WorkingDaysToAnswer: null })).toEqual([
      'p90WorkingDaysToAnswer: median and p90 are both null or both numbers',
    ]);
  });

  it('rejects bad options', () => {
    expect(inputErrors(BASE, { ...DEFAULT_RESPONSIVENESS_OPTIONS, minCohort: -5, weights: { review: 0, referral: 1 } })).toEqual([
      'minCohort: must be a non-negative integer',
      'weights: review and referral weights must be positive numbers',
    ]);
  });
});

describe('percentile (nearest rank)', () => {
  const values = [1, 3, 4, 5, 7, 8, 9, 10, 12, 15];

  it.each([
    [0, 1],
    [10, 1],
    [11, 3],
    [50, 7],
    [90, 12],
    [91, 15],
    [100, 15],
  ])('p%p of 1..15 -> %p', (p, expected) => {
    expect(percentile(values, p)).toBe(expected);
  });

  it('median of an even count is the lower middle value; of an odd count the middle', () => {
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
    expect(percentile([1, 2, 3], 50)).toBe(2);
    expect(percentile([5], 90)).toBe(5);
  });

  it('returns null for no values and rejects bad input', () => {
    expect(percentile([], 50)).toBeNull();
    expect(() => percentile([3, 1], 50)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
    expect(() => percentile([1], -1)).toThrow(RangeError);
  });

  it('property: the result is a value with at least p % of values at or below it', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 200 }),
        fc.integer({ min: 0, max: 100 }),
        (raw, p) => {
          const sorted = [...raw].sort((a, b) => a - b);
          const v = percentile(sorted, p) as number;
          expect(sorted).toContain(v);
          expect(sorted.filter((x) => x <= v).length * 100).toBeGreaterThanOrEqual(p * sorted.length);
          // nearest rank = the smallest such value
          expect(sorted.filter((x) => x < v).length * 100).toBeLessThan(Math.max(1, p * sorted.length));
        },
      ),
    );
  });
});

describe('wilsonInterval (95 % Wilson score)', () => {
  it.each([
    [8, 10, 0.4902, 0.9433],
    [0, 10, 0, 0.2775],
    [10, 10, 0.7225, 1],
    [50, 100, 0.4038, 0.5962],
    [1, 1, 0.2065, 1],
  ])('%p / %p -> %p..%p', (s, n, low, high) => {
    const ci = wilsonInterval(s, n);
    expect(ci.low).toBeCloseTo(low, 4);
    expect(ci.high).toBeCloseTo(high, 4);
  });

  it('n = 0 gives the whole range', () => {
    expect(wilsonInterval(0, 0)).toEqual({ low: 0, high: 1 });
  });

  it('a larger z widens the interval', () => {
    const ci95 = wilsonInterval(8, 10);
    const ci99 = wilsonInterval(8, 10, 2.576);
    expect(ci99.low).toBeLessThan(ci95.low);
    expect(ci99.high).toBeGreaterThan(ci95.high);
  });

  it('rejects bad input', () => {
    expect(() => wilsonInterval(11, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(1.5, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(1, 10, 0)).toThrow(RangeError);
  });

  it('property: 0 <= low <= p <= high <= 1', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }).chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n))),
        ([s, n]) => {
          const { low, high } = wilsonInterval(s, n);
          const p = s / n;
          expect(low).toBeGreaterThanOrEqual(0);
          expect(low).toBeLessThanOrEqual(p);
          expect(high).toBeGreaterThanOrEqual(p);
          expect(high).toBeLessThanOrEqual(1);
        },
      ),
    );
  });
});

describe('computeResponsiveness properties', () => {
  const countsArb = fc
    .record({
      dueCohort: fc.integer({ min: 0, max: 500 }),
      referralCohort: fc.integer({ min: 0, max: 500 }),
      a: fc.double({ min: 0, max: 1, noNaN: true }),
      b: fc.double({ min: 0, max: 1, noNaN: true }),
      minCohort: fc.integer({ min: 0, max: 50 }),
    })
    .map(({ dueCohort, referralCohort, a, b, minCohort }) => ({
      counts: {
        dueCohort,
        onTime: Math.floor(a * dueCohort),
        referralCohort,
        referredOnTime: Math.floor(b * referralCohort),
        answeredWorkingDays: [],
        extended: 0,
        openOverdue: 0,
        feedbackCount: 0,
        satisfiedCount: 0,
      } satisfies ResponsivenessCounts,
      minCohort,
    }));

  it('index is null exactly when both cohorts are empty or one entering is too small, else within 0..100 and between the component rates', () => {
    fc.assert(
      fc.property(countsArb, ({ counts, minCohort }) => {
        const r = computeResponsiveness(counts, { ...DEFAULT_RESPONSIVENESS_OPTIONS, minCohort });
        const rates = [r.onTimeReviewRate, r.onTimeReferralRate].filter((x): x is number => x !== null);
        const used = [counts.dueCohort, counts.referralCohort].filter((c) => c > 0);
        if (rates.length === 0 || used.some((c) => c < minCohort)) {
          expect(r.index).toBeNull();
          expect(r.colour).toBeNull();
          expect(r.insufficientData).toBe(true);
          return;
        }
        const index = r.index as number;
        expect(index).toBeGreaterThanOrEqual(0);
        expect(index).toBeLessThanOrEqual(100);
        expect(index).toBeGreaterThanOrEqual(Math.min(...rates) * 100 - 1e-9);
        expect(index).toBeLessThanOrEqual(Math.max(...rates) * 100 + 1e-9);
        expect(r.colour).not.toBeNull();
        expect(r.insufficientData).toBe(false);
      }),
    );
  });
});
