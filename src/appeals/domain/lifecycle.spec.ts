import fc from 'fast-check';
import { Role, ROLES } from '../../auth/actor';
import { DomainError } from '../../platform/errors/domain-error';
import { ERROR_CODES } from '../../platform/errors/error-codes';
import { APPEAL_STATUSES, AppealStatus, CHANNELS } from './appeal-types';
import {
  allowedTransitions,
  ANSWER_MAX_LENGTH,
  assertAcceptsDocuments,
  ANSWER_MIN_LENGTH,
  assertLeaveGround,
  assertNotRespondent,
  assertOtherAgencies,
  assertReopenable,
  assertTransition,
  assertUnassigned,
  CLOSED_STATUSES,
  isAboutHead,
  isRepeatedEligible,
  nextStatus,
  NOTICE_WORKING_DAYS,
  leaveNoticeDelivery,
  referralOnTime,
  RespondentFacts,
  sameOfficialName,
  statusAfter,
  TRANSITION_NAMES,
  TransitionName,
  TRANSITIONS,
  validateAnswerText,
} from './lifecycle';

const errorOf = (work: () => unknown): DomainError => {
  try {
    work();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
};
const codeOf = (work: () => unknown): string => errorOf(work).code;

describe('the transition table', () => {
  it('is the one the product decided (a change here is a change of the public behaviour)', () => {
    const working = ['registered', 'in_review'];
    const staff = ['registrar', 'official', 'supervisor'];
    expect(TRANSITIONS).toEqual({
      assign: { from: working, to: 'in_review', actors: ['registrar', 'supervisor'] },
      take: { from: working, to: 'in_review', actors: ['official'] },
      refer: { from: working, to: 'referred', actors: staff },
      copy: { from: working, to: 'same', actors: staff },
      additionalStudy: { from: working, to: 'same', actors: ['official', 'supervisor'] },
      extend: { from: working, to: 'same', actors: ['official', 'supervisor'] },
      answer: { from: working, to: 'answered', actors: ['official', 'supervisor'] },
      leaveWithoutConsideration: { from: working, to: 'left_without_consideration', actors: staff },
      reopen: { from: ['left_without_consideration'], to: 'in_review', actors: staff },
      withdraw: { from: working, to: 'left_without_consideration', actors: ['citizen'] },
      feedback: { from: ['answered'], to: 'same', actors: ['citizen'] },
      changeRegime: { from: working, to: 'same', actors: staff },
      merge: { from: working, to: 'same', actors: staff },
    });
    expect(Object.keys(TRANSITIONS)).toEqual([...TRANSITION_NAMES]);
  });

  it('gives the admin no action on a case and leaves a referred case (sender side) terminal', () => {
    for (const status of APPEAL_STATUSES) expect(allowedTransitions(status, 'admin')).toEqual([]);
    for (const role of ROLES) expect(allowedTransitions('referred', role)).toEqual([]);
  });

  it('uses only codes the error table maps, each to 403 or 422', () => {
    for (const code of [
      'TRANSITION_NOT_ALLOWED',
      'WITHDRAWAL_NOT_ALLOWED',
      'REOPEN_NOT_ALLOWED',
      'REFERRAL_TO_RESPONDENT_FORBIDDEN',
      'ANSWER_TOO_SHORT',
      'ANSWER_NOT_IN_AZERBAIJANI',
    ] as const) {
      expect(ERROR_CODES[code]).toBe(422);
    }
    expect(ERROR_CODES.FORBIDDEN).toBe(403);
  });
});

type Case = [TransitionName, AppealStatus, Role, string];
const cases: Case[] = TRANSITION_NAMES.flatMap((name) =>
  APPEAL_STATUSES.flatMap((status) =>
    ROLES.map((role): Case => {
      const rule = TRANSITIONS[name];
      const expected = !rule.actors.includes(role)
        ? 'FORBIDDEN'
        : !rule.from.includes(status)
          ? name === 'withdraw'
            ? 'WITHDRAWAL_NOT_ALLOWED'
            : 'TRANSITION_NOT_ALLOWED'
          : 'allowed';
      return [name, status, role, expected];
    }),
  ),
);

describe('assertTransition: every transition x status x role', () => {
  it('covers 13 transitions x 5 statuses x 5 roles', () => {
    expect(cases).toHaveLength(TRANSITION_NAMES.length * APPEAL_STATUSES.length * ROLES.length);
    expect(cases).toHaveLength(325);
  });

  it.each(cases)('%s from %s by %s: %s', (name, status, role, expected) => {
    if (expected === 'allowed') {
      const to = TRANSITIONS[name].to;
      expect(assertTransition(name, status, role)).toBe(to === 'same' ? status : to);
      expect(allowedTransitions(status, role)).toContain(name);
    } else {
      const error = errorOf(() => assertTransition(name, status, role));
      expect(error.code).toBe(expected);
      expect(error.message.length).toBeGreaterThan(10);
      expect(allowedTransitions(status, role)).not.toContain(name);
    }
  });
});

describe('allowedTransitions (for UIs)', () => {
  const expected: Partial<Record<`${AppealStatus}/${Role}`, TransitionName[]>> = {
    'registered/registrar': ['assign', 'refer', 'copy', 'leaveWithoutConsideration', 'changeRegime', 'merge'],
    'registered/official': [
      'take',
      'refer',
      'copy',
      'additionalStudy',
      'extend',
      'answer',
      'leaveWithoutConsideration',
      'changeRegime',
      'merge',
    ],
    'in_review/supervisor': [
      'assign',
      'refer',
      'copy',
      'additionalStudy',
      'extend',
      'answer',
      'leaveWithoutConsideration',
      'changeRegime',
      'merge',
    ],
    'registered/citizen': ['withdraw'],
    'in_review/citizen': ['withdraw'],
    'answered/citizen': ['feedback'],
    'left_without_consideration/official': ['reopen'],
  };
  const all = APPEAL_STATUSES.flatMap((status) => ROLES.map((role) => [status, role] as const));

  it.each(all)('in %s for a %s', (status, role) => {
    expect(allowedTransitions(status, role)).toEqual(expected[`${status}/${role}`] ?? allowedTransitions(status, role));
    expect(allowedTransitions(status, role)).toEqual(
      TRANSITION_NAMES.filter((name) => TRANSITIONS[name].from.includes(status) && TRANSITIONS[name].actors.includes(role)),
    );
  });

  it('offers nothing to staff on an answered case and nothing but feedback to the applicant', () => {
    for (const role of ['registrar', 'official', 'supervisor'] as const) expect(allowedTransitions('answered', role)).toEqual([]);
    expect(allowedTransitions('left_without_consideration', 'citizen')).toEqual([]);
  });
});

describe('take: an official takes only a case nobody handles', () => {
  it('passes an unassigned case and refuses one with an executor as CONFLICT (409) on executorId', () => {
    expect(() => assertUnassigned(null)).not.toThrow();
    const error = errorOf(() => assertUnassigned('user-colleague'));
    expect(error.code).toBe('CONFLICT');
    expect(ERROR_CODES[error.code]).toBe(409);
    expect(error.message).toContain('reassign');
  });

  it('is for officials only: supervisors assign (themselves too), registrars are no executors', () => {
    expect(assertTransition('take', 'registered', 'official')).toBe('in_review');
    for (const role of ['registrar', 'supervisor', 'citizen', 'admin'] as const) {
      expect(codeOf(() => assertTransition('take', 'registered', role))).toBe('FORBIDDEN');
    }
  });
});

describe('assertTransition: messages and special cases', () => {
  it('checks the role before the status', () => {
    expect(codeOf(() => assertTransition('answer', 'answered', 'citizen'))).toBe('FORBIDDEN');
  });

  it('tells the applicant why a withdrawal is refused', () => {
    expect(errorOf(() => assertTransition('withdraw', 'referred', 'citizen')).message).toContain('withdraw it there');
    expect(errorOf(() => assertTransition('withdraw', 'answered', 'citizen')).message).toContain('already answered');
  });

  it('names the current status and the allowed ones', () => {
    const { message } = errorOf(() => assertTransition('answer', 'left_without_consideration', 'official'));
    expect(message).toContain('left without consideration');
    expect(message).toContain('registered, in_review');
  });

  it('keeps in_review on a reassignment and the status on term changes, copies and feedback', () => {
    expect(nextStatus('assign', 'in_review')).toBe('in_review');
    expect(nextStatus('assign', 'registered')).toBe('in_review');
    expect(nextStatus('take', 'registered')).toBe('in_review');
    expect(nextStatus('take', 'in_review')).toBe('in_review');
    expect(nextStatus('extend', 'registered')).toBe('registered');
    expect(nextStatus('copy', 'in_review')).toBe('in_review');
    expect(nextStatus('feedback', 'answered')).toBe('answered');
  });

  it('gives the status each transition writes (what case handling stores), none for the recording ones', () => {
    const written = Object.fromEntries(TRANSITION_NAMES.map((name) => [name, statusAfter(name)]));
    expect(written).toEqual({
      assign: 'in_review',
      take: 'in_review',
      refer: 'referred',
      copy: undefined,
      additionalStudy: undefined,
      extend: undefined,
      answer: 'answered',
      leaveWithoutConsideration: 'left_without_consideration',
      reopen: 'in_review',
      withdraw: 'left_without_consideration',
      feedback: undefined,
      changeRegime: undefined,
      merge: undefined,
    });
    // Wherever a transition is allowed, nextStatus agrees with what is written.
    for (const name of TRANSITION_NAMES) {
      for (const from of TRANSITIONS[name].from) expect(nextStatus(name, from)).toBe(statusAfter(name) ?? from);
    }
  });
});

describe('lifecycle property (fast-check)', () => {
  const step = fc.record({ name: fc.constantFrom(...TRANSITION_NAMES), role: fc.constantFrom(...ROLES) });

  it('from registered, any sequence of allowed transitions stays in the statuses; closed ones move only by reopen', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        let status: AppealStatus = 'registered';
        for (const { name, role } of steps) {
          const allowed = allowedTransitions(status, role).includes(name);
          if (!allowed) {
            expect(() => assertTransition(name, status, role)).toThrow(DomainError);
            continue;
          }
          const next = assertTransition(name, status, role);
          expect(APPEAL_STATUSES).toContain(next);
          if (next !== status) {
            expect(status).not.toBe('referred');
            if (CLOSED_STATUSES.includes(status)) {
              expect(name).toBe('reopen');
              expect(status).toBe('left_without_consideration');
            }
          }
          status = next;
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('only withdraw, answer, refer and leaveWithoutConsideration close a working case', () => {
    fc.assert(
      fc.property(fc.constantFrom<AppealStatus>('registered', 'in_review'), step, (status, { name, role }) => {
        if (!allowedTransitions(status, role).includes(name)) return;
        const next = nextStatus(name, status);
        if (next !== 'registered' && next !== 'in_review') {
          expect(['withdraw', 'answer', 'refer', 'leaveWithoutConsideration']).toContain(name);
        }
      }),
    );
  });
});

describe('assertNotRespondent (Administrative Offences Code 594-1.1.2, appeals-rules.md 12)', () => {
  const complaint: RespondentFacts = { type: 'complaint', respondentAgencyId: 'mtax', respondentOfficial: 'Əliyev Vüqar Rəşid oğlu' };
  const aboutHead: RespondentFacts = { type: 'complaint', respondentAgencyId: 'mtax', respondentOfficial: 'Nazir Məmmədov Samir' };
  const refuse = (work: () => unknown, field: string) => {
    const error = errorOf(work);
    expect(error.code).toBe('REFERRAL_TO_RESPONDENT_FORBIDDEN');
    expect(error.errors).toEqual([{ field, message: expect.stringContaining('594-1.1.2') }]);
  };

  it('refuses a referral or a copy to the agency complained about', () => {
    refuse(() => assertNotRespondent(complaint, { agencyId: 'mtax', agencyParentChain: ['cabinet'] }), 'toAgencyId');
    refuse(() => assertNotRespondent(complaint, { agencyId: 'mtax', agencyParentChain: [], action: 'copy' }), 'agencyIds');
  });

  it('allows a referral to another agency, to a body above the respondent, and any target for non-complaints', () => {
    expect(() => assertNotRespondent(complaint, { agencyId: 'mia', agencyParentChain: ['cabinet'] })).not.toThrow();
    expect(() => assertNotRespondent(complaint, { agencyId: 'cabinet', agencyParentChain: [] })).not.toThrow();
    expect(() => assertNotRespondent({ ...complaint, type: 'application' }, { agencyId: 'mtax', agencyParentChain: [] })).not.toThrow();
    expect(() =>
      assertNotRespondent(
        { type: 'complaint', respondentAgencyId: null, respondentOfficial: null },
        { agencyId: 'mtax', agencyParentChain: [] },
      ),
    ).not.toThrow();
  });

  it('refuses assigning to the official complained about, whatever the word order, case or initials', () => {
    for (const officialName of ['Əliyev Vüqar Rəşid oğlu', 'VÜQAR ƏLİYEV', 'Əliyev V.', '  əliyev   vüqar ']) {
      refuse(() => assertNotRespondent(complaint, { agencyId: 'mtax', officialName, agencyParentChain: [] }), 'executorId');
    }
  });

  it('refuses assigning to the account named as the respondent official, whatever name the account shows', () => {
    const named: RespondentFacts = {
      type: 'complaint',
      respondentAgencyId: null,
      respondentOfficial: null,
      respondentOfficialId: 'user-respondent',
    };
    refuse(
      () => assertNotRespondent(named, { agencyId: 'mia', officialName: 'Başqa Ad', officialId: 'user-respondent', agencyParentChain: [] }),
      'executorId',
    );
    expect(() =>
      assertNotRespondent(named, { agencyId: 'mia', officialName: 'Başqa Ad', officialId: 'user-colleague', agencyParentChain: [] }),
    ).not.toThrow();
  });

  it('allows assigning a complaint about an ordinary official to a colleague in the same agency', () => {
    for (const officialName of ['Həsənova Leyla', 'Əliyev Kamran', 'Əliyev']) {
      expect(() => assertNotRespondent(complaint, { agencyId: 'mtax', officialName, agencyParentChain: [] })).not.toThrow();
    }
  });

  it('treats a namesake in another agency as another person, but not when the complaint names no agency', () => {
    expect(() => assertNotRespondent(complaint, { agencyId: 'mia', officialName: 'Əliyev Vüqar', agencyParentChain: [] })).not.toThrow();
    refuse(
      () =>
        assertNotRespondent(
          { ...complaint, respondentAgencyId: null },
          { agencyId: 'mia', officialName: 'Əliyev Vüqar', agencyParentChain: [] },
        ),
      'executorId',
    );
  });

  it('refuses a body under the respondent agency when its head is complained about (default on)', () => {
    refuse(() => assertNotRespondent(aboutHead, { agencyId: 'mtax-baku', agencyParentChain: ['mtax', 'cabinet'] }), 'toAgencyId');
    refuse(
      () => assertNotRespondent(aboutHead, { agencyId: 'mtax-baku-1', agencyParentChain: ['mtax-baku', 'mtax'], action: 'copy' }),
      'agencyIds',
    );
    refuse(
      () => assertNotRespondent(aboutHead, { agencyId: 'mtax', officialName: 'Həsənova Leyla', agencyParentChain: ['cabinet'] }),
      'executorId',
    );
    expect(() => assertNotRespondent(aboutHead, { agencyId: 'cabinet', agencyParentChain: [] })).not.toThrow();
  });

  it('allows subordinate bodies when the option is off, or when the respondent is not the head', () => {
    const options = { forbidSubordinateWhenHeadIsRespondent: false };
    expect(() => assertNotRespondent(aboutHead, { agencyId: 'mtax-baku', agencyParentChain: ['mtax'] }, options)).not.toThrow();
    expect(() =>
      assertNotRespondent(aboutHead, { agencyId: 'mtax', officialName: 'Həsənova Leyla', agencyParentChain: [] }, options),
    ).not.toThrow();
    expect(() => assertNotRespondent(complaint, { agencyId: 'mtax-baku', agencyParentChain: ['mtax'] })).not.toThrow();
    expect(() =>
      assertNotRespondent({ ...complaint, respondentOfficial: null }, { agencyId: 'mtax-baku', agencyParentChain: ['mtax'] }),
    ).not.toThrow();
  });

  it('lets an explicit head flag override the title heuristic', () => {
    expect(() =>
      assertNotRespondent({ ...complaint, respondentIsHead: true }, { agencyId: 'mtax-baku', agencyParentChain: ['mtax'] }),
    ).toThrow(DomainError);
    expect(() =>
      assertNotRespondent({ ...aboutHead, respondentIsHead: false }, { agencyId: 'mtax-baku', agencyParentChain: ['mtax'] }),
    ).not.toThrow();
  });

  it('uses a configured title pattern', () => {
    const options = { headTitlePattern: /baş məsləhətçi/u };
    const facts = { ...complaint, respondentOfficial: 'Baş məsləhətçi Əliyev Vüqar' };
    expect(() => assertNotRespondent(facts, { agencyId: 'mtax-baku', agencyParentChain: ['mtax'] }, options)).toThrow(DomainError);
    expect(() => assertNotRespondent(facts, { agencyId: 'mtax-baku', agencyParentChain: ['mtax'] })).not.toThrow();
  });

  it.each([
    ['Nazir Məmmədov Samir', true],
    ['nazir müavini Quliyev', true],
    ['İcra hakimiyyətinin başçısı', true],
    ['İCRA HAKİMİYYƏTİNİN BAŞÇISI', true],
    ['Rəis Həsənov', true],
    ['Departamentin müdiri', true],
    ['Baş direktor', true],
    ['Head of the State Tax Service', true],
    ['Начальник управления', true],
    ['Nazirliyin əməkdaşı Əliyev', false],
    ['Nazirlik', false],
    ['Direktorluğun mütəxəssisi', false],
    ['Baş məsləhətçi Əliyev Vüqar', false],
    ['Əliyev Vüqar', false],
    ['Headquarters clerk', false],
  ])('counts %s as the head: %s', (respondentOfficial, head) => {
    expect(isAboutHead({ type: 'complaint', respondentAgencyId: 'a', respondentOfficial })).toBe(head);
  });

  it('compares names word by word, not as substrings of one word', () => {
    expect(sameOfficialName('Əliyev Vüqar', 'Vüqar Əliyev')).toBe(true);
    expect(sameOfficialName('Əliyev', 'Əliyev')).toBe(true);
    expect(sameOfficialName('Əliyev', 'Əliyev Vüqar')).toBe(false);
    expect(sameOfficialName('V. Ə.', 'Vüqar Əliyev')).toBe(false);
    expect(sameOfficialName('', 'Vüqar Əliyev')).toBe(false);
    expect(sameOfficialName('Test official', 'Test official')).toBe(true);
  });
});

describe('referralOnTime (Art. 7.10: within 3 working days of receipt)', () => {
  // The calendar (elsewhere) gives the due date; here: received 2026-05-22, due 2026-05-27.
  it.each([
    ['2026-05-22', true],
    ['2026-05-26', true],
    ['2026-05-27', true],
    ['2026-05-28', false],
    ['2026-06-30', false],
  ])('referred on %s: on time %s', (referredOn, onTime) => {
    expect(referralOnTime('2026-05-22', referredOn, '2026-05-27')).toBe(onTime);
  });

  it('refuses impossible or malformed dates', () => {
    expect(errorOf(() => referralOnTime('2026-05-22', '2026-05-21', '2026-05-27')).errors[0].field).toBe('referredOn');
    expect(errorOf(() => referralOnTime('2026-05-22', '2026-05-22', '2026-05-21')).errors[0].field).toBe('referralDueDate');
    expect(errorOf(() => referralOnTime('2026-02-30', '2026-03-02', '2026-03-04')).errors[0].field).toBe('receivedOn');
    expect(codeOf(() => referralOnTime('2026-05-22', '27.05.2026', '2026-05-27'))).toBe('VALIDATION_FAILED');
  });
});

describe('assertOtherAgencies (Art. 7.10)', () => {
  it('needs at least one agency, not the current one, each once', () => {
    expect(() => assertOtherAgencies('mtax', ['mia', 'moe'], 'agencyIds')).not.toThrow();
    expect(codeOf(() => assertOtherAgencies('mtax', [], 'agencyIds'))).toBe('VALIDATION_FAILED');
    expect(errorOf(() => assertOtherAgencies('mtax', ['mtax'], 'toAgencyId')).errors[0].field).toBe('toAgencyId');
    expect(codeOf(() => assertOtherAgencies('mtax', ['mia', 'mia'], 'agencyIds'))).toBe('VALIDATION_FAILED');
  });
});

describe('validateAnswerText (Art. 7.5, 7.6)', () => {
  const az = 'Hörmətli müraciətçi, şikayətiniz araşdırılmış, elektron bəyannamənizin qəbulu ilə bağlı texniki xəta aradan qaldırılmışdır.';
  const en = 'Dear applicant, your complaint was reviewed and the technical problem with your declaration is fixed now.';

  it('returns the trimmed text of a reasoned answer in Azerbaijani', () => {
    expect(validateAnswerText(`  ${az}\n`)).toBe(az);
  });

  it('refuses an answer shorter than the minimum after trimming', () => {
    const error = errorOf(() => validateAnswerText(`   ${'ə'.repeat(ANSWER_MIN_LENGTH - 1)}   `));
    expect(error).toMatchObject({ code: 'ANSWER_TOO_SHORT', errors: [{ field: 'text' }] });
    expect(validateAnswerText('ə'.repeat(ANSWER_MIN_LENGTH))).toHaveLength(ANSWER_MIN_LENGTH);
  });

  it('refuses an answer longer than the maximum', () => {
    expect(validateAnswerText('ə'.repeat(ANSWER_MAX_LENGTH))).toHaveLength(ANSWER_MAX_LENGTH);
    expect(errorOf(() => validateAnswerText('ə'.repeat(ANSWER_MAX_LENGTH + 1)))).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ field: 'text' }],
    });
  });

  it('refuses a long answer without any Azerbaijani letter, naming the field text', () => {
    expect(errorOf(() => validateAnswerText(en))).toMatchObject({ code: 'ANSWER_NOT_IN_AZERBAIJANI', errors: [{ field: 'text' }] });
    expect(
      codeOf(() =>
        validateAnswerText('Hormetli muraciet edici, shikayetiniz arashdirilmish ve texniki xeta aradan qaldirilmishdir. Tesekkur edirik.'),
      ),
    ).toBe('ANSWER_NOT_IN_AZERBAIJANI');
  });

  it('accepts a text up to 80 characters without those letters (too short to judge)', () => {
    expect(validateAnswerText('a'.repeat(80))).toHaveLength(80);
    expect(codeOf(() => validateAnswerText('a'.repeat(81)))).toBe('ANSWER_NOT_IN_AZERBAIJANI');
  });

  it.each(['ə', 'Ə', 'ğ', 'Ğ', 'ı', 'İ', 'ş', 'Ş', 'ç', 'Ç', 'ö', 'Ö', 'ü', 'Ü'])('accepts a long text with the letter %s', (letter) => {
    expect(() => validateAnswerText(`${'a'.repeat(100)}${letter}`)).not.toThrow();
  });

  it('does not count plain I (English) but counts a letter typed with a combining mark', () => {
    expect(codeOf(() => validateAnswerText(`I ${'a'.repeat(100)}`))).toBe('ANSWER_NOT_IN_AZERBAIJANI');
    expect(validateAnswerText(`${'a'.repeat(100)}s\u0327`)).toBe(`${'a'.repeat(100)}ş`);
  });
});

