import fc from 'fast-check';
import { Role, ROLES } from '../../auth/actor';
import { DomainError } from '../../platform/errors/domain-error';
import { AppealType, APPEAL_TYPES, Channel, CHANNELS, EARLIEST_RECEIPT_DATE, Party, REGIMES } from './appeal-types';
import { decideIntake, defaultAnswerChannel, hasIdentity, IntakeContext, IntakeInput, isAnonymous } from './intake-rules';

const TODAY = '2026-03-10';
const OWN_AGENCY = 'agency-own';
const OTHER_AGENCY = 'agency-other';
const STAFF: readonly Role[] = ['registrar', 'official', 'supervisor'];

const citizen: IntakeContext = { role: 'citizen', actorAgencyId: null, today: TODAY };
const staff = (role: Role = 'registrar'): IntakeContext => ({ role, actorAgencyId: OWN_AGENCY, today: TODAY });

/** A natural person with the full Art. 6.3 identity and an e-mail. */
const person: Party = { kind: 'natural', fullName: 'Əli Vəli oğlu Məmmədov', address: 'Bakı, Nizami küç. 10', email: 'ali@example.az' };
const company: Party = { kind: 'legal', organisationName: 'Xəzər MMC', address: 'Bakı, Neftçilər pr. 1', email: 'office@xezer.az' };

function input(overrides: Partial<IntakeInput> = {}): IntakeInput {
  return { type: 'application', agencyId: OWN_AGENCY, applicant: person, ...overrides };
}

