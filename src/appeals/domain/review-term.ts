import { DomainError } from '../../platform/errors/domain-error';
import { Regime } from './appeal-types';

/** Art. 10.1 and 10.2 (appeals-rules.md 8-11). */
export const STANDARD_TERM_WORKING_DAYS = 15;
export const ADDITIONAL_STUDY_TERM_WORKING_DAYS = 30;
export const MAX_EXTENSION_WORKING_DAYS = 30;
// Art. 7.10's 3 working days are shared with SQL: defined once in case-rules.ts.
export { REFERRAL_TERM_WORKING_DAYS } from './case-rules';
/** Art. 10.4: an urgent appeal is answered within 24 clock hours of receipt. */
export const URGENT_TERM_HOURS = 24;

/** An appeal's review term: counted in working days from `from` (day 0), or 24 hours if urgent. */
export interface ReviewTerm {
  readonly regime: Regime;
  readonly from: string;
  /** 15, or 30 after additional study; null for urgent appeals (24 clock hours, Art. 10.4). */
  readonly workingDays: number | null;
  /** Art. 10.2: added once, from the end of the current term. */
  readonly extensionWorkingDays: number;
}

/** Where a running term stands: its due instant and the moment of the decision. */
export interface TermClock {
  readonly dueAt: Date;
  readonly now: Date;
}

export function initialReviewTerm(regime: Regime, receivedOn: string): ReviewTerm {
  return {
    regime,
    from: receivedOn,
    workingDays: regime === 'urgent' ? null : STANDARD_TERM_WORKING_DAYS,
    extensionWorkingDays: 0,
  };
}

/**
 * Working days from `from` to the end of the term, extension included; null for urgent. This is
 * the term reported as `reviewTermWorkingDays` (appeals-rules.md 9: 30 + 5 = 35), the one the due
 * date is counted on.
 */
export function totalWorkingDays(term: ReviewTerm): number | null {
  return term.workingDays === null ? null : term.workingDays + term.extensionWorkingDays;
}

/** Whether the term is still running: until and including its due instant. */
export function isTermRunning(clock: TermClock): boolean {
  return clock.now.getTime() <= clock.dueAt.getTime();
}

/**
 * appeals-rules.md 9: no term is ever changed after its due instant; a late case stays late (in
 * the alerts and in the evaluation). TERM_EXPIRED, 422.
 */
export function assertTermRunning(clock: TermClock, what: string): void {
  if (!isTermRunning(clock)) {
    throw new DomainError(
      'TERM_EXPIRED',
      `The review term ended at ${clock.dueAt.toISOString()}; ${what} is no longer possible: a term is never changed after its due instant (Art. 10).`,
    );
  }
}

/**
 * Art. 10.1 (appeals-rules.md 8): when additional study or verification is needed, the term becomes
 * 30 working days from receipt; only while the 15-day term is still running and before any
 * extension. Not for urgent (24 h) or military (15 days, Art. 10.3) appeals; only once.
 */
export function withAdditionalStudy(term: ReviewTerm, clock: TermClock): ReviewTerm {
  assertTermRunning(clock, 'additional study');
  if (term.regime !== 'standard') {
    throw DomainError.field('TERM_CHANGE_NOT_ALLOWED', 'regime', `A ${term.regime} appeal keeps its term (Art. 10.3, 10.4).`);
  }
  if (term.workingDays === ADDITIONAL_STUDY_TERM_WORKING_DAYS) {
    throw DomainError.field('TERM_CHANGE_NOT_ALLOWED', 'reason', 'The term is already 30 working days for additional study.');
  }
  if (term.extensionWorkingDays > 0) {
    throw DomainError.field(
      'TERM_CHANGE_NOT_ALLOWED',
      'reason',
      'Additional study is ordered before any extension, not after one (Art. 10.1, 10.2).',
    );
  }
  return { ...term, workingDays: ADDITIONAL_STUDY_TERM_WORKING_DAYS };
}

/**
 * Art. 10.2 (appeals-rules.md 9): whether the current term may be extended at all now: once, only
 * while it is still running, never for military or urgent appeals. The number of days is
 * checked by withExtension.
 */
export function assertExtendable(term: ReviewTerm, clock: TermClock): void {
  assertTermRunning(clock, 'an extension');
  if (term.regime !== 'standard') {
    throw DomainError.field('TERM_CHANGE_NOT_ALLOWED', 'regime', `A ${term.regime} appeal cannot be extended (Art. 10.3, 10.4).`);
  }
  if (term.extensionWorkingDays > 0) {
    throw DomainError.field('TERM_CHANGE_NOT_ALLOWED', 'workingDays', 'The term was already extended once (Art. 10.2).');
  }
}

/** Art. 10.2: once, the current term may be extended by at most 30 working days counted from its end. */
export function withExtension(term: ReviewTerm, workingDays: number, clock: TermClock): ReviewTerm {
  assertExtendable(term, clock);
  if (!Number.isInteger(workingDays) || workingDays < 1 || workingDays > MAX_EXTENSION_WORKING_DAYS) {
    throw DomainError.field('VALIDATION_FAILED', 'workingDays', `An extension is 1 to ${MAX_EXTENSION_WORKING_DAYS} working days.`);
  }
  return { ...term, extensionWorkingDays: workingDays };
}

/**
 * appeals-rules.md 10: staff confirm the regime the applicant asked for, or change it. A change
 * recomputes the term from its day 0: a special regime keeps no additional study or extension
 * (Art. 10.3, 10.4); back to standard it is 15 working days again. Confirming keeps the term.
 */
export function withRegime(term: ReviewTerm, regime: Regime): ReviewTerm {
  return regime === term.regime ? term : initialReviewTerm(regime, term.from);
}

/**
 * appeals-rules.md 10: a regime change that would move a due instant that has already passed, or
 * set one that has, is refused (TERM_EXPIRED): a late case stays late. An unchanged due instant
 * is always fine (a confirmation, or military <-> standard without study).
 */
export function assertRegimeChangeAllowed(current: TermClock, newDueAt: Date): void {
  if (newDueAt.getTime() === current.dueAt.getTime()) return;
  assertTermRunning(current, 'a regime change that moves the due date');
  if (newDueAt.getTime() < current.now.getTime()) {
    throw new DomainError(
      'TERM_EXPIRED',
      `Under that regime the term would have ended at ${newDueAt.toISOString()}, which has passed; the regime cannot be changed now (Art. 10).`,
    );
  }
}

/**
 * Art. 7.10 (appeals-rules.md 11): after a referral the receiving agency's term runs afresh from
 * the day it receives the appeal; the sending agency's study or extension does not carry over.
 */
export function restartedAtReceivingAgency(term: ReviewTerm, receivedOn: string): ReviewTerm {
  return initialReviewTerm(term.regime, receivedOn);
}
