import { WORKING_STATUSES } from '../../appeals/domain/case-rules';
import { AppealStatus, Regime } from '../../appeals/domain/appeal-types';
import { bakuOffsetMinutes, formatInBaku } from '../../calendar/domain/deadline';
import { fromDayNumber, toDayNumber } from '../../calendar/domain/calendar-year';
import { AlertKind } from './alert-mail';

/**
 * The plan of an appeal's deadline timers, in TypeScript: the same plan as the database function
 * `replan_deadline_timers` (db/functions/replan_deadline_timers.sql), which is what writes the
 * timers, set-wise and in the transaction that moves a deadline. This one is for reading and
 * reasoning (and tests); test/integration/timer-plan.int-spec.ts holds the two equal for a varied
 * set of appeals, so a change to either shows as a failure until both agree. Pure: no Nest, no I/O.
 */

/** A timer's kind is the kind of the alert it fires. */
export type TimerKind = AlertKind;

/** The columns of `appeal_state` the plan reads. Dates are `YYYY-MM-DD` (Baku days). */
export interface TimerPlanState {
  readonly status: AppealStatus;
  readonly regime: Regime;
  readonly referralDueDate: string | null;
  readonly reviewDueDate: string;
  readonly reviewDueAt: Date;
  readonly noticeDueDate: string | null;
  readonly mergedInto: string | null;
  /** The moment of planning: the caller's `plan_at`, else the state's `updated_at`. */
  readonly planMoment: Date;
}

/** `deadline_timer_settings` (TIMER_WARNING_DAYS, ESCALATION_WORKING_DAYS; warnings at office opening). */
export interface TimerPlanSettings {
  readonly warningDays: readonly number[];
  readonly escalationWorkingDays: number;
  /** `HH:MM:SS`, Baku time. */
  readonly officeOpens: string;
}

/** The working-day arithmetic of the calendar mirror (`calendar_days.ordinal`); WorkingDayCalendar has it. */
export interface WorkingDayOrdinals {
  ordinalOf(date: string): number;
  dateOfOrdinal(ordinal: number): string;
}

export interface PlannedTimer {
  readonly kind: TimerKind;
  readonly daysBefore: number;
  readonly fireAt: Date;
  readonly dueAt: Date;
}

/** A timer the appeal already has, as far as the plan cares. */
export type ExistingTimer = Pick<PlannedTimer, 'kind' | 'daysBefore' | 'fireAt'>;

/**
 * The timers an appeal should have after planning (what `replan_deadline_timers` leaves in
 * `deadline_timers`; any other timer of the appeal is deleted). A stage whose fire time already
 * passed at the planning moment is not planned, unless the appeal already has that very timer (one
 * the scheduler has yet to fire, or fired: kept as it is); `overdue` is a state, always planned.
 */
export function planTimers(
  state: TimerPlanState,
  settings: TimerPlanSettings,
  calendar: WorkingDayOrdinals,
  existing: readonly ExistingTimer[] = [],
): PlannedTimer[] {
  const planned: PlannedTimer[] = [];
  const open = WORKING_STATUSES.includes(state.status) && state.mergedInto === null;
  if (open) {
    // Art. 7.10: the last day to refer a case outside the agency's competence, while nobody took it.
    if (state.status === 'registered' && state.referralDueDate !== null) {
      planned.push({
        kind: 'referral_due',
        daysBefore: 0,
        fireAt: bakuInstant(state.referralDueDate, settings.officeOpens),
        dueAt: bakuInstant(state.referralDueDate, '23:59:59'),
      });
    }
    // Art. 10.1, 10.2: warnings N working days before the review due date, and "due today" (N = 0).
    // Not for urgent appeals (Art. 10.4: 24 clock hours, not working days).
    if (state.regime !== 'urgent') {
      for (const n of [...settings.warningDays, 0]) {
        const day = workingDayAt(calendar, state.reviewDueDate, -n);
        if (day === null) continue;
        planned.push({
          kind: n === 0 ? 'review_due' : 'review_warning',
          daysBefore: n,
          fireAt: bakuInstant(day, settings.officeOpens),
          dueAt: state.reviewDueAt,
        });
      }
    }
    // The first moment after the term (end of the last working day, or receipt + 24 h when urgent).
    planned.push({ kind: 'overdue', daysBefore: 0, fireAt: new Date(state.reviewDueAt.getTime() + 1000), dueAt: state.reviewDueAt });
    // Overdue by N working days: the first moment after the N-th working day past the due day.
    const escalationDay = workingDayAt(calendar, formatInBaku(state.reviewDueAt.getTime()).slice(0, 10), settings.escalationWorkingDays);
    if (escalationDay !== null) {
      planned.push({
        kind: 'escalation',
        daysBefore: 0,
        fireAt: bakuInstant(fromDayNumber(toDayNumber(escalationDay) + 1), '00:00:00'),
        dueAt: state.reviewDueAt,
      });
    }
  }
  // Art. 8.2 (appeals-rules.md 13): the notice of leaving without consideration that staff must
  // post, by the date the service stored: a reminder that day (merged or not).
  if (state.status === 'left_without_consideration' && state.noticeDueDate !== null) {
    planned.push({
      kind: 'notice_due',
      daysBefore: 0,
      fireAt: bakuInstant(state.noticeDueDate, settings.officeOpens),
      dueAt: bakuInstant(state.noticeDueDate, '23:59:59'),
    });
  }
  return planned.filter(
    (timer) =>
      timer.kind === 'overdue' ||
      timer.fireAt.getTime() > state.planMoment.getTime() ||
      existing.some((e) => e.kind === timer.kind && e.daysBefore === timer.daysBefore && e.fireAt.getTime() === timer.fireAt.getTime()),
  );
}

/**
 * The working day whose ordinal is `date`'s plus `offset`, as the SQL joins on
 * `calendar_days.ordinal` (a non-working day has its previous working day's ordinal, so offset 0
 * from it is that working day); null where the mirror has no such day (outside the range).
 */
function workingDayAt(calendar: WorkingDayOrdinals, date: string, offset: number): string | null {
  let ordinal: number;
  try {
    ordinal = calendar.ordinalOf(date);
  } catch {
    return null;
  }
  try {
    return calendar.dateOfOrdinal(ordinal + offset);
  } catch {
    return null;
  }
}

/** `(date + time) AT TIME ZONE 'Asia/Baku'`: a Baku wall-clock time as an instant. */
export function bakuInstant(date: string, time: string): Date {
  const wallClockAsUtc = Date.parse(`${date}T${time}Z`);
  // Guess with the standard offset, then re-read at the real instant (as endOfDayInBaku).
  let offset = bakuOffsetMinutes(wallClockAsUtc - 4 * 3_600_000);
  offset = bakuOffsetMinutes(wallClockAsUtc - offset * 60_000);
  return new Date(wallClockAsUtc - offset * 60_000);
}
