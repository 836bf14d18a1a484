import { DomainError } from '../../platform/errors/domain-error';
import { Regime } from './appeal-types';

/** Art. 10.1 and 10.2 (appeals-rules.md 8-11). */
export const STANDARD_TERM_WORKING_DAYS = 15;
export const ADDITIONAL_STUDY_TERM_WORKING_DAYS = 30;
export const MAX_EXTENSION_WORKING_DAYS = 30;
/** Art. 7.10: an appeal outside the agency's competence is referred within 3 working days. */
export const REFERRAL_TERM_WORKING_DAYS = 3;

/** An appeal's review term: counted in working days from `from` (day 0), or 24 hours if urgent. */
export interface ReviewTerm {
  readonly regime: Regime;
  readonly from: string;
  /** 15, or 30 after additional study; null for urgent appeals (24 clock hours, Art. 10.4). */
  readonly workingDays: number | null;
  /** Art. 10.2: added once, from the end of the current term. */
  readonly extensionWorkingDays: number;
}

export function initialReviewTerm(regime: Regime, receivedOn: string): ReviewTerm {
  return {
    regime,
    from: receivedOn,
    workingDays: regime === 'urgent' ? null : STANDARD_TERM_WORKING_DAYS,
    extensionWorkingDays: 0,
  };
}

/** Working days from `from` to the end of the term, extension included; null for urgent. */
export function totalWorkingDays(term: ReviewTerm): number | null {
  return term.workingDays === null ? null : term.workingDays + term.extensionWorkingDays;
}

/**
 * Art. 10.1: when additional study or verification is needed, the term becomes 30 working days
 * from receipt. Not for urgent (24 h) or military (15 days, Art. 10.3) appeals; only once.
 */
export function withAdditionalStudy(term: ReviewTerm): ReviewTerm {
  if (term.regime !== 'standard') {
    throw DomainError.field('TERM_CHANGE_NOT_ALLOWED', 'regime', `A ${term.regime} appeal keeps its term (Art. 10.3, 10.4).`);
  }
  if (term.workingDays === ADDITIONAL_STUDY_TERM_WORKING_DAYS) {
    throw DomainError.field('TERM_CHANGE_NOT_ALLOWED', 'reason', 'The term is already 30 working days for additional study.');
  }
  return { ...term, workingDays: ADDITIONAL_STUDY_TERM_WORKING_DAYS };
}

/**
 * Art. 10.2: once, the current term may be extended by at most 30 working days counted from its
 * end. Not for military or urgent appeals.
 */
export function withExtension(term: ReviewTerm, workingDays: number): ReviewTerm {
  if (term.regime !== 'standard') {
    throw DomainError.field('TERM_CHANGE_NOT_ALLOWED', 'regime', `A ${term.regime} appeal cannot be extended (Art. 10.3, 10.4).`);
  }
  if (term.extensionWorkingDays > 0) {
    throw DomainError.field('TERM_CHANGE_NOT_ALLOWED', 'workingDays', 'The term was already extended once (Art. 10.2).');
  }
  if (!Number.isInteger(workingDays) || workingDays < 1 || workingDays > MAX_EXTENSION_WORKING_DAYS) {
    throw DomainError.field('VALIDATION_FAILED', 'workingDays', `An extension is 1 to ${MAX_EXTENSION_WORKING_DAYS} working days.`);
  }
  return { ...term, extensionWorkingDays: workingDays };
}

/**
 * Art. 7.10 (appeals-rules.md 11): after a referral the receiving agency's term runs afresh from
 * the day it receives the appeal; the sending agency's study or extension does not carry over.
 */
export function restartedAtReceivingAgency(term: ReviewTerm, receivedOn: string): ReviewTerm {
  return initialReviewTerm(term.regime, receivedOn);
}
