import { APPEAL_TYPES, AppealType, Channel, CHANNELS } from '../../appeals/domain/appeal-types';
import { rate } from './responsiveness';

/*
 * appeals-rules.md 18: agencies periodically analyse and report on appeals: counts by type,
 * channel and outcome, per month, with on-time rates. Pure arithmetic; the counts come from SQL.
 */

/** A report spans at most three years of months: enough for year-on-year comparison, bounded work. */
export const MAX_STATISTICS_MONTHS = 36;

export const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

export const OUTCOMES = ['answered', 'referred', 'leftWithoutConsideration', 'open'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** One month, agency, type and channel as SQL counts it. */
export interface CountRow {
  readonly month: string;
  readonly agencyId: string;
  readonly type: string;
  readonly channel: string;
  readonly received: number;
  readonly answered: number;
  readonly referred: number;
  readonly leftWithoutConsideration: number;
  readonly open: number;
}

/** One month and agency of the responsiveness figures (methodology sect. 5, the league table's own query). */
export interface OnTimeRow {
  readonly month: string;
  readonly agencyId: string;
  /** Due cohort: closed, or open past the deadline. */
  readonly reviewCohort: number;
  readonly reviewedOnTime: number;
  /** Referrals and copies sent (Art. 7.10). */
  readonly referralCohort: number;
  readonly referredOnTime: number;
}

export interface Breakdown {
  readonly received: number;
  readonly byType: Record<AppealType, number>;
  readonly byChannel: Record<Channel, number>;
  readonly byOutcome: Record<Outcome, number>;
  readonly reviewCohort: number;
  readonly reviewedOnTime: number;
  /** Share of the due cohort closed on or before the deadline; null for an empty cohort. */
  readonly onTimeReviewRate: number | null;
  readonly referralCohort: number;
  readonly referredOnTime: number;
  /** Share of referrals sent within Art. 7.10's 3 working days; null for none. */
  readonly onTimeReferralRate: number | null;
}

export interface MonthAgencyStatistics extends Breakdown {
  readonly month: string;
  readonly agencyId: string;
}

/** Every month from `from` to `to` (YYYY-MM), or why not: a bad month, a reversed or too long range. */
export function monthRange(from: string, to: string): { months: string[] } | { error: string; field: 'from' | 'to' } {
  const a = MONTH_PATTERN.exec(from);
  if (!a) return { error: 'from must be a month written YYYY-MM.', field: 'from' };
  const b = MONTH_PATTERN.exec(to);
  if (!b) return { error: 'to must be a month written YYYY-MM.', field: 'to' };
  const start = Number(a[1]) * 12 + Number(a[2]) - 1;
  const end = Number(b[1]) * 12 + Number(b[2]) - 1;
  if (end < start) return { error: 'to must not be before from.', field: 'to' };
  if (end - start + 1 > MAX_STATISTICS_MONTHS) return { error: `A report may span at most ${MAX_STATISTICS_MONTHS} months.`, field: 'to' };
  return { months: Array.from({ length: end - start + 1 }, (_, i) => monthOf(start + i)) };
}

/** The first and last day (YYYY-MM-DD) of a month. */
export function monthBounds(month: string): { first: string; last: string } {
  const [year, m] = month.split('-').map(Number);
  const days = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return { first: `${month}-01`, last: `${month}-${String(days).padStart(2, '0')}` };
}

function monthOf(index: number): string {
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

function zeroes<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}

function empty(): Mutable {
  return {
    received: 0,
    byType: zeroes(APPEAL_TYPES),
    byChannel: zeroes(CHANNELS),
    byOutcome: zeroes(OUTCOMES),
    reviewCohort: 0,
    reviewedOnTime: 0,
    referralCohort: 0,
    referredOnTime: 0,
  };
}

type Mutable = {
  received: number;
  byType: Record<AppealType, number>;
  byChannel: Record<Channel, number>;
  byOutcome: Record<Outcome, number>;
  reviewCohort: number;
  reviewedOnTime: number;
  referralCohort: number;
  referredOnTime: number;
};

function addCounts(into: Mutable, row: CountRow): void {
  into.received += row.received;
  if (row.type in into.byType) into.byType[row.type as AppealType] += row.received;
  if (row.channel in into.byChannel) into.byChannel[row.channel as Channel] += row.received;
  for (const outcome of OUTCOMES) into.byOutcome[outcome] += row[outcome];
}

function addOnTime(into: Mutable, row: Omit<OnTimeRow, 'month' | 'agencyId'>): void {
  into.reviewCohort += row.reviewCohort;
  into.reviewedOnTime += row.reviewedOnTime;
  into.referralCohort += row.referralCohort;
  into.referredOnTime += row.referredOnTime;
}

function finish(m: Mutable): Breakdown {
  return { ...m, onTimeReviewRate: rate(m.reviewedOnTime, m.reviewCohort), onTimeReferralRate: rate(m.referredOnTime, m.referralCohort) };
}

/**
 * One row per month and agency with anything to report (appeals received, or a due or referral
 * cohort), months in order, then agencies in the order given; and the totals over all of them.
 * The rates of the totals are computed from the summed counts, never averaged from the rows.
 */
export function assembleStatistics(
  months: readonly string[],
  agencyOrder: readonly string[],
  counts: readonly CountRow[],
  onTime: readonly OnTimeRow[],
): { items: MonthAgencyStatistics[]; totals: Breakdown } {
  const cells = new Map<string, Mutable>();
  const cell = (month: string, agencyId: string): Mutable => {
    const key = `${month}|${agencyId}`;
    let found = cells.get(key);
    if (!found) cells.set(key, (found = empty()));
    return found;
  };
  const total = empty();
  for (const row of counts) {
    addCounts(cell(row.month, row.agencyId), row);
    addCounts(total, row);
  }
  for (const row of onTime) {
    if (row.reviewCohort === 0 && row.referralCohort === 0) continue;
    addOnTime(cell(row.month, row.agencyId), row);
    addOnTime(total, row);
  }
  const rank = new Map(agencyOrder.map((id, i) => [id, i]));
  const items: MonthAgencyStatistics[] = [];
  for (const month of months) {
    const here = [...cells.entries()]
      .filter(([key]) => key.startsWith(`${month}|`))
      .map(([key, m]) => ({ agencyId: key.slice(month.length + 1), m }))
      .sort((x, y) => (rank.get(x.agencyId) ?? Infinity) - (rank.get(y.agencyId) ?? Infinity) || x.agencyId.localeCompare(y.agencyId));
    for (const { agencyId, m } of here) items.push({ month, agencyId, ...finish(m) });
  }
  return { items, totals: finish(total) };
}
