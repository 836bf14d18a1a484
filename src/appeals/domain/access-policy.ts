import { Actor } from '../../auth/actor';

export interface AppealAccessFacts {
  readonly ownerUserId: string | null;
  readonly agencyId: string;
  readonly confidential: boolean;
}

/**
 * Who may see a case (DEVELOPERS.md "Security"): the citizen who owns it; staff of the handling
 * agency; supervisors of it or an agency above it. Anyone else gets 404, as for a missing case.
 * `supervised` is the supervisor's agency subtree.
 */
export function canSeeAppeal(actor: Actor, appeal: AppealAccessFacts, supervised: readonly string[]): boolean {
  switch (actor.role) {
    case 'citizen':
      return appeal.ownerUserId === actor.id;
    case 'registrar':
    case 'official':
      return appeal.agencyId === actor.agencyId;
    case 'supervisor':
      return supervised.includes(appeal.agencyId);
    default:
      return false;
  }
}

/**
 * Confidential appeals (appeals-rules.md 16, 18): the applicant's identity and attachments only for
 * the applicant, the agency's supervisors and (once assigned) the executor.
 */
export function canSeeIdentity(
  actor: Actor,
  appeal: AppealAccessFacts & { executorId?: string | null },
  supervised: readonly string[],
): boolean {
  if (!appeal.confidential) return true;
  if (actor.role === 'citizen') return appeal.ownerUserId === actor.id;
  if (actor.role === 'supervisor') return supervised.includes(appeal.agencyId);
  return appeal.executorId != null && appeal.executorId === actor.id;
}
