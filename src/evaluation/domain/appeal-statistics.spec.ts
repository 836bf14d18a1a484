import { assembleStatistics, CountRow, MAX_STATISTICS_MONTHS, monthBounds, monthRange } from './appeal-statistics';

const count = (month: string, agencyId: string, type: string, channel: string, outcome: Partial<CountRow> = {}): CountRow => ({
  month,
  agencyId,
  type,
  channel,
  received: 0,
  answered: 0,
  referred: 0,
  leftWithoutConsideration: 0,
  open: 0,
  ...outcome,
});

describe('appeal statistics (appeals-rules.md 18)', () => {
  it('lists the months of a range across a year end, and refuses bad, reversed or too long ranges', () => {
    expect(monthRange('2025-11', '2026-02')).toEqual({ months: ['2025-11', '2025-12', '2026-01', '2026-02'] });
    expect(monthRange('2026-13', '2026-12')).toEqual({ error: 'from must be a month written YYYY-MM.', field: 'from' });
    expect(monthRange('2026-01', '2026-1')).toMatchObject({ field: 'to' });
    expect(monthRange('2026-03', '2026-02')).toEqual({ error: 'to must not be before from.', field: 'to' });
    expect(monthRange('2024-01', '2026-12')).toMatchObject({ months: expect.any(Array) });
    expect(monthRange('2023-12', '2026-12')).toEqual({ error: `A report may span at most ${MAX_STATISTICS_MONTHS} months.`, field: 'to' });
  });

  it('knows the last day of each month, leap years included', () => {
    expect(monthBounds('2026-02')).toEqual({ first: '2026-02-01', last: '2026-02-28' });
    expect(monthBounds('2028-02')).toEqual({ first: '2028-02-01', last: '2028-02-29' });
    expect(monthBounds('2026-12')).toEqual({ first: '2026-12-01', last: '2026-12-31' });
  });

  it('sums counts per month and agency, rates from the summed counts, empty cohorts without a rate', () => {
    const { items, totals } = assembleStatistics(
      ['2026-01', '2026-02'],
      ['B', 'A'],
      [
        count('2026-01', 'A', 'complaint', 'portal', { received: 3, answered: 2, open: 1 }),
        count('2026-01', 'A', 'proposal', 'post', { received: 1, referred: 1 }),
        count('2026-01', 'B', 'application', 'phone', { received: 2, leftWithoutConsideration: 2 }),
        count('2026-02', 'A', 'complaint', 'email', { received: 1, answered: 1 }),
      ],
      [
        { month: '2026-01', agencyId: 'A', reviewCohort: 4, reviewedOnTime: 3, referralCohort: 1, referredOnTime: 0 },
        { month: '2026-02', agencyId: 'A', reviewCohort: 0, reviewedOnTime: 0, referralCohort: 0, referredOnTime: 0 },
        { month: '2026-02', agencyId: 'C', reviewCohort: 0, reviewedOnTime: 0, referralCohort: 0, referredOnTime: 0 },
        { month: '2026-02', agencyId: 'B', reviewCohort: 1, reviewedOnTime: 1, referralCohort: 0, referredOnTime: 0 },
      ],
    );
    expect(items.map((i) => `${i.month} ${i.agencyId}`)).toEqual(['2026-01 B', '2026-01 A', '2026-02 B', '2026-02 A']);
    const janA = items[1];
    expect(janA).toMatchObject({
      received: 4,
      byType: { complaint: 3, proposal: 1, application: 0 },
      byChannel: { portal: 3, post: 1, phone: 0 },
      byOutcome: { answered: 2, referred: 1, leftWithoutConsideration: 0, open: 1 },
      onTimeReviewRate: 0.75,
      onTimeReferralRate: 0,
    });
    expect(items[2]).toMatchObject({ received: 0, reviewCohort: 1, onTimeReviewRate: 1, onTimeReferralRate: null });
    expect(items[3]).toMatchObject({ received: 1, onTimeReviewRate: null });
    expect(totals).toMatchObject({
      received: 7,
      reviewCohort: 5,
      reviewedOnTime: 4,
      onTimeReviewRate: 0.8,
      referralCohort: 1,
      onTimeReferralRate: 0,
    });
    expect(totals.byChannel.phone).toBe(2);
  });
});
