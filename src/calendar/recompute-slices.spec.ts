import { FixedClock } from '../platform/clock/clock';
import { AppConfig } from '../platform/config/app-config';
import { Db } from '../platform/database/db';
import { CalendarRepository } from './calendar.repository';
import { CalendarService, changedDates, idSlices } from './calendar.service';
import { AppealIdRange, DeadlineRecomputation } from './deadline-recomputation.port';
import { WorkingDayCalendar } from './domain';

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

describe('the recomputation through the appeals port', () => {
  const input = {
    from: '2030-04-10',
    to: '2030-04-10',
    provisionalYears: [],
    calendarVersion: 7,
    actorId: null,
    at: new Date('2030-01-01T00:00:00Z'),
    year: 2030,
  };

  function serviceWith(marked: Array<[number, number]>): CalendarService {
    const repository = { markRecomputed: (version: number, moved: number) => Promise.resolve(void marked.push([version, moved])) };
    return new CalendarService(repository as unknown as CalendarRepository, {} as Db, new FixedClock(input.at), {} as AppConfig);
  }

  it('hands every slice to the port once, two at a time, and records the moved total with the change', async () => {
    const marked: Array<[number, number]> = [];
    const service = serviceWith(marked);
    const seen: AppealIdRange[] = [];
    let running = 0;
    let most = 0;
    const port: DeadlineRecomputation = {
      recomputeSlice: async (given, range) => {
        expect(given).toBe(input);
        seen.push(range);
        most = Math.max(most, ++running);
        // Slices finish out of order: the total must still count each one.
        await new Promise((resolve) => setTimeout(resolve, seen.length % 3));
        running--;
        return 2;
      },
    };
    service.bindDeadlineRecomputation(port);
    await expect(service.recompute(input)).resolves.toBe(128);
    expect(seen).toEqual(idSlices(64));
    expect(most).toBe(2);
    expect(marked).toEqual([[7, 128]]);
  });

  it('refuses a recomputation when no appeals module bound the port, recording nothing', async () => {
    const marked: Array<[number, number]> = [];
    await expect(serviceWith(marked).recompute(input)).rejects.toThrow('no deadline recomputation bound');
    expect(marked).toEqual([]);
  });
});
