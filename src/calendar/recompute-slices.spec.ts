import { WorkingDayCalendar } from './domain';
import { changedDates, idSlices } from './calendar.service';

describe('recomputation slices', () => {
  it('cover the whole uuid space in contiguous, ordered slices', () => {
    const slices = idSlices(64);
    expect(slices).toHaveLength(64);
    expect(slices[0].first).toBe('00000000-0000-0000-0000-000000000000');
    expect(slices[63].last).toBe('ffffffff-ffff-ffff-ffff-ffffffffffff');
    for (let i = 1; i < slices.length; i++) {
      const previousEnd = parseInt(slices[i - 1].last.slice(0, 8), 16);
      expect(parseInt(slices[i].first.slice(0, 8), 16)).toBe(previousEnd + 1);
    }
  });
});

describe('changedDates', () => {
  const base = WorkingDayCalendar.build([]);
  const year = base.yearOf(2030);

  it('finds the first and last day whose working status changed', () => {
    const after = WorkingDayCalendar.build([
      { ...year, nonWorkingDays: [...year.nonWorkingDays, { date: '2030-04-10', reason: 'x' }, { date: '2030-09-04', reason: 'y' }] },
    ]);
    expect(changedDates(base, after, 2030, false)).toEqual({ from: '2030-04-10', to: '2030-09-04' });
  });

  it('is null when nothing changed, and the whole year when only the status changed', () => {
    const same = WorkingDayCalendar.build([year]);
    expect(changedDates(base, same, 2030, false)).toBeNull();
    expect(changedDates(base, same, 2030, true)).toEqual({ from: '2030-01-01', to: '2030-12-31' });
  });
});
