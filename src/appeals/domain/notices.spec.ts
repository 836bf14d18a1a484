import { DomainError } from '../../platform/errors/domain-error';
import { CHANNELS, CLOSURE_GROUNDS } from './appeal-types';
import {
  assertDispatchedOn,
  assertLeaveGround,
  FORM_GROUNDS,
  leaveGroundsFor,
  leaveNoticeDelivery,
  noticeTerm,
  NOTICE_WORKING_DAYS,
} from './lifecycle';
import { mailRecipients } from './recipients';

const codeOf = (work: () => unknown): string => {
  try {
    work();
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  throw new Error('expected a DomainError');
};

describe('leaving without consideration: who applies which ground (appeals-rules.md 13)', () => {
  it('gives registrars the form grounds only, officials and supervisors all of them', () => {
    expect(leaveGroundsFor('registrar')).toEqual(['form_defect', 'withdrawn']);
    expect(leaveGroundsFor('official')).toEqual([...CLOSURE_GROUNDS]);
    expect(leaveGroundsFor('supervisor')).toEqual([...CLOSURE_GROUNDS]);
    expect(leaveGroundsFor('citizen')).toEqual([]);
    expect(FORM_GROUNDS).toEqual(['form_defect', 'withdrawn']);
  });

  it('refuses a content ground to a registrar with FORBIDDEN on the field', () => {
    for (const ground of CLOSURE_GROUNDS.filter((g) => !FORM_GROUNDS.includes(g))) {
      expect(codeOf(() => assertLeaveGround(ground, { answeredOnMeritsLastYear: 3 }, 'registrar'))).toBe('FORBIDDEN');
      expect(assertLeaveGround(ground, { answeredOnMeritsLastYear: 3 }, 'official')).toBe(ground);
    }
    expect(assertLeaveGround('form_defect', {}, 'registrar')).toBe('form_defect');
    // An unknown ground is a validation error whoever asks.
    expect(codeOf(() => assertLeaveGround('boring', {}, 'registrar'))).toBe('VALIDATION_FAILED');
  });
});

describe('the notice clock (Art. 8.2; appeals-rules.md 13)', () => {
  it('runs 5 working days from the day of the decision', () => {
    expect(NOTICE_WORKING_DAYS).toBe(5);
    expect(noticeTerm('2026-05-22')).toEqual({ from: '2026-05-22', workingDays: 5 });
    expect(codeOf(() => noticeTerm('22.05.2026'))).toBe('VALIDATION_FAILED');
  });

  it('tells nobody of an anonymous appeal, tells an oral applicant on the spot, else by e-mail, else by post', () => {
    const base = { anonymous: false, ground: 'court_decision' as const, hasEmail: true };
    expect(leaveNoticeDelivery({ ...base, anonymous: true, channel: 'reception' })).toBe('none');
    for (const channel of CHANNELS) {
      const expected = channel === 'reception' || channel === 'phone' ? 'on_the_spot' : 'email';
      expect(leaveNoticeDelivery({ ...base, channel })).toBe(expected);
    }
    expect(leaveNoticeDelivery({ ...base, channel: 'post', hasEmail: false })).toBe('post');
    expect(leaveNoticeDelivery({ ...base, channel: 'in_person', hasEmail: false })).toBe('post');
    // The applicant's own withdrawal needs no letter.
    expect(leaveNoticeDelivery({ ...base, channel: 'post', hasEmail: false, ground: 'withdrawn' })).toBe('none');
  });
});

describe('the answer dispatch day (Art. 7.6)', () => {
  it('is between the receipt and today', () => {
    expect(() => assertDispatchedOn('2026-05-22', '2026-05-20', '2026-05-22')).not.toThrow();
    expect(() => assertDispatchedOn('2026-05-20', '2026-05-20', '2026-05-22')).not.toThrow();
    expect(codeOf(() => assertDispatchedOn('2026-05-23', '2026-05-20', '2026-05-22'))).toBe('VALIDATION_FAILED');
    expect(codeOf(() => assertDispatchedOn('2026-05-19', '2026-05-20', '2026-05-22'))).toBe('VALIDATION_FAILED');
    expect(codeOf(() => assertDispatchedOn('2026-02-30', '2026-01-20', '2026-05-22'))).toBe('VALIDATION_FAILED');
  });
});

describe('who receives the e-mails of a case (appeals-rules.md 1, 16)', () => {
  it("sends to the applicant's own e-mail and to the representative's, each once", () => {
    expect(
      mailRecipients([
        { role: 'applicant', email: 'ali@example.az' },
        { role: 'co_applicant', email: 'veli@example.az' },
        { role: 'representative', email: 'vekil@example.az' },
      ]),
    ).toEqual([
      { to: 'ali@example.az', suffix: '' },
      { to: 'vekil@example.az', suffix: ':representative' },
    ]);
    expect(
      mailRecipients([
        { role: 'applicant', email: 'Ali@Example.az' },
        { role: 'representative', email: 'ali@example.az' },
      ]),
    ).toEqual([{ to: 'Ali@Example.az', suffix: '' }]);
    expect(
      mailRecipients([
        { role: 'applicant', email: null },
        { role: 'representative', email: 'vekil@example.az' },
      ]),
    ).toEqual([{ to: 'vekil@example.az', suffix: '' }]);
    expect(mailRecipients([{ role: 'applicant' }])).toEqual([]);
  });
});
