import { Role } from '../../auth/actor';
import { DomainError, FieldError } from '../../platform/errors/domain-error';
import { AnswerChannel, AppealType, Channel, EARLIEST_RECEIPT_DATE, ELECTRONIC_CHANNELS, Party, Regime } from './appeal-types';

export interface IntakeInput {
  readonly type: AppealType;
  readonly agencyId: string;
  readonly applicant: Party;
  readonly coApplicants?: readonly Party[];
  readonly respondentAgencyId?: string;
  readonly respondentOfficial?: string;
  /** A staff account named as the official complained about (AOC 594-1.1.2); staff only. */
  readonly respondentOfficialId?: string;
  readonly channel?: Channel;
  readonly receivedOn?: string;
  readonly regime?: Regime;
  readonly answerChannel?: AnswerChannel;
  /** A representative's contacts also carry the answer (appeals-rules.md 1, 14). */
  readonly representative?: { readonly address?: string; readonly email?: string };
}

export interface IntakeContext {
  readonly role: Role;
  readonly actorAgencyId: string | null;
  /** Today in Asia/Baku. */
  readonly today: string;
}

export interface IntakeDecision {
  readonly channel: Channel;
  readonly receivedOn: string;
  readonly regime: Regime;
  readonly collective: boolean;
  /**
   * Art. 6.4: anonymous appeals are not considered. Staff still register a paper one, closed at
   * once as left without consideration, with no notice (appeals-rules.md 4).
   */
  readonly anonymous: boolean;
  /** How the answer will be sent (Art. 7.6). */
  readonly answerChannel: AnswerChannel;
}

/**
 * Art. 7.6 (appeals-rules.md 14): an electronic appeal is answered by e-mail to the address given,
 * or by post when no e-mail was given; other appeals by post unless the applicant asked otherwise.
 */
export function defaultAnswerChannel(channel: Channel, hasEmail: boolean): AnswerChannel {
  return ELECTRONIC_CHANNELS.includes(channel) && hasEmail ? 'email' : 'post';
}

/** Art. 6.3: full name and address (natural) or name and legal address (legal person). */
export function hasIdentity(party: Party): boolean {
  const name = party.kind === 'natural' ? party.fullName : party.organisationName;
  return Boolean(name && party.address);
}

/** Art. 6.4: without 6.3 identity it is anonymous unless on letterhead or with a contact. */
export function isAnonymous(party: Party): boolean {
  if (hasIdentity(party)) return false;
  if (party.kind === 'legal' && party.organisationName) return false; // a legal person's letterhead
  return !(party.email || party.phone || party.address);
}

/**
 * The intake rules of Art. 3, 6 and Decree No. 429 that a DTO cannot express. Pure: all the facts
 * it needs come in as arguments. Throws one DomainError naming every field at fault.
 */
