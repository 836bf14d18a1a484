import { closedBefore, scheduledRunDay } from './retention';

describe('retention rules', () => {
  it('counts the retention period in calendar years back from now', () => {
    expect(closedBefore(new Date('2031-06-15T10:00:00Z'), 5).toISOString()).toBe('2026-06-15T10:00:00.000Z');
  });

  it('takes 28 February for 29 February a year back', () => {
    expect(closedBefore(new Date('2028-02-29T12:00:00Z'), 1).toISOString()).toBe('2027-02-28T12:00:00.000Z');
  });

  it('runs once a Baku day, from 03:00', () => {
    expect(scheduledRunDay('2026-06-15', 2, null)).toBeNull();
    expect(scheduledRunDay('2026-06-15', 3, null)).toBe('2026-06-15');
    expect(scheduledRunDay('2026-06-15', 14, '2026-06-15')).toBeNull();
    expect(scheduledRunDay('2026-06-16', 3, '2026-06-15')).toBe('2026-06-16');
  });
});
