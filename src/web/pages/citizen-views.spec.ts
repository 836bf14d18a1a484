import { AppealDetailDto } from '../../appeals/dto/appeal.dto';
import { Texts } from '../i18n';
import { calendarReason, deadlineLedger } from './deadline-ledger.view';
import { timelineSteps } from './timeline.view';

/** A case as the API gives it, only the fields the ledger and the timeline read. */
function appeal(over: Partial<AppealDetailDto> = {}): AppealDetailDto {
  return {
    status: 'registered',
    receivedOn: '2026-03-02',
    history: [{ seq: 1, type: 'registered', occurredAt: '2026-03-02T06:00:00.000Z' }],
    deadlines: {
      referral: { dueDate: '2026-03-05' },
      review: { dueDate: '2026-04-02', dueAt: '2026-04-02T19:59:59.999Z', workingDays: 15, workingDaysUsed: 0, workingDaysLeft: 15 },
      provisional: false,
      calendarVersion: 1,
    },
    ...over,
  } as AppealDetailDto;
}

describe('citizen case views', () => {
  it("reads a calendar reason in the page's language: English from the brackets, Azerbaijani otherwise (marked)", () => {
    const transfer = "8 mart (Qadınlar günü) istirahət günü əvəzinə, ƏM 105.5 (for the rest day of 8 Mar, Women's Day, Labour Code 105.5)";
    expect(calendarReason('az', transfer)).toEqual({ text: '8 mart (Qadınlar günü) istirahət günü əvəzinə, ƏM 105.5', lang: 'az' });
    expect(calendarReason('en', transfer)).toEqual({ text: "for the rest day of 8 Mar, Women's Day, Labour Code 105.5", lang: 'en' });
    expect(calendarReason('ru', 'Yeni il (New Year)')).toEqual({ text: 'Yeni il', lang: 'az' });
    // Written by an admin without the convention: shown whole.
    expect(calendarReason('en', 'Seçki günü')).toEqual({ text: 'Seçki günü', lang: 'az' });
    expect(calendarReason('en', '(only brackets)')).toEqual({ text: '(only brackets)', lang: 'az' });
  });

  it('the ledger counts the rest days in words, names the data days and a weekend day made working (Labour Code 105.7)', () => {
    const extras = {
      skippedDays: [
        { date: '2026-03-07', reason: null },
        { date: '2026-03-08', reason: null },
        { date: '2026-03-09', reason: 'Köçürmə (Transfer)' },
        { date: '2026-03-14', reason: null },
      ],
      workedWeekendDays: [{ date: '2026-03-21', reason: 'İş günü ilə dəyişmə (Swap)' }],
    };
    const en = deadlineLedger(new Texts('en'), appeal(), extras).value;
    expect(en).toContain('data-count="3">Saturdays and Sundays: 3 rest days.');
    expect(en).toContain('<li data-date="2026-03-09"><time datetime="2026-03-09">9 March 2026</time> — Transfer</li>');
    expect(en).not.toContain('data-date="2026-03-07"');
    expect(en).toContain(
      '<li data-date="2026-03-21"><time datetime="2026-03-21">21 March 2026</time> — transferred working day: Swap</li>',
    );
    const ru = deadlineLedger(new Texts('ru'), appeal(), extras).value;
    expect(ru).toContain('3 выходных дня');
    expect(ru).toContain('перенесённый рабочий день: <span lang="az">İş günü ilə dəyişmə</span>');
    expect(
      deadlineLedger(new Texts('az'), appeal(), { skippedDays: [{ date: '2026-03-07', reason: null }], workedWeekendDays: [] }).value,
    ).toContain('1 istirahət günü');
    expect(deadlineLedger(new Texts('az'), appeal(), { skippedDays: [], workedWeekendDays: [] }).value).toContain('qeyri-iş günü düşməyib');
  });

  it('the timeline: the current step by status; the review dates from the last reopening; an outcome without review skips it', () => {
    const t = new Texts('en');
    const states = (a: AppealDetailDto) => timelineSteps(t, a).map((s) => `${s.key}:${s.state}:${s.at ?? ''}`);
    expect(states(appeal())).toEqual(['received:current:2026-03-02', 'in_review:pending:', 'outcome:pending:']);
    expect(timelineSteps(t, appeal())[2].note).toBe('due by 2 April 2026');

    const assigned = { seq: 2, type: 'assigned', occurredAt: '2026-03-03T06:00:00.000Z' };
    expect(states(appeal({ status: 'in_review', history: [...appeal().history, assigned] }))).toEqual([
      'received:done:2026-03-02',
      'in_review:current:2026-03-03T06:00:00.000Z',
      'outcome:pending:',
    ]);
    const history = [
      ...appeal().history,
      assigned,
      { seq: 3, type: 'left_without_consideration', occurredAt: '2026-03-04T06:00:00.000Z' },
      { seq: 4, type: 'reopened', occurredAt: '2026-03-05T06:00:00.000Z' },
      { seq: 5, type: 'answered', occurredAt: '2026-03-10T06:00:00.000Z' },
    ];
    const answered = timelineSteps(t, appeal({ status: 'answered', history }));
    expect(answered.map((s) => `${s.key}:${s.state}:${s.at ?? ''}`)).toEqual([
      'received:done:2026-03-02',
      'in_review:done:2026-03-05T06:00:00.000Z',
      'outcome:current:2026-03-10T06:00:00.000Z',
    ]);
    expect(answered[2].name).toBe('Answered');
    const referred = appeal({
      status: 'referred',
      history: [...appeal().history, { seq: 2, type: 'referred', occurredAt: '2026-03-03T06:00:00.000Z' }],
    });
    expect(states(referred)).toEqual(['received:done:2026-03-02', 'in_review:skipped:', 'outcome:current:2026-03-03T06:00:00.000Z']);
  });
});
