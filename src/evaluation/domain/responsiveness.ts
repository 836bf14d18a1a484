import {
  Colour,
  ColourThresholds,
  DEFAULT_COLOUR_THRESHOLDS,
  EvaluationInputError,
  FieldError,
  Methodology,
  ResponsivenessWeights,
  colourFor,
} from './methodology';

/** Already-aggregated figures of one agency for one period (methodology sect. 5). */
interface ResponsivenessCountsBase {
  /** Appeals whose (extended) review deadline falls in the period and whose outcome is known. */
  readonly dueCohort: number;
  /** Of the due cohort, closed (answered or left without consideration) on or before the deadline. */
  readonly onTime: number;
  /** Appeals referred to another agency with the referral made in the period. */
  readonly referralCohort: number;
  /** Of them, referred within 3 working days of registration (Art. 7.10). */
  readonly referredOnTime: number;
  /** Of the due cohort, appeals whose review term was extended. */
  readonly extended: number;
  /** Open appeals past their deadline at the period end. */
  readonly openOverdue: number;
  /** Answered appeals that got citizen feedback. */
  readonly feedbackCount: number;
  /** Of them, feedback "satisfied". */
  readonly satisfiedCount: number;
}

/** Working days from registration to answer: the raw values, or median and p90 computed elsewhere (e.g. in SQL). */
export type ResponsivenessCounts = ResponsivenessCountsBase &
  (
    | { readonly answeredWorkingDays: readonly number[] }
    | { readonly medianWorkingDaysToAnswer: number | null; readonly p90WorkingDaysToAnswer: number | null }
  );

export interface ResponsivenessOptions {
  readonly minCohort: number;
  readonly weights: ResponsivenessWeights;
  readonly colourThresholds: ColourThresholds;
}

/** Same values as config/methodology/v1.json (a spec keeps them in step). */
export const DEFAULT_RESPONSIVENESS_OPTIONS: ResponsivenessOptions = {
  minCohort: 20,
  weights: { review: 0.7, referral: 0.3 },
  colourThresholds: DEFAULT_COLOUR_THRESHOLDS,
};

/** The API.md `responsiveness` object. Rates are fractions 0..1, null when their cohort is empty. */
export interface Responsiveness {
  readonly dueCohort: number;
  readonly onTime: number;
  readonly onTimeReviewRate: number | null;
  readonly referralCohort: number;
  readonly onTimeReferralRate: number | null;
  readonly medianWorkingDaysToAnswer: number | null;
  readonly p90WorkingDaysToAnswer: number | null;
  readonly extensionRate: number | null;
  readonly openOverdue: number;
  readonly satisfactionRate: number | null;
  /** 0..100, unrounded; null when neither cohort has data, or the data is insufficient. */
  readonly index: number | null;
  readonly colour: Colour | null;
  /** When true there is no index and no colour (shown grey, never ranked); see computeResponsiveness. */
  readonly insufficientData: boolean;
}

/** Options from the methodology file; `minCohort` overrides it (the API's `?minCohort=`). */
export function responsivenessOptions(methodology: Methodology, minCohort?: number): ResponsivenessOptions {
  return {
    minCohort: minCohort ?? methodology.responsiveness.minCohort,
    weights: methodology.responsiveness.weights,
    colourThresholds: methodology.colourThresholds,
  };
}

/**
 * Nearest-rank percentile: the smallest value such that at least p % of the values are <= it,
 * i.e. sortedValues[ceil(p / 100 * n) - 1] (p = 0 gives the minimum). Always an observed value,
 * which suits whole working days; the median (p = 50) of an even count is the lower middle value.
 * Returns null for no values. Throws RangeError when p is outside 0..100 or the input is unsorted.
 */