export function decideIntake(input: IntakeInput, ctx: IntakeContext): IntakeDecision {
  const problems: FieldError[] = [];
  let code: DomainError['code'] = 'VALIDATION_FAILED';
  const fail = (errorCode: DomainError['code'], field: string, message: string) => {
    if (problems.length === 0) code = errorCode;
    problems.push({ field, message });
  };

  const citizen = ctx.role === 'citizen';
  const channel: Channel = input.channel ?? (citizen ? 'portal' : 'in_person');
  if (citizen && channel !== 'portal') {
    fail('APPEAL_CHANNEL_NOT_ALLOWED', 'channel', 'Citizens submit through the portal; other channels are registered by the agency.');
  }
  if (!citizen && channel === 'portal') {
    fail(
      'APPEAL_CHANNEL_NOT_ALLOWED',
      'channel',
      'Portal appeals are submitted by the applicant; choose the channel the appeal came through.',
    );
  }
  if (!citizen && input.agencyId !== ctx.actorAgencyId) {
    fail('VALIDATION_FAILED', 'agencyId', 'Staff register appeals received by their own agency.');
  }

  // Art. 2 / appeals-rules.md 2: deadlines run from the receipt date, which may precede entry.
  if (input.receivedOn !== undefined && citizen) {
    fail(
      'APPEAL_RECEIVED_ON_INVALID',
      'receivedOn',
      'Only agency staff record a receipt date; a portal appeal is received when submitted.',
    );
  }
  const receivedOn = input.receivedOn ?? ctx.today;
  if (receivedOn > ctx.today) fail('APPEAL_RECEIVED_ON_INVALID', 'receivedOn', 'The receipt date cannot be in the future.');
  if (receivedOn < EARLIEST_RECEIPT_DATE) {
    fail('APPEAL_RECEIVED_ON_INVALID', 'receivedOn', `The law applies to appeals received from ${EARLIEST_RECEIPT_DATE}.`);
  }

  if (input.type !== 'complaint') {
    for (const field of ['respondentAgencyId', 'respondentOfficial', 'respondentOfficialId'] as const) {
      if (input[field]) fail('APPEAL_RESPONDENT_NOT_COMPLAINT', field, 'Only a complaint names the agency or official complained about.');
    }
  }
  // AOC 594-1.1.2: staff match the official to an account; a citizen names them in words, and may
  // not pick accounts (that would let anyone hide a case from any official).
  if (citizen && input.respondentOfficialId) {
    fail(
      'VALIDATION_FAILED',
      'respondentOfficialId',
      'Only agency staff name an account as the official complained about; give the name in respondentOfficial.',
    );
  }

  const parties = [input.applicant, ...(input.coApplicants ?? [])];
  parties.forEach((party, index) => {
    const path = index === 0 ? 'applicant' : `coApplicants.${index - 1}`;
    if (party.kind === 'natural' && party.organisationName)
      fail('VALIDATION_FAILED', `${path}.organisationName`, 'A natural person has no organisation name.');
    if (index > 0 && isAnonymous(party))
      fail('VALIDATION_FAILED', path, 'Each co-applicant needs a name and an address or contact (Art. 6.3).');
  });

  const anonymous = isAnonymous(input.applicant);
  if (citizen) {
    if (anonymous) {
      fail('APPEAL_ANONYMOUS', 'applicant', 'Anonymous appeals are not considered (Art. 6.4): give your name and address or a contact.');
    } else {
      const nameField = input.applicant.kind === 'natural' ? 'fullName' : 'organisationName';
      if (!input.applicant[nameField]) fail('VALIDATION_FAILED', `applicant.${nameField}`, 'The applicant must be named (Art. 6.3).');
      // Art. 6.7: an electronic appeal states an e-mail or a postal address for the answer.
      if (!input.applicant.email && !input.applicant.address) {
        fail(
          'APPEAL_CONTACT_REQUIRED',
          'applicant.email',
          'A portal appeal needs an e-mail or a postal address for the answer (Art. 6.7).',
        );
      }
    }
  }
  if (channel === 'email' && !anonymous && !input.applicant.email) {
    fail('APPEAL_CONTACT_REQUIRED', 'applicant.email', 'An appeal received by e-mail records the sender address.');
  }

  // Art. 7.6: the answer goes where the applicant can receive it; a representative's contacts count.
  const hasEmail = Boolean(input.applicant.email || input.representative?.email);
  const hasAddress = Boolean(input.applicant.address || input.representative?.address);
  if (input.answerChannel === 'email' && !hasEmail) {
    fail(
      'APPEAL_CONTACT_REQUIRED',
      'answerChannel',
      'An answer by e-mail needs the e-mail address of the applicant or the representative.',
    );
  }
  if (input.answerChannel === 'post' && !hasAddress) {
    fail('APPEAL_CONTACT_REQUIRED', 'answerChannel', 'An answer by post needs the postal address of the applicant or the representative.');
  }

  if (problems.length > 0) {
    throw new DomainError(
      code,
      problems.length === 1 ? problems[0].message : 'The appeal breaks several intake rules; see errors.',
      problems,
    );
  }
  return {
    channel,
    receivedOn,
    regime: input.regime ?? 'standard',
    collective: (input.coApplicants?.length ?? 0) > 0,
    anonymous,
    answerChannel: input.answerChannel ?? defaultAnswerChannel(channel, hasEmail),
  };
}
