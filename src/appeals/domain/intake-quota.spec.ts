import { INTAKE_QUOTA_WINDOW_MS, intakeQuotaRetryAfterSeconds, intakeQuotaWindowStart } from './intake-quota';

const now = new Date('2026-06-02T10:00:00+04:00');
const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3600_000);

describe('intake quota', () => {
  it('counts the 24 hours before now', () => {
    expect(now.getTime() - intakeQuotaWindowStart(now).getTime()).toBe(INTAKE_QUOTA_WINDOW_MS);
  });

  it('lets a citizen with fewer appeals than the limit in the window submit', () => {
    expect(intakeQuotaRetryAfterSeconds(undefined, now)).toBeNull();
  });

  it('frees a place when the limit-th newest appeal leaves the window', () => {
    // E.g. 10 an hour ago and 10 twenty hours ago, limit 20: the 20th newest leaves in 4 hours.
    expect(intakeQuotaRetryAfterSeconds(hoursAgo(20), now)).toBe(4 * 3600);
    expect(intakeQuotaRetryAfterSeconds(hoursAgo(1), now)).toBe(23 * 3600);
    expect(intakeQuotaRetryAfterSeconds(now, now)).toBe(24 * 3600);
  });

  it('rounds up to whole seconds and never answers 0', () => {
    expect(intakeQuotaRetryAfterSeconds(new Date(now.getTime() - INTAKE_QUOTA_WINDOW_MS + 1), now)).toBe(1);
    expect(intakeQuotaRetryAfterSeconds(new Date(now.getTime() - INTAKE_QUOTA_WINDOW_MS + 1500), now)).toBe(2);
    expect(intakeQuotaRetryAfterSeconds(new Date(now.getTime() - INTAKE_QUOTA_WINDOW_MS), now)).toBe(1);
  });
});
