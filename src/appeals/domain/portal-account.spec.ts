import { Actor } from '../../auth/actor';
import { DomainError } from '../../platform/errors/domain-error';
import { portalApplicantEmail } from './portal-account';

const citizen = (emailVerified: boolean): Actor => ({
  id: '11111111-1111-4111-8111-111111111111',
  role: 'citizen',
  agencyId: null,
  session: { id: '22222222-2222-4222-8222-222222222222', email: 'vuqar@example.az', emailVerified, totpEnrolmentRequired: false },
});

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return (error as DomainError).code;
  }
  return undefined;
}

describe('a portal appeal and its account', () => {
  it('refuses a citizen whose e-mail is not proved, unless verification is off', () => {
    expect(codeOf(() => portalApplicantEmail(citizen(false), 'vuqar@example.az', true))).toBe('EMAIL_NOT_VERIFIED');
    expect(portalApplicantEmail(citizen(false), 'vuqar@example.az', false)).toBe('vuqar@example.az');
  });

  it("takes the account's e-mail in any letter case and records it as the account spells it", () => {
    expect(portalApplicantEmail(citizen(true), ' Vuqar@Example.AZ ', true)).toBe('vuqar@example.az');
  });

  it('refuses another address: the service never mails an address the account does not own', () => {
    expect(codeOf(() => portalApplicantEmail(citizen(true), 'victim@example.az', true))).toBe('APPEAL_APPLICANT_EMAIL_NOT_ACCOUNT');
    expect(codeOf(() => portalApplicantEmail(citizen(false), 'victim@example.az', false))).toBe('APPEAL_APPLICANT_EMAIL_NOT_ACCOUNT');
  });

  it("refuses a representative's e-mail that is not the account's, naming that field", () => {
    let field: string | undefined;
    try {
      portalApplicantEmail(citizen(true), 'stranger@example.az', true, 'representative.email');
    } catch (error) {
      field = (error as DomainError).errors?.[0]?.field;
    }
    expect(field).toBe('representative.email');
    expect(portalApplicantEmail(citizen(true), 'VUQAR@example.az', true, 'representative.email')).toBe('vuqar@example.az');
  });

  it('leaves an absent e-mail absent (answer by post, Art. 6.7)', () => {
    expect(portalApplicantEmail(citizen(true), undefined, true)).toBeUndefined();
  });

  it('does not limit staff registering paper appeals', () => {
    const registrar: Actor = { id: citizen(true).id, role: 'registrar', agencyId: '33333333-3333-4333-8333-333333333333' };
    expect(portalApplicantEmail(registrar, 'someone@example.az', true)).toBe('someone@example.az');
  });
});
