import { WorkingDayCalendar } from '../../calendar/domain';
import { bakuInstant, planTimers, TimerPlanSettings, TimerPlanState } from './timer-plan';

const calendar = WorkingDayCalendar.build([]);
const settings: TimerPlanSettings = { warningDays: [3, 1], escalationWorkingDays: 5, officeOpens: '09:00:00' };
const due = '2026-04-22';
const base: TimerPlanState = {
  status: 'registered',
  regime: 'standard',
  referralDueDate: '2026-04-06',
  reviewDueDate: due,
  reviewDueAt: bakuInstant(due, '23:59:59'),
  noticeDueDate: null,
  mergedInto: null,
  planMoment: bakuInstant('2026-04-01', '11:00:00'),
};
const kinds = (state: TimerPlanState) => planTimers(state, settings, calendar).map((t) => `${t.kind}:${t.daysBefore}`);

describe('timer plan (the TypeScript of replan_deadline_timers)', () => {
  it('plans every stage of a new standard appeal, warnings at office opening Baku time', () => {
    const plan = planTimers(base, settings, calendar);
    expect(plan.map((t) => `${t.kind}:${t.daysBefore}`)).toEqual([
      'referral_due:0',
      'review_warning:3',
      'review_warning:1',
      'review_due:0',
      'overdue:0',
      'escalation:0',
    ]);
    expect(plan[0].fireAt.toISOString()).toBe('2026-04-06T05:00:00.000Z');
    expect(plan[3].fireAt.getTime()).toBe(bakuInstant(due, '09:00:00').getTime());
    expect(plan[4].fireAt.toISOString()).toBe('2026-04-22T20:00:00.000Z');
    // Five working days after Wednesday 22 April is Wednesday 29 April; the first moment after it.
    expect(plan[5].fireAt.getTime()).toBe(bakuInstant('2026-04-30', '00:00:00').getTime());
  });

  it('Art. 7.10: no referral reminder once someone took the case; Art. 10.4: no working-day warnings when urgent', () => {
    expect(kinds({ ...base, status: 'in_review' })).not.toContain('referral_due:0');
    expect(kinds({ ...base, regime: 'urgent' })).toEqual(['referral_due:0', 'overdue:0', 'escalation:0']);
  });

  it('closed, referred and merged cases have no deadline timers; Art. 8.2 keeps the notice reminder', () => {
    for (const status of ['answered', 'referred', 'left_without_consideration'] as const) expect(kinds({ ...base, status })).toEqual([]);
    expect(kinds({ ...base, mergedInto: 'other' })).toEqual([]);
    expect(kinds({ ...base, status: 'left_without_consideration', noticeDueDate: '2026-04-08', mergedInto: 'other' })).toEqual([
      'notice_due:0',
    ]);
  });

  it('drops stages already past at planning, except overdue and a timer planned before at that very time', () => {
    const late = { ...base, planMoment: bakuInstant('2026-04-21', '12:00:00') };
    expect(kinds(late)).toEqual(['review_due:0', 'overdue:0', 'escalation:0']);
    const [warning] = planTimers(base, settings, calendar).filter((t) => t.daysBefore === 1);
    expect(planTimers(late, settings, calendar, [warning]).map((t) => `${t.kind}:${t.daysBefore}`)).toContain('review_warning:1');
    expect(
      planTimers(late, settings, calendar, [{ ...warning, fireAt: new Date(warning.fireAt.getTime() + 1) }]).map((t) => t.kind),
    ).not.toContain('review_warning');
  });
});
