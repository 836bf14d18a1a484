import { Actor } from '../../auth/actor';

export interface AppealAccessFacts {
  readonly ownerUserId: string | null;
  readonly agencyId: string;
  readonly confidential: boolean;
  /** The assigned executor, once there is one. */
  readonly executorId?: string | null;
  /** The staff account a complaint names as the official complained about (AOC 594-1.1.2). */
  readonly respondentOfficialId?: string | null;
}

/**
 * Who may see a case (DEVELOPERS.md "Security"): the citizen who owns it; staff of the handling
 * agency; supervisors of it or an agency above it. Anyone else gets 404, as for a missing case.
 * The official a complaint is about never does, whatever their role (AOC 594-1.1.2, 594-1.1.4: the
 * person complained about neither handles the complaint nor learns who made it).
 * `supervised` is the supervisor's agency subtree.
 */
export function canSeeAppeal(actor: Actor, appeal: AppealAccessFacts, supervised: readonly string[]): boolean {
  if (isRespondent(actor, appeal)) return false;
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
 * The applicant's identity on a need-to-know basis (appeals-rules.md 18, Constitution 57.II): names,
 * contacts and addresses of the applicant, co-applicants and representative, and the applicant's
 * user id in the events, only for the applicant, the registrars of the handling agency, the
 * assigned executor and the supervisors above it. A confidential appeal (appeals-rules.md 16) also
 * leaves out the registrars: only those handling the case (executor, supervisors) and the applicant.
 */
export function canSeeIdentity(actor: Actor, appeal: AppealAccessFacts, supervised: readonly string[]): boolean {
  if (!canSeeAppeal(actor, appeal, supervised)) return false;
  switch (actor.role) {
    case 'citizen':
      return true; // canSeeAppeal: their own appeal
    case 'supervisor':
      return true; // canSeeAppeal: an agency of their subtree
    case 'registrar':
      return !appeal.confidential || isExecutor(actor, appeal);
    case 'official':
      return isExecutor(actor, appeal);
    default:
      return false;
  }
}

/**
 * The text and documents of a confidential appeal (appeals-rules.md 16: secrets hidden from anyone
 * not handling the case): the applicant, the executor and the supervisors. Other appeals' text is
 * for whoever sees the case; their documents go with the identity (a scanned letter names its author).
 */
export function canSeeConfidentialContent(actor: Actor, appeal: AppealAccessFacts, supervised: readonly string[]): boolean {
  if (!canSeeAppeal(actor, appeal, supervised)) return false;
  if (!appeal.confidential) return true;
  return actor.role === 'citizen' || actor.role === 'supervisor' || isExecutor(actor, appeal);
}

/**
 * Whether a case shown beside another one (a linked case, an earlier appeal of the same applicant)
 * may be listed: it tells who its applicant is to anyone who knows the other's, so a confidential
 * one only to those who may see its identity (appeals-rules.md 18).
 */
export function mayListBeside(actor: Actor, other: AppealAccessFacts, supervised: readonly string[]): boolean {
  return !other.confidential || canSeeIdentity(actor, other, supervised);
}

function isRespondent(actor: Actor, appeal: AppealAccessFacts): boolean {
  return appeal.respondentOfficialId != null && appeal.respondentOfficialId === actor.id;
}

function isExecutor(actor: Actor, appeal: AppealAccessFacts): boolean {
  return appeal.executorId != null && appeal.executorId === actor.id;
}