export function percentile(sortedValues: readonly number[], p: number): number | null {
  if (!Number.isFinite(p) || p < 0 || p > 100) throw new RangeError(`percentile p must be within 0..100, got ${p}`);
  const n = sortedValues.length;
  for (let i = 1; i < n; i++) {
    if (!(sortedValues[i - 1] <= sortedValues[i])) throw new RangeError('percentile expects values sorted ascending');
  }
  if (n === 0) return null;
  // p * n before dividing keeps ceil exact for integer p (0.9 * 10 style products can drift).
  const rank = Math.max(1, Math.ceil((p * n) / 100));
  return sortedValues[rank - 1];
}

/**
 * Wilson score interval for a binomial proportion (z = 1.96 -> 95 %). Unlike the normal
 * approximation it stays inside 0..1 and is usable for small cohorts (8 / 10 -> 0.490..0.943).
 * n = 0 carries no information: the whole range { low: 0, high: 1 }.
 */
export function wilsonInterval(successes: number, n: number, z = 1.96): { low: number; high: number } {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
  if (!Number.isInteger(successes) || successes < 0 || successes > n) {
    throw new RangeError(`successes must be an integer within 0..n, got ${successes}`);
  }
  if (!Number.isFinite(z) || z <= 0) throw new RangeError(`z must be a positive number, got ${z}`);
  if (n === 0) return { low: 0, high: 1 };
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  // At p = 0 or 1 the bound is exactly 0 or 1 in theory; pin it so float noise cannot exclude p.
  return {
    low: successes === 0 ? 0 : Math.max(0, centre - half),
    high: successes === n ? 1 : Math.min(1, centre + half),
  };
}

