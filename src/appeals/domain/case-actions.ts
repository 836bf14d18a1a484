import { Role } from '../../auth/actor';
import { DomainError } from '../../platform/errors/domain-error';
import { AppealStatus, ClosureGround, Regime } from './appeal-types';
import { assertReopenable, assertTransition, assertUnassigned, isTransitionAllowed, TRANSITION_NAMES, TransitionName } from './lifecycle';
import { assertExtendable, ReviewTerm, TermClock, withAdditionalStudy } from './review-term';

/** What the action rules need to know of a case: its status and its current review term. */
export interface CaseActionFacts {
  readonly status: AppealStatus;
  readonly regime: Regime;
  readonly reviewTermFrom: string;
  /** 15 or 30 (before any extension); null for urgent appeals. */
  readonly reviewTermWorkingDays: number | null;
  readonly extensionWorkingDays: number;
  readonly reviewDueAt: Date | string;
  /** Why a closed case was closed: a withdrawal is never reopened by staff (Art. 8.3). */
  readonly closureGround?: ClosureGround | null;
  /** The case's executor; `take` is only for a case without one. */
  readonly executorId: string | null;
}

export function termOf(facts: CaseActionFacts): ReviewTerm {
  return {
    regime: facts.regime,
    from: facts.reviewTermFrom,
    workingDays: facts.reviewTermWorkingDays,
    extensionWorkingDays: facts.extensionWorkingDays,
  };
}

export function termClockOf(facts: CaseActionFacts, now: Date): TermClock {
  return { dueAt: new Date(facts.reviewDueAt), now };
}

/**
 * The one answer to "may this role do this to this case now": the transition table (role, then
 * status), then the law's term rules for the actions that change a term (Art. 10.1, 10.2:
 * additional study only while the 15-day term runs and before any extension; an extension once,
 * while the current term runs), Art. 8.3 (no reopening of the applicant's own withdrawal), and
 * `take` only of a case nobody handles yet.
 * The services' guards call it; the pages offer what it allows.
 * Returns the next status; throws the DomainError that says why not.
 */
export function assertAction(name: TransitionName, role: Role, facts: CaseActionFacts, now: Date): AppealStatus {
  const next = assertTransition(name, facts.status, role);
  if (name === 'additionalStudy') withAdditionalStudy(termOf(facts), termClockOf(facts, now));
  if (name === 'extend') assertExtendable(termOf(facts), termClockOf(facts, now));
  if (name === 'reopen') assertReopenable(facts.closureGround ?? null);
  if (name === 'take') assertUnassigned(facts.executorId);
  return next;
}

/** Whether assertAction would let it through. */
export function isActionAllowed(name: TransitionName, role: Role, facts: CaseActionFacts, now: Date): boolean {
  if (!isTransitionAllowed(name, facts.status, role)) return false;
  try {
    assertAction(name, role, facts, now);
    return true;
  } catch (error) {
    if (error instanceof DomainError) return false;
    throw error;
  }
}

/** The actions a page may offer `role` on this case now, in table order. */
export function allowedActions(role: Role, facts: CaseActionFacts, now: Date): TransitionName[] {
  return TRANSITION_NAMES.filter((name) => isActionAllowed(name, role, facts, now));
}
