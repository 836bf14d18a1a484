import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCalendarYearsFromDir } from './calendar-files';

describe('loadCalendarYearsFromDir', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'calendar-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('loads the shipped years', () => {
    const years = loadCalendarYearsFromDir(join(__dirname, '../../../config/calendar'));
    expect(years.map((y) => [y.year, y.status, y.nonWorkingDays.length, y.workingWeekendDays.length])).toEqual([
      [2025, 'official', 22, 0],
      [2026, 'official', 20, 0],
      [2027, 'provisional', 20, 0],
    ]);
    expect(years[1].decisionRef).toBe('Cabinet Decision No. 362 of 2 Dec 2025');
    expect(years[2].decisionRef).toBeNull();
  });

  it('ignores files that are not YYYY.json', () => {
    writeFileSync(join(dir, 'README.md'), '# notes');
    writeFileSync(join(dir, '2030-draft.json'), '{');
    expect(loadCalendarYearsFromDir(dir)).toEqual([]);
  });

  it('names the file that is invalid', () => {
    const body = {
      year: 2030,
      status: 'official',
      decisionRef: null,
      nonWorkingDays: [{ date: '2030-01-05', reason: 'x' }],
      workingWeekendDays: [],
    };
    writeFileSync(join(dir, '2030.json'), JSON.stringify(body));
    expect(() => loadCalendarYearsFromDir(dir)).toThrow(
      `Calendar file ${join(dir, '2030.json')} is invalid: nonWorkingDays[0].date: 2030-01-05 is a Saturday or Sunday`,
    );
  });

  it('names the file whose year does not match its name', () => {
    writeFileSync(
      join(dir, '2031.json'),
      JSON.stringify({ year: 2030, status: 'provisional', decisionRef: null, nonWorkingDays: [], workingWeekendDays: [] }),
    );
    expect(() => loadCalendarYearsFromDir(dir)).toThrow(/2031\.json is invalid: year: year must be 2031/);
  });

  it('names the file that is not JSON', () => {
    writeFileSync(join(dir, '2030.json'), '{ nope');
    expect(() => loadCalendarYearsFromDir(dir)).toThrow(/2030\.json is not readable JSON/);
  });
});
