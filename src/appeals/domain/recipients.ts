/** Who receives an e-mail about a case: each address once, the first keyed as notices always were. */
export interface MailRecipient {
  readonly to: string;
  /** Appended to the outbox dedupe key of every recipient after the first (the same mail to another address). */
  readonly suffix: string;
}

export interface ContactParty {
  readonly role: 'applicant' | 'co_applicant' | 'representative';
  readonly email?: string | null;
}

/**
 * appeals-rules.md 1, 14, 16: notices and the answer go to the applicant's own e-mail where one was
 * given, and to the representative's when the appeal came through one. For a collective appeal
 * the (first) applicant receives them. Addresses compare case-insensitively.
 */
export function mailRecipients(parties: readonly ContactParty[]): MailRecipient[] {
  const applicant = parties.find((p) => p.role === 'applicant')?.email;
  const representative = parties.find((p) => p.role === 'representative')?.email;
  const recipients: MailRecipient[] = [];
  if (applicant) recipients.push({ to: applicant, suffix: '' });
  if (representative && representative.toLowerCase() !== applicant?.toLowerCase()) {
    recipients.push({ to: representative, suffix: recipients.length === 0 ? '' : ':representative' });
  }
  return recipients;
}
