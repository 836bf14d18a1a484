"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.canSeeAppeal = canSeeAppeal;
exports.canSeeIdentity = canSeeIdentity;
/**
 * Who may see a case (DEVELOPERS.md "Security"): the citizen who owns it; staff of the handling
 * agency; supervisors of it or an agency above it. Anyone else gets 404, as for a missing case.
 * `supervised` is the supervisor's agency subtree.
 */
function canSeeAppeal(actor, appeal, supervised) {
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
function canSeeIdentity(actor, appeal) {
    if (!appeal.confidential)
        return true;
    if (actor.role === 'citizen')
        return appeal.ownerUserId === actor.id;
    if (actor.role === 'supervisor')
        return true;
    return appeal.executorId != null && appeal.executorId === actor.id;
}
//# sourceMappingURL=access-policy.js.map