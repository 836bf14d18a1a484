import { INTAKE_QUOTA_WINDOW_MS, intakeQuotaRetryAfterSeconds, intakeQuotaWindowStart } from './intake-quota';

const now = new Date('2026-06-02T10:00:00+04:00');
const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3600_000);

describe('intake quota', () => {
  it('counts the 24 hours before now', () => {
    expect(now.getTime() - intakeQuotaWindowStart(now).getTime()).toBe(INTAKE_QUOTA_WINDOW_MS);
  });

  it('lets a citizen under the limit submit', () => {
    expect(intakeQuotaRetryAfterSeconds([], 20, now)).toBeNull();
    expect(intakeQuotaRetryAfterSeconds(Array.from({ length: 19 }, () => now), 20, now)).toBeNull();
  });

  it('frees a place when the limit-th newest appeal leaves the window', () => {
    // Newest first: 10 an hour ago, 10 twenty hours ago -> the 20th newest leaves in 4 hours.
    const recent = [...Array.from({ length: 10 }, () => hoursAgo(1)), ...Array.from({ length: 10 }, () => hoursAgo(20))];
    expect(intakeQuotaRetryAfterSeconds(recent, 20, now)).toBe(4 * 3600);
    expect(intakeQuotaRetryAfterSeconds(recent.slice(0, 10), 10, now)).toBe(23 * 3600);
  });

  it('rounds up to whole seconds and never answers 0', () => {
    expect(intakeQuotaRetryAfterSeconds([new Date(now.getTime() - INTAKE_QUOTA_WINDOW_MS + 1)], 1, now)).toBe(1);
    expect(intakeQuotaRetryAfterSeconds([new Date(now.getTime() - INTAKE_QUOTA_WINDOW_MS + 1500)], 1, now)).toBe(2);
    expect(intakeQuotaRetryAfterSeconds([new Date(now.getTime() - INTAKE_QUOTA_WINDOW_MS)], 1, now)).toBe(1);
  });

  it('answers from the limit-th newest when a lowered limit finds more in the window', () => {
    const recent = [hoursAgo(1), hoursAgo(2), hoursAgo(3)];
    expect(intakeQuotaRetryAfterSeconds(recent, 2, now)).toBe(22 * 3600);
  });
});
