import { Actor } from '../../auth/actor';
import { DomainError } from '../../platform/errors/domain-error';

/**
 * A citizen's portal appeal and the account behind it (issue 13), pure:
 * - until the account's e-mail is proved (AUTH_REQUIRE_EMAIL_VERIFICATION, default on) the citizen
 *   may sign in but not submit: 403 EMAIL_NOT_VERIFIED;
 * - the service never mails an address the account does not own: a typed `applicant.email` must be
 *   the account's e-mail (any letter case; stored as the account spells it), otherwise 422
 *   APPEAL_APPLICANT_EMAIL_NOT_ACCOUNT rather than a silent change of what the client sent. Left out,
 *   it stays out: the applicant gave a postal address for the answer (Art. 6.7) and gets no mail.
 * The same holds for a representative's e-mail (issue 12 mails notices to it): on the portal the
 * account holder is the one who acts, so a representative's typed e-mail must be theirs too.
 * Staff registering paper appeals type the e-mail the appeal came with (Art. 2); they are not limited.
 * Returns the e-mail to record.
 */
export function portalApplicantEmail(
  actor: Actor,
  typedEmail: string | undefined,
  requireVerifiedEmail: boolean,
  field: 'applicant.email' | 'representative.email' = 'applicant.email',
): string | undefined {
  if (actor.role !== 'citizen' || !actor.session) return typedEmail;
  if (requireVerifiedEmail && !actor.session.emailVerified) {
    throw new DomainError(
      'EMAIL_NOT_VERIFIED',
      'Confirm your e-mail address first: open the link mailed at registration (or ask for a new one: POST /api/v1/me/verify-email).',
    );
  }
  if (typedEmail === undefined) return undefined;
  if (typedEmail.trim().toLowerCase() !== actor.session.email) {
    throw DomainError.field(
      'APPEAL_APPLICANT_EMAIL_NOT_ACCOUNT',
      field,
      `The ${field} of a portal appeal must be your account's e-mail address; leave it out to be answered by post.`,
    );
  }
  return actor.session.email;
}
