import { formatDate, formatDateTime, formatMonth } from './dates';
import { translator } from './translator';

describe('translator', () => {
  it('reads a key in each language', () => {
    expect(translator('az').t('status.answered')).toBe('Cavablandırılıb');
    expect(translator('ru').t('status.answered')).toBe('Дан ответ');
    expect(translator('en').t('status.answered')).toBe('Answered');
  });

  it('picks the plural form by the language rules', () => {
    expect(translator('en').plural('units.restDays', 1)).toBe('1 rest day');
    expect(translator('en').plural('units.restDays', 8)).toBe('8 rest days');
    expect(translator('ru').plural('units.restDays', 1)).toBe('1 выходной день');
    expect(translator('ru').plural('units.restDays', 3)).toBe('3 выходных дня');
    expect(translator('ru').plural('units.restDays', 8)).toBe('8 выходных дней');
    expect(translator('az').plural('units.restDays', 8)).toBe('8 istirahət günü');
  });
});

describe('dates as people write them, in Baku time', () => {
  it('writes a calendar date in each language without shifting the day', () => {
    expect(formatDate('az', '2026-12-02')).toBe('2 dekabr 2026');
    expect(formatDate('ru', '2026-12-02')).toBe('2 декабря 2026 г.');
    expect(formatDate('en', '2026-12-02')).toBe('2 December 2026');
  });

  it('reads an instant on the Baku clock (UTC+4): 21:30Z is already the next day there', () => {
    expect(formatDate('en', '2026-12-02T21:30:00.000Z')).toBe('3 December 2026');
    expect(formatDateTime('az', new Date('2026-12-02T12:08:00.000Z'))).toBe('2 dekabr 2026, 16:08');
  });

  it('names a month standalone', () => {
    expect(formatMonth('ru', '2026-12-01')).toBe('декабрь 2026');
    expect(formatMonth('az', '2026-12-01')).toBe('dekabr 2026');
  });
});