/** Runs decideIntake expecting a DomainError and returns it. */
function rejection(intake: IntakeInput, ctx: IntakeContext): DomainError {
  let thrown: unknown;
  try {
    decideIntake(intake, ctx);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(DomainError);
  return thrown as DomainError;
}

function fieldsOf(error: DomainError): string[] {
  return error.errors.map((e) => e.field);
}

describe('hasIdentity (Art. 6.3)', () => {
  it.each<[string, Party, boolean]>([
    ['a natural person with full name and address', { kind: 'natural', fullName: 'Ə. Məmmədov', address: 'Bakı' }, true],
    ['a natural person with a name only', { kind: 'natural', fullName: 'Ə. Məmmədov' }, false],
    ['a natural person with an address only', { kind: 'natural', address: 'Bakı' }, false],
    ['a natural person with a name and an e-mail but no address', { kind: 'natural', fullName: 'Ə. Məmmədov', email: 'a@b.az' }, false],
    ['a natural person named only by an organisation name', { kind: 'natural', organisationName: 'Xəzər MMC', address: 'Bakı' }, false],
    ['a legal person with its name and legal address', { kind: 'legal', organisationName: 'Xəzər MMC', address: 'Bakı' }, true],
    ['a legal person named only by a contact person', { kind: 'legal', fullName: 'Ə. Məmmədov', address: 'Bakı' }, false],
    ['a natural person with empty strings', { kind: 'natural', fullName: '', address: '' }, false],
  ])('is decided for %s', (_label, party, expected) => {
    expect(hasIdentity(party)).toBe(expected);
  });
});

describe('isAnonymous (Art. 6.4)', () => {
  it.each<[string, Party, boolean]>([
    ['a natural person with full identity', person, false],
    ['a natural person with nothing at all', { kind: 'natural' }, true],
    ['a natural person with a name but no address or contact', { kind: 'natural', fullName: 'Ə. Məmmədov' }, true],
    ['a natural person with only an e-mail', { kind: 'natural', email: 'a@b.az' }, false],
    ['a natural person with only a phone', { kind: 'natural', phone: '+994501234567' }, false],
    ['a natural person with only a postal address', { kind: 'natural', address: 'Bakı' }, false],
    ['a legal person on its letterhead (organisation name only)', { kind: 'legal', organisationName: 'Xəzər MMC' }, false],
    ['a legal person with nothing at all', { kind: 'legal' }, true],
    ['a legal person signed by a person but with no organisation name or contact', { kind: 'legal', fullName: 'Ə. Məmmədov' }, true],
    ['a natural person whose fields are empty strings', { kind: 'natural', fullName: '', email: '', phone: '', address: '' }, true],
  ])('is decided for %s', (_label, party, expected) => {
    expect(isAnonymous(party)).toBe(expected);
  });
});

describe('decideIntake: defaults', () => {
  it('a citizen appeal defaults to the portal, today, the standard regime and a single applicant', () => {
    expect(decideIntake(input(), citizen)).toEqual({
      channel: 'portal',
      receivedOn: TODAY,
      regime: 'standard',
      collective: false,
      anonymous: false,
      answerChannel: 'email',
    });
  });

  it.each(STAFF)('a %s registration defaults to in_person, received today, answered by post', (role) => {
    expect(decideIntake(input(), staff(role))).toEqual({
      channel: 'in_person',
      receivedOn: TODAY,
      regime: 'standard',
      collective: false,
      anonymous: false,
      answerChannel: 'post',
    });
  });

  it.each(REGIMES)('keeps the requested %s regime', (regime) => {
    expect(decideIntake(input({ regime }), citizen).regime).toBe(regime);
  });
});

describe('decideIntake: the answer channel (Art. 7.6, appeals-rules.md 14)', () => {
  it('answers an electronic appeal by e-mail when an e-mail was given, else by post', () => {
    expect(defaultAnswerChannel('portal', true)).toBe('email');
    expect(defaultAnswerChannel('email', true)).toBe('email');
    expect(defaultAnswerChannel('portal', false)).toBe('post');
    for (const channel of ['post', 'fax', 'in_person', 'reception', 'phone'] as const)
      expect(defaultAnswerChannel(channel, true)).toBe('post');
    expect(decideIntake(input({ applicant: { ...person, email: undefined } }), citizen).answerChannel).toBe('post');
  });

  it("counts the representative's e-mail and address", () => {
    const noContacts: Party = { kind: 'natural', fullName: 'Əli Vəli oğlu Məmmədov', phone: '+994501234567' };
    const represented = input({ applicant: noContacts, representative: { address: 'Bakı, Azadlıq pr. 5', email: 'vekil@example.az' } });
    expect(decideIntake(represented, staff()).answerChannel).toBe('post'); // handed in on paper
    expect(decideIntake({ ...represented, applicant: { ...noContacts, address: 'Gəncə' } }, citizen).answerChannel).toBe('email');
    expect(decideIntake({ ...represented, answerChannel: 'email' }, staff()).answerChannel).toBe('email');
    expect(decideIntake({ ...represented, answerChannel: 'post' }, staff()).answerChannel).toBe('post');
  });

  it('keeps the channel the applicant asked for, and refuses one with nowhere to send to', () => {
    expect(decideIntake(input({ answerChannel: 'in_person' }), citizen).answerChannel).toBe('in_person');
    expect(decideIntake(input({ answerChannel: 'post' }), citizen).answerChannel).toBe('post');
    const noEmail = rejection(input({ applicant: { ...person, email: undefined }, answerChannel: 'email' }), citizen);
    expect(noEmail.code).toBe('APPEAL_CONTACT_REQUIRED');
    expect(fieldsOf(noEmail)).toEqual(['answerChannel']);
    const noAddress = rejection(input({ applicant: { ...person, address: undefined }, answerChannel: 'post' }), citizen);
    expect(fieldsOf(noAddress)).toEqual(['answerChannel']);
  });
});

describe('decideIntake: channels (appeals-rules.md 2)', () => {
  it('accepts a citizen who names the portal channel explicitly', () => {
    expect(decideIntake(input({ channel: 'portal' }), citizen).channel).toBe('portal');
  });

  it.each(CHANNELS.filter((c) => c !== 'portal'))('refuses a citizen who submits through the %s channel', (channel) => {
    const error = rejection(input({ channel }), citizen);
    expect(error.code).toBe('APPEAL_CHANNEL_NOT_ALLOWED');
    expect(fieldsOf(error)).toEqual(['channel']);
  });

  it.each(STAFF)('refuses a %s who registers an appeal as received through the portal', (role) => {
    const error = rejection(input({ channel: 'portal' }), staff(role));
    expect(error.code).toBe('APPEAL_CHANNEL_NOT_ALLOWED');
    expect(fieldsOf(error)).toEqual(['channel']);
  });

  it.each(CHANNELS.filter((c) => c !== 'portal'))('lets staff register an appeal received through the %s channel', (channel) => {
    expect(decideIntake(input({ channel }), staff()).channel).toBe(channel);
  });
});

describe('decideIntake: the registering agency', () => {
  it.each(STAFF)('refuses a %s who registers an appeal for another agency', (role) => {
    const error = rejection(input({ agencyId: OTHER_AGENCY }), staff(role));
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(fieldsOf(error)).toEqual(['agencyId']);
  });

  it('refuses a staff member bound to no agency', () => {
    const error = rejection(input(), { role: 'registrar', actorAgencyId: null, today: TODAY });
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(fieldsOf(error)).toEqual(['agencyId']);
  });

  it('lets a citizen address any agency', () => {
    expect(() => decideIntake(input({ agencyId: OTHER_AGENCY }), citizen)).not.toThrow();
  });
});

describe('decideIntake: receipt date (appeals-rules.md 2)', () => {
  it('refuses a receipt date sent by a citizen, even today', () => {
    const error = rejection(input({ receivedOn: TODAY }), citizen);
    expect(error.code).toBe('APPEAL_RECEIVED_ON_INVALID');
    expect(fieldsOf(error)).toEqual(['receivedOn']);
  });

  it('records an earlier receipt date given by staff, from which the deadlines run', () => {
    expect(decideIntake(input({ channel: 'post', receivedOn: '2026-03-02' }), staff()).receivedOn).toBe('2026-03-02');
  });

  it('accepts a staff receipt date of today', () => {
    expect(decideIntake(input({ receivedOn: TODAY }), staff()).receivedOn).toBe(TODAY);
  });

  it('refuses a receipt date in the future', () => {
    const error = rejection(input({ receivedOn: '2026-03-11' }), staff());
    expect(error.code).toBe('APPEAL_RECEIVED_ON_INVALID');
    expect(fieldsOf(error)).toEqual(['receivedOn']);
  });

  it('accepts the day the law entered into force, 2015-09-30', () => {
    expect(decideIntake(input({ receivedOn: EARLIEST_RECEIPT_DATE }), staff()).receivedOn).toBe('2015-09-30');
  });

  it('refuses a receipt date before the law entered into force', () => {
    const error = rejection(input({ receivedOn: '2015-09-29' }), staff());
    expect(error.code).toBe('APPEAL_RECEIVED_ON_INVALID');
    expect(fieldsOf(error)).toEqual(['receivedOn']);
    expect(error.message).toContain('2015-09-30');
  });

  it('reports both problems when a citizen sends a future receipt date', () => {
    const error = rejection(input({ receivedOn: '2027-01-01' }), citizen);
    expect(error.code).toBe('APPEAL_RECEIVED_ON_INVALID');
    expect(fieldsOf(error)).toEqual(['receivedOn', 'receivedOn']);
  });
});

describe('decideIntake: respondent (appeals-rules.md 12)', () => {
  it('accepts a complaint naming the agency and the official complained about', () => {
    expect(() =>
      decideIntake(input({ type: 'complaint', respondentAgencyId: OTHER_AGENCY, respondentOfficial: 'H. Həsənov' }), citizen),
    ).not.toThrow();
  });

  it.each<AppealType>(['proposal', 'application'])('refuses a respondent agency on a %s', (type) => {
    const error = rejection(input({ type, respondentAgencyId: OTHER_AGENCY }), citizen);
    expect(error.code).toBe('APPEAL_RESPONDENT_NOT_COMPLAINT');
    expect(fieldsOf(error)).toEqual(['respondentAgencyId']);
  });

  it('refuses an account as the respondent official from a citizen (staff only, AOC 594-1.1.2)', () => {
    const error = rejection(input({ type: 'complaint', respondentOfficialId: '00000000-0000-4000-8000-000000000001' }), citizen);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(fieldsOf(error)).toEqual(['respondentOfficialId']);
  });

  it('refuses a respondent official on a proposal, naming respondentOfficial', () => {
    const error = rejection(input({ type: 'proposal', respondentOfficial: 'H. Həsənov' }), citizen);
    expect(error.code).toBe('APPEAL_RESPONDENT_NOT_COMPLAINT');
    expect(fieldsOf(error)).toEqual(['respondentOfficial']);
  });
});

describe('decideIntake: anonymous appeals (Art. 6.4)', () => {
  it('refuses an anonymous portal appeal with APPEAL_ANONYMOUS on the applicant', () => {
    const error = rejection(input({ applicant: { kind: 'natural' } }), citizen);
    expect(error.code).toBe('APPEAL_ANONYMOUS');
    expect(fieldsOf(error)).toEqual(['applicant']);
  });

  it('refuses a portal appeal that gives a name but no address or contact as anonymous', () => {
    const error = rejection(input({ applicant: { kind: 'natural', fullName: 'Ə. Məmmədov' } }), citizen);
    expect(error.code).toBe('APPEAL_ANONYMOUS');
    expect(fieldsOf(error)).toEqual(['applicant']);
  });

  it('lets staff register an anonymous paper appeal, flagged anonymous so that it is closed without notice', () => {
    expect(decideIntake(input({ channel: 'post', applicant: { kind: 'natural' } }), staff())).toEqual({
      channel: 'post',
      receivedOn: TODAY,
      regime: 'standard',
      collective: false,
      anonymous: true,
      answerChannel: 'post',
    });
  });

  it('treats an appeal on a legal person letterhead as not anonymous', () => {
    expect(decideIntake(input({ channel: 'post', applicant: { kind: 'legal', organisationName: 'Xəzər MMC' } }), staff()).anonymous).toBe(
      false,
    );
  });

  it('treats a paper appeal with only a phone number as not anonymous', () => {
    expect(decideIntake(input({ channel: 'phone', applicant: { kind: 'natural', phone: '+994501234567' } }), staff()).anonymous).toBe(
      false,
    );
  });
});

describe('decideIntake: portal identity and contact (Art. 6.3, 6.7)', () => {
  it('accepts a named citizen who gives an e-mail but no postal address', () => {
    const applicant: Party = { kind: 'natural', fullName: 'Ə. Məmmədov', email: 'a@b.az' };
    expect(decideIntake(input({ applicant }), citizen).anonymous).toBe(false);
  });

  it('accepts a named citizen who gives a postal address but no e-mail', () => {
    const applicant: Party = { kind: 'natural', fullName: 'Ə. Məmmədov', address: 'Bakı' };
    expect(decideIntake(input({ applicant }), citizen).anonymous).toBe(false);
  });

  it('refuses a named citizen who gives only a phone, asking for an e-mail or address', () => {
    const error = rejection(input({ applicant: { kind: 'natural', fullName: 'Ə. Məmmədov', phone: '+994501234567' } }), citizen);
    expect(error.code).toBe('APPEAL_CONTACT_REQUIRED');
    expect(fieldsOf(error)).toEqual(['applicant.email']);
  });

  it('refuses an unnamed citizen who gives only an e-mail, pointing at the full name', () => {
    const error = rejection(input({ applicant: { kind: 'natural', email: 'a@b.az' } }), citizen);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(fieldsOf(error)).toEqual(['applicant.fullName']);
  });

  it('accepts a legal person with its name and an e-mail', () => {
    expect(decideIntake(input({ applicant: company }), citizen).anonymous).toBe(false);
  });

  it('refuses a legal person named only by a contact person, pointing at the organisation name', () => {
    const error = rejection(input({ applicant: { kind: 'legal', fullName: 'Ə. Məmmədov', email: 'a@b.az' } }), citizen);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(fieldsOf(error)).toEqual(['applicant.organisationName']);
  });

  it('refuses a portal appeal on letterhead with neither e-mail nor address', () => {
    const error = rejection(input({ applicant: { kind: 'legal', organisationName: 'Xəzər MMC', phone: '+994124000000' } }), citizen);
    expect(error.code).toBe('APPEAL_CONTACT_REQUIRED');
    expect(fieldsOf(error)).toEqual(['applicant.email']);
  });

  it('refuses an organisation name on a natural person', () => {
    const error = rejection(input({ applicant: { ...person, organisationName: 'Xəzər MMC' } }), citizen);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(fieldsOf(error)).toEqual(['applicant.organisationName']);
  });

  it('does not require an e-mail or address from a paper appeal with a phone only', () => {
    const applicant: Party = { kind: 'natural', fullName: 'Ə. Məmmədov', phone: '+994501234567' };
    expect(() => decideIntake(input({ channel: 'phone', applicant }), staff())).not.toThrow();
  });
});

describe('decideIntake: appeals received by e-mail', () => {
  it('refuses an e-mail appeal registered without the sender address', () => {
    const applicant: Party = { kind: 'natural', fullName: 'Ə. Məmmədov', address: 'Bakı' };
    const error = rejection(input({ channel: 'email', applicant }), staff());
    expect(error.code).toBe('APPEAL_CONTACT_REQUIRED');
    expect(fieldsOf(error)).toEqual(['applicant.email']);
  });

  it('accepts an e-mail appeal with the sender address', () => {
    expect(decideIntake(input({ channel: 'email' }), staff()).channel).toBe('email');
  });
});

describe('decideIntake: collective appeals', () => {
  it('marks an appeal with a co-applicant as collective', () => {
    expect(decideIntake(input({ coApplicants: [company] }), citizen).collective).toBe(true);
  });

  it('does not mark an appeal with an empty co-applicant list as collective', () => {
    expect(decideIntake(input({ coApplicants: [] }), citizen).collective).toBe(false);
  });

  it('refuses an anonymous co-applicant, naming its index', () => {
    const error = rejection(input({ coApplicants: [company, { kind: 'natural', fullName: 'Ə. Məmmədov' }] }), citizen);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(fieldsOf(error)).toEqual(['coApplicants.1']);
  });

  it('refuses an organisation name on a natural co-applicant, naming its field', () => {
    const error = rejection(input({ coApplicants: [{ ...person, organisationName: 'Xəzər MMC' }] }), staff());
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(fieldsOf(error)).toEqual(['coApplicants.0.organisationName']);
  });
});

describe('decideIntake: several problems at once', () => {
  it('lists every field at fault in one error, coded by the first problem', () => {
    const error = rejection(
      input({
        type: 'proposal',
        channel: 'post',
        receivedOn: '2026-03-01',
        respondentAgencyId: OTHER_AGENCY,
        applicant: { kind: 'natural' },
      }),
      citizen,
    );
    expect(error.code).toBe('APPEAL_CHANNEL_NOT_ALLOWED');
    expect(fieldsOf(error)).toEqual(['channel', 'receivedOn', 'respondentAgencyId', 'applicant']);
    expect(error.message).toBe('The appeal breaks several intake rules; see errors.');
  });

  it('codes a staff error by the channel problem, which is checked before the agency and the date', () => {
    const error = rejection(input({ agencyId: OTHER_AGENCY, receivedOn: '2026-04-01', channel: 'portal' }), staff());
    expect(error.code).toBe('APPEAL_CHANNEL_NOT_ALLOWED');
    expect(fieldsOf(error)).toEqual(['channel', 'agencyId', 'receivedOn']);
  });

  it('keeps the first specific code even when a generic validation problem follows', () => {
    const error = rejection(input({ receivedOn: '2026-04-01', applicant: { ...person, organisationName: 'X' } }), staff());
    expect(error.code).toBe('APPEAL_RECEIVED_ON_INVALID');
    expect(fieldsOf(error)).toEqual(['receivedOn', 'applicant.organisationName']);
  });

  it('uses the generic code when the first problem is generic', () => {
    const error = rejection(
      input({
        agencyId: OTHER_AGENCY,
        receivedOn: '2014-01-01',
        channel: 'email',
        applicant: { kind: 'natural', fullName: 'A', address: 'B' },
      }),
      staff(),
    );
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(fieldsOf(error)).toEqual(['agencyId', 'receivedOn', 'applicant.email']);
  });

  it('uses the single problem message as the error message when there is only one', () => {
    const error = rejection(input({ agencyId: OTHER_AGENCY }), staff());
    expect(error.errors).toHaveLength(1);
    expect(error.message).toBe(error.errors[0].message);
  });
});

describe('decideIntake: property', () => {
  const dateArb = (min: string, max: string) =>
    fc
      .date({ min: new Date(`${min}T00:00:00Z`), max: new Date(`${max}T00:00:00Z`), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
  const optionalText = fc.option(fc.constantFrom('', ' ', 'Ə. Məmmədov', 'Bakı', 'a@b.az', '+994501234567'), { nil: undefined });
  const partyArb: fc.Arbitrary<Party> = fc.record(
    {
      kind: fc.constantFrom('natural' as const, 'legal' as const),
      fullName: optionalText,
      organisationName: optionalText,
      address: optionalText,
      email: optionalText,
      phone: optionalText,
    },
    { requiredKeys: ['kind'] },
  );
  const agencyArb = fc.constantFrom(OWN_AGENCY, OTHER_AGENCY);
  const inputArb: fc.Arbitrary<IntakeInput> = fc.record(
    {
      type: fc.constantFrom(...APPEAL_TYPES),
      agencyId: agencyArb,
      applicant: partyArb,
      coApplicants: fc.array(partyArb, { maxLength: 3 }),
      respondentAgencyId: agencyArb,
      respondentOfficial: fc.constantFrom('', 'H. Həsənov'),
      channel: fc.constantFrom<Channel>(...CHANNELS),
      receivedOn: dateArb('2010-01-01', '2035-12-31'),
      regime: fc.constantFrom(...REGIMES),
    },
    { requiredKeys: ['type', 'agencyId', 'applicant'] },
  );
  const ctxArb: fc.Arbitrary<IntakeContext> = fc.record({
    role: fc.constantFrom(...ROLES),
    actorAgencyId: fc.option(agencyArb, { nil: null }),
    today: dateArb('2015-09-30', '2035-12-31'),
  });

  it('either decides with a receipt date between 2015-09-30 and today or throws a DomainError naming at least one field', () => {
    fc.assert(
      fc.property(inputArb, ctxArb, (intake, ctx) => {
        let decision;
        try {
          decision = decideIntake(intake, ctx);
        } catch (error) {
          expect(error).toBeInstanceOf(DomainError);
          expect((error as DomainError).errors.length).toBeGreaterThanOrEqual(1);
          return;
        }
        expect(decision.receivedOn <= ctx.today).toBe(true);
        expect(decision.receivedOn >= EARLIEST_RECEIPT_DATE).toBe(true);
        expect(decision.collective).toBe((intake.coApplicants?.length ?? 0) > 0);
        if (ctx.role === 'citizen') {
          expect(decision.channel).toBe('portal');
          expect(decision.anonymous).toBe(false);
        } else {
          expect(decision.channel).not.toBe('portal');
        }
      }),
      { numRuns: 1000 },
    );
  });
});