/** A share of a cohort; no figure (null, not 0) for an empty cohort (sect. 5). */
export function rate(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

function validate(counts: ResponsivenessCounts, options: ResponsivenessOptions): FieldError[] {
  const fields: FieldError[] = [];
  const integer = (value: unknown, field: string): boolean => {
    const ok = typeof value === 'number' && Number.isInteger(value) && value >= 0;
    if (!ok) fields.push({ field, message: 'must be a non-negative integer' });
    return ok;
  };
  const part = (partField: keyof ResponsivenessCountsBase, wholeField: keyof ResponsivenessCountsBase): void => {
    if (integer(counts[partField], partField) && integer(counts[wholeField], wholeField)) {
      if (counts[partField] > counts[wholeField]) {
        fields.push({ field: partField, message: `cannot exceed ${wholeField}` });
      }
    }
  };
  part('onTime', 'dueCohort');
  part('referredOnTime', 'referralCohort');
  part('satisfiedCount', 'feedbackCount');
  const dueValid = Number.isInteger(counts.dueCohort) && counts.dueCohort >= 0;
  if (integer(counts.extended, 'extended') && dueValid && counts.extended > counts.dueCohort) {
    fields.push({ field: 'extended', message: 'cannot exceed dueCohort' });
  }
  integer(counts.openOverdue, 'openOverdue');
  const days = (value: unknown): boolean => typeof value === 'number' && Number.isFinite(value) && value >= 0;
  if ('answeredWorkingDays' in counts) {
    if (!Array.isArray(counts.answeredWorkingDays) || !counts.answeredWorkingDays.every(days)) {
      fields.push({ field: 'answeredWorkingDays', message: 'must be an array of non-negative numbers' });
    }
  } else {
    const { medianWorkingDaysToAnswer: median, p90WorkingDaysToAnswer: p90 } = counts;
    if (median !== null && !days(median)) {
      fields.push({ field: 'medianWorkingDaysToAnswer', message: 'must be a non-negative number or null' });
    }
    if (p90 !== null && !days(p90)) {
      fields.push({ field: 'p90WorkingDaysToAnswer', message: 'must be a non-negative number or null' });
    }
    if ((median === null) !== (p90 === null)) {
      fields.push({ field: 'p90WorkingDaysToAnswer', message: 'median and p90 are both null or both numbers' });
    } else if (median !== null && p90 !== null && p90 < median) {
      fields.push({ field: 'p90WorkingDaysToAnswer', message: 'cannot be below the median' });
    }
  }
  if (!Number.isInteger(options.minCohort) || options.minCohort < 0) {
    fields.push({ field: 'minCohort', message: 'must be a non-negative integer' });
  }
  const { review, referral } = options.weights;
  if (!(Number.isFinite(review) && review > 0 && Number.isFinite(referral) && referral > 0)) {
    fields.push({ field: 'weights', message: 'review and referral weights must be positive numbers' });
  }
  return fields;
}

/**
 * Responsiveness of one agency for one period (methodology sect. 5).
 * - index = 100 * weighted mean of the on-time review rate (0.7) and on-time referral rate (0.3);
 *   a component whose cohort is empty is left out and the remaining weight renormalised to 1;
 *   both empty -> index null (no data is not 0 %).
 * - colour: the sect. 3 traffic light on index / 100 (> 75 green, > 50 yellow, else red); null
 *   with the index.
 * - insufficientData (the exact rule): true when neither cohort has data, or when any cohort that
 *   entered the index (a non-empty one) has fewer appeals than minCohort. Sect. 5: such a row has
 *   no index and no colour ("insufficient data", shown grey, not ranked): never a red light on a
 *   handful of cases. Only entering cohorts count: an empty referral cohort does not make a large
 *   due cohort insufficient.
 * - extensionRate = extended / dueCohort; satisfactionRate = satisfied / feedback (null without feedback).
 * - median and p90 use the nearest-rank `percentile`.
 */
export function computeResponsiveness(
  counts: ResponsivenessCounts,
  options: ResponsivenessOptions = DEFAULT_RESPONSIVENESS_OPTIONS,
): Responsiveness {
  const fields = validate(counts, options);
  if (fields.length > 0) throw new EvaluationInputError(fields);

  let median: number | null;
  let p90: number | null;
  if ('answeredWorkingDays' in counts) {
    const sorted = [...counts.answeredWorkingDays].sort((a, b) => a - b);
    median = percentile(sorted, 50);
    p90 = percentile(sorted, 90);
  } else {
    median = counts.medianWorkingDaysToAnswer;
    p90 = counts.p90WorkingDaysToAnswer;
  }

  const onTimeReviewRate = rate(counts.onTime, counts.dueCohort);
  const onTimeReferralRate = rate(counts.referredOnTime, counts.referralCohort);
  const components = [
    { rate: onTimeReviewRate, weight: options.weights.review, cohort: counts.dueCohort },
    { rate: onTimeReferralRate, weight: options.weights.referral, cohort: counts.referralCohort },
  ].filter((c): c is { rate: number; weight: number; cohort: number } => c.rate !== null);

  let fraction: number | null = null;
  if (components.length > 0) {
    const weightTotal = components.reduce((sum, c) => sum + c.weight, 0);
    const weighted = components.reduce((sum, c) => sum + c.weight * c.rate, 0) / weightTotal;
    // A weighted mean of fractions is a fraction; clamp only the last-bit float drift.
    fraction = Math.min(1, Math.max(0, weighted));
  }
  const insufficientData = fraction === null || components.some((c) => c.cohort < options.minCohort);

  return {
    dueCohort: counts.dueCohort,
    onTime: counts.onTime,
    onTimeReviewRate,
    referralCohort: counts.referralCohort,
    onTimeReferralRate,
    medianWorkingDaysToAnswer: median,
    p90WorkingDaysToAnswer: p90,
    extensionRate: rate(counts.extended, counts.dueCohort),
    openOverdue: counts.openOverdue,
    satisfactionRate: rate(counts.satisfiedCount, counts.feedbackCount),
    index: fraction === null || insufficientData ? null : fraction * 100,
    colour: fraction === null || insufficientData ? null : colourFor(fraction, options.colourThresholds),
    insufficientData,
  };
}
