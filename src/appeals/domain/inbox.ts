import { Actor, Role } from '../../auth/actor';
import { CaseActionFacts, isActionAllowed } from './case-actions';

/**
 * The last day of the week `today` (YYYY-MM-DD) is in: its Sunday (weeks run Monday to Sunday in
 * Azerbaijan). "Due this week" is from today to that day.
 */
export function weekEnd(today: string): string {
  const day = new Date(`${today}T00:00:00Z`);
  const weekday = day.getUTCDay(); // 0 = Sunday
  day.setUTCDate(day.getUTCDate() + ((7 - weekday) % 7));
  return day.toISOString().slice(0, 10);
}

/** The roles a case may be assigned to (the executor, appeal-actions.service assign). */
export const EXECUTOR_ROLES = ['official', 'supervisor'] as const;

/**
 * Whether the viewer may take the case themselves ("assign to me"), at its agency: an official
 * through `take`, only while nobody handles it (lifecycle.ts); a supervisor by assigning it to
 * themselves (`assign`, which may also move it from a colleague). Registrars are no executors.
 * The services check again, with the law's respondent guard.
 */
export function mayTakeCase(viewer: Actor, facts: CaseActionFacts & { agencyId: string }, now: Date): boolean {
  if (
    !(EXECUTOR_ROLES as readonly string[]).includes(viewer.role) ||
    viewer.agencyId !== facts.agencyId ||
    facts.executorId === viewer.id
  ) {
    return false;
  }
  return isActionAllowed(takeActionFor(viewer.role), viewer.role, facts, now);
}

/** The transition "assign to me" is for this role: `take` for an official, `assign` to oneself for the rest. */
export function takeActionFor(role: Role): 'take' | 'assign' {
  return role === 'official' ? 'take' : 'assign';
}
