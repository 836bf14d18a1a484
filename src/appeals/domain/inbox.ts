import { Actor } from '../../auth/actor';
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
 * Whether the viewer may take the case themselves ("assign to me"): they may assign it (the
 * transition table: registrars and supervisors), may be its executor (officials and supervisors)
 * and work at its agency. So, today, supervisors of the handling agency; the service checks again.
 */
export function mayTakeCase(viewer: Actor, facts: CaseActionFacts & { agencyId: string; executorId: string | null }, now: Date): boolean {
  return (
    (EXECUTOR_ROLES as readonly string[]).includes(viewer.role) &&
    viewer.agencyId === facts.agencyId &&
    facts.executorId !== viewer.id &&
    isActionAllowed('assign', viewer.role, facts, now)
  );
}
