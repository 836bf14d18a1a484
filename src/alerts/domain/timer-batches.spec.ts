import { batchClaimedTimers, ClaimedTimer, digestDayDue } from './timer-batches';

const at = (iso: string) => new Date(iso);
const timer = (id: number, fireAt: string, generation = 1, claims = 1): ClaimedTimer => ({
  id: String(id),
  generation,
  claims,
  fireAt: at(fireAt),
});

describe('batchClaimedTimers', () => {
  const now = at('2026-05-22T23:59:00+04:00').getTime();

  it('puts timers that fire in the same second into one job, delayed until that second', () => {
    const batches = batchClaimedTimers(
      [timer(3, '2026-05-23T00:00:00+04:00'), timer(1, '2026-05-23T00:00:00.400+04:00'), timer(2, '2026-05-22T23:59:30+04:00')],
      now,
      500,
    );
    expect(batches).toEqual([
      { first: timer(2, '2026-05-22T23:59:30+04:00'), timers: [['2', 1]], delayMs: 30_000 },
      {
        first: timer(1, '2026-05-23T00:00:00.400+04:00'),
        timers: [
          ['1', 1],
          ['3', 1],
        ],
        delayMs: 60_400,
      },
    ]);
  });

  it('splits a burst into jobs of at most batchMax timers, each timer exactly once', () => {
    const burst = Array.from({ length: 1_234 }, (_, i) => timer(i + 1, '2026-05-23T00:00:00+04:00', 2));
    const batches = batchClaimedTimers(burst, now, 500);
    expect(batches.map((b) => b.timers.length)).toEqual([500, 500, 234]);
    const ids = batches.flatMap((b) => b.timers.map(([id]) => id));
    expect(new Set(ids).size).toBe(1_234);
    expect(batches.every((b) => b.timers.every(([, generation]) => generation === 2))).toBe(true);
  });

  it('never delays into the past: a late timer fires at once', () => {
    expect(batchClaimedTimers([timer(7, '2026-05-01T09:00:00+04:00')], now, 10)[0].delayMs).toBe(0);
  });

  it('has nothing to do for nothing claimed, and refuses a senseless batch size', () => {
    expect(batchClaimedTimers([], now, 10)).toEqual([]);
    expect(() => batchClaimedTimers([], now, 0)).toThrow(RangeError);
  });
});

describe('digestDayDue', () => {
  const workingDays = new Set(['2026-05-22', '2026-05-25']);
  const isWorkingDay = (d: string) => workingDays.has(d);

  it('is due from 09:00 Baku on a working day, once', () => {
    expect(digestDayDue('2026-05-22', '08:59', isWorkingDay, null)).toBeNull();
    expect(digestDayDue('2026-05-22', '09:00', isWorkingDay, null)).toBe('2026-05-22');
    expect(digestDayDue('2026-05-22', '15:30', isWorkingDay, '2026-05-21')).toBe('2026-05-22');
    expect(digestDayDue('2026-05-22', '09:01', isWorkingDay, '2026-05-22')).toBeNull();
  });

  it('is never due on a non-working day', () => {
    expect(digestDayDue('2026-05-23', '09:00', isWorkingDay, '2026-05-22')).toBeNull();
  });
});