describe('leaving without consideration and reopening (Art. 8.1-8.3)', () => {
  it('sends the notice within 5 working days, never for an anonymous appeal', () => {
    expect(NOTICE_WORKING_DAYS).toBe(5);
    for (const channel of CHANNELS) {
      for (const hasEmail of [true, false]) {
        expect(leaveNoticeDelivery({ anonymous: true, channel, ground: 'form_defect', hasEmail })).toBe('none');
        expect(leaveNoticeDelivery({ anonymous: false, channel, ground: 'form_defect', hasEmail })).not.toBe('none');
      }
    }
  });

  it('treats an appeal as repeated after 3 answers on the merits within a year (8.1.4)', () => {
    expect([0, 1, 2, 3, 4].map(isRepeatedEligible)).toEqual([false, false, false, true, true]);
    expect(codeOf(() => isRepeatedEligible(-1))).toBe('VALIDATION_FAILED');
    expect(codeOf(() => isRepeatedEligible(2.5))).toBe('VALIDATION_FAILED');
  });

  it('accepts the API grounds and needs the count for repeated', () => {
    expect(assertLeaveGround('excluded_subject')).toBe('excluded_subject');
    expect(assertLeaveGround('withdrawn')).toBe('withdrawn');
    expect(assertLeaveGround('repeated', { answeredOnMeritsLastYear: 3 })).toBe('repeated');
    expect(errorOf(() => assertLeaveGround('repeated', { answeredOnMeritsLastYear: 2 })).errors[0].field).toBe('ground');
    expect(codeOf(() => assertLeaveGround('repeated'))).toBe('VALIDATION_FAILED');
    expect(codeOf(() => assertLeaveGround('bored'))).toBe('VALIDATION_FAILED');
  });

  it('reopens when the ground disappears, but never a withdrawn appeal', () => {
    for (const ground of ['excluded_subject', 'form_defect', 'court_decision', 'repeated', 'cannot_decide', null] as const) {
      expect(() => assertReopenable(ground)).not.toThrow();
    }
    expect(codeOf(() => assertReopenable('withdrawn'))).toBe('REOPEN_NOT_ALLOWED');
  });
});

describe('documents', () => {
  it.each(APPEAL_STATUSES.map((status) => [status]))('accepts documents in %s only while the agency works on it', (status) => {
    if (status === 'registered' || status === 'in_review') expect(() => assertAcceptsDocuments(status)).not.toThrow();
    else expect(codeOf(() => assertAcceptsDocuments(status))).toBe('APPEAL_CLOSED');
  });
});
