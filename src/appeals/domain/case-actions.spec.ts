import { DomainError } from '../../platform/errors/domain-error';
import { allowedActions, assertAction, CaseActionFacts, isActionAllowed } from './case-actions';

const DUE = '2026-04-02T23:59:59+04:00';
const RUNNING = new Date('2026-03-20T10:00:00+04:00');
const EXPIRED = new Date('2026-04-03T09:00:00+04:00');

const facts = (overrides: Partial<CaseActionFacts> = {}): CaseActionFacts => ({
  status: 'in_review',
  regime: 'standard',
  reviewTermFrom: '2026-03-02',
  reviewTermWorkingDays: 15,
  extensionWorkingDays: 0,
  reviewDueAt: DUE,
  // In review: someone handles it already (take is for unassigned cases only).
  executorId: 'user-official',
  ...overrides,
});

const codeOf = (work: () => unknown): string => {
  try {
    work();
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  throw new Error('expected a DomainError');
};

describe('allowedActions: the lifecycle table and the term rules, for the services and the pages alike', () => {
  it('offers an official the whole running 15-day term: study, extension, answer, and the rest', () => {
    expect(allowedActions('official', facts(), RUNNING)).toEqual([
      'refer',
      'copy',
      'additionalStudy',
      'extend',
      'answer',
      'leaveWithoutConsideration',
      'changeRegime',
      'merge',
    ]);
  });

  it('no additional study once ordered; the one extension still', () => {
    const studied = facts({ reviewTermWorkingDays: 30 });
    expect(allowedActions('official', studied, RUNNING)).not.toContain('additionalStudy');
    expect(allowedActions('official', studied, RUNNING)).toContain('extend');
  });

  it('neither after an extension: study comes before any extension, and an extension is once', () => {
    const extended = facts({ reviewTermWorkingDays: 30, extensionWorkingDays: 5 });
    const offered = allowedActions('supervisor', extended, RUNNING);
    expect(offered).not.toContain('additionalStudy');
    expect(offered).not.toContain('extend');
    expect(offered).toEqual(expect.arrayContaining(['assign', 'answer', 'refer']));
    expect(allowedActions('official', facts({ extensionWorkingDays: 5 }), RUNNING)).not.toContain('additionalStudy');
  });

  it('after the due instant: no term changes at all, the case can still be answered (late)', () => {
    const offered = allowedActions('official', facts(), EXPIRED);
    expect(offered).not.toContain('additionalStudy');
    expect(offered).not.toContain('extend');
    expect(offered).toEqual(expect.arrayContaining(['answer', 'leaveWithoutConsideration', 'refer']));
    expect(codeOf(() => assertAction('extend', 'official', facts(), EXPIRED))).toBe('TERM_EXPIRED');
    expect(codeOf(() => assertAction('additionalStudy', 'official', facts(), EXPIRED))).toBe('TERM_EXPIRED');
  });

  it('never for special regimes (Art. 10.3, 10.4)', () => {
    for (const regime of ['military', 'urgent'] as const) {
      const special = facts({ regime, reviewTermWorkingDays: regime === 'urgent' ? null : 15 });
      expect(allowedActions('official', special, RUNNING)).not.toContain('extend');
      expect(allowedActions('official', special, RUNNING)).not.toContain('additionalStudy');
    }
  });

  it("reopens a case left without consideration, never the applicant's own withdrawal (Art. 8.3)", () => {
    const closed = facts({ status: 'left_without_consideration', closureGround: 'form_defect' });
    expect(allowedActions('registrar', closed, EXPIRED)).toEqual(['reopen']);
    const withdrawn = facts({ status: 'left_without_consideration', closureGround: 'withdrawn' });
    expect(allowedActions('supervisor', withdrawn, RUNNING)).toEqual([]);
    expect(codeOf(() => assertAction('reopen', 'official', withdrawn, RUNNING))).toBe('REOPEN_NOT_ALLOWED');
  });

  it("lets an official take an open case nobody handles yet, never a colleague's (409) nor a closed one", () => {
    const unassigned = facts({ status: 'registered', executorId: null });
    expect(allowedActions('official', unassigned, RUNNING)[0]).toBe('take');
    expect(assertAction('take', 'official', unassigned, EXPIRED)).toBe('in_review');
    expect(allowedActions('official', facts(), RUNNING)).not.toContain('take');
    expect(codeOf(() => assertAction('take', 'official', facts(), RUNNING))).toBe('CONFLICT');
    expect(codeOf(() => assertAction('take', 'official', facts({ executorId: 'someone-else', status: 'registered' }), RUNNING))).toBe(
      'CONFLICT',
    );
    expect(codeOf(() => assertAction('take', 'official', facts({ status: 'answered', executorId: null }), RUNNING))).toBe(
      'TRANSITION_NOT_ALLOWED',
    );
    // Supervisors assign (to themselves too); registrars are no executors; citizens nothing.
    for (const role of ['registrar', 'supervisor', 'citizen', 'admin'] as const) {
      expect(codeOf(() => assertAction('take', role, unassigned, RUNNING))).toBe('FORBIDDEN');
      expect(allowedActions(role, unassigned, RUNNING)).not.toContain('take');
    }
  });

  it('keeps the table first: the role (403), then the status (422)', () => {
    expect(codeOf(() => assertAction('extend', 'registrar', facts(), RUNNING))).toBe('FORBIDDEN');
    expect(codeOf(() => assertAction('extend', 'official', facts({ status: 'answered' }), RUNNING))).toBe('TRANSITION_NOT_ALLOWED');
    expect(assertAction('answer', 'official', facts(), EXPIRED)).toBe('answered');
    expect(isActionAllowed('withdraw', 'citizen', facts(), EXPIRED)).toBe(true);
  });

  it('agrees with assertAction for every action, role and moment', () => {
    const moments = [RUNNING, new Date(DUE), EXPIRED];
    const cases = [
      facts(),
      facts({ reviewTermWorkingDays: 30 }),
      facts({ extensionWorkingDays: 10 }),
      facts({ status: 'registered' }),
      facts({ status: 'registered', executorId: null }),
      facts({ executorId: null }),
      facts({ status: 'left_without_consideration' }),
      facts({ status: 'left_without_consideration', closureGround: 'withdrawn' }),
      facts({ regime: 'military' }),
    ];
    for (const now of moments) {
      for (const c of cases) {
        for (const role of ['citizen', 'registrar', 'official', 'supervisor', 'admin'] as const) {
          const offered = allowedActions(role, c, now);
          for (const name of offered) expect(() => assertAction(name, role, c, now)).not.toThrow();
        }
      }
    }
  });
});
